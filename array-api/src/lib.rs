//! # array-api: xp's core
//!
//! The Python array API standard (2025.12) for Rust: dtypes and promotion, layouts,
//! [`Array<B>`](Array), the backend traits and every front-end function. Front-end
//! functions own all semantics (validation, promotion, broadcasting, output shapes and
//! dtypes, errors); backends only implement kernels. Use it through the `xp` facade crate,
//! which adds the backends.

#![warn(missing_docs)]

pub mod backend;
pub mod backend_stats;
pub mod dtype;
pub mod elementwise;
mod error;
pub mod fft;
pub mod layout;
pub mod linalg;
pub mod shape;

mod array;
mod astype;
mod creation;
mod display;
mod histogram;
pub mod indexing;
pub mod info;
pub mod io;
mod manipulation;
mod numpy_stats;
mod quantile;
mod sets;
mod sorting;
mod statistics;
mod utility;

pub use array::Array;
pub use astype::astype;
pub use backend::{
    Backend, BackendCore, BackendInfo, CopyOps, CreationOps, ElementwiseOps, IndexArray,
    IndexingOps,
};
pub use backend_stats::{
    ArgReduceOp, ReduceOp, ReduceOps, ScanOp, ScatterOps, SortOps, StatsBackend,
};
pub use creation::*;
pub use display::format_host;
pub use dtype::{
    can_cast, finfo, iinfo, isdtype, promote_types, result_type, Complex32, Complex64, DType,
    DTypeKind, DTypeOrScalar, Element, FInfo, HostData, IInfo, Scalar,
};
pub use elementwise::*;
pub use error::{Error, Result};
pub use histogram::*;
pub use indexing::{nonzero, take, take_along_axis, Ellipsis, Idx, NewAxis};
pub use layout::Layout;
pub use linalg::{
    einsum, matmul, tensordot, vecdot, Factor, LinalgOps, TensordotAxes, VectorReduction,
};
pub use manipulation::*;
pub use numpy_stats::*;
pub use quantile::*;
pub use sets::*;
pub use shape::broadcast_shapes;
pub use sorting::*;
pub use statistics::*;
pub use utility::*;

/// The standard revision xp implements.
pub const API_VERSION: &str = "2025.12";
