//! Real float elementwise kernels through `ElementwiseOps`: hand-checked values (rounding
//! half to even, NumPy's division family, NaN and signed zeros, special values).

use crate::common;

use array_api::{BinaryOp as B, UnaryOp, UnaryOp as U};
use common::ew::*;

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
