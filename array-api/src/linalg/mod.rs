//! The standard's `linalg` extension (`xp::linalg::*`), the main-namespace products
//! (`xp::matmul`, `xp::tensordot`, `xp::vecdot`; `xp::matrix_transpose` lives with the
//! manipulation functions) and NumPy's extras (`lstsq`, `multi_dot`, `kron`, `einsum`).
//!
//! Every function works on stacks of matrices `(..., M, N)` in float32/64 and
//! complex64/128; integer and bool input to a floating function is promoted to `float64`
//! (NumPy's rule; products keep integer dtypes). A matrix that is singular (for `inv` and
//! `solve`), not positive definite (`cholesky`) or whose iteration does not converge is
//! an [`Error::LinAlg`](crate::Error::LinAlg) naming its index in the stack.
//!
//! The kernels are the backend trait [`LinalgOps`]; the functions are bounded by
//! `B: Backend + LinalgOps` while not every backend implements it (transitional).
//!
//! # NumPy's `dot`, `inner` and `einsum`
//!
//! xp has no `dot` or `inner`; NumPy's are expressed with the standard's functions:
//!
//! | NumPy | xp | notes |
//! |---|---|---|
//! | `dot(a, b)`, `a`, `b` 1-d or 2-d | [`matmul`] | 1-d·1-d is the 0-d inner product |
//! | `dot(a, b)`, n-d | `tensordot(a, b, ([-1], [-2]))` | all of `a`'s other axes, then `b`'s: no stack broadcasting (unlike `matmul`) |
//! | `dot(a, s)`, `s` 0-d | [`multiply`](crate::multiply) | |
//! | `inner(a, b)` | `tensordot(a, b, ([-1], [-1]))` | no complex conjugation |
//! | `vdot(a, b)` | `vecdot` of the flattened arrays | conjugates `a` (as [`vecdot`] does) |
//! | `einsum(s, *ops)` | [`einsum`]`(s, &[..])` | same subscripts; always "optimised": pairwise contractions in a greedy order, each a batched matmul |
//!
//! ```
//! use xp::prelude::*;
//! use xp::Complex64;
//! let a = xp::reshape(&xp::arange(0.0, 24.0, 1.0, None, &Cpu)?, [2, 3, 4], None)?;
//! let b = xp::reshape(&xp::arange(0.0, 20.0, 1.0, None, &Cpu)?, [5, 4], None)?;
//! // inner: contract the last axes: (2, 3) x (5,)
//! let inner = xp::tensordot(&a, &b, ([-1], [-1]))?;
//! assert_eq!(inner.shape(), &[2, 3, 5]);
//! assert_eq!(xp::einsum("ijk,lk->ijl", &[&a, &b])?.to_vec::<f64>()?, inner.to_vec::<f64>()?);
//! // dot of n-d arrays: last axis of a with the second-to-last of c.
//! let c = xp::ones([3, 4, 2], DType::Float64, &Cpu)?;
//! let dot = xp::tensordot(&a, &c, ([-1], [-2]))?;
//! assert_eq!(dot.shape(), &[2, 3, 3, 2]);
//! assert_eq!(dot.to_vec::<f64>()?[0], 6.0); // 0 + 1 + 2 + 3
//! // Complex inner products: vecdot conjugates its first argument, inner does not.
//! let z = Array::from_vec(vec![Complex64::new(0.0, 1.0)], [1], &Cpu)?;
//! assert_eq!(xp::vecdot(&z, &z, -1)?.to_scalar::<Complex64>()?, Complex64::new(1.0, 0.0));
//! assert_eq!(xp::tensordot(&z, &z, ([-1], [-1]))?.to_scalar::<Complex64>()?, Complex64::new(-1.0, 0.0));
//! # Ok::<(), xp::Error>(())
//! ```

mod common;
mod decompositions;
mod einsum;
pub mod kernels;
mod norms;
mod products;
mod solvers;

pub use crate::manipulation::matrix_transpose;
pub use decompositions::{
    cholesky, eig, eigh, eigvals, eigvalsh, qr, svd, svdvals, EigResult, QrMode, QrResult,
    SvdResult,
};
pub use einsum::einsum;
pub use kernels::{Factor, LinalgOps, VectorReduction};
pub use norms::{cross, diagonal, matrix_norm, trace, vector_norm, MatrixNormOrd};
pub use products::{kron, matmul, multi_dot, outer, tensordot, vecdot, TensordotAxes};
pub use solvers::{
    det, inv, lstsq, matrix_power, matrix_rank, pinv, slogdet, solve, LstsqResult, SlogdetResult,
};
