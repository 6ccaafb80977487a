//! Tolerances of the elementwise comparisons: which results must match the reference bit
//! for bit, and the ulp bounds of the others.
//!
//! - **Exact** (bit for bit, all NaNs equal, `+0 != -0`): every integer and boolean result,
//!   comparisons, logical and bitwise ops, `isnan`/`isinf`/`isfinite`/`signbit`, `clip`,
//!   `where`, and the correctly rounded real operations `add subtract multiply divide
//!   sqrt reciprocal square abs negative positive floor ceil trunc round sign copysign
//!   nextafter maximum minimum remainder floor_divide real imag conj` (casts too). For
//!   complex operands `add`, `subtract`, `negative`, `positive`, `conj`, `real`, `imag` and
//!   `round` are exact (componentwise).
//! - **Real transcendentals** (`acos ... tanh`, `exp`, `log*`, `atan2`, `hypot`,
//!   `logaddexp`, `pow` on floats): within [`TRANSCENDENTAL_ULP`] = 2 ulp of the reference,
//!   for float32 and float64 alike. Distances count representable values between the two
//!   results, `-0` and `+0` one apart, the largest finite value one from infinity; a NaN
//!   matches only a NaN.
//! - **Complex arithmetic** (`multiply divide reciprocal square sign abs`):
//!   each component within [`COMPLEX_ARITHMETIC_ULP`] = 2 ulp, or within
//!   `2 * eps * |w|` of the reference `w` (the slack near a component that cancels to
//!   nearly zero: `re(z1 z2) = ac - bd` is only accurate relative to `|z1 z2|`).
//! - **Complex transcendentals** (`sqrt exp expm1 log log1p log2 log10 sin ... atanh pow`):
//!   each component within [`COMPLEX_TRANSCENDENTAL_ULP`] = 4 ulp, or within
//!   `4 * eps * |w|`.
//!
//! `eps` is the machine epsilon of the result's precision. Non-finite components must
//! match as in the real case (NaN with NaN, infinities within the ulp distance).

use crate::compare::exact_match;
use array_api::{BinaryOp, DType, HostData, UnaryOp};

/// The ulp bound of real transcendental functions (float32 and float64).
pub const TRANSCENDENTAL_ULP: u64 = 2;
/// The per-component ulp bound (and slack factor) of complex arithmetic.
pub const COMPLEX_ARITHMETIC_ULP: u64 = 2;
/// The per-component ulp bound (and slack factor) of complex transcendental functions.
pub const COMPLEX_TRANSCENDENTAL_ULP: u64 = 4;

/// How a backend's result is compared with the reference's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tolerance {
    /// Bit for bit (NaNs equal).
    Exact,
    /// Floats within this many ulp; complex components within this many ulp or
    /// `n * eps * |w|`.
    Ulp(u64),
}

/// The position of `x` among the float64 values, ordered (`-0` just below `+0`).
fn key64(x: f64) -> i128 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        -((b & !(1 << 63)) as i128) - 1
    } else {
        b as i128
    }
}

/// The position of `x` among the float32 values, ordered (`-0` just below `+0`).
fn key32(x: f32) -> i128 {
    let b = x.to_bits();
    if b >> 31 == 1 {
        -((b & !(1 << 31)) as i128) - 1
    } else {
        b as i128
    }
}

/// Distance in ulp between two float64 values: 0 for two NaNs, `u64::MAX` for a NaN and
/// a number.
pub fn ulp_distance_f64(a: f64, b: f64) -> u64 {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => 0,
        (false, false) => (key64(a) - key64(b)).unsigned_abs() as u64,
        _ => u64::MAX,
    }
}

/// Distance in ulp between two float32 values (see [`ulp_distance_f64`]).
pub fn ulp_distance_f32(a: f32, b: f32) -> u64 {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => 0,
        (false, false) => (key32(a) - key32(b)).unsigned_abs() as u64,
        _ => u64::MAX,
    }
}

