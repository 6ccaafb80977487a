//! `quantile`, `percentile` and `median` with NumPy's 13 methods, composed from the
//! backend's selection kernel (`SortOps::partition`) along the reduced axes, gathers of the
//! two neighbouring order statistics and NumPy's interpolation formula. A NaN in a slice
//! makes its result NaN (as NumPy's).

use crate::backend_stats::StatsBackend;
use crate::statistics::{cast_to, mean_dtype, reduce_axes};
use crate::{Array, DType, Error, Result, Scalar};

/// A quantile method (NumPy's `method=` names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum QuantileMethod {
    /// `inverted_cdf` (H&F 1).
    InvertedCdf,
    /// `averaged_inverted_cdf` (H&F 2).
    AveragedInvertedCdf,
    /// `closest_observation` (H&F 3).
    ClosestObservation,
    /// `interpolated_inverted_cdf` (H&F 4).
    InterpolatedInvertedCdf,
    /// `hazen` (H&F 5).
    Hazen,
    /// `weibull` (H&F 6).
    Weibull,
    /// `linear` (H&F 7), NumPy's default.
    #[default]
    Linear,
    /// `median_unbiased` (H&F 8).
    MedianUnbiased,
    /// `normal_unbiased` (H&F 9).
    NormalUnbiased,
    /// `lower`: the order statistic below.
    Lower,
    /// `higher`: the order statistic above.
    Higher,
    /// `nearest`: the nearest order statistic (halves to even).
    Nearest,
    /// `midpoint`: the mean of the two around.
    Midpoint,
}

impl QuantileMethod {
    /// The method of NumPy's `name`.
    pub fn from_name(name: &str) -> Option<QuantileMethod> {
        use QuantileMethod::*;
        Some(match name {
            "inverted_cdf" => InvertedCdf,
            "averaged_inverted_cdf" => AveragedInvertedCdf,
            "closest_observation" => ClosestObservation,
            "interpolated_inverted_cdf" => InterpolatedInvertedCdf,
            "hazen" => Hazen,
            "weibull" => Weibull,
            "linear" => Linear,
            "median_unbiased" => MedianUnbiased,
            "normal_unbiased" => NormalUnbiased,
            "lower" => Lower,
            "higher" => Higher,
            "nearest" => Nearest,
            "midpoint" => Midpoint,
            _ => return None,
        })
    }

    /// `(lower index, upper index, gamma)` for quantile `q` of `n` sorted values, as
    /// NumPy's `_quantile` computes them.
    fn indices(self, n: usize, q: f64) -> (usize, usize, f64) {
        use QuantileMethod::*;
        let nf = n as f64;
        let last = n - 1;
        let clamp = |i: f64| -> usize { i.max(0.0).min(last as f64) as usize };
        let discrete = |v: f64, take_prev: &dyn Fn(f64, f64) -> bool| -> (usize, usize, f64) {
            let prev = v.floor();
            let g = v - prev;
            let i = if take_prev(g, v) { prev } else { prev + 1.0 };
            let i = clamp(i);
            (i, i, 0.0)
        };
        let continuous = |alpha: f64, beta: f64| -> (usize, usize, f64) {
            let v = nf * q + (alpha + q * (1.0 - alpha - beta)) - 1.0;
            interp(v, last)
        };
        match self {
            InvertedCdf => discrete(nf * q - 1.0, &|g, _| g == 0.0),
            // H&F: the nearest even order statistic (1-based) at g = 0: odd 0-based
            ClosestObservation => discrete(nf * q - 1.0 - 0.5, &|g, v| {
                g == 0.0 && v.floor().rem_euclid(2.0) == 1.0
            }),
            AveragedInvertedCdf => {
                let v = nf * q - 1.0;
                let (lo, hi, g) = interp(v, last);
                let g = if g == 0.0 { 0.5 } else { 1.0 };
                if v < 0.0 || v >= last as f64 {
                    (lo, hi, 0.0)
                } else {
                    (lo, hi, g)
                }
            }
            InterpolatedInvertedCdf => continuous(0.0, 1.0),
            Hazen => continuous(0.5, 0.5),
            Weibull => continuous(0.0, 0.0),
            // NumPy's (n - 1) q, which rounds differently from the general formula
            Linear => interp((nf - 1.0) * q, last),
            MedianUnbiased => continuous(1.0 / 3.0, 1.0 / 3.0),
            NormalUnbiased => continuous(3.0 / 8.0, 3.0 / 8.0),
            Lower => {
                let i = clamp((last as f64 * q).floor());
                (i, i, 0.0)
            }
            Higher => {
                let i = clamp((last as f64 * q).ceil());
                (i, i, 0.0)
            }
            Nearest => {
                let i = clamp((last as f64 * q).round_ties_even());
                (i, i, 0.0)
            }
            Midpoint => {
                let v = last as f64 * q;
                let (lo, hi) = (clamp(v.floor()), clamp(v.ceil()));
                (lo, hi, if lo == hi { 0.0 } else { 0.5 })
            }
        }
    }
}

