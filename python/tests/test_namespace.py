"""The xp Python module against NumPy: every exposed function on generated inputs,
including special values, on every device the module can open (cpu, and wgpu:N when an
adapter is present; XP_TEST_DEVICES limits the list)."""

import math
import os

import numpy as np
import pytest

import xp

DEVICES = [d for d in xp.__array_namespace_info__().devices()]
if os.environ.get("XP_TEST_DEVICES"):
    wanted = os.environ["XP_TEST_DEVICES"].split(",")
    DEVICES = [d for d in DEVICES if str(d) in wanted]


def supported(device, name):
    return name in xp.__array_namespace_info__().dtypes(device=device)


@pytest.fixture(params=DEVICES, ids=str)
def any_device(request):
    """Every device; the test checks the dtypes it uses itself."""
    return request.param


@pytest.fixture(params=DEVICES, ids=str)
def device(request):
    """Every device with the default dtypes (float64, int64): WebGPU adapters without
    SHADER_F64 / SHADER_INT64 report fewer dtypes and are tested by `any_device` tests."""
    d = request.param
    if not (supported(d, "float64") and supported(d, "int64")):
        pytest.skip(f"{d} lacks float64/int64")
    return d


SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, 1e-310, 1e300, -1e300, math.inf, -math.inf, math.nan]
POSITIVE = [0.0, 1e-310, 0.25, 1.0, 2.0, 10.0, 1e300, math.inf, math.nan]
UNIT = [-1.0, -0.75, -0.0, 0.0, 0.5, 1.0, math.nan]

UNARY = {
    "abs": SPECIAL, "acos": UNIT, "acosh": [1.0, 1.5, 10.0, math.inf, math.nan],
    "asin": UNIT, "asinh": SPECIAL, "atan": SPECIAL, "atanh": [-0.9, -0.0, 0.0, 0.5, math.nan],
    "ceil": SPECIAL, "cos": SPECIAL[:-3] + [math.nan], "cosh": [-3.0, -0.0, 0.0, 2.0, math.nan],
    "exp": [-800.0, -1.0, -0.0, 0.0, 1.0, 700.0, math.inf, -math.inf, math.nan],
    "expm1": [-50.0, -1e-10, -0.0, 0.0, 1e-10, 3.0, math.inf, -math.inf, math.nan],
    "floor": SPECIAL, "isfinite": SPECIAL, "isinf": SPECIAL, "isnan": SPECIAL,
    "log": POSITIVE, "log1p": [-0.5, -1e-12, -0.0, 0.0, 1e-12, 5.0, math.inf, math.nan],
    "log2": POSITIVE, "log10": POSITIVE, "negative": SPECIAL, "positive": SPECIAL,
    "reciprocal": SPECIAL, "round": [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, math.inf, math.nan],
    "sign": SPECIAL, "signbit": SPECIAL, "sin": SPECIAL[:-3] + [math.nan],
    "sinh": [-3.0, -0.0, 0.0, 2.0, math.inf, math.nan], "sqrt": POSITIVE, "square": SPECIAL,
    "tan": [-1.0, -0.0, 0.0, 0.5, 1.2, math.nan], "tanh": SPECIAL, "trunc": SPECIAL,
}

BINARY = [
    "add", "atan2", "copysign", "divide", "equal", "floor_divide", "greater", "greater_equal",
    "hypot", "less", "less_equal", "logaddexp", "maximum", "minimum", "multiply", "nextafter",
    "not_equal", "pow", "remainder", "subtract",
]

NP_NAMES = {"acos": "arccos", "acosh": "arccosh", "asin": "arcsin", "asinh": "arcsinh",
            "atan": "arctan", "atanh": "arctanh", "atan2": "arctan2", "pow": "power",
            "bitwise_invert": "invert", "bitwise_left_shift": "left_shift",
            "bitwise_right_shift": "right_shift", "concat": "concatenate",
            "permute_dims": "transpose"}


def npf(name):
    return getattr(np, NP_NAMES.get(name, name))


