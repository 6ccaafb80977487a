//! Order-preserving radix keys: each sortable element maps to an unsigned integer whose
//! natural order is NumPy's sort order.
//!
//! - unsigned integers and `bool` are their own key;
//! - signed integers flip the sign bit;
//! - floats flip the sign bit of positive values and every bit of negative ones (the
//!   "sign-flip trick"), with two canonicalisations so that the key order is exactly
//!   NumPy's: `-0.0` takes `+0.0`'s key (they compare equal, so a stable sort keeps their
//!   input order), and every NaN takes the largest key (NaNs last, in input order).
//!
//! Float keys are therefore not invertible for `-0.0` and NaN payloads: [`RadixKey::from_key`]
//! gives `+0.0` and the canonical NaN, and the value sort restores the originals (see
//! `radix::restore_specials`).

use crate::reduce::RealKey;
use array_api::Element;

/// An unsigned key type: `u8`, `u16`, `u32` or `u64`.
pub trait KeyBits: Element + Ord + 'static {
    /// The key width in bytes (the number of 8-bit radix digits).
    const BYTES: usize;
    /// The key widened to `u64`.
    fn wide(self) -> u64;
}

macro_rules! key_bits {
    ($($t:ty),*) => {$(
        impl KeyBits for $t {
            const BYTES: usize = std::mem::size_of::<$t>();
            #[inline(always)]
            fn wide(self) -> u64 {
                self as u64
            }
        }
    )*};
}
key_bits!(u8, u16, u32, u64);

/// An element with an order-preserving radix key (see the module docs).
pub trait RadixKey: RealKey + Element + Default {
    /// The key type.
    type K: KeyBits;
    /// Whether the key loses information (`-0.0`, NaN payloads): floats only.
    const LOSSY: bool;
    /// The key of `self`.
    fn key(self) -> Self::K;
    /// The element of a key (`+0.0` for a zero key, the canonical NaN for the NaN key).
    fn from_key(k: Self::K) -> Self;
    /// Whether `self` is a value the key does not restore: `-0.0` or a non-canonical NaN.
    #[inline(always)]
    fn special(self) -> bool {
        false
    }
}

impl RadixKey for bool {
    type K = u8;
    const LOSSY: bool = false;
    #[inline(always)]
    fn key(self) -> u8 {
        self as u8
    }
    #[inline(always)]
    fn from_key(k: u8) -> bool {
        k != 0
    }
}

macro_rules! unsigned_key {
    ($($t:ty),*) => {$(
        impl RadixKey for $t {
            type K = $t;
            const LOSSY: bool = false;
            #[inline(always)]
            fn key(self) -> $t {
                self
            }
            #[inline(always)]
            fn from_key(k: $t) -> $t {
                k
            }
        }
    )*};
}
unsigned_key!(u8, u16, u32, u64);

macro_rules! signed_key {
    ($($t:ty => $u:ty),*) => {$(
        impl RadixKey for $t {
            type K = $u;
            const LOSSY: bool = false;
            #[inline(always)]
            fn key(self) -> $u {
                (self as $u) ^ (1 << (<$u>::BITS - 1))
            }
            #[inline(always)]
            fn from_key(k: $u) -> $t {
                (k ^ (1 << (<$u>::BITS - 1))) as $t
            }
        }
    )*};
}
signed_key!(i8 => u8, i16 => u16, i32 => u32, i64 => u64);

macro_rules! float_key {
    ($($t:ty => $u:ty),*) => {$(
        impl RadixKey for $t {
            type K = $u;
            const LOSSY: bool = true;
            #[inline(always)]
            fn key(self) -> $u {
                const SIGN: $u = 1 << (<$u>::BITS - 1);
                if self.is_nan() {
                    <$u>::MAX
                } else if self == 0.0 {
                    SIGN
                } else {
                    let b = self.to_bits();
                    if b & SIGN != 0 {
                        !b
                    } else {
                        b | SIGN
                    }
                }
            }
            #[inline(always)]
            fn from_key(k: $u) -> $t {
                const SIGN: $u = 1 << (<$u>::BITS - 1);
                if k == <$u>::MAX {
                    <$t>::NAN
                } else if k & SIGN != 0 {
                    <$t>::from_bits(k ^ SIGN)
                } else {
                    <$t>::from_bits(!k)
                }
            }
            #[inline(always)]
            fn special(self) -> bool {
                (self == 0.0 && self.is_sign_negative())
                    || (self.is_nan() && self.to_bits() != <$t>::NAN.to_bits())
            }
        }
    )*};
}
float_key!(f32 => u32, f64 => u64);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sort::nan_last_cmp;
    use std::cmp::Ordering;

    fn check_order<T: RadixKey + std::fmt::Debug>(v: &[T]) {
        for a in v {
            for b in v {
                let want = nan_last_cmp(a, b);
                assert_eq!(a.key().cmp(&b.key()), want, "{a:?} vs {b:?}");
            }
            if !a.special() {
                let back = T::from_key(a.key());
                assert_eq!(nan_last_cmp(&back, a), Ordering::Equal, "{a:?}");
            }
        }
    }

    #[test]
    fn keys_follow_numpy_order() {
        check_order(&[
            f64::NEG_INFINITY,
            -1e300,
            -1.0,
            -5e-324,
            -0.0,
            0.0,
            5e-324,
            1.0,
            f64::INFINITY,
            f64::NAN,
            -f64::NAN,
        ]);
        check_order(&[f32::NEG_INFINITY, -2.5f32, -0.0, 0.0, 1e-45, 3.0, f32::NAN]);
        check_order(&[i8::MIN, -1, 0, 1, i8::MAX]);
        check_order(&[i64::MIN, -7, 0, 9, i64::MAX]);
        check_order(&[0u64, 1, u64::MAX - 1, u64::MAX]);
        check_order(&[false, true]);
        assert!((-0.0f64).special() && (-f64::NAN).special() && !f64::NAN.special());
        assert!(!0.0f32.special() && !1.0f32.special());
    }
}
