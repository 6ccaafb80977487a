//! [`Dyn`]: a backend chosen at run time.
//!
//! `Dyn` is a device value like `Cpu` or `Wgpu`, but which backend it is gets decided when
//! the program runs, from a device string: `"cpu"`, `"wgpu"` (the default adapter) or
//! `"wgpu:N"` (adapter `N` of `Wgpu::enumerate()`, with the `wgpu` feature). Every kernel
//! call dispatches to the backend the device belongs to, so
//! generic code runs unchanged with `B = Dyn`:
//!
//! ```
//! use xp::{Dyn, prelude::*};
//! fn norm2<B: xp::StatsBackend>(x: &Array<B>) -> xp::Result<f64> {
//!     xp::sum(&xp::multiply(x, x)?, None, false, None)?.to_scalar::<f64>()
//! }
//! let dev = Dyn::parse("cpu")?;
//! let x = xp::asarray([3.0_f64, 4.0], None, &dev)?;
//! assert_eq!(norm2(&x)?, 25.0);
//! # Ok::<(), xp::Error>(())
//! ```
//!
//! Arrays on two different devices in one operation give
//! [`Error::DeviceMismatch`](array_api::Error::DeviceMismatch) naming both devices;
//! [`Array::to_device`](array_api::Array::to_device) moves data between devices (through
//! host memory).
//!
//! CUDA devices (`"cuda:N"`) are recognised but give an `Err` until the CUDA backend
//! implements the kernel traits.

mod device;
mod ops;
mod storage;

pub use device::Dyn;
pub use storage::DynStorage;
