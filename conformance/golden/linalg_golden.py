"""The linear-algebra golden corpus (linalg.npz, manifest_linalg.json): every function of
the standard's linalg extension, the main-namespace products, NumPy's lstsq, multi_dot,
kron and einsum, on stacks including empty and 0-size ones, written with make_golden.py's
case format.

Parameters beyond the function's own:
  "rtol"       results are compared norm-wise: max |got - want| <= rtol * max(1, max |want|)
               per output, rtol = 32 eps n kappa with kappa the condition number for
               inverses and solves, 1/relative gap for eigen- and singular vectors, and 1
               for products (absent: exact, for integer products and shapes).
  "normalise"  decompositions whose factors are unique only up to signs (phases) are
               compared in a normal form that xp's side computes the same way: "qr" scales
               Q's columns and R's rows so that diag(R) is real >= 0; "svd" scales u_i and
               vh_i so that the largest-magnitude entry of u_i is real > 0; "eigh" scales
               each eigenvector so; "eig" also sorts the eigenvalues (and vectors) by
               (real, imaginary) part.
Inputs are well-conditioned and have well-separated spectra, so that these forms are unique.
"""

import warnings

import numpy as np

F = "linalg.npz"
RNG = np.random.default_rng(20260611)


def eps(dt):
    return float(np.finfo(np.dtype(dt)).eps)


def attempt(fn):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(), None
    except Exception as e:  # noqa: BLE001
        return None, type(e).__name__


def add(c, name, params, inputs, fn, rtol=None, normalise=None):
    """A case whose expected output is fn()'s (an array or a tuple), or a failure."""
    out, err = attempt(fn)
    p = dict(params)
    if rtol is not None:
        p["rtol"] = float(rtol)
    if normalise is not None:
        p["normalise"] = normalise
    if err is not None:
        c.add(F, name, p, inputs, error="any")
        return
    if isinstance(out, tuple):
        outs = [np.asarray(o) for o in out]
        if normalise:
            outs = NORMALISE[normalise](*outs)
        c.add(F, name, p, inputs, outs)
    else:
        c.add(F, name, p, inputs, np.asarray(out))


def tol(dt, n, kappa=1.0):
    return 32 * eps(dt) * max(n, 1) * max(kappa, 1.0)


# ---- normal forms (xp's side: golden_linalg.rs does the same) ----

def phase(z):
    a = np.abs(z)
    return np.where(a == 0, 1.0, z / np.where(a == 0, 1.0, a))


def norm_qr(q, r):
    k = min(q.shape[-1], r.shape[-2])
    d = phase(np.diagonal(r[..., :k, :k], axis1=-2, axis2=-1))  # (..., k)
    q = q.copy()
    r = r.copy()
    q[..., :, :k] = q[..., :, :k] * d[..., None, :]
    r[..., :k, :] = r[..., :k, :] * np.conj(d)[..., :, None]
    return [q, r]


def max_phase(v):
    """Phase of each column's largest-magnitude entry (the first of equal ones)."""
    if v.shape[-2] == 0:
        return np.ones(v.shape[:-2] + (v.shape[-1],), dtype=v.dtype)
    idx = np.argmax(np.abs(v), axis=-2)  # (..., k)
    top = np.take_along_axis(v, idx[..., None, :], axis=-2)[..., 0, :]
    return phase(top)


def norm_svd(u, s, vh):
    k = s.shape[-1]
    p = max_phase(u[..., :, :k])
    u = u.copy()
    vh = vh.copy()
    u[..., :, :k] = u[..., :, :k] * np.conj(p)[..., None, :]
    vh[..., :k, :] = vh[..., :k, :] * p[..., :, None]
    return [u, s, vh]


def norm_eigh(w, v):
    return [w, v * np.conj(max_phase(v))[..., None, :]]


def complex_of(x):
    """NumPy's eig returns real arrays when every eigenvalue is real; the standard (and xp)
    always return the complex dtype."""
    return x.astype(np.result_type(x.dtype, np.complex64))


