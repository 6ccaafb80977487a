//! xp's CUDA backend: device discovery and NVRTC compilation.
//!
//! **Status:** this crate opens a CUDA device (through [`cudarc`], loading `libcuda.so`
//! at run time) and compiles CUDA C with NVRTC, but it does not implement xp's kernel
//! traits yet; the kernels come with the "CUDA backend" issue.
//!
//! The crate builds on every machine: the CUDA driver and NVRTC are loaded dynamically
//! when first used. Without a driver, [`Cuda::new`] returns [`Error::Backend`] (it never
//! panics). NVRTC needs no GPU: put the directory holding `libnvrtc.so.12` on
//! `LD_LIBRARY_PATH` (e.g. the PyPI wheel `nvidia-cuda-nvrtc-cu12`'s
//! `nvidia/cuda_nvrtc/lib`) and [`compile_ptx`] works on any machine.

#![warn(missing_docs)]

use array_api::{BackendInfo, DType, Error};
use cudarc::driver::CudaContext;
use std::sync::Arc;

/// The `cudarc` crate, re-exported so its types can be named.
pub use cudarc;

/// A CUDA device (its primary context).
///
/// Values are cheap to clone; two values are equal when they use the same device ordinal.
#[derive(Clone, Debug)]
pub struct Cuda {
    ordinal: usize,
    name: String,
    context: Arc<CudaContext>,
}

impl PartialEq for Cuda {
    fn eq(&self, other: &Self) -> bool {
        self.ordinal == other.ordinal
    }
}

impl Cuda {
    /// Opens CUDA device `ordinal` (0 is the first GPU).
    ///
    /// # Errors
    /// [`Error::Backend`] when no CUDA driver (`libcuda.so`) is installed, when there is
    /// no such device, or when the driver fails (or panics). Never panics.
    pub fn new(ordinal: usize) -> array_api::Result<Cuda> {
        if !driver_available() {
            return Err(backend_error(
                "no CUDA driver (libcuda.so) found; the cuda backend needs an NVIDIA GPU with its \
                 driver installed (libcuda.so on the loader path)",
            ));
        }
        guarded("opening a CUDA device", || {
            let context = CudaContext::new(ordinal)
                .map_err(|e| backend_error(format!("cannot open CUDA device {ordinal}: {e}")))?;
            let name = context.name().map_err(|e| {
                backend_error(format!(
                    "cannot read the name of CUDA device {ordinal}: {e}"
                ))
            })?;
            Ok(Cuda {
                ordinal,
                name,
                context,
            })
        })
    }

    /// The number of CUDA devices; 0 when there is no driver or it fails.
    pub fn device_count() -> usize {
        if !driver_available() {
            return 0;
        }
        guarded("counting CUDA devices", || {
            CudaContext::device_count().map_err(|e| backend_error(e.to_string()))
        })
        .map_or(0, |n| usize::try_from(n).unwrap_or(0))
    }

    /// The device ordinal.
    pub fn ordinal(&self) -> usize {
        self.ordinal
    }

    /// The device name, e.g. `"NVIDIA GeForce RTX 4090"`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The device's primary context.
    pub fn context(&self) -> &Arc<CudaContext> {
        &self.context
    }

    /// Name, device and dtypes: every numeric and boolean dtype.
    ///
    /// The kernels are not implemented yet (issue: CUDA backend); the dtype list is what
    /// the device will support.
    pub fn info(&self) -> BackendInfo {
        BackendInfo {
            backend: "cuda",
            device: format!("cuda:{} ({})", self.ordinal, self.name),
            dtypes: DType::ALL.to_vec(),
            data_dependent_shapes: true,
            boolean_indexing: true,
            max_dimensions: None,
        }
    }
}

/// Whether the CUDA driver library (`libcuda.so`) can be loaded.
pub fn driver_available() -> bool {
    // SAFETY: only tries to dlopen the library by its usual names.
    std::panic::catch_unwind(|| unsafe { cudarc::driver::sys::is_culib_present() }).unwrap_or(false)
}

/// Whether NVRTC (`libnvrtc.so`, `libnvrtc.so.12`, ...) can be loaded. NVRTC needs no GPU.
pub fn nvrtc_available() -> bool {
    // SAFETY: only tries to dlopen the library by its usual names.
    std::panic::catch_unwind(|| unsafe { cudarc::nvrtc::sys::is_culib_present() }).unwrap_or(false)
}

/// Compiles CUDA C source to PTX with NVRTC (default options) and returns the PTX text.
///
/// # Errors
/// [`Error::Backend`] when NVRTC cannot be loaded, or with NVRTC's log when the source
/// does not compile. Never panics.
pub fn compile_ptx(source: &str) -> array_api::Result<String> {
    if !nvrtc_available() {
        return Err(backend_error(
            "NVRTC (libnvrtc.so) not found; put its directory on LD_LIBRARY_PATH, e.g. the \
             PyPI wheel nvidia-cuda-nvrtc-cu12's nvidia/cuda_nvrtc/lib",
        ));
    }
    guarded("compiling CUDA C with NVRTC", || {
        cudarc::nvrtc::compile_ptx(source)
            .map(|ptx| ptx.to_src())
            .map_err(|e| {
                let reason = match e {
                    cudarc::nvrtc::CompileError::CompileError { nvrtc, log, .. } => format!(
                        "NVRTC compilation failed ({nvrtc:?}):\n{}",
                        log.to_string_lossy()
                    ),
                    other => format!("NVRTC failed: {other:?}"),
                };
                backend_error(reason)
            })
    })
}

fn backend_error(reason: impl Into<String>) -> Error {
    Error::Backend {
        backend: "cuda".into(),
        reason: reason.into(),
    }
}

/// Runs `f`, turning a panic (cudarc panics on some failure paths) into [`Error::Backend`].
fn guarded<T>(what: &str, f: impl FnOnce() -> array_api::Result<T>) -> array_api::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(backend_error(format!(
            "cudarc panicked while {what}: {msg}"
        )))
    })
}
