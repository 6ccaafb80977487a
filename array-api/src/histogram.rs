//! NumPy's `histogram`, `bincount`, `cov` and `corrcoef`.
//!
//! All four are compositions of device operations: `histogram` and `bincount` compute each
//! value's bin with elementwise kernels (NumPy's bin-assignment rules, bit for bit) and
//! count or sum with the backend's [`ScatterOps::scatter_add`](crate::ScatterOps)
//! kernel; only scalars (the data's min and max) are read back.

use crate::backend_stats::StatsBackend;
use crate::{Array, DType, Error, Result, Scalar};

/// The bins of [`histogram`]: a number of equal-width bins over the range, or the bin
/// edges (a 1-d, monotonically increasing array).
#[derive(Clone, Copy, Debug)]
pub enum Bins<'a, B: StatsBackend> {
    /// This many equal-width bins over `range` (default: the data's min and max).
    Count(usize),
    /// These bin edges.
    Edges(&'a Array<B>),
}

fn real_only<B: StatsBackend>(x: &Array<B>, op: &'static str) -> Result<()> {
    if x.dtype.is_complex() || !(x.dtype.is_numeric() || x.dtype.is_bool()) {
        return Err(Error::InvalidDType {
            op,
            dtype: x.dtype,
            expected: "a real-valued dtype",
        });
    }
    Ok(())
}

/// `x` flattened and cast to `float64` (on the device).
fn flat_f64<B: StatsBackend>(x: &Array<B>) -> Result<Array<B>> {
    crate::astype(&crate::reshape(x, [-1], None)?, DType::Float64)
}

/// The largest bin count the front end asks a backend for: the output must be addressable
/// in bytes, so a count from the data (`max(x) + 1`) cannot make an allocation abort.
fn check_length(len: usize, op: &'static str) -> Result<()> {
    if len > isize::MAX as usize / 8 {
        return Err(Error::invalid(
            op,
            format!("cannot allocate an output of {len} bins (from max(x) + 1 or minlength)"),
        ));
    }
    Ok(())
}

/// The backend's scatter-add of the 1-d `int64` bin indices `idx` (entries outside
/// `0..length` skipped): `int64` counts, or `float64` sums of the 1-d `float64` `weights`.
fn scatter<B: StatsBackend>(
    idx: &Array<B>,
    weights: Option<&Array<B>>,
    length: usize,
    op: &'static str,
) -> Result<Array<B>> {
    check_length(length, op)?;
    let dtype = if weights.is_some() {
        DType::Float64
    } else {
        DType::Int64
    };
    let s = idx.backend.scatter_add(
        &idx.storage,
        &idx.layout,
        DType::Int64,
        weights.map(|w| (&w.storage, &w.layout)),
        dtype,
        length,
    )?;
    Ok(Array::contiguous_from(s, &[length], dtype, &idx.backend))
}

/// A scalar of a 0-d reduction result, read back.
fn scalar_f64<B: StatsBackend>(x: &Array<B>) -> Result<f64> {
    crate::astype(x, DType::Float64)?.to_scalar::<f64>()
}

