//! The standard's statistical functions: `sum`, `prod`, `min`, `max`, `mean`, `var`, `std`,
//! `cumulative_sum`, `cumulative_prod`; and the utility reductions `all`, `any`.
//!
//! Reductions take `axis: Option<&[isize]>` (`None`: every axis; a list: those axes, in
//! any order, negative ones counting from the end) and `keepdims`. Accumulation dtypes
//! follow the standard: without `dtype`, bool and signed integers accumulate in `int64`,
//! unsigned integers in `uint64`, floats and complex numbers in their own dtype; with
//! `dtype`, the input is cast to it first.

use crate::array::check_dtype;
use crate::backend_stats::{ReduceOp, ScanOp, StatsBackend};
use crate::shape::{normalize_axes, normalize_axis};
use crate::{Array, DType, Error, Layout, Result, Scalar};

/// The sorted, distinct axes a reduction runs over (`None`: all of them).
pub(crate) fn reduce_axes(
    ndim: usize,
    axis: Option<&[isize]>,
    op: &'static str,
) -> Result<Vec<usize>> {
    let mut axes = match axis {
        None => (0..ndim).collect(),
        Some(a) => normalize_axes(a, ndim, op)?,
    };
    axes.sort_unstable();
    Ok(axes)
}

/// The output shape of a reduction over `axes`.
pub(crate) fn reduced_shape(shape: &[usize], axes: &[usize], keepdims: bool) -> Vec<usize> {
    let mut out = Vec::with_capacity(shape.len());
    for (i, &d) in shape.iter().enumerate() {
        if axes.contains(&i) {
            if keepdims {
                out.push(1);
            }
        } else {
            out.push(d);
        }
    }
    out
}

/// Runs the backend reduction `op` over `axes` on `x` (already in the compute dtype).
pub(crate) fn raw_reduce<B: StatsBackend>(
    x: &Array<B>,
    op: ReduceOp,
    axes: &[usize],
    keepdims: bool,
    name: &'static str,
) -> Result<Array<B>> {
    check_dtype(&x.backend, x.dtype, name)?;
    let s = x.backend.reduce(op, &x.storage, &x.layout, x.dtype, axes)?;
    let shape = reduced_shape(x.shape(), axes, keepdims);
    Ok(Array::from_parts(
        s,
        Layout::contiguous(&shape),
        x.dtype,
        x.backend.clone(),
    ))
}

/// The standard's accumulation dtype of `sum`/`prod`/`cumulative_*` for input `d`.
pub(crate) fn accumulation_dtype(d: DType) -> DType {
    if d.is_bool() || d.is_signed_integer() {
        DType::Int64
    } else if d.is_unsigned_integer() {
        DType::UInt64
    } else {
        d
    }
}

/// `x` converted to `dtype` (no copy when it already has it).
pub(crate) fn cast_to<B: StatsBackend>(x: &Array<B>, dtype: DType) -> Result<Array<B>> {
    if x.dtype == dtype {
        Ok(x.clone())
    } else {
        crate::astype(x, dtype)
    }
}

fn numeric_only(d: DType, op: &'static str) -> Result<()> {
    if d.is_numeric() || d.is_bool() {
        Ok(())
    } else {
        Err(Error::InvalidDType {
            op,
            dtype: d,
            expected: "a numeric dtype",
        })
    }
}

fn real_only(d: DType, op: &'static str) -> Result<()> {
    if d.is_complex() || !(d.is_numeric() || d.is_bool()) {
        Err(Error::InvalidDType {
            op,
            dtype: d,
            expected: "a real-valued dtype",
        })
    } else {
        Ok(())
    }
}

fn sum_like<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
    op: ReduceOp,
    name: &'static str,
) -> Result<Array<B>> {
    numeric_only(x.dtype, name)?;
    let acc = match dtype {
        Some(d) => {
            numeric_only(d, name)?;
            if d.is_bool() {
                return Err(Error::InvalidDType {
                    op: name,
                    dtype: d,
                    expected: "a numeric accumulation dtype",
                });
            }
            d
        }
        None => accumulation_dtype(x.dtype),
    };
    let axes = reduce_axes(x.ndim(), axis, name)?;
    check_dtype(&x.backend, acc, name)?;
    let xc = cast_to(x, acc)?;
    raw_reduce(&xc, op, &axes, keepdims, name)
}

