//! The `fft` extension (14), as the submodule `xp.fft`.

use crate::args;
use crate::array::PyArray;
use crate::convert::array;
use crate::device::device_arg;
use crate::dtype::opt_dtype;
use crate::errors::IntoPy;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use xp::fft::{self as f, FftNorm};

type Obj<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn norm_arg(norm: &str) -> PyResult<FftNorm> {
    match norm {
        "backward" => Ok(FftNorm::Backward),
        "ortho" => Ok(FftNorm::Ortho),
        "forward" => Ok(FftNorm::Forward),
        _ => Err(PyValueError::new_err(format!(
            "norm must be 'backward', 'ortho' or 'forward', not {norm:?}"
        ))),
    }
}

macro_rules! one_d {
    ($($name:ident),*) => {$(
        #[doc = concat!("`", stringify!($name), "(x, /, *, n=None, axis=-1, norm='backward')`.")]
        #[pyfunction]
        #[pyo3(signature = (x, /, *, n=None, axis=-1, norm="backward"))]
        pub fn $name(x: &Bound<'_, PyAny>, n: Option<usize>, axis: isize, norm: &str) -> PyResult<PyArray> {
            let x = array(x, concat!("fft.", stringify!($name)))?;
            Ok(f::$name(&x, n, axis, norm_arg(norm)?).py()?.into())
        }
    )*};
}

macro_rules! n_d {
    ($($name:ident),*) => {$(
        #[doc = concat!("`", stringify!($name), "(x, /, *, s=None, axes=None, norm='backward')`.")]
        #[pyfunction]
        #[pyo3(signature = (x, /, *, s=None, axes=None, norm="backward"))]
        pub fn $name(x: &Bound<'_, PyAny>, s: Option<Vec<usize>>, axes: Obj<'_, '_>, norm: &str) -> PyResult<PyArray> {
            let x = array(x, concat!("fft.", stringify!($name)))?;
            let ax = args::axes(axes)?;
            Ok(f::$name(&x, s.as_deref(), ax.as_deref(), norm_arg(norm)?).py()?.into())
        }
    )*};
}

one_d!(fft, ifft, rfft, irfft, hfft, ihfft);
n_d!(fftn, ifftn, rfftn, irfftn);

/// `fftfreq(n, /, *, d=1.0, dtype=None, device=None)`.
#[pyfunction]
#[pyo3(signature = (n, /, *, d=1.0, dtype=None, device=None))]
pub fn fftfreq(n: usize, d: f64, dtype: Obj<'_, '_>, device: Obj<'_, '_>) -> PyResult<PyArray> {
    Ok(f::fftfreq(n, d, opt_dtype(dtype)?, &device_arg(device)?)
        .py()?
        .into())
}

/// `rfftfreq(n, /, *, d=1.0, dtype=None, device=None)`.
#[pyfunction]
#[pyo3(signature = (n, /, *, d=1.0, dtype=None, device=None))]
pub fn rfftfreq(n: usize, d: f64, dtype: Obj<'_, '_>, device: Obj<'_, '_>) -> PyResult<PyArray> {
    Ok(f::rfftfreq(n, d, opt_dtype(dtype)?, &device_arg(device)?)
        .py()?
        .into())
}

/// `fftshift(x, /, *, axes=None)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, axes=None))]
pub fn fftshift(x: &Bound<'_, PyAny>, axes: Obj<'_, '_>) -> PyResult<PyArray> {
    let ax = args::axes(axes)?;
    Ok(f::fftshift(&array(x, "fft.fftshift")?, ax.as_deref())
        .py()?
        .into())
}

/// `ifftshift(x, /, *, axes=None)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, axes=None))]
pub fn ifftshift(x: &Bound<'_, PyAny>, axes: Obj<'_, '_>) -> PyResult<PyArray> {
    let ax = args::axes(axes)?;
    Ok(f::ifftshift(&array(x, "fft.ifftshift")?, ax.as_deref())
        .py()?
        .into())
}

/// Registers the submodule `fft` (also importable as `xp.fft`).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let sub = PyModule::new(py, "fft")?;
    macro_rules! add {
        ($($f:ident),*) => {$(sub.add_function(wrap_pyfunction!($f, &sub)?)?;)*};
    }
    add!(
        fft, ifft, fftn, ifftn, rfft, irfft, rfftn, irfftn, hfft, ihfft, fftfreq, rfftfreq,
        fftshift, ifftshift
    );
    m.add_submodule(&sub)?;
    py.import("sys")?
        .getattr("modules")?
        .set_item("xp.fft", &sub)?;
    Ok(())
}
