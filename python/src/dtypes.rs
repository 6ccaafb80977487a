//! Data type functions (6) and the inspection namespace (`__array_namespace_info__`).

use crate::array::PyArray;
use crate::convert;
use crate::device::{default_device, device_arg, PyDevice};
use crate::dtype::{dtype_arg, PyDType};
use crate::errors::IntoPy;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use xp::{DType, DTypeKind, DTypeOrScalar, Dyn};

/// A dtype, or the dtype of an array (the `type` argument of `finfo`/`iinfo`).
fn dtype_or_array(o: &Bound<'_, PyAny>) -> PyResult<DType> {
    match o.cast::<PyArray>() {
        Ok(a) => Ok(a.borrow().a.dtype()),
        Err(_) => dtype_arg(o),
    }
}

/// `can_cast(from_, to, /)`.
#[pyfunction]
#[pyo3(signature = (from_, to, /))]
pub fn can_cast(from_: &Bound<'_, PyAny>, to: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(xp::can_cast(dtype_or_array(from_)?, dtype_arg(to)?))
}

/// Limits of a floating dtype (the standard's `finfo_object`).
#[pyclass(name = "finfo_object", module = "xp", frozen, get_all)]
pub struct PyFInfo {
    bits: u32,
    eps: f64,
    max: f64,
    min: f64,
    smallest_normal: f64,
    dtype: PyDType,
}

/// Limits of an integer dtype (the standard's `iinfo_object`).
#[pyclass(name = "iinfo_object", module = "xp", frozen)]
pub struct PyIInfo {
    #[pyo3(get)]
    bits: u32,
    max: i128,
    min: i128,
    #[pyo3(get)]
    dtype: PyDType,
}

#[pymethods]
impl PyIInfo {
    /// Largest value.
    #[getter]
    fn max(&self) -> i128 {
        self.max
    }
    /// Smallest value.
    #[getter]
    fn min(&self) -> i128 {
        self.min
    }
}

/// `finfo(type, /)`.
#[pyfunction]
#[pyo3(signature = (r#type, /))]
pub fn finfo(r#type: &Bound<'_, PyAny>) -> PyResult<PyFInfo> {
    let f = xp::finfo(dtype_or_array(r#type)?).py()?;
    Ok(PyFInfo {
        bits: f.bits,
        eps: f.eps,
        max: f.max,
        min: f.min,
        smallest_normal: f.smallest_normal,
        dtype: f.dtype.into(),
    })
}

/// `iinfo(type, /)`.
#[pyfunction]
#[pyo3(signature = (r#type, /))]
pub fn iinfo(r#type: &Bound<'_, PyAny>) -> PyResult<PyIInfo> {
    let i = xp::iinfo(dtype_or_array(r#type)?).py()?;
    Ok(PyIInfo {
        bits: i.bits,
        max: i.max,
        min: i.min,
        dtype: i.dtype.into(),
    })
}

fn kind_of(o: &Bound<'_, PyAny>) -> PyResult<DTypeKind> {
    if let Ok(s) = o.cast::<PyString>() {
        let s = s.to_string();
        return Ok(match s.as_str() {
            "bool" => DTypeKind::Bool,
            "signed integer" => DTypeKind::SignedInteger,
            "unsigned integer" => DTypeKind::UnsignedInteger,
            "integral" => DTypeKind::Integral,
            "real floating" => DTypeKind::RealFloating,
            "complex floating" => DTypeKind::ComplexFloating,
            "numeric" => DTypeKind::Numeric,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "isdtype: unknown kind {s:?}"
                )))
            }
        });
    }
    Ok(DTypeKind::Exact(dtype_arg(o)?))
}

fn kinds(o: &Bound<'_, PyAny>) -> PyResult<Vec<DTypeKind>> {
    match o.cast::<PyTuple>() {
        Ok(t) => t.iter().map(|k| kind_of(&k)).collect(),
        Err(_) => Ok(vec![kind_of(o)?]),
    }
}

