//! The named elementwise functions of the standard, and their method forms.

use super::apply::{self, Dest, Operand};
use super::{BinaryOp, UnaryOp};
use crate::Backend;
use crate::{Array, Result};

macro_rules! unary_fns {
    ($($f:ident => $op:ident: $doc:literal),* $(,)?) => {
        $(
            #[doc = concat!("`", stringify!($f), "(x)`: ", $doc)]
            #[doc = ""]
            #[doc = "Dtype rules: see [`UnaryOp::dtypes`]; special cases as the standard lists them."]
            pub fn $f<B: Backend>(x: &Array<B>) -> Result<Array<B>> {
                apply::unary(UnaryOp::$op, x, Dest::New)
            }
        )*
        impl<B: Backend> Array<B> {
            $(
                #[doc = concat!("Method form of [`", stringify!($f), "`].")]
                pub fn $f(&self) -> Result<Array<B>> {
                    $f(self)
                }
            )*
        }
    };
}

unary_fns! {
    abs => Abs: "absolute value (the modulus for complex input, with a real result).",
    acos => Acos: "inverse cosine.",
    acosh => Acosh: "inverse hyperbolic cosine.",
    asin => Asin: "inverse sine.",
    asinh => Asinh: "inverse hyperbolic sine.",
    atan => Atan: "inverse tangent.",
    atanh => Atanh: "inverse hyperbolic tangent.",
    bitwise_invert => BitwiseInvert: "bitwise NOT (logical NOT for bool).",
    ceil => Ceil: "smallest integer-valued number not less than x (identity for integers).",
    conj => Conj: "complex conjugate (identity for real input).",
    cos => Cos: "cosine.",
    cosh => Cosh: "hyperbolic cosine.",
    exp => Exp: "e to the power x.",
    expm1 => Expm1: "exp(x) - 1, accurate near 0.",
    floor => Floor: "largest integer-valued number not greater than x (identity for integers).",
    imag => Imag: "imaginary part (zeros for real input).",
    isfinite => IsFinite: "whether x is finite.",
    isinf => IsInf: "whether x is infinite.",
    isnan => IsNan: "whether x is NaN.",
    log => Log: "natural logarithm.",
    log1p => Log1p: "log(1 + x), accurate near 0.",
    log2 => Log2: "base-2 logarithm.",
    log10 => Log10: "base-10 logarithm.",
    logical_not => LogicalNot: "logical NOT (non-bool input is tested against zero).",
    negative => Negative: "-x (wrapping for integers).",
    positive => Positive: "+x (a copy).",
    real => Real: "real part (x itself for real input).",
    reciprocal => Reciprocal: "1 / x.",
    round => Round: "round to the nearest integer-valued number, halves to even.",
    sign => Sign: "the sign: -1, 0 or 1 (x / |x| for complex).",
    signbit => Signbit: "whether the sign bit is set (true for -0.0 and negative NaN).",
    sin => Sin: "sine.",
    sinh => Sinh: "hyperbolic sine.",
    sqrt => Sqrt: "square root (principal branch for complex).",
    square => Square: "x * x.",
    tan => Tan: "tangent.",
    tanh => Tanh: "hyperbolic tangent.",
    trunc => Trunc: "round toward zero (identity for integers).",
}

macro_rules! binary_fns {
    ($($f:ident => $op:ident: $doc:literal),* $(,)?) => {
        $(
            #[doc = concat!("`", stringify!($f), "(x1, x2)`: ", $doc)]
            #[doc = ""]
            #[doc = "Operands are arrays or Rust scalars (weak in promotion) and broadcast together. Dtype rules: see [`BinaryOp::dtypes`]."]
            pub fn $f<'a, B: Backend>(x1: impl Into<Operand<'a, B>>, x2: impl Into<Operand<'a, B>>) -> Result<Array<B>> {
                apply::binary(BinaryOp::$op, &x1.into(), &x2.into(), Dest::New)
            }
        )*
        impl<B: Backend> Array<B> {
            $(
                #[doc = concat!("Method form of [`", stringify!($f), "`]: `", stringify!($f), "(self, other)`.")]
                pub fn $f<'a>(&'a self, other: impl Into<Operand<'a, B>>) -> Result<Array<B>> {
                    $f(self, other)
                }
            )*
        }
    };
}

