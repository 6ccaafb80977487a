//! Branch-free `sin`, `cos` and `tan` for `f32` and `f64`.
//!
//! `f64` (fast path `|x| < 2^30`; larger arguments, infinities and NaN are left to the
//! C library by the slice loops' fix-up pass (`vloop_fix`) and by the one-element path
//! (`elem1`)):
//!
//! - Reduction (Cody–Waite with FMA): `n = round(x · 2/π)` by the 1.5·2^52 shift trick,
//!   `x = n π/2 + r`, `|r| <= π/4` (a hair more where `x · 2/π` rounds across a half).
//!   `π/2 = P1 + P2 + P3` (three doubles, 159 bits). `x - n P1` is exact (both are
//!   multiples of 2^-53 and the difference is below 1); the rest is carried as a
//!   double-double `r = r_hi + r_lo` (`n P2` split exactly with an FMA, the subtraction by
//!   two-sum), so `r` keeps about 2^-68 relative accuracy even at the worst cancellation
//!   of doubles below 2^30.
//! - `sin r`, `cos r` on `|r| <= π/4`: the minimax polynomials of fdlibm's `__kernel_sin`
//!   and `__kernel_cos` (published coefficients), evaluated fdlibm's way, with `r_lo`
//!   folded in to first order and `cos r = w + ((1 - w) - r²/2 + ...)`, `w = 1 - r²/2`, so
//!   that the big part is exact. Both are evaluated and the quadrant `n mod 4` selects and
//!   signs one.
//! - `tan`: `sin r / cos r` (even `n`) or `-cos r / sin r` (odd `n`) with the two results
//!   kept as unevaluated sums and one Newton correction of the quotient, so the error is
//!   about that of the final rounding.
//! - `|x| < 2^-26`: `sin x = tan x = x` (exact for `±0` and subnormals), `cos x = 1`.
//!
//! `f32` (fast path `|x| <` [`TRIG_LIMIT_F32`] `= 2^17`, entirely in `f32` lanes, 16 per
//! AVX-512 vector):
//!
//! - Reduction: `n` by the 1.5·2^23 shift trick, Cody–Waite with FMA and
//!   `π/2 = Q1 + Q2 + Q3 + Q4` (four `f32`, each the nearest to what is left). `x - n Q1`
//!   is exact (both are multiples of 2^-24 and the difference is below 1).
//! - `sin`, `cos`: `r = (x - n Q1) - n Q2 - n Q3` (two roundings), Taylor polynomials to
//!   degree 9 and 10 on `|r| <= π/4` (truncation below 2^-28 relative), quadrant select.
//!   Above 2^17 the two roundings of `r` start to cost a second ulp, hence the limit.
//! - `tan` (a quotient doubles those errors, so it is done more carefully): `n Q2` split
//!   exactly with an FMA and subtracted by two-sum, `n Q3 + n Q4` folded into the low
//!   part, `r = hi + lo`; `sin r`, `cos r` as unevaluated sums `hi + s_lo` and
//!   `w + c_lo` (`w = 1 - hi²/2`, its rounding and that of `hi²` recovered exactly); the
//!   quotient `q0 = a · (1/b)` (one `f32` division) with a Newton correction
//!   `q0 + (a - q0 b) / b` from the unevaluated sums.
//! - `|x| < 2^-12`: `sin x = tan x = x`, `cos x = 1` (exactly glibc's `sinf` & co.); such
//!   arguments are replaced by 1 inside the polynomials so no subnormals (slow) arise.
//! - Measured exhaustively over all `f32` (fast path below 2^17, fix-up beyond) against
//!   the `f64` C-library function rounded to `f32`: at most 1 ulp for each of `sin`,
//!   `cos`, `tan`; NaN, infinities, `±0` and subnormals bit for bit as glibc's `sinf`,
//!   `cosf`, `tanf`.
//! - `2^17 <= |x| < 2^30`: [`sin_f32_slow`] & co. (the slice loops' fix-up) compute in
//!   `f64` lanes (reduction with three FMAs, Taylor polynomials of degree 11 and 12,
//!   truncation below 2^-33); beyond, infinities and NaN: the C library.

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