def norm_eig(w, v=None):
    w = complex_of(w)
    v = None if v is None else complex_of(v)
    order = np.lexsort((w.imag, w.real), axis=-1)
    w = np.take_along_axis(w, order, axis=-1)
    if v is None:
        return [w]
    v = np.take_along_axis(v, order[..., None, :], axis=-1)
    return [w, v * np.conj(max_phase(v))[..., None, :]]


NORMALISE = {"qr": norm_qr, "svd": norm_svd, "eigh": norm_eigh, "eig": norm_eig}


# ---- inputs ----

def rand(shape, dt):
    x = RNG.uniform(-1, 1, shape)
    if np.dtype(dt).kind == "c":
        x = x + 1j * RNG.uniform(-1, 1, shape)
    return x.astype(dt)


def well(shape, dt):
    """Well-conditioned square stack: random + n I."""
    n = shape[-1]
    return (rand(shape, dt) + n * np.eye(n)).astype(dt)


def spd(shape, dt):
    a = rand(shape, dt)
    n = shape[-1]
    return (a @ np.conj(np.swapaxes(a, -1, -2)) + n * np.eye(n)).astype(dt)


def herm_spread(shape, dt):
    """Hermitian with eigenvalues 1, 2, ..., n (well separated): Q diag Q^H."""
    n = shape[-1]
    q, _ = np.linalg.qr(rand(shape, dt) + 0.0)
    w = np.arange(1, n + 1, dtype=float)
    return ((q * w) @ np.conj(np.swapaxes(q, -1, -2))).astype(dt)


def general_spread(shape, dt):
    """Diagonalisable with eigenvalues 1..n (real, well separated): S diag S^-1."""
    n = shape[-1]
    s = well(shape, dt)
    w = np.arange(1, n + 1, dtype=float)
    return ((s * w) @ np.linalg.inv(s)).astype(dt)


def cond(a):
    if a.size == 0:
        return 1.0
    return float(np.max(np.linalg.cond(a.astype(np.complex128 if a.dtype.kind == "c" else np.float64))))


FLOATS = ["float64", "float32", "complex128", "complex64"]
SQUARE_SHAPES = [(3, 3), (2, 4, 4), (0, 3, 3), (2, 0, 0), (1, 1)]
RECT_SHAPES = [(4, 3), (3, 5), (2, 4, 2), (0, 2, 3), (2, 0, 3), (3, 0)]


