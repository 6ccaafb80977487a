//! Branch-free `exp` and `log` for `f32` and `f64`, written as scalar functions of
//! plain arithmetic, bit operations and selects so that the slice loops calling them
//! vectorise (AVX-512: 8 `f64` / 16 `f32` lanes per instruction).
//!
//! - `exp`: `x = n ln2 + r` (`n = round(x / ln2)` by the 1.5·2^52 shift trick, `r` by a
//!   two-part Cody–Waite reduction with FMA, `|r| <= ln2 / 2`), `e^r` by its Taylor
//!   polynomial (degree 13 for `f64`, 7 for `f32`: truncation error below 0.05 ulp), then
//!   `2^n` applied as two factors `2^(n/2) · 2^(n - n/2)` so that subnormal results and
//!   the overflow boundary come out right without branches. Inputs are clamped first;
//!   NaN passes through the arithmetic.
//! - `log` (`f64`): fdlibm's algorithm: `x = 2^k m` with `m` in `[√2/2, √2)`,
//!   `f = m - 1`, `s = f / (2 + f)`, `log(1 + f) = f - f²/2 + s (f²/2 + R(s²))` with
//!   fdlibm's degree-14 even polynomial `R` (published coefficients), `k ln2` in two
//!   parts. Subnormal inputs are scaled by `2^54` first.
//! - `log` (`f32`): in `f32` lanes, without a division or any `f64` step: `x = 2^k m`,
//!   `log(1 + f)` by a degree-10 polynomial (`f - f²/2 + f³ R(f)`, `R` of degree 7), and
//!   `k ln2 + log(1 + f)` summed with an exact two-sum; at most 1 ulp over every `f32`
//!   (exhaustive check), see [`log_f32`].
//!
//! Measured accuracy against the C library (tests/cpu/elementwise_ulp.rs): see the notes of
//! [`crate::elementwise`].

// The published coefficients are kept digit for digit.
#![allow(clippy::excessive_precision)]

const SHIFT: f64 = 6755399441055744.0; // 1.5 · 2^52
const LOG2E: f64 = std::f64::consts::LOG2_E;
const LN2_HI: f64 = std::f64::consts::LN_2;
pub(super) const LN2_LO: f64 = 2.3190468138462996e-17;

/// `e^x` for `f64` (see the module notes).
#[inline(always)]
pub fn exp_f64(x: f64) -> f64 {
    // Clamp (keeping NaN): beyond these the result is inf / 0 anyway.
    let xc = x.clamp(-746.0, 710.0);
    let t = xc.mul_add(LOG2E, SHIFT);
    let n = t - SHIFT;
    let r = n.mul_add(-LN2_HI, xc);
    let r = n.mul_add(-LN2_LO, r);
    // Taylor polynomial of e^r, Horner with FMA.
    let mut p: f64 = 1.0 / 6227020800.0; // 1/13!
    p = p.mul_add(r, 1.0 / 479001600.0);
    p = p.mul_add(r, 1.0 / 39916800.0);
    p = p.mul_add(r, 1.0 / 3628800.0);
    p = p.mul_add(r, 1.0 / 362880.0);
    p = p.mul_add(r, 1.0 / 40320.0);
    p = p.mul_add(r, 1.0 / 5040.0);
    p = p.mul_add(r, 1.0 / 720.0);
    p = p.mul_add(r, 1.0 / 120.0);
    p = p.mul_add(r, 1.0 / 24.0);
    p = p.mul_add(r, 1.0 / 6.0);
    p = p.mul_add(r, 0.5);
    p = p.mul_add(r, 1.0);
    p = p.mul_add(r, 1.0);
    // n as an integer: the low bits of t (|n| <= 1076).
    let ni = (t.to_bits() as i64).wrapping_sub(SHIFT.to_bits() as i64);
    let n1 = ni >> 1;
    let n2 = ni - n1;
    let s1 = f64::from_bits(((n1 + 1023) as u64) << 52);
    let s2 = f64::from_bits(((n2 + 1023) as u64) << 52);
    p * s1 * s2
}

