//! Complex element functions: arithmetic, `exp`, `expm1`, `log`, `log1p`, `sqrt`, `pow`,
//! `sign`.
//!
//! Special values follow C99 Annex G and the standard's bullets exactly (the
//! `num_complex` methods do not, so none are used). Where the standard leaves a result
//! implementation-defined, NumPy's algorithms: multiplication by the textbook formula,
//! division by Smith's algorithm as NumPy writes it (so `1 / (inf + 0j) == 0` and a
//! division by zero gives infinities), `pow` by repeated multiplication for integer
//! exponents of magnitude below 100 (else `exp(y log x)`), `sign(z) = z / |z|` with
//! NumPy's values for infinite components.
//!
//! Arithmetic is generic over the component type. Multiplication ([`mul_wide`]),
//! division and the transcendental functions are written for `Complex<f64>`; `complex64`
//! inputs are widened, computed and rounded once, which is more accurate than computing in
//! `f32` and keeps the `f32` range free of spurious intermediate overflow.

use super::float::Real;
use num_complex::Complex;
use std::f64::consts::{FRAC_PI_2, LN_2};

/// A `complex128` element.
pub type C64 = Complex<f64>;

/// `re + im·i`.
#[inline(always)]
pub fn c<F>(re: F, im: F) -> Complex<F> {
    Complex { re, im }
}

/// Widens a complex number to `Complex<f64>`.
#[inline(always)]
pub fn widen<F: Real>(z: Complex<F>) -> C64 {
    c(z.re.to_f64(), z.im.to_f64())
}

/// Rounds a `Complex<f64>` to the component type `F`.
#[inline(always)]
pub fn narrow<F: Real>(z: C64) -> Complex<F> {
    c(F::from_f64(z.re), F::from_f64(z.im))
}

/// `x + y`.
#[inline(always)]
pub fn add<F: Real>(x: Complex<F>, y: Complex<F>) -> Complex<F> {
    c(x.re + y.re, x.im + y.im)
}

/// `x - y`.
#[inline(always)]
pub fn sub<F: Real>(x: Complex<F>, y: Complex<F>) -> Complex<F> {
    c(x.re - y.re, x.im - y.im)
}

/// The textbook product `(ac - bd) + (ad + bc)i` (NumPy's).
#[inline(always)]
pub fn mul<F: Real>(x: Complex<F>, y: Complex<F>) -> Complex<F> {
    c(x.re * y.re - x.im * y.im, x.re * y.im + x.im * y.re)
}

/// The textbook product of two complex numbers of component type `F`, computed in double
/// precision and rounded once. For complex64 the products `ac`, `bd`, `ad`, `bc` of `f32`
/// components are exact in `f64`, so nothing overflows or cancels inside the formula: only
/// the result is rounded (`(inf + 3.4e38i)²` is `inf + inf i`, where the `f32` formula
/// gives `inf - inf = NaN` for the real part). For complex128 it is [`mul`].
#[inline(always)]
pub fn mul_wide<F: Real>(x: Complex<F>, y: Complex<F>) -> Complex<F> {
    narrow(mul(widen(x), widen(y)))
}

/// Smith's division as NumPy writes it: no overflow for large divisors, and a zero
/// divisor gives `x / 0` componentwise (infinities or NaN).
#[inline(always)]
pub fn div<F: Real>(x: Complex<F>, y: Complex<F>) -> Complex<F> {
    let (a, b, cr, ci) = (x.re, x.im, y.re, y.im);
    let (acr, aci) = (cr.abs(), ci.abs());
    if acr >= aci {
        if acr == F::zero() && aci == F::zero() {
            c(a / acr, b / acr)
        } else {
            let rat = ci / cr;
            let scl = F::one() / (cr + ci * rat);
            c((a + b * rat) * scl, (b - a * rat) * scl)
        }
    } else {
        let rat = cr / ci;
        let scl = F::one() / (ci + cr * rat);
        c((a * rat + b) * scl, (b * rat - a) * scl)
    }
}

/// `|z|` without spurious overflow or underflow.
#[inline(always)]
pub fn abs<F: Real>(z: Complex<F>) -> F {
    z.re.hypot(z.im)
}

/// `true` when both components are finite.
#[inline(always)]
fn finite(x: f64, y: f64) -> bool {
    x.is_finite() && y.is_finite()
}

/// `e^709`, the largest power of `e` (by integers) below `f64::MAX`.
const E709: f64 = 8.218407461554972e307;

