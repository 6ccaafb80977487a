//! # xp
//!
//! NumPy's power for Rust, with the Python array API standard (2025.12) as its interface
//! and pluggable backends.
pub use array_api::*;
#[cfg(feature = "cpu")]
pub use backend_cpu::Cpu;

/// The names most programs need.
pub mod prelude {
    pub use array_api::{Array, Backend, DType, Error, Result, Scalar};
    #[cfg(feature = "cpu")]
    pub use backend_cpu::Cpu;
}
