//! Indexing: NumPy-style `x[...]` for Rust ([`Idx`], the [`s!`](crate::s) macro,
//! [`Array::get`], [`Array::set`]), [`take`], [`take_along_axis`] and [`nonzero`].
//!
//! Semantics follow NumPy (a superset of the standard's): integers (negative count from
//! the end), slices with any non-zero step, [`NewAxis`], one [`Ellipsis`], integer arrays
//! (broadcast together; advanced-index dimensions replace the indexed axes in place when
//! the array indices are adjacent, else they come first) and boolean masks (equivalent to
//! the integer arrays of their [`nonzero`]). Basic indexing returns zero-copy views;
//! advanced indexing gathers a copy. Out-of-bounds integers are an `Err`.

use crate::array::{check_dtype, same_device};
use crate::manipulation::assign;
use crate::shape::{broadcast_shapes_op, fmt_shape, normalize_axis};
use crate::{Array, Backend, DType, Error, IndexArray, Layout, Result, Scalar};
use std::ops::{Range, RangeFrom, RangeFull, RangeInclusive, RangeTo, RangeToInclusive};

/// One index item of an indexing expression (see the [module docs](self)).
#[derive(Clone, Debug)]
pub enum Idx<B: Backend> {
    /// An integer: selects one position and removes the axis.
    Int(isize),
    /// A slice `start:stop:step` (Python semantics; `None` means the default end).
    Slice {
        /// First index (default: the start in the step's direction).
        start: Option<isize>,
        /// One past the last index (default: the end in the step's direction).
        stop: Option<isize>,
        /// Step, non-zero; negative walks backwards.
        step: isize,
    },
    /// A new axis of length 1 (`None` / `np.newaxis`).
    NewAxis,
    /// `...`: as many full slices as needed.
    Ellipsis,
    /// An integer array (advanced indexing) or a boolean mask.
    Array(Array<B>),
    /// A malformed item (e.g. a step on a non-range), reported as an error on use.
    #[doc(hidden)]
    Invalid(String),
}

/// Marker for a new axis in [`s!`](crate::s): `s![.., NewAxis]` is NumPy's `x[:, None]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NewAxis;

/// Marker for an ellipsis in [`s!`](crate::s): `s![Ellipsis, 0]` is NumPy's `x[..., 0]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ellipsis;

impl<B: Backend> Idx<B> {
    /// This item with a step: a range becomes a stepped slice (`s![..;-1]`).
    pub fn step(self, step: isize) -> Idx<B> {
        match self {
            Idx::Slice { start, stop, .. } => Idx::Slice { start, stop, step },
            other => Idx::Invalid(format!("a step applies to ranges only, not {other:?}")),
        }
    }
    /// A full slice `:`.
    pub fn full() -> Idx<B> {
        Idx::Slice {
            start: None,
            stop: None,
            step: 1,
        }
    }
}

macro_rules! idx_from_int {
    ($($t:ty),*) => {$(
        impl<B: Backend> From<$t> for Idx<B> {
            fn from(i: $t) -> Self {
                match isize::try_from(i) {
                    Ok(i) => Idx::Int(i),
                    Err(_) => Idx::Invalid(format!("index {i} does not fit isize")),
                }
            }
        }
        impl<B: Backend> From<Range<$t>> for Idx<B> {
            fn from(r: Range<$t>) -> Self {
                Idx::Slice { start: Some(r.start as isize), stop: Some(r.end as isize), step: 1 }
            }
        }
        impl<B: Backend> From<RangeFrom<$t>> for Idx<B> {
            fn from(r: RangeFrom<$t>) -> Self {
                Idx::Slice { start: Some(r.start as isize), stop: None, step: 1 }
            }
        }
        impl<B: Backend> From<RangeTo<$t>> for Idx<B> {
            fn from(r: RangeTo<$t>) -> Self {
                Idx::Slice { start: None, stop: Some(r.end as isize), step: 1 }
            }
        }
        impl<B: Backend> From<RangeInclusive<$t>> for Idx<B> {
            fn from(r: RangeInclusive<$t>) -> Self {
                let end = *r.end() as isize;
                // `a..=-1` means "through the last element".
                let stop = if end == -1 { None } else { Some(end + 1) };
                Idx::Slice { start: Some(*r.start() as isize), stop, step: 1 }
            }
        }
        impl<B: Backend> From<RangeToInclusive<$t>> for Idx<B> {
            fn from(r: RangeToInclusive<$t>) -> Self {
                let end = r.end as isize;
                let stop = if end == -1 { None } else { Some(end + 1) };
                Idx::Slice { start: None, stop, step: 1 }
            }
        }
    )*};
}
idx_from_int!(i32, i64, isize, usize, u32);