/// The histogram of `x` (flattened) with NumPy's semantics: `(counts, bin_edges)`.
///
/// Every bin is half-open `[a, b)` except the last, `[a, b]`; values outside the range are
/// not counted. With [`Bins::Count`] the edges are `linspace(lo, hi, bins + 1)` over
/// `range` or the data's finite min and max (widened by 0.5 either side when they are
/// equal; `0..1` for empty input), in `x`'s float dtype (`float64` for integers; computed
/// as NumPy's `linspace` does, in `float32` for a range found in `float32` data), and NaN
/// in `x` without a `range` is an error. Counts are `int64`, or the dtype of `weights`
/// (same shape as `x`) when given; with `density` they are `float64`, normalised so that
/// the integral over the range is 1.
///
/// Everything runs on the device: each value's bin is computed with elementwise kernels
/// in `float64` (NumPy's algorithms: with [`Bins::Count`] a guess from the uniform spacing
/// corrected against the edges, with [`Bins::Edges`] a binary search in the edges), then
/// counted or summed by the backend's [`scatter_add`](crate::ScatterOps::scatter_add);
/// only the data's min and max (for the default range) are read back. Weights are summed
/// per bin in `float64` and cast to their dtype; NumPy's explicit-edges algorithm
/// differences cumulative sums instead, so weighted sums may differ from NumPy's by
/// rounding (xp's per-bin sums are the more accurate ones).
///
/// ```
/// use xp::prelude::*;
/// use xp::Bins;
/// let x = xp::asarray([1.0, 2.0, 2.0, 3.0, 4.0], None, &Cpu)?;
/// let (n, edges) = xp::histogram(&x, Bins::Count(3), None, false, None)?;
/// assert_eq!(n.to_vec::<i64>()?, vec![1, 2, 2]); // 4.0 falls in the closed last bin
/// assert_eq!(edges.to_vec::<f64>()?, vec![1.0, 2.0, 3.0, 4.0]);
/// let e = xp::asarray([0.0, 2.0, 10.0], None, &Cpu)?;
/// let (d, _) = xp::histogram(&x, Bins::Edges(&e), None, true, None)?;
/// assert_eq!(d.to_vec::<f64>()?, vec![0.1, 0.1]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn histogram<B: StatsBackend>(
    x: &Array<B>,
    bins: Bins<'_, B>,
    range: Option<(f64, f64)>,
    density: bool,
    weights: Option<&Array<B>>,
) -> Result<(Array<B>, Array<B>)> {
    const OP: &str = "histogram";
    real_only(x, OP)?;
    if let Some(w) = weights {
        real_only(w, OP)?;
        crate::array::same_device(x, w, OP)?;
        if w.shape() != x.shape() {
            return Err(Error::ShapeMismatch {
                op: OP,
                shapes: vec![x.shape().to_vec(), w.shape().to_vec()],
                reason: "weights must have the shape of x".into(),
            });
        }
    }
    if let Some((lo, hi)) = range {
        if !(lo.is_finite() && hi.is_finite()) || lo > hi {
            return Err(Error::invalid(
                OP,
                format!("range ({lo}, {hi}) must be finite with min <= max"),
            ));
        }
    }
    let a = flat_f64(x)?;
    let w = weights.map(flat_f64).transpose()?;
    let dev = &x.backend;
    // NumPy's counts dtype: intp, or the weights' dtype
    let ntype = weights.map_or(DType::Int64, |w| w.dtype);
    let (idx, nb, edges) = match bins {
        Bins::Count(nb) => {
            if nb == 0 {
                return Err(Error::invalid(OP, "bins must be positive"));
            }
            let (mut lo, mut hi) = match range {
                Some(r) => r,
                None if a.size() == 0 => (0.0, 1.0),
                None => {
                    // NaN propagates through min and max
                    let lo = scalar_f64(&crate::min(&a, None, false)?)?;
                    let hi = scalar_f64(&crate::max(&a, None, false)?)?;
                    if !(lo.is_finite() && hi.is_finite()) {
                        return Err(Error::invalid(
                            OP,
                            "the autodetected range is not finite (NaN or infinity in x)",
                        ));
                    }
                    (lo, hi)
                }
            };
            if lo == hi {
                lo -= 0.5;
                hi += 0.5;
            }
            let et = if x.dtype.is_floating() {
                x.dtype
            } else {
                DType::Float64
            };
            // NumPy's linspace: in float32 when the range comes from float32 data (NEP 50),
            // else in float64 (rounded to the edges' dtype at the end)
            let in_f32 = et == DType::Float32 && range.is_none();
            let r = |v: f64| if in_f32 { v as f32 as f64 } else { v };
            let (lo, hi) = (r(lo), r(hi));
            let delta = r(hi - lo);
            let step = r(delta / nb as f64);
            let mut e: Vec<f64> = (0..=nb)
                .map(|k| {
                    let y = if step == 0.0 {
                        r(r(k as f64 / nb as f64) * delta)
                    } else {
                        r(k as f64 * step)
                    };
                    r(y + lo)
                })
                .collect();
            e[nb] = hi;
            // the edges as stored (rounded to their dtype), exactly in float64
            if et == DType::Float32 {
                e.iter_mut().for_each(|v| *v = *v as f32 as f64);
            }
            let e64 = Array::from_vec(e, [nb + 1], dev)?;
            let edges = crate::astype(&e64, et)?;
            (uniform_bins(&a, &e64, lo, hi, nb)?, nb, edges)
        }
        Bins::Edges(edges) => {
            real_only(edges, OP)?;
            crate::array::same_device(x, edges, OP)?;
            if edges.ndim() != 1 || edges.shape()[0] < 2 {
                return Err(Error::invalid(OP, "bin edges must be a 1-d array of >= 2"));
            }
            let e64 = crate::astype(edges, DType::Float64)?;
            let nb = e64.size() - 1;
            let hi_e = e64.with_layout(e64.layout.slice_axis(0, 1, 1, nb));
            let lo_e = e64.with_layout(e64.layout.slice_axis(0, 0, 1, nb));
            let bad = crate::logical_or(
                &crate::any(&crate::less(&hi_e, &lo_e)?, None, false)?,
                &crate::any(&crate::isnan(&e64)?, None, false)?,
            )?;
            if bad.to_scalar::<bool>()? {
                return Err(Error::invalid(OP, "bins must increase monotonically"));
            }
            (edge_bins(&a, &e64, nb)?, nb, edges.clone())
        }
    };
    let n = scatter(&idx, w.as_ref(), nb, OP)?;
    if density {
        // NumPy: n / diff(edges) / n.sum(), the widths in the edges' dtype (integers and
        // bool exactly in float64)
        let n = crate::astype(&crate::astype(&n, ntype)?, DType::Float64)?;
        let e = if edges.dtype.is_floating() {
            edges.clone()
        } else {
            crate::astype(&edges, DType::Float64)?
        };
        let width = crate::astype(&crate::diff(&e, 0, 1, None, None)?, DType::Float64)?;
        let total = crate::sum(&n, None, false, None)?;
        let d = crate::divide(&crate::divide(&n, &width)?, &total)?;
        return Ok((d, edges));
    }
    Ok((crate::astype(&n, ntype)?, edges))
}