def products(c):
    for dt in FLOATS:
        for sa, sb in [((3, 4), (4, 2)), ((2, 3, 4), (4, 5)), ((4,), (4, 3)), ((3, 4), (4,)),
                       ((4,), (4,)), ((1, 2, 3), (5, 3, 2)), ((0, 3), (3, 2)), ((2, 0), (0, 3))]:
            a, b = rand(sa, dt), rand(sb, dt)
            add(c, "matmul", {}, {"x1": a, "x2": b}, lambda: np.matmul(a, b), tol(dt, sa[-1]))
        a, b = rand((2, 3), dt), rand((4, 3), dt)
        add(c, "vecdot", {"axis": -1}, {"x1": a[:, None], "x2": b}, lambda: np.vecdot(a[:, None], b), tol(dt, 3))
        a, b = rand((3, 2), dt), rand((3, 2), dt)
        add(c, "vecdot", {"axis": 0}, {"x1": a, "x2": b}, lambda: np.vecdot(a, b, axis=0), tol(dt, 3))
    a, b = np.arange(12, dtype=np.int64).reshape(3, 4), np.arange(8, dtype=np.int32).reshape(4, 2) - 3
    add(c, "matmul", {}, {"x1": a, "x2": b}, lambda: np.matmul(a, b))
    add(c, "matmul", {}, {"x1": a, "x2": a}, lambda: np.matmul(a, a))  # misaligned: error
    for dt in ["float64", "complex128"]:
        a, b = rand((2, 3, 4), dt), rand((3, 4, 5), dt)
        add(c, "tensordot", {"axes": 2}, {"x1": a, "x2": b}, lambda: np.tensordot(a, b, 2), tol(dt, 12))
        add(c, "tensordot", {"axes": [[1], [0]]}, {"x1": a, "x2": b},
            lambda: np.tensordot(a, b, ([1], [0])), tol(dt, 3))
        bb = rand((4, 2, 3), dt)
        add(c, "tensordot", {"axes": [[0, 2], [1, 0]]}, {"x1": a, "x2": bb},
            lambda: np.tensordot(a, bb, ([0, 2], [1, 0])), tol(dt, 8))
        add(c, "tensordot", {"axes": 0}, {"x1": a[0, 0], "x2": b[0, 0]},
            lambda: np.tensordot(a[0, 0], b[0, 0], 0), tol(dt, 1))
        u, v = rand((3,), dt), rand((4,), dt)
        add(c, "outer", {}, {"x1": u, "x2": v}, lambda: np.outer(u, v), tol(dt, 1))
        k1, k2 = rand((2, 3), dt), rand((2, 2), dt)
        add(c, "kron", {}, {"x1": k1, "x2": k2}, lambda: np.kron(k1, k2), tol(dt, 1))
        k3 = rand((3,), dt)
        add(c, "kron", {}, {"x1": k3, "x2": k2}, lambda: np.kron(k3, k2), tol(dt, 1))
        ms = [rand((3,), dt), rand((3, 6), dt), rand((6, 2), dt), rand((2, 4), dt)]
        add(c, "multi_dot", {}, {"arrays": ms}, lambda: np.linalg.multi_dot(ms), tol(dt, 6 * 6))
        ms2 = [rand((5, 2), dt), rand((2, 7), dt), rand((7,), dt)]
        add(c, "multi_dot", {}, {"arrays": ms2}, lambda: np.linalg.multi_dot(ms2), tol(dt, 7 * 7))
        x, y = rand((2, 3), dt), rand((4, 1, 3), dt)
        add(c, "cross", {"axis": -1}, {"x1": x, "x2": y}, lambda: np.cross(x, y), tol(dt, 2))
        x, y = rand((3, 2), dt), rand((3, 2), dt)
        add(c, "cross", {"axis": 0}, {"x1": x, "x2": y}, lambda: np.cross(x, y, axis=0), tol(dt, 2))
    ia, ib = np.arange(6, dtype=np.int64).reshape(2, 3), np.arange(4, dtype=np.int64).reshape(2, 2)
    add(c, "kron", {}, {"x1": ia, "x2": ib}, lambda: np.kron(ia, ib))


def shape_ops(c):
    for dt in ["float64", "complex64", "int32"]:
        for shape in [(3, 4), (2, 3, 3), (0, 2, 2), (2, 0, 3)]:
            x = rand(shape, dt) if dt != "int32" else np.arange(np.prod(shape), dtype=np.int32).reshape(shape)
            for off in [0, 1, -1, 5]:
                add(c, "diagonal", {"offset": off}, {"x": x},
                    lambda: np.diagonal(x, off, axis1=-2, axis2=-1))
                add(c, "trace", {"offset": off}, {"x": x},
                    lambda: np.trace(x, off, axis1=-2, axis2=-1), None if dt == "int32" else tol(dt, 4))
            add(c, "matrix_transpose", {}, {"x": x}, lambda: np.swapaxes(x, -1, -2))


