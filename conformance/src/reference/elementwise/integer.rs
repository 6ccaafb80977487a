//! Integer elementwise functions, computed exactly in `i128` and wrapped to the dtype's
//! width by the caller (truncation modulo `2^bits`, which commutes with `+ - *`, so the
//! wrapping results are NumPy's).
//!
//! Choices where NumPy raises, warns or the standard is silent:
//!
//! - `floor_divide` and `remainder` by zero give `0` (NumPy returns 0 and warns);
//!   `MIN // -1` wraps to `MIN` (as NumPy);
//! - shifts by a negative count or by at least the width: `<<` gives `0`, `>>` gives `0`,
//!   or `-1` for a negative signed value (NumPy's `npy_lshift` / `npy_rshift`);
//! - `pow` with a negative exponent gives `0`, except `1` for base `1` and `±1` for base
//!   `-1` (NumPy raises `ValueError: Integers to negative integer powers are not allowed`);
//!   otherwise repeated squaring, wrapping.

use super::V;
use array_api::{BinaryOp, DType, UnaryOp};

/// The width and signedness of an integer dtype.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntType {
    /// Number of bits.
    pub bits: u32,
    /// Whether the dtype is signed.
    pub signed: bool,
}

impl IntType {
    /// The integer type of `d`, `None` for non-integer dtypes.
    pub fn of(d: DType) -> Option<IntType> {
        if !d.is_integer() {
            return None;
        }
        Some(IntType {
            bits: 8 * d.itemsize() as u32,
            signed: d.is_signed_integer(),
        })
    }
}

/// `op(x)` on an integer, `None` for float-only ops.
pub fn unary(op: UnaryOp, _t: IntType, x: i128) -> Option<V> {
    use UnaryOp::*;
    Some(match op {
        Abs => V::I(x.wrapping_abs()),
        Negative => V::I(x.wrapping_neg()),
        Positive | Ceil | Floor | Trunc | Round | Conj | Real => V::I(x),
        Imag => V::I(0),
        Square => V::I(x.wrapping_mul(x)),
        Sign => V::I(x.signum()),
        BitwiseInvert => V::I(!x),
        IsFinite => V::B(true),
        IsInf | IsNan => V::B(false),
        _ => return None,
    })
}

/// Python's floor division; 0 for division by zero.
pub fn floor_div(a: i128, b: i128) -> i128 {
    if b == 0 {
        return 0;
    }
    let q = a / b;
    if a % b != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// Python's modulo (the sign of the divisor); 0 for division by zero.
pub fn modulo(a: i128, b: i128) -> i128 {
    if b == 0 {
        return 0;
    }
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

/// `a ** b` by repeated squaring, wrapping; negative exponents as documented above.
pub fn power(a: i128, b: i128) -> i128 {
    if b < 0 {
        return match a {
            1 => 1,
            -1 if b % 2 == 0 => 1,
            -1 => -1,
            _ => 0,
        };
    }
    let (mut result, mut base, mut e) = (1i128, a, b);
    while e > 0 {
        if e & 1 == 1 {
            result = result.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        e >>= 1;
    }
    result
}

/// `a << b` with NumPy's rule for counts outside `0..bits`.
pub fn shift_left(t: IntType, a: i128, b: i128) -> i128 {
    if b < 0 || b >= t.bits as i128 {
        0
    } else {
        a.wrapping_shl(b as u32)
    }
}

/// `a >> b` (arithmetic) with NumPy's rule for counts outside `0..bits`.
pub fn shift_right(t: IntType, a: i128, b: i128) -> i128 {
    if b < 0 || b >= t.bits as i128 {
        if a < 0 {
            -1
        } else {
            0
        }
    } else {
        a >> b
    }
}

/// `op(a, b)` on integers, `None` for float-only ops.
pub fn binary(op: BinaryOp, t: IntType, a: i128, b: i128) -> Option<V> {
    use BinaryOp::*;
    Some(match op {
        Add => V::I(a.wrapping_add(b)),
        Subtract => V::I(a.wrapping_sub(b)),
        Multiply => V::I(a.wrapping_mul(b)),
        FloorDivide => V::I(floor_div(a, b)),
        Remainder => V::I(modulo(a, b)),
        Pow => V::I(power(a, b)),
        Maximum => V::I(a.max(b)),
        Minimum => V::I(a.min(b)),
        BitwiseAnd => V::I(a & b),
        BitwiseOr => V::I(a | b),
        BitwiseXor => V::I(a ^ b),
        BitwiseLeftShift => V::I(shift_left(t, a, b)),
        BitwiseRightShift => V::I(shift_right(t, a, b)),
        Equal => V::B(a == b),
        NotEqual => V::B(a != b),
        Less => V::B(a < b),
        LessEqual => V::B(a <= b),
        Greater => V::B(a > b),
        GreaterEqual => V::B(a >= b),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const I8: IntType = IntType {
        bits: 8,
        signed: true,
    };

    #[test]
    fn python_division_rules() {
        assert_eq!(
            [(7, 2), (-7, 2), (7, -2), (-7, -2), (5, 0)].map(|(a, b)| floor_div(a, b)),
            [3, -4, -4, 3, 0]
        );
        assert_eq!(
            [(7, 2), (-7, 2), (7, -2), (-7, -2), (5, 0)].map(|(a, b)| modulo(a, b)),
            [1, 1, -1, -1, 0]
        );
        // -128 // -1 = 128, which wraps to -128 in int8
        assert_eq!(floor_div(-128, -1) as i8, -128);
    }

    #[test]
    fn shifts_and_powers() {
        assert_eq!(shift_left(I8, 1, 8), 0);
        assert_eq!(shift_left(I8, 1, -1), 0);
        assert_eq!(shift_left(I8, 3, 6) as i8, -64);
        assert_eq!(shift_right(I8, -5, 8), -1);
        assert_eq!(shift_right(I8, 5, -1), 0);
        assert_eq!(shift_right(I8, -128, 3), -16);
        assert_eq!(power(3, 5) as i8, -13);
        assert_eq!(power(2, 7) as i8, -128);
        assert_eq!(power(0, 0), 1);
        assert_eq!(
            [power(2, -1), power(1, -3), power(-1, -3), power(-1, -2)],
            [0, 1, -1, 1]
        );
        // u64 overflow wraps modulo 2^64
        assert_eq!(power(3, 41) as u64, 3u64.wrapping_pow(41));
        let m = u64::MAX as i128;
        assert_eq!(m.wrapping_mul(m) as u64, 1);
    }

    #[test]
    fn unary_wraps() {
        assert_eq!(
            unary(UnaryOp::Abs, I8, -128).map(|v| match v {
                V::I(i) => i as i8,
                _ => 0,
            }),
            Some(-128)
        );
        assert_eq!(unary(UnaryOp::BitwiseInvert, I8, 5), Some(V::I(-6)));
        assert_eq!(unary(UnaryOp::Sign, I8, -7), Some(V::I(-1)));
        assert_eq!(unary(UnaryOp::Sin, I8, 1), None);
    }
}
