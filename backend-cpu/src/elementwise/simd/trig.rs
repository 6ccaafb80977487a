//! Branch-free `sin`, `cos` and `tan` for `f32` and `f64` on `|x| < 2^30`; larger
//! arguments, infinities and NaN are left to the C library by the slice loops' fix-up
//! pass (`vloop_fix`) and by [`sin_f64`] & co. for one element.
//!
//! - Reduction (Cody–Waite with FMA): `n = round(x · 2/π)` by the 1.5·2^52 shift trick,
//!   `x = n π/2 + r`, `|r| <= π/4` (a hair more where `x · 2/π` rounds across a half).
//!   `π/2 = P1 + P2 + P3` (three doubles, 159 bits). `x - n P1` is exact (both are
//!   multiples of 2^-53 and the difference is below 1); for `f64` the rest is carried as a
//!   double-double `r = r_hi + r_lo` (`n P2` split exactly with an FMA, the subtraction by
//!   two-sum), so `r` keeps about 2^-68 relative accuracy even at the worst cancellation
//!   of doubles below 2^30. For `f32` the reduction runs in `f64` (three FMAs), which is
//!   ample for a result rounded to `f32`.
//! - `sin r`, `cos r` on `|r| <= π/4`: the minimax polynomials of fdlibm's `__kernel_sin`
//!   and `__kernel_cos` (published coefficients), evaluated fdlibm's way, with `r_lo`
//!   folded in to first order and `cos r = w + ((1 - w) - r²/2 + ...)`, `w = 1 - r²/2`, so
//!   that the big part is exact. Both are evaluated and the quadrant `n mod 4` selects and
//!   signs one. `f32` uses Taylor polynomials in `f64` (truncation below 2^-33).
//! - `tan`: `sin r / cos r` (even `n`) or `-cos r / sin r` (odd `n`) with the two results
//!   kept as unevaluated sums and one Newton correction of the quotient, so the error is
//!   about that of the final rounding.
//! - `|x| < 2^-26`: `sin x = tan x = x` (exact for `±0` and subnormals), `cos x = 1`.

// The published coefficients are kept digit for digit.
#![allow(clippy::excessive_precision)]

/// Arguments below this in magnitude take the vectorised path.
pub const TRIG_LIMIT: f64 = 1073741824.0; // 2^30

const SHIFT: f64 = 6755399441055744.0; // 1.5 · 2^52
const TWO_OVER_PI: f64 = std::f64::consts::FRAC_2_PI;
const P1: f64 = std::f64::consts::FRAC_PI_2;
const P2: f64 = 6.123233995736766e-17;
const P3: f64 = -1.4973849048591698e-33;
const TINY: f64 = 1.4901161193847656e-8; // 2^-26

// fdlibm k_sin.c
const S1: f64 = -1.66666666666666324348e-01;
const S2: f64 = 8.33333333332248946124e-03;
const S3: f64 = -1.98412698298579493134e-04;
const S4: f64 = 2.75573137070700676789e-06;
const S5: f64 = -2.50507602534068634195e-08;
const S6: f64 = 1.58969099521155010221e-10;
// fdlibm k_cos.c
const C1: f64 = 4.16666666666666019037e-02;
const C2: f64 = -1.38888888888741095749e-03;
const C3: f64 = 2.48015872894767294178e-05;
const C4: f64 = -2.75573143513906633035e-07;
const C5: f64 = 2.08757232129817482790e-09;
const C6: f64 = -1.13596475577881948265e-11;

/// `x = n π/2 + r_hi + r_lo`: `(r_hi, r_lo, n mod 4)` for `|x| < 2^30`.
#[inline(always)]
fn reduce(x: f64) -> (f64, f64, u64) {
    let t = x.mul_add(TWO_OVER_PI, SHIFT);
    let n = t - SHIFT;
    let q = t.to_bits() & 3;
    // exact (see the module notes)
    let r1 = n.mul_add(-P1, x);
    // n P2 = th + tl exactly
    let th = n * P2;
    let tl = n.mul_add(P2, -th);
    // s + e = r1 - th exactly (two-sum)
    let s = r1 - th;
    let bb = s - r1;
    let e = (r1 - (s - bb)) + (-th - bb);
    let lo = e - tl - n * P3;
    // renormalise (|lo| is far below |s| unless both are tiny)
    let hi = s + lo;
    let lo = lo - (hi - s);
    (hi, lo, q)
}

