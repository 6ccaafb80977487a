//! Statistical (9), utility (3), searching (6 minus `where`), sorting (2) and set (5)
//! functions.

use crate::args;
use crate::array::PyArray;
use crate::convert::{self, array, operand};
use crate::dtype::opt_dtype;
use crate::errors::IntoPy;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

type Obj<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

macro_rules! reduce_dtype {
    ($($f:ident),*) => {$(
        #[doc = concat!("`", stringify!($f), "(x, /, *, axis=None, dtype=None, keepdims=False)`.")]
        #[pyfunction]
        #[pyo3(signature = (x, /, *, axis=None, dtype=None, keepdims=false))]
        pub fn $f(x: &Bound<'_, PyAny>, axis: Obj<'_, '_>, dtype: Obj<'_, '_>, keepdims: bool) -> PyResult<PyArray> {
            let ax = args::axes(axis)?;
            Ok(xp::$f(&array(x, stringify!($f))?, ax.as_deref(), keepdims, opt_dtype(dtype)?).py()?.into())
        }
    )*};
}

macro_rules! reduce_plain {
    ($($f:ident),*) => {$(
        #[doc = concat!("`", stringify!($f), "(x, /, *, axis=None, keepdims=False)`.")]
        #[pyfunction]
        #[pyo3(signature = (x, /, *, axis=None, keepdims=false))]
        pub fn $f(x: &Bound<'_, PyAny>, axis: Obj<'_, '_>, keepdims: bool) -> PyResult<PyArray> {
            let ax = args::axes(axis)?;
            Ok(xp::$f(&array(x, stringify!($f))?, ax.as_deref(), keepdims).py()?.into())
        }
    )*};
}

macro_rules! reduce_correction {
    ($($f:ident => $name:literal, $xpf:path);*) => {$(
        #[doc = concat!("`", $name, "(x, /, *, axis=None, correction=0.0, keepdims=False)`.")]
        #[pyfunction]
        #[pyo3(name = $name, signature = (x, /, *, axis=None, correction=0.0, keepdims=false))]
        pub fn $f(x: &Bound<'_, PyAny>, axis: Obj<'_, '_>, correction: f64, keepdims: bool) -> PyResult<PyArray> {
            let ax = args::axes(axis)?;
            Ok($xpf(&array(x, $name)?, ax.as_deref(), correction, keepdims).py()?.into())
        }
    )*};
}

macro_rules! cumulative {
    ($($f:ident),*) => {$(
        #[doc = concat!("`", stringify!($f), "(x, /, *, axis=None, dtype=None, include_initial=False)`.")]
        #[pyfunction]
        #[pyo3(signature = (x, /, *, axis=None, dtype=None, include_initial=false))]
        pub fn $f(x: &Bound<'_, PyAny>, axis: Option<isize>, dtype: Obj<'_, '_>, include_initial: bool) -> PyResult<PyArray> {
            Ok(xp::$f(&array(x, stringify!($f))?, axis, opt_dtype(dtype)?, include_initial).py()?.into())
        }
    )*};
}

macro_rules! arg_reduce {
    ($($f:ident),*) => {$(
        #[doc = concat!("`", stringify!($f), "(x, /, *, axis=None, keepdims=False)`.")]
        #[pyfunction]
        #[pyo3(signature = (x, /, *, axis=None, keepdims=false))]
        pub fn $f(x: &Bound<'_, PyAny>, axis: Option<isize>, keepdims: bool) -> PyResult<PyArray> {
            Ok(xp::$f(&array(x, stringify!($f))?, axis, keepdims).py()?.into())
        }
    )*};
}

macro_rules! sorts {
    ($($f:ident),*) => {$(
        #[doc = concat!("`", stringify!($f), "(x, /, *, axis=-1, descending=False, stable=True)`.")]
        #[pyfunction]
        #[pyo3(signature = (x, /, *, axis=-1, descending=false, stable=true))]
        pub fn $f(x: &Bound<'_, PyAny>, axis: isize, descending: bool, stable: bool) -> PyResult<PyArray> {
            Ok(xp::$f(&array(x, stringify!($f))?, axis, descending, stable).py()?.into())
        }
    )*};
}

reduce_dtype!(sum, prod);
reduce_plain!(min, max, mean, all, any, count_nonzero);
reduce_correction!(var_ => "var", xp::var; std_ => "std", xp::std);
cumulative!(cumulative_sum, cumulative_prod);
arg_reduce!(argmax, argmin);
sorts!(sort, argsort);

