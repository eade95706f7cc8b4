#!/usr/bin/env bash
# Builds the LMC Explorer installer from a clean clone:
#   1. the shaded jar (mvn package -DskipTests), unless --skip-build;
#   2. a Java runtime holding only the modules the app needs (jdeps + jlink: no debug info, no man pages,
#      no headers, no java/keytool commands, compressed);
#   3. a jpackage app image: bin/lmcx launcher, lib/app/lmcx.jar, lib/app/assets/demo, lib/runtime;
#   4. a .deb (jpackage --type deb) that installs to /opt/lmcx, adds a menu entry, file associations for
#      .safetensors and .lmcx.json sessions, and /usr/bin/lmcx. Skipped with --app-image-only.
#
# Usage: installer/build.sh [--app-image-only] [--skip-build] [--build-dir DIR] [--out DIR]
#   --build-dir DIR  Maven build directory (-Dlmcx.buildDir); default <repo>/target
#   --out DIR        where runtime/, image/lmcx/ and the .deb go; default <build-dir>/installer
#   --skip-build     use the existing <build-dir>/lmcx.jar
# Environment: MVN (default mvn), MVN_ARGS (default "-q"; add -o for offline), JAVA_HOME (default: the JDK
#   that holds the jlink on PATH), EXTRA_MODULES (comma-separated modules to add to the runtime),
#   JAVA_OPTIONS (launcher JVM options; default below), JPACKAGE_ARGS (extra jpackage options, e.g. --verbose),
#   DPKG_DEB_COMPRESSOR_TYPE (default gzip; xz is ~2 % smaller and much slower).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"

app_image_only=0
skip_build=0
build_dir="$repo/target"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --app-image-only) app_image_only=1 ;;
    --skip-build) skip_build=1 ;;
    --build-dir) build_dir="$2"; shift ;;
    --build-dir=*) build_dir="${1#*=}" ;;
    --out) out="$2"; shift ;;
    --out=*) out="${1#*=}" ;;
    -h|--help) sed -n "2,18p" "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$build_dir"
build_dir="$(cd "$build_dir" && pwd)"
out="${out:-$build_dir/installer}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

log() { printf '[build.sh %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }
start=$(date +%s)

# ---- tools ---------------------------------------------------------------------------------------------
# jlink/jpackage/jdeps come with the full JDK (Debian: openjdk-17-jdk); jlink also needs the jmods
# (Debian: openjdk-17-jmods). The .deb needs fakeroot and dpkg-deb; stripping needs binutils.
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/jlink" ]; then
  if command -v jlink >/dev/null 2>&1; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")"
  fi
fi
missing=()
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ] || missing+=(openjdk-17-jdk)
[ -n "${JAVA_HOME:-}" ] && [ -f "$JAVA_HOME/jmods/java.base.jmod" ] || missing+=(openjdk-17-jmods)
command -v objcopy >/dev/null 2>&1 || missing+=(binutils)
if [ "$app_image_only" = 0 ]; then
  command -v fakeroot >/dev/null 2>&1 || missing+=(fakeroot)
  command -v dpkg-deb >/dev/null 2>&1 || missing+=(dpkg)
fi
if [ "$skip_build" = 0 ]; then
  command -v "${MVN:-mvn}" >/dev/null 2>&1 || missing+=(maven)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")"
  else
    die "missing: ${missing[*]}. Install them (e.g. sudo apt-get install ${missing[*]}) and run again."
  fi
fi
export JAVA_HOME
jver="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${jver%%.*}" -ge 17 ] 2>/dev/null || die "JDK 17 or newer needed, $JAVA_HOME is $jver"
log "JDK $jver at $JAVA_HOME; output in $out"

# ---- 1. the jar --------------------------------------------------------------------------------------------
jar="$build_dir/lmcx.jar"
if [ "$skip_build" = 0 ]; then
  log "mvn package -DskipTests (build dir $build_dir)"
  # shellcheck disable=SC2086
  (cd "$repo" && "${MVN:-mvn}" ${MVN_ARGS:--q} -Dlmcx.buildDir="$build_dir" package -DskipTests)
