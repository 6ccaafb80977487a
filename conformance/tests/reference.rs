//! The conformance suite run on the reference backend itself: it must agree with NumPy's
//! golden corpus (and trivially with itself), and its generated properties must mostly
//! exercise valid inputs rather than error paths.

#[test]
fn conformance() {
    let report = conformance::run_suite(&conformance::Reference, "reference");
    println!("{}", report.to_markdown());
    for f in [
        "arange",
        "concat",
        "getitem",
        "setitem (advanced)",
        "take",
        "numpy: astype",
        "numpy: getitem",
    ] {
        assert!(report.get(f).is_some(), "{f} missing from the report");
    }
    // at least a quarter of each property's generated cases must be valid inputs
    let thin: Vec<String> = report
        .functions
        .iter()
        .filter(|(name, f)| !name.starts_with("numpy: ") && f.cases >= 32 && f.valid * 4 < f.cases)
        .map(|(name, f)| format!("{name}: {} valid of {}", f.valid, f.cases))
        .collect();
    assert!(
        thin.is_empty(),
        "properties with few valid inputs:\n{}",
        thin.join("\n")
    );
    assert!(report.all_passed(), "{}", report.to_markdown());
}
