//! Complex inverse trigonometric and hyperbolic functions: `asinh`, `asin`, `acos`,
//! `acosh`, `atanh`, `atan`.
//!
//! The naive formulas (`asinh z = log(z + sqrt(z² + 1))`, ...) lose all accuracy near the
//! branch points and overflow for large `|z|`, so this is the algorithm of T. E. Hull,
//! T. F. Fairgrieve and P. T. P. Tang, "Implementing the complex arcsine and arccosine
//! functions using exception handling" (ACM TOMS 23(3), 1997), in the formulation of
//! S. Montgomery-Smith (2012) with the function `f(a, b) = (hypot(a, b) - b) / 2`, and
//! the matching `atanh` algorithm. Special values are C99 Annex G's and the standard's;
//! `asin(z) = -i asinh(iz)` and `atan(z) = -i atanh(iz)` as the standard defines them
//! (computed through the equivalent component swap, exact by the functions' symmetries).

use super::complex::c;
use super::real::atanh;
use array_api::Complex64;
use std::f64::consts::{E, FRAC_PI_2, LN_2};

const A_CROSSOVER: f64 = 10.0;
const B_CROSSOVER: f64 = 0.6417;
const EPS: f64 = f64::EPSILON;
/// `2^-509 >= 4 sqrt(MIN_POSITIVE)`.
const FOUR_SQRT_MIN: f64 = f64::from_bits((1023 - 509) << 52);
/// `2^509 <= sqrt(MAX) / 4`.
const QUARTER_SQRT_MAX: f64 = f64::from_bits((1023 + 509) << 52);
/// `2^-511 >= sqrt(MIN_POSITIVE)`.
const SQRT_MIN: f64 = f64::from_bits((1023 - 511) << 52);
const RECIP_EPSILON: f64 = 1.0 / EPS;
/// `sqrt(3 EPSILON)`.
const SQRT_3_EPSILON: f64 = 2.580956827951785e-8;
/// `sqrt(6 EPSILON)`.
const SQRT_6_EPSILON: f64 = 3.6500241499888574e-8;

/// `(hypot(a, b) - b) / 2`, computed without cancellation; `h = hypot(a, b)`.
fn f(a: f64, b: f64, h: f64) -> f64 {
    if b < 0.0 {
        (h - b) / 2.0
    } else if b == 0.0 {
        a / 2.0
    } else {
        a * a / (h + b) / 2.0
    }
}

/// The imaginary-part ingredient of [`hard_work`]: `B = y / A` when it is accurate, else
/// `sqrt(A² - y²)` and a `y` rescaled alike (for `atan2(y, sqrt(A² - y²))`).
enum Im {
    B(f64),
    Sqrt { s: f64, y: f64 },
}

/// For `x, y >= 0` below `RECIP_EPSILON`: `Re asinh(x + iy)` and the ingredient of
/// `Im asinh(x + iy) = asin(y / A)`, with `A = (|z + i| + |z - i|) / 2`.
fn hard_work(x: f64, y: f64) -> (f64, Im) {
    let r = x.hypot(y + 1.0);
    let s = x.hypot(y - 1.0);
    let a = ((r + s) / 2.0).max(1.0);
    let rx = if a < A_CROSSOVER {
        if y == 1.0 && x < EPS * EPS / 128.0 {
            x.sqrt()
        } else if x >= EPS * (y - 1.0).abs() {
            let am1 = f(x, 1.0 + y, r) + f(x, 1.0 - y, s);
            (am1 + (am1 * (a + 1.0)).sqrt()).ln_1p()
        } else if y < 1.0 {
            x / ((1.0 - y) * (1.0 + y)).sqrt()
        } else {
            ((y - 1.0) + ((y - 1.0) * (y + 1.0)).sqrt()).ln_1p()
        }
    } else {
        (a + (a * a - 1.0).sqrt()).ln()
    };
    if y < FOUR_SQRT_MIN {
        // y / A may underflow: rescale for atan2
        return (
            rx,
            Im::Sqrt {
                s: a * (2.0 / EPS),
                y: y * (2.0 / EPS),
            },
        );
    }
    let b = y / a;
    if b <= B_CROSSOVER {
        return (rx, Im::B(b));
    }
    let im = if y == 1.0 && x < EPS / 128.0 {
        Im::Sqrt {
            s: x.sqrt() * ((a + y) / 2.0).sqrt(),
            y,
        }
    } else if x >= EPS * (y - 1.0).abs() {
        let amy = f(x, y + 1.0, r) + f(x, y - 1.0, s);
        Im::Sqrt {
            s: (amy * (a + y)).sqrt(),
            y,
        }
    } else if y > 1.0 {
        let k = 4.0 / EPS / EPS;
        Im::Sqrt {
            s: x * k * y / ((y + 1.0) * (y - 1.0)).sqrt(),
            y: y * k,
        }
    } else {
        Im::Sqrt {
            s: ((1.0 - y) * (1.0 + y)).sqrt(),
            y,
        }
    };
    (rx, im)
}

