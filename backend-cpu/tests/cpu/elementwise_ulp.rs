//! Accuracy of the vectorised transcendental kernels against the C library (through
//! `std`), over at least a million samples per function and dtype plus the hard points
//! (range ends, overflow and underflow boundaries, subnormals, values near 1 and 0,
//! special values). `f32` results are compared with the `f64` function rounded to `f32`.
//!
//! Each test prints the measured maximum error in ulps (`cargo test -- --nocapture`).

use crate::common;

use array_api::{BinaryOp, CreationOps, Element, ElementwiseOps, Layout, Scalar, UnaryOp};
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

/// `op` over `a`, `b` through the kernel (one contiguous call).
fn kernel2<T: Element>(op: BinaryOp, a: &[T], b: &[T]) -> Vec<T> {
    let l = Layout::contiguous(&[a.len()]);
    let mut out = Cpu.full(a.len(), Scalar::Int(0), T::DTYPE).unwrap();
    Cpu.binary(
        op,
        &st(a.to_vec()),
        &l,
        &st(b.to_vec()),
        &l,
        T::DTYPE,
        &mut out,
        &l,
        T::DTYPE,
    )
    .unwrap();
    all::<T>(&out)
}

/// Whether `want` (the C library's result) is a special value, which the kernel must
/// reproduce bit for bit: `±0`, `±inf`, NaN, `±1`, or the argument itself (`sin x = x`
/// for tiny `x`). Other results must be within 2 ulp (any NaN equals any NaN).
fn agrees64(got: f64, want: f64, x: f64) -> bool {
    let special = want == 0.0
        || want.is_infinite()
        || want.is_nan()
        || want.abs() == 1.0
        || want.to_bits() == x.to_bits();
    if special {
        (got.is_nan() && want.is_nan()) || got.to_bits() == want.to_bits()
    } else {
        ulps64(got, want) <= 2
    }
}

fn agrees32(got: f32, want: f32, x: f32) -> bool {
    let special = want == 0.0
        || want.is_infinite()
        || want.is_nan()
        || want.abs() == 1.0
        || want.to_bits() == x.to_bits();
    if special {
        (got.is_nan() && want.is_nan()) || got.to_bits() == want.to_bits()
    } else {
        ulps32(got, want) <= 2
    }
}

/// Special and boundary arguments (signed zeros, infinities, NaN, ±1, the extremes,
/// subnormals).
const EXACT: [f64; 14] = [
    0.0,
    -0.0,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    1.0,
    -1.0,
    f64::MAX,
    -f64::MAX,
    f64::MIN_POSITIVE,
    -f64::MIN_POSITIVE,
    5e-324,
    -5e-324,
    1e-310,
];

/// `op` at the [`EXACT`] points (and their `f32` roundings, with `f32` subnormals)
/// [`agrees64`] with `f64` / `f32`'s function from `std` (the C library): special results
/// bit for bit, through the slice loop and through one-element calls.
fn check_exact(op: UnaryOp, f: fn(f64) -> f64, g: fn(f32) -> f32) {
    let mut x: Vec<f64> = EXACT.to_vec();
    let got = kernel(op, &x);
    for (&v, &r) in x.iter().zip(&got) {
        assert!(
            agrees64(r, f(v), v),
            "{op:?} f64({v:e}) = {r:e}, want {:e}",
            f(v)
        );
        let one = kernel(op, &[v])[0];
        assert!(agrees64(one, f(v), v), "{op:?} f64({v:e}) = {one:e} alone");
    }
    x.extend_from_slice(&[1e-45, -1e-45, f32::MAX as f64, f32::MIN_POSITIVE as f64]);
    let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let got = kernel(op, &x32);
    for (&v, &r) in x32.iter().zip(&got) {
        assert!(
            agrees32(r, g(v), v),
            "{op:?} f32({v:e}) = {r:e}, want {:e}",
            g(v)
        );
    }
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
    check32(UnaryOp::Log, &x, f64::ln, 1);
}

