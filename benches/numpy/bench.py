"""Times NumPy on xp's benchmark cases, the way `xpbench` times xp.

Usage: python bench.py CASES.json [--quick]

CASES.json is the output of `xpbench list` (a JSON array of cases; see benches/src/cases.rs
for the fields). For each case this builds the same inputs as xp (same deterministic
values, same shapes and dtypes), runs the same operation (with `out=` for the `*_into`
cases) and times it with the method of benches/src/timing.rs:

1. one untimed warm-up call;
2. calibration: batches of 1, 2, 4, ... calls until a batch lasts min_sample (or one call
   does); t1 is the last batch's time per call;
3. inner = ceil(min_sample / t1) calls per sample;
4. runs = clamp(budget / (inner * t1), min_runs, max_runs) samples;
5. the median time per call over the samples (and the minimum).

Prints JSON lines: first {"numpy": version, ...}, then per case either
{"case", "ok": true, "median_s", "min_s", "runs", "inner"} or
{"case", "ok": false, "error"}.
"""

import functools
import json
import math
import sys
import time

import numpy as np

# The golden-ratio offsets of the two float inputs (cases.rs: ALPHAS).
ALPHAS = (0.6180339887498949, 0.4142135623730951)

# Settings::FULL and Settings::QUICK of timing.rs.
FULL = dict(budget=0.25, min_sample=1e-3, min_runs=5, max_runs=200)
QUICK = dict(budget=0.1, min_sample=1e-3, min_runs=5, max_runs=200)


def plan(t1, s):
    """Calls per sample and number of samples for one call's time t1 (Settings::plan)."""
    t1 = max(t1, 1e-9)
    inner = min(max(math.ceil(s["min_sample"] / t1), 1), 1_000_000)
    runs = min(max(int(s["budget"] / (inner * t1)), s["min_runs"]), s["max_runs"])
    return inner, runs


def measure(f, s):
    """Median and minimum time per call of f, with the method above."""
    clock = time.perf_counter
    f()
    batch = 1
    while True:
        t = clock()
        for _ in range(batch):
            f()
        e = clock() - t
        if e >= s["min_sample"] or batch >= 1 << 20:
            t1 = e / batch
            break
        batch *= 2
    inner, runs = plan(t1, s)
    samples = []
    for _ in range(runs):
        t = clock()
        for _ in range(inner):
            f()
        samples.append((clock() - t) / inner)
    samples.sort()
    m = len(samples) // 2
    median = samples[m] if len(samples) % 2 else (samples[m - 1] + samples[m]) / 2
    return dict(median_s=median, min_s=samples[0], runs=runs, inner=inner)


def float_input(shape, dtype, seed):
    """cases.rs input_f64 (int64: input_i64), reshaped, in dtype."""
    n = math.prod(shape)
    if dtype == "int64":
        return (np.arange(n, dtype=np.int64) * 7919 % 1000003).reshape(shape)
    x = 0.5 + 1.5 * (np.arange(n, dtype=np.float64) * ALPHAS[seed] % 1.0)
    return x.astype(dtype).reshape(shape)


def ufunc(op):
    """The NumPy function of a standard elementwise op name."""
    return getattr(np, {"pow": "power"}.get(op, op))


def well_posed(op, x):
    """cases_linalg.rs: X + 2n I (solve, inv), (X + X^T)/2 + 2n I (cholesky),
    (X + X^T)/2 (eigh, eigvalsh), X otherwise."""
    n = x.shape[-1]
    shift = np.eye(n, dtype=x.dtype) * x.dtype.type(2 * n)
    sym = lambda: (x + np.swapaxes(x, -1, -2)) * x.dtype.type(0.5)  # noqa: E731
    if op in ("solve", "inv"):
        return x + shift
    if op == "cholesky":
        return sym() + shift
    if op in ("eigh", "eigvalsh"):
        return sym()
    return x


def linalg(c):
    """A linalg case (cases_linalg.rs); einsum runs with optimize=True (BLAS-backed, as
    fast NumPy code calls it; the default optimize=False is a plain C loop)."""
    op, dt, shape = c["op"], c["dtype"], c["shape"]
    x = well_posed(op, float_input(shape, dt, 0))
    y = float_input(shape, dt, 1)
    la = np.linalg
    if op == "matmul":
        return functools.partial(np.matmul, x, y)
    if op == "solve":
        return functools.partial(la.solve, x, float_input([shape[0], 1], dt, 1))
    if op == "inv":
        return functools.partial(la.inv, x)
    if op == "cholesky":
        return functools.partial(la.cholesky, x)
    if op == "qr":
        return functools.partial(la.qr, x)
    if op == "svd":
        return functools.partial(la.svd, x, full_matrices=False)
    if op == "eigh":
        return functools.partial(la.eigh, x)
    if op == "eigvalsh":
        return functools.partial(la.eigvalsh, x)
    if op == "einsum_ij_jk":
        return functools.partial(np.einsum, "ij,jk->ik", x, y, optimize=True)
    if op == "einsum_bij_bkj":
        return functools.partial(np.einsum, "bij,bkj->bik", x, y, optimize=True)
    raise ValueError(f"unknown linalg op {op!r}")


