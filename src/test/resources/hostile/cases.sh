#!/usr/bin/env bash
# Runs every crafted case of issue 11 against a jar and prints "id | exit | first stderr line".
#   src/test/resources/hostile/cases.sh JAR [WORKDIR]
# The inputs come from org.lmcx.hostile.HostileCorpus (test classes must be compiled: mvn test-compile).
# Each case runs with -Xmx2g and a time limit; "124" means it was still running at the limit.
set -u
JAR=$(realpath "$1"); W=${2:-/tmp/lmcx-hostile}; ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)
D=$W/corpus; rm -rf "$W"; mkdir -p "$W/out"
java -cp "${CORPUS_CP:-$ROOT/target/test-classes}:$JAR" org.lmcx.hostile.HostileCorpus "$D" >/dev/null 2>&1 || { echo "corpus failed"; exit 1; }
mkfifo "$D/fifo.safetensors"; chmod 000 "$W/out" 2>/dev/null
A="--a $D/tiny_a.safetensors --b $D/tiny_b.safetensors"; DATA="--data $D/data_ok"
lmcx() { java -Xmx2g -jar "$JAR" "$@"; }
case_() { # id timeout args...
  local id=$1 t=$2; shift 2
  local start=$(date +%s.%N)
  timeout -s KILL "$t" java -Xmx2g -jar "$JAR" "$@" >"$W/$id.out" 2>"$W/$id.err" </dev/null; local rc=$?
  [ $rc = 137 ] && rc="timeout>${t}s"
  local secs=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
  local line=$(grep -v '^\s*$' "$W/$id.err" | grep -Ev 'SLF4J|^WARNING|Picked up|^[A-Z][a-z]{2} [0-9]{2}, [0-9]{4} ' | head -1 | cut -c1-150)
  [ -z "$line" ] && line="(stdout) $(head -1 "$W/$id.out" | cut -c1-120)"
  printf '%s | %s | %ss | %s\n' "$id" "$rc" "$secs" "$line"
}
# A session to mutate: a real analyze run.
lmcx analyze $A $DATA --train-size 64 --test-size 64 --methods identity,wm --lambdas 5 --landscape --grid 5 --spectra -q \
  --session "$W/base.lmcx.json" >"$W/base.out" 2>&1
python3 - "$W" <<'PY'
import json, sys
# Works on session format 1 (top-level landscape/spectra) and 2 (per run).
w = sys.argv[1]; s = json.load(open(w + "/base.lmcx.json"))
def copy(): return json.loads(json.dumps(s))
n = 2000; xs = [i / n for i in range(n)]; z = [[1.0] * n for _ in range(n)]
big = copy()
if big.get("version", 1) == 1:
    lg = big.get("landscape") or {"title": "t", "zName": "test loss", "zUnit": "nats", "markers": []}
    lg["x"] = xs; lg["y"] = xs; lg["z"] = z; big["landscape"] = lg
else:
    for r in big["runs"]:
        if r.get("landscape"):
            r["landscape"].update({"xs": xs, "ys": xs, "loss": z, "accuracy": z}); break
json.dump(big, open(w + "/landscape2000.lmcx.json", "w"))
cut = copy(); c = cut["runs"][-1]["curve"]; c["lambdas"] = c["lambdas"][:1]
json.dump(cut, open(w + "/curve_cut.lmcx.json", "w"))
dup = copy()
if dup.get("version", 1) == 1:
    dup["spectra"].append(dup["spectra"][0])
else:
    for r in dup["runs"]:
        if r.get("spectra"):
            r["spectra"]["layers"].append(r["spectra"]["layers"][0]); break
