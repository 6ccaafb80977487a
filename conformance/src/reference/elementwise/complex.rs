//! Complex elementwise functions in `Complex<f64>`: arithmetic, `exp`, `log`, `sqrt`,
//! `pow`, `sign` and dispatch. The special values follow C99 Annex G and the standard's
//! rules (`num_complex`'s functions do not, so none are used).
//!
//! Where the standard leaves complex results implementation-defined, NumPy's algorithms:
//! multiplication by the textbook formula, division by Smith's algorithm as NumPy writes it
//! (so `1 / (inf + 0j) == 0` and division by zero gives infinities), `pow` with NumPy's
//! unrolled small integer exponents, `sign(z) = z / |z|` with NumPy's handling of
//! infinities. `reciprocal(z)` is `1 / z` by that division (the standard's definition; NumPy's
//! own `reciprocal` differs for `z == 0`).

use super::complex_inverse::{cacos, cacosh, casin, casinh, catan, catanh};
use super::complex_trig::{ccos, ccosh, csin, csinh, ctan, ctanh};
use super::V;
use array_api::{BinaryOp, Complex64, UnaryOp};
use std::f64::consts::{LN_10, LN_2};

/// Shorthand constructor.
pub fn c(re: f64, im: f64) -> Complex64 {
    Complex64::new(re, im)
}

/// The textbook product `(ac - bd) + (ad + bc)i` (NumPy's).
pub fn cmul(x: Complex64, y: Complex64) -> Complex64 {
    c(x.re * y.re - x.im * y.im, x.re * y.im + x.im * y.re)
}

/// Smith's division, as NumPy implements it.
pub fn cdiv(x: Complex64, y: Complex64) -> Complex64 {
    let (ar, ai, br, bi) = (x.re, x.im, y.re, y.im);
    if br.abs() >= bi.abs() {
        if br == 0.0 && bi == 0.0 {
            c(ar / br.abs(), ai / br.abs())
        } else {
            let rat = bi / br;
            let scl = 1.0 / (br + bi * rat);
            c((ar + ai * rat) * scl, (ai - ar * rat) * scl)
        }
    } else {
        let rat = br / bi;
        let scl = 1.0 / (bi + br * rat);
        c((ar * rat + ai) * scl, (ai * rat - ar) * scl)
    }
}

/// `e^x * (cos y, sin y)` for finite `x`, without premature overflow for large `x`.
pub fn scaled_cis(x: f64, cos_y: f64, sin_y: f64) -> Complex64 {
    if x > 700.0 {
        let h = (x / 2.0).exp();
        c(cos_y * h * h, sin_y * h * h)
    } else {
        let e = x.exp();
        c(e * cos_y, e * sin_y)
    }
}

/// `inf * cis(y)` / `0 * cis(y)`: `scale` times the signs of `cos y` and `sin y`.
pub fn signed_cis(scale: f64, y: f64) -> Complex64 {
    c(scale.copysign(y.cos()), scale.copysign(y.sin()))
}

/// `exp(z)` (Annex G.6.3.1).
pub fn cexp(z: Complex64) -> Complex64 {
    let (x, y) = (z.re, z.im);
    if y == 0.0 {
        return c(x.exp(), y);
    }
    if x.is_nan() {
        return c(f64::NAN, f64::NAN);
    }
    if x.is_infinite() {
        return match (x > 0.0, y.is_finite()) {
            (true, true) => signed_cis(f64::INFINITY, y),
            (true, false) => c(f64::INFINITY, f64::NAN),
            (false, true) => signed_cis(0.0, y),
            (false, false) => c(0.0, 0.0),
        };
    }
    if !y.is_finite() {
        return c(f64::NAN, f64::NAN);
    }
    scaled_cis(x, y.cos(), y.sin())
}