/// `log(z)` for `|z|` beyond `RECIP_EPSILON` (finite or infinite), without overflow.
fn clog_large(z: Complex64) -> Complex64 {
    let (x, y) = (z.re, z.im);
    let (mut ax, mut ay) = (x.abs(), y.abs());
    if ax < ay {
        std::mem::swap(&mut ax, &mut ay);
    }
    let re = if ax > f64::MAX / 2.0 {
        (x / E).hypot(y / E).ln() + 1.0
    } else if ax > QUARTER_SQRT_MAX || ay < SQRT_MIN {
        x.hypot(y).ln()
    } else {
        (ax * ax + ay * ay).ln() / 2.0
    };
    c(re, y.atan2(x))
}

/// `asinh(z)`.
pub fn casinh(z: Complex64) -> Complex64 {
    let (x, y) = (z.re, z.im);
    let (ax, ay) = (x.abs(), y.abs());
    if x.is_nan() || y.is_nan() {
        return if x.is_infinite() {
            c(x, y + y)
        } else if y.is_infinite() {
            // the real part's sign is unspecified; +inf as NumPy (the C library)
            c(f64::INFINITY, x + x)
        } else if y == 0.0 {
            c(x + x, y)
        } else {
            c(f64::NAN, f64::NAN)
        };
    }
    if ax > RECIP_EPSILON || ay > RECIP_EPSILON {
        let w = clog_large(if x.is_sign_negative() { -z } else { z });
        return c((w.re + LN_2).copysign(x), w.im.copysign(y));
    }
    if (x == 0.0 && y == 0.0) || (ax < SQRT_6_EPSILON / 4.0 && ay < SQRT_6_EPSILON / 4.0) {
        return z;
    }
    let (rx, im) = hard_work(ax, ay);
    let ry = match im {
        Im::B(b) => b.asin(),
        Im::Sqrt { s, y } => y.atan2(s),
    };
    c(rx.copysign(x), ry.copysign(y))
}

/// `asin(z) = -i asinh(iz)`, computed as `swap(asinh(swap(z)))` with
/// `swap(x + iy) = y + ix`.
pub fn casin(z: Complex64) -> Complex64 {
    let w = casinh(c(z.im, z.re));
    c(w.im, w.re)
}

