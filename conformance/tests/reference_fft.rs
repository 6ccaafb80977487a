//! The fft section run on the reference backend itself: its textbook DFT under the shared
//! front end must agree with NumPy's golden corpus and satisfy the identities.

#[test]
fn reference_fft() {
    let report = conformance::run_fft_suite(&conformance::Reference, "reference");
    println!("{}", report.to_markdown());
    for f in [
        "fft.fft",
        "fft.irfftn",
        "numpy: fft.hfft",
        "numpy: fft.fftshift",
    ] {
        assert!(report.get(f).is_some(), "{f} missing from the report");
    }
    assert!(report.all_passed(), "{}", report.to_markdown());
}
