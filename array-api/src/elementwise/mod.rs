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
