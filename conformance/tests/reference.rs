//! The conformance suite run on the reference backend itself: it must agree with NumPy's
//! golden corpus and (trivially) with itself.

#[test]
fn conformance() {
    let report = conformance::run_suite(&conformance::Reference, "reference");
    println!("{}", report.to_markdown());
    assert!(report.all_passed(), "{}", report.to_markdown());
    // every function family is present
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
}

/// Every generated property must mostly exercise valid inputs, not only error paths.
#[test]
fn properties_generate_valid_inputs() {
    let report = conformance::run_suite(&conformance::Reference, "reference-yield");
    let mut thin = Vec::new();
    for (name, f) in &report.functions {
        if name.starts_with("numpy: ") || f.cases < 32 {
            continue;
        }
        if f.valid * 4 < f.cases {
            thin.push(format!("{name}: {} valid of {}", f.valid, f.cases));
        }
    }
    assert!(
        thin.is_empty(),
        "properties with few valid inputs:\n{}",
        thin.join("\n")
    );
}