def close(actual, expected, rtol=1e-12, atol=0.0):
    a = np.asarray(actual)
    e = np.asarray(expected)
    assert a.shape == e.shape, (a.shape, e.shape)
    assert a.dtype == e.dtype, (a.dtype, e.dtype)
    if a.dtype.kind in "fc":
        np.testing.assert_allclose(a, e, rtol=rtol, atol=atol, equal_nan=True)
        # signs of zeros and infinities
        both = np.isfinite(e) & (e == 0) if a.dtype.kind == "f" else np.zeros(e.shape, bool)
        if a.dtype.kind == "f":
            np.testing.assert_array_equal(np.signbit(a[both]), np.signbit(e[both]))
    else:
        np.testing.assert_array_equal(a, e)


def test_required_devices_present():
    names = [str(d) for d in xp.__array_namespace_info__().devices()]
    assert names[0] == "cpu"
    if os.environ.get("XP_REQUIRE_WGPU") == "1":
        assert any(n.startswith("wgpu:") for n in names), f"no WebGPU adapter: {names}"


def test_namespace_constants():
    assert xp.__array_api_version__ == "2025.12"
    assert xp.e == math.e and xp.pi == math.pi and xp.inf == math.inf and math.isnan(xp.nan)
    assert xp.newaxis is None
    names = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
             "float32", "float64", "complex64", "complex128"]
    for n in names:
        assert getattr(xp, n).name == n
    assert xp.float32 != xp.float64 and xp.float32 == xp.float32


@pytest.mark.parametrize("name", sorted(UNARY))
@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_unary_matches_numpy(name, dt, any_device):
    device = any_device
    if not supported(device, dt):
        pytest.skip(f"{dt} not on {device}")
    vals = np.asarray(UNARY[name], dtype=dt)
    x = xp.asarray(vals, device=device)
    with np.errstate(all="ignore"):
        expected = npf(name)(vals)
    rtol = 4e-7 if dt == "float32" else 1e-13
    close(getattr(xp, name)(x), expected, rtol=rtol)


@pytest.mark.parametrize("name", BINARY)
def test_binary_matches_numpy(name, device):
    a = np.array([[-2.5, -0.0, 0.0, 1.0, 3.0, math.inf, math.nan]]).T
    b = np.array([-1.5, -0.0, 0.5, 2.0, math.inf, math.nan])
    with np.errstate(all="ignore"):
        expected = npf(name)(a, b)
    got = getattr(xp, name)(xp.asarray(a, device=device), xp.asarray(b, device=device))
    close(got, expected, rtol=1e-13)


