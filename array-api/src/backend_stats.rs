//! The statistics, searching and sorting kernel traits: [`ReduceOps`], [`SortOps`] and
//! [`ScatterOps`].
//!
//! They are deliberately few and GPU-friendly: a reduction over a set of axes, an
//! arg-reduction along one axis, an inclusive scan along one axis, a stable sort / argsort
//! along one axis, a binary search and a scatter-add into bins. Everything else of the statistics, searching,
//! sorting, set and utility families (`mean`, `var`, `std`, `diff`, `unique_*`, `isin`,
//! `median`, `quantile`, the `nan*` functions, `histogram`, ...) is composed from these and
//! the elementwise kernels in the front end, once for every backend.
//!
//! As everywhere, kernels receive validated inputs already in the compute dtype, with
//! explicit [`Layout`]s (shape, strides in elements, offset; strided, flipped or broadcast
//! views allowed), and return new contiguous (C-order) storages.
//!
//! **Transitional:** the CUDA backend does not implement these traits yet, so they are not
//! part of [`Backend`]; the front-end functions of these families are bound by
//! [`StatsBackend`] (`Backend + ReduceOps + SortOps + ScatterOps`). Once every backend
//! implements them, they are folded into `Backend` and `StatsBackend` becomes an alias of
//! it.

use crate::backend::{Backend, BackendCore};
use crate::{DType, Layout, Result};

/// A reduction kernel: folds the elements over a set of axes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReduceOp {
    /// Sum (wrapping for integers; logical OR is never used: bool inputs are cast to an
    /// integer dtype by the front end). The empty sum is 0.
    Sum,
    /// Product (wrapping for integers). The empty product is 1.
    Prod,
    /// Minimum. NaN propagates (the first NaN met in C order is the result); among equal
    /// values (`-0.0` and `+0.0`) the first in C order is kept. Never asked for an empty set.
    Min,
    /// Maximum, with [`Min`](Self::Min)'s rules.
    Max,
    /// Logical AND of a `bool` input (true for an empty set).
    All,
    /// Logical OR of a `bool` input (false for an empty set).
    Any,
}

/// An arg-reduction kernel along one axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArgReduceOp {
    /// Index of the first minimum; a NaN counts as the minimum (the first NaN wins).
    ArgMin,
    /// Index of the first maximum; a NaN counts as the maximum (the first NaN wins).
    ArgMax,
}

/// A scan (cumulative) kernel along one axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScanOp {
    /// Running sum.
    Sum,
    /// Running product.
    Prod,
}

/// Reduction, arg-reduction and scan kernels.
pub trait ReduceOps: BackendCore {
    /// Reduces the view `layout` of `x` over `axes` (sorted, distinct, each `< ndim`; empty
    /// means "no reduction": a contiguous copy). `dtype` is the input, accumulation and
    /// output dtype: the front end has already cast the input to the accumulation dtype
    /// (`All`/`Any` get `bool`; `Min`/`Max` never get complex). The result is contiguous,
    /// of the input shape with `axes` removed (C order).
    ///
    /// Order of evaluation: `Prod`, `Min` and `Max` fold the reduced elements sequentially
    /// in C order of the reduced axes (so results are bit-reproducible across backends).
    /// Float and complex `Sum` may reassociate, but must be at least as accurate as
    /// pairwise summation: `|computed - exact| <= c · log2(n) · eps · Σ|x_i|` for a small
    /// constant `c` (the CPU backend accumulates `float32` in `float64`, so its `float32`
    /// sums are within one rounding of exact for `n` below about 2^29 / log2(n)).
    /// Integer sums and products wrap.
    fn reduce(
        &self,
        op: ReduceOp,
        x: &Self::Storage,
        layout: &Layout,
        dtype: DType,
        axes: &[usize],
    ) -> Result<Self::Storage>;

