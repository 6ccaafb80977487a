//! Complex hyperbolic functions (C99 Annex G.6.2.4-6, and the standard's bullets) and the
//! trigonometric ones derived from them exactly as the standard says:
//! `sin(z) = -i sinh(iz)`, `cos(z) = cosh(iz)`, `tan(z) = -i tanh(iz)`, where multiplying
//! by `±i` is the exact rotation of the components.
//!
//! Where a zero's sign is unspecified the choice keeps the symmetries the standard
//! requires (`cosh` even, `sinh` and `tanh` odd, all three commuting with `conj`).

use super::complex::c;
use array_api::Complex64;

const INF: f64 = f64::INFINITY;
const NAN: f64 = f64::NAN;

/// A zero whose sign is `sign(x) * sign(y)` (sign bits, NaN included).
fn zero_xor(x: f64, y: f64) -> f64 {
    if x.is_sign_negative() != y.is_sign_negative() {
        -0.0
    } else {
        0.0
    }
}

/// `e^|x| / 2 * (cos y, sin y)` for large finite `|x|` (the value of `cosh` and of
/// `|sinh|` there), without premature overflow.
fn half_exp_cis(ax: f64, y: f64) -> (f64, f64) {
    let h = (ax / 2.0).exp();
    let r = 0.5 * h;
    (y.cos() * r * h, y.sin() * r * h)
}

/// `sinh(z)`.
pub fn csinh(z: Complex64) -> Complex64 {
    let (x, y) = (z.re, z.im);
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return c(x.sinh(), y);
        }
        if x.abs() > 700.0 {
            let (re, im) = half_exp_cis(x.abs(), y);
            return c(if x < 0.0 { -re } else { re }, im);
        }
        return c(x.sinh() * y.cos(), x.cosh() * y.sin());
    }
    if x.is_nan() {
        return if y == 0.0 { c(NAN, y) } else { c(NAN, NAN) };
    }
    if x.is_infinite() {
        return if y == 0.0 {
            c(x, y)
        } else if y.is_finite() {
            c(x * y.cos(), INF * y.sin())
        } else {
            c(x, NAN)
        };
    }
    // x finite, y infinite or NaN
    if x == 0.0 {
        c(x, NAN)
    } else {
        c(NAN, NAN)
    }
}

/// `cosh(z)`.
pub fn ccosh(z: Complex64) -> Complex64 {
    let (x, y) = (z.re, z.im);
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return c(x.cosh(), x * y);
        }
        if x.abs() > 700.0 {
            let (re, im) = half_exp_cis(x.abs(), y);
            return c(re, if x < 0.0 { -im } else { im });
        }
        return c(x.cosh() * y.cos(), x.sinh() * y.sin());
    }
    if x.is_nan() {
        return if y == 0.0 {
            c(NAN, zero_xor(x, y))
        } else {
            c(NAN, NAN)
        };
    }
    if x.is_infinite() {
        return if y == 0.0 {
            c(INF, zero_xor(x, y))
        } else if y.is_finite() {
            c(INF * y.cos(), x * y.sin())
        } else {
            c(INF, NAN)
        };
    }
    if x == 0.0 {
        c(NAN, zero_xor(x, y))
    } else {
        c(NAN, NAN)
    }
}

/// `tanh(z)`: Kahan's formula for moderate `|re z|`.
pub fn ctanh(z: Complex64) -> Complex64 {
    let (x, y) = (z.re, z.im);
    if x.is_nan() {
        return if y == 0.0 { c(NAN, y) } else { c(NAN, NAN) };
    }
    if x.is_infinite() {
        let im = if y.is_finite() {
            0f64.copysign(y.sin() * y.cos())
        } else {
            0f64.copysign(y)
        };
        return c(1f64.copysign(x), im);
    }
    if !y.is_finite() {
        return if x == 0.0 { c(x, NAN) } else { c(NAN, NAN) };
    }
    if x.abs() > 22.0 {
        let e = (-x.abs()).exp();
        return c(1f64.copysign(x), 4.0 * y.sin() * y.cos() * e * e);
    }
    let t = y.tan();
    let beta = 1.0 + t * t;
    let s = x.sinh();
    let rho = (1.0 + s * s).sqrt();
    let denom = 1.0 + beta * s * s;
    c(beta * rho * s / denom, t / denom)
}