impl<B: Backend> From<RangeFull> for Idx<B> {
    fn from(_: RangeFull) -> Self {
        Idx::full()
    }
}
impl<B: Backend> From<NewAxis> for Idx<B> {
    fn from(_: NewAxis) -> Self {
        Idx::NewAxis
    }
}
impl<B: Backend> From<Ellipsis> for Idx<B> {
    fn from(_: Ellipsis) -> Self {
        Idx::Ellipsis
    }
}
impl<B: Backend> From<Array<B>> for Idx<B> {
    fn from(a: Array<B>) -> Self {
        Idx::Array(a)
    }
}
impl<B: Backend> From<&Array<B>> for Idx<B> {
    fn from(a: &Array<B>) -> Self {
        Idx::Array(a.clone())
    }
}

/// Builds an index expression like NumPy's `x[1:, ::-2, None, ..., idx]`:
/// `s![1.., ..;-2, NewAxis, Ellipsis, &idx]`. Items are integers, Rust ranges (`a..b`,
/// `a..`, `..b`, `..`, `a..=b`; negative bounds count from the end) with an optional
/// `;step`, [`NewAxis`], [`Ellipsis`] and arrays (`&Array` or `Array`).
///
/// ```
/// use xp::prelude::*;
/// use xp::{s, NewAxis, Ellipsis};
/// let x = xp::reshape(&xp::arange(0, 12, 1, None, &Cpu)?, [3, 4], None)?;
/// let v = x.get(&s![1.., ..;-2])?;                 // x[1:, ::-2]
/// assert_eq!(v.to_vec::<i64>()?, vec![7, 5, 11, 9]);
/// assert_eq!(x.get(&s![Ellipsis, -1, NewAxis])?.shape(), &[3, 1]);  // x[..., -1, None]
/// # Ok::<(), xp::Error>(())
/// ```
#[macro_export]
macro_rules! s {
    ($($e:expr $(; $step:expr)?),* $(,)?) => {
        [$($crate::s!(@item $e $(; $step)?)),*]
    };
    (@item $e:expr) => { $crate::Idx::from($e) };
    (@item $e:expr; $step:expr) => { $crate::Idx::from($e).step($step) };
}

/// Normalised Python slice: (start, step, len) over an axis of length `n`.
fn slice_params(
    start: Option<isize>,
    stop: Option<isize>,
    step: isize,
    n: usize,
) -> Result<(usize, isize, usize)> {
    if step == 0 {
        return Err(Error::InvalidIndex {
            op: "index",
            reason: "slice step cannot be zero".into(),
        });
    }
    let n = n as isize;
    let norm = |v: isize, lo: isize, hi: isize| {
        let v = if v < 0 { v + n } else { v };
        v.clamp(lo, hi)
    };
    let (s, len) = if step > 0 {
        let s = start.map_or(0, |v| norm(v, 0, n));
        let e = stop.map_or(n, |v| norm(v, 0, n));
        (s, if e > s { (e - s + step - 1) / step } else { 0 })
    } else {
        let s = start.map_or(n - 1, |v| norm(v, -1, n - 1));
        let e = stop.map_or(-1, |v| norm(v, -1, n - 1));
        (
            s,
            if s > e {
                (s - e + (-step) - 1) / (-step)
            } else {
                0
            },
        )
    };
    Ok((if len > 0 { s as usize } else { 0 }, step, len as usize))
}

fn wrap_index(i: isize, n: usize, axis: usize, op: &'static str) -> Result<usize> {
    let j = if i < 0 { i + n as isize } else { i };
    if j < 0 || j >= n as isize {
        return Err(Error::IndexOutOfBounds {
            op,
            index: i as i128,
            axis,
            size: n,
        });
    }
    Ok(j as usize)
}

/// The analysed form of an index expression over an array.
struct Plan<B: Backend> {
    /// The view after basic indexing (advanced axes kept whole and moved to `adv_axis..`).
    layout: Layout,
    /// Position of the advanced axes in `layout` (and of the index dims in the result).
    adv_axis: usize,
    /// Broadcast int64 index arrays (empty for basic indexing).
    indices: Vec<Array<B>>,
}

