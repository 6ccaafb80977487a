//! Factorizations of stacks of matrices: `cholesky`, `qr`, `svd`, `svdvals`, `eigh`,
//! `eigvalsh`, `eig`, `eigvals`.

use super::common::{batch_of, check_stack, factor, to_float, wrap};
use super::kernels::{Factor, LinalgOps};
use crate::{Array, Backend, Result};

fn with_tail(batch: &[usize], tail: &[usize]) -> Vec<usize> {
    batch.iter().chain(tail).copied().collect()
}

/// The Cholesky factor of a stack of Hermitian positive-definite matrices `(..., M, M)`:
/// lower `L` with `x = L L^H`, or upper `U = L^H` when `upper`. Only the lower triangle
/// of `x` is read. A matrix that is not positive definite is `Err(Error::LinAlg)` naming
/// its index in the stack.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![4.0, 2.0, 2.0, 5.0], [2, 2], &Cpu)?;
/// assert_eq!(xp::linalg::cholesky(&a, false)?.to_vec::<f64>()?, vec![2.0, 0.0, 1.0, 2.0]);
/// let bad = Array::from_vec(vec![1.0, 2.0, 2.0, 1.0], [2, 2], &Cpu)?;
/// assert!(matches!(xp::linalg::cholesky(&bad, false), Err(Error::LinAlg { .. })));
/// # Ok::<(), xp::Error>(())
/// ```
pub fn cholesky<B: Backend + LinalgOps>(x: &Array<B>, upper: bool) -> Result<Array<B>> {
    const OP: &str = "linalg.cholesky";
    check_stack(x, OP, true)?;
    let x = to_float(x, OP)?;
    let mut out = factor(Factor::Cholesky { upper }, &x)?;
    Ok(wrap(out.remove(0), x.shape(), x.dtype, &x.backend))
}

/// The mode of [`qr`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum QrMode {
    /// `Q (..., M, K)`, `R (..., K, N)` with `K = min(M, N)`.
    #[default]
    Reduced,
    /// `Q (..., M, M)`, `R (..., M, N)`.
    Complete,
}

/// The result of [`qr`].
#[derive(Clone, Debug)]
pub struct QrResult<B: Backend> {
    /// The orthonormal (unitary) factor.
    pub q: Array<B>,
    /// The upper-triangular factor.
    pub r: Array<B>,
}

/// The QR factorization `x = Q R` of a stack `(..., M, N)`.
///
/// ```
/// use xp::prelude::*;
/// use xp::linalg::{qr, QrMode};
/// let a = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [3, 2], &Cpu)?;
/// let f = qr(&a, QrMode::Reduced)?;
/// assert_eq!((f.q.shape(), f.r.shape()), (&[3, 2][..], &[2, 2][..]));
/// let back = xp::matmul(&f.q, &f.r)?.to_vec::<f64>()?;
/// assert!((back[5] - 6.0).abs() < 1e-12);
/// assert_eq!(qr(&a, QrMode::Complete)?.q.shape(), &[3, 3]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn qr<B: Backend + LinalgOps>(x: &Array<B>, mode: QrMode) -> Result<QrResult<B>> {
    const OP: &str = "linalg.qr";
    let (m, n) = check_stack(x, OP, false)?;
    let x = to_float(x, OP)?;
    let complete = mode == QrMode::Complete;
    let mut out = factor(Factor::Qr { complete }, &x)?;
    let k = if complete { m } else { m.min(n) };
    let batch = batch_of(x.shape());
    let r = out.pop().expect("qr kernel returns two factors");
    let q = out.pop().expect("qr kernel returns two factors");
    Ok(QrResult {
        q: wrap(q, &with_tail(batch, &[m, k]), x.dtype, &x.backend),
        r: wrap(r, &with_tail(batch, &[k, n]), x.dtype, &x.backend),
    })
}

