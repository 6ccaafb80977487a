//! Device discovery and the device smoke check, on whatever adapter this machine has.
//!
//! Without an adapter the tests print a loud SKIPPED message and pass, unless
//! `XP_REQUIRE_WGPU=1` (as in CI, with Mesa's lavapipe installed).

use array_api::DType;
use backend_wgpu::{wgpu, Wgpu};

use crate::support::device_or_skip;

#[test]
fn info_matches_the_adapter_features() {
    let Some(w) = device_or_skip() else { return };
    let info = w.info();
    eprintln!(
        "wgpu device: {} [{:?}, {:?}], features {:?}",
        info.device,
        w.adapter_info().backend,
        w.adapter_info().device_type,
        w.features()
    );
    assert_eq!(info.backend, "wgpu");
    assert_eq!(info.device, format!("wgpu:{} ({})", w.index(), w.name()));

    let adapter = w.adapter().features();
    let f64_ok = adapter.contains(wgpu::Features::SHADER_F64);
    let i64_ok = adapter.contains(wgpu::Features::SHADER_INT64);
    // The device asked for every 64-bit feature the adapter offers.
    assert_eq!(w.has_f64(), f64_ok);
    assert_eq!(w.has_i64(), i64_ok);
    for dtype in DType::ALL {
        let expected = match dtype {
            DType::Float64 | DType::Complex128 => f64_ok && i64_ok,
            DType::Int64 | DType::UInt64 => i64_ok,
            _ => true,
        };
        assert_eq!(info.dtypes.contains(&dtype), expected, "{dtype}");
    }
    assert!(!info.dtypes.contains(&DType::String));
}

#[test]
fn self_test_runs_a_compute_shader() {
    let Some(w) = device_or_skip() else { return };
    w.self_test().unwrap();
}

#[test]
fn adapters_are_listed_and_devices_shared() {
    let Some(w) = device_or_skip() else { return };
    let adapters = Wgpu::enumerate();
    eprintln!("adapters: {adapters:#?}");
    let summary = &adapters[w.index()];
    assert_eq!(summary.index, w.index());
    assert_eq!(summary.name, w.name());
    assert_eq!(summary.has_f64, w.has_f64());
    assert_eq!(summary.has_i64, w.has_i64());

    // Equal values share one logical device.
    let again = Wgpu::with_adapter(w.index()).unwrap();
    assert_eq!(again, w);
    assert!(std::sync::Arc::ptr_eq(again.device(), w.device()));
    assert_eq!(w.clone(), w);

    let missing = Wgpu::with_adapter(adapters.len()).unwrap_err();
    assert!(
        matches!(missing, array_api::Error::Backend { .. }),
        "{missing}"
    );
}
