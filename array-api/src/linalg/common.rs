//! Shared front-end helpers of the linalg functions: dtype rules, stack checks, kernel
//! calls and result wrapping.

use super::kernels::{Factor, LinalgOps, VectorReduction};
use crate::array::{check_dtype, same_device};
use crate::shape::fmt_shape;
use crate::{Array, Backend, DType, Error, Layout, Result};

/// The floating dtype a linalg function computes in: floats keep their dtype, integers and
/// bool promote to the default float (`float64`, as NumPy does).
pub(crate) fn float_dtype(d: DType, op: &'static str) -> Result<DType> {
    if d.is_floating() {
        Ok(d)
    } else if d.is_numeric() || d.is_bool() {
        Ok(DType::DEFAULT_FLOAT)
    } else {
        Err(Error::InvalidDType {
            op,
            dtype: d,
            expected: "a numeric dtype",
        })
    }
}

/// `x` converted to its floating compute dtype (no copy when it already is one).
pub(crate) fn to_float<B: Backend>(x: &Array<B>, op: &'static str) -> Result<Array<B>> {
    let d = float_dtype(x.dtype, op)?;
    check_dtype(&x.backend, d, op)?;
    if d == x.dtype {
        Ok(x.clone())
    } else {
        crate::astype(x, d)
    }
}

/// `x` converted to `d` (no copy when it already is).
pub(crate) fn cast_to<B: Backend>(x: &Array<B>, d: DType, op: &'static str) -> Result<Array<B>> {
    check_dtype(&x.backend, d, op)?;
    if d == x.dtype {
        Ok(x.clone())
    } else {
        crate::astype(x, d)
    }
}

/// Checks that `x` is a stack of matrices `(..., M, N)` (square when `square`) and
/// returns `(M, N)`.
pub(crate) fn check_stack<B: Backend>(
    x: &Array<B>,
    op: &'static str,
    square: bool,
) -> Result<(usize, usize)> {
    if x.ndim() < 2 {
        return Err(Error::invalid(
            op,
            format!(
                "needs a stack of matrices (at least 2 dimensions); got shape {}",
                fmt_shape(x.shape())
            ),
        ));
    }
    let n = x.ndim();
    let (m, k) = (x.shape()[n - 2], x.shape()[n - 1]);
    if square && m != k {
        return Err(Error::ShapeMismatch {
            op,
            shapes: vec![x.shape().to_vec()],
            reason: "are not a stack of square matrices (the last two dimensions differ)".into(),
        });
    }
    Ok((m, k))
}

/// The stack (batch) dimensions of `(..., M, N)`.
pub(crate) fn batch_of(shape: &[usize]) -> &[usize] {
    &shape[..shape.len().saturating_sub(2)]
}

/// A new contiguous array of `shape` from a kernel's output storage.
pub(crate) fn wrap<B: Backend>(
    storage: B::Storage,
    shape: &[usize],
    dtype: DType,
    device: &B,
) -> Array<B> {
    Array::from_parts(storage, Layout::contiguous(shape), dtype, device.clone())
}

/// Runs [`LinalgOps::factor`] on a float stack `x`.
pub(crate) fn factor<B: Backend + LinalgOps>(op: Factor, x: &Array<B>) -> Result<Vec<B::Storage>> {
    x.backend.factor(op, &x.storage, &x.layout, x.dtype)
}

/// Runs [`LinalgOps::reduce_last`] on `x (..., K)`; the result has shape `(...)`.
pub(crate) fn reduce_last<B: Backend + LinalgOps>(
    op: VectorReduction,
    x: &Array<B>,
) -> Result<Array<B>> {
    let out_dtype = match op {
        VectorReduction::Sum => x.dtype,
        VectorReduction::Norm(_) => x.dtype.real_dtype(),
    };
    let s = x.backend.reduce_last(op, &x.storage, &x.layout, x.dtype)?;
    let shape = &x.shape()[..x.ndim() - 1];
    Ok(wrap(s, shape, out_dtype, &x.backend))
}

/// The batched product of two arrays already in one dtype, with `(..., M, K)` and
/// `(..., K', N)` shapes (`K == K'` checked by the caller); stack dimensions broadcast.
pub(crate) fn matmul_nd<B: Backend + LinalgOps>(
    a: &Array<B>,
    b: &Array<B>,
    op: &'static str,
) -> Result<Array<B>> {
    same_device(a, b, op)?;
    let (an, bn) = (a.ndim(), b.ndim());
    let batch = crate::shape::broadcast_shapes_op(&[batch_of(a.shape()), batch_of(b.shape())], op)?;
    let (m, k) = (a.shape()[an - 2], a.shape()[an - 1]);
    let n = b.shape()[bn - 1];
    let mut sa = batch.clone();
    sa.extend([m, k]);
    let mut sb = batch.clone();
    sb.extend([k, n]);
    let la = a.layout.broadcast_to(&sa, op)?;
    let lb = b.layout.broadcast_to(&sb, op)?;
    let s = a
        .backend
        .matmul(&a.storage, &la, &b.storage, &lb, a.dtype)?;
    let mut so = batch;
    so.extend([m, n]);
    Ok(wrap(s, &so, a.dtype, &a.backend))
}
