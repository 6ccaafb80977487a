//! Complex hyperbolic and trigonometric functions: `sinh`, `cosh`, `tanh` (C99 Annex
//! G.6.2 and the standard's bullets), and `sin z = -i sinh(iz)`, `cos z = cosh(iz)`,
//! `tan z = -i tanh(iz)` as the standard defines them.
//!
//! The finite formulas avoid premature overflow for `|re z| > 709` (where `cosh` alone
//! overflows but the product with `cos` or `sin` may not), and `tanh` uses Kahan's
//! formula, accurate for all finite arguments.

use super::complex::{c, C64};

/// `e^709`.
const E709: f64 = 8.218407461554972e307;

/// A zero with the sign `sign(x) · sign(y)`, read from the sign bits (a NaN's included):
/// the imaginary part of `cosh` where C99 leaves its sign open, chosen so that `cosh` stays
/// even (`cosh(-z) == cosh(z)`) and commutes with `conj`, as the standard requires.
#[inline]
fn zero_xor(x: f64, y: f64) -> f64 {
    if x.is_sign_negative() != y.is_sign_negative() {
        -0.0
    } else {
        0.0
    }
}

/// `(cosh x · m1, sinh x · m2)` for finite `x` without premature overflow.
#[inline]
fn cosh_sinh_mul(x: f64, m1: f64, m2: f64) -> (f64, f64) {
    let ax = x.abs();
    if ax <= 709.0 {
        (x.cosh() * m1, x.sinh() * m2)
    } else {
        // cosh x = sinh |x| = e^|x| / 2 to double precision here.
        let h = (ax - 709.0).exp() * 0.5;
        let m2 = if x < 0.0 { -m2 } else { m2 };
        ((m1 * h) * E709, (m2 * h) * E709)
    }
}

/// `sinh(z)` (Annex G.6.2.5).
pub fn sinh(z: C64) -> C64 {
    let (x, y) = (z.re, z.im);
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return c(x.sinh(), y);
        }
        if x == 0.0 {
            return c(x, y.sin());
        }
        let (s, co) = y.sin_cos();
        let (ch_s, sh_c) = cosh_sinh_mul(x, s, co);
        return c(sh_c, ch_s);
    }
    if x == 0.0 {
        // sinh(±0 + i inf or NaN) = ±0 + NaN i
        return c(x, f64::NAN);
    }
    if x.is_infinite() {
        if y == 0.0 {
            return c(x, y);
        }
        if y.is_finite() {
            // ±inf · cis(y), with sinh's sign in the real part
            let (s, co) = y.sin_cos();
            return c(x * co, f64::INFINITY * s);
        }
        return c(x, f64::NAN);
    }
    if x.is_nan() && y == 0.0 {
        return c(f64::NAN, y);
    }
    c(f64::NAN, f64::NAN)
}

/// `cosh(z)` (Annex G.6.2.4).
pub fn cosh(z: C64) -> C64 {
    let (x, y) = (z.re, z.im);
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            // cosh is even in x, the imaginary part odd in both: sign(x) · y
            return c(x.cosh(), y * x.signum());
        }
        if x == 0.0 {
            return c(y.cos(), x * y.sin());
        }
        let (s, co) = y.sin_cos();
        let (ch_c, sh_s) = cosh_sinh_mul(x, co, s);
        return c(ch_c, sh_s);
    }
    if x == 0.0 {
        // cosh(±0 + i inf or NaN) = NaN ± 0i, the sign sign(x) · sign(y)
        return c(f64::NAN, zero_xor(x, y));
    }
    if x.is_infinite() {
        if y == 0.0 {
            return c(f64::INFINITY, y * x.signum());
        }
        if y.is_finite() {
            // inf · cis(y), the imaginary part with sinh's sign
            let (s, co) = y.sin_cos();
            return c(f64::INFINITY * co, x * s);
        }
        return c(f64::INFINITY, f64::NAN);
    }
    if x.is_nan() && y == 0.0 {
        // cosh(NaN ± 0i) = NaN ± 0i, the sign sign(x) · sign(y) (NaN's sign bit included)
        return c(f64::NAN, zero_xor(x, y));
    }
    c(f64::NAN, f64::NAN)
}

