//! Branch-free `pow` for `f32` and `f64` on finite nonzero `x` and finite `y` (`f64`:
//! `x < 0` only with an integer `y`; `f32`: a negative `x` with a non-integer `y` gives
//! glibc's NaN in the kernel); every other pair (zeros, infinities, NaN: the standard's
//! special cases) is left to the C library by the slice loop's fix-up pass (`vloop2_fix`)
//! and by [`pow_f64`] / [`pow_f32`] for one element.
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
//! - `f32`: `x^y = 2^(y log2|x|)` in `f64` lanes, with no `f64` division and no table
//!   (see [`pow_f32_fast`]): `|x| = 2^k m` and `s = (m - 1)/(m + 1)` come from `f32` bit
//!   operations and one `f32` division, corrected to `f64` accuracy with the exact
//!   remainder of that division (one `f64` FMA); `log2 m = s Q(s²)` (degree 4 in `s²`),
//!   `2^w` by a degree-7 polynomial on `[-1/2, 1/2]`, rounded once to `f32`. Measured
//!   against `(x as f64).powf(y as f64) as f32` over 660M random pairs (all binades,
//!   subnormal `x`, overflow and underflow, `x` near 1 with huge `y`, negative `x` with
//!   integer `y`): at most 1 ulp, the correctly rounded result for about 99.8% of them;
//!   exact powers (`3^2`, `2^-3`, ...) exact, special values glibc's.

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

