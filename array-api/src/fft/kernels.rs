//! [`FftOps`]: the discrete Fourier transform kernel contract.
//!
//! GPU-friendly by design: one required method, a **batched 1-D transform along one axis** of an
//! arbitrarily strided layout, described by an [`FftSpec`]: complex-to-complex,
//! real-to-complex (the non-negative half of the spectrum) or complex-to-real (a
//! Hermitian half-spectrum back to a real signal), with an exponent sign and an output
//! scale. Zero-padding and cropping to the transform length happen in the kernel (it
//! reads the first `min(len, m)` input elements of each line and treats the rest as
//! zeros), so the front end never materialises a padded copy. The front end composes
//! n-dimensional transforms, `norm` scaling and `hfft`/`ihfft` from these.
//!
//! Transitional: `FftOps` is not (yet) part of [`Backend`](crate::Backend), because the
//! WebGPU and CUDA backends do not implement it; the `xp::fft` functions are bounded by
//! `B: Backend + FftOps`.

use crate::backend::BackendCore;
use crate::{DType, Layout, Result};

/// What a transform maps from and to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FftKind {
    /// Complex to complex: `n` input elements (padded/cropped) to `n` outputs, in the same
    /// complex dtype.
    C2c,
    /// Real to complex: `n` real inputs (padded/cropped) to the `n / 2 + 1` non-negative
    /// frequency terms, in the complex dtype of the input's precision.
    R2c,
    /// Complex to real: the `n / 2 + 1` non-negative frequency terms of a Hermitian
    /// spectrum (padded/cropped) to `n` real outputs, in the real dtype of the input's
    /// precision. The imaginary parts of the zero-frequency term and (for even `n`) of the
    /// Nyquist term are ignored.
    C2r,
}

/// The sign of the exponent: `Forward` is `exp(-2πi jk/n)`, `Inverse` is `exp(+2πi jk/n)`.
/// Neither scales: the scale is [`FftSpec::scale`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FftDirection {
    /// `y_k = Σ_j x_j exp(-2πi jk/n)`.
    Forward,
    /// `y_k = Σ_j x_j exp(+2πi jk/n)`.
    Inverse,
}

/// One batched 1-D transform along `axis`: `y = scale · DFT_n(x)` on every line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FftSpec {
    /// Complex/real input and output.
    pub kind: FftKind,
    /// The transformed axis (already normalised, `< ndim`).
    pub axis: usize,
    /// The transform length (`>= 1`): the output length along `axis` for `C2c` and `C2r`,
    /// the input length (after padding/cropping) for `C2c` and `R2c`.
    pub n: usize,
    /// The exponent's sign.
    pub direction: FftDirection,
    /// The factor every output element is multiplied by (`1`, `1/n`, `1/sqrt(n)`).
    pub scale: f64,
}

impl FftSpec {
    /// The number of input elements a line is padded or cropped to: `n`, or `n / 2 + 1`
    /// for `C2r`.
    pub fn input_len(&self) -> usize {
        match self.kind {
            FftKind::C2r => self.n / 2 + 1,
            _ => self.n,
        }
    }

    /// The output length along `axis`: `n`, or `n / 2 + 1` for `R2c`.
    pub fn output_len(&self) -> usize {
        match self.kind {
            FftKind::R2c => self.n / 2 + 1,
            _ => self.n,
        }
    }

    /// The output dtype for an input of `dtype` (`None` when the kind does not take it):
    /// `C2c` complex → same; `R2c` real float → complex; `C2r` complex → real.
    pub fn output_dtype(&self, dtype: DType) -> Option<DType> {
        match self.kind {
            FftKind::C2c if dtype.is_complex() => Some(dtype),
            FftKind::R2c if dtype.is_real_floating() => dtype.complex_dtype(),
            FftKind::C2r if dtype.is_complex() => Some(dtype.real_dtype()),
            _ => None,
        }
    }

    /// The output shape for an input of `shape`: `shape` with `axis` set to
    /// [`output_len`](Self::output_len).
    pub fn output_shape(&self, shape: &[usize]) -> Vec<usize> {
        let mut s = shape.to_vec();
        s[self.axis] = self.output_len();
        s
    }
}

/// Fourier-transform kernels. Inputs arrive validated and in the compute dtype (complex64
/// or complex128 for `C2c` and `C2r`, float32 or float64 for `R2c`), with explicit
/// layouts (any strides, including negative and zero).
pub trait FftOps: BackendCore {
    /// The batched transform `spec` along `spec.axis` of the view `layout` of `x` (input
    /// dtype `dtype`): a new contiguous storage of shape
    /// [`spec.output_shape(layout.shape())`](FftSpec::output_shape) and dtype
    /// [`spec.output_dtype(dtype)`](FftSpec::output_dtype). Each line's first
    /// `min(len, spec.input_len())` elements are read and the rest taken as zeros.
    /// Accuracy: the error of a fast transform, `O(log n · eps)` relative to the line's
    /// norm, in the dtype's precision.
    fn fft(
        &self,
        spec: FftSpec,
        x: &Self::Storage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<Self::Storage>;

    /// The complex transform `spec` (`FftKind::C2c`, `spec.n` equal to the axis length)
    /// along `spec.axis` of the C-contiguous array of `shape` held by `x` (dtype `dtype`),
    /// written over `x`: the later passes of an n-dimensional transform reuse the first
    /// pass's output instead of allocating one buffer per axis. The default runs
    /// [`fft`](FftOps::fft) and replaces `x` with its result; a backend overrides it to
    /// transform in place.
    fn fft_in_place(
        &self,
        spec: FftSpec,
        x: &mut Self::Storage,
        shape: &[usize],
        dtype: DType,
    ) -> Result<()> {
        *x = self.fft(spec, x, &Layout::contiguous(shape), dtype)?;
        Ok(())
    }
}
