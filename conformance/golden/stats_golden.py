"""The statistics golden corpus (stats.npz, manifest_stats.json): statistical, searching,
sorting, set and utility functions of the standard and the NumPy extras xp offers beside
them, written by make_golden.py with the same case format.

Parameters beyond the function's own: "ulp" (float results compared within that many ulp:
sums, means, variances and interpolations may round differently from NumPy's order of
operations; absent means exact). Inputs avoid cancellation where an ulp bound would be
meaningless. Where NumPy's function names differ from xp's the case names xp's.
"""

import warnings

import numpy as np

F = "stats.npz"
ULP = 8  # sums of a few terms: both pairwise/blocked, a few roundings apart at most


def attempt(fn):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(), None
    except Exception as e:  # noqa: BLE001
        return None, type(e).__name__


def add(c, name, params, inputs, fn, ulp=None):
    """A case whose expected output is fn()'s (an array, a tuple of arrays), or a failure."""
    out, err = attempt(fn)
    p = dict(params)
    if ulp is not None:
        p["ulp"] = ulp
    if err is not None:
        c.add(F, name, p, inputs, error="any")
        return
    if isinstance(out, tuple):
        c.add(F, name, p, inputs, [np.asarray(o) for o in out])
    else:
        c.add(F, name, p, inputs, np.asarray(out))


def arrays():
    """Named inputs: (name, array)."""
    f64 = np.array([[1.5, -2.0, 3.0, 0.25], [4.0, 4.0, -1.0, 7.0], [0.5, 2.5, 9.0, -3.0]])
    nan = f64.copy()
    nan[0, 1] = np.nan
    nan[2, 3] = np.nan
    inf = f64.copy()
    inf[1, 0] = np.inf
    inf[2, 2] = -np.inf
    cube = (np.arange(24, dtype=np.float64).reshape(2, 3, 4) * 0.75) % 5.0 - 1.0
    out = [
        ("f64", f64),
        ("f32", f64.astype(np.float32)),
        ("nan", nan),
        ("inf", inf),
        ("nan32", nan.astype(np.float32)),
        ("cube", cube),
        ("i8", np.array([[100, -7, 3, 100], [-128, 5, 5, 127]], dtype=np.int8)),
        ("u8", np.array([[200, 7, 3, 255], [0, 5, 5, 9]], dtype=np.uint8)),
        ("i32", np.array([5, -3, 5, 0, 2, -3, 7], dtype=np.int32)),
        ("i64", np.array([[3, 1, 2], [1, 1, 9]], dtype=np.int64)),
        ("b", np.array([[True, False, True], [False, False, True]])),
        ("eq", np.full((2, 3), 2.5)),
        ("empty", np.zeros((0,))),
        ("empty2", np.zeros((2, 0))),
        ("zero_d", np.array(3.5)),
        ("zero_d_i", np.array(-4, dtype=np.int16)),
    ]
    return out


def axes_for(a):
    n = a.ndim
    yield None
    for i in range(n):
        yield i
    if n >= 2:
        yield (0, n - 1)
        yield -1
    if n == 3:
        yield (0, 2)


def js_axis(ax):
    if ax is None:
        return None
    return list(ax) if isinstance(ax, tuple) else [ax]


