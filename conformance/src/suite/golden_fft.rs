//! The fft golden corpus (`golden/manifest_fft.json`, `golden/fft.npz`, made by
//! `fft_golden.py`): every function of the fft extension run on NumPy's inputs and compared
//! with NumPy's outputs: shapes and dtypes exactly, values within
//! `32 (log2 n + 1) eps` of the result's precision relative to the largest expected
//! magnitude (the transforms round differently from pocketfft), the helpers exactly. Cases
//! where NumPy fails expect an error. Results are reported as `numpy: fft.<function>`.

use super::golden::{parse_cases, GoldenCase, Members};
use super::golden_ops::{input, p_dtype, param, Harness};
use super::Ctx;
use array_api::fft::{self as f, FftNorm, FftOps};
use array_api::{self as xp, io, Array, Backend, Complex64 as C, DType, Result};
use serde_json::Value;

const MANIFEST: &str = include_str!("../../golden/manifest_fft.json");
const NPZ: &[u8] = include_bytes!("../../golden/fft.npz");

fn opt_usize(v: &Value) -> Harness<Option<usize>> {
    match v {
        Value::Null => Ok(None),
        v => v
            .as_u64()
            .map(|n| Some(n as usize))
            .ok_or_else(|| format!("bad length {v}")),
    }
}

fn opt_list<T>(v: &Value, conv: impl Fn(&Value) -> Option<T>) -> Harness<Option<Vec<T>>> {
    match v {
        Value::Null => Ok(None),
        Value::Array(a) => a
            .iter()
            .map(|x| conv(x).ok_or_else(|| format!("bad list item {x}")))
            .collect::<Harness<Vec<T>>>()
            .map(Some),
        v => Err(format!("bad list {v}")),
    }
}

fn norm(case: &GoldenCase) -> Harness<FftNorm> {
    let n = param(case, "norm").as_str().unwrap_or("backward");
    FftNorm::from_name(n).ok_or_else(|| format!("unknown norm {n}"))
}

/// Runs `case`: `Ok(result)` or a harness error.
fn execute<B: Backend + FftOps>(
    device: &B,
    case: &GoldenCase,
    members: &Members,
) -> Harness<Result<Array<B>>> {
    let fun = case.function.as_str();
    let x = || input(case, members, "x", device);
    let out = match fun {
        "fft" | "ifft" | "rfft" | "irfft" | "hfft" | "ihfft" => {
            let g = match fun {
                "fft" => f::fft::<B>,
                "ifft" => f::ifft::<B>,
                "rfft" => f::rfft::<B>,
                "irfft" => f::irfft::<B>,
                "hfft" => f::hfft::<B>,
                _ => f::ihfft::<B>,
            };
            let n = opt_usize(param(case, "n"))?;
            let axis = param(case, "axis").as_i64().ok_or("no axis")? as isize;
            let norm = norm(case)?;
            x()?.and_then(|x| g(&x, n, axis, norm))
        }
        "fftn" | "ifftn" | "rfftn" | "irfftn" => {
            let g = match fun {
                "fftn" => f::fftn::<B>,
                "ifftn" => f::ifftn::<B>,
                "rfftn" => f::rfftn::<B>,
                _ => f::irfftn::<B>,
            };
            let s = opt_list(param(case, "s"), |v| v.as_u64().map(|n| n as usize))?;
            let axes = opt_list(param(case, "axes"), |v| v.as_i64().map(|n| n as isize))?;
            let norm = norm(case)?;
            x()?.and_then(|x| g(&x, s.as_deref(), axes.as_deref(), norm))
        }
        "fftfreq" | "rfftfreq" => {
            let g = if fun == "fftfreq" {
                f::fftfreq::<B>
            } else {
                f::rfftfreq::<B>
            };
            let n = param(case, "n").as_u64().ok_or("no n")? as usize;
            let d = param(case, "d").as_f64().ok_or("no d")?;
            g(n, d, p_dtype(case, "dtype")?, device)
        }
        "fftshift" | "ifftshift" => {
            let g = if fun == "fftshift" {
                f::fftshift::<B>
            } else {
                f::ifftshift::<B>
            };
            let axes = opt_list(param(case, "axes"), |v| v.as_i64().map(|n| n as isize))?;
            x()?.and_then(|x| g(&x, axes.as_deref()))
        }
        other => return Err(format!("unknown function {other}")),
    };
    Ok(out)
}

