//! The conformance suite on the WebGPU backend: every function compared with the reference
//! backend on generated inputs (strided views included) and with NumPy's golden corpus.
//!
//! Without an adapter the test prints a loud SKIPPED message and passes, unless
//! `XP_REQUIRE_WGPU=1` (as in CI, with Mesa's lavapipe installed).

use crate::support::device_or_skip;

#[test]
fn conformance() {
    let Some(wgpu) = device_or_skip() else { return };
    let report = conformance::run_suite(&wgpu, "wgpu");
    println!("{}", report.to_markdown());
    assert!(report.all_passed(), "{}", report.to_markdown());
}

/// The statistics, searching, sorting, set and utility functions against the reference.
#[test]
fn stats_conformance() {
    let Some(wgpu) = device_or_skip() else { return };
    let report = conformance::run_stats_suite(&wgpu, "wgpu");
    println!("{}", report.to_markdown());
    assert!(report.all_passed(), "{}", report.to_markdown());
}
