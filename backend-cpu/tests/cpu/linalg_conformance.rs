//! The linalg conformance section on the CPU backend: every linalg function compared with
//! the reference backend and checked by identity on generated stacks.

#[test]
fn linalg_conformance() {
    let report = conformance::run_linalg_suite(&backend_cpu::Cpu, "cpu");
    println!("{}", report.to_markdown());
    assert!(report.all_passed(), "{}", report.to_markdown());
}