/// The bin of each value of the 1-d `float64` `a` among `nb` equal bins whose edges (as
/// stored, in `float64`) are `e`, `-1` outside `[lo, hi]` (and for NaN): NumPy's guess
/// `trunc((v - lo) / (hi - lo) · nb)`, clamped to the last bin, then moved one bin down or
/// up when the edges (rounded in their dtype) say so.
fn uniform_bins<B: StatsBackend>(
    a: &Array<B>,
    e: &Array<B>,
    lo: f64,
    hi: f64,
    nb: usize,
) -> Result<Array<B>> {
    let inside = crate::logical_and(&crate::greater_equal(a, lo)?, &crate::less_equal(a, hi)?)?;
    // values outside the range (NaN included) are computed as `lo`, then dropped
    let v = crate::where_(&inside, a, lo)?;
    let t = crate::multiply(
        &crate::divide(&crate::subtract(&v, lo)?, hi - lo)?,
        nb as f64,
    )?;
    let last = Scalar::Int(nb as i128 - 1);
    let k = crate::clip(&crate::astype(&t, DType::Int64)?, None, Some(last.into()))?;
    let below = crate::less(&v, &crate::take(e, &k, Some(0))?)?;
    let k1 = crate::add(&k, Scalar::Int(1))?;
    let above = crate::logical_and(
        &crate::greater_equal(&v, &crate::take(e, &k1, Some(0))?)?,
        &crate::not_equal(&k, last)?,
    )?;
    let down = crate::subtract(&k, Scalar::Int(1))?;
    let k = crate::where_(&below, &down, &crate::where_(&above, &k1, &k)?)?;
    crate::where_(&inside, &k, Scalar::Int(-1))
}

/// The bin of each value of the 1-d `float64` `a` among the `nb` bins of the increasing
/// `float64` edges `e`: the last edge `<= v` (a right-side binary search, minus one), the
/// last bin closed; `-1` outside `[e[0], e[nb]]` (and for NaN).
fn edge_bins<B: StatsBackend>(a: &Array<B>, e: &Array<B>, nb: usize) -> Result<Array<B>> {
    let lo = e.with_layout(e.layout.index_axis(0, 0));
    let hi = e.with_layout(e.layout.index_axis(0, nb));
    let inside = crate::logical_and(&crate::greater_equal(a, &lo)?, &crate::less_equal(a, &hi)?)?;
    let pos = crate::searchsorted(e, a, crate::Side::Right, None)?;
    let k = crate::clip(
        &crate::subtract(&pos, Scalar::Int(1))?,
        None,
        Some(Scalar::Int(nb as i128 - 1).into()),
    )?;
    crate::where_(&inside, &k, Scalar::Int(-1))
}

