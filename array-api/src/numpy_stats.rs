//! NumPy's statistics and searching functions beyond the standard, composed in the front
//! end from the reduction, sort and elementwise kernels: `cumsum`/`cumprod`, `ptp`,
//! `argwhere`, `flatnonzero`, the `nan*` family, `average`, `partition`/`argpartition`,
//! `lexsort`.

use crate::backend_stats::StatsBackend;
use crate::shape::normalize_axis;
use crate::statistics::{cast_to, mean_dtype};
use crate::{Array, DType, Error, Result, Scalar};

/// NumPy's `cumsum`: [`cumulative_sum`](crate::cumulative_sum) of the flattened array when
/// `axis` is `None`, else along `axis`.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[1, 2], [3, 4]], None, &Cpu)?;
/// assert_eq!(xp::cumsum(&x, None, None)?.to_vec::<i64>()?, vec![1, 3, 6, 10]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn cumsum<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<isize>,
    dtype: Option<DType>,
) -> Result<Array<B>> {
    match axis {
        None => crate::cumulative_sum(&crate::reshape(x, [-1], None)?, Some(0), dtype, false),
        Some(a) => crate::cumulative_sum(x, Some(a), dtype, false),
    }
}

/// NumPy's `cumprod`; see [`cumsum`].
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([1.0, 2.0, 3.0], None, &Cpu)?;
/// assert_eq!(xp::cumprod(&x, None, None)?.to_vec::<f64>()?, vec![1.0, 2.0, 6.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn cumprod<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<isize>,
    dtype: Option<DType>,
) -> Result<Array<B>> {
    match axis {
        None => crate::cumulative_prod(&crate::reshape(x, [-1], None)?, Some(0), dtype, false),
        Some(a) => crate::cumulative_prod(x, Some(a), dtype, false),
    }
}

/// Peak to peak: `max - min` over `axis`.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[4, 9, 2], [1, 1, 1]], None, &Cpu)?;
/// assert_eq!(xp::ptp(&x, Some(&[1]), false)?.to_vec::<i32>()?, vec![7, 0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn ptp<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<B>> {
    crate::subtract(
        &crate::max(x, axis, keepdims)?,
        &crate::min(x, axis, keepdims)?,
    )
}

/// The indices of the non-zero elements, one row per element: `int64` of shape
/// `(count, ndim)`.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[0, 5], [7, 0]], None, &Cpu)?;
/// let w = xp::argwhere(&x)?;
/// assert_eq!(w.shape(), &[2, 2]);
/// assert_eq!(w.to_vec::<i64>()?, vec![0, 1, 1, 0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn argwhere<B: StatsBackend>(x: &Array<B>) -> Result<Array<B>> {
    if x.ndim() == 0 {
        let n = crate::count_nonzero(x, None, false)?.to_scalar::<i64>()? as usize;
        return crate::zeros([n, 0], DType::Int64, &x.backend);
    }
    let nz = crate::nonzero(x)?;
    crate::stack(&nz.iter().collect::<Vec<_>>(), 1)
}

/// The flat (C-order) indices of the non-zero elements of `x`, `int64`.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[0, 5], [7, 0]], None, &Cpu)?;
/// assert_eq!(xp::flatnonzero(&x)?.to_vec::<i64>()?, vec![1, 2]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn flatnonzero<B: StatsBackend>(x: &Array<B>) -> Result<Array<B>> {
    Ok(crate::nonzero(&crate::reshape(x, [-1], None)?)?.remove(0))
}

/// `(mask of NaNs, x with NaNs replaced by fill)`; `None` for dtypes without NaN.
fn replace_nan<B: StatsBackend>(x: &Array<B>, fill: f64) -> Result<Option<(Array<B>, Array<B>)>> {
    if !x.dtype.is_floating() {
        return Ok(None);
    }
    let m = crate::isnan(x)?;
    let r = crate::where_(&m, Scalar::Float(fill), x)?;
    Ok(Some((m, r)))
}