/// `exp(z) - 1`, accurate near 0: `re = expm1(x) cos y - 2 sin²(y/2)`.
pub fn cexpm1(z: Complex64) -> Complex64 {
    let (x, y) = (z.re, z.im);
    if y == 0.0 {
        return c(x.exp_m1(), y);
    }
    if x.is_nan() {
        return c(f64::NAN, f64::NAN);
    }
    if x.is_infinite() {
        return match (x > 0.0, y.is_finite()) {
            (true, true) => signed_cis(f64::INFINITY, y),
            (true, false) => c(f64::INFINITY, f64::NAN),
            (false, true) => c(-1.0, 0f64.copysign(y.sin())),
            (false, false) => c(-1.0, 0.0),
        };
    }
    if !y.is_finite() {
        return c(f64::NAN, f64::NAN);
    }
    if x > 700.0 {
        let e = scaled_cis(x, y.cos(), y.sin());
        return c(e.re - 1.0, e.im);
    }
    let h = (y / 2.0).sin();
    c(x.exp_m1() * y.cos() - 2.0 * h * h, x.exp() * y.sin())
}

/// `log|z|` for finite `z`, accurately: through `log1p(|z|² - 1)` when `|z|` is near 1,
/// and halved before `hypot` when `|z|` may exceed `f64::MAX` (`log|MAX + MAX i|` is
/// `log(MAX) + log(2) / 2 = 710.13`, finite, though `hypot(MAX, MAX)` overflows).
fn log_abs(x: f64, y: f64) -> f64 {
    let (mut a, mut b) = (x.abs(), y.abs());
    if a < b {
        std::mem::swap(&mut a, &mut b);
    }
    if (0.5..=2.0).contains(&a) {
        0.5 * ((a - 1.0) * (a + 1.0) + b * b).ln_1p()
    } else if a > f64::MAX / 2.0 {
        // exact halving (a is far from the subnormals; b / 2 may round, but b / 2 only
        // matters to the result when it is comparable to a)
        (a / 2.0).hypot(b / 2.0).ln() + LN_2
    } else {
        a.hypot(b).ln()
    }
}

/// `log(z)`: `log|z| + i arg(z)` (Annex G.6.3.2 holds through `hypot` and `atan2`).
pub fn clog(z: Complex64) -> Complex64 {
    let re = if z.re.is_finite() && z.im.is_finite() {
        log_abs(z.re, z.im)
    } else {
        z.re.hypot(z.im).ln()
    };
    c(re, z.im.atan2(z.re))
}

/// `log(1 + z)`, accurate near 0.
pub fn clog1p(z: Complex64) -> Complex64 {
    let (x, y) = (z.re, z.im);
    if !(x.is_finite() && y.is_finite()) {
        return c((1.0 + x).hypot(y).ln(), y.atan2(1.0 + x));
    }
    if x.abs() < 0.5 && y.abs() < 0.5 {
        // |1 + z|² - 1 = x (2 + x) + y²
        c(0.5 * (x * (2.0 + x) + y * y).ln_1p(), y.atan2(1.0 + x))
    } else {
        clog(c(1.0 + x, y))
    }
}

/// The principal square root (Annex G.6.4.2), scaled to avoid overflow and underflow.
pub fn csqrt(z: Complex64) -> Complex64 {
    let (x, y) = (z.re, z.im);
    if x == 0.0 && y == 0.0 {
        return c(0.0, y);
    }
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
    // scale into a safe range by an even power of two
    let m = x.abs().max(y.abs());
    let k: i32 = if m > 2f64.powi(1000) {
        -2
    } else if m < 2f64.powi(-1000) {
        600
    } else {
        0
    };
    let (sx, sy) = (x * 2f64.powi(k), y * 2f64.powi(k));
    let t = ((sx.abs() + sx.hypot(sy)) / 2.0).sqrt();
    let (re, im) = if sx >= 0.0 {
        (t, sy / (2.0 * t))
    } else {
        (sy.abs() / (2.0 * t), t.copysign(sy))
    };
    let back = 2f64.powi(-k / 2);
    c(re * back, im * back)
}

