//! Last-axis reductions for the linalg front end (sums for traces, vector norms), as fold
//! kernels of the reduction template (`reduce.rs`): workgroup trees over the axis,
//! cascade summation for sums, chunked dispatches for long axes.
//!
//! Norms fold magnitudes in `f64` on devices with `f64` (a `float32` / `complex64` result
//! is rounded once at the end, as on the CPU), else in `f32`. The 2-norm folds a scaled
//! pair `(scale, ssq)` representing `scale² · ssq` (LAPACK's scaled sum of squares, made
//! associative: the pair with the smaller scale is rescaled to the larger), so it neither
//! overflows nor underflows. NaN anywhere gives NaN, then an infinity gives `inf`.

use crate::elementwise::libm::{library, Prec};
use crate::reduce::Fold;
use crate::storage::unsupported;
use crate::wgsl::value_ty;
use crate::{Wgpu, WgpuStorage};
use array_api::{DType, Layout, ReduceOp, Result, Scalar, VectorReduction};

const OP: &str = "linalg.reduce_last";

/// A WGSL literal of `v` in precision `p` (exact bits).
fn literal(v: f64, p: Prec) -> String {
    match p {
        Prec::F64 => format!("bitcast<f64>({}lu)", v.to_bits()),
        Prec::F32 => format!("bitcast<f32>({}u)", (v as f32).to_bits()),
    }
}

/// The fold of the `ord`-norm of input dtype `d` into `out`, computing in `p`.
fn norm_fold(ord: f64, d: DType, out: DType, p: Prec) -> Fold {
    let (r, x) = match p {
        Prec::F64 => ("f64", "xp"),
        Prec::F32 => ("f32", "xpf"),
    };
    let o = value_ty(out);
    let mag = if d.is_complex() {
        format!("{x}_hypot({r}(v.x), {r}(v.y))")
    } else {
        format!("abs({r}(v))")
    };
    let mut names = vec!["bits"];
    if d.is_complex() {
        names.push("hypot");
    }
    let fold = |state: &str, lift: String, comb: String, fin: String, cascade: bool| Fold {
        state: state.into(),
        helpers: String::new(),
        lift,
        comb,
        fin,
        cascade,
        sequential: false,
        init: None,
    };
    let mut f = if ord == 2.0 {
        let v2 = format!("vec2<{r}>");
        fold(
            &v2,
            format!("let m = {mag}; if m == {r}(0) {{ return {v2}({r}(0)); }} return {v2}(m, {r}(1));"),
            format!(
                "if {x}_isnan(a.x) || {x}_isnan(b.x) {{ return {v2}({x}_nan(), {r}(1)); }}\n  \
                 if {x}_isinf(a.x) || {x}_isinf(b.x) {{ return {v2}({x}_inf(), {r}(1)); }}\n  \
                 if a.x >= b.x {{\n    if a.x == {r}(0) {{ return a; }}\n    let q = b.x / a.x;\n    \
                 return {v2}(a.x, a.y + b.y * q * q);\n  }}\n  let q = a.x / b.x;\n  \
                 return {v2}(b.x, b.y + a.y * q * q);"
            ),
            format!("return {o}(s.x * sqrt(s.y));"),
            false,
        )
    } else if ord.is_infinite() {
        let pick = if ord > 0.0 { "max" } else { "min" };
        fold(
            r,
            format!("return {mag};"),
            format!("if {x}_isnan(a) || {x}_isnan(b) {{ return a + b; }} return {pick}(a, b);"),
            format!("return {o}(s);"),
            false,
        )
    } else if ord == 0.0 {
        fold(
            r,
            format!("let m = {mag}; return select({r}(0), {r}(1), {x}_isnan(m) || m != {r}(0));"),
            "return a + b;".into(),
            format!("return {o}(s);"),
            true,
        )
    } else if ord == 1.0 {
        fold(
            r,
            format!("return {mag};"),
            "return a + b;".into(),
            format!("return {o}(s);"),
            true,
        )
    } else {
        names.push("pow");
        fold(
            r,
            format!("return {x}_pow({mag}, {});", literal(ord, p)),
            "return a + b;".into(),
            format!("return {o}({x}_pow(s, {}));", literal(1.0 / ord, p)),
            true,
        )
    };
    f.helpers = library(p, &names);
    f
}

impl Wgpu {
    /// [`LinalgOps::reduce_last`](array_api::LinalgOps::reduce_last) on the device.
    pub(crate) fn reduce_last_view(
        &self,
        op: VectorReduction,
        x: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<WgpuStorage> {
        self.check_operand(OP, x, layout, dtype)?;
        let nd = layout.ndim();
        if nd == 0 {
            return Err(array_api::Error::invalid(
                OP,
                "kernel needs at least one axis",
            ));
        }
        let ord = match op {
            VectorReduction::Sum => {
                return self.reduce_view(ReduceOp::Sum, x, layout, dtype, &[nd - 1])
            }
            VectorReduction::Norm(ord) => ord,
        };
        if !dtype.is_floating() {
            return Err(unsupported(OP, dtype));
        }
        let out = dtype.real_dtype();
        let kept: Vec<usize> = (0..nd - 1).collect();
        let nout: usize = layout.shape()[..nd - 1].iter().product();
        let nred = layout.shape()[nd - 1];
        if nred == 0 || nout == 0 {
            let id = if ord == f64::NEG_INFINITY {
                f64::INFINITY
            } else {
                0.0
            };
            return self.full_storage(nout, Scalar::Float(id), out);
        }
        let p = if self.f64_ok() { Prec::F64 } else { Prec::F32 };
        let f = norm_fold(ord, dtype, out, p);
        let mode = Self::fold_mode(&f, nout, nred);
        self.run_fold(
            &format!("vector_norm_{dtype}"),
            &f,
            x,
            layout,
            dtype,
            out,
            &kept,
            &[nd - 1],
            mode,
            &[],
            nout,
        )
    }
}