/// Whether the vectorised `pow` applies to an `f32` pair: `x` finite and nonzero, `y`
/// finite ([`pow_f32_fast`] gives glibc's NaN for a negative `x` with a non-integer `y`).
#[inline(always)]
pub fn pow_ok_f32(x: f32, y: f32) -> bool {
    // the sign bit of `ok` says whether |x| is in [1, 0x7f7fffff] and |y| below inf (as
    // bits: one compare, for the slice loop's scan)
    let ax = x.to_bits() & 0x7fff_ffff;
    let ay = y.to_bits() & 0x7fff_ffff;
    const INF: u32 = 0x7f80_0000;
    let ok = ax.wrapping_sub(INF) & !ax.wrapping_sub(1) & ay.wrapping_sub(INF);
    (ok as i32) < 0
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

/// Coefficients of `log2 m = s Q(s²)`, `s = (m - 1)/(m + 1)`, `Q(z) = Q[0] + Q[1] z + ...`,
/// fitted for relative error below 2^-37 over `m` in `[√2/2, √2)` (`z <= 0.0295`).
const Q: [f64; 5] = [
    2.8853900817900775,
    0.9617966733504028,
    0.5770835832040611,
    0.41167283094396206,
    0.34072793174668353,
];

/// Coefficients of `2^r = 1 + r (E[0] + E[1] r + ... + E[6] r⁶)`, minimax for relative
/// error below 2^-32 over `r` in `[-1/2, 1/2]`.
const E: [f64; 7] = [
    0.6931471838168765,
    0.2402265092078212,
    0.05550400375287751,
    0.009618056919457944,
    0.0013341951024727161,
    0.00015461367621234765,
    1.3359826752260841e-05,
];

/// `(m, k)` with `|x| = 2^k m`, `m` in `[√2/2, √2)`, for finite nonzero `x` (subnormals
/// included).
#[inline(always)]
fn split_f32(x: f32) -> (f32, i32) {
    const SQRT_HALF: u32 = 0x3f35_04f3;
    let ax = x.to_bits() & 0x7fff_ffff;
    // a subnormal |x| is the integer ax times 2^-149: take that integer (exact in f32)
    let sub = ax < 0x0080_0000;
    let ix = if sub {
        (ax as i32 as f32).to_bits()
    } else {
        ax
    };
    let t = ix.wrapping_sub(SQRT_HALF);
    let k = ((t as i32) >> 23) - if sub { 149 } else { 0 };
    (f32::from_bits(ix.wrapping_sub(t & 0xff80_0000)), k)
}

/// `log2 |x|` in `f64` for finite nonzero `f32` `x`, to about 2^-37 relative (absolute
/// where `k != 0`).
#[inline(always)]
fn log2_f32_in_f64(x: f32) -> f64 {
    let (m, k) = split_f32(x);
    let s0 = (m - 1.0) / (m + 1.0);
    let md = m as f64;
    let sd = s0 as f64;
    // the exact remainder e = (m - 1) - s0 (m + 1) (exact operands in f64, one FMA), and
    // s = s0 + e / (m + 1) with 1/(m + 1) = (1 - s)/2: relative error about 2^-47
    let e = sd.mul_add(-(md + 1.0), md - 1.0);
    let h = (-0.5f64).mul_add(sd, 0.5);
    let s = e.mul_add(h, sd);
    let z = s * s;
    let z2 = z * z;
    let q01 = Q[1].mul_add(z, Q[0]);
    let q23 = Q[3].mul_add(z, Q[2]);
    let q = Q[4].mul_add(z2, q23).mul_add(z2, q01);
    s.mul_add(q, k as f64)
}

/// `2^w` in `f64` for the `f32` range: `w` is clamped to `[-160, 130]` (beyond: `0` or
/// `inf` once rounded to `f32`), `w = n + r` with `|r| <= 1/2`, `2^r` by [`E`], and `n`
/// added to the exponent field.
#[inline(always)]
fn exp2_for_f32(w: f64) -> f64 {
    const SHIFT: f64 = 6755399441055744.0; // 1.5 · 2^52
    let wc = w.clamp(-160.0, 130.0);
    let t = wc + SHIFT;
    let n = t - SHIFT;
    let r = wc - n;
    let r2 = r * r;
    let r4 = r2 * r2;
    let a0 = E[1].mul_add(r, E[0]);
    let a1 = E[3].mul_add(r, E[2]);
    let a2 = E[5].mul_add(r, E[4]);
    let q = E[6].mul_add(r2, a2).mul_add(r4, a1.mul_add(r2, a0));
    let p = q.mul_add(r, 1.0);
    // n sits in the low bits of t
    f64::from_bits(p.to_bits().wrapping_add(t.to_bits() << 52))
}

/// `x^y` for `f32` where [`pow_ok_f32`] (branch-free).
///
/// `|x| = 2^k m` (`m` in `[√2/2, √2)`, from the bits; a subnormal `x` through its integer
/// significand), `s = (m - 1)/(m + 1)` by one `f32` division whose exact remainder
/// (FMA) corrects it to about 2^-47 relative in `f64`, `log2 m = s Q(s²)` (degree 4 in
/// `s²`, 2^-37), `w = y (k + log2 m)` in `f64` (absolute error about 2^-37 where the
/// result is finite and nonzero), and `2^w = 2^n 2^r` with `|r| <= 1/2` by a degree-7
/// minimax polynomial (2^-32). The `f64` value is within about 2^-31 of the exact one
/// (relative) and is rounded once to `f32`: the correctly rounded result except within
/// that distance of a rounding boundary (then 1 ulp off; measured: at most 1 ulp over
/// 660M random pairs). Overflow and `f32` subnormals come out of that final rounding;
/// `x = 1` and `y = 0` give exactly 1. A negative `x` with an odd integer `y` takes the
/// sign of `x`; with a non-integer `y` the result is glibc's NaN (`0xffc0_0000`, the x86
/// default NaN of its `(x - x) / (x - x)`).
#[inline(always)]
pub fn pow_f32_fast(x: f32, y: f32) -> f32 {
    let v = exp2_for_f32(y as f64 * log2_f32_in_f64(x)) as f32;
    // negative x: an odd integer y gives the sign of x, a non-integer y glibc's NaN (the
    // x86 default NaN of its (x - x) / (x - x))
    let h = 0.5 * y;
    let flip = if h.trunc() != h {
        x.to_bits() & 0x8000_0000
    } else {
        0
    };
    let v = f32::from_bits(v.to_bits() ^ flip);
    if x < 0.0 && y.trunc() != y {
        f32::from_bits(0xffc0_0000)
    } else {
        v
    }
}

/// `x^y` for one `f32` pair (the C library's outside the fast path).
#[inline(always)]
pub fn pow_f32(x: f32, y: f32) -> f32 {
    if pow_ok_f32(x, y) {
        pow_f32_fast(x, y)
    } else {
        x.powf(y)
    }
}
