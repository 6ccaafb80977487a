//! The standard's special cases for complex operands (spec/special_cases_2025.12.md),
//! bullet by bullet, on complex128 and complex64, plus values of the complex functions
//! against closed forms.

use crate::common;

use array_api::{
    BinaryOp, Complex32, Complex64, CreationOps, DType, ElementwiseOps, Layout, Scalar, UnaryOp,
    UnaryOp as U,
};
use backend_cpu::Cpu;
use common::*;
use std::f64::consts::{FRAC_PI_2 as H, FRAC_PI_4 as Q, PI};

const INF: f64 = f64::INFINITY;
const NAN: f64 = f64::NAN;
/// A component whose sign the standard leaves unspecified: matched by magnitude.
const ANY: u8 = 1;

fn un128(op: UnaryOp, z: Complex64) -> Complex64 {
    let l = Layout::contiguous(&[1]);
    let od = op.dtypes(DType::Complex128).unwrap().1;
    let mut out = Cpu.full(1, Scalar::Int(0), od).unwrap();
    Cpu.unary(op, &st(vec![z]), &l, DType::Complex128, &mut out, &l, od)
        .unwrap();
    all::<Complex64>(&out)[0]
}

fn un64(op: UnaryOp, z: Complex32) -> Complex32 {
    let l = Layout::contiguous(&[1]);
    let od = op.dtypes(DType::Complex64).unwrap().1;
    let mut out = Cpu.full(1, Scalar::Int(0), od).unwrap();
    Cpu.unary(op, &st(vec![z]), &l, DType::Complex64, &mut out, &l, od)
        .unwrap();
    all::<Complex32>(&out)[0]
}

fn matches(got: f64, want: f64, any_sign: bool) -> bool {
    if want.is_nan() {
        return got.is_nan();
    }
    if any_sign {
        got.abs() == want.abs()
    } else {
        got.to_bits() == want.to_bits()
    }
}

/// `(op, input, want, flags)`: flags `ANY` on the real (bit 0) or imaginary (bit 1) part.
type Row = (UnaryOp, (f64, f64), (f64, f64), u8);

fn check(rows: &[Row]) {
    for &(op, (a, b), (wr, wi), flags) in rows {
        let (ar, ai) = (flags & ANY != 0, flags & 2 != 0);
        let g = un128(op, Complex64::new(a, b));
        assert!(
            matches(g.re, wr, ar) && matches(g.im, wi, ai),
            "{op:?}({a} + {b}i) = {g}, want {wr} + {wi}i"
        );
        let g = un64(op, Complex32::new(a as f32, b as f32));
        assert!(
            matches(g.re as f64, wr as f32 as f64, ar)
                && matches(g.im as f64, wi as f32 as f64, ai),
            "complex64 {op:?}({a} + {b}i) = {g}, want {wr} + {wi}i"
        );
    }
}

const IM_ANY: u8 = 2;
const BOTH_ANY: u8 = 3;

