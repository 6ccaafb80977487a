//! Reference creation kernels: `full`, `arange`, `linspace`.

use super::{backend_error, RefStorage, Reference};
use array_api::{with_dtype, Complex64, CreationOps, DType, Element, Error, Result, Scalar};
use std::sync::Arc;

fn unsupported(op: &'static str, dtype: DType) -> Error {
    Error::UnsupportedDType {
        op,
        dtype,
        backend: "reference".into(),
    }
}

/// `arange` for a real floating dtype `T`, exactly as NumPy's `arange` + `fill`: the first
/// two values are computed in `f64` and rounded to `T`, then `delta = x1 - x0` and
/// `x[i] = x0 + i * delta`, all in `T`'s precision.
macro_rules! float_arange {
    ($t:ty, $len:expr, $start:expr, $step:expr) => {{
        let (len, start, step): (usize, f64, f64) = ($len, $start, $step);
        let x0 = start as $t;
        let x1 = (start + step) as $t;
        let delta = x1 - x0;
        let mut v: Vec<$t> = Vec::with_capacity(len);
        for i in 0..len {
            let x = match i {
                0 => x0,
                1 => x1,
                _ => x0 + (i as $t) * delta,
            };
            v.push(x);
        }
        <$t as Element>::into_host(v)
    }};
}

/// Complex division exactly as NumPy's `complex128` `true_divide` loop (Smith's method,
/// multiplying by the reciprocal of the scaled denominator).
fn numpy_complex_div(a: Complex64, b: Complex64) -> Complex64 {
    let (ar, ai, br, bi) = (a.re, a.im, b.re, b.im);
    if br.abs() >= bi.abs() {
        if br == 0.0 && bi == 0.0 {
            Complex64::new(ar / br.abs(), ai / br.abs())
        } else {
            let rat = bi / br;
            let scl = 1.0 / (br + bi * rat);
            Complex64::new((ar + ai * rat) * scl, (ai - ar * rat) * scl)
        }
    } else {
        let rat = br / bi;
        let scl = 1.0 / (bi + br * rat);
        Complex64::new((ar * rat + ai) * scl, (ai * rat - ar) * scl)
    }
}

/// NumPy's `linspace` in complex128 (real inputs have a zero imaginary part): returns the
/// values before the final cast.
fn linspace_values(
    len: usize,
    start: Complex64,
    stop: Complex64,
    endpoint: bool,
    real: bool,
) -> Vec<Complex64> {
    let div = if endpoint { len.saturating_sub(1) } else { len };
    let delta = stop - start;
    let mul = |i: f64, d: Complex64| -> Complex64 {
        if real {
            Complex64::new(i * d.re, 0.0)
        } else {
            // NumPy multiplies the float64 ramp (promoted to complex, i + 0j) by a complex
            Complex64::new(i, 0.0) * d
        }
    };
    let div_c = |d: Complex64, n: f64| -> Complex64 {
        if real {
            Complex64::new(d.re / n, 0.0)
        } else {
            // complex / real scalar: NumPy promotes the divisor to complex (n + 0j)
            numpy_complex_div(d, Complex64::new(n, 0.0))
        }
    };
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        let fi = i as f64;
        let y = if div > 0 {
            let step = div_c(delta, div as f64);
            if step.re == 0.0 && step.im == 0.0 {
                // NumPy's special case for denormal steps: (i / div) * delta
                mul(fi / div as f64, delta)
            } else {
                mul(fi, step)
            }
        } else {
            mul(fi, delta)
        };
        let y = if real {
            Complex64::new(y.re + start.re, 0.0)
        } else {
            y + start
        };
        out.push(y);
    }
    if endpoint && len > 1 {
        out[len - 1] = stop;
    }
    out
}

impl CreationOps for Reference {
    fn full(&self, len: usize, value: Scalar, dtype: DType) -> Result<RefStorage> {
        let data = with_dtype!(dtype, T => T::into_host(vec![T::from_scalar(value); len]), else => return Err(unsupported("full", dtype)));
        Ok(RefStorage(Arc::new(data)))
    }

    fn arange(&self, len: usize, start: Scalar, step: Scalar, dtype: DType) -> Result<RefStorage> {
        let data = if dtype.is_integer() {
            let (Scalar::Int(s), Scalar::Int(d)) = (start, step) else {
                return Err(backend_error(format!(
                    "arange: integer dtype {dtype} needs integer start and step, got {start} and {step}"
                )));
            };
            with_dtype!(dtype, T => {
                let mut v: Vec<T> = Vec::with_capacity(len);
                for i in 0..len {
                    v.push(T::from_scalar(Scalar::Int(s + i as i128 * d)));
                }
                T::into_host(v)
            }, else => unreachable!("integer dtype"))
        } else {
            match dtype {
                DType::Float32 => float_arange!(f32, len, start.to_f64(), step.to_f64()),
                DType::Float64 => float_arange!(f64, len, start.to_f64(), step.to_f64()),
                DType::String => return Err(unsupported("arange", dtype)),
                _ => {
                    return Err(Error::InvalidDType {
                        op: "arange",
                        dtype,
                        expected: "a real numeric dtype",
                    })
                }
            }
        };
        Ok(RefStorage(Arc::new(data)))
    }