/// `m · e^x` for finite `x` without premature overflow (`e^x` alone may overflow while
/// the product does not, for `709 < x < 1418` and `|m| < 1`).
#[inline]
fn mul_exp(m: f64, x: f64) -> f64 {
    if x <= 709.0 {
        m * x.exp()
    } else {
        (m * (x - 709.0).exp()) * E709
    }
}

/// `exp(z)` (Annex G.6.3.1).
pub fn exp(z: C64) -> C64 {
    let (x, y) = (z.re, z.im);
    if y == 0.0 {
        // exp(±0 + 0i) = 1 + 0i, exp(inf + 0i) = inf + 0i, exp(NaN + 0i) = NaN + 0i
        return c(x.exp(), y);
    }
    if x.is_nan() {
        return c(f64::NAN, f64::NAN);
    }
    if x.is_infinite() {
        return match (x > 0.0, y.is_finite()) {
            // ±inf · cis(y)
            (true, true) => c(f64::INFINITY * y.cos(), f64::INFINITY * y.sin()),
            (true, false) => c(f64::INFINITY, f64::NAN),
            (false, true) => c(0.0 * y.cos(), 0.0 * y.sin()),
            (false, false) => c(0.0, 0.0),
        };
    }
    if !y.is_finite() {
        return c(f64::NAN, f64::NAN);
    }
    let (s, co) = y.sin_cos();
    c(mul_exp(co, x), mul_exp(s, x))
}

/// `exp(z) - 1`, accurate near 0: `re = expm1(x) cos y - 2 sin²(y/2)`.
pub fn expm1(z: C64) -> C64 {
    let (x, y) = (z.re, z.im);
    if y == 0.0 {
        return c(x.exp_m1(), y);
    }
    if x.is_nan() {
        return c(f64::NAN, f64::NAN);
    }
    if x.is_infinite() {
        return match (x > 0.0, y.is_finite()) {
            (true, true) => c(f64::INFINITY * y.cos(), f64::INFINITY * y.sin()),
            (true, false) => c(f64::INFINITY, f64::NAN),
            (false, true) => c(-1.0, 0.0 * y.sin()),
            (false, false) => c(-1.0, 0.0),
        };
    }
    if !y.is_finite() {
        return c(f64::NAN, f64::NAN);
    }
    let (s, co) = y.sin_cos();
    if x > 1.0 {
        return c(mul_exp(co, x) - 1.0, mul_exp(s, x));
    }
    let h = (0.5 * y).sin();
    c(x.exp_m1() * co - 2.0 * h * h, x.exp() * s)
}

/// `(hi, lo)` with `hi + lo == a · b` exactly.
#[inline(always)]
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, a.mul_add(b, -p))
}

/// `log |x + yi|` for finite `x`, `y`: through `log1p(|z|² - 1)` with exact squares when
/// `|z|` is near 1, scaled when `|z|` would overflow.
fn log_abs(x: f64, y: f64) -> f64 {
    let (mut a, mut b) = (x.abs(), y.abs());
    if a < b {
        std::mem::swap(&mut a, &mut b);
    }
    if (0.5..=2.0).contains(&a) {
        let (p1, e1) = two_prod(a, a);
        let (p2, e2) = two_prod(b, b);
        // p1 - 1 is exact for p1 in [0.5, 2]; the rest is summed smallest last.
        let s = ((p1 - 1.0) + p2) + (e1 + e2);
        return 0.5 * s.ln_1p();
    }
    if a > f64::MAX / 2.0 {
        // hypot may overflow (above MAX / sqrt 2): halve exactly. Only here: the extra
        // rounding of `+ LN_2` costs up to an ulp of a result near 700, which `pow`
        // multiplies into the angle of `exp(y log x)`.
        return (0.5 * a).hypot(0.5 * b).ln() + LN_2;
    }
    a.hypot(b).ln()
}

/// `log |x + yi|` for any `x`, `y` (infinite included), without overflow near
/// `f64::MAX`.
pub fn ln_hypot(x: f64, y: f64) -> f64 {
    if finite(x, y) {
        log_abs(x, y)
    } else {
        x.hypot(y).ln()
    }
}

/// `log(z) = log|z| + i arg(z)` (Annex G.6.3.2: the special values come from `hypot` and
/// `atan2`).
pub fn log(z: C64) -> C64 {
    c(ln_hypot(z.re, z.im), z.im.atan2(z.re))
}

