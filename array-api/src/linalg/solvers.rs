//! Inverses and solves: `inv`, `solve`, `det`, `slogdet`, `matrix_power`, `pinv`,
//! `matrix_rank`, and NumPy's `lstsq`.

use super::common::{
    batch_of, cast_to, check_stack, factor, float_dtype, matmul_nd, reduce_last, to_float, wrap,
};
use super::kernels::{Factor, LinalgOps, VectorReduction};
use crate::array::same_device;
use crate::shape::broadcast_shapes_op;
use crate::{result_type, Array, Backend, DType, DTypeOrScalar, Error, Result};

/// The inverse of each matrix of a square stack `(..., M, M)`. An exactly singular matrix
/// is `Err(Error::LinAlg)` naming its index in the stack.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![2.0, 0.0, 0.0, 4.0], [2, 2], &Cpu)?;
/// assert_eq!(xp::linalg::inv(&a)?.to_vec::<f64>()?, vec![0.5, 0.0, 0.0, 0.25]);
/// let s = Array::from_vec(vec![1.0, 0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 4.0], [2, 2, 2], &Cpu)?;
/// let e = xp::linalg::inv(&s).unwrap_err();
/// assert!(e.to_string().contains("matrix [1] of the stack is singular"));
/// # Ok::<(), xp::Error>(())
/// ```
pub fn inv<B: Backend + LinalgOps>(x: &Array<B>) -> Result<Array<B>> {
    const OP: &str = "linalg.inv";
    check_stack(x, OP, true)?;
    let x = to_float(x, OP)?;
    let mut out = factor(Factor::Inv, &x)?;
    Ok(wrap(out.remove(0), x.shape(), x.dtype, &x.backend))
}

/// The determinant of each matrix of a square stack, shape `(...)`.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0], [2, 2], &Cpu)?;
/// assert!((xp::linalg::det(&a)?.to_scalar::<f64>()? + 2.0).abs() < 1e-12);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn det<B: Backend + LinalgOps>(x: &Array<B>) -> Result<Array<B>> {
    const OP: &str = "linalg.det";
    check_stack(x, OP, true)?;
    let x = to_float(x, OP)?;
    let mut out = factor(Factor::Det, &x)?;
    Ok(wrap(
        out.remove(0),
        batch_of(x.shape()),
        x.dtype,
        &x.backend,
    ))
}

/// The result of [`slogdet`].
#[derive(Clone, Debug)]
pub struct SlogdetResult<B: Backend> {
    /// The sign of the determinant (a unit complex number for complex input; 0 when
    /// singular), in `x`'s dtype.
    pub sign: Array<B>,
    /// The natural log of `|det|` (`-inf` when singular), in the real dtype.
    pub logabsdet: Array<B>,
}

/// The sign and log-magnitude of each determinant: `det = sign * exp(logabsdet)`,
/// without overflow.
///
/// ```
/// use xp::prelude::*;
/// let a = xp::eye(3, None, 0, DType::Float64, &Cpu)?;
/// let a = xp::multiply(&a, 1e200)?;
/// let r = xp::linalg::slogdet(&a)?;
/// assert_eq!(r.sign.to_scalar::<f64>()?, 1.0);
/// assert!((r.logabsdet.to_scalar::<f64>()? - 600.0 * 10f64.ln()).abs() < 1e-9);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn slogdet<B: Backend + LinalgOps>(x: &Array<B>) -> Result<SlogdetResult<B>> {
    const OP: &str = "linalg.slogdet";
    check_stack(x, OP, true)?;
    let x = to_float(x, OP)?;
    let mut out = factor(Factor::Slogdet, &x)?;
    let batch = batch_of(x.shape());
    let l = out.pop().expect("slogdet kernel returns two outputs");
    let s = out.pop().expect("slogdet kernel returns two outputs");
    Ok(SlogdetResult {
        sign: wrap(s, batch, x.dtype, &x.backend),
        logabsdet: wrap(l, batch, x.dtype.real_dtype(), &x.backend),
    })
}

