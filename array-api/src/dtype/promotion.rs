//! Type promotion: the standard's lattice, NumPy 2 (NEP 50) where it is silent.

use super::{DType, Scalar};
use crate::{Error, Result};

/// The promoted dtype of two dtypes.
///
/// The standard's table where it specifies one; NumPy 2's result for the pairs it leaves
/// unspecified (integer with float or complex, bool with a number, `int64` with `uint64`
/// gives `float64`), so that what works in NumPy works here. `String` promotes only with
/// itself.
///
/// ```
/// use array_api::{promote_types, DType::*};
/// assert_eq!(promote_types(Int8, UInt8).unwrap(), Int16);
/// assert_eq!(promote_types(Int64, UInt64).unwrap(), Float64);
/// assert_eq!(promote_types(Int16, Float32).unwrap(), Float32);
/// assert_eq!(promote_types(Int32, Float32).unwrap(), Float64);
/// assert_eq!(promote_types(Float64, Complex64).unwrap(), Complex128);
/// ```
pub fn promote_types(a: DType, b: DType) -> Result<DType> {
    use DType::*;
    if a == b {
        return Ok(a);
    }
    let err = Err(Error::NoPromotion {
        op: "result_type",
        a,
        b,
    });
    if a == String || b == String {
        return err;
    }
    if a == Bool {
        return Ok(b);
    }
    if b == Bool {
        return Ok(a);
    }
    // Bits of a signed integer needed to hold each integer type, floats by mantissa.
    let int_bits = |d: DType| -> u32 {
        match d {
            Int8 | UInt8 => 8,
            Int16 | UInt16 => 16,
            Int32 | UInt32 => 32,
            _ => 64,
        }
    };
    Ok(match (a.is_integer(), b.is_integer()) {
        (true, true) => {
            let (sa, sb) = (a.is_signed_integer(), b.is_signed_integer());
            let (ba, bb) = (int_bits(a), int_bits(b));
            if sa == sb {
                if ba >= bb {
                    a
                } else {
                    b
                }
            } else {
                let (s, u) = if sa { (ba, bb) } else { (bb, ba) };
                // signed s bits with unsigned u bits: need a signed type wider than u
                let need = if s > u { s } else { u * 2 };
                match need {
                    8 => Int8,
                    16 => Int16,
                    32 => Int32,
                    64 => Int64,
                    _ => Float64,
                }
            }
        }
        (true, false) | (false, true) => {
            let (i, f) = if a.is_integer() { (a, b) } else { (b, a) };
            let small = int_bits(i) <= 16;
            match f {
                Float32 if small => Float32,
                Float32 | Float64 => Float64,
                Complex64 if small => Complex64,
                _ => Complex128,
            }
        }
        (false, false) => {
            // both floating
            let wide = a == Float64 || a == Complex128 || b == Float64 || b == Complex128;
            let complex = a.is_complex() || b.is_complex();
            match (complex, wide) {
                (false, false) => Float32,
                (false, true) => Float64,
                (true, false) => Complex64,
                (true, true) => Complex128,
            }
        }
    })
}

/// An argument of [`result_type`]: a dtype (of an array) or a weak Rust scalar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DTypeOrScalar {
    /// A dtype, or the dtype of an array.
    DType(DType),
    /// A Rust scalar; weak in promotion.
    Scalar(Scalar),
}

impl From<DType> for DTypeOrScalar {
    fn from(d: DType) -> Self {
        DTypeOrScalar::DType(d)
    }
}
impl From<Scalar> for DTypeOrScalar {
    fn from(s: Scalar) -> Self {
        DTypeOrScalar::Scalar(s)
    }
}

