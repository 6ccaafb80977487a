//! Complex inverse trigonometric and hyperbolic functions: `asinh`, `asin`, `acos`,
//! `acosh`, `atanh`, `atan`.
//!
//! The textbook formulas (`asinh z = log(z + sqrt(z² + 1))`, ...) lose all accuracy near
//! the branch points and overflow for large `|z|`. These follow the algorithm of Hull,
//! Fairgrieve and Tang ("Implementing the complex arcsine and arccosine functions using
//! exception handling", ACM TOMS 23(3), 1997) as reformulated by Montgomery-Smith
//! (2012): with `A = (|z + 1| + |z - 1|) / 2` and `B = x / A` (for `acos`; `asinh` swaps
//! the components), `acos z = acos B - i log(A + sqrt(A² - 1))`, each part computed by
//! the formula that is accurate in its region. `atanh` uses
//! `Re = log1p(4x / ((1 - x)² + y²)) / 4`, `Im = atan2(2y, (1 - x)(1 + x) - y²) / 2`.
//! `asin z = -i asinh(iz)`, `atan z = -i atanh(iz)` and `acosh` from `acos`, as the
//! standard defines their special values.

use super::complex::{c, ln_hypot, C64, HALF_PI};
use super::float::atanh as real_atanh;
use std::f64::consts::LN_2;

/// Below it `log(A + sqrt(A² - 1))` is computed through `log1p(A - 1 + ...)`.
const A_CROSSOVER: f64 = 10.0;
/// Above it `asin B` / `acos B` lose accuracy and `atan2` takes over.
const B_CROSSOVER: f64 = 0.6417;
const EPS: f64 = f64::EPSILON;
/// Beyond it, `asinh z = log(2z)` to double precision.
const RECIP_EPS: f64 = 1.0 / f64::EPSILON;
/// Below it (both components), `asinh z == z` and `acos z == π/2 - z` to double
/// precision: `sqrt(6 ε) / 4`.
const TINY_ASINH: f64 = 9.12506037497464e-9;
/// Below it (both components), `atanh z == z`: `sqrt(3 ε) / 2`.
const TINY_ATANH: f64 = 1.2904784139758924e-8;
/// `sqrt(f64::MIN_POSITIVE)`.
const SQRT_MIN: f64 = 1.4916681462400413e-154;
const NAN: f64 = f64::NAN;
const INF: f64 = f64::INFINITY;

/// `(hypot(a, b) - b) / 2` without cancellation, given `h = hypot(a, b)`.
#[inline]
fn half_excess(a: f64, b: f64, h: f64) -> f64 {
    if b <= 0.0 {
        (h - b) * 0.5
    } else {
        a * a / (h + b) * 0.5
    }
}

/// The angle part of [`hard_work`]: `B = y / A` when `asin B` / `acos B` is accurate,
/// else `sqrt(A² - y²)` for `atan2`.
enum Angle {
    B(f64),
    Root(f64),
}

/// Hull et al.'s kernel for `x, y >= 0` (finite, neither tiny nor huge), with
/// `A = (hypot(x, y + 1) + hypot(x, y - 1)) / 2`: `log(A + sqrt(A² - 1))` and the angle
/// data for `y / A`.
fn hard_work(x: f64, y: f64) -> (f64, Angle) {
    let r = x.hypot(y + 1.0);
    let s = x.hypot(y - 1.0);
    let a = (0.5 * (r + s)).max(1.0);
    let log_part = if a < A_CROSSOVER {
        if y == 1.0 && x < EPS * EPS / 128.0 {
            // A - 1 ≈ x / 2
            x.sqrt()
        } else if x >= EPS * (y - 1.0).abs() {
            let am1 = half_excess(x, 1.0 + y, r) + half_excess(x, 1.0 - y, s);
            (am1 + (am1 * (a + 1.0)).sqrt()).ln_1p()
        } else if y < 1.0 {
            x / ((1.0 - y) * (1.0 + y)).sqrt()
        } else {
            ((y - 1.0) + ((y - 1.0) * (y + 1.0)).sqrt()).ln_1p()
        }
    } else {
        (a + (a * a - 1.0).sqrt()).ln()
    };
    let b = y / a;
    if b <= B_CROSSOVER {
        return (log_part, Angle::B(b));
    }
    let root = if y == 1.0 && x < EPS / 128.0 {
        x.sqrt() * ((a + y) * 0.5).sqrt()
    } else if x >= EPS * (y - 1.0).abs() {
        let amy = half_excess(x, y + 1.0, r) + half_excess(x, y - 1.0, s);
        (amy * (a + y)).sqrt()
    } else if y > 1.0 {
        x * y / ((y + 1.0) * (y - 1.0)).sqrt()
    } else {
        ((1.0 - y) * (1.0 + y)).sqrt()
    };
    (log_part, Angle::Root(root))
}

