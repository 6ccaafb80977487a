//! Branch-free `expm1` and `tanh` for `f32` and `f64`.
//!
//! - `expm1` (`f64`): `x = k ln2 + r` (`k = round(x / ln2)`, `x - k ln2_hi` exact with
//!   FMA, `r = r_hi + r_lo` a double-double), `e^r - 1 = r + r²/2 + r³ q(r)` with `q` the
//!   Taylor polynomial to `r^14/14!` and `r + r²/2` summed exactly (FMA square, two-sum),
//!   then `2^k (e^r - 1) + (2^k - 1)` by two-sum, so the result carries one final
//!   rounding: a double-double `expm1` accurate to about 2^-60 relative. For `x > 40`
//!   (where `e^x - 1` rounds to `e^x`) `2^k (1 + (e^r - 1))` is scaled by two factors as
//!   in `exp`, so overflow comes out right; `x < -45` gives `-1`; `|x| < 2^-54` gives `x`.
//! - `tanh` (`f64`): `tanh |x| = -t / (t + 2)` with `t = expm1(-2|x|)` from the
//!   double-double `expm1` and one Newton correction of the quotient (fdlibm's formula,
//!   evaluated in double-double), `|x|` clamped to 22 (`tanh = 1` beyond), the sign of `x`
//!   copied, `|x| < 2^-28` gives `x`.
//! - `expm1` (`f32`): computed in `f64` and rounded once: `e^x - 1` (the `f64` `exp`)
//!   for `|x| >= 1/16`, its Taylor polynomial below.
//! - `tanh` (`f32`): in `f32` lanes, see [`tanh_f32`].

use super::explog::{exp_f32, exp_f64};

const SHIFT: f64 = 6755399441055744.0; // 1.5 · 2^52
const LOG2E: f64 = std::f64::consts::LOG2_E;
const LN2_HI: f64 = std::f64::consts::LN_2;
const LN2_LO: f64 = 2.3190468138462996e-17;