impl<B: Backend> Plan<B> {
    fn result_shape(&self) -> Vec<usize> {
        let k = self.indices.len();
        if k == 0 {
            return self.layout.shape().to_vec();
        }
        let s = self.layout.shape();
        let mut out = s[..self.adv_axis].to_vec();
        out.extend_from_slice(self.indices[0].shape());
        out.extend_from_slice(&s[self.adv_axis + k..]);
        out
    }
}

fn plan<B: Backend>(x: &Array<B>, idx: &[Idx<B>], op: &'static str) -> Result<Plan<B>> {
    // 1. Count consumed axes and expand the ellipsis.
    let mut consumed = 0usize;
    let mut ellipses = 0;
    for it in idx {
        match it {
            Idx::Int(_) | Idx::Slice { .. } => consumed += 1,
            Idx::Array(a) if a.dtype == DType::Bool => consumed += a.ndim(),
            Idx::Array(_) => consumed += 1,
            Idx::Ellipsis => ellipses += 1,
            Idx::NewAxis => {}
            Idx::Invalid(r) => {
                return Err(Error::InvalidIndex {
                    op,
                    reason: r.clone(),
                })
            }
        }
    }
    if ellipses > 1 {
        return Err(Error::InvalidIndex {
            op,
            reason: "an index can only have a single ellipsis".into(),
        });
    }
    if consumed > x.ndim() {
        return Err(Error::InvalidIndex {
            op,
            reason: format!(
                "too many indices for array: array is {}-dimensional, but {consumed} were indexed",
                x.ndim()
            ),
        });
    }
    let mut items: Vec<Idx<B>> = Vec::with_capacity(idx.len() + x.ndim());
    for it in idx {
        if matches!(it, Idx::Ellipsis) {
            for _ in 0..x.ndim() - consumed {
                items.push(Idx::full());
            }
        } else {
            items.push(it.clone());
        }
    }
    if ellipses == 0 {
        for _ in 0..x.ndim() - consumed {
            items.push(Idx::full());
        }
    }
    let has_array = items.iter().any(|i| matches!(i, Idx::Array(_)));

    // 2. Walk the items, building the basic view; collect advanced (axis-in-view, array).
    let mut l = x.layout.clone();
    let mut src_axis = 0usize; // axis of x being consumed
    let mut view_axis = 0usize; // axis of l being built
    let mut adv: Vec<(usize, usize, Array<B>)> = Vec::new(); // (item position, view axis, int64 idx)
    for (pos, it) in items.iter().enumerate() {
        match it {
            Idx::Int(i) if !has_array => {
                let n = l.shape()[view_axis];
                let j = wrap_index(*i, n, src_axis, op)?;
                l = l.index_axis(view_axis, j);
                src_axis += 1;
            }
            Idx::Int(i) => {
                let n = l.shape()[view_axis];
                let j = wrap_index(*i, n, src_axis, op)?;
                let a = Array::from_vec(vec![j as i64], [], &x.backend)?;
                adv.push((pos, view_axis, a));
                view_axis += 1;
                src_axis += 1;
            }
            Idx::Slice { start, stop, step } => {
                let n = l.shape()[view_axis];
                let (s, st, len) = slice_params(*start, *stop, *step, n)?;
                l = l.slice_axis(view_axis, s, st, len);
                view_axis += 1;
                src_axis += 1;
            }
            Idx::NewAxis => {
                l = l.insert_axis(view_axis);
                view_axis += 1;
            }
            Idx::Array(a) => {
                same_device(x, a, op)?;
                if a.dtype == DType::Bool {
                    let want = &l.shape()[view_axis..view_axis + a.ndim()];
                    if a.shape() != want {
                        return Err(Error::InvalidIndex {
                            op,
                            reason: format!(
                                "boolean index of shape {} does not match the indexed dimensions {} at axis {src_axis}",
                                fmt_shape(a.shape()),
                                fmt_shape(want)
                            ),
                        });
                    }
                    if a.ndim() == 0 {
                        // x[True] / x[False]: a new axis of length 1, indexed by [0] or [].
                        l = l.insert_axis(view_axis);
                        let t = a.to_scalar::<bool>()?;
                        let z = Array::from_vec(
                            if t { vec![0i64] } else { vec![] },
                            [t as usize],
                            &x.backend,
                        )?;
                        adv.push((pos, view_axis, z));
                        view_axis += 1;
                    } else {
                        for col in nonzero(a)? {
                            adv.push((pos, view_axis, col));
                            view_axis += 1;
                        }
                        src_axis += a.ndim();
                    }
                } else if a.dtype.is_integer() {
                    let a = if a.dtype == DType::Int64 {
                        a.clone()
                    } else {
                        crate::astype(a, DType::Int64)?
                    };
                    adv.push((pos, view_axis, a));
                    view_axis += 1;
                    src_axis += 1;
                } else {
                    return Err(Error::InvalidIndex {
                        op,
                        reason: format!(
                            "arrays used as indices must be of integer or boolean type, not {}",
                            a.dtype
                        ),
                    });
                }
            }
            // Ellipses were expanded and invalid items rejected in step 1.
            Idx::Ellipsis | Idx::Invalid(_) => {}
        }
    }
    if adv.is_empty() {
        return Ok(Plan {
            layout: l,
            adv_axis: 0,
            indices: Vec::new(),
        });
    }
    // 3. Advanced indices: adjacent in the expression -> in place; else first.
    let positions: Vec<usize> = adv.iter().map(|(p, _, _)| *p).collect();
    let adjacent = positions
        .windows(2)
        .all(|w| w[1] == w[0] || w[1] == w[0] + 1);
    let adv_axes: Vec<usize> = adv.iter().map(|(_, a, _)| *a).collect();
    let adv_axis = if adjacent { adv_axes[0] } else { 0 };
    let mut order: Vec<usize> = (0..l.ndim()).filter(|a| !adv_axes.contains(a)).collect();
    for (k, &a) in adv_axes.iter().enumerate() {
        order.insert(adv_axis + k, a);
    }
    let layout = l.permute(&order);
    let shapes: Vec<&[usize]> = adv.iter().map(|(_, _, a)| a.shape()).collect();
    let ishape =
        broadcast_shapes_op(&shapes, op).map_err(|e| match e {
            Error::ShapeMismatch { shapes, .. } => Error::InvalidIndex {
                op,
                reason: format!(
                "shape mismatch: indexing arrays could not be broadcast together with shapes {}",
                shapes.iter().map(|s| fmt_shape(s)).collect::<Vec<_>>().join(" ")
            ),
            },
            e => e,
        })?;
    let indices = adv
        .into_iter()
        .map(|(_, _, a)| crate::broadcast_to(&a, &ishape))
        .collect::<Result<Vec<_>>>()?;
    Ok(Plan {
        layout,
        adv_axis,
        indices,
    })
}