fn eps(d: DType) -> f64 {
    match d {
        DType::Float32 | DType::Complex64 => f32::EPSILON as f64,
        _ => f64::EPSILON,
    }
}

/// Checks a result against the expected member.
fn check<B: Backend>(case: &GoldenCase, members: &Members, got: Result<Array<B>>) -> Harness<()> {
    let got = match (&case.error, got) {
        (Some(_), Err(_)) => return Ok(()),
        (Some(_), Ok(a)) => {
            return Err(format!("succeeds with shape {:?}; NumPy fails", a.shape()))
        }
        (None, Err(e)) => return Err(format!("error {e}; NumPy succeeds")),
        (None, Ok(a)) => a,
    };
    let name = case.expected.as_str().ok_or("no expected member")?;
    let (want, shape) = members
        .get(name)
        .ok_or_else(|| format!("member {name} missing"))?;
    if got.shape() != shape.as_slice() || got.dtype() != want.dtype() {
        return Err(format!(
            "shape/dtype {:?} {} vs NumPy {:?} {}",
            got.shape(),
            got.dtype(),
            shape,
            want.dtype()
        ));
    }
    let exact = matches!(
        case.function.as_str(),
        "fftfreq" | "rfftfreq" | "fftshift" | "ifftshift"
    );
    let as_c = |a: &Array<B>| {
        xp::astype(a, DType::Complex128)
            .and_then(|c| c.to_vec::<C>())
            .map_err(|e| e.to_string())
    };
    let w_arr =
        Array::from_host(want.clone(), shape, &array_api_host()).map_err(|e| e.to_string())?;
    let (g, w) = (as_c(&got)?, as_c_ref(&w_arr)?);
    let len = shape.iter().copied().max().unwrap_or(1).max(2) as f64;
    let tol = if exact {
        0.0
    } else {
        32.0 * (len.log2() + 1.0) * eps(want.dtype())
    };
    let scale = 1.0 + w.iter().map(|z| z.norm()).fold(0.0, f64::max);
    for (i, (a, b)) in g.iter().zip(&w).enumerate() {
        if (a - b).norm() > tol * scale {
            return Err(format!(
                "element {i}: {a} vs NumPy {b} (tol {:e})",
                tol * scale
            ));
        }
    }
    Ok(())
}

/// The expected arrays are read on the reference backend (host data, no kernels).
fn array_api_host() -> crate::Reference {
    crate::Reference
}

fn as_c_ref(a: &Array<crate::Reference>) -> Harness<Vec<C>> {
    xp::astype(a, DType::Complex128)
        .and_then(|c| c.to_vec::<C>())
        .map_err(|e| e.to_string())
}

/// Runs every fft golden case on the device.
pub fn run<B: Backend + FftOps>(ctx: &mut Ctx<'_, B>) {
    let verbose = std::env::var_os("XP_CONFORMANCE_VERBOSE").is_some();
    let cases = match parse_cases(MANIFEST) {
        Ok(c) => c,
        Err(e) => {
            ctx.fixed("numpy: fft manifest", "manifest_fft.json", Err(e));
            return;
        }
    };
    let members: Members = match io::read_npz(std::io::Cursor::new(NPZ)) {
        Ok(entries) => entries.into_iter().map(|(n, h, s)| (n, (h, s))).collect(),
        Err(e) => {
            ctx.fixed("numpy: fft manifest", "fft.npz", Err(e.to_string()));
            return;
        }
    };
    for case in &cases {
        let name = format!("numpy: fft.{}", case.function);
        let input = format!("case {} params {}", case.id, case.params);
        let outcome = execute(ctx.device, case, &members).and_then(|r| check(case, &members, r));
        if let Err(m) = &outcome {
            if verbose {
                eprintln!("golden {}: {m}", case.id);
            }
        }
        ctx.fixed(
            &name,
            input,
            outcome.map_err(|m| format!("{}: {m}", case.id)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_and_npz_load() {
        let cases = parse_cases(MANIFEST).unwrap();
        assert!(cases.len() > 1000);
        let m = io::read_npz(std::io::Cursor::new(NPZ)).unwrap();
        assert!(m.len() > 1000);
    }
}
