//! `finfo` and `iinfo`: limits of floating and integer dtypes.

use super::DType;
use crate::{Error, Result};

/// Machine limits of a floating dtype (the standard's `finfo_object`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FInfo {
    /// Number of bits of the (real) type.
    pub bits: u32,
    /// Difference between 1.0 and the next larger representable number.
    pub eps: f64,
    /// Largest finite number.
    pub max: f64,
    /// Smallest (most negative) finite number.
    pub min: f64,
    /// Smallest positive normal number.
    pub smallest_normal: f64,
    /// The real dtype these limits describe (`float32` for `complex64`).
    pub dtype: DType,
}

/// Limits of an integer dtype (the standard's `iinfo_object`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IInfo {
    /// Number of bits.
    pub bits: u32,
    /// Largest value.
    pub max: i128,
    /// Smallest value.
    pub min: i128,
    /// The dtype.
    pub dtype: DType,
}

/// Limits of a real or complex floating dtype (for complex: of its real components).
///
/// ```
/// use array_api::{finfo, DType};
/// let f = finfo(DType::Float32).unwrap();
/// assert_eq!(f.eps, f32::EPSILON as f64);
/// assert_eq!(finfo(DType::Complex128).unwrap().bits, 64);
/// assert!(finfo(DType::Int8).is_err());
/// ```
pub fn finfo(dtype: DType) -> Result<FInfo> {
    match dtype.real_dtype() {
        DType::Float32 => Ok(FInfo {
            bits: 32,
            eps: f32::EPSILON as f64,
            max: f32::MAX as f64,
            min: f32::MIN as f64,
            smallest_normal: f32::MIN_POSITIVE as f64,
            dtype: DType::Float32,
        }),
        DType::Float64 => Ok(FInfo {
            bits: 64,
            eps: f64::EPSILON,
            max: f64::MAX,
            min: f64::MIN,
            smallest_normal: f64::MIN_POSITIVE,
            dtype: DType::Float64,
        }),
        _ => Err(Error::InvalidDType {
            op: "finfo",
            dtype,
            expected: "a floating-point dtype",
        }),
    }
}

/// Limits of an integer dtype.
///
/// ```
/// use array_api::{iinfo, DType};
/// assert_eq!(iinfo(DType::Int8).unwrap().min, -128);
/// assert_eq!(iinfo(DType::UInt64).unwrap().max, u64::MAX as i128);
/// assert!(iinfo(DType::Float32).is_err());
/// ```
pub fn iinfo(dtype: DType) -> Result<IInfo> {
    let (bits, min, max): (u32, i128, i128) = match dtype {
        DType::Int8 => (8, i8::MIN.into(), i8::MAX.into()),
        DType::Int16 => (16, i16::MIN.into(), i16::MAX.into()),
        DType::Int32 => (32, i32::MIN.into(), i32::MAX.into()),
        DType::Int64 => (64, i64::MIN.into(), i64::MAX.into()),
        DType::UInt8 => (8, 0, u8::MAX.into()),
        DType::UInt16 => (16, 0, u16::MAX.into()),
        DType::UInt32 => (32, 0, u32::MAX.into()),
        DType::UInt64 => (64, 0, u64::MAX.into()),
        _ => {
            return Err(Error::InvalidDType {
                op: "iinfo",
                dtype,
                expected: "an integer dtype",
            })
        }
    };
    Ok(IInfo {
        bits,
        max,
        min,
        dtype,
    })
}
