//! One property per elementwise function (38 unary, 28 binary, `clip`, `where`): the
//! backend against the reference on generated operands, values within the op's
//! [`Tolerance`](crate::tolerance::Tolerance), output shapes and dtypes always, and the
//! same error kind where the reference fails (disallowed dtypes, unbroadcastable shapes,
//! out-of-range integer scalars).

use super::call;
use super::operands::test_array;
use super::operands::{
    binary_compute, binary_input, mostly, scalar_for, unary_dtypes, unary_input,
};
use crate::both;
use crate::strategies::{broadcastable_to, dtype_in, shape_with, TestArray};
use crate::suite::Ctx;
use crate::tolerance::{binary_tolerance, unary_tolerance, Tolerance};
use array_api::Backend;
use array_api::{self as xp, BinaryOp, DType, Operand, Scalar, UnaryOp};
use proptest::prelude::*;

/// The properties of the unary functions.
pub fn unary<B: Backend>(ctx: &mut Ctx<'_, B>, all: &[DType]) {
    let dev = ctx.device;
    for &op in UnaryOp::ALL {
        let good = unary_dtypes(op, all);
        ctx.property(op.name(), unary_input(&good, all), move |x| {
            let tol = op
                .dtypes(x.dtype())
                .map_or(Tolerance::Exact, |(c, _)| unary_tolerance(op, c));
            both!(dev, tol, |d| call::unary(op, &x.materialise(d)?))
        });
    }
}

/// The properties of the binary functions.
pub fn binary<B: Backend>(ctx: &mut Ctx<'_, B>, all: &[DType]) {
    let dev = ctx.device;
    for &op in BinaryOp::ALL {
        ctx.property(op.name(), binary_input(op, all), move |p| {
            let tol =
                binary_compute(op, &p.args()).map_or(Tolerance::Exact, |c| binary_tolerance(op, c));
            both!(dev, tol, |d| {
                let arrays = p.arrays(d)?;
                let (a, b) = p.operands(&arrays);
                call::binary(op, a, b)
            })
        });
    }
}

/// A bound of `clip`: none, a scalar, or an array broadcastable to `shape`.
#[derive(Clone, Debug)]
pub enum Bound {
    /// No bound.
    None,
    /// A Rust scalar.
    Scalar(Scalar),
    /// An array.
    Array(TestArray),
}

fn bound(d: DType, shape: Vec<usize>) -> BoxedStrategy<Bound> {
    prop_oneof![
        1 => Just(Bound::None),
        2 => scalar_for(d).prop_map(Bound::Scalar),
        3 => broadcastable_to(shape).prop_flat_map(move |s| test_array(d, s, true)).prop_map(Bound::Array),
    ]
    .boxed()
}

fn operand<'a, B: Backend>(b: &Bound, arr: &'a Option<xp::Array<B>>) -> Option<Operand<'a, B>> {
    match (b, arr) {
        (Bound::None, _) => None,
        (Bound::Scalar(s), _) => Some(Operand::Scalar(*s)),
        (Bound::Array(_), Some(a)) => Some(Operand::Array(a)),
        (Bound::Array(_), None) => None,
    }
}

fn materialise<B: Backend>(b: &Bound, d: &B) -> xp::Result<Option<xp::Array<B>>> {
    match b {
        Bound::Array(t) => t.materialise(d).map(Some),
        _ => Ok(None),
    }
}

/// The properties of `clip` and `where`.
pub fn clip_where<B: Backend>(ctx: &mut Ctx<'_, B>, all: &[DType]) {
    let dev = ctx.device;
    let real: Vec<DType> = all
        .iter()
        .copied()
        .filter(|d| d.is_integer() || d.is_real_floating())
        .collect();
    let clip_in = (mostly(&real, all), shape_with(4, 32)).prop_flat_map(|(d, s)| {
        let bd = if d.is_integer() || d.is_real_floating() {
            d
        } else {
            DType::Float64
        };
        (
            test_array(d, s.clone(), true),
            bound(bd, s.clone()),
            bound(bd, s),
        )
    });
    ctx.property("clip", clip_in, move |(x, lo, hi)| {
        both!(dev, |d| {
            let (l, h) = (materialise(&lo, d)?, materialise(&hi, d)?);
            xp::clip(&x.materialise(d)?, operand(&lo, &l), operand(&hi, &h))
        })
    });
    if !all.contains(&DType::Bool) {
        return;
    }
    let where_in = (shape_with(4, 32), dtype_in(all), dtype_in(all), 0u8..4).prop_flat_map(
        |(s, d1, d2, side)| {
            let cond =
                broadcastable_to(s.clone()).prop_flat_map(|c| test_array(DType::Bool, c, true));
            let a = broadcastable_to(s.clone()).prop_flat_map(move |c| test_array(d1, c, true));
            let b = broadcastable_to(s).prop_flat_map(move |c| test_array(d2, c, true));
            (cond, a, b, scalar_for(d1), Just(side))
        },
    );
    ctx.property("where", where_in, move |(c, a, b, s, side)| {
        both!(dev, |d| {
            let (cd, ad, bd) = (c.materialise(d)?, a.materialise(d)?, b.materialise(d)?);
            match side {
                0 => xp::where_(&cd, &ad, s),
                1 => xp::where_(&cd, s, &bd),
                _ => xp::where_(&cd, &ad, &bd),
            }
        })
    });
}
