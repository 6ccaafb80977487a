//! Norms and per-matrix reductions: `vector_norm`, `matrix_norm`, `trace`, `diagonal`,
//! `cross`.

use super::common::{batch_of, cast_to, check_stack, reduce_last, to_float};
use super::kernels::{LinalgOps, VectorReduction};
use crate::array::same_device;
use crate::shape::{broadcast_shapes_op, normalize_axes, normalize_axis};
use crate::{result_type, Array, Backend, DType, DTypeOrScalar, Error, Layout, Result};

/// `x` with the axes `axes` moved to the end and flattened into one: `(others..., K)`.
fn flatten_axes<B: Backend>(x: &Array<B>, axes: &[usize]) -> Result<Array<B>> {
    let others: Vec<usize> = (0..x.ndim()).filter(|a| !axes.contains(a)).collect();
    let order: Vec<usize> = others.iter().chain(axes).copied().collect();
    let v = x.with_layout(x.layout.permute(&order));
    let k: usize = axes.iter().map(|&a| x.shape()[a]).product();
    let mut shape: Vec<isize> = others.iter().map(|&a| x.shape()[a] as isize).collect();
    shape.push(k as isize);
    crate::reshape(&v, shape, None)
}

/// `r` (the result over the remaining axes) reshaped with length-1 axes at `axes`.
fn keep_dims<B: Backend>(r: Array<B>, ndim: usize, axes: &[usize]) -> Result<Array<B>> {
    let mut l = r.layout.clone();
    for a in 0..ndim {
        if axes.contains(&a) {
            l = l.insert_axis(a);
        }
    }
    Ok(r.with_layout(l))
}

/// The vector `ord`-norm over `axis` (all axes when `None`; several axes are flattened
/// into one vector), in the real floating dtype: `ord = 2.0` is the Euclidean norm,
/// `f64::INFINITY` the largest magnitude, `f64::NEG_INFINITY` the smallest, `0.0` the
/// count of non-zeros, any other `p` `(sum |x|^p)^(1/p)`. Integer input is promoted to
/// `float64`.
///
/// ```
/// use xp::prelude::*;
/// let x = Array::from_vec(vec![3.0, 4.0, 0.0, -12.0], [2, 2], &Cpu)?;
/// let n = xp::linalg::vector_norm(&x, None, false, 2.0)?;
/// assert_eq!(n.to_scalar::<f64>()?, 13.0);
/// let rows = xp::linalg::vector_norm(&x, Some(&[1]), true, f64::INFINITY)?;
/// assert_eq!(rows.shape(), &[2, 1]);
/// assert_eq!(rows.to_vec::<f64>()?, vec![4.0, 12.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn vector_norm<B: Backend + LinalgOps>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
    ord: f64,
) -> Result<Array<B>> {
    const OP: &str = "linalg.vector_norm";
    if ord.is_nan() {
        return Err(Error::invalid(OP, "ord must not be NaN"));
    }
    let x = to_float(x, OP)?;
    let axes = match axis {
        Some(a) => normalize_axes(a, x.ndim(), OP)?,
        None => (0..x.ndim()).collect(),
    };
    let flat = flatten_axes(&x, &axes)?;
    let r = reduce_last(VectorReduction::Norm(ord), &flat)?;
    if keepdims {
        keep_dims(r, x.ndim(), &axes)
    } else {
        Ok(r)
    }
}

/// The order of [`matrix_norm`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MatrixNormOrd {
    /// Frobenius: the Euclidean norm of the elements.
    #[default]
    Fro,
    /// Nuclear: the sum of the singular values.
    Nuc,
    /// Largest absolute column sum (`ord = 1`).
    One,
    /// Smallest absolute column sum (`ord = -1`).
    NegOne,
    /// Largest singular value (`ord = 2`).
    Two,
    /// Smallest singular value (`ord = -2`).
    NegTwo,
    /// Largest absolute row sum (`ord = inf`).
    Inf,
    /// Smallest absolute row sum (`ord = -inf`).
    NegInf,
}