impl<B: Backend> Array<B> {
    /// `x[idx]`: a view for basic indices, a gathered copy for advanced ones.
    ///
    /// ```
    /// use xp::prelude::*;
    /// use xp::s;
    /// let x = xp::arange(0, 10, 1, None, &Cpu)?;
    /// assert_eq!(x.get(&s![-3..])?.to_vec::<i64>()?, vec![7, 8, 9]);
    /// let i = xp::asarray([0i64, -1, 2], None, &Cpu)?;
    /// assert_eq!(x.get(&s![&i])?.to_vec::<i64>()?, vec![0, 9, 2]);
    /// let m = xp::asarray([true, false, true, false, false, false, false, false, false, true], None, &Cpu)?;
    /// assert_eq!(x.get(&s![&m])?.to_vec::<i64>()?, vec![0, 2, 9]);
    /// assert!(x.get(&s![10]).is_err());
    /// # Ok::<(), xp::Error>(())
    /// ```
    pub fn get(&self, idx: &[Idx<B>]) -> Result<Array<B>> {
        let p = plan(self, idx, "getitem")?;
        if p.indices.is_empty() {
            return Ok(self.with_layout(p.layout));
        }
        check_dtype(&self.backend, self.dtype, "getitem")?;
        let shape = p.result_shape();
        let ia: Vec<IndexArray<'_, B::Storage>> = p
            .indices
            .iter()
            .map(|a| IndexArray {
                storage: &a.storage,
                layout: &a.layout,
            })
            .collect();
        let s = self
            .backend
            .gather(&self.storage, &p.layout, self.dtype, p.adv_axis, &ia)?;
        Ok(Array::contiguous_from(s, &shape, self.dtype, &self.backend))
    }