/// `x ** y` as NumPy: `1` for `y == 0`, `0` for `x == 0` and `re(y) > 0` (NaN for other
/// exponents of zero), repeated multiplication for integer exponents of magnitude below
/// 100, else `exp(y log x)`.
pub fn cpow(x: Complex64, y: Complex64) -> Complex64 {
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
            2 => return cmul(x, x),
            3 => return cmul(x, cmul(x, x)),
            _ => {
                let (mut acc, mut p, mut e) = (c(1.0, 0.0), x, n.unsigned_abs());
                loop {
                    if e & 1 == 1 {
                        acc = cmul(acc, p);
                    }
                    e >>= 1;
                    if e == 0 {
                        break;
                    }
                    p = cmul(p, p);
                }
                return if n < 0 { cdiv(c(1.0, 0.0), acc) } else { acc };
            }
        }
    }
    cexp(cmul(y, clog(x)))
}

/// `z / |z|` (NaN for a NaN component; NumPy's values for infinite components).
pub fn csign(z: Complex64) -> Complex64 {
    let (x, y) = (z.re, z.im);
    if x.is_nan() || y.is_nan() {
        return c(f64::NAN, f64::NAN);
    }
    match (x.is_infinite(), y.is_infinite()) {
        (true, true) => return c(f64::NAN, f64::NAN),
        (true, false) => return c(1f64.copysign(x), 0.0),
        (false, true) => return c(0.0, 1f64.copysign(y)),
        (false, false) => {}
    }
    if x == 0.0 && y == 0.0 {
        return c(0.0, 0.0);
    }
    let m = x.abs().max(y.abs());
    let (a, b) = (x / m, y / m);
    let h = a.hypot(b);
    c(a / h, b / h)
}

/// `op(z)` on a complex number, `None` for ops that do not apply to complex numbers.
pub fn unary(op: UnaryOp, z: Complex64) -> Option<V> {
    use UnaryOp::*;
    let scaled = |w: Complex64, s: f64| c(w.re / s, w.im / s);
    Some(V::C(match op {
        Abs => return Some(V::F(z.re.hypot(z.im))),
        Real => return Some(V::F(z.re)),
        Imag => return Some(V::F(z.im)),
        IsFinite => return Some(V::B(z.re.is_finite() && z.im.is_finite())),
        IsInf => return Some(V::B(z.re.is_infinite() || z.im.is_infinite())),
        IsNan => return Some(V::B(z.re.is_nan() || z.im.is_nan())),
        Acos => cacos(z),
        Acosh => cacosh(z),
        Asin => casin(z),
        Asinh => casinh(z),
        Atan => catan(z),
        Atanh => catanh(z),
        Conj => z.conj(),
        Cos => ccos(z),
        Cosh => ccosh(z),
        Exp => cexp(z),
        Expm1 => cexpm1(z),
        Log => clog(z),
        Log1p => clog1p(z),
        Log2 => scaled(clog(z), LN_2),
        Log10 => scaled(clog(z), LN_10),
        Negative => c(-z.re, -z.im),
        Positive => z,
        Reciprocal => cdiv(c(1.0, 0.0), z),
        Round => c(z.re.round_ties_even(), z.im.round_ties_even()),
        Sign => csign(z),
        Sin => csin(z),
        Sinh => csinh(z),
        Sqrt => csqrt(z),
        Square => cmul(z, z),
        Tan => ctan(z),
        Tanh => ctanh(z),
        BitwiseInvert | Ceil | Floor | LogicalNot | Signbit | Trunc => return None,
    }))
}

