"""The NumPy/SciPy peer that `lmcx bench` times beside its own hot paths, in the same run.

It is a long-lived process driven line by line over stdin, so the bench can alternate Java and Python runs
round by round (a change of machine load then hits both alike) and the interpreter's start-up and imports
are never timed. Every reply is one JSON line on stdout. Requests:

  wm A.safetensors B.safetensors SEED   weight matching of two MLP checkpoints, the loop of Ainsworth et al.
                                        ("Git Re-Basin", weight_matching.py) in NumPy float32 + SciPy's LAP
  lap FILE N                            scipy.optimize.linear_sum_assignment(maximize=True) on an N×N
                                        float64 matrix stored as raw little-endian doubles, row-major
  svd FILE ROWS COLS K                  numpy.linalg.svd of a ROWS×COLS float32 matrix (raw, row-major) in
                                        float64: values only for K = 0, else values and all thin vectors
  versions                              numpy's and scipy's versions (the first request: proves the imports)
  quit

Only numpy and scipy are needed; checkpoints are read with a few lines of safetensors parsing.
"""
import json
import struct
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def read_safetensors(path):
    """name -> float32 array for every F32 tensor (the demo checkpoints hold nothing else)."""
    with open(path, "rb") as f:
        raw = f.read()
    header_len = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + header_len])
    base = 8 + header_len
    out = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        out[name] = np.frombuffer(raw, dtype="<f4", count=(end - start) // 4,
                                  offset=base + start).reshape(info["shape"])
    return out


def mlp_spec(params):
    """perm -> [(tensor, axis)] for a chain fc1..fcL: hidden layer i permutes rows of fc_i, cols of fc_{i+1}."""
    layers = sorted({k.rsplit(".", 1)[0] for k in params}, key=lambda s: int("".join(c for c in s if c.isdigit())))
    spec = {}
    for i, layer in enumerate(layers[:-1]):
        nxt = layers[i + 1]
        spec["P_" + layer] = [(layer + ".weight", 0), (layer + ".bias", 0), (nxt + ".weight", 1)]
    return spec


def permuted(spec, perm, name, w, except_axis):
    for p, axes in spec.items():
        for tensor, axis in axes:
            if tensor == name and axis != except_axis:
                w = np.take(w, perm[p], axis=axis)
    return w


def weight_matching(spec, a, b, seed, max_iter=100):
    sizes = {p: a[axes[0][0]].shape[axes[0][1]] for p, axes in spec.items()}
    perm = {p: np.arange(n) for p, n in sizes.items()}
    names = list(perm)
    rng = np.random.default_rng(seed)
    sweeps = 0
    for _ in range(max_iter):
        sweeps += 1
        progress = False
        for ix in rng.permutation(len(names)):
            p = names[ix]
            n = sizes[p]
            cost = np.zeros((n, n), dtype=np.float32)
            for name, axis in spec[p]:
                wa = np.moveaxis(a[name], axis, 0).reshape((n, -1))
                wb = np.moveaxis(permuted(spec, perm, name, b[name], axis), axis, 0).reshape((n, -1))
                cost += wa @ wb.T
            _, ci = linear_sum_assignment(cost, maximize=True)
            old = cost[np.arange(n), perm[p]].sum()
            new = cost[np.arange(n), ci].sum()
            progress = progress or new > old + 1e-12
            perm[p] = ci
        if not progress:
            break
    return perm, sweeps


def main():
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        cmd = words[0]
        if cmd == "quit":
            return
        try:
            if cmd == "versions":
                import scipy
                reply = {"numpy": np.__version__, "scipy": scipy.__version__}
            elif cmd == "wm":
                a = read_safetensors(words[1])
                b = read_safetensors(words[2])
                spec = mlp_spec(a)
                t0 = time.perf_counter()
                perm, sweeps = weight_matching(spec, a, b, int(words[3]))
                reply = {"seconds": time.perf_counter() - t0, "sweeps": sweeps,
                         "perm": {p: v.tolist() for p, v in perm.items()}}
            elif cmd == "lap":
                n = int(words[2])
                cost = np.fromfile(words[1], dtype="<f8").reshape(n, n)
                t0 = time.perf_counter()
                _, ci = linear_sum_assignment(cost, maximize=True)
                reply = {"seconds": time.perf_counter() - t0, "value": float(cost[np.arange(n), ci].sum())}
            elif cmd == "svd":
                rows, cols, k = int(words[2]), int(words[3]), int(words[4])
                w = np.fromfile(words[1], dtype="<f4").reshape(rows, cols).astype(np.float64)
                t0 = time.perf_counter()
                if k == 0:
                    s = np.linalg.svd(w, compute_uv=False)
                else:
                    u, s, vt = np.linalg.svd(w, full_matrices=False)
                    u, vt = u[:, :k].copy(), vt[:k].copy()
                reply = {"seconds": time.perf_counter() - t0, "sigma": s.tolist()}
            else:
                reply = {"error": "unknown request " + cmd}
        except Exception as e:  # one bad request is reported, not fatal to the bench
            reply = {"error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
