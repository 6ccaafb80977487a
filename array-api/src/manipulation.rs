//! Manipulation functions: broadcasting, concatenation and stacking, axis moves, reshape,
//! flips, rolls, repeats and tiles. Views are zero-copy wherever the standard allows.

use crate::array::{check_dtype, same_device};
use crate::shape::{broadcast_shapes_op, checked_size, fmt_shape, normalize_axes, normalize_axis};
use crate::{result_type, Array, Backend, DTypeOrScalar, Error, IndexArray, Layout, Result};

/// `x` broadcast to `shape` (a zero-copy view with zero strides).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::arange(0, 3, 1, None, &Cpu)?;
/// let b = xp::broadcast_to(&x, [2, 3])?;
/// assert_eq!(b.to_vec::<i64>()?, vec![0, 1, 2, 0, 1, 2]);
/// assert!(xp::broadcast_to(&x, [2, 4]).is_err());
/// # Ok::<(), xp::Error>(())
/// ```
pub fn broadcast_to<B: Backend>(x: &Array<B>, shape: impl AsRef<[usize]>) -> Result<Array<B>> {
    let l = x.layout.broadcast_to(shape.as_ref(), "broadcast_to")?;
    Ok(x.with_layout(l))
}

/// Views of every array broadcast to their common shape.
pub fn broadcast_arrays<B: Backend>(arrays: &[&Array<B>]) -> Result<Vec<Array<B>>> {
    const OP: &str = "broadcast_arrays";
    if let Some(f) = arrays.first() {
        for a in arrays {
            same_device(f, a, OP)?;
        }
    }
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
    let shape = broadcast_shapes_op(&shapes, OP)?;
    arrays
        .iter()
        .map(|a| Ok(a.with_layout(a.layout.broadcast_to(&shape, OP)?)))
        .collect()
}

/// Writes `src` (broadcast to the view's shape) into the view `layout` of `out`.
pub(crate) fn assign<B: Backend>(
    out: &mut Array<B>,
    layout: &Layout,
    src: &Array<B>,
    op: &'static str,
) -> Result<()> {
    let src = if src.dtype != out.dtype {
        crate::astype(src, out.dtype)?
    } else {
        src.clone()
    };
    let sl = src.layout.broadcast_to(layout.shape(), op)?;
    let dtype = out.dtype;
    let backend = out.backend.clone();
    backend.copy_into(&src.storage, &sl, &mut out.storage, layout, dtype)
}

fn promoted_dtype<B: Backend>(arrays: &[&Array<B>], op: &'static str) -> Result<crate::DType> {
    let ds: Vec<DTypeOrScalar> = arrays
        .iter()
        .map(|a| DTypeOrScalar::DType(a.dtype))
        .collect();
    result_type(&ds).map_err(|e| match e {
        Error::NoPromotion { a, b, .. } => Error::NoPromotion { op, a, b },
        e => e,
    })
}

/// Joins arrays along an existing axis (`axis: None` flattens them first). Dtypes are
/// promoted with [`result_type`].
///
/// ```
/// use xp::prelude::*;
/// let a = xp::asarray([[1, 2]], None, &Cpu)?;
/// let b = xp::asarray([[3, 4], [5, 6]], None, &Cpu)?;
/// let c = xp::concat(&[&a, &b], Some(0))?;
/// assert_eq!(c.shape(), &[3, 2]);
/// assert_eq!(c.to_vec::<i32>()?, vec![1, 2, 3, 4, 5, 6]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn concat<B: Backend>(arrays: &[&Array<B>], axis: Option<isize>) -> Result<Array<B>> {
    const OP: &str = "concat";
    let Some(first) = arrays.first() else {
        return Err(Error::invalid(OP, "need at least one array to concatenate"));
    };
    for a in arrays {
        same_device(first, a, OP)?;
    }
    let dtype = promoted_dtype(arrays, OP)?;
    check_dtype(&first.backend, dtype, OP)?;
    let flat;
    let (arrays, axis): (Vec<&Array<B>>, usize) = match axis {
        None => {
            flat = arrays
                .iter()
                .map(|a| reshape(a, [-1], None))
                .collect::<Result<Vec<_>>>()?;
            (flat.iter().collect(), 0)
        }
        Some(ax) => {
            if first.ndim() == 0 {
                return Err(Error::invalid(
                    OP,
                    "zero-dimensional arrays cannot be concatenated along an axis",
                ));
            }
            (arrays.to_vec(), normalize_axis(ax, first.ndim(), OP)?)
        }
    };
    let nd = arrays[0].ndim();
    let mut shape = arrays[0].shape().to_vec();
    shape[axis] = 0;
    for a in &arrays {
        let ok = a.ndim() == nd
            && a.shape()
                .iter()
                .enumerate()
                .all(|(i, &d)| i == axis || d == arrays[0].shape()[i]);
        if !ok {
            return Err(Error::ShapeMismatch {
                op: OP,
                shapes: arrays.iter().map(|a| a.shape().to_vec()).collect(),
                reason: format!("must match in every dimension except axis {axis}"),
            });
        }
        shape[axis] += a.shape()[axis];
    }
    let mut out = crate::zeros(&shape, dtype, &first.backend)?;
    let mut start = 0;
    for a in &arrays {
        let len = a.shape()[axis];
        if len > 0 && a.size() > 0 {
            let view = out.layout.slice_axis(axis, start, 1, len);
            assign(&mut out, &view, a, OP)?;
        }
        start += len;
    }
    Ok(out)
}