def norms(c):
    for dt in ["float64", "float32", "complex128"]:
        for shape in [(3, 4), (2, 3, 3), (0, 2, 2), (2, 0, 3), (1, 1)]:
            x = rand(shape, dt)
            for o in ["fro", "nuc", 1, -1, 2, -2, "inf", "-inf"]:
                npo = {"inf": np.inf, "-inf": -np.inf}.get(o, o)
                if o in (-2, "-inf") and 0 in shape[-2:] and shape[-2] == 0:
                    # The minimum over no singular values / no rows: NumPy raises, xp
                    # gives +inf (the empty minimum, as VectorReduction::Norm(-inf)).
                    continue
                add(c, "matrix_norm", {"ord": o}, {"x": x},
                    lambda: np.linalg.matrix_norm(x, ord=npo), tol(dt, max(shape[-2:]) ** 2))
        x = rand((2, 3, 4), dt)
        for o in [2, 1, "inf", "-inf", 0, 3, -1, 0.5]:
            npo = {"inf": np.inf, "-inf": -np.inf}.get(o, o)
            for ax in [None, -1, [0, 2]]:
                add(c, "vector_norm", {"ord": o, "axis": ax, "keepdims": False}, {"x": x},
                    lambda: np.linalg.vector_norm(x, ord=npo, axis=None if ax is None else tuple(ax) if isinstance(ax, list) else ax),
                    tol(dt, 24))
            add(c, "vector_norm", {"ord": o, "axis": [1], "keepdims": True}, {"x": x},
                lambda: np.linalg.vector_norm(x, ord=npo, axis=(1,), keepdims=True), tol(dt, 24))
        z = np.zeros((2, 0), dtype=dt)
        add(c, "vector_norm", {"ord": 2, "axis": -1, "keepdims": False}, {"x": z},
            lambda: np.linalg.vector_norm(z, axis=-1), tol(dt, 1))


def solvers(c):
    for dt in FLOATS:
        for shape in SQUARE_SHAPES:
            a = well(shape, dt)
            n = shape[-1]
            k = cond(a)
            add(c, "inv", {}, {"x": a}, lambda: np.linalg.inv(a), tol(dt, n, k))
            add(c, "det", {}, {"x": a}, lambda: np.linalg.det(a), tol(dt, n, 1))
            add(c, "slogdet", {}, {"x": a}, lambda: tuple(np.linalg.slogdet(a)), tol(dt, n, 1))
            b = rand(shape[:-1] + (2,), dt)
            add(c, "solve", {}, {"x1": a, "x2": b}, lambda: np.linalg.solve(a, b), tol(dt, n, k))
            for p in [0, 1, 3, -2]:
                add(c, "matrix_power", {"n": p}, {"x": a}, lambda: np.linalg.matrix_power(a, p),
                    tol(dt, n, k ** 2 if p < 0 else 1) * max(abs(p), 1))
            s = spd(shape, dt)
            ks = cond(s)
            add(c, "cholesky", {"upper": False}, {"x": s}, lambda: np.linalg.cholesky(s), tol(dt, n, ks))
            add(c, "cholesky", {"upper": True}, {"x": s}, lambda: np.linalg.cholesky(s, upper=True), tol(dt, n, ks))
        # A 1-d right-hand side (the standard: b is a vector when 1-d), broadcast stacks.
        a = well((2, 3, 3), dt)
        v = rand((3,), dt)
        add(c, "solve", {}, {"x1": a, "x2": v}, lambda: np.linalg.solve(a, v), tol(dt, 3, cond(a)))
        bb = rand((4, 1, 3, 2), dt)
        add(c, "solve", {}, {"x1": a, "x2": bb}, lambda: np.linalg.solve(a, bb), tol(dt, 3, cond(a)))
        for shape in RECT_SHAPES + [(3, 3)]:
            x = rand(shape, dt)
            kx = cond(x) if x.size else 1.0
            add(c, "pinv", {}, {"x": x}, lambda: np.linalg.pinv(x), tol(dt, max(shape[-2:]), kx))
            add(c, "matrix_rank", {}, {"x": x}, lambda: np.linalg.matrix_rank(x))
            add(c, "svdvals", {}, {"x": x}, lambda: np.linalg.svdvals(x), tol(dt, max(shape[-2:])))
        low = (rand((4, 2), dt) @ rand((2, 5), dt)).astype(dt)
        add(c, "matrix_rank", {}, {"x": low}, lambda: np.linalg.matrix_rank(low))
        for shape_a, shape_b in [((5, 3), (5,)), ((5, 3), (5, 2)), ((3, 3), (3,))]:
            a, b = rand(shape_a, dt), rand(shape_b, dt)
            k = cond(a)
            add(c, "lstsq", {}, {"x1": a, "x2": b}, lambda: np.linalg.lstsq(a, b, rcond=None)[0],
                tol(dt, 5, k * k))
    sing = np.array([[1.0, 2.0], [2.0, 4.0]])
    add(c, "inv", {}, {"x": sing}, lambda: np.linalg.inv(sing))
    add(c, "solve", {}, {"x1": sing, "x2": np.ones(2)}, lambda: np.linalg.solve(sing, np.ones(2)))
    add(c, "det", {}, {"x": sing}, lambda: np.linalg.det(sing), tol("float64", 2))
    add(c, "slogdet", {}, {"x": sing}, lambda: tuple(np.linalg.slogdet(sing)), tol("float64", 2))
    notpd = np.array([[1.0, 2.0], [2.0, 1.0]])
    add(c, "cholesky", {"upper": False}, {"x": notpd}, lambda: np.linalg.cholesky(notpd))
    ints = np.array([[2, 1], [1, 3]], dtype=np.int64)
    add(c, "inv", {}, {"x": ints}, lambda: np.linalg.inv(ints), tol("float64", 2, 3))
    add(c, "det", {}, {"x": ints}, lambda: np.linalg.det(ints), tol("float64", 2))
    add(c, "inv", {}, {"x": np.ones((2, 3))}, lambda: np.linalg.inv(np.ones((2, 3))))


