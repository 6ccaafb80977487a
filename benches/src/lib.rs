//! # xp benchmarks
//!
//! One list of benchmark cases ([`cases::all`]), used three ways:
//!
//! - the criterion benches (`cargo bench -p benches`: `benches/elementwise.rs`,
//!   `benches/copy.rs`, `benches/linalg.rs`, `benches/stats.rs`), for detailed statistics while working on a kernel;
//! - the `xpbench` binary, which times every case the same simple way (median of runs after
//!   a warm-up, see [`timing`]) and prints JSON lines, plus a STREAM-like measurement of the
//!   machine's memory bandwidth ([`stream`]);
//! - `benches/numpy/bench.py`, which reads the case list as JSON (`xpbench list`) and times
//!   NumPy on the same data the same way.
//!
//! `cargo xtask bench [--numpy] [--quick] [filter...]` runs the last two and prints the
//! side-by-side table (also written to `target/bench/TABLE.md`).
//!
//! A case that xp cannot run yet (an op whose kernels a backend lacks) is never given a
//! number: [`prepare::prepare`] returns the error and the table says "n/a (error)".

#![warn(missing_docs)]

pub mod backend;
pub mod cases;
pub mod cases_fft;
pub mod cases_stats;
pub mod prepare;
pub mod stream;
pub mod timing;

pub use backend::{BackendName, BenchDevice};
pub use cases::{Bound, Case, Family, Kind};
pub use prepare::{prepare, prepare_on, Job};