/// Joins arrays of one shape along a new axis.
///
/// ```
/// use xp::prelude::*;
/// let a = xp::asarray([1, 2], None, &Cpu)?;
/// let b = xp::asarray([3, 4], None, &Cpu)?;
/// let s = xp::stack(&[&a, &b], -1)?;
/// assert_eq!(s.shape(), &[2, 2]);
/// assert_eq!(s.to_vec::<i32>()?, vec![1, 3, 2, 4]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn stack<B: Backend>(arrays: &[&Array<B>], axis: isize) -> Result<Array<B>> {
    const OP: &str = "stack";
    let Some(first) = arrays.first() else {
        return Err(Error::invalid(OP, "need at least one array to stack"));
    };
    if arrays.iter().any(|a| a.shape() != first.shape()) {
        return Err(Error::ShapeMismatch {
            op: OP,
            shapes: arrays.iter().map(|a| a.shape().to_vec()).collect(),
            reason: "must all have the same shape".into(),
        });
    }
    let ax = normalize_axis(axis, first.ndim() + 1, OP)?;
    let expanded = arrays
        .iter()
        .map(|a| Ok(a.with_layout(a.layout.insert_axis(ax))))
        .collect::<Result<Vec<_>>>()?;
    let refs: Vec<&Array<B>> = expanded.iter().collect();
    concat(&refs, Some(ax as isize))
}

/// Views of `x` split along `axis` (the axis removed).
pub fn unstack<B: Backend>(x: &Array<B>, axis: isize) -> Result<Vec<Array<B>>> {
    if x.ndim() == 0 {
        return Err(Error::invalid(
            "unstack",
            "zero-dimensional arrays cannot be unstacked",
        ));
    }
    let ax = normalize_axis(axis, x.ndim(), "unstack")?;
    Ok((0..x.shape()[ax])
        .map(|i| x.with_layout(x.layout.index_axis(ax, i)))
        .collect())
}

/// A view with length-1 axes inserted at `axes` (positions in the result).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::zeros([3, 4], DType::Float64, &Cpu)?;
/// assert_eq!(xp::expand_dims(&x, &[0, -1])?.shape(), &[1, 3, 4, 1]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn expand_dims<B: Backend>(x: &Array<B>, axes: &[isize]) -> Result<Array<B>> {
    let nd = x.ndim() + axes.len();
    let mut ax = normalize_axes(axes, nd, "expand_dims")?;
    ax.sort_unstable();
    let mut l = x.layout.clone();
    for a in ax {
        l = l.insert_axis(a);
    }
    Ok(x.with_layout(l))
}

/// A view without the length-1 axes `axes` (an error if one is not length 1).
pub fn squeeze<B: Backend>(x: &Array<B>, axes: &[isize]) -> Result<Array<B>> {
    let mut ax = normalize_axes(axes, x.ndim(), "squeeze")?;
    for &a in &ax {
        if x.shape()[a] != 1 {
            return Err(Error::invalid(
                "squeeze",
                format!(
                    "cannot select axis {a} of shape {}: its length is not 1",
                    fmt_shape(x.shape())
                ),
            ));
        }
    }
    ax.sort_unstable();
    let mut l = x.layout.clone();
    for a in ax.into_iter().rev() {
        l = l.remove_axis(a);
    }
    Ok(x.with_layout(l))
}

/// A view reversed along `axes` (all axes when `None`).
pub fn flip<B: Backend>(x: &Array<B>, axes: Option<&[isize]>) -> Result<Array<B>> {
    let ax = match axes {
        Some(a) => normalize_axes(a, x.ndim(), "flip")?,
        None => (0..x.ndim()).collect(),
    };
    let mut l = x.layout.clone();
    for a in ax {
        l = l.flip_axis(a);
    }
    Ok(x.with_layout(l))
}

