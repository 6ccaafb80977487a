//! Products: `matmul`, `vecdot`, `tensordot`, `outer`, and NumPy's `multi_dot`, `kron`.
//!
//! NumPy's `dot` and `inner` are not separate functions: `dot(a, b)` of 1-d or 2-d arrays
//! is [`matmul`]; for n-d `dot` contracts the last axis of `a` with the second-to-last of
//! `b`, which is `tensordot(a, b, ([-1], [-2]))`. `inner(a, b)` contracts the last axes of
//! both: `tensordot(a, b, ([-1], [-1]))`; for complex input it does not conjugate, unlike
//! [`vecdot`].

use super::common::matmul_nd;
use super::kernels::LinalgOps;
use crate::array::same_device;
use crate::shape::{fmt_shape, normalize_axes, normalize_axis};
use crate::{result_type, Array, Backend, DType, DTypeOrScalar, Error, Result};

/// The promoted numeric dtype of two arrays (bool is not allowed).
fn numeric_pair<B: Backend>(x1: &Array<B>, x2: &Array<B>, op: &'static str) -> Result<DType> {
    same_device(x1, x2, op)?;
    let d = result_type(&[
        DTypeOrScalar::DType(x1.dtype),
        DTypeOrScalar::DType(x2.dtype),
    ])
    .map_err(|e| match e {
        Error::NoPromotion { a, b, .. } => Error::NoPromotion { op, a, b },
        e => e,
    })?;
    if !d.is_numeric() {
        return Err(Error::InvalidDType {
            op,
            dtype: d,
            expected: "a numeric dtype",
        });
    }
    crate::array::check_dtype(&x1.backend, d, op)?;
    Ok(d)
}

fn mismatch(op: &'static str, a: &[usize], b: &[usize], reason: &str) -> Error {
    Error::ShapeMismatch {
        op,
        shapes: vec![a.to_vec(), b.to_vec()],
        reason: reason.into(),
    }
}

/// The matrix product `x1 @ x2` (the standard's `matmul`, also `xp::linalg::matmul`).
///
/// 1-d operands are promoted to matrices (`(K,)` to `(1, K)` on the left, `(K, 1)` on the
/// right) and the added dimension is removed from the result; n-d operands are stacks of
/// matrices whose stack dimensions broadcast. Integer products wrap on overflow. Operands
/// promote by the usual rules; bool and 0-d operands are errors.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0], [2, 2], &Cpu)?;
/// let v = Array::from_vec(vec![1.0, 1.0], [2], &Cpu)?;
/// assert_eq!(xp::matmul(&a, &v)?.to_vec::<f64>()?, vec![3.0, 7.0]);
/// let stack = xp::ones([3, 2, 2], DType::Float64, &Cpu)?;
/// assert_eq!(xp::matmul(&stack, &a)?.shape(), &[3, 2, 2]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn matmul<B: Backend + LinalgOps>(x1: &Array<B>, x2: &Array<B>) -> Result<Array<B>> {
    const OP: &str = "matmul";
    let d = numeric_pair(x1, x2, OP)?;
    if x1.ndim() == 0 || x2.ndim() == 0 {
        return Err(Error::invalid(
            OP,
            "operands must have at least one dimension",
        ));
    }
    let a = super::common::cast_to(x1, d, OP)?;
    let b = super::common::cast_to(x2, d, OP)?;
    let a1 = a.ndim() == 1;
    let b1 = b.ndim() == 1;
    let a = if a1 {
        a.with_layout(a.layout.insert_axis(0))
    } else {
        a
    };
    let b = if b1 {
        b.with_layout(b.layout.insert_axis(1))
    } else {
        b
    };
    let ka = a.shape()[a.ndim() - 1];
    let kb = b.shape()[b.ndim() - 2];
    if ka != kb {
        return Err(mismatch(
            OP,
            x1.shape(),
            x2.shape(),
            &format!("are not aligned: the contracted dimensions are {ka} and {kb}"),
        ));
    }
    let r = matmul_nd(&a, &b, OP)?;
    let mut shape = r.shape().to_vec();
    let n = shape.len();
    if b1 {
        shape.remove(n - 1);
    }
    if a1 {
        shape.remove(n - 2);
    }
    Ok(r.with_layout(crate::Layout::contiguous(&shape)))
}