def reductions(c):
    for name, a in arrays():
        for ax in axes_for(a):
            for keep in (False, True):
                p = {"axis": js_axis(ax), "keepdims": keep}
                kind = a.dtype.kind
                if kind != "b":
                    add(c, "sum", p, {"x": a}, lambda: np.sum(a, axis=ax, keepdims=keep),
                        ULP if kind == "f" else None)
                    add(c, "prod", p, {"x": a}, lambda: np.prod(a, axis=ax, keepdims=keep),
                        ULP if kind == "f" else None)
                    add(c, "min", p, {"x": a}, lambda: np.min(a, axis=ax, keepdims=keep))
                    add(c, "max", p, {"x": a}, lambda: np.max(a, axis=ax, keepdims=keep))
                    add(c, "ptp", p, {"x": a}, lambda: np.ptp(a, axis=ax, keepdims=keep))
                if kind == "f":
                    add(c, "mean", p, {"x": a}, lambda: np.mean(a, axis=ax, keepdims=keep), ULP)
                    for corr in (0, 1):
                        q = {**p, "correction": corr}
                        add(c, "var", q, {"x": a},
                            lambda: np.var(a, axis=ax, ddof=corr, keepdims=keep), 64)
                        add(c, "std", q, {"x": a},
                            lambda: np.std(a, axis=ax, ddof=corr, keepdims=keep), 64)
                    for fn in ("nansum", "nanmean", "nanmin", "nanmax"):
                        f = getattr(np, fn)
                        add(c, fn, p, {"x": a}, lambda: f(a, axis=ax, keepdims=keep),
                            ULP if fn in ("nansum", "nanmean") else None)
                    add(c, "nanprod", p, {"x": a}, lambda: np.nanprod(a, axis=ax, keepdims=keep),
                        ULP)
                    add(c, "nanvar", {**p, "correction": 1}, {"x": a},
                        lambda: np.nanvar(a, axis=ax, ddof=1, keepdims=keep), 64)
                    add(c, "nanstd", {**p, "correction": 0}, {"x": a},
                        lambda: np.nanstd(a, axis=ax, ddof=0, keepdims=keep), 64)
                    add(c, "median", p, {"x": a}, lambda: np.median(a, axis=ax, keepdims=keep),
                        ULP)
                add(c, "all", p, {"x": a}, lambda: np.all(a, axis=ax, keepdims=keep))
                add(c, "any", p, {"x": a}, lambda: np.any(a, axis=ax, keepdims=keep))
                add(c, "count_nonzero", p, {"x": a},
                    lambda: np.asarray(np.count_nonzero(a, axis=ax, keepdims=keep), np.int64))
    # dtype=
    for name, a in arrays():
        if a.dtype.kind == "b":
            continue
        for d in ("int64", "float64", "float32", "uint64"):
            if a.dtype.kind == "f" and d in ("int64", "uint64"):
                continue
            add(c, "sum", {"axis": None, "keepdims": False, "dtype": d}, {"x": a},
                lambda: np.sum(a, dtype=d), ULP)
            add(c, "prod", {"axis": [0] if a.ndim else None, "keepdims": False, "dtype": d},
                {"x": a}, lambda: np.prod(a, axis=0 if a.ndim else None, dtype=d), ULP)