def build(c):
    """The workload of case c: a no-argument callable running the op once."""
    kind, dt, shape, into = c["kind"], c["dtype"], c["shape"], c["into"]
    if kind == "linalg":
        return linalg(c)
    if kind == "unary":
        f, x = ufunc(c["op"]), float_input(shape, dt, 0)
        if into:
            return functools.partial(f, x, out=np.empty_like(x))
        return functools.partial(f, x)
    if kind in ("binary", "broadcast", "strided"):
        f = ufunc(c["op"])
        if kind == "broadcast":
            x, y = float_input(shape, dt, 0), float_input(shape[1:], dt, 1)
        elif kind == "strided":
            x, y = float_input(shape, dt, 0)[::2], float_input(shape, dt, 1)[::2]
        else:
            x, y = float_input(shape, dt, 0), float_input(shape, dt, 1)
        if into:
            return functools.partial(f, x, y, out=np.empty(x.shape, dtype=dt))
        return functools.partial(f, x, y)
    if kind == "where":
        n = math.prod(shape)
        cond = ((np.arange(n, dtype=np.float64) * ALPHAS[0] % 1.0) < 0.5).reshape(shape)
        return functools.partial(np.where, cond, float_input(shape, dt, 0), float_input(shape, dt, 1))
    if kind == "clip":
        return functools.partial(np.clip, float_input(shape, dt, 0), 0.75, 1.5)
    if kind == "copy":
        return float_input([shape[0] + 1], dt, 0)[1:].copy
    if kind == "copy_into":
        x = float_input(shape, dt, 0)
        return functools.partial(np.copyto, np.zeros_like(x), x)
    if kind == "strided_copy":
        return float_input(shape, dt, 0)[::2].copy
    if kind == "transpose_copy":
        return float_input(shape, dt, 0).T.copy
    if kind == "astype":
        return functools.partial(float_input(shape, dt, 0).astype, c["to"])
    if kind == "gather":
        n = shape[0]
        idx = (np.arange(n, dtype=np.uint64) * np.uint64(2654435761) % np.uint64(n)).astype(np.int64)
        return functools.partial(np.take, float_input(shape, dt, 0), idx)
    if kind == "full":
        return functools.partial(np.full, shape, 1.5, dtype=dt)
    if kind == "arange":
        return functools.partial(np.arange, 0.0, float(shape[0]), 1.0, dtype=dt)
    if kind in ("fft", "rfft", "fft2"):
        # cases_fft.rs: complex128 input is input_f64 seed 0 + 1j * seed 1.
        x = float_input(shape, "float64", 0)
        if dt == "complex128":
            x = x + 1j * float_input(shape, "float64", 1)
        f = {"fft": np.fft.fft, "rfft": np.fft.rfft, "fft2": np.fft.fft2}[kind]
        return functools.partial(f, x)
    if kind == "stats":
        return stats(c["op"], shape, dt)
    raise ValueError(f"unknown case kind {kind!r}")


def stats(op, shape, dt):
    """The statistics, sorting and set workloads (cases_stats.rs: StatOp)."""
    if op == "unique":
        n = math.prod(shape)
        return functools.partial(np.unique, (np.arange(n, dtype=np.int64) * 7919) % 1000)
    x = float_input(shape, dt, 0)
    fs = {
        "sum": functools.partial(np.sum, x),
        "mean": functools.partial(np.mean, x),
        "sum_axis0": functools.partial(np.sum, x, axis=0),
        "sum_axis1": functools.partial(np.sum, x, axis=1),
        "argmax": functools.partial(np.argmax, x),
        "cumsum": functools.partial(np.cumsum, x),
        "sort": functools.partial(np.sort, x),
        "argsort": functools.partial(np.argsort, x),
        "median": functools.partial(np.median, x),
        "quantile": functools.partial(np.quantile, x, 0.3),
    }
    return fs[op]


def emit(obj):
    print(json.dumps(obj), flush=True)


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    settings = QUICK if "--quick" in argv else FULL
    with open(args[0]) as f:
        cases = json.load(f)
    emit({"numpy": np.__version__, "python": sys.version.split()[0]})
    for c in cases:
        try:
            r = dict(case=c["name"], ok=True, **measure(build(c), settings))
        except Exception as e:  # reported as n/a, never a number
            r = dict(case=c["name"], ok=False, error=f"{type(e).__name__}: {e}")
        emit(r)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