/// The common floating dtype of two operands.
fn float_pair<B: Backend>(x1: &Array<B>, x2: &Array<B>, op: &'static str) -> Result<DType> {
    same_device(x1, x2, op)?;
    let d = result_type(&[
        DTypeOrScalar::DType(x1.dtype),
        DTypeOrScalar::DType(x2.dtype),
    ])
    .map_err(|e| match e {
        Error::NoPromotion { a, b, .. } => Error::NoPromotion { op, a, b },
        e => e,
    })?;
    float_dtype(d, op)
}

/// Solves `x1 @ x = x2` for each square matrix of `x1 (..., M, M)`. `x2` is a vector
/// when it is 1-d (`(M,)`, giving `(..., M)`), else a stack `(..., M, K)` whose stack
/// dimensions broadcast with `x1`'s (the standard's rules). An exactly singular matrix is
/// `Err(Error::LinAlg)`.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![3.0, 1.0, 1.0, 2.0], [2, 2], &Cpu)?;
/// let b = Array::from_vec(vec![9.0, 8.0], [2], &Cpu)?;
/// let x = xp::linalg::solve(&a, &b)?.to_vec::<f64>()?;
/// assert!((x[0] - 2.0).abs() < 1e-12 && (x[1] - 3.0).abs() < 1e-12);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn solve<B: Backend + LinalgOps>(x1: &Array<B>, x2: &Array<B>) -> Result<Array<B>> {
    const OP: &str = "linalg.solve";
    let (m, _) = check_stack(x1, OP, true)?;
    let d = float_pair(x1, x2, OP)?;
    let a = cast_to(x1, d, OP)?;
    let b = cast_to(x2, d, OP)?;
    let vector = b.ndim() == 1;
    let b = if vector {
        b.with_layout(b.layout.insert_axis(1))
    } else if b.ndim() == 0 {
        return Err(Error::invalid(OP, "x2 must have at least one dimension"));
    } else {
        b
    };
    let bm = b.shape()[b.ndim() - 2];
    if bm != m {
        return Err(Error::ShapeMismatch {
            op: OP,
            shapes: vec![x1.shape().to_vec(), x2.shape().to_vec()],
            reason: format!("are not aligned: x1 has {m} rows, x2 has {bm}"),
        });
    }
    let k = b.shape()[b.ndim() - 1];
    let batch = broadcast_shapes_op(&[batch_of(a.shape()), batch_of(b.shape())], OP)?;
    let mut sa = batch.clone();
    sa.extend([m, m]);
    let mut sb = batch.clone();
    sb.extend([m, k]);
    let la = a.layout.broadcast_to(&sa, OP)?;
    let lb = b.layout.broadcast_to(&sb, OP)?;
    let s = a.backend.solve(&a.storage, &la, &b.storage, &lb, d)?;
    let r = wrap(s, &sb, d, &a.backend);
    if vector {
        let mut shape = sb;
        shape.pop();
        Ok(r.with_layout(crate::Layout::contiguous(&shape)))
    } else {
        Ok(r)
    }
}