/// NumPy's `_get_indexes` + gamma for a continuous virtual index `v`.
fn interp(v: f64, last: usize) -> (usize, usize, f64) {
    if v.is_nan() || v >= last as f64 {
        return (last, last, 0.0);
    }
    if v < 0.0 {
        return (0, 0, 0.0);
    }
    let prev = v.floor();
    (prev as usize, prev as usize + 1, v - prev)
}

/// The result dtype, as NumPy's: the input's for the methods that pick an order statistic
/// (`inverted_cdf`, `closest_observation`, `lower`, `higher`, `nearest`); otherwise a
/// float: the input's float dtype (integers: `float64`) for a scalar `q` (NumPy's weak
/// Python float) and `median`, `float64` for a list of `q` (NumPy's float64 array `q`
/// promotes `float32` input).
fn quantile_dtype(x: DType, method: QuantileMethod, weak_q: bool) -> DType {
    use QuantileMethod::*;
    let picks = matches!(
        method,
        InvertedCdf | ClosestObservation | Lower | Higher | Nearest
    );
    if picks && (x.is_integer() || x.is_floating()) {
        x
    } else if weak_q {
        mean_dtype(x)
    } else {
        DType::Float64
    }
}

/// The result shape: the kept axes (with keepdims: ones at the reduced axes).
fn out_shape<B: StatsBackend>(
    x: &Array<B>,
    axes: &[usize],
    kept_shape: &[usize],
    keepdims: bool,
) -> Vec<isize> {
    if keepdims {
        (0..x.ndim())
            .map(|a| {
                if axes.contains(&a) {
                    1
                } else {
                    x.shape()[a] as isize
                }
            })
            .collect()
    } else {
        kept_shape.iter().map(|&v| v as isize).collect()
    }
}

/// The `q`-th quantiles (each in `[0, 1]`) of `x` over `axis` (`None`: all axes): shape
/// `(q.len(), *reduced)`, or the reduced shape when `q_scalar`; dtype as
/// [`quantile_dtype`]. `median` averages the two middle values as NumPy's `median` does
/// (`(a + b) / 2` rather than the interpolation formula).
#[allow(clippy::too_many_arguments)]
fn quantile_impl<B: StatsBackend>(
    x: &Array<B>,
    q: &[f64],
    q_scalar: bool,
    axis: Option<&[isize]>,
    method: QuantileMethod,
    keepdims: bool,
    median: bool,
    op: &'static str,
) -> Result<Array<B>> {
    if x.dtype.is_complex() || !(x.dtype.is_numeric() || x.dtype.is_bool()) {
        return Err(Error::InvalidDType {
            op,
            dtype: x.dtype,
            expected: "a real-valued dtype",
        });
    }
    if let Some(bad) = q.iter().find(|v| !(0.0..=1.0).contains(*v)) {
        return Err(Error::invalid(
            op,
            format!("quantiles must be in [0, 1], got {bad}"),
        ));
    }
    let axes = reduce_axes(x.ndim(), axis, op)?;
    let d = quantile_dtype(x.dtype, method, q_scalar || median);
    let xc = cast_to(x, d)?;
    // move the reduced axes last and merge them
    let kept: Vec<usize> = (0..x.ndim()).filter(|a| !axes.contains(a)).collect();
    let perm: Vec<isize> = kept.iter().chain(&axes).map(|&a| a as isize).collect();
    let moved = crate::permute_dims(&xc, &perm)?;
    let kept_shape: Vec<usize> = kept.iter().map(|&a| x.shape()[a]).collect();
    let n: usize = axes.iter().map(|&a| x.shape()[a]).product();
    if n == 0 && median && d.is_floating() {
        // NumPy's median of an empty slice is NaN (with a warning)
        let shape: Vec<usize> = out_shape(x, &axes, &kept_shape, keepdims)
            .into_iter()
            .map(|v| v as usize)
            .collect();
        return crate::full(shape, Scalar::Float(f64::NAN), Some(d), &x.backend);
    }
    if n == 0 {
        return Err(Error::invalid(
            op,
            "cannot take a quantile of an empty slice",
        ));
    }
    let mut flat_shape: Vec<isize> = kept_shape.iter().map(|&v| v as isize).collect();
    flat_shape.push(n as isize);
    let lanes = crate::reshape(&moved, &flat_shape, None)?;
    // the order statistics needed (and the last one, for the NaN test), by selection
    let last_ax = kept_shape.len() as isize;
    let mut kth = vec![n - 1];
    for &qv in q {
        let (lo, hi, _) = method.indices(n, qv);
        kth.extend([lo, hi]);
    }
    let sorted = crate::sorting::partition_at(&lanes, kept_shape.len(), &kth, op)?;
    let pick = |i: usize| -> Result<Array<B>> {
        let idx = crate::full([1], i as i64, None, &x.backend)?;
        crate::take(&sorted, &idx, Some(last_ax))
    };
    let has_nan = if d.is_floating() {
        Some(crate::isnan(&pick(n - 1)?)?)
    } else {
        None
    };
    let mut outs = Vec::with_capacity(q.len());
    for &qv in q {
        let (lo, hi, g) = method.indices(n, qv);
        let a = pick(lo)?;
        let r = if lo == hi || g == 0.0 {
            a
        } else {
            let b = pick(hi)?;
            if median {
                crate::divide(&crate::add(&a, &b)?, Scalar::Float(2.0))?
            } else {
                // NumPy's _lerp: a + (b - a) t, or b - (b - a)(1 - t) when t >= 0.5
                let diff = crate::subtract(&b, &a)?;
                if g >= 0.5 {
                    crate::subtract(&b, &crate::multiply(&diff, Scalar::Float(1.0 - g))?)?
                } else {
                    crate::add(&a, &crate::multiply(&diff, Scalar::Float(g))?)?
                }
            }
        };
        let r = match &has_nan {
            Some(m) => crate::where_(m, Scalar::Float(f64::NAN), &r)?,
            None => r,
        };
        let shape = out_shape(x, &axes, &kept_shape, keepdims);
        outs.push(crate::reshape(&r, &shape, None)?);
    }
    if q_scalar {
        return Ok(outs.remove(0));
    }
    crate::stack(&outs.iter().collect::<Vec<_>>(), 0)
}

