//! xp's WebGPU backend: WGSL compute shaders on any adapter wgpu can open.
//!
//! [`Wgpu`] is the device and implements the kernel traits of [`array_api::backend`]; its
//! storage is [`WgpuStorage`], a reference-counted `wgpu::Buffer` with copy-on-write.
//! Every kernel runs on the device: kernels are WGSL generated per (op, dtype) from the
//! templates of the op-family modules, compiled once per device and cached. Host data
//! crosses only in [`from_host`](array_api::BackendCore::from_host) and
//! [`to_host`](array_api::BackendCore::to_host) (which gathers the view on the device
//! first), plus a few bytes of kernel parameters and read-backs of counts and error flags.
//!
//! The modules, one concept each:
//! - `wgsl`: the buffer representation of each dtype (narrow ints and bool packed in
//!   `u32` words, complex interleaved) and the WGSL load/store snippets;
//! - `runtime`: pipeline cache, buffer allocation, command batches, read-back;
//! - [`storage`]: [`WgpuStorage`] and the input checks;
//! - `map`: the strided map kernel template (one invocation per output element, operand
//!   offsets computed from shapes and strides in the kernel);
//! - `copy`: uploads, read-backs, contiguous copies, `copy_into`;
//! - `cast`: dtype conversions with `astype`'s rules;
//! - `creation`: `full`, `arange`, `linspace`; `tri`: `tril` / `triu`;
//! - `indexing`: `gather` / `scatter`; `scan`: prefix sums and `nonzero`;
//! - `scatter`: `scatter_add` (bin counts and sums: atomics, workgroup-private histograms,
//!   a sort-based deterministic `float64` sum);
//! - `reduce`: reductions over any axes (workgroup trees, cascade summation for float
//!   sums, sequential C-order products), arg-reductions and scans; `sort`: stable
//!   bitonic sort / argsort on order keys and `searchsorted`;
//! - `elementwise`: the 38 unary and 28 binary functions, in-place ops, `clip`, `where`,
//!   with a WGSL math library (fdlibm ports in `f64`, Payne–Hanek reduction) because WGSL
//!   has no `f64` transcendentals and loose `f32` ones.
//!
//! `float32` and `complex64` transcendentals (and the ops the reference rounds once from
//! `f64`) are computed in `f64` on devices with `f64`; devices without it compute them in
//! `f32` with WGSL's builtins, which are less accurate. `XP_WGPU_NO_F64=1` simulates such
//! a device.
//!
//! Limits: a storage is one buffer bound whole, so it may not exceed the device's
//! `max_storage_buffer_binding_size` (128 MiB on lavapipe; larger arrays give
//! `Err(Backend)`), nor `i32::MAX` elements. Dispatches use 2-D workgroup grids beyond
//! `max_compute_workgroups_per_dimension`.
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

mod cast;
mod copy;
mod creation;
mod discovery;
mod elementwise;
mod indexing;
mod linalg;
mod map;
mod reduce;
mod runtime;
mod scan;
mod scatter;
mod self_test;
mod sort;
pub mod storage;
mod tri;
mod wgsl;

use array_api::{
    ArgReduceOp, BackendCore, BackendInfo, CopyOps, CreationOps, DType, Error, HostData,
    IndexArray, IndexingOps, Layout, ReduceOp, ReduceOps, Result, Scalar, ScanOp, ScatterOps,
    SortOps,
};
use std::sync::Arc;