/// The sum over `axis` (`None`: all axes).
///
/// Without `dtype`, bool and signed integers are summed in `int64`, unsigned integers in
/// `uint64` (wrapping), floats and complex numbers in their own dtype with pairwise (or
/// better) summation. The empty sum is 0.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[1i32, 2, 3], [4, 5, 6]], None, &Cpu)?;
/// let s = xp::sum(&x, Some(&[1]), false, None)?;
/// assert_eq!(s.dtype(), DType::Int64);
/// assert_eq!(s.to_vec::<i64>()?, vec![6, 15]);
/// assert_eq!(xp::sum(&x, None, false, None)?.to_scalar::<i64>()?, 21);
/// assert_eq!(xp::sum(&x, Some(&[0]), true, None)?.shape(), &[1, 3]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn sum<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> Result<Array<B>> {
    sum_like(x, axis, keepdims, dtype, ReduceOp::Sum, "sum")
}

/// The product over `axis`, with [`sum`]'s dtype rules (the empty product is 1), folded
/// sequentially in C order.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[1.0, 2.0], [3.0, 4.0]], None, &Cpu)?;
/// assert_eq!(xp::prod(&x, Some(&[0]), false, None)?.to_vec::<f64>()?, vec![3.0, 8.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn prod<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> Result<Array<B>> {
    sum_like(x, axis, keepdims, dtype, ReduceOp::Prod, "prod")
}

fn min_max<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
    max: bool,
) -> Result<Array<B>> {
    let name = if max { "max" } else { "min" };
    real_only(x.dtype, name)?;
    let axes = reduce_axes(x.ndim(), axis, name)?;
    let out_size: usize = reduced_shape(x.shape(), &axes, false).iter().product();
    if count_over(x.shape(), &axes) == 0 && out_size > 0 {
        return Err(Error::invalid(
            name,
            "zero-size array to reduction operation which has no identity",
        ));
    }
    let op = match (x.dtype.is_bool(), max) {
        (true, false) => ReduceOp::All,
        (true, true) => ReduceOp::Any,
        (false, false) => ReduceOp::Min,
        (false, true) => ReduceOp::Max,
    };
    raw_reduce(x, op, &axes, keepdims, name)
}

/// The minimum over `axis`; NaN propagates. A reduction over an empty axis is an error
/// (no identity), as in NumPy. Complex input is an error.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[3.0, 1.0], [f64::NAN, 0.5]], None, &Cpu)?;
/// let m = xp::min(&x, Some(&[1]), false)?.to_vec::<f64>()?;
/// assert_eq!(m[0], 1.0);
/// assert!(m[1].is_nan());
/// # Ok::<(), xp::Error>(())
/// ```
pub fn min<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<B>> {
    min_max(x, axis, keepdims, false)
}

/// The maximum over `axis`; see [`min`].
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[3, 1], [2, 7]], None, &Cpu)?;
/// assert_eq!(xp::max(&x, Some(&[0]), false)?.to_vec::<i32>()?, vec![3, 7]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn max<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<B>> {
    min_max(x, axis, keepdims, true)
}

/// The floating dtype `mean`/`var` compute in for input `d` (NumPy: integers and bool in
/// `float64`).
pub(crate) fn mean_dtype(d: DType) -> DType {
    if d.is_floating() {
        d
    } else {
        DType::Float64
    }
}

/// The number of elements a reduction over `axes` folds.
pub(crate) fn count_over(shape: &[usize], axes: &[usize]) -> usize {
    axes.iter().map(|&a| shape[a]).product()
}

/// The arithmetic mean over `axis`: the sum (in the float dtype) divided by the count.
/// Integer and bool input is averaged in `float64`, as NumPy does. The mean of nothing is
/// NaN.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[1.0f32, 2.0], [3.0, 6.0]], None, &Cpu)?;
/// assert_eq!(xp::mean(&x, None, false)?.to_scalar::<f32>()?, 3.0);
/// assert_eq!(xp::mean(&x, Some(&[0]), false)?.to_vec::<f32>()?, vec![2.0, 4.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn mean<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<B>> {
    const OP: &str = "mean";
    numeric_only(x.dtype, OP)?;
    let d = mean_dtype(x.dtype);
    let axes = reduce_axes(x.ndim(), axis, OP)?;
    let n = count_over(x.shape(), &axes);
    let xc = cast_to(x, d)?;
    let s = raw_reduce(&xc, ReduceOp::Sum, &axes, keepdims, OP)?;
    crate::divide(&s, Scalar::Float(n as f64))
}

