//! Data types: [`DType`], the Rust [`Element`] types behind them, host buffers ([`HostData`]),
//! weak scalars ([`Scalar`]), promotion ([`result_type`], [`can_cast`]) and dtype inspection
//! ([`finfo`], [`iinfo`], [`isdtype`]).

mod element;
mod host;
mod info;
mod promotion;
mod scalar;

pub use element::{Complex32, Complex64, Element};
pub use host::HostData;
pub use info::{finfo, iinfo, FInfo, IInfo};
pub use promotion::{can_cast, promote_types, result_type, DTypeOrScalar};
pub use scalar::Scalar;

use std::fmt;

/// A data type of the array API standard (plus a reserved variable-length string type).
///
/// Complex names follow NumPy: `Complex64` is a pair of `f32`, `Complex128` a pair of `f64`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    /// Boolean (`bool`).
    Bool,
    /// 8-bit signed integer (`i8`).
    Int8,
    /// 16-bit signed integer (`i16`).
    Int16,
    /// 32-bit signed integer (`i32`).
    Int32,
    /// 64-bit signed integer (`i64`).
    Int64,
    /// 8-bit unsigned integer (`u8`).
    UInt8,
    /// 16-bit unsigned integer (`u16`).
    UInt16,
    /// 32-bit unsigned integer (`u32`).
    UInt32,
    /// 64-bit unsigned integer (`u64`).
    UInt64,
    /// IEEE 754 binary32 (`f32`).
    Float32,
    /// IEEE 754 binary64 (`f64`).
    Float64,
    /// Complex number of two `f32` ([`Complex32`]).
    Complex64,
    /// Complex number of two `f64` ([`Complex64`]).
    Complex128,
    /// Variable-length UTF-8 string; reserved for the strings work, unsupported by every
    /// backend for now.
    String,
}

/// A kind of data type, as accepted by [`isdtype`] (the standard's kind strings).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DTypeKind {
    /// `'bool'`.
    Bool,
    /// `'signed integer'`.
    SignedInteger,
    /// `'unsigned integer'`.
    UnsignedInteger,
    /// `'integral'`: signed or unsigned integer.
    Integral,
    /// `'real floating'`.
    RealFloating,
    /// `'complex floating'`.
    ComplexFloating,
    /// `'numeric'`: integral, real or complex floating.
    Numeric,
    /// One exact dtype.
    Exact(DType),
}

impl DType {
    /// Every numeric and boolean dtype, in the standard's order (no `String`).
    pub const ALL: [DType; 13] = [
        DType::Bool,
        DType::Int8,
        DType::Int16,
        DType::Int32,
        DType::Int64,
        DType::UInt8,
        DType::UInt16,
        DType::UInt32,
        DType::UInt64,
        DType::Float32,
        DType::Float64,
        DType::Complex64,
        DType::Complex128,
    ];

    /// The default real floating dtype (`float64`).
    pub const DEFAULT_FLOAT: DType = DType::Float64;
    /// The default integer dtype (`int64`).
    pub const DEFAULT_INT: DType = DType::Int64;
    /// The default complex dtype (`complex128`).
    pub const DEFAULT_COMPLEX: DType = DType::Complex128;
    /// The default index dtype (`int64`).
    pub const DEFAULT_INDEX: DType = DType::Int64;

