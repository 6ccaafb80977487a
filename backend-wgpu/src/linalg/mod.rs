//! [`LinalgOps`] for [`Wgpu`]: the batched matmul (a tiled workgroup-memory kernel) and
//! the last-axis reductions behind norms and traces, in WGSL.
//!
//! The factorizations ([`LinalgOps::factor`]) and [`LinalgOps::solve`] have no GPU
//! kernels yet: they return [`Error::UnsupportedOp`] naming the function.

mod matmul;
mod vector;

use crate::{Wgpu, WgpuStorage};
use array_api::{DType, Error, Factor, Layout, LinalgOps, Result, VectorReduction};

/// The front-end function behind a factorization.
fn factor_name(op: Factor) -> &'static str {
    match op {
        Factor::Cholesky { .. } => "linalg.cholesky",
        Factor::Inv => "linalg.inv",
        Factor::Det => "linalg.det",
        Factor::Slogdet => "linalg.slogdet",
        Factor::Qr { .. } => "linalg.qr",
        Factor::Svd { .. } => "linalg.svd",
        Factor::Eigh { .. } => "linalg.eigh",
        Factor::Eig { .. } => "linalg.eig",
    }
}

fn not_on_gpu(op: &'static str) -> Error {
    Error::UnsupportedOp {
        op,
        backend: "wgpu".into(),
    }
}

impl LinalgOps for Wgpu {
    fn matmul(
        &self,
        a: &WgpuStorage,
        a_layout: &Layout,
        b: &WgpuStorage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<WgpuStorage> {
        self.guarded("matmul", || {
            self.matmul_view(a, a_layout, b, b_layout, dtype)
        })
    }

    /// Not implemented on the GPU yet: `Err(UnsupportedOp)` naming the function.
    fn factor(
        &self,
        op: Factor,
        _x: &WgpuStorage,
        _layout: &Layout,
        _dtype: DType,
    ) -> Result<Vec<WgpuStorage>> {
        Err(not_on_gpu(factor_name(op)))
    }

    /// Not implemented on the GPU yet: `Err(UnsupportedOp)`.
    fn solve(
        &self,
        _a: &WgpuStorage,
        _a_layout: &Layout,
        _b: &WgpuStorage,
        _b_layout: &Layout,
        _dtype: DType,
    ) -> Result<WgpuStorage> {
        Err(not_on_gpu("linalg.solve"))
    }

    fn reduce_last(
        &self,
        op: VectorReduction,
        x: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<WgpuStorage> {
        self.guarded("linalg.reduce_last", || {
            self.reduce_last_view(op, x, layout, dtype)
        })
    }
}
