//! Real floating-point element functions (generic over `f32` and `f64` through [`Real`]).
//!
//! IEEE arithmetic and the C library (`libm`, through `std`) give most functions with
//! the standard's special cases. The rest, where NumPy fixes what the standard leaves
//! open:
//!
//! - `maximum` / `minimum` propagate NaN and return the second operand on ties, so
//!   `maximum(-0.0, 0.0) == +0.0` and `maximum(0.0, -0.0) == -0.0` (NumPy's values);
//! - `sign(±0) == +0`, `sign(NaN)` is NaN;
//! - `floor_divide` and `remainder` are NumPy's `npy_divmod` (Python's semantics: the
//!   remainder takes the divisor's sign, `1 // -inf == -1`, `inf // 2` is NaN, `x // 0`
//!   is `x / 0`, `x % 0` is NaN);
//! - `logaddexp` is NumPy's `npy_logaddexp` (`logaddexp(-inf, -inf) == -inf`);
//! - `asinh`, `acosh`, `atanh` follow fdlibm's formulas (accurate near 0 and 1, no
//!   overflow for huge arguments).
//!
//! For `f32`, `floor_divide`, `remainder`, `logaddexp`, `asinh`, `acosh` and `atanh` are
//! computed in `f64` and rounded once. In `f32`, `npy_divmod`'s `(a - a mod b) / b`
//! rounds, so `181653008 // 7.5` came out as `24220402`, above the quotient
//! `24220401.07` (in `f64`: `24220401`, rounded to `24220400`). And `logaddexp` loses the
//! `f32` rounding error of `a - b`, scaled by `e^-|a - b|`, when the result is small.
//! NumPy computes these in `f32`; its values differ from xp's in the last bits there.

use array_api::Element;
use num_traits::{Float, FloatConst};
use std::fmt::Debug;

/// A real floating-point element type (`f32` or `f64`).
pub trait Real: Float + FloatConst + Element + Default + Debug + Send + Sync + 'static {
    /// `x` rounded to the nearest integer, halves to even.
    fn round_even(self) -> Self;
    /// The next representable value after `self` toward `y`.
    fn next_after(self, y: Self) -> Self;
    /// Widened to `f64` (exact).
    fn to_f64(self) -> f64;
    /// Rounded from `f64`.
    fn from_f64(x: f64) -> Self;
    /// The inverse hyperbolic sine (fdlibm's formulas).
    fn asinh_(self) -> Self;
    /// The inverse hyperbolic cosine (fdlibm's formulas).
    fn acosh_(self) -> Self;
    /// The inverse hyperbolic tangent (fdlibm's formulas).
    fn atanh_(self) -> Self;
}

macro_rules! next_after {
    ($t:ty, $x:expr, $y:expr) => {{
        let (x, y): ($t, $t) = ($x, $y);
        if x.is_nan() || y.is_nan() {
            x + y
        } else if x == y {
            y
        } else if x == 0.0 {
            <$t>::from_bits(1).copysign(y)
        } else {
            let b = x.to_bits();
            // Away from zero when y lies beyond x on x's side, else toward zero.
            if (y > x) == (x > 0.0) {
                <$t>::from_bits(b + 1)
            } else {
                <$t>::from_bits(b - 1)
            }
        }
    }};
}

impl Real for f64 {
    #[inline(always)]
    fn round_even(self) -> f64 {
        self.round_ties_even()
    }
    #[inline]
    fn next_after(self, y: f64) -> f64 {
        next_after!(f64, self, y)
    }
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self
    }
    #[inline(always)]
    fn from_f64(x: f64) -> f64 {
        x
    }
    fn asinh_(self) -> f64 {
        asinh(self)
    }
    fn acosh_(self) -> f64 {
        acosh(self)
    }
    fn atanh_(self) -> f64 {
        atanh(self)
    }
}

impl Real for f32 {
    #[inline(always)]
    fn round_even(self) -> f32 {
        self.round_ties_even()
    }
    #[inline]
    fn next_after(self, y: f32) -> f32 {
        next_after!(f32, self, y)
    }
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self as f64
    }
    #[inline(always)]
    fn from_f64(x: f64) -> f32 {
        x as f32
    }
    fn asinh_(self) -> f32 {
        asinh(self as f64) as f32
    }
    fn acosh_(self) -> f32 {
        acosh(self as f64) as f32
    }
    fn atanh_(self) -> f32 {
        atanh(self as f64) as f32
    }
}

/// `2^28`: beyond it `asinh` and `acosh` are `log(2x)`.
const TWO28: f64 = 268435456.0;
/// `2^-28`: below it `asinh x == x` and `atanh x == x` to double precision.
const TWOM28: f64 = 3.725290298461914e-9;