/// The matrix norm of each matrix of a stack `(..., M, N)`, in the real floating dtype;
/// with `keepdims` the result has shape `(..., 1, 1)`.
///
/// ```
/// use xp::prelude::*;
/// use xp::linalg::{matrix_norm, MatrixNormOrd};
/// let a = Array::from_vec(vec![1.0, -2.0, 3.0, 4.0], [2, 2], &Cpu)?;
/// assert_eq!(matrix_norm(&a, false, MatrixNormOrd::One)?.to_scalar::<f64>()?, 6.0);
/// assert_eq!(matrix_norm(&a, false, MatrixNormOrd::Inf)?.to_scalar::<f64>()?, 7.0);
/// assert!((matrix_norm(&a, false, MatrixNormOrd::Fro)?.to_scalar::<f64>()? - 30f64.sqrt()).abs() < 1e-12);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn matrix_norm<B: Backend + LinalgOps>(
    x: &Array<B>,
    keepdims: bool,
    ord: MatrixNormOrd,
) -> Result<Array<B>> {
    const OP: &str = "linalg.matrix_norm";
    check_stack(x, OP, false)?;
    let x = to_float(x, OP)?;
    let nd = x.ndim();
    use MatrixNormOrd::*;
    let r = match ord {
        Fro => vector_norm(&x, Some(&[-2, -1]), false, 2.0)?,
        Nuc | Two | NegTwo => {
            let s = super::svdvals(&x)?;
            let op = match ord {
                Nuc => VectorReduction::Sum,
                Two => VectorReduction::Norm(f64::INFINITY),
                _ => VectorReduction::Norm(f64::NEG_INFINITY),
            };
            reduce_last(op, &s)?
        }
        One | NegOne | Inf | NegInf => {
            // Column sums (reduce over rows) for ±1, row sums for ±inf.
            let sum_axis = if matches!(ord, One | NegOne) { -2 } else { -1 };
            let sums = vector_norm(&x, Some(&[sum_axis]), false, 1.0)?;
            let pick = if matches!(ord, One | Inf) {
                f64::INFINITY
            } else {
                f64::NEG_INFINITY
            };
            reduce_last(VectorReduction::Norm(pick), &sums)?
        }
    };
    if keepdims {
        keep_dims(r, nd, &[nd - 2, nd - 1])
    } else {
        Ok(r)
    }
}

/// The diagonal of each matrix of a stack `(..., M, N)` as a view `(..., L)`: the main
/// diagonal for `offset = 0`, above it for positive `offset`, below for negative.
///
/// ```
/// use xp::prelude::*;
/// let a = xp::reshape(&xp::arange(0, 9, 1, None, &Cpu)?, [3, 3], None)?;
/// assert_eq!(xp::linalg::diagonal(&a, 0)?.to_vec::<i64>()?, vec![0, 4, 8]);
/// assert_eq!(xp::linalg::diagonal(&a, 1)?.to_vec::<i64>()?, vec![1, 5]);
/// assert_eq!(xp::linalg::diagonal(&a, -2)?.to_vec::<i64>()?, vec![6]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn diagonal<B: Backend>(x: &Array<B>, offset: isize) -> Result<Array<B>> {
    const OP: &str = "linalg.diagonal";
    let (m, n) = check_stack(x, OP, false)?;
    let nd = x.ndim();
    let st = x.layout.strides();
    let (sm, sn) = (st[nd - 2], st[nd - 1]);
    let (len, start) = if offset >= 0 {
        let o = offset.unsigned_abs();
        (m.min(n.saturating_sub(o)), o as isize * sn)
    } else {
        let o = offset.unsigned_abs();
        (m.saturating_sub(o).min(n), o as isize * sm)
    };
    let mut shape = batch_of(x.shape()).to_vec();
    shape.push(len);
    let mut strides = st[..nd - 2].to_vec();
    strides.push(sm + sn);
    let off = if len == 0 || x.size() == 0 {
        x.layout.offset()
    } else {
        (x.layout.offset() as isize + start) as usize
    };
    Ok(x.with_layout(Layout::new(shape, strides, off)))
}

