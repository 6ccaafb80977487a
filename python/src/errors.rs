//! xp's [`Error`] as the Python exception a user expects.

use pyo3::create_exception;
use pyo3::exceptions::{
    PyIndexError, PyNotImplementedError, PyOSError, PyRuntimeError, PyTypeError, PyValueError,
};
use pyo3::PyErr;
use xp::Error;

create_exception!(
    xp,
    LinAlgError,
    PyValueError,
    "A linear-algebra failure on one matrix of a stack (singular, not positive definite, no convergence); a ValueError, as numpy.linalg.LinAlgError."
);

/// The Python exception for `e`: `TypeError` for dtype problems, `IndexError` for indices
/// out of bounds, `LinAlgError` (a `ValueError`) for linear-algebra failures, `OSError` for
/// files, `RuntimeError` for device failures, `ValueError` for everything else. The
/// message is xp's.
pub fn to_py(e: Error) -> PyErr {
    let msg = e.to_string();
    match e {
        Error::InvalidDType { .. } | Error::NoPromotion { .. } | Error::UnsupportedDType { .. } => {
            PyTypeError::new_err(msg)
        }
        Error::IndexOutOfBounds { .. } => PyIndexError::new_err(msg),
        Error::LinAlg { .. } => LinAlgError::new_err(msg),
        Error::Io { .. } => PyOSError::new_err(msg),
        Error::UnsupportedOp { .. } => PyNotImplementedError::new_err(msg),
        Error::Backend { .. } => PyRuntimeError::new_err(msg),
        _ => PyValueError::new_err(msg),
    }
}

/// `Result<T, xp::Error>` into `PyResult<T>`.
pub trait IntoPy<T> {
    /// Converts the error with [`to_py`].
    fn py(self) -> pyo3::PyResult<T>;
}

impl<T> IntoPy<T> for xp::Result<T> {
    fn py(self) -> pyo3::PyResult<T> {
        self.map_err(to_py)
    }
}
