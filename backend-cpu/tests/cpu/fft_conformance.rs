//! The fft conformance section on the CPU backend: every transform compared with the
//! reference backend's textbook DFT, checked by identity, and against NumPy's golden files.

#[test]
fn fft_conformance() {
    let report = conformance::run_fft_suite(&backend_cpu::Cpu, "cpu");
    println!("{}", report.to_markdown());
    assert!(report.all_passed(), "{}", report.to_markdown());
}
