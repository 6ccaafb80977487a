//! Integer and boolean elementwise kernels through `ElementwiseOps`: hand-checked values
//! (wrapping arithmetic, Python-sign division, NumPy shift counts, powers, comparisons).

use crate::common;

use array_api::{BinaryOp as B, UnaryOp as U};
use common::ew::*;

// ----------------------------------------------------------------------------- integers

#[test]
fn integer_arithmetic_wraps() {
    assert_eq!(
        bin::<i8, i8>(B::Add, &[127, -128, 5], &[1, -1, -7]),
        vec![-128, 127, -2]
    );
    assert_eq!(bin::<u8, u8>(B::Subtract, &[0, 10], &[1, 3]), vec![255, 7]);
    assert_eq!(
        bin::<i16, i16>(B::Multiply, &[300, -2], &[300, 16384]),
        vec![300i16.wrapping_mul(300), i16::MIN]
    );
    assert_eq!(un::<i8, i8>(U::Negative, &[-128, 5]), vec![-128, -5]);
    assert_eq!(un::<u8, u8>(U::Negative, &[1, 0]), vec![255, 0]);
    assert_eq!(
        un::<i32, i32>(U::Abs, &[i32::MIN, -7, 7]),
        vec![i32::MIN, 7, 7]
    );
    assert_eq!(un::<u8, u8>(U::Square, &[200, 15]), vec![64, 225]);
    assert_eq!(un::<i64, i64>(U::Sign, &[-9, 0, 3]), vec![-1, 0, 1]);
    assert_eq!(un::<u16, u16>(U::Sign, &[0, 9]), vec![0, 1]);
    assert_eq!(
        un::<i32, i32>(U::BitwiseInvert, &[0, -1, 5]),
        vec![-1, 0, -6]
    );
    for op in [
        U::Ceil,
        U::Floor,
        U::Trunc,
        U::Round,
        U::Positive,
        U::Conj,
        U::Real,
    ] {
        assert_eq!(un::<i64, i64>(op, &[-3, 4]), vec![-3, 4], "{op:?}");
    }
    assert_eq!(un::<i64, i64>(U::Imag, &[-3, 4]), vec![0, 0]);
    assert_eq!(un::<u8, bool>(U::IsFinite, &[1]), vec![true]);
    assert_eq!(un::<u8, bool>(U::IsNan, &[1]), vec![false]);
    assert_eq!(un::<i64, bool>(U::IsInf, &[i64::MAX]), vec![false]);
}

#[test]
fn integer_division_follows_python_signs() {
    let a = [5i64, -5, 5, -5, 0, 7, i64::MIN, i64::MIN, -6];
    let b = [3i64, 3, -3, -3, 0, 0, -1, 1, 3];
    assert_eq!(
        bin::<i64, i64>(B::FloorDivide, &a, &b),
        vec![1, -2, -2, 1, 0, 0, i64::MIN, i64::MIN, -2]
    );
    assert_eq!(
        bin::<i64, i64>(B::Remainder, &a, &b),
        vec![2, 1, -1, -2, 0, 0, 0, 0, 0]
    );
    assert_eq!(
        bin::<i8, i8>(B::FloorDivide, &[-128, -7], &[-1, 2]),
        vec![-128, -4]
    );
    assert_eq!(
        bin::<u32, u32>(B::FloorDivide, &[7, 7], &[2, 0]),
        vec![3, 0]
    );
    assert_eq!(bin::<u32, u32>(B::Remainder, &[7, 7], &[2, 0]), vec![1, 0]);
}

#[test]
fn shifts_follow_numpy() {
    assert_eq!(
        bin::<i8, i8>(B::BitwiseLeftShift, &[1, 1, 1, -1], &[7, 8, 9, -1]),
        vec![-128, 0, 0, 0]
    );
    assert_eq!(
        bin::<i8, i8>(B::BitwiseRightShift, &[64, -64, -1, 64], &[7, 8, 9, -1]),
        vec![0, -1, -1, 0]
    );
    assert_eq!(
        bin::<u8, u8>(B::BitwiseLeftShift, &[1, 1, 3], &[8, 200, 2]),
        vec![0, 0, 12]
    );
    assert_eq!(
        bin::<u8, u8>(B::BitwiseRightShift, &[255, 255, 255], &[8, 200, 4]),
        vec![0, 0, 15]
    );
    assert_eq!(
        bin::<i64, i64>(B::BitwiseLeftShift, &[1, 1], &[63, 64]),
        vec![i64::MIN, 0]
    );
    assert_eq!(
        bin::<u64, u64>(B::BitwiseRightShift, &[u64::MAX], &[63]),
        vec![1]
    );
}

