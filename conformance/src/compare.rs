//! Exact comparison of host data: bitwise, except that every NaN equals every NaN.
//!
//! `+0.0` and `-0.0` are different values here: the ops compared exactly (creation, copies,
//! casts, indexing, manipulation) must preserve the sign of zero.

use array_api::{Complex32, Complex64, HostData};

/// An element type compared bit for bit, with all NaNs equal.
pub trait ExactEq {
    /// `true` when `self` and `other` are the same value (NaN == NaN, +0 != -0).
    fn exact_eq(&self, other: &Self) -> bool;
}

macro_rules! exact_eq_plain {
    ($($t:ty),*) => {$(
        impl ExactEq for $t {
            fn exact_eq(&self, other: &Self) -> bool {
                self == other
            }
        }
    )*};
}
exact_eq_plain!(bool, i8, i16, i32, i64, u8, u16, u32, u64);

impl ExactEq for f32 {
    fn exact_eq(&self, other: &Self) -> bool {
        (self.is_nan() && other.is_nan()) || self.to_bits() == other.to_bits()
    }
}

impl ExactEq for f64 {
    fn exact_eq(&self, other: &Self) -> bool {
        (self.is_nan() && other.is_nan()) || self.to_bits() == other.to_bits()
    }
}

impl ExactEq for Complex32 {
    fn exact_eq(&self, other: &Self) -> bool {
        self.re.exact_eq(&other.re) && self.im.exact_eq(&other.im)
    }
}

impl ExactEq for Complex64 {
    fn exact_eq(&self, other: &Self) -> bool {
        self.re.exact_eq(&other.re) && self.im.exact_eq(&other.im)
    }
}

fn first_mismatch<T: ExactEq + std::fmt::Debug>(a: &[T], b: &[T]) -> Result<(), String> {
    if a.len() != b.len() {
        return Err(format!("{} elements vs {} elements", a.len(), b.len()));
    }
    match a.iter().zip(b).position(|(x, y)| !x.exact_eq(y)) {
        None => Ok(()),
        Some(i) => Err(format!("element {i} (C order): {:?} vs {:?}", a[i], b[i])),
    }
}

/// `Ok` when `a` and `b` hold the same dtype and the same values (see [`ExactEq`]); else a
/// description of the first difference.
pub fn exact_match(a: &HostData, b: &HostData) -> Result<(), String> {
    use HostData as H;
    match (a, b) {
        (H::Bool(x), H::Bool(y)) => first_mismatch(x, y),
        (H::Int8(x), H::Int8(y)) => first_mismatch(x, y),
        (H::Int16(x), H::Int16(y)) => first_mismatch(x, y),
        (H::Int32(x), H::Int32(y)) => first_mismatch(x, y),
        (H::Int64(x), H::Int64(y)) => first_mismatch(x, y),
        (H::UInt8(x), H::UInt8(y)) => first_mismatch(x, y),
        (H::UInt16(x), H::UInt16(y)) => first_mismatch(x, y),
        (H::UInt32(x), H::UInt32(y)) => first_mismatch(x, y),
        (H::UInt64(x), H::UInt64(y)) => first_mismatch(x, y),
        (H::Float32(x), H::Float32(y)) => first_mismatch(x, y),
        (H::Float64(x), H::Float64(y)) => first_mismatch(x, y),
        (H::Complex64(x), H::Complex64(y)) => first_mismatch(x, y),
        (H::Complex128(x), H::Complex128(y)) => first_mismatch(x, y),
        _ => Err(format!("dtype {} vs dtype {}", a.dtype(), b.dtype())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_equal_zero_signed() {
        assert!(exact_match(
            &HostData::Float64(vec![f64::NAN]),
            &HostData::Float64(vec![-f64::NAN])
        )
        .is_ok());
        assert!(exact_match(
            &HostData::Float32(vec![0.0]),
            &HostData::Float32(vec![-0.0])
        )
        .is_err());
        assert!(exact_match(&HostData::Int8(vec![1]), &HostData::UInt8(vec![1])).is_err());
        let e = exact_match(&HostData::Int8(vec![1, 2]), &HostData::Int8(vec![1, 3])).unwrap_err();
        assert_eq!(e, "element 1 (C order): 2 vs 3");
        let c = Complex64::new(f64::NAN, -0.0);
        assert!(exact_match(
            &HostData::Complex128(vec![c]),
            &HostData::Complex128(vec![c])
        )
        .is_ok());
    }
}