/// The `f32` logarithm (computed in `f32` lanes) over every `f32` in `[0.5, 2)` (where the
/// reduction switches at `√2/2` and `√2`) and every 256th positive bit pattern (all
/// binades, subnormals included): within 1 ulp.
#[test]
fn log_f32_within_one_ulp_dense() {
    let lo = 0.5f32.to_bits();
    let mut x: Vec<f64> = (lo..2.0f32.to_bits())
        .map(|b| f32::from_bits(b) as f64)
        .collect();
    x.extend(
        (1..f32::INFINITY.to_bits())
            .step_by(256)
            .map(|b| f32::from_bits(b) as f64),
    );
    check32(UnaryOp::Log, &x, f64::ln, 1);
}

/// Points near multiples of π/2 (up to 2^31 π/2: both sides of the fast path's limit),
/// the limit itself, huge values, tiny values, subnormals and the special values.
fn trig_hard() -> Vec<f64> {
    let mut h = vec![
        f64::from_bits(1073741824f64.to_bits() - 1),
        1073741824.0,
        f64::from_bits(1073741824f64.to_bits() + 1),
        1e22,
        1e300,
        -1e300,
        1e-9,
        1.4901161193847656e-8,
        1e-300,
        5e-324,
        -5e-324,
        std::f64::consts::FRAC_PI_4,
        -std::f64::consts::FRAC_PI_4,
        // (the double closest to a multiple of π/2 is 6381956970095103 · 2^797, far
        // beyond the fast path; these are large arguments inside it)
        3.37028744e8,
        1.5707963267948966e8,
    ];
    for k in [
        1.0f64, 2.0, 3.0, 4.0, 7.0, 100.0, 12345.0, 1e6, 1e9, 1.2e9, 1e15,
    ] {
        h.push(k * std::f64::consts::FRAC_PI_2);
        h.push(-k * std::f64::consts::FRAC_PI_2);
    }
    h.extend_from_slice(&SPECIAL);
    h
}

#[test]
fn sin_cos_tan_within_two_ulp() {
    let x = samples(-10.0, 10.0, (1e-20, 1e12), true, &trig_hard());
    check64(UnaryOp::Sin, &x, f64::sin, 2);
    check64(UnaryOp::Cos, &x, f64::cos, 2);
    check64(UnaryOp::Tan, &x, f64::tan, 2);
    check32(UnaryOp::Sin, &x, f64::sin, 2);
    check32(UnaryOp::Cos, &x, f64::cos, 2);
    check32(UnaryOp::Tan, &x, f64::tan, 2);
}

#[test]
fn sin_cos_tan_special_values() {
    check_exact(UnaryOp::Sin, f64::sin, f32::sin);
    check_exact(UnaryOp::Cos, f64::cos, f32::cos);
    check_exact(UnaryOp::Tan, f64::tan, f32::tan);
}

#[test]
fn expm1_tanh_within_two_ulp() {
    let mut hard = vec![
        709.782712893384,
        709.7827128933841,
        710.0,
        40.0,
        f64::from_bits(40f64.to_bits() + 1),
        -45.0,
        -37.0,
        -40.0,
        1e-300,
        5.551115123125783e-17,
        3.725290298461914e-9,
        22.0,
        0.34657359027997264,
        -0.34657359027997264,
        std::f64::consts::LN_2,
        0.55,
        1.0,
    ];
    hard.extend_from_slice(&SPECIAL);
    let x = samples(-50.0, 50.0, (1e-20, 720.0), true, &hard);
    check64(UnaryOp::Expm1, &x, f64::exp_m1, 2);
    check64(UnaryOp::Tanh, &x, f64::tanh, 2);
    let x = samples(-3.0, 3.0, (1e-30, 100.0), true, &hard);
    check64(UnaryOp::Expm1, &x, f64::exp_m1, 2);
    check64(UnaryOp::Tanh, &x, f64::tanh, 2);
    check32(UnaryOp::Expm1, &x, f64::exp_m1, 2);
    check32(UnaryOp::Tanh, &x, f64::tanh, 1);
    check_exact(UnaryOp::Expm1, f64::exp_m1, f32::exp_m1);
    check_exact(UnaryOp::Tanh, f64::tanh, f32::tanh);
}

