//! Integer element functions, with NumPy's results where the standard leaves the value
//! open or NumPy differs from plain machine arithmetic:
//!
//! - `+ - *`, `negative`, `abs`, `square`, `pow` wrap modulo `2^bits` (`abs(MIN) == MIN`);
//! - `floor_divide` and `remainder` round toward negative infinity (Python's signs: the
//!   remainder has the divisor's sign); division by zero gives `0` for both (NumPy's
//!   result, with a warning there); `MIN // -1` wraps to `MIN` and `MIN % -1` is `0`;
//! - shifts: a count outside `0..bits` (too large or negative) gives `0` for `<<` and
//!   for `>>` of a non-negative value, `-1` for `>>` of a negative one (NumPy's
//!   `npy_lshift` / `npy_rshift`);
//! - `pow` with a negative exponent (where NumPy raises "Integers to negative integer
//!   powers are not allowed") gives the integer part of the real result: `1` for base
//!   `1`, `±1` for base `-1` (by the exponent's parity), `0` otherwise (and `0 ** -n` is
//!   `0` too, where the real result would be infinite). This keeps the kernel total;
//!   the choice is documented in the module notes of [`crate::elementwise`].

/// An integer element type with the elementwise operations' semantics.
pub trait Int: Copy + Default + PartialEq + PartialOrd + Send + Sync + 'static {
    /// Width in bits.
    const BITS: u32;
    /// Zero.
    const ZERO: Self;
    /// One.
    const ONE: Self;
    /// `a + b`, wrapping.
    fn add(a: Self, b: Self) -> Self;
    /// `a - b`, wrapping.
    fn sub(a: Self, b: Self) -> Self;
    /// `a * b`, wrapping.
    fn mul(a: Self, b: Self) -> Self;
    /// `-a`, wrapping.
    fn neg(a: Self) -> Self;
    /// `|a|`, wrapping (`abs(MIN) == MIN`).
    fn abs(a: Self) -> Self;
    /// `-1`, `0` or `1`.
    fn sign(a: Self) -> Self;
    /// `floor(a / b)`; `0` when `b == 0`; `MIN // -1 == MIN`.
    fn floor_div(a: Self, b: Self) -> Self;
    /// `a - b * floor(a / b)` (the divisor's sign); `0` when `b == 0`.
    fn rem(a: Self, b: Self) -> Self;
    /// `a << b` (NumPy: `0` for counts outside `0..bits`).
    fn shl(a: Self, b: Self) -> Self;
    /// `a >> b` (arithmetic for signed types; NumPy: `0` or `-1` for counts outside
    /// `0..bits`).
    fn shr(a: Self, b: Self) -> Self;
    /// `a ** b` by repeated squaring, wrapping (see the module notes for `b < 0`).
    fn pow(a: Self, b: Self) -> Self;
    /// `!a`.
    fn not(a: Self) -> Self;
    /// `a & b`.
    fn and(a: Self, b: Self) -> Self;
    /// `a | b`.
    fn or(a: Self, b: Self) -> Self;
    /// `a ^ b`.
    fn xor(a: Self, b: Self) -> Self;
}

macro_rules! common {
    ($t:ty, $u:ty) => {
        const BITS: u32 = <$t>::BITS;
        const ZERO: Self = 0;
        const ONE: Self = 1;
        #[inline(always)]
        fn add(a: Self, b: Self) -> Self {
            a.wrapping_add(b)
        }
        #[inline(always)]
        fn sub(a: Self, b: Self) -> Self {
            a.wrapping_sub(b)
        }
        #[inline(always)]
        fn mul(a: Self, b: Self) -> Self {
            a.wrapping_mul(b)
        }
        #[inline(always)]
        fn neg(a: Self) -> Self {
            a.wrapping_neg()
        }
        #[inline(always)]
        fn not(a: Self) -> Self {
            !a
        }
        #[inline(always)]
        fn and(a: Self, b: Self) -> Self {
            a & b
        }
        #[inline(always)]
        fn or(a: Self, b: Self) -> Self {
            a | b
        }
        #[inline(always)]
        fn xor(a: Self, b: Self) -> Self {
            a ^ b
        }
        #[inline(always)]
        fn shl(a: Self, b: Self) -> Self {
            // A negative signed count reads as a huge unsigned one.
            if (b as $u) < <$t>::BITS as $u {
                a.wrapping_shl(b as u32)
            } else {
                0
            }
        }
        #[inline]
        fn pow(a: Self, b: Self) -> Self {
            #[allow(unused_comparisons)]
            let negative = b < 0;
            if negative {
                return neg_pow(a, b);
            }
            let (mut r, mut base, mut e): (Self, Self, $u) = (1, a, b as $u);
            while e != 0 {
                if e & 1 == 1 {
                    r = r.wrapping_mul(base);
                }
                e >>= 1;
                if e != 0 {
                    base = base.wrapping_mul(base);
                }
            }
            r
        }
    };
}

