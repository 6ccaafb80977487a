//! Real floating-point elementwise functions, in `f64` (float32 inputs arrive widened; the
//! caller rounds the result once to float32). Only `nextafter` depends on the precision.
//!
//! The functions follow C99 Annex F and the standard's special cases; where NumPy fixes a
//! choice the standard leaves open, NumPy's:
//!
//! - `floor_divide` and `remainder` are NumPy's `npy_divmod` (Python semantics: the
//!   remainder has the divisor's sign, `1 // -inf == -1`, `inf // 2` is NaN);
//! - `maximum` / `minimum` propagate NaN and return the second operand on ties
//!   (`maximum(+0, -0) == -0`, `maximum(-0, +0) == +0`), as NumPy;
//! - `sign(±0) == +0`, `sign(NaN)` is NaN;
//! - `round` rounds halves to even;
//! - `logaddexp` is NumPy's `npy_logaddexp`.

use super::{Prec, V};
use array_api::{BinaryOp, UnaryOp};
use std::f64::consts::LN_2;

/// `asinh`, after fdlibm (accurate across the range; `asinh(MAX)` does not overflow).
pub fn asinh(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let ax = x.abs();
    let r = if ax < 2f64.powi(-28) {
        return x;
    } else if ax > 2f64.powi(28) {
        ax.ln() + LN_2
    } else if ax > 2.0 {
        (2.0 * ax + 1.0 / ((x * x + 1.0).sqrt() + ax)).ln()
    } else {
        let t = x * x;
        (ax + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
    };
    r.copysign(x)
}

/// `acosh`, after fdlibm (accurate near 1 and for huge arguments).
pub fn acosh(x: f64) -> f64 {
    if x.is_nan() || x < 1.0 {
        f64::NAN
    } else if x == 1.0 {
        0.0
    } else if x >= 2f64.powi(28) {
        x.ln() + LN_2
    } else if x > 2.0 {
        (2.0 * x - 1.0 / (x + (x * x - 1.0).sqrt())).ln()
    } else {
        let t = x - 1.0;
        (t + (2.0 * t + t * t).sqrt()).ln_1p()
    }
}

/// `atanh`, after fdlibm.
pub fn atanh(x: f64) -> f64 {
    let ax = x.abs();
    if x.is_nan() || ax > 1.0 {
        return f64::NAN;
    }
    if ax == 1.0 {
        return f64::INFINITY.copysign(x);
    }
    if ax < 2f64.powi(-28) {
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

/// NumPy's `npy_divmod`: `(floor_divide, remainder)` for a nonzero divisor.
fn divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b; // fmod: exact
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(b);
    }
    let q = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0f64.copysign(a / b)
    };
    (q, m)
}

/// `floor_divide(a, b)` as NumPy (`a / b` when `b` is zero).
pub fn floor_divide(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        a / b
    } else {
        divmod(a, b).0
    }
}

/// `remainder(a, b)` as NumPy (`fmod` when `b` is zero: NaN).
pub fn remainder(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        a % b
    } else {
        divmod(a, b).1
    }
}

/// NumPy's `maximum`: NaN propagates, ties give `b`.
pub fn maximum(a: f64, b: f64) -> f64 {
    if a.is_nan() || a > b {
        a
    } else {
        b
    }
}

/// NumPy's `minimum`: NaN propagates, ties give `b`.
pub fn minimum(a: f64, b: f64) -> f64 {
    if a.is_nan() || a < b {
        a
    } else {
        b
    }
}

/// NumPy's `npy_logaddexp`.
fn logaddexp(x: f64, y: f64) -> f64 {
    if x == y {
        return x + LN_2;
    }
    let t = x - y;
    if t > 0.0 {
        x + (-t).exp().ln_1p()
    } else if t <= 0.0 {
        y + t.exp().ln_1p()
    } else {
        t
    }
}

macro_rules! nextafter {
    ($name:ident, $t:ty, $bits:ty) => {
        /// The next representable value after `x` toward `y` (C's `nextafter`).
        pub fn $name(x: $t, y: $t) -> $t {
            if x.is_nan() || y.is_nan() {
                return x + y;
            }
            if x == y {
                return y;
            }
            if x == 0.0 {
                let tiny = <$t>::from_bits(1);
                return if y > 0.0 { tiny } else { -tiny };
            }
            let b = x.to_bits();
            // away from zero when moving in x's direction, else toward zero
            let up = (y > x) == (x > 0.0);
            <$t>::from_bits(if up { b + 1 } else { b - 1 as $bits })
        }
    };
}
nextafter!(nextafter_f64, f64, u64);
nextafter!(nextafter_f32, f32, u32);

/// `op(x)` on a real float, `None` for ops that do not apply to floats.
pub fn unary(op: UnaryOp, _p: Prec, x: f64) -> Option<V> {
    use UnaryOp::*;
    Some(V::F(match op {
        Abs => x.abs(),
        Acos => x.acos(),
        Acosh => acosh(x),
        Asin => x.asin(),
        Asinh => asinh(x),
        Atan => x.atan(),
        Atanh => atanh(x),
        Ceil => x.ceil(),
        Conj | Positive | Real => x,
        Cos => x.cos(),
        Cosh => x.cosh(),
        Exp => x.exp(),
        Expm1 => x.exp_m1(),
        Floor => x.floor(),
        Imag => 0.0,
        Log => x.ln(),
        Log1p => x.ln_1p(),
        Log2 => x.log2(),
        Log10 => x.log10(),
        Negative => -x,
        Reciprocal => 1.0 / x,
        Round => x.round_ties_even(),
        Sign => {
            if x.is_nan() {
                x
            } else if x > 0.0 {
                1.0
            } else if x < 0.0 {
                -1.0
            } else {
                0.0
            }
        }
        Sin => x.sin(),
        Sinh => x.sinh(),
        Sqrt => x.sqrt(),
        Square => x * x,
        Tan => x.tan(),
        Tanh => x.tanh(),
        Trunc => x.trunc(),
        IsFinite => return Some(V::B(x.is_finite())),
        IsInf => return Some(V::B(x.is_infinite())),
        IsNan => return Some(V::B(x.is_nan())),
        Signbit => return Some(V::B(x.is_sign_negative())),
        BitwiseInvert | LogicalNot => return None,
    }))
}

