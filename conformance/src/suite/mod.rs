//! The suite: one property per function comparing the backend under test with
//! [`Reference`](crate::Reference), checks that unsupported dtypes are rejected, and the
//! NumPy golden corpus. [`run_suite`] runs all of it.

pub mod check;
mod creation;
pub mod elementwise;
mod fft;
mod golden;
mod golden_elementwise;
mod golden_fft;
mod golden_linalg;
mod golden_ops;
mod golden_stats;
mod indexing;
mod inputs;
mod linalg;
mod linalg_einsum;
mod manipulation;
mod runner;
mod scatter;
mod special;
mod stats;
mod unsupported;

pub use golden::{golden_cases, GoldenCase};
pub use inputs::IdxSpec;
pub use runner::{Ctx, DEFAULT_CASES};

use crate::report::Report;
use array_api::{Backend, StatsBackend};
use std::path::PathBuf;

/// The folder reports are written to: `XP_CONFORMANCE_DIR` if set, else
/// `<workspace root>/target/conformance`.
pub fn report_dir() -> PathBuf {
    match std::env::var_os("XP_CONFORMANCE_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .map_or_else(|| PathBuf::from("target"), |root| root.join("target"))
            .join("conformance"),
    }
}

/// Runs every conformance case on `device`, writes the report as
/// `<report_dir()>/<name>.json` and returns it.
///
/// A backend's test calls it and asserts on the result:
///
/// ```no_run
/// let report = conformance::run_suite(&conformance::Reference, "reference");
/// assert!(report.all_passed(), "{}", report.to_markdown());
/// ```
pub fn run_suite<B: Backend>(device: &B, name: &str) -> Report {
    let mut ctx = Ctx::new(device, name);
    creation::run(&mut ctx);
    manipulation::run(&mut ctx);
    indexing::run(&mut ctx);
    elementwise::run(&mut ctx);
    special::run(&mut ctx);
    unsupported::run(&mut ctx);
    golden::run(&mut ctx);
    write_report(ctx.report, name)
}

/// Runs the statistics, searching, sorting, set and utility properties (the functions bound
/// by the transitional [`StatsBackend`]) on `device` and writes the report as
/// `<report_dir()>/<name>-stats.json`. Separate from [`run_suite`] until every backend
/// implements the `ReduceOps` and `SortOps` kernels; then it is folded into it.
pub fn run_stats_suite<B: StatsBackend>(device: &B, name: &str) -> Report {
    let mut ctx = Ctx::new(device, name);
    stats::run(&mut ctx);
    scatter::run(&mut ctx);
    golden_stats::run(&mut ctx);
    write_report(ctx.report, &format!("{name}-stats"))
}

/// Runs the linalg section (for backends that implement
/// [`LinalgOps`](array_api::LinalgOps); transitional until every backend does), writes
/// the report as `<report_dir()>/<name>-linalg.json` and returns it. Includes the NumPy
/// golden corpus of linear algebra (`golden/manifest_linalg.json`).
///
/// ```no_run
/// let report = conformance::run_linalg_suite(&conformance::Reference, "reference");
/// assert!(report.all_passed(), "{}", report.to_markdown());
/// ```
pub fn run_linalg_suite<B: Backend + array_api::LinalgOps>(device: &B, name: &str) -> Report {
    let mut ctx = Ctx::new(device, name);
    linalg::run(&mut ctx);
    linalg_einsum::run(&mut ctx);
    golden_linalg::run(&mut ctx);
    write_report(ctx.report, &format!("{name}-linalg"))
}

/// Runs the fft section and the NumPy fft golden cases (for backends that implement
/// [`FftOps`](array_api::fft::FftOps); transitional until every backend does), writes the
/// report as `<report_dir()>/<name>-fft.json` and returns it.
///
/// ```no_run
/// let report = conformance::run_fft_suite(&conformance::Reference, "reference");
/// assert!(report.all_passed(), "{}", report.to_markdown());
/// ```
pub fn run_fft_suite<B: Backend + array_api::fft::FftOps>(device: &B, name: &str) -> Report {
    let mut ctx = Ctx::new(device, name);
    fft::run(&mut ctx);
    golden_fft::run(&mut ctx);
    write_report(ctx.report, &format!("{name}-fft"))
}

fn write_report(report: Report, name: &str) -> Report {
    let dir = report_dir();
    let written = std::fs::create_dir_all(&dir).and_then(|_| {
        let text = serde_json::to_string_pretty(&report.to_json()).unwrap_or_default();
        std::fs::write(dir.join(format!("{name}.json")), text)
    });
    if let Err(e) = written {
        eprintln!(
            "conformance: could not write the report to {}: {e}",
            dir.display()
        );
    }
    report
}
