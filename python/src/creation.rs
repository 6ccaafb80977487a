//! Creation functions (16).

use crate::args;
use crate::array::PyArray;
use crate::convert::{self, array};
use crate::device::device_arg;
use crate::dtype::opt_dtype;
use crate::errors::IntoPy;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use xp::{Array, DType, Dyn, Scalar};

type Obj<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn py_scalar(o: &Bound<'_, PyAny>, op: &str) -> PyResult<Scalar> {
    convert::scalar(o)?
        .ok_or_else(|| PyTypeError::new_err(format!("{op}: expected a Python scalar, got {}", o)))
}

/// `asarray(obj, /, *, dtype=None, device=None, copy=None)`: from an xp array, a Python
/// scalar, nested sequences, or a NumPy array (one copy). `copy=False` is honoured only
/// for xp arrays already of the requested dtype and device.
#[pyfunction]
#[pyo3(signature = (obj, /, *, dtype=None, device=None, copy=None))]
pub fn asarray(
    obj: &Bound<'_, PyAny>,
    dtype: Obj<'_, '_>,
    device: Obj<'_, '_>,
    copy: Option<bool>,
) -> PyResult<PyArray> {
    let dtype = opt_dtype(dtype)?;
    if let Ok(a) = obj.cast::<PyArray>() {
        let mut a = a.borrow().a.clone();
        if let Some(d) = device.filter(|d| !d.is_none()) {
            let dev = device_arg(Some(d))?;
            if dev != *a.device() {
                if copy == Some(false) {
                    return Err(PyValueError::new_err(
                        "asarray: copy=False, but the array is on another device",
                    ));
                }
                a = a.to_device(&dev).py()?;
            }
        }
        return Ok(xp::asarray_from(&a, dtype, copy).py()?.into());
    }
    if copy == Some(false) {
        return Err(PyValueError::new_err(
            "asarray: copy=False is impossible for data that is not an xp array",
        ));
    }
    let dev = device_arg(device)?;
    let (h, shape) = convert::host_of(obj)?;
    Ok(xp::asarray((h, shape), dtype, &dev).py()?.into())
}

/// `from_dlpack(x, /, *, device=None, copy=None)`: from an xp array, or any object NumPy
/// can export (read through the array interface, one copy; DLPack capsules themselves are
/// not parsed).
#[pyfunction]
#[pyo3(signature = (x, /, *, device=None, copy=None))]
pub fn from_dlpack(
    x: &Bound<'_, PyAny>,
    device: Obj<'_, '_>,
    copy: Option<bool>,
) -> PyResult<PyArray> {
    if x.cast::<PyArray>().is_err() && !x.hasattr("__array_interface__")? {
        let np = x.py().import("numpy")?;
        let a = np.call_method1("from_dlpack", (x,))?;
        return asarray(&a, None, device, copy.filter(|c| *c));
    }
    asarray(x, None, device, copy)
}

fn dtype_or(dtype: Obj<'_, '_>, default: DType) -> PyResult<DType> {
    Ok(opt_dtype(dtype)?.unwrap_or(default))
}

/// `arange(start, /, stop=None, step=1, *, dtype=None, device=None)`.
#[pyfunction]
#[pyo3(
    signature = (start, /, stop=None, step=None, *, dtype=None, device=None),
    text_signature = "(start, /, stop=None, step=1, *, dtype=None, device=None)"
)]
pub fn arange(
    start: &Bound<'_, PyAny>,
    stop: Obj<'_, '_>,
    step: Obj<'_, '_>,
    dtype: Obj<'_, '_>,
    device: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let dev = device_arg(device)?;
    let (start, stop) = match stop.filter(|s| !s.is_none()) {
        Some(s) => (py_scalar(start, "arange")?, py_scalar(s, "arange")?),
        None => (Scalar::Int(0), py_scalar(start, "arange")?),
    };
    let step = match step.filter(|s| !s.is_none()) {
        Some(s) => py_scalar(s, "arange")?,
        None => Scalar::Int(1),
    };
    Ok(xp::arange(start, stop, step, opt_dtype(dtype)?, &dev)
        .py()?
        .into())
}