/// `diff(x, /, *, axis=-1, n=1, prepend=None, append=None)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, axis=-1, n=1, prepend=None, append=None))]
pub fn diff(
    x: &Bound<'_, PyAny>,
    axis: isize,
    n: usize,
    prepend: Obj<'_, '_>,
    append: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let opt = |o: Obj<'_, '_>| -> PyResult<Option<xp::Array<xp::Dyn>>> {
        match o {
            Some(o) if !o.is_none() => array(o, "diff").map(Some),
            _ => Ok(None),
        }
    };
    let (p, a) = (opt(prepend)?, opt(append)?);
    Ok(
        xp::diff(&array(x, "diff")?, axis, n, p.as_ref(), a.as_ref())
            .py()?
            .into(),
    )
}

/// `nonzero(x, /)`: a tuple of index arrays.
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn nonzero<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    let v = xp::nonzero(&array(x, "nonzero")?).py()?;
    PyTuple::new(py, v.into_iter().map(PyArray::from))
}

/// `searchsorted(x1, x2, /, *, side='left', sorter=None)`.
#[pyfunction]
#[pyo3(signature = (x1, x2, /, *, side="left", sorter=None))]
pub fn searchsorted(
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
    side: &str,
    sorter: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let side = match side {
        "left" => xp::Side::Left,
        "right" => xp::Side::Right,
        _ => {
            return Err(PyValueError::new_err(format!(
                "searchsorted: side must be 'left' or 'right', not {side:?}"
            )))
        }
    };
    let s = match sorter {
        Some(s) if !s.is_none() => Some(array(s, "searchsorted")?),
        _ => None,
    };
    let v = operand(x2, "searchsorted")?;
    Ok(
        xp::searchsorted(&array(x1, "searchsorted")?, v.as_xp(), side, s.as_ref())
            .py()?
            .into(),
    )
}

/// `isin(x1, x2, /, *, invert=False)`.
#[pyfunction]
#[pyo3(signature = (x1, x2, /, *, invert=false))]
pub fn isin(x1: &Bound<'_, PyAny>, x2: &Bound<'_, PyAny>, invert: bool) -> PyResult<PyArray> {
    Ok(xp::isin(&array(x1, "isin")?, &array(x2, "isin")?, invert)
        .py()?
        .into())
}

/// `unique_values(x, /)`.
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn unique_values(x: &Bound<'_, PyAny>) -> PyResult<PyArray> {
    Ok(xp::unique_values(&array(x, "unique_values")?).py()?.into())
}

/// `unique_counts(x, /)`: `(values, counts)`.
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn unique_counts<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let r = xp::unique_counts(&array(x, "unique_counts")?).py()?;
    convert::named(
        py,
        "UniqueCountsResult",
        &["values", "counts"],
        vec![r.values.into(), r.counts.into()],
    )
}

/// `unique_inverse(x, /)`: `(values, inverse_indices)`.
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn unique_inverse<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let r = xp::unique_inverse(&array(x, "unique_inverse")?).py()?;
    convert::named(
        py,
        "UniqueInverseResult",
        &["values", "inverse_indices"],
        vec![r.values.into(), r.inverse_indices.into()],
    )
}

/// `unique_all(x, /)`: `(values, indices, inverse_indices, counts)`.
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn unique_all<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let r = xp::unique_all(&array(x, "unique_all")?).py()?;
    convert::named(
        py,
        "UniqueAllResult",
        &["values", "indices", "inverse_indices", "counts"],
        vec![
            r.values.into(),
            r.indices.into(),
            r.inverse_indices.into(),
            r.counts.into(),
        ],
    )
}

/// Registers the functions in `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    macro_rules! add {
        ($($f:ident),*) => {$(m.add_function(wrap_pyfunction!($f, m)?)?;)*};
    }
    add!(
        sum,
        prod,
        min,
        max,
        mean,
        all,
        any,
        count_nonzero,
        var_,
        std_,
        cumulative_sum,
        cumulative_prod,
        argmax,
        argmin,
        sort,
        argsort,
        diff,
        nonzero,
        searchsorted,
        isin,
        unique_values,
        unique_counts,
        unique_inverse,
        unique_all
    );
    Ok(())
}