#[test]
fn acos_and_acosh() {
    check(&[
        (U::Acos, (0.0, 0.0), (H, -0.0), 0),
        (U::Acos, (-0.0, 0.0), (H, -0.0), 0),
        (U::Acos, (0.0, NAN), (H, NAN), 0),
        (U::Acos, (-0.0, NAN), (H, NAN), 0),
        (U::Acos, (1.0, INF), (H, -INF), 0),
        (U::Acos, (1.0, NAN), (NAN, NAN), 0),
        (U::Acos, (-INF, 1.0), (PI, -INF), 0),
        (U::Acos, (INF, 1.0), (0.0, -INF), 0),
        (U::Acos, (-INF, INF), (3.0 * Q, -INF), 0),
        (U::Acos, (INF, INF), (Q, -INF), 0),
        (U::Acos, (INF, NAN), (NAN, INF), IM_ANY),
        (U::Acos, (-INF, NAN), (NAN, INF), IM_ANY),
        (U::Acos, (NAN, 1.0), (NAN, NAN), 0),
        (U::Acos, (NAN, INF), (NAN, -INF), 0),
        (U::Acos, (NAN, NAN), (NAN, NAN), 0),
        (U::Acosh, (0.0, 0.0), (0.0, H), 0),
        (U::Acosh, (-0.0, 0.0), (0.0, H), 0),
        (U::Acosh, (1.0, INF), (INF, H), 0),
        (U::Acosh, (1.0, NAN), (NAN, NAN), 0),
        (U::Acosh, (0.0, NAN), (NAN, H), IM_ANY),
        (U::Acosh, (-INF, 1.0), (INF, PI), 0),
        (U::Acosh, (INF, 1.0), (INF, 0.0), 0),
        (U::Acosh, (-INF, INF), (INF, 3.0 * Q), 0),
        (U::Acosh, (INF, INF), (INF, Q), 0),
        (U::Acosh, (INF, NAN), (INF, NAN), 0),
        (U::Acosh, (-INF, NAN), (INF, NAN), 0),
        (U::Acosh, (NAN, 1.0), (NAN, NAN), 0),
        (U::Acosh, (NAN, INF), (INF, NAN), 0),
        (U::Acosh, (NAN, NAN), (NAN, NAN), 0),
    ]);
}

#[test]
fn asinh_asin_atanh_atan() {
    check(&[
        (U::Asinh, (0.0, 0.0), (0.0, 0.0), 0),
        (U::Asinh, (1.0, INF), (INF, H), 0),
        (U::Asinh, (1.0, NAN), (NAN, NAN), 0),
        (U::Asinh, (INF, 1.0), (INF, 0.0), 0),
        (U::Asinh, (INF, INF), (INF, Q), 0),
        (U::Asinh, (NAN, 0.0), (NAN, 0.0), 0),
        (U::Asinh, (NAN, 1.0), (NAN, NAN), 0),
        (U::Asinh, (NAN, INF), (INF, NAN), ANY),
        (U::Asinh, (NAN, NAN), (NAN, NAN), 0),
        (U::Atanh, (0.0, 0.0), (0.0, 0.0), 0),
        (U::Atanh, (0.0, NAN), (0.0, NAN), 0),
        (U::Atanh, (1.0, 0.0), (INF, 0.0), 0),
        (U::Atanh, (1.0, INF), (0.0, H), 0),
        (U::Atanh, (1.0, NAN), (NAN, NAN), 0),
        (U::Atanh, (INF, 1.0), (0.0, H), 0),
        (U::Atanh, (INF, INF), (0.0, H), 0),
        (U::Atanh, (INF, NAN), (0.0, NAN), 0),
        (U::Atanh, (NAN, 1.0), (NAN, NAN), 0),
        (U::Atanh, (NAN, INF), (0.0, H), ANY),
        (U::Atanh, (NAN, NAN), (NAN, NAN), 0),
        // asin(z) = -i asinh(iz), atan(z) = -i atanh(iz)
        (U::Asin, (0.0, 0.0), (0.0, 0.0), 0),
        (U::Asin, (INF, 1.0), (H, INF), 0),
        (U::Asin, (0.0, NAN), (0.0, NAN), 0),
        (U::Atan, (0.0, 0.0), (0.0, 0.0), 0),
        (U::Atan, (0.0, 1.0), (0.0, INF), 0),
        (U::Atan, (INF, 1.0), (H, 0.0), 0),
        (U::Atan, (NAN, 0.0), (NAN, 0.0), 0),
    ]);
}

