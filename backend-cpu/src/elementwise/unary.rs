//! `ElementwiseOps::unary`: input checks, then one `match` per dtype family choosing the
//! element function (and, for `f32`/`f64`, the vectorised kernels of [`super::simd`]).

use super::complex::{self as cx, narrow, widen};
use super::complex_inverse as cinv;
use super::complex_trig as ctrig;
use super::drive::map1;
use super::float::{self as fl, Real};
use super::int::Int;
use super::kernel::{Kern1, K1, PAR_CHEAP, PAR_HEAVY, PAR_MEDIUM};
use super::simd::{VOp1, Vec1};
use crate::storage::{check_layout, check_shape, unsupported, CpuStorage};
use array_api::{DType, Element, Error, Layout, Result, UnaryOp};
use num_complex::Complex;

/// Checks the dtypes and layouts the front end passed, then runs the kernel.
#[allow(clippy::too_many_arguments)]
pub fn unary(
    op: UnaryOp,
    x: &CpuStorage,
    xl: &Layout,
    dtype: DType,
    out: &mut CpuStorage,
    ol: &Layout,
    out_dtype: DType,
) -> Result<()> {
    let name = op.name();
    let (c, o) = op.dtypes(dtype)?;
    if c != dtype || o != out_dtype {
        return Err(Error::Backend {
            backend: "cpu".into(),
            reason: format!(
                "{name}: the kernel computes {c} -> {o}, but was given {dtype} -> {out_dtype}"
            ),
        });
    }
    check_shape(xl, ol.shape(), name)?;
    check_layout(xl, x.len(), name)?;
    check_layout(ol, out.len(), name)?;
    if !ol.is_writable() {
        return Err(super::not_writable(name, ol));
    }
    let a = Args {
        x,
        xl,
        out,
        ol,
        name,
    };
    match dtype {
        DType::Bool => bool_unary(op, a),
        DType::Int8 => int_unary::<i8>(op, a),
        DType::Int16 => int_unary::<i16>(op, a),
        DType::Int32 => int_unary::<i32>(op, a),
        DType::Int64 => int_unary::<i64>(op, a),
        DType::UInt8 => int_unary::<u8>(op, a),
        DType::UInt16 => int_unary::<u16>(op, a),
        DType::UInt32 => int_unary::<u32>(op, a),
        DType::UInt64 => int_unary::<u64>(op, a),
        DType::Float32 => float_unary::<f32>(op, a),
        DType::Float64 => float_unary::<f64>(op, a),
        DType::Complex64 => complex_unary::<f32>(op, a),
        DType::Complex128 => complex_unary::<f64>(op, a),
        DType::String => Err(unsupported(name, dtype)),
    }
}

/// The operands of one unary call.
struct Args<'a> {
    x: &'a CpuStorage,
    xl: &'a Layout,
    out: &'a mut CpuStorage,
    ol: &'a Layout,
    name: &'static str,
}

impl Args<'_> {
    /// Runs kernel `k` from `T` elements to `U` elements.
    fn go<T: Element, U: Element>(self, k: impl Kern1<T, U>) -> Result<()> {
        let x = self.x.typed::<T>(self.name)?;
        let out = self.out.typed_mut::<U>(self.name)?;
        map1(&k, x, self.xl, out, self.ol);
        Ok(())
    }

    fn bad(self, dtype: DType) -> Result<()> {
        Err(unsupported(self.name, dtype))
    }
}

fn bool_unary(op: UnaryOp, a: Args<'_>) -> Result<()> {
    use UnaryOp::*;
    match op {
        IsFinite => a.go(K1(|_: bool| true, PAR_CHEAP)),
        IsInf | IsNan => a.go(K1(|_: bool| false, PAR_CHEAP)),
        BitwiseInvert | LogicalNot => a.go(K1(|v: bool| !v, PAR_CHEAP)),
        _ => a.bad(DType::Bool),
    }
}