def decompositions(c):
    for dt in FLOATS:
        for shape in [(4, 3), (3, 3), (3, 5), (2, 4, 4), (0, 3, 3), (2, 0, 0), (2, 3, 0)]:
            x = rand(shape, dt)
            m, n = shape[-2:]
            kx = cond(x) if x.size else 1.0
            add(c, "qr", {"mode": "reduced"}, {"x": x}, lambda: tuple(np.linalg.qr(x)),
                tol(dt, max(m, n), kx), "qr")
            if m <= n:
                add(c, "qr", {"mode": "complete"}, {"x": x},
                    lambda: tuple(np.linalg.qr(x, mode="complete")), tol(dt, max(m, n), kx), "qr")
            sv = np.linalg.svdvals(x) if x.size else np.ones(1)
            gaps = np.diff(-np.sort(sv, axis=-1), axis=-1) if sv.shape[-1] > 1 else np.ones(1)
            gap = float(np.min(gaps)) / float(np.max(sv)) if gaps.size else 1.0
            add(c, "svd", {"full_matrices": False}, {"x": x},
                lambda: tuple(np.linalg.svd(x, full_matrices=False)),
                tol(dt, max(m, n), 1 / max(gap, 1e-3)), "svd")
            if m == n:
                add(c, "svd", {"full_matrices": True}, {"x": x},
                    lambda: tuple(np.linalg.svd(x, full_matrices=True)),
                    tol(dt, max(m, n), 1 / max(gap, 1e-3)), "svd")
        for shape in [(3, 3), (2, 4, 4), (0, 3, 3), (2, 0, 0), (1, 1)]:
            h = herm_spread(shape, dt)
            n = shape[-1]
            add(c, "eigh", {}, {"x": h}, lambda: tuple(np.linalg.eigh(h)), tol(dt, n, n), "eigh")
            add(c, "eigvalsh", {}, {"x": h}, lambda: np.linalg.eigvalsh(h), tol(dt, n, n))
            g = general_spread(shape, dt)
            kg = cond(g)
            add(c, "eig", {}, {"x": g}, lambda: tuple(np.linalg.eig(g)), tol(dt, n, n * kg), "eig")
            add(c, "eigvals", {}, {"x": g}, lambda: (np.linalg.eigvals(g),), tol(dt, n, n * kg), "eig")
    # Complex eigenvalues of a real matrix (a rotation-like block).
    r = np.array([[0.0, -2.0, 0.0], [2.0, 0.0, 0.0], [0.0, 0.0, 5.0]]) + 0.1 * np.eye(3)
    add(c, "eig", {}, {"x": r}, lambda: tuple(np.linalg.eig(r)), tol("float64", 3, 10), "eig")
    add(c, "eigvals", {}, {"x": r}, lambda: (np.linalg.eigvals(r),), tol("float64", 3, 10), "eig")