binary_fns! {
    add => Add: "x1 + x2 (wrapping for integers; logical OR for bool, as NumPy).",
    atan2 => Atan2: "the angle of the point (x2, x1), quadrant-aware.",
    bitwise_and => BitwiseAnd: "bitwise AND.",
    bitwise_left_shift => BitwiseLeftShift: "x1 << x2; counts past the width give 0 (NumPy's result); negative counts give 0.",
    bitwise_or => BitwiseOr: "bitwise OR.",
    bitwise_right_shift => BitwiseRightShift: "x1 >> x2 (arithmetic for signed); counts past the width give 0 or -1; negative counts give 0 or -1.",
    bitwise_xor => BitwiseXor: "bitwise XOR.",
    copysign => Copysign: "|x1| with the sign of x2.",
    divide => Divide: "true division x1 / x2 (integers give float64).",
    equal => Equal: "x1 == x2.",
    floor_divide => FloorDivide: "floor(x1 / x2) (Python's sign rules; integer division by zero gives 0).",
    greater => Greater: "x1 > x2.",
    greater_equal => GreaterEqual: "x1 >= x2.",
    hypot => Hypot: "sqrt(x1² + x2²) without undue overflow.",
    less => Less: "x1 < x2.",
    less_equal => LessEqual: "x1 <= x2.",
    logaddexp => Logaddexp: "log(exp(x1) + exp(x2)) without undue overflow.",
    logical_and => LogicalAnd: "logical AND.",
    logical_or => LogicalOr: "logical OR.",
    logical_xor => LogicalXor: "logical XOR.",
    maximum => Maximum: "the larger of x1, x2 (NaN propagates).",
    minimum => Minimum: "the smaller of x1, x2 (NaN propagates).",
    multiply => Multiply: "x1 * x2 (wrapping for integers; logical AND for bool).",
    nextafter => Nextafter: "the next representable float after x1 toward x2.",
    not_equal => NotEqual: "x1 != x2.",
    pow => Pow: "x1 to the power x2 (integers: wrapping; a negative exponent gives 0 unless |x1| is 1).",
    remainder => Remainder: "x1 - floor_divide(x1, x2) * x2, with the sign of x2 (integer modulo zero gives 0).",
    subtract => Subtract: "x1 - x2 (wrapping for integers).",
}

/// `clip(x, min, max)`: `x` limited to `[min, max]`; either bound may be `None`, a Rust
/// scalar or an array (broadcast). The result keeps `x`'s dtype. NaN in `x` or a bound
/// gives NaN.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([-2.0, 0.5, 3.0], None, &Cpu)?;
/// let c = xp::clip(&x, Some(0.0.into()), Some(1.0.into()))?;
/// assert_eq!(c.to_vec::<f64>()?, vec![0.0, 0.5, 1.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn clip<'a, B: Backend>(
    x: &'a Array<B>,
    min: Option<Operand<'a, B>>,
    max: Option<Operand<'a, B>>,
) -> Result<Array<B>> {
    apply::clip(x, min.as_ref(), max.as_ref(), Dest::New)
}

/// `where(condition, x1, x2)`: elements of `x1` where `condition` is true, else of `x2`
/// (operands broadcast together; scalars allowed, weak in promotion).
///
/// ```
/// use xp::prelude::*;
/// let c = xp::asarray([true, false, true], None, &Cpu)?;
/// let x = xp::asarray([1.0f32, 2.0, 3.0], None, &Cpu)?;
/// let w = xp::where_(&c, &x, 0.0)?;
/// assert_eq!(w.to_vec::<f32>()?, vec![1.0, 0.0, 3.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn where_<'a, B: Backend>(
    condition: &'a Array<B>,
    x1: impl Into<Operand<'a, B>>,
    x2: impl Into<Operand<'a, B>>,
) -> Result<Array<B>> {
    apply::select(condition, &x1.into(), &x2.into())
}

/// Writes `op(x)` into `out`, which must have the result's shape and dtype (no allocation).
pub fn unary_into<B: Backend>(op: UnaryOp, x: &Array<B>, out: &mut Array<B>) -> Result<()> {
    apply::unary(op, x, Dest::Into(out)).map(drop)
}

/// Writes `op(x1, x2)` into `out`, which must have the result's shape and dtype (no
/// allocation beyond converting operands of other dtypes).
///
/// ```
/// use xp::prelude::*;
/// let a = xp::asarray([1.0, 2.0], None, &Cpu)?;
/// let mut out = xp::zeros([2], DType::Float64, &Cpu)?;
/// xp::binary_into(xp::BinaryOp::Add, &a, 10.0, &mut out)?;
/// assert_eq!(out.to_vec::<f64>()?, vec![11.0, 12.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn binary_into<'a, B: Backend>(
    op: BinaryOp,
    x1: impl Into<Operand<'a, B>>,
    x2: impl Into<Operand<'a, B>>,
    out: &mut Array<B>,
) -> Result<()> {
    apply::binary(op, &x1.into(), &x2.into(), Dest::Into(out)).map(drop)
}

/// `out = x1 + x2` without allocating (see [`binary_into`]).
pub fn add_into<'a, B: Backend>(
    x1: impl Into<Operand<'a, B>>,
    x2: impl Into<Operand<'a, B>>,
    out: &mut Array<B>,
) -> Result<()> {
    binary_into(BinaryOp::Add, x1, x2, out)
}

/// `out = x1 - x2` without allocating (see [`binary_into`]).
pub fn subtract_into<'a, B: Backend>(
    x1: impl Into<Operand<'a, B>>,
    x2: impl Into<Operand<'a, B>>,
    out: &mut Array<B>,
) -> Result<()> {
    binary_into(BinaryOp::Subtract, x1, x2, out)
}

/// `out = x1 * x2` without allocating (see [`binary_into`]).
pub fn multiply_into<'a, B: Backend>(
    x1: impl Into<Operand<'a, B>>,
    x2: impl Into<Operand<'a, B>>,
    out: &mut Array<B>,
) -> Result<()> {
    binary_into(BinaryOp::Multiply, x1, x2, out)
}

/// `out = x1 / x2` without allocating (see [`binary_into`]).
pub fn divide_into<'a, B: Backend>(
    x1: impl Into<Operand<'a, B>>,
    x2: impl Into<Operand<'a, B>>,
    out: &mut Array<B>,
) -> Result<()> {
    binary_into(BinaryOp::Divide, x1, x2, out)
}
