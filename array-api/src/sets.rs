//! The standard's set functions: `unique_values`, `unique_counts`, `unique_inverse`,
//! `unique_all`, `isin`. All are composed in the front end from a stable sort, gathers,
//! comparisons of neighbours and a scan, so every backend with the sort kernels has them.
//!
//! NaNs follow the standard: as `NaN != NaN`, every NaN is a distinct value (NumPy's
//! `equal_nan=False`). `-0.0` and `+0.0` are one value (the first occurrence is kept).
//! Values come out sorted ascending (NaNs last). Complex input is not supported yet (it
//! needs a lexicographic sort): an `InvalidDType` error.

use crate::array::same_device;
use crate::backend_stats::{ScanOp, StatsBackend};
use crate::sorting::{argsort, orderable, searchsorted, Side};
use crate::statistics::{cast_to, raw_scan};
use crate::{result_type, Array, DType, DTypeOrScalar, Error, Result};

/// The result of [`unique_all`].
#[derive(Clone, Debug)]
pub struct UniqueAll<B: StatsBackend> {
    /// The distinct values, sorted.
    pub values: Array<B>,
    /// For each value, the flat index of its first occurrence in `x` (`int64`).
    pub indices: Array<B>,
    /// For each element of `x`, the index of its value in `values` (`int64`, `x`'s shape).
    pub inverse_indices: Array<B>,
    /// How often each value occurs (`int64`).
    pub counts: Array<B>,
}

/// The result of [`unique_counts`].
#[derive(Clone, Debug)]
pub struct UniqueCounts<B: StatsBackend> {
    /// The distinct values, sorted.
    pub values: Array<B>,
    /// How often each value occurs (`int64`).
    pub counts: Array<B>,
}

/// The result of [`unique_inverse`].
#[derive(Clone, Debug)]
pub struct UniqueInverse<B: StatsBackend> {
    /// The distinct values, sorted.
    pub values: Array<B>,
    /// For each element of `x`, the index of its value in `values` (`int64`, `x`'s shape).
    pub inverse_indices: Array<B>,
}

/// A view of the 1-d `a` restricted to `start..start + len`.
pub(crate) fn slice1<B: StatsBackend>(a: &Array<B>, start: usize, len: usize) -> Array<B> {
    a.with_layout(a.layout.slice_axis(0, start, 1, len))
}

/// The mask of the first elements of the runs of equal values of the sorted 1-d, non-empty
/// `sorted` (NaNs never equal), and its nonzero positions (`int64`).
fn run_starts<B: StatsBackend>(sorted: &Array<B>) -> Result<(Array<B>, Array<B>)> {
    let n = sorted.size();
    let neq = crate::not_equal(&slice1(sorted, 1, n - 1), &slice1(sorted, 0, n - 1))?;
    let head = crate::full([1], true, None, &sorted.backend)?;
    let mask = crate::concat(&[&head, &neq], Some(0))?;
    let starts = crate::nonzero(&mask)?.remove(0);
    Ok((mask, starts))
}

fn unique_core<B: StatsBackend>(
    x: &Array<B>,
    inverse: bool,
    op: &'static str,
) -> Result<UniqueAll<B>> {
    orderable(x.dtype, op)?;
    let flat = crate::reshape(x, [-1], None)?;
    let n = flat.size();
    let dev = &x.backend;
    if n == 0 {
        let e = crate::zeros([0], DType::Int64, dev)?;
        return Ok(UniqueAll {
            values: crate::zeros([0], x.dtype, dev)?,
            indices: e.clone(),
            inverse_indices: crate::zeros(x.shape(), DType::Int64, dev)?,
            counts: e,
        });
    }
    let perm = argsort(&flat, 0, false, true)?;
    let sorted = crate::take(&flat, &perm, Some(0))?;
    let (mask, starts) = run_starts(&sorted)?;
    let k = starts.size();
    let values = crate::take(&sorted, &starts, Some(0))?;
    let indices = crate::take(&perm, &starts, Some(0))?;
    let ends = crate::concat(
        &[
            &slice1(&starts, 1, k - 1),
            &crate::full([1], n as i64, None, dev)?,
        ],
        Some(0),
    )?;
    let counts = crate::subtract(&ends, &starts)?;
    let inverse_indices = if inverse {
        let group = crate::subtract(
            &raw_scan(&cast_to(&mask, DType::Int64)?, ScanOp::Sum, 0, op)?,
            1i64,
        )?;
        let inv_perm = argsort(&perm, 0, false, true)?;
        crate::reshape(
            &crate::take(&group, &inv_perm, Some(0))?,
            x.shape().iter().map(|&d| d as isize).collect::<Vec<_>>(),
            None,
        )?
    } else {
        crate::zeros([0], DType::Int64, dev)?
    };
    Ok(UniqueAll {
        values,
        indices,
        inverse_indices,
        counts,
    })
}