/// `tanh(z)` (Annex G.6.2.6), by Kahan's formula: with `t = tan y`, `β = 1 + t²`,
/// `s = sinh x`, `ρ = sqrt(1 + s²)`: `tanh z = (β ρ s + i t) / (1 + β s²)`.
pub fn tanh(z: C64) -> C64 {
    let (x, y) = (z.re, z.im);
    if x.is_nan() {
        return if y == 0.0 {
            c(x, y)
        } else {
            c(f64::NAN, f64::NAN)
        };
    }
    if x.is_infinite() {
        // tanh(±inf + iy) = ±1 + i0·sin(2y), sign unspecified for non-finite y
        let im = if y.is_finite() {
            0f64.copysign(y.sin() * y.cos())
        } else {
            0f64.copysign(y)
        };
        return c(1f64.copysign(x), im);
    }
    if !y.is_finite() {
        // finite x: ±0 + NaN i for x == ±0, else NaN + NaN i
        return if x == 0.0 {
            c(x, f64::NAN)
        } else {
            c(f64::NAN, f64::NAN)
        };
    }
    if x.abs() >= 22.0 {
        // e^-2|x| < 2^-63: tanh x rounds to ±1; the imaginary part is
        // 4 sin y cos y e^-2|x|.
        let e = (-2.0 * x.abs()).exp();
        let (s, co) = y.sin_cos();
        return c(1f64.copysign(x), 4.0 * s * co * e);
    }
    let t = y.tan();
    let beta = 1.0 + t * t;
    let s = x.sinh();
    let rho = (1.0 + s * s).sqrt();
    let den = 1.0 + beta * s * s;
    c(beta * rho * s / den, t / den)
}

/// `sin(z) = -i sinh(iz)`.
pub fn sin(z: C64) -> C64 {
    let w = sinh(c(-z.im, z.re));
    c(w.im, -w.re)
}

/// `cos(z) = cosh(iz)`.
pub fn cos(z: C64) -> C64 {
    cosh(c(-z.im, z.re))
}

/// `tan(z) = -i tanh(iz)`.
pub fn tan(z: C64) -> C64 {
    let w = tanh(c(-z.im, z.re));
    c(w.im, -w.re)
}

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
    fn hyperbolic_special_values() {
        assert!(same(sinh(c(0.0, 0.0)), c(0.0, 0.0)));
        assert!(same(sinh(c(INF, 0.0)), c(INF, 0.0)));
        assert!(same(sinh(c(NAN, 0.0)), c(NAN, 0.0)));
        assert!(sinh(c(0.0, INF)).re == 0.0 && sinh(c(0.0, INF)).im.is_nan());
        assert!(same(sinh(c(INF, 1.0)), c(INF * 1f64.cos(), INF)));
        assert!(same(cosh(c(0.0, 0.0)), c(1.0, 0.0)));
        assert!(same(cosh(c(INF, 0.0)), c(INF, 0.0)));
        assert!(cosh(c(0.0, INF)).re.is_nan() && cosh(c(0.0, INF)).im == 0.0);
        assert!(cosh(c(NAN, 0.0)).im == 0.0);
        assert!(same(tanh(c(0.0, 0.0)), c(0.0, 0.0)));
        assert!(same(tanh(c(INF, 1.0)), c(1.0, 0.0)));
        assert!(same(tanh(c(0.0, INF)), c(0.0, NAN)));
        assert!(same(tanh(c(NAN, 0.0)), c(NAN, 0.0)));
        assert!(same(tanh(c(-INF, -1.0)), c(-1.0, -0.0)));
    }

    #[test]
    fn symmetries_and_values() {
        for &(x, y) in &[
            (0.3, 0.7),
            (-2.0, 1.0),
            (1e-8, -3.0),
            (30.0, 2.0),
            (720.0, 0.5),
        ] {
            let z = c(x, y);
            let (s, sn) = (sinh(z), sinh(c(-x, -y)));
            assert!(same(s, c(-sn.re, -sn.im)), "{z}");
            let (k, kc) = (cosh(z), cosh(c(x, -y)));
            assert!(same(k, c(kc.re, -kc.im)), "{z}");
        }
        // sinh(1 + 2i) = sinh 1 cos 2 + i cosh 1 sin 2
        let w = sinh(c(1.0, 2.0));
        assert!((w.re - 1f64.sinh() * 2f64.cos()).abs() < 1e-15);
        assert!((w.im - 1f64.cosh() * 2f64.sin()).abs() < 1e-15);
        // no premature overflow: cosh(711 + 1.5i) is finite
        let w = cosh(c(711.0, 1.5));
        assert!(
            w.re.is_finite()
                && (w.re / (0.5 * 1.5f64.cos() * 709f64.exp() * 2f64.exp()) - 1.0).abs() < 1e-13
        );
        let w = tanh(c(0.5, 0.25));
        let want = c(0.5f64.sinh() * 0.5f64.cosh(), 0.25f64.sin() * 0.25f64.cos());
        let d = 0.5f64.sinh().powi(2) + 0.25f64.cos().powi(2);
        assert!((w.re - want.re / d).abs() < 1e-15 && (w.im - want.im / d).abs() < 1e-15);
        let w = sin(c(1.0, 1.0));
        assert!((w.re - 1f64.sin() * 1f64.cosh()).abs() < 1e-15);
        assert!((w.im - 1f64.cos() * 1f64.sinh()).abs() < 1e-15);
    }
}
