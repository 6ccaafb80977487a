//! Inspection: the standard's `__array_namespace_info__()` for a device.
//!
//! ```
//! use xp::prelude::*;
//! use xp::info;
//! let caps = info::capabilities(&Cpu);
//! assert!(caps.boolean_indexing);
//! assert_eq!(info::default_dtypes(&Cpu).real_floating, DType::Float64);
//! assert!(info::dtypes(&Cpu, Some(xp::DTypeKind::RealFloating)).contains(&DType::Float32));
//! ```

use crate::{BackendCore, DType, DTypeKind};

/// The standard's `capabilities()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// Boolean-mask indexing is supported.
    pub boolean_indexing: bool,
    /// Functions with data-dependent output shapes are supported.
    pub data_dependent_shapes: bool,
    /// Maximum number of dimensions (`None`: unbounded).
    pub max_dimensions: Option<usize>,
}

/// The standard's `default_dtypes()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DefaultDTypes {
    /// Default real floating dtype.
    pub real_floating: DType,
    /// Default complex floating dtype.
    pub complex_floating: DType,
    /// Default integer dtype.
    pub integral: DType,
    /// Default index dtype.
    pub indexing: DType,
}

/// What `device` can do.
pub fn capabilities<B: BackendCore>(device: &B) -> Capabilities {
    let i = device.info();
    Capabilities {
        boolean_indexing: i.boolean_indexing,
        data_dependent_shapes: i.data_dependent_shapes,
        max_dimensions: i.max_dimensions,
    }
}

/// The default dtypes on `device` (float64, complex128, int64, int64 where supported; the
/// 32-bit types on a device without 64-bit support).
pub fn default_dtypes<B: BackendCore>(device: &B) -> DefaultDTypes {
    let pick = |want: DType, fallback: DType| {
        if device.supports(want) {
            want
        } else {
            fallback
        }
    };
    DefaultDTypes {
        real_floating: pick(DType::Float64, DType::Float32),
        complex_floating: pick(DType::Complex128, DType::Complex64),
        integral: pick(DType::Int64, DType::Int32),
        indexing: pick(DType::Int64, DType::Int32),
    }
}

/// The dtypes `device` supports, optionally only those of `kind`, in the standard's order.
pub fn dtypes<B: BackendCore>(device: &B, kind: Option<DTypeKind>) -> Vec<DType> {
    let supported = device.info().dtypes;
    DType::ALL
        .iter()
        .copied()
        .filter(|d| supported.contains(d) && kind.is_none_or(|k| d.is_kind(k)))
        .collect()
}