    /// `x[idx] = value`: `value` broadcasts to the indexed shape and is converted to `x`'s
    /// dtype. Other arrays sharing `x`'s storage are not affected (copy-on-write).
    ///
    /// ```
    /// use xp::prelude::*;
    /// use xp::s;
    /// let mut x = xp::zeros([2, 3], DType::Float64, &Cpu)?;
    /// let y = x.clone();
    /// x.set(&s![.., 1..], &xp::asarray([5.0, 6.0], None, &Cpu)?)?;
    /// assert_eq!(x.to_vec::<f64>()?, vec![0.0, 5.0, 6.0, 0.0, 5.0, 6.0]);
    /// assert_eq!(y.to_vec::<f64>()?, vec![0.0; 6]);
    /// # Ok::<(), xp::Error>(())
    /// ```
    pub fn set(&mut self, idx: &[Idx<B>], value: &Array<B>) -> Result<()> {
        const OP: &str = "setitem";
        same_device(self, value, OP)?;
        check_dtype(&self.backend, self.dtype, OP)?;
        self.make_writable()?;
        let p = plan(self, idx, OP)?;
        if p.indices.is_empty() {
            return assign(self, &p.layout, value, OP);
        }
        let shape = p.result_shape();
        let v = if value.dtype != self.dtype {
            crate::astype(value, self.dtype)?
        } else {
            value.clone()
        };
        let vl = v.layout.broadcast_to(&shape, OP)?;
        let ia: Vec<IndexArray<'_, B::Storage>> = p
            .indices
            .iter()
            .map(|a| IndexArray {
                storage: &a.storage,
                layout: &a.layout,
            })
            .collect();
        let backend = self.backend.clone();
        backend.scatter(
            &mut self.storage,
            &p.layout,
            self.dtype,
            p.adv_axis,
            &ia,
            &v.storage,
            &vl,
        )
    }

    /// `x[idx] = value` for a Rust scalar `value` (weak: converted to `x`'s dtype; an
    /// integer out of the dtype's range is an error).
    pub fn set_scalar(&mut self, idx: &[Idx<B>], value: impl Into<Scalar>) -> Result<()> {
        let v = value.into();
        if !v.fits(self.dtype) {
            return Err(Error::invalid(
                "setitem",
                format!("value {v} is out of bounds for dtype {}", self.dtype),
            ));
        }
        let a = crate::full([], v, Some(self.dtype), &self.backend)?;
        self.set(idx, &a)
    }
}

/// Elements of `x` at `indices` (an integer array) along `axis`; `axis: None` is allowed
/// for 1-d `x` (and flattens otherwise, as NumPy). The result has `indices`' dimensions in
/// place of the axis.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[1, 2, 3], [4, 5, 6]], None, &Cpu)?;
/// let i = xp::asarray([2i64, 0], None, &Cpu)?;
/// assert_eq!(xp::take(&x, &i, Some(1))?.to_vec::<i32>()?, vec![3, 1, 6, 4]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn take<B: Backend>(x: &Array<B>, indices: &Array<B>, axis: Option<isize>) -> Result<Array<B>> {
    const OP: &str = "take";
    same_device(x, indices, OP)?;
    if !indices.dtype.is_integer() {
        return Err(Error::InvalidDType {
            op: OP,
            dtype: indices.dtype,
            expected: "an integer dtype for indices",
        });
    }
    let (x, ax) = match axis {
        None => (crate::reshape(x, [-1], None)?, 0),
        Some(a) => {
            if x.ndim() == 0 {
                return Err(Error::invalid(
                    OP,
                    "cannot take from a zero-dimensional array along an axis",
                ));
            }
            (x.clone(), normalize_axis(a, x.ndim(), OP)?)
        }
    };
    let idx = if indices.dtype == DType::Int64 {
        indices.clone()
    } else {
        crate::astype(indices, DType::Int64)?
    };
    check_dtype(&x.backend, x.dtype, OP)?;
    let s = x.backend.gather(
        &x.storage,
        &x.layout,
        x.dtype,
        ax,
        &[IndexArray {
            storage: &idx.storage,
            layout: &idx.layout,
        }],
    )?;
    let mut shape = x.shape()[..ax].to_vec();
    shape.extend_from_slice(idx.shape());
    shape.extend_from_slice(&x.shape()[ax + 1..]);
    Ok(Array::contiguous_from(s, &shape, x.dtype, &x.backend))
}