/// Whether the real ops' results must be exact (see the module documentation).
fn exact_real_unary(op: UnaryOp) -> bool {
    use UnaryOp::*;
    !matches!(
        op,
        Acos | Acosh
            | Asin
            | Asinh
            | Atan
            | Atanh
            | Cos
            | Cosh
            | Exp
            | Expm1
            | Log
            | Log1p
            | Log2
            | Log10
            | Sin
            | Sinh
            | Tan
            | Tanh
    )
}

/// The tolerance of unary `op` computed in dtype `compute`.
pub fn unary_tolerance(op: UnaryOp, compute: DType) -> Tolerance {
    use UnaryOp::*;
    if compute.is_complex() {
        return match op {
            Conj | Negative | Positive | Real | Imag | Round | IsFinite | IsInf | IsNan => {
                Tolerance::Exact
            }
            Abs | Reciprocal | Square | Sign => Tolerance::Ulp(COMPLEX_ARITHMETIC_ULP),
            _ => Tolerance::Ulp(COMPLEX_TRANSCENDENTAL_ULP),
        };
    }
    if compute.is_real_floating() && !exact_real_unary(op) {
        Tolerance::Ulp(TRANSCENDENTAL_ULP)
    } else {
        Tolerance::Exact
    }
}

/// The tolerance of binary `op` computed in dtype `compute`.
pub fn binary_tolerance(op: BinaryOp, compute: DType) -> Tolerance {
    use BinaryOp::*;
    if compute.is_complex() {
        return match op {
            Multiply | Divide => Tolerance::Ulp(COMPLEX_ARITHMETIC_ULP),
            Pow => Tolerance::Ulp(COMPLEX_TRANSCENDENTAL_ULP),
            _ => Tolerance::Exact,
        };
    }
    match op {
        Atan2 | Hypot | Logaddexp | Pow if compute.is_real_floating() => {
            Tolerance::Ulp(TRANSCENDENTAL_ULP)
        }
        _ => Tolerance::Exact,
    }
}

/// Whether `got` is within `n` ulp of `want`, or (`slack`) within `n * eps * scale`.
fn close_component(got: f64, want: f64, n: u64, single: bool, scale: Option<f64>) -> bool {
    let d = if single {
        ulp_distance_f32(got as f32, want as f32)
    } else {
        ulp_distance_f64(got, want)
    };
    if d <= n {
        return true;
    }
    match scale {
        Some(s) if got.is_finite() && want.is_finite() && s.is_finite() => {
            let eps = if single {
                f32::EPSILON as f64
            } else {
                f64::EPSILON
            };
            (got - want).abs() <= n as f64 * eps * s
        }
        _ => false,
    }
}