/// `op(x, y)` on complex numbers, `None` for ops that do not apply to complex numbers.
pub fn binary(op: BinaryOp, x: Complex64, y: Complex64) -> Option<V> {
    use BinaryOp::*;
    Some(V::C(match op {
        Add => c(x.re + y.re, x.im + y.im),
        Subtract => c(x.re - y.re, x.im - y.im),
        Multiply => cmul(x, y),
        Divide => cdiv(x, y),
        Pow => cpow(x, y),
        Equal => return Some(V::B(x.re == y.re && x.im == y.im)),
        NotEqual => return Some(V::B(!(x.re == y.re && x.im == y.im))),
        _ => return None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: Complex64, b: Complex64) -> bool {
        let eq = |x: f64, y: f64| (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits();
        eq(a.re, b.re) && eq(a.im, b.im)
    }

    const INF: f64 = f64::INFINITY;
    const NAN: f64 = f64::NAN;

    #[test]
    fn exp_special_values() {
        assert!(same(cexp(c(-0.0, 0.0)), c(1.0, 0.0)));
        assert!(same(cexp(c(INF, 0.0)), c(INF, 0.0)));
        assert!(same(cexp(c(NAN, 0.0)), c(NAN, 0.0)));
        assert!(same(cexp(c(1.0, INF)), c(NAN, NAN)));
        assert!(same(cexp(c(-INF, 2.0)), c(-0.0, 0.0)));
        assert!(same(cexp(c(INF, 4.0)), c(-INF, -INF)));
        // no premature overflow: exp(710) * cos(1.5) is finite
        let w = cexp(c(710.0, 1.5));
        assert!(
            w.re.is_finite()
                && (w.re / (710f64 - 1.0).exp() - 1.5f64.cos() * 1f64.exp()).abs() < 1e-12
        );
    }

    #[test]
    fn log_and_sqrt() {
        assert!(same(clog(c(-0.0, 0.0)), c(-INF, std::f64::consts::PI)));
        assert!(same(clog(c(0.0, 0.0)), c(-INF, 0.0)));
        assert!(same(clog(c(NAN, INF)), c(INF, NAN)));
        let w = clog(c(1.0, 1e-10));
        assert!((w.re - 5e-21).abs() < 1e-35 && (w.im - 1e-10).abs() < 1e-25);
        assert!(same(csqrt(c(-4.0, 0.0)), c(0.0, 2.0)));
        assert!(same(csqrt(c(-4.0, -0.0)), c(0.0, -2.0)));
        assert!(same(csqrt(c(-INF, 1.0)), c(0.0, INF)));
        assert!(same(csqrt(c(NAN, INF)), c(INF, INF)));
        let big = csqrt(c(f64::MAX, f64::MAX));
        assert!(big.re.is_finite() && (big.re / 1.4730945569055652e154 - 1.0).abs() < 1e-15);
        let w = clog1p(c(1e-20, 1e-20));
        assert!((w.re - 1e-20).abs() < 1e-34);
    }

    #[test]
    fn arithmetic() {
        assert!(same(cdiv(c(1.0, 1.0), c(0.0, 0.0)), c(INF, INF)));
        assert!(same(cdiv(c(1.0, 1.0), c(INF, 0.0)), c(0.0, 0.0)));
        assert!(same(cmul(c(2.0, 3.0), c(4.0, -5.0)), c(23.0, 2.0)));
        assert!(same(cpow(c(1.0, 1.0), c(2.0, 0.0)), c(0.0, 2.0)));
        assert!(same(cpow(c(0.0, 0.0), c(0.0, 0.0)), c(1.0, 0.0)));
        assert!(same(cpow(c(2.0, 0.0), c(-2.0, 0.0)), c(0.25, 0.0)));
        let w = cpow(c(-8.0, 0.0), c(1.0 / 3.0, 0.0));
        assert!((w.re - 1.0).abs() < 1e-15 && (w.im - 3f64.sqrt()).abs() < 1e-15);
        assert!(same(csign(c(-0.0, -0.0)), c(0.0, 0.0)));
        assert!(same(csign(c(NAN, INF)), c(NAN, NAN)));
        assert!(same(csign(c(-INF, 1.0)), c(-1.0, 0.0)));
        let s = csign(c(f64::MAX, f64::MAX));
        assert!((s.re - std::f64::consts::FRAC_1_SQRT_2).abs() < 2.5e-16);
    }
}
