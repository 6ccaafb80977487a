//! Elementwise kernels through `ElementwiseOps`: hand-checked values per op family and
//! dtype (integer wrapping, shift counts, floor division signs, rounding, NaN and signed
//! zeros), strided and broadcast operands against contiguous ones, threads, in-place
//! assignment, `clip` and `where`.

mod common;

use array_api::{
    BackendCore, BinaryOp, BinaryOp as B, CreationOps, DType, Element, ElementwiseOps, Layout,
    Scalar, UnaryOp, UnaryOp as U,
};
use backend_cpu::{Cpu, CpuStorage};
use common::*;

const INF: f64 = f64::INFINITY;
const NAN: f64 = f64::NAN;

fn zeros(n: usize, d: DType) -> CpuStorage {
    Cpu.full(n, Scalar::Int(0), d).unwrap()
}

/// `op(x)` on a contiguous vector.
fn un<T: Element, R: Element>(op: UnaryOp, x: &[T]) -> Vec<R> {
    let (c, o) = op.dtypes(T::DTYPE).unwrap();
    assert_eq!((c, o), (T::DTYPE, R::DTYPE), "{op:?}");
    let l = Layout::contiguous(&[x.len()]);
    let mut out = zeros(x.len(), o);
    Cpu.unary(op, &st(x.to_vec()), &l, c, &mut out, &l, o)
        .unwrap();
    all::<R>(&out)
}

/// `op(a, b)` on contiguous vectors.
fn bin<T: Element, R: Element>(op: BinaryOp, a: &[T], b: &[T]) -> Vec<R> {
    let (c, o) = op.dtypes(T::DTYPE).unwrap();
    assert_eq!((c, o), (T::DTYPE, R::DTYPE), "{op:?}");
    let l = Layout::contiguous(&[a.len()]);
    let mut out = zeros(a.len(), o);
    Cpu.binary(
        op,
        &st(a.to_vec()),
        &l,
        &st(b.to_vec()),
        &l,
        c,
        &mut out,
        &l,
        o,
    )
    .unwrap();
    all::<R>(&out)
}

/// Bitwise equality of floats (NaN equals NaN, the signs of zeros count).
fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

fn assert_same(got: &[f64], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len());
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(same(g, w), "{what}[{i}]: got {g:?}, want {w:?}");
    }
}

// ----------------------------------------------------------------------------- integers

#[test]
fn integer_arithmetic_wraps() {
    assert_eq!(
        bin::<i8, i8>(B::Add, &[127, -128, 5], &[1, -1, -7]),
        vec![-128, 127, -2]
    );
    assert_eq!(bin::<u8, u8>(B::Subtract, &[0, 10], &[1, 3]), vec![255, 7]);
    assert_eq!(
        bin::<i16, i16>(B::Multiply, &[300, -2], &[300, 16384]),
        vec![300i16.wrapping_mul(300), i16::MIN]
    );
    assert_eq!(un::<i8, i8>(U::Negative, &[-128, 5]), vec![-128, -5]);
    assert_eq!(un::<u8, u8>(U::Negative, &[1, 0]), vec![255, 0]);
    assert_eq!(
        un::<i32, i32>(U::Abs, &[i32::MIN, -7, 7]),
        vec![i32::MIN, 7, 7]
    );
    assert_eq!(un::<u8, u8>(U::Square, &[200, 15]), vec![64, 225]);
    assert_eq!(un::<i64, i64>(U::Sign, &[-9, 0, 3]), vec![-1, 0, 1]);
    assert_eq!(un::<u16, u16>(U::Sign, &[0, 9]), vec![0, 1]);
    assert_eq!(
        un::<i32, i32>(U::BitwiseInvert, &[0, -1, 5]),
        vec![-1, 0, -6]
    );
    for op in [
        U::Ceil,
        U::Floor,
        U::Trunc,
        U::Round,
        U::Positive,
        U::Conj,
        U::Real,
    ] {
        assert_eq!(un::<i64, i64>(op, &[-3, 4]), vec![-3, 4], "{op:?}");
    }
    assert_eq!(un::<i64, i64>(U::Imag, &[-3, 4]), vec![0, 0]);
    assert_eq!(un::<u8, bool>(U::IsFinite, &[1]), vec![true]);
    assert_eq!(un::<u8, bool>(U::IsNan, &[1]), vec![false]);
    assert_eq!(un::<i64, bool>(U::IsInf, &[i64::MAX]), vec![false]);
}

