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
//!   `e^w` is `exp`'s algorithm with the low part added to the reduced argument, so the
//!   error of `log` costs far less than an ulp even where `|w|` is near 709. Exact
//!   powers (`3^2`, `2^-3`) come out exact. A negative `x` with an odd integer `y`
//!   negates the result. The polynomials run by Estrin's scheme: the kernel is long, and
//!   short dependency chains let the vectorised loop overlap more of its iterations.
//! - `f32`: computed in `f64` lanes with shorter polynomials (see [`pow_f32_fast`]),
//!   rounded once.

use super::explog::LN2_LO;
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
    // (a reciprocal instead of the second division costs accuracy: 2 ulp at worst)
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
    // s⁵ R(s²), R = 2/5 + 2/7 s² + ... + 2/29 s^24, by Estrin's scheme (short
    // dependency chains: the vectorised loop overlaps more of its iterations)
    let z = s2h;
    let z2 = z * z;
    let z4 = z2 * z2;
    let z8 = z4 * z4;
    let c = |i: u32| 2.0 / (2 * i + 5) as f64;
    let p01 = c(1).mul_add(z, c(0));
    let p23 = c(3).mul_add(z, c(2));
    let p45 = c(5).mul_add(z, c(4));
    let p67 = c(7).mul_add(z, c(6));
    let p89 = c(9).mul_add(z, c(8));
    let p1011 = c(11).mul_add(z, c(10));
    let q0 = p23.mul_add(z2, p01);
    let q1 = p67.mul_add(z2, p45);
    let q2 = c(12).mul_add(z2, p1011).mul_add(z2, p89);
    let r = q2.mul_add(z8, q1.mul_add(z4, q0));
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

