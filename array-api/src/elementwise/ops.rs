//! The elementwise op enums shared by the front end and every backend, with each op's dtype
//! rules.

use crate::{DType, Error, Result};

macro_rules! op_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident => $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vm])* $v),* }
        impl $name {
            /// Every op of this kind.
            pub const ALL: &'static [$name] = &[$($name::$v),*];
            /// The standard's function name.
            pub const fn name(self) -> &'static str {
                match self { $($name::$v => $s),* }
            }
        }
    };
}

op_enum! {
    /// A unary elementwise function of the standard (38).
    UnaryOp {
        /// `abs`
        Abs => "abs",
        /// `acos`
        Acos => "acos",
        /// `acosh`
        Acosh => "acosh",
        /// `asin`
        Asin => "asin",
        /// `asinh`
        Asinh => "asinh",
        /// `atan`
        Atan => "atan",
        /// `atanh`
        Atanh => "atanh",
        /// `bitwise_invert`
        BitwiseInvert => "bitwise_invert",
        /// `ceil`
        Ceil => "ceil",
        /// `conj`
        Conj => "conj",
        /// `cos`
        Cos => "cos",
        /// `cosh`
        Cosh => "cosh",
        /// `exp`
        Exp => "exp",
        /// `expm1`
        Expm1 => "expm1",
        /// `floor`
        Floor => "floor",
        /// `imag`
        Imag => "imag",
        /// `isfinite`
        IsFinite => "isfinite",
        /// `isinf`
        IsInf => "isinf",
        /// `isnan`
        IsNan => "isnan",
        /// `log`
        Log => "log",
        /// `log1p`
        Log1p => "log1p",
        /// `log2`
        Log2 => "log2",
        /// `log10`
        Log10 => "log10",
        /// `logical_not`
        LogicalNot => "logical_not",
        /// `negative`
        Negative => "negative",
        /// `positive`
        Positive => "positive",
        /// `real`
        Real => "real",
        /// `reciprocal`
        Reciprocal => "reciprocal",
        /// `round` (half to even)
        Round => "round",
        /// `sign`
        Sign => "sign",
        /// `signbit`
        Signbit => "signbit",
        /// `sin`
        Sin => "sin",
        /// `sinh`
        Sinh => "sinh",
        /// `sqrt`
        Sqrt => "sqrt",
        /// `square`
        Square => "square",
        /// `tan`
        Tan => "tan",
        /// `tanh`
        Tanh => "tanh",
        /// `trunc`
        Trunc => "trunc",
    }
}

op_enum! {
    /// A binary elementwise function of the standard (28).
    BinaryOp {
        /// `add`
        Add => "add",
        /// `atan2`
        Atan2 => "atan2",
        /// `bitwise_and`
        BitwiseAnd => "bitwise_and",
        /// `bitwise_left_shift`
        BitwiseLeftShift => "bitwise_left_shift",
        /// `bitwise_or`
        BitwiseOr => "bitwise_or",
        /// `bitwise_right_shift`
        BitwiseRightShift => "bitwise_right_shift",
        /// `bitwise_xor`
        BitwiseXor => "bitwise_xor",
        /// `copysign`
        Copysign => "copysign",
        /// `divide`
        Divide => "divide",
        /// `equal`
        Equal => "equal",
        /// `floor_divide`
        FloorDivide => "floor_divide",
        /// `greater`
        Greater => "greater",
        /// `greater_equal`
        GreaterEqual => "greater_equal",
        /// `hypot`
        Hypot => "hypot",
        /// `less`
        Less => "less",
        /// `less_equal`
        LessEqual => "less_equal",
        /// `logaddexp`
        Logaddexp => "logaddexp",
        /// `logical_and`
        LogicalAnd => "logical_and",
        /// `logical_or`
        LogicalOr => "logical_or",
        /// `logical_xor`
        LogicalXor => "logical_xor",
        /// `maximum`
        Maximum => "maximum",
        /// `minimum`
        Minimum => "minimum",
        /// `multiply`
        Multiply => "multiply",
        /// `nextafter`
        Nextafter => "nextafter",
        /// `not_equal`
        NotEqual => "not_equal",
        /// `pow`
        Pow => "pow",
        /// `remainder`
        Remainder => "remainder",
        /// `subtract`
        Subtract => "subtract",
    }
}

/// The inputs an op accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accepts {
    /// Any numeric dtype (integers, real and complex floats).
    Numeric,
    /// Numeric or bool.
    NumericOrBool,
    /// Real numeric (integers and real floats).
    RealNumeric,
    /// Floating (real or complex); integers and bool are first converted to float.
    Floating,
    /// Real floating; integers and bool are first converted to float.
    RealFloating,
    /// Integers or bool.
    IntegerOrBool,
    /// Integers only.
    Integer,
    /// Anything numeric or bool, converted to bool first.
    Logical,
}

impl Accepts {
    fn describe(self) -> &'static str {
        match self {
            Accepts::Numeric => "a numeric dtype",
            Accepts::NumericOrBool => "a numeric or boolean dtype",
            Accepts::RealNumeric => "a real-valued numeric dtype",
            Accepts::Floating => "a numeric dtype (integers are converted to floating point)",
            Accepts::RealFloating => {
                "a real-valued numeric dtype (integers are converted to floating point)"
            }
            Accepts::IntegerOrBool => "an integer or boolean dtype",
            Accepts::Integer => "an integer dtype",
            Accepts::Logical => "a numeric or boolean dtype",
        }
    }
}

/// The floating dtype integers and bool convert to for floating-point functions: as NumPy,
/// `float64` for 32- and 64-bit integers and `float32` for narrower ones (NumPy uses
/// `float16` for 8-bit integers and bool, which xp does not have).
pub fn float_for(d: DType) -> DType {
    match d {
        DType::Bool | DType::Int8 | DType::UInt8 | DType::Int16 | DType::UInt16 => DType::Float32,
        DType::Int32 | DType::UInt32 | DType::Int64 | DType::UInt64 => DType::Float64,
        d => d,
    }
}

