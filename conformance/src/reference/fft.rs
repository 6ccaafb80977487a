//! Reference Fourier transforms: the textbook DFT `y_j = scale · Σ_k x_k exp(∓2πi jk/n)`,
//! O(n²) per line, in `Complex<f64>` with each twiddle computed from the exact residue
//! `jk mod n` and the sums compensated (Neumaier), results rounded once to the output
//! dtype. Complex-to-real builds the full Hermitian spectrum first. Shares nothing with
//! any FFT library.

use super::{backend_error, read_host, RefStorage, Reference};
use array_api::fft::{FftDirection, FftKind, FftOps, FftSpec};
use array_api::{DType, Element, HostData, Layout, Result, Scalar};
use num_complex::Complex64 as C;
use std::sync::Arc;

/// Neumaier-compensated sum of `f64` terms.
#[derive(Default)]
struct Sum {
    s: f64,
    c: f64,
}

impl Sum {
    fn add(&mut self, x: f64) {
        let t = self.s + x;
        if self.s.abs() >= x.abs() {
            self.c += (self.s - t) + x;
        } else {
            self.c += (x - t) + self.s;
        }
        self.s = t;
    }
    fn value(&self) -> f64 {
        self.s + self.c
    }
}

/// The DFT of `v` (length `n`) with the exponent sign of `dir`, outputs `0..count`.
fn dft(v: &[C], dir: FftDirection, count: usize) -> Vec<C> {
    let n = v.len();
    let sign = match dir {
        FftDirection::Forward => -1.0,
        FftDirection::Inverse => 1.0,
    };
    (0..count)
        .map(|j| {
            let (mut re, mut im) = (Sum::default(), Sum::default());
            for (k, x) in v.iter().enumerate() {
                let r = ((j as u128 * k as u128) % n as u128) as f64;
                let theta = sign * 2.0 * std::f64::consts::PI * r / n as f64;
                let w = C::new(theta.cos(), theta.sin());
                let p = x * w;
                re.add(p.re);
                im.add(p.im);
            }
            C::new(re.value(), im.value())
        })
        .collect()
}

fn values(s: &RefStorage, l: &Layout, dtype: DType) -> Result<Vec<C>> {
    let h = read_host(s, l, dtype)?;
    (0..h.len())
        .map(|i| match h.get(i) {
            Some(Scalar::Complex(z)) => Ok(z),
            Some(Scalar::Float(f)) => Ok(C::new(f, 0.0)),
            other => Err(backend_error(format!(
                "fft: element {other:?} is not floating"
            ))),
        })
        .collect()
}

fn store(v: &[C], dtype: DType) -> Result<RefStorage> {
    let h = match dtype {
        DType::Complex128 => HostData::Complex128(v.to_vec()),
        DType::Complex64 => HostData::Complex64(
            v.iter()
                .map(|z| num_complex::Complex::new(z.re as f32, z.im as f32))
                .collect(),
        ),
        DType::Float64 => f64::into_host(v.iter().map(|z| z.re).collect()),
        DType::Float32 => f32::into_host(v.iter().map(|z| z.re as f32).collect()),
        d => return Err(backend_error(format!("fft: unsupported dtype {d}"))),
    };
    Ok(RefStorage(Arc::new(h)))
}

impl FftOps for Reference {
    fn fft(
        &self,
        spec: FftSpec,
        x: &RefStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<RefStorage> {
        let out_dtype = spec
            .output_dtype(dtype)
            .ok_or_else(|| backend_error(format!("fft: {spec:?} cannot take {dtype}")))?;
        if spec.n == 0 || spec.axis >= layout.ndim() {
            return Err(backend_error(format!("fft: bad spec {spec:?}")));
        }
        let vals = values(x, layout, dtype)?;
        let shape = layout.shape();
        let len = shape[spec.axis];
        let outer: usize = shape[..spec.axis].iter().product();
        let inner: usize = shape[spec.axis + 1..].iter().product();
        let (n, m, out_len) = (spec.n, spec.input_len(), spec.output_len());
        let mut out = vec![C::new(0.0, 0.0); outer * out_len * inner];
        for o in 0..outer {
            for i in 0..inner {
                let mut line: Vec<C> = (0..m)
                    .map(|k| {
                        if k < len {
                            vals[(o * len + k) * inner + i]
                        } else {
                            C::new(0.0, 0.0)
                        }
                    })
                    .collect();
                let y = match spec.kind {
                    FftKind::C2c | FftKind::R2c => dft(&line, spec.direction, out_len),
                    FftKind::C2r => {
                        // The full Hermitian spectrum of n points from its first n/2 + 1.
                        line[0].im = 0.0;
                        if n % 2 == 0 {
                            line[n / 2].im = 0.0;
                        }
                        let full: Vec<C> = (0..n)
                            .map(|k| if k < m { line[k] } else { line[n - k].conj() })
                            .collect();
                        dft(&full, spec.direction, n)
                            .into_iter()
                            .map(|z| C::new(z.re, 0.0))
                            .collect()
                    }
                };
                for (j, z) in y.into_iter().enumerate() {
                    out[(o * out_len + j) * inner + i] = z * spec.scale;
                }
            }
        }
        store(&out, out_dtype)
    }
}