#[test]
fn hyperbolic_and_trigonometric() {
    let (c1, s1) = (1f64.cos(), 1f64.sin());
    check(&[
        (U::Cosh, (0.0, 0.0), (1.0, 0.0), 0),
        (U::Cosh, (0.0, INF), (NAN, 0.0), IM_ANY),
        (U::Cosh, (0.0, NAN), (NAN, 0.0), IM_ANY),
        (U::Cosh, (1.0, INF), (NAN, NAN), 0),
        (U::Cosh, (1.0, NAN), (NAN, NAN), 0),
        (U::Cosh, (INF, 0.0), (INF, 0.0), 0),
        (U::Cosh, (INF, 1.0), (INF * c1, INF * s1), 0),
        (U::Cosh, (INF, INF), (INF, NAN), ANY),
        (U::Cosh, (INF, NAN), (INF, NAN), 0),
        (U::Cosh, (NAN, 0.0), (NAN, 0.0), IM_ANY),
        (U::Cosh, (NAN, 1.0), (NAN, NAN), 0),
        (U::Cosh, (NAN, NAN), (NAN, NAN), 0),
        (U::Sinh, (0.0, 0.0), (0.0, 0.0), 0),
        (U::Sinh, (0.0, INF), (0.0, NAN), ANY),
        (U::Sinh, (0.0, NAN), (0.0, NAN), ANY),
        (U::Sinh, (1.0, INF), (NAN, NAN), 0),
        (U::Sinh, (1.0, NAN), (NAN, NAN), 0),
        (U::Sinh, (INF, 0.0), (INF, 0.0), 0),
        (U::Sinh, (INF, 1.0), (INF * c1, INF * s1), 0),
        (U::Sinh, (INF, INF), (INF, NAN), ANY),
        (U::Sinh, (INF, NAN), (INF, NAN), ANY),
        (U::Sinh, (NAN, 0.0), (NAN, 0.0), 0),
        (U::Sinh, (NAN, 1.0), (NAN, NAN), 0),
        (U::Sinh, (NAN, NAN), (NAN, NAN), 0),
        (U::Tanh, (0.0, 0.0), (0.0, 0.0), 0),
        (U::Tanh, (1.0, INF), (NAN, NAN), 0),
        (U::Tanh, (0.0, INF), (0.0, NAN), 0),
        (U::Tanh, (1.0, NAN), (NAN, NAN), 0),
        (U::Tanh, (0.0, NAN), (0.0, NAN), 0),
        (U::Tanh, (INF, 1.0), (1.0, 0.0), 0),
        (U::Tanh, (INF, INF), (1.0, 0.0), IM_ANY),
        (U::Tanh, (INF, NAN), (1.0, 0.0), IM_ANY),
        (U::Tanh, (NAN, 0.0), (NAN, 0.0), 0),
        (U::Tanh, (NAN, 1.0), (NAN, NAN), 0),
        (U::Tanh, (NAN, NAN), (NAN, NAN), 0),
        // cos(z) = cosh(iz), sin(z) = -i sinh(iz), tan(z) = -i tanh(iz)
        (U::Cos, (0.0, 0.0), (1.0, -0.0), 0),
        (U::Cos, (INF, 0.0), (NAN, 0.0), IM_ANY),
        (U::Sin, (0.0, 0.0), (0.0, 0.0), 0),
        (U::Sin, (0.0, INF), (0.0, INF), 0),
        (U::Tan, (0.0, 0.0), (0.0, 0.0), 0),
        (U::Tan, (1.0, INF), (0.0, 1.0), 0),
    ]);
}

