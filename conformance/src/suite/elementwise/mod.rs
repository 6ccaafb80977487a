//! Properties of the elementwise functions and operators: every function against the
//! reference on generated operands, with the tolerances of [`crate::tolerance`].

pub mod call;
mod functions;
mod hard_points;
pub mod operands;
mod operators;

use super::Ctx;
use array_api::Backend;
use array_api::DType;

/// Runs the elementwise properties.
pub fn run<B: Backend>(ctx: &mut Ctx<'_, B>) {
    let all: Vec<DType> = ctx
        .supported
        .iter()
        .copied()
        .filter(|d| *d != DType::String)
        .collect();
    if all.is_empty() {
        return;
    }
    functions::unary(ctx, &all);
    functions::binary(ctx, &all);
    functions::clip_where(ctx, &all);
    operators::operators(ctx, &all);
    operators::compound(ctx, &all);
    operators::into_forms(ctx, &all);
    hard_points::hard_points(ctx);
}