/// The sum of each matrix's diagonal (at `offset`, see [`diagonal`]), shape `(...)`.
/// `dtype` defaults to `x`'s dtype for floats, `int64` for signed integers and bool,
/// `uint64` for unsigned integers (the standard's rule).
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![1i32, 2, 3, 4], [2, 2], &Cpu)?;
/// let t = xp::linalg::trace(&a, 0, None)?;
/// assert_eq!((t.dtype(), t.to_scalar::<i64>()?), (DType::Int64, 5));
/// # Ok::<(), xp::Error>(())
/// ```
pub fn trace<B: Backend + LinalgOps>(
    x: &Array<B>,
    offset: isize,
    dtype: Option<DType>,
) -> Result<Array<B>> {
    const OP: &str = "linalg.trace";
    let d = x.dtype;
    let out = match dtype {
        Some(t) => t,
        None if d.is_floating() => d,
        None if d.is_unsigned_integer() => DType::UInt64,
        None if d.is_signed_integer() || d.is_bool() => DType::Int64,
        None => {
            return Err(Error::InvalidDType {
                op: OP,
                dtype: d,
                expected: "a numeric dtype",
            })
        }
    };
    if !out.is_numeric() {
        return Err(Error::InvalidDType {
            op: OP,
            dtype: out,
            expected: "a numeric dtype",
        });
    }
    let diag = diagonal(x, offset)?;
    let diag = cast_to(&diag, out, OP)?;
    reduce_last(VectorReduction::Sum, &diag)
}

/// The cross product of 3-element vectors along `axis` (of the broadcast shape; its
/// length must be 3 in both operands).
///
/// ```
/// use xp::prelude::*;
/// let x = Array::from_vec(vec![1.0, 0.0, 0.0], [3], &Cpu)?;
/// let y = Array::from_vec(vec![0.0, 1.0, 0.0], [3], &Cpu)?;
/// assert_eq!(xp::linalg::cross(&x, &y, -1)?.to_vec::<f64>()?, vec![0.0, 0.0, 1.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn cross<B: Backend>(x1: &Array<B>, x2: &Array<B>, axis: isize) -> Result<Array<B>> {
    const OP: &str = "linalg.cross";
    same_device(x1, x2, OP)?;
    let d = result_type(&[
        DTypeOrScalar::DType(x1.dtype),
        DTypeOrScalar::DType(x2.dtype),
    ])?;
    if !d.is_numeric() {
        return Err(Error::InvalidDType {
            op: OP,
            dtype: d,
            expected: "a numeric dtype",
        });
    }
    if x1.ndim() == 0 || x2.ndim() == 0 {
        return Err(Error::invalid(
            OP,
            "operands must have at least one dimension",
        ));
    }
    let shape = broadcast_shapes_op(&[x1.shape(), x2.shape()], OP)?;
    let ax = normalize_axis(axis, shape.len(), OP)?;
    let len = |s: &[usize]| {
        let off = shape.len() - s.len();
        if ax >= off {
            s[ax - off]
        } else {
            1
        }
    };
    if len(x1.shape()) != 3 || len(x2.shape()) != 3 {
        return Err(Error::ShapeMismatch {
            op: OP,
            shapes: vec![x1.shape().to_vec(), x2.shape().to_vec()],
            reason: format!("must both have length 3 along axis {axis}"),
        });
    }
    let a = cast_to(x1, d, OP)?;
    let b = cast_to(x2, d, OP)?;
    let la = a.layout.broadcast_to(&shape, OP)?;
    let lb = b.layout.broadcast_to(&shape, OP)?;
    let c = |x: &Array<B>, l: &Layout, i: usize| x.with_layout(l.index_axis(ax, i));
    let (a0, a1, a2) = (c(&a, &la, 0), c(&a, &la, 1), c(&a, &la, 2));
    let (b0, b1, b2) = (c(&b, &lb, 0), c(&b, &lb, 1), c(&b, &lb, 2));
    let term = |p: &Array<B>, q: &Array<B>, r: &Array<B>, s: &Array<B>| -> Result<Array<B>> {
        crate::subtract(&crate::multiply(p, q)?, &crate::multiply(r, s)?)
    };
    let c0 = term(&a1, &b2, &a2, &b1)?;
    let c1 = term(&a2, &b0, &a0, &b2)?;
    let c2 = term(&a0, &b1, &a1, &b0)?;
    crate::stack(&[&c0, &c1, &c2], ax as isize)
}