#[test]
fn exp_expm1_log_log1p_sqrt() {
    let (c1, s1) = (1f64.cos(), 1f64.sin());
    check(&[
        (U::Exp, (0.0, 0.0), (1.0, 0.0), 0),
        (U::Exp, (-0.0, 0.0), (1.0, 0.0), 0),
        (U::Exp, (1.0, INF), (NAN, NAN), 0),
        (U::Exp, (1.0, NAN), (NAN, NAN), 0),
        (U::Exp, (INF, 0.0), (INF, 0.0), 0),
        (U::Exp, (-INF, 2.0), (0.0 * 2f64.cos(), 0.0 * 2f64.sin()), 0),
        (U::Exp, (INF, 1.0), (INF * c1, INF * s1), 0),
        (U::Exp, (-INF, INF), (0.0, 0.0), BOTH_ANY),
        (U::Exp, (INF, INF), (INF, NAN), ANY),
        (U::Exp, (-INF, NAN), (0.0, 0.0), BOTH_ANY),
        (U::Exp, (INF, NAN), (INF, NAN), ANY),
        (U::Exp, (NAN, 0.0), (NAN, 0.0), 0),
        (U::Exp, (NAN, 1.0), (NAN, NAN), 0),
        (U::Exp, (NAN, NAN), (NAN, NAN), 0),
        (U::Expm1, (0.0, 0.0), (0.0, 0.0), ANY),
        (U::Expm1, (-0.0, 0.0), (0.0, 0.0), ANY),
        (U::Expm1, (1.0, INF), (NAN, NAN), 0),
        (U::Expm1, (1.0, NAN), (NAN, NAN), 0),
        (U::Expm1, (INF, 0.0), (INF, 0.0), 0),
        (U::Expm1, (-INF, 1.0), (-1.0, 0.0), 0),
        (U::Expm1, (INF, 1.0), (INF, INF), 0),
        (U::Expm1, (-INF, INF), (-1.0, 0.0), IM_ANY),
        (U::Expm1, (INF, INF), (INF, NAN), ANY),
        (U::Expm1, (-INF, NAN), (-1.0, 0.0), IM_ANY),
        (U::Expm1, (INF, NAN), (INF, NAN), ANY),
        (U::Expm1, (NAN, 0.0), (NAN, 0.0), 0),
        (U::Expm1, (NAN, 1.0), (NAN, NAN), 0),
        (U::Log, (-0.0, 0.0), (-INF, PI), 0),
        (U::Log, (0.0, 0.0), (-INF, 0.0), 0),
        (U::Log, (1.0, INF), (INF, H), 0),
        (U::Log, (1.0, NAN), (NAN, NAN), 0),
        (U::Log, (-INF, 1.0), (INF, PI), 0),
        (U::Log, (INF, 1.0), (INF, 0.0), 0),
        (U::Log, (-INF, INF), (INF, 3.0 * Q), 0),
        (U::Log, (INF, INF), (INF, Q), 0),
        (U::Log, (INF, NAN), (INF, NAN), 0),
        (U::Log, (-INF, NAN), (INF, NAN), 0),
        (U::Log, (NAN, 1.0), (NAN, NAN), 0),
        (U::Log, (NAN, INF), (INF, NAN), 0),
        (U::Log, (NAN, NAN), (NAN, NAN), 0),
        (U::Log1p, (-1.0, 0.0), (-INF, 0.0), 0),
        (U::Log1p, (1.0, INF), (INF, H), 0),
        (U::Log1p, (1.0, NAN), (NAN, NAN), 0),
        (U::Log1p, (-INF, 1.0), (INF, PI), 0),
        (U::Log1p, (INF, 1.0), (INF, 0.0), 0),
        (U::Log1p, (-INF, INF), (INF, 3.0 * Q), 0),
        (U::Log1p, (INF, INF), (INF, Q), 0),
        (U::Log1p, (INF, NAN), (INF, NAN), 0),
        (U::Log1p, (NAN, 1.0), (NAN, NAN), 0),
        (U::Log1p, (NAN, INF), (INF, NAN), 0),
        (U::Log2, (0.0, 0.0), (-INF, 0.0), 0),
        (
            U::Log10,
            (-0.0, 0.0),
            (-INF, PI / std::f64::consts::LN_10),
            0,
        ),
        (U::Sqrt, (0.0, 0.0), (0.0, 0.0), 0),
        (U::Sqrt, (-0.0, 0.0), (0.0, 0.0), 0),
        (U::Sqrt, (NAN, INF), (INF, INF), 0),
        (U::Sqrt, (1.0, INF), (INF, INF), 0),
        (U::Sqrt, (1.0, NAN), (NAN, NAN), 0),
        (U::Sqrt, (-INF, 1.0), (0.0, INF), 0),
        (U::Sqrt, (INF, 1.0), (INF, 0.0), 0),
        (U::Sqrt, (-INF, NAN), (NAN, INF), IM_ANY),
        (U::Sqrt, (INF, NAN), (INF, NAN), 0),
        (U::Sqrt, (NAN, 1.0), (NAN, NAN), 0),
        (U::Sqrt, (NAN, NAN), (NAN, NAN), 0),
        (U::Sign, (0.0, 0.0), (0.0, 0.0), 0),
        (U::Sign, (-0.0, -0.0), (0.0, 0.0), 0),
        (U::Sign, (NAN, 1.0), (NAN, NAN), 0),
        (U::Sign, (1.0, NAN), (NAN, NAN), 0),
        (U::Sign, (3.0, -4.0), (0.6, -0.8), 0),
        (U::Round, (2.5, -3.5), (2.0, -4.0), 0),
        (U::Round, (NAN, INF), (NAN, INF), 0),
    ]);
}