/// `x` raised to the integer power `n` by repeated squaring (matrix products); `n = 0`
/// gives identities of `x`'s dtype, negative `n` powers of the inverse (in a floating
/// dtype).
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![1, 1, 0, 1], [2, 2], &Cpu)?;
/// assert_eq!(xp::linalg::matrix_power(&a, 5)?.to_vec::<i32>()?, vec![1, 5, 0, 1]);
/// let b = Array::from_vec(vec![2.0, 0.0, 0.0, 4.0], [2, 2], &Cpu)?;
/// assert_eq!(xp::linalg::matrix_power(&b, -2)?.to_vec::<f64>()?, vec![0.25, 0.0, 0.0, 0.0625]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn matrix_power<B: Backend + LinalgOps>(x: &Array<B>, n: i64) -> Result<Array<B>> {
    const OP: &str = "linalg.matrix_power";
    let (m, _) = check_stack(x, OP, true)?;
    if !x.dtype.is_numeric() {
        return Err(Error::InvalidDType {
            op: OP,
            dtype: x.dtype,
            expected: "a numeric dtype",
        });
    }
    if n == 0 {
        let e = crate::eye(m, None, 0, x.dtype, &x.backend)?;
        return crate::broadcast_to(&e, x.shape())?.copy();
    }
    let mut base = if n < 0 { inv(x)? } else { x.clone() };
    let mut p = n.unsigned_abs();
    let mut acc: Option<Array<B>> = None;
    loop {
        if p & 1 == 1 {
            acc = Some(match acc {
                None => base.clone(),
                Some(a) => matmul_nd(&a, &base, OP)?,
            });
        }
        p >>= 1;
        if p == 0 {
            break;
        }
        base = matmul_nd(&base, &base, OP)?;
    }
    let r = acc.expect("n != 0 sets the accumulator");
    r.to_contiguous()
}

/// The largest singular value of each matrix, with a trailing axis: `(..., 1)`.
fn smax<B: Backend + LinalgOps>(s: &Array<B>) -> Result<Array<B>> {
    let m = reduce_last(VectorReduction::Norm(f64::INFINITY), s)?;
    Ok(m.with_layout(m.layout.insert_axis(m.ndim())))
}

fn default_rtol(dtype: DType, m: usize, n: usize) -> f64 {
    let eps = if dtype.real_dtype() == DType::Float32 {
        f32::EPSILON as f64
    } else {
        f64::EPSILON
    };
    m.max(n) as f64 * eps
}

/// The rank of each matrix of a stack `(..., M, N)`: the number of singular values above
/// `rtol * largest` (`rtol` defaults to `max(M, N) * eps`), as `int64`.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![1.0, 2.0, 2.0, 4.0], [2, 2], &Cpu)?;
/// assert_eq!(xp::linalg::matrix_rank(&a, None)?.to_scalar::<i64>()?, 1);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn matrix_rank<B: Backend + LinalgOps>(x: &Array<B>, rtol: Option<f64>) -> Result<Array<B>> {
    const OP: &str = "linalg.matrix_rank";
    let (m, n) = check_stack(x, OP, false)?;
    let x = to_float(x, OP)?;
    let s = super::svdvals(&x)?;
    let tol = crate::multiply(&smax(&s)?, rtol.unwrap_or(default_rtol(x.dtype, m, n)))?;
    let keep = crate::where_(&crate::greater(&s, &tol)?, 1.0, 0.0)?;
    let keep = cast_to(&keep, s.dtype, OP)?;
    let r = reduce_last(VectorReduction::Sum, &keep)?;
    crate::astype(&r, DType::Int64)
}

/// The Moore–Penrose pseudo-inverse of each matrix of a stack `(..., M, N)`, shape
/// `(..., N, M)`, from the SVD: singular values at most `rtol * largest` (`rtol` defaults
/// to `max(M, N) * eps`) are treated as zero.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![1.0, 0.0, 0.0, 0.0], [2, 2], &Cpu)?;
/// assert_eq!(xp::linalg::pinv(&a, None)?.to_vec::<f64>()?, vec![1.0, 0.0, 0.0, 0.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn pinv<B: Backend + LinalgOps>(x: &Array<B>, rtol: Option<f64>) -> Result<Array<B>> {
    const OP: &str = "linalg.pinv";
    let (m, n) = check_stack(x, OP, false)?;
    let x = to_float(x, OP)?;
    let f = super::svd(&x, false)?;
    let tol = crate::multiply(&smax(&f.s)?, rtol.unwrap_or(default_rtol(x.dtype, m, n)))?;
    let big = crate::greater(&f.s, &tol)?;
    let safe = crate::where_(&big, &f.s, 1.0)?;
    let sinv = crate::where_(&big, &crate::divide(1.0, &safe)?, 0.0)?;
    let sinv = cast_to(&sinv, x.dtype, OP)?;
    let mut v = crate::matrix_transpose(&f.vh)?;
    let mut uh = crate::matrix_transpose(&f.u)?;
    if x.dtype.is_complex() {
        v = crate::conj(&v)?;
        uh = crate::conj(&uh)?;
    }
    let vs = crate::multiply(
        &v,
        &sinv.with_layout(sinv.layout.insert_axis(sinv.ndim() - 1)),
    )?;
    matmul_nd(&vs, &uh, OP)
}