/// The dot product of vectors along `axis` (negative counts from the end):
/// `sum(conj(x1) * x2, axis)`, with `x1` conjugated for complex input. The operands
/// broadcast, except along `axis` whose lengths must agree.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3], &Cpu)?;
/// let b = Array::from_vec(vec![1.0, 0.0, 1.0], [3], &Cpu)?;
/// assert_eq!(xp::vecdot(&a, &b, -1)?.to_vec::<f64>()?, vec![4.0, 10.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn vecdot<B: Backend + LinalgOps>(
    x1: &Array<B>,
    x2: &Array<B>,
    axis: isize,
) -> Result<Array<B>> {
    const OP: &str = "vecdot";
    let d = numeric_pair(x1, x2, OP)?;
    if x1.ndim() == 0 || x2.ndim() == 0 {
        return Err(Error::invalid(
            OP,
            "operands must have at least one dimension",
        ));
    }
    let shape = crate::shape::broadcast_shapes_op(&[x1.shape(), x2.shape()], OP)
        .map_err(|_| mismatch(OP, x1.shape(), x2.shape(), "cannot be broadcast together"))?;
    let nd = shape.len();
    let ax = normalize_axis(axis, nd, OP)?;
    // The contracted lengths must be equal (not broadcast).
    let len_of = |s: &[usize]| {
        let off = nd - s.len();
        if ax >= off {
            Some(s[ax - off])
        } else {
            None
        }
    };
    if len_of(x1.shape()) != len_of(x2.shape()) {
        return Err(mismatch(
            OP,
            x1.shape(),
            x2.shape(),
            &format!("differ along the contracted axis {axis}"),
        ));
    }
    let mut a = super::common::cast_to(x1, d, OP)?;
    let b = super::common::cast_to(x2, d, OP)?;
    if d.is_complex() {
        a = crate::conj(&a)?;
    }
    let mut order: Vec<usize> = (0..nd).filter(|&i| i != ax).collect();
    order.push(ax);
    let la = a.layout.broadcast_to(&shape, OP)?.permute(&order);
    let lb = b.layout.broadcast_to(&shape, OP)?.permute(&order);
    let a = a.with_layout(la.insert_axis(nd - 1)); // (..., 1, K)
    let b = b.with_layout(lb.insert_axis(nd)); // (..., K, 1)
    let r = matmul_nd(&a, &b, OP)?;
    let out: Vec<usize> = order[..nd - 1].iter().map(|&i| shape[i]).collect();
    Ok(r.with_layout(crate::Layout::contiguous(&out)))
}

/// The axes [`tensordot`] contracts.
#[derive(Clone, Debug, PartialEq)]
pub enum TensordotAxes {
    /// The last `n` axes of `x1` with the first `n` of `x2`, in order.
    Count(usize),
    /// Axes of `x1` paired with axes of `x2` (negative counts from the end).
    Pairs(Vec<isize>, Vec<isize>),
}

impl From<usize> for TensordotAxes {
    fn from(n: usize) -> Self {
        TensordotAxes::Count(n)
    }
}

impl From<(Vec<isize>, Vec<isize>)> for TensordotAxes {
    fn from((a, b): (Vec<isize>, Vec<isize>)) -> Self {
        TensordotAxes::Pairs(a, b)
    }
}

impl<const N: usize> From<([isize; N], [isize; N])> for TensordotAxes {
    fn from((a, b): ([isize; N], [isize; N])) -> Self {
        TensordotAxes::Pairs(a.to_vec(), b.to_vec())
    }
}