/// The result of [`svd`].
#[derive(Clone, Debug)]
pub struct SvdResult<B: Backend> {
    /// Left singular vectors (columns).
    pub u: Array<B>,
    /// Singular values, descending, in the real dtype.
    pub s: Array<B>,
    /// Right singular vectors (rows), conjugate-transposed.
    pub vh: Array<B>,
}

/// The singular value decomposition `x = U diag(S) Vh` of a stack `(..., M, N)`; with
/// `full_matrices` `U` and `Vh` are square, else `(..., M, K)` and `(..., K, N)` with
/// `K = min(M, N)`.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![3.0, 0.0, 0.0, -2.0], [2, 2], &Cpu)?;
/// let f = xp::linalg::svd(&a, false)?;
/// assert_eq!(f.s.to_vec::<f64>()?, vec![3.0, 2.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn svd<B: Backend + LinalgOps>(x: &Array<B>, full_matrices: bool) -> Result<SvdResult<B>> {
    const OP: &str = "linalg.svd";
    let (m, n) = check_stack(x, OP, false)?;
    let x = to_float(x, OP)?;
    let mut out = factor(
        Factor::Svd {
            full_matrices,
            compute_uv: true,
        },
        &x,
    )?;
    let k = m.min(n);
    let (ku, kv) = if full_matrices { (m, n) } else { (k, k) };
    let batch = batch_of(x.shape());
    let vh = out.pop().expect("svd kernel returns three outputs");
    let s = out.pop().expect("svd kernel returns three outputs");
    let u = out.pop().expect("svd kernel returns three outputs");
    Ok(SvdResult {
        u: wrap(u, &with_tail(batch, &[m, ku]), x.dtype, &x.backend),
        s: wrap(s, &with_tail(batch, &[k]), x.dtype.real_dtype(), &x.backend),
        vh: wrap(vh, &with_tail(batch, &[kv, n]), x.dtype, &x.backend),
    })
}

/// The singular values of a stack `(..., M, N)`, descending, shape `(..., min(M, N))`.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![0.0f32, 2.0, 1.0, 0.0], [2, 2], &Cpu)?;
/// assert_eq!(xp::linalg::svdvals(&a)?.to_vec::<f32>()?, vec![2.0, 1.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn svdvals<B: Backend + LinalgOps>(x: &Array<B>) -> Result<Array<B>> {
    const OP: &str = "linalg.svdvals";
    let (m, n) = check_stack(x, OP, false)?;
    let x = to_float(x, OP)?;
    let mut out = factor(
        Factor::Svd {
            full_matrices: false,
            compute_uv: false,
        },
        &x,
    )?;
    let shape = with_tail(batch_of(x.shape()), &[m.min(n)]);
    Ok(wrap(
        out.remove(0),
        &shape,
        x.dtype.real_dtype(),
        &x.backend,
    ))
}

/// The result of [`eigh`] and [`eig`].
#[derive(Clone, Debug)]
pub struct EigResult<B: Backend> {
    /// The eigenvalues `(..., M)`.
    pub eigenvalues: Array<B>,
    /// The eigenvectors as columns `(..., M, M)`.
    pub eigenvectors: Array<B>,
}

/// The eigendecomposition of a stack of Hermitian (real symmetric) matrices: real
/// eigenvalues in ascending order and orthonormal eigenvectors. Only the lower triangle
/// is read.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![2.0, 1.0, 1.0, 2.0], [2, 2], &Cpu)?;
/// let e = xp::linalg::eigh(&a)?;
/// let w = e.eigenvalues.to_vec::<f64>()?;
/// assert!((w[0] - 1.0).abs() < 1e-12 && (w[1] - 3.0).abs() < 1e-12);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn eigh<B: Backend + LinalgOps>(x: &Array<B>) -> Result<EigResult<B>> {
    const OP: &str = "linalg.eigh";
    let (m, _) = check_stack(x, OP, true)?;
    let x = to_float(x, OP)?;
    let mut out = factor(Factor::Eigh { vectors: true }, &x)?;
    let batch = batch_of(x.shape());
    let v = out.pop().expect("eigh kernel returns two outputs");
    let w = out.pop().expect("eigh kernel returns two outputs");
    Ok(EigResult {
        eigenvalues: wrap(w, &with_tail(batch, &[m]), x.dtype.real_dtype(), &x.backend),
        eigenvectors: wrap(v, x.shape(), x.dtype, &x.backend),
    })
}

