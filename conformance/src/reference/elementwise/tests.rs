//! Tests of the reference elementwise kernels through the front end.

use crate::Reference;
use array_api::{self as xp, Array, Complex32, DType};

fn arr<T: array_api::Element>(v: Vec<T>) -> Array<Reference> {
    let n = v.len();
    Array::from_vec(v, [n], &Reference).unwrap()
}

#[test]
fn float32_rounds_once() {
    let a = arr(vec![1.0f32, 16777216.0, f32::MAX]);
    let b = arr(vec![3.0f32, 1.0, f32::MAX]);
    let s = xp::divide(&a, &b).unwrap().to_vec::<f32>().unwrap();
    assert_eq!(s, vec![1.0f32 / 3.0, 16777216.0, 1.0]);
    let t = xp::add(&a, &b).unwrap().to_vec::<f32>().unwrap();
    assert_eq!(t, vec![4.0, 16777216.0, f32::INFINITY]);
    let n = arr(vec![-f32::NAN]);
    let c = xp::copysign(&arr(vec![1.0f32]), &n)
        .unwrap()
        .to_vec::<f32>()
        .unwrap();
    assert_eq!(c[0], -1.0);
    let sb = xp::signbit(&n).unwrap().to_vec::<bool>().unwrap();
    assert_eq!(sb, vec![true]);
}

#[test]
fn integers_wrap_and_promote() {
    let a = arr(vec![100i8, -128, 7]);
    let b = arr(vec![100i8, -1, 0]);
    assert_eq!(
        xp::add(&a, &b).unwrap().to_vec::<i8>().unwrap(),
        vec![-56, 127, 7]
    );
    assert_eq!(
        xp::floor_divide(&a, &b).unwrap().to_vec::<i8>().unwrap(),
        vec![1, -128, 0]
    );
    let d = xp::divide(&a, &b).unwrap();
    assert_eq!(d.dtype(), DType::Float64);
    let u = arr(vec![1u8, 2]);
    assert_eq!(
        xp::negative(&u).unwrap().to_vec::<u8>().unwrap(),
        vec![255, 254]
    );
    assert_eq!(xp::sqrt(&u).unwrap().dtype(), DType::Float32);
    let sh = xp::bitwise_left_shift(&u, 9)
        .unwrap()
        .to_vec::<u8>()
        .unwrap();
    assert_eq!(sh, vec![0, 0]);
}

#[test]
fn bool_arithmetic_is_logic() {
    let a = arr(vec![true, true, false]);
    let b = arr(vec![true, false, false]);
    assert_eq!(
        xp::add(&a, &b).unwrap().to_vec::<bool>().unwrap(),
        vec![true, true, false]
    );
    assert_eq!(
        xp::multiply(&a, &b).unwrap().to_vec::<bool>().unwrap(),
        vec![true, false, false]
    );
    assert!(xp::subtract(&a, &b).is_err());
}

#[test]
fn clip_and_where() {
    let x = arr(vec![-2.0, 0.5, f64::NAN, 3.0, -0.0]);
    let c = xp::clip(&x, Some(0.0.into()), Some(1.0.into()))
        .unwrap()
        .to_vec::<f64>()
        .unwrap();
    assert_eq!(&c[..2], &[0.0, 0.5]);
    assert!(c[2].is_nan());
    assert_eq!(c[3], 1.0);
    assert!(c[4].is_sign_positive(), "ties give the bound");
    let cond = arr(vec![true, false, true, false, true]);
    let w = xp::where_(&cond, &x, 9.0).unwrap().to_vec::<f64>().unwrap();
    assert_eq!((w[0], w[1], w[3]), (-2.0, 9.0, 9.0));
    assert!(w[2].is_nan());
}

#[test]
fn complex64_through_f64() {
    let z = arr(vec![Complex32::new(3.0, 4.0), Complex32::new(0.0, 0.0)]);
    assert_eq!(
        xp::abs(&z).unwrap().to_vec::<f32>().unwrap(),
        vec![5.0, 0.0]
    );
    let s = xp::sqrt(&z).unwrap().to_vec::<Complex32>().unwrap();
    assert_eq!(s[0], Complex32::new(2.0, 1.0));
    let r = xp::reciprocal(&z).unwrap().to_vec::<Complex32>().unwrap();
    assert_eq!(r[0], Complex32::new(0.12, -0.16));
    assert!(r[1].re.is_infinite() && r[1].im.is_nan());
}

#[test]
fn in_place_and_strided_output() {
    let mut a = arr(vec![1i32, 2, 3, 4]);
    let shared = a.clone();
    xp::assign_op(xp::BinaryOp::Multiply, &mut a, 10).unwrap();
    assert_eq!(a.to_vec::<i32>().unwrap(), vec![10, 20, 30, 40]);
    assert_eq!(
        shared.to_vec::<i32>().unwrap(),
        vec![1, 2, 3, 4],
        "copy-on-write"
    );
    let m = Array::from_vec((0..6).collect::<Vec<i64>>(), [2, 3], &Reference).unwrap();
    let t = xp::permute_dims(&m, &[1, 0]).unwrap();
    let r = xp::add(
        &t,
        &xp::asarray(vec![100i64, 200], None, &Reference).unwrap(),
    )
    .unwrap();
    assert_eq!(
        r.to_vec::<i64>().unwrap(),
        vec![100, 203, 101, 204, 102, 205]
    );
}

/// `log|z|` near `f64::MAX` does not overflow: `log1p(MAX + MAX i)` and `log(MAX + MAX i)`
/// are `log(MAX) + log(2) / 2 + iπ/4 = 710.1292864836639 + 0.7853981633974483i` (mpmath;
/// `hypot(MAX, MAX)` is inf). The reference once gave `inf` for the real part.
#[test]
fn complex_log_near_overflow() {
    use super::complex::{clog, clog1p};
    use array_api::Complex64;
    use std::f64::consts::FRAC_PI_4;
    let m = f64::MAX;
    for w in [clog1p(Complex64::new(m, m)), clog(Complex64::new(m, m))] {
        assert!(
            (w.re - 710.1292864836639).abs() <= 2.0 * 710.0 * f64::EPSILON,
            "{w}"
        );
        assert_eq!(w.im, FRAC_PI_4);
    }
    // one component huge: log|z| = log(MAX)
    let w = clog(Complex64::new(-m, 1.0));
    assert!(
        (w.re - 709.782712893384).abs() <= 2.0 * 709.0 * f64::EPSILON,
        "{w}"
    );
    // |z| just below the threshold where the halving starts
    let w = clog(Complex64::new(m / 2.0, m / 2.0));
    assert!(
        (w.re - (710.1292864836639 - std::f64::consts::LN_2)).abs() <= 2e-13,
        "{w}"
    );
}
