//! Calling every elementwise function by its op: one `match` over the named functions
//! (`xp::add`, `xp::sin`, ...), so the suite exercises the public functions themselves.

use array_api::Backend;
use array_api::{self as xp, Array, BinaryOp, Operand, Result, UnaryOp};

/// `op(x)` through the named function (`UnaryOp::Sin` calls `xp::sin`).
pub fn unary<B: Backend>(op: UnaryOp, x: &Array<B>) -> Result<Array<B>> {
    match op {
        UnaryOp::Abs => xp::abs(x),
        UnaryOp::Acos => xp::acos(x),
        UnaryOp::Acosh => xp::acosh(x),
        UnaryOp::Asin => xp::asin(x),
        UnaryOp::Asinh => xp::asinh(x),
        UnaryOp::Atan => xp::atan(x),
        UnaryOp::Atanh => xp::atanh(x),
        UnaryOp::BitwiseInvert => xp::bitwise_invert(x),
        UnaryOp::Ceil => xp::ceil(x),
        UnaryOp::Conj => xp::conj(x),
        UnaryOp::Cos => xp::cos(x),
        UnaryOp::Cosh => xp::cosh(x),
        UnaryOp::Exp => xp::exp(x),
        UnaryOp::Expm1 => xp::expm1(x),
        UnaryOp::Floor => xp::floor(x),
        UnaryOp::Imag => xp::imag(x),
        UnaryOp::IsFinite => xp::isfinite(x),
        UnaryOp::IsInf => xp::isinf(x),
        UnaryOp::IsNan => xp::isnan(x),
        UnaryOp::Log => xp::log(x),
        UnaryOp::Log1p => xp::log1p(x),
        UnaryOp::Log2 => xp::log2(x),
        UnaryOp::Log10 => xp::log10(x),
        UnaryOp::LogicalNot => xp::logical_not(x),
        UnaryOp::Negative => xp::negative(x),
        UnaryOp::Positive => xp::positive(x),
        UnaryOp::Real => xp::real(x),
        UnaryOp::Reciprocal => xp::reciprocal(x),
        UnaryOp::Round => xp::round(x),
        UnaryOp::Sign => xp::sign(x),
        UnaryOp::Signbit => xp::signbit(x),
        UnaryOp::Sin => xp::sin(x),
        UnaryOp::Sinh => xp::sinh(x),
        UnaryOp::Sqrt => xp::sqrt(x),
        UnaryOp::Square => xp::square(x),
        UnaryOp::Tan => xp::tan(x),
        UnaryOp::Tanh => xp::tanh(x),
        UnaryOp::Trunc => xp::trunc(x),
    }
}

/// `op(a, b)` through the named function (`BinaryOp::Add` calls `xp::add`).
pub fn binary<'a, B: Backend>(
    op: BinaryOp,
    a: Operand<'a, B>,
    b: Operand<'a, B>,
) -> Result<Array<B>> {
    match op {
        BinaryOp::Add => xp::add(a, b),
        BinaryOp::Atan2 => xp::atan2(a, b),
        BinaryOp::BitwiseAnd => xp::bitwise_and(a, b),
        BinaryOp::BitwiseLeftShift => xp::bitwise_left_shift(a, b),
        BinaryOp::BitwiseOr => xp::bitwise_or(a, b),
        BinaryOp::BitwiseRightShift => xp::bitwise_right_shift(a, b),
        BinaryOp::BitwiseXor => xp::bitwise_xor(a, b),
        BinaryOp::Copysign => xp::copysign(a, b),
        BinaryOp::Divide => xp::divide(a, b),
        BinaryOp::Equal => xp::equal(a, b),
        BinaryOp::FloorDivide => xp::floor_divide(a, b),
        BinaryOp::Greater => xp::greater(a, b),
        BinaryOp::GreaterEqual => xp::greater_equal(a, b),
        BinaryOp::Hypot => xp::hypot(a, b),
        BinaryOp::Less => xp::less(a, b),
        BinaryOp::LessEqual => xp::less_equal(a, b),
        BinaryOp::Logaddexp => xp::logaddexp(a, b),
        BinaryOp::LogicalAnd => xp::logical_and(a, b),
        BinaryOp::LogicalOr => xp::logical_or(a, b),
        BinaryOp::LogicalXor => xp::logical_xor(a, b),
        BinaryOp::Maximum => xp::maximum(a, b),
        BinaryOp::Minimum => xp::minimum(a, b),
        BinaryOp::Multiply => xp::multiply(a, b),
        BinaryOp::Nextafter => xp::nextafter(a, b),
        BinaryOp::NotEqual => xp::not_equal(a, b),
        BinaryOp::Pow => xp::pow(a, b),
        BinaryOp::Remainder => xp::remainder(a, b),
        BinaryOp::Subtract => xp::subtract(a, b),
    }
}

/// The unary op of the standard's function `name`.
pub fn unary_op(name: &str) -> Option<UnaryOp> {
    UnaryOp::ALL.iter().copied().find(|o| o.name() == name)
}

/// The binary op of the standard's function `name`.
pub fn binary_op(name: &str) -> Option<BinaryOp> {
    BinaryOp::ALL.iter().copied().find(|o| o.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Reference;

    #[test]
    fn every_op_dispatches_to_its_function() {
        let x = xp::asarray(vec![0.5f64, 2.0], None, &Reference).unwrap();
        for &op in UnaryOp::ALL {
            assert_eq!(unary_op(op.name()), Some(op));
            // the named function's errors name the op: a dispatch to the wrong function
            // would report another name
            let b = xp::asarray(vec![true], None, &Reference).unwrap();
            let s = xp::asarray(vec![1.0f32], None, &Reference).unwrap();
            for arr in [&x, &b, &s] {
                if let Err(e) = unary(op, arr) {
                    assert!(format!("{e}").contains(op.name()), "{op:?}: {e}");
                }
            }
        }
        for &op in BinaryOp::ALL {
            assert_eq!(binary_op(op.name()), Some(op));
            let s = xp::asarray(vec![1.0f32], None, &Reference).unwrap();
            if let Err(e) = binary(op, (&s).into(), (&x).into()) {
                assert!(format!("{e}").contains(op.name()), "{op:?}: {e}");
            }
        }
        let r = unary(UnaryOp::Sqrt, &x).unwrap().to_vec::<f64>().unwrap();
        assert_eq!(r, vec![0.5f64.sqrt(), 2f64.sqrt()]);
        let s = binary(BinaryOp::Subtract, (&x).into(), 1.0.into()).unwrap();
        assert_eq!(s.to_vec::<f64>().unwrap(), vec![-0.5, 1.0]);
    }
}