/// The `f32` `tanh` (computed in `f32` lanes) over every `f32` in `±[0.5, 1)` (across the
/// switch from the polynomial to the `exp` form at 0.7) and every 256th positive bit
/// pattern up to `+inf` and their negatives: within 1 ulp.
#[test]
fn tanh_f32_within_one_ulp_dense() {
    let mut x: Vec<f64> = (0.5f32.to_bits()..1.0f32.to_bits())
        .map(|b| f32::from_bits(b) as f64)
        .collect();
    x.extend(
        (1..f32::INFINITY.to_bits())
            .step_by(256)
            .map(|b| f32::from_bits(b) as f64),
    );
    let neg: Vec<f64> = x.iter().map(|v| -v).collect();
    x.extend(neg);
    check32(UnaryOp::Tanh, &x, f64::tanh, 1);
}

#[test]
fn log1p_log2_log10_within_two_ulp() {
    let mut hard = vec![
        -1.0,
        -1.0 + f64::EPSILON / 2.0,
        -0.5,
        -0.2928932188134524,
        0.41421356237309515,
        1e-300,
        5.551115123125783e-17,
        1.0,
        2.0,
        10.0,
        100.0,
        1000.0,
        1e22,
        0.1,
        0.001,
        std::f64::consts::SQRT_2,
        std::f64::consts::FRAC_1_SQRT_2,
    ];
    hard.extend_from_slice(&SPECIAL);
    let x = samples(-1.0, 2.0, (1e-320, 1e308), true, &hard);
    check64(UnaryOp::Log1p, &x, f64::ln_1p, 2);
    check32(UnaryOp::Log1p, &x, f64::ln_1p, 2);
    let x = samples(0.5, 2.0, (1e-320, 1e308), false, &hard);
    check64(UnaryOp::Log2, &x, f64::log2, 2);
    check64(UnaryOp::Log10, &x, f64::log10, 2);
    check32(UnaryOp::Log2, &x, f64::log2, 2);
    check32(UnaryOp::Log10, &x, f64::log10, 2);
    check_exact(UnaryOp::Log1p, f64::ln_1p, f32::ln_1p);
    check_exact(UnaryOp::Log2, f64::log2, f32::log2);
    check_exact(UnaryOp::Log10, f64::log10, f32::log10);
    // exact powers
    for k in -1074..1024 {
        let v = if k >= -1022 {
            f64::from_bits(((k + 1023) as u64) << 52)
        } else {
            f64::from_bits(1u64 << (k + 1074))
        };
        assert_eq!(kernel(UnaryOp::Log2, &[v])[0], k as f64);
    }
    for k in 0..23 {
        let v = 10f64.powi(k);
        assert_eq!(kernel(UnaryOp::Log10, &[v])[0], k as f64, "log10(1e{k})");
    }
}

#[test]
fn atan_within_two_ulp() {
    let mut hard = vec![
        0.4375,
        0.6875,
        1.1875,
        2.4375,
        1.0,
        7.450580596923828e-9,
        1e-300,
        1e300,
        5e-324,
    ];
    hard.extend_from_slice(&SPECIAL);
    let x = samples(-4.0, 4.0, (1e-20, 1e20), true, &hard);
    check64(UnaryOp::Atan, &x, f64::atan, 2);
    check32(UnaryOp::Atan, &x, f64::atan, 2);
    check_exact(UnaryOp::Atan, f64::atan, f32::atan);
}

/// The special and boundary values of `pow`'s operands.
const POW_SPECIAL: [f64; 24] = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -0.5,
    2.0,
    -2.0,
    3.0,
    -3.0,
    2.5,
    -2.5,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    f64::MAX,
    -f64::MAX,
    f64::MIN_POSITIVE,
    5e-324,
    -5e-324,
    1e300,
    1e-300,
    9007199254740993.0,
    -9007199254740991.0,
];