/// `e^(x + tail)` for `f64`: `exp`'s algorithm (see [`super::explog`]) with the low part
/// `tail` added to the reduced argument and the polynomial by Estrin's scheme:
/// `1 + r (1 + r Q(r))`, `Q` the Taylor polynomial of `(e^r - 1 - r) / r²` of degree 11.
#[inline(always)]
fn exp_dd(x: f64, tail: f64) -> f64 {
    const SHIFT: f64 = 6755399441055744.0; // 1.5 · 2^52
    let xc = x.clamp(-746.0, 710.0);
    let t = xc.mul_add(std::f64::consts::LOG2_E, SHIFT);
    let n = t - SHIFT;
    let r = n.mul_add(-LN2_HI, xc);
    let r = n.mul_add(-LN2_LO, r) + tail;
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    // 1/(j+2)! for j = 0..=11
    const F: [f64; 12] = [
        1.0 / 2.0,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5040.0,
        1.0 / 40320.0,
        1.0 / 362880.0,
        1.0 / 3628800.0,
        1.0 / 39916800.0,
        1.0 / 479001600.0,
        1.0 / 6227020800.0,
    ];
    let a0 = F[1].mul_add(r, F[0]);
    let a1 = F[3].mul_add(r, F[2]);
    let a2 = F[5].mul_add(r, F[4]);
    let a3 = F[7].mul_add(r, F[6]);
    let a4 = F[9].mul_add(r, F[8]);
    let a5 = F[11].mul_add(r, F[10]);
    let b0 = a1.mul_add(r2, a0);
    let b1 = a3.mul_add(r2, a2);
    let b2 = a5.mul_add(r2, a4);
    let q = b2.mul_add(r8, b1.mul_add(r4, b0));
    let p = q.mul_add(r, 1.0).mul_add(r, 1.0);
    // n as an integer: the low bits of t (|n| <= 1076); 2^n as two factors
    let ni = (t.to_bits() as i64).wrapping_sub(SHIFT.to_bits() as i64);
    let n1 = ni >> 1;
    let n2 = ni - n1;
    let s1 = f64::from_bits(((n1 + 1023) as u64) << 52);
    let s2 = f64::from_bits(((n2 + 1023) as u64) << 52);
    p * s1 * s2
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
    let v = exp_dd(wh, wl);
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

/// `x^y` for `f32` where [`pow_ok_f32`], computed in `f64` lanes (branch-free).
///
/// `|x|` is exact and normal in `f64`: `|x| = 2^k m`, `m` in `[√2/2, √2)`,
/// `log m = 2 atanh s = 2s (1 + s²/3 + ... + s¹²/13)` with `s = (m - 1) / (m + 1)`
/// (`|s| <= 0.172`: truncation below 2^-39 relative), `w = y (k ln2 + log m)` (absolute
/// error below 2^-32 where the result is finite and nonzero in `f32`, `|w| < 104`), and
/// `e^w = 2^n e^r` with `|r| <= ln2/2` by its Taylor polynomial of degree 10 (2^-40). The
/// `f64` result is within about 2^-31 of the exact one (relative) and is rounded once to
/// `f32`, so the result is the correctly rounded one except within that distance of a
/// rounding boundary (then 1 ulp off). Overflow and `f32` subnormals come out of the final
/// rounding.
#[inline(always)]
pub fn pow_f32_fast(x: f32, y: f32) -> f32 {
    let xd = (x as f64).abs();
    let yd = y as f64;
    let bits = xd.to_bits();
    // m = xd / 2^k in [√2/2, √2): subtract the bits of √2/2 so the exponent field counts
    // from there
    const SQRT_HALF: u64 = 0x3fe6_a09e_667f_3bcd;
    let ib = bits.wrapping_sub(SQRT_HALF);
    let k = ((ib as i64) >> 52) as f64;
    let m = f64::from_bits((ib & 0x000f_ffff_ffff_ffff).wrapping_add(SQRT_HALF));
    let s = (m - 1.0) / (m + 1.0);
    let z = s * s;
    // 1/3 + z/5 + ... + z⁵/13 by Estrin's scheme
    let z2 = z * z;
    let a0 = (1.0f64 / 5.0).mul_add(z, 1.0 / 3.0);
    let a1 = (1.0f64 / 9.0).mul_add(z, 1.0 / 7.0);
    let a2 = (1.0f64 / 13.0).mul_add(z, 1.0 / 11.0);
    let p = a2.mul_add(z2, a1).mul_add(z2, a0);
    let s2 = s + s;
    let logm = (s2 * z).mul_add(p, s2);
    let w = yd * k.mul_add(LN2_HI, logm);
    // e^w, |w| clamped (beyond: overflow / underflow in f32 anyway)
    let wc = w.clamp(-120.0, 100.0);
    const SHIFT: f64 = 6755399441055744.0; // 1.5 · 2^52
    let t = wc.mul_add(std::f64::consts::LOG2_E, SHIFT);
    let n = t - SHIFT;
    let r = n.mul_add(-LN2_HI, wc);
    let r = n.mul_add(-LN2_LO, r);
    // e^r = 1 + r + r² Q(r), Q of degree 8 by Estrin's scheme
    let r2 = r * r;
    let r4 = r2 * r2;
    let a0 = (1.0f64 / 6.0).mul_add(r, 0.5);
    let a1 = (1.0f64 / 120.0).mul_add(r, 1.0 / 24.0);
    let a2 = (1.0f64 / 5040.0).mul_add(r, 1.0 / 720.0);
    let a3 = (1.0f64 / 362880.0).mul_add(r, 1.0 / 40320.0);
    let b1 = a3.mul_add(r2, a2);
    let q = (1.0f64 / 3628800.0)
        .mul_add(r4, b1)
        .mul_add(r4, a1.mul_add(r2, a0));
    let e = q.mul_add(r, 1.0).mul_add(r, 1.0);
    let ni = (t.to_bits() as i64).wrapping_sub(SHIFT.to_bits() as i64);
    let v = e * f64::from_bits(((ni + 1023) as u64) << 52);
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