fi
[ -f "$jar" ] || die "$jar not found (build it, or drop --skip-build)"

# Version: the pom's, without -SNAPSHOT (jpackage wants digits and dots); snapshots get a git release tag.
pom_version="$(sed -n '/<artifactId>lmc-explorer<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' "$repo/pom.xml" | head -n1)"
app_version="${pom_version%-SNAPSHOT}"
release=1
if [ "$app_version" != "$pom_version" ]; then
  sha="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo 0)"
  release="0.$(date -u +%Y%m%d).git$sha"
fi
log "version $app_version-$release"

# ---- staging: the jar and the bundled demo (lib/app/ in the image) --------------------------------------
input="$out/input"
rm -rf "$input"
mkdir -p "$input/assets"
cp "$jar" "$input/lmcx.jar"
if [ -f "$repo/assets/demo/mlp_s0.safetensors" ]; then
  cp -r "$repo/assets/demo" "$input/assets/demo"
else
  log "WARNING: $repo/assets/demo/mlp_s0.safetensors missing; the image will have no demo"
fi

# ---- 2. runtime --------------------------------------------------------------------------------------------
# jdeps finds what the classes reference; the fixed list covers what is reached reflectively or natively:
# JavaFX (java.desktop, jdk.unsupported, jdk.unsupported.desktop for javafx-swing), JavaCPP/ND4J
# (jdk.unsupported: sun.misc.Unsafe; java.management), java.logging (JavaFX/JUL), java.prefs (first-run flag).
log "jdeps"
deps="$("$JAVA_HOME/bin/jdeps" --multi-release "${jver%%.*}" --print-module-deps --ignore-missing-deps "$jar" | tail -n1)"
fixed="java.desktop,java.logging,java.management,java.prefs,jdk.management,jdk.unsupported,jdk.unsupported.desktop"
modules="$(printf '%s\n' "$deps,$fixed${EXTRA_MODULES:+,$EXTRA_MODULES}" | tr ',' '\n' | sed '/^$/d' | sort -u | paste -sd, -)"
log "modules: $modules"
runtime="$out/runtime"
rm -rf "$runtime"
log "jlink"
"$JAVA_HOME/bin/jlink" --module-path "$JAVA_HOME/jmods" --add-modules "$modules" \
  --strip-debug --strip-native-debug-symbols "objcopy=$(command -v objcopy)" \
  --no-man-pages --no-header-files --strip-native-commands --compress=2 \
  --output "$runtime"
# Debian's libjvm.so keeps its symbol table (.symtab, ~4 MB); the dynamic symbols are all the JVM needs.
if command -v strip >/dev/null 2>&1; then
  find "$runtime/lib" -name '*.so' -exec strip --strip-unneeded {} +
fi

# ---- 3. app image -----------------------------------------------------------------------------------------
# Launcher JVM options: heap at half the RAM (ND4J's off-heap buffers are capped relative to it), UTF-8 as on
# JDK 18+, and the demo found next to the jar. Nothing display-related, so the CLI stays headless-safe.
java_options="${JAVA_OPTIONS:--XX:MaxRAMPercentage=50 -Dfile.encoding=UTF-8 -Dlmcx.assets=\$APPDIR/assets}"
common=(--name lmcx --app-version "$app_version"
  --description "Linear mode connectivity and permutation-based model merging workbench"
  --vendor "LMC Explorer" --copyright "LMC Explorer developers")
jopts=()
for o in $java_options; do jopts+=(--java-options "$o"); done
rm -rf "$out/image"
log "jpackage app-image"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/jpackage" ${JPACKAGE_ARGS:-} --type app-image --dest "$out/image" "${common[@]}" \
  --input "$input" --main-jar lmcx.jar --main-class org.lmcx.Launcher \
  --runtime-image "$runtime" --icon "$repo/assets/icons/lmcx-256.png" "${jopts[@]}"
image="$out/image/lmcx"
log "app image: $image ($(du -sh "$image" | cut -f1))"