#[test]
fn pow_within_two_ulp_and_special_cases_exact() {
    // random pairs: |x| log-uniform over the whole range, y with |y log x| < 750
    let mut r = Rng(777);
    let mut a = Vec::new();
    let mut b = Vec::new();
    for i in 0..1_100_000 {
        let x = if i % 2 == 0 {
            0.5 + 1.5 * r.next()
        } else {
            (-745.0 + 1454.0 * r.next()).exp()
        };
        let lx = x.ln().abs().max(1e-300);
        let y = (2.0 * r.next() - 1.0) * (750.0 / lx).min(1e6);
        // negative bases with integer exponents
        if i % 7 == 0 {
            a.push(-x);
            b.push(y.round());
        } else {
            a.push(x);
            b.push(y);
        }
    }
    let got = kernel2(BinaryOp::Pow, &a, &b);
    let mut worst = (0u64, 0.0, 0.0);
    for ((&x, &y), &g) in a.iter().zip(&b).zip(&got) {
        let u = ulps64(g, x.powf(y));
        if u > worst.0 {
            worst = (u, x, y);
        }
    }
    println!(
        "Pow f64: max error {} ulp (at {:e} ** {:e}) over {} samples",
        worst.0,
        worst.1,
        worst.2,
        a.len()
    );
    assert!(worst.0 <= 2, "pow f64: {worst:?}");
    // f32 against the f64 function rounded
    let a32: Vec<f32> = a.iter().map(|&v| (v as f32).clamp(-3e38, 3e38)).collect();
    let b32: Vec<f32> = b.iter().map(|&v| (v as f32) / 7.0).collect();
    let got = kernel2(BinaryOp::Pow, &a32, &b32);
    let mut worst = (0u64, 0.0f32, 0.0f32);
    for ((&x, &y), &g) in a32.iter().zip(&b32).zip(&got) {
        let want = (x as f64).powf(y as f64) as f32;
        let u = ulps32(g, want);
        if u > worst.0 {
            worst = (u, x, y);
        }
    }
    println!(
        "Pow f32: max error {} ulp (at {:e} ** {:e})",
        worst.0, worst.1, worst.2
    );
    assert!(worst.0 <= 1, "pow f32: {worst:?}");
    // exact powers
    let mut xs: Vec<f64> = (1..200).map(|i| i as f64).collect();
    xs.extend((1..200).map(|i| -i as f64));
    for e in [2.0, 3.0, 4.0, 5.0] {
        let ys = vec![e; xs.len()];
        for ((&x, &y), &g) in xs.iter().zip(&ys).zip(&kernel2(BinaryOp::Pow, &xs, &ys)) {
            assert_eq!(g, x.powf(y), "{x} ** {y}");
        }
    }
    let xs: Vec<f64> = (-40..40).map(|k| 4f64.powi(k)).collect();
    for e in [0.5, -0.5, -1.0, -2.0, 1.5] {
        let ys = vec![e; xs.len()];
        for ((&x, &y), &g) in xs.iter().zip(&ys).zip(&kernel2(BinaryOp::Pow, &xs, &ys)) {
            assert_eq!(g, x.powf(y), "{x} ** {y}");
        }
    }
    // every special pair, bit for bit with the C library (one call: slice loop and
    // fix-up; one element per call)
    let mut sa = Vec::new();
    let mut sb = Vec::new();
    for &x in &POW_SPECIAL {
        for &y in &POW_SPECIAL {
            sa.push(x);
            sb.push(y);
        }
    }
    for ((&x, &y), &g) in sa.iter().zip(&sb).zip(&kernel2(BinaryOp::Pow, &sa, &sb)) {
        let want = x.powf(y);
        assert!(
            agrees64(g, want, f64::NAN),
            "{x:e} ** {y:e} = {g:e}, want {want:e}"
        );
        let one = kernel2(BinaryOp::Pow, &[x], &[y])[0];
        assert!(
            agrees64(one, want, f64::NAN),
            "{x:e} ** {y:e} = {one:e} alone"
        );
    }
    let sa32: Vec<f32> = sa.iter().map(|&v| v as f32).collect();
    let sb32: Vec<f32> = sb.iter().map(|&v| v as f32).collect();
    let got = kernel2(BinaryOp::Pow, &sa32, &sb32);
    for ((&x, &y), &g) in sa32.iter().zip(&sb32).zip(&got) {
        let want = x.powf(y);
        assert!(
            agrees32(g, want, f32::NAN),
            "{x:e} ** {y:e} = {g:e}, want {want:e} (f32)"
        );
    }
}

