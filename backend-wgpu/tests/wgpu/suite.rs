//! The conformance suite on the WebGPU backend: every function compared with the reference
//! backend on generated inputs (strided views included) and with NumPy's golden corpus.
//!
//! Without an adapter the test prints a loud SKIPPED message and passes, unless
//! `XP_REQUIRE_WGPU=1` (as in CI, with Mesa's lavapipe installed).

use backend_wgpu::Wgpu;

#[test]
fn conformance() {
    let wgpu = match Wgpu::new() {
        Ok(w) => w,
        Err(e) => {
            if std::env::var("XP_REQUIRE_WGPU").as_deref() == Ok("1") {
                panic!("XP_REQUIRE_WGPU=1 but Wgpu::new() failed: {e}");
            }
            eprintln!(
                "\n*** SKIPPED: wgpu conformance: no WebGPU adapter \
                 (install mesa-vulkan-drivers libvulkan1): {e} ***\n"
            );
            return;
        }
    };
    let report = conformance::run_suite(&wgpu, "wgpu");
    println!("{}", report.to_markdown());
    assert!(report.all_passed(), "{}", report.to_markdown());
}

/// The statistics, searching, sorting, set and utility functions against the reference.
#[test]
fn stats_conformance() {
    let wgpu = match Wgpu::new() {
        Ok(w) => w,
        Err(e) => {
            if std::env::var("XP_REQUIRE_WGPU").as_deref() == Ok("1") {
                panic!("XP_REQUIRE_WGPU=1 but Wgpu::new() failed: {e}");
            }
            eprintln!("\n*** SKIPPED: wgpu stats conformance: no WebGPU adapter: {e} ***\n");
            return;
        }
    };
    let report = conformance::run_stats_suite(&wgpu, "wgpu");
    println!("{}", report.to_markdown());
    assert!(report.all_passed(), "{}", report.to_markdown());
}