# ---- 4. .deb ------------------------------------------------------------------------------------------------
if [ "$app_image_only" = 0 ]; then
  install_dir=/opt
  # Resource templates: jpackage tokens (APPLICATION_*) are filled in by jpackage, @APP_DIR@ here.
  res="$out/resources"
  rm -rf "$res"
  mkdir -p "$res"
  for f in "$here"/resources/*; do
    sed "s:@APP_DIR@:$install_dir/lmcx:g" "$f" > "$res/$(basename "$f")"
  done
  cp "$repo/assets/icons/lmcx-256.png" "$res/lmcx.png"
  # Run-time libraries that jpackage cannot see. It finds the JDK's own (libc6, libstdc++6, libx11-6,
  # libxtst6, libxi6, libfreetype6, libasound2, xdg-utils, ...) with ldd on the runtime; JavaFX's natives
  # are inside the jar (extracted to ~/.openjfx at run time) and need GTK 3, GL, Xxf86vm, fontconfig, fonts.
  deps="libgtk-3-0, libgdk-pixbuf-2.0-0, libpango-1.0-0, libpangocairo-1.0-0, libcairo2, libgl1, libxxf86vm1,"
  deps="$deps libfontconfig1, fonts-dejavu-core | fonts-liberation2"
  rm -f "$out"/lmcx_*.deb
  # The payload is mostly the jar (already deflated): xz saves ~2 % over gzip and takes ~10x longer.
  export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
  log "jpackage deb"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/jpackage" ${JPACKAGE_ARGS:-} --type deb --dest "$out" "${common[@]}" --app-image "$image" \
    --install-dir "$install_dir" --resource-dir "$res" --icon "$repo/assets/icons/lmcx-256.png" \
    --linux-package-name lmcx --linux-app-release "$release" --linux-deb-maintainer "lmcx@localhost" \
    --linux-menu-group "Science;DataVisualization;" --linux-app-category science --linux-shortcut \
    --linux-package-deps "$deps" \
    --file-associations "$here/fa-safetensors.properties" \
    --file-associations "$here/fa-session.properties"
  deb="$(ls "$out"/lmcx_*.deb)"
  log "deb: $deb ($(du -h "$deb" | cut -f1), Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB)"
fi

# ---- 5. class-data sharing (app image) -----------------------------------------------------------------------
# A dynamic AppCDS archive of the classes one CLI run loads (picocli, Jackson, ND4J, DL4J: thousands of classes
# parsed and verified at every start) cuts a short command's start-up by about a third. It sits on a base
# archive of the runtime's own classes, dumped first through the launcher (jlink's --generate-cds-archive
# needs the java command that --strip-native-commands removes). JDK 17 has no
# -XX:+AutoCreateSharedArchive (JDK 19), so the image's own launcher runs once here with
# -XX:ArchiveClassesAtExit on the demo. The archive records the jar's absolute path: it serves this image
# where it was built; a moved image (or the .deb, built above from the image before this step, so it carries
# neither file nor option) starts as before, and the -Xlog options keep the JVM quiet about the mismatch.
# CDS=0 skips the step.
if [ "${CDS:-1}" = 1 ] && [ -f "$image/lib/app/assets/demo/mlp_s0.safetensors" ]; then
  jsa="$image/lib/app/lmcx.jsa"
  log "CDS archive"
  rm -f "$jsa"
  JAVA_TOOL_OPTIONS="-Xshare:dump" "$image/bin/lmcx" >/dev/null 2>&1 || true
  JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$jsa" "$image/bin/lmcx" check-spec \
    "$image/lib/app/assets/demo/mlp_s0.safetensors" >/dev/null 2>&1 || true
  if [ -f "$jsa" ]; then
    printf '%s\n' 'java-options=-XX:SharedArchiveFile=$APPDIR/lmcx.jsa' 'java-options=-Xlog:cds=off' \
      'java-options=-Xlog:cds+dynamic=off' >> "$image/lib/app/lmcx.cfg"
    log "CDS archive: $(du -h "$jsa" | cut -f1)"
  else
    log "WARNING: no CDS archive was written; the image starts without one"
  fi
fi
log "done in $(( $(date +%s) - start )) s"
