//! The `linalg` extension (25) and the main namespace's `matmul`, `tensordot`, `vecdot`.

use crate::args;
use crate::array::PyArray;
use crate::convert::{self, array};
use crate::dtype::opt_dtype;
use crate::errors::IntoPy;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt, PyString};
use xp::linalg as la;

type Obj<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

macro_rules! one {
    ($($f:ident),*) => {$(
        #[doc = concat!("`", stringify!($f), "(x, /)`.")]
        #[pyfunction]
        #[pyo3(signature = (x, /))]
        pub fn $f(x: &Bound<'_, PyAny>) -> PyResult<PyArray> {
            Ok(la::$f(&array(x, stringify!($f))?).py()?.into())
        }
    )*};
}

one!(det, eigvals, eigvalsh, inv, svdvals);

/// `matmul(x1, x2, /)`.
#[pyfunction]
#[pyo3(signature = (x1, x2, /))]
pub fn matmul(x1: &Bound<'_, PyAny>, x2: &Bound<'_, PyAny>) -> PyResult<PyArray> {
    Ok(xp::matmul(&array(x1, "matmul")?, &array(x2, "matmul")?)
        .py()?
        .into())
}

/// `outer(x1, x2, /)`.
#[pyfunction]
#[pyo3(signature = (x1, x2, /))]
pub fn outer(x1: &Bound<'_, PyAny>, x2: &Bound<'_, PyAny>) -> PyResult<PyArray> {
    Ok(la::outer(&array(x1, "outer")?, &array(x2, "outer")?)
        .py()?
        .into())
}

/// `solve(x1, x2, /)`.
#[pyfunction]
#[pyo3(signature = (x1, x2, /))]
pub fn solve(x1: &Bound<'_, PyAny>, x2: &Bound<'_, PyAny>) -> PyResult<PyArray> {
    Ok(la::solve(&array(x1, "solve")?, &array(x2, "solve")?)
        .py()?
        .into())
}

/// `cholesky(x, /, *, upper=False)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, upper=false))]
pub fn cholesky(x: &Bound<'_, PyAny>, upper: bool) -> PyResult<PyArray> {
    Ok(la::cholesky(&array(x, "cholesky")?, upper).py()?.into())
}

/// `cross(x1, x2, /, *, axis=-1)`.
#[pyfunction]
#[pyo3(signature = (x1, x2, /, *, axis=-1))]
pub fn cross(x1: &Bound<'_, PyAny>, x2: &Bound<'_, PyAny>, axis: isize) -> PyResult<PyArray> {
    Ok(la::cross(&array(x1, "cross")?, &array(x2, "cross")?, axis)
        .py()?
        .into())
}

/// `diagonal(x, /, *, offset=0)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, offset=0))]
pub fn diagonal(x: &Bound<'_, PyAny>, offset: isize) -> PyResult<PyArray> {
    Ok(la::diagonal(&array(x, "diagonal")?, offset).py()?.into())
}

/// `eigh(x, /)`: `(eigenvalues, eigenvectors)`.
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn eigh<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let r = la::eigh(&array(x, "eigh")?).py()?;
    convert::named(
        py,
        "EighResult",
        &["eigenvalues", "eigenvectors"],
        vec![r.eigenvalues.into(), r.eigenvectors.into()],
    )
}

/// `eig(x, /)`: `(eigenvalues, eigenvectors)`, complex.
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn eig<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let r = la::eig(&array(x, "eig")?).py()?;
    convert::named(
        py,
        "EigResult",
        &["eigenvalues", "eigenvectors"],
        vec![r.eigenvalues.into(), r.eigenvectors.into()],
    )
}

/// `matrix_norm(x, /, *, keepdims=False, ord='fro')`.
#[pyfunction]
#[pyo3(
    signature = (x, /, *, keepdims=false, ord=None),
    text_signature = "(x, /, *, keepdims=False, ord='fro')"
)]
pub fn matrix_norm(x: &Bound<'_, PyAny>, keepdims: bool, ord: Obj<'_, '_>) -> PyResult<PyArray> {
    use la::MatrixNormOrd as O;
    let o = match ord.filter(|o| !o.is_none()) {
        None => O::Fro,
        Some(o) if o.is_instance_of::<PyString>() => match o.to_string().as_str() {
            "fro" => O::Fro,
            "nuc" => O::Nuc,
            s => {
                return Err(PyValueError::new_err(format!(
                    "matrix_norm: unknown ord {s:?}"
                )))
            }
        },
        Some(o) if o.is_instance_of::<PyInt>() || o.is_instance_of::<PyFloat>() => {
            let v: f64 = o.extract()?;
            if v == 1.0 {
                O::One
            } else if v == -1.0 {
                O::NegOne
            } else if v == 2.0 {
                O::Two
            } else if v == -2.0 {
                O::NegTwo
            } else if v == f64::INFINITY {
                O::Inf
            } else if v == f64::NEG_INFINITY {
                O::NegInf
            } else {
                return Err(PyValueError::new_err(format!(
                    "matrix_norm: unsupported ord {v}"
                )));
            }
        }
        Some(o) => return Err(PyTypeError::new_err(format!("matrix_norm: bad ord {o}"))),
    };
    Ok(la::matrix_norm(&array(x, "matrix_norm")?, keepdims, o)
        .py()?
        .into())
}

/// `matrix_power(x, n, /)`.
#[pyfunction]
#[pyo3(signature = (x, n, /))]
pub fn matrix_power(x: &Bound<'_, PyAny>, n: i64) -> PyResult<PyArray> {
    Ok(la::matrix_power(&array(x, "matrix_power")?, n).py()?.into())
}