/// `f32` arguments below this in magnitude take the native `f32` path; up to
/// [`TRIG_LIMIT`] the slice loops' fix-up computes them in `f64` lanes ([`sin_f32_slow`]
/// & co.).
pub const TRIG_LIMIT_F32: f32 = 131072.0; // 2^17

const SHIFT_F32: f32 = 12582912.0; // 1.5 · 2^23
const TWO_OVER_PI_F32: f32 = 0.636619747;
// π/2 = Q1 + Q2 + Q3 + Q4 (each the `f32` nearest to what is left)
const Q1: f32 = 1.57079637;
const Q2: f32 = -4.37113883e-8;
const Q3: f32 = -1.71512451e-15;
const Q4: f32 = 1.05629990e-23;
const TINY_F32: f32 = 2.44140625e-4; // 2^-12

// Taylor coefficients (truncation below 2^-28 relative on |r| <= π/4)
const FS1: f32 = -1.0 / 6.0;
const FS2: f32 = 1.0 / 120.0;
const FS3: f32 = -1.0 / 5040.0;
const FS4: f32 = 1.0 / 362880.0;
const FC1: f32 = -0.5;
const FC2: f32 = 1.0 / 24.0;
const FC3: f32 = -1.0 / 720.0;
const FC4: f32 = 1.0 / 40320.0;
const FC5: f32 = -1.0 / 3628800.0;

/// `(sin r, cos r, n mod 4)` with `x = n π/2 + r`, `|r| <= π/4` (a hair more), in `f32`
/// for `|x| <` [`TRIG_LIMIT_F32`].
#[inline(always)]
fn sincos_f32(x: f32) -> (f32, f32, u32) {
    let t = x.mul_add(TWO_OVER_PI_F32, SHIFT_F32);
    let n = t - SHIFT_F32;
    let q = t.to_bits() & 3;
    // exact: x and n Q1 are multiples of 2^-24 and |x - n Q1| < 1
    let r = n.mul_add(-Q1, x);
    let r = n.mul_add(-Q2, r);
    let r = n.mul_add(-Q3, r);
    let z = r * r;
    let ps = FS4.mul_add(z, FS3).mul_add(z, FS2).mul_add(z, FS1);
    let s = (r * z).mul_add(ps, r);
    let pc = FC5.mul_add(z, FC4).mul_add(z, FC3).mul_add(z, FC2);
    let c = pc.mul_add(z, FC1).mul_add(z, 1.0);
    (s, c, q)
}

/// `x = n π/2 + hi + lo` in `f32` for `|x| < 2^22` (for `tan`): `(hi, lo, n mod 4)`.
#[inline(always)]
fn reduce_f32_dd(x: f32) -> (f32, f32, u32) {
    let t = x.mul_add(TWO_OVER_PI_F32, SHIFT_F32);
    let n = t - SHIFT_F32;
    let q = t.to_bits() & 3;
    // exact: x and n Q1 are multiples of 2^-24 and |x - n Q1| < 0.91 (n < 2^21.4)
    let r1 = n.mul_add(-Q1, x);
    // n Q2 = th + tl exactly
    let th = n * Q2;
    let tl = n.mul_add(Q2, -th);
    // s + e = r1 - th exactly (two-sum)
    let s = r1 - th;
    let bb = s - r1;
    let e = (r1 - (s - bb)) + (-th - bb);
    let lo = n.mul_add(-Q3, e - tl);
    let lo = n.mul_add(-Q4, lo);
    (s, lo, q)
}

/// `sin(hi + lo)` and `cos(hi + lo)` as unevaluated sums `(s_hi, s_lo, c_hi, c_lo)`.
#[inline(always)]
fn sincos_f32_dd(hi: f32, lo: f32) -> (f32, f32, f32, f32) {
    let z = hi * hi;
    let ze = hi.mul_add(hi, -z);
    let hz = 0.5 * z;
    let ps = z * FS4.mul_add(z, FS3).mul_add(z, FS2).mul_add(z, FS1);
    // hi · (sin hi / hi - 1) + lo cos hi
    let s_lo = hi.mul_add(ps, lo.mul_add(-hz, lo));
    let pc = (z * z) * FC5.mul_add(z, FC4).mul_add(z, FC3).mul_add(z, FC2);
    let w = 1.0 - hz;
    // cos hi - w - lo sin hi, with the rounding of w and of z recovered exactly
    let c_lo = ((1.0 - w) - hz) + (pc - hi.mul_add(lo, 0.5 * ze));
    (hi, s_lo, w, c_lo)
}