def einsums(c):
    cases = [
        ("ij,jk->ik", [(3, 4), (4, 5)]),
        ("ij,jk", [(3, 4), (4, 5)]),
        ("ij,kj->ik", [(3, 4), (5, 4)]),
        ("ii", [(4, 4)]),
        ("ii->i", [(4, 4)]),
        ("iji->j", [(3, 2, 3)]),
        ("ij->", [(3, 4)]),
        ("ij->j", [(3, 4)]),
        ("ji", [(3, 4)]),
        ("i,i", [(5,), (5,)]),
        ("i,i->i", [(5,), (5,)]),
        ("i,j->ij", [(3,), (4,)]),
        ("i,j", [(3,), (4,)]),
        ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
        ("bij,bkj->bik", [(2, 3, 4), (2, 5, 4)]),
        ("...ij,...jk->...ik", [(2, 1, 3, 4), (5, 4, 2)]),
        ("...ij,jk", [(2, 3, 4), (4, 2)]),
        ("i...->...", [(3, 2, 2)]),
        ("ij...,jk...->ik...", [(2, 3, 4), (3, 5, 4)]),
        ("ijk,jil->kl", [(3, 4, 5), (4, 3, 2)]),
        ("ab,bc,cd->ad", [(2, 30), (30, 3), (3, 40)]),
        ("ab,cd,bc->ad", [(5, 6), (7, 8), (6, 7)]),
        ("i,ij,j->", [(4,), (4, 5), (5,)]),
        ("ij,ij,ij->i", [(3, 4), (3, 4), (3, 4)]),
        ("Ab,bA->A", [(3, 4), (4, 3)]),
        ("ij,j->i", [(3, 4), (1,)]),
        ("ij,jk->ik", [(0, 4), (4, 2)]),
        ("ij,jk->ik", [(3, 0), (0, 2)]),
        ("i,i", [(0,), (0,)]),
        ("ij,jk->ik", [(3, 4), (5, 2)]),   # error: j has lengths 4 and 5
        ("ij,jk->il", [(3, 4), (4, 2)]),   # error: l not in the inputs
        ("ij->ii", [(3, 3)]),              # error: repeated output label
        ("ii", [(3, 4)]),                  # error: diagonal of unequal lengths
        ("ijk", [(3, 4)]),                 # error: too many labels
        ("ij,jk", [(3, 4)]),               # error: operand count
        ("...ij->ij", [(2, 3, 4)]),        # error: ... dropped
    ]
    for dt in ["float64", "complex128", "float32", "int64"]:
        for subs, shapes in cases:
            if dt == "int64":
                ops = [np.arange(np.prod(s), dtype=np.int64).reshape(s) % 7 - 3 for s in shapes]
            else:
                ops = [rand(s, dt) for s in shapes]
            if len(subs.split("->")[0].split(",")) != len(ops):
                add(c, "einsum", {"subscripts": subs}, {"operands": ops}, lambda: np.einsum(subs, *ops))
                continue
            k = max([s[-1] for s in shapes if s] + [1])
            add(c, "einsum", {"subscripts": subs}, {"operands": ops},
                lambda: np.einsum(subs, *ops), None if dt == "int64" else tol(dt, k * k))


def linalg_golden(c):
    products(c)
    shape_ops(c)
    norms(c)
    solvers(c)
    decompositions(c)
    einsums(c)
