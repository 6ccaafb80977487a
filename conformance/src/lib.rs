//! # conformance: xp's conformance suite
//!
//! - [`Reference`]: a deliberately naive reference backend, the oracle of the property
//!   tests;
//! - [`strategies`]: proptest strategies for dtypes, shapes, element values and strided
//!   views, materialisable identically on any backend;
//! - [`compare`]: exact comparison (bitwise, NaN equal to NaN, ±0 distinguished);
//! - [`Report`]: per-function pass / fail / unsupported results, as JSON and Markdown;
//! - [`run_suite`]: the suite every backend runs from its tests: one property per
//!   function against the reference, unsupported-dtype checks, and the NumPy golden
//!   corpus (`conformance/golden/`, made by `make_golden.py`).

#![warn(missing_docs)]

pub mod compare;
pub mod reference;
pub mod report;
pub mod special;
pub mod strategies;
pub mod suite;
pub mod tolerance;

pub use reference::{RefStorage, Reference};
pub use report::{FunctionReport, Report, Status};
pub use suite::{run_foundation_suite, run_suite};