def searching(c):
    for name, a in arrays():
        if a.dtype.kind == "b":
            continue
        axs = [None] + list(range(a.ndim))
        for ax in axs:
            for keep in (False, True):
                p = {"axis": ax, "keepdims": keep}
                add(c, "argmax", p, {"x": a}, lambda: np.argmax(a, axis=ax, keepdims=keep))
                add(c, "argmin", p, {"x": a}, lambda: np.argmin(a, axis=ax, keepdims=keep))
                if a.dtype.kind == "f":
                    add(c, "nanargmax", p, {"x": a},
                        lambda: np.nanargmax(a, axis=ax, keepdims=keep))
                    add(c, "nanargmin", p, {"x": a},
                        lambda: np.nanargmin(a, axis=ax, keepdims=keep))
    ties = np.array([1.0, 3.0, 3.0, np.nan, 3.0, 1.0, np.nan])
    for keep in (False, True):
        add(c, "argmax", {"axis": None, "keepdims": keep}, {"x": ties},
            lambda: np.argmax(ties, keepdims=keep))
        add(c, "argmin", {"axis": 0, "keepdims": keep}, {"x": ties},
            lambda: np.argmin(ties, axis=0, keepdims=keep))
        add(c, "nanargmax", {"axis": None, "keepdims": keep}, {"x": ties},
            lambda: np.nanargmax(ties, keepdims=keep))
    allnan = np.full((2, 2), np.nan)
    add(c, "nanargmax", {"axis": 0, "keepdims": False}, {"x": allnan},
        lambda: np.nanargmax(allnan, axis=0))
    # searchsorted
    hay = {
        "float64": np.array([-np.inf, -1.0, 0.0, 0.0, 2.5, 2.5, 2.5, 7.0, np.inf, np.nan]),
        "int64": np.array([-5, 0, 0, 3, 3, 3, 9], dtype=np.int64),
        "float32": np.array([0.5, 1.0, 1.0, 4.0], dtype=np.float32),
        "uint8": np.array([0, 7, 7, 255], dtype=np.uint8),
    }
    needles = {
        "float64": np.array([[-np.inf, 0.0, 2.5], [3.0, np.nan, np.inf]]),
        "int64": np.array([-6, 0, 3, 4, 9, 10], dtype=np.int64),
        "float32": np.array([1.0, 0.0, 5.0], dtype=np.float32),
        "uint8": np.array([7, 0, 255, 8], dtype=np.uint8),
    }
    for d, h in hay.items():
        v = needles[d]
        for side in ("left", "right"):
            add(c, "searchsorted", {"side": side}, {"x1": h, "x2": v},
                lambda: np.searchsorted(h, v, side=side))
            rev = np.ascontiguousarray(h[::-1])
            sorter = np.argsort(rev, kind="stable")
            add(c, "searchsorted", {"side": side}, {"x1": rev, "x2": v, "sorter": sorter},
                lambda: np.searchsorted(rev, v, side=side, sorter=sorter))
        add(c, "searchsorted", {"side": "left", "scalar": 3}, {"x1": h},
            lambda: np.asarray(np.searchsorted(h, 3, side="left"), np.int64))
    empty = np.zeros(0)
    add(c, "searchsorted", {"side": "right"}, {"x1": empty, "x2": np.array([1.0, 2.0])},
        lambda: np.searchsorted(empty, np.array([1.0, 2.0]), side="right"))
    for name, a in arrays():
        add(c, "argwhere", {}, {"x": a}, lambda: np.argwhere(a))
        add(c, "flatnonzero", {}, {"x": a}, lambda: np.flatnonzero(a))


def stable_desc_argsort(a, axis):
    r = np.flip(a, axis=axis)
    idx = np.argsort(r, axis=axis, kind="stable")
    return np.flip(a.shape[axis] - 1 - idx, axis=axis)


def sorting(c):
    sample = arrays() + [
        ("ties", np.array([2.0, np.nan, -0.0, 1.0, 0.0, 2.0, np.nan, -np.inf, 1.0])),
        ("ties_i", np.array([[3, 1, 3, 2, 1], [0, 0, 9, 9, -1]], dtype=np.int64)),
        ("ties_u", np.array([5, 5, 1, 200, 0, 1], dtype=np.uint8)),
    ]
    for name, a in sample:
        if a.ndim == 0:
            add(c, "sort", {"axis": -1, "descending": False}, {"x": a},
                lambda: np.sort(a, axis=-1))
            continue
        for ax in range(-1, a.ndim):
            for desc in (False, True):
                p = {"axis": ax, "descending": desc}
                if desc:
                    add(c, "sort", p, {"x": a}, lambda: np.flip(np.sort(np.flip(a, ax), axis=ax,
                                                                        kind="stable"), ax))
                    add(c, "argsort", p, {"x": a}, lambda: stable_desc_argsort(a, ax))
                else:
                    add(c, "sort", p, {"x": a}, lambda: np.sort(a, axis=ax, kind="stable"))
                    add(c, "argsort", p, {"x": a},
                        lambda: np.argsort(a, axis=ax, kind="stable"))
    k1 = np.array([1, 1, 0, 0, 2, 1], dtype=np.int64)
    k2 = np.array([2.0, 1.0, 2.0, 1.0, np.nan, 2.0])
    k3 = np.array([True, False, True, True, False, False])
    add(c, "lexsort", {}, {"keys": [k1, k2]}, lambda: np.lexsort((k1, k2)))
    add(c, "lexsort", {}, {"keys": [k3, k1, k2]}, lambda: np.lexsort((k3, k1, k2)))
    add(c, "lexsort", {}, {"keys": [k1]}, lambda: np.lexsort((k1,)))