const SHIFT_F: f32 = 12582912.0; // 1.5 · 2^23
const LOG2E_F: f32 = std::f32::consts::LOG2_E;
const LN2_HI_F: f32 = std::f32::consts::LN_2;
const LN2_LO_F: f32 = -1.904_654_2e-9;

/// `e^x` for `f32` (see the module notes).
#[inline(always)]
pub fn exp_f32(x: f32) -> f32 {
    let xc = x.clamp(-104.0, 89.0);
    let t = xc.mul_add(LOG2E_F, SHIFT_F);
    let n = t - SHIFT_F;
    let r = n.mul_add(-LN2_HI_F, xc);
    let r = n.mul_add(-LN2_LO_F, r);
    let mut p: f32 = 1.0 / 5040.0;
    p = p.mul_add(r, 1.0 / 720.0);
    p = p.mul_add(r, 1.0 / 120.0);
    p = p.mul_add(r, 1.0 / 24.0);
    p = p.mul_add(r, 1.0 / 6.0);
    p = p.mul_add(r, 0.5);
    p = p.mul_add(r, 1.0);
    p = p.mul_add(r, 1.0);
    let ni = (t.to_bits() as i32).wrapping_sub(SHIFT_F.to_bits() as i32);
    let n1 = ni >> 1;
    let n2 = ni - n1;
    let s1 = f32::from_bits(((n1 + 127) as u32) << 23);
    let s2 = f32::from_bits(((n2 + 127) as u32) << 23);
    p * s1 * s2
}

// fdlibm's e_log.c coefficients: R(z) ≈ Lg1 z + ... + Lg7 z^7, |error| < 2^-58.45.
pub(super) const LG1: f64 = 6.666666666666735130e-01;
pub(super) const LG2: f64 = 3.999999999940941908e-01;
pub(super) const LG3: f64 = 2.857142874366239149e-01;
pub(super) const LG4: f64 = 2.222219843214978396e-01;
pub(super) const LG5: f64 = 1.818357216161805012e-01;
pub(super) const LG6: f64 = 1.531383769920937332e-01;
pub(super) const LG7: f64 = 1.479819860511658591e-01;
pub(super) const LN2_HI_L: f64 = 6.93147180369123816490e-01;
pub(super) const LN2_LO_L: f64 = 1.90821492927058770002e-10;
pub(super) const TWO54: f64 = 18014398509481984.0;
/// `2^52`, for converting small integers to `f64` through the bit pattern.
pub(super) const TWO52: f64 = 4503599627370496.0;

/// `log(x)` for `f64` (see the module notes).
#[inline(always)]
pub fn log_f64(x: f64) -> f64 {
    let sub = x < f64::MIN_POSITIVE;
    let xs = if sub { x * TWO54 } else { x };
    let bits = xs.to_bits();
    let hx = ((bits >> 32) as u32) & 0x000f_ffff;
    // i = 0x100000 when the mantissa is >= √2 (then m is halved and k incremented)
    let i = (hx.wrapping_add(0x95f64)) & 0x0010_0000;
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | (((0x3ff0_0000 ^ i) as u64) << 32));
    // k = exponent - 1023 (- 54 for scaled subnormals) + (i >> 20), as f64 via 2^52
    let e = (bits >> 52) & 0x7ff;
    let ke = f64::from_bits(TWO52.to_bits() | (e + (i >> 20) as u64)) - TWO52;
    let dk = ke - if sub { 1023.0 + 54.0 } else { 1023.0 };
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * LG6.mul_add(w, LG4).mul_add(w, LG2);
    let t2 = z * LG7.mul_add(w, LG5).mul_add(w, LG3).mul_add(w, LG1);
    let r = t2 + t1;
    let hfsq = 0.5 * f * f;
    let y = dk * LN2_HI_L - ((hfsq - (s * (hfsq + r) + dk * LN2_LO_L)) - f);
    // log(±0) = -inf, log(x < 0) = NaN, log(inf) = inf, log(NaN) = NaN
    if x == 0.0 {
        f64::NEG_INFINITY
    } else if x < 0.0 || x.is_nan() {
        f64::NAN
    } else if x == f64::INFINITY {
        x
    } else {
        y
    }
}

