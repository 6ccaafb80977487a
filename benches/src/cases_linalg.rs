//! The linear-algebra cases ([`Family::Linalg`]): matmul, the factorizations and solvers
//! at NumPy's reference sizes, a batched matmul of many tiny matrices, and einsum.
//!
//! Inputs (rebuilt identically by `bench.py`) come from [`input_f64`](super::input_f64)
//! reshaped to the case's shape, `X`; the square ones are made well-posed:
//! `solve` and `inv` take `X + 2n I` (strictly diagonally dominant), `cholesky` takes
//! `(X + X^T)/2 + 2n I` (symmetric, diagonally dominant with a positive diagonal: positive
//! definite), `eigh` and `eigvalsh` take `(X + X^T)/2`; `qr` and `svd` take `X`. Second operands (of
//! matmul, einsum, solve's right-hand side) use input seed 1.

use super::{case_name, Bound, Case, Family, Kind};
use xp::DType;

/// A linear-algebra workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinalgOp {
    /// `matmul(a, b)`, `a` and `b` of `shape` `(n, n)`; or stacks `(batch, n, n)`.
    Matmul,
    /// `linalg.solve(a, b)` with `a` of `shape` `(n, n)` and a right-hand side `b (n, 1)`.
    Solve,
    /// `linalg.inv(a)`, `a (n, n)`.
    Inv,
    /// `linalg.cholesky(a)` (lower), `a (n, n)`.
    Cholesky,
    /// `linalg.qr(a)` (reduced), `a (n, n)`.
    Qr,
    /// `linalg.svd(a, full_matrices=False)`, `a (n, n)`.
    Svd,
    /// `linalg.eigh(a)` (values and vectors), `a (n, n)`.
    Eigh,
    /// `linalg.eigvalsh(a)` (values only), `a (n, n)`.
    Eigvalsh,
    /// `einsum("ij,jk->ik", a, b)`, both of `shape` `(n, n)`.
    EinsumMatmul,
    /// `einsum("bij,bkj->bik", a, b)` (a batched product with the second operand
    /// transposed), both of `shape` `(batch, n, n)`.
    EinsumBatched,
}

impl LinalgOp {
    /// The op's name in case names and in JSON (what `bench.py` dispatches on).
    pub fn name(self) -> &'static str {
        match self {
            LinalgOp::Matmul => "matmul",
            LinalgOp::Solve => "solve",
            LinalgOp::Inv => "inv",
            LinalgOp::Cholesky => "cholesky",
            LinalgOp::Qr => "qr",
            LinalgOp::Svd => "svd",
            LinalgOp::Eigh => "eigh",
            LinalgOp::Eigvalsh => "eigvalsh",
            LinalgOp::EinsumMatmul => "einsum_ij_jk",
            LinalgOp::EinsumBatched => "einsum_bij_bkj",
        }
    }

    /// Floating-point operations of one call on `shape` (the textbook counts: `2n^3` for
    /// a product, `2n^3/3` for LU, `n^3/3` for Cholesky, `4n^3/3` for Householder QR, `2n^3`
    /// for inversion, `~9n^3` for the eigendecomposition, `4n^3/3` for eigenvalues alone
    /// (the tridiagonalization) and `~22n^3` for the SVD with vectors, per Golub & Van
    /// Loan), for GFLOP/s.
    pub fn flops(self, shape: &[usize]) -> u64 {
        let n = *shape.last().expect("a matrix shape") as f64;
        let batch: f64 = shape[..shape.len() - 2].iter().product::<usize>() as f64;
        let per = match self {
            LinalgOp::Matmul | LinalgOp::EinsumMatmul | LinalgOp::EinsumBatched => 2.0 * n * n * n,
            LinalgOp::Solve => 2.0 * n * n * n / 3.0 + 2.0 * n * n,
            LinalgOp::Inv => 2.0 * n * n * n,
            LinalgOp::Cholesky => n * n * n / 3.0,
            LinalgOp::Qr => 4.0 * n * n * n / 3.0,
            LinalgOp::Svd => 22.0 * n * n * n,
            LinalgOp::Eigh => 9.0 * n * n * n,
            LinalgOp::Eigvalsh => 4.0 * n * n * n / 3.0,
        };
        (batch * per) as u64
    }
}

fn linalg_case(op: LinalgOp, dtype: DType, shape: &[usize]) -> Case {
    let size = match shape {
        [n, _] => n.to_string(),
        [b, n, _] => format!("{b}x{n}x{n}"),
        _ => unreachable!("linalg cases are matrices or stacks"),
    };
    let elems: usize = shape.iter().product();
    let s = if dtype == DType::Float32 { 4 } else { 8 };
    Case {
        name: case_name(op.name(), dtype, &size),
        family: Family::Linalg,
        kind: Kind::Linalg(op),
        dtype,
        shape: shape.to_vec(),
        into: false,
        // Two operands read, one result written (the minimum traffic).
        bytes: 3 * s * elems as u64,
        bound: Bound::Flops,
        flops: op.flops(shape),
    }
}

/// The linear-algebra cases: matmul 512/1024/2048 in f32 and f64; solve, inv, cholesky,
/// qr at 1000, svd at 500, eigh and eigvalsh at 1000 (f64); matmul of 10000 stacked 4x4 matrices (f32,
/// f64); einsum `ij,jk->ik` at 1000 and `bij,bkj->bik` on 1000 stacked 32x32 (f64).
pub fn linalg() -> Vec<Case> {
    use LinalgOp::*;
    let mut v = Vec::new();
    for d in [DType::Float32, DType::Float64] {
        for n in [512, 1024, 2048] {
            v.push(linalg_case(Matmul, d, &[n, n]));
        }
    }
    for op in [Solve, Inv, Cholesky, Qr, Eigh, Eigvalsh] {
        v.push(linalg_case(op, DType::Float64, &[1000, 1000]));
    }
    v.push(linalg_case(Svd, DType::Float64, &[500, 500]));
    for d in [DType::Float32, DType::Float64] {
        v.push(linalg_case(Matmul, d, &[10_000, 4, 4]));
    }
    v.push(linalg_case(EinsumMatmul, DType::Float64, &[1000, 1000]));
    v.push(linalg_case(EinsumBatched, DType::Float64, &[1000, 32, 32]));
    v
}