/// `linspace(start, stop, /, num, *, dtype=None, device=None, endpoint=True)`.
#[pyfunction]
#[pyo3(signature = (start, stop, /, num, *, dtype=None, device=None, endpoint=true))]
pub fn linspace(
    start: &Bound<'_, PyAny>,
    stop: &Bound<'_, PyAny>,
    num: usize,
    dtype: Obj<'_, '_>,
    device: Obj<'_, '_>,
    endpoint: bool,
) -> PyResult<PyArray> {
    let dev = device_arg(device)?;
    let (a, b) = (py_scalar(start, "linspace")?, py_scalar(stop, "linspace")?);
    Ok(xp::linspace(a, b, num, endpoint, opt_dtype(dtype)?, &dev)
        .py()?
        .into())
}

/// `empty(shape, *, dtype=None, device=None)` (zero-filled).
#[pyfunction]
#[pyo3(signature = (shape, *, dtype=None, device=None))]
pub fn empty(
    shape: &Bound<'_, PyAny>,
    dtype: Obj<'_, '_>,
    device: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let dev = device_arg(device)?;
    Ok(
        xp::empty(args::shape(shape)?, dtype_or(dtype, DType::Float64)?, &dev)
            .py()?
            .into(),
    )
}

/// `zeros(shape, *, dtype=None, device=None)`.
#[pyfunction]
#[pyo3(signature = (shape, *, dtype=None, device=None))]
pub fn zeros(
    shape: &Bound<'_, PyAny>,
    dtype: Obj<'_, '_>,
    device: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let dev = device_arg(device)?;
    Ok(
        xp::zeros(args::shape(shape)?, dtype_or(dtype, DType::Float64)?, &dev)
            .py()?
            .into(),
    )
}

/// `ones(shape, *, dtype=None, device=None)`.
#[pyfunction]
#[pyo3(signature = (shape, *, dtype=None, device=None))]
pub fn ones(
    shape: &Bound<'_, PyAny>,
    dtype: Obj<'_, '_>,
    device: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let dev = device_arg(device)?;
    Ok(
        xp::ones(args::shape(shape)?, dtype_or(dtype, DType::Float64)?, &dev)
            .py()?
            .into(),
    )
}

/// `full(shape, fill_value, *, dtype=None, device=None)`.
#[pyfunction]
#[pyo3(signature = (shape, fill_value, *, dtype=None, device=None))]
pub fn full(
    shape: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Obj<'_, '_>,
    device: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let dev = device_arg(device)?;
    let v = py_scalar(fill_value, "full")?;
    Ok(xp::full(args::shape(shape)?, v, opt_dtype(dtype)?, &dev)
        .py()?
        .into())
}

fn like(x: &Bound<'_, PyAny>, device: Obj<'_, '_>, op: &str) -> PyResult<Array<Dyn>> {
    let x = array(x, op)?;
    match device.filter(|d| !d.is_none()) {
        Some(d) => Ok(x.to_device(&device_arg(Some(d))?).py()?),
        None => Ok(x),
    }
}

/// `empty_like(x, /, *, dtype=None, device=None)` (zero-filled).
#[pyfunction]
#[pyo3(signature = (x, /, *, dtype=None, device=None))]
pub fn empty_like(
    x: &Bound<'_, PyAny>,
    dtype: Obj<'_, '_>,
    device: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let x = like(x, device, "empty_like")?;
    Ok(xp::zeros_like(&x, opt_dtype(dtype)?).py()?.into())
}

/// `zeros_like(x, /, *, dtype=None, device=None)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, dtype=None, device=None))]
pub fn zeros_like(
    x: &Bound<'_, PyAny>,
    dtype: Obj<'_, '_>,
    device: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let x = like(x, device, "zeros_like")?;
    Ok(xp::zeros_like(&x, opt_dtype(dtype)?).py()?.into())
}

