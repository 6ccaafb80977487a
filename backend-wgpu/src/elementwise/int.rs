//! Integer and boolean elementwise ops: the WGSL bodies, with NumPy's semantics as the
//! reference defines them: wrapping arithmetic, floor division and remainder with
//! Python's signs (0 for a zero divisor, `MIN // -1 == MIN`), shifts by counts outside
//! `0..bits` giving 0 (or -1 for `>>` of a negative value), and integer powers by
//! repeated squaring (a negative exponent gives the integer part of the real result: 1
//! for base 1, ±1 for base -1, else 0).
//!
//! Narrow integers live sign- or zero-extended in 32-bit registers; results are wrapped
//! to the element width when stored.

use super::libm::Prec;
use super::Body;
use crate::wgsl::value_ty;
use array_api::{BinaryOp, DType, UnaryOp};

/// The body of unary `op` on integer or bool dtype `d`.
pub(super) fn unary(op: UnaryOp, d: DType) -> Option<Body> {
    use UnaryOp::*;
    let t = value_ty(d);
    let e = if d == DType::Bool {
        match op {
            BitwiseInvert | LogicalNot => "!x0".to_string(),
            IsFinite => "true".into(),
            IsInf | IsNan => "false".into(),
            _ => return None,
        }
    } else {
        let signed = d.is_signed_integer();
        match op {
            Abs if signed => format!("select(x0, -x0, x0 < {t}(0))"),
            Negative => format!("{t}(0) - x0"),
            Abs | Positive | Ceil | Floor | Trunc | Round | Conj | Real => "x0".into(),
            Imag => format!("{t}(0)"),
            Square => "x0 * x0".into(),
            Sign if signed => {
                format!("select(select({t}(0), {t}(-1), x0 < {t}(0)), {t}(1), x0 > {t}(0))")
            }
            Sign => format!("select({t}(0), {t}(1), x0 != {t}(0))"),
            BitwiseInvert => "~x0".into(),
            IsFinite => "true".into(),
            IsInf | IsNan => "false".into(),
            _ => return None,
        }
    };
    Some(Body::new(format!("  return {e};"), Prec::F32, &[]))
}

/// The body of binary `op` on integer or bool dtype `d`.
pub(super) fn binary(op: BinaryOp, d: DType) -> Option<Body> {
    use BinaryOp::*;
    if d == DType::Bool {
        let e = match op {
            Add | BitwiseOr | LogicalOr => "x0 || x1",
            Multiply | BitwiseAnd | LogicalAnd => "x0 && x1",
            BitwiseXor | LogicalXor | NotEqual => "x0 != x1",
            Equal => "x0 == x1",
            _ => return None,
        };
        return Some(Body::new(format!("  return {e};"), Prec::F32, &[]));
    }
    let t = value_ty(d);
    let signed = d.is_signed_integer();
    let bits = 8 * d.itemsize();
    // the unsigned type of the register width, for shift counts and powers
    let u = if bits == 64 { "u64" } else { "u32" };
    let code = match op {
        Add => "  return x0 + x1;".to_string(),
        Subtract => "  return x0 - x1;".into(),
        Multiply => "  return x0 * x1;".into(),
        BitwiseAnd => "  return x0 & x1;".into(),
        BitwiseOr => "  return x0 | x1;".into(),
        BitwiseXor => "  return x0 ^ x1;".into(),
        Equal => "  return x0 == x1;".into(),
        NotEqual => "  return x0 != x1;".into(),
        Less => "  return x0 < x1;".into(),
        LessEqual => "  return x0 <= x1;".into(),
        Greater => "  return x0 > x1;".into(),
        GreaterEqual => "  return x0 >= x1;".into(),
        Maximum => "  return select(x1, x0, x0 > x1);".into(),
        Minimum => "  return select(x1, x0, x0 < x1);".into(),
        FloorDivide | Remainder => {
            let div = op == FloorDivide;
            if signed {
                let (at_minus_one, fin) = if div {
                    (
                        format!("{t}(0) - x0"),
                        format!("select(q, q - {t}(1), adjust)"),
                    )
                } else {
                    (format!("{t}(0)"), "select(r, r + x1, adjust)".to_string())
                };
                format!(
                    "  if x1 == {t}(0) {{ return {t}(0); }}\n  if x1 == {t}(-1) {{ return {at_minus_one}; }}\n  \
                     let q = x0 / x1;\n  let r = x0 - q * x1;\n  \
                     let adjust = r != {t}(0) && ((r < {t}(0)) != (x1 < {t}(0)));\n  return {fin};"
                )
            } else {
                let e = if div { "x0 / x1" } else { "x0 % x1" };
                format!("  if x1 == {t}(0) {{ return {t}(0); }}\n  return {e};")
            }
        }
        BitwiseLeftShift | BitwiseRightShift => {
            // a count outside 0..bits (a negative signed count reads as a huge unsigned one)
            let count = format!("bitcast<{u}>(x1)");
            let out_of_range = if op == BitwiseLeftShift {
                format!("{t}(0)")
            } else if signed {
                format!("select({t}(0), {t}(-1), x0 < {t}(0))")
            } else {
                format!("{t}(0)")
            };
            let op_s = if op == BitwiseLeftShift { "<<" } else { ">>" };
            format!(
                "  let c = {count};\n  if c >= {u}({bits}) {{ return {out_of_range}; }}\n  return x0 {op_s} u32(c);"
            )
        }
        Pow => {
            let neg = if signed {
                format!(
                    "  if x1 < {t}(0) {{\n    if x0 == {t}(1) {{ return {t}(1); }}\n    \
                     if x0 == {t}(-1) {{ return select({t}(1), {t}(-1), (x1 & {t}(1)) == {t}(1)); }}\n    \
                     return {t}(0);\n  }}\n"
                )
            } else {
                String::new()
            };
            format!(
                "{neg}  var r = {t}(1);\n  var b = x0;\n  var e = bitcast<{u}>(x1);\n  \
                 loop {{\n    if e == {u}(0) {{ break; }}\n    if (e & {u}(1)) == {u}(1) {{ r = r * b; }}\n    \
                 e = e >> 1u;\n    b = b * b;\n  }}\n  return r;"
            )
        }
        _ => return None,
    };
    Some(Body::new(code, Prec::F32, &[]))
}