/// `sum` with NaNs counted as zero.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([1.0, f64::NAN, 2.0], None, &Cpu)?;
/// assert_eq!(xp::nansum(&x, None, false, None)?.to_scalar::<f64>()?, 3.0);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn nansum<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> Result<Array<B>> {
    match replace_nan(x, 0.0)? {
        Some((_, r)) => crate::sum(&r, axis, keepdims, dtype),
        None => crate::sum(x, axis, keepdims, dtype),
    }
}

/// `prod` with NaNs counted as one.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([2.0, f64::NAN, 3.0], None, &Cpu)?;
/// assert_eq!(xp::nanprod(&x, None, false, None)?.to_scalar::<f64>()?, 6.0);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn nanprod<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> Result<Array<B>> {
    match replace_nan(x, 1.0)? {
        Some((_, r)) => crate::prod(&r, axis, keepdims, dtype),
        None => crate::prod(x, axis, keepdims, dtype),
    }
}

/// The number of non-NaN elements over `axis`, as float64.
fn count_valid<B: StatsBackend>(
    mask: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<B>> {
    let valid = crate::logical_not(mask)?;
    cast_to(&crate::sum(&valid, axis, keepdims, None)?, DType::Float64)
}

/// The mean of the non-NaN elements (NaN where there are none).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([1.0, f64::NAN, 3.0], None, &Cpu)?;
/// assert_eq!(xp::nanmean(&x, None, false)?.to_scalar::<f64>()?, 2.0);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn nanmean<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<B>> {
    let Some((m, r)) = replace_nan(x, 0.0)? else {
        return crate::mean(x, axis, keepdims);
    };
    let s = crate::sum(&r, axis, keepdims, None)?;
    let n = cast_to(&count_valid(&m, axis, keepdims)?, x.dtype.real_dtype())?;
    crate::divide(&s, &n)
}

/// The variance of the non-NaN elements, with `correction` degrees of freedom removed.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([1.0, f64::NAN, 3.0], None, &Cpu)?;
/// assert_eq!(xp::nanvar(&x, None, 0.0, false)?.to_scalar::<f64>()?, 1.0);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn nanvar<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    correction: f64,
    keepdims: bool,
) -> Result<Array<B>> {
    let Some((m, r)) = replace_nan(x, 0.0)? else {
        return crate::var(x, axis, correction, keepdims);
    };
    let rd = x.dtype.real_dtype();
    let n = cast_to(&count_valid(&m, axis, true)?, rd)?;
    let mean = crate::divide(&crate::sum(&r, axis, true, None)?, &n)?;
    let dev = crate::where_(&m, Scalar::Float(0.0), &crate::subtract(&r, &mean)?)?;
    let sq = if x.dtype.is_complex() {
        crate::real(&crate::multiply(&dev, &crate::conj(&dev)?)?)?
    } else {
        crate::multiply(&dev, &dev)?
    };
    let s = crate::sum(&sq, axis, keepdims, None)?;
    let nk = cast_to(&count_valid(&m, axis, keepdims)?, rd)?;
    let denom = crate::maximum(&crate::subtract(&nk, correction)?, 0.0)?;
    crate::divide(&s, &denom)
}

/// The standard deviation of the non-NaN elements: the square root of [`nanvar`].
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([1.0, f64::NAN, 3.0], None, &Cpu)?;
/// assert_eq!(xp::nanstd(&x, None, 0.0, false)?.to_scalar::<f64>()?, 1.0);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn nanstd<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    correction: f64,
    keepdims: bool,
) -> Result<Array<B>> {
    crate::sqrt(&nanvar(x, axis, correction, keepdims)?)
}

fn nan_extreme<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
    max: bool,
) -> Result<Array<B>> {
    let fill = if max {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    };
    let Some((m, r)) = replace_nan(x, fill)? else {
        return if max {
            crate::max(x, axis, keepdims)
        } else {
            crate::min(x, axis, keepdims)
        };
    };
    let v = if max {
        crate::max(&r, axis, keepdims)?
    } else {
        crate::min(&r, axis, keepdims)?
    };
    let all_nan = crate::all(&m, axis, keepdims)?;
    crate::where_(&all_nan, Scalar::Float(f64::NAN), &v)
}