/// Elements of `x` picked along `axis` by `indices` (same number of dimensions as `x`,
/// broadcasting against it in the other axes), as NumPy's `take_along_axis`.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[10, 30, 20], [60, 40, 50]], None, &Cpu)?;
/// let i = xp::asarray([[0i64], [1]], None, &Cpu)?;
/// assert_eq!(xp::take_along_axis(&x, &i, 1)?.to_vec::<i32>()?, vec![10, 40]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn take_along_axis<B: Backend>(
    x: &Array<B>,
    indices: &Array<B>,
    axis: isize,
) -> Result<Array<B>> {
    const OP: &str = "take_along_axis";
    same_device(x, indices, OP)?;
    if !indices.dtype.is_integer() {
        return Err(Error::InvalidDType {
            op: OP,
            dtype: indices.dtype,
            expected: "an integer dtype for indices",
        });
    }
    if indices.ndim() != x.ndim() {
        return Err(Error::ShapeMismatch {
            op: OP,
            shapes: vec![x.shape().to_vec(), indices.shape().to_vec()],
            reason: "must have the same number of dimensions".into(),
        });
    }
    if x.ndim() == 0 {
        return Err(Error::invalid(OP, "x must have at least one dimension"));
    }
    let ax = normalize_axis(axis, x.ndim(), OP)?;
    let mut xs = x.shape().to_vec();
    xs[ax] = 1;
    let shape = broadcast_shapes_op(&[&xs, indices.shape()], OP)?;
    let nd = x.ndim();
    let mut idx = Vec::with_capacity(nd);
    for d in 0..nd {
        let a = if d == ax {
            if indices.dtype == DType::Int64 {
                indices.clone()
            } else {
                crate::astype(indices, DType::Int64)?
            }
        } else {
            let r = crate::arange(0, x.shape()[d] as i64, 1, Some(DType::Int64), &x.backend)?;
            let mut s = vec![1isize; nd];
            s[d] = x.shape()[d] as isize;
            crate::reshape(&r, s, None)?
        };
        idx.push(crate::broadcast_to(&a, &shape)?);
    }
    check_dtype(&x.backend, x.dtype, OP)?;
    let ia: Vec<IndexArray<'_, B::Storage>> = idx
        .iter()
        .map(|a| IndexArray {
            storage: &a.storage,
            layout: &a.layout,
        })
        .collect();
    let s = x.backend.gather(&x.storage, &x.layout, x.dtype, 0, &ia)?;
    Ok(Array::contiguous_from(s, &shape, x.dtype, &x.backend))
}

/// Indices of the non-zero (true) elements, one `int64` array per dimension, in C order.
/// Zero-dimensional input is an error, as the standard says.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[0, 3], [4, 0]], None, &Cpu)?;
/// let nz = xp::nonzero(&x)?;
/// assert_eq!(nz[0].to_vec::<i64>()?, vec![0, 1]);
/// assert_eq!(nz[1].to_vec::<i64>()?, vec![1, 0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn nonzero<B: Backend>(x: &Array<B>) -> Result<Vec<Array<B>>> {
    if x.ndim() == 0 {
        return Err(Error::invalid(
            "nonzero",
            "zero-dimensional arrays are not allowed",
        ));
    }
    check_dtype(&x.backend, x.dtype, "nonzero")?;
    let (s, count) = x.backend.nonzero(&x.storage, &x.layout, x.dtype)?;
    let nd = x.ndim();
    Ok((0..nd)
        .map(|j| {
            Array::from_parts(
                s.clone(),
                Layout::new(vec![count], vec![nd as isize], j),
                DType::Int64,
                x.backend.clone(),
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::slice_params;

    /// `(start, stop, step, n, list(range(n))[start:stop:step])`.
    type SliceCase = (Option<isize>, Option<isize>, isize, usize, Vec<usize>);

    #[test]
    fn python_slices() {
        let cases: &[SliceCase] = &[
            (None, None, 1, 5, vec![0, 1, 2, 3, 4]),
            (None, None, -1, 5, vec![4, 3, 2, 1, 0]),
            (Some(1), None, 2, 6, vec![1, 3, 5]),
            (Some(-2), None, 1, 5, vec![3, 4]),
            (None, Some(-10), -1, 5, vec![4, 3, 2, 1, 0]),
            (Some(10), Some(-10), -3, 5, vec![4, 1]),
            (Some(3), Some(1), 1, 5, vec![]),
            (Some(-100), Some(100), 2, 5, vec![0, 2, 4]),
            (None, None, 3, 0, vec![]),
            (None, None, -2, 0, vec![]),
        ];
        for (a, b, st, n, want) in cases {
            let (s, step, len) = slice_params(*a, *b, *st, *n).unwrap();
            let got: Vec<usize> = (0..len)
                .map(|i| (s as isize + i as isize * step) as usize)
                .collect();
            assert_eq!(&got, want, "{a:?}:{b:?}:{st} over {n}");
        }
        assert!(slice_params(None, None, 0, 3).is_err());
    }
}