/// `log(1 + z)`, accurate near 0.
pub fn log1p(z: C64) -> C64 {
    let (x, y) = (z.re, z.im);
    if !finite(x, y) {
        return c((1.0 + x).hypot(y).ln(), y.atan2(1.0 + x));
    }
    if x.abs() < 0.5 && y.abs() < 0.5 {
        // |1 + z|² - 1 = x (2 + x) + y², no cancellation for |z| < 1/2 except through
        // the sum itself, computed with one rounding per term.
        let (p, e) = two_prod(y, y);
        let t = x.mul_add(2.0 + x, p) + e;
        return c(0.5 * t.ln_1p(), y.atan2(1.0 + x));
    }
    log(c(1.0 + x, y))
}

/// The principal square root (Annex G.6.4.2), scaled against overflow and underflow.
pub fn sqrt(z: C64) -> C64 {
    let (x, y) = (z.re, z.im);
    if y.is_infinite() {
        return c(f64::INFINITY, y);
    }
    if x.is_nan() {
        return c(f64::NAN, f64::NAN);
    }
    if x.is_infinite() {
        return match (x > 0.0, y.is_nan()) {
            (true, true) => c(f64::INFINITY, y),
            (true, false) => c(f64::INFINITY, 0f64.copysign(y)),
            (false, true) => c(f64::NAN, f64::INFINITY),
            (false, false) => c(0.0, f64::INFINITY.copysign(y)),
        };
    }
    if y.is_nan() {
        return c(f64::NAN, f64::NAN);
    }
    if x == 0.0 && y == 0.0 {
        return c(0.0, y);
    }
    // Scale by an even power of two into a range where |x| + hypot(x, y) neither
    // overflows nor loses bits to subnormals.
    let m = x.abs().max(y.abs());
    let (k, back) = if m > 1e300 {
        (0.25, 2.0)
    } else if m < 1e-300 {
        (2f64.powi(600), 2f64.powi(-300))
    } else {
        (1.0, 1.0)
    };
    let (sx, sy) = (x * k, y * k);
    let t = ((sx.abs() + sx.hypot(sy)) * 0.5).sqrt();
    if sx >= 0.0 {
        c(t * back, (sy / (2.0 * t)) * back)
    } else {
        c((sy.abs() / (2.0 * t)) * back, t.copysign(sy) * back)
    }
}

/// `x ** y` as NumPy: `1` for `y == 0`; for `x == 0`, `0` when `re(y) > 0` (whatever
/// `im(y)`: `|exp(y log 0)| = exp(-inf · re(y) - im(y) arg 0)` is 0, and
/// `exp(x2 * log(x1))`, the standard's rule, gives `exp(-inf ± inf i) = 0` too), else NaN;
/// repeated multiplication for integer exponents of magnitude below 100 (then `1 / r` for
/// negative ones); otherwise `exp(y log x)`.
pub fn pow(x: C64, y: C64) -> C64 {
    if y.re == 0.0 && y.im == 0.0 {
        return c(1.0, 0.0);
    }
    if x.re == 0.0 && x.im == 0.0 {
        return if y.re > 0.0 {
            c(0.0, 0.0)
        } else {
            c(f64::NAN, f64::NAN)
        };
    }
    if y.im == 0.0 && y.re == y.re.trunc() && y.re.abs() < 100.0 {
        let n = y.re as i64;
        match n {
            1 => return x,
            2 => return mul(x, x),
            3 => return mul(mul(x, x), x),
            _ => {
                let (mut acc, mut p, mut e) = (c(1.0, 0.0), x, n.unsigned_abs());
                loop {
                    if e & 1 == 1 {
                        acc = mul(acc, p);
                    }
                    e >>= 1;
                    if e == 0 {
                        break;
                    }
                    p = mul(p, p);
                }
                return if n < 0 { div(c(1.0, 0.0), acc) } else { acc };
            }
        }
    }
    exp(mul(y, log(x)))
}

