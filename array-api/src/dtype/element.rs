//! Rust element types and their dtypes.

use super::{DType, HostData, Scalar};

/// Complex number of two `f32`: the element of [`DType::Complex64`].
pub type Complex32 = num_complex::Complex<f32>;
/// Complex number of two `f64`: the element of [`DType::Complex128`].
pub type Complex64 = num_complex::Complex<f64>;

/// A Rust type that is the element of one [`DType`].
///
/// Implemented for `bool`, `i8`..`i64`, `u8`..`u64`, `f32`, `f64`, [`Complex32`] and
/// [`Complex64`].
pub trait Element: Copy + Send + Sync + PartialEq + std::fmt::Debug + Default + 'static {
    /// The dtype whose elements are `Self`.
    const DTYPE: DType;
    /// Wraps a vector as host data.
    fn into_host(v: Vec<Self>) -> HostData;
    /// Borrows host data as a slice of `Self`, if it holds `Self`.
    fn slice(h: &HostData) -> Option<&[Self]>;
    /// Mutably borrows host data as a slice of `Self`, if it holds `Self`.
    fn slice_mut(h: &mut HostData) -> Option<&mut [Self]>;
    /// Takes the vector out of host data, if it holds `Self`.
    fn from_host(h: HostData) -> Option<Vec<Self>>;
    /// This value as a scalar (lossless).
    fn to_scalar(self) -> Scalar;
    /// A scalar converted to `Self` with [`astype`](crate::astype)'s casting rules
    /// (wrapping integers, saturating float-to-int with NaN to 0, real part of complex).
    fn from_scalar(s: Scalar) -> Self;
}

macro_rules! int_element {
    ($t:ty, $d:ident) => {
        impl Element for $t {
            const DTYPE: DType = DType::$d;
            fn into_host(v: Vec<Self>) -> HostData {
                HostData::$d(v)
            }
            fn slice(h: &HostData) -> Option<&[Self]> {
                match h {
                    HostData::$d(v) => Some(v),
                    _ => None,
                }
            }
            fn slice_mut(h: &mut HostData) -> Option<&mut [Self]> {
                match h {
                    HostData::$d(v) => Some(v),
                    _ => None,
                }
            }
            fn from_host(h: HostData) -> Option<Vec<Self>> {
                match h {
                    HostData::$d(v) => Some(v),
                    _ => None,
                }
            }
            fn to_scalar(self) -> Scalar {
                Scalar::Int(self as i128)
            }
            fn from_scalar(s: Scalar) -> Self {
                match s {
                    Scalar::Bool(b) => b as $t,
                    Scalar::Int(i) => i as $t,
                    Scalar::Float(f) => f as $t,
                    Scalar::Complex(c) => c.re as $t,
                }
            }
        }
    };
}
int_element!(i8, Int8);
int_element!(i16, Int16);
int_element!(i32, Int32);
int_element!(i64, Int64);
int_element!(u8, UInt8);
int_element!(u16, UInt16);
int_element!(u32, UInt32);
int_element!(u64, UInt64);

macro_rules! common_host {
    ($d:ident) => {
        fn into_host(v: Vec<Self>) -> HostData {
            HostData::$d(v)
        }
        fn slice(h: &HostData) -> Option<&[Self]> {
            match h {
                HostData::$d(v) => Some(v),
                _ => None,
            }
        }
        fn slice_mut(h: &mut HostData) -> Option<&mut [Self]> {
            match h {
                HostData::$d(v) => Some(v),
                _ => None,
            }
        }
        fn from_host(h: HostData) -> Option<Vec<Self>> {
            match h {
                HostData::$d(v) => Some(v),
                _ => None,
            }
        }
    };
}

impl Element for bool {
    const DTYPE: DType = DType::Bool;
    common_host!(Bool);
    fn to_scalar(self) -> Scalar {
        Scalar::Bool(self)
    }
    fn from_scalar(s: Scalar) -> Self {
        match s {
            Scalar::Bool(b) => b,
            Scalar::Int(i) => i != 0,
            Scalar::Float(f) => f != 0.0,
            Scalar::Complex(c) => c.re != 0.0 || c.im != 0.0,
        }
    }
}

impl Element for f32 {
    const DTYPE: DType = DType::Float32;
    common_host!(Float32);
    fn to_scalar(self) -> Scalar {
        Scalar::Float(self as f64)
    }
    fn from_scalar(s: Scalar) -> Self {
        match s {
            Scalar::Bool(b) => b as u8 as f32,
            Scalar::Int(i) => i as f32,
            Scalar::Float(f) => f as f32,
            Scalar::Complex(c) => c.re as f32,
        }
    }
}

impl Element for f64 {
    const DTYPE: DType = DType::Float64;
    common_host!(Float64);
    fn to_scalar(self) -> Scalar {
        Scalar::Float(self)
    }
    fn from_scalar(s: Scalar) -> Self {
        match s {
            Scalar::Bool(b) => b as u8 as f64,
            Scalar::Int(i) => i as f64,
            Scalar::Float(f) => f,
            Scalar::Complex(c) => c.re,
        }
    }
}

impl Element for Complex32 {
    const DTYPE: DType = DType::Complex64;
    common_host!(Complex64);
    fn to_scalar(self) -> Scalar {
        Scalar::Complex(Complex64::new(self.re as f64, self.im as f64))
    }
    fn from_scalar(s: Scalar) -> Self {
        let c = s.to_complex();
        Complex32::new(c.re as f32, c.im as f32)
    }
}

impl Element for Complex64 {
    const DTYPE: DType = DType::Complex128;
    common_host!(Complex128);
    fn to_scalar(self) -> Scalar {
        Scalar::Complex(self)
    }
    fn from_scalar(s: Scalar) -> Self {
        s.to_complex()
    }
}
