//! Branch-free `atan2(y, x)` for `f32` and `f64`.
//!
//! With `a = min(|x|, |y|)` and `b = max(|x|, |y|)`, `z = atan(a / b)` is in `[0, π/4]`;
//! the quadrant then gives `z`, `π/2 - z`, `π - z` or `π/2 + z` (the constants in two
//! parts), with the sign of `y` copied.
//!
//! `f64`: `atan(a / b)` takes fdlibm's reduction without forming `a / b` first (one
//! division per lane): for `a/b < 7/16`, `t = a / b`; below `11/16`, `atan(1/2) + atan(t)`
//! with `t = (2a - b) / (2b + a)`; else `π/4 + atan(t)` with `t = (a - b) / (a + b)`. The
//! numerators are exact (Sterbenz), so `t` carries one rounding, and `atan t` is fdlibm's
//! odd polynomial (see [`super::atan`]). Operands are scaled by a power of two first when
//! `b` is huge or tiny, so `2b + a` cannot overflow and subnormal operands lose no bits.
//!
//! `f32` runs in `f32` lanes: `t = a / b` (one division, correctly rounded for every
//! operand, subnormal or huge, so no scaling), `atan t = t + c` with
//! `c = t³ P(t²) + δ/(1 + t²)`, `P` a degree-8 minimax polynomial on `[0, 1]` with `f32`
//! coefficients fitted for this kernel (relative error of `atan t` below `2^-28.4`) and
//! `δ = a/b - t` the quotient's rounding error (remainder `a - t b` by FMA on operands
//! scaled by `2^50` or `2^-8` so it is exact, over `b (1 + t²)` by a bit-pattern
//! reciprocal within 13%); `t < 2^-20` gives `c = 0`. The quadrant constant `K = kh + kl`
//! is added as `(kh ± t) + (kl ± c)` with the rounding error of `kh ± t` recovered
//! exactly (Fast2Sum), so the result is rounded once. Measured against
//! `(y as f64).atan2(x as f64) as f32` over about 5·10^8 random pairs (random bit
//! patterns, log-uniform magnitudes over all binades, `|y| ≈ |x|`, tiny and huge ratios,
//! subnormals, `t` just above powers of two): at most 1 ulp. (Without `δ` it is 2 ulp
//! where `t` rounds up to a power of two and `atan t` lies just below it.)
//!
//! Special values (the standard's table), both types: NaN in either gives NaN (`f32`:
//! `x`'s NaN if `x` is one, else `y`'s, quieted, as glibc's `atan2f`); `y = ±0` gives
//! `±0` (`x > 0` or `+0`) or `±π` (`x < 0` or `-0`); `x = ±0` with `y ≠ 0` gives `±π/2`;
//! infinite operands give `±0`, `±π/2`, `±π`, `±π/4` or `±3π/4`. `f32` matches glibc's
//! `atan2f` bit for bit on all of these.
//!

// The fitted coefficients are kept to 10 digits.
#![allow(clippy::excessive_precision)]

use super::atan::atan_poly;

const PIO2_HI: f64 = std::f64::consts::FRAC_PI_2;
const PIO2_LO: f64 = 6.123233995736766e-17;
const PI_HI: f64 = std::f64::consts::PI;
const PI_LO: f64 = 1.2246467991473532e-16;
const ATAN_HALF_HI: f64 = 0.4636476090008061;
const ATAN_HALF_LO: f64 = 2.2698777452961687e-17;
const PIO4_HI: f64 = std::f64::consts::FRAC_PI_4;
const PIO4_LO: f64 = 3.061616997868383e-17;

/// `atan2(y, x)` for `f64` (branch-free).
#[inline(always)]
pub fn atan2_f64(y: f64, x: f64) -> f64 {
    let ax = x.abs();
    let ay = y.abs();
    let swap = ay > ax;
    let (a, b) = if swap { (ax, ay) } else { (ay, ax) };
    // both infinite: atan(1); a zero `a` (b zero too, or any b): atan(0)
    let both_inf = a == f64::INFINITY;
    let (a, b) = if both_inf { (1.0, 1.0) } else { (a, b) };
    let (a, b) = if a == 0.0 { (0.0, 1.0) } else { (a, b) };
    // keep 2b + a finite and subnormal operands normal (exact scalings)
    let (a, b) = if b > 1e300 {
        (a * 2f64.powi(-600), b * 2f64.powi(-600))
    } else if b < 1e-300 {
        (a * 2f64.powi(600), b * 2f64.powi(600))
    } else {
        (a, b)
    };
    let (num, den, hi, lo) = if a < 0.4375 * b {
        (a, b, 0.0, 0.0)
    } else if a < 0.6875 * b {
        (
            2.0 * a - b,
            2.0f64.mul_add(b, a),
            ATAN_HALF_HI,
            ATAN_HALF_LO,
        )
    } else {
        (a - b, a + b, PIO4_HI, PIO4_LO)
    };
    let t = num / den;
    let z = hi - ((t * atan_poly(t) - lo) - t);
    // tiny t: atan t = t (also keeps subnormal quotients exact)
    let z = if t.abs() < 7.450580596923828e-9 && hi == 0.0 {
        t
    } else {
        z
    };
    let neg_x = x.is_sign_negative();
    // result = K ∓ z: z (K = 0), π/2 - z, π - z, π/2 + z (swapped and x < 0)
    let kh = if swap {
        PIO2_HI
    } else if neg_x {
        PI_HI
    } else {
        0.0
    };
    let kl = if swap {
        PIO2_LO
    } else if neg_x {
        PI_LO
    } else {
        0.0
    };
    let zz = if swap != neg_x { -z } else { z };
    let r = kh + (kl + zz);
    let r = r.copysign(y);
    if x.is_nan() || y.is_nan() {
        x + y
    } else {
        r
    }
}