/// `op(a, b)` on real floats, `None` for ops that do not apply to floats.
pub fn binary(op: BinaryOp, p: Prec, a: f64, b: f64) -> Option<V> {
    use BinaryOp::*;
    Some(V::F(match op {
        Add => a + b,
        Subtract => a - b,
        Multiply => a * b,
        Divide => a / b,
        Atan2 => a.atan2(b),
        Copysign => a.copysign(b),
        FloorDivide => floor_divide(a, b),
        Remainder => remainder(a, b),
        Hypot => a.hypot(b),
        Logaddexp => logaddexp(a, b),
        Maximum => maximum(a, b),
        Minimum => minimum(a, b),
        Nextafter => match p {
            Prec::Double => nextafter_f64(a, b),
            Prec::Single => super::widen(nextafter_f32(super::narrow(a), super::narrow(b))),
        },
        Pow => a.powf(b),
        Equal => return Some(V::B(a == b)),
        NotEqual => return Some(V::B(a != b)),
        Less => return Some(V::B(a < b)),
        LessEqual => return Some(V::B(a <= b)),
        Greater => return Some(V::B(a > b)),
        GreaterEqual => return Some(V::B(a >= b)),
        _ => return None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits_eq(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
    }

    #[test]
    fn divmod_matches_python() {
        let inf = f64::INFINITY;
        let cases = [
            (7.0, 2.0, 3.0, 1.0),
            (-7.0, 2.0, -4.0, 1.0),
            (7.0, -2.0, -4.0, -1.0),
            (1.0, inf, 0.0, 1.0),
            (-1.0, inf, -1.0, inf),
            (1.0, -inf, -1.0, -inf),
            (-1.0, -inf, 0.0, -1.0),
            (-0.0, 3.0, -0.0, 0.0),
            (0.0, -3.0, -0.0, -0.0),
        ];
        for (a, b, q, r) in cases {
            assert!(bits_eq(floor_divide(a, b), q), "{a} // {b}");
            assert!(bits_eq(remainder(a, b), r), "{a} % {b}");
        }
        assert!(floor_divide(inf, 2.0).is_nan());
        assert_eq!(floor_divide(5.0, 0.0), inf);
        assert_eq!(floor_divide(-5.0, -0.0), inf);
        assert!(remainder(5.0, 0.0).is_nan());
    }

    #[test]
    fn ties_and_nans() {
        assert!(maximum(0.0, -0.0).is_sign_negative());
        assert!(maximum(-0.0, 0.0).is_sign_positive());
        assert!(minimum(-0.0, 0.0).is_sign_positive());
        assert!(maximum(1.0, f64::NAN).is_nan() && maximum(f64::NAN, 1.0).is_nan());
        assert_eq!(logaddexp(f64::INFINITY, f64::NEG_INFINITY), f64::INFINITY);
        assert_eq!(
            logaddexp(f64::NEG_INFINITY, f64::NEG_INFINITY),
            f64::NEG_INFINITY
        );
        assert!((logaddexp(0.0, 0.0) - LN_2).abs() < 1e-16);
    }

    #[test]
    fn next_after() {
        assert_eq!(nextafter_f32(1.0, 2.0) - 1.0, f32::EPSILON);
        assert_eq!(nextafter_f64(1.0, 0.0), 1.0 - f64::EPSILON / 2.0);
        assert_eq!(nextafter_f64(0.0, -1.0), -f64::from_bits(1));
        assert!(nextafter_f64(-0.0, 0.0).is_sign_positive());
        assert!(nextafter_f64(0.0, -0.0).is_sign_negative());
        assert_eq!(nextafter_f64(-f64::from_bits(1), 1.0), -0.0);
        assert_eq!(nextafter_f64(f64::MAX, f64::INFINITY), f64::INFINITY);
        assert_eq!(nextafter_f64(f64::INFINITY, 0.0), f64::MAX);
    }

    #[test]
    fn inverse_hyperbolic_accuracy() {
        // asinh(MAX) = ln(2 MAX); acosh near 1; atanh(0.5)
        assert!((asinh(f64::MAX) - 710.4758600739439).abs() < 1e-12);
        assert_eq!(asinh(-0.0).to_bits(), (-0.0f64).to_bits());
        let d = 1e-10;
        let want = (2.0f64 * d).sqrt() * (1.0 - d / 12.0);
        assert!(((acosh(1.0 + d) - want) / want).abs() < 1e-6);
        assert_eq!(atanh(0.5), 0.5493061443340548);
        assert_eq!(acosh(f64::INFINITY), f64::INFINITY);
        assert!(acosh(0.5).is_nan() && atanh(1.5).is_nan());
    }
}
