//! Host buffers: typed, contiguous element vectors moved between Rust and a backend.

use super::{Complex32, Complex64, DType, Element, Scalar};

/// A contiguous host vector of one dtype: what crosses between Rust code and a backend.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)]
pub enum HostData {
    Bool(Vec<bool>),
    Int8(Vec<i8>),
    Int16(Vec<i16>),
    Int32(Vec<i32>),
    Int64(Vec<i64>),
    UInt8(Vec<u8>),
    UInt16(Vec<u16>),
    UInt32(Vec<u32>),
    UInt64(Vec<u64>),
    Float32(Vec<f32>),
    Float64(Vec<f64>),
    Complex64(Vec<Complex32>),
    Complex128(Vec<Complex64>),
}

/// Runs `$body` with `$v` bound to the inner `Vec<T>` of a [`HostData`] (by the given
/// binding mode) and `$T` as a local type alias for the element type.
#[macro_export]
macro_rules! with_host {
    ($h:expr, $v:ident, $T:ident => $body:expr) => {
        match $h {
            $crate::HostData::Bool($v) => {
                type $T = bool;
                $body
            }
            $crate::HostData::Int8($v) => {
                type $T = i8;
                $body
            }
            $crate::HostData::Int16($v) => {
                type $T = i16;
                $body
            }
            $crate::HostData::Int32($v) => {
                type $T = i32;
                $body
            }
            $crate::HostData::Int64($v) => {
                type $T = i64;
                $body
            }
            $crate::HostData::UInt8($v) => {
                type $T = u8;
                $body
            }
            $crate::HostData::UInt16($v) => {
                type $T = u16;
                $body
            }
            $crate::HostData::UInt32($v) => {
                type $T = u32;
                $body
            }
            $crate::HostData::UInt64($v) => {
                type $T = u64;
                $body
            }
            $crate::HostData::Float32($v) => {
                type $T = f32;
                $body
            }
            $crate::HostData::Float64($v) => {
                type $T = f64;
                $body
            }
            $crate::HostData::Complex64($v) => {
                type $T = $crate::Complex32;
                $body
            }
            $crate::HostData::Complex128($v) => {
                type $T = $crate::Complex64;
                $body
            }
        }
    };
}

/// Runs `$body` with `$T` a local type alias for the element type of a numeric [`DType`];
/// evaluates `$other` for `DType::String`.
#[macro_export]
macro_rules! with_dtype {
    ($d:expr, $T:ident => $body:expr, else => $other:expr) => {
        match $d {
            $crate::DType::Bool => {
                type $T = bool;
                $body
            }
            $crate::DType::Int8 => {
                type $T = i8;
                $body
            }
            $crate::DType::Int16 => {
                type $T = i16;
                $body
            }
            $crate::DType::Int32 => {
                type $T = i32;
                $body
            }
            $crate::DType::Int64 => {
                type $T = i64;
                $body
            }
            $crate::DType::UInt8 => {
                type $T = u8;
                $body
            }
            $crate::DType::UInt16 => {
                type $T = u16;
                $body
            }
            $crate::DType::UInt32 => {
                type $T = u32;
                $body
            }
            $crate::DType::UInt64 => {
                type $T = u64;
                $body
            }
            $crate::DType::Float32 => {
                type $T = f32;
                $body
            }
            $crate::DType::Float64 => {
                type $T = f64;
                $body
            }
            $crate::DType::Complex64 => {
                type $T = $crate::Complex32;
                $body
            }
            $crate::DType::Complex128 => {
                type $T = $crate::Complex64;
                $body
            }
            $crate::DType::String => $other,
        }
    };
}

impl HostData {
    /// The dtype of the elements.
    pub fn dtype(&self) -> DType {
        with_host!(self, _v, T => <T as Element>::DTYPE)
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        with_host!(self, v, _T => v.len())
    }

    /// `true` when there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `len` copies of `value` converted to `dtype` (casting rules of
    /// [`Element::from_scalar`]); `None` for `DType::String`.
    pub fn filled(dtype: DType, len: usize, value: Scalar) -> Option<HostData> {
        with_dtype!(dtype, T => Some(T::into_host(vec![T::from_scalar(value); len])), else => None)
    }

    /// Element `i` as a scalar; `None` when out of range.
    pub fn get(&self, i: usize) -> Option<Scalar> {
        with_host!(self, v, _T => v.get(i).map(|x| x.to_scalar()))
    }

    /// Converts every element to `dtype` with [`astype`](crate::astype)'s casting rules.
    pub fn cast(&self, dtype: DType) -> Option<HostData> {
        with_dtype!(dtype, U => Some(U::into_host(with_host!(self, v, _T => v.iter().map(|x| U::from_scalar(x.to_scalar())).collect()))), else => None)
    }

    /// The elements as `Vec<T>`, when `T` is exactly this dtype's element type.
    pub fn to_vec<T: Element>(&self) -> Option<Vec<T>> {
        T::slice(self).map(|s| s.to_vec())
    }
}