/// The variance over `axis` with `correction` degrees of freedom removed from the count
/// (0: population variance; 1: Bessel's correction): `sum(|x - mean|²) / max(N -
/// correction, 0)`. Complex input gives a real result. Integer input is computed in
/// `float64`.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([1.0, 2.0, 3.0, 4.0], None, &Cpu)?;
/// assert_eq!(xp::var(&x, None, 0.0, false)?.to_scalar::<f64>()?, 1.25);
/// assert!((xp::var(&x, None, 1.0, false)?.to_scalar::<f64>()? - 5.0 / 3.0).abs() < 1e-15);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn var<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    correction: f64,
    keepdims: bool,
) -> Result<Array<B>> {
    var_impl(x, axis, correction, keepdims, "var")
}

pub(crate) fn var_impl<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    correction: f64,
    keepdims: bool,
    op: &'static str,
) -> Result<Array<B>> {
    numeric_only(x.dtype, op)?;
    if correction.is_nan() || correction < 0.0 {
        return Err(Error::invalid(
            op,
            format!("correction must be a non-negative number, got {correction}"),
        ));
    }
    let d = mean_dtype(x.dtype);
    let axes = reduce_axes(x.ndim(), axis, op)?;
    let n = count_over(x.shape(), &axes);
    let xc = cast_to(x, d)?;
    let m = crate::divide(
        &raw_reduce(&xc, ReduceOp::Sum, &axes, true, op)?,
        Scalar::Float(n as f64),
    )?;
    let dev = crate::subtract(&xc, &m)?;
    let sq = if d.is_complex() {
        crate::real(&crate::multiply(&dev, &crate::conj(&dev)?)?)?
    } else {
        crate::multiply(&dev, &dev)?
    };
    let s = raw_reduce(&sq, ReduceOp::Sum, &axes, keepdims, op)?;
    let denom = (n as f64 - correction).max(0.0);
    crate::divide(&s, Scalar::Float(denom))
}

/// The standard deviation over `axis`: the square root of [`var`].
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[1.0, 3.0], [5.0, 7.0]], None, &Cpu)?;
/// assert_eq!(xp::std(&x, Some(&[1]), 0.0, false)?.to_vec::<f64>()?, vec![1.0, 1.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn std<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    correction: f64,
    keepdims: bool,
) -> Result<Array<B>> {
    crate::sqrt(&var_impl(x, axis, correction, keepdims, "std")?)
}

/// The axis of a cumulative function: required when `x` has more than one dimension.
fn scan_axis(ndim: usize, axis: Option<isize>, op: &'static str) -> Result<usize> {
    if ndim == 0 {
        return Err(Error::invalid(
            op,
            "zero-dimensional arrays are not allowed",
        ));
    }
    match axis {
        Some(a) => normalize_axis(a, ndim, op),
        None if ndim == 1 => Ok(0),
        None => Err(Error::invalid(
            op,
            format!("axis must be given for an array of dimension {ndim}"),
        )),
    }
}

pub(crate) fn raw_scan<B: StatsBackend>(
    x: &Array<B>,
    op: ScanOp,
    axis: usize,
    name: &'static str,
) -> Result<Array<B>> {
    check_dtype(&x.backend, x.dtype, name)?;
    let s = x.backend.scan(op, &x.storage, &x.layout, x.dtype, axis)?;
    Ok(Array::contiguous_from(s, x.shape(), x.dtype, &x.backend))
}

fn cumulative<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<isize>,
    dtype: Option<DType>,
    include_initial: bool,
    op: ScanOp,
    name: &'static str,
) -> Result<Array<B>> {
    numeric_only(x.dtype, name)?;
    if x.ndim() == 0 && axis.is_none() {
        // NumPy's cumulative_sum/prod treat a 0-d array as a 1-element 1-d one
        let flat = crate::reshape(x, [1], None)?;
        return cumulative(&flat, None, dtype, include_initial, op, name);
    }
    let ax = scan_axis(x.ndim(), axis, name)?;
    let acc = match dtype {
        Some(d) => {
            numeric_only(d, name)?;
            d
        }
        None => accumulation_dtype(x.dtype),
    };
    check_dtype(&x.backend, acc, name)?;
    let xc = cast_to(x, acc)?;
    let r = raw_scan(&xc, op, ax, name)?;
    if !include_initial {
        return Ok(r);
    }
    let mut s = x.shape().to_vec();
    s[ax] = 1;
    let init = match op {
        ScanOp::Sum => crate::zeros(&s, acc, &x.backend)?,
        ScanOp::Prod => crate::ones(&s, acc, &x.backend)?,
    };
    crate::concat(&[&init, &r], Some(ax as isize))
}

