//! The conformance suite on the CPU backend: every function compared with the reference
//! backend on generated inputs (strided views included).
//!
//! The CPU elementwise kernels are not merged yet, so this runs the foundation part of the
//! suite; it moves to `run_suite` (elementwise properties, special-case table, NumPy golden
//! corpus) when `Cpu` implements `ElementwiseOps`.

#[test]
fn conformance() {
    let report = conformance::run_foundation_suite(&backend_cpu::Cpu, "cpu");
    println!("{}", report.to_markdown());
    assert!(report.all_passed(), "{}", report.to_markdown());
}