fn compute_dtype(op: &'static str, accepts: Accepts, d: DType) -> Result<DType> {
    let bad = || Error::InvalidDType {
        op,
        dtype: d,
        expected: accepts.describe(),
    };
    if d == DType::String {
        return Err(bad());
    }
    Ok(match accepts {
        Accepts::Numeric if d.is_numeric() => d,
        Accepts::NumericOrBool => d,
        Accepts::RealNumeric if d.is_integer() || d.is_real_floating() => d,
        Accepts::Floating => float_for(d),
        Accepts::RealFloating if !d.is_complex() => float_for(d),
        Accepts::IntegerOrBool if d.is_integer() || d.is_bool() => d,
        Accepts::Integer if d.is_integer() => d,
        Accepts::Logical => DType::Bool,
        _ => return Err(bad()),
    })
}

impl UnaryOp {
    /// The inputs this op accepts.
    pub fn accepts(self) -> Accepts {
        use UnaryOp::*;
        match self {
            Abs | Negative | Positive | Square | Sign | Conj | Real | Imag => Accepts::Numeric,
            IsFinite | IsInf | IsNan => Accepts::NumericOrBool,
            Ceil | Floor | Trunc => Accepts::RealNumeric,
            Round => Accepts::Numeric,
            BitwiseInvert => Accepts::IntegerOrBool,
            LogicalNot => Accepts::Logical,
            Signbit => Accepts::RealFloating,
            Acos | Acosh | Asin | Asinh | Atan | Atanh | Cos | Cosh | Exp | Expm1 | Log | Log1p
            | Log2 | Log10 | Sin | Sinh | Sqrt | Tan | Tanh | Reciprocal => Accepts::Floating,
        }
    }

    /// `(compute dtype, output dtype)` for an input of dtype `d`: the kernel receives the
    /// input converted to the compute dtype and writes the output dtype.
    pub fn dtypes(self, d: DType) -> Result<(DType, DType)> {
        use UnaryOp::*;
        let c = compute_dtype(self.name(), self.accepts(), d)?;
        let out = match self {
            IsFinite | IsInf | IsNan | Signbit | LogicalNot => DType::Bool,
            Abs | Real | Imag => c.real_dtype(),
            _ => c,
        };
        Ok((c, out))
    }
}

impl BinaryOp {
    /// The inputs this op accepts.
    pub fn accepts(self) -> Accepts {
        use BinaryOp::*;
        match self {
            Add | Multiply => Accepts::NumericOrBool,
            Subtract | Pow => Accepts::Numeric,
            Divide => Accepts::Floating,
            Equal | NotEqual => Accepts::NumericOrBool,
            Greater | GreaterEqual | Less | LessEqual | Maximum | Minimum => Accepts::RealNumeric,
            FloorDivide | Remainder => Accepts::RealNumeric,
            Atan2 | Copysign | Hypot | Logaddexp | Nextafter => Accepts::RealFloating,
            BitwiseAnd | BitwiseOr | BitwiseXor => Accepts::IntegerOrBool,
            BitwiseLeftShift | BitwiseRightShift => Accepts::Integer,
            LogicalAnd | LogicalOr | LogicalXor => Accepts::Logical,
        }
    }

    /// Whether the op returns bool (comparisons and logical ops).
    pub fn returns_bool(self) -> bool {
        use BinaryOp::*;
        matches!(
            self,
            Equal
                | NotEqual
                | Greater
                | GreaterEqual
                | Less
                | LessEqual
                | LogicalAnd
                | LogicalOr
                | LogicalXor
        )
    }

    /// `(compute dtype, output dtype)` for operands already promoted to dtype `d`.
    /// `divide` of integers computes in `float64` (NumPy's true division).
    pub fn dtypes(self, d: DType) -> Result<(DType, DType)> {
        let c = match self {
            BinaryOp::Divide if d.is_integer() || d.is_bool() => DType::Float64,
            _ => compute_dtype(self.name(), self.accepts(), d)?,
        };
        let out = if self.returns_bool() { DType::Bool } else { c };
        Ok((c, out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_the_standard() {
        assert_eq!(UnaryOp::ALL.len(), 38);
        assert_eq!(BinaryOp::ALL.len(), 28);
    }

    #[test]
    fn dtype_rules() {
        use DType::*;
        assert_eq!(
            UnaryOp::Abs.dtypes(Complex64).unwrap(),
            (Complex64, Float32)
        );
        assert_eq!(UnaryOp::Sin.dtypes(Int8).unwrap(), (Float32, Float32));
        assert_eq!(UnaryOp::Sin.dtypes(Int32).unwrap(), (Float64, Float64));
        assert_eq!(UnaryOp::IsNan.dtypes(Float32).unwrap(), (Float32, Bool));
        assert!(UnaryOp::BitwiseInvert.dtypes(Float32).is_err());
        assert!(UnaryOp::Ceil.dtypes(Complex64).is_err());
        assert_eq!(BinaryOp::Divide.dtypes(Int16).unwrap(), (Float64, Float64));
        assert_eq!(BinaryOp::Less.dtypes(UInt8).unwrap(), (UInt8, Bool));
        assert!(BinaryOp::Less.dtypes(Complex128).is_err());
        assert!(BinaryOp::BitwiseLeftShift.dtypes(Bool).is_err());
        assert_eq!(BinaryOp::LogicalAnd.dtypes(Float64).unwrap(), (Bool, Bool));
        assert!(BinaryOp::Subtract.dtypes(Bool).is_err());
    }
}
