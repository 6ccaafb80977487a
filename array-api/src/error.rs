//! The error type of every fallible xp function.

use crate::DType;

/// xp's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in xp. Each variant names the operation and the shapes,
/// dtypes, axes or devices involved.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Shapes that cannot be broadcast together or do not match as the op requires.
    #[error("{op}: shapes {} {reason}", fmt_shapes(shapes))]
    ShapeMismatch {
        /// The operation.
        op: &'static str,
        /// The shapes involved.
        shapes: Vec<Vec<usize>>,
        /// What is wrong, e.g. "cannot be broadcast together".
        reason: String,
    },
    /// An axis outside `-ndim..ndim`.
    #[error("{op}: axis {axis} is out of bounds for an array of dimension {ndim}")]
    AxisOutOfBounds {
        /// The operation.
        op: &'static str,
        /// The axis as given.
        axis: isize,
        /// The number of dimensions.
        ndim: usize,
    },
    /// The same axis given twice.
    #[error("{op}: repeated axis {axis} in {axes:?}")]
    RepeatedAxis {
        /// The operation.
        op: &'static str,
        /// The repeated axis (normalised).
        axis: usize,
        /// The axes as given.
        axes: Vec<isize>,
    },
    /// An integer index outside the axis.
    #[error("{op}: index {index} is out of bounds for axis {axis} with size {size}")]
    IndexOutOfBounds {
        /// The operation.
        op: &'static str,
        /// The index as given.
        index: i128,
        /// The axis it indexes.
        axis: usize,
        /// The axis length.
        size: usize,
    },
    /// A malformed index expression (too many indices, two ellipses, a zero step, ...).
    #[error("{op}: invalid index: {reason}")]
    InvalidIndex {
        /// The operation.
        op: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A dtype the operation does not accept (e.g. `bitwise_and` on floats).
    #[error("{op}: dtype {dtype} is not allowed here; expected {expected}")]
    InvalidDType {
        /// The operation.
        op: &'static str,
        /// The dtype given.
        dtype: DType,
        /// What the operation accepts.
        expected: &'static str,
    },
    /// Two dtypes with no promotion rule between them (or a cast that is not allowed).
    #[error("{op}: no promotion between {a} and {b}")]
    NoPromotion {
        /// The operation.
        op: &'static str,
        /// The first dtype.
        a: DType,
        /// The second dtype.
        b: DType,
    },
    /// A dtype the backend (or this device) does not support.
    #[error("{op}: dtype {dtype} is not supported by backend {backend}")]
    UnsupportedDType {
        /// The operation.
        op: &'static str,
        /// The dtype.
        dtype: DType,
        /// The backend and device, e.g. `"wgpu:0 (llvmpipe)"`.
        backend: String,
    },
    /// An operation this backend does not implement for any dtype (e.g. the matrix
    /// factorizations on the WebGPU backend).
    #[error("{op}: not implemented by backend {backend}")]
    UnsupportedOp {
        /// The operation, e.g. `"linalg.inv"`.
        op: &'static str,
        /// The backend, e.g. `"wgpu"`.
        backend: String,
    },
    /// A reshape to a shape of a different size, or with more than one `-1`.
    #[error("{op}: cannot reshape array of shape {from:?} into shape {to:?}")]
    InvalidReshape {
        /// The operation.
        op: &'static str,
        /// The array's shape.
        from: Vec<usize>,
        /// The requested shape (`-1` allowed).
        to: Vec<isize>,
    },
    /// A shape whose element count (or byte size) overflows `usize`/`isize`.
    #[error("{op}: shape {shape:?} is too large (its size overflows)")]
    ShapeOverflow {
        /// The operation.
        op: &'static str,
        /// The shape.
        shape: Vec<usize>,
    },
    /// Arrays on different devices in one operation.
    #[error("{op}: arrays are on different devices: {a} and {b}")]
    DeviceMismatch {
        /// The operation.
        op: &'static str,
        /// One device.
        a: String,
        /// The other device.
        b: String,
    },
    /// Any other bad argument value.
    #[error("{op}: {reason}")]
    InvalidArgument {
        /// The operation.
        op: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A failure inside a backend or device (out of memory, lost device, no adapter, ...).
    #[error("{backend}: {reason}")]
    Backend {
        /// The backend.
        backend: String,
        /// What happened.
        reason: String,
    },
    /// A linear-algebra failure on one matrix of a stack: singular, not positive definite,
    /// no convergence. `index` is the matrix's position in the stack dimensions (empty
    /// for a single matrix).
    #[error("{op}: matrix {} of the stack {reason}", fmt_index(index))]
    LinAlg {
        /// The operation, e.g. `"linalg.inv"`.
        op: &'static str,
        /// The failing matrix's index in the stack dimensions.
        index: Vec<usize>,
        /// What went wrong, e.g. "is singular".
        reason: String,
    },
    /// A file could not be read or written, or is not a valid .npy/.npz file.
    #[error("{op}: {reason}")]
    Io {
        /// The operation, e.g. `"load"`.
        op: &'static str,
        /// What went wrong.
        reason: String,
    },
}

fn fmt_shapes(shapes: &[Vec<usize>]) -> String {
    shapes
        .iter()
        .map(|s| crate::shape::fmt_shape(s))
        .collect::<Vec<_>>()
        .join(", ")
}

fn fmt_index(index: &[usize]) -> String {
    let parts: Vec<String> = index.iter().map(|i| i.to_string()).collect();
    format!("[{}]", parts.join(", "))
}

impl Error {
    /// A [`Error::LinAlg`] for matrix number `flat` (in C order) of a stack of
    /// `batch_shape`.
    pub fn linalg(
        op: &'static str,
        batch_shape: &[usize],
        flat: usize,
        reason: impl Into<String>,
    ) -> Error {
        let mut index = vec![0; batch_shape.len()];
        let mut rest = flat;
        for (slot, &d) in index.iter_mut().zip(batch_shape).rev() {
            if d > 0 {
                *slot = rest % d;
                rest /= d;
            }
        }
        Error::LinAlg {
            op,
            index,
            reason: reason.into(),
        }
    }

    /// Shorthand for [`Error::InvalidArgument`].
    pub fn invalid(op: &'static str, reason: impl Into<String>) -> Error {
        Error::InvalidArgument {
            op,
            reason: reason.into(),
        }
    }
}