/// The eigenvalues of a stack of Hermitian matrices, ascending, in the real dtype.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![2.0, 0.0, 0.0, -1.0], [2, 2], &Cpu)?;
/// let w = xp::linalg::eigvalsh(&a)?.to_vec::<f64>()?;
/// assert!((w[0] + 1.0).abs() < 1e-14 && (w[1] - 2.0).abs() < 1e-14);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn eigvalsh<B: Backend + LinalgOps>(x: &Array<B>) -> Result<Array<B>> {
    const OP: &str = "linalg.eigvalsh";
    let (m, _) = check_stack(x, OP, true)?;
    let x = to_float(x, OP)?;
    let mut out = factor(Factor::Eigh { vectors: false }, &x)?;
    let shape = with_tail(batch_of(x.shape()), &[m]);
    Ok(wrap(
        out.remove(0),
        &shape,
        x.dtype.real_dtype(),
        &x.backend,
    ))
}

fn complex_of(d: crate::DType) -> crate::DType {
    d.complex_dtype().unwrap_or(crate::DType::Complex128)
}

/// The eigendecomposition of a stack of general square matrices: complex eigenvalues and
/// unit-norm eigenvectors (columns), in the complex dtype of `x`'s precision. The order
/// of the eigenvalues is unspecified.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![0.0, -1.0, 1.0, 0.0], [2, 2], &Cpu)?;
/// let e = xp::linalg::eig(&a)?;
/// assert_eq!(e.eigenvalues.dtype(), DType::Complex128);
/// let w = e.eigenvalues.to_vec::<xp::Complex64>()?;
/// assert!(w.iter().all(|z| (z.re.abs() < 1e-12) && ((z.im.abs() - 1.0).abs() < 1e-12)));
/// # Ok::<(), xp::Error>(())
/// ```
pub fn eig<B: Backend + LinalgOps>(x: &Array<B>) -> Result<EigResult<B>> {
    const OP: &str = "linalg.eig";
    let (m, _) = check_stack(x, OP, true)?;
    let x = to_float(x, OP)?;
    let c = complex_of(x.dtype);
    crate::array::check_dtype(&x.backend, c, OP)?;
    let mut out = factor(Factor::Eig { vectors: true }, &x)?;
    let batch = batch_of(x.shape());
    let v = out.pop().expect("eig kernel returns two outputs");
    let w = out.pop().expect("eig kernel returns two outputs");
    Ok(EigResult {
        eigenvalues: wrap(w, &with_tail(batch, &[m]), c, &x.backend),
        eigenvectors: wrap(v, x.shape(), c, &x.backend),
    })
}

/// The eigenvalues of a stack of general square matrices, complex.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![2.0, 1.0, 0.0, 3.0], [2, 2], &Cpu)?;
/// let mut w: Vec<f64> = xp::linalg::eigvals(&a)?.to_vec::<xp::Complex64>()?.iter().map(|z| z.re).collect();
/// w.sort_by(f64::total_cmp);
/// assert!((w[0] - 2.0).abs() < 1e-12 && (w[1] - 3.0).abs() < 1e-12);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn eigvals<B: Backend + LinalgOps>(x: &Array<B>) -> Result<Array<B>> {
    const OP: &str = "linalg.eigvals";
    let (m, _) = check_stack(x, OP, true)?;
    let x = to_float(x, OP)?;
    let c = complex_of(x.dtype);
    crate::array::check_dtype(&x.backend, c, OP)?;
    let mut out = factor(Factor::Eig { vectors: false }, &x)?;
    let shape = with_tail(batch_of(x.shape()), &[m]);
    Ok(wrap(out.remove(0), &shape, c, &x.backend))
}
