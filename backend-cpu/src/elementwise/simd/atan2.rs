//! Branch-free `atan2(y, x)` for `f32` and `f64`.
//!
//! With `a = min(|x|, |y|)` and `b = max(|x|, |y|)`, `z = atan(a / b)` is in `[0, π/4]`;
//! the quadrant then gives `z`, `π/2 - z`, `π - z` or `π/2 + z` (the constants as
//! double-doubles), with the sign of `y` copied.
//!
//! `atan(a / b)` takes fdlibm's reduction without forming `a / b` first (one division per
//! lane): for `a/b < 7/16`, `t = a / b`; below `11/16`, `atan(1/2) + atan(t)` with
//! `t = (2a - b) / (2b + a)`; else `π/4 + atan(t)` with `t = (a - b) / (a + b)`. The
//! numerators are exact (Sterbenz), so `t` carries one rounding, and `atan t` is fdlibm's
//! odd polynomial (see [`super::atan`]). Operands are scaled by a power of two first when
//! `b` is huge or tiny, so `2b + a` cannot overflow and subnormal operands lose no bits.
//!
//! Special values (the standard's table): NaN in either gives NaN; `y = ±0` gives `±0`
//! (`x > 0` or `+0`) or `±π` (`x < 0` or `-0`); `x = ±0` with `y ≠ 0` gives `±π/2`;
//! infinite operands give `±0`, `±π/2`, `±π`, `±π/4` or `±3π/4`. `f32` computes in `f64`
//! and rounds once.

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

/// `atan2(y, x)` for `f32`: the `f64` kernel, rounded once.
#[inline(always)]
pub fn atan2_f32(y: f32, x: f32) -> f32 {
    atan2_f64(y as f64, x as f64) as f32
}
