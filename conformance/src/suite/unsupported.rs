//! Unsupported dtypes: every creation path must reject a dtype the device does not
//! declare with `Err(UnsupportedDType)`, never a panic or a silent cast.

use super::check::error_kind;
use super::Ctx;
use array_api::{self as xp, Array, Backend, DType, HostData, Result};

/// `Ok` when `r` is `Err(UnsupportedDType)` naming `dtype`.
fn rejected<T>(r: Result<T>, dtype: DType) -> std::result::Result<(), String> {
    match r {
        Err(xp::Error::UnsupportedDType { dtype: d, .. }) if d == dtype => Ok(()),
        Err(e) => Err(format!(
            "expected UnsupportedDType for {dtype}, got {}: {e}",
            error_kind(&e)
        )),
        Ok(_) => Err(format!("unsupported dtype {dtype} was accepted")),
    }
}

/// Runs the unsupported-dtype checks (nothing when the device supports every dtype).
pub fn run<B: Backend>(ctx: &mut Ctx<'_, B>) {
    let dev = ctx.device;
    let mut dtypes = ctx.unsupported.clone();
    if !dev.supports(DType::String) {
        dtypes.push(DType::String);
    }
    let base = ctx.supported.first().copied();
    for d in dtypes {
        let checks: Vec<(&str, std::result::Result<(), String>)> = vec![
            ("zeros", rejected(xp::zeros([2], d, dev), d)),
            ("ones", rejected(xp::ones([2, 1], d, dev), d)),
            ("empty", rejected(xp::empty([0], d, dev), d)),
            ("full", rejected(xp::full([3], 1, Some(d), dev), d)),
            ("eye", rejected(xp::eye(2, None, 0, d, dev), d)),
            ("arange", rejected(xp::arange(0, 3, 1, Some(d), dev), d)),
            (
                "linspace",
                rejected(xp::linspace(0.0, 1.0, 3, true, Some(d), dev), d),
            ),
            (
                "asarray",
                rejected(xp::asarray(vec![1i8, 2], Some(d), dev), d),
            ),
            (
                "from_host",
                match HostData::filled(d, 2, xp::Scalar::Int(1)) {
                    Some(h) => rejected(Array::from_host(h, [2], dev), d),
                    None => Ok(()),
                },
            ),
            (
                "astype",
                match base {
                    Some(b) => rejected(xp::zeros([2], b, dev).and_then(|x| xp::astype(&x, d)), d),
                    None => Ok(()),
                },
            ),
        ];
        for (name, outcome) in checks {
            if d != DType::String {
                ctx.report.unsupported(name, &[d]);
            }
            ctx.fixed(name, format!("dtype {d}"), outcome);
        }
    }
}