/// The result dtype of an operation on arrays/dtypes and weak scalars (`result_type`).
///
/// Dtypes promote with [`promote_types`]; scalars are weak: a scalar of the same or a lower
/// kind (bool < int < float < complex) than the promoted dtype takes that dtype; a scalar
/// of a higher kind moves to that kind's default dtype (int64, float64) or, for a complex
/// scalar with a real float dtype, to the complex of the same precision. Scalars alone
/// take their default dtypes.
///
/// ```
/// use array_api::{result_type, DType, Scalar, DTypeOrScalar as A};
/// assert_eq!(result_type(&[A::DType(DType::Float32), A::Scalar(Scalar::Float(2.0))]).unwrap(), DType::Float32);
/// assert_eq!(result_type(&[A::DType(DType::Int8), A::Scalar(Scalar::Float(2.0))]).unwrap(), DType::Float64);
/// assert_eq!(result_type(&[A::DType(DType::Float32), A::Scalar(Scalar::Complex(Default::default()))]).unwrap(), DType::Complex64);
/// ```
pub fn result_type(args: &[DTypeOrScalar]) -> Result<DType> {
    let mut dt: Option<DType> = None;
    for a in args {
        if let DTypeOrScalar::DType(d) = a {
            dt = Some(match dt {
                None => *d,
                Some(p) => promote_types(p, *d)?,
            });
        }
    }
    let kind = |s: &Scalar| match s {
        Scalar::Bool(_) => 0,
        Scalar::Int(_) => 1,
        Scalar::Float(_) => 2,
        Scalar::Complex(_) => 3,
    };
    let dkind = |d: DType| {
        if d.is_bool() {
            0
        } else if d.is_integer() {
            1
        } else if d.is_real_floating() {
            2
        } else {
            3
        }
    };
    for a in args {
        if let DTypeOrScalar::Scalar(s) = a {
            dt = Some(match dt {
                None => s.default_dtype(),
                Some(d) if d == DType::String => {
                    return Err(Error::NoPromotion {
                        op: "result_type",
                        a: d,
                        b: s.default_dtype(),
                    })
                }
                Some(d) if kind(s) <= dkind(d) => d,
                Some(d) => match (kind(s), d) {
                    (3, DType::Float32) => DType::Complex64,
                    (3, DType::Float64) => DType::Complex128,
                    _ => s.default_dtype(),
                },
            });
        }
    }
    dt.ok_or_else(|| {
        Error::invalid(
            "result_type",
            "at least one array, dtype or scalar is required",
        )
    })
}

/// Whether `from` can be cast to `to` by the promotion rules (`result_type(from, to) ==
/// to`): NumPy's "safe" casting.
///
/// ```
/// use array_api::{can_cast, DType::*};
/// assert!(can_cast(Int8, Int16));
/// assert!(can_cast(Int64, Float64));
/// assert!(!can_cast(UInt64, Int64));
/// assert!(!can_cast(Float64, Float32));
/// ```
pub fn can_cast(from: DType, to: DType) -> bool {
    promote_types(from, to).is_ok_and(|d| d == to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use DType::*;

    #[test]
    fn symmetric_and_matches_numpy_table() {
        // NumPy 2.x np.promote_types for every pair (excluding float16).
        let cases: &[(DType, DType, DType)] = &[
            (Int8, UInt8, Int16),
            (Int8, UInt16, Int32),
            (Int8, UInt32, Int64),
            (Int8, UInt64, Float64),
            (Int16, UInt8, Int16),
            (Int16, UInt16, Int32),
            (Int32, UInt16, Int32),
            (Int32, UInt32, Int64),
            (Int64, UInt32, Int64),
            (Int64, UInt64, Float64),
            (UInt8, Float32, Float32),
            (UInt16, Float32, Float32),
            (UInt32, Float32, Float64),
            (Int64, Float32, Float64),
            (Int8, Complex64, Complex64),
            (Int32, Complex64, Complex128),
            (Float32, Complex64, Complex64),
            (Float64, Complex64, Complex128),
            (Float32, Complex128, Complex128),
            (Bool, Int8, Int8),
            (Bool, Float32, Float32),
            (UInt8, UInt64, UInt64),
            (Int16, Int64, Int64),
        ];
        for &(a, b, r) in cases {
            assert_eq!(promote_types(a, b).unwrap(), r, "{a} {b}");
            assert_eq!(promote_types(b, a).unwrap(), r, "{b} {a}");
        }
        assert!(promote_types(String, Int8).is_err());
    }

    #[test]
    fn weak_scalars() {
        let r = |a: &[DTypeOrScalar]| result_type(a).unwrap();
        use DTypeOrScalar::{DType as D, Scalar as S};
        assert_eq!(r(&[D(Int8), S(Scalar::Int(1))]), Int8);
        assert_eq!(r(&[D(Bool), S(Scalar::Int(1))]), Int64);
        assert_eq!(r(&[D(Bool), S(Scalar::Bool(true))]), Bool);
        assert_eq!(r(&[D(UInt16), S(Scalar::Float(1.5))]), Float64);
        assert_eq!(r(&[D(Complex64), S(Scalar::Float(1.5))]), Complex64);
        assert_eq!(r(&[S(Scalar::Int(1)), S(Scalar::Float(1.0))]), Float64);
        assert_eq!(r(&[D(Int64), D(Float32), S(Scalar::Int(3))]), Float64);
        assert!(result_type(&[]).is_err());
    }
}
