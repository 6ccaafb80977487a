"""The fft golden corpus (fft.npz, manifest_fft.json): the standard's fft extension, written
by make_golden.py (or run alone: `.venv/bin/python conformance/golden/fft_golden.py`) with
the same case format.

Parameters: "n", "axis", "norm" for the 1-D transforms; "s", "axes", "norm" for the n-d
ones (null for the default); "n", "d", "dtype" for fftfreq/rfftfreq; "axes" for the
shifts. The Rust side (golden_fft.rs) compares within k * (log2 n + 1) * eps of the
result's precision, relative to the largest expected magnitude (the transforms' rounding
differs from pocketfft's); the helpers exactly. A case where NumPy fails expects any error.
"""

import warnings

import numpy as np

F = "fft.npz"
NORMS = ("backward", "ortho", "forward")


def attempt(fn):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            return fn(), None
    except Exception as e:  # noqa: BLE001
        return None, type(e).__name__


def add(c, name, params, inputs, fn):
    out, err = attempt(fn)
    if err is not None:
        c.add(F, name, params, inputs, error="any")
    else:
        c.add(F, name, params, inputs, np.asarray(out))


def signal(shape, dtype, seed):
    rng = np.random.default_rng(seed)
    re = rng.uniform(-1, 1, shape)
    if np.dtype(dtype).kind == "c":
        return (re + 1j * rng.uniform(-1, 1, shape)).astype(dtype)
    if np.dtype(dtype).kind in "iu":
        return np.round(re * 4).astype(dtype)
    return re.astype(dtype)


def one_d(c):
    fns = {"fft": np.fft.fft, "ifft": np.fft.ifft, "rfft": np.fft.rfft,
           "irfft": np.fft.irfft, "hfft": np.fft.hfft, "ihfft": np.fft.ihfft}
    shapes = [(1,), (2,), (5,), (8,), (13,), (3, 4), (2, 7), (0, 4)]
    seed = 0
    for name, fn in fns.items():
        real_in = name in ("rfft", "ihfft")
        dtypes = ["float32", "float64", "int32"] if real_in else \
            ["complex64", "complex128", "float32", "float64", "int32"]
        for shape in shapes:
            for dt in dtypes:
                for axis in ((-1, 0) if len(shape) == 2 else (-1,)):
                    m = shape[axis]
                    for n in (None, max(m - 1, 1), m + 3):
                        if m == 0 and name in ("irfft", "hfft"):
                            # NumPy 2.4 returns uninitialised memory for a complex-to-real
                            # transform of an empty axis (xp: zeros, checked by the
                            # property tests); no golden case.
                            continue
                        seed += 1
                        norm = NORMS[seed % 3]
                        x = signal(shape, dt, seed)
                        p = {"n": n, "axis": axis, "norm": norm}
                        add(c, name, p, {"x": x}, lambda: fn(x, n=n, axis=axis, norm=norm))
        # Complex input to a real-input transform; 0-d input; a bad axis; n = 0.
        z = signal((4,), "complex128", 99)
        if real_in:
            add(c, name, {"n": None, "axis": -1, "norm": "backward"}, {"x": z},
                lambda: fn(z))
        add(c, name, {"n": None, "axis": -1, "norm": "backward"}, {"x": np.array(1.5)},
            lambda: fn(np.array(1.5)))
        v = signal((4,), "float64", 98)
        add(c, name, {"n": None, "axis": 1, "norm": "backward"}, {"x": v},
            lambda: fn(v, axis=1))
        add(c, name, {"n": 0, "axis": -1, "norm": "backward"}, {"x": v},
            lambda: fn(v, n=0))


def n_d(c):
    fns = {"fftn": np.fft.fftn, "ifftn": np.fft.ifftn, "rfftn": np.fft.rfftn,
           "irfftn": np.fft.irfftn}
    seed = 1000
    for name, fn in fns.items():
        real_in = name == "rfftn"
        dtypes = ["float32", "float64"] if real_in else ["complex64", "complex128", "float64"]
        for shape in [(3, 4), (2, 3, 5), (4,), (0, 3)]:
            nd = len(shape)
            variants = [(None, None), (None, [nd - 1]), (None, [0])]
            if nd >= 2:
                variants += [(None, [-1, 0]), ([2, 6], [0, -1]), ([5, 3], [1, 0])]
            if nd == 3:
                variants += [([3, 2, 4], [0, 1, 2]), (None, [2, 0])]
            for dt in dtypes:
                for s, axes in variants:
                    seed += 1
                    norm = NORMS[seed % 3]
                    x = signal(shape, dt, seed)
                    p = {"s": s, "axes": axes, "norm": norm}
                    add(c, name, p, {"x": x}, lambda: fn(x, s=s, axes=axes, norm=norm))


def helpers(c):
    for n in (1, 2, 5, 8, 9):
        for d in (1.0, 0.5, 0.1):
            for dt in (None, "float32"):
                p = {"n": n, "d": d, "dtype": dt}
                add(c, "fftfreq", p, {},
                    lambda: np.fft.fftfreq(n, d).astype(dt or "float64"))
                add(c, "rfftfreq", p, {},
                    lambda: np.fft.rfftfreq(n, d).astype(dt or "float64"))
    for shape in [(5,), (4,), (4, 3), (3, 5, 2), (0, 3)]:
        x = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
        nd = len(shape)
        for axes in (None, [0], [-1], list(range(nd))):
            p = {"axes": axes}
            add(c, "fftshift", p, {"x": x}, lambda: np.fft.fftshift(x, axes=axes))
            add(c, "ifftshift", p, {"x": x}, lambda: np.fft.ifftshift(x, axes=axes))


def fft_golden(c):
    one_d(c)
    n_d(c)
    helpers(c)


if __name__ == "__main__":
    from make_golden import Corpus

    corpus = Corpus()
    fft_golden(corpus)
    corpus.write("manifest_fft.json")
    print(f"numpy {np.__version__}: {len(corpus.cases)} fft cases")
