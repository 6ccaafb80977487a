//! Creation kernels: `full`, `arange`, `linspace`.

use crate::cast::CastTo;
use crate::storage::{unsupported, CpuStorage};
use array_api::{with_dtype, Complex32, Complex64, DType, Element, Error, Result, Scalar};

/// `CreationOps::full`: `len` copies of `value` converted with [`Element::from_scalar`].
pub fn full(len: usize, value: Scalar, dtype: DType) -> Result<CpuStorage> {
    with_dtype!(dtype, T => Ok(CpuStorage::from_vec(crate::alloc::filled(len, T::from_scalar(value)))),
        else => Err(unsupported("full", dtype)))
}

/// `CreationOps::output`: `len` elements the caller's kernel overwrites, from
/// [`crate::alloc::for_output`] (no zeroing pass below [`crate::alloc::HUGE`] bytes).
pub fn output(len: usize, dtype: DType) -> Result<CpuStorage> {
    with_dtype!(dtype, T => Ok(CpuStorage::from_vec(crate::alloc::for_output::<T>(len))),
        else => Err(unsupported("output", dtype)))
}

/// `CreationOps::arange`: `start + i * step` for `i in 0..len`.
///
/// Integer dtypes compute exactly (modulo 2^64, then wrapped to the dtype as
/// [`Element::from_scalar`] wraps an exact integer, so the result is the exact value
/// whenever it fits). Float dtypes follow NumPy's `arange` bit for bit: the first two
/// elements are `start` and `start + step` (added in `f64`) converted to the dtype, and
/// element `i` is `y0 + i * (y1 - y0)` computed in the dtype's precision.
pub fn arange(len: usize, start: Scalar, step: Scalar, dtype: DType) -> Result<CpuStorage> {
    const OP: &str = "arange";
    let int_args = || -> Result<(i64, i64)> {
        match (start.to_i128(), step.to_i128()) {
            // Truncating to 64 bits keeps the exact result modulo 2^64.
            (Some(a), Some(b)) => Ok((a as i64, b as i64)),
            _ => Err(Error::invalid(
                OP,
                format!(
                    "integer dtype {dtype} needs integer start and step, got {start} and {step}"
                ),
            )),
        }
    };
    match dtype {
        DType::Int8 => int_arange::<i8>(len, int_args()?),
        DType::Int16 => int_arange::<i16>(len, int_args()?),
        DType::Int32 => int_arange::<i32>(len, int_args()?),
        DType::Int64 => int_arange::<i64>(len, int_args()?),
        DType::UInt8 => int_arange::<u8>(len, int_args()?),
        DType::UInt16 => int_arange::<u16>(len, int_args()?),
        DType::UInt32 => int_arange::<u32>(len, int_args()?),
        DType::UInt64 => int_arange::<u64>(len, int_args()?),
        DType::Float64 => {
            let (a, b) = (start.to_f64(), step.to_f64());
            let y0 = a;
            let y1 = a + b;
            let d = y1 - y0;
            Ok(CpuStorage::from_vec(float_fill(len, y0, y1, |i| {
                y0 + i as f64 * d
            })))
        }
        DType::Float32 => {
            let (a, b) = (start.to_f64(), step.to_f64());
            let y0 = a as f32;
            let y1 = (a + b) as f32;
            let d = y1 - y0;
            Ok(CpuStorage::from_vec(float_fill(len, y0, y1, |i| {
                y0 + i as f32 * d
            })))
        }
        DType::String => Err(unsupported(OP, dtype)),
        _ => Err(Error::InvalidDType {
            op: OP,
            dtype,
            expected: "a real numeric dtype",
        }),
    }
}

fn int_arange<T: Element>(len: usize, (start, step): (i64, i64)) -> Result<CpuStorage>
where
    i64: CastTo<T>,
{
    let v: Vec<T> = (0..len)
        .map(|i| start.wrapping_add((i as i64).wrapping_mul(step)).cast_to())
        .collect();
    Ok(CpuStorage::from_vec(v))
}

fn float_fill<F: Copy>(len: usize, y0: F, y1: F, f: impl Fn(usize) -> F) -> Vec<F> {
    (0..len)
        .map(|i| match i {
            0 => y0,
            1 => y1,
            _ => f(i),
        })
        .collect()
}

/// `CreationOps::linspace`, as NumPy computes it (in `f64` / `complex128`, then converted
/// to the dtype): `div = len - 1` with `endpoint`, else `len`; `step = (stop - start) /
/// div`; `y[i] = i * step + start` (or `(i / div) * delta + start` when `step`
/// underflows to zero); the last element is exactly `stop` with `endpoint` and `len > 1`.
pub fn linspace(
    len: usize,
    start: Scalar,
    stop: Scalar,
    endpoint: bool,
    dtype: DType,
) -> Result<CpuStorage> {
    const OP: &str = "linspace";
    let div = if endpoint { len.saturating_sub(1) } else { len } as f64;
    match dtype {
        DType::Float64 | DType::Float32 => {
            let (a, b) = (start.to_f64(), stop.to_f64());
            let delta = b - a;
            let step = delta / div;
            let mut y: Vec<f64> = (0..len)
                .map(|i| {
                    let i = i as f64;
                    if div > 0.0 {
                        if step == 0.0 {
                            (i / div) * delta + a
                        } else {
                            i * step + a
                        }
                    } else {
                        i * delta + a
                    }
                })
                .collect();
            if endpoint && len > 1 {
                y[len - 1] = b;
            }
            Ok(if dtype == DType::Float64 {
                CpuStorage::from_vec(y)
            } else {
                CpuStorage::from_vec(y.into_iter().map(|x| x as f32).collect::<Vec<f32>>())
            })
        }
        DType::Complex128 | DType::Complex64 => {
            let (a, b) = (start.to_complex(), stop.to_complex());
            let delta = b - a;
            let step = div_by_real(delta, div);
            let zero_step = step.re == 0.0 && step.im == 0.0;
            let mut y: Vec<Complex64> = (0..len)
                .map(|i| {
                    let i = Complex64::new(i as f64, 0.0);
                    if div > 0.0 {
                        if zero_step {
                            div_by_real(i, div) * delta + a
                        } else {
                            i * step + a
                        }
                    } else {
                        i * delta + a
                    }
                })
                .collect();
            if endpoint && len > 1 {
                y[len - 1] = b;
            }
            Ok(if dtype == DType::Complex128 {
                CpuStorage::from_vec(y)
            } else {
                let v: Vec<Complex32> = y.into_iter().map(|z| z.cast_to()).collect();
                CpuStorage::from_vec(v)
            })
        }
        DType::String => Err(unsupported(OP, dtype)),
        _ => Err(Error::InvalidDType {
            op: OP,
            dtype,
            expected: "a floating-point dtype",
        }),
    }
}

/// `z / (d + 0j)` exactly as NumPy's complex division (Smith's method) computes it.
fn div_by_real(z: Complex64, d: f64) -> Complex64 {
    let (br, bi) = (d, 0.0f64);
    if br.abs() == 0.0 {
        return Complex64::new(z.re / br.abs(), z.im / br.abs());
    }
    let rat = bi / br;
    let scl = 1.0 / (br + bi * rat);
    Complex64::new((z.re + z.im * rat) * scl, (z.im - z.re * rat) * scl)
}