#[test]
fn integer_division_follows_python_signs() {
    let a = [5i64, -5, 5, -5, 0, 7, i64::MIN, i64::MIN, -6];
    let b = [3i64, 3, -3, -3, 0, 0, -1, 1, 3];
    assert_eq!(
        bin::<i64, i64>(B::FloorDivide, &a, &b),
        vec![1, -2, -2, 1, 0, 0, i64::MIN, i64::MIN, -2]
    );
    assert_eq!(
        bin::<i64, i64>(B::Remainder, &a, &b),
        vec![2, 1, -1, -2, 0, 0, 0, 0, 0]
    );
    assert_eq!(
        bin::<i8, i8>(B::FloorDivide, &[-128, -7], &[-1, 2]),
        vec![-128, -4]
    );
    assert_eq!(
        bin::<u32, u32>(B::FloorDivide, &[7, 7], &[2, 0]),
        vec![3, 0]
    );
    assert_eq!(bin::<u32, u32>(B::Remainder, &[7, 7], &[2, 0]), vec![1, 0]);
}

#[test]
fn shifts_follow_numpy() {
    assert_eq!(
        bin::<i8, i8>(B::BitwiseLeftShift, &[1, 1, 1, -1], &[7, 8, 9, -1]),
        vec![-128, 0, 0, 0]
    );
    assert_eq!(
        bin::<i8, i8>(B::BitwiseRightShift, &[64, -64, -1, 64], &[7, 8, 9, -1]),
        vec![0, -1, -1, 0]
    );
    assert_eq!(
        bin::<u8, u8>(B::BitwiseLeftShift, &[1, 1, 3], &[8, 200, 2]),
        vec![0, 0, 12]
    );
    assert_eq!(
        bin::<u8, u8>(B::BitwiseRightShift, &[255, 255, 255], &[8, 200, 4]),
        vec![0, 0, 15]
    );
    assert_eq!(
        bin::<i64, i64>(B::BitwiseLeftShift, &[1, 1], &[63, 64]),
        vec![i64::MIN, 0]
    );
    assert_eq!(
        bin::<u64, u64>(B::BitwiseRightShift, &[u64::MAX], &[63]),
        vec![1]
    );
}

#[test]
fn integer_powers() {
    // NumPy: 3**40 and (-3)**41 wrap; 0**0 == 1
    assert_eq!(
        bin::<i64, i64>(B::Pow, &[2, 1, 0, 3, -3, 7], &[0, 5, 0, 40, 41, 63]),
        vec![
            1,
            1,
            1,
            -6289078614652622815,
            420491770248316829,
            2898552624600762295
        ]
    );
    // negative exponents (NumPy raises): 1 for base 1, ±1 for base -1, else 0
    assert_eq!(
        bin::<i32, i32>(B::Pow, &[2, 1, -1, -1, 0], &[-1, -5, -3, -4, -2]),
        vec![0, 1, -1, 1, 0]
    );
    assert_eq!(bin::<u8, u8>(B::Pow, &[2, 3], &[9, 5]), vec![0, 243]);
}

#[test]
fn integer_comparisons_bitwise_and_extrema() {
    let (a, b) = ([-1i16, 0, 5], [0i16, 0, -5]);
    assert_eq!(bin::<i16, bool>(B::Less, &a, &b), vec![true, false, false]);
    assert_eq!(
        bin::<i16, bool>(B::LessEqual, &a, &b),
        vec![true, true, false]
    );
    assert_eq!(
        bin::<i16, bool>(B::Greater, &a, &b),
        vec![false, false, true]
    );
    assert_eq!(
        bin::<i16, bool>(B::GreaterEqual, &a, &b),
        vec![false, true, true]
    );
    assert_eq!(bin::<i16, bool>(B::Equal, &a, &b), vec![false, true, false]);
    assert_eq!(
        bin::<i16, bool>(B::NotEqual, &a, &b),
        vec![true, false, true]
    );
    assert_eq!(bin::<u64, bool>(B::Less, &[u64::MAX], &[1]), vec![false]);
    assert_eq!(bin::<i16, i16>(B::Maximum, &a, &b), vec![0, 0, 5]);
    assert_eq!(bin::<i16, i16>(B::Minimum, &a, &b), vec![-1, 0, -5]);
    assert_eq!(
        bin::<u8, u8>(B::BitwiseAnd, &[0b1100], &[0b1010]),
        vec![0b1000]
    );
    assert_eq!(
        bin::<u8, u8>(B::BitwiseOr, &[0b1100], &[0b1010]),
        vec![0b1110]
    );
    assert_eq!(
        bin::<i8, i8>(B::BitwiseXor, &[-1], &[0b1010]),
        vec![!0b1010]
    );
}

