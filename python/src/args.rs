//! Argument conversions shared by the functions: axes, shapes, lists of arrays.

use crate::convert::array;
use pyo3::prelude::*;
use pyo3::types::{PyInt, PySequence};
use xp::{Array, Dyn};

/// `None`, an int, or a sequence of ints, as an optional axis list.
pub fn axes(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<isize>>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => ints(o).map(Some),
    }
}

/// An int or a sequence of ints.
pub fn ints(o: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if o.is_instance_of::<PyInt>() {
        return Ok(vec![o.extract()?]);
    }
    o.extract::<Vec<isize>>()
}

/// A shape: an int or a sequence of non-negative ints.
pub fn shape(o: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    if o.is_instance_of::<PyInt>() {
        return Ok(vec![o.extract()?]);
    }
    o.extract::<Vec<usize>>()
}

/// A sequence of xp arrays.
pub fn arrays(o: &Bound<'_, PyAny>, op: &str) -> PyResult<Vec<Array<Dyn>>> {
    let seq = o.cast::<PySequence>()?;
    (0..seq.len()?)
        .map(|i| array(&seq.get_item(i)?, op))
        .collect()
}