/// `sin(x + y) = a + b` for `|x| <= π/4`, `|y|` below half an ulp of `x`.
#[inline(always)]
fn ksin(x: f64, y: f64) -> (f64, f64) {
    let z = x * x;
    let w = z * z;
    let r = S2 + z * S4.mul_add(z, S3) + z * w * S6.mul_add(z, S5);
    let v = z * x;
    (x, -((z * (0.5 * y - v * r) - y) - v * S1))
}

/// `cos(x + y) = a + b` for `|x| <= π/4`.
#[inline(always)]
fn kcos(x: f64, y: f64) -> (f64, f64) {
    let z = x * x;
    let w = z * z;
    let r = z * C3.mul_add(z, C2).mul_add(z, C1) + w * w * C6.mul_add(z, C5).mul_add(z, C4);
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    (w, ((1.0 - w) - hz) + (z * r - x * y))
}

/// Flips the sign of `v` when bit 1 of `q` is set.
#[inline(always)]
fn sign_q(v: f64, q: u64) -> f64 {
    f64::from_bits(v.to_bits() ^ ((q & 2) << 62))
}

/// `sin x` for `|x| < 2^30` (branch-free).
#[inline(always)]
pub fn sin_f64_fast(x: f64) -> f64 {
    let (hi, lo, q) = reduce(x);
    let (sa, sb) = ksin(hi, lo);
    let (ca, cb) = kcos(hi, lo);
    let v = if q & 1 == 0 { sa + sb } else { ca + cb };
    let v = sign_q(v, q);
    if x.abs() < TINY {
        x
    } else {
        v
    }
}

/// `cos x` for `|x| < 2^30` (branch-free).
#[inline(always)]
pub fn cos_f64_fast(x: f64) -> f64 {
    let (hi, lo, q) = reduce(x);
    let (sa, sb) = ksin(hi, lo);
    let (ca, cb) = kcos(hi, lo);
    let v = if q & 1 == 0 { ca + cb } else { sa + sb };
    // cos: + - - + over q = 0 1 2 3, i.e. sin's sign pattern shifted by one quadrant
    let v = sign_q(v, q.wrapping_add(1));
    if x.abs() < TINY {
        1.0
    } else {
        v
    }
}

/// `tan x` for `|x| < 2^30` (branch-free).
#[inline(always)]
pub fn tan_f64_fast(x: f64) -> f64 {
    let (hi, lo, q) = reduce(x);
    let (sa, sb) = ksin(hi, lo);
    let (ca, cb) = kcos(hi, lo);
    let odd = q & 1 != 0;
    // tan = (a1 + a2) / (b1 + b2)
    let (a1, a2) = if odd { (-ca, -cb) } else { (sa, sb) };
    let (b1, b2) = if odd { (sa, sb) } else { (ca, cb) };
    let b = b1 + b2;
    let q0 = (a1 + a2) / b;
    let res = q0.mul_add(-b1, a1) + a2 - q0 * b2;
    let v = q0 + res / b;
    if x.abs() < TINY {
        x
    } else {
        v
    }
}

/// Whether the fast path applies (false for NaN and infinities).
#[inline(always)]
pub fn trig_ok_f64(x: f64) -> bool {
    x.abs() < TRIG_LIMIT
}

/// Whether the fast path applies to an `f32` argument.
#[inline(always)]
pub fn trig_ok_f32(x: f32) -> bool {
    x.abs() < TRIG_LIMIT as f32
}

