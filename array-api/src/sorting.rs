//! The standard's sorting functions `sort` and `argsort`, and the searching functions built
//! on the sort kernels: `argmax`, `argmin`, `count_nonzero`, `searchsorted`.
//!
//! The order is NumPy's: ascending, NaNs last, `-0.0 == +0.0`. Sorts are always stable (the
//! `stable` flag is accepted for the standard's signature; a stable result is a valid
//! unstable one). `descending` reverses a stable ascending sort of the reversed lane, so
//! equal elements keep their relative order and NaNs come first, as `array_api_strict` does.

use crate::array::{check_dtype, same_device};
use crate::backend_stats::{ArgReduceOp, ReduceOp, StatsBackend};
use crate::elementwise::Operand;
use crate::shape::normalize_axis;
use crate::statistics::{cast_to, raw_reduce, reduce_axes, reduced_shape};
use crate::{result_type, Array, DType, DTypeOrScalar, Error, Layout, Result, Scalar};

/// Errors for dtypes without an order (complex).
pub(crate) fn orderable(d: DType, op: &'static str) -> Result<()> {
    if d.is_complex() || !(d.is_numeric() || d.is_bool()) {
        Err(Error::InvalidDType {
            op,
            dtype: d,
            expected: "a real-valued or bool dtype",
        })
    } else {
        Ok(())
    }
}

/// `x` partitioned along axis `ax` (normalised) at the positions `kth` (any order, in
/// range, repeats allowed): the backend's selection kernel.
pub(crate) fn partition_at<B: StatsBackend>(
    x: &Array<B>,
    ax: usize,
    kth: &[usize],
    op: &'static str,
) -> Result<Array<B>> {
    orderable(x.dtype, op)?;
    check_dtype(&x.backend, x.dtype, op)?;
    let mut k = kth.to_vec();
    k.sort_unstable();
    k.dedup();
    let s = x
        .backend
        .partition(&x.storage, &x.layout, x.dtype, ax, &k)?;
    Ok(Array::contiguous_from(s, x.shape(), x.dtype, &x.backend))
}

fn sort_impl<B: StatsBackend>(
    x: &Array<B>,
    axis: isize,
    descending: bool,
    indices: bool,
    op: &'static str,
) -> Result<Array<B>> {
    orderable(x.dtype, op)?;
    check_dtype(&x.backend, x.dtype, op)?;
    let ax = normalize_axis(axis, x.ndim(), op)?;
    let src = if descending {
        x.with_layout(x.layout.flip_axis(ax))
    } else {
        x.clone()
    };
    let (s, dtype) = if indices {
        let s = x
            .backend
            .argsort(&src.storage, &src.layout, src.dtype, ax)?;
        (s, DType::Int64)
    } else {
        let s = x.backend.sort(&src.storage, &src.layout, src.dtype, ax)?;
        (s, x.dtype)
    };
    let r = Array::contiguous_from(s, x.shape(), dtype, &x.backend);
    if !descending {
        return Ok(r);
    }
    let r = r.with_layout(r.layout.flip_axis(ax));
    if indices {
        // positions in the reversed lane → positions in the lane
        let last = x.shape()[ax] as i64 - 1;
        crate::subtract(Scalar::Int(last as i128), &r)
    } else {
        Ok(r)
    }
}

/// `x` sorted along `axis` (ascending, NaNs last; `descending` reverses the order, NaNs
/// first). Always stable. Complex input is an error.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([3.0, f64::NAN, 1.0, 2.0], None, &Cpu)?;
/// let s = xp::sort(&x, -1, false, true)?.to_vec::<f64>()?;
/// assert_eq!(&s[..3], &[1.0, 2.0, 3.0]);
/// assert!(s[3].is_nan());
/// let d = xp::sort(&xp::asarray([1, 3, 2], None, &Cpu)?, 0, true, true)?;
/// assert_eq!(d.to_vec::<i32>()?, vec![3, 2, 1]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn sort<B: StatsBackend>(
    x: &Array<B>,
    axis: isize,
    descending: bool,
    stable: bool,
) -> Result<Array<B>> {
    let _ = stable;
    sort_impl(x, axis, descending, false, "sort")
}