/// The cumulative sum along `axis` (required when `x` has more than one dimension), with
/// [`sum`]'s dtype rules, accumulated sequentially (as NumPy's `cumsum`). With
/// `include_initial`, the result starts with 0 and is one longer along `axis`.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([1, 2, 3], None, &Cpu)?;
/// assert_eq!(xp::cumulative_sum(&x, None, None, false)?.to_vec::<i64>()?, vec![1, 3, 6]);
/// assert_eq!(xp::cumulative_sum(&x, None, None, true)?.to_vec::<i64>()?, vec![0, 1, 3, 6]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn cumulative_sum<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<isize>,
    dtype: Option<DType>,
    include_initial: bool,
) -> Result<Array<B>> {
    cumulative(
        x,
        axis,
        dtype,
        include_initial,
        ScanOp::Sum,
        "cumulative_sum",
    )
}

/// The cumulative product along `axis`; see [`cumulative_sum`] (the initial value is 1).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[1.0, 2.0], [3.0, 4.0]], None, &Cpu)?;
/// let c = xp::cumulative_prod(&x, Some(0), None, false)?;
/// assert_eq!(c.to_vec::<f64>()?, vec![1.0, 2.0, 3.0, 8.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn cumulative_prod<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<isize>,
    dtype: Option<DType>,
    include_initial: bool,
) -> Result<Array<B>> {
    cumulative(
        x,
        axis,
        dtype,
        include_initial,
        ScanOp::Prod,
        "cumulative_prod",
    )
}

fn all_any<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
    op: ReduceOp,
    name: &'static str,
) -> Result<Array<B>> {
    let axes = reduce_axes(x.ndim(), axis, name)?;
    let b = cast_to(x, DType::Bool)?;
    raw_reduce(&b, op, &axes, keepdims, name)
}

/// Whether every element over `axis` is true (non-zero; NaN counts as true). The empty
/// `all` is true.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[1, 0], [2, 3]], None, &Cpu)?;
/// assert_eq!(xp::all(&x, Some(&[1]), false)?.to_vec::<bool>()?, vec![false, true]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn all<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<B>> {
    all_any(x, axis, keepdims, ReduceOp::All, "all")
}

/// Whether any element over `axis` is true (non-zero). The empty `any` is false.
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[0.0, 0.0], [0.0, -1.0]], None, &Cpu)?;
/// assert_eq!(xp::any(&x, Some(&[1]), false)?.to_vec::<bool>()?, vec![false, true]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn any<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<B>> {
    all_any(x, axis, keepdims, ReduceOp::Any, "any")
}

macro_rules! reduce_methods {
    ($($f:ident),*) => {
        impl<B: StatsBackend> Array<B> {
            $(
                #[doc = concat!("Method form of [`", stringify!($f), "`](crate::", stringify!($f), ").")]
                pub fn $f(&self, axis: Option<&[isize]>, keepdims: bool) -> Result<Array<B>> {
                    $f(self, axis, keepdims)
                }
            )*
        }
    };
}
reduce_methods!(min, max, mean, all, any);

impl<B: StatsBackend> Array<B> {
    /// Method form of [`sum`](crate::sum) (accumulation dtype chosen by the standard's rules).
    pub fn sum(&self, axis: Option<&[isize]>, keepdims: bool) -> Result<Array<B>> {
        sum(self, axis, keepdims, None)
    }
    /// Method form of [`prod`](crate::prod).
    pub fn prod(&self, axis: Option<&[isize]>, keepdims: bool) -> Result<Array<B>> {
        prod(self, axis, keepdims, None)
    }
    /// Method form of [`var`](crate::var).
    pub fn var(&self, axis: Option<&[isize]>, correction: f64, keepdims: bool) -> Result<Array<B>> {
        var(self, axis, correction, keepdims)
    }
    /// Method form of [`std`](crate::std()).
    pub fn std(&self, axis: Option<&[isize]>, correction: f64, keepdims: bool) -> Result<Array<B>> {
        std(self, axis, correction, keepdims)
    }
}
