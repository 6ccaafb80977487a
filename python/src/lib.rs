//! The Python module `xp`: xp as an array API (2025.12) namespace for Python.
//!
//! Every function takes and returns `xp.Array` objects over [`xp::Dyn`], so one module
//! serves every compiled-in backend: `device="cpu"` or `device="wgpu:0"` (with the `wgpu`
//! feature; the default device is `XP_DEVICE` or `cpu`). Build and install into a venv
//! with `maturin develop --release` in `python/`.
//!
//! The module layout follows the standard: creation, data type, elementwise, indexing,
//! linear algebra, manipulation, searching, set, sorting, statistical and utility
//! functions in the main namespace; the `linalg` and `fft` extensions as `xp.linalg` and
//! `xp.fft`.

mod args;
mod array;
mod convert;
mod creation;
mod device;
mod dlpack;
mod dtype;
mod dtypes;
mod elementwise;
mod errors;
mod fft;
mod index;
mod linalg;
mod manipulation;
mod stats;

use pyo3::prelude::*;
use xp::DType;

/// The module `xp`.
#[pymodule]
#[pyo3(name = "xp")]
fn xp_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__array_api_version__", "2025.12")?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<array::PyArray>()?;
    m.add_class::<dtype::PyDType>()?;
    m.add_class::<device::PyDevice>()?;
    for d in DType::ALL {
        m.add(d.name(), dtype::PyDType::from(d))?;
    }
    m.add("e", std::f64::consts::E)?;
    m.add("pi", std::f64::consts::PI)?;
    m.add("inf", f64::INFINITY)?;
    m.add("nan", f64::NAN)?;
    m.add("newaxis", py.None())?;
    m.add("LinAlgError", py.get_type::<errors::LinAlgError>())?;
    creation::register(m)?;
    dtypes::register(m)?;
    elementwise::register(m)?;
    manipulation::register(m)?;
    stats::register(m)?;
    linalg::register(m)?;
    fft::register(m)?;
    Ok(())
}