/// `asinh(z)`.
pub fn asinh(z: C64) -> C64 {
    let (re, im) = (z.re, z.im);
    let (x, y) = (re.abs(), im.abs());
    if x.is_nan() || y.is_nan() {
        if x.is_infinite() {
            return c(re, NAN);
        }
        if y.is_infinite() {
            return c(INF, NAN);
        }
        if y == 0.0 {
            return c(NAN, im);
        }
        return c(NAN, NAN);
    }
    if x > RECIP_EPS || y > RECIP_EPS {
        // log(2z), infinities included
        let rx = ln_hypot(x, y) + LN_2;
        return c(rx.copysign(re), y.atan2(x).copysign(im));
    }
    if x < TINY_ASINH && y < TINY_ASINH {
        return z;
    }
    let (rx, angle) = hard_work(x, y);
    let ry = match angle {
        Angle::B(b) => b.asin(),
        Angle::Root(d) => y.atan2(d),
    };
    c(rx.copysign(re), ry.copysign(im))
}

/// `asin(z) = -i asinh(iz)`, computed as `swap(asinh(swap(z)))` with
/// `swap(x + iy) = y + ix` (equal by `asinh`'s oddness and conjugate symmetry, which
/// [`asinh`] keeps exactly). The one difference is where the standard leaves a sign
/// open: `asinh(NaN ± inf i)` is `+inf + NaN i`, so `asin(±inf + NaN i)` is
/// `NaN + inf i`, as NumPy gives, where the literal rotation would give `NaN - inf i`.
pub fn asin(z: C64) -> C64 {
    let w = asinh(c(z.im, z.re));
    c(w.im, w.re)
}

/// `acos(z)`.
pub fn acos(z: C64) -> C64 {
    let (re, im) = (z.re, z.im);
    let (x, y) = (re.abs(), im.abs());
    if x.is_nan() || y.is_nan() {
        if x.is_infinite() {
            // NaN ± inf i, the sign unspecified: NumPy's (the C library's) minus
            return c(NAN, -INF);
        }
        if y.is_infinite() {
            return c(NAN, -im);
        }
        if x == 0.0 {
            return c(HALF_PI, NAN);
        }
        return c(NAN, NAN);
    }
    if x > RECIP_EPS || y > RECIP_EPS {
        // arg(z) (in [0, π] with |im|) - i sign(im) log(2|z|), infinities included
        let ry = ln_hypot(x, y) + LN_2;
        return c(y.atan2(re), -ry.copysign(im));
    }
    if re == 1.0 && y == 0.0 {
        // acos(1 ± 0i) = +0 ∓ 0i (acos(-1 ± 0i) = π ∓ 0i comes from the general path)
        return c(0.0, -im);
    }
    if x < TINY_ASINH && y < TINY_ASINH {
        return c(HALF_PI - re, -im);
    }
    let (ry, angle) = hard_work(y, x);
    let neg = re < 0.0;
    let rx = match angle {
        Angle::B(b) => (if neg { -b } else { b }).acos(),
        Angle::Root(d) => d.atan2(if neg { -x } else { x }),
    };
    c(rx, -ry.copysign(im))
}

/// `acosh(z)`: `±i acos(z)`, the sign making the real part non-negative.
pub fn acosh(z: C64) -> C64 {
    let w = acos(z);
    let (rx, ry) = (w.re, w.im);
    if rx.is_nan() && ry.is_nan() {
        return c(NAN, NAN);
    }
    if rx.is_nan() {
        // acos(±inf + NaN i) = NaN - inf i, acos(NaN ± inf i) = NaN ∓ inf i
        return c(ry.abs(), rx);
    }
    if ry.is_nan() {
        // acos(±0 + NaN i) = π/2 + NaN i
        return c(ry, rx);
    }
    c(ry.abs(), rx.copysign(z.im))
}

/// `Re(1 / z) = x / (x² + y²)` for `x, y >= 0` beyond `RECIP_EPS`, without overflow.
fn real_part_reciprocal(x: f64, y: f64) -> f64 {
    if x.is_infinite() || y.is_infinite() {
        return 0.0;
    }
    let m = x.max(y);
    let (a, b) = (x / m, y / m);
    a / (a * a + b * b) / m
}

/// `atanh(z)`.
pub fn atanh(z: C64) -> C64 {
    let (re, im) = (z.re, z.im);
    let (x, y) = (re.abs(), im.abs());
    if y == 0.0 && x <= 1.0 {
        return c(real_atanh(re), im);
    }
    if x == 0.0 && !y.is_nan() {
        return c(re, im.atan());
    }
    if x.is_nan() || y.is_nan() {
        if x.is_infinite() || x == 0.0 {
            return c(0f64.copysign(re), NAN);
        }
        if y.is_infinite() {
            return c(0f64.copysign(re), HALF_PI.copysign(im));
        }
        return c(NAN, NAN);
    }
    if x > RECIP_EPS || y > RECIP_EPS {
        return c(
            real_part_reciprocal(x, y).copysign(re),
            HALF_PI.copysign(im),
        );
    }
    if x < TINY_ATANH && y < TINY_ATANH {
        return z;
    }
    let rx = if x == 1.0 && y < SQRT_MIN {
        (LN_2 - y.ln()) * 0.5
    } else {
        let d = x - 1.0;
        (4.0 * x / (d * d + y * y)).ln_1p() * 0.25
    };
    let ry = if x == 1.0 {
        2f64.atan2(-y) * 0.5
    } else if y < EPS {
        (2.0 * y).atan2((1.0 - x) * (1.0 + x)) * 0.5
    } else {
        (2.0 * y).atan2((1.0 - x) * (1.0 + x) - y * y) * 0.5
    };
    c(rx.copysign(re), ry.copysign(im))
}

