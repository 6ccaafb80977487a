//! The transforms: `fft`, `ifft`, `rfft`, `irfft`, `hfft`, `ihfft` along one axis and
//! `fftn`, `ifftn`, `rfftn`, `irfftn` over several, composed from [`FftOps::fft`].

use super::kernels::{FftDirection, FftKind, FftOps, FftSpec};
use crate::array::check_dtype;
use crate::shape::{fmt_shape, normalize_axis};
use crate::{Array, Backend, DType, Error, Layout, Result};

/// The normalization of a forward/inverse transform pair (the standard's `norm`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum FftNorm {
    /// No scaling on the forward transform, `1/n` on the inverse.
    #[default]
    Backward,
    /// `1/sqrt(n)` on both, making the pair unitary.
    Ortho,
    /// `1/n` on the forward transform, none on the inverse.
    Forward,
}

impl FftNorm {
    /// The norm named `"backward"`, `"ortho"` or `"forward"`.
    ///
    /// ```
    /// use xp::fft::FftNorm;
    /// assert_eq!(FftNorm::from_name("ortho"), Some(FftNorm::Ortho));
    /// assert_eq!(FftNorm::from_name("unitary"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<FftNorm> {
        match name {
            "backward" => Some(FftNorm::Backward),
            "ortho" => Some(FftNorm::Ortho),
            "forward" => Some(FftNorm::Forward),
            _ => None,
        }
    }

    /// The standard's name of the norm.
    pub fn name(self) -> &'static str {
        match self {
            FftNorm::Backward => "backward",
            FftNorm::Ortho => "ortho",
            FftNorm::Forward => "forward",
        }
    }

    /// The output scale of a transform of length `n`: `inverse` is the backward side of
    /// the pair (`ifft`, `irfft`, `ihfft`).
    fn scale(self, n: usize, inverse: bool) -> f64 {
        match (self, inverse) {
            (FftNorm::Backward, false) | (FftNorm::Forward, true) => 1.0,
            (FftNorm::Backward, true) | (FftNorm::Forward, false) => 1.0 / n as f64,
            (FftNorm::Ortho, _) => 1.0 / (n as f64).sqrt(),
        }
    }
}

/// `x` in the complex dtype a complex-input transform computes in: complex keeps its
/// dtype, real floats take the complex dtype of their precision, integers and bool
/// `complex128`.
fn to_complex<B: Backend>(x: &Array<B>, op: &'static str) -> Result<Array<B>> {
    let d = match x.dtype.complex_dtype() {
        Some(c) => c,
        None if x.dtype.is_numeric() || x.dtype.is_bool() => DType::Complex128,
        None => {
            return Err(Error::InvalidDType {
                op,
                dtype: x.dtype,
                expected: "a numeric dtype",
            })
        }
    };
    cast(x, d, op)
}

/// `x` in the real dtype a real-input transform computes in: real floats keep their
/// dtype, integers and bool become `float64`; complex input is an error.
fn to_real<B: Backend>(x: &Array<B>, op: &'static str) -> Result<Array<B>> {
    let d = if x.dtype.is_real_floating() {
        x.dtype
    } else if x.dtype.is_integer() || x.dtype.is_bool() {
        DType::Float64
    } else {
        return Err(Error::InvalidDType {
            op,
            dtype: x.dtype,
            expected: "a real-valued dtype",
        });
    };
    cast(x, d, op)
}

fn cast<B: Backend>(x: &Array<B>, d: DType, op: &'static str) -> Result<Array<B>> {
    check_dtype(&x.backend, d, op)?;
    if d == x.dtype {
        Ok(x.clone())
    } else {
        crate::astype(x, d)
    }
}

/// Checks that `x` has at least one dimension.
fn check_nd<B: Backend>(x: &Array<B>, op: &'static str) -> Result<()> {
    if x.ndim() == 0 {
        return Err(Error::invalid(
            op,
            "needs an array of at least one dimension; got a 0-d array",
        ));
    }
    Ok(())
}

fn check_len(n: usize, axis: usize, shape: &[usize], op: &'static str) -> Result<usize> {
    if n == 0 {
        return Err(Error::invalid(
            op,
            format!(
                "invalid number of data points 0 along axis {axis} of an array of shape {}",
                fmt_shape(shape)
            ),
        ));
    }
    Ok(n)
}

/// The default length of a complex-to-real transform over `m` half-spectrum points.
fn c2r_len(m: usize) -> usize {
    2 * m.saturating_sub(1)
}