/// `2^k` for an integer `|k| <= 1023` held in an `i64`.
#[inline(always)]
fn pow2(k: i64) -> f64 {
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// `(k, s, tail)` with `x = k ln2 + r` (`k` an integer) and `e^r - 1 = s + tail`, for
/// `x` in `[-45, 710]` (NaN passes through).
#[inline(always)]
fn core(x: f64) -> (i64, f64, f64) {
    let t = x.mul_add(LOG2E, SHIFT);
    let k = t - SHIFT;
    let ki = (t.to_bits() as i64).wrapping_sub(SHIFT.to_bits() as i64);
    let r1 = k.mul_add(-LN2_HI, x);
    let rh = k.mul_add(-LN2_LO, r1);
    let rl = (r1 - rh) - k * LN2_LO;
    // r + r²/2 = s + e exactly (|r| >= r²/2 for |r| < 2)
    let hr = 0.5 * rh;
    let hh = hr * rh;
    let hl = hr.mul_add(rh, -hh);
    let s = rh + hh;
    let e = hh - (s - rh);
    let mut q: f64 = 1.0 / 87178291200.0; // 1/14!
    q = q.mul_add(rh, 1.0 / 6227020800.0);
    q = q.mul_add(rh, 1.0 / 479001600.0);
    q = q.mul_add(rh, 1.0 / 39916800.0);
    q = q.mul_add(rh, 1.0 / 3628800.0);
    q = q.mul_add(rh, 1.0 / 362880.0);
    q = q.mul_add(rh, 1.0 / 40320.0);
    q = q.mul_add(rh, 1.0 / 5040.0);
    q = q.mul_add(rh, 1.0 / 720.0);
    q = q.mul_add(rh, 1.0 / 120.0);
    q = q.mul_add(rh, 1.0 / 24.0);
    q = q.mul_add(rh, 1.0 / 6.0);
    let r3 = rh * rh * rh;
    let tail = r3.mul_add(q, e + hl + rl.mul_add(rh, rl));
    (ki, s, tail)
}

/// `expm1(x) = hi + lo` from [`core`]`(x)`, for `x` in `[-45, 45]`.
#[inline(always)]
fn expm1_dd((ki, s, tail): (i64, f64, f64)) -> (f64, f64) {
    let kc = ki.clamp(-60, 60);
    let p = pow2(kc);
    // 2^k - 1 = a_hi + a_lo
    let a_hi = p - 1.0;
    let a_lo = (p - a_hi) - 1.0;
    let sp = s * p;
    // two-sum a_hi + s 2^k
    let u = a_hi + sp;
    let bb = u - a_hi;
    let eu = (a_hi - (u - bb)) + (sp - bb);
    let lo = tail.mul_add(p, eu + a_lo);
    // renormalise: the tail holds r³/6 + ..., not small beside u for tanh's quotient
    let hi = u + lo;
    (hi, lo - (hi - u))
}

/// `e^x - 1` for `f64` (branch-free; see the module notes).
#[inline(always)]
pub fn expm1_f64(x: f64) -> f64 {
    let c = core(x.clamp(-45.0, 710.0));
    let (hi, lo) = expm1_dd(c);
    let small = hi + lo;
    // x > 40: 2^k (1 + s + tail) with 2^k in two factors
    let (ki, s, tail) = c;
    let k1 = ki >> 1;
    let k2 = ki - k1;
    let v = 1.0 + s;
    let ev = (1.0 - v) + s;
    let big = (v + (ev + tail)) * pow2(k1.clamp(-1022, 1023)) * pow2(k2.clamp(-1022, 1023));
    if x.abs() < 5.551115123125783e-17 {
        x
    } else if x > 40.0 {
        big
    } else {
        small
    }
}

/// `tanh x` for `f64` (branch-free; see the module notes).
#[inline(always)]
pub fn tanh_f64(x: f64) -> f64 {
    let ax = x.abs().min(22.0);
    let (th, tl) = expm1_dd(core(-2.0 * ax));
    // d = 2 + t (|t| < 1)
    let dh = 2.0 + th;
    let dl = (th - (dh - 2.0)) + tl;
    // -t / d with one correction
    let q0 = -th / dh;
    let res = q0.mul_add(-dh, -th) - tl - q0 * dl;
    let v = q0 + res / dh;
    let v = v.copysign(x);
    if x.abs() < 3.725290298461914e-9 || x.is_nan() {
        x
    } else {
        v
    }
}

/// `e^x - 1` for `f32`, computed in `f64` (branch-free).
#[inline(always)]
pub fn expm1_f32(x: f32) -> f32 {
    let xd = x as f64;
    let e = exp_f64(xd) - 1.0;
    // Taylor to x^9 / 9! below 1/16: x (1 + x/2 + ...)
    let mut p: f64 = 1.0 / 3628800.0;
    p = p.mul_add(xd, 1.0 / 362880.0);
    p = p.mul_add(xd, 1.0 / 40320.0);
    p = p.mul_add(xd, 1.0 / 5040.0);
    p = p.mul_add(xd, 1.0 / 720.0);
    p = p.mul_add(xd, 1.0 / 120.0);
    p = p.mul_add(xd, 1.0 / 24.0);
    p = p.mul_add(xd, 1.0 / 6.0);
    p = p.mul_add(xd, 0.5);
    p = p.mul_add(xd, 1.0);
    let small = xd * p;
    (if xd.abs() < 0.0625 { small } else { e }) as f32
}

// tanh x ≈ x + x³ T(x²) on [0, 0.7]: T of degree 5, a weighted least-squares fit on
// Chebyshev nodes (relative error below 0.07 · 2^-24); the digits are the f32 values'.
#[allow(clippy::excessive_precision)]
const TF: [f32; 6] = [
    -0.33333325386047363,
    0.13333012163639069,
    -0.05392347276210785,
    0.021580975502729416,
    -0.007901201955974102,
    0.0019077592296525836,
];

/// `tanh x` for `f32`, in `f32` lanes (16 per AVX-512 vector, branch-free): `x + x³ T(x²)`
/// below `|x| = 0.7`, else `1 - 2e / (1 + e)` with `e = e^(-2|x|)` (the `f32` `exp`;
/// `|x|` clamped to 10, where the result rounds to 1), the sign of `x` copied. At most 1
/// ulp over every `f32` (checked exhaustively while writing it).
#[inline(always)]
pub fn tanh_f32(x: f32) -> f32 {
    let ax = x.abs();
    let e = exp_f32(-2.0 * ax.min(10.0));
    let big = 1.0 - (e + e) / (1.0 + e);
    let z = ax * ax;
    let mut p = TF[5];
    p = p.mul_add(z, TF[4]);
    p = p.mul_add(z, TF[3]);
    p = p.mul_add(z, TF[2]);
    p = p.mul_add(z, TF[1]);
    p = p.mul_add(z, TF[0]);
    let small = (z * ax).mul_add(p, ax);
    let v = if ax < 0.7 { small } else { big };
    if x.is_nan() {
        x
    } else {
        v.copysign(x)
    }
}
