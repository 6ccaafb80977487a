//! The helper functions: `fftfreq`, `rfftfreq`, `fftshift`, `ifftshift`.

use crate::array::check_dtype;
use crate::shape::normalize_axis;
use crate::{Array, Backend, DType, Error, Result};

/// The sample frequencies `i / (d n)` (as `i * (1 / (d n))`, NumPy's rounding) for the
/// signed indices `i`, computed in `float64` and rounded once to `dtype`.
fn frequencies<B: Backend>(
    idx: Vec<f64>,
    n: usize,
    d: f64,
    dtype: Option<DType>,
    device: &B,
    op: &'static str,
) -> Result<Array<B>> {
    let dtype = dtype.unwrap_or(DType::DEFAULT_FLOAT);
    if !dtype.is_real_floating() {
        return Err(Error::InvalidDType {
            op,
            dtype,
            expected: "a real floating dtype",
        });
    }
    check_dtype(device, dtype, op)?;
    if n == 0 {
        return Err(Error::invalid(op, "n must be positive; got 0"));
    }
    let step = d * n as f64;
    if step == 0.0 || !step.is_finite() {
        return Err(Error::invalid(
            op,
            format!("the sample spacing d = {d} gives no finite nonzero d * n"),
        ));
    }
    let val = 1.0 / step;
    let v: Vec<f64> = idx.into_iter().map(|i| i * val).collect();
    let len = v.len();
    let a = Array::from_vec(v, [len], device)?;
    if dtype == DType::Float64 {
        Ok(a)
    } else {
        crate::astype(&a, dtype)
    }
}

/// The `n` sample frequencies of [`fft`](super::fft) for sample spacing `d`, in cycles per
/// unit: `[0, 1, ..., ceil(n/2) - 1, -floor(n/2), ..., -1] / (d n)`. `dtype` is a real
/// floating dtype (default float64). `n == 0` or `d n` zero or not finite is an error.
///
/// ```
/// use xp::prelude::*;
/// let f = xp::fft::fftfreq(5, 0.5, None, &Cpu)?;
/// assert_eq!(f.to_vec::<f64>()?, vec![0.0, 0.4, 0.8, -0.8, -0.4]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn fftfreq<B: Backend>(n: usize, d: f64, dtype: Option<DType>, device: &B) -> Result<Array<B>> {
    let pos = n.div_ceil(2);
    let idx = (0..n)
        .map(|i| {
            if i < pos {
                i as f64
            } else {
                i as f64 - n as f64
            }
        })
        .collect();
    frequencies(idx, n, d, dtype, device, "fft.fftfreq")
}

/// The `n / 2 + 1` non-negative sample frequencies of [`rfft`](super::rfft):
/// `[0, 1, ..., n/2] / (d n)`. Arguments as for [`fftfreq`].
///
/// ```
/// use xp::prelude::*;
/// let f = xp::fft::rfftfreq(4, 1.0, Some(DType::Float32), &Cpu)?;
/// assert_eq!(f.to_vec::<f32>()?, vec![0.0, 0.25, 0.5]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn rfftfreq<B: Backend>(
    n: usize,
    d: f64,
    dtype: Option<DType>,
    device: &B,
) -> Result<Array<B>> {
    let idx = (0..n / 2 + 1).map(|i| i as f64).collect();
    frequencies(idx, n, d, dtype, device, "fft.rfftfreq")
}

fn shift<B: Backend>(
    x: &Array<B>,
    axes: Option<&[isize]>,
    inverse: bool,
    op: &'static str,
) -> Result<Array<B>> {
    let axes: Vec<isize> = match axes {
        Some(a) => a.to_vec(),
        None => (0..x.ndim() as isize).collect(),
    };
    let mut shifts = Vec::with_capacity(axes.len());
    for &a in &axes {
        let n = x.shape()[normalize_axis(a, x.ndim(), op)?] as isize;
        shifts.push(if inverse { -(n / 2) } else { n / 2 });
    }
    crate::roll(x, &shifts, Some(&axes))
}

/// The zero-frequency term moved to the centre: each of `axes` (default all) rolled by
/// `n / 2`. Copies once (a roll).
///
/// ```
/// use xp::prelude::*;
/// let f = xp::fft::fftfreq(5, 1.0, None, &Cpu)?;
/// let s = xp::fft::fftshift(&(&f * 5.0), None)?;
/// assert_eq!(s.to_vec::<f64>()?, vec![-2.0, -1.0, 0.0, 1.0, 2.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn fftshift<B: Backend>(x: &Array<B>, axes: Option<&[isize]>) -> Result<Array<B>> {
    shift(x, axes, false, "fft.fftshift")
}

/// The inverse of [`fftshift`]: each of `axes` (default all) rolled by `-(n / 2)`.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::arange(0, 5, 1, None, &Cpu)?;
/// let back = xp::fft::ifftshift(&xp::fft::fftshift(&x, None)?, None)?;
/// assert_eq!(back.to_vec::<i64>()?, vec![0, 1, 2, 3, 4]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn ifftshift<B: Backend>(x: &Array<B>, axes: Option<&[isize]>) -> Result<Array<B>> {
    shift(x, axes, true, "fft.ifftshift")
}
