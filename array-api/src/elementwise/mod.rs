//! Elementwise functions: the standard's 38 unary and 28 binary functions, `clip` and
//! `where`, with promotion, broadcasting and weak Rust scalars.

mod ops;

pub use ops::{float_for, Accepts, BinaryOp, UnaryOp};
