//! NumPy's `histogram`, `bincount`, `cov` and `corrcoef`.
//!
//! `histogram` and `bincount` scatter into bins, which the backend traits do not offer:
//! they read the input to the host once, count there in O(n) (with NumPy's algorithms, so
//! results match bit for bit) and return arrays on the input's device. `cov` and
//! `corrcoef` are compositions of device operations.

use crate::backend_stats::{nan_last_lt, StatsBackend};
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

fn host_f64<B: StatsBackend>(x: &Array<B>) -> Result<Vec<f64>> {
    crate::astype(&crate::reshape(x, [-1], None)?, DType::Float64)?.to_vec::<f64>()
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
    let a = host_f64(x)?;
    let w = weights.map(host_f64).transpose()?;
    let dev = &x.backend;
    // NumPy's counts dtype: intp, or the weights' dtype
    let ntype = weights.map_or(DType::Int64, |w| w.dtype);
    let (counts, edges) = match bins {
        Bins::Count(nb) => {
            if nb == 0 {
                return Err(Error::invalid(OP, "bins must be positive"));
            }
            let (mut lo, mut hi) = match range {
                Some(r) => r,
                None if a.is_empty() => (0.0, 1.0),
                None => {
                    let lo = a.iter().copied().fold(f64::INFINITY, f64::min);
                    let hi = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    if a.iter().any(|v| v.is_nan()) || !(lo.is_finite() && hi.is_finite()) {
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
            let edges = crate::astype(&Array::from_vec(e, [nb + 1], dev)?, et)?;
            let e = host_f64(&edges)?;
            let mut n = vec![0.0f64; nb];
            let denom = hi - lo;
            for (i, &v) in a.iter().enumerate() {
                if !(v >= lo && v <= hi) {
                    continue;
                }
                // NumPy: a guess from the uniform spacing, corrected against the edges
                let mut k = (((v - lo) / denom) * nb as f64) as usize;
                if k >= nb {
                    k = nb - 1;
                }
                if v < e[k] {
                    k -= 1;
                } else if v >= e[k + 1] && k != nb - 1 {
                    k += 1;
                }
                n[k] += w.as_ref().map_or(1.0, |w| w[i]);
            }
            (n, edges)
        }
        Bins::Edges(edges) => {
            real_only(edges, OP)?;
            if edges.ndim() != 1 || edges.shape()[0] < 2 {
                return Err(Error::invalid(OP, "bin edges must be a 1-d array of >= 2"));
            }
            let e = host_f64(edges)?;
            if e.windows(2)
                .any(|p| p[0] > p[1] || p[0].is_nan() || p[1].is_nan())
            {
                return Err(Error::invalid(OP, "bins must increase monotonically"));
            }
            let nb = e.len() - 1;
            let (lo, hi) = (e[0], e[nb]);
            let mut n = vec![0.0f64; nb];
            // NumPy counts with searches in the sorted data (left at each edge, right at the
            // last) and, with weights, differences of their cumulative sum in the weights'
            // dtype: the same as binning each value with ties going right, last bin closed
            let f32_weights = weights.is_some_and(|w| w.dtype == DType::Float32);
            if let Some(w) = &w {
                let mut idx: Vec<usize> = (0..a.len()).collect();
                idx.sort_by(|&i, &j| {
                    if nan_last_lt(a[i], a[j]) {
                        std::cmp::Ordering::Less
                    } else if nan_last_lt(a[j], a[i]) {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                });
                let mut cw = Vec::with_capacity(a.len() + 1);
                let mut s = 0.0f64;
                cw.push(0.0);
                for &i in &idx {
                    s += w[i];
                    if f32_weights {
                        s = s as f32 as f64;
                    }
                    cw.push(s);
                }
                let sa: Vec<f64> = idx.iter().map(|&i| a[i]).collect();
                let pos = |edge: f64, right: bool| {
                    sa.partition_point(|&v| if right { v <= edge } else { v < edge })
                };
                let mut cum: Vec<f64> = e[..nb].iter().map(|&b| cw[pos(b, false)]).collect();
                cum.push(cw[pos(hi, true)]);
                for k in 0..nb {
                    n[k] = cum[k + 1] - cum[k];
                    if f32_weights {
                        n[k] = n[k] as f32 as f64;
                    }
                }
            } else {
                for &v in &a {
                    if !(v >= lo && v <= hi) {
                        continue;
                    }
                    // the last edge <= v, the closed last bin taking v == hi
                    let k = e.partition_point(|&b| b <= v).saturating_sub(1).min(nb - 1);
                    n[k] += 1.0;
                }
            }
            (n, edges.clone())
        }
    };
    let nb = counts.len();
    if density {
        let e = host_f64(&edges)?;
        let total: f64 = counts.iter().sum();
        // NumPy: the widths in the edges' dtype, then float64
        let f32_edges = edges.dtype == DType::Float32;
        let d: Vec<f64> = counts
            .iter()
            .enumerate()
            .map(|(k, &c)| {
                let width = e[k + 1] - e[k];
                let width = if f32_edges {
                    width as f32 as f64
                } else {
                    width
                };
                c / width / total
            })
            .collect();
        return Ok((Array::from_vec(d, [nb], dev)?, edges));
    }
    let n = Array::from_vec(counts, [nb], dev)?;
    Ok((crate::astype(&n, ntype)?, edges))
}

/// The number of occurrences of each value `0..=max(x)` in the 1-d non-negative integer
/// array `x`, at least `minlength` of them (NumPy's `bincount`): `int64`, or with
/// `weights` (same shape) the `float64` sums of the weights of each value, accumulated in
/// the order of `x` as NumPy's (an empty `x` gives `int64` zeros, as NumPy's).
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
    let v = crate::astype(x, DType::Int64)?.to_vec::<i64>()?;
    if let Some(bad) = v.iter().find(|&&i| i < 0) {
        return Err(Error::invalid(
            OP,
            format!("x must be non-negative, found {bad}"),
        ));
    }
    let len = v
        .iter()
        .map(|&i| i as usize + 1)
        .max()
        .unwrap_or(0)
        .max(minlength);
    let dev = &x.backend;
    match weights {
        None => {
            let mut n = try_zeros::<i64>(len, OP)?;
            for &i in &v {
                n[i as usize] += 1;
            }
            Array::from_vec(n, [len], dev)
        }
        // NumPy's quirk: no values give int64 zeros even with weights
        Some(_) if v.is_empty() => Array::from_vec(try_zeros::<i64>(len, OP)?, [len], dev),
        Some(w) => {
            real_only(w, OP)?;
            if w.shape() != x.shape() {
                return Err(Error::ShapeMismatch {
                    op: OP,
                    shapes: vec![x.shape().to_vec(), w.shape().to_vec()],
                    reason: "weights must have the shape of x".into(),
                });
            }
            let wv = host_f64(w)?;
            let mut n = try_zeros::<f64>(len, OP)?;
            for (&i, &wi) in v.iter().zip(&wv) {
                n[i as usize] += wi;
            }
            Array::from_vec(n, [len], dev)
        }
    }
}

/// `len` zeros, allocated fallibly: the length comes from the data (`max(x) + 1`), so a
/// huge value gives an error rather than aborting the process.
fn try_zeros<T: Clone + Default>(len: usize, op: &'static str) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| {
        Error::invalid(
            op,
            format!("cannot allocate an output of {len} bins (from max(x) + 1 or minlength)"),
        )
    })?;
    v.resize(len, T::default());
    Ok(v)
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