#[test]
fn hypot_within_one_ulp_and_special_cases_exact() {
    // |x| log-uniform over the whole range (subnormals included); y either independent
    // or x times a ratio in [1e-20, 1e20], random signs
    let mut r = Rng(4242);
    let mut a = Vec::new();
    let mut b = Vec::new();
    let mag = |r: &mut Rng| (-744.0 + 1453.0 * r.next()).exp();
    for i in 0..1_100_000 {
        let x = mag(&mut r);
        let y = if i % 2 == 0 {
            mag(&mut r)
        } else {
            x * (46.0 * r.next() - 23.0).exp()
        };
        let sx = if r.next() < 0.5 { -1.0 } else { 1.0 };
        let sy = if r.next() < 0.5 { -1.0 } else { 1.0 };
        a.push(sx * x);
        b.push(sy * y.min(f64::MAX));
    }
    let got = kernel2(BinaryOp::Hypot, &a, &b);
    let mut worst = (0u64, 0.0, 0.0);
    for ((&x, &y), &g) in a.iter().zip(&b).zip(&got) {
        let u = ulps64(g, x.hypot(y));
        if u > worst.0 {
            worst = (u, x, y);
        }
    }
    println!(
        "Hypot f64: max error {} ulp (at {:e}, {:e})",
        worst.0, worst.1, worst.2
    );
    assert!(worst.0 <= 1, "hypot f64: {worst:?}");
    // f32 against the f64 function rounded (values clamped into the f32 range)
    let a32: Vec<f32> = a.iter().map(|&v| (v as f32).clamp(-3e38, 3e38)).collect();
    let b32: Vec<f32> = b.iter().map(|&v| (v as f32).clamp(-3e38, 3e38)).collect();
    let got = kernel2(BinaryOp::Hypot, &a32, &b32);
    let mut worst = (0u64, 0.0f32, 0.0f32);
    for ((&x, &y), &g) in a32.iter().zip(&b32).zip(&got) {
        let u = ulps32(g, (x as f64).hypot(y as f64) as f32);
        if u > worst.0 {
            worst = (u, x, y);
        }
    }
    println!(
        "Hypot f32: max error {} ulp (at {:e}, {:e})",
        worst.0, worst.1, worst.2
    );
    assert!(worst.0 <= 1, "hypot f32: {worst:?}");
    // every special pair, bit for bit with the C library (through the slice loop and
    // one element per call)
    let mut sa = Vec::new();
    let mut sb = Vec::new();
    for &x in &POW_SPECIAL {
        for &y in &POW_SPECIAL {
            sa.push(x);
            sb.push(y);
        }
    }
    let got = kernel2(BinaryOp::Hypot, &sa, &sb);
    for (i, (&x, &y)) in sa.iter().zip(&sb).enumerate() {
        let want = x.hypot(y);
        let one = kernel2(BinaryOp::Hypot, &[x], &[y])[0];
        for g in [got[i], one] {
            assert!(
                agrees64(g, want, f64::NAN),
                "hypot({x:e}, {y:e}) = {g:e}, want {want:e}"
            );
        }
    }
    let sa32: Vec<f32> = sa.iter().map(|&v| v as f32).collect();
    let sb32: Vec<f32> = sb.iter().map(|&v| v as f32).collect();
    let got = kernel2(BinaryOp::Hypot, &sa32, &sb32);
    for ((&x, &y), &g) in sa32.iter().zip(&sb32).zip(&got) {
        let want = x.hypot(y);
        assert!(
            agrees32(g, want, f32::NAN),
            "hypot({x:e}, {y:e}) = {g:e}, want {want:e} (f32)"
        );
    }
}