#[test]
fn booleans() {
    let (a, b) = ([true, true, false, false], [true, false, true, false]);
    assert_eq!(
        bin::<bool, bool>(B::Add, &a, &b),
        vec![true, true, true, false]
    );
    assert_eq!(
        bin::<bool, bool>(B::Multiply, &a, &b),
        vec![true, false, false, false]
    );
    assert_eq!(
        bin::<bool, bool>(B::LogicalXor, &a, &b),
        vec![false, true, true, false]
    );
    assert_eq!(
        bin::<bool, bool>(B::BitwiseAnd, &a, &b),
        vec![true, false, false, false]
    );
    assert_eq!(
        bin::<bool, bool>(B::LogicalOr, &a, &b),
        vec![true, true, true, false]
    );
    assert_eq!(
        bin::<bool, bool>(B::Equal, &a, &b),
        vec![true, false, false, true]
    );
    assert_eq!(
        bin::<bool, bool>(B::NotEqual, &a, &b),
        vec![false, true, true, false]
    );
    assert_eq!(
        un::<bool, bool>(U::LogicalNot, &a),
        vec![false, false, true, true]
    );
    assert_eq!(
        un::<bool, bool>(U::BitwiseInvert, &b),
        vec![false, true, false, true]
    );
    assert_eq!(un::<bool, bool>(U::IsFinite, &b), vec![true; 4]);
    assert_eq!(un::<bool, bool>(U::IsNan, &b), vec![false; 4]);
}

// ------------------------------------------------------------------------- real floats

#[test]
fn rounding_half_to_even_and_signs() {
    let x = [
        0.5,
        1.5,
        2.5,
        -0.5,
        -2.5,
        -0.0,
        INF,
        NAN,
        3.7,
        4503599627370497.0,
    ];
    assert_same(
        &un::<f64, f64>(U::Round, &x),
        &[
            0.0,
            2.0,
            2.0,
            -0.0,
            -2.0,
            -0.0,
            INF,
            NAN,
            4.0,
            4503599627370497.0,
        ],
        "round",
    );
    let r32 = un::<f32, f32>(U::Round, &[0.5, 1.5, -2.5, 8388609.0]);
    assert_eq!(r32, vec![0.0, 2.0, -2.0, 8388609.0]);
    assert_same(
        &un::<f64, f64>(U::Floor, &[-0.5, -0.0, 1.5]),
        &[-1.0, -0.0, 1.0],
        "floor",
    );
    assert_same(
        &un::<f64, f64>(U::Ceil, &[-0.5, 0.2, INF]),
        &[-0.0, 1.0, INF],
        "ceil",
    );
    assert_same(
        &un::<f64, f64>(U::Trunc, &[-1.5, 1.5, NAN]),
        &[-1.0, 1.0, NAN],
        "trunc",
    );
    assert_same(
        &un::<f64, f64>(U::Sign, &[NAN, -0.0, 0.0, -3.0, 2.0, -INF]),
        &[NAN, 0.0, 0.0, -1.0, 1.0, -1.0],
        "sign",
    );
    let nneg = f64::from_bits(NAN.to_bits() | (1 << 63));
    assert_eq!(
        un::<f64, bool>(U::Signbit, &[-0.0, 0.0, nneg, NAN, -INF, 1.0]),
        vec![true, false, true, false, true, false]
    );
    assert_eq!(
        un::<f32, bool>(U::IsInf, &[f32::INFINITY, -f32::INFINITY, f32::NAN, 1.0]),
        vec![true, true, false, false]
    );
    assert_eq!(
        un::<f32, bool>(U::IsFinite, &[f32::INFINITY, f32::NAN, 1.0]),
        vec![false, false, true]
    );
    assert_same(&un::<f64, f64>(U::Imag, &[-3.0]), &[0.0], "imag");
    assert_same(
        &un::<f64, f64>(U::Reciprocal, &[0.0, -0.0, 4.0, -INF]),
        &[INF, -INF, 0.25, -0.0],
        "reciprocal",
    );
}