/// The inverse hyperbolic sine, after fdlibm.
pub fn asinh(x: f64) -> f64 {
    let ax = x.abs();
    if !ax.is_finite() || ax < TWOM28 {
        return x;
    }
    let r = if ax > TWO28 {
        ax.ln() + std::f64::consts::LN_2
    } else if ax > 2.0 {
        (2.0 * ax + 1.0 / ((x * x + 1.0).sqrt() + ax)).ln()
    } else {
        let t = x * x;
        (ax + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
    };
    r.copysign(x)
}

/// The inverse hyperbolic cosine, after fdlibm.
pub fn acosh(x: f64) -> f64 {
    if x.is_nan() || x < 1.0 {
        return f64::NAN;
    }
    if x >= TWO28 {
        // acosh(inf) == inf
        x.ln() + std::f64::consts::LN_2
    } else if x > 2.0 {
        (2.0 * x - 1.0 / (x + (x * x - 1.0).sqrt())).ln()
    } else {
        let t = x - 1.0;
        (t + (2.0 * t + t * t).sqrt()).ln_1p()
    }
}

/// The inverse hyperbolic tangent, after fdlibm.
pub fn atanh(x: f64) -> f64 {
    let ax = x.abs();
    if x.is_nan() || ax > 1.0 {
        return f64::NAN;
    }
    if ax == 1.0 {
        return f64::INFINITY.copysign(x);
    }
    if ax < TWOM28 {
        return x;
    }
    let r = if ax < 0.5 {
        let t = ax + ax;
        0.5 * (t + t * ax / (1.0 - ax)).ln_1p()
    } else {
        0.5 * ((ax + ax) / (1.0 - ax)).ln_1p()
    };
    r.copysign(x)
}

/// NumPy's `maximum`: NaN if either is NaN, else the larger, `b` on ties.
#[inline(always)]
pub fn maximum<F: Real>(a: F, b: F) -> F {
    if a > b || a.is_nan() {
        a
    } else {
        b
    }
}

/// NumPy's `minimum`: NaN if either is NaN, else the smaller, `b` on ties.
#[inline(always)]
pub fn minimum<F: Real>(a: F, b: F) -> F {
    if a < b || a.is_nan() {
        a
    } else {
        b
    }
}

/// `sign`: `-1`, `+0` or `1`; NaN stays NaN.
#[inline(always)]
pub fn sign<F: Real>(x: F) -> F {
    if x > F::zero() {
        F::one()
    } else if x < F::zero() {
        -F::one()
    } else if x == F::zero() {
        F::zero()
    } else {
        x
    }
}

/// NumPy's `npy_divmod`: `(floor(a / b), a mod b)` with Python's signs, for `b != 0`.
#[inline(always)]
fn divmod<F: Real>(a: F, b: F) -> (F, F) {
    let m = a % b;
    let mut div = (a - m) / b;
    let mut m = m;
    // `m != 0` is also true for NaN, as NumPy's `if (mod)`.
    if m != F::zero() {
        if (b < F::zero()) != (m < F::zero()) {
            m = m + b;
            div = div - F::one();
        }
    } else {
        m = F::zero().copysign(b);
    }
    let q = if div != F::zero() {
        let f = div.floor();
        if div - f > F::from(0.5).unwrap_or_else(F::zero) {
            f + F::one()
        } else {
            f
        }
    } else {
        F::zero().copysign(a / b)
    };
    (q, m)
}

/// `floor_divide` (NumPy's `npy_floor_divide`; `f32` in `f64`, rounded once).
#[inline(always)]
pub fn floor_divide<F: Real>(a: F, b: F) -> F {
    let (a, b) = (a.to_f64(), b.to_f64());
    F::from_f64(if b == 0.0 { a / b } else { divmod(a, b).0 })
}

/// `remainder` (NumPy's `npy_remainder`; `f32` in `f64`, rounded once).
#[inline(always)]
pub fn remainder<F: Real>(a: F, b: F) -> F {
    let (a, b) = (a.to_f64(), b.to_f64());
    F::from_f64(if b == 0.0 { a % b } else { divmod(a, b).1 })
}

/// `log(exp(a) + exp(b))` without overflow (NumPy's `npy_logaddexp`; `f32` in `f64`,
/// rounded once).
#[inline]
pub fn logaddexp<F: Real>(a: F, b: F) -> F {
    let (a, b) = (a.to_f64(), b.to_f64());
    if a == b {
        // Infinities of one sign, and equal finite values.
        return F::from_f64(a + std::f64::consts::LN_2);
    }
    let t = a - b;
    F::from_f64(if t > 0.0 {
        a + (-t).exp().ln_1p()
    } else if t <= 0.0 {
        b + t.exp().ln_1p()
    } else {
        t
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
    }

    #[test]
    fn divmod_like_numpy() {
        let inf = f64::INFINITY;
        let nan = f64::NAN;
        // (a, b, a // b, a % b) from NumPy 2.4
        let cases = [
            (5.0, 3.0, 1.0, 2.0),
            (-5.0, 3.0, -2.0, 1.0),
            (5.0, -3.0, -2.0, -1.0),
            (-5.0, -3.0, 1.0, -2.0),
            (inf, 3.0, nan, nan),
            (1.0, inf, 0.0, 1.0),
            (-1.0, inf, -1.0, inf),
            (1.0, -inf, -1.0, -inf),
            (-1.0, -inf, 0.0, -1.0),
            (0.0, 2.0, 0.0, 0.0),
            (-0.0, 2.0, -0.0, 0.0),
            (-0.0, -2.0, 0.0, -0.0),
            (0.0, -2.0, -0.0, -0.0),
            (5.0, 0.0, inf, nan),
            (-5.0, 0.0, -inf, nan),
            (0.0, 0.0, nan, nan),
            (7.5, 2.5, 3.0, 0.0),
        ];
        for (a, b, q, r) in cases {
            assert!(
                same(floor_divide(a, b), q),
                "{a} // {b} = {}",
                floor_divide(a, b)
            );
            assert!(same(remainder(a, b), r), "{a} % {b} = {}", remainder(a, b));
        }
    }

    #[test]
    fn extrema_and_sign() {
        assert!(maximum(-0.0, 0.0f64).is_sign_positive());
        assert!(maximum(0.0, -0.0f64).is_sign_negative());
        assert!(minimum(-0.0, 0.0f64).is_sign_positive());
        assert!(maximum(f64::NAN, 1.0).is_nan() && maximum(1.0, f64::NAN).is_nan());
        assert!(minimum(f64::NAN, 1.0).is_nan() && minimum(1.0, f64::NAN).is_nan());
        assert!(same(sign(-0.0), 0.0) && same(sign(-3.0), -1.0) && sign(f64::NAN).is_nan());
    }

    #[test]
    fn inverse_hyperbolic() {
        assert_eq!(acosh(1.0), 0.0);
        assert!(acosh(0.5).is_nan());
        assert_eq!(acosh(f64::INFINITY), f64::INFINITY);
        // acosh(1 + 1e-10) = sqrt(2e-10) (1 - 1e-10/12 + ...)
        let want = (2e-10f64).sqrt() * (1.0 - 1e-10 / 12.0);
        assert!((acosh(1.0 + 1e-10) / want - 1.0).abs() < 1e-6);
        assert!((asinh(f64::MAX) - 710.4758600739439).abs() < 1e-12);
        assert!(same(asinh(-0.0), -0.0) && same(atanh(-0.0), -0.0));
        assert_eq!(atanh(-1.0), f64::NEG_INFINITY);
        assert!((atanh(0.5) - 0.5493061443340549).abs() < 2.5e-16);
    }

    #[test]
    fn next_after_and_logaddexp() {
        assert!(same(0.0f64.next_after(-0.0), -0.0));
        assert!(same((-0.0f64).next_after(0.0), 0.0));
        assert_eq!(1.0f64.next_after(2.0), 1.0 + f64::EPSILON);
        assert_eq!(1.0f64.next_after(0.0), 1.0 - f64::EPSILON / 2.0);
        assert_eq!(0.0f32.next_after(-1.0), -f32::from_bits(1));
        assert_eq!(
            logaddexp(f64::NEG_INFINITY, f64::NEG_INFINITY),
            f64::NEG_INFINITY
        );
        assert_eq!(logaddexp(f64::INFINITY, f64::NEG_INFINITY), f64::INFINITY);
        assert!((logaddexp(1000.0, 1000.0) - (1000.0 + std::f64::consts::LN_2)).abs() < 1e-12);
    }

    #[test]
    fn float32_in_double_precision() {
        // 181653008 / 7.5 = 24220401.07: floor 24220401, rounded to f32 (ties to even)
        // 24220400. In f32, (a - a mod b) / b rounded up to 24220402 (NumPy's float32).
        let (a, b) = (181653008.0f32, 7.5f32);
        assert_eq!(floor_divide(a, b), 24220400.0);
        assert!(floor_divide(a, b) as f64 <= a as f64 / b as f64);
        assert_eq!(remainder(a, b), 0.5);
        assert_eq!(floor_divide(-7.0f32, 2.0), -4.0);
        assert_eq!(remainder(-7.0f32, 2.0), 1.0);
        assert!(same(floor_divide(-0.0f32, 2.0) as f64, -0.0));
        assert_eq!(floor_divide(5.0f32, 0.0), f32::INFINITY);
        assert!(remainder(5.0f32, 0.0).is_nan());
        // log(e^a + e^-7) = 0.000904571056955700 (mpmath) -> 0.00090457103f32; in f32 the
        // rounding of a - b made it 0.0009045708 (4 ulp off)
        assert_eq!(logaddexp(-6.9016846e-6f32, -7.0), 0.00090457103);
        assert_eq!(
            logaddexp(f32::NEG_INFINITY, f32::NEG_INFINITY),
            f32::NEG_INFINITY
        );
        assert_eq!(logaddexp(1.0f32, 1.0), 1.0 + std::f32::consts::LN_2);
    }
}