#[test]
fn atan2_within_one_ulp_and_special_cases_exact() {
    // |y|, |x| log-uniform over the whole range (subnormals included), or x = y times a
    // ratio near the reduction's boundaries (7/16, 11/16, 1) and their reciprocals;
    // random signs
    let mut r = Rng(2718);
    let mut a = Vec::new();
    let mut b = Vec::new();
    let mag = |r: &mut Rng| (-744.0 + 1453.0 * r.next()).exp();
    let ratios = [
        0.4375,
        0.6875,
        1.0,
        1.0 / 0.4375,
        1.0 / 0.6875,
        7.45e-9,
        1e-300,
    ];
    for i in 0..1_100_000 {
        let y = mag(&mut r);
        let x = match i % 3 {
            0 => mag(&mut r),
            1 => y * (46.0 * r.next() - 23.0).exp(),
            _ => y * ratios[i % ratios.len()] * (1.0 + 1e-3 * (2.0 * r.next() - 1.0)),
        };
        let sx = if r.next() < 0.5 { -1.0 } else { 1.0 };
        let sy = if r.next() < 0.5 { -1.0 } else { 1.0 };
        a.push(sy * y.min(f64::MAX));
        b.push(sx * x.min(f64::MAX));
    }
    let got = kernel2(BinaryOp::Atan2, &a, &b);
    let mut worst = (0u64, 0.0, 0.0);
    for ((&y, &x), &g) in a.iter().zip(&b).zip(&got) {
        let u = ulps64(g, y.atan2(x));
        if u > worst.0 {
            worst = (u, y, x);
        }
    }
    println!(
        "Atan2 f64: max error {} ulp (at {:e}, {:e}) over {} samples",
        worst.0,
        worst.1,
        worst.2,
        a.len()
    );
    assert!(worst.0 <= 1, "atan2 f64: {worst:?}");
    // f32 against the f64 function rounded (values clamped into the f32 range)
    let a32: Vec<f32> = a.iter().map(|&v| (v as f32).clamp(-3e38, 3e38)).collect();
    let b32: Vec<f32> = b.iter().map(|&v| (v as f32).clamp(-3e38, 3e38)).collect();
    let got = kernel2(BinaryOp::Atan2, &a32, &b32);
    let mut worst = (0u64, 0.0f32, 0.0f32);
    for ((&y, &x), &g) in a32.iter().zip(&b32).zip(&got) {
        let u = ulps32(g, (y as f64).atan2(x as f64) as f32);
        if u > worst.0 {
            worst = (u, y, x);
        }
    }
    println!(
        "Atan2 f32: max error {} ulp (at {:e}, {:e})",
        worst.0, worst.1, worst.2
    );
    assert!(worst.0 <= 1, "atan2 f32: {worst:?}");
    // every pair of special and boundary values, through the slice loop and one element
    // per call: bit for bit with the C library where an operand is a zero, an infinity or
    // NaN (the standard's table), else within 1 ulp
    let mut sa = Vec::new();
    let mut sb = Vec::new();
    for &y in &POW_SPECIAL {
        for &x in &POW_SPECIAL {
            sa.push(y);
            sb.push(x);
        }
    }
    let got = kernel2(BinaryOp::Atan2, &sa, &sb);
    for (i, (&y, &x)) in sa.iter().zip(&sb).enumerate() {
        let want = y.atan2(x);
        let one = kernel2(BinaryOp::Atan2, &[y], &[x])[0];
        let exact = [x, y].iter().any(|v| *v == 0.0 || !v.is_finite());
        for g in [got[i], one] {
            assert!(
                if exact {
                    (g.is_nan() && want.is_nan()) || g.to_bits() == want.to_bits()
                } else {
                    ulps64(g, want) <= 1
                },
                "atan2({y:e}, {x:e}) = {g:e}, want {want:e}"
            );
        }
    }
    let sa32: Vec<f32> = sa.iter().map(|&v| v as f32).collect();
    let sb32: Vec<f32> = sb.iter().map(|&v| v as f32).collect();
    let got = kernel2(BinaryOp::Atan2, &sa32, &sb32);
    for ((&y, &x), &g) in sa32.iter().zip(&sb32).zip(&got) {
        let want = y.atan2(x);
        let exact = [x, y].iter().any(|v| *v == 0.0 || !v.is_finite());
        assert!(
            if exact {
                (g.is_nan() && want.is_nan()) || g.to_bits() == want.to_bits()
            } else {
                ulps32(g, want) <= 1
            },
            "atan2({y:e}, {x:e}) = {g:e}, want {want:e} (f32)"
        );
    }
}