/// The minimum ignoring NaNs (NaN for an all-NaN slice, as NumPy's result).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[f64::NAN, 2.0], [f64::NAN, f64::NAN]], None, &Cpu)?;
/// let m = xp::nanmin(&x, Some(&[1]), false)?.to_vec::<f64>()?;
/// assert_eq!(m[0], 2.0);
/// assert!(m[1].is_nan());
/// # Ok::<(), xp::Error>(())
/// ```
pub fn nanmin<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<B>> {
    nan_extreme(x, axis, keepdims, false)
}

/// The maximum ignoring NaNs; see [`nanmin`].
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([1.0, f64::NAN, 3.0], None, &Cpu)?;
/// assert_eq!(xp::nanmax(&x, None, false)?.to_scalar::<f64>()?, 3.0);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn nanmax<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<B>> {
    nan_extreme(x, axis, keepdims, true)
}

fn nan_arg<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<isize>,
    keepdims: bool,
    max: bool,
    op: &'static str,
) -> Result<Array<B>> {
    let fill = if max {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    };
    let r = match replace_nan(x, fill)? {
        Some((m, r)) => {
            let ax: Option<Vec<isize>> = axis.map(|a| vec![a]);
            if x.size() > 0
                && crate::any(&crate::all(&m, ax.as_deref(), false)?, None, false)?
                    .to_scalar::<bool>()?
            {
                return Err(Error::invalid(op, "All-NaN slice encountered"));
            }
            r
        }
        None => x.clone(),
    };
    if max {
        crate::argmax(&r, axis, keepdims)
    } else {
        crate::argmin(&r, axis, keepdims)
    }
}

/// The index of the first minimum ignoring NaNs; an all-NaN slice is an error (NumPy's
/// `ValueError`).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([f64::NAN, 3.0, 1.0], None, &Cpu)?;
/// assert_eq!(xp::nanargmin(&x, None, false)?.to_scalar::<i64>()?, 2);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn nanargmin<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array<B>> {
    nan_arg(x, axis, keepdims, false, "nanargmin")
}

/// The index of the first maximum ignoring NaNs; see [`nanargmin`].
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([f64::NAN, 3.0, 1.0], None, &Cpu)?;
/// assert_eq!(xp::nanargmax(&x, None, false)?.to_scalar::<i64>()?, 1);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn nanargmax<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array<B>> {
    nan_arg(x, axis, keepdims, true, "nanargmax")
}

/// The weighted average over `axis`: `sum(x * w) / sum(w)`. `weights` has `x`'s shape, or
/// (with a single `axis`) is 1-d of that axis' length. Without weights, the mean.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([1.0, 2.0, 3.0], None, &Cpu)?;
/// let w = xp::asarray([3.0, 1.0, 0.0], None, &Cpu)?;
/// assert_eq!(xp::average(&x, None, Some(&w), false)?.to_scalar::<f64>()?, 1.25);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn average<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    weights: Option<&Array<B>>,
    keepdims: bool,
) -> Result<Array<B>> {
    const OP: &str = "average";
    let Some(w) = weights else {
        return crate::mean(x, axis, keepdims);
    };
    let w = if w.shape() == x.shape() {
        w.clone()
    } else {
        match axis {
            Some([a]) if w.ndim() == 1 => {
                let ax = normalize_axis(*a, x.ndim(), OP)?;
                if w.shape()[0] != x.shape()[ax] {
                    return Err(Error::ShapeMismatch {
                        op: OP,
                        shapes: vec![x.shape().to_vec(), w.shape().to_vec()],
                        reason: "weights must have the length of the axis".into(),
                    });
                }
                let mut s = vec![1isize; x.ndim()];
                s[ax] = w.shape()[0] as isize;
                crate::reshape(w, s, None)?
            }
            _ => {
                return Err(Error::ShapeMismatch {
                    op: OP,
                    shapes: vec![x.shape().to_vec(), w.shape().to_vec()],
                    reason: "weights must have the shape of x, or be 1-d along a single axis"
                        .into(),
                })
            }
        }
    };
    let d = crate::result_type(&[
        crate::DTypeOrScalar::DType(mean_dtype(x.dtype)),
        crate::DTypeOrScalar::DType(w.dtype),
    ])?;
    let xw = crate::multiply(&cast_to(x, d)?, &cast_to(&w, d)?)?;
    let wb = crate::broadcast_to(&cast_to(&w, d)?, x.shape())?;
    crate::divide(
        &crate::sum(&xw, axis, keepdims, None)?,
        &crate::sum(&wb, axis, keepdims, None)?,
    )
}