    /// `argmin` / `argmax` of the view along `axis` (of length at least 1): a contiguous
    /// `int64` storage of the input shape without `axis`. First occurrence on ties; a NaN
    /// wins over any number (the first NaN). `dtype` is bool, an integer or a real float.
    fn arg_reduce(
        &self,
        op: ArgReduceOp,
        x: &Self::Storage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<Self::Storage>;

    /// The inclusive scan of the view along `axis`, contiguous, of the input shape, in
    /// `dtype` (input and accumulation dtype), accumulated sequentially along the axis
    /// (each partial result rounded to `dtype`, as NumPy's `cumsum` does; integers wrap).
    fn scan(
        &self,
        op: ScanOp,
        x: &Self::Storage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<Self::Storage>;
}

/// Sorting and searching kernels, for bool, integer and real float dtypes.
///
/// The order is NumPy's: ascending, every NaN (whatever its sign or payload) after every
/// number, `-0.0` equal to `+0.0`. Sorts are always **stable** (equal elements keep their
/// order), so results are reproducible across backends; descending order is composed by the
/// front end (reversing a stable ascending sort of the reversed lane).
pub trait SortOps: BackendCore {
    /// The view sorted along `axis`: contiguous, the input shape.
    fn sort(
        &self,
        x: &Self::Storage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<Self::Storage>;

    /// The stable sorting permutation of the view along `axis`: a contiguous `int64`
    /// storage of the input shape holding indices into the axis.
    fn argsort(
        &self,
        x: &Self::Storage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<Self::Storage>;

    /// The view partitioned along `axis` at `kth` (sorted, distinct positions, each below
    /// the axis length): contiguous, the input shape. In each lane, position `k` of `kth`
    /// holds the element a stable sort would put there; the elements before it are not after
    /// it in the order above, the elements after it are not before it. The order within the
    /// groups is unspecified (a sorted lane is a valid result). `median` and `quantile`
    /// read their order statistics from it.
    fn partition(
        &self,
        x: &Self::Storage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        kth: &[usize],
    ) -> Result<Self::Storage>;

    /// Insertion points of `values` (any shape) into the 1-d view `sorted` (ascending in
    /// the order above), both in `dtype`: with `right == false` the first `i` such that
    /// `!(sorted[i] < v)`, with `right == true` the first `i` such that `v < sorted[i]`
    /// (`<` being the NaN-last order). A contiguous `int64` storage of `values`' shape.
    #[allow(clippy::too_many_arguments)]
    fn searchsorted(
        &self,
        sorted: &Self::Storage,
        sorted_layout: &Layout,
        values: &Self::Storage,
        values_layout: &Layout,
        dtype: DType,
        right: bool,
    ) -> Result<Self::Storage>;
}

/// The scatter-add kernel behind `bincount` and `histogram`: per-bin counts or sums.
pub trait ScatterOps: BackendCore {
    /// Adds each element's weight (or 1) into the bin its index names.
    ///
    /// `indices` is a 1-d view of `n` bin indices in `index_dtype` (`int32` or `int64`).
    /// Entries outside `0..length` (negative or `>= length`) are **skipped**: the front end
    /// maps values it does not count (out of a histogram's range, NaN) to `-1`.
    ///
    /// Without `weights`, `dtype` must be `int64` and the result is the `int64` count of
    /// each bin. With `weights` (a 1-d view of the same length `n`), `dtype` is the
    /// weights' dtype, `float32` or `float64`, and the result is each bin's sum of the
    /// weights of its entries, in that dtype, accumulated in that dtype (so a `float32`
    /// bin is the rounded result of `float32` additions; the front end casts to `float64`
    /// first for NumPy's `bincount`). The order of the additions is unspecified (threads
    /// may sum private partial histograms, GPUs add atomically), so float sums may differ
    /// from a serial sum in the order of `indices` by rounding, but never by more than the
    /// error bound of some order of `float` additions of the bin's weights.
    ///
    /// Returns a contiguous storage of `length` elements (zeros for empty bins; an empty
    /// storage when `length` is 0).
    fn scatter_add(
        &self,
        indices: &Self::Storage,
        index_layout: &Layout,
        index_dtype: DType,
        weights: Option<(&Self::Storage, &Layout)>,
        dtype: DType,
        length: usize,
    ) -> Result<Self::Storage>;
}

/// **Transitional** bound of the statistics, searching, sorting, set and utility functions:
/// a [`Backend`] that also implements [`ReduceOps`], [`SortOps`] and [`ScatterOps`].
/// Implemented automatically. It is folded into `Backend` once every backend (CUDA) implements
/// the new traits.
pub trait StatsBackend: Backend + ReduceOps + SortOps + ScatterOps {}

impl<T: Backend + ReduceOps + SortOps + ScatterOps> StatsBackend for T {}

/// Checks the operands of [`ScatterOps::scatter_add`] (shared by the backends): 1-d
/// layouts of the same length, an `int32`/`int64` index dtype, `int64` output without
/// weights and `float32`/`float64` with them. `Err(InvalidArgument)` naming `scatter_add`.
pub fn check_scatter_add(
    index_layout: &Layout,
    index_dtype: DType,
    weights: Option<&Layout>,
    dtype: DType,
) -> Result<()> {
    const OP: &str = "scatter_add";
    if index_layout.ndim() != 1 {
        return Err(crate::Error::invalid(
            OP,
            format!("indices must be 1-d, got shape {:?}", index_layout.shape()),
        ));
    }
    if !matches!(index_dtype, DType::Int32 | DType::Int64) {
        return Err(crate::Error::InvalidDType {
            op: OP,
            dtype: index_dtype,
            expected: "int32 or int64 bin indices",
        });
    }
    match weights {
        None if dtype != DType::Int64 => Err(crate::Error::InvalidDType {
            op: OP,
            dtype,
            expected: "int64 counts (no weights)",
        }),
        Some(w) if w.shape() != index_layout.shape() => Err(crate::Error::ShapeMismatch {
            op: OP,
            shapes: vec![index_layout.shape().to_vec(), w.shape().to_vec()],
            reason: "weights must be 1-d with the length of the indices".into(),
        }),
        Some(_) if !matches!(dtype, DType::Float32 | DType::Float64) => {
            Err(crate::Error::InvalidDType {
                op: OP,
                dtype,
                expected: "float32 or float64 weights",
            })
        }
        _ => Ok(()),
    }
}

/// NumPy's sort order for real values: `true` when `a` sorts strictly before `b` (NaNs
/// last, `-0.0 == +0.0`). Shared by backends' host code and the front end's host helpers.
pub fn nan_last_lt(a: f64, b: f64) -> bool {
    a < b || (!a.is_nan() && b.is_nan())
}