#[test]
fn arithmetic_and_comparisons() {
    let l = Layout::contiguous(&[4]);
    let z = |a, b| Complex64::new(a, b);
    let a = st(vec![
        z(1.0, 2.0),
        z(NAN, NAN),
        z(-0.0, 0.0),
        z(1e300, 1e300),
    ]);
    let b = st(vec![
        z(3.0, -4.0),
        z(NAN, NAN),
        z(-0.0, -0.0),
        z(1e300, 1e300),
    ]);
    let run = |op: BinaryOp| {
        let od = op.dtypes(DType::Complex128).unwrap().1;
        let mut out = Cpu.full(4, Scalar::Int(0), od).unwrap();
        Cpu.binary(op, &a, &l, &b, &l, DType::Complex128, &mut out, &l, od)
            .unwrap();
        out
    };
    let d = all::<Complex64>(&run(BinaryOp::Divide));
    assert_eq!((d[0].re, d[0].im), (-0.2, 0.4));
    assert!(d[1].re.is_nan() && d[1].im.is_nan());
    assert_eq!((d[3].re, d[3].im), (1.0, 0.0));
    let s = all::<Complex64>(&run(BinaryOp::Add));
    // -0 + -0 = -0 (real), 0 + -0 = +0 (imaginary)
    assert!(s[2].re.is_sign_negative() && s[2].im.is_sign_positive());
    let m = all::<Complex64>(&run(BinaryOp::Multiply));
    assert_eq!((m[0].re, m[0].im), (11.0, 2.0));
    assert!(m[1].re.is_nan() && m[1].im.is_nan());
    assert_eq!(
        all::<bool>(&run(BinaryOp::Equal)),
        vec![false, false, true, true]
    );
    assert_eq!(
        all::<bool>(&run(BinaryOp::NotEqual)),
        vec![true, true, false, false]
    );
    let p = all::<Complex64>(&run(BinaryOp::Pow));
    let want = (z(1.0, 2.0).ln() * z(3.0, -4.0)).exp();
    assert!((p[0] - want).norm() < 1e-12 * want.norm());
    // abs of complex: hypot without overflow
    let od = DType::Float64;
    let mut out = Cpu.full(4, Scalar::Int(0), od).unwrap();
    Cpu.unary(U::Abs, &a, &l, DType::Complex128, &mut out, &l, od)
        .unwrap();
    let r = all::<f64>(&out);
    assert_eq!(r[0], 5f64.sqrt());
    assert!((r[3] / (2f64.sqrt() * 1e300) - 1.0).abs() < 1e-15);
}

