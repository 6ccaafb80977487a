//! The fft bench cases ([`Family::Fft`]): `fft` of 2²⁰ complex128 points, `rfft` of 2²⁰
//! float64 points, `fft2` (`fftn` over both axes) of 1024x1024 complex128, and `fft` of the
//! prime length 1,000,003 (Rader/Bluestein). Compute-bound; the table reports elements
//! per second. Inputs: real parts [`input_f64`] seed 0, imaginary parts seed 1.

use crate::cases::{input_f64, Bound, Case, Family, Kind};
use crate::prepare::Job;
use xp::fft::{fft, fftn, rfft, FftNorm};
use xp::prelude::*;

/// The cases.
pub fn fft_cases() -> Vec<Case> {
    let mk = |label: &str, kind: Kind, dtype: DType, shape: &[usize], size: &str| {
        let n: usize = shape.iter().product();
        let item = if dtype == DType::Complex128 { 16 } else { 8 };
        let out = if kind == Kind::Rfft {
            16 * (n / 2 + 1)
        } else {
            16 * n
        };
        Case {
            name: format!("{label}/{}/{size}", crate::cases::short_dtype(dtype)),
            family: Family::Fft,
            kind,
            dtype,
            shape: shape.to_vec(),
            into: false,
            bytes: (item * n + out) as u64,
            bound: Bound::Compute,
            flops: 0,
        }
    };
    vec![
        mk("fft", Kind::Fft, DType::Complex128, &[1 << 20], "2^20"),
        mk("rfft", Kind::Rfft, DType::Float64, &[1 << 20], "2^20"),
        mk(
            "fft2",
            Kind::Fft2,
            DType::Complex128,
            &[1024, 1024],
            "1024x1024",
        ),
        mk("fft", Kind::Fft, DType::Complex128, &[1_000_003], "1000003"),
    ]
}

/// The input of an fft case: complex128 `input_f64(n, 0) + i input_f64(n, 1)`, or the
/// float64 `input_f64(n, 0)`.
fn input(case: &Case) -> xp::Result<Array<Cpu>> {
    let n: usize = case.shape.iter().product();
    let re = input_f64(n, 0);
    if case.dtype == DType::Complex128 {
        let im = input_f64(n, 1);
        let v: Vec<xp::Complex64> = re
            .into_iter()
            .zip(im)
            .map(|(a, b)| xp::Complex64::new(a, b))
            .collect();
        Array::from_vec(v, &case.shape, &Cpu)
    } else {
        Array::from_vec(re, &case.shape, &Cpu)
    }
}

/// The workload of an fft case (`None` for other kinds).
pub fn fft_job(case: &Case) -> Option<Result<Job, String>> {
    let kind = case.kind;
    if !matches!(kind, Kind::Fft | Kind::Rfft | Kind::Fft2) {
        return None;
    }
    let x = match input(case) {
        Ok(x) => x,
        Err(e) => return Some(Err(e.to_string())),
    };
    let norm = FftNorm::Backward;
    let job: Job = Box::new(move || {
        let y = match kind {
            Kind::Rfft => rfft(&x, None, -1, norm),
            Kind::Fft2 => fftn(&x, None, Some(&[-2, -1]), norm),
            _ => fft(&x, None, -1, norm),
        };
        y.map(|a| drop(std::hint::black_box(a)))
            .map_err(|e| e.to_string())
    });
    Some(Ok(job))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fft_cases_are_named_and_run_small() {
        let cases = fft_cases();
        assert_eq!(cases.len(), 4);
        assert!(cases
            .iter()
            .all(|c| c.family == Family::Fft && c.name.contains("fft")));
        // A small version of each workload runs.
        for mut c in cases {
            c.shape = c.shape.iter().map(|&d| d.min(64)).collect();
            let mut job = fft_job(&c).unwrap().unwrap();
            job().unwrap();
        }
    }
}