/// The indices that sort `x` along `axis` (`int64`), stable: equal elements keep their
/// order (also with `descending`).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([3, 1, 2, 1], None, &Cpu)?;
/// assert_eq!(xp::argsort(&x, -1, false, true)?.to_vec::<i64>()?, vec![1, 3, 2, 0]);
/// assert_eq!(xp::argsort(&x, -1, true, true)?.to_vec::<i64>()?, vec![0, 2, 1, 3]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn argsort<B: StatsBackend>(
    x: &Array<B>,
    axis: isize,
    descending: bool,
    stable: bool,
) -> Result<Array<B>> {
    let _ = stable;
    sort_impl(x, axis, descending, true, "argsort")
}

fn arg_impl<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<isize>,
    keepdims: bool,
    op: ArgReduceOp,
    name: &'static str,
) -> Result<Array<B>> {
    orderable(x.dtype, name)?;
    check_dtype(&x.backend, x.dtype, name)?;
    let (src, ax) = match axis {
        None => (crate::reshape(x, [-1], None)?, 0),
        Some(a) => (x.clone(), normalize_axis(a, x.ndim(), name)?),
    };
    let out_size: usize = reduced_shape(src.shape(), &[ax], false).iter().product();
    if src.shape()[ax] == 0 && out_size > 0 {
        return Err(Error::invalid(
            name,
            "attempt to get the arg-extremum of an empty sequence",
        ));
    }
    let s = x
        .backend
        .arg_reduce(op, &src.storage, &src.layout, src.dtype, ax)?;
    let shape = match (axis, keepdims) {
        (None, true) => vec![1; x.ndim()],
        (None, false) => vec![],
        (Some(_), k) => reduced_shape(x.shape(), &[ax], k),
    };
    Ok(Array::from_parts(
        s,
        Layout::contiguous(&shape),
        DType::Int64,
        x.backend.clone(),
    ))
}

/// The index (`int64`) of the first maximum along `axis` (`None`: of the flattened
/// array); a NaN counts as the maximum (the first NaN wins), as in NumPy. An empty axis is
/// an error.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[1.0, 5.0, 5.0], [f64::NAN, 2.0, f64::NAN]], None, &Cpu)?;
/// assert_eq!(xp::argmax(&x, Some(1), false)?.to_vec::<i64>()?, vec![1, 0]);
/// assert_eq!(xp::argmax(&x, None, false)?.to_scalar::<i64>()?, 3);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn argmax<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array<B>> {
    arg_impl(x, axis, keepdims, ArgReduceOp::ArgMax, "argmax")
}

/// The index (`int64`) of the first minimum along `axis`; see [`argmax`].
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([4, 1, 3, 1], None, &Cpu)?;
/// assert_eq!(xp::argmin(&x, None, false)?.to_scalar::<i64>()?, 1);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn argmin<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array<B>> {
    arg_impl(x, axis, keepdims, ArgReduceOp::ArgMin, "argmin")
}

/// The number of non-zero (true) elements over `axis`, as `int64`. NaN is non-zero.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[0, 1, 2], [0, 0, 3]], None, &Cpu)?;
/// assert_eq!(xp::count_nonzero(&x, None, false)?.to_scalar::<i64>()?, 3);
/// assert_eq!(xp::count_nonzero(&x, Some(&[1]), false)?.to_vec::<i64>()?, vec![2, 1]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn count_nonzero<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<B>> {
    const OP: &str = "count_nonzero";
    let axes = reduce_axes(x.ndim(), axis, OP)?;
    let b = cast_to(&cast_to(x, DType::Bool)?, DType::Int64)?;
    raw_reduce(&b, ReduceOp::Sum, &axes, keepdims, OP)
}

/// Which side [`searchsorted`] inserts equal elements on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Side {
    /// Before equal elements: the first suitable index.
    #[default]
    Left,
    /// After equal elements: the last suitable index.
    Right,
}

