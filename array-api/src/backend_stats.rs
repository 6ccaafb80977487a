//! The statistics, searching and sorting kernel traits: [`ReduceOps`] and [`SortOps`].
//!
//! They are deliberately few and GPU-friendly: a reduction over a set of axes, an
//! arg-reduction along one axis, an inclusive scan along one axis, a stable sort / argsort
//! along one axis and a binary search. Everything else of the statistics, searching,
//! sorting, set and utility families (`mean`, `var`, `std`, `diff`, `unique_*`, `isin`,
//! `median`, `quantile`, the `nan*` functions, `histogram`, ...) is composed from these and
//! the elementwise kernels in the front end, once for every backend.
//!
//! As everywhere, kernels receive validated inputs already in the compute dtype, with
//! explicit [`Layout`]s (shape, strides in elements, offset; strided, flipped or broadcast
//! views allowed), and return new contiguous (C-order) storages.
//!
//! **Transitional:** the WebGPU and CUDA backends do not implement these traits yet, so they
//! are not part of [`Backend`]; the front-end functions of these families are bound by
//! [`StatsBackend`] (`Backend + ReduceOps + SortOps`). Once every backend implements them,
//! they are folded into `Backend` and `StatsBackend` becomes an alias of it.

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

/// **Transitional** bound of the statistics, searching, sorting, set and utility functions:
/// a [`Backend`] that also implements [`ReduceOps`] and [`SortOps`]. Implemented
/// automatically. It is folded into `Backend` once the WebGPU backend implements the new
/// traits.
pub trait StatsBackend: Backend + ReduceOps + SortOps {}

impl<T: Backend + ReduceOps + SortOps> StatsBackend for T {}

/// NumPy's sort order for real values: `true` when `a` sorts strictly before `b` (NaNs
/// last, `-0.0 == +0.0`). Shared by backends' host code and the front end's host helpers.
pub fn nan_last_lt(a: f64, b: f64) -> bool {
    a < b || (!a.is_nan() && b.is_nan())
}