def test_integer_and_bitwise_ops(device):
    a = np.array([-7, -1, 0, 3, 8], dtype=np.int64)
    b = np.array([2, 3, -2, 5, 1], dtype=np.int64)
    x, y = xp.asarray(a, device=device), xp.asarray(b, device=device)
    for name in ["bitwise_and", "bitwise_or", "bitwise_xor", "floor_divide", "remainder",
                 "bitwise_left_shift", "bitwise_right_shift"]:
        bb = np.abs(b) if "shift" in name else b
        yy = xp.asarray(bb, device=device) if "shift" in name else y
        close(getattr(xp, name)(x, yy), npf(name)(a, bb))
    close(xp.bitwise_invert(x), np.invert(a))
    close(x // y, a // b)
    close(x % y, a % b)


def test_operators_and_weak_scalars(any_device):
    device = any_device
    if not supported(device, "float32"):
        pytest.skip()
    a = np.array([1.5, -2.0, 4.0], dtype=np.float32)
    x = xp.asarray(a, device=device)
    close(x * 2.0, a * np.float32(2.0))
    close(2.0 - x, np.float32(2.0) - a)
    close(x / 4, a / np.float32(4))
    close(-x, -a)
    close(abs(x), np.abs(a))
    close(x ** 2, a ** 2)
    close(x > 0, a > 0)
    close(x == x, a == a)
    y = xp.asarray(a, device=device)
    y += 1
    close(y, a + 1)
    assert y.dtype == xp.float32
    with pytest.raises(TypeError):
        x + "a"
    with pytest.raises((OverflowError, TypeError, ValueError)):
        xp.asarray([1, 2], dtype=xp.int8) + 1000


def test_creation(device):
    close(xp.arange(5, device=device), np.arange(5))
    close(xp.arange(1.0, 2.0, 0.25, device=device), np.arange(1.0, 2.0, 0.25))
    close(xp.linspace(0, 1, 5, device=device), np.linspace(0, 1, 5))
    close(xp.linspace(0, 1, 5, endpoint=False, device=device), np.linspace(0, 1, 5, endpoint=False))
    close(xp.zeros((2, 3), device=device), np.zeros((2, 3)))
    close(xp.ones(4, dtype=xp.int32, device=device), np.ones(4, dtype=np.int32))
    close(xp.full((2,), 7, device=device), np.full((2,), 7))
    close(xp.eye(3, 4, k=1, device=device), np.eye(3, 4, k=1))
    x = xp.asarray([[1, 2], [3, 4]], device=device)
    close(xp.tril(x), np.tril([[1, 2], [3, 4]]))
    close(xp.triu(x, k=1), np.triu([[1, 2], [3, 4]], k=1))
    close(xp.zeros_like(x), np.zeros((2, 2), dtype=np.int64))
    close(xp.full_like(x, 3), np.full((2, 2), 3))
    gx, gy = xp.meshgrid(xp.arange(3, device=device), xp.arange(2, device=device))
    ex, ey = np.meshgrid(np.arange(3), np.arange(2))
    close(gx, ex)
    close(gy, ey)


def test_asarray_conversions(device):
    close(xp.asarray([[1.0, 2.0], [3.0, 4.0]], device=device), np.array([[1.0, 2.0], [3.0, 4.0]]))
    close(xp.asarray([True, False], device=device), np.array([True, False]))
    close(xp.asarray([1, 2.5], device=device), np.array([1, 2.5]))
    close(xp.asarray(3, device=device), np.asarray(3))
    close(xp.asarray([2**63], device=device), np.asarray([2**63], dtype=np.uint64))
    with pytest.raises(ValueError):
        xp.asarray([[1, 2], [3]])
    with pytest.raises(OverflowError):
        xp.asarray([2**70])
    a = np.arange(12, dtype=np.int16).reshape(3, 4)[:, ::2]
    close(xp.asarray(a, device=device), a)
    b = np.array([1.0, 2.0], dtype=">f8")
    close(xp.asarray(b, device=device), b.astype("<f8"))
    if supported(device, "complex128"):
        c = np.array([1 + 2j, -0.5j])
        close(xp.asarray(c, device=device), c)
    x = xp.asarray([1.0, 2.0], device=device)
    assert np.asarray(x).flags.writeable
    assert xp.asarray(x, copy=False) is not None


def test_array_attributes_and_scalars(device):
    x = xp.asarray(np.arange(6.0).reshape(2, 3), device=device)
    assert x.shape == (2, 3) and x.ndim == 2 and x.size == 6 and x.dtype == xp.float64
    assert x.device == device
    close(x.T, np.arange(6.0).reshape(2, 3).T)
    close(x.mT, np.arange(6.0).reshape(2, 3).T)
    assert x.__array_namespace__() is xp
    s = xp.asarray(2.5, device=device)
    assert float(s) == 2.5 and int(s) == 2 and complex(s) == 2.5 + 0j and bool(s)
    with pytest.raises(TypeError):
        float(x)
    i = xp.asarray(3, device=device)
    assert [10, 20, 30, 40][i] == 40
    with pytest.raises(OverflowError):
        int(xp.asarray(math.inf))
    with pytest.raises(ValueError):
        int(xp.asarray(math.nan))
    assert repr(xp.asarray([1.0, 2.0])) == "array([1., 2.])"


def test_indexing(device):
    a = np.arange(24).reshape(2, 3, 4)
    x = xp.asarray(a, device=device)
    for key in [0, -1, (1, 2), (slice(None), 1), (Ellipsis, 2), (None, 0), (slice(None, None, -1),),
                (0, slice(1, None), slice(None, None, 2)), (Ellipsis, None)]:
        close(x[key], a[key])
    m = a > 10
    close(x[xp.asarray(m, device=device)], a[m])
    idx = np.array([1, 0, 1])
    close(x[:, xp.asarray(idx, device=device)], a[:, idx])
    y = xp.asarray(a, device=device)
    y[0, 1] = 100
    b = a.copy()
    b[0, 1] = 100
    close(y, b)
    y[1] = xp.zeros((3, 4), dtype=xp.int64, device=device)
    b[1] = 0
    close(y, b)
    with pytest.raises(IndexError):
        x[5]


def test_manipulation(device):
    a = np.arange(6).reshape(2, 3)
    x = xp.asarray(a, device=device)
    close(xp.reshape(x, (3, 2)), a.reshape(3, 2))
    close(xp.permute_dims(x, (1, 0)), a.T)
    close(xp.flip(x), np.flip(a))
    close(xp.flip(x, axis=1), np.flip(a, axis=1))
    close(xp.concat([x, x], axis=1), np.concatenate([a, a], axis=1))
    close(xp.concat([x, x], axis=None), np.concatenate([a, a], axis=None))
    close(xp.stack([x, x]), np.stack([a, a]))
    close(xp.expand_dims(x, axis=0), a[None])
    close(xp.squeeze(xp.expand_dims(x, axis=0), axis=0), a)
    close(xp.roll(x, 1), np.roll(a, 1))
    close(xp.roll(x, (1, 2), axis=(0, 1)), np.roll(a, (1, 2), axis=(0, 1)))
    close(xp.repeat(x, 2, axis=1), np.repeat(a, 2, axis=1))
    close(xp.tile(x, (2, 1)), np.tile(a, (2, 1)))
    close(xp.moveaxis(x, 0, 1), np.moveaxis(a, 0, 1))
    close(xp.broadcast_to(xp.asarray([1, 2, 3], device=device), (2, 3)), np.broadcast_to([1, 2, 3], (2, 3)))
    assert xp.broadcast_shapes((2, 1), (3,)) == (2, 3)
    u = xp.unstack(x)
    assert isinstance(u, tuple) and len(u) == 2
    close(u[1], a[1])
    close(xp.take(x, xp.asarray([2, 0], device=device), axis=1), np.take(a, [2, 0], axis=1))
    close(xp.astype(x, xp.float32), a.astype(np.float32))


def test_statistics(device):
    rng = np.random.default_rng(0)
    a = rng.standard_normal((4, 5))
    a[1, 2] = -0.0
    x = xp.asarray(a, device=device)
    for name in ["sum", "prod", "min", "max", "mean"]:
        close(getattr(xp, name)(x), getattr(np, name)(a), rtol=1e-12)
        close(getattr(xp, name)(x, axis=0), getattr(np, name)(a, axis=0), rtol=1e-12)
        close(getattr(xp, name)(x, axis=(0, 1), keepdims=True), getattr(np, name)(a, axis=(0, 1), keepdims=True), rtol=1e-12)
    close(xp.var(x, correction=1), np.var(a, ddof=1), rtol=1e-12)
    close(xp.std(x, axis=1), np.std(a, axis=1), rtol=1e-12)
    close(xp.cumulative_sum(x, axis=1), np.cumsum(a, axis=1), rtol=1e-12)
    close(xp.cumulative_sum(x, axis=0, include_initial=True),
          np.concatenate([np.zeros((1, 5)), np.cumsum(a, axis=0)]), rtol=1e-12)
    i = np.array([1, 2, 3], dtype=np.int8)
    close(xp.sum(xp.asarray(i, device=device)), np.sum(i))
    assert xp.sum(xp.asarray(i, device=device)).dtype == xp.int64
    b = a > 0
    close(xp.all(xp.asarray(b, device=device), axis=0), np.all(b, axis=0))
    close(xp.any(xp.asarray(b, device=device)), np.any(b))
    close(xp.diff(x, axis=0), np.diff(a, axis=0))
    close(xp.diff(x, n=2), np.diff(a, n=2))


def test_searching_sorting_sets(device):
    a = np.array([3.0, math.nan, -1.0, 3.0, 0.0, -0.0, 7.5, -1.0])
    x = xp.asarray(a, device=device)
    close(xp.argmax(x), np.argmax(a))
    close(xp.argmin(xp.asarray(a[2:], device=device)), np.argmin(a[2:]))
    close(xp.sort(x), np.sort(a))
    close(xp.argsort(x, stable=True), np.argsort(a, kind="stable"))
    np.testing.assert_array_equal(np.asarray(xp.sort(x, descending=True)), np.sort(a)[::-1])
    s = np.sort(a[~np.isnan(a)])
    close(xp.searchsorted(xp.asarray(s, device=device), xp.asarray([0.0, 3.0], device=device), side="right"),
          np.searchsorted(s, [0.0, 3.0], side="right"))
    close(xp.count_nonzero(x), np.count_nonzero(a))
    nz = xp.nonzero(xp.asarray([[0, 1], [2, 0]], device=device))
    enz = np.nonzero([[0, 1], [2, 0]])
    assert len(nz) == 2
    close(nz[0], enz[0])
    close(nz[1], enz[1])
    ints = np.array([3, 1, 3, 2, 1, 3])
    u = xp.unique_counts(xp.asarray(ints, device=device))
    ev, ec = np.unique(ints, return_counts=True)
    close(u.values, ev)
    close(u.counts, ec)
    ua = xp.unique_all(xp.asarray(ints, device=device))
    close(ua.values[ua.inverse_indices], ints)
    close(xp.unique_values(xp.asarray(ints, device=device)), ev)
    close(xp.isin(xp.asarray(ints, device=device), xp.asarray([1, 2], device=device)), np.isin(ints, [1, 2]))
    close(xp.where(x > 0, x, 0.0), np.where(a > 0, a, 0.0))
    close(xp.clip(x, -0.5, 2.0), np.clip(a, -0.5, 2.0))


def test_dtype_functions():
    assert xp.can_cast(xp.int8, xp.int16) and not xp.can_cast(xp.float64, xp.int64)
    f = xp.finfo(xp.float32)
    assert f.eps == float(np.finfo(np.float32).eps) and f.bits == 32 and f.dtype == xp.float32
    i = xp.iinfo(xp.int16)
    assert (i.min, i.max, i.bits) == (-32768, 32767, 16)
    assert xp.iinfo(xp.uint64).max == 2**64 - 1
    assert xp.isdtype(xp.float32, "real floating")
    assert xp.isdtype(xp.int8, ("bool", "signed integer"))
    assert not xp.isdtype(xp.uint8, "signed integer")
    assert xp.result_type(xp.int8, xp.uint8) == xp.int16
    assert xp.result_type(xp.float32, 1.0) == xp.float32
    info = xp.__array_namespace_info__()
    assert info.default_dtypes()["real floating"] == xp.float64
    assert "float64" in info.dtypes()
    assert set(info.dtypes(kind="integral")) == {"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"}
    assert info.capabilities()["boolean indexing"] is True
    assert str(info.default_device()) == "cpu"


def test_linalg(device):
    rng = np.random.default_rng(1)
    a = rng.standard_normal((4, 4)) + 4 * np.eye(4)
    b = rng.standard_normal((4, 2))
    x, y = xp.asarray(a, device=device), xp.asarray(b, device=device)
    try:
        xp.matmul(x, y)
    except (RuntimeError, NotImplementedError) as e:
        pytest.skip(f"linalg not on {device}: {e}")
    close(x @ y, a @ b, rtol=1e-12)
    close(xp.matmul(x, y), a @ b, rtol=1e-12)
    close(xp.tensordot(x, x, axes=1), np.tensordot(a, a, axes=1), rtol=1e-12)
    close(xp.vecdot(x, x), np.sum(a * a, axis=-1), rtol=1e-12)
    close(xp.linalg.vector_norm(x), np.linalg.norm(a), rtol=1e-12)
    close(xp.linalg.outer(y[:, 0], y[:, 1]), np.outer(b[:, 0], b[:, 1]), rtol=1e-12)
    try:
        xp.linalg.solve(x, y)
    except NotImplementedError as e:
        pytest.skip(f"factorizations not on {device}: {e}")
    close(xp.linalg.solve(x, y), np.linalg.solve(a, b), rtol=1e-10)
    close(xp.linalg.inv(x), np.linalg.inv(a), rtol=1e-10)
    close(xp.linalg.det(x), np.linalg.det(a), rtol=1e-10)
    spd = a @ a.T
    close(xp.linalg.cholesky(xp.asarray(spd, device=device)), np.linalg.cholesky(spd), rtol=1e-10)
    close(xp.linalg.eigvalsh(xp.asarray(spd, device=device)), np.linalg.eigvalsh(spd), rtol=1e-10)
    close(xp.linalg.svdvals(x), np.linalg.svd(a, compute_uv=False), rtol=1e-10)
    q, r = xp.linalg.qr(x)
    close(q @ r, a, rtol=1e-10, atol=1e-12)
    close(xp.linalg.vector_norm(x), np.linalg.norm(a), rtol=1e-12)
    close(xp.linalg.matrix_norm(x, ord=1), np.linalg.norm(a, ord=1), rtol=1e-12)
    close(xp.linalg.trace(x), np.trace(a), rtol=1e-12)
    close(xp.linalg.diagonal(x, offset=1), np.diagonal(a, offset=1))
    close(xp.linalg.outer(y[:, 0], y[:, 1]), np.outer(b[:, 0], b[:, 1]), rtol=1e-12)
    close(xp.tensordot(x, x, axes=1), np.tensordot(a, a, axes=1), rtol=1e-12)
    close(xp.vecdot(x, x), np.sum(a * a, axis=-1), rtol=1e-12)
    close(xp.linalg.matrix_power(x, -2), np.linalg.matrix_power(a, -2), rtol=1e-10)
    close(xp.linalg.cross(xp.asarray([1.0, 0, 0]), xp.asarray([0.0, 1, 0])), np.array([0.0, 0, 1]))
    with pytest.raises(xp.LinAlgError):
        xp.linalg.inv(xp.zeros((2, 2), device=device))
    with pytest.raises(ValueError):
        xp.linalg.solve(x, xp.ones((3, 2), device=device))


def test_errors_are_python_exceptions():
    x = xp.asarray([1.0, 2.0])
    with pytest.raises(ValueError):
        xp.add(x, xp.ones(3))
    with pytest.raises(TypeError):
        xp.sin("a")
    with pytest.raises(ValueError):
        xp.sum(x, axis=3)
    with pytest.raises(ValueError):
        xp.asarray([1.0]).to_device("tpu:0")


def test_numpy_roundtrip(any_device):
    device = any_device
    for dt in ["bool", "int8", "uint16", "int32", "int64", "uint64", "float32", "float64", "complex64", "complex128"]:
        if not supported(device, dt):
            continue
        a = (np.arange(6) % 3).astype(dt).reshape(2, 3)
        x = xp.asarray(a, device=device)
        assert x.dtype == getattr(xp, dt)
        np.testing.assert_array_equal(np.asarray(x), a)
        assert np.asarray(x).dtype == a.dtype


def test_fft(device):
    rng = np.random.default_rng(2)
    a = rng.standard_normal((4, 6)) + 1j * rng.standard_normal((4, 6))
    r = rng.standard_normal(7)
    try:
        xp.fft.fft(xp.asarray(a, device=device))
    except (RuntimeError, NotImplementedError) as e:
        pytest.skip(f"fft not on {device}: {e}")
    x = xp.asarray(a, device=device)
    close(xp.fft.fft(x), np.fft.fft(a), rtol=1e-12, atol=1e-12)
    close(xp.fft.ifft(x, n=8, axis=0, norm="ortho"), np.fft.ifft(a, n=8, axis=0, norm="ortho"), rtol=1e-12, atol=1e-12)
    close(xp.fft.fftn(x), np.fft.fftn(a), rtol=1e-12, atol=1e-12)
    close(xp.fft.rfft(xp.asarray(r, device=device)), np.fft.rfft(r), rtol=1e-12, atol=1e-12)
    close(xp.fft.irfft(xp.fft.rfft(xp.asarray(r, device=device)), n=7), np.fft.irfft(np.fft.rfft(r), n=7), rtol=1e-12, atol=1e-12)
    close(xp.fft.fftfreq(5, d=0.5, device=device), np.fft.fftfreq(5, d=0.5))
    close(xp.fft.rfftfreq(6, device=device), np.fft.rfftfreq(6))
    close(xp.fft.fftshift(xp.asarray(r, device=device)), np.fft.fftshift(r))
    close(xp.fft.ifftshift(xp.asarray(r, device=device)), np.fft.ifftshift(r))
    with pytest.raises(ValueError):
        xp.fft.fft(x, norm="bad")


def test_asarray_from_buffers(device):
    import array

    close(xp.asarray(array.array("d", [1.5, -2.0]), device=device), np.array([1.5, -2.0]))
    close(xp.asarray(array.array("i", [1, -2]), device=device), np.array([1, -2], dtype=np.int32))
    close(xp.asarray(bytearray(b"\x01\xff"), device=device), np.array([1, 255], dtype=np.uint8))
    m = memoryview(np.arange(6, dtype=np.uint16).reshape(2, 3).tobytes()).cast("H", (2, 3))
    close(xp.asarray(m, device=device), np.arange(6, dtype=np.uint16).reshape(2, 3))


def test_remaining_functions(device):
    """The functions the tests above do not reach, each against NumPy."""
    rng = np.random.default_rng(3)
    a = rng.standard_normal((3, 4))
    x = xp.asarray(a, device=device)
    bx, by = xp.broadcast_arrays(xp.asarray([[1], [2]], device=device), xp.asarray([3, 4, 5], device=device))
    ex, ey = np.broadcast_arrays([[1], [2]], [3, 4, 5])
    close(bx, ex)
    close(by, ey)
    p, q = np.array([True, True, False, False]), np.array([True, False, True, False])
    xp_p, xp_q = xp.asarray(p, device=device), xp.asarray(q, device=device)
    for name in ["logical_and", "logical_or", "logical_xor"]:
        close(getattr(xp, name)(xp_p, xp_q), getattr(np, name)(p, q))
    close(xp.logical_not(xp_p), np.logical_not(p))
    close(xp.cumulative_prod(x, axis=1), np.cumprod(a, axis=1), rtol=1e-12)
    assert xp.empty((2, 3), device=device).shape == (2, 3)
    assert xp.empty_like(x).shape == x.shape and xp.empty_like(x).dtype == xp.float64
    close(xp.ones_like(x), np.ones_like(a))
    close(xp.matrix_transpose(x), a.T)
    close(xp.linalg.matrix_transpose(x), a.T)
    idx = np.argsort(a, axis=1)
    close(xp.take_along_axis(x, xp.asarray(idx, device=device), axis=1), np.take_along_axis(a, idx, axis=1))
    ints = np.array([4, 1, 4, 2])
    ui = xp.unique_inverse(xp.asarray(ints, device=device))
    ev, ei = np.unique(ints, return_inverse=True)
    close(ui.values, ev)
    close(ui.inverse_indices, ei)
    if supported(device, "complex128"):
        c = np.array([1 + 2j, -3.5j, 0j])
        cx = xp.asarray(c, device=device)
        close(xp.conj(cx), np.conj(c))
        close(xp.imag(cx), np.imag(c))
        close(xp.real(cx), np.real(c))


def test_remaining_linalg_and_fft():
    rng = np.random.default_rng(4)
    a = rng.standard_normal((4, 4))
    spd = a @ a.T + np.eye(4)
    x, s = xp.asarray(a), xp.asarray(spd)
    w, v = xp.linalg.eigh(s)
    close(w, np.linalg.eigh(spd)[0], rtol=1e-10)
    np.testing.assert_allclose(np.asarray(v @ xp.linalg.matrix_transpose(v)), np.eye(4), atol=1e-12)
    ev = np.sort_complex(np.asarray(xp.linalg.eigvals(x)))
    np.testing.assert_allclose(ev, np.sort_complex(np.linalg.eigvals(a)), rtol=1e-10)
    wv, vv = xp.linalg.eig(x)
    np.testing.assert_allclose(np.asarray(xp.asarray(a.astype(complex)) @ vv), np.asarray(vv) * np.asarray(wv), rtol=1e-9, atol=1e-12)
    close(xp.linalg.matrix_rank(xp.asarray(np.outer([1.0, 2, 3], [1.0, 0, 1]))), np.linalg.matrix_rank(np.outer([1.0, 2, 3], [1.0, 0, 1])))
    close(xp.linalg.pinv(x), np.linalg.pinv(a), rtol=1e-9)
    sd = xp.linalg.slogdet(x)
    es, el = np.linalg.slogdet(a)
    close(sd.sign, es)
    close(sd.logabsdet, el, rtol=1e-12)
    r = rng.standard_normal((4, 6))
    c = r + 1j * rng.standard_normal((4, 6))
    close(xp.fft.ifftn(xp.asarray(c)), np.fft.ifftn(c), rtol=1e-12, atol=1e-15)
    close(xp.fft.rfftn(xp.asarray(r)), np.fft.rfftn(r), rtol=1e-12, atol=1e-12)
    close(xp.fft.irfftn(xp.fft.rfftn(xp.asarray(r)), s=(4, 6)), np.fft.irfftn(np.fft.rfftn(r), s=(4, 6)), rtol=1e-12, atol=1e-12)
    h = rng.standard_normal(5) + 1j * rng.standard_normal(5)
    close(xp.fft.hfft(xp.asarray(h), n=8), np.fft.hfft(h, n=8), rtol=1e-12, atol=1e-12)
    close(xp.fft.ihfft(xp.asarray(r[0])), np.fft.ihfft(r[0]), rtol=1e-12, atol=1e-15)