/// Flips the sign of `v` when bit 1 of `q` is set.
#[inline(always)]
fn sign_q32(v: f32, q: u32) -> f32 {
    f32::from_bits(v.to_bits() ^ ((q & 2) << 30))
}

/// `sin x` for `f32`, `|x| <` [`TRIG_LIMIT_F32`] (branch-free, `f32` lanes).
#[inline(always)]
pub fn sin_f32_fast(x: f32) -> f32 {
    let tiny = x.abs() < TINY_F32;
    // tiny arguments would only feed subnormals (slow) to the polynomials
    let (s, c, q) = sincos_f32(if tiny { 1.0 } else { x });
    let v = sign_q32(if q & 1 == 0 { s } else { c }, q);
    if tiny {
        x
    } else {
        v
    }
}

/// `cos x` for `f32`, `|x| <` [`TRIG_LIMIT_F32`] (branch-free, `f32` lanes).
#[inline(always)]
pub fn cos_f32_fast(x: f32) -> f32 {
    let tiny = x.abs() < TINY_F32;
    let (s, c, q) = sincos_f32(if tiny { 1.0 } else { x });
    // cos: + - - + over q = 0 1 2 3
    let v = sign_q32(if q & 1 == 0 { c } else { s }, q.wrapping_add(1));
    if tiny {
        1.0
    } else {
        v
    }
}

/// `tan x` for `f32`, `|x| <` [`TRIG_LIMIT_F32`] (branch-free, `f32` lanes).
#[inline(always)]
pub fn tan_f32_fast(x: f32) -> f32 {
    let tiny = x.abs() < TINY_F32;
    let (hi, lo, q) = reduce_f32_dd(if tiny { 1.0 } else { x });
    let (sh, sl, ch, cl) = sincos_f32_dd(hi, lo);
    let odd = q & 1 != 0;
    // tan = (a1 + a2) / (b1 + b2)
    let (a1, a2) = if odd { (-ch, -cl) } else { (sh, sl) };
    let (b1, b2) = if odd { (sh, sl) } else { (ch, cl) };
    let rb = 1.0 / (b1 + b2);
    let q0 = (a1 + a2) * rb;
    let res = q0.mul_add(-b1, a1) + q0.mul_add(-b2, a2);
    let v = res.mul_add(rb, q0);
    if tiny {
        x
    } else {
        v
    }
}

/// Whether the `f32` fast path applies (false for NaN and infinities).
#[inline(always)]
pub fn trig_ok_f32(x: f32) -> bool {
    x.abs() < TRIG_LIMIT_F32
}

/// `sin x` for `f32` outside the fast path: in `f64` lanes below [`TRIG_LIMIT`], else
/// the C library's.
#[inline(always)]
pub fn sin_f32_slow(x: f32) -> f32 {
    if x.abs() < TRIG_LIMIT as f32 {
        sin_f32_wide(x)
    } else {
        x.sin()
    }
}

/// `cos x` for `f32` outside the fast path (see [`sin_f32_slow`]).
#[inline(always)]
pub fn cos_f32_slow(x: f32) -> f32 {
    if x.abs() < TRIG_LIMIT as f32 {
        cos_f32_wide(x)
    } else {
        x.cos()
    }
}

/// `tan x` for `f32` outside the fast path (see [`sin_f32_slow`]).
#[inline(always)]
pub fn tan_f32_slow(x: f32) -> f32 {
    if x.abs() < TRIG_LIMIT as f32 {
        tan_f32_wide(x)
    } else {
        x.tan()
    }
}

// The previous `f32` kernels, in `f64` lanes: the fix-up for [`TRIG_LIMIT_F32`] <=
// `|x|` < [`TRIG_LIMIT`].

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
fn sin_f32_wide(x: f32) -> f32 {
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
fn cos_f32_wide(x: f32) -> f32 {
    let (r, q) = reduce32(x as f64);
    let (s, c) = sincos32(r);
    sign_q(if q & 1 == 0 { c } else { s }, q.wrapping_add(1)) as f32
}

/// `tan x` for `f32`, `|x| < 2^30` (branch-free).
#[inline(always)]
fn tan_f32_wide(x: f32) -> f32 {
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