/// The distinct values of `x` (flattened), sorted; every NaN is distinct.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[3, 1], [3, 2]], None, &Cpu)?;
/// assert_eq!(xp::unique_values(&x)?.to_vec::<i32>()?, vec![1, 2, 3]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn unique_values<B: StatsBackend>(x: &Array<B>) -> Result<Array<B>> {
    // the values alone need no permutation: a value sort, then the run starts
    orderable(x.dtype, "unique_values")?;
    let flat = crate::reshape(x, [-1], None)?;
    if flat.size() == 0 {
        return crate::zeros([0], x.dtype, &x.backend);
    }
    let sorted = crate::sort(&flat, 0, false, true)?;
    let (_, starts) = run_starts(&sorted)?;
    crate::take(&sorted, &starts, Some(0))
}

/// The distinct values of `x` and how often each occurs.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([2.0, 1.0, 2.0, f64::NAN, f64::NAN], None, &Cpu)?;
/// let u = xp::unique_counts(&x)?;
/// assert_eq!(u.values.size(), 4); // 1, 2, NaN, NaN
/// assert_eq!(u.counts.to_vec::<i64>()?, vec![1, 2, 1, 1]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn unique_counts<B: StatsBackend>(x: &Array<B>) -> Result<UniqueCounts<B>> {
    let u = unique_core(x, false, "unique_counts")?;
    Ok(UniqueCounts {
        values: u.values,
        counts: u.counts,
    })
}

/// The distinct values of `x` and, for each element of `x`, the index of its value:
/// `take(values, inverse_indices)` rebuilds `x` (NaNs aside).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[5, 3], [5, 4]], None, &Cpu)?;
/// let u = xp::unique_inverse(&x)?;
/// assert_eq!(u.values.to_vec::<i32>()?, vec![3, 4, 5]);
/// assert_eq!(u.inverse_indices.shape(), &[2, 2]);
/// assert_eq!(u.inverse_indices.to_vec::<i64>()?, vec![2, 0, 2, 1]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn unique_inverse<B: StatsBackend>(x: &Array<B>) -> Result<UniqueInverse<B>> {
    let u = unique_core(x, true, "unique_inverse")?;
    Ok(UniqueInverse {
        values: u.values,
        inverse_indices: u.inverse_indices,
    })
}

/// The distinct values of `x`, the flat index of each one's first occurrence, the inverse
/// indices and the counts.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([4, 2, 4, 4], None, &Cpu)?;
/// let u = xp::unique_all(&x)?;
/// assert_eq!(u.values.to_vec::<i32>()?, vec![2, 4]);
/// assert_eq!(u.indices.to_vec::<i64>()?, vec![1, 0]);
/// assert_eq!(u.inverse_indices.to_vec::<i64>()?, vec![1, 0, 1, 1]);
/// assert_eq!(u.counts.to_vec::<i64>()?, vec![1, 3]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn unique_all<B: StatsBackend>(x: &Array<B>) -> Result<UniqueAll<B>> {
    unique_core(x, true, "unique_all")
}

/// For each element of `x1`, whether it equals some element of `x2` (`invert`: whether it
/// equals none), compared in the promoted dtype. NaN is in nothing. The result has `x1`'s
/// shape.
///
/// ```
/// use xp::prelude::*;
/// let x1 = xp::asarray([1, 2, 3, 4], None, &Cpu)?;
/// let x2 = xp::asarray([4, 2], None, &Cpu)?;
/// assert_eq!(xp::isin(&x1, &x2, false)?.to_vec::<bool>()?, vec![false, true, false, true]);
/// assert_eq!(xp::isin(&x1, &x2, true)?.to_vec::<bool>()?, vec![true, false, true, false]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn isin<B: StatsBackend>(x1: &Array<B>, x2: &Array<B>, invert: bool) -> Result<Array<B>> {
    const OP: &str = "isin";
    same_device(x1, x2, OP)?;
    let d = result_type(&[
        DTypeOrScalar::DType(x1.dtype),
        DTypeOrScalar::DType(x2.dtype),
    ])
    .map_err(|e| match e {
        Error::NoPromotion { a, b, .. } => Error::NoPromotion { op: OP, a, b },
        e => e,
    })?;
    let a = cast_to(x1, d)?;
    let b = crate::reshape(&cast_to(x2, d)?, [-1], None)?;
    let m = b.size();
    let found = if m == 0 {
        crate::zeros(x1.shape(), DType::Bool, &x1.backend)?
    } else if d.is_complex() {
        // no order on complex numbers: compare every pair
        let mut s: Vec<isize> = x1.shape().iter().map(|&v| v as isize).collect();
        s.push(1);
        let eq = crate::equal(&crate::reshape(&a, &s, None)?, &b)?;
        crate::any(&eq, Some(&[-1]), false)?
    } else {
        let sorted = crate::sort(&b, 0, false, true)?;
        let pos = searchsorted(&sorted, &a, Side::Left, None)?;
        let pos = crate::minimum(&pos, (m - 1) as i64)?;
        crate::equal(&crate::take(&sorted, &pos, Some(0))?, &a)?
    };
    if invert {
        crate::logical_not(&found)
    } else {
        Ok(found)
    }
}
