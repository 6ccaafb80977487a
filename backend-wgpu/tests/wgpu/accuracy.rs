//! An accuracy sweep of the WGSL math library: every real and complex unary and binary
//! float op on thousands of values (edge cases, hard points of the usual algorithms, a
//! log-uniform spread over the whole range), compared with the conformance reference
//! within the suite's tolerances. Complements the conformance suite's 64 random cases per
//! function with a dense, deterministic grid.
//!
//! Without an adapter the test prints a loud SKIPPED message and passes, unless
//! `XP_REQUIRE_WGPU=1`.

use crate::support;

use array_api::{BackendCore, DType, HostData, UnaryOp};
use conformance::Reference;
use support::{device_or_skip, run_unary, sweep, Rng};

#[test]
fn float_ops_are_within_the_suite_tolerances() {
    let Some(w) = device_or_skip() else { return };
    let failures = sweep(
        &w,
        &[
            DType::Float32,
            DType::Float64,
            DType::Complex64,
            DType::Complex128,
        ],
    );
    for f in &failures {
        eprintln!("{}", &f[..f.len().min(3000)]);
    }
    assert!(
        failures.is_empty(),
        "{} ops out of tolerance",
        failures.len()
    );
}

/// How often the `f64` functions give exactly the reference's (C library's) result,
/// printed for information (`cargo test -p backend-wgpu --test wgpu accuracy -- --nocapture`).
#[test]
fn report_exact_agreement() {
    let Some(w) = device_or_skip() else { return };
    if !w.supports(DType::Float64) {
        return;
    }
    let mut r = Rng(7);
    let xs: Vec<f64> = (0..20000)
        .map(|_| {
            let u = r.next();
            let m = (u >> 12) as f64 / (1u64 << 52) as f64;
            let x = (m - 0.5) * 2f64.powi((u % 12) as i32 - 2);
            if u & 1 == 1 {
                x
            } else {
                x.abs() + 0.5
            }
        })
        .collect();
    let data = HostData::Float64(xs.clone());
    for &op in UnaryOp::ALL {
        if op
            .dtypes(DType::Float64)
            .map_or(true, |(c, _)| c != DType::Float64)
        {
            continue;
        }
        let (Ok(HostData::Float64(g)), Ok(HostData::Float64(want))) = (
            run_unary(&w, op, DType::Float64, &data),
            run_unary(&Reference, op, DType::Float64, &data),
        ) else {
            continue;
        };
        let n = g.len();
        let same = g
            .iter()
            .zip(&want)
            .filter(|(a, b)| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()))
            .count();
        eprintln!(
            "{:>8}: {:6.2}% bitwise equal",
            op.name(),
            100.0 * same as f64 / n as f64
        );
    }
}
