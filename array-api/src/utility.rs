//! The standard's utility function `diff` (`all` and `any` live with the reductions in
//! [`statistics`](crate::statistics)).

use crate::backend_stats::StatsBackend;
use crate::shape::normalize_axis;
use crate::{Array, Error, Result};

/// The `n`-th discrete difference along `axis`: `out[i] = x[i + 1] - x[i]`, applied `n`
/// times, after `prepend` and `append` (arrays of `x`'s shape except along `axis`; a 0-d
/// one is broadcast to length 1 along `axis`) are joined to `x`. Bool input gives
/// `x[i + 1] != x[i]`, as in NumPy. `n == 0` returns the (joined) input.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([1, 4, 9, 16], None, &Cpu)?;
/// assert_eq!(xp::diff(&x, -1, 1, None, None)?.to_vec::<i32>()?, vec![3, 5, 7]);
/// assert_eq!(xp::diff(&x, -1, 2, None, None)?.to_vec::<i32>()?, vec![2, 2]);
/// let z = xp::asarray([0], None, &Cpu)?;
/// assert_eq!(xp::diff(&x, 0, 1, Some(&z), None)?.to_vec::<i32>()?, vec![1, 3, 5, 7]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn diff<B: StatsBackend>(
    x: &Array<B>,
    axis: isize,
    n: usize,
    prepend: Option<&Array<B>>,
    append: Option<&Array<B>>,
) -> Result<Array<B>> {
    const OP: &str = "diff";
    if x.ndim() == 0 {
        return Err(Error::invalid(
            OP,
            "zero-dimensional arrays are not allowed",
        ));
    }
    if !(x.dtype.is_numeric() || x.dtype.is_bool()) {
        return Err(Error::InvalidDType {
            op: OP,
            dtype: x.dtype,
            expected: "a numeric or bool dtype",
        });
    }
    let ax = normalize_axis(axis, x.ndim(), OP)?;
    let edge = |a: &Array<B>| -> Result<Array<B>> {
        if a.ndim() == 0 {
            let mut s = x.shape().to_vec();
            s[ax] = 1;
            crate::broadcast_to(a, s)
        } else {
            Ok(a.clone())
        }
    };
    let mut parts = Vec::new();
    if let Some(p) = prepend {
        parts.push(edge(p)?);
    }
    parts.push(x.clone());
    if let Some(a) = append {
        parts.push(edge(a)?);
    }
    let mut cur = if parts.len() == 1 {
        x.clone()
    } else {
        crate::concat(&parts.iter().collect::<Vec<_>>(), Some(ax as isize))?
    };
    for _ in 0..n {
        let len = cur.shape()[ax];
        if len == 0 {
            break;
        }
        let hi = cur.with_layout(cur.layout.slice_axis(ax, 1, 1, len - 1));
        let lo = cur.with_layout(cur.layout.slice_axis(ax, 0, 1, len - 1));
        cur = if cur.dtype.is_bool() {
            crate::not_equal(&hi, &lo)?
        } else {
            crate::subtract(&hi, &lo)?
        };
    }
    Ok(cur)
}
