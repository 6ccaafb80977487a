//! Properties of the elementwise functions and operators: every function against the
//! reference on generated operands, with the tolerances of [`crate::tolerance`].

pub mod call;

use super::Ctx;
use array_api::EwBackend;

/// Runs the elementwise properties.
pub fn run<B: EwBackend>(_ctx: &mut Ctx<'_, B>) {}