#[test]
fn float_division_family_follows_numpy() {
    // (a, b, a / b, a // b, a % b), from NumPy 2.4
    let rows = [
        (5.0, 3.0, 5.0 / 3.0, 1.0, 2.0),
        (-5.0, 3.0, -5.0 / 3.0, -2.0, 1.0),
        (5.0, -3.0, -5.0 / 3.0, -2.0, -1.0),
        (INF, 3.0, INF, NAN, NAN),
        (1.0, INF, 0.0, 0.0, 1.0),
        (-1.0, INF, -0.0, -1.0, INF),
        (1.0, -INF, -0.0, -1.0, -INF),
        (-1.0, -INF, 0.0, 0.0, -1.0),
        (-0.0, 2.0, -0.0, -0.0, 0.0),
        (0.0, -2.0, -0.0, -0.0, -0.0),
        (5.0, 0.0, INF, INF, NAN),
        (-5.0, -0.0, INF, INF, NAN),
        (0.0, 0.0, NAN, NAN, NAN),
        (NAN, 1.0, NAN, NAN, NAN),
    ];
    let a: Vec<f64> = rows.iter().map(|r| r.0).collect();
    let b: Vec<f64> = rows.iter().map(|r| r.1).collect();
    assert_same(
        &bin::<f64, f64>(B::Divide, &a, &b),
        &rows.iter().map(|r| r.2).collect::<Vec<_>>(),
        "divide",
    );
    assert_same(
        &bin::<f64, f64>(B::FloorDivide, &a, &b),
        &rows.iter().map(|r| r.3).collect::<Vec<_>>(),
        "floor_divide",
    );
    assert_same(
        &bin::<f64, f64>(B::Remainder, &a, &b),
        &rows.iter().map(|r| r.4).collect::<Vec<_>>(),
        "remainder",
    );
    let a32: Vec<f32> = a.iter().map(|&v| v as f32).collect();
    let b32: Vec<f32> = b.iter().map(|&v| v as f32).collect();
    let q32: Vec<f64> = bin::<f32, f32>(B::FloorDivide, &a32, &b32)
        .iter()
        .map(|&v| v as f64)
        .collect();
    assert_same(
        &q32,
        &rows.iter().map(|r| r.3).collect::<Vec<_>>(),
        "floor_divide f32",
    );
}

#[test]
fn extrema_propagate_nan_and_return_the_second_on_ties() {
    let a = [-0.0, 0.0, 1.0, NAN, 2.0];
    let b = [0.0, -0.0, NAN, 1.0, -3.0];
    assert_same(
        &bin::<f64, f64>(B::Maximum, &a, &b),
        &[0.0, -0.0, NAN, NAN, 2.0],
        "maximum",
    );
    assert_same(
        &bin::<f64, f64>(B::Minimum, &a, &b),
        &[0.0, -0.0, NAN, NAN, -3.0],
        "minimum",
    );
    let m: Vec<f32> = bin(B::Maximum, &[-0.0f32, f32::NAN], &[0.0f32, 1.0]);
    assert!(m[0].to_bits() == 0 && m[1].is_nan());
}

#[test]
fn sign_and_neighbour_functions() {
    let nneg = f64::from_bits(NAN.to_bits() | (1 << 63));
    let got = bin::<f64, f64>(
        B::Copysign,
        &[1.0, 1.0, -2.0, NAN, NAN, 3.0],
        &[-0.0, nneg, 0.0, -1.0, 1.0, NAN],
    );
    assert!(same(got[0], -1.0) && same(got[1], -1.0) && same(got[2], 2.0) && same(got[5], 3.0));
    assert!(
        got[3].is_nan()
            && got[3].is_sign_negative()
            && got[4].is_nan()
            && got[4].is_sign_positive()
    );
    let got = bin::<f64, f64>(
        B::Nextafter,
        &[0.0, -0.0, 1.0, 1.0, NAN, 0.0],
        &[-0.0, 0.0, 2.0, 0.0, 1.0, 1.0],
    );
    assert_same(
        &got,
        &[
            -0.0,
            0.0,
            1.0 + f64::EPSILON,
            1.0 - f64::EPSILON / 2.0,
            NAN,
            5e-324,
        ],
        "nextafter",
    );
    let got: Vec<f32> = bin(B::Nextafter, &[1.0f32, 0.0], &[2.0f32, -1.0]);
    assert_eq!(got, vec![1.0 + f32::EPSILON, -f32::from_bits(1)]);
    let h = bin::<f64, f64>(
        B::Hypot,
        &[3.0, 1e300, INF, NAN, 5e-324],
        &[4.0, 1e300, NAN, 0.0, 5e-324],
    );
    assert_same(&h[..1], &[5.0], "hypot");
    assert!((h[1] / (2f64.sqrt() * 1e300) - 1.0).abs() < 1e-15);
    assert_eq!(h[2], INF);
    assert!(h[3].is_nan());
    assert_eq!(h[4], 5e-324); // sqrt(2) · 2^-1074 rounds down
}

#[test]
fn logaddexp_is_stable() {
    let got = bin::<f64, f64>(
        B::Logaddexp,
        &[-INF, INF, INF, 1000.0, -1000.0, NAN, 0.0],
        &[-INF, -INF, INF, 1000.0, -1000.5, 1.0, 0.0],
    );
    assert_same(&got[..3], &[-INF, INF, INF], "logaddexp");
    assert!((got[3] - (1000.0 + std::f64::consts::LN_2)).abs() < 1e-12);
    assert!((got[4] - (-1000.0 + (-0.5f64).exp().ln_1p())).abs() < 1e-12);
    assert!(got[5].is_nan());
    assert_eq!(got[6], std::f64::consts::LN_2);
}