json.dump(dup, open(w + "/dup_layers.lmcx.json", "w"))
PY
S=$W
case_ dl4j-urldns 60 info $D/dl4j_urldns.zip
case_ dl4j-hashset-bomb 30 info $D/dl4j_hashset_bomb.zip
case_ dl4j-normalizer-bomb 30 info $D/dl4j_normalizer.zip
case_ res10k-check-spec 60 check-spec $D/tiny_a.safetensors --arch $D/res10k.arch.json
case_ res10k-metadata 60 check-spec $D/res10k_meta.safetensors
case_ conv-1e6-channels 60 check-spec $D/conv_million.safetensors --arch $D/conv_million.arch.json
case_ lambdas-1e9 60 interpolate $A $DATA --lambdas 1000000000 -q
case_ grid-100000 60 landscape $A $DATA --grid 100000 -q
case_ session-landscape-2000 120 export --session $S/landscape2000.lmcx.json --out $W/exp-big
case_ million-tensor-header 60 info $D/million_tensors.safetensors
case_ int32-weight 60 info $D/int_weight.safetensors --arch $D/mlp.arch.json
case_ test-size-0 60 interpolate $A $DATA --test-size 0 -q
case_ empty-dataset 60 interpolate $A --data $D/data_empty -q
case_ range-inf 60 interpolate $A $DATA --range=-Infinity,Infinity -q
case_ bn-eps-negative 60 interpolate --a $D/cnn.safetensors --b $D/cnn.safetensors --arch $D/bn_eps_negative.arch.json $DATA -q
case_ bn-key-twice 60 match --a $D/cnn.safetensors --b $D/cnn.safetensors --arch $D/bn_key_twice.arch.json -q
case_ input-shape-overflow 60 info $D/tiny_a.safetensors --arch $D/input_overflow.arch.json
case_ safetensors-dup-key 60 info $D/dup_key.safetensors
case_ safetensors-overlap 60 info $D/overlap.safetensors
case_ session-curve-cut 60 export --session $S/curve_cut.lmcx.json --out $W/exp-cut
case_ session-dup-layers 60 export --session $S/dup_layers.lmcx.json --out $W/exp-dup
case_ unknown-O-key 60 match $A --method sinkhorn -O iteration=5 -q
case_ train-size-negative 60 interpolate $A $DATA --train-size -5 -q
case_ conv-stride-0 60 interpolate --a $D/cnn.safetensors --b $D/cnn.safetensors --arch $D/conv_stride0.arch.json $DATA -q
case_ pool-stride-0 60 interpolate --a $D/cnn.safetensors --b $D/cnn.safetensors --arch $D/pool_stride0.arch.json $DATA -q
case_ images-32x32-into-784 60 interpolate $A --data $D/data_32x32 -q
case_ fifo-checkpoint 20 info $D/fifo.safetensors
case_ directory-checkpoint 20 info $D
case_ dev-zero-checkpoint 20 info /dev/zero
case_ unwritable-out 60 interpolate $A $DATA --out $D/tiny_a.safetensors/curve.json -q
case_ unwritable-session 60 analyze $A $DATA --methods identity --session $D/tiny_a.safetensors/s.lmcx.json -q
case_ label-out-of-range 60 interpolate $A --data $D/data_bad_label -q
case_ export-into-file 60 export --session $W/base.lmcx.json --out $D/tiny_a.safetensors
# Ctrl-C during export: the previous complete folder must survive (or a complete new one appear).
lmcx export --session $W/base.lmcx.json --out $W/exp-int >/dev/null 2>&1
before=$(ls $W/exp-int | wc -l)
java -Xmx2g -jar "$JAR" export --session $W/landscape2000.lmcx.json --out $W/exp-int >/dev/null 2>$W/ctrlc.err &
pid=$!; sleep 6; kill -INT $pid; wait $pid; rc=$?
after=$(ls $W/exp-int | wc -l); tmps=$(ls -a $W $W/exp-int | grep -c '\.tmp')
echo "export-ctrl-c | $rc | - | files before $before, after $after, .tmp left $tmps; $(grep -v '^\s*$' $W/ctrlc.err | head -1 | cut -c1-100)"
