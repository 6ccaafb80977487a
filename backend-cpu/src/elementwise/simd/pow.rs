//! Branch-free `pow` for `f32` and `f64` on finite nonzero `x` and finite `y` (`x < 0`
//! only with an integer `y`); every other pair (zeros, infinities, NaN, negative `x` with
//! a non-integer `y`: the standard's special cases) is left to the C library by the slice
//! loop's fix-up pass (`vloop2_fix`) and by [`pow_f64`] for one element.
//!
//! - `f64`: `x^y = e^(y log|x|)`, with `log|x|` as a double-double to about 2^-66:
//!   `|x| = 2^k (1 + f)`, `1 + f` in `[√2/2, √2)` (fdlibm's decomposition),
//!   `s = f / (2 + f)` as a double-double (one Newton correction),
//!   `log(1 + f) = 2 atanh s = 2s + 2s³/3 + s⁵ R(s²)` with `2s³/3` in double-double and
//!   `R` the atanh series to `s^24` (`|s| <= 0.172`: truncation below 2^-68), and
//!   `k ln2` as a double-double. `w = y log|x|` is formed as a double-double (FMA) and
//!   `e^w` is `exp`'s kernel with the low part added to the reduced argument, so the
//!   error of `log` costs far less than an ulp even where `|w|` is near 709. Exact
//!   powers (`3^2`, `2^-3`) come out exact. A negative `x` with an odd integer `y`
//!   negates the result.
//! - `f32`: the same in `f64` with the plain `f64` `log` and `exp` (the error of `w`,
//!   `|w| < 104` before over/underflow, is far below an `f32` ulp), rounded once.

use super::explog::{exp_f64, exp_tail_f64, log_f64, LN2_LO};
use super::logs::decompose;

const LN2_HI: f64 = std::f64::consts::LN_2;
const C3_HI: f64 = 0.6666666666666666;
const C3_LO: f64 = 3.700743415417188e-17;

/// Whether the vectorised `pow` applies to `(x, y)` (else the C library's).
#[inline(always)]
pub fn pow_ok_f64(x: f64, y: f64) -> bool {
    x.is_finite() && x != 0.0 && y.is_finite() && (x > 0.0 || y.trunc() == y)
}

/// Whether the vectorised `pow` applies to an `f32` pair.
#[inline(always)]
pub fn pow_ok_f32(x: f32, y: f32) -> bool {
    x.is_finite() && x != 0.0 && y.is_finite() && (x > 0.0 || y.trunc() == y)
}

/// `log x = hi + lo` for positive finite `x`, to about 2^-66 relative.
#[inline(always)]
fn log_dd(x: f64) -> (f64, f64) {
    let (dk, f) = decompose(x);
    // s = f / (2 + f) = sh + sl
    let dh = 2.0 + f;
    let dl = f - (dh - 2.0);
    let sh = f / dh;
    let sl = (sh.mul_add(-dh, f) - sh * dl) / dh;
    // s² and s³ as double-doubles
    let s2h = sh * sh;
    let s2l = sh.mul_add(sh, -s2h) + 2.0 * sh * sl;
    let s3h = s2h * sh;
    let s3l = s2h.mul_add(sh, -s3h) + s2l.mul_add(sh, s2h * sl);
    // 2s³/3
    let t3h = C3_HI * s3h;
    let t3l = C3_HI.mul_add(s3h, -t3h) + C3_HI.mul_add(s3l, C3_LO * s3h);
    // s⁵ R(s²), R = 2/5 + 2/7 s² + ... + 2/29 s^24
    let z = s2h;
    let mut r: f64 = 2.0 / 29.0;
    r = r.mul_add(z, 2.0 / 27.0);
    r = r.mul_add(z, 2.0 / 25.0);
    r = r.mul_add(z, 2.0 / 23.0);
    r = r.mul_add(z, 2.0 / 21.0);
    r = r.mul_add(z, 2.0 / 19.0);
    r = r.mul_add(z, 2.0 / 17.0);
    r = r.mul_add(z, 2.0 / 15.0);
    r = r.mul_add(z, 2.0 / 13.0);
    r = r.mul_add(z, 2.0 / 11.0);
    r = r.mul_add(z, 2.0 / 9.0);
    r = r.mul_add(z, 2.0 / 7.0);
    r = r.mul_add(z, 2.0 / 5.0);
    let rest = s3h * s2h * r;
    // log(1 + f) = 2 sh + t3h + (2 sl + t3l + rest), first sum exact (two-sum)
    let a = 2.0 * sh;
    let mh = a + t3h;
    let bb = mh - a;
    let me = (a - (mh - bb)) + (t3h - bb);
    let ml = me + 2.0f64.mul_add(sl, t3l + rest);
    // k ln2 = kh + ke
    let kh = dk * LN2_HI;
    let ke = dk.mul_add(LN2_HI, -kh);
    let ke = dk.mul_add(LN2_LO, ke);
    let h = kh + mh;
    let bb = h - kh;
    let e = (kh - (h - bb)) + (mh - bb);
    let l = e + ke + ml;
    let hi = h + l;
    (hi, l - (hi - h))
}

/// Whether an integer `y` is odd.
#[inline(always)]
fn odd(y: f64) -> bool {
    let h = 0.5 * y;
    h.trunc() != h
}

/// `x^y` for `f64` where [`pow_ok_f64`] (branch-free).
#[inline(always)]
pub fn pow_f64_fast(x: f64, y: f64) -> f64 {
    let (lh, ll) = log_dd(x.abs());
    let wh = y * lh;
    let wl = y.mul_add(lh, -wh) + y * ll;
    // |w| > 800 is an overflow or underflow anyway (and wl may be NaN there)
    let wl = if wh.abs() < 800.0 { wl } else { 0.0 };
    let v = exp_tail_f64(wh, wl);
    if x < 0.0 && odd(y) {
        -v
    } else {
        v
    }
}

/// `x^y` for one `f64` pair (the C library's outside the fast path).
#[inline(always)]
pub fn pow_f64(x: f64, y: f64) -> f64 {
    if pow_ok_f64(x, y) {
        pow_f64_fast(x, y)
    } else {
        x.powf(y)
    }
}

/// `x^y` for `f32` where [`pow_ok_f32`], computed in `f64` (branch-free).
#[inline(always)]
pub fn pow_f32_fast(x: f32, y: f32) -> f32 {
    let yd = y as f64;
    let v = exp_f64(yd * log_f64((x as f64).abs()));
    let v = if x < 0.0 && odd(yd) { -v } else { v };
    v as f32
}

/// `x^y` for one `f32` pair.
#[inline(always)]
pub fn pow_f32(x: f32, y: f32) -> f32 {
    if pow_ok_f32(x, y) {
        pow_f32_fast(x, y)
    } else {
        x.powf(y)
    }
}
