#!/usr/bin/env bash
# Builds the LMC Explorer installer from a clean clone:
#   1. the shaded jar (mvn package -DskipTests), unless --skip-build;
#   2. a Java runtime holding only the modules the app needs (jdeps + jlink: no debug info, no man pages,
#      no headers, no java/keytool commands, compressed);
#   3. a jpackage app image: bin/lmcx launcher, lib/app/lmcx.jar, lib/app/assets/demo, lib/runtime;
#   4. the native libraries of ONE CPU build (ND4J's libnd4j with oneDNN for AVX2 CPUs, or the plain x86-64
#      one), stripped and installed unpacked in lib/app/natives (JavaFX's next to the jar), and a jar without
#      any natives: nothing is unpacked into ~/.javacpp or ~/.openjfx at run time;
#   5. a .deb (jpackage --type deb) that installs to /opt/lmcx, adds a menu entry, file associations for
#      .safetensors and .lmcx.json sessions, and /usr/bin/lmcx. Skipped with --app-image-only;
#   6. class-data sharing archives for the app image where it lies (installer/make-cds.sh; the .deb's postinst
#      runs the same script for /opt/lmcx). CDS=0 skips them.
#
# Usage: installer/build.sh [--app-image-only] [--skip-build] [--cpu avx2|x86-64] [--build-dir DIR] [--out DIR]
#   --cpu avx2       natives for CPUs with AVX2 (libnd4j with oneDNN: convolutions ~6x faster); the default
#                    where the build machine has AVX2
#   --cpu x86-64     the plain libnd4j build, for any x86-64 CPU; the default elsewhere
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
cpu=auto
build_dir="$repo/target"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --app-image-only) app_image_only=1 ;;
    --skip-build) skip_build=1 ;;
    --cpu) cpu="$2"; shift ;;
    --cpu=*) cpu="${1#*=}" ;;
    --build-dir) build_dir="$2"; shift ;;
    --build-dir=*) build_dir="${1#*=}" ;;
    --out) out="$2"; shift ;;
    --out=*) out="${1#*=}" ;;
    -h|--help) sed -n "2,25p" "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
command -v objcopy >/dev/null 2>&1 && command -v strip >/dev/null 2>&1 || missing+=(binutils)
command -v zip >/dev/null 2>&1 || missing+=(zip)
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

# ---- staging: one CPU build's natives, a jar without natives, the bundled demo (lib/app/ in the image) ----
case "$cpu" in
  auto) if grep -qw avx2 /proc/cpuinfo 2>/dev/null; then cpu=avx2; else cpu=x86-64; fi ;;
  avx2|x86-64) ;;
  *) die "--cpu must be avx2 or x86-64, not \"$cpu\"" ;;
esac
case "$cpu" in
  avx2) nd4j_dir=linux-x86_64-onednn-avx2; native_build=onednn-avx2 ;;
  *) nd4j_dir=linux-x86_64; native_build=plain ;;
esac
log "natives: libnd4j $native_build (--cpu $cpu)"
input="$out/input"
rm -rf "$input"
mkdir -p "$input/assets" "$input/natives"
# JavaCPP (ND4J, OpenBLAS) extracts the natives it finds in a jar to ~/.javacpp/cache at first use (~440 MB,
# both libnd4j builds' worth) and falls back to java.library.path when the jar has none; JavaFX loads its
# natives from the jar's own folder before it would extract them to ~/.openjfx. So the image carries the
# natives of one build unpacked and stripped, and a jar with none: nothing is written at run time.
natives="$("$JAVA_HOME/bin/jar" tf "$jar" | grep -E '\.so(\.[0-9]+)*$' \
  | grep -E "^(lib[^/]+|org/nd4j/linalg/cpu/nativecpu/bindings/$nd4j_dir/[^/]+|org/bytedeco/(openblas|javacpp)/linux-x86_64/[^/]+)\$" || true)"
extract="$out/natives-extract"
rm -rf "$extract"
mkdir -p "$extract"
# shellcheck disable=SC2086
(cd "$extract" && "$JAVA_HOME/bin/jar" xf "$jar" $natives)
for f in $natives; do
  case "$f" in
    */*) cp "$extract/$f" "$input/natives/" ;;   # ND4J, OpenBLAS, JavaCPP: java.library.path
    *) cp "$extract/$f" "$input/" ;;             # JavaFX's, at the jar root: next to the jar
  esac
done
rm -rf "$extract"
for lib in natives/libnd4jcpu.so natives/libjnind4jcpu.so natives/libopenblas.so.0 natives/libjniopenblas.so \
           natives/libjniopenblas_nolapack.so natives/libjnijavacpp.so libglass.so libprism_es2.so; do
  [ -f "$input/$lib" ] || die "$jar has no $lib for $nd4j_dir (is the ND4J backend in the pom the CPU one?)"
done
# libnd4j ships with its symbol table (~37 MB); the dynamic symbols are all the loader needs.
strip --strip-unneeded "$input"/natives/*.so* "$input"/*.so
cp "$jar" "$input/lmcx.jar"
cp "$here/make-cds.sh" "$input/make-cds.sh"
# zip exits 12 when a pattern matched nothing; every native of every platform goes, and OpenBLAS's C headers.
zip -q -d "$input/lmcx.jar" '*.so' '*.so.*' '*.dll' '*.dylib' '*.jnilib' '*.a' 'org/bytedeco/openblas/*/include/*' \
  || [ $? = 12 ] || die "zip -d failed on $input/lmcx.jar"
log "natives: $(du -sh "$input/natives" | cut -f1) unpacked; jar $(du -h "$jar" | cut -f1) -> $(du -h "$input/lmcx.jar" | cut -f1)"
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
# The natives: where they are, and which build they are (checked against the CPU by org.lmcx.nn.NativePlatform).
java_options="$java_options -Djava.library.path=\$APPDIR/natives -Dlmcx.nativeBuild=$native_build"
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

# ---- 5. .deb ------------------------------------------------------------------------------------------------
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

# ND4J's BLAS binding links libopenblas_nolapack.so.0, the same library as libopenblas.so.0. jpackage copies links
# (in --input and into the .deb) as second 31 MB files, so the image gets the link only now, after the .deb,
# whose postinst makes it (and prerm removes it).
ln -sf libopenblas.so.0 "$image/lib/app/natives/libopenblas_nolapack.so.0"

# ---- 6. class-data sharing (app image) -----------------------------------------------------------------------
# installer/make-cds.sh (shipped in the image as lib/app/make-cds.sh) dumps the archives for where the image is
# now; a moved image starts as before. The .deb, built above, carries neither: its postinst runs the same
# script for /opt/lmcx. CDS=0 skips the step.
if [ "${CDS:-1}" = 1 ]; then
  log "CDS archive"
  if sh "$image/lib/app/make-cds.sh" "$image"; then
    log "CDS archive: $(du -h "$image/lib/app/lmcx.jsa" | cut -f1)"
  else
    log "WARNING: no CDS archive; the image starts without one"
  fi
fi
log "done in $(( $(date +%s) - start )) s"