#[test]
fn values_against_closed_forms() {
    let z = Complex64::new(0.3, -0.7);
    let close = |g: Complex64, w: Complex64, what: &str| {
        assert!((g - w).norm() <= 4e-16 * w.norm(), "{what}: {g} vs {w}")
    };
    // closed forms in terms of real functions
    close(
        un128(U::Exp, z),
        Complex64::new(0.3f64.exp() * 0.7f64.cos(), -0.3f64.exp() * 0.7f64.sin()),
        "exp",
    );
    close(
        un128(U::Sin, z),
        Complex64::new(
            0.3f64.sin() * 0.7f64.cosh(),
            -(0.3f64.cos() * 0.7f64.sinh()),
        ),
        "sin",
    );
    close(
        un128(U::Cos, z),
        Complex64::new(0.3f64.cos() * 0.7f64.cosh(), 0.3f64.sin() * 0.7f64.sinh()),
        "cos",
    );
    let w = un128(U::Log, z);
    close(
        w,
        Complex64::new(0.5 * (0.09f64 + 0.49).ln(), (-0.7f64).atan2(0.3)),
        "log",
    );
    let r = un128(U::Sqrt, z);
    close(r * r, z, "sqrt²");
    // inverse functions undo the forward ones
    for (f, g) in [
        (U::Sin, U::Asin),
        (U::Cos, U::Acos),
        (U::Tan, U::Atan),
        (U::Sinh, U::Asinh),
        (U::Cosh, U::Acosh),
        (U::Tanh, U::Atanh),
    ] {
        let back = un128(g, un128(f, z));
        let want = if g == U::Acosh {
            Complex64::new(z.re.abs(), z.im * z.re.signum())
        } else {
            z
        };
        assert!((back - want).norm() < 1e-14, "{g:?}({f:?}(z)) = {back}");
    }
}

