//! The standard's `fft` extension (`xp::fft::*`): discrete Fourier transforms and their
//! helpers.
//!
//! - One axis: [`fft`], [`ifft`], [`rfft`], [`irfft`], [`hfft`], [`ihfft`], each with a
//!   length `n` (the input is cropped or zero-padded along `axis`) and a [`FftNorm`];
//! - several axes: [`fftn`], [`ifftn`], [`rfftn`], [`irfftn`] with lengths `s` and
//!   `axes`, one 1-D pass per axis;
//! - [`fftfreq`], [`rfftfreq`], [`fftshift`], [`ifftshift`].
//!
//! Precision is kept: float32 and complex64 compute and return in single precision,
//! float64 and complex128 in double; integers and bool are promoted to float64 (complex128).
//! Any length works (prime lengths included); any axis of any strided view is transformed
//! in place of a copy (the kernel gathers each line once).
//!
//! The kernels are the backend trait [`FftOps`] (a batched 1-D transform along one axis);
//! the functions are bounded by `B: Backend + FftOps` while not every backend implements it
//! (transitional).
//!
//! ```
//! use xp::prelude::*;
//! use xp::fft::{fft, fftfreq, ifft, FftNorm};
//! // A cosine of 2 cycles over 8 samples has its energy at frequencies ±2/8.
//! let t = xp::arange(0.0, 8.0, 1.0, None, &Cpu)?;
//! let x = xp::cos(&(&t * (std::f64::consts::PI / 2.0)))?;
//! let y = fft(&x, None, -1, FftNorm::Backward)?;
//! let mag = xp::abs(&y)?.to_vec::<f64>()?;
//! let freq = fftfreq(8, 1.0, None, &Cpu)?.to_vec::<f64>()?;
//! assert!((mag[2] - 4.0).abs() < 1e-12 && (mag[6] - 4.0).abs() < 1e-12);
//! assert_eq!((freq[2], freq[6]), (0.25, -0.25));
//! // ifft undoes fft.
//! let back = xp::real(&ifft(&y, None, -1, FftNorm::Backward)?)?.to_vec::<f64>()?;
//! assert!((back[0] - 1.0).abs() < 1e-12);
//! # Ok::<(), xp::Error>(())
//! ```

mod helpers;
pub mod kernels;
mod transforms;

pub use helpers::{fftfreq, fftshift, ifftshift, rfftfreq};
pub use kernels::{FftDirection, FftKind, FftOps, FftSpec};
pub use transforms::{fft, fftn, hfft, ifft, ifftn, ihfft, irfft, irfftn, rfft, rfftn, FftNorm};