/// The result of [`lstsq`].
#[derive(Clone, Debug)]
pub struct LstsqResult<B: Backend> {
    /// The least-squares solution `(..., N)` or `(..., N, K)`.
    pub x: Array<B>,
    /// Squared residual norms per column `(..., K)` (`(..., 1)` for a vector `b`) when every
    /// matrix has full column rank and `M > N`; else an empty `(0,)` array (NumPy's rule).
    pub residuals: Array<B>,
    /// The rank of each matrix, `int64`.
    pub rank: Array<B>,
    /// The singular values of each matrix.
    pub s: Array<B>,
}

/// NumPy's `lstsq`: the minimum-norm least-squares solution of `a @ x ≈ b` for
/// `a (..., M, N)` and `b (M,)` or `(..., M, K)`, through the pseudo-inverse; singular
/// values at most `rcond * largest` are cut (default `max(M, N) * eps`).
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![1.0, 0.0, 1.0, 1.0, 1.0, 2.0], [3, 2], &Cpu)?;
/// let b = Array::from_vec(vec![1.0, 2.0, 2.0], [3], &Cpu)?;
/// let r = xp::linalg::lstsq(&a, &b, None)?;
/// let x = r.x.to_vec::<f64>()?;
/// assert!((x[0] - 7.0 / 6.0).abs() < 1e-12 && (x[1] - 0.5).abs() < 1e-12);
/// assert_eq!(r.rank.to_scalar::<i64>()?, 2);
/// assert!((r.residuals.to_vec::<f64>()?[0] - 1.0 / 6.0).abs() < 1e-12);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn lstsq<B: Backend + LinalgOps>(
    a: &Array<B>,
    b: &Array<B>,
    rcond: Option<f64>,
) -> Result<LstsqResult<B>> {
    const OP: &str = "linalg.lstsq";
    let (m, n) = check_stack(a, OP, false)?;
    let d = float_pair(a, b, OP)?;
    let a = cast_to(a, d, OP)?;
    let b = cast_to(b, d, OP)?;
    let vector = b.ndim() == 1;
    let b2 = if vector {
        b.with_layout(b.layout.insert_axis(1))
    } else {
        b.clone()
    };
    if b2.ndim() < 2 || b2.shape()[b2.ndim() - 2] != m {
        return Err(Error::ShapeMismatch {
            op: OP,
            shapes: vec![a.shape().to_vec(), b.shape().to_vec()],
            reason: format!("are not aligned: a has {m} rows"),
        });
    }
    let p = pinv(&a, rcond)?;
    let x = matmul_nd(&p, &b2, OP)?;
    let s = super::svdvals(&a)?;
    let rank = matrix_rank(&a, rcond)?;
    let full = m > n && rank.to_vec::<i64>()?.iter().all(|&r| r as usize == n);
    let residuals = if full {
        let r = crate::subtract(&b2, &matmul_nd(&a, &x, OP)?)?;
        let rt = crate::matrix_transpose(&r)?;
        let nrm = reduce_last(VectorReduction::Norm(2.0), &rt)?;
        crate::multiply(&nrm, &nrm)?
    } else {
        crate::empty([0], d.real_dtype(), &a.backend)?
    };
    let x = if vector {
        let mut shape = x.shape().to_vec();
        shape.pop();
        x.with_layout(crate::Layout::contiguous(&shape))
    } else {
        x
    };
    Ok(LstsqResult {
        x,
        residuals,
        rank,
        s,
    })
}