/// `isdtype(dtype, kind)`: `kind` a dtype, a kind name or a tuple of them.
#[pyfunction]
pub fn isdtype(dtype: &Bound<'_, PyAny>, kind: &Bound<'_, PyAny>) -> PyResult<bool> {
    let d = dtype
        .cast::<PyDType>()
        .map_err(|_| PyTypeError::new_err("isdtype: the first argument must be an xp dtype"))?
        .get()
        .d;
    Ok(xp::isdtype(d, &kinds(kind)?))
}

/// `result_type(*arrays_and_dtypes)`: arrays, dtypes and Python scalars.
#[pyfunction]
#[pyo3(signature = (*arrays_and_dtypes))]
pub fn result_type(arrays_and_dtypes: Vec<Bound<'_, PyAny>>) -> PyResult<PyDType> {
    let args: Vec<DTypeOrScalar> = arrays_and_dtypes
        .iter()
        .map(|o| {
            if let Some(s) = convert::scalar(o)? {
                Ok(DTypeOrScalar::Scalar(s))
            } else {
                dtype_or_array(o).map(DTypeOrScalar::DType)
            }
        })
        .collect::<PyResult<_>>()?;
    Ok(xp::result_type(&args).py()?.into())
}

/// The inspection namespace returned by `__array_namespace_info__()`.
#[pyclass(name = "Info", module = "xp", frozen)]
pub struct PyInfo;

fn dtype_dict<'py>(py: Python<'py>, v: Vec<DType>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for t in v {
        d.set_item(t.name(), PyDType::from(t))?;
    }
    Ok(d)
}

#[pymethods]
impl PyInfo {
    /// `capabilities()`.
    fn capabilities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let c = xp::info::capabilities(&default_device()?);
        let d = PyDict::new(py);
        d.set_item("boolean indexing", c.boolean_indexing)?;
        d.set_item("data-dependent shapes", c.data_dependent_shapes)?;
        d.set_item("max dimensions", c.max_dimensions)?;
        Ok(d)
    }

    /// `default_device()`.
    fn default_device(&self) -> PyResult<PyDevice> {
        Ok(default_device()?.into())
    }

    /// `default_dtypes(*, device=None)`.
    #[pyo3(signature = (*, device=None))]
    fn default_dtypes<'py>(
        &self,
        py: Python<'py>,
        device: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let t = xp::info::default_dtypes(&device_arg(device)?);
        let d = PyDict::new(py);
        d.set_item("real floating", PyDType::from(t.real_floating))?;
        d.set_item("complex floating", PyDType::from(t.complex_floating))?;
        d.set_item("integral", PyDType::from(t.integral))?;
        d.set_item("indexing", PyDType::from(t.indexing))?;
        Ok(d)
    }

    /// `devices()`: every device that can be opened here.
    fn devices(&self) -> PyResult<Vec<PyDevice>> {
        Dyn::devices()
            .iter()
            .map(|n| crate::device::open(n).map(PyDevice::from))
            .collect()
    }

    /// `dtypes(*, device=None, kind=None)`.
    #[pyo3(signature = (*, device=None, kind=None))]
    fn dtypes<'py>(
        &self,
        py: Python<'py>,
        device: Option<&Bound<'py, PyAny>>,
        kind: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let dev = device_arg(device)?;
        let all = xp::info::dtypes(&dev, None);
        let v = match kind.filter(|k| !k.is_none()) {
            None => all,
            Some(k) => {
                let ks = kinds(k)?;
                all.into_iter().filter(|d| xp::isdtype(*d, &ks)).collect()
            }
        };
        dtype_dict(py, v)
    }
}

/// `__array_namespace_info__()`.
#[pyfunction]
pub fn __array_namespace_info__() -> PyInfo {
    PyInfo
}

/// Registers the functions and classes in `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(can_cast, m)?)?;
    m.add_function(wrap_pyfunction!(finfo, m)?)?;
    m.add_function(wrap_pyfunction!(iinfo, m)?)?;
    m.add_function(wrap_pyfunction!(isdtype, m)?)?;
    m.add_function(wrap_pyfunction!(result_type, m)?)?;
    m.add_function(wrap_pyfunction!(__array_namespace_info__, m)?)?;
    m.add_class::<PyFInfo>()?;
    m.add_class::<PyIInfo>()?;
    m.add_class::<PyInfo>()?;
    Ok(())
}