def sets(c):
    sample = [
        ("nan", np.array([3.0, np.nan, 1.0, np.nan, 3.0, 2.0, -0.0, 0.0])),
        ("2d", np.array([[3, 1, 3], [2, 1, 9]], dtype=np.int64)),
        ("u8", np.array([7, 7, 7], dtype=np.uint8)),
        ("b", np.array([True, False, True])),
        ("f32", np.array([1.5, -2.0, 1.5, np.inf, -np.inf], dtype=np.float32)),
        ("empty", np.zeros(0)),
        ("zero_d", np.array(2.0)),
    ]
    for name, a in sample:
        add(c, "unique_values", {}, {"x": a}, lambda: np.unique(a, equal_nan=False))
        add(c, "unique_counts", {}, {"x": a},
            lambda: tuple(np.unique_counts(a)))
        add(c, "unique_inverse", {}, {"x": a},
            lambda: tuple(np.unique_inverse(a)))
        add(c, "unique_all", {}, {"x": a}, lambda: tuple(np.unique_all(a)))
    x1 = np.array([[1.0, np.nan, 3.0], [4.0, -0.0, 2.0]])
    x2 = np.array([0.0, 3.0, np.nan, 7.0])
    for inv in (False, True):
        add(c, "isin", {"invert": inv}, {"x1": x1, "x2": x2},
            lambda: np.isin(x1, x2, invert=inv))
        i1 = np.array([5, 1, 9, 255], dtype=np.uint8)
        i2 = np.array([9, -1, 5], dtype=np.int16)
        add(c, "isin", {"invert": inv}, {"x1": i1, "x2": i2},
            lambda: np.isin(i1, i2, invert=inv))


def cumulative(c):
    sample = [(n, a) for n, a in arrays() if a.dtype.kind != "b"]
    for name, a in sample:
        kind = a.dtype.kind
        ulp = ULP if kind == "f" else None
        axs = [None] if a.ndim <= 1 else list(range(-1, a.ndim))
        for ax in axs:
            for init in (False, True):
                p = {"axis": ax, "include_initial": init}
                add(c, "cumulative_sum", p, {"x": a},
                    lambda: np.cumulative_sum(a, axis=ax, include_initial=init), ulp)
                add(c, "cumulative_prod", p, {"x": a},
                    lambda: np.cumulative_prod(a, axis=ax, include_initial=init), ulp)
        for ax in [None] + list(range(a.ndim)):
            add(c, "cumsum", {"axis": ax}, {"x": a}, lambda: np.cumsum(a, axis=ax), ulp)
            add(c, "cumprod", {"axis": ax}, {"x": a}, lambda: np.cumprod(a, axis=ax), ulp)
        if a.ndim >= 1:
            add(c, "cumulative_sum", {"axis": 0, "include_initial": False, "dtype": "float64"},
                {"x": a}, lambda: np.cumulative_sum(a, axis=0, dtype="float64"), ulp)
    for name, a in arrays():
        if a.ndim == 0:
            add(c, "diff", {"axis": -1, "n": 1}, {"x": a}, lambda: np.diff(a))
            continue
        for ax in range(-1, a.ndim):
            for n in (0, 1, 2):
                add(c, "diff", {"axis": ax, "n": n}, {"x": a}, lambda: np.diff(a, n=n, axis=ax))
    x = np.array([[1.0, 4.0, 9.0], [2.0, -2.0, 0.5]])
    pre = np.array([[0.0], [10.0]])
    app = np.array([[100.0, 200.0], [0.0, 1.0]])
    add(c, "diff", {"axis": 1, "n": 1}, {"x": x, "prepend": pre, "append": app},
        lambda: np.diff(x, axis=1, prepend=pre, append=app))
    add(c, "diff", {"axis": 1, "n": 2}, {"x": x, "prepend": pre},
        lambda: np.diff(x, n=2, axis=1, prepend=pre))