fn int_unary<T: Int + Element>(op: UnaryOp, a: Args<'_>) -> Result<()> {
    use UnaryOp::*;
    match op {
        Abs => a.go(K1(|v: T| T::abs(v), PAR_CHEAP)),
        Negative => a.go(K1(|v: T| T::neg(v), PAR_CHEAP)),
        Positive | Conj | Real | Ceil | Floor | Trunc | Round => a.go(K1(|v: T| v, PAR_CHEAP)),
        Imag => a.go(K1(|_: T| T::ZERO, PAR_CHEAP)),
        Square => a.go(K1(|v: T| T::mul(v, v), PAR_CHEAP)),
        Sign => a.go(K1(|v: T| T::sign(v), PAR_CHEAP)),
        BitwiseInvert => a.go(K1(|v: T| T::not(v), PAR_CHEAP)),
        IsFinite => a.go(K1(|_: T| true, PAR_CHEAP)),
        IsInf | IsNan => a.go(K1(|_: T| false, PAR_CHEAP)),
        _ => a.bad(T::DTYPE),
    }
}

fn float_unary<F: Real + Element>(op: UnaryOp, a: Args<'_>) -> Result<()>
where
    Vec1: Kern1<F, F>,
{
    use UnaryOp::*;
    const H: usize = PAR_HEAVY;
    match op {
        Abs => a.go(K1(|v: F| v.abs(), PAR_CHEAP)),
        Negative => a.go(K1(|v: F| -v, PAR_CHEAP)),
        Positive | Conj | Real => a.go(K1(|v: F| v, PAR_CHEAP)),
        Imag => a.go(K1(|_: F| F::zero(), PAR_CHEAP)),
        Square => a.go(K1(|v: F| v * v, PAR_CHEAP)),
        Sign => a.go(K1(|v: F| fl::sign(v), PAR_CHEAP)),
        Signbit => a.go(K1(|v: F| v.is_sign_negative(), PAR_CHEAP)),
        IsFinite => a.go(K1(|v: F| v.is_finite(), PAR_CHEAP)),
        IsInf => a.go(K1(|v: F| v.is_infinite(), PAR_CHEAP)),
        IsNan => a.go(K1(|v: F| v.is_nan(), PAR_CHEAP)),
        Ceil => a.go(K1(|v: F| v.ceil(), PAR_CHEAP)),
        Floor => a.go(K1(|v: F| v.floor(), PAR_CHEAP)),
        Trunc => a.go(K1(|v: F| v.trunc(), PAR_CHEAP)),
        Round => a.go(K1(|v: F| v.round_even(), PAR_CHEAP)),
        Sqrt => a.go(K1(|v: F| v.sqrt(), PAR_MEDIUM)),
        Reciprocal => a.go(K1(|v: F| F::one() / v, PAR_MEDIUM)),
        Exp => a.go(Vec1(VOp1::Exp)),
        Expm1 => a.go(Vec1(VOp1::Expm1)),
        Log => a.go(Vec1(VOp1::Log)),
        Log1p => a.go(Vec1(VOp1::Log1p)),
        Log2 => a.go(Vec1(VOp1::Log2)),
        Log10 => a.go(Vec1(VOp1::Log10)),
        Sin => a.go(Vec1(VOp1::Sin)),
        Cos => a.go(Vec1(VOp1::Cos)),
        Tan => a.go(Vec1(VOp1::Tan)),
        Tanh => a.go(Vec1(VOp1::Tanh)),
        Atan => a.go(Vec1(VOp1::Atan)),
        Asin => a.go(K1(|v: F| v.asin(), H)),
        Acos => a.go(K1(|v: F| v.acos(), H)),
        Sinh => a.go(K1(|v: F| v.sinh(), H)),
        Cosh => a.go(K1(|v: F| v.cosh(), H)),
        Asinh => a.go(K1(|v: F| v.asinh_(), H)),
        Acosh => a.go(K1(|v: F| v.acosh_(), H)),
        Atanh => a.go(K1(|v: F| v.atanh_(), H)),
        BitwiseInvert | LogicalNot => a.bad(F::DTYPE),
    }
}

fn complex_unary<F: Real>(op: UnaryOp, a: Args<'_>) -> Result<()>
where
    Complex<F>: Element,
{
    use UnaryOp::*;
    type Z<F> = Complex<F>;
    const H: usize = PAR_HEAVY;
    // A complex128 function applied in double precision (complex64 widened and rounded).
    macro_rules! wide {
        ($f:path) => {
            a.go(K1(|z: Z<F>| narrow::<F>($f(widen(z))), H))
        };
    }
    match op {
        Abs => a.go(K1(|z: Z<F>| cx::abs(z), PAR_MEDIUM)),
        Real => a.go(K1(|z: Z<F>| z.re, PAR_CHEAP)),
        Imag => a.go(K1(|z: Z<F>| z.im, PAR_CHEAP)),
        Conj => a.go(K1(|z: Z<F>| cx::c(z.re, -z.im), PAR_CHEAP)),
        Negative => a.go(K1(|z: Z<F>| cx::c(-z.re, -z.im), PAR_CHEAP)),
        Positive => a.go(K1(|z: Z<F>| z, PAR_CHEAP)),
        // z * z exactly as `multiply` computes it (complex64 in double precision)
        Square => a.go(K1(|z: Z<F>| cx::mul_wide(z, z), PAR_CHEAP)),
        Round => a.go(K1(
            |z: Z<F>| cx::c(z.re.round_even(), z.im.round_even()),
            PAR_CHEAP,
        )),
        IsFinite => a.go(K1(
            |z: Z<F>| z.re.is_finite() && z.im.is_finite(),
            PAR_CHEAP,
        )),
        IsInf => a.go(K1(
            |z: Z<F>| z.re.is_infinite() || z.im.is_infinite(),
            PAR_CHEAP,
        )),
        IsNan => a.go(K1(|z: Z<F>| z.re.is_nan() || z.im.is_nan(), PAR_CHEAP)),
        Sign => a.go(K1(|z: Z<F>| cx::sign(z), PAR_MEDIUM)),
        Reciprocal => a.go(K1(
            |z: Z<F>| narrow::<F>(cx::div(cx::c(1.0, 0.0), widen(z))),
            PAR_MEDIUM,
        )),
        Sqrt => wide!(cx::sqrt),
        Exp => wide!(cx::exp),
        Expm1 => wide!(cx::expm1),
        Log => wide!(cx::log),
        Log1p => wide!(cx::log1p),
        Log2 => a.go(K1(
            |z: Z<F>| narrow::<F>(scale(cx::log(widen(z)), std::f64::consts::LN_2)),
            H,
        )),
        Log10 => a.go(K1(
            |z: Z<F>| narrow::<F>(scale(cx::log(widen(z)), std::f64::consts::LN_10)),
            H,
        )),
        Sin => wide!(ctrig::sin),
        Cos => wide!(ctrig::cos),
        Tan => wide!(ctrig::tan),
        Sinh => wide!(ctrig::sinh),
        Cosh => wide!(ctrig::cosh),
        Tanh => wide!(ctrig::tanh),
        Asin => wide!(cinv::asin),
        Acos => wide!(cinv::acos),
        Atan => wide!(cinv::atan),
        Asinh => wide!(cinv::asinh),
        Acosh => wide!(cinv::acosh),
        Atanh => wide!(cinv::atanh),
        BitwiseInvert | Ceil | Floor | LogicalNot | Signbit | Trunc => a.bad(Complex::<F>::DTYPE),
    }
}

/// `w / s` componentwise (the change of base of `log2`, `log10`).
#[inline(always)]
fn scale(w: cx::C64, s: f64) -> cx::C64 {
    cx::c(w.re / s, w.im / s)
}
