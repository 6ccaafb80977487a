//! The backend traits: the kernel contract every backend implements.
//!
//! The front end (this crate's functions) owns all semantics: validation, promotion,
//! broadcasting, output shapes. Kernels receive validated inputs already in the op's
//! compute dtype, with explicit [`Layout`]s (shape, strides in elements, offset) that may
//! be strided, flipped or broadcast (zero strides). Outputs are new contiguous (C-order)
//! storages unless a method says otherwise.
//!
//! Storage is reference counted. Methods that write (`&mut Self::Storage`) must not make
//! the write visible through other handles of the same storage: a backend copies first
//! when the storage is shared (copy-on-write).

use crate::elementwise::{BinaryOp, UnaryOp};
use crate::{DType, HostData, Layout, Result, Scalar};
use std::fmt::Debug;

pub use crate::linalg::kernels::{Factor, LinalgOps, VectorReduction};

/// What a backend instance (a device) supports.
#[derive(Clone, Debug, PartialEq)]
pub struct BackendInfo {
    /// The backend's name: `"cpu"`, `"wgpu"`, `"cuda"`, `"reference"`.
    pub backend: &'static str,
    /// The device: e.g. `"cpu"`, `"wgpu:0 (llvmpipe)"`.
    pub device: String,
    /// Every dtype this device supports.
    pub dtypes: Vec<DType>,
    /// Whether data-dependent output shapes (boolean indexing, `nonzero`, `unique_*`) are
    /// supported.
    pub data_dependent_shapes: bool,
    /// Whether boolean-mask indexing is supported.
    pub boolean_indexing: bool,
    /// Maximum number of dimensions of an array (`None` when unbounded).
    pub max_dimensions: Option<usize>,
}

/// The core of a backend: its device handle, storage type and host transfers.
///
/// A value of the backend type *is* a device: `Cpu` (a unit struct), `Wgpu` (an adapter
/// and queue), ... Arrays carry it; two arrays are on the same device when their backend
/// values are equal.
pub trait BackendCore: Clone + Debug + PartialEq + Send + Sync + 'static {
    /// A reference-counted buffer of elements on the device.
    type Storage: Clone + Send + Sync + Debug;

    /// Name, device and capabilities.
    fn info(&self) -> BackendInfo;

    /// A short device name for messages, e.g. `"cpu"`.
    fn device_name(&self) -> String {
        self.info().device
    }

    /// Whether `dtype` is supported on this device.
    fn supports(&self, dtype: DType) -> bool {
        self.info().dtypes.contains(&dtype)
    }

    /// Uploads host data; the storage holds exactly `data.len()` elements.
    #[allow(clippy::wrong_self_convention)]
    fn from_host(&self, data: HostData) -> Result<Self::Storage>;

    /// Downloads the elements of the view `layout` of `storage`, in C order.
    fn to_host(&self, storage: &Self::Storage, layout: &Layout, dtype: DType) -> Result<HostData>;
}

/// Creation kernels.
pub trait CreationOps: BackendCore {
    /// `len` elements equal to `value` (already known to be representable as `dtype`,
    /// converted with [`Element::from_scalar`](crate::Element::from_scalar)).
    fn full(&self, len: usize, value: Scalar, dtype: DType) -> Result<Self::Storage>;

    /// `len` elements of `dtype` for a kernel output that the next kernel overwrites
    /// entirely before anything reads it (the front end's new elementwise results). The
    /// contents are unspecified; the default is `full(len, 0)`. The CPU backend skips the
    /// zeroing pass there (see `backend_cpu::alloc::for_output`).
    fn output(&self, len: usize, dtype: DType) -> Result<Self::Storage> {
        self.full(len, Scalar::Int(0), dtype)
    }

    /// `len` elements `start + i * step` for a real numeric `dtype`. Integer dtypes compute
    /// exactly in integers (`start`, `step` are `Scalar::Int`); float dtypes compute in the
    /// dtype's precision from `f64` `start`, `step` as NumPy does.
    fn arange(
        &self,
        len: usize,
        start: Scalar,
        step: Scalar,
        dtype: DType,
    ) -> Result<Self::Storage>;

    /// `len` evenly spaced values from `start` to `stop` (included when `endpoint`), for a
    /// floating `dtype` (real or complex), computed as NumPy's `linspace` does:
    /// `start + i * step` with `step = (stop - start) / div`, the last value exactly `stop`
    /// when `endpoint`.
    fn linspace(
        &self,
        len: usize,
        start: Scalar,
        stop: Scalar,
        endpoint: bool,
        dtype: DType,
    ) -> Result<Self::Storage>;
}

/// Copy and conversion kernels.
pub trait CopyOps: BackendCore {
    /// Copies the view `src_layout` of `src` into the view `dst_layout` of `dst` (same
    /// shape; `src` may broadcast; `dst_layout` is writable: no zero strides).
    fn copy_into(
        &self,
        src: &Self::Storage,
        src_layout: &Layout,
        dst: &mut Self::Storage,
        dst_layout: &Layout,
        dtype: DType,
    ) -> Result<()>;

