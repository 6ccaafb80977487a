//! Operators on arrays: `+ - * / % & | ^ << >>`, unary `-` and `!`, and the compound
//! assignments. Operands are `Array`, `&Array` and Rust scalars on either side (weak in
//! promotion: `&x_f32 * 2.0` stays `float32`).
//!
//! Operators **panic** on error (mismatched shapes, disallowed dtypes, different devices),
//! with the same message as the named function, which is the fallible twin: `&a + &b` is
//! [`add`](crate::add)`(&a, &b)`, `&a % &b` is [`remainder`](crate::remainder), `!&a` is
//! [`bitwise_invert`](crate::bitwise_invert), `-&a` is [`negative`](crate::negative).
//!
//! Compound assignment (`a += &b`) keeps `a`'s dtype. It writes in place, without
//! allocating, when the result already has `a`'s dtype and shape and `a`'s storage is not
//! shared; otherwise it computes the result and converts it to `a`'s dtype, which must be
//! of the same or a lower kind (bool < integer < float < complex; NumPy's `same_kind`).

use super::apply::{self, Dest, Operand};
use super::{BinaryOp, UnaryOp};
use crate::Backend;
use crate::{Array, Complex32, Complex64, DType, Error, Result};
use std::ops;

#[track_caller]
fn ok<T>(r: Result<T>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    }
}

fn kind(d: DType) -> u8 {
    if d.is_bool() {
        0
    } else if d.is_integer() {
        1
    } else if d.is_real_floating() {
        2
    } else {
        3
    }
}

/// `a = op(a, b)` keeping `a`'s dtype (the compound assignment operators' fallible form).
///
/// ```
/// use xp::prelude::*;
/// let mut a = xp::asarray([1.0f32, 2.0], None, &Cpu)?;
/// xp::assign_op(xp::BinaryOp::Multiply, &mut a, 3.0)?;
/// assert_eq!(a.to_vec::<f32>()?, vec![3.0, 6.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn assign_op<'a, B: Backend>(
    op: BinaryOp,
    a: &mut Array<B>,
    b: impl Into<Operand<'a, B>>,
) -> Result<()> {
    let name = op.name();
    let b = b.into();
    let p = {
        let lhs = Operand::Array(&*a);
        apply::promote(&[&lhs, &b], name)?
    };
    let (c, od) = op.dtypes(p)?;
    let shape_ok = match &b {
        Operand::Array(x) => {
            crate::broadcast_shapes(&[a.shape(), x.shape()]).is_ok_and(|s| s == a.shape())
        }
        Operand::Scalar(_) => true,
    };
    if !shape_ok {
        let bs = match &b {
            Operand::Array(x) => x.shape().to_vec(),
            Operand::Scalar(_) => vec![],
        };
        return Err(Error::ShapeMismatch {
            op: name,
            shapes: vec![a.shape().to_vec(), bs],
            reason: "cannot be used in an in-place operation: the result would not have the left operand's shape".into(),
        });
    }
    if c == a.dtype && od == a.dtype && a.layout.is_writable() {
        let bc = match &b {
            Operand::Array(x) if x.dtype == c => (*x).clone(),
            Operand::Array(x) => crate::astype(x, c)?,
            Operand::Scalar(s) => crate::full([], *s, Some(c), &a.backend)?,
        };
        crate::array::same_device(a, &bc, name)?;
        let bl = bc.layout.broadcast_to(a.shape(), name)?;
        let al = a.layout.clone();
        let backend = a.backend.clone();
        return backend.binary_assign(op, &mut a.storage, &al, &bc.storage, &bl, c);
    }
    if kind(od) > kind(a.dtype) {
        return Err(Error::invalid(
            name,
            format!(
                "cannot cast the result of dtype {od} to the left operand's dtype {} in place",
                a.dtype
            ),
        ));
    }
    let r = apply::binary(op, &Operand::Array(&*a), &b, Dest::New)?;
    *a = crate::astype(&r, a.dtype)?;
    Ok(())
}