/// `sin x` for one element (the C library's beyond the fast path).
#[inline(always)]
pub fn sin_f64(x: f64) -> f64 {
    if trig_ok_f64(x) {
        sin_f64_fast(x)
    } else {
        x.sin()
    }
}

/// `cos x` for one element.
#[inline(always)]
pub fn cos_f64(x: f64) -> f64 {
    if trig_ok_f64(x) {
        cos_f64_fast(x)
    } else {
        x.cos()
    }
}

/// `tan x` for one element.
#[inline(always)]
pub fn tan_f64(x: f64) -> f64 {
    if trig_ok_f64(x) {
        tan_f64_fast(x)
    } else {
        x.tan()
    }
}

/// The `f32` reduction in `f64`: `(r, n mod 4)`.
#[inline(always)]
fn reduce32(x: f64) -> (f64, u64) {
    let t = x.mul_add(TWO_OVER_PI, SHIFT);
    let n = t - SHIFT;
    let r = n.mul_add(-P1, x);
    let r = n.mul_add(-P2, r);
    let r = n.mul_add(-P3, r);
    (r, t.to_bits() & 3)
}

/// Taylor polynomials to degree 11 (sin) and 12 (cos) on `|r| <= π/4`.
#[inline(always)]
fn sincos32(r: f64) -> (f64, f64) {
    let z = r * r;
    let mut s: f64 = -1.0 / 39916800.0;
    s = s.mul_add(z, 1.0 / 362880.0);
    s = s.mul_add(z, -1.0 / 5040.0);
    s = s.mul_add(z, 1.0 / 120.0);
    s = s.mul_add(z, -1.0 / 6.0);
    let s = (s * z).mul_add(r, r);
    let mut c: f64 = 1.0 / 479001600.0;
    c = c.mul_add(z, -1.0 / 3628800.0);
    c = c.mul_add(z, 1.0 / 40320.0);
    c = c.mul_add(z, -1.0 / 720.0);
    c = c.mul_add(z, 1.0 / 24.0);
    c = c.mul_add(z, -0.5);
    let c = c.mul_add(z, 1.0);
    (s, c)
}

/// `sin x` for `f32`, `|x| < 2^30` (branch-free).
#[inline(always)]
pub fn sin_f32_fast(x: f32) -> f32 {
    let xd = x as f64;
    let (r, q) = reduce32(xd);
    let (s, c) = sincos32(r);
    let v = sign_q(if q & 1 == 0 { s } else { c }, q);
    if xd.abs() < TINY {
        x
    } else {
        v as f32
    }
}

/// `cos x` for `f32`, `|x| < 2^30` (branch-free).
#[inline(always)]
pub fn cos_f32_fast(x: f32) -> f32 {
    let (r, q) = reduce32(x as f64);
    let (s, c) = sincos32(r);
    sign_q(if q & 1 == 0 { c } else { s }, q.wrapping_add(1)) as f32
}

/// `tan x` for `f32`, `|x| < 2^30` (branch-free).
#[inline(always)]
pub fn tan_f32_fast(x: f32) -> f32 {
    let xd = x as f64;
    let (r, q) = reduce32(xd);
    let (s, c) = sincos32(r);
    let v = if q & 1 == 0 { s / c } else { -c / s };
    if xd.abs() < TINY {
        x
    } else {
        v as f32
    }
}

/// `sin x` for one `f32`.
#[inline(always)]
pub fn sin_f32(x: f32) -> f32 {
    if trig_ok_f32(x) {
        sin_f32_fast(x)
    } else {
        x.sin()
    }
}

/// `cos x` for one `f32`.
#[inline(always)]
pub fn cos_f32(x: f32) -> f32 {
    if trig_ok_f32(x) {
        cos_f32_fast(x)
    } else {
        x.cos()
    }
}

/// `tan x` for one `f32`.
#[inline(always)]
pub fn tan_f32(x: f32) -> f32 {
    if trig_ok_f32(x) {
        tan_f32_fast(x)
    } else {
        x.tan()
    }
}
