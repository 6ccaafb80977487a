//! Device objects: `x.device`, `device=` arguments, `to_device`.

use crate::errors::IntoPy;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use std::sync::OnceLock;
use xp::Dyn;

/// A device: `cpu` or `wgpu:N`. `device=` arguments also take the device's name as a
/// string.
#[pyclass(name = "Device", module = "xp", frozen, from_py_object)]
#[derive(Clone)]
pub struct PyDevice {
    pub(crate) d: Dyn,
}

#[pymethods]
impl PyDevice {
    fn __repr__(&self) -> String {
        format!("Device({:?})", self.d.to_string())
    }

    fn __str__(&self) -> String {
        self.d.to_string()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<PyDevice>() {
            Ok(o) => o.get().d == self.d,
            Err(_) => other
                .cast::<PyString>()
                .map(|s| s.to_string() == self.d.to_string())
                .unwrap_or(false),
        }
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.d.to_string().hash(&mut h);
        h.finish()
    }
}

impl From<Dyn> for PyDevice {
    fn from(d: Dyn) -> PyDevice {
        PyDevice { d }
    }
}

/// Opened devices, so that `"wgpu:0"` opens the adapter once per process.
fn opened() -> &'static std::sync::Mutex<Vec<Dyn>> {
    static CACHE: OnceLock<std::sync::Mutex<Vec<Dyn>>> = OnceLock::new();
    CACHE.get_or_init(|| std::sync::Mutex::new(vec![Dyn::cpu()]))
}

/// The device named `name`, opened once and reused.
pub fn open(name: &str) -> PyResult<Dyn> {
    let mut cache = opened().lock().unwrap_or_else(|p| p.into_inner());
    let canonical = if name == "wgpu" { None } else { Some(name) };
    if let Some(d) = cache
        .iter()
        .find(|d| canonical.is_some_and(|n| d.to_string() == n))
    {
        return Ok(d.clone());
    }
    let d = Dyn::parse(name).py()?;
    if let Some(existing) = cache.iter().find(|e| **e == d) {
        return Ok(existing.clone());
    }
    cache.push(d.clone());
    Ok(d)
}

/// The default device: `XP_DEVICE` if set (e.g. `XP_DEVICE=wgpu:0`), else `cpu`.
pub fn default_device() -> PyResult<Dyn> {
    match std::env::var("XP_DEVICE") {
        Ok(name) if !name.is_empty() => open(&name),
        _ => Ok(Dyn::cpu()),
    }
}

/// A `device=` argument: a device object, a device name, or `None` (the default device).
pub fn device_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Dyn> {
    match obj {
        None => default_device(),
        Some(o) if o.is_none() => default_device(),
        Some(o) => {
            if let Ok(d) = o.cast::<PyDevice>() {
                Ok(d.get().d.clone())
            } else if let Ok(s) = o.cast::<PyString>() {
                open(&s.to_string())
            } else {
                Err(PyTypeError::new_err(format!(
                    "expected a device (xp.Device or a name such as \"cpu\"), got {}",
                    o.repr()?
                )))
            }
        }
    }
}
