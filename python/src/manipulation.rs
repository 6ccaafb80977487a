//! Manipulation functions (15), `take`, `take_along_axis`, `matrix_transpose`, `astype`.

use crate::args;
use crate::array::PyArray;
use crate::convert::array;
use crate::dtype::dtype_arg;
use crate::errors::IntoPy;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use xp::{Array, Dyn};

type Obj<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn wrap(v: Vec<Array<Dyn>>) -> Vec<PyArray> {
    v.into_iter().map(PyArray::from).collect()
}

/// `broadcast_arrays(*arrays)`.
#[pyfunction]
#[pyo3(signature = (*arrays))]
pub fn broadcast_arrays(arrays: Vec<Bound<'_, PyAny>>) -> PyResult<Vec<PyArray>> {
    let v: Vec<Array<Dyn>> = arrays
        .iter()
        .map(|a| array(a, "broadcast_arrays"))
        .collect::<PyResult<_>>()?;
    let r: Vec<&Array<Dyn>> = v.iter().collect();
    Ok(wrap(xp::broadcast_arrays(&r).py()?))
}

/// `broadcast_shapes(*shapes)`: a tuple.
#[pyfunction]
#[pyo3(signature = (*shapes))]
pub fn broadcast_shapes<'py>(
    py: Python<'py>,
    shapes: Vec<Vec<usize>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let r: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
    PyTuple::new(py, xp::broadcast_shapes(&r).py()?)
}

/// `broadcast_to(x, /, shape)`.
#[pyfunction]
#[pyo3(signature = (x, /, shape))]
pub fn broadcast_to(x: &Bound<'_, PyAny>, shape: &Bound<'_, PyAny>) -> PyResult<PyArray> {
    Ok(
        xp::broadcast_to(&array(x, "broadcast_to")?, args::shape(shape)?)
            .py()?
            .into(),
    )
}

/// `concat(arrays, /, *, axis=0)`; `axis=None` flattens.
#[pyfunction]
#[pyo3(signature = (arrays, /, *, axis=Some(0)))]
pub fn concat(arrays: &Bound<'_, PyAny>, axis: Option<isize>) -> PyResult<PyArray> {
    let v = args::arrays(arrays, "concat")?;
    let r: Vec<&Array<Dyn>> = v.iter().collect();
    Ok(xp::concat(&r, axis).py()?.into())
}

/// `stack(arrays, /, *, axis=0)`.
#[pyfunction]
#[pyo3(signature = (arrays, /, *, axis=0))]
pub fn stack(arrays: &Bound<'_, PyAny>, axis: isize) -> PyResult<PyArray> {
    let v = args::arrays(arrays, "stack")?;
    let r: Vec<&Array<Dyn>> = v.iter().collect();
    Ok(xp::stack(&r, axis).py()?.into())
}

/// `unstack(x, /, *, axis=0)`: a tuple of arrays.
#[pyfunction]
#[pyo3(signature = (x, /, *, axis=0))]
pub fn unstack<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    axis: isize,
) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, wrap(xp::unstack(&array(x, "unstack")?, axis).py()?))
}

/// `expand_dims(x, /, axis)`: `axis` an int or a tuple.
#[pyfunction]
#[pyo3(signature = (x, /, axis=None))]
pub fn expand_dims(x: &Bound<'_, PyAny>, axis: Obj<'_, '_>) -> PyResult<PyArray> {
    let ax = args::axes(axis)?.unwrap_or_else(|| vec![0]);
    Ok(xp::expand_dims(&array(x, "expand_dims")?, &ax).py()?.into())
}

/// `squeeze(x, /, axis)`.
#[pyfunction]
#[pyo3(signature = (x, /, axis))]
pub fn squeeze(x: &Bound<'_, PyAny>, axis: &Bound<'_, PyAny>) -> PyResult<PyArray> {
    Ok(xp::squeeze(&array(x, "squeeze")?, &args::ints(axis)?)
        .py()?
        .into())
}

/// `flip(x, /, *, axis=None)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, axis=None))]
pub fn flip(x: &Bound<'_, PyAny>, axis: Obj<'_, '_>) -> PyResult<PyArray> {
    let ax = args::axes(axis)?;
    Ok(xp::flip(&array(x, "flip")?, ax.as_deref()).py()?.into())
}

/// `permute_dims(x, /, axes)`.
#[pyfunction]
#[pyo3(signature = (x, /, axes))]
pub fn permute_dims(x: &Bound<'_, PyAny>, axes: Vec<isize>) -> PyResult<PyArray> {
    Ok(xp::permute_dims(&array(x, "permute_dims")?, &axes)
        .py()?
        .into())
}

/// `moveaxis(x, source, destination, /)`.
#[pyfunction]
#[pyo3(signature = (x, source, destination, /))]
pub fn moveaxis(
    x: &Bound<'_, PyAny>,
    source: &Bound<'_, PyAny>,
    destination: &Bound<'_, PyAny>,
) -> PyResult<PyArray> {
    let (s, d) = (args::ints(source)?, args::ints(destination)?);
    Ok(xp::moveaxis(&array(x, "moveaxis")?, &s, &d).py()?.into())
}