pub use discovery::AdapterSummary;
pub use storage::WgpuStorage;
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
    kernels: Arc<runtime::KernelCache>,
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

    /// Whether the device has `SHADER_F64` (`float64` and `complex128` also need
    /// `SHADER_INT64`).
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

    /// Name, device and the dtypes this device supports: `bool`, `int8`/`16`/`32`,
    /// `uint8`/`16`/`32`, `float32` and `complex64` always (narrow ints and bool packed in
    /// `u32` words); `int64` and `uint64` with `SHADER_INT64`; `float64` and `complex128`
    /// with `SHADER_F64` *and* `SHADER_INT64` (the `f64` math library manipulates bits
    /// through `u64`). Every other dtype gives `Err(UnsupportedDType)`.
    pub fn info(&self) -> BackendInfo {
        let dtypes = DType::ALL
            .into_iter()
            .filter(|&d| self.check_dtype("info", d).is_ok())
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

    /// Blocks until the device has finished all work submitted so far (kernels queue their
    /// work and return at once; results are read back only when asked for). Benchmarks call
    /// it so that a timed call includes the device's work.
    ///
    /// # Errors
    /// [`Error::Backend`] when waiting for the device fails (device lost, timeout).
    pub fn synchronize(&self) -> array_api::Result<()> {
        self.device()
            .poll(wgpu::PollType::wait_indefinitely())
            .map(drop)
            .map_err(|e| backend_error(format!("synchronize: {e}")))
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

impl BackendCore for Wgpu {
    type Storage = WgpuStorage;

    fn info(&self) -> BackendInfo {
        Wgpu::info(self)
    }

    fn device_name(&self) -> String {
        format!("wgpu:{} ({})", self.index, self.adapter_info.name)
    }

    fn supports(&self, dtype: DType) -> bool {
        self.check_dtype("supports", dtype).is_ok()
    }

    fn from_host(&self, data: HostData) -> Result<WgpuStorage> {
        self.guarded("from_host", || self.upload_host(&data))
    }

    fn to_host(&self, storage: &WgpuStorage, layout: &Layout, dtype: DType) -> Result<HostData> {
        self.guarded("to_host", || self.download(storage, layout, dtype))
    }
}

impl CreationOps for Wgpu {
    fn full(&self, len: usize, value: Scalar, dtype: DType) -> Result<WgpuStorage> {
        self.guarded("full", || self.full_storage(len, value, dtype))
    }

    fn arange(&self, len: usize, start: Scalar, step: Scalar, dtype: DType) -> Result<WgpuStorage> {
        self.guarded("arange", || self.arange_storage(len, start, step, dtype))
    }

    fn linspace(
        &self,
        len: usize,
        start: Scalar,
        stop: Scalar,
        endpoint: bool,
        dtype: DType,
    ) -> Result<WgpuStorage> {
        self.guarded("linspace", || {
            self.linspace_storage(len, start, stop, endpoint, dtype)
        })
    }
}

impl CopyOps for Wgpu {
    fn copy_into(
        &self,
        src: &WgpuStorage,
        src_layout: &Layout,
        dst: &mut WgpuStorage,
        dst_layout: &Layout,
        dtype: DType,
    ) -> Result<()> {
        self.guarded("copy_into", || {
            self.copy_view_into(src, src_layout, dst, dst_layout, dtype)
        })
    }

    fn contiguous(&self, src: &WgpuStorage, layout: &Layout, dtype: DType) -> Result<WgpuStorage> {
        self.guarded("contiguous", || self.contiguous_view(src, layout, dtype))
    }

    fn cast(
        &self,
        src: &WgpuStorage,
        layout: &Layout,
        from: DType,
        to: DType,
    ) -> Result<WgpuStorage> {
        self.guarded("astype", || self.cast_view(src, layout, from, to))
    }

    fn tri(
        &self,
        src: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        k: i64,
        upper: bool,
    ) -> Result<WgpuStorage> {
        self.guarded("tri", || self.tri_view(src, layout, dtype, k, upper))
    }
}

impl IndexingOps for Wgpu {
    fn gather(
        &self,
        src: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        indices: &[IndexArray<'_, WgpuStorage>],
    ) -> Result<WgpuStorage> {
        self.guarded("gather", || {
            self.gather_indexed(src, layout, dtype, axis, indices)
        })
    }

    fn scatter(
        &self,
        dst: &mut WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        indices: &[IndexArray<'_, WgpuStorage>],
        values: &WgpuStorage,
        values_layout: &Layout,
    ) -> Result<()> {
        self.guarded("scatter", || {
            self.scatter_indexed(dst, layout, dtype, axis, indices, values, values_layout)
        })
    }

    fn nonzero(
        &self,
        src: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<(WgpuStorage, usize)> {
        self.guarded("nonzero", || self.nonzero_indices(src, layout, dtype))
    }
}

impl ReduceOps for Wgpu {
    fn reduce(
        &self,
        op: ReduceOp,
        x: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axes: &[usize],
    ) -> Result<WgpuStorage> {
        self.guarded("reduce", || self.reduce_view(op, x, layout, dtype, axes))
    }

    fn arg_reduce(
        &self,
        op: ArgReduceOp,
        x: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<WgpuStorage> {
        self.guarded("arg_reduce", || {
            self.arg_reduce_view(op, x, layout, dtype, axis)
        })
    }

    fn scan(
        &self,
        op: ScanOp,
        x: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<WgpuStorage> {
        self.guarded("scan", || self.scan_view(op, x, layout, dtype, axis))
    }
}

impl SortOps for Wgpu {
    fn sort(
        &self,
        x: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<WgpuStorage> {
        self.guarded("sort", || self.sort_view(x, layout, dtype, axis, true))
    }

    fn argsort(
        &self,
        x: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<WgpuStorage> {
        self.guarded("argsort", || self.sort_view(x, layout, dtype, axis, false))
    }

    /// A sorted lane is a valid partition: the GPU sort kernel serves as the selection.
    fn partition(
        &self,
        x: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        kth: &[usize],
    ) -> Result<WgpuStorage> {
        let n = layout.shape().get(axis).copied().unwrap_or(0);
        if kth.windows(2).any(|w| w[0] >= w[1]) || kth.last().is_some_and(|&k| k >= n) {
            return Err(array_api::Error::Backend {
                backend: "wgpu".into(),
                reason: format!(
                    "partition: kth {kth:?} must be sorted, distinct and below the axis length {n}"
                ),
            });
        }
        self.guarded("partition", || self.sort_view(x, layout, dtype, axis, true))
    }

    fn searchsorted(
        &self,
        sorted: &WgpuStorage,
        sorted_layout: &Layout,
        values: &WgpuStorage,
        values_layout: &Layout,
        dtype: DType,
        right: bool,
    ) -> Result<WgpuStorage> {
        self.guarded("searchsorted", || {
            self.searchsorted_view(sorted, sorted_layout, values, values_layout, dtype, right)
        })
    }
}

impl ScatterOps for Wgpu {
    fn scatter_add(
        &self,
        indices: &WgpuStorage,
        index_layout: &Layout,
        index_dtype: DType,
        weights: Option<(&WgpuStorage, &Layout)>,
        dtype: DType,
        length: usize,
    ) -> Result<WgpuStorage> {
        self.guarded("scatter_add", || {
            self.scatter_add_view(indices, index_layout, index_dtype, weights, dtype, length)
        })
    }
}