/// The number of occurrences of each value `0..=max(x)` in the 1-d non-negative integer
/// array `x`, at least `minlength` of them (NumPy's `bincount`): `int64`, or with
/// `weights` (same shape) the `float64` sums of the weights of each value (an empty `x`
/// gives `int64` zeros, as NumPy's).
///
/// Runs on the device: the min and max of `x` are read back (to check the values and size
/// the output), then the backend's [`scatter_add`](crate::ScatterOps::scatter_add) counts
/// or sums. Weighted sums are accumulated in `float64`, in an order that may differ from
/// NumPy's serial one (so they may differ from NumPy's by rounding).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([0, 1, 1, 3], None, &Cpu)?;
/// assert_eq!(xp::bincount(&x, None, 0)?.to_vec::<i64>()?, vec![1, 2, 0, 1]);
/// assert_eq!(xp::bincount(&x, None, 6)?.to_vec::<i64>()?, vec![1, 2, 0, 1, 0, 0]);
/// let w = xp::asarray([0.5, 1.0, 2.0, -1.0], None, &Cpu)?;
/// assert_eq!(xp::bincount(&x, Some(&w), 0)?.to_vec::<f64>()?, vec![0.5, 3.0, 0.0, -1.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn bincount<B: StatsBackend>(
    x: &Array<B>,
    weights: Option<&Array<B>>,
    minlength: usize,
) -> Result<Array<B>> {
    const OP: &str = "bincount";
    if !(x.dtype.is_integer() || x.dtype.is_bool()) || x.dtype == DType::UInt64 {
        return Err(Error::InvalidDType {
            op: OP,
            dtype: x.dtype,
            expected: "a signed or narrow unsigned integer dtype (or bool)",
        });
    }
    if x.ndim() != 1 {
        return Err(Error::invalid(OP, "x must be 1-d"));
    }
    if let Some(w) = weights {
        real_only(w, OP)?;
        crate::array::same_device(x, w, OP)?;
        if w.shape() != x.shape() {
            return Err(Error::ShapeMismatch {
                op: OP,
                shapes: vec![x.shape().to_vec(), w.shape().to_vec()],
                reason: "weights must have the shape of x".into(),
            });
        }
    }
    let v = crate::astype(x, DType::Int64)?;
    let len = if v.size() == 0 {
        minlength
    } else {
        let lo = crate::min(&v, None, false)?.to_scalar::<i64>()?;
        if lo < 0 {
            return Err(Error::invalid(
                OP,
                format!("x must be non-negative, found {lo}"),
            ));
        }
        let hi = crate::max(&v, None, false)?.to_scalar::<i64>()?;
        // hi + 1 cannot overflow usize (hi < 2^63); check_length bounds it
        (hi as usize + 1).max(minlength)
    };
    match weights {
        // NumPy's quirk: no values give int64 zeros even with weights
        Some(w) if v.size() > 0 => scatter(&v, Some(&crate::astype(w, DType::Float64)?), len, OP),
        _ => scatter(&v, None, len, OP),
    }
}

/// The rows (`rowvar`, NumPy's default) or columns of `m` (1-d: one variable), with those of
/// `y` appended, as a 2-d `(variables, observations)` float64 array.
fn variables<B: StatsBackend>(
    m: &Array<B>,
    y: Option<&Array<B>>,
    rowvar: bool,
    op: &'static str,
) -> Result<Array<B>> {
    let two_d = |a: &Array<B>| -> Result<Array<B>> {
        real_only(a, op)?;
        let a = crate::astype(a, DType::Float64)?;
        let a = match a.ndim() {
            0 | 1 => crate::reshape(&a, [1, -1], None)?,
            2 => a,
            n => {
                return Err(Error::invalid(
                    op,
                    format!("arrays must be 1-d or 2-d, not {n}-d"),
                ))
            }
        };
        if !rowvar && a.shape()[0] != 1 {
            crate::permute_dims(&a, &[1, 0])
        } else {
            Ok(a)
        }
    };
    let x = two_d(m)?;
    match y {
        None => Ok(x),
        Some(y) => crate::concat(&[&x, &two_d(y)?], Some(0)),
    }
}