#[test]
fn atan2_and_pow_special_cases() {
    use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI};
    let a = [
        1.0, 0.0, 0.0, -0.0, -0.0, -1.0, 1.0, -1.0, INF, INF, -INF, NAN,
    ];
    let b = [
        0.0, 1.0, -0.0, -0.0, 1.0, 0.0, -INF, INF, INF, -INF, -INF, 1.0,
    ];
    let want = [
        FRAC_PI_2,
        0.0,
        PI,
        -PI,
        -0.0,
        -FRAC_PI_2,
        PI,
        -0.0,
        FRAC_PI_4,
        3.0 * FRAC_PI_4,
        -3.0 * FRAC_PI_4,
        NAN,
    ];
    assert_same(&bin::<f64, f64>(B::Atan2, &a, &b), &want, "atan2");
    let x = [
        1.0, NAN, NAN, -1.0, 2.0, 0.5, -INF, -INF, -0.0, -0.0, -2.0, 0.0,
    ];
    let y = [
        NAN, 0.0, -0.0, INF, -INF, -INF, 3.0, 2.0, -3.0, 0.5, 0.5, -1.0,
    ];
    let want = [1.0, 1.0, 1.0, 1.0, 0.0, INF, -INF, INF, -INF, 0.0, NAN, INF];
    assert_same(&bin::<f64, f64>(B::Pow, &x, &y), &want, "pow");
    let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let y32: Vec<f32> = y.iter().map(|&v| v as f32).collect();
    let got: Vec<f64> = bin::<f32, f32>(B::Pow, &x32, &y32)
        .iter()
        .map(|&v| v as f64)
        .collect();
    assert_same(&got, &want, "pow f32");
}

#[test]
fn real_special_values_of_unary_functions() {
    // (op, x, want) from the standard's tables
    let rows: &[(UnaryOp, f64, f64)] = &[
        (U::Exp, -0.0, 1.0),
        (U::Exp, -INF, 0.0),
        (U::Exp, INF, INF),
        (U::Expm1, -0.0, -0.0),
        (U::Expm1, -INF, -1.0),
        (U::Log, -0.0, -INF),
        (U::Log, -1.0, NAN),
        (U::Log, 1.0, 0.0),
        (U::Log1p, -1.0, -INF),
        (U::Log1p, -0.0, -0.0),
        (U::Log1p, -2.0, NAN),
        (U::Log2, 0.0, -INF),
        (U::Log10, INF, INF),
        (U::Sin, -0.0, -0.0),
        (U::Sin, INF, NAN),
        (U::Cos, -0.0, 1.0),
        (U::Tan, -0.0, -0.0),
        (U::Tanh, -INF, -1.0),
        (U::Tanh, -0.0, -0.0),
        (U::Atan, -0.0, -0.0),
        (U::Atan, INF, std::f64::consts::FRAC_PI_2),
        (U::Asin, 2.0, NAN),
        (U::Acos, 1.0, 0.0),
        (U::Sinh, -INF, -INF),
        (U::Cosh, -INF, INF),
        (U::Asinh, -0.0, -0.0),
        (U::Acosh, 1.0, 0.0),
        (U::Acosh, 0.5, NAN),
        (U::Atanh, -1.0, -INF),
        (U::Atanh, -0.0, -0.0),
        (U::Sqrt, -0.0, -0.0),
        (U::Sqrt, -1.0, NAN),
    ];
    for &(op, x, want) in rows {
        let got = un::<f64, f64>(op, &[x])[0];
        assert!(same(got, want), "{op:?}({x}) = {got}, want {want}");
        let got32 = un::<f32, f32>(op, &[x as f32])[0] as f64;
        assert!(
            same(got32, want as f32 as f64),
            "{op:?}({x}) f32 = {got32}, want {want}"
        );
    }
}

// ------------------------------------------------------------------ layouts and threads

/// Deterministic pseudo-random values in `[-8, 8)`.
fn noise(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 11) as f64 / (1u64 << 53) as f64) * 16.0 - 8.0
        })
        .collect()
}

/// Views of shape `[r, c]`: (storage length, layout).
fn views(r: usize, c: usize) -> Vec<(usize, Layout)> {
    let n = r * c;
    vec![
        (n, Layout::contiguous(&[r, c])),
        (n, Layout::contiguous(&[c, r]).permute(&[1, 0])),
        (n, Layout::contiguous(&[r, c]).flip_axis(1)),
        (2 * n, Layout::new(vec![r, c], vec![2 * c as isize, 2], 1)),
        (
            c,
            Layout::contiguous(&[c]).broadcast_to(&[r, c], "t").unwrap(),
        ),
        (r, Layout::new(vec![r, c], vec![1, 0], 0)),
        (1, Layout::new(vec![r, c], vec![0, 0], 0)),
    ]
}