/// Indices (`int64`, of `x2`'s shape) where the elements of `x2` would be inserted into the
/// 1-d `x1` to keep it sorted (ascending, NaNs last). With `sorter`, `x1` is
/// `take(x1, sorter)`. `x2` may be an array or a Rust scalar; `x1` and `x2` are compared in
/// their promoted dtype.
///
/// ```
/// use xp::prelude::*;
/// use xp::Side;
/// let x1 = xp::asarray([1.0, 2.0, 2.0, 3.0], None, &Cpu)?;
/// let x2 = xp::asarray([2.0, 0.0, 5.0], None, &Cpu)?;
/// assert_eq!(xp::searchsorted(&x1, &x2, Side::Left, None)?.to_vec::<i64>()?, vec![1, 0, 4]);
/// assert_eq!(xp::searchsorted(&x1, 2.0, Side::Right, None)?.to_scalar::<i64>()?, 3);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn searchsorted<'a, B: StatsBackend>(
    x1: &Array<B>,
    x2: impl Into<Operand<'a, B>>,
    side: Side,
    sorter: Option<&Array<B>>,
) -> Result<Array<B>> {
    const OP: &str = "searchsorted";
    if x1.ndim() != 1 {
        return Err(Error::invalid(
            OP,
            format!("x1 must be one-dimensional, got {} dimensions", x1.ndim()),
        ));
    }
    let x1 = match sorter {
        Some(s) => {
            same_device(x1, s, OP)?;
            if s.shape() != x1.shape() {
                return Err(Error::ShapeMismatch {
                    op: OP,
                    shapes: vec![x1.shape().to_vec(), s.shape().to_vec()],
                    reason: "sorter must have the shape of x1".into(),
                });
            }
            crate::take(x1, s, Some(0))?
        }
        None => x1.clone(),
    };
    let x2 = x2.into();
    let (arg, x2a) = match &x2 {
        Operand::Array(a) => {
            same_device(&x1, a, OP)?;
            (DTypeOrScalar::DType(a.dtype), Some(*a))
        }
        Operand::Scalar(s) => (DTypeOrScalar::Scalar(*s), None),
    };
    let d = result_type(&[DTypeOrScalar::DType(x1.dtype), arg]).map_err(|e| match e {
        Error::NoPromotion { a, b, .. } => Error::NoPromotion { op: OP, a, b },
        e => e,
    })?;
    orderable(d, OP)?;
    check_dtype(&x1.backend, d, OP)?;
    let v = match (x2a, &x2) {
        (Some(a), _) => cast_to(a, d)?,
        (None, Operand::Scalar(s)) => crate::full([0usize; 0], *s, Some(d), &x1.backend)?,
        _ => unreachable!("an operand is an array or a scalar"),
    };
    let sorted = cast_to(&x1, d)?;
    let s = x1.backend.searchsorted(
        &sorted.storage,
        &sorted.layout,
        &v.storage,
        &v.layout,
        d,
        side == Side::Right,
    )?;
    Ok(Array::contiguous_from(
        s,
        v.shape(),
        DType::Int64,
        &x1.backend,
    ))
}

impl<B: StatsBackend> Array<B> {
    /// Method form of [`argmax`](crate::argmax).
    pub fn argmax(&self, axis: Option<isize>, keepdims: bool) -> Result<Array<B>> {
        argmax(self, axis, keepdims)
    }
    /// Method form of [`argmin`](crate::argmin).
    pub fn argmin(&self, axis: Option<isize>, keepdims: bool) -> Result<Array<B>> {
        argmin(self, axis, keepdims)
    }
    /// Method form of [`sort`](crate::sort) (ascending, along the last axis).
    pub fn sort(&self) -> Result<Array<B>> {
        sort(self, -1, false, true)
    }
    /// Method form of [`argsort`](crate::argsort) (ascending, along the last axis).
    pub fn argsort(&self) -> Result<Array<B>> {
        argsort(self, -1, false, true)
    }
}