/// A view with axes permuted: result axis `i` is axis `axes[i]` of `x`.
pub fn permute_dims<B: Backend>(x: &Array<B>, axes: &[isize]) -> Result<Array<B>> {
    if axes.len() != x.ndim() {
        return Err(Error::invalid(
            "permute_dims",
            format!(
                "axes {axes:?} do not match an array of dimension {} (shape {})",
                x.ndim(),
                fmt_shape(x.shape())
            ),
        ));
    }
    let ax = normalize_axes(axes, x.ndim(), "permute_dims")?;
    Ok(x.with_layout(x.layout.permute(&ax)))
}

/// A view with axes `source` moved to positions `destination`, the others keeping their
/// order.
pub fn moveaxis<B: Backend>(
    x: &Array<B>,
    source: &[isize],
    destination: &[isize],
) -> Result<Array<B>> {
    const OP: &str = "moveaxis";
    if source.len() != destination.len() {
        return Err(Error::invalid(
            OP,
            format!("source {source:?} and destination {destination:?} differ in length"),
        ));
    }
    let src = normalize_axes(source, x.ndim(), OP)?;
    let dst = normalize_axes(destination, x.ndim(), OP)?;
    let mut order: Vec<usize> = (0..x.ndim()).filter(|a| !src.contains(a)).collect();
    let mut pairs: Vec<(usize, usize)> = dst.into_iter().zip(src).collect();
    pairs.sort_unstable();
    for (d, s) in pairs {
        order.insert(d, s);
    }
    Ok(x.with_layout(x.layout.permute(&order)))
}

/// The transpose of the last two axes (a view). Errors for fewer than two dimensions.
pub fn matrix_transpose<B: Backend>(x: &Array<B>) -> Result<Array<B>> {
    if x.ndim() < 2 {
        return Err(Error::invalid(
            "matrix_transpose",
            format!(
                "needs at least 2 dimensions; got shape {}",
                fmt_shape(x.shape())
            ),
        ));
    }
    let n = x.ndim();
    let mut order: Vec<usize> = (0..n).collect();
    order.swap(n - 1, n - 2);
    Ok(x.with_layout(x.layout.permute(&order)))
}

fn resolve_shape(size: usize, shape: &[isize], from: &[usize]) -> Result<Vec<usize>> {
    const OP: &str = "reshape";
    let bad = || Error::InvalidReshape {
        op: OP,
        from: from.to_vec(),
        to: shape.to_vec(),
    };
    let mut unknown = None;
    let mut known: usize = 1;
    for (i, &d) in shape.iter().enumerate() {
        if d == -1 {
            if unknown.replace(i).is_some() {
                return Err(bad());
            }
        } else if d < 0 {
            return Err(bad());
        } else {
            known = known.checked_mul(d as usize).ok_or_else(bad)?;
        }
    }
    let mut out: Vec<usize> = shape.iter().map(|&d| d.max(0) as usize).collect();
    if let Some(i) = unknown {
        if known == 0 || !size.is_multiple_of(known) {
            return Err(bad());
        }
        out[i] = size / known;
    } else if known != size {
        return Err(bad());
    }
    Ok(out)
}

/// `x` with a new shape (one `-1` entry is inferred). A zero-copy view when the strides
/// allow it, else a copy. `copy: Some(true)` always copies; `copy: Some(false)` errors
/// when a copy would be needed (the standard's semantics).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::arange(0, 6, 1, None, &Cpu)?;
/// let y = xp::reshape(&x, [2, -1], None)?;
/// assert_eq!(y.shape(), &[2, 3]);
/// let t = xp::matrix_transpose(&y)?;
/// assert!(xp::reshape(&t, [6], Some(false)).is_err());
/// assert_eq!(xp::reshape(&t, [6], None)?.to_vec::<i64>()?, vec![0, 3, 1, 4, 2, 5]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn reshape<B: Backend>(
    x: &Array<B>,
    shape: impl AsRef<[isize]>,
    copy: Option<bool>,
) -> Result<Array<B>> {
    let new = resolve_shape(x.size(), shape.as_ref(), x.shape())?;
    checked_size(&new, "reshape")?;
    if copy == Some(true) {
        let c = x.copy()?;
        return Ok(c.with_layout(Layout::contiguous(&new)));
    }
    if let Some(l) = x.layout.reshaped(&new) {
        return Ok(x.with_layout(l));
    }
    if copy == Some(false) {
        return Err(Error::invalid(
            "reshape",
            format!(
                "copy=False but reshaping {} to {} needs a copy",
                fmt_shape(x.shape()),
                fmt_shape(&new)
            ),
        ));
    }
    let c = x.copy()?;
    Ok(c.with_layout(Layout::contiguous(&new)))
}

