//! Accuracy of the vectorised transcendental kernels against the C library (through
//! `std`), over at least a million samples per function and dtype plus the hard points
//! (range ends, overflow and underflow boundaries, subnormals, values near 1 and 0,
//! special values). `f32` results are compared with the `f64` function rounded to `f32`.
//!
//! Each test prints the measured maximum error in ulps (`cargo test -- --nocapture`).

mod common;

use array_api::{CreationOps, Element, ElementwiseOps, Layout, Scalar, UnaryOp};
use backend_cpu::Cpu;
use common::*;

/// The distance in ulps between two `f64` (0 for two NaNs, two equal infinities).
fn ulps64(a: f64, b: f64) -> u64 {
    if a.is_nan() || b.is_nan() {
        return if a.is_nan() && b.is_nan() {
            0
        } else {
            u64::MAX
        };
    }
    let key = |x: f64| {
        let b = x.to_bits() as i64;
        if b < 0 {
            i64::MIN - b
        } else {
            b
        }
    };
    key(a).abs_diff(key(b))
}

/// The distance in ulps between two `f32`.
fn ulps32(a: f32, b: f32) -> u64 {
    if a.is_nan() || b.is_nan() {
        return if a.is_nan() && b.is_nan() {
            0
        } else {
            u64::MAX
        };
    }
    let key = |x: f32| {
        let b = x.to_bits() as i32 as i64;
        if b < 0 {
            i32::MIN as i64 - b
        } else {
            b
        }
    };
    key(a).abs_diff(key(b))
}

/// A deterministic sample in `[0, 1)`.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `op` over `x` through the kernel (one contiguous call: the vectorised loop, threads).
fn kernel<T: Element>(op: UnaryOp, x: &[T]) -> Vec<T> {
    let l = Layout::contiguous(&[x.len()]);
    let mut out = Cpu.full(x.len(), Scalar::Int(0), T::DTYPE).unwrap();
    Cpu.unary(op, &st(x.to_vec()), &l, T::DTYPE, &mut out, &l, T::DTYPE)
        .unwrap();
    all::<T>(&out)
}

/// Samples for an `f64` function: uniform over `lo..hi`, log-uniform over the
/// magnitudes in `mags` (both signs when `signed`), plus `extra` hard points.
fn samples(lo: f64, hi: f64, mags: (f64, f64), signed: bool, extra: &[f64]) -> Vec<f64> {
    let mut r = Rng(12345);
    let mut v: Vec<f64> = (0..600_000).map(|_| lo + (hi - lo) * r.next()).collect();
    let (l0, l1) = (mags.0.ln(), mags.1.ln());
    for _ in 0..500_000 {
        let m = (l0 + (l1 - l0) * r.next()).exp();
        v.push(if signed && r.next() < 0.5 { -m } else { m });
    }
    v.extend_from_slice(extra);
    for &e in extra {
        // neighbours of the hard points
        let mut a = e;
        let mut b = e;
        for _ in 0..50 {
            a = f64::from_bits(a.to_bits().wrapping_add(1));
            b = f64::from_bits(b.to_bits().wrapping_sub(1));
            v.push(a);
            v.push(b);
        }
    }
    v
}

const SPECIAL: [f64; 7] = [
    0.0,
    -0.0,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    f64::MAX,
    f64::MIN_POSITIVE,
];

fn check64(op: UnaryOp, x: &[f64], reference: impl Fn(f64) -> f64, bound: u64) {
    let got = kernel(op, x);
    let mut worst = (0u64, 0.0f64);
    for (&v, &g) in x.iter().zip(&got) {
        let u = ulps64(g, reference(v));
        if u > worst.0 {
            worst = (u, v);
        }
    }
    println!(
        "{op:?} f64: max error {} ulp (at x = {:e}) over {} samples",
        worst.0,
        worst.1,
        x.len()
    );
    assert!(
        worst.0 <= bound,
        "{op:?} f64: {} ulp at x = {:e}: got {}, want {}",
        worst.0,
        worst.1,
        kernel(op, &[worst.1])[0],
        reference(worst.1)
    );
}

fn check32(op: UnaryOp, x: &[f64], reference: impl Fn(f64) -> f64, bound: u64) {
    let x: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let got = kernel(op, &x);
    let mut worst = (0u64, 0.0f32);
    for (&v, &g) in x.iter().zip(&got) {
        let u = ulps32(g, reference(v as f64) as f32);
        if u > worst.0 {
            worst = (u, v);
        }
    }
    println!(
        "{op:?} f32: max error {} ulp (at x = {:e}) over {} samples",
        worst.0,
        worst.1,
        x.len()
    );
    assert!(
        worst.0 <= bound,
        "{op:?} f32: {} ulp at x = {:e}",
        worst.0,
        worst.1
    );
}

#[test]
fn exp_within_two_ulp() {
    let mut hard = vec![
        709.782712893384,
        709.7827128933841,
        -708.3964185322641,
        -745.1332191019411,
        -745.1332191019412,
        -744.4400719213812,
        1e-300,
        -1e-300,
        0.5 * std::f64::consts::LN_2,
        700.0,
        -700.0,
    ];
    hard.extend_from_slice(&SPECIAL);
    let x = samples(-750.0, 712.0, (1e-20, 1.0), true, &hard);
    check64(UnaryOp::Exp, &x, f64::exp, 2);
    let mut hard32 = vec![
        88.72283,
        88.7228394,
        -87.33655,
        -103.972084,
        -103.97208,
        1e-30,
        0.34657359,
    ];
    hard32.extend_from_slice(&SPECIAL);
    let x = samples(-105.0, 90.0, (1e-20, 1.0), true, &hard32);
    check32(UnaryOp::Exp, &x, f64::exp, 2);
}

#[test]
fn log_within_two_ulp() {
    let mut hard = vec![
        1.0,
        1.0 + f64::EPSILON,
        1.0 - f64::EPSILON / 2.0,
        5e-324,
        2.225073858507201e-308,
        std::f64::consts::SQRT_2,
        std::f64::consts::FRAC_1_SQRT_2,
        -1.0,
        0.999,
        1.001,
    ];
    hard.extend_from_slice(&SPECIAL);
    let x = samples(0.5, 2.0, (1e-320, 1e308), false, &hard);
    check64(UnaryOp::Log, &x, f64::ln, 2);
    check32(UnaryOp::Log, &x, f64::ln, 2);
}