/// `(atan t - t) / t³` on `[0, 1]` as a polynomial in `s = t²` (minimax for the relative
/// error of `atan t`, `f32` coefficients; approximation error below `2^-28.4`).
const AT32: [f32; 9] = [
    -3.333329856e-01,
    1.999852955e-01,
    -1.426401585e-01,
    1.095088199e-01,
    -8.399321884e-02,
    5.788165703e-02,
    -3.109683841e-02,
    1.086811256e-02,
    -1.782520907e-03,
];

// π/2 and π as f32 + f32 (the low parts are the rounding errors of the high ones)
const PIO2_HI_F32: f32 = std::f32::consts::FRAC_PI_2;
const PIO2_LO_F32: f32 = -4.371139e-8;
const PI_HI_F32: f32 = std::f32::consts::PI;
const PI_LO_F32: f32 = -8.742278e-8;
const PIO4_F32: f32 = std::f32::consts::FRAC_PI_4;
/// Below this quotient (`2^-20`), `atan t = t` in `f32`.
const TINY_F32: f32 = 9.5367431640625e-7;

/// `atan2(y, x)` for `f32` (branch-free, in `f32` lanes) with the quotient's rounding
/// error corrected: at most 1 ulp (see the module documentation).
#[inline(always)]
pub fn atan2_f32(y: f32, x: f32) -> f32 {
    let ax = x.abs();
    let ay = y.abs();
    let swap = ay > ax;
    let (a, b) = if swap { (ax, ay) } else { (ay, ax) };
    let t = a / b;
    // equal (also both infinite): atan(1); a zero (b zero too, or any b): atan(0)
    let t = if a == b { 1.0 } else { t };
    let t = if a == 0.0 { 0.0 } else { t };
    // below 2^-20 (also b infinite), atan t = t: no subnormal in the polynomial
    let tiny = t < TINY_F32;
    let tc = t.max(TINY_F32);
    // the quotient's rounding error, a / b - t = (a - t b) / b, over 1 + t² (atan' t):
    // the remainder is exact (or its error negligible) with a, b scaled by 2^50 or 2^-8
    // (b into [2^-99, 2^120], t unchanged; a underflows only where t is tiny);
    // 1 / (b (1 + t²)) from a bit-pattern guess (within 13%)
    let sc = if b >= 1.8446744073709552e19 {
        0.00390625
    } else {
        1125899906842624.0
    };
    let (asc, bsc) = (a * sc, b * sc);
    let rem = (-tc).mul_add(bsc, asc);
    let den = asc.mul_add(tc, bsc);
    let q = f32::from_bits(0x7ef3_11c3u32.wrapping_sub(den.to_bits()));
    let s = tc * tc;
    let p = AT32[8]
        .mul_add(s, AT32[7])
        .mul_add(s, AT32[6])
        .mul_add(s, AT32[5])
        .mul_add(s, AT32[4])
        .mul_add(s, AT32[3])
        .mul_add(s, AT32[2])
        .mul_add(s, AT32[1])
        .mul_add(s, AT32[0]);
    // atan t = t + c (t = 1: π/4 rounded, as glibc for both infinite)
    let c = (tc * s).mul_add(p, rem * q);
    let c = if tiny { 0.0 } else { c };
    let c = if t == 1.0 { PIO4_F32 - 1.0 } else { c };
    let neg_x = x.is_sign_negative();
    // result = K ± (t + c): z (K = 0), π/2 - z, π - z, π/2 + z (swapped and x < 0)
    let kh = if swap {
        PIO2_HI_F32
    } else if neg_x {
        PI_HI_F32
    } else {
        0.0
    };
    let kl = if swap {
        PIO2_LO_F32
    } else if neg_x {
        PI_LO_F32
    } else {
        0.0
    };
    let (tt, cc) = if swap != neg_x { (-t, -c) } else { (t, c) };
    // kh + tt = h + e exactly (|kh| >= |tt| or kh = 0)
    let h = kh + tt;
    let e = (kh - h) + tt;
    let r = h + ((kl + cc) + e);
    let r = r.copysign(y);
    // NaN: glibc's x + y (x's NaN if x is one), quieted
    let nan = if x.is_nan() { x } else { y };
    if x.is_nan() || y.is_nan() {
        f32::from_bits(nan.to_bits() | 0x0040_0000)
    } else {
        r
    }
}
