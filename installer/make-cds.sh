#!/bin/sh
# Makes the class-data sharing archives of an LMC Explorer app image where it lies, and points its launcher at
# them: the runtime's own classes (-Xshare:dump), then the classes one CLI run loads (picocli, Jackson, ND4J,
# DL4J: thousands parsed and verified at every start) as a dynamic AppCDS archive, lib/app/lmcx.jsa. JDK 17
# has no -XX:+AutoCreateSharedArchive (JDK 19) and ties the archive to the jar's absolute path, so it is made
# where the image will run: by installer/build.sh for the app image, by the .deb's postinst for /opt/lmcx.
# Usage: make-cds.sh IMAGE_DIR. Exit 1 (the app runs as before, without) if no archive was written.
set -e
image="$1"
cfg="$image/lib/app/lmcx.cfg"
jsa="$image/lib/app/lmcx.jsa"
demo="$image/lib/app/assets/demo/mlp_s0.safetensors"
[ -f "$cfg" ] && [ -f "$demo" ] || { echo "make-cds.sh: $image is not an app image with the demo" >&2; exit 1; }
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
# A second run starts clean: the JVM refuses to write the archive it is told to read.
sed -i '/SharedArchiveFile=/d; /-Xlog:cds/d' "$cfg"
rm -f "$jsa"
JAVA_TOOL_OPTIONS="-Xshare:dump" "$image/bin/lmcx" >/dev/null 2>&1 || true
# user.home in a temporary folder: JavaCPP's links and the run's caches are not left in root's home.
JAVA_TOOL_OPTIONS="-Duser.home=$home -XX:ArchiveClassesAtExit=$jsa" "$image/bin/lmcx" check-spec "$demo" \
  >/dev/null 2>&1 || true
[ -f "$jsa" ] || { echo "make-cds.sh: no class-data sharing archive was written; the app starts without" >&2; exit 1; }
# The -Xlog options keep the JVM quiet where the archive does not match (a moved image).
printf '%s\n' 'java-options=-XX:SharedArchiveFile=$APPDIR/lmcx.jsa' 'java-options=-Xlog:cds=off' \
  'java-options=-Xlog:cds+dynamic=off' >> "$cfg"
