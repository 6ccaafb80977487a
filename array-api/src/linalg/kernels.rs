//! [`LinalgOps`]: the linear-algebra kernel contract.
//!
//! GPU-friendly by design: the primitive is a **batched matmul over explicit layouts**
//! (stack dimensions already broadcast by the front end, arbitrary strides), plus one
//! method for per-matrix factorizations selected by the [`Factor`] enum, one for
//! `solve`, and one last-axis reduction ([`VectorReduction`]) that norms, traces and
//! ranks are built from. Every stack kernel reports a failing matrix (singular, not
//! positive definite, no convergence) as [`Error::LinAlg`](crate::Error::LinAlg) with
//! its stack index (see [`Error::linalg`](crate::Error::linalg)), never as NaNs or a
//! panic.
//!
//! A backend without kernels for an operation (the WebGPU backend's factorizations and
//! `solve`) returns [`Error::UnsupportedOp`](crate::Error::UnsupportedOp) for it.
//!
//! Transitional: `LinalgOps` is not (yet) part of [`Backend`](crate::Backend), because the
//! CUDA stub does not implement it; the front-end functions are bounded by
//! `B: Backend + LinalgOps`. It joins `Backend` once every backend implements it.

use crate::backend::BackendCore;
use crate::{DType, Layout, Result};

/// A per-matrix factorization (or derived quantity) computed by
/// [`LinalgOps::factor`] on a stack `x` of shape `(..., M, N)` in a floating dtype `T`
/// (real or complex; `R` is its real counterpart, `C` its complex counterpart). The
/// outputs are new contiguous storages, in this order:
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Factor {
    /// Square `x` Hermitian positive definite: `[L]`, `(..., N, N)` in `T`, lower
    /// triangular with `x = L L^H`; with `upper`, `[U]` with `x = U^H U`. Only the lower
    /// triangle of `x` is read. Not positive definite: `Err(LinAlg)`.
    Cholesky {
        /// Return the upper factor `U = L^H`.
        upper: bool,
    },
    /// Square `x`: `[inv(x)]`, `(..., N, N)` in `T`. Exactly singular: `Err(LinAlg)`.
    Inv,
    /// Square `x`: `[det(x)]`, `(...)` in `T`.
    Det,
    /// Square `x`: `[sign, logabsdet]`, `(...)` in `T` and `R`; `sign` is `0` and
    /// `logabsdet` is `-inf` for a singular matrix.
    Slogdet,
    /// `[Q, R]` with `K = min(M, N)`: `Q (..., M, K)` and `R (..., K, N)` (reduced), or
    /// `Q (..., M, M)` and `R (..., M, N)` (`complete`).
    Qr {
        /// Complete rather than reduced factors.
        complete: bool,
    },
    /// `[U, S, Vh]` with `S (..., K)` in `R` descending and `U (..., M, K)`,
    /// `Vh (..., K, N)` (or `(..., M, M)`, `(..., N, N)` with `full_matrices`); only `[S]`
    /// without `compute_uv`.
    Svd {
        /// Square `U` and `Vh`.
        full_matrices: bool,
        /// Compute `U` and `Vh` (else only `S`).
        compute_uv: bool,
    },
    /// Square Hermitian `x` (only the lower triangle is read): `[w, V]`, eigenvalues
    /// `w (..., N)` in `R` ascending and orthonormal eigenvectors `V (..., N, N)` in `T`
    /// as columns; only `[w]` without `vectors`.
    Eigh {
        /// Compute the eigenvectors.
        vectors: bool,
    },
    /// Square `x`: `[w, V]`, eigenvalues `w (..., N)` and unit-norm eigenvectors
    /// `V (..., N, N)` (columns), both in `C`; only `[w]` without `vectors`.
    Eig {
        /// Compute the eigenvectors.
        vectors: bool,
    },
}

/// A reduction over the last axis of a layout `(..., K)` by
/// [`LinalgOps::reduce_last`], giving `(...)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum VectorReduction {
    /// The sum, in the input dtype (integers wrap). An empty axis sums to 0.
    Sum,
    /// The vector `ord`-norm, in the real counterpart of the input dtype: `inf` is
    /// `max |x|`, `-inf` is `min |x|`, `0` counts non-zeros, otherwise
    /// `(sum |x|^ord)^(1/ord)` (computed without overflow for `ord == 2`). Over an empty
    /// axis: 0 (`max`: 0; `min`: +inf).
    Norm(f64),
}

/// Linear-algebra kernels. Inputs arrive validated and in the compute dtype, with
/// explicit layouts (any strides, zero strides for broadcast stack dimensions).
pub trait LinalgOps: BackendCore {
    /// Batched matrix product: `a (..., M, K)` times `b (..., K, N)` with identical stack
    /// dimensions, into a new contiguous `(..., M, N)` storage of `dtype`. Any numeric
    /// dtype: integers wrap on overflow; floats may use any summation order.
    fn matmul(
        &self,
        a: &Self::Storage,
        a_layout: &Layout,
        b: &Self::Storage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<Self::Storage>;

    /// The factorization `op` of every matrix of the stack `x (..., M, N)` in a floating
    /// `dtype`; the outputs are listed at [`Factor`].
    fn factor(
        &self,
        op: Factor,
        x: &Self::Storage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<Vec<Self::Storage>>;

    /// Solves `a x = b` for square `a (..., N, N)` and `b (..., N, K)` with identical stack
    /// dimensions, in a floating `dtype`: a new contiguous `(..., N, K)` storage. An
    /// exactly singular `a` is `Err(LinAlg)`.
    fn solve(
        &self,
        a: &Self::Storage,
        a_layout: &Layout,
        b: &Self::Storage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<Self::Storage>;

    /// The reduction `op` over the last axis of `x (..., K)`: a new contiguous `(...)`
    /// storage (dtype given at [`VectorReduction`]). `Sum` takes any numeric dtype,
    /// `Norm` a floating one.
    fn reduce_last(
        &self,
        op: VectorReduction,
        x: &Self::Storage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<Self::Storage>;
}