/// The covariance matrix of the variables in `m` (and `y`), NumPy's `cov`: each row a
/// variable and each column an observation (`rowvar = false`: the reverse; a 1-d array is
/// one variable). Normalised by `N - ddof`, where `ddof` defaults to 1 (`bias = false`,
/// the unbiased estimate) or 0 (`bias = true`). Real input, computed in `float64`; the
/// result is `(variables, variables)`, squeezed (a single variable gives a 0-d array).
///
/// ```
/// use xp::prelude::*;
/// let m = xp::asarray([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]], None, &Cpu)?;
/// assert_eq!(xp::cov(&m, None, true, false, None)?.to_vec::<f64>()?, vec![1.0, -1.0, -1.0, 1.0]);
/// let x = xp::asarray([1.0, 2.0, 4.0], None, &Cpu)?;
/// let v = xp::cov(&x, None, true, true, None)?;
/// assert!((v.to_scalar::<f64>()? - 14.0 / 9.0).abs() < 1e-15);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn cov<B: StatsBackend>(
    m: &Array<B>,
    y: Option<&Array<B>>,
    rowvar: bool,
    bias: bool,
    ddof: Option<usize>,
) -> Result<Array<B>> {
    const OP: &str = "cov";
    let x = variables(m, y, rowvar, OP)?;
    let (p, n) = (x.shape()[0], x.shape()[1]);
    let dev = &m.backend;
    if p == 0 {
        return crate::zeros([0, 0], DType::Float64, dev);
    }
    let ddof = ddof.unwrap_or(if bias { 0 } else { 1 });
    let fact = (n as f64 - ddof as f64).max(0.0);
    let avg = crate::mean(&x, Some(&[1]), true)?;
    let xc = crate::subtract(&x, &avg)?;
    // (p, 1, n) * (1, p, n) summed over the observations
    let prod = crate::multiply(
        &crate::expand_dims(&xc, &[1])?,
        &crate::expand_dims(&xc, &[0])?,
    )?;
    let c = crate::sum(&prod, Some(&[2]), false, None)?;
    // NumPy multiplies by the reciprocal
    let c = crate::multiply(&c, Scalar::Float(1.0 / fact))?;
    if p == 1 {
        return crate::reshape(&c, Vec::<isize>::new(), None);
    }
    Ok(c)
}

/// The Pearson correlation coefficients of the variables in `x` (and `y`), NumPy's
/// `corrcoef`: [`cov`] divided by the outer product of the standard deviations, clipped to
/// `[-1, 1]`. A single variable gives the 0-d `1.0` (NaN when it is constant).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[1.0, 2.0, 3.0], [6.0, 4.0, 2.0]], None, &Cpu)?;
/// assert_eq!(xp::corrcoef(&x, None, true)?.to_vec::<f64>()?, vec![1.0, -1.0, -1.0, 1.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn corrcoef<B: StatsBackend>(
    x: &Array<B>,
    y: Option<&Array<B>>,
    rowvar: bool,
) -> Result<Array<B>> {
    let c = cov(x, y, rowvar, false, None)?;
    if c.ndim() == 0 {
        return crate::divide(&c, &c);
    }
    let p = c.shape()[0];
    let eye = crate::eye(p, None, 0, DType::Bool, &c.backend)?;
    let d = crate::sum(
        &crate::where_(&eye, &c, Scalar::Float(0.0))?,
        Some(&[1]),
        false,
        None,
    )?;
    let sd = crate::sqrt(&d)?;
    let c = crate::divide(&c, &crate::expand_dims(&sd, &[1])?)?;
    let c = crate::divide(&c, &crate::expand_dims(&sd, &[0])?)?;
    crate::clip(
        &c,
        Some(Scalar::Float(-1.0).into()),
        Some(Scalar::Float(1.0).into()),
    )
}
