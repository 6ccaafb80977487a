#!/usr/bin/env python3
"""Writes xp's NumPy golden corpus: .npz files and manifest.json in this folder.

Run with a Python that has numpy (`cargo xtask golden`, or
`.venv/bin/python conformance/golden/make_golden.py`). Deterministic: no randomness, so
re-running with the same NumPy version rewrites identical files.

manifest.json holds {"numpy_version", "cases": [case, ...]} (and manifest_stats.json the
statistics corpus of stats_golden.py, arrays in stats.npz, run by run_stats_suite;
manifest_linalg.json the linear-algebra corpus of linalg_golden.py, arrays in linalg.npz,
run by run_linalg_suite); each
case is
  id            unique name, e.g. "arange_003"
  function      the xp function checked, e.g. "arange", "getitem", "result_type"
  params        the function's arguments other than arrays (JSON; dtypes by name; complex
                numbers as {"re": .., "im": ..}; index expressions as lists of items)
  file          the .npz holding the arrays (null when the case has no array)
  inputs        role -> member name, or role -> list of member names
  expected      member name, or list of member names (multi-output functions), or null
  expected_value  a JSON value for functions that return no array (dtypes, bools, limits)
  error         null, or the xp error kind NumPy's failure corresponds to (e.g.
                "AxisOutOfBounds", "IndexOutOfBounds"), or "any" when only failure is checked

Elementwise cases (elementwise.npz): every function on a grid of edge values per dtype
(NaN, infinities, signed zeros, subnormals, integer extremes; binary functions on all pairs
of a smaller grid, shifts on every count), mixed-dtype promotion, Python scalars on either
side, clip and where. Functions NumPy computes in float16 for narrow integers are run on
wide integers and floats only. Where NumPy accepts a dtype the standard does not (bool
arithmetic, complex ordering), the case expects xp's InvalidDType ("numpy_accepts"). Where
NumPy deviates from the standard's special cases, or picks a different sign where the
standard leaves it open, the elements are left out (EXCLUDE) and the case lists the reasons
in params["excluded"]. The Rust side compares exactly, or within the ulp bounds of
conformance::tolerance for transcendental functions.

Casting cases EXCLUDE float-to-integer conversions of NaN, infinities and values whose
truncation is out of the target's range: NumPy's result there is platform-defined (and
warns), while xp documents its own choice (saturating, NaN -> 0), checked by the
property tests against the reference backend instead.
"""

import json
import math
import os
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

DTYPES = [
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float32", "float64", "complex64", "complex128",
]
INTS = [d for d in DTYPES if d.startswith("int") or d.startswith("uint")]


def jsonable(v):
    """Converts a parameter to JSON: complex -> {"re", "im"}, numpy scalars -> Python."""
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    if isinstance(v, (complex, np.complexfloating)):
        return {"re": float(v.real), "im": float(v.imag)}
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, np.dtype):
        return v.name
    return v


class Corpus:
    """Collects cases and the arrays of each .npz file."""

    def __init__(self):
        self.files = {}
        self.cases = []
        self.counts = {}

    def new_id(self, function):
        n = self.counts.get(function, 0)
        self.counts[function] = n + 1
        return f"{function}_{n:03d}"

    def add(self, file, function, params=None, inputs=None, expected=None,
            expected_value=None, error=None):
        cid = self.new_id(function)
        members = self.files.setdefault(file, {}) if file else None

        def store(role, arr):
            name = f"{cid}__{role}"
            arr = np.asarray(arr)
            assert arr.dtype.name in DTYPES, (cid, role, arr.dtype)
            members[name] = arr.copy(order="C")  # keeps 0-d arrays 0-d
            return name

        ins = {}
        for role, arr in (inputs or {}).items():
            if isinstance(arr, list):
                ins[role] = [store(f"{role}{i}", a) for i, a in enumerate(arr)]
            else:
                ins[role] = store(role, arr)
        if isinstance(expected, list):
            exp = [store(f"out{i}", a) for i, a in enumerate(expected)]
        elif expected is not None:
            exp = store("out", expected)
        else:
            exp = None
        self.cases.append({
            "id": cid,
            "function": function,
            "params": jsonable(params or {}),
            "file": file if (ins or exp) else None,
            "inputs": ins,
            "expected": exp,
            "expected_value": jsonable(expected_value),
            "error": error,
        })

    def write(self, manifest_name="manifest.json"):
        for name, members in sorted(self.files.items()):
            if members:
                np.savez_compressed(os.path.join(HERE, name), **members)
        manifest = {"numpy_version": np.__version__, "cases": self.cases}
        with open(os.path.join(HERE, manifest_name), "w") as f:
            json.dump(manifest, f, indent=1, sort_keys=True, allow_nan=False)
            f.write("\n")