/// Host data equal bit for bit (NaN equal to NaN), through its debug form.
fn host_eq(a: &CpuStorage, al: &Layout, b: &CpuStorage, bl: &Layout) -> bool {
    let (x, y) = (
        Cpu.to_host(a, al, a.dtype()).unwrap(),
        Cpu.to_host(b, bl, b.dtype()).unwrap(),
    );
    format!("{x:?}") == format!("{y:?}")
}

/// The view's elements in C order.
fn gathered(s: &CpuStorage, l: &Layout) -> CpuStorage {
    Cpu.from_host(Cpu.to_host(s, l, s.dtype()).unwrap())
        .unwrap()
}

fn check_binary_layouts(op: BinaryOp, r: usize, c: usize) {
    let (cd, od) = op.dtypes(DType::Float64).unwrap();
    for (ai, (an, al)) in views(r, c).into_iter().enumerate() {
        for (bi, (bn, bl)) in views(r, c)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| (i + ai) % 2 == 0 || r * c < 1000)
        {
            let a = st(noise(an, ai as u64));
            let b = st(noise(bn, 10 + bi as u64));
            let cl = Layout::contiguous(&[r, c]);
            let mut want = zeros(r * c, od);
            Cpu.binary(
                op,
                &gathered(&a, &al),
                &cl,
                &gathered(&b, &bl),
                &cl,
                cd,
                &mut want,
                &cl,
                od,
            )
            .unwrap();
            let mut got = zeros(r * c, od);
            Cpu.binary(op, &a, &al, &b, &bl, cd, &mut got, &cl, od)
                .unwrap();
            assert!(host_eq(&got, &cl, &want, &cl), "{op:?} views {ai} {bi}");
            // a strided (transposed) output
            let tl = Layout::contiguous(&[c, r]).permute(&[1, 0]);
            let mut got = zeros(r * c, od);
            Cpu.binary(op, &a, &al, &b, &bl, cd, &mut got, &tl, od)
                .unwrap();
            assert!(
                host_eq(&got, &tl, &want, &cl),
                "{op:?} views {ai} {bi} into a transposed output"
            );
        }
    }
}

#[test]
fn strided_and_broadcast_binary_operands_match_contiguous() {
    for op in [
        B::Add,
        B::Divide,
        B::Pow,
        B::Atan2,
        B::Less,
        B::Maximum,
        B::Remainder,
    ] {
        check_binary_layouts(op, 5, 37);
    }
}

#[test]
fn threaded_strided_binary_matches_contiguous() {
    for op in [B::Subtract, B::Hypot, B::GreaterEqual] {
        check_binary_layouts(op, 600, 700);
    }
}

#[test]
fn strided_unary_operands_match_contiguous() {
    for (r, c) in [(3, 41), (700, 500)] {
        for op in [
            U::Exp,
            U::Sin,
            U::Log1p,
            U::Negative,
            U::IsNan,
            U::Tanh,
            U::Acosh,
        ] {
            let (cd, od) = op.dtypes(DType::Float32).unwrap();
            for (i, (n, l)) in views(r, c).into_iter().enumerate() {
                let x = st(noise(n, i as u64)
                    .into_iter()
                    .map(|v| v as f32)
                    .collect::<Vec<f32>>());
                let cl = Layout::contiguous(&[r, c]);
                let mut want = zeros(r * c, od);
                Cpu.unary(op, &gathered(&x, &l), &cl, cd, &mut want, &cl, od)
                    .unwrap();
                let mut got = zeros(r * c, od);
                Cpu.unary(op, &x, &l, cd, &mut got, &cl, od).unwrap();
                assert!(host_eq(&got, &cl, &want, &cl), "{op:?} view {i}");
            }
        }
    }
}

#[test]
fn empty_and_zero_dimensional() {
    let l0 = Layout::contiguous(&[]);
    let mut out = zeros(1, DType::Float64);
    Cpu.binary(
        B::Add,
        &st(vec![1.5f64]),
        &l0,
        &st(vec![2.0f64]),
        &l0,
        DType::Float64,
        &mut out,
        &l0,
        DType::Float64,
    )
    .unwrap();
    assert_eq!(all::<f64>(&out), vec![3.5]);
    let le = Layout::contiguous(&[3, 0]);
    let mut out = zeros(0, DType::Bool);
    Cpu.unary(
        U::IsNan,
        &st(Vec::<f64>::new()),
        &le,
        DType::Float64,
        &mut out,
        &le,
        DType::Bool,
    )
    .unwrap();
    assert!(out.is_empty());
}