/// One kernel pass on `x` (already in the compute dtype).
fn pass<B: Backend + FftOps>(
    x: &Array<B>,
    kind: FftKind,
    axis: usize,
    n: usize,
    direction: FftDirection,
    scale: f64,
    op: &'static str,
) -> Result<Array<B>> {
    let spec = FftSpec {
        kind,
        axis,
        n: check_len(n, axis, x.shape(), op)?,
        direction,
        scale,
    };
    let out_dtype = spec
        .output_dtype(x.dtype)
        .ok_or_else(|| Error::invalid(op, format!("kernel cannot take {}", x.dtype)))?;
    check_dtype(&x.backend, out_dtype, op)?;
    let shape = spec.output_shape(x.shape());
    let s = x.backend.fft(spec, &x.storage, &x.layout, x.dtype)?;
    Ok(Array::from_parts(
        s,
        Layout::contiguous(&shape),
        out_dtype,
        x.backend.clone(),
    ))
}

/// A complex pass over `y`, the fresh output of an earlier pass (contiguous and not
/// shared): written over `y`'s own buffer when the axis keeps its length, else as
/// [`pass`].
fn pass_over<B: Backend + FftOps>(
    mut y: Array<B>,
    axis: usize,
    n: usize,
    direction: FftDirection,
    scale: f64,
    op: &'static str,
) -> Result<Array<B>> {
    if n == 0 || y.shape()[axis] != n || !y.layout.is_contiguous() {
        return pass(&y, FftKind::C2c, axis, n, direction, scale, op);
    }
    let spec = FftSpec {
        kind: FftKind::C2c,
        axis,
        n,
        direction,
        scale,
    };
    let shape = y.shape().to_vec();
    y.backend
        .fft_in_place(spec, &mut y.storage, &shape, y.dtype)?;
    Ok(y)
}

/// Which of the 1-D transforms: kind, direction and whether it is the inverse side of
/// its norm pair.
#[derive(Clone, Copy)]
struct OneD {
    kind: FftKind,
    direction: FftDirection,
    inverse: bool,
    op: &'static str,
}

const FFT: OneD = OneD {
    kind: FftKind::C2c,
    direction: FftDirection::Forward,
    inverse: false,
    op: "fft.fft",
};
const IFFT: OneD = OneD {
    kind: FftKind::C2c,
    direction: FftDirection::Inverse,
    inverse: true,
    op: "fft.ifft",
};
const RFFT: OneD = OneD {
    kind: FftKind::R2c,
    direction: FftDirection::Forward,
    inverse: false,
    op: "fft.rfft",
};
const IRFFT: OneD = OneD {
    kind: FftKind::C2r,
    direction: FftDirection::Inverse,
    inverse: true,
    op: "fft.irfft",
};
const HFFT: OneD = OneD {
    kind: FftKind::C2r,
    direction: FftDirection::Forward,
    inverse: false,
    op: "fft.hfft",
};
const IHFFT: OneD = OneD {
    kind: FftKind::R2c,
    direction: FftDirection::Inverse,
    inverse: true,
    op: "fft.ihfft",
};

fn one_d<B: Backend + FftOps>(
    t: OneD,
    x: &Array<B>,
    n: Option<usize>,
    axis: isize,
    norm: FftNorm,
) -> Result<Array<B>> {
    check_nd(x, t.op)?;
    let ax = normalize_axis(axis, x.ndim(), t.op)?;
    let x = match t.kind {
        FftKind::R2c => to_real(x, t.op)?,
        _ => to_complex(x, t.op)?,
    };
    let m = x.shape()[ax];
    let n = n.unwrap_or(match t.kind {
        FftKind::C2r => c2r_len(m),
        _ => m,
    });
    let scale = norm.scale(n.max(1), t.inverse);
    pass(&x, t.kind, ax, n, t.direction, scale, t.op)
}

/// The discrete Fourier transform along `axis`, of length `n` (the input is cropped or
/// zero-padded; default: its length along `axis`): `y_k = Σ_j x_j exp(-2πi jk/n)`,
/// scaled by `norm`.
///
/// Complex input keeps its dtype; float32 gives complex64 and float64, integers and bool
/// give complex128. A 0-d input, an out-of-range `axis` or a length of 0 is an error.
///
/// ```
/// use xp::prelude::*;
/// use xp::fft::FftNorm;
/// let x = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0], [4], &Cpu)?;
/// let y = xp::fft::fft(&x, None, -1, FftNorm::Backward)?;
/// assert_eq!(y.dtype(), DType::Complex128);
/// let v = y.to_vec::<xp::Complex64>()?;
/// assert_eq!((v[0].re, v[2].re), (10.0, -2.0));
/// assert!((v[1].re + 2.0).abs() < 1e-12 && (v[1].im - 2.0).abs() < 1e-12);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn fft<B: Backend + FftOps>(
    x: &Array<B>,
    n: Option<usize>,
    axis: isize,
    norm: FftNorm,
) -> Result<Array<B>> {
    one_d(FFT, x, n, axis, norm)
}