    fn linspace(
        &self,
        len: usize,
        start: Scalar,
        stop: Scalar,
        endpoint: bool,
        dtype: DType,
    ) -> Result<RefStorage> {
        if !dtype.is_floating() {
            return Err(Error::InvalidDType {
                op: "linspace",
                dtype,
                expected: "a floating-point dtype",
            });
        }
        let real = dtype.is_real_floating();
        let (a, b) = if real {
            (
                Complex64::new(start.to_f64(), 0.0),
                Complex64::new(stop.to_f64(), 0.0),
            )
        } else {
            (start.to_complex(), stop.to_complex())
        };
        let values = linspace_values(len, a, b, endpoint, real);
        let data = with_dtype!(dtype, T => {
            let v: Vec<T> = values
                .iter()
                .map(|&c| T::from_scalar(if real { Scalar::Float(c.re) } else { Scalar::Complex(c) }))
                .collect();
            T::into_host(v)
        }, else => unreachable!("floating dtype"));
        Ok(RefStorage(Arc::new(data)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use array_api::HostData;

    fn host(s: RefStorage) -> HostData {
        (*s.0).clone()
    }

    #[test]
    fn arange_like_numpy() {
        let r = Reference;
        let a = r
            .arange(4, Scalar::Int(5), Scalar::Int(-2), DType::Int8)
            .unwrap();
        assert_eq!(host(a), HostData::Int8(vec![5, 3, 1, -1]));
        // np.arange(0, 1, 0.1, dtype=np.float32)[3] == 0.3 (rounded from 0.1f32 * 3)
        let f = host(
            r.arange(10, Scalar::Float(0.0), Scalar::Float(0.1), DType::Float32)
                .unwrap(),
        );
        let v = f.to_vec::<f32>().unwrap();
        assert_eq!(v[1], 0.1f32);
        assert_eq!(v[3], 3.0f32 * 0.1f32);
        let d = host(
            r.arange(3, Scalar::Float(1.0), Scalar::Float(0.5), DType::Float64)
                .unwrap(),
        );
        assert_eq!(d, HostData::Float64(vec![1.0, 1.5, 2.0]));
        assert!(r
            .arange(2, Scalar::Float(0.0), Scalar::Float(1.0), DType::Complex64)
            .is_err());
    }

    #[test]
    fn linspace_like_numpy() {
        let r = Reference;
        let l = host(
            r.linspace(
                5,
                Scalar::Float(0.0),
                Scalar::Float(1.0),
                true,
                DType::Float64,
            )
            .unwrap(),
        );
        assert_eq!(l, HostData::Float64(vec![0.0, 0.25, 0.5, 0.75, 1.0]));
        let l = host(
            r.linspace(
                4,
                Scalar::Float(0.0),
                Scalar::Float(1.0),
                false,
                DType::Float64,
            )
            .unwrap(),
        );
        assert_eq!(l, HostData::Float64(vec![0.0, 0.25, 0.5, 0.75]));
        let one = host(
            r.linspace(
                1,
                Scalar::Float(2.0),
                Scalar::Float(3.0),
                true,
                DType::Float32,
            )
            .unwrap(),
        );
        assert_eq!(one, HostData::Float32(vec![2.0]));
        let none = host(
            r.linspace(
                0,
                Scalar::Float(2.0),
                Scalar::Float(3.0),
                true,
                DType::Float32,
            )
            .unwrap(),
        );
        assert_eq!(none, HostData::Float32(vec![]));
        let c = host(
            r.linspace(
                3,
                Scalar::Complex(Complex64::new(0.0, 0.0)),
                Scalar::Complex(Complex64::new(2.0, 4.0)),
                true,
                DType::Complex128,
            )
            .unwrap(),
        );
        assert_eq!(
            c,
            HostData::Complex128(vec![
                Complex64::new(0.0, 0.0),
                Complex64::new(1.0, 2.0),
                Complex64::new(2.0, 4.0)
            ])
        );
        assert!(r
            .linspace(
                2,
                Scalar::Float(0.0),
                Scalar::Float(1.0),
                true,
                DType::Int32
            )
            .is_err());
    }

    #[test]
    fn full_casts_the_value() {
        let r = Reference;
        assert_eq!(
            host(r.full(3, Scalar::Float(2.9), DType::UInt8).unwrap()),
            HostData::UInt8(vec![2, 2, 2])
        );
        assert!(r.full(3, Scalar::Int(1), DType::String).is_err());
    }
}