/// `i z` (exact rotation).
fn times_i(z: Complex64) -> Complex64 {
    c(-z.im, z.re)
}

/// `-i z` (exact rotation).
fn times_minus_i(z: Complex64) -> Complex64 {
    c(z.im, -z.re)
}

/// `sin(z) = -i sinh(iz)`.
pub fn csin(z: Complex64) -> Complex64 {
    times_minus_i(csinh(times_i(z)))
}

/// `cos(z) = cosh(iz)`.
pub fn ccos(z: Complex64) -> Complex64 {
    ccosh(times_i(z))
}

/// `tan(z) = -i tanh(iz)`.
pub fn ctan(z: Complex64) -> Complex64 {
    times_minus_i(ctanh(times_i(z)))
}

#[cfg(test)]
mod tests {
    use super::super::complex::signed_cis;
    use super::*;

    fn inf_cis(y: f64) -> Complex64 {
        signed_cis(INF, y)
    }

    fn same(a: Complex64, b: Complex64) -> bool {
        let eq = |x: f64, y: f64| (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits();
        eq(a.re, b.re) && eq(a.im, b.im)
    }

    #[test]
    fn annex_g_values() {
        assert!(same(csinh(c(0.0, 0.0)), c(0.0, 0.0)));
        assert!(same(csinh(c(INF, 2.0)), inf_cis(2.0)));
        assert!(same(ccosh(c(INF, 2.0)), inf_cis(2.0)));
        assert!(same(ccosh(c(0.0, 0.0)), c(1.0, 0.0)));
        assert!(same(ccosh(c(-0.0, 0.0)), c(1.0, -0.0)));
        assert!(same(ctanh(c(0.0, INF)), c(0.0, NAN)));
        assert!(same(ctanh(c(INF, 1.0)), c(1.0, 0.0)));
        assert!(same(ctanh(c(NAN, 0.0)), c(NAN, 0.0)));
        // sin(z) = -i sinh(iz): sin(+0 + 0i) = +0 + 0i; cos(0) = 1 - 0i
        assert!(same(csin(c(0.0, 0.0)), c(0.0, 0.0)));
        assert!(same(ccos(c(0.0, 0.0)), c(1.0, -0.0)));
    }

    #[test]
    fn values_and_symmetries() {
        let z = c(0.7, -1.3);
        let s = csinh(z);
        // sinh(a+bi) = sinh a cos b + i cosh a sin b
        assert!((s.re - 0.7f64.sinh() * 1.3f64.cos()).abs() < 1e-15);
        let t = ctanh(z);
        let want = {
            let d = (1.4f64).cosh() + (-2.6f64).cos();
            c(1.4f64.sinh() / d, (-2.6f64).sin() / d)
        };
        assert!((t.re - want.re).abs() < 1e-15 && (t.im - want.im).abs() < 1e-15);
        for w in [
            c(0.0, INF),
            c(-0.0, NAN),
            c(INF, INF),
            c(NAN, 0.0),
            c(3.0, -0.0),
        ] {
            let neg = c(-w.re, -w.im);
            let e = ccosh(w);
            let n = ccosh(neg);
            assert!(
                same(e, n) || (e.re.is_nan() && n.re.is_nan() && e.im.to_bits() == n.im.to_bits()),
                "{w}"
            );
            let o = csinh(neg);
            let p = csinh(w);
            assert!(same(o, c(-p.re, -p.im)), "{w}: {o} {p}");
        }
        let big = ccosh(c(710.0, 1.0));
        assert!(big.re.is_finite() && big.re > 1e307);
    }
}