#[test]
fn mismatched_dtypes_are_errors() {
    let l = Layout::contiguous(&[2]);
    let x = st(vec![1.0f64, 2.0]);
    let mut out = zeros(2, DType::Float64);
    // sin of an integer dtype is computed in float by the front end, never here
    assert!(Cpu
        .unary(
            U::Sin,
            &st(vec![1i32, 2]),
            &l,
            DType::Int32,
            &mut out,
            &l,
            DType::Float64
        )
        .is_err());
    // the storage is not of the declared dtype
    assert!(Cpu
        .unary(U::Sin, &x, &l, DType::Float32, &mut out, &l, DType::Float32)
        .is_err());
    // a wrong output dtype
    assert!(Cpu
        .unary(
            U::IsNan,
            &x,
            &l,
            DType::Float64,
            &mut out,
            &l,
            DType::Float64
        )
        .is_err());
    // shapes differ
    assert!(Cpu
        .unary(
            U::Sin,
            &x,
            &Layout::contiguous(&[1]),
            DType::Float64,
            &mut out,
            &l,
            DType::Float64
        )
        .is_err());
    // a layout out of bounds
    assert!(Cpu
        .unary(
            U::Sin,
            &x,
            &Layout::contiguous(&[3]),
            DType::Float64,
            &mut zeros(3, DType::Float64),
            &Layout::contiguous(&[3]),
            DType::Float64
        )
        .is_err());
    assert!(Cpu
        .binary(
            B::BitwiseAnd,
            &x,
            &l,
            &x,
            &l,
            DType::Float64,
            &mut out,
            &l,
            DType::Float64
        )
        .is_err());
}

// ------------------------------------------------------------------------------ in place

#[test]
fn binary_assign_in_place() {
    // contiguous a, broadcast row b
    let mut a = st((0..12).map(|v| v as f64).collect::<Vec<_>>());
    let al = Layout::contiguous(&[3, 4]);
    let b = st(vec![10.0f64, 20.0, 30.0, 40.0]);
    let bl = Layout::contiguous(&[4]).broadcast_to(&[3, 4], "t").unwrap();
    Cpu.binary_assign(B::Multiply, &mut a, &al, &b, &bl, DType::Float64)
        .unwrap();
    assert_eq!(
        all::<f64>(&a),
        vec![0.0, 20.0, 60.0, 120.0, 40.0, 100.0, 180.0, 280.0, 80.0, 180.0, 300.0, 440.0]
    );
    // a strided view of a (every other column, transposed): the rest is untouched
    let mut a = st((0..12).collect::<Vec<i32>>());
    let al = Layout::new(vec![2, 3], vec![2, 4], 0);
    let b = st(vec![100i32]);
    let bl = Layout::new(vec![2, 3], vec![0, 0], 0);
    Cpu.binary_assign(B::Add, &mut a, &al, &b, &bl, DType::Int32)
        .unwrap();
    assert_eq!(
        all::<i32>(&a),
        vec![100, 1, 102, 3, 104, 5, 106, 7, 108, 9, 110, 11]
    );
    // copy-on-write: another handle keeps the old values
    let mut a = st(vec![1u8, 2, 3]);
    let keep = a.clone();
    let l = Layout::contiguous(&[3]);
    Cpu.binary_assign(
        B::BitwiseLeftShift,
        &mut a,
        &l,
        &st(vec![1u8, 2, 8]),
        &l,
        DType::UInt8,
    )
    .unwrap();
    assert_eq!(all::<u8>(&a), vec![2, 8, 0]);
    assert_eq!(all::<u8>(&keep), vec![1, 2, 3]);
    // a comparison cannot be assigned in place
    assert!(Cpu
        .binary_assign(B::Less, &mut a, &l, &keep, &l, DType::UInt8)
        .is_err());
}

#[test]
fn large_binary_assign_matches_out_of_place() {
    for (r, c) in [(7, 9), (500, 700)] {
        for (bi, (bn, bl)) in views(r, c).into_iter().enumerate() {
            let al = Layout::contiguous(&[r, c]);
            let a0 = noise(r * c, 99);
            let b = st(noise(bn, bi as u64));
            let mut want = zeros(r * c, DType::Float64);
            Cpu.binary(
                B::Remainder,
                &st(a0.clone()),
                &al,
                &b,
                &bl,
                DType::Float64,
                &mut want,
                &al,
                DType::Float64,
            )
            .unwrap();
            let mut a = st(a0.clone());
            Cpu.binary_assign(B::Remainder, &mut a, &al, &b, &bl, DType::Float64)
                .unwrap();
            assert!(host_eq(&a, &al, &want, &al), "view {bi}");
            // transposed destination
            let tl = Layout::contiguous(&[c, r]).permute(&[1, 0]);
            let mut a = st(a0.clone());
            Cpu.binary_assign(B::Remainder, &mut a, &tl, &b, &bl, DType::Float64)
                .unwrap();
            let mut want = zeros(r * c, DType::Float64);
            Cpu.binary(
                B::Remainder,
                &st(a0.clone()),
                &tl,
                &b,
                &bl,
                DType::Float64,
                &mut want,
                &al,
                DType::Float64,
            )
            .unwrap();
            assert!(host_eq(&a, &tl, &want, &al), "view {bi} transposed");
        }
    }
}

