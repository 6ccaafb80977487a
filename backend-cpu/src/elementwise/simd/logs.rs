//! Branch-free `log1p`, `log2` and `log10` for `f32` and `f64`, on fdlibm's logarithm
//! (the decomposition and polynomial of [`super::explog`]'s `log`).
//!
//! `x = 2^k (1 + f)` with `1 + f` in `[√2/2, √2)`, `s = f / (2 + f)`,
//! `log(1 + f) = f - f²/2 + s (f²/2 + R(s²))` (fdlibm's `R`).
//!
//! - `log1p`: `1 + x = u_hi + u_lo` exactly (two-sum); `log(u_hi)` as above with the
//!   first-order correction `u_lo / u_hi` added to the small terms (fdlibm's `log1p`
//!   scheme). `|x| < 2^-54` gives `x`.
//! - `log2`, `log10`: `f - f²/2` is formed as a double-double (FMA square, two-sum), so
//!   `log(1 + f) = a_hi + a_lo` to about 2^-58, and multiplied by `1/ln 2` or `1/ln 10`
//!   held as double-doubles (FMA products); `k` (`log2`) or `k log10(2)` (double-double)
//!   is added by two-sum. Powers of two give exact `log2`.
//! - `f32`: the `f64` functions, rounded once.
//!
//! Special values (IEEE): `log*(±0) = -inf`, `log1p(-1) = -inf`, NaN below the domain,
//! `+inf` at `+inf`, NaN for NaN.

use super::explog::{LG1, LG2, LG3, LG4, LG5, LG6, LG7, LN2_HI_L, LN2_LO_L, TWO52, TWO54};

const INVLN2_HI: f64 = std::f64::consts::LOG2_E;
const INVLN2_LO: f64 = 2.0355273740931033e-17;
const INVLN10_HI: f64 = std::f64::consts::LOG10_E;
const INVLN10_LO: f64 = 1.098319650216765e-17;
const LOG10_2_HI: f64 = std::f64::consts::LOG10_2;
const LOG10_2_LO: f64 = -2.8037281277851704e-18;

/// `x = 2^k (1 + f)`: `(k, f)` for positive finite `x` (subnormals included).
#[inline(always)]
pub(super) fn decompose(x: f64) -> (f64, f64) {
    let sub = x < f64::MIN_POSITIVE;
    let xs = if sub { x * TWO54 } else { x };
    let bits = xs.to_bits();
    let hx = ((bits >> 32) as u32) & 0x000f_ffff;
    // i = 0x100000 when the mantissa is >= √2 (then m is halved and k incremented)
    let i = (hx.wrapping_add(0x95f64)) & 0x0010_0000;
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | (((0x3ff0_0000 ^ i) as u64) << 32));
    let e = (bits >> 52) & 0x7ff;
    let ke = f64::from_bits(TWO52.to_bits() | (e + (i >> 20) as u64)) - TWO52;
    let dk = ke - if sub { 1023.0 + 54.0 } else { 1023.0 };
    (dk, m - 1.0)
}

/// `(s, R(s²))` of fdlibm's `log(1 + f)`.
#[inline(always)]
fn sr(f: f64) -> (f64, f64) {
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * LG6.mul_add(w, LG4).mul_add(w, LG2);
    let t2 = z * LG7.mul_add(w, LG5).mul_add(w, LG3).mul_add(w, LG1);
    (s, t2 + t1)
}

/// The special values of a logarithm at `x` (`lo` is where the result is `-inf`), else
/// `y`.
#[inline(always)]
fn specials(x: f64, lo: f64, y: f64) -> f64 {
    if x == lo {
        f64::NEG_INFINITY
    } else if x < lo || x.is_nan() {
        f64::NAN
    } else if x == f64::INFINITY {
        x
    } else {
        y
    }
}

/// `log(1 + x)` for `f64` (branch-free).
#[inline(always)]
pub fn log1p_f64(x: f64) -> f64 {
    let uh = 1.0 + x;
    let bb = uh - 1.0;
    let ul = (1.0 - (uh - bb)) + (x - bb);
    // uh >= 2^-53 for x > -1: never subnormal
    let (dk, f) = decompose(uh);
    let c = ul / uh;
    let (s, r) = sr(f);
    let hfsq = 0.5 * f * f;
    let y = dk.mul_add(
        LN2_HI_L,
        -((hfsq - (s * (hfsq + r) + dk.mul_add(LN2_LO_L, c))) - f),
    );
    let y = specials(x, -1.0, y);
    if x.abs() < 5.551115123125783e-17 {
        x
    } else {
        y
    }
}

/// `log(1 + f) = a_hi + a_lo` to about 2^-58.
#[inline(always)]
fn log1f_dd(f: f64) -> (f64, f64) {
    let (s, r) = sr(f);
    let hf = 0.5 * f;
    let hh = hf * f;
    let hl = hf.mul_add(f, -hh);
    let a_hi = f - hh;
    let a_e = (f - a_hi) - hh;
    (a_hi, s.mul_add(hh + r, a_e - hl))
}

/// `log2 x` for `f64` (branch-free).
#[inline(always)]
pub fn log2_f64(x: f64) -> f64 {
    let (dk, f) = decompose(x);
    let (a_hi, a_lo) = log1f_dd(f);
    let p = a_hi * INVLN2_HI;
    let pe = a_hi.mul_add(INVLN2_HI, -p);
    let lo = a_lo.mul_add(INVLN2_HI, a_hi.mul_add(INVLN2_LO, pe));
    // two-sum dk + p
    let u = dk + p;
    let bb = u - dk;
    let e = (dk - (u - bb)) + (p - bb);
    specials(x, 0.0, u + (e + lo))
}

/// `log10 x` for `f64` (branch-free).
#[inline(always)]
pub fn log10_f64(x: f64) -> f64 {
    let (dk, f) = decompose(x);
    let (a_hi, a_lo) = log1f_dd(f);
    let a = dk * LOG10_2_HI;
    let ae = dk.mul_add(LOG10_2_HI, -a);
    let ae = dk.mul_add(LOG10_2_LO, ae);
    let p = a_hi * INVLN10_HI;
    let pe = a_hi.mul_add(INVLN10_HI, -p);
    let pe = a_lo.mul_add(INVLN10_HI, a_hi.mul_add(INVLN10_LO, pe));
    let u = a + p;
    let bb = u - a;
    let e = (a - (u - bb)) + (p - bb);
    specials(x, 0.0, u + (e + ae + pe))
}

/// `log(1 + x)` for `f32`: the `f64` kernel, rounded once.
#[inline(always)]
pub fn log1p_f32(x: f32) -> f32 {
    log1p_f64(x as f64) as f32
}

/// `log2 x` for `f32`: the `f64` kernel, rounded once.
#[inline(always)]
pub fn log2_f32(x: f32) -> f32 {
    log2_f64(x as f64) as f32
}

/// `log10 x` for `f32`: the `f64` kernel, rounded once.
#[inline(always)]
pub fn log10_f32(x: f32) -> f32 {
    log10_f64(x as f64) as f32
}