/// The inverse of [`fft`]: `y_j = Σ_k x_k exp(+2πi jk/n)`, scaled by `norm` (`1/n` for
/// `Backward`). Arguments and dtypes as for [`fft`].
///
/// ```
/// use xp::prelude::*;
/// use xp::fft::{fft, ifft, FftNorm};
/// let x = Array::from_vec(vec![1.0f32, -2.0, 0.5], [3], &Cpu)?;
/// let back = ifft(&fft(&x, None, 0, FftNorm::Ortho)?, None, 0, FftNorm::Ortho)?;
/// assert_eq!(back.dtype(), DType::Complex64);
/// assert!((back.to_vec::<xp::Complex32>()?[1].re + 2.0).abs() < 1e-6);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn ifft<B: Backend + FftOps>(
    x: &Array<B>,
    n: Option<usize>,
    axis: isize,
    norm: FftNorm,
) -> Result<Array<B>> {
    one_d(IFFT, x, n, axis, norm)
}

/// The transform of real input along `axis`: the `n / 2 + 1` non-negative frequency
/// terms of [`fft`] (the rest follow by Hermitian symmetry). float32 gives complex64;
/// float64, integers and bool give complex128; complex input is `Err(InvalidDType)`.
///
/// ```
/// use xp::prelude::*;
/// use xp::fft::{rfft, FftNorm};
/// let x = Array::from_vec(vec![1.0, 0.0, -1.0, 0.0], [4], &Cpu)?;
/// let y = rfft(&x, None, -1, FftNorm::Backward)?;
/// assert_eq!(y.shape(), &[3]);
/// assert_eq!(y.to_vec::<xp::Complex64>()?[1].re, 2.0);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn rfft<B: Backend + FftOps>(
    x: &Array<B>,
    n: Option<usize>,
    axis: isize,
    norm: FftNorm,
) -> Result<Array<B>> {
    one_d(RFFT, x, n, axis, norm)
}

/// The inverse of [`rfft`]: from the `n / 2 + 1` non-negative frequency terms (cropped or
/// zero-padded) to `n` real points (default `n = 2 (m - 1)` for `m` input points). The
/// imaginary parts of the zero-frequency term and, for even `n`, of the Nyquist term are
/// ignored. complex64 gives float32; complex128, float64, integers and bool give float64
/// (real input is taken as a spectrum with zero imaginary parts, as NumPy does).
///
/// ```
/// use xp::prelude::*;
/// use xp::fft::{irfft, rfft, FftNorm};
/// let x = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0, 5.0], [5], &Cpu)?;
/// let back = irfft(&rfft(&x, None, 0, FftNorm::Backward)?, Some(5), 0, FftNorm::Backward)?;
/// assert!((back.to_vec::<f64>()?[4] - 5.0).abs() < 1e-12);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn irfft<B: Backend + FftOps>(
    x: &Array<B>,
    n: Option<usize>,
    axis: isize,
    norm: FftNorm,
) -> Result<Array<B>> {
    one_d(IRFFT, x, n, axis, norm)
}

/// The transform of a Hermitian-symmetric signal given by its first `n / 2 + 1` points:
/// `n` real points (default `n = 2 (m - 1)`), equal to `irfft(conj(x))` with the opposite
/// normalization. Dtypes as for [`irfft`].
///
/// ```
/// use xp::prelude::*;
/// use xp::fft::{hfft, FftNorm};
/// let x = Array::from_vec(vec![xp::Complex64::new(1.0, 0.0), xp::Complex64::new(0.0, 1.0)], [2], &Cpu)?;
/// // The full signal is [1, i, -i]; its transform is real.
/// let y = hfft(&x, Some(3), 0, FftNorm::Backward)?.to_vec::<f64>()?;
/// assert!((y[0] - 1.0).abs() < 1e-12 && (y[1] - 1.0 - 3f64.sqrt()).abs() < 1e-12);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn hfft<B: Backend + FftOps>(
    x: &Array<B>,
    n: Option<usize>,
    axis: isize,
    norm: FftNorm,
) -> Result<Array<B>> {
    one_d(HFFT, x, n, axis, norm)
}

