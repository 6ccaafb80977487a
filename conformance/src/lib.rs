//! # conformance: xp's conformance suite
//!
//! - [`Reference`]: a deliberately naive reference backend, the oracle of the property
//!   tests;
//! - [`strategies`]: proptest strategies for dtypes, shapes, element values and strided
//!   views, materialisable identically on any backend;
//! - [`compare`]: exact comparison (bitwise, NaN equal to NaN, ±0 distinguished);
//! - [`tolerance`]: which elementwise results must be exact and the ulp bounds of the
//!   others (see below);
//! - [`special`]: the standard's elementwise special cases as a table
//!   (`conformance/special/special_cases.json`, generated from the spec by
//!   `make_special_cases.py`), checked on every backend;
//! - [`Report`]: per-function pass / fail / unsupported results, as JSON and Markdown;
//! - [`run_suite`]: the suite every backend runs from its tests: one property per
//!   function against the reference, unsupported-dtype checks, the special-case table
//!   (`special cases: <function>`), and the NumPy golden corpus (`conformance/golden/`,
//!   made by `make_golden.py`).
//!
//! ## Elementwise tolerances
//!
//! The reference computes real floats in float64 (float32 results rounded once) and complex
//! numbers in `Complex<f64>`, so its float32 results are correctly rounded for the IEEE
//! operations and within about half an ulp for the others. A backend's results must be:
//!
//! - **bit for bit** the reference's for integers, bools, comparisons, logical and bitwise
//!   ops, `isnan`/`isinf`/`isfinite`/`signbit`, `clip`, `where`, and the correctly
//!   rounded ops `add subtract multiply divide sqrt reciprocal square abs negative positive
//!   floor ceil trunc round sign copysign nextafter maximum minimum remainder
//!   floor_divide real imag conj` (for complex operands: `add subtract negative positive
//!   conj real imag round`);
//! - within **2 ulp** for the real transcendental functions (`acos` ... `tanh`, `exp`,
//!   `expm1`, `log`, `log1p`, `log2`, `log10`, `atan2`, `hypot`, `logaddexp`, float
//!   `pow`), for float32 and float64 alike, also near the hard points (multiples of π,
//!   overflow and underflow thresholds, subnormals, ±1);
//! - for complex results, per component within **2 ulp** (arithmetic: `multiply divide
//!   reciprocal square sign abs`) or **4 ulp** (`sqrt`, `exp`, `log`, trigonometric and
//!   hyperbolic functions and their inverses, `pow`), or within `n · eps · |w|` of the
//!   reference `w` (the slack for a component that cancels to nearly zero).
//!
//! NaN matches any NaN; `+0` and `-0` differ under exact comparison and are one ulp apart
//! under the bounds; special values that matter are pinned by the special-case table.

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
pub use suite::{run_fft_suite, run_linalg_suite, run_stats_suite, run_suite};