/// `x` rearranged along `axis` so that the element at position `kth` is the one a sort
/// would put there, smaller ones before and larger ones after (NumPy's `partition`), by the
/// backend's selection kernel (no full sort on the CPU). The order within each side is
/// unspecified (NumPy's own differs).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([5, 1, 4, 2], None, &Cpu)?;
/// assert_eq!(xp::partition(&x, 1, -1)?.to_vec::<i32>()?[1], 2);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn partition<B: StatsBackend>(x: &Array<B>, kth: isize, axis: isize) -> Result<Array<B>> {
    let (ax, k) = check_kth(x, kth, axis, "partition")?;
    crate::sorting::partition_at(x, ax, &[k], "partition")
}

/// The indices that [`partition`] `x` (a stable argsort, which is one such set).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([5, 1, 4, 2], None, &Cpu)?;
/// assert_eq!(xp::argpartition(&x, 0, -1)?.to_vec::<i64>()?[0], 1);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn argpartition<B: StatsBackend>(x: &Array<B>, kth: isize, axis: isize) -> Result<Array<B>> {
    check_kth(x, kth, axis, "argpartition")?;
    crate::argsort(x, axis, false, true)
}

fn check_kth<B: StatsBackend>(
    x: &Array<B>,
    kth: isize,
    axis: isize,
    op: &'static str,
) -> Result<(usize, usize)> {
    let ax = normalize_axis(axis, x.ndim(), op)?;
    let n = x.shape()[ax] as isize;
    if kth < -n || kth >= n {
        return Err(Error::IndexOutOfBounds {
            op,
            index: kth as i128,
            axis: ax,
            size: n as usize,
        });
    }
    Ok((ax, if kth < 0 { kth + n } else { kth } as usize))
}

/// The indirect stable sort on several keys (NumPy's `lexsort`): the last key is the
/// primary one. Keys are 1-d arrays of one length. Returns `int64` indices.
///
/// ```
/// use xp::prelude::*;
/// let first = xp::asarray([1, 1, 0, 0], None, &Cpu)?;   // secondary key
/// let second = xp::asarray([2, 1, 2, 1], None, &Cpu)?;  // primary key
/// assert_eq!(xp::lexsort(&[&first, &second])?.to_vec::<i64>()?, vec![3, 1, 2, 0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn lexsort<B: StatsBackend>(keys: &[&Array<B>]) -> Result<Array<B>> {
    const OP: &str = "lexsort";
    let Some(first) = keys.first() else {
        return Err(Error::invalid(OP, "need at least one key"));
    };
    if keys
        .iter()
        .any(|k| k.ndim() != 1 || k.shape() != first.shape())
    {
        return Err(Error::ShapeMismatch {
            op: OP,
            shapes: keys.iter().map(|k| k.shape().to_vec()).collect(),
            reason: "keys must be 1-d arrays of one length".into(),
        });
    }
    let mut perm = crate::argsort(first, 0, false, true)?;
    for k in &keys[1..] {
        let kp = crate::take(k, &perm, Some(0))?;
        let p = crate::argsort(&kp, 0, false, true)?;
        perm = crate::take(&perm, &p, Some(0))?;
    }
    Ok(perm)
}