/// `Ok` when `got` matches `want` within `tol` (same dtype and length required); else a
/// description of the first element out of bounds.
pub fn close_match(got: &HostData, want: &HostData, tol: Tolerance) -> Result<(), String> {
    let n = match tol {
        Tolerance::Exact => return exact_match(got, want),
        Tolerance::Ulp(n) => n,
    };
    if got.dtype() != want.dtype() || got.len() != want.len() {
        return exact_match(got, want);
    }
    let bad = |i: usize, g: String, w: String| {
        Err(format!(
            "element {i} (C order): {g} vs {w} (more than {n} ulp apart)"
        ))
    };
    match (got, want) {
        (HostData::Float32(g), HostData::Float32(w)) => {
            for (i, (&a, &b)) in g.iter().zip(w).enumerate() {
                if ulp_distance_f32(a, b) > n {
                    return bad(i, format!("{a:?}"), format!("{b:?}"));
                }
            }
            Ok(())
        }
        (HostData::Float64(g), HostData::Float64(w)) => {
            for (i, (&a, &b)) in g.iter().zip(w).enumerate() {
                if ulp_distance_f64(a, b) > n {
                    return bad(i, format!("{a:?}"), format!("{b:?}"));
                }
            }
            Ok(())
        }
        (HostData::Complex64(g), HostData::Complex64(w)) => {
            for (i, (a, b)) in g.iter().zip(w).enumerate() {
                let s = Some((b.re as f64).hypot(b.im as f64));
                if !(close_component(a.re as f64, b.re as f64, n, true, s)
                    && close_component(a.im as f64, b.im as f64, n, true, s))
                {
                    return bad(i, format!("{a:?}"), format!("{b:?}"));
                }
            }
            Ok(())
        }
        (HostData::Complex128(g), HostData::Complex128(w)) => {
            for (i, (a, b)) in g.iter().zip(w).enumerate() {
                let s = Some(b.re.hypot(b.im));
                if !(close_component(a.re, b.re, n, false, s)
                    && close_component(a.im, b.im, n, false, s))
                {
                    return bad(i, format!("{a:?}"), format!("{b:?}"));
                }
            }
            Ok(())
        }
        _ => exact_match(got, want),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use array_api::Complex64;

    #[test]
    fn ulp_distances() {
        assert_eq!(ulp_distance_f64(1.0, 1.0 + f64::EPSILON), 1);
        assert_eq!(ulp_distance_f64(-0.0, 0.0), 1);
        assert_eq!(ulp_distance_f64(-f64::from_bits(1), f64::from_bits(1)), 3);
        assert_eq!(ulp_distance_f64(f64::MAX, f64::INFINITY), 1);
        assert_eq!(ulp_distance_f64(f64::NAN, -f64::NAN), 0);
        assert_eq!(ulp_distance_f64(f64::NAN, 1.0), u64::MAX);
        assert_eq!(ulp_distance_f32(1.0, 1.0 - f32::EPSILON / 2.0), 1);
        assert_eq!(ulp_distance_f32(-1.0, 1.0), 2 * 1.0f32.to_bits() as u64 + 1);
    }

    #[test]
    fn matching_with_bounds() {
        let a = HostData::Float64(vec![1.0, f64::NAN]);
        let b = HostData::Float64(vec![1.0 + 2.0 * f64::EPSILON, f64::NAN]);
        assert!(close_match(&a, &b, Tolerance::Ulp(2)).is_ok());
        assert!(close_match(&a, &b, Tolerance::Ulp(1)).is_err());
        assert!(close_match(&a, &b, Tolerance::Exact).is_err());
        // a cancelled component: 1e-20 off, but |w| ~ 1
        let z = HostData::Complex128(vec![Complex64::new(1e-20, 1.0)]);
        let w = HostData::Complex128(vec![Complex64::new(0.0, 1.0)]);
        assert!(close_match(&z, &w, Tolerance::Ulp(2)).is_ok());
        let far = HostData::Complex128(vec![Complex64::new(1e-10, 1.0)]);
        assert!(close_match(&far, &w, Tolerance::Ulp(2)).is_err());
    }

    #[test]
    fn tolerance_policy() {
        assert_eq!(
            unary_tolerance(UnaryOp::Sqrt, DType::Float32),
            Tolerance::Exact
        );
        assert_eq!(
            unary_tolerance(UnaryOp::Sin, DType::Float64),
            Tolerance::Ulp(2)
        );
        assert_eq!(
            unary_tolerance(UnaryOp::Sqrt, DType::Complex64),
            Tolerance::Ulp(4)
        );
        assert_eq!(
            unary_tolerance(UnaryOp::Conj, DType::Complex64),
            Tolerance::Exact
        );
        assert_eq!(
            binary_tolerance(BinaryOp::Pow, DType::Int8),
            Tolerance::Exact
        );
        assert_eq!(
            binary_tolerance(BinaryOp::Pow, DType::Float32),
            Tolerance::Ulp(2)
        );
        assert_eq!(
            binary_tolerance(BinaryOp::Divide, DType::Float32),
            Tolerance::Exact
        );
        assert_eq!(
            binary_tolerance(BinaryOp::Divide, DType::Complex128),
            Tolerance::Ulp(2)
        );
    }
}
