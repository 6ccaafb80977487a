"""Generated inputs: hypothesis' array API strategies built on the xp module itself
(`make_strategies_namespace(xp)`), and every elementwise function compared with NumPy on
the arrays they draw (special values included), on every device."""

import math
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.array_api import make_strategies_namespace

import xp

xps = make_strategies_namespace(xp)

DEVICES = [str(d) for d in xp.__array_namespace_info__().devices()]
if os.environ.get("XP_TEST_DEVICES"):
    DEVICES = [d for d in DEVICES if d in os.environ["XP_TEST_DEVICES"].split(",")]

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NP_NAMES = {"acos": "arccos", "acosh": "arccosh", "asin": "arcsin", "asinh": "arcsinh",
            "atan": "arctan", "atanh": "arctanh", "atan2": "arctan2", "pow": "power",
            "bitwise_invert": "invert", "bitwise_left_shift": "left_shift",
            "bitwise_right_shift": "right_shift"}

FLOAT_UNARY = ["abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos", "cosh",
               "exp", "expm1", "floor", "isfinite", "isinf", "isnan", "log", "log1p", "log2",
               "log10", "negative", "positive", "reciprocal", "round", "sign", "signbit", "sin",
               "sinh", "sqrt", "square", "tan", "tanh", "trunc"]
FLOAT_BINARY = ["add", "atan2", "copysign", "divide", "equal", "floor_divide", "greater",
                "greater_equal", "hypot", "less", "less_equal", "logaddexp", "maximum", "minimum",
                "multiply", "nextafter", "not_equal", "pow", "remainder", "subtract"]
INT_BINARY = ["add", "subtract", "multiply", "bitwise_and", "bitwise_or", "bitwise_xor",
              "equal", "less", "greater_equal", "maximum", "minimum"]
# Within this many ulps of NumPy (each side is within 2 ulp of the true value for the
# transcendental functions, so two results may differ by up to 4).
ULPS = 4


def npf(name):
    return getattr(np, NP_NAMES.get(name, name))


def on(device, x):
    return xp.asarray(x, device=device)


def check_close(got, expected):
    got = np.asarray(got)
    assert got.shape == expected.shape and got.dtype == expected.dtype, (got.dtype, expected.dtype)
    if got.dtype.kind != "f":
        np.testing.assert_array_equal(got, expected)
        return
    nan = np.isnan(expected)
    assert np.array_equal(np.isnan(got), nan)
    g, e = got[~nan], expected[~nan]
    exact = ~np.isfinite(e) | (e == 0)
    np.testing.assert_array_equal(g[exact], e[exact])
    assert np.array_equal(np.signbit(g[exact]), np.signbit(e[exact]))
    tiny = np.finfo(got.dtype).tiny
    np.testing.assert_allclose(g[~exact], e[~exact], rtol=ULPS * np.finfo(got.dtype).eps,
                               atol=ULPS * tiny * np.finfo(got.dtype).eps)


def check_binary(device, name, data, dtype, max_dims):
    """Draws two mutually broadcastable arrays of `dtype` and compares `name` with NumPy."""
    shapes = data.draw(xps.mutually_broadcastable_shapes(2, max_dims=max_dims, max_side=4))
    a1, a2 = (np.asarray(data.draw(xps.arrays(dtype=dtype, shape=s))) for s in shapes.input_shapes)
    with np.errstate(all="ignore"):
        expected = np.asarray(npf(name)(a1, a2))
    check_close(getattr(xp, name)(on(device, a1), on(device, a2)), expected)


def float_dtypes(device):
    names = xp.__array_namespace_info__().dtypes(device=device, kind="real floating")
    return st.sampled_from(sorted(names)).map(lambda n: getattr(xp, n))


def test_strategies_namespace_draws_xp_arrays():
    @SETTINGS
    @given(xps.arrays(dtype=xps.scalar_dtypes(), shape=xps.array_shapes(max_dims=3, max_side=4)))
    def draw(x):
        assert isinstance(x, xp.Array)
        a = np.asarray(x)
        assert a.shape == x.shape

    draw()


@pytest.mark.parametrize("device", DEVICES)
def test_unary_float(device):
    @SETTINGS
    @given(name=st.sampled_from(FLOAT_UNARY), data=st.data())
    def run(name, data):
        dt = data.draw(float_dtypes(device))
        x = data.draw(xps.arrays(dtype=dt, shape=xps.array_shapes(min_dims=0, max_dims=2, max_side=5)))
        a = np.asarray(x)
        with np.errstate(all="ignore"):
            expected = np.asarray(npf(name)(a))
        check_close(getattr(xp, name)(on(device, a)), expected)

    run()


@pytest.mark.parametrize("device", DEVICES)
def test_binary_float_broadcast(device):
    @SETTINGS
    @given(name=st.sampled_from(FLOAT_BINARY), data=st.data())
    def run(name, data):
        check_binary(device, name, data, data.draw(float_dtypes(device)), max_dims=3)

    run()


@pytest.mark.parametrize("device", DEVICES)
def test_binary_integer(device):
    names = xp.__array_namespace_info__().dtypes(device=device, kind="integral")

    @SETTINGS
    @given(name=st.sampled_from(INT_BINARY), dt=st.sampled_from(sorted(names)), data=st.data())
    def run(name, dt, data):
        check_binary(device, name, data, getattr(xp, dt), max_dims=2)

    run()


@pytest.mark.parametrize("device", DEVICES)
def test_reductions(device):
    @SETTINGS
    @given(name=st.sampled_from(["sum", "prod", "min", "max", "mean"]), data=st.data())
    def run(name, data):
        dt = data.draw(float_dtypes(device))
        a = np.asarray(data.draw(xps.arrays(dtype=dt, shape=xps.array_shapes(min_dims=1, max_dims=3, max_side=5),
                                            elements={"min_value": -1e3, "max_value": 1e3})))
        axis = data.draw(st.none() | st.integers(-a.ndim, a.ndim - 1))
        expected = np.asarray(getattr(np, name)(a, axis=axis))
        got = np.asarray(getattr(xp, name)(on(device, a), axis=axis))
        assert got.shape == expected.shape and got.dtype == expected.dtype
        tol = 1e-4 if a.dtype == np.float32 else 1e-12
        np.testing.assert_allclose(got, expected, rtol=tol, atol=tol * 1e3 * a.size)

    run()


def test_dlpack_to_numpy():
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    x = xp.asarray(a)
    assert x.__dlpack_device__() == (1, 0)
    np.testing.assert_array_equal(np.from_dlpack(x), a)
    for dt in ["bool", "int8", "uint16", "int64", "float64", "complex64", "complex128"]:
        b = (np.arange(6) % 3).astype(dt).reshape(2, 3)
        got = np.from_dlpack(xp.asarray(b))
        assert got.dtype == b.dtype
        np.testing.assert_array_equal(got, b)
    with pytest.raises(BufferError):
        x.__dlpack__(copy=False)
    y = xp.from_dlpack(a)
    np.testing.assert_array_equal(np.asarray(y), a)
    cap = x.__dlpack__(max_version=(1, 0))
    assert "dltensor_versioned" in repr(cap)


@pytest.mark.parametrize("device", [d for d in DEVICES if d != "cpu"])
def test_dlpack_from_device(device):
    x = xp.asarray([1.5, 2.5], dtype=xp.float32, device=device)
    assert x.__dlpack_device__()[0] == 15
    with pytest.raises(BufferError):
        x.__dlpack__()
    np.testing.assert_array_equal(np.from_dlpack(x, device="cpu"), [1.5, 2.5])