// ------------------------------------------------------------------------ clip and where

#[test]
fn clip_propagates_nan_and_accepts_missing_bounds() {
    let l = Layout::contiguous(&[5]);
    let x = st(vec![1.0f64, NAN, 5.0, -3.0, 2.0]);
    let lo = st(vec![NAN, 0.0, 0.0, 0.0, 0.0]);
    let hi = st(vec![3.0f64]);
    let hl = Layout::new(vec![5], vec![0], 0);
    let mut out = zeros(5, DType::Float64);
    Cpu.clip(
        &x,
        &l,
        Some((&lo, &l)),
        Some((&hi, &hl)),
        DType::Float64,
        &mut out,
        &l,
    )
    .unwrap();
    assert_same(&all::<f64>(&out), &[NAN, NAN, 3.0, 0.0, 2.0], "clip");
    Cpu.clip(&x, &l, None, Some((&hi, &hl)), DType::Float64, &mut out, &l)
        .unwrap();
    assert_same(
        &all::<f64>(&out),
        &[1.0, NAN, 3.0, -3.0, 2.0],
        "clip hi only",
    );
    Cpu.clip(&x, &l, None, None, DType::Float64, &mut out, &l)
        .unwrap();
    assert_same(&all::<f64>(&out), &all::<f64>(&x), "clip unbounded");
    let xi = st(vec![-5i8, 0, 127]);
    let l3 = Layout::contiguous(&[3]);
    let mut out = zeros(3, DType::Int8);
    Cpu.clip(
        &xi,
        &l3,
        Some((&st(vec![-1i8]), &Layout::new(vec![3], vec![0], 0))),
        None,
        DType::Int8,
        &mut out,
        &l3,
    )
    .unwrap();
    assert_eq!(all::<i8>(&out), vec![-1, 0, 127]);
    assert!(Cpu
        .clip(
            &st(vec![true]),
            &Layout::contiguous(&[1]),
            None,
            None,
            DType::Bool,
            &mut zeros(1, DType::Bool),
            &Layout::contiguous(&[1])
        )
        .is_err());
}

#[test]
fn select_broadcasts_every_operand() {
    let cond = st(vec![true, false, true]);
    let cl = Layout::contiguous(&[3]).broadcast_to(&[2, 3], "t").unwrap();
    let a = st(vec![
        array_api::Complex64::new(1.0, 2.0),
        array_api::Complex64::new(3.0, 4.0),
    ]);
    let al = Layout::new(vec![2, 3], vec![1, 0], 0);
    let b = st(vec![array_api::Complex64::new(-1.0, 0.0)]);
    let bl = Layout::new(vec![2, 3], vec![0, 0], 0);
    let ol = Layout::contiguous(&[2, 3]);
    let mut out = zeros(6, DType::Complex128);
    Cpu.select(
        &cond,
        &cl,
        &a,
        &al,
        &b,
        &bl,
        DType::Complex128,
        &mut out,
        &ol,
    )
    .unwrap();
    let got: Vec<(f64, f64)> = all::<array_api::Complex64>(&out)
        .iter()
        .map(|z| (z.re, z.im))
        .collect();
    assert_eq!(
        got,
        vec![
            (1.0, 2.0),
            (-1.0, 0.0),
            (1.0, 2.0),
            (3.0, 4.0),
            (-1.0, 0.0),
            (3.0, 4.0)
        ]
    );
    // large, threaded
    let n = 1 << 20;
    let cond = st((0..n).map(|i| i % 3 == 0).collect::<Vec<bool>>());
    let l = Layout::contiguous(&[n]);
    let a = st((0..n as i64).collect::<Vec<_>>());
    let b = st(vec![-1i64]);
    let mut out = zeros(n, DType::Int64);
    Cpu.select(
        &cond,
        &l,
        &a,
        &l,
        &b,
        &Layout::new(vec![n], vec![0], 0),
        DType::Int64,
        &mut out,
        &l,
    )
    .unwrap();
    let got = all::<i64>(&out);
    assert!(got
        .iter()
        .enumerate()
        .all(|(i, &v)| v == if i % 3 == 0 { i as i64 } else { -1 }));
}
