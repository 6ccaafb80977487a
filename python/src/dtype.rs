//! The `dtype` objects of the module (`xp.float64`, ...).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use xp::DType;

/// A data type: `xp.bool`, `xp.int8` ... `xp.complex128`. Compares equal to itself only.
#[pyclass(name = "dtype", module = "xp", frozen, eq, hash, from_py_object)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyDType {
    pub(crate) d: DType,
}

#[pymethods]
impl PyDType {
    /// The dtype's name, e.g. `"float64"`.
    #[getter]
    fn name(&self) -> &'static str {
        self.d.name()
    }

    fn __repr__(&self) -> String {
        format!("xp.{}", self.d.name())
    }

    fn __str__(&self) -> &'static str {
        self.d.name()
    }
}

impl From<DType> for PyDType {
    fn from(d: DType) -> PyDType {
        PyDType { d }
    }
}

/// A dtype argument: an `xp` dtype object or a dtype name such as `"float32"` (NumPy's
/// dtypes and scalar types are accepted through their `name`).
pub fn dtype_arg(obj: &Bound<'_, PyAny>) -> PyResult<DType> {
    if let Ok(d) = obj.cast::<PyDType>() {
        return Ok(d.get().d);
    }
    let name: String = if let Ok(s) = obj.cast::<PyString>() {
        s.to_string()
    } else if let Ok(n) = obj.getattr("name") {
        n.extract()?
    } else if let Ok(n) = obj.getattr("__name__") {
        n.extract()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "expected an xp dtype, got {}",
            obj.repr()?
        )));
    };
    DType::from_name(&name).ok_or_else(|| PyTypeError::new_err(format!("unknown dtype {name:?}")))
}

/// An optional dtype argument.
pub fn opt_dtype(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<DType>> {
    match obj {
        Some(o) if !o.is_none() => dtype_arg(o).map(Some),
        _ => Ok(None),
    }
}
