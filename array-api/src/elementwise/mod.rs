//! Elementwise functions: the standard's 38 unary and 28 binary functions, `clip` and
//! `where`, with promotion, broadcasting and weak Rust scalars; the operators on arrays.

mod apply;
mod functions;
mod operators;
mod ops;

pub use apply::Operand;
pub use functions::*;
pub use operators::assign_op;
pub use ops::{float_for, Accepts, BinaryOp, UnaryOp};

/// A backend with elementwise kernels (transitional: folded into [`Backend`](crate::Backend)
/// once every backend implements [`ElementwiseOps`](crate::ElementwiseOps)).
pub trait EwBackend: crate::Backend + crate::ElementwiseOps {}
impl<T: crate::Backend + crate::ElementwiseOps> EwBackend for T {}