// log(1 + f) ≈ f - f²/2 + f³ R(f) on [√2/2 - 1, √2 - 1]: R of degree 7, a weighted
// least-squares fit on Chebyshev nodes (relative error of the sum below 0.12 · 2^-24). A
// degree-6 minimax R (2^-24.9) also stays within 1 ulp, but misses glibc's exact -1 at
// x = 0x3ebc5ab1 (log = -1.000000056), so the degree is kept.
const LF: [f32; 8] = [
    0.333333283662796,
    -0.2500084638595581,
    0.200014129281044,
    -0.1662275195121765,
    0.14197877049446106,
    -0.13161605596542358,
    0.1278633028268814,
    -0.07660818845033646,
];
/// `√2/2` rounded to `f32`, as bits: mantissas from here up map to `[√2/2, √2)`.
const SQRT_HALF_BITS: u32 = 0x3f35_04f3;
/// `ln 2` to 16 significant bits (45426 / 2^16): `k · LN2_HI_LF` is exact for `|k| < 2^8`.
const LN2_HI_LF: f32 = 0.693145751953125;
/// `ln 2 - LN2_HI_LF` rounded to `f32`.
const LN2_LO_LF: f32 = 1.428606765330187e-06;

/// `log(x)` for `f32`, in `f32` lanes (16 per AVX-512 vector, branch-free, no division):
/// `x = 2^k m` with `m` in `[√2/2, √2)` (a subnormal `x` is read as the integer of its
/// bits, converted exactly, times `2^-149`: no multiplication on a subnormal), `f = m - 1`
/// exact, `log(1 + f) = f + f²(R(f) f - 1/2)` with `R` of degree 7, then
/// `k ln2_hi + f` by an exact two-sum (`k ln2_hi` exact) and the small terms
/// (`f²(...)`, `k ln2_lo`, the two-sum's error) added to its low part before the one
/// final addition. At most 1 ulp from the correctly rounded result over every `f32`
/// (checked exhaustively); `±0`, negative, NaN and `+inf` arguments give glibc's `logf`
/// results bit for bit.
#[inline(always)]
pub fn log_f32(x: f32) -> f32 {
    let sub = x < f32::MIN_POSITIVE;
    // a subnormal x is 2^-149 times its bit pattern read as an integer (exact in f32)
    let xs = if sub { (x.to_bits() as i32) as f32 } else { x };
    let ix = xs.to_bits().wrapping_sub(SQRT_HALF_BITS);
    let k = ((ix as i32) >> 23) - if sub { 149 } else { 0 };
    let m = f32::from_bits((ix & 0x007f_ffff).wrapping_add(SQRT_HALF_BITS));
    let f = m - 1.0;
    let mut r = LF[7];
    r = r.mul_add(f, LF[6]);
    r = r.mul_add(f, LF[5]);
    r = r.mul_add(f, LF[4]);
    r = r.mul_add(f, LF[3]);
    r = r.mul_add(f, LF[2]);
    r = r.mul_add(f, LF[1]);
    r = r.mul_add(f, LF[0]);
    let small = (f * f) * r.mul_add(f, -0.5);
    let kf = k as f32;
    let hi = kf * LN2_HI_LF;
    let s = hi + f;
    let e = f - (s - hi);
    let y = s + kf.mul_add(LN2_LO_LF, small + e);
    // log(±0) = -inf, log(x < 0) = NaN, log(inf) = inf, log(NaN) = NaN
    if x == 0.0 {
        f32::NEG_INFINITY
    } else if x < 0.0 || x.is_nan() {
        f32::NAN
    } else if x == f32::INFINITY {
        x
    } else {
        y
    }
}