/// `matrix_transpose(x, /)`.
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn matrix_transpose(x: &Bound<'_, PyAny>) -> PyResult<PyArray> {
    Ok(xp::matrix_transpose(&array(x, "matrix_transpose")?)
        .py()?
        .into())
}

/// `reshape(x, /, shape, *, copy=None)`.
#[pyfunction]
#[pyo3(signature = (x, /, shape, *, copy=None))]
pub fn reshape(
    x: &Bound<'_, PyAny>,
    shape: &Bound<'_, PyAny>,
    copy: Option<bool>,
) -> PyResult<PyArray> {
    Ok(xp::reshape(&array(x, "reshape")?, args::ints(shape)?, copy)
        .py()?
        .into())
}

/// `roll(x, /, shift, *, axis=None)`.
#[pyfunction]
#[pyo3(signature = (x, /, shift, *, axis=None))]
pub fn roll(
    x: &Bound<'_, PyAny>,
    shift: &Bound<'_, PyAny>,
    axis: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let ax = args::axes(axis)?;
    Ok(
        xp::roll(&array(x, "roll")?, &args::ints(shift)?, ax.as_deref())
            .py()?
            .into(),
    )
}

/// `repeat(x, repeats, /, *, axis=None)`: `repeats` an int, a sequence or an integer array.
#[pyfunction]
#[pyo3(signature = (x, repeats, /, *, axis=None))]
pub fn repeat(
    x: &Bound<'_, PyAny>,
    repeats: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<PyArray> {
    let reps: Vec<usize> = match repeats.cast::<PyArray>() {
        Ok(r) => r
            .borrow()
            .a
            .to_vec::<i64>()
            .py()?
            .into_iter()
            .map(|v| v.max(0) as usize)
            .collect(),
        Err(_) => args::shape(repeats)?,
    };
    Ok(xp::repeat(&array(x, "repeat")?, &reps, axis).py()?.into())
}

/// `tile(x, repetitions, /)`.
#[pyfunction]
#[pyo3(signature = (x, repetitions, /))]
pub fn tile(x: &Bound<'_, PyAny>, repetitions: Vec<usize>) -> PyResult<PyArray> {
    Ok(xp::tile(&array(x, "tile")?, &repetitions).py()?.into())
}

/// `take(x, indices, /, *, axis=None)`.
#[pyfunction]
#[pyo3(signature = (x, indices, /, *, axis=None))]
pub fn take(
    x: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<PyArray> {
    Ok(xp::take(&array(x, "take")?, &array(indices, "take")?, axis)
        .py()?
        .into())
}

/// `take_along_axis(x, indices, /, *, axis=-1)`.
#[pyfunction]
#[pyo3(signature = (x, indices, /, *, axis=-1))]
pub fn take_along_axis(
    x: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    axis: isize,
) -> PyResult<PyArray> {
    Ok(xp::take_along_axis(
        &array(x, "take_along_axis")?,
        &array(indices, "take_along_axis")?,
        axis,
    )
    .py()?
    .into())
}

/// `astype(x, dtype, /, *, copy=True, device=None)`.
#[pyfunction]
#[pyo3(signature = (x, dtype, /, *, copy=true, device=None))]
pub fn astype(
    x: &Bound<'_, PyAny>,
    dtype: &Bound<'_, PyAny>,
    copy: bool,
    device: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let mut a = array(x, "astype")?;
    if let Some(d) = device.filter(|d| !d.is_none()) {
        a = a.to_device(&crate::device::device_arg(Some(d))?).py()?;
    }
    let d = dtype_arg(dtype)?;
    if !copy && d == a.dtype() {
        return Ok(a.into());
    }
    Ok(xp::astype(&a, d).py()?.into())
}

/// Registers the functions in `m`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(broadcast_arrays, m)?)?;
    m.add_function(wrap_pyfunction!(broadcast_shapes, m)?)?;
    m.add_function(wrap_pyfunction!(broadcast_to, m)?)?;
    m.add_function(wrap_pyfunction!(concat, m)?)?;
    m.add_function(wrap_pyfunction!(stack, m)?)?;
    m.add_function(wrap_pyfunction!(unstack, m)?)?;
    m.add_function(wrap_pyfunction!(expand_dims, m)?)?;
    m.add_function(wrap_pyfunction!(squeeze, m)?)?;
    m.add_function(wrap_pyfunction!(flip, m)?)?;
    m.add_function(wrap_pyfunction!(permute_dims, m)?)?;
    m.add_function(wrap_pyfunction!(moveaxis, m)?)?;
    m.add_function(wrap_pyfunction!(matrix_transpose, m)?)?;
    m.add_function(wrap_pyfunction!(reshape, m)?)?;
    m.add_function(wrap_pyfunction!(roll, m)?)?;
    m.add_function(wrap_pyfunction!(repeat, m)?)?;
    m.add_function(wrap_pyfunction!(tile, m)?)?;
    m.add_function(wrap_pyfunction!(take, m)?)?;
    m.add_function(wrap_pyfunction!(take_along_axis, m)?)?;
    m.add_function(wrap_pyfunction!(astype, m)?)?;
    Ok(())
}