macro_rules! binary_operator {
    ($Tr:ident, $m:ident, $TrA:ident, $ma:ident, $op:ident) => {
        impl<B: Backend> ops::$Tr<&Array<B>> for &Array<B> {
            type Output = Array<B>;
            #[track_caller]
            fn $m(self, rhs: &Array<B>) -> Array<B> {
                ok(apply::binary(BinaryOp::$op, &self.into(), &rhs.into(), Dest::New))
            }
        }
        impl<B: Backend> ops::$Tr<Array<B>> for Array<B> {
            type Output = Array<B>;
            #[track_caller]
            fn $m(self, rhs: Array<B>) -> Array<B> {
                ops::$Tr::$m(&self, &rhs)
            }
        }
        impl<B: Backend> ops::$Tr<&Array<B>> for Array<B> {
            type Output = Array<B>;
            #[track_caller]
            fn $m(self, rhs: &Array<B>) -> Array<B> {
                ops::$Tr::$m(&self, rhs)
            }
        }
        impl<B: Backend> ops::$Tr<Array<B>> for &Array<B> {
            type Output = Array<B>;
            #[track_caller]
            fn $m(self, rhs: Array<B>) -> Array<B> {
                ops::$Tr::$m(self, &rhs)
            }
        }
        impl<B: Backend> ops::$TrA<&Array<B>> for Array<B> {
            #[track_caller]
            fn $ma(&mut self, rhs: &Array<B>) {
                ok(assign_op(BinaryOp::$op, self, rhs))
            }
        }
        impl<B: Backend> ops::$TrA<Array<B>> for Array<B> {
            #[track_caller]
            fn $ma(&mut self, rhs: Array<B>) {
                ok(assign_op(BinaryOp::$op, self, &rhs))
            }
        }
        binary_operator!(@scalars $Tr, $m, $TrA, $ma, $op; bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, Complex32, Complex64);
    };
    (@scalars $Tr:ident, $m:ident, $TrA:ident, $ma:ident, $op:ident; $($t:ty),*) => {$(
        impl<B: Backend> ops::$Tr<$t> for &Array<B> {
            type Output = Array<B>;
            #[track_caller]
            fn $m(self, rhs: $t) -> Array<B> {
                ok(apply::binary(BinaryOp::$op, &self.into(), &rhs.into(), Dest::New))
            }
        }
        impl<B: Backend> ops::$Tr<$t> for Array<B> {
            type Output = Array<B>;
            #[track_caller]
            fn $m(self, rhs: $t) -> Array<B> {
                ops::$Tr::$m(&self, rhs)
            }
        }
        impl<B: Backend> ops::$Tr<&Array<B>> for $t {
            type Output = Array<B>;
            #[track_caller]
            fn $m(self, rhs: &Array<B>) -> Array<B> {
                ok(apply::binary(BinaryOp::$op, &self.into(), &rhs.into(), Dest::New))
            }
        }
        impl<B: Backend> ops::$Tr<Array<B>> for $t {
            type Output = Array<B>;
            #[track_caller]
            fn $m(self, rhs: Array<B>) -> Array<B> {
                ops::$Tr::$m(self, &rhs)
            }
        }
        impl<B: Backend> ops::$TrA<$t> for Array<B> {
            #[track_caller]
            fn $ma(&mut self, rhs: $t) {
                ok(assign_op(BinaryOp::$op, self, rhs))
            }
        }
    )*};
}

binary_operator!(Add, add, AddAssign, add_assign, Add);
binary_operator!(Sub, sub, SubAssign, sub_assign, Subtract);
binary_operator!(Mul, mul, MulAssign, mul_assign, Multiply);
binary_operator!(Div, div, DivAssign, div_assign, Divide);
binary_operator!(Rem, rem, RemAssign, rem_assign, Remainder);
binary_operator!(BitAnd, bitand, BitAndAssign, bitand_assign, BitwiseAnd);
binary_operator!(BitOr, bitor, BitOrAssign, bitor_assign, BitwiseOr);
binary_operator!(BitXor, bitxor, BitXorAssign, bitxor_assign, BitwiseXor);
binary_operator!(Shl, shl, ShlAssign, shl_assign, BitwiseLeftShift);
binary_operator!(Shr, shr, ShrAssign, shr_assign, BitwiseRightShift);

impl<B: Backend> ops::Neg for &Array<B> {
    type Output = Array<B>;
    #[track_caller]
    fn neg(self) -> Array<B> {
        ok(apply::unary(UnaryOp::Negative, self, Dest::New))
    }
}
impl<B: Backend> ops::Neg for Array<B> {
    type Output = Array<B>;
    #[track_caller]
    fn neg(self) -> Array<B> {
        -&self
    }
}
impl<B: Backend> ops::Not for &Array<B> {
    type Output = Array<B>;
    #[track_caller]
    fn not(self) -> Array<B> {
        ok(apply::unary(UnaryOp::BitwiseInvert, self, Dest::New))
    }
}
impl<B: Backend> ops::Not for Array<B> {
    type Output = Array<B>;
    #[track_caller]
    fn not(self) -> Array<B> {
        !&self
    }
}