/// Elements shifted by `shift` along `axes` (all, flattened, when `None`), wrapping
/// around. One shift applies to every axis; shifts on a repeated axis add up.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::arange(0, 5, 1, None, &Cpu)?;
/// assert_eq!(xp::roll(&x, &[2], None)?.to_vec::<i64>()?, vec![3, 4, 0, 1, 2]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn roll<B: Backend>(x: &Array<B>, shift: &[isize], axes: Option<&[isize]>) -> Result<Array<B>> {
    const OP: &str = "roll";
    let Some(axes) = axes else {
        let flat = reshape(x, [-1], None)?;
        let s: isize = match shift {
            [s] => *s,
            _ => {
                return Err(Error::invalid(
                    OP,
                    format!("shift {shift:?} must be one integer when axis is None"),
                ));
            }
        };
        let r = roll(&flat, &[s], Some(&[0]))?;
        return reshape(
            &r,
            x.shape().iter().map(|&d| d as isize).collect::<Vec<_>>(),
            None,
        );
    };
    let shifts: Vec<isize> = match (shift.len(), axes.len()) {
        (1, n) => vec![shift[0]; n],
        (a, b) if a == b => shift.to_vec(),
        _ => {
            return Err(Error::invalid(
                OP,
                format!("shift {shift:?} and axis {axes:?} differ in length"),
            ));
        }
    };
    let mut total = vec![0isize; x.ndim()];
    for (&a, &s) in axes.iter().zip(&shifts) {
        let ax = normalize_axis(a, x.ndim(), OP)?;
        total[ax] = total[ax].wrapping_add(s);
    }
    let mut cur = x.clone();
    for (ax, &s) in total.iter().enumerate() {
        let n = x.shape()[ax];
        if n == 0 || s.rem_euclid(n as isize) == 0 {
            continue;
        }
        let k = s.rem_euclid(n as isize) as usize;
        let mut out = crate::empty_like(&cur, None)?;
        // out[k..] = cur[..n-k]; out[..k] = cur[n-k..]
        let src_a = cur.with_layout(cur.layout.slice_axis(ax, 0, 1, n - k));
        let dst_a = out.layout.slice_axis(ax, k, 1, n - k);
        assign(&mut out, &dst_a, &src_a, OP)?;
        let src_b = cur.with_layout(cur.layout.slice_axis(ax, n - k, 1, k));
        let dst_b = out.layout.slice_axis(ax, 0, 1, k);
        assign(&mut out, &dst_b, &src_b, OP)?;
        cur = out;
    }
    Ok(cur)
}

/// Each element repeated along `axis` (flattened first when `None`): `repeats` holds one
/// count for every element, or a single count for all.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([1, 2, 3], None, &Cpu)?;
/// assert_eq!(xp::repeat(&x, &[2], None)?.to_vec::<i32>()?, vec![1, 1, 2, 2, 3, 3]);
/// assert_eq!(xp::repeat(&x, &[0, 1, 2], Some(0))?.to_vec::<i32>()?, vec![2, 3, 3]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn repeat<B: Backend>(
    x: &Array<B>,
    repeats: &[usize],
    axis: Option<isize>,
) -> Result<Array<B>> {
    const OP: &str = "repeat";
    let (x, ax) = match axis {
        None => (reshape(x, [-1], None)?, 0),
        Some(a) => {
            if x.ndim() == 0 {
                return Err(Error::invalid(OP, "zero-dimensional arrays need axis=None"));
            }
            (x.clone(), normalize_axis(a, x.ndim(), OP)?)
        }
    };
    let n = x.shape()[ax];
    if repeats.len() == 1 {
        let r = repeats[0];
        let mut shape = x.shape().to_vec();
        shape[ax] = n.checked_mul(r).ok_or_else(|| Error::ShapeOverflow {
            op: OP,
            shape: x.shape().to_vec(),
        })?;
        let mut bshape = x.shape().to_vec();
        bshape.insert(ax + 1, r);
        let e = x.with_layout(x.layout.insert_axis(ax + 1));
        let b = broadcast_to(&e, &bshape)?;
        return reshape(
            &b,
            shape.iter().map(|&d| d as isize).collect::<Vec<_>>(),
            None,
        );
    }
    if repeats.len() != n {
        return Err(Error::invalid(
            OP,
            format!("{} repeats given for an axis of length {n}", repeats.len()),
        ));
    }
    let total = repeats
        .iter()
        .try_fold(0usize, |acc, &r| acc.checked_add(r))
        .ok_or_else(|| Error::ShapeOverflow {
            op: OP,
            shape: x.shape().to_vec(),
        })?;
    let mut idx: Vec<i64> = Vec::with_capacity(total);
    for (i, &r) in repeats.iter().enumerate() {
        idx.extend(std::iter::repeat_n(i as i64, r));
    }
    checked_size(&[total], OP)?;
    let storage = x.backend.from_host(crate::HostData::Int64(idx))?;
    let il = Layout::contiguous(&[total]);
    let s = x.backend.gather(
        &x.storage,
        &x.layout,
        x.dtype,
        ax,
        &[IndexArray {
            storage: &storage,
            layout: &il,
        }],
    )?;
    let mut shape = x.shape().to_vec();
    shape[ax] = total;
    Ok(Array::contiguous_from(s, &shape, x.dtype, &x.backend))
}

