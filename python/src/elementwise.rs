//! The 67 elementwise functions.

use crate::array::PyArray;
use crate::convert::{array, operand};
use crate::errors::IntoPy;
use pyo3::prelude::*;

macro_rules! unary {
    ($($f:ident),* $(,)?) => {
        $(
            #[doc = concat!("`", stringify!($f), "(x, /)` (array API).")]
            #[pyfunction]
            #[pyo3(signature = (x, /))]
            pub fn $f(x: &Bound<'_, PyAny>) -> PyResult<PyArray> {
                let x = array(x, stringify!($f))?;
                Ok(xp::$f(&x).py()?.into())
            }
        )*
        fn add_unary(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(m.add_function(wrap_pyfunction!($f, m)?)?;)*
            Ok(())
        }
    };
}

macro_rules! binary {
    ($($f:ident),* $(,)?) => {
        $(
            #[doc = concat!("`", stringify!($f), "(x1, x2, /)` (array API); either operand may be a Python scalar.")]
            #[pyfunction]
            #[pyo3(signature = (x1, x2, /))]
            pub fn $f(x1: &Bound<'_, PyAny>, x2: &Bound<'_, PyAny>) -> PyResult<PyArray> {
                let a = operand(x1, stringify!($f))?;
                let b = operand(x2, stringify!($f))?;
                Ok(xp::$f(a.as_xp(), b.as_xp()).py()?.into())
            }
        )*
        fn add_binary(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(m.add_function(wrap_pyfunction!($f, m)?)?;)*
            Ok(())
        }
    };
}

unary!(
    abs,
    acos,
    acosh,
    asin,
    asinh,
    atan,
    atanh,
    bitwise_invert,
    ceil,
    conj,
    cos,
    cosh,
    exp,
    expm1,
    floor,
    imag,
    isfinite,
    isinf,
    isnan,
    log,
    log1p,
    log2,
    log10,
    logical_not,
    negative,
    positive,
    real,
    reciprocal,
    round,
    sign,
    signbit,
    sin,
    sinh,
    sqrt,
    square,
    tan,
    tanh,
    trunc,
);

binary!(
    add,
    atan2,
    bitwise_and,
    bitwise_left_shift,
    bitwise_or,
    bitwise_right_shift,
    bitwise_xor,
    copysign,
    divide,
    equal,
    floor_divide,
    greater,
    greater_equal,
    hypot,
    less,
    less_equal,
    logaddexp,
    logical_and,
    logical_or,
    logical_xor,
    maximum,
    minimum,
    multiply,
    nextafter,
    not_equal,
    pow,
    remainder,
    subtract,
);

/// `clip(x, /, min=None, max=None)`: bounds are arrays, Python scalars or `None`.
#[pyfunction]
#[pyo3(signature = (x, /, min=None, max=None))]
pub fn clip(
    x: &Bound<'_, PyAny>,
    min: Option<&Bound<'_, PyAny>>,
    max: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyArray> {
    let x = array(x, "clip")?;
    let bound = |b: Option<&Bound<'_, PyAny>>| -> PyResult<Option<crate::convert::Operand>> {
        match b {
            Some(b) if !b.is_none() => operand(b, "clip").map(Some),
            _ => Ok(None),
        }
    };
    let (lo, hi) = (bound(min)?, bound(max)?);
    Ok(xp::clip(
        &x,
        lo.as_ref().map(|o| o.as_xp()),
        hi.as_ref().map(|o| o.as_xp()),
    )
    .py()?
    .into())
}

/// `where(condition, x1, x2, /)`: `x1`, `x2` arrays or Python scalars.
#[pyfunction]
#[pyo3(name = "where", signature = (condition, x1, x2, /))]
pub fn where_(
    condition: &Bound<'_, PyAny>,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
) -> PyResult<PyArray> {
    let c = array(condition, "where")?;
    let a = operand(x1, "where")?;
    let b = operand(x2, "where")?;
    Ok(xp::where_(&c, a.as_xp(), b.as_xp()).py()?.into())
}

/// Registers the elementwise functions in `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    add_unary(m)?;
    add_binary(m)?;
    m.add_function(wrap_pyfunction!(clip, m)?)?;
    m.add_function(wrap_pyfunction!(where_, m)?)?;
    Ok(())
}