/// The tensor contraction of `x1` and `x2` over `axes` (a count, or pairs of axes): the
/// result's shape is `x1`'s free axes followed by `x2`'s. Contracted lengths must agree.
///
/// ```
/// use xp::prelude::*;
/// let a = xp::ones([2, 3, 4], DType::Float64, &Cpu)?;
/// let b = xp::ones([3, 4, 5], DType::Float64, &Cpu)?;
/// let c = xp::tensordot(&a, &b, 2)?;
/// assert_eq!(c.shape(), &[2, 5]);
/// assert_eq!(c.to_vec::<f64>()?[0], 12.0);
/// let d = xp::tensordot(&a, &b, ([1], [0]))?;
/// assert_eq!(d.shape(), &[2, 4, 4, 5]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn tensordot<B: Backend + LinalgOps>(
    x1: &Array<B>,
    x2: &Array<B>,
    axes: impl Into<TensordotAxes>,
) -> Result<Array<B>> {
    const OP: &str = "tensordot";
    let d = numeric_pair(x1, x2, OP)?;
    let (n1, n2) = (x1.ndim(), x2.ndim());
    let (ax1, ax2): (Vec<usize>, Vec<usize>) = match axes.into() {
        TensordotAxes::Count(n) => {
            if n > n1 || n > n2 {
                return Err(Error::invalid(
                    OP,
                    format!("cannot contract {n} axes of arrays of {n1} and {n2} dimensions"),
                ));
            }
            ((n1 - n..n1).collect(), (0..n).collect())
        }
        TensordotAxes::Pairs(a, b) => {
            if a.len() != b.len() {
                return Err(Error::invalid(
                    OP,
                    format!("axes {a:?} and {b:?} differ in length"),
                ));
            }
            (normalize_axes(&a, n1, OP)?, normalize_axes(&b, n2, OP)?)
        }
    };
    for (&i, &j) in ax1.iter().zip(&ax2) {
        if x1.shape()[i] != x2.shape()[j] {
            return Err(mismatch(
                OP,
                x1.shape(),
                x2.shape(),
                &format!("differ along contracted axes {i} and {j}"),
            ));
        }
    }
    let free1: Vec<usize> = (0..n1).filter(|i| !ax1.contains(i)).collect();
    let free2: Vec<usize> = (0..n2).filter(|i| !ax2.contains(i)).collect();
    let k: usize = ax1.iter().map(|&i| x1.shape()[i]).product();
    let p: usize = free1.iter().map(|&i| x1.shape()[i]).product();
    let q: usize = free2.iter().map(|&i| x2.shape()[i]).product();
    let a = super::common::cast_to(x1, d, OP)?;
    let b = super::common::cast_to(x2, d, OP)?;
    let oa: Vec<usize> = free1.iter().chain(&ax1).copied().collect();
    let ob: Vec<usize> = ax2.iter().chain(&free2).copied().collect();
    let a = a.with_layout(a.layout.permute(&oa));
    let b = b.with_layout(b.layout.permute(&ob));
    let a = crate::reshape(&a, [p as isize, k as isize], None)?;
    let b = crate::reshape(&b, [k as isize, q as isize], None)?;
    let r = matmul_nd(&a, &b, OP)?;
    let out: Vec<usize> = free1
        .iter()
        .map(|&i| x1.shape()[i])
        .chain(free2.iter().map(|&i| x2.shape()[i]))
        .collect();
    Ok(r.with_layout(crate::Layout::contiguous(&out)))
}

/// The outer product of two 1-d arrays: `out[i, j] = x1[i] * x2[j]`.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![1, 2], [2], &Cpu)?;
/// let b = Array::from_vec(vec![1, 10, 100], [3], &Cpu)?;
/// assert_eq!(xp::linalg::outer(&a, &b)?.to_vec::<i32>()?, vec![1, 10, 100, 2, 20, 200]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn outer<B: Backend + LinalgOps>(x1: &Array<B>, x2: &Array<B>) -> Result<Array<B>> {
    const OP: &str = "outer";
    let d = numeric_pair(x1, x2, OP)?;
    if x1.ndim() != 1 || x2.ndim() != 1 {
        return Err(mismatch(OP, x1.shape(), x2.shape(), "must both be 1-d"));
    }
    let a = super::common::cast_to(x1, d, OP)?;
    let b = super::common::cast_to(x2, d, OP)?;
    let a = a.with_layout(a.layout.insert_axis(1));
    let b = b.with_layout(b.layout.insert_axis(0));
    crate::multiply(&a, &b)
}