/// The `q`-th quantiles of `x` over `axis` with NumPy's `method` (default
/// [`QuantileMethod::Linear`]). `q` is a list of values in `[0, 1]`; the result has shape
/// `(len(q), *reduced_shape)`. Use [`quantile_scalar`] for a single `q`. A NaN in a slice
/// gives NaN. The dtype is NumPy's: the input's for the methods that pick an order
/// statistic (`InvertedCdf`, `ClosestObservation`, `Lower`, `Higher`, `Nearest`), else
/// `float64` (the list `q` is a float64 array in NumPy: `float32` input is promoted).
///
/// ```
/// use xp::prelude::*;
/// use xp::QuantileMethod;
/// let x = xp::asarray([[1.0, 2.0, 3.0, 4.0]], None, &Cpu)?;
/// let q = xp::quantile(&x, &[0.5, 0.25], Some(&[1]), QuantileMethod::Linear, false)?;
/// assert_eq!(q.shape(), &[2, 1]);
/// assert_eq!(q.to_vec::<f64>()?, vec![2.5, 1.75]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn quantile<B: StatsBackend>(
    x: &Array<B>,
    q: &[f64],
    axis: Option<&[isize]>,
    method: QuantileMethod,
    keepdims: bool,
) -> Result<Array<B>> {
    quantile_impl(x, q, false, axis, method, keepdims, false, "quantile")
}

/// The `q`-th quantile (a single value in `[0, 1]`) of `x` over `axis`; see [`quantile`].
/// As for NumPy's Python-float `q`, interpolating methods keep a `float32` input's dtype
/// (integers give `float64`).
///
/// ```
/// use xp::prelude::*;
/// use xp::QuantileMethod;
/// let x = xp::asarray([3, 1, 2, 4], None, &Cpu)?;
/// let q = xp::quantile_scalar(&x, 0.5, None, QuantileMethod::Lower, false)?;
/// assert_eq!(q.to_scalar::<f64>()?, 2.0);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn quantile_scalar<B: StatsBackend>(
    x: &Array<B>,
    q: f64,
    axis: Option<&[isize]>,
    method: QuantileMethod,
    keepdims: bool,
) -> Result<Array<B>> {
    quantile_impl(x, &[q], true, axis, method, keepdims, false, "quantile")
}

/// [`quantile`] with `q` in percent (`[0, 100]`).
///
/// ```
/// use xp::prelude::*;
/// use xp::QuantileMethod;
/// let x = xp::asarray([1.0, 2.0, 3.0, 4.0, 5.0], None, &Cpu)?;
/// let p = xp::percentile(&x, &[50.0, 100.0], None, QuantileMethod::Linear, false)?;
/// assert_eq!(p.to_vec::<f64>()?, vec![3.0, 5.0]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn percentile<B: StatsBackend>(
    x: &Array<B>,
    q: &[f64],
    axis: Option<&[isize]>,
    method: QuantileMethod,
    keepdims: bool,
) -> Result<Array<B>> {
    let q: Vec<f64> = q.iter().map(|v| v / 100.0).collect();
    quantile_impl(x, &q, false, axis, method, keepdims, false, "percentile")
}

/// The median over `axis` (NumPy's `median`: the linear 0.5-quantile; NaN in a slice gives
/// NaN).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::asarray([[3.0, 1.0, 2.0], [4.0, 8.0, 6.0]], None, &Cpu)?;
/// assert_eq!(xp::median(&x, Some(&[1]), false)?.to_vec::<f64>()?, vec![2.0, 6.0]);
/// assert_eq!(xp::median(&x, None, false)?.to_scalar::<f64>()?, 3.5);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn median<B: StatsBackend>(
    x: &Array<B>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<B>> {
    quantile_impl(
        x,
        &[0.5],
        true,
        axis,
        QuantileMethod::Linear,
        keepdims,
        true,
        "median",
    )
}
