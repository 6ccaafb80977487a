//! The elementwise kernels: `ElementwiseOps` for [`Cpu`].
//!
//! - [`kernel`]: the kernel traits and closure adapters (one function per element, a
//!   vectorised slice loop compiled per instruction set);
//! - [`drive`]: walking operands of any layout (contiguous fast path, collapsed strided
//!   runs, broadcast operands, rayon above a per-kernel size threshold);
//! - [`unary`], [`binary`], [`ternary`]: the per-dtype tables of element functions;
//! - [`int`], [`float`], [`complex`], [`complex_trig`], [`complex_inverse`]: the element
//!   functions and their semantics (NumPy's where the standard is silent);
//! - [`simd`]: vectorised polynomial kernels for `f32`/`f64` transcendental functions.
//!
//! # Elementwise notes
//!
//! Choices where NumPy raises, warns, or the standard leaves the value open:
//!
//! - integer `floor_divide` / `remainder` by zero give `0` (NumPy's value; it warns);
//!   `MIN // -1 == MIN`;
//! - integer `pow` with a negative exponent gives `1` for base `1`, `±1` for base `-1`,
//!   else `0` (NumPy raises `ValueError`); the kernel stays total;
//! - shift counts outside `0..bits` give `0` (or `-1` for `>>` of a negative value);
//! - float `floor_divide` / `remainder` are NumPy's (`inf // 2` is NaN, `-1 // inf == -1`);
//!   for float32 they and `logaddexp` are computed in double precision and rounded once;
//! - `maximum` / `minimum` return the second operand on ties (`maximum(0.0, -0.0) == -0.0`);
//! - complex `*` is the textbook formula, `/` Smith's algorithm (NumPy's), `pow` repeated
//!   multiplication for integer exponents below 100 in magnitude; complex64 transcendental
//!   functions, multiplication (`square` included) and division are computed in double
//!   precision and rounded once.
//!
//! Accuracy: `exp`, `expm1`, `log`, `log1p`, `log2`, `log10`, `sin`, `cos`, `tan`,
//! `tanh`, `atan`, `atan2`, `hypot` and `pow` run vectorised polynomial kernels, within
//! 2 ulp of the exact result for f32 and f64 (most within 1; the measured bounds are in the module docs of
//! [`simd`], checked by tests/cpu/elementwise_ulp.rs over 1.1M samples each plus the hard
//! points). The other real functions call the C library through `std` (≤ 1 ulp for glibc).

pub mod binary;
pub mod complex;
pub mod complex_inverse;
pub mod complex_trig;
pub mod drive;
pub mod float;
pub mod int;
pub mod kernel;
pub mod simd;
pub mod ternary;
pub mod unary;

use crate::storage::CpuStorage;
use crate::Cpu;
use array_api::{BinaryOp, DType, ElementwiseOps, Error, Layout, Result, UnaryOp};

/// The error for an output view that is not writable (a zero stride on a long axis).
fn not_writable(op: &'static str, l: &Layout) -> Error {
    Error::Backend {
        backend: "cpu".into(),
        reason: format!(
            "{op}: the output view (shape {:?}, strides {:?}) is not writable: it repeats elements",
            l.shape(),
            l.strides()
        ),
    }
}

impl ElementwiseOps for Cpu {
    fn unary(
        &self,
        op: UnaryOp,
        x: &CpuStorage,
        x_layout: &Layout,
        dtype: DType,
        out: &mut CpuStorage,
        out_layout: &Layout,
        out_dtype: DType,
    ) -> Result<()> {
        unary::unary(op, x, x_layout, dtype, out, out_layout, out_dtype)
    }

    fn binary(
        &self,
        op: BinaryOp,
        a: &CpuStorage,
        a_layout: &Layout,
        b: &CpuStorage,
        b_layout: &Layout,
        dtype: DType,
        out: &mut CpuStorage,
        out_layout: &Layout,
        out_dtype: DType,
    ) -> Result<()> {
        binary::binary(
            op, a, a_layout, b, b_layout, dtype, out, out_layout, out_dtype,
        )
    }

    fn binary_assign(
        &self,
        op: BinaryOp,
        a: &mut CpuStorage,
        a_layout: &Layout,
        b: &CpuStorage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<()> {
        binary::binary_assign(op, a, a_layout, b, b_layout, dtype)
    }

    fn clip(
        &self,
        x: &CpuStorage,
        x_layout: &Layout,
        lo: Option<(&CpuStorage, &Layout)>,
        hi: Option<(&CpuStorage, &Layout)>,
        dtype: DType,
        out: &mut CpuStorage,
        out_layout: &Layout,
    ) -> Result<()> {
        ternary::clip(x, x_layout, lo, hi, dtype, out, out_layout)
    }

    fn select(
        &self,
        cond: &CpuStorage,
        cond_layout: &Layout,
        a: &CpuStorage,
        a_layout: &Layout,
        b: &CpuStorage,
        b_layout: &Layout,
        dtype: DType,
        out: &mut CpuStorage,
        out_layout: &Layout,
    ) -> Result<()> {
        ternary::select(
            cond,
            cond_layout,
            a,
            a_layout,
            b,
            b_layout,
            dtype,
            out,
            out_layout,
        )
    }
}