METHODS = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation",
           "interpolated_inverted_cdf", "hazen", "weibull", "linear", "median_unbiased",
           "normal_unbiased", "lower", "higher", "nearest", "midpoint"]


def quantiles(c):
    sample = [
        ("f64", np.array([[7.0, 1.0, 3.0, 3.0, 10.0], [2.0, 2.0, 2.0, 2.0, 2.0]])),
        ("f32", np.array([0.5, 9.0, 4.0, 1.0, -2.0, 6.0], dtype=np.float32)),
        ("i32", np.array([5, 1, 4, 4, 9, 0, 3], dtype=np.int32)),
        ("nan", np.array([[1.0, np.nan, 3.0], [4.0, 5.0, 6.0]])),
        ("one", np.array([4.0])),
        ("cube", (np.arange(24.0).reshape(2, 3, 4) * 7) % 11),
    ]
    qs = [0.0, 0.1, 0.25, 0.4, 0.5, 0.75, 0.9, 1.0]
    for name, a in sample:
        for m in METHODS:
            for ax in [None, -1] + ([(0, 2)] if a.ndim == 3 else []):
                p = {"q": qs, "axis": js_axis(ax), "method": m, "keepdims": False}
                add(c, "quantile", p, {"x": a},
                    lambda: np.quantile(a, np.array(qs), axis=ax, method=m), 4)
                p = {"q": 0.3, "axis": js_axis(ax), "method": m, "keepdims": True}
                add(c, "quantile_scalar", p, {"x": a},
                    lambda: np.quantile(a, 0.3, axis=ax, method=m, keepdims=True), 4)
            p = {"q": [10.0, 50.0, 95.0], "axis": None, "method": m, "keepdims": False}
            add(c, "percentile", p, {"x": a},
                lambda: np.percentile(a, np.array([10.0, 50.0, 95.0]), method=m), 4)
        for ax in [None, 0, -1]:
            add(c, "median", {"axis": js_axis(ax), "keepdims": False}, {"x": a},
                lambda: np.median(a, axis=ax), 4)


def averages(c):
    x = np.array([[1.0, 2.0, 4.0], [3.0, -1.0, 0.5]])
    w = np.array([[1.0, 0.5, 2.0], [0.0, 3.0, 1.0]])
    w1 = np.array([0.25, 1.0, 2.0])
    for ax in (None, 0, 1):
        for keep in (False, True):
            p = {"axis": js_axis(ax), "keepdims": keep}
            add(c, "average", p, {"x": x, "weights": w},
                lambda: np.average(x, axis=ax, weights=w, keepdims=keep), ULP)
            add(c, "average", p, {"x": x},
                lambda: np.average(x, axis=ax, keepdims=keep), ULP)
    add(c, "average", {"axis": [1], "keepdims": False}, {"x": x, "weights": w1},
        lambda: np.average(x, axis=1, weights=w1), ULP)
    xf = x.astype(np.float32)
    add(c, "average", {"axis": [0], "keepdims": False}, {"x": xf, "weights": w.astype(np.float32)},
        lambda: np.average(xf, axis=0, weights=w.astype(np.float32)), ULP)
    xi = np.array([1, 2, 3, 4], dtype=np.int32)
    add(c, "average", {"axis": None, "keepdims": False}, {"x": xi, "weights": xi},
        lambda: np.average(xi, weights=xi), ULP)