def attempt(fn):
    """(result, None) or (None, exception type name)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(), None
    except Exception as e:  # noqa: BLE001 - any NumPy failure is a golden error case
        return None, type(e).__name__


# ---------------------------------------------------------------- promotion, dtype info

SCALARS = {"bool": True, "int": 1, "float": 1.0, "complex": 1j}


def promotion(c):
    for a in DTYPES:
        for b in DTYPES:
            c.add(None, "result_type", {"a": a, "b": b},
                  expected_value=np.result_type(np.dtype(a), np.dtype(b)).name)
            c.add(None, "can_cast", {"from": a, "to": b},
                  expected_value=bool(np.can_cast(np.dtype(a), np.dtype(b), casting="safe")))
        for kind, s in SCALARS.items():
            # the dtype of an operation between an array and a Python scalar (NEP 50)
            r = (np.zeros(1, dtype=a) + s).dtype.name
            c.add(None, "result_type", {"a": a, "scalar": kind}, expected_value=r)
    for d in ["float32", "float64", "complex64", "complex128"]:
        f = np.finfo(d)
        c.add(None, "finfo", {"dtype": d}, expected_value={
            "bits": int(f.bits), "eps": float(f.eps), "max": float(f.max),
            "min": float(f.min), "smallest_normal": float(f.smallest_normal),
            "dtype": f.dtype.name})
    for d in INTS:
        i = np.iinfo(d)
        c.add(None, "iinfo", {"dtype": d},
              expected_value={"bits": int(i.bits), "min": int(i.min), "max": int(i.max)})


# ---------------------------------------------------------------- casting

INT_EDGES = [0, 1, 2, 7, 100, 127, 128, 200, 255, 256, 1000, 32767, 32768, 65535, 65536,
             2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**53 + 1, 2**63 - 1]
INT_EDGES = sorted(set(INT_EDGES + [-x for x in INT_EDGES] + [-(2**63), 2**64 - 1, 2**63]))
FLOAT_EDGES = [0.0, -0.0, 0.5, -0.5, 0.9999, 1.0, -1.0, 1.5, -1.5, 2.5, -2.5, 127.0, 127.9,
               -128.0, -128.9, 255.0, 255.9, 256.0, -129.0, 32767.0, 65535.0, 2147483647.0,
               2147483648.0, -2147483648.0, 4294967295.0, 4294967296.0, 16777217.0,
               9007199254740993.0, 9.223372036854775e18, -9.223372036854775808e18,
               1.8446744073709550e19, 1e-45, 1e-310, 3.4028234663852886e38, 1e39, 1e300,
               -1e300, 0.1, 1 / 3, math.pi, math.nan, math.inf, -math.inf, 5e-324,
               1.1754943508222875e-38, 2.2250738585072014e-308]


def edge_values(d):
    dt = np.dtype(d)
    if d == "bool":
        return np.array([False, True], dtype=dt)
    if dt.kind in "iu":
        i = np.iinfo(dt)
        return np.array([x for x in INT_EDGES if i.min <= x <= i.max], dtype=dt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if dt.kind == "f":
            return np.array(FLOAT_EDGES, dtype=np.float64).astype(dt)
        re = np.array(FLOAT_EDGES, dtype=np.float64)
        z = np.empty(re.shape, dtype=np.complex128)
        z.real = re
        z.imag = np.roll(re, 7)
        return z.astype(dt)


def platform_defined(x, to):
    """Mask of elements whose float/complex -> integer cast NumPy leaves to the platform."""
    t = np.dtype(to)
    if t.kind not in "iu" or x.dtype.kind not in "fc":
        return np.zeros(x.shape, dtype=bool)
    re = np.real(x).astype(np.float64)
    with np.errstate(invalid="ignore"):
        tr = np.trunc(re)
        i = np.iinfo(t)
        # compare exactly with Python ints: float64 cannot hold iinfo(uint64).max
        out = [not math.isfinite(v) or not (i.min <= int(v) <= i.max) for v in tr.tolist()]
    return np.array(out, dtype=bool)


def casting(c):
    for a in DTYPES:
        x = edge_values(a)
        for b in DTYPES:
            keep = ~platform_defined(x, b)
            xi = x[keep]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out = xi.astype(b)
            c.add(f"astype_{a}.npz", "astype", {"dtype": b}, {"x": xi}, out)


# ---------------------------------------------------------------- creation

def creation(c):
    f = "creation.npz"
    aranges = [
        (0, 10, 1, None), (10, 0, -3, None), (5, 5, 1, None), (0, -3, 1, None),
        (-5, 5, 2, "int8"), (0, 250, 7, "uint8"), (3, -7, -2, "int16"),
        (0.0, 1.0, 0.1, None), (0.0, 1.0, 0.1, "float32"), (-3.5, 2.2, 0.7, "float32"),
        (10.0, -3.0, -0.37, None), (10.0, -3.0, -0.37, "float32"), (1e8, 1e8 + 1000, 3.3, None),
        (0.0, 1.0, 0.3, None), (0.5, 0.5, 0.1, None), (0.0, -1.0, 0.25, None),
        (1.0, 2.0, 1 / 3, "float64"), (0, 5, 1, "float32"), (2, 20, 3, "float64"),
        (-1.0, 1.0, 2 ** -9, "float32"), (0.0, 3.0, 0.1, "float32"),
    ]
    for start, stop, step, dt in aranges:
        out = np.arange(start, stop, step, dtype=dt)
        c.add(f, "arange", {"start": start, "stop": stop, "step": step, "dtype": dt},
              expected=out)
    linspaces = [
        (0.0, 1.0, 5, True, None), (0.0, 1.0, 5, False, None), (2.0, 3.0, 1, True, None),
        (2.0, 3.0, 1, False, None), (2.0, 3.0, 0, True, None), (0.0, 1.0, 7, True, None),
        (-1.5, 2.25, 7, True, "float32"), (1.0, 10.0, 10, True, None),
        (10.0, -3.0, 6, False, None), (0.0, 10.0, 4, True, "int32"), (0.0, 1.0, 3, True, "float32"),
        (1e-300, 1e-300 * 1.000001, 5, True, None), (0.0, 1.0, 11, True, None),
        (0j, 1 + 2j, 4, True, None), (1 - 1j, -2 + 0.5j, 5, False, None),
        (0.0, 1.0, 3, True, "complex64"), (-7.0, 7.0, 6, True, "int8"),
    ]
    for start, stop, num, endpoint, dt in linspaces:
        out = np.linspace(start, stop, num, endpoint=endpoint, dtype=dt)
        c.add(f, "linspace", {"start": start, "stop": stop, "num": num,
                              "endpoint": endpoint, "dtype": dt}, expected=out)
    for n, m, k, dt in [(3, None, 0, "float64"), (3, 4, 1, "int32"), (4, 3, -2, "int8"),
                        (2, 2, 5, "float32"), (0, None, 0, "float64"), (3, 5, -1, "bool"),
                        (2, 3, 0, "complex64"), (1, 1, 0, "uint64")]:
        c.add(f, "eye", {"n_rows": n, "n_cols": m, "k": k, "dtype": dt},
              expected=np.eye(n, m, k, dtype=dt))
    for shape, value, dt in [((2, 3), 7, None), ((), 2.5, None), ((2,), True, None),
                             ((2, 2), 1.5, "int32"), ((3,), -1, "int8"), ((0, 2), 4, None),
                             ((2,), 1 + 2j, None), ((2,), 3, "complex64"),
                             ((2,), -0.0, "float32"), ((1, 2), 255, "uint8")]:
        c.add(f, "full", {"shape": list(shape), "value": value, "dtype": dt},
              expected=np.full(shape, value, dtype=dt))
    # an integer fill value out of the dtype's range is an error in NumPy 2 and in xp
    for value, dt in [(300, "int8"), (-1, "uint8")]:
        _, err = attempt(lambda: np.full(2, value, dtype=dt))
        assert err == "OverflowError", err
        c.add(f, "full", {"shape": [2], "value": value, "dtype": dt}, error="InvalidArgument")
    for fn in ["zeros", "ones"]:
        for shape, dt in [((2, 3), "float32"), ((), "int8"), ((0,), "bool"), ((2, 1), "complex128")]:
            c.add(f, fn, {"shape": list(shape), "dtype": dt},
                  expected=getattr(np, fn)(shape, dtype=dt))
    m = np.arange(12, dtype=np.int64).reshape(3, 4) + 1
    s = (np.arange(18, dtype=np.float32).reshape(2, 3, 3) - 4.5)
    for x in [m, s, np.ones((4, 2), dtype=bool), np.ones((0, 3), dtype=np.int8)]:
        for k in [-2, -1, 0, 1, 3]:
            c.add(f, "tril", {"k": k}, {"x": x}, np.tril(x, k))
            c.add(f, "triu", {"k": k}, {"x": x}, np.triu(x, k))
    a = np.array([1, 2, 3], dtype=np.int32)
    b = np.array([10.0, 20.0], dtype=np.int32)
    d = np.array([-1, -2, -3, -4], dtype=np.int32)
    for arrays in [[a, b], [a, b, d], [a], [b, np.zeros(0, dtype=np.int32)]]:
        for ix in ["xy", "ij"]:
            c.add(f, "meshgrid", {"indexing": ix}, {"arrays": arrays},
                  list(np.meshgrid(*arrays, indexing=ix)))


# ---------------------------------------------------------------- manipulation

def manipulation(c):
    f = "manipulation.npz"
    x = np.arange(24, dtype=np.int64).reshape(2, 3, 4)
    y = (np.arange(6, dtype=np.float64).reshape(2, 3) - 2.5) * np.array([1.0, -0.0, np.inf])
    y[0, 0] = np.nan

    def case(fn, params, inputs, numpy_fn, error_kind=None):
        out, err = attempt(numpy_fn)
        if err is None:
            c.add(f, fn, params, inputs, out if not isinstance(out, tuple) else list(out))
        else:
            c.add(f, fn, params, inputs, error=error_kind or "any")

    a23 = np.arange(6, dtype=np.int8).reshape(2, 3)
    a13 = np.array([[7, 8, 9]], dtype=np.uint8)
    for arrays, axis in [([a23, a13], 0), ([a23, a23], 1), ([a23, a13], None), ([a23, a23], -1),
                         ([y, y[:, :1]], 1), ([a23, a13], 1), ([a23], 0),
                         ([np.zeros((0, 3), np.int8), a23], 0), ([a23, a23], 2)]:
        kind = "AxisOutOfBounds" if axis == 2 else "ShapeMismatch"
        case("concat", {"axis": axis}, {"arrays": arrays},
             lambda: np.concatenate(arrays, axis=axis), kind)
    for axis in [0, 1, 2, -1, 3]:
        case("stack", {"axis": axis}, {"arrays": [a23, a23 + 10, a23 * 2]},
             lambda: np.stack([a23, a23 + 10, a23 * 2], axis=axis), "AxisOutOfBounds")
    case("stack", {"axis": 0}, {"arrays": [a23, a13]}, lambda: np.stack([a23, a13]))
    for axes in [None, [0], [1, 2], [-1], [0, 1, 2], [3]]:
        case("flip", {"axes": axes}, {"x": x},
             lambda: np.flip(x, axis=None if axes is None else tuple(axes)), "AxisOutOfBounds")
    case("flip", {"axes": None}, {"x": y}, lambda: np.flip(y))
    for shift, axes, inp in [([2], None, x), ([-1], [1], x), ([1, 2], [0, 1], x), ([7], [2], x),
                             ([1], [0, 0], x), ([3], None, np.zeros((0, 2), np.float32)),
                             ([1], [-1], y), ([1], [3], x)]:
        case("roll", {"shift": shift, "axes": axes}, {"x": inp},
             lambda: np.roll(inp, shift if axes is None else tuple(shift) if len(shift) > 1 else shift[0],
                             axis=None if axes is None else tuple(axes)), "AxisOutOfBounds")
    for reps, axis, inp in [([2], None, a23), ([1, 0, 2], 1, a23), ([3], 0, a23), ([2], 1, y),
                            ([0], None, a23), ([2, 1], 0, a23), ([1, 2], 1, a23)]:
        case("repeat", {"repeats": reps, "axis": axis}, {"x": inp},
             lambda: np.repeat(inp, reps if len(reps) > 1 else reps[0], axis=axis))
    for reps, inp in [([2], a23), ([2, 1, 2], a23), ([0], a23), ([2, 2], np.array([1.5, -0.0])),
                      ([3], np.array(5, dtype=np.int16)), ([1, 1], x)]:
        case("tile", {"reps": reps}, {"x": inp}, lambda: np.tile(inp, reps))
    for src, dst in [([0], [-1]), ([0, 1], [2, 0]), ([-1], [0]), ([0], [3]), ([0, 0], [1, 2])]:
        case("moveaxis", {"source": src, "destination": dst}, {"x": x},
             lambda: np.moveaxis(x, src, dst), "AxisOutOfBounds" if 3 in dst else "any")
    for axes in [[1, 0, 2], [2, 0, 1], [0, 1, 2], [-1, 0, 1], [0, 0, 1]]:
        case("permute_dims", {"axes": axes}, {"x": x}, lambda: np.transpose(x, axes))
    s = np.arange(6, dtype=np.float32).reshape(1, 3, 1, 2)
    for axes in [[0], [0, 2], [-2], [1]]:
        case("squeeze", {"axes": axes}, {"x": s}, lambda: np.squeeze(s, axis=tuple(axes)))
    for axes in [[0], [-1], [0, 3], [1, 2], [5]]:
        case("expand_dims", {"axes": axes}, {"x": x}, lambda: np.expand_dims(x, tuple(axes)),
             "AxisOutOfBounds")
    xt = np.ascontiguousarray(x.transpose(2, 0, 1))
    for shape, inp in [([24], x), ([4, -1], x), ([2, -1, 3], x), ([-1], y), ([6, 4], xt),
                       ([5, -1], x), ([7], x), ([1, 24, 1], x), ([], np.array([3.5]))]:
        case("reshape", {"shape": shape}, {"x": inp}, lambda: np.reshape(inp, shape),
             "InvalidReshape")
    for shape, inp in [([2, 3], np.arange(3)), ([4, 2, 3], a13), ([2, 0, 3], a13), ([3], np.array(7)),
                       ([2, 4], np.arange(3)), ([3], np.arange(3, dtype=np.float32))]:
        case("broadcast_to", {"shape": shape}, {"x": inp}, lambda: np.broadcast_to(inp, shape),
             "ShapeMismatch")
    for pair in [(np.arange(3), np.ones((2, 1), np.float32)), (a23, np.array(1.5)),
                 (a23, np.ones((3, 2)))]:
        case("broadcast_arrays", {}, {"arrays": list(pair)}, lambda: list(np.broadcast_arrays(*pair)),
             "ShapeMismatch")
    for axis in [0, 1, -1, 3]:
        case("unstack", {"axis": axis}, {"x": x}, lambda: list(np.unstack(x, axis=axis)),
             "AxisOutOfBounds")


# ---------------------------------------------------------------- indexing

def index_items(items):
    """Index expression -> (JSON items, arrays to store, NumPy index tuple)."""
    js, arrays, py = [], {}, []
    for it in items:
        if it is None:
            js.append("newaxis")
            py.append(None)
        elif it is Ellipsis:
            js.append("ellipsis")
            py.append(Ellipsis)
        elif isinstance(it, int):
            js.append({"int": it})
            py.append(it)
        elif isinstance(it, slice):
            js.append({"slice": [it.start, it.stop, it.step]})
            py.append(it)
        else:
            role = f"index{len(arrays)}"
            arr = np.asarray(it)
            arrays[role] = arr
            js.append({"array": role})
            py.append(arr)
    return js, arrays, tuple(py)


def indexing(c):
    f = "indexing.npz"
    x = np.arange(24, dtype=np.int32).reshape(2, 3, 4)
    v = np.array([0.0, -0.0, 1.5, np.nan, np.inf, -2.0])
    mask = (x % 3 == 0)
    expressions = [
        (x, [1]), (x, [-1, slice(None, None, -1)]), (x, [slice(None), slice(1, 3)]),
        (x, [Ellipsis, slice(None, None, -2)]), (x, [None, 0, slice(None), 2]),
        (x, [slice(None, None, -1), slice(None, None, 2), slice(1, -1)]),
        (v, [slice(5, 1, -2)]), (v, [slice(0, 0)]), (v, [slice(10, None)]),
        (v, [slice(-100, 100, 3)]), (x, [Ellipsis]), (x, [0, 1, 2]), (x, [2]),
        (x, [0, 0, 4]), (x, [slice(None, None, 0)]), (x, [0, 1, 2, 3]),
        (x, [np.array([0, 1, 1])]), (x, [slice(None), np.array([2, 0, -1])]),
        (x, [np.array([0, 1]), np.array([1, 2])]),
        (x, [np.array([[0], [1]]), np.array([0, 2])]),
        (x, [slice(None), np.array([0, 1]), np.array([1, 3])]),
        (x, [np.array([0, 1]), slice(None), np.array([1, 3])]),
        (x, [np.array([0, 2])]), (x, [Ellipsis, np.array([-5])]),
        (x, [mask]), (x, [np.array([True, False])]), (x, [slice(None), np.array([False, True, True])]),
        (v, [v > 0]), (x, [np.array([], dtype=np.int64)]), (x, [1, np.array([2, 0]), slice(None, None, -1)]),
        (x, [0, slice(None), np.array([1, 3])]),
    ]
    for arr, items in expressions:
        js, arrays, py = index_items(items)
        out, err = attempt(lambda: arr[py])
        inputs = {"x": arr, **arrays}
        if err is None:
            c.add(f, "getitem", {"index": js}, inputs, np.array(out))
        else:
            kind = {"IndexError": "IndexOutOfBounds"}.get(err, "any")
            if any(isinstance(i, slice) and i.step == 0 for i in items) or len(items) > arr.ndim + sum(i is None for i in items):
                kind = "InvalidIndex"
            c.add(f, "getitem", {"index": js}, inputs, error=kind)
    sets = [
        (x, [slice(1, None), slice(None, None, 2)], np.array([100, 200, 300, 400], dtype=np.int32)),
        (x, [np.array([0, 1])], np.array(-7, dtype=np.int32)),
        (x, [Ellipsis, -1], np.arange(3, dtype=np.int32)),
        (x, [mask], np.array(0, dtype=np.int32)),
        (v, [np.array([0, 0, 1])], np.array([1.0, 2.0, 3.0])),
        (x, [0, slice(None, None, -1)], np.array([[9.7, -9.7, 0.2, 1e3]])),
        (v, [slice(None, None, -2)], np.array([-1.0, -0.0, np.nan])),
        (x, [slice(None), np.array([0, 2]), np.array([1, 3])], np.array([[5], [6]], dtype=np.int32)),
        (v, [v != v], np.array(4.25)),
        (x, [0], np.ones((2, 4), dtype=np.int32)),
    ]
    for arr, items, val in sets:
        js, arrays, py = index_items(items)

        def do():
            out = arr.copy()
            out[py] = val
            return out

        out, err = attempt(do)
        inputs = {"x": arr, "value": val, **arrays}
        if err is None:
            c.add(f, "setitem", {"index": js}, inputs, out)
        else:
            c.add(f, "setitem", {"index": js}, inputs, error="any")
    for idx, axis in [([0, 2], 1), ([[0, 1], [1, 0]], 0), ([0, 23, -1], None), ([3], 2),
                      ([-4, 3], -1), ([4], 2), ([], 0)]:
        ii = np.array(idx, dtype=np.int64)
        out, err = attempt(lambda: np.take(x, ii, axis=axis))
        if err is None:
            c.add(f, "take", {"axis": axis}, {"x": x, "indices": ii}, out)
        else:
            c.add(f, "take", {"axis": axis}, {"x": x, "indices": ii}, error="IndexOutOfBounds")
    order = np.argsort(-x, axis=1, kind="stable")
    for ii, axis in [(order, 1), (np.array([[[0]], [[2]]]), 1), (np.array([[[3, 0, -1]]]), 2),
                     (np.zeros((2, 1, 4), dtype=np.int64), 0), (np.array([[[5]]]), 2)]:
        out, err = attempt(lambda: np.take_along_axis(x, ii, axis=axis))
        if err is None:
            c.add(f, "take_along_axis", {"axis": axis}, {"x": x, "indices": ii}, out)
        else:
            c.add(f, "take_along_axis", {"axis": axis}, {"x": x, "indices": ii},
                  error="IndexOutOfBounds")
    for arr in [x % 4 == 1, v, np.zeros((2, 0)), np.array([[0j, 1j], [-0.0 + 0j, 2]])]:
        c.add(f, "nonzero", {}, {"x": arr}, list(np.nonzero(arr)))


# ---------------------------------------------------------------- elementwise

UNARY = ("abs acos acosh asin asinh atan atanh bitwise_invert ceil conj cos cosh exp expm1 floor "
         "imag isfinite isinf isnan log log1p log2 log10 logical_not negative positive real "
         "reciprocal round sign signbit sin sinh sqrt square tan tanh trunc").split()
BINARY = ("add atan2 bitwise_and bitwise_left_shift bitwise_or bitwise_right_shift bitwise_xor "
          "copysign divide equal floor_divide greater greater_equal hypot less less_equal "
          "logaddexp logical_and logical_or logical_xor maximum minimum multiply nextafter "
          "not_equal pow remainder subtract").split()
FLOATING = {"acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "exp", "expm1",
            "log", "log1p", "log2", "log10", "reciprocal", "sin", "sinh", "sqrt", "tan", "tanh",
            "signbit", "atan2", "copysign", "hypot", "logaddexp", "nextafter", "divide"}
EW_FLOAT = [math.nan, math.inf, -math.inf, 0.0, -0.0, 5e-324, -1e-310, 1e-45, 1.1754943508222875e-38,
            2.2250738585072014e-308, 1e-7, 0.5, -0.5, 1.0, -1.0, 1.5, -2.5, 2.0, 3.0, math.pi,
            -7.25, 10.0, 100.5, 1e10, -1e30, 3.4028234663852886e38, 1.7976931348623157e308]
EW_FLOAT_SMALL = [math.nan, math.inf, -math.inf, 0.0, -0.0, 1e-310, 0.5, -1.0, -2.5, 1e30]
EW_INT = [0, 1, -1, 2, -7, 5, 100, 2**31 - 1, -(2**63), 2**63 - 1, 2**64 - 1, 255, -128, 127]
EW_INT_SMALL = [0, 1, -1, 3, -7, 100, -128, 127, 255, 2**63 - 1]
SHIFTS = [0, 1, 3, 7, 8, 15, 31, 63, 64, 100, -1]
def _nonfinite(*zs):
    return any(not (math.isfinite(complex(z).real) and math.isfinite(complex(z).imag)) for z in zs)


# NumPy results that deviate from the standard (the standard wins), or that fall where the
# standard leaves the result open and NumPy's choice differs from xp's: (function, kind of
# the inputs, predicate on the input tuple, reason). Matching elements are left out, and
# the case records the reasons in params["excluded"].
EXCLUDE = [
    ("reciprocal", "complex", lambda z: z == 0,
     "NumPy's reciprocal(0j) is nan+nanj; the standard defines reciprocal(x) as 1.0 / x, "
     "which NumPy itself evaluates to inf+nanj"),
    ("expm1", "complex", lambda z: _nonfinite(z),
     "NumPy's complex expm1 skips the standard's special cases: expm1(+inf + 0j) is inf+nanj "
     "(standard: +inf + 0j), expm1(-inf + inf j) is nan+nanj (standard: -1 + 0j), "
     "expm1(NaN + 0j) is nan+nanj (standard: NaN + 0j)"),
    ("sign", "complex", lambda z: math.isnan(z.real) or math.isnan(z.imag),
     "NumPy's sign(inf + nan j) is 1+0j and sign(nan + inf j) is 0+1j; the standard: "
     "NaN + NaN j whenever a component is NaN"),
    ("sinh", "complex", lambda z: z.real == -math.inf and not math.isfinite(z.imag),
     "NumPy's sinh(-inf + inf j) is +inf+nanj, which breaks sinh(-x) == -sinh(x), required by "
     "the standard (the real part's sign is otherwise unspecified)"),
    ("sin", "complex", lambda z: not math.isfinite(z.real) and z.imag == -math.inf,
     "sin(x - inf j) with a non-finite real part: the sign of the infinite imaginary part is "
     "unspecified (sin(z) = -1j sinh(1j z)); NumPy's is +, xp's follows its odd sinh"),
    ("square", "complex", lambda z: abs(z.real) > 1e150 or abs(z.imag) > 1e150,
     "overflowing complex products are implementation-defined; NumPy's loop fuses "
     "a*a - b*b into one rounding (-inf where the textbook formula gives NaN)"),
    ("pow", "complex", lambda a, b: _nonfinite(a, b),
     "the standard defines complex pow's special values as exp(x2 * log(x1)) and leaves the "
     "special values of complex products implementation-defined; NumPy's C library "
     "(Annex G products that recover infinities) and xp's textbook products differ"),
    ("pow", "scalar 0.5", lambda x: x == -math.inf or (x == 0 and math.copysign(1, x) < 0),
     "NumPy's power(x, 0.5) with a Python scalar exponent computes sqrt(x): power(-inf, 0.5) "
     "is nan and power(-0.0, 0.5) is -0.0; the standard: +infinity and +0"),
    ("clip", "scalar bounds", lambda x: x == 0 and np.asarray(x).dtype.kind == "f",
     "NumPy's clip(-0.0, 0, 50) with scalar bounds is -0.0 but +0.0 with array bounds; the "
     "standard leaves the sign open; xp returns the bound on ties (NumPy's array path)"),
]

# Dtypes the standard does not allow that NumPy accepts: xp must fail with InvalidDType.
NO_BOOL = {"abs", "ceil", "conj", "floor", "imag", "real", "square", "trunc", "sign", "round",
           "pow", "floor_divide", "remainder", "greater", "greater_equal", "less", "less_equal",
           "maximum", "minimum", "bitwise_left_shift", "bitwise_right_shift", "subtract",
           "negative", "positive"}
NO_COMPLEX = {"ceil", "floor", "trunc", "greater", "greater_equal", "less", "less_equal",
              "maximum", "minimum", "floor_divide", "remainder", "signbit", "atan2", "copysign",
              "hypot", "logaddexp", "nextafter", "clip"}


def standard_rejects(name, dtypes):
    kinds = {np.dtype(d).kind for d in dtypes}
    if len(dtypes) > 1:
        kinds = {np.result_type(*[np.dtype(d) for d in dtypes]).kind}
    return ("b" in kinds and name in NO_BOOL) or ("c" in kinds and name in NO_COMPLEX)


def drop(function, kind, values):
    """Mask of the elements to keep, and the reasons for the dropped ones."""
    keep = np.ones(len(values[0]), dtype=bool)
    reasons = []
    for fn, k, pred, why in EXCLUDE:
        if fn != function or k != kind:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            gone = np.array([bool(pred(*t)) for t in zip(*values)], dtype=bool)
        if gone.any():
            keep &= ~gone
            reasons.append(why)
    return keep, reasons


def grid(d, small=False):
    """Edge values of dtype d (a NumPy array)."""
    dt = np.dtype(d)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if dt.kind == "b":
            return np.array([False, True])
        if dt.kind in "iu":
            i = np.iinfo(dt)
            vals = EW_INT_SMALL if small else EW_INT
            return np.array(sorted({v for v in vals if i.min <= v <= i.max}), dtype=dt)
        vals = EW_FLOAT_SMALL if small else EW_FLOAT
        if dt.kind == "f":
            return np.array(vals, dtype=np.float64).astype(dt)
        if small:
            re_, im_ = [0.0, -0.0, 1.5, math.inf, math.nan], [0.0, -1.0, math.inf, math.nan]
            z = [complex(a, b) for a in re_ for b in im_] + [complex(3, -4), complex(0.5, 0.25)]
            return np.array(z, dtype=dt)
        parts = [0.0, -0.0, 1.0, -1.0, 2.5, math.inf, -math.inf, math.nan]
        z = [complex(a, b) for a in parts for b in parts]
        z += [complex(3, -4), complex(0.5, 0.25), complex(1e10, 1e-10), complex(-1e-300, 1),
              complex(1e300, 1e300), complex(-0.75, 1.25), complex(1, 1e-8)]
        return np.array(z, dtype=dt)


def ew_case(c, f, function, params, inputs, run):
    out, err = attempt(run)
    if err is None:
        c.add(f, function, params, inputs, np.asarray(out))
    else:
        c.add(f, function, params, inputs, error="any")


def elementwise(c):
    f = "elementwise.npz"
    udtypes = ["bool", "int8", "uint8", "int16", "int64", "uint64", "float32", "float64",
               "complex64", "complex128"]
    for name in UNARY:
        fn = getattr(np, name)
        for d in udtypes:
            kind = np.dtype(d).kind
            if name in FLOATING and kind not in "fc" and d not in ("int16", "int64", "uint64"):
                continue  # NumPy computes float16 for narrow integers; xp float32
            if name == "reciprocal" and kind not in "fc":
                continue  # NumPy's integer reciprocal is integer division; xp's is 1.0 / x
            x = grid(d)
            keep, why = drop(name, "complex" if kind == "c" else "real", [x])
            x = x[keep]
            out, err = attempt(lambda: fn(x))
            if err is not None or np.asarray(out).dtype.name not in DTYPES:
                continue  # not accepted by NumPy (or float16); xp's dtype rules are the properties'
            if standard_rejects(name, [d]):
                c.add(f, name, {"numpy_accepts": True}, {"x": x}, error="InvalidDType")
                continue
            params = {"excluded": why} if why else {}
            c.add(f, name, params, {"x": x}, np.asarray(out))
    bdtypes = ["bool", "int8", "uint8", "int32", "int64", "uint64", "float32", "float64",
               "complex64", "complex128"]
    few = ["bool", "int8", "uint64", "float32", "float64", "complex128"]
    for name in BINARY:
        fn = getattr(np, name)
        compare = name.startswith(("logical", "less", "greater", "equal", "not_equal"))
        for d in (few if compare else bdtypes):
            kind = np.dtype(d).kind
            if name in FLOATING and kind not in "fc" and d not in ("int32", "int64"):
                continue
            g = grid(d, small=True)
            a = np.repeat(g, len(g))
            b = np.tile(g, len(g))
            if name in ("bitwise_left_shift", "bitwise_right_shift") and kind in "iu":
                i = np.iinfo(np.dtype(d))
                s = np.array([v for v in SHIFTS if i.min <= v <= i.max], dtype=d)
                a = np.repeat(g, len(s))
                b = np.tile(s, len(g))
            if name == "pow" and kind in "iu":
                keep = b >= 0  # NumPy raises for negative integer exponents
                a, b = a[keep], b[keep]
            keep, why = drop(name, "complex" if kind == "c" else "real", [a, b])
            a, b = a[keep], b[keep]
            out, err = attempt(lambda: fn(a, b))
            if err is not None or np.asarray(out).dtype.name not in DTYPES:
                continue
            if standard_rejects(name, [d]):
                c.add(f, name, {"numpy_accepts": True}, {"x1": a, "x2": b}, error="InvalidDType")
                continue
            params = {"excluded": why} if why else {}
            c.add(f, name, params, {"x1": a, "x2": b}, np.asarray(out))
    # mixed dtypes: promotion
    mixed = [("int8", "uint8"), ("int32", "float32"), ("uint64", "int64"), ("bool", "int8"),
             ("float32", "complex128"), ("int16", "uint32"), ("uint8", "float64"),
             ("int64", "complex64")]
    for name in ["add", "multiply", "subtract", "divide", "less", "maximum", "floor_divide",
                 "equal", "pow"]:
        for d1, d2 in mixed:
            a = grid(d1, small=True)[:6]
            b = grid(d2, small=True)[-6:]
            a2, b2 = np.repeat(a, len(b)), np.tile(b, len(a))
            if name == "pow" and np.dtype(d2).kind in "iu":
                b2 = np.abs(b2) if np.dtype(d2).kind == "i" else b2
            rk = np.result_type(a2, b2).kind
            keep, why = drop(name, "complex" if rk == "c" else "real", [a2, b2])
            a2, b2 = a2[keep], b2[keep]
            if standard_rejects(name, [d1, d2]):
                c.add(f, name, {"numpy_accepts": True}, {"x1": a2, "x2": b2}, error="InvalidDType")
                continue
            params = {"excluded": why} if why else {}
            ew_case(c, f, name, params, {"x1": a2, "x2": b2}, lambda: getattr(np, name)(a2, b2))
    # Python scalars (weak in promotion)
    scalars = [("add", "float32", 2.5, "right"), ("add", "int8", 3, "left"),
               ("multiply", "uint8", 2, "right"), ("subtract", "float32", 1e-8, "left"),
               ("divide", "int16", 3, "right"), ("less", "int8", -1, "right"),
               ("maximum", "float64", 0.0, "left"), ("pow", "float32", 0.5, "right"),
               ("add", "complex64", 1j, "right"), ("multiply", "float32", 2 + 1j, "left"),
               ("add", "int32", 2.5, "right"), ("floor_divide", "int64", -2, "right"),
               ("remainder", "float64", -1.5, "left"), ("bitwise_and", "uint8", 15, "right"),
               ("equal", "bool", True, "right"), ("greater", "float32", 1, "left"),
               ("atan2", "float32", 1.0, "left"), ("copysign", "float64", -0.0, "right")]
    for name, d, sc, side in scalars:
        x = grid(d, small=True)
        keep, why = drop(name, f"scalar {sc}", [x])
        x = x[keep]
        fn = getattr(np, name)
        run = (lambda: fn(x, sc)) if side == "right" else (lambda: fn(sc, x))
        params = {"scalar": sc, "side": side, **({"excluded": why} if why else {})}
        ew_case(c, f, name, params, {"x": x}, run)
    # clip and where
    for d in ["int8", "uint8", "int64", "float32", "float64"]:
        x = grid(d)
        lo = np.full(x.shape, -1 if np.dtype(d).kind != "u" else 1, dtype=d)
        hi = np.full(x.shape, 100, dtype=d)
        if np.dtype(d).kind == "f":
            lo[::3] = np.nan
            hi[1::5] = -0.0
            lo[2::7] = 0.0
        ew_case(c, f, "clip", {}, {"x": x, "min": lo, "max": hi}, lambda: np.clip(x, lo, hi))
        keep, why = drop("clip", "scalar bounds", [x])
        xs = x[keep]
        ew_case(c, f, "clip", {"min": 0, "max": 50, "excluded": why}, {"x": xs},
                lambda: np.clip(xs, 0, 50))
    for d in ["int8", "float32", "complex128", "bool"]:
        x = grid(d, small=True)
        y = x[::-1].copy()
        cond = np.arange(len(x)) % 3 != 0
        ew_case(c, f, "where", {}, {"condition": cond, "x1": x, "x2": y},
                lambda: np.where(cond, x, y))
        ew_case(c, f, "where", {"scalar": 0, "side": "right"}, {"condition": cond, "x1": x},
                lambda: np.where(cond, x, 0))


from stats_golden import stats_golden  # noqa: E402  (the statistics corpus, own module)
from fft_golden import fft_golden  # noqa: E402  (the fft corpus, own module)
from linalg_golden import linalg_golden  # noqa: E402  (the linear-algebra corpus)


def main():
    c = Corpus()
    promotion(c)
    casting(c)
    creation(c)
    manipulation(c)
    indexing(c)
    elementwise(c)
    c.write()
    print(f"numpy {np.__version__}: {len(c.cases)} cases in {len(c.files)} files")
    s = Corpus()
    stats_golden(s)
    s.write("manifest_stats.json")
    print(f"numpy {np.__version__}: {len(s.cases)} statistics cases in {len(s.files)} files")
    ff = Corpus()
    fft_golden(ff)
    ff.write("manifest_fft.json")
    print(f"numpy {np.__version__}: {len(ff.cases)} fft cases")
    la = Corpus()
    linalg_golden(la)
    la.write("manifest_linalg.json")
    print(f"numpy {np.__version__}: {len(la.cases)} linalg cases in {len(la.files)} files")


if __name__ == "__main__":
    main()