    /// A new contiguous storage holding the view `layout` of `src` in C order.
    fn contiguous(
        &self,
        src: &Self::Storage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<Self::Storage>;

    /// A new contiguous storage of the view converted from dtype `from` to `to` with
    /// [`astype`](crate::astype)'s casting rules.
    fn cast(
        &self,
        src: &Self::Storage,
        layout: &Layout,
        from: DType,
        to: DType,
    ) -> Result<Self::Storage>;

    /// A new contiguous copy of the view (shape `(..., M, N)`) with elements outside the
    /// band zeroed: kept are `j - i <= k` (`upper == false`, tril) or `j - i >= k` (triu).
    fn tri(
        &self,
        src: &Self::Storage,
        layout: &Layout,
        dtype: DType,
        k: i64,
        upper: bool,
    ) -> Result<Self::Storage>;
}

/// An integer index array for advanced indexing: an `int64` storage and its layout,
/// already broadcast to the common index shape.
pub struct IndexArray<'a, S> {
    /// The `int64` indices.
    pub storage: &'a S,
    /// Their layout (the broadcast index shape).
    pub layout: &'a Layout,
}

/// Indexing kernels (gather, scatter, nonzero).
pub trait IndexingOps: BackendCore {
    /// Advanced-index gather. `indices` (k arrays of one broadcast shape `I`) index axes
    /// `axis..axis+k` of the view; negative indices count from the end. The result has
    /// shape `src.shape[..axis] ++ I ++ src.shape[axis+k..]`, contiguous.
    /// Any index outside `-len..len` of its axis gives `Err(IndexOutOfBounds)`.
    fn gather(
        &self,
        src: &Self::Storage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        indices: &[IndexArray<'_, Self::Storage>],
    ) -> Result<Self::Storage>;

    /// Advanced-index scatter: the inverse of [`gather`](Self::gather). Writes `values`
    /// (viewed through `values_layout`, of the gather result's shape, may broadcast) into
    /// the positions of `dst` that `gather` would read. With repeated indices the last
    /// write in C order wins.
    #[allow(clippy::too_many_arguments)]
    fn scatter(
        &self,
        dst: &mut Self::Storage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        indices: &[IndexArray<'_, Self::Storage>],
        values: &Self::Storage,
        values_layout: &Layout,
    ) -> Result<()>;

    /// Indices of the non-zero (true) elements of the view in C order, as a contiguous
    /// `int64` storage of shape `(count, ndim)`, and `count`.
    fn nonzero(
        &self,
        src: &Self::Storage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<(Self::Storage, usize)>;
}

/// Elementwise kernels. Inputs arrive in the op's compute dtype (see
/// [`UnaryOp::dtypes`] / [`BinaryOp::dtypes`]), with layouts already broadcast to the output
/// shape (zero strides allowed). Outputs are written into `out` through `out_layout`
/// (writable: no zero strides; usually contiguous). `out` may be the storage of an input
/// (in-place ops): a kernel must then produce the same result as with a separate output,
/// which holds when the input and output layouts are equal, the only aliasing the front
/// end creates.
pub trait ElementwiseOps: BackendCore {
    /// `out = op(x)`; `dtype` is the compute dtype, `out_dtype` the op's output dtype.
    #[allow(clippy::too_many_arguments)]
    fn unary(
        &self,
        op: UnaryOp,
        x: &Self::Storage,
        x_layout: &Layout,
        dtype: DType,
        out: &mut Self::Storage,
        out_layout: &Layout,
        out_dtype: DType,
    ) -> Result<()>;

    /// `out = op(a, b)`; both operands in the compute dtype `dtype`.
    #[allow(clippy::too_many_arguments)]
    fn binary(
        &self,
        op: BinaryOp,
        a: &Self::Storage,
        a_layout: &Layout,
        b: &Self::Storage,
        b_layout: &Layout,
        dtype: DType,
        out: &mut Self::Storage,
        out_layout: &Layout,
        out_dtype: DType,
    ) -> Result<()>;

    /// In place: `a = op(a, b)` where `op`'s output dtype is `dtype` (arithmetic and bitwise
    /// ops on `a`'s own dtype). `a_layout` is writable; `b_layout` is broadcast to its
    /// shape. A shared `a` storage is copied first (copy-on-write).
    #[allow(clippy::too_many_arguments)]
    fn binary_assign(
        &self,
        op: BinaryOp,
        a: &mut Self::Storage,
        a_layout: &Layout,
        b: &Self::Storage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<()>;

    /// `out = clip(x, lo, hi)` for a real numeric `dtype`: NaN in any operand gives NaN;
    /// otherwise `min(max(x, lo), hi)`. A missing bound is unbounded.
    #[allow(clippy::too_many_arguments)]
    fn clip(
        &self,
        x: &Self::Storage,
        x_layout: &Layout,
        lo: Option<(&Self::Storage, &Layout)>,
        hi: Option<(&Self::Storage, &Layout)>,
        dtype: DType,
        out: &mut Self::Storage,
        out_layout: &Layout,
    ) -> Result<()>;

    /// `out = where(cond, a, b)`: `cond` is bool, `a` and `b` in `dtype`.
    #[allow(clippy::too_many_arguments)]
    fn select(
        &self,
        cond: &Self::Storage,
        cond_layout: &Layout,
        a: &Self::Storage,
        a_layout: &Layout,
        b: &Self::Storage,
        b_layout: &Layout,
        dtype: DType,
        out: &mut Self::Storage,
        out_layout: &Layout,
    ) -> Result<()>;
}

/// A complete backend: every kernel family. Implemented automatically for any type that
/// implements all of them.
pub trait Backend: BackendCore + CreationOps + CopyOps + IndexingOps + ElementwiseOps {}

impl<T: BackendCore + CreationOps + CopyOps + IndexingOps + ElementwiseOps> Backend for T {}

pub use crate::backend_stats::{ArgReduceOp, ReduceOp, ReduceOps, ScanOp, SortOps, StatsBackend};
