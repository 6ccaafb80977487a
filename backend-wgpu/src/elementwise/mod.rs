//! `ElementwiseOps` for [`Wgpu`]: every unary and binary function of the standard,
//! in-place binary ops, `clip` and `where`, as strided map kernels (one WGSL kernel per
//! op, dtypes and output mode, compiled once).
//!
//! - [`int`]: integer and boolean bodies;
//! - [`real`]: real floating-point bodies and helpers;
//! - [`complex`], [`complex_fns`]: complex bodies and library functions;
//! - [`libm`]: the WGSL math library (fdlibm ports in `f64`, Payne–Hanek reduction).
//!
//! Semantics are the reference backend's (NumPy's where the standard is silent).

pub(crate) mod complex;
pub(crate) mod complex_fns;
pub(crate) mod int;
pub(crate) mod libm;
pub(crate) mod real;

use crate::map::MapSpec;
use crate::storage::{check_shape, WgpuStorage};
use crate::{backend_error, Wgpu};
use array_api::{BinaryOp, DType, ElementwiseOps, Layout, Result, UnaryOp};
use libm::{library, Prec};

/// The WGSL body of an op: statements of `fn op(x0, ...) -> out`, and the library
/// entries (of one precision) they call.
pub(crate) struct Body {
    code: String,
    prec: Prec,
    libs: Vec<&'static str>,
}

impl Body {
    pub(crate) fn new(code: String, prec: Prec, libs: &[&'static str]) -> Body {
        Body {
            code,
            prec,
            libs: libs.to_vec(),
        }
    }

    /// A map kernel of this body.
    fn spec(self, label: String, inputs: &[DType], output: DType) -> MapSpec {
        let mut spec = MapSpec::new(label, inputs, output, self.code);
        spec.helpers = library(self.prec, &self.libs);
        spec
    }
}

/// The body of unary `op` on compute dtype `d`.
fn unary_body(op: UnaryOp, d: DType, wide: bool) -> Option<Body> {
    if d.is_complex() {
        complex::unary(op, d, wide)
    } else if d.is_real_floating() {
        real::unary(op, d, wide)
    } else {
        int::unary(op, d)
    }
}

/// The body of binary `op` on compute dtype `d`.
fn binary_body(op: BinaryOp, d: DType, wide: bool) -> Option<Body> {
    if d.is_complex() {
        complex::binary(op, d, wide)
    } else if d.is_real_floating() {
        real::binary(op, d, wide)
    } else {
        int::binary(op, d)
    }
}

fn no_kernel(op: &str, dtype: DType) -> array_api::Error {
    backend_error(format!("{op}: no kernel for compute dtype {dtype}"))
}

impl Wgpu {
    /// Whether `float32` / `complex64` ops are computed through the `f64` library.
    pub(crate) fn wide_math(&self, d: DType) -> bool {
        matches!(d, DType::Float32 | DType::Complex64) && self.f64_ok()
    }