/// `x` repeated `reps` times along each axis (NumPy's `tile`: shorter `reps` or shape are
/// padded with leading ones).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([1, 2], None, &Cpu)?;
/// let t = xp::tile(&x, &[2, 2])?;
/// assert_eq!(t.shape(), &[2, 4]);
/// assert_eq!(t.to_vec::<i32>()?, vec![1, 2, 1, 2, 1, 2, 1, 2]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn tile<B: Backend>(x: &Array<B>, reps: &[usize]) -> Result<Array<B>> {
    const OP: &str = "tile";
    let nd = x.ndim().max(reps.len());
    let mut reps_p = vec![1usize; nd - reps.len()];
    reps_p.extend_from_slice(reps);
    let mut l = x.layout.clone();
    while l.ndim() < nd {
        l = l.insert_axis(0);
    }
    // view (1, d0, 1, d1, ...) broadcast to (r0, d0, r1, d1, ...)
    let mut il = l.clone();
    for i in (0..nd).rev() {
        il = il.insert_axis(i);
    }
    let mut bshape = Vec::with_capacity(2 * nd);
    let mut out_shape = Vec::with_capacity(nd);
    for (&d, &r) in l.shape().iter().zip(&reps_p) {
        bshape.push(r);
        bshape.push(d);
        out_shape.push(d.checked_mul(r).ok_or_else(|| Error::ShapeOverflow {
            op: OP,
            shape: x.shape().to_vec(),
        })? as isize);
    }
    let b = x.with_layout(il.broadcast_to(&bshape, OP)?);
    reshape(&b, out_shape, None)
}

impl<B: Backend> Array<B> {
    /// Method form of [`reshape`] (view when possible, else a copy).
    pub fn reshape(&self, shape: impl AsRef<[isize]>) -> Result<Array<B>> {
        reshape(self, shape, None)
    }
    /// Method form of [`permute_dims`].
    pub fn permute_dims(&self, axes: &[isize]) -> Result<Array<B>> {
        permute_dims(self, axes)
    }
    /// Method form of [`broadcast_to`].
    pub fn broadcast_to(&self, shape: impl AsRef<[usize]>) -> Result<Array<B>> {
        broadcast_to(self, shape)
    }
    /// Method form of [`flip`].
    pub fn flip(&self, axes: Option<&[isize]>) -> Result<Array<B>> {
        flip(self, axes)
    }
    /// Method form of [`squeeze`].
    pub fn squeeze(&self, axes: &[isize]) -> Result<Array<B>> {
        squeeze(self, axes)
    }
    /// Method form of [`expand_dims`].
    pub fn expand_dims(&self, axes: &[isize]) -> Result<Array<B>> {
        expand_dims(self, axes)
    }

    /// The transpose of a 2-d array (the standard's `x.T`; an error for other ranks).
    #[allow(non_snake_case)]
    pub fn T(&self) -> Result<Array<B>> {
        if self.ndim() != 2 {
            return Err(Error::invalid(
                "T",
                format!(
                    "x.T needs a 2-d array (use permute_dims or mT); got shape {}",
                    fmt_shape(self.shape())
                ),
            ));
        }
        matrix_transpose(self)
    }

    /// The transpose of the last two axes (the standard's `x.mT`).
    #[allow(non_snake_case)]
    pub fn mT(&self) -> Result<Array<B>> {
        matrix_transpose(self)
    }
}
