//! Weak scalars: Rust numbers used as array operands or fill values.

use super::{Complex32, Complex64, DType};
use std::fmt;

/// A Rust scalar operand or fill value.
///
/// Scalars are *weak* in promotion (NEP 50 and the standard): `x_f32 + 2.0` stays
/// `float32`, `x_i8 + 1` stays `int8`. Integers are held as `i128` so every `i64` and
/// `u64` value is exact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    /// A boolean.
    Bool(bool),
    /// An integer (any Rust integer type).
    Int(i128),
    /// A real float (`f32` or `f64`).
    Float(f64),
    /// A complex number.
    Complex(Complex64),
}

impl Scalar {
    /// The dtype a lone scalar of this kind gets by default: `bool`, `int64`, `float64`
    /// or `complex128`.
    pub fn default_dtype(self) -> DType {
        match self {
            Scalar::Bool(_) => DType::Bool,
            Scalar::Int(_) => DType::Int64,
            Scalar::Float(_) => DType::Float64,
            Scalar::Complex(_) => DType::Complex128,
        }
    }

    /// The value as a complex number (booleans are 0/1).
    pub fn to_complex(self) -> Complex64 {
        match self {
            Scalar::Bool(b) => Complex64::new(b as u8 as f64, 0.0),
            Scalar::Int(i) => Complex64::new(i as f64, 0.0),
            Scalar::Float(f) => Complex64::new(f, 0.0),
            Scalar::Complex(c) => c,
        }
    }

    /// The value as `f64` (real part for complex; booleans are 0/1).
    pub fn to_f64(self) -> f64 {
        self.to_complex().re
    }

    /// The value as an exact integer, when it is a boolean or an integer, or a finite float
    /// with no fractional part.
    pub fn to_i128(self) -> Option<i128> {
        match self {
            Scalar::Bool(b) => Some(b as i128),
            Scalar::Int(i) => Some(i),
            Scalar::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1.7e38 => {
                Some(f as i128)
            }
            _ => None,
        }
    }

    /// Whether this integer scalar fits `dtype` exactly (always `true` for non-integer
    /// scalars or non-integer dtypes).
    pub fn fits(self, dtype: DType) -> bool {
        let Scalar::Int(i) = self else { return true };
        let (lo, hi): (i128, i128) = match dtype {
            DType::Int8 => (i8::MIN as i128, i8::MAX as i128),
            DType::Int16 => (i16::MIN as i128, i16::MAX as i128),
            DType::Int32 => (i32::MIN as i128, i32::MAX as i128),
            DType::Int64 => (i64::MIN as i128, i64::MAX as i128),
            DType::UInt8 => (0, u8::MAX as i128),
            DType::UInt16 => (0, u16::MAX as i128),
            DType::UInt32 => (0, u32::MAX as i128),
            DType::UInt64 => (0, u64::MAX as i128),
            _ => return true,
        };
        (lo..=hi).contains(&i)
    }

    /// A short name of the scalar's kind (`"bool"`, `"int"`, `"float"`, `"complex"`).
    pub fn kind_name(self) -> &'static str {
        match self {
            Scalar::Bool(_) => "bool",
            Scalar::Int(_) => "int",
            Scalar::Float(_) => "float",
            Scalar::Complex(_) => "complex",
        }
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Scalar::Int(i) => write!(f, "{i}"),
            Scalar::Float(x) => write!(f, "{x}"),
            Scalar::Complex(c) => write!(f, "({}{:+}j)", c.re, c.im),
        }
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Scalar {
            fn from(v: $t) -> Self { Scalar::Int(v as i128) }
        }
    )*};
}
from_int!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl From<bool> for Scalar {
    fn from(v: bool) -> Self {
        Scalar::Bool(v)
    }
}
impl From<f32> for Scalar {
    fn from(v: f32) -> Self {
        Scalar::Float(v as f64)
    }
}
impl From<f64> for Scalar {
    fn from(v: f64) -> Self {
        Scalar::Float(v)
    }
}
impl From<Complex32> for Scalar {
    fn from(v: Complex32) -> Self {
        Scalar::Complex(Complex64::new(v.re as f64, v.im as f64))
    }
}
impl From<Complex64> for Scalar {
    fn from(v: Complex64) -> Self {
        Scalar::Complex(v)
    }
}