    /// Checks an output operand: dtype, bounds, writability and shape.
    fn check_out(
        &self,
        op: &'static str,
        out: &WgpuStorage,
        l: &Layout,
        d: DType,
        shape: &[usize],
    ) -> Result<()> {
        self.check_operand(op, out, l, d)?;
        check_shape(l, shape, op)?;
        if !l.is_writable() {
            return Err(backend_error(format!(
                "{op}: the output view (shape {:?}, strides {:?}) is not writable: it repeats elements",
                l.shape(),
                l.strides()
            )));
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn ew_unary(
        &self,
        op: UnaryOp,
        x: &WgpuStorage,
        xl: &Layout,
        d: DType,
        out: &mut WgpuStorage,
        ol: &Layout,
        od: DType,
    ) -> Result<()> {
        let name = op.name();
        if op.dtypes(d)? != (d, od) {
            return Err(no_kernel(name, d));
        }
        self.check_operand(name, x, xl, d)?;
        self.check_out(name, out, ol, od, xl.shape())?;
        let body = unary_body(op, d, self.wide_math(d)).ok_or_else(|| no_kernel(name, d))?;
        let spec = body.spec(format!("{name}_{d}"), &[d], od);
        self.map_into(&spec, &[(x.buffer(), xl)], out, ol, &[], None)
    }

    #[allow(clippy::too_many_arguments)]
    fn ew_binary(
        &self,
        op: BinaryOp,
        a: &WgpuStorage,
        al: &Layout,
        b: &WgpuStorage,
        bl: &Layout,
        d: DType,
        out: &mut WgpuStorage,
        ol: &Layout,
        od: DType,
    ) -> Result<()> {
        let name = op.name();
        if op.dtypes(d)? != (d, od) {
            return Err(no_kernel(name, d));
        }
        self.check_operand(name, a, al, d)?;
        self.check_operand(name, b, bl, d)?;
        check_shape(bl, al.shape(), name)?;
        self.check_out(name, out, ol, od, al.shape())?;
        let body = binary_body(op, d, self.wide_math(d)).ok_or_else(|| no_kernel(name, d))?;
        let spec = body.spec(format!("{name}_{d}"), &[d, d], od);
        self.map_into(
            &spec,
            &[(a.buffer(), al), (b.buffer(), bl)],
            out,
            ol,
            &[],
            None,
        )
    }

    fn ew_binary_assign(
        &self,
        op: BinaryOp,
        a: &mut WgpuStorage,
        al: &Layout,
        b: &WgpuStorage,
        bl: &Layout,
        d: DType,
    ) -> Result<()> {
        let name = op.name();
        if op.dtypes(d)? != (d, d) {
            return Err(no_kernel(name, d));
        }
        self.check_operand(name, b, bl, d)?;
        self.check_out(name, a, al, d, bl.shape())?;
        let body = binary_body(op, d, self.wide_math(d)).ok_or_else(|| no_kernel(name, d))?;
        let mut spec = body.spec(format!("{name}_assign_{d}"), &[d, d], d);
        spec.in_place = true;
        // input 0 is read from the output binding; its entry here is a placeholder
        self.map_into(
            &spec,
            &[(b.buffer(), al), (b.buffer(), bl)],
            a,
            al,
            &[],
            None,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn ew_clip(
        &self,
        x: &WgpuStorage,
        xl: &Layout,
        lo: Option<(&WgpuStorage, &Layout)>,
        hi: Option<(&WgpuStorage, &Layout)>,
        d: DType,
        out: &mut WgpuStorage,
        ol: &Layout,
    ) -> Result<()> {
        const OP: &str = "clip";
        if !(d.is_integer() || d.is_real_floating()) {
            return Err(no_kernel(OP, d));
        }
        self.check_operand(OP, x, xl, d)?;
        self.check_out(OP, out, ol, d, xl.shape())?;
        let mut inputs = vec![(x.buffer(), xl)];
        let mut code = String::from("  var v = x0;\n");
        let prec = if d == DType::Float64 {
            Prec::F64
        } else {
            Prec::F32
        };
        let px = prec.prefix();
        for (bound, f) in [(lo, "maximum"), (hi, "minimum")] {
            if let Some((s, l)) = bound {
                self.check_operand(OP, s, l, d)?;
                check_shape(l, xl.shape(), OP)?;
                let k = inputs.len();
                inputs.push((s.buffer(), l));
                code += &if d.is_integer() {
                    let cmp = if f == "maximum" { ">" } else { "<" };
                    format!("  v = select(x{k}, v, v {cmp} x{k});\n")
                } else {
                    format!("  v = {px}_{f}(v, x{k});\n")
                };
            }
        }
        code += "  return v;";
        let libs: &[&'static str] = if d.is_integer() { &[] } else { &["misc"] };
        let dtypes = vec![d; inputs.len()];
        let tag = format!("{}{}", u8::from(lo.is_some()), u8::from(hi.is_some()));
        let spec = Body::new(code, prec, libs).spec(format!("clip{tag}_{d}"), &dtypes, d);
        self.map_into(&spec, &inputs, out, ol, &[], None)
    }

    #[allow(clippy::too_many_arguments)]
    fn ew_select(
        &self,
        c: &WgpuStorage,
        cl: &Layout,
        a: &WgpuStorage,
        al: &Layout,
        b: &WgpuStorage,
        bl: &Layout,
        d: DType,
        out: &mut WgpuStorage,
        ol: &Layout,
    ) -> Result<()> {
        const OP: &str = "where";
        self.check_operand(OP, c, cl, DType::Bool)?;
        self.check_operand(OP, a, al, d)?;
        self.check_operand(OP, b, bl, d)?;
        check_shape(al, cl.shape(), OP)?;
        check_shape(bl, cl.shape(), OP)?;
        self.check_out(OP, out, ol, d, cl.shape())?;
        let spec = MapSpec::new(
            format!("where_{d}"),
            &[DType::Bool, d, d],
            d,
            "  return select(x2, x1, x0);",
        );
        self.map_into(
            &spec,
            &[(c.buffer(), cl), (a.buffer(), al), (b.buffer(), bl)],
            out,
            ol,
            &[],
            None,
        )
    }
}

impl ElementwiseOps for Wgpu {
    fn unary(
        &self,
        op: UnaryOp,
        x: &WgpuStorage,
        x_layout: &Layout,
        dtype: DType,
        out: &mut WgpuStorage,
        out_layout: &Layout,
        out_dtype: DType,
    ) -> Result<()> {
        self.guarded(op.name(), || {
            self.ew_unary(op, x, x_layout, dtype, out, out_layout, out_dtype)
        })
    }

    fn binary(
        &self,
        op: BinaryOp,
        a: &WgpuStorage,
        a_layout: &Layout,
        b: &WgpuStorage,
        b_layout: &Layout,
        dtype: DType,
        out: &mut WgpuStorage,
        out_layout: &Layout,
        out_dtype: DType,
    ) -> Result<()> {
        self.guarded(op.name(), || {
            self.ew_binary(
                op, a, a_layout, b, b_layout, dtype, out, out_layout, out_dtype,
            )
        })
    }

    fn binary_assign(
        &self,
        op: BinaryOp,
        a: &mut WgpuStorage,
        a_layout: &Layout,
        b: &WgpuStorage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<()> {
        self.guarded(op.name(), || {
            self.ew_binary_assign(op, a, a_layout, b, b_layout, dtype)
        })
    }

    fn clip(
        &self,
        x: &WgpuStorage,
        x_layout: &Layout,
        lo: Option<(&WgpuStorage, &Layout)>,
        hi: Option<(&WgpuStorage, &Layout)>,
        dtype: DType,
        out: &mut WgpuStorage,
        out_layout: &Layout,
    ) -> Result<()> {
        self.guarded("clip", || {
            self.ew_clip(x, x_layout, lo, hi, dtype, out, out_layout)
        })
    }

    fn select(
        &self,
        cond: &WgpuStorage,
        cond_layout: &Layout,
        a: &WgpuStorage,
        a_layout: &Layout,
        b: &WgpuStorage,
        b_layout: &Layout,
        dtype: DType,
        out: &mut WgpuStorage,
        out_layout: &Layout,
    ) -> Result<()> {
        self.guarded("where", || {
            self.ew_select(
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
        })
    }
}
