//! The CPU's linear-algebra kernels ([`LinalgOps`]): batched matmul (a direct loop for
//! small matrices and integers, xp's AVX-512 GEMM for large `f32`/`f64` matrices, faer's
//! for complex ones and CPUs without AVX-512), factorizations (xp's own blocked LU,
//! Cholesky and Householder QR for `f32`/`f64` on that GEMM, and the tridiagonalization
//! and back-transformation of `eigh` around faer's tridiagonal eigensolver; faer for
//! complex types, `svd` and `eig`), and last-axis reductions for norms and traces.

mod cholesky;
mod dense;
mod eigh;
mod factor;
mod gemm;
mod lu;
mod matmul;
mod qr;
mod reduce;
mod tiny;
mod triangular;

use crate::{Cpu, CpuStorage};
use array_api::{DType, Factor, Layout, LinalgOps, Result, VectorReduction};

/// A stack of matrices `(..., M, N)` viewed through a layout: the storage offset of each
/// matrix (C order over the stack dimensions) and the row and column strides.
pub(crate) struct Stack {
    /// The stack dimensions.
    pub batch: Vec<usize>,
    /// The offset of each matrix.
    pub offsets: Vec<usize>,
    /// Rows, columns.
    pub m: usize,
    pub n: usize,
    /// Row and column strides.
    pub sm: isize,
    pub sn: isize,
}

impl Stack {
    pub(crate) fn new(layout: &Layout) -> Stack {
        let nd = layout.ndim();
        let shape = layout.shape();
        let st = layout.strides();
        let batch = shape[..nd - 2].to_vec();
        let bl = Layout::new(batch.clone(), st[..nd - 2].to_vec(), layout.offset());
        let offsets = if shape.contains(&0) && !batch.contains(&0) {
            // Empty matrices: offsets are never dereferenced.
            vec![layout.offset(); bl.size()]
        } else {
            bl.offsets().collect()
        };
        Stack {
            batch,
            offsets,
            m: shape[nd - 2],
            n: shape[nd - 1],
            sm: st[nd - 2],
            sn: st[nd - 1],
        }
    }

    /// The storage index of element `(i, j)` of matrix `b`.
    #[inline]
    pub(crate) fn at(&self, b: usize, i: usize, j: usize) -> usize {
        (self.offsets[b] as isize + i as isize * self.sm + j as isize * self.sn) as usize
    }
}

impl LinalgOps for Cpu {
    fn matmul(
        &self,
        a: &CpuStorage,
        a_layout: &Layout,
        b: &CpuStorage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<CpuStorage> {
        matmul::matmul(a, a_layout, b, b_layout, dtype)
    }

    fn factor(
        &self,
        op: Factor,
        x: &CpuStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<Vec<CpuStorage>> {
        factor::factor(op, x, layout, dtype)
    }

    fn solve(
        &self,
        a: &CpuStorage,
        a_layout: &Layout,
        b: &CpuStorage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<CpuStorage> {
        factor::solve(a, a_layout, b, b_layout, dtype)
    }

    fn reduce_last(
        &self,
        op: VectorReduction,
        x: &CpuStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<CpuStorage> {
        reduce::reduce_last(op, x, layout, dtype)
    }
}