def binning(c):
    data = [
        ("f64", np.array([0.5, 1.0, 1.0, 2.25, 3.0, 4.0, 4.0, -1.0, 7.5, 2.0])),
        ("f32", np.array([0.1, 0.2, 0.3, 0.7, 1.0, 0.3], dtype=np.float32)),
        ("i64", np.array([[3, 1, 2], [1, 1, 9]], dtype=np.int64)),
        ("eq", np.full(5, 2.5)),
        ("empty", np.zeros(0)),
        ("nan", np.array([1.0, np.nan, 2.0])),
    ]
    for name, a in data:
        w = (np.arange(a.size, dtype=np.float64).reshape(a.shape) * 0.5 + 0.25)
        for bins in (1, 3, 10):
            for rng in (None, (0.0, 4.0)):
                for dens in (False, True):
                    p = {"bins": bins, "range": list(rng) if rng else None, "density": dens}
                    add(c, "histogram", p, {"x": a},
                        lambda: np.histogram(a, bins=bins, range=rng, density=dens), 4)
            add(c, "histogram", {"bins": bins, "range": None, "density": False},
                {"x": a, "weights": w}, lambda: np.histogram(a, bins=bins, weights=w), 4)
        for edges in (np.array([0.0, 1.0, 2.0, 4.0]), np.array([-2.0, 0.3, 0.3, 10.0]),
                      np.array([1.0, 2.0])):
            for dens in (False, True):
                add(c, "histogram", {"range": None, "density": dens}, {"x": a, "edges": edges},
                    lambda: np.histogram(a, bins=edges, density=dens), 4)
            add(c, "histogram", {"range": None, "density": False},
                {"x": a, "edges": edges, "weights": w},
                lambda: np.histogram(a, bins=edges, weights=w), 4)
    ints = [np.array([0, 1, 1, 3, 2, 1, 7], dtype=np.int64), np.array([2, 2], dtype=np.uint8),
            np.zeros(0, dtype=np.int32), np.array([1, -1], dtype=np.int64)]
    for x in ints:
        w = np.linspace(-1.0, 2.0, x.size)
        for ml in (0, 3, 10):
            add(c, "bincount", {"minlength": ml}, {"x": x}, lambda: np.bincount(x, minlength=ml))
            add(c, "bincount", {"minlength": ml}, {"x": x, "weights": w},
                lambda: np.bincount(x, weights=w, minlength=ml))
    m = np.array([[0.5, 1.0, 4.0, 2.0, -1.0], [2.0, 1.5, 0.0, 3.0, 1.0], [1.0, 1.0, 1.0, 2.0, 5.0]])
    y = np.array([3.0, 1.0, 4.0, 1.0, 5.0])
    samples = [("m", m, None), ("m32", m.astype(np.float32), None), ("my", m, y),
               ("vec", y, None), ("i", np.array([[1, 4, 2], [3, 3, 0]], dtype=np.int32), None),
               ("const", np.array([[1.0, 2.0, 3.0], [2.0, 2.0, 2.0]]), None)]
    for name, a, yy in samples:
        ins = {"x": a} if yy is None else {"x": a, "y": yy}
        for rowvar in (True, False):
            if yy is not None and not rowvar:
                continue
            for bias in (False, True):
                add(c, "cov", {"rowvar": rowvar, "bias": bias, "ddof": None}, ins,
                    lambda: np.cov(a, yy, rowvar=rowvar, bias=bias), 16)
            add(c, "cov", {"rowvar": rowvar, "bias": False, "ddof": 2}, ins,
                lambda: np.cov(a, yy, rowvar=rowvar, ddof=2), 16)
            add(c, "corrcoef", {"rowvar": rowvar}, ins,
                lambda: np.corrcoef(a, yy, rowvar=rowvar), 16)


def stats_golden(c):
    reductions(c)
    searching(c)
    sorting(c)
    sets(c)
    cumulative(c)
    quantiles(c)
    averages(c)
    binning(c)
