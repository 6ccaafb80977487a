#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

pub use array_api::*;
#[cfg(feature = "cpu")]
pub use backend_cpu::Cpu;
#[cfg(feature = "cuda")]
pub use backend_cuda::Cuda;
#[cfg(feature = "wgpu")]
pub use backend_wgpu::Wgpu;

#[cfg(feature = "cpu")]
pub mod dynamic;
#[cfg(feature = "cpu")]
pub use dynamic::{Dyn, DynStorage};

/// The names most programs need: `use xp::prelude::*;`.
pub mod prelude {
    pub use array_api::{Array, Backend, BackendCore, DType, Error, Result, Scalar};
    #[cfg(feature = "cpu")]
    pub use backend_cpu::Cpu;
}