/// `matrix_rank(x, /, *, rtol=None)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, rtol=None))]
pub fn matrix_rank(x: &Bound<'_, PyAny>, rtol: Option<f64>) -> PyResult<PyArray> {
    Ok(la::matrix_rank(&array(x, "matrix_rank")?, rtol)
        .py()?
        .into())
}

/// `pinv(x, /, *, rtol=None)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, rtol=None))]
pub fn pinv(x: &Bound<'_, PyAny>, rtol: Option<f64>) -> PyResult<PyArray> {
    Ok(la::pinv(&array(x, "pinv")?, rtol).py()?.into())
}

/// `qr(x, /, *, mode='reduced')`: `(Q, R)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, mode="reduced"))]
pub fn qr<'py>(py: Python<'py>, x: &Bound<'py, PyAny>, mode: &str) -> PyResult<Bound<'py, PyAny>> {
    let m = match mode {
        "reduced" => la::QrMode::Reduced,
        "complete" => la::QrMode::Complete,
        _ => {
            return Err(PyValueError::new_err(format!(
                "qr: mode must be 'reduced' or 'complete', not {mode:?}"
            )))
        }
    };
    let r = la::qr(&array(x, "qr")?, m).py()?;
    convert::named(py, "QRResult", &["Q", "R"], vec![r.q.into(), r.r.into()])
}

/// `slogdet(x, /)`: `(sign, logabsdet)`.
#[pyfunction]
#[pyo3(signature = (x, /))]
pub fn slogdet<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let r = la::slogdet(&array(x, "slogdet")?).py()?;
    convert::named(
        py,
        "SlogdetResult",
        &["sign", "logabsdet"],
        vec![r.sign.into(), r.logabsdet.into()],
    )
}

/// `svd(x, /, *, full_matrices=True)`: `(U, S, Vh)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, full_matrices=true))]
pub fn svd<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    full_matrices: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let r = la::svd(&array(x, "svd")?, full_matrices).py()?;
    convert::named(
        py,
        "SVDResult",
        &["U", "S", "Vh"],
        vec![r.u.into(), r.s.into(), r.vh.into()],
    )
}

/// `tensordot(x1, x2, /, *, axes=2)`: `axes` an int or a pair of sequences.
#[pyfunction]
#[pyo3(
    signature = (x1, x2, /, *, axes=None),
    text_signature = "(x1, x2, /, *, axes=2)"
)]
pub fn tensordot(
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
    axes: Obj<'_, '_>,
) -> PyResult<PyArray> {
    let ax = match axes.filter(|a| !a.is_none()) {
        None => xp::TensordotAxes::Count(2),
        Some(a) if a.is_instance_of::<PyInt>() => xp::TensordotAxes::Count(a.extract()?),
        Some(a) => {
            let (p, q): (Bound<'_, PyAny>, Bound<'_, PyAny>) = a.extract()?;
            xp::TensordotAxes::Pairs(args::ints(&p)?, args::ints(&q)?)
        }
    };
    Ok(
        xp::tensordot(&array(x1, "tensordot")?, &array(x2, "tensordot")?, ax)
            .py()?
            .into(),
    )
}

/// `trace(x, /, *, offset=0, dtype=None)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, offset=0, dtype=None))]
pub fn trace(x: &Bound<'_, PyAny>, offset: isize, dtype: Obj<'_, '_>) -> PyResult<PyArray> {
    Ok(la::trace(&array(x, "trace")?, offset, opt_dtype(dtype)?)
        .py()?
        .into())
}

/// `vecdot(x1, x2, /, *, axis=-1)`.
#[pyfunction]
#[pyo3(signature = (x1, x2, /, *, axis=-1))]
pub fn vecdot(x1: &Bound<'_, PyAny>, x2: &Bound<'_, PyAny>, axis: isize) -> PyResult<PyArray> {
    Ok(
        xp::vecdot(&array(x1, "vecdot")?, &array(x2, "vecdot")?, axis)
            .py()?
            .into(),
    )
}

/// `vector_norm(x, /, *, axis=None, keepdims=False, ord=2)`.
#[pyfunction]
#[pyo3(signature = (x, /, *, axis=None, keepdims=false, ord=2.0))]
pub fn vector_norm(
    x: &Bound<'_, PyAny>,
    axis: Obj<'_, '_>,
    keepdims: bool,
    ord: f64,
) -> PyResult<PyArray> {
    let ax = args::axes(axis)?;
    Ok(
        la::vector_norm(&array(x, "vector_norm")?, ax.as_deref(), keepdims, ord)
            .py()?
            .into(),
    )
}

/// Registers `matmul`, `tensordot`, `vecdot` in the main namespace and the `linalg`
/// submodule (also importable as `xp.linalg`).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(matmul, m)?)?;
    m.add_function(wrap_pyfunction!(tensordot, m)?)?;
    m.add_function(wrap_pyfunction!(vecdot, m)?)?;
    let sub = PyModule::new(py, "linalg")?;
    macro_rules! add {
        ($($f:ident),*) => {$(sub.add_function(wrap_pyfunction!($f, &sub)?)?;)*};
    }
    add!(
        cholesky,
        cross,
        det,
        diagonal,
        eig,
        eigh,
        eigvals,
        eigvalsh,
        inv,
        matmul,
        matrix_norm,
        matrix_power,
        matrix_rank,
        outer,
        pinv,
        qr,
        slogdet,
        solve,
        svd,
        svdvals,
        tensordot,
        trace,
        vecdot,
        vector_norm
    );
    sub.add_function(wrap_pyfunction!(
        crate::manipulation::matrix_transpose,
        &sub
    )?)?;
    sub.add("LinAlgError", py.get_type::<crate::errors::LinAlgError>())?;
    m.add_submodule(&sub)?;
    py.import("sys")?
        .getattr("modules")?
        .set_item("xp.linalg", &sub)?;
    Ok(())
}