#[test]
fn integer_powers() {
    // NumPy: 3**40 and (-3)**41 wrap; 0**0 == 1
    assert_eq!(
        bin::<i64, i64>(B::Pow, &[2, 1, 0, 3, -3, 7], &[0, 5, 0, 40, 41, 63]),
        vec![
            1,
            1,
            1,
            -6289078614652622815,
            420491770248316829,
            2898552624600762295
        ]
    );
    // negative exponents (NumPy raises): 1 for base 1, ±1 for base -1, else 0
    assert_eq!(
        bin::<i32, i32>(B::Pow, &[2, 1, -1, -1, 0], &[-1, -5, -3, -4, -2]),
        vec![0, 1, -1, 1, 0]
    );
    assert_eq!(bin::<u8, u8>(B::Pow, &[2, 3], &[9, 5]), vec![0, 243]);
}

#[test]
fn integer_comparisons_bitwise_and_extrema() {
    let (a, b) = ([-1i16, 0, 5], [0i16, 0, -5]);
    assert_eq!(bin::<i16, bool>(B::Less, &a, &b), vec![true, false, false]);
    assert_eq!(
        bin::<i16, bool>(B::LessEqual, &a, &b),
        vec![true, true, false]
    );
    assert_eq!(
        bin::<i16, bool>(B::Greater, &a, &b),
        vec![false, false, true]
    );
    assert_eq!(
        bin::<i16, bool>(B::GreaterEqual, &a, &b),
        vec![false, true, true]
    );
    assert_eq!(bin::<i16, bool>(B::Equal, &a, &b), vec![false, true, false]);
    assert_eq!(
        bin::<i16, bool>(B::NotEqual, &a, &b),
        vec![true, false, true]
    );
    assert_eq!(bin::<u64, bool>(B::Less, &[u64::MAX], &[1]), vec![false]);
    assert_eq!(bin::<i16, i16>(B::Maximum, &a, &b), vec![0, 0, 5]);
    assert_eq!(bin::<i16, i16>(B::Minimum, &a, &b), vec![-1, 0, -5]);
    assert_eq!(
        bin::<u8, u8>(B::BitwiseAnd, &[0b1100], &[0b1010]),
        vec![0b1000]
    );
    assert_eq!(
        bin::<u8, u8>(B::BitwiseOr, &[0b1100], &[0b1010]),
        vec![0b1110]
    );
    assert_eq!(
        bin::<i8, i8>(B::BitwiseXor, &[-1], &[0b1010]),
        vec![!0b1010]
    );
}

#[test]
fn booleans() {
    let (a, b) = ([true, true, false, false], [true, false, true, false]);
    assert_eq!(
        bin::<bool, bool>(B::Add, &a, &b),
        vec![true, true, true, false]
    );
    assert_eq!(
        bin::<bool, bool>(B::Multiply, &a, &b),
        vec![true, false, false, false]
    );
    assert_eq!(
        bin::<bool, bool>(B::LogicalXor, &a, &b),
        vec![false, true, true, false]
    );
    assert_eq!(
        bin::<bool, bool>(B::BitwiseAnd, &a, &b),
        vec![true, false, false, false]
    );
    assert_eq!(
        bin::<bool, bool>(B::LogicalOr, &a, &b),
        vec![true, true, true, false]
    );
    assert_eq!(
        bin::<bool, bool>(B::Equal, &a, &b),
        vec![true, false, false, true]
    );
    assert_eq!(
        bin::<bool, bool>(B::NotEqual, &a, &b),
        vec![false, true, true, false]
    );
    assert_eq!(
        un::<bool, bool>(U::LogicalNot, &a),
        vec![false, false, true, true]
    );
    assert_eq!(
        un::<bool, bool>(U::BitwiseInvert, &b),
        vec![false, true, false, true]
    );
    assert_eq!(un::<bool, bool>(U::IsFinite, &b), vec![true; 4]);
    assert_eq!(un::<bool, bool>(U::IsNan, &b), vec![false; 4]);
}