/// `z / |z|`: `0` for `0`, NaN + NaN·i for a NaN component, NumPy's values for infinite
/// components (`±1` on an infinite axis, NaN when both are infinite).
pub fn sign<F: Real>(z: Complex<F>) -> Complex<F> {
    let (x, y) = (z.re, z.im);
    let nan = F::nan();
    if x.is_nan() || y.is_nan() {
        return c(nan, nan);
    }
    match (x.is_infinite(), y.is_infinite()) {
        (true, true) => return c(nan, nan),
        (true, false) => return c(F::one().copysign(x), F::zero()),
        (false, true) => return c(F::zero(), F::one().copysign(y)),
        (false, false) => {}
    }
    if x == F::zero() && y == F::zero() {
        return c(F::zero(), F::zero());
    }
    // Divide by the larger component first so that |z| cannot overflow.
    let m = x.abs().max(y.abs());
    let (a, b) = (x / m, y / m);
    let h = a.hypot(b);
    c(a / h, b / h)
}

/// `π/2`, for the inverse functions.
pub const HALF_PI: f64 = FRAC_PI_2;

#[cfg(test)]
mod tests {
    use super::*;

    const INF: f64 = f64::INFINITY;
    const NAN: f64 = f64::NAN;

    fn same(a: C64, b: C64) -> bool {
        let eq = |x: f64, y: f64| (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits();
        eq(a.re, b.re) && eq(a.im, b.im)
    }

    #[test]
    fn division_like_numpy() {
        assert!(same(div(c(1.0, 1.0), c(0.0, 0.0)), c(INF, INF)));
        assert!(same(div(c(1.0, 1.0), c(INF, 0.0)), c(0.0, 0.0)));
        assert!(same(div(c(INF, 0.0), c(1.0, 1.0)), c(INF, -INF)));
        assert!(same(div(c(1e300, 1e300), c(1e300, 1e300)), c(1.0, 0.0)));
        assert!(same(div(c(NAN, NAN), c(NAN, NAN)), c(NAN, NAN)));
        assert!(same(mul(c(2.0, 3.0), c(4.0, -5.0)), c(23.0, 2.0)));
    }

    #[test]
    fn exp_log_sqrt_special_values() {
        assert!(same(exp(c(-0.0, 0.0)), c(1.0, 0.0)));
        assert!(same(exp(c(NAN, 0.0)), c(NAN, 0.0)));
        assert!(same(exp(c(-INF, 2.0)), c(-0.0, 0.0)));
        assert!(same(exp(c(INF, 4.0)), c(-INF, -INF)));
        let w = exp(c(710.0, 1.5));
        assert!((w.re / (1.5f64.cos() * 1f64.exp() * 709f64.exp()) - 1.0).abs() < 1e-14);
        assert!(same(log(c(-0.0, 0.0)), c(-INF, std::f64::consts::PI)));
        assert!(same(log(c(NAN, INF)), c(INF, NAN)));
        let w = log(c(f64::MAX, f64::MAX));
        assert!((w.re - (f64::MAX.ln() + 0.5 * LN_2)).abs() < 1e-13);
        let w = log(c(0.6, 0.8));
        assert!(w.re.abs() < 1e-16);
        assert!(same(sqrt(c(-4.0, -0.0)), c(0.0, -2.0)));
        assert!(same(sqrt(c(NAN, INF)), c(INF, INF)));
        assert!(same(sqrt(c(-INF, NAN)), c(NAN, INF)));
        let w = sqrt(c(f64::MAX, f64::MAX));
        assert!((w.re / 1.4730945569055652e154 - 1.0).abs() < 1e-15);
        let w = sqrt(c(5e-324, 0.0));
        assert_eq!(w.re, 2.2227587494850775e-162);
    }

    #[test]
    fn pow_and_sign() {
        assert!(same(pow(c(1.0, 1.0), c(2.0, 0.0)), c(0.0, 2.0)));
        assert!(same(pow(c(2.0, 0.0), c(-2.0, 0.0)), c(0.25, 0.0)));
        // NumPy 2.4: 0 ** y is 0 for re(y) > 0 (im(y) does not matter), else NaN
        assert!(same(pow(c(0.0, 0.0), c(1.0, 1.0)), c(0.0, 0.0)));
        assert!(same(pow(c(0.0, 0.0), c(0.0, 1.0)), c(NAN, NAN)));
        assert!(same(pow(c(0.0, 0.0), c(2.5, 0.0)), c(0.0, 0.0)));
        assert!(same(sign(c(-0.0, -0.0)), c(0.0, 0.0)));
        assert!(same(sign(c(NAN, INF)), c(NAN, NAN)));
        assert!(same(sign(c(-INF, 1.0)), c(-1.0, 0.0)));
        assert!(same(sign(c(3.0, 4.0)), c(0.6, 0.8)));
    }
}
