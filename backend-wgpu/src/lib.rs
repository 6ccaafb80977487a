//! xp's WebGPU backend: device discovery and a device smoke check.
//!
//! **Status:** this crate opens a real WebGPU device (through [`wgpu`]) and proves that it
//! runs compute shaders ([`Wgpu::self_test`]), but it does not implement xp's kernel traits
//! yet; the WGSL kernels come with the "WebGPU backend" issue. [`Wgpu::info`] already reports
//! the dtypes the device *will* support, which depend on the adapter's features.
//!
//! Headless CI runs on Mesa's software Vulkan driver (lavapipe):
//! `apt-get install -y mesa-vulkan-drivers libvulkan1`.
//!
//! Environment variables:
//! - `WGPU_BACKEND`: which wgpu backends to try, a comma list such as `vulkan` or `gl`
//!   (read by wgpu's own [`wgpu::InstanceDescriptor::with_env`], together with `WGPU_DEBUG`,
//!   `WGPU_VALIDATION` and the GL/DX12 options).
//! - `WGPU_ADAPTER_NAME`: pick the first adapter whose name contains this text
//!   (case-insensitive) instead of the default high-performance adapter.

#![warn(missing_docs)]

mod discovery;
mod self_test;

use array_api::{BackendInfo, DType, Error};
use std::sync::Arc;

pub use discovery::AdapterSummary;
/// The `wgpu` crate, re-exported so its types (features, adapter info) can be named.
pub use wgpu;

/// A WebGPU device: an adapter, its logical device and queue.
///
/// Values are cheap to clone. Within a process every adapter gets one shared logical
/// device, so two values are equal exactly when they use the same adapter (same index in
/// [`Wgpu::enumerate`] and same adapter info), and equal values can share buffers.
#[derive(Clone, Debug)]
pub struct Wgpu {
    index: usize,
    adapter_info: wgpu::AdapterInfo,
    instance: Arc<wgpu::Instance>,
    adapter: Arc<wgpu::Adapter>,
    device: Arc<wgpu::Device>,
    queue: Arc<wgpu::Queue>,
}

impl PartialEq for Wgpu {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index && self.adapter_info == other.adapter_info
    }
}

impl Wgpu {
    /// Opens the default WebGPU device.
    ///
    /// Honours `WGPU_BACKEND` and `WGPU_ADAPTER_NAME` (see the crate docs); otherwise picks
    /// the highest-performance adapter (discrete GPU, then integrated, virtual, CPU). The
    /// device gets `SHADER_F64` and `SHADER_INT64` when the adapter offers them, and the
    /// adapter's full limits.
    ///
    /// # Errors
    /// [`Error::Backend`] when no adapter is found (or none matches `WGPU_ADAPTER_NAME`),
    /// or when wgpu fails (or panics) while creating the device. Never panics.
    pub fn new() -> array_api::Result<Wgpu> {
        discovery::open_default()
    }

    /// Opens the adapter at `index` in [`Wgpu::enumerate`]'s list.
    ///
    /// # Errors
    /// [`Error::Backend`] when there is no such adapter or the device cannot be created.
    pub fn with_adapter(index: usize) -> array_api::Result<Wgpu> {
        discovery::open_index(index)
    }

    /// Every adapter wgpu can see (honouring `WGPU_BACKEND`), in index order. Empty when
    /// there is none or wgpu fails.
    pub fn enumerate() -> Vec<AdapterSummary> {
        discovery::enumerate()
    }

    /// The adapter's index in [`Wgpu::enumerate`]'s list.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The adapter's name, e.g. `"llvmpipe (LLVM 15.0.6, 256 bits)"`.
    pub fn name(&self) -> &str {
        &self.adapter_info.name
    }

    /// Everything wgpu reports about the adapter.
    pub fn adapter_info(&self) -> &wgpu::AdapterInfo {
        &self.adapter_info
    }

    /// The features enabled on the logical device.
    pub fn features(&self) -> wgpu::Features {
        self.device.features()
    }

    /// Whether the device has `SHADER_F64` (so `float64` and `complex128` are supported).
    pub fn has_f64(&self) -> bool {
        self.features().contains(wgpu::Features::SHADER_F64)
    }

    /// Whether the device has `SHADER_INT64` (so `int64` and `uint64` are supported).
    pub fn has_i64(&self) -> bool {
        self.features().contains(wgpu::Features::SHADER_INT64)
    }

    /// The wgpu instance the adapter came from.
    pub fn instance(&self) -> &Arc<wgpu::Instance> {
        &self.instance
    }

    /// The adapter.
    pub fn adapter(&self) -> &Arc<wgpu::Adapter> {
        &self.adapter
    }

    /// The logical device.
    pub fn device(&self) -> &Arc<wgpu::Device> {
        &self.device
    }

    /// The device's queue.
    pub fn queue(&self) -> &Arc<wgpu::Queue> {
        &self.queue
    }

    /// Name, device and the dtypes this device will support.
    ///
    /// The kernels are not implemented yet (issue: WebGPU backend); the dtype list is what
    /// the device supports by design: `bool`, `int8`/`16`/`32`, `uint8`/`16`/`32`, `float32`
    /// and `complex64` always (narrow ints and bool packed in `u32` words); `float64` and
    /// `complex128` only with `SHADER_F64`; `int64` and `uint64` only with `SHADER_INT64`.
    pub fn info(&self) -> BackendInfo {
        let (f64_ok, i64_ok) = (self.has_f64(), self.has_i64());
        let dtypes = DType::ALL
            .into_iter()
            .filter(|d| match d {
                DType::Float64 | DType::Complex128 => f64_ok,
                DType::Int64 | DType::UInt64 => i64_ok,
                _ => true,
            })
            .collect();
        BackendInfo {
            backend: "wgpu",
            device: format!("wgpu:{} ({})", self.index, self.adapter_info.name),
            dtypes,
            data_dependent_shapes: true,
            boolean_indexing: true,
            max_dimensions: None,
        }
    }

    /// Runs tiny compute shaders on the device and checks their results: an `f32`
    /// doubling always, plus `f64` and `i64` variants when the device has those features.
    /// Proves the whole pipeline (shader compile, dispatch, copy, readback) works.
    ///
    /// # Errors
    /// [`Error::Backend`] describing the first failure (wgpu error, panic or wrong result).
    pub fn self_test(&self) -> array_api::Result<()> {
        self_test::run(self)
    }
}

/// An [`Error::Backend`] for this backend.
pub(crate) fn backend_error(reason: impl Into<String>) -> Error {
    Error::Backend {
        backend: "wgpu".into(),
        reason: reason.into(),
    }
}

/// Runs `f`, turning a panic into [`Error::Backend`] (wgpu panics on some failure paths).
pub(crate) fn catch_panics<T>(
    what: &str,
    f: impl FnOnce() -> array_api::Result<T>,
) -> array_api::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(backend_error(format!("wgpu panicked while {what}: {msg}")))
    })
}
