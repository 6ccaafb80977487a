//! The conformance suite on the CPU backend: every function compared with the reference
//! backend on generated inputs (strided views included), the standard's special-case table
//! and NumPy's golden corpus.

#[test]
fn conformance() {
    let report = conformance::run_suite(&backend_cpu::Cpu, "cpu");
    println!("{}", report.to_markdown());
    assert!(report.all_passed(), "{}", report.to_markdown());
}

/// The statistics, searching, sorting, set and utility functions against the reference.
#[test]
fn stats_conformance() {
    let report = conformance::run_stats_suite(&backend_cpu::Cpu, "cpu");
    println!("{}", report.to_markdown());
    assert!(report.all_passed(), "{}", report.to_markdown());
}
