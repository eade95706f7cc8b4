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

# Run from an empty folder without a display, so that the demo must be the image's and nothing touches X.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
unset DISPLAY WAYLAND_DISPLAY

"$lmcx" --version
"$lmcx" info "$image/lib/app/assets/demo/mlp_s0.safetensors" | tee info.txt
grep -q '^architecture' info.txt || fail "lmcx info printed no architecture"

timeout 600 "$lmcx" demo -q --methods identity,wm --out demo.json | tee demo.txt
grep -q "demo in $image/lib/app/assets/demo" demo.txt || fail "demo not read from the image"
grep -q '^wm ' demo.txt || fail "no wm row in the demo summary"
[ -s demo.json ] || fail "demo --out wrote nothing"

echo "ci-smoke: OK"