/// NumPy's `multi_dot`: the product of a chain of matrices (the first may be 1-d, a row
/// vector; the last may be 1-d, a column vector), multiplied in the order that minimises
/// the number of scalar multiplications.
///
/// ```
/// use xp::prelude::*;
/// let a = xp::ones([10, 100], DType::Float64, &Cpu)?;
/// let b = xp::ones([100, 5], DType::Float64, &Cpu)?;
/// let c = xp::ones([5, 50], DType::Float64, &Cpu)?;
/// let r = xp::linalg::multi_dot(&[&a, &b, &c])?;
/// assert_eq!(r.shape(), &[10, 50]);
/// assert_eq!(r.to_vec::<f64>()?[0], 500.0);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn multi_dot<B: Backend + LinalgOps>(arrays: &[&Array<B>]) -> Result<Array<B>> {
    const OP: &str = "multi_dot";
    let n = arrays.len();
    if n < 2 {
        return Err(Error::invalid(OP, "needs at least two arrays"));
    }
    for (i, a) in arrays.iter().enumerate() {
        let ok = a.ndim() == 2 || (a.ndim() == 1 && (i == 0 || i == n - 1));
        if !ok {
            return Err(Error::invalid(
                OP,
                format!(
                    "array {i} has shape {}; expected a matrix",
                    fmt_shape(a.shape())
                ),
            ));
        }
    }
    let mats: Vec<Array<B>> = arrays
        .iter()
        .enumerate()
        .map(|(i, a)| match a.ndim() {
            1 if i == 0 => a.with_layout(a.layout.insert_axis(0)),
            1 => a.with_layout(a.layout.insert_axis(1)),
            _ => (*a).clone(),
        })
        .collect();
    // Dimensions p_0 .. p_n for the chain-order dynamic programme.
    let mut p: Vec<usize> = vec![mats[0].shape()[0]];
    for m in &mats {
        p.push(m.shape()[1]);
    }
    let mut cost = vec![vec![0u128; n]; n];
    let mut split = vec![vec![0usize; n]; n];
    for len in 1..n {
        for i in 0..n - len {
            let j = i + len;
            cost[i][j] = u128::MAX;
            for s in i..j {
                let c = cost[i][s] + cost[s + 1][j] + (p[i] * p[s + 1] * p[j + 1]) as u128;
                if c < cost[i][j] {
                    cost[i][j] = c;
                    split[i][j] = s;
                }
            }
        }
    }
    fn chain<B: Backend + LinalgOps>(
        m: &[Array<B>],
        split: &[Vec<usize>],
        i: usize,
        j: usize,
    ) -> Result<Array<B>> {
        if i == j {
            return Ok(m[i].clone());
        }
        let s = split[i][j];
        matmul(&chain(m, split, i, s)?, &chain(m, split, s + 1, j)?)
    }
    let r = chain(&mats, &split, 0, n - 1)?;
    let mut shape = r.shape().to_vec();
    if arrays[n - 1].ndim() == 1 {
        shape.pop();
    }
    if arrays[0].ndim() == 1 {
        shape.remove(0);
    }
    crate::reshape(
        &r,
        shape.iter().map(|&d| d as isize).collect::<Vec<_>>(),
        None,
    )
}

/// NumPy's `kron`: the Kronecker product. Both operands are padded with leading axes to
/// the same rank; the result has shape `a.shape[i] * b.shape[i]` per axis.
///
/// ```
/// use xp::prelude::*;
/// let a = Array::from_vec(vec![1, 2], [2], &Cpu)?;
/// let b = Array::from_vec(vec![1, 10], [2], &Cpu)?;
/// assert_eq!(xp::linalg::kron(&a, &b)?.to_vec::<i32>()?, vec![1, 10, 2, 20]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn kron<B: Backend + LinalgOps>(a: &Array<B>, b: &Array<B>) -> Result<Array<B>> {
    const OP: &str = "kron";
    let d = numeric_pair(a, b, OP)?;
    let nd = a.ndim().max(b.ndim());
    let pad = |x: &Array<B>| -> Array<B> {
        let mut l = x.layout.clone();
        while l.ndim() < nd {
            l = l.insert_axis(0);
        }
        x.with_layout(l)
    };
    let (a, b) = (
        pad(&super::common::cast_to(a, d, OP)?),
        pad(&super::common::cast_to(b, d, OP)?),
    );
    // a viewed as (a0, 1, a1, 1, ...), b as (1, b0, 1, b1, ...).
    let mut la = a.layout.clone();
    let mut lb = b.layout.clone();
    for i in 0..nd {
        la = la.insert_axis(2 * i + 1);
        lb = lb.insert_axis(2 * i);
    }
    let r = crate::multiply(&a.with_layout(la), &b.with_layout(lb))?;
    let shape: Vec<isize> = (0..nd)
        .map(|i| (a.shape()[i] * b.shape()[i]) as isize)
        .collect();
    crate::reshape(&r, shape, None)
}
