#!/usr/bin/env bash
# CI smoke test of the installer: builds the app image (jlinked runtime, no .deb) and runs its CLI on the
# bundled demo without a display. Fails on any error. About 3-4 minutes on 2 cores when target/ is warm.
# Environment: LMCX_BUILD_DIR (default target), MVN_ARGS (default "-B -ntp -q").
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
build_dir="${LMCX_BUILD_DIR:-$repo/target}"
mkdir -p "$build_dir"
build_dir="$(cd "$build_dir" && pwd)"
out="$build_dir/installer-smoke"

MVN_ARGS="${MVN_ARGS:--B -ntp -q}" bash installer/build.sh --app-image-only --build-dir "$build_dir" --out "$out"

image="$out/image/lmcx"
lmcx="$image/bin/lmcx"
fail() { echo "ci-smoke: FAIL: $*" >&2; exit 1; }

# The image: launcher, jar, demo, a runtime without man pages, headers or the java command.
[ -x "$lmcx" ] || fail "no launcher $lmcx"
[ -f "$image/lib/app/lmcx.jar" ] || fail "no jar in the image"
[ -f "$image/lib/app/assets/demo/mlp_s0.safetensors" ] || fail "no demo in the image (assets/demo missing?)"
[ ! -e "$image/lib/runtime/include" ] && [ ! -e "$image/lib/runtime/man" ] || fail "runtime has headers/man pages"
echo "ci-smoke: app image $(du -sh "$image" | cut -f1), runtime $(du -sh "$image/lib/runtime" | cut -f1)"

# The natives: one libnd4j build, unpacked and stripped beside a jar that carries none.
[ -f "$image/lib/app/natives/libnd4jcpu.so" ] || fail "no libnd4jcpu.so in lib/app/natives"
[ "$(find "$image" -name 'libnd4jcpu.so' | wc -l)" = 1 ] || fail "more than one libnd4j build in the image"
nat="$(jar tf "$image/lib/app/lmcx.jar" | grep -cE '\.(so|so\.[0-9]+|dll|dylib)$' || true)"
[ "${nat:-0}" = 0 ] || fail "the image's jar still carries $nat native libraries"
echo "ci-smoke: natives $(du -sh "$image/lib/app/natives" | cut -f1), jar $(du -h "$image/lib/app/lmcx.jar" | cut -f1)"

# Run from an empty folder without a display, so that the demo must be the image's and nothing touches X, with
# an empty home (the JVM takes user.home from the password database, not $HOME) to see what a first run writes.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
unset DISPLAY WAYLAND_DISPLAY
mkdir home
export JAVA_TOOL_OPTIONS="-Duser.home=$work/home"

"$lmcx" --version
"$lmcx" info "$image/lib/app/assets/demo/mlp_s0.safetensors" | tee info.txt
grep -q '^architecture' info.txt || fail "lmcx info printed no architecture"

timeout 600 "$lmcx" demo -q --methods identity,wm --out demo.json | tee demo.txt
grep -q "demo in $image/lib/app/assets/demo" demo.txt || fail "demo not read from the image"
grep -q '^wm ' demo.txt || fail "no wm row in the demo summary"
[ -s demo.json ] || fail "demo --out wrote nothing"

# A first run unpacks nothing: no JavaFX cache; JavaCPP only links the image's OpenBLAS under the second name
# ND4J's binding asks for (one 30 MB copy where it cannot link), never libnd4j (~330 MB).
[ ! -e home/.openjfx ] || fail "JavaFX unpacked natives into ~/.openjfx"
if [ -e home/.javacpp ]; then
  ! find home/.javacpp -name 'libnd4jcpu*' | grep -q . || fail "JavaCPP unpacked libnd4j into ~/.javacpp"
  used="$(du -sm home/.javacpp | cut -f1)"
  [ "$used" -le 40 ] || fail "JavaCPP wrote $used MB into ~/.javacpp on first run"
fi
echo "ci-smoke: first run wrote $(du -sh home | cut -f1) under the home folder"

echo "ci-smoke: OK"