/// `acos(z)`, accurate near 1 (not computed as `π/2 - asin z`).
pub fn cacos(z: Complex64) -> Complex64 {
    let (x, y) = (z.re, z.im);
    let (sx, sy) = (x.is_sign_negative(), y.is_sign_negative());
    let (ax, ay) = (x.abs(), y.abs());
    if x.is_nan() || y.is_nan() {
        return if x.is_infinite() {
            c(y + y, f64::NEG_INFINITY)
        } else if y.is_infinite() {
            c(x + x, -y)
        } else if x == 0.0 {
            c(FRAC_PI_2, y + y)
        } else {
            c(f64::NAN, f64::NAN)
        };
    }
    if ax > RECIP_EPSILON || ay > RECIP_EPSILON {
        let w = clog_large(z);
        let ry = w.re + LN_2;
        return c(w.im.abs(), if sy { ry } else { -ry });
    }
    if x == 1.0 && y == 0.0 {
        return c(0.0, -y);
    }
    if ax < SQRT_6_EPSILON / 4.0 && ay < SQRT_6_EPSILON / 4.0 {
        return c(FRAC_PI_2 - x, -y);
    }
    let (ry, im) = hard_work(ay, ax);
    let rx = match im {
        Im::B(b) => (if sx { -b } else { b }).acos(),
        Im::Sqrt { s, y: nx } => s.atan2(if sx { -nx } else { nx }),
    };
    c(rx, if sy { ry } else { -ry })
}

/// `acosh(z) = ±i acos(z)`, the sign making the real part non-negative.
pub fn cacosh(z: Complex64) -> Complex64 {
    if z.re == 0.0 && z.im.is_nan() {
        // the standard: NaN ± πj/2 (C99's cacos route would give NaN + NaN j)
        return c(f64::NAN, FRAC_PI_2);
    }
    let w = cacos(z);
    let (rx, ry) = (w.re, w.im);
    if rx.is_nan() && ry.is_nan() {
        return c(ry, rx);
    }
    if rx.is_nan() {
        return c(ry.abs(), rx);
    }
    if ry.is_nan() {
        return c(ry, ry);
    }
    c(ry.abs(), rx.copysign(z.im))
}

/// `x * x + y * y`, dropping `y * y` where it would underflow (`y >= 0`).
fn sum_squares(x: f64, y: f64) -> f64 {
    if y < SQRT_MIN {
        x * x
    } else {
        x * x + y * y
    }
}