macro_rules! signed {
    ($($t:ty, $u:ty);*) => {$(
        impl Int for $t {
            common!($t, $u);
            #[inline(always)]
            fn abs(a: Self) -> Self {
                a.wrapping_abs()
            }
            #[inline(always)]
            fn sign(a: Self) -> Self {
                a.signum()
            }
            #[inline(always)]
            fn floor_div(a: Self, b: Self) -> Self {
                if b == 0 {
                    return 0;
                }
                if b == -1 {
                    return a.wrapping_neg();
                }
                let (q, r) = (a / b, a % b);
                if r != 0 && ((r < 0) != (b < 0)) {
                    q - 1
                } else {
                    q
                }
            }
            #[inline(always)]
            fn rem(a: Self, b: Self) -> Self {
                if b == 0 || b == -1 {
                    return 0;
                }
                let r = a % b;
                if r != 0 && ((r < 0) != (b < 0)) {
                    r + b
                } else {
                    r
                }
            }
            #[inline(always)]
            fn shr(a: Self, b: Self) -> Self {
                if (b as $u) < <$t>::BITS as $u {
                    a >> b
                } else if a < 0 {
                    -1
                } else {
                    0
                }
            }
        }
    )*};
}

macro_rules! unsigned {
    ($($t:ty);*) => {$(
        impl Int for $t {
            common!($t, $t);
            #[inline(always)]
            fn abs(a: Self) -> Self {
                a
            }
            #[inline(always)]
            fn sign(a: Self) -> Self {
                (a != 0) as $t
            }
            #[inline(always)]
            fn floor_div(a: Self, b: Self) -> Self {
                if b == 0 {
                    0
                } else {
                    a / b
                }
            }
            #[inline(always)]
            fn rem(a: Self, b: Self) -> Self {
                if b == 0 {
                    0
                } else {
                    a % b
                }
            }
            #[inline(always)]
            fn shr(a: Self, b: Self) -> Self {
                if b < <$t>::BITS as $t {
                    a >> b
                } else {
                    0
                }
            }
        }
    )*};
}

signed!(i8, u8; i16, u16; i32, u32; i64, u64);
unsigned!(u8; u16; u32; u64);

/// `a ** b` for a negative exponent: `1` for base `1`, `±1` for base `-1`, else `0`.
#[cold]
fn neg_pow<T: Int>(a: T, b: T) -> T {
    if a == T::ONE {
        T::ONE
    } else if a == T::neg(T::ONE) {
        // b is odd exactly when b & 1 == 1 (two's complement).
        if T::and(b, T::ONE) == T::ONE {
            a
        } else {
            T::ONE
        }
    } else {
        T::ZERO
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_signs_and_zero() {
        let cases: [(i64, i64, i64, i64); 7] = [
            (5, 3, 1, 2),
            (-5, 3, -2, 1),
            (5, -3, -2, -1),
            (-5, -3, 1, -2),
            (7, 0, 0, 0),
            (i64::MIN, -1, i64::MIN, 0),
            (-6, 3, -2, 0),
        ];
        for (a, b, q, r) in cases {
            assert_eq!(i64::floor_div(a, b), q, "{a} // {b}");
            assert_eq!(i64::rem(a, b), r, "{a} % {b}");
        }
        assert_eq!(u8::floor_div(200, 7), 28);
        assert_eq!(u8::rem(200, 0), 0);
        assert_eq!(i8::floor_div(-128, -1), -128);
    }

    #[test]
    fn shifts_like_numpy() {
        assert_eq!(i8::shl(1, 7), -128);
        assert_eq!(i8::shl(1, 8), 0);
        assert_eq!(i8::shl(-1, -1), 0);
        assert_eq!(i8::shr(-64, 8), -1);
        assert_eq!(i8::shr(64, 9), 0);
        assert_eq!(i8::shr(-1, -1), -1);
        assert_eq!(u8::shl(1, 200), 0);
        assert_eq!(u8::shr(255, 8), 0);
        assert_eq!(i64::shl(1, 63), i64::MIN);
        assert_eq!(i64::shl(1, 64), 0);
    }

    #[test]
    fn powers() {
        assert_eq!(<i64 as Int>::pow(3, 40), 3i64.wrapping_pow(40));
        assert_eq!(<i64 as Int>::pow(7, 63), 7i64.wrapping_pow(63));
        assert_eq!(<i64 as Int>::pow(0, 0), 1);
        assert_eq!(<i64 as Int>::pow(2, -1), 0);
        assert_eq!(<i64 as Int>::pow(1, -5), 1);
        assert_eq!(<i64 as Int>::pow(-1, -3), -1);
        assert_eq!(<i64 as Int>::pow(-1, -4), 1);
        assert_eq!(<u8 as Int>::pow(2, 9), 0);
        assert_eq!(<u64 as Int>::pow(3, u64::MAX), 12297829382473034411); // Python: pow(3, 2**64 - 1, 2**64)
    }
}