/// Bitwise equality of complex components, all NaNs equal.
fn same(g: (f64, f64), w: (f64, f64)) -> bool {
    let eq = |a: f64, b: f64| (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits();
    eq(g.0, w.0) && eq(g.1, w.1)
}

/// `op(x[i], y[i])` for complex64 operands.
fn bin64(op: BinaryOp, x: Vec<Complex32>, y: Vec<Complex32>) -> Vec<Complex32> {
    let l = Layout::contiguous(&[x.len()]);
    let od = op.dtypes(DType::Complex64).unwrap().1;
    let mut out = Cpu.full(x.len(), Scalar::Int(0), od).unwrap();
    Cpu.binary(
        op,
        &st(x),
        &l,
        &st(y),
        &l,
        DType::Complex64,
        &mut out,
        &l,
        od,
    )
    .unwrap();
    all::<Complex32>(&out)
}

/// `op(x[i], y[i])` for complex128 operands.
fn bin128(op: BinaryOp, x: Vec<Complex64>, y: Vec<Complex64>) -> Vec<Complex64> {
    let l = Layout::contiguous(&[x.len()]);
    let od = op.dtypes(DType::Complex128).unwrap().1;
    let mut out = Cpu.full(x.len(), Scalar::Int(0), od).unwrap();
    Cpu.binary(
        op,
        &st(x),
        &l,
        &st(y),
        &l,
        DType::Complex128,
        &mut out,
        &l,
        od,
    )
    .unwrap();
    all::<Complex64>(&out)
}

/// NumPy 2.4 (golden acos_005, acosh_005): the `acos(1 ± 0i)` shortcut once took
/// `acos(-1 ± 0i)` too and gave `0 ∓ 0i`.
#[test]
fn acos_acosh_of_minus_one() {
    check(&[
        (U::Acos, (-1.0, 0.0), (PI, -0.0), 0),
        (U::Acos, (-1.0, -0.0), (PI, 0.0), 0),
        (U::Acos, (1.0, 0.0), (0.0, -0.0), 0),
        (U::Acos, (1.0, -0.0), (0.0, 0.0), 0),
        (U::Acosh, (-1.0, 0.0), (0.0, PI), 0),
        (U::Acosh, (-1.0, -0.0), (0.0, -PI), 0),
        (U::Acosh, (1.0, 0.0), (0.0, 0.0), 0),
        (U::Acosh, (1.0, -0.0), (0.0, -0.0), 0),
    ]);
}

/// Where the standard leaves the sign of the infinite component open, NumPy's (and the
/// reference backend's) choice: `acos(±inf + NaN i) = NaN - inf i` and
/// `asin(±inf + NaN i) = NaN + inf i` (golden asin_005).
#[test]
fn acos_asin_infinite_and_nan_signs() {
    check(&[
        (U::Acos, (INF, NAN), (NAN, -INF), 0),
        (U::Acos, (-INF, NAN), (NAN, -INF), 0),
        (U::Acos, (NAN, INF), (NAN, -INF), 0),
        (U::Acos, (NAN, -INF), (NAN, INF), 0),
        (U::Asin, (INF, NAN), (NAN, INF), 0),
        (U::Asin, (-INF, NAN), (NAN, INF), 0),
        (U::Asin, (NAN, INF), (NAN, INF), 0),
        (U::Asin, (NAN, -INF), (NAN, -INF), 0),
        (U::Asin, (-0.0, NAN), (-0.0, NAN), 0),
        (U::Asin, (-1.0, 0.0), (-H, 0.0), 0),
    ]);
}

/// `cosh(conj z) == conj(cosh z)` and `cosh(-z) == cosh(z)` where C99 leaves the sign of
/// the zero imaginary part open (`cosh(NaN ± 0i)`, `cosh(±0 + i inf)`, `cosh(±0 + NaN i)`):
/// the sign is `sign(re) · sign(im)`. It was always `+0`.
#[test]
fn cosh_zero_signs_keep_the_symmetries() {
    check(&[
        (U::Cosh, (NAN, 0.0), (NAN, 0.0), 0),
        (U::Cosh, (NAN, -0.0), (NAN, -0.0), 0),
        (U::Cosh, (0.0, INF), (NAN, 0.0), 0),
        (U::Cosh, (0.0, -INF), (NAN, -0.0), 0),
        (U::Cosh, (-0.0, INF), (NAN, -0.0), 0),
        (U::Cosh, (-0.0, -INF), (NAN, 0.0), 0),
    ]);
    let vals = [0.0, -0.0, 1.5, -1.5, INF, -INF, NAN, -NAN];
    for &a in &vals {
        for &b in &vals {
            let g = un128(U::Cosh, Complex64::new(a, b));
            let conj = un128(U::Cosh, Complex64::new(a, -b));
            let neg = un128(U::Cosh, Complex64::new(-a, -b));
            assert!(same((conj.re, conj.im), (g.re, -g.im)), "cosh({a}, {b})");
            assert!(same((neg.re, neg.im), (g.re, g.im)), "cosh({a}, {b})");
            let z = Complex32::new(a as f32, b as f32);
            let w = |z: Complex32| {
                let r = un64(U::Cosh, z);
                (r.re as f64, r.im as f64)
            };
            let g = w(z);
            assert!(same(w(z.conj()), (g.0, -g.1)), "complex64 cosh({a}, {b})");
            assert!(same(w(-z), g), "complex64 cosh({a}, {b})");
        }
    }
}

/// complex64 products are computed in double precision and rounded once (as the reference
/// and `divide`): no intermediate `f32` overflow or cancellation. `square(z)` is `z * z`.
#[test]
fn complex64_products_round_once() {
    let z = |a: f32, b: f32| Complex32::new(a, b);
    let max = f32::MAX;
    // (inf + MAX i)²: re = inf - MAX² = inf (f32: inf - inf = NaN), im = 2 inf MAX = inf
    let g = un64(U::Square, z(f32::INFINITY, max));
    assert_eq!((g.re, g.im), (f32::INFINITY, f32::INFINITY));
    let m = bin64(
        BinaryOp::Multiply,
        vec![z(f32::INFINITY, max)],
        vec![z(f32::INFINITY, max)],
    );
    assert_eq!((m[0].re, m[0].im), (f32::INFINITY, f32::INFINITY));
    // a finite square whose f32 intermediates overflow (NumPy: 2.9700003e38+3.0400002e38j)
    let g = un64(U::Square, z(1.9e19, 8e18));
    assert_eq!((g.re, g.im), (2.9700003e38, 3.0400002e38));
    // cancellation: (1 + 2^-12 + i)² = (2^-11 + 2^-24) + (2 + 2^-11) i exactly; the f32
    // formula loses the 2^-24
    let e = 1.0 + 2f32.powi(-12);
    let g = un64(U::Square, z(e, 1.0));
    assert_eq!(
        (g.re, g.im),
        (2f32.powi(-11) + 2f32.powi(-24), 2.0 + 2f32.powi(-11))
    );
    let m = bin64(BinaryOp::Multiply, vec![z(e, 1.0)], vec![z(e, 1.0)]);
    assert_eq!((m[0].re, m[0].im), (g.re, g.im));
}

/// `0 ** y` is `0` for every `re(y) > 0`, whatever `im(y)` (NumPy 2.4, golden pow_008; the
/// standard's `exp(y log 0) = exp(-inf ± inf i) = 0`), NaN otherwise.
#[test]
fn pow_of_zero() {
    let z = |a: f64, b: f64| Complex64::new(a, b);
    let ys = [
        z(1.5, -1.0),
        z(1.5, 1.0),
        z(1e-30, -5.0),
        z(2.0, 0.0),
        z(-1.0, 0.0),
        z(0.0, 1.0),
        z(-1.5, 1.0),
    ];
    let want = [
        (0.0, 0.0),
        (0.0, 0.0),
        (0.0, 0.0),
        (0.0, 0.0),
        (NAN, NAN),
        (NAN, NAN),
        (NAN, NAN),
    ];
    for x in [z(0.0, 0.0), z(-0.0, 0.0), z(0.0, -0.0)] {
        let p = bin128(BinaryOp::Pow, vec![x; ys.len()], ys.to_vec());
        let p32 = bin64(
            BinaryOp::Pow,
            vec![Complex32::new(x.re as f32, x.im as f32); ys.len()],
            ys.iter()
                .map(|y| Complex32::new(y.re as f32, y.im as f32))
                .collect(),
        );
        for i in 0..ys.len() {
            assert!(same((p[i].re, p[i].im), want[i]), "{x} ** {}", ys[i]);
            let g = (p32[i].re as f64, p32[i].im as f64);
            assert!(same(g, want[i]), "complex64 {x} ** {}", ys[i]);
        }
    }
}

/// `log1p(MAX + MAX i) = log(MAX) + log(2) / 2 + iπ/4 = 710.1292864836639 + 0.785…i`
/// (mpmath; NumPy's own log1p overflows to inf here, its log(1 + z) does not).
#[test]
fn log1p_near_the_overflow_threshold() {
    let m = f64::MAX;
    let g = un128(U::Log1p, Complex64::new(m, m));
    assert!(
        (g.re - 710.1292864836639).abs() <= 2.0 * 710.0 * f64::EPSILON,
        "{g}"
    );
    assert_eq!(g.im, Q);
    let g = un128(U::Log, Complex64::new(m, m));
    assert!(
        (g.re - 710.1292864836639).abs() <= 2.0 * 710.0 * f64::EPSILON,
        "{g}"
    );
}

/// `log|z|` for huge `|z|` rounds once (it was `log(|z| / 2) + log 2` above 1e300, an ulp
/// off near 700), and `x ** y = exp(y log x)` turns that ulp into an error of 1e-13 in the
/// angle: `1.5827330256628148e301 ** 1j` is `-0.7284700158529981 + 0.6850776861080302j`
/// with the correctly rounded log (NumPy's value; the exact one is
/// `-0.72847001585296631 + 0.68507768610806396j`).
#[test]
fn log_of_huge_modulus_rounds_once() {
    let x = 1.5827330256628148e301;
    let g = un128(U::Log, Complex64::new(x, 0.0));
    assert_eq!(g.re, x.ln());
    let p = bin128(
        BinaryOp::Pow,
        vec![Complex64::new(x, 0.0)],
        vec![Complex64::new(0.0, 1.0)],
    );
    let w = Complex64::new(-0.7284700158529981, 0.6850776861080302);
    assert!((p[0] - w).norm() <= 4.0 * f64::EPSILON, "{}", p[0]);
}