/// `atan(z) = -i atanh(iz)`.
pub fn atan(z: C64) -> C64 {
    let w = atanh(c(-z.im, z.re));
    c(w.im, -w.re)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::{FRAC_PI_4, PI};

    fn same(a: C64, b: C64) -> bool {
        let eq = |x: f64, y: f64| (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits();
        eq(a.re, b.re) && eq(a.im, b.im)
    }

    #[test]
    fn special_values() {
        assert!(same(acos(c(0.0, 0.0)), c(HALF_PI, -0.0)));
        assert!(same(acos(c(-0.0, NAN)), c(HALF_PI, NAN)));
        assert!(same(acos(c(1.0, INF)), c(HALF_PI, -INF)));
        assert!(same(acos(c(-INF, 1.0)), c(PI, -INF)));
        assert!(same(acos(c(INF, 1.0)), c(0.0, -INF)));
        assert!(same(acos(c(-INF, INF)), c(3.0 * FRAC_PI_4, -INF)));
        assert!(same(acos(c(NAN, INF)), c(NAN, -INF)));
        assert!(same(acosh(c(0.0, 0.0)), c(0.0, HALF_PI)));
        assert!(same(acosh(c(INF, NAN)), c(INF, NAN)));
        assert!(same(acosh(c(NAN, INF)), c(INF, NAN)));
        assert!(same(acosh(c(-INF, 1.0)), c(INF, PI)));
        assert!(acosh(c(0.0, NAN)).re.is_nan() && acosh(c(0.0, NAN)).im.abs() == HALF_PI);
        assert!(same(asinh(c(0.0, 0.0)), c(0.0, 0.0)));
        assert!(same(asinh(c(1.0, INF)), c(INF, HALF_PI)));
        assert!(same(asinh(c(INF, 1.0)), c(INF, 0.0)));
        assert!(same(asinh(c(INF, INF)), c(INF, FRAC_PI_4)));
        assert!(same(asinh(c(NAN, 0.0)), c(NAN, 0.0)));
        assert!(asinh(c(NAN, INF)).re.is_infinite());
        assert!(same(atanh(c(1.0, 0.0)), c(INF, 0.0)));
        assert!(same(atanh(c(0.0, NAN)), c(0.0, NAN)));
        assert!(same(atanh(c(1.0, INF)), c(0.0, HALF_PI)));
        assert!(same(atanh(c(INF, 1.0)), c(0.0, HALF_PI)));
        assert!(same(atanh(c(INF, NAN)), c(0.0, NAN)));
        assert!(atanh(c(NAN, INF)).re == 0.0 && atanh(c(NAN, INF)).im == HALF_PI);
        assert!(same(atanh(c(NAN, 1.0)), c(NAN, NAN)));
    }

    #[test]
    fn values_and_identities() {
        // asin(2) on the cut (upper side): π/2 + i acosh 2 with +0 imaginary part
        let w = asin(c(2.0, 0.0));
        assert!((w.re - HALF_PI).abs() < 1e-16 && (w.im - 1.3169578969248166).abs() < 1e-15);
        let w = asin(c(2.0, -0.0));
        assert!(w.im < 0.0);
        // acos(z) + asin(z) == π/2
        for &(x, y) in &[
            (0.3, 0.4),
            (-0.9, 1e-9),
            (1.5, -2.0),
            (1e-3, 1e3),
            (0.999, 1e-12),
        ] {
            let (a, s) = (acos(c(x, y)), asin(c(x, y)));
            assert!((a.re + s.re - HALF_PI).abs() < 1e-15, "{x} {y}");
            assert!(
                (a.im + s.im).abs() <= 1e-15 * a.im.abs().max(1e-300),
                "{x} {y}"
            );
        }
        // near the branch point: acosh(1 + 1e-10 i) = sqrt(1e-10 / 2) (1 + i)
        let w = acosh(c(1.0, 1e-10));
        let want = 1e-5;
        assert!((w.re / want - 1.0).abs() < 1e-9 && (w.im / want - 1.0).abs() < 1e-9);
        // huge arguments: asinh(1e300 i) = log(2e300) + iπ/2
        let w = asinh(c(0.0, 1e300));
        assert!(
            (w.re - (2e300f64).ln()).abs() < 1e-12 && w.im == HALF_PI,
            "{w}"
        );
        let w = atanh(c(0.5, 0.0));
        assert!((w.re - 0.5493061443340549).abs() < 2.5e-16);
        let w = atan(c(0.0, 2.0));
        assert!((w.re - HALF_PI).abs() < 1e-16 && (w.im - 0.5493061443340549).abs() < 1e-16);
    }
}
