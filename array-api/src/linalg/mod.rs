//! The standard's `linalg` extension (`xp::linalg::*`), the main-namespace products
//! (`xp::matmul`, `xp::tensordot`, `xp::vecdot`; `xp::matrix_transpose` lives with the
//! manipulation functions) and NumPy's extras (`lstsq`, `multi_dot`, `kron`).
//!
//! Every function works on stacks of matrices `(..., M, N)` in float32/64 and
//! complex64/128; integer and bool input to a floating function is promoted to `float64`
//! (NumPy's rule; products keep integer dtypes). A matrix that is singular (for `inv` and
//! `solve`), not positive definite (`cholesky`) or whose iteration does not converge is
//! an [`Error::LinAlg`](crate::Error::LinAlg) naming its index in the stack.
//!
//! The kernels are the backend trait [`LinalgOps`]; the functions are bounded by
//! `B: Backend + LinalgOps` while not every backend implements it (transitional).

mod common;
mod decompositions;
pub mod kernels;
mod norms;
mod products;
mod solvers;

pub use crate::manipulation::matrix_transpose;
pub use decompositions::{
    cholesky, eig, eigh, eigvals, eigvalsh, qr, svd, svdvals, EigResult, QrMode, QrResult,
    SvdResult,
};
pub use kernels::{Factor, LinalgOps, VectorReduction};
pub use norms::{cross, diagonal, matrix_norm, trace, vector_norm, MatrixNormOrd};
pub use products::{kron, matmul, multi_dot, outer, tensordot, vecdot, TensordotAxes};
pub use solvers::{
    det, inv, lstsq, matrix_power, matrix_rank, pinv, slogdet, solve, LstsqResult, SlogdetResult,
};