    /// The standard's name, e.g. `"float32"`.
    pub const fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int8 => "int8",
            DType::Int16 => "int16",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::UInt8 => "uint8",
            DType::UInt16 => "uint16",
            DType::UInt32 => "uint32",
            DType::UInt64 => "uint64",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
            DType::Complex64 => "complex64",
            DType::Complex128 => "complex128",
            DType::String => "string",
        }
    }

    /// Parses a standard dtype name (`"int8"`, `"float64"`, ..., also `"str"`/`"string"`).
    pub fn from_name(name: &str) -> Option<DType> {
        Some(match name {
            "bool" => DType::Bool,
            "int8" => DType::Int8,
            "int16" => DType::Int16,
            "int32" => DType::Int32,
            "int64" => DType::Int64,
            "uint8" => DType::UInt8,
            "uint16" => DType::UInt16,
            "uint32" => DType::UInt32,
            "uint64" => DType::UInt64,
            "float32" => DType::Float32,
            "float64" => DType::Float64,
            "complex64" => DType::Complex64,
            "complex128" => DType::Complex128,
            "str" | "string" => DType::String,
            _ => return None,
        })
    }

    /// Size of one element in bytes (`0` for the variable-length `String`).
    pub const fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::Int8 | DType::UInt8 => 1,
            DType::Int16 | DType::UInt16 => 2,
            DType::Int32 | DType::UInt32 | DType::Float32 => 4,
            DType::Int64 | DType::UInt64 | DType::Float64 | DType::Complex64 => 8,
            DType::Complex128 => 16,
            DType::String => 0,
        }
    }

    /// `true` for `Bool`.
    pub const fn is_bool(self) -> bool {
        matches!(self, DType::Bool)
    }
    /// `true` for the signed integer dtypes.
    pub const fn is_signed_integer(self) -> bool {
        matches!(
            self,
            DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64
        )
    }
    /// `true` for the unsigned integer dtypes.
    pub const fn is_unsigned_integer(self) -> bool {
        matches!(
            self,
            DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64
        )
    }
    /// `true` for signed and unsigned integers.
    pub const fn is_integer(self) -> bool {
        self.is_signed_integer() || self.is_unsigned_integer()
    }
    /// `true` for `Float32` and `Float64`.
    pub const fn is_real_floating(self) -> bool {
        matches!(self, DType::Float32 | DType::Float64)
    }
    /// `true` for `Complex64` and `Complex128`.
    pub const fn is_complex(self) -> bool {
        matches!(self, DType::Complex64 | DType::Complex128)
    }
    /// `true` for real or complex floating dtypes.
    pub const fn is_floating(self) -> bool {
        self.is_real_floating() || self.is_complex()
    }
    /// `true` for integers and floating dtypes (not bool, not string).
    pub const fn is_numeric(self) -> bool {
        self.is_integer() || self.is_floating()
    }

    /// `true` when `self` belongs to `kind`.
    pub fn is_kind(self, kind: DTypeKind) -> bool {
        match kind {
            DTypeKind::Bool => self.is_bool(),
            DTypeKind::SignedInteger => self.is_signed_integer(),
            DTypeKind::UnsignedInteger => self.is_unsigned_integer(),
            DTypeKind::Integral => self.is_integer(),
            DTypeKind::RealFloating => self.is_real_floating(),
            DTypeKind::ComplexFloating => self.is_complex(),
            DTypeKind::Numeric => self.is_numeric(),
            DTypeKind::Exact(d) => self == d,
        }
    }

    /// The real dtype of the same precision: `Complex64 -> Float32`, `Complex128 -> Float64`;
    /// other dtypes map to themselves.
    pub const fn real_dtype(self) -> DType {
        match self {
            DType::Complex64 => DType::Float32,
            DType::Complex128 => DType::Float64,
            d => d,
        }
    }

    /// The complex dtype of the same precision: `Float32 -> Complex64`, `Float64 ->
    /// Complex128`; complex dtypes map to themselves, others to `None`.
    pub const fn complex_dtype(self) -> Option<DType> {
        match self {
            DType::Float32 | DType::Complex64 => Some(DType::Complex64),
            DType::Float64 | DType::Complex128 => Some(DType::Complex128),
            _ => None,
        }
    }
}

/// `isdtype(dtype, kind)`: whether `dtype` is of any of the given kinds.
///
/// ```
/// use array_api::{isdtype, DType, DTypeKind};
/// assert!(isdtype(DType::Int8, &[DTypeKind::Integral]));
/// assert!(isdtype(DType::Float32, &[DTypeKind::Bool, DTypeKind::RealFloating]));
/// assert!(!isdtype(DType::Complex64, &[DTypeKind::RealFloating]));
/// ```
pub fn isdtype(dtype: DType, kinds: &[DTypeKind]) -> bool {
    kinds.iter().any(|&k| dtype.is_kind(k))
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