/// The inverse of [`hfft`]: the first `n / 2 + 1` points of the Hermitian spectrum of a
/// real signal, `conj(rfft(x))` with the opposite normalization. Dtypes as for [`rfft`].
///
/// ```
/// use xp::prelude::*;
/// use xp::fft::{hfft, ihfft, FftNorm};
/// let x = Array::from_vec(vec![2.0, 1.0, 0.0, 1.0], [4], &Cpu)?;
/// let back = hfft(&ihfft(&x, None, 0, FftNorm::Backward)?, Some(4), 0, FftNorm::Backward)?;
/// assert!((back.to_vec::<f64>()?[0] - 2.0).abs() < 1e-12);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn ihfft<B: Backend + FftOps>(
    x: &Array<B>,
    n: Option<usize>,
    axis: isize,
    norm: FftNorm,
) -> Result<Array<B>> {
    one_d(IHFFT, x, n, axis, norm)
}

/// Resolves `s` and `axes` of an n-dimensional transform: `(axes, lengths)`. No `axes`:
/// the last `len(s)` axes, or every axis when `s` is also absent. No `s`: the input's
/// lengths along `axes` (with the last replaced by `2 (m - 1)` when `c2r_last`). Axes may
/// repeat (the transform is applied again, as NumPy does).
fn resolve(
    shape: &[usize],
    s: Option<&[usize]>,
    axes: Option<&[isize]>,
    c2r_last: bool,
    op: &'static str,
) -> Result<(Vec<usize>, Vec<usize>)> {
    let nd = shape.len();
    let axes: Vec<usize> = match (axes, s) {
        (Some(a), _) => a
            .iter()
            .map(|&ax| normalize_axis(ax, nd, op))
            .collect::<Result<_>>()?,
        (None, Some(s)) => {
            if s.len() > nd {
                return Err(Error::invalid(
                    op,
                    format!(
                        "s {s:?} has more entries than the array has dimensions (shape {})",
                        fmt_shape(shape)
                    ),
                ));
            }
            (nd - s.len()..nd).collect()
        }
        (None, None) => (0..nd).collect(),
    };
    let lens = match s {
        Some(s) => {
            if s.len() != axes.len() {
                return Err(Error::invalid(
                    op,
                    format!("s {s:?} and axes {axes:?} differ in length"),
                ));
            }
            s.to_vec()
        }
        None => {
            let mut l: Vec<usize> = axes.iter().map(|&a| shape[a]).collect();
            if c2r_last {
                if let Some(last) = l.last_mut() {
                    *last = c2r_len(*last);
                }
            }
            l
        }
    };
    Ok((axes, lens))
}

fn c2c_nd<B: Backend + FftOps>(
    x: &Array<B>,
    s: Option<&[usize]>,
    axes: Option<&[isize]>,
    norm: FftNorm,
    inverse: bool,
    op: &'static str,
) -> Result<Array<B>> {
    check_nd(x, op)?;
    let (axes, lens) = resolve(x.shape(), s, axes, false, op)?;
    let direction = if inverse {
        FftDirection::Inverse
    } else {
        FftDirection::Forward
    };
    let mut y = to_complex(x, op)?;
    for (i, (&ax, &n)) in axes.iter().zip(&lens).rev().enumerate() {
        let scale = norm.scale(n.max(1), inverse);
        y = if i == 0 {
            pass(&y, FftKind::C2c, ax, n, direction, scale, op)?
        } else {
            pass_over(y, ax, n, direction, scale, op)?
        };
    }
    Ok(y)
}

/// The n-dimensional [`fft`] over `axes` (default: the last `len(s)` axes, or all) with
/// lengths `s` (default: the input's along `axes`), one 1-D pass per axis, the last axis
/// first (passes after the first write over its output when they keep the length: one
/// new buffer in all). An explicit empty `axes` transforms nothing (the input converted to its complex
/// dtype). Dtypes as for [`fft`].
///
/// ```
/// use xp::prelude::*;
/// use xp::fft::{fftn, FftNorm};
/// let x = xp::ones([2, 3], DType::Float64, &Cpu)?;
/// let y = fftn(&x, None, None, FftNorm::Backward)?.to_vec::<xp::Complex64>()?;
/// assert_eq!(y[0].re, 6.0);
/// assert!(y[1..].iter().all(|z| z.norm() < 1e-12));
/// # Ok::<(), xp::Error>(())
/// ```
pub fn fftn<B: Backend + FftOps>(
    x: &Array<B>,
    s: Option<&[usize]>,
    axes: Option<&[isize]>,
    norm: FftNorm,
) -> Result<Array<B>> {
    c2c_nd(x, s, axes, norm, false, "fft.fftn")
}