/// `ones_like(x, /, *, dtype=None, device=None)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, dtype=None, device=None))]
pub fn ones_like(
    x: &Bound<'_, PyAny>,
    dtype: Obj<'_, '_>,
    device: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let x = like(x, device, "ones_like")?;
    Ok(xp::ones_like(&x, opt_dtype(dtype)?).py()?.into())
}

/// `full_like(x, /, fill_value, *, dtype=None, device=None)`.
#[pyfunction]
#[pyo3(signature = (x, /, fill_value, *, dtype=None, device=None))]
pub fn full_like(
    x: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Obj<'_, '_>,
    device: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let x = like(x, device, "full_like")?;
    let v = py_scalar(fill_value, "full_like")?;
    Ok(xp::full_like(&x, v, opt_dtype(dtype)?).py()?.into())
}

/// `eye(n_rows, n_cols=None, /, *, k=0, dtype=None, device=None)`.
#[pyfunction]
#[pyo3(signature = (n_rows, n_cols=None, /, *, k=0, dtype=None, device=None))]
pub fn eye(
    n_rows: usize,
    n_cols: Option<usize>,
    k: isize,
    dtype: Obj<'_, '_>,
    device: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let dev = device_arg(device)?;
    Ok(
        xp::eye(n_rows, n_cols, k, dtype_or(dtype, DType::Float64)?, &dev)
            .py()?
            .into(),
    )
}

/// `meshgrid(*arrays, indexing='xy')`.
#[pyfunction]
#[pyo3(signature = (*arrays, indexing="xy"))]
pub fn meshgrid(arrays: Vec<Bound<'_, PyAny>>, indexing: &str) -> PyResult<Vec<PyArray>> {
    let ix = match indexing {
        "xy" => xp::Indexing::Xy,
        "ij" => xp::Indexing::Ij,
        _ => {
            return Err(PyValueError::new_err(format!(
                "meshgrid: indexing must be 'xy' or 'ij', not {indexing:?}"
            )))
        }
    };
    let v: Vec<Array<Dyn>> = arrays
        .iter()
        .map(|a| array(a, "meshgrid"))
        .collect::<PyResult<_>>()?;
    let refs: Vec<&Array<Dyn>> = v.iter().collect();
    Ok(xp::meshgrid(&refs, ix)
        .py()?
        .into_iter()
        .map(PyArray::from)
        .collect())
}

/// `tril(x, /, *, k=0)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, k=0))]
pub fn tril(x: &Bound<'_, PyAny>, k: isize) -> PyResult<PyArray> {
    Ok(xp::tril(&array(x, "tril")?, k).py()?.into())
}

/// `triu(x, /, *, k=0)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, k=0))]
pub fn triu(x: &Bound<'_, PyAny>, k: isize) -> PyResult<PyArray> {
    Ok(xp::triu(&array(x, "triu")?, k).py()?.into())
}

/// Registers the creation functions in `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(asarray, m)?)?;
    m.add_function(wrap_pyfunction!(from_dlpack, m)?)?;
    m.add_function(wrap_pyfunction!(arange, m)?)?;
    m.add_function(wrap_pyfunction!(linspace, m)?)?;
    m.add_function(wrap_pyfunction!(empty, m)?)?;
    m.add_function(wrap_pyfunction!(zeros, m)?)?;
    m.add_function(wrap_pyfunction!(ones, m)?)?;
    m.add_function(wrap_pyfunction!(full, m)?)?;
    m.add_function(wrap_pyfunction!(empty_like, m)?)?;
    m.add_function(wrap_pyfunction!(zeros_like, m)?)?;
    m.add_function(wrap_pyfunction!(ones_like, m)?)?;
    m.add_function(wrap_pyfunction!(full_like, m)?)?;
    m.add_function(wrap_pyfunction!(eye, m)?)?;
    m.add_function(wrap_pyfunction!(meshgrid, m)?)?;
    m.add_function(wrap_pyfunction!(tril, m)?)?;
    m.add_function(wrap_pyfunction!(triu, m)?)?;
    Ok(())
}
