//! Golden cases of the elementwise functions: running them (arrays, or an array and a
//! Python scalar on either side; `clip` with array or scalar bounds; `where`) and the
//! tolerance their results are compared with (the property tests' policy: exact where
//! NumPy is correctly rounded, the ulp bounds of [`crate::tolerance`] elsewhere).

use super::elementwise::call;
use super::elementwise::operands::binary_compute;
use super::golden::{GoldenCase, Members, Produced};
use super::golden_ops::{input, to_scalar};
use crate::tolerance::{binary_tolerance, unary_tolerance, Tolerance};
use array_api::Backend;
use array_api::{self as xp, Array, DTypeOrScalar, Operand, Result};
use serde_json::Value;

type Harness<T> = std::result::Result<T, String>;

/// Whether `function` is an elementwise function of the corpus.
pub fn is_elementwise(function: &str) -> bool {
    call::unary_op(function).is_some()
        || call::binary_op(function).is_some()
        || function == "clip"
        || function == "where"
}

/// The scalar operand of the case, if any, and its side (`"left"` or `"right"`).
fn scalar(case: &GoldenCase) -> Harness<Option<(xp::Scalar, bool)>> {
    match &case.params["scalar"] {
        Value::Null => Ok(None),
        v => Ok(Some((
            to_scalar(v)?,
            case.params["side"].as_str() == Some("left"),
        ))),
    }
}

/// A bound of `clip`: the input array of `role`, else the scalar parameter `role`.
fn bound<'a, B: Backend>(
    case: &GoldenCase,
    role: &str,
    arr: &'a Option<Array<B>>,
) -> Harness<Option<Operand<'a, B>>> {
    if let Some(a) = arr {
        return Ok(Some(Operand::Array(a)));
    }
    match &case.params[role] {
        Value::Null => Ok(None),
        v => Ok(Some(Operand::Scalar(to_scalar(v)?))),
    }
}

fn optional<B: Backend>(
    case: &GoldenCase,
    members: &Members,
    role: &str,
    device: &B,
) -> Harness<Result<Option<Array<B>>>> {
    if case.inputs[role].is_null() {
        return Ok(Ok(None));
    }
    Ok(input(case, members, role, device)?.map(Some))
}

/// Unwraps a harness value holding an xp result, returning early with the xp error.
macro_rules! get {
    ($e:expr) => {
        match $e? {
            Ok(v) => v,
            Err(e) => return Ok(Err(e)),
        }
    };
}

/// Runs an elementwise case on `device`.
pub fn execute<B: Backend>(
    device: &B,
    case: &GoldenCase,
    members: &Members,
) -> Harness<Result<Produced>> {
    let f = case.function.as_str();
    let out = if let Some(op) = call::unary_op(f) {
        call::unary(op, &get!(input(case, members, "x", device)))
    } else if let Some(op) = call::binary_op(f) {
        match scalar(case)? {
            Some((s, left)) => {
                let x = get!(input(case, members, "x", device));
                if left {
                    call::binary(op, Operand::Scalar(s), (&x).into())
                } else {
                    call::binary(op, (&x).into(), Operand::Scalar(s))
                }
            }
            None => {
                let a = get!(input(case, members, "x1", device));
                let b = get!(input(case, members, "x2", device));
                call::binary(op, (&a).into(), (&b).into())
            }
        }
    } else if f == "clip" {
        let x = get!(input(case, members, "x", device));
        let lo = get!(optional(case, members, "min", device));
        let hi = get!(optional(case, members, "max", device));
        xp::clip(&x, bound(case, "min", &lo)?, bound(case, "max", &hi)?)
    } else if f == "where" {
        let c = get!(input(case, members, "condition", device));
        let a = get!(input(case, members, "x1", device));
        match scalar(case)? {
            Some((s, _)) => xp::where_(&c, &a, s),
            None => xp::where_(&c, &a, &get!(input(case, members, "x2", device))),
        }
    } else {
        return Err(format!("{f} is not an elementwise function"));
    };
    Ok(out.and_then(Produced::arrays))
}

/// The dtype of the input member of `role`.
fn dtype_of(case: &GoldenCase, members: &Members, role: &str) -> Option<xp::DType> {
    let name = case.inputs[role].as_str()?;
    members.get(name).map(|(h, _)| h.dtype())
}

/// The tolerance of a case's results (exact for non-elementwise cases).
pub fn tolerance(case: &GoldenCase, members: &Members) -> Tolerance {
    let f = case.function.as_str();
    if let Some(op) = call::unary_op(f) {
        return dtype_of(case, members, "x")
            .and_then(|d| op.dtypes(d).ok())
            .map_or(Tolerance::Exact, |(c, _)| unary_tolerance(op, c));
    }
    let Some(op) = call::binary_op(f) else {
        return Tolerance::Exact;
    };
    let args: Option<Vec<DTypeOrScalar>> = match scalar(case) {
        Ok(Some((s, _))) => dtype_of(case, members, "x").map(|d| vec![d.into(), s.into()]),
        _ => dtype_of(case, members, "x1")
            .zip(dtype_of(case, members, "x2"))
            .map(|(a, b)| vec![a.into(), b.into()]),
    };
    args.and_then(|a| binary_compute(op, &a))
        .map_or(Tolerance::Exact, |c| binary_tolerance(op, c))
}