/// `Re(1 / (x + iy)) = x / (x² + y²)` for `|z|` beyond `RECIP_EPSILON`, scaled by a power
/// of two so that nothing overflows.
fn real_part_reciprocal(x: f64, y: f64) -> f64 {
    if x.is_infinite() {
        return 1.0 / x;
    }
    if y.is_infinite() {
        return x / y / y;
    }
    let m = x.abs().max(y.abs());
    // m > 1/eps is normal: its exponent field is floor(log2 m) exactly (`log2` may round
    // up to 1024 at f64::MAX, and `powi(-1024)` is 0). Scale by 2^-k in two halves so
    // neither factor is subnormal.
    let k = ((m.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let (s1, s2) = (pow2(-(k / 2)), pow2(-(k - k / 2)));
    let (xs, ys) = (x * s1 * s2, y * s1 * s2);
    xs / (xs * xs + ys * ys) * s1 * s2
}

/// `2^e` for a normal exponent `e` (`-1022..=1023`).
fn pow2(e: i32) -> f64 {
    f64::from_bits(((e + 1023) as u64) << 52)
}

/// `atanh(z)`: `Re = log1p(4x / |z - 1|²) / 4`, `Im = atan2(2y, (1 - x)(1 + x) - y²) / 2`.
pub fn catanh(z: Complex64) -> Complex64 {
    let (x, y) = (z.re, z.im);
    let (ax, ay) = (x.abs(), y.abs());
    if y == 0.0 && ax <= 1.0 {
        return c(atanh(x), y);
    }
    if x == 0.0 {
        return c(x, y.atan());
    }
    if x.is_nan() || y.is_nan() {
        return if x.is_infinite() {
            c(0f64.copysign(x), y + y)
        } else if y.is_infinite() {
            c(0f64.copysign(x), FRAC_PI_2.copysign(y))
        } else {
            c(f64::NAN, f64::NAN)
        };
    }
    if ax > RECIP_EPSILON || ay > RECIP_EPSILON {
        return c(real_part_reciprocal(x, y), FRAC_PI_2.copysign(y));
    }
    if ax < SQRT_3_EPSILON / 2.0 && ay < SQRT_3_EPSILON / 2.0 {
        return z;
    }
    let rx = if ax == 1.0 && ay < EPS {
        (LN_2 - ay.ln()) / 2.0
    } else {
        (4.0 * ax / sum_squares(ax - 1.0, ay)).ln_1p() / 4.0
    };
    let ry = if ax == 1.0 {
        2f64.atan2(-ay) / 2.0
    } else if ay < EPS {
        (2.0 * ay).atan2((1.0 - ax) * (1.0 + ax)) / 2.0
    } else {
        (2.0 * ay).atan2((1.0 - ax) * (1.0 + ax) - ay * ay) / 2.0
    };
    c(rx.copysign(x), ry.copysign(y))
}

/// `atan(z) = -i atanh(iz)`, computed as `swap(atanh(swap(z)))`.
pub fn catan(z: Complex64) -> Complex64 {
    let w = catanh(c(z.im, z.re));
    c(w.im, w.re)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atan_of_huge_imaginary() {
        // NumPy: arctan(complex(0, 1.7976931348623157e308)) = pi/2 + 5.562684646268003e-309j
        let w = catan(c(0.0, f64::MAX));
        assert_eq!(w.re, FRAC_PI_2);
        assert_eq!(w.im, 5.562684646268003e-309);
    }

    fn close(a: Complex64, b: Complex64, tol: f64) -> bool {
        (a.re - b.re).abs() <= tol * b.re.abs().max(1e-300)
            && (a.im - b.im).abs() <= tol * b.im.abs().max(1e-300)
    }

    #[test]
    fn constants_are_powers_of_two() {
        assert_eq!(FOUR_SQRT_MIN, 2f64.powi(-509));
        assert_eq!(QUARTER_SQRT_MAX, 2f64.powi(509));
        assert_eq!(SQRT_MIN, 2f64.powi(-511));
    }

    #[test]
    fn values() {
        // asinh(1 + 2i) = 1.4693517443681852 + 1.0634400235777521i
        assert!(close(
            casinh(c(1.0, 2.0)),
            c(1.4693517443681852, 1.063440023577752),
            4e-16
        ));
        // acos(0.5 - 0.25i) = 1.069187473519396 + 0.28139605624529274i
        assert!(close(
            cacos(c(0.5, -0.25)),
            c(1.069187473519396, 0.28139605624529274),
            4e-16
        ));
        // atanh(2 + 0i) = 0.5493061443340549 + π/2 i
        assert!(close(
            catanh(c(2.0, 0.0)),
            c(0.5493061443340549, FRAC_PI_2),
            2e-16
        ));
        // small arguments keep relative accuracy
        let t = casinh(c(1e-5, 1e-5));
        assert!(
            close(t, c(1.0000000000333334e-5, 9.999999999666665e-6), 4e-16),
            "{t}"
        );
        // huge arguments do not overflow
        let h = cacosh(c(f64::MAX, f64::MAX));
        assert!(h.re.is_finite() && (h.im - std::f64::consts::FRAC_PI_4).abs() < 1e-15);
    }

    #[test]
    fn special_values() {
        let inf = f64::INFINITY;
        assert_eq!(cacos(c(0.0, 0.0)), c(FRAC_PI_2, -0.0));
        assert!(cacos(c(0.0, 0.0)).im.is_sign_negative());
        assert_eq!(cacosh(c(-inf, 1.0)), c(inf, std::f64::consts::PI));
        assert_eq!(casinh(c(inf, inf)), c(inf, std::f64::consts::FRAC_PI_4));
        assert_eq!(catanh(c(1.0, 0.0)), c(inf, 0.0));
        assert_eq!(catanh(c(inf, 2.0)), c(0.0, FRAC_PI_2));
        let n = cacosh(c(0.0, f64::NAN));
        assert!(n.re.is_nan() && n.im.abs() == FRAC_PI_2);
    }
}