/// The n-dimensional [`ifft`]; arguments as for [`fftn`].
///
/// ```
/// use xp::prelude::*;
/// use xp::fft::{fftn, ifftn, FftNorm};
/// let x = xp::reshape(&xp::arange(0.0, 6.0, 1.0, None, &Cpu)?, [2, 3], None)?;
/// let back = ifftn(&fftn(&x, None, None, FftNorm::Forward)?, None, None, FftNorm::Forward)?;
/// assert!((back.to_vec::<xp::Complex64>()?[5].re - 5.0).abs() < 1e-12);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn ifftn<B: Backend + FftOps>(
    x: &Array<B>,
    s: Option<&[usize]>,
    axes: Option<&[isize]>,
    norm: FftNorm,
) -> Result<Array<B>> {
    c2c_nd(x, s, axes, norm, true, "fft.ifftn")
}

/// The n-dimensional [`rfft`]: a real-to-complex pass over the last of `axes` (giving
/// `s[-1] / 2 + 1` points), then complex passes over the others. Arguments as for
/// [`fftn`]; `axes` must not be empty. Dtypes as for [`rfft`].
///
/// ```
/// use xp::prelude::*;
/// use xp::fft::{rfftn, FftNorm};
/// let x = xp::ones([2, 4], DType::Float64, &Cpu)?;
/// let y = rfftn(&x, None, None, FftNorm::Backward)?;
/// assert_eq!(y.shape(), &[2, 3]);
/// assert_eq!(y.to_vec::<xp::Complex64>()?[0].re, 8.0);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn rfftn<B: Backend + FftOps>(
    x: &Array<B>,
    s: Option<&[usize]>,
    axes: Option<&[isize]>,
    norm: FftNorm,
) -> Result<Array<B>> {
    const OP: &str = "fft.rfftn";
    check_nd(x, OP)?;
    let (axes, lens) = resolve(x.shape(), s, axes, false, OP)?;
    let (Some(&last), Some(&n_last)) = (axes.last(), lens.last()) else {
        return Err(Error::invalid(OP, "needs at least one axis to transform"));
    };
    let x = to_real(x, OP)?;
    let mut y = pass(
        &x,
        FftKind::R2c,
        last,
        n_last,
        FftDirection::Forward,
        norm.scale(n_last.max(1), false),
        OP,
    )?;
    let k = axes.len() - 1;
    for (&ax, &n) in axes[..k].iter().zip(&lens[..k]).rev() {
        let scale = norm.scale(n.max(1), false);
        y = pass_over(y, ax, n, FftDirection::Forward, scale, OP)?;
    }
    Ok(y)
}

/// The inverse of [`rfftn`]: complex inverse passes over all but the last of `axes`, then
/// a complex-to-real pass over the last (default length `2 (m - 1)`). Arguments as for
/// [`fftn`]; `axes` must not be empty. Dtypes as for [`irfft`].
///
/// ```
/// use xp::prelude::*;
/// use xp::fft::{irfftn, rfftn, FftNorm};
/// let x = xp::reshape(&xp::arange(0.0, 12.0, 1.0, None, &Cpu)?, [3, 4], None)?;
/// let back = irfftn(&rfftn(&x, None, None, FftNorm::Backward)?, Some(&[3, 4]), None, FftNorm::Backward)?;
/// assert!((back.to_vec::<f64>()?[7] - 7.0).abs() < 1e-12);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn irfftn<B: Backend + FftOps>(
    x: &Array<B>,
    s: Option<&[usize]>,
    axes: Option<&[isize]>,
    norm: FftNorm,
) -> Result<Array<B>> {
    const OP: &str = "fft.irfftn";
    check_nd(x, OP)?;
    let (axes, lens) = resolve(x.shape(), s, axes, true, OP)?;
    let (Some(&last), Some(&n_last)) = (axes.last(), lens.last()) else {
        return Err(Error::invalid(OP, "needs at least one axis to transform"));
    };
    let mut y = to_complex(x, OP)?;
    let k = axes.len() - 1;
    for (i, (&ax, &n)) in axes[..k].iter().zip(&lens[..k]).enumerate() {
        let scale = norm.scale(n.max(1), true);
        y = if i == 0 {
            pass(&y, FftKind::C2c, ax, n, FftDirection::Inverse, scale, OP)?
        } else {
            pass_over(y, ax, n, FftDirection::Inverse, scale, OP)?
        };
    }
    pass(
        &y,
        FftKind::C2r,
        last,
        n_last,
        FftDirection::Inverse,
        norm.scale(n_last.max(1), true),
        OP,
    )
}
