//! Python indexing keys (`x[key]`) as xp index lists.

use crate::array::PyArray;
use crate::convert;
use crate::errors::IntoPy;
use pyo3::exceptions::{PyIndexError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyEllipsis, PyInt, PyList, PySlice, PyTuple};
use xp::{Array, Dyn, Idx};

/// The index list of `key`: integers, slices, `None`, `...`, integer or boolean arrays,
/// (NumPy's) lists of integers, and tuples of these.
pub fn key(x: &Array<Dyn>, key: &Bound<'_, PyAny>) -> PyResult<Vec<Idx<Dyn>>> {
    if let Ok(t) = key.cast::<PyTuple>() {
        t.iter().map(|k| item(x, &k)).collect()
    } else {
        Ok(vec![item(x, key)?])
    }
}

fn item(x: &Array<Dyn>, k: &Bound<'_, PyAny>) -> PyResult<Idx<Dyn>> {
    if k.is_none() {
        return Ok(Idx::NewAxis);
    }
    if k.is_instance_of::<PyEllipsis>() {
        return Ok(Idx::Ellipsis);
    }
    if k.is_instance_of::<PyBool>() {
        let b: bool = k.extract()?;
        let mask = xp::asarray(b, None, x.device()).py()?;
        return Ok(Idx::Array(mask));
    }
    if k.is_instance_of::<PyInt>() || (k.hasattr("__index__")? && !k.is_instance_of::<PyArray>()) {
        let i: isize = k
            .call_method0("__index__")?
            .extract()
            .map_err(|_| PyIndexError::new_err(format!("index {k} is out of range")))?;
        return Ok(Idx::Int(i));
    }
    if let Ok(s) = k.cast::<PySlice>() {
        let part = |name: &str| -> PyResult<Option<isize>> {
            let v = s.getattr(name)?;
            if v.is_none() {
                Ok(None)
            } else {
                v.call_method0("__index__")?.extract().map(Some)
            }
        };
        let step = part("step")?.unwrap_or(1);
        if step == 0 {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "slice step cannot be zero",
            ));
        }
        return Ok(Idx::Slice {
            start: part("start")?,
            stop: part("stop")?,
            step,
        });
    }
    if let Ok(a) = k.cast::<PyArray>() {
        return Ok(Idx::Array(a.borrow().a.clone()));
    }
    if k.is_instance_of::<PyList>() || k.hasattr("__array_interface__")? {
        let (h, shape) = convert::host_of(k)?;
        let a = Array::from_host(h, shape, x.device()).py()?;
        return Ok(Idx::Array(a));
    }
    Err(PyTypeError::new_err(format!(
        "only integers, slices, None, Ellipsis, and integer or boolean arrays are valid indices, not {}",
        k.get_type().name()?
    )))
}
