//! Properties of the statistical, utility, searching, sorting and set functions, against
//! the reference backend on generated inputs (every dtype, 0-d and empty arrays, NaN/inf,
//! ties, strided and broadcast views, axis tuples, keepdims).
//!
//! Results must be exact except for float and complex sums (and the functions built on
//! them: `sum`, `mean`, `var`, `std`), where the backend may reassociate: each output
//! element `g` must satisfy `|g - w| <= tol · S` against the reference's compensated `w`,
//! where `S` is the reference's sum of the magnitudes of the summed terms and `tol` is
//! `1e-5` for float32 / complex64 and `1e-12` for float64 / complex128 (an output whose
//! `S` overflows is not compared: the order of an overflowing sum decides its value).

use super::check::{agree, note_valid};
use super::Ctx;
use crate::strategies::{dtype_in, test_array_in, TestArray};
use crate::{both, Reference};
use array_api::{
    self as xp, with_host, Array, DType, Element as _, HostData, Scalar, Side, StatsBackend,
};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestCaseResult};

/// Axes for an array of `ndim` dimensions: `None`, a (possibly negative, shuffled) subset,
/// or rarely a bad list (out of range or repeated).
fn axes(ndim: usize) -> BoxedStrategy<Option<Vec<isize>>> {
    let n = ndim as isize;
    let subset = proptest::sample::subsequence((0..ndim).collect::<Vec<_>>(), 0..=ndim)
        .prop_flat_map(move |s| {
            let v: Vec<BoxedStrategy<isize>> = s
                .into_iter()
                .map(|a| prop_oneof![Just(a as isize), Just(a as isize - n)].boxed())
                .collect();
            v.prop_shuffle()
        });
    prop_oneof![
        3 => Just(None),
        6 => subset.prop_map(Some),
        1 => prop_oneof![Just(Some(vec![n])), Just(Some(vec![0, 0]))],
    ]
    .boxed()
}

/// One axis: `None` sometimes, in range mostly, out of range rarely.
fn one_axis(ndim: usize) -> BoxedStrategy<Option<isize>> {
    let n = ndim as isize;
    if n == 0 {
        return prop_oneof![Just(None), Just(Some(0))].boxed();
    }
    prop_oneof![2 => Just(None), 8 => (-n..n).prop_map(Some), 1 => Just(Some(n))].boxed()
}

fn comps(h: &HostData) -> Vec<(f64, f64)> {
    with_host!(h, v, _T => v.iter().map(|x| match x.to_scalar() {
        Scalar::Complex(c) => (c.re, c.im),
        Scalar::Float(f) => (f, 0.0),
        Scalar::Int(i) => (i as f64, 0.0),
        Scalar::Bool(b) => (b as u8 as f64, 0.0),
    }).collect())
}

fn close_comp(g: f64, w: f64, s: f64, tol: f64) -> bool {
    if s.is_nan() {
        // a NaN among the summed terms (or an empty mean): NaN whatever the order
        return (g.is_nan() && w.is_nan()) || g == w;
    }
    if s.is_infinite() {
        // an infinity among the terms, or an overflowing sum: the order decides
        return true;
    }
    if g.is_nan() || w.is_nan() {
        return g.is_nan() && w.is_nan();
    }
    if g.is_infinite() || w.is_infinite() {
        return g == w;
    }
    (g - w).abs() <= tol * s + f64::MIN_POSITIVE
}

/// Compares a float result with the reference's within `tol · scale` (see the module docs).
fn approx<B: StatsBackend>(
    got: xp::Result<Array<B>>,
    want: xp::Result<Array<Reference>>,
    scale: xp::Result<Array<Reference>>,
    supported: &[DType],
) -> TestCaseResult {
    let (g, w) = match (got, want) {
        (Ok(g), Ok(w)) => (g, w),
        (g, w) => return agree(g, w, supported),
    };
    note_valid();
    let fail = |m: String| Err(TestCaseError::fail(m));
    if g.shape() != w.shape() || g.dtype() != w.dtype() {
        return fail(format!(
            "shape {:?} dtype {}, expected {:?} {}",
            g.shape(),
            g.dtype(),
            w.shape(),
            w.dtype()
        ));
    }
    if !w.dtype().is_floating() {
        return agree(Ok(g), Ok(w), supported);
    }
    let tol = if matches!(w.dtype(), DType::Float32 | DType::Complex64) {
        1e-5
    } else {
        1e-12
    };
    let gh = g
        .to_host()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let wh = w
        .to_host()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let sh = scale
        .and_then(|s| xp::broadcast_to(&s, w.shape())?.to_host())
        .map_err(|e| TestCaseError::fail(format!("scale: {e}")))?;
    let (gc, wc, sc) = (comps(&gh), comps(&wh), comps(&sh));
    for (i, ((g, w), s)) in gc.iter().zip(&wc).zip(&sc).enumerate() {
        let s = if s.0.is_nan() {
            s.0
        } else {
            s.0.max(w.0.abs()).max(w.1.abs())
        };
        if !close_comp(g.0, w.0, s, tol) || !close_comp(g.1, w.1, s, tol) {
            return fail(format!(
                "element {i}: {g:?}, the reference gives {w:?} (scale {s})"
            ));
        }
    }
    Ok(())
}

fn reference_scale(
    x: &TestArray,
    axis: Option<&[isize]>,
    keepdims: bool,
    squares: bool,
) -> xp::Result<Array<Reference>> {
    let r = x.materialise(&Reference)?;
    let d = if r.dtype().is_floating() {
        r.dtype()
    } else {
        DType::Float64
    };
    let a = xp::abs(&xp::astype(&r, d)?)?;
    let a = xp::astype(&a, DType::Float64)?;
    let t = if squares { xp::multiply(&a, &a)? } else { a };
    xp::sum(&t, axis, keepdims, None)
}

/// Runs the stats-family properties.
pub fn run<B: StatsBackend>(ctx: &mut Ctx<'_, B>) {
    let dev = ctx.device;
    let all = ctx.supported.clone();
    if all.is_empty() {
        return;
    }
    let sup = all.clone();
    let red = || {
        test_array_in(&all, true).prop_flat_map(|x| {
            let n = x.shape.len();
            (Just(x), axes(n), any::<bool>())
        })
    };
    ctx.property("sum", red(), |(x, ax, k)| {
        let got = x
            .materialise(dev)
            .and_then(|a| xp::sum(&a, ax.as_deref(), k, None));
        let want = x
            .materialise(&Reference)
            .and_then(|a| xp::sum(&a, ax.as_deref(), k, None));
        approx(
            got,
            want,
            reference_scale(&x, ax.as_deref(), k, false),
            &sup,
        )
    });
    ctx.property("mean", red(), |(x, ax, k)| {
        let got = x
            .materialise(dev)
            .and_then(|a| xp::mean(&a, ax.as_deref(), k));
        let want = x
            .materialise(&Reference)
            .and_then(|a| xp::mean(&a, ax.as_deref(), k));
        let scale = reference_scale(&x, ax.as_deref(), k, false).and_then(|s| {
            let n = xp::sum(
                &xp::ones_like(&x.materialise(&Reference)?, Some(DType::Float64))?,
                ax.as_deref(),
                k,
                None,
            )?;
            xp::divide(&s, &n)
        });
        approx(got, want, scale, &sup)
    });
    for (name, sd) in [("var", false), ("std", true)] {
        let st = red().prop_flat_map(|(x, ax, k)| (Just(x), Just(ax), Just(k), 0u8..3));
        ctx.property(name, st, |(x, ax, k, c)| {
            let run_dev = x.materialise(dev).and_then(|a| {
                if sd {
                    xp::std(&a, ax.as_deref(), c as f64, k)
                } else {
                    xp::var(&a, ax.as_deref(), c as f64, k)
                }
            });
            let run_ref = x.materialise(&Reference).and_then(|a| {
                if sd {
                    xp::std(&a, ax.as_deref(), c as f64, k)
                } else {
                    xp::var(&a, ax.as_deref(), c as f64, k)
                }
            });
            // compare variances (squares of std) against the mean square magnitude
            let (got, want) = if sd {
                (
                    run_dev.and_then(|a| xp::multiply(&a, &a)),
                    run_ref.and_then(|a| xp::multiply(&a, &a)),
                )
            } else {
                (run_dev, run_ref)
            };
            let scale = reference_scale(&x, ax.as_deref(), k, true).and_then(|s| {
                let n = xp::sum(
                    &xp::ones_like(&x.materialise(&Reference)?, Some(DType::Float64))?,
                    ax.as_deref(),
                    k,
                    None,
                )?;
                xp::multiply(
                    &xp::divide(&s, &xp::maximum(&xp::subtract(&n, c as f64)?, 1.0)?)?,
                    8.0,
                )
            });
            approx(got, want, scale, &sup)
        });
    }
    ctx.property("prod", red(), |(x, ax, k)| {
        both!(dev, |d| xp::prod(
            &x.materialise(d)?,
            ax.as_deref(),
            k,
            None
        ))
    });
    let with_dtype = red().prop_flat_map(move |(x, ax, k)| {
        (
            Just(x),
            Just(ax),
            Just(k),
            proptest::option::of(dtype_in(&[
                DType::Int8,
                DType::UInt32,
                DType::Int64,
                DType::Float64,
            ])),
        )
    });
    ctx.property("prod (dtype)", with_dtype, |(x, ax, k, d)| {
        both!(dev, |dv| xp::prod(&x.materialise(dv)?, ax.as_deref(), k, d))
    });
    ctx.property("min", red(), |(x, ax, k)| {
        both!(dev, |d| xp::min(&x.materialise(d)?, ax.as_deref(), k))
    });
    ctx.property("max", red(), |(x, ax, k)| {
        both!(dev, |d| xp::max(&x.materialise(d)?, ax.as_deref(), k))
    });
    ctx.property("all", red(), |(x, ax, k)| {
        both!(dev, |d| xp::all(&x.materialise(d)?, ax.as_deref(), k))
    });
    ctx.property("any", red(), |(x, ax, k)| {
        both!(dev, |d| xp::any(&x.materialise(d)?, ax.as_deref(), k))
    });
    ctx.property("count_nonzero", red(), |(x, ax, k)| {
        both!(dev, |d| xp::count_nonzero(
            &x.materialise(d)?,
            ax.as_deref(),
            k
        ))
    });
    let one = || {
        test_array_in(&all, true).prop_flat_map(|x| {
            let n = x.shape.len();
            (Just(x), one_axis(n), any::<bool>())
        })
    };
    ctx.property("argmax", one(), |(x, ax, k)| {
        both!(dev, |d| xp::argmax(&x.materialise(d)?, ax, k))
    });
    ctx.property("argmin", one(), |(x, ax, k)| {
        both!(dev, |d| xp::argmin(&x.materialise(d)?, ax, k))
    });
    for (name, prod) in [("cumulative_sum", false), ("cumulative_prod", true)] {
        ctx.property(name, one(), move |(x, ax, init)| {
            if prod || !x.dtype().is_floating() {
                both!(dev, |d| {
                    let a = x.materialise(d)?;
                    if prod {
                        xp::cumulative_prod(&a, ax, None, init)
                    } else {
                        xp::cumulative_sum(&a, ax, None, init)
                    }
                })
            } else {
                // sequential float scans are exact too (both fold in order)
                both!(dev, |d| xp::cumulative_sum(
                    &x.materialise(d)?,
                    ax,
                    None,
                    init
                ))
            }
        });
    }
    let diffs = test_array_in(&all, true).prop_flat_map(|x| {
        let n = x.shape.len() as isize;
        (Just(x), -n.max(1)..n.max(1), 0usize..3, any::<bool>())
    });
    ctx.property("diff", diffs, |(x, ax, n, pre)| {
        both!(dev, |d| {
            let a = x.materialise(d)?;
            let p = if pre && a.ndim() > 0 {
                Some(xp::zeros([], a.dtype(), d)?)
            } else {
                None
            };
            xp::diff(&a, ax, n, p.as_ref(), p.as_ref())
        })
    });
    let sorts = test_array_in(&all, true).prop_flat_map(|x| {
        let n = x.shape.len() as isize;
        (Just(x), -n.max(1)..n.max(1), any::<bool>())
    });
    ctx.property("sort", sorts.clone(), |(x, ax, desc)| {
        both!(dev, |d| xp::sort(&x.materialise(d)?, ax, desc, true))
    });
    ctx.property("argsort", sorts, |(x, ax, desc)| {
        both!(dev, |d| xp::argsort(&x.materialise(d)?, ax, desc, true))
    });
    let ss = (
        test_array_in(&all, false),
        test_array_in(&all, true),
        any::<bool>(),
    );
    ctx.property("searchsorted", ss, |(a, v, right)| {
        let side = if right { Side::Right } else { Side::Left };
        both!(dev, |d| {
            let a = xp::reshape(&a.materialise(d)?, [-1], None)?;
            let a = if a.dtype().is_complex() {
                a
            } else {
                xp::sort(&a, 0, false, true)?
            };
            xp::searchsorted(&a, &v.materialise(d)?, side, None)
        })
    });
    ctx.property("unique_values", test_array_in(&all, true), |x| {
        both!(dev, |d| xp::unique_values(&x.materialise(d)?))
    });
    ctx.property("unique_counts", test_array_in(&all, true), |x| {
        both!(dev, |d| {
            let u = xp::unique_counts(&x.materialise(d)?)?;
            Ok(vec![u.values, u.counts])
        })
    });
    ctx.property("unique_inverse", test_array_in(&all, true), |x| {
        both!(dev, |d| {
            let u = xp::unique_inverse(&x.materialise(d)?)?;
            Ok(vec![u.values, u.inverse_indices])
        })
    });
    ctx.property("unique_all", test_array_in(&all, true), |x| {
        both!(dev, |d| {
            let u = xp::unique_all(&x.materialise(d)?)?;
            Ok(vec![u.values, u.indices, u.inverse_indices, u.counts])
        })
    });
    let pair = (
        test_array_in(&all, true),
        test_array_in(&all, true),
        any::<bool>(),
    );
    ctx.property("isin", pair, |(a, b, inv)| {
        both!(dev, |d| xp::isin(
            &a.materialise(d)?,
            &b.materialise(d)?,
            inv
        ))
    });
    // ties and all-equal inputs with NaNs, sorted, uniqued and arg-reduced
    let ties = proptest::collection::vec(
        prop_oneof![
            Just(1.0f64),
            Just(-0.0),
            Just(0.0),
            Just(f64::NAN),
            Just(2.0)
        ],
        0..40,
    );
    ctx.property("sort (ties)", ties, |v| {
        both!(dev, |d| {
            let a = Array::from_vec(v.clone(), [v.len()], d)?;
            let mut out = vec![
                xp::argsort(&a, 0, false, true)?,
                xp::argsort(&a, 0, true, true)?,
                xp::sort(&a, 0, false, true)?,
            ];
            let u = xp::unique_all(&a)?;
            out.extend([u.values, u.indices, u.inverse_indices, u.counts]);
            if !v.is_empty() {
                out.push(xp::argmax(&a, None, false)?);
                out.push(xp::argmin(&a, None, false)?);
            }
            Ok(out)
        })
    });
    extras(ctx);
    large(ctx);
    for name in [
        "sum",
        "mean",
        "var",
        "std",
        "prod",
        "min",
        "max",
        "all",
        "any",
        "count_nonzero",
        "argmax",
        "argmin",
        "cumulative_sum",
        "cumulative_prod",
        "diff",
        "sort",
        "argsort",
        "searchsorted",
        "unique_values",
        "unique_counts",
        "unique_inverse",
        "unique_all",
        "isin",
    ] {
        ctx.note_unsupported(name);
    }
}

/// The NumPy extras (front-end compositions over the kernels) against the same
/// compositions on the reference, exactly: they sort, select, compare and gather, so no
/// reassociation is involved.
fn extras<B: StatsBackend>(ctx: &mut Ctx<'_, B>) {
    let dev = ctx.device;
    let all = ctx.supported.clone();
    let red = || {
        test_array_in(&all, true).prop_flat_map(|x| {
            let n = x.shape.len();
            (Just(x), axes(n), any::<bool>())
        })
    };
    ctx.property("ptp", red(), |(x, ax, k)| {
        both!(dev, |d| xp::ptp(&x.materialise(d)?, ax.as_deref(), k))
    });
    ctx.property("nanmin", red(), |(x, ax, k)| {
        both!(dev, |d| xp::nanmin(&x.materialise(d)?, ax.as_deref(), k))
    });
    ctx.property("nanmax", red(), |(x, ax, k)| {
        both!(dev, |d| xp::nanmax(&x.materialise(d)?, ax.as_deref(), k))
    });
    ctx.property("median", red(), |(x, ax, k)| {
        both!(dev, |d| xp::median(&x.materialise(d)?, ax.as_deref(), k))
    });
    let q = red().prop_flat_map(|(x, ax, k)| {
        (
            Just(x),
            Just(ax),
            Just(k),
            0usize..13,
            proptest::collection::vec(0.0f64..=1.0, 1..4),
        )
    });
    const METHODS: [&str; 13] = [
        "inverted_cdf",
        "averaged_inverted_cdf",
        "closest_observation",
        "interpolated_inverted_cdf",
        "hazen",
        "weibull",
        "linear",
        "median_unbiased",
        "normal_unbiased",
        "lower",
        "higher",
        "nearest",
        "midpoint",
    ];
    ctx.property("quantile", q, |(x, ax, k, m, qs)| {
        let m = xp::QuantileMethod::from_name(METHODS[m]).expect("method");
        both!(dev, |d| xp::quantile(
            &x.materialise(d)?,
            &qs,
            ax.as_deref(),
            m,
            k
        ))
    });
    let one = || {
        test_array_in(&all, true).prop_flat_map(|x| {
            let n = x.shape.len();
            (Just(x), one_axis(n), any::<bool>())
        })
    };
    ctx.property("nanargmax", one(), |(x, ax, k)| {
        both!(dev, |d| xp::nanargmax(&x.materialise(d)?, ax, k))
    });
    ctx.property("nanargmin", one(), |(x, ax, k)| {
        both!(dev, |d| xp::nanargmin(&x.materialise(d)?, ax, k))
    });
    ctx.property("argwhere", test_array_in(&all, true), |x| {
        both!(dev, |d| xp::argwhere(&x.materialise(d)?))
    });
    ctx.property("flatnonzero", test_array_in(&all, true), |x| {
        both!(dev, |d| xp::flatnonzero(&x.materialise(d)?))
    });
    // narrow dtypes only: the result's length is the largest value + 1
    let narrow: Vec<DType> = all
        .iter()
        .copied()
        .filter(|d| matches!(d, DType::Bool | DType::Int8 | DType::UInt8 | DType::Int16))
        .collect();
    ctx.property("bincount", test_array_in(&narrow, true), |x| {
        both!(dev, |d| {
            let a = xp::reshape(&x.materialise(d)?, [-1], None)?;
            xp::bincount(&a, None, 3)
        })
    });
    let hist = (test_array_in(&all, true), 1usize..6, any::<bool>());
    ctx.property("histogram", hist, |(x, bins, density)| {
        both!(dev, |d| {
            let (n, e) = xp::histogram(
                &x.materialise(d)?,
                xp::Bins::Count(bins),
                Some((-2.0, 3.0)),
                density,
                None,
            )?;
            Ok(vec![n, e])
        })
    });
}

/// A reproducible pseudo-random sequence in `[-1, 1)` (an LCG).
fn lcg(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        })
        .collect()
}

/// Arrays of 2^20 + 3 elements, so that the parallel and pairwise paths run: the kernels
/// against the reference; and the float32 sum's accuracy against an exact reference.
fn large<B: StatsBackend>(ctx: &mut Ctx<'_, B>) {
    const N: usize = (1 << 20) + 3;
    let dev = ctx.device;
    let v = lcg(N, 7);
    let f64s: Vec<f64> = v.iter().map(|x| x * 1e3 + 0.25).collect();
    let f32s: Vec<f32> = f64s.iter().map(|&x| x as f32).collect();
    let ints: Vec<i64> = v.iter().map(|x| ((x + 1.0) * 500.0) as i64).collect();
    // sorts, median and uniques against host computations (the reference's insertion sort
    // is quadratic); arg-reductions and integer scans against the reference
    let e = |e: xp::Error| e.to_string();
    let exact = |name: &str| -> Result<(), String> {
        let a = Array::from_vec(f64s.clone(), [N], dev).map_err(e)?;
        let ai = Array::from_vec(ints.clone(), [N], dev).map_err(e)?;
        let mut sorted = f64s.clone();
        sorted.sort_by(|x, y| x.total_cmp(y));
        let eq = |ok: bool| {
            if ok {
                Ok(())
            } else {
                Err(format!("{name} differs"))
            }
        };
        match name {
            "sort" => eq(xp::sort(&a, 0, false, true)
                .and_then(|s| s.to_vec::<f64>())
                .map_err(e)?
                == sorted),
            "argsort" => {
                let mut idx: Vec<i64> = (0..N as i64).collect();
                idx.sort_by(|&i, &j| f64s[j as usize].total_cmp(&f64s[i as usize]));
                eq(xp::argsort(&a, 0, true, true)
                    .and_then(|s| s.to_vec::<i64>())
                    .map_err(e)?
                    == idx)
            }
            "median" => {
                let m = sorted[N / 2];
                eq(xp::median(&a, None, false)
                    .and_then(|s| s.to_scalar::<f64>())
                    .map_err(e)?
                    == m)
            }
            "partition" => {
                // a valid partition at k (the order of the sides is free)
                let k = N / 3;
                let p = xp::partition(&a, k as isize, 0)
                    .and_then(|s| s.to_vec::<f64>())
                    .map_err(e)?;
                let mut perm = p.clone();
                perm.sort_by(|x, y| x.total_cmp(y));
                eq(p[k] == sorted[k]
                    && p[..k].iter().all(|&v| v <= p[k])
                    && p[k + 1..].iter().all(|&v| v >= p[k])
                    && perm == sorted)
            }
            "unique_counts" => {
                let mut c = std::collections::BTreeMap::new();
                for &v in &ints {
                    *c.entry(v).or_insert(0i64) += 1;
                }
                let u = xp::unique_counts(&ai).map_err(e)?;
                eq(
                    u.values.to_vec::<i64>().map_err(e)? == c.keys().copied().collect::<Vec<_>>()
                        && u.counts.to_vec::<i64>().map_err(e)?
                            == c.values().copied().collect::<Vec<_>>(),
                )
            }
            "argmax" => {
                let r = Array::from_vec(f64s.clone(), [N], &Reference).map_err(e)?;
                agree(
                    xp::argmax(&a, None, false),
                    xp::argmax(&r, None, false),
                    &[DType::Int64],
                )
                .map_err(|m| m.to_string())
            }
            _ => {
                let r = Array::from_vec(ints.clone(), [N], &Reference).map_err(e)?;
                agree(
                    xp::cumulative_sum(&ai, None, None, false),
                    xp::cumulative_sum(&r, None, None, false),
                    &[DType::Int64],
                )
                .map_err(|m| m.to_string())
            }
        }
    };
    for name in [
        "sort",
        "argsort",
        "argmax",
        "median",
        "partition",
        "cumulative_sum",
        "unique_counts",
    ] {
        let r = exact(name);
        ctx.fixed(&format!("{name} (large)"), N, r);
    }
    // float64 sums (full, axis 0, axis 1 of a 1024 x 1024 + 3 view) within the pairwise bound
    // (64 + log2 n) eps sum|x| of the reference's compensated sum
    let sums = || -> Result<(), String> {
        let a = Array::from_vec(f64s.clone(), [N], dev).map_err(e)?;
        let r = Array::from_vec(f64s.clone(), [N], &Reference).map_err(e)?;
        let m = Array::from_vec(f64s[..1 << 20].to_vec(), [1024, 1024], dev).map_err(e)?;
        let mr = Array::from_vec(f64s[..1 << 20].to_vec(), [1024, 1024], &Reference).map_err(e)?;
        let tol = (64.0 + (N as f64).log2()) * f64::EPSILON;
        let check = |g: Array<B>, w: Array<Reference>, s: Array<Reference>| -> Result<(), String> {
            let (g, w, s) = (
                g.to_vec::<f64>().map_err(e)?,
                w.to_vec::<f64>().map_err(e)?,
                s.to_vec::<f64>().map_err(e)?,
            );
            for ((g, w), s) in g.iter().zip(&w).zip(&s) {
                if (g - w).abs() > tol * s {
                    return Err(format!("{g} vs the reference's {w}: beyond {tol} * {s}"));
                }
            }
            Ok(())
        };
        let abs_r = xp::abs(&r).map_err(e)?;
        check(
            xp::sum(&a, None, false, None).map_err(e)?,
            xp::sum(&r, None, false, None).map_err(e)?,
            xp::sum(&abs_r, None, false, None).map_err(e)?,
        )?;
        let abs_m = xp::abs(&mr).map_err(e)?;
        for ax in [0isize, 1] {
            check(
                xp::sum(&m, Some(&[ax]), false, None).map_err(e)?,
                xp::sum(&mr, Some(&[ax]), false, None).map_err(e)?,
                xp::sum(&abs_m, Some(&[ax]), false, None).map_err(e)?,
            )?;
        }
        Ok(())
    };
    ctx.fixed("sum (large, float64)", N, sums());
    // float32: accumulated in float64 and rounded once, so
    // |sum - exact| <= eps32 / 2 · |exact| + (64 + log2 n) · eps64 · Σ|x_i|,
    // where exact is the f64 compensated (Neumaier) sum of the float32 values (NumPy's
    // float32 pairwise sum only guarantees about log2(n / 8) · eps32 · Σ|x_i|)
    let f32_sum = || -> Result<(), String> {
        let a = Array::from_vec(f32s.clone(), [N], dev).map_err(|e| e.to_string())?;
        let g = xp::sum(&a, None, false, None)
            .and_then(|s| s.to_scalar::<f32>())
            .map_err(|e| e.to_string())? as f64;
        let (mut s, mut c, mut abs) = (0.0f64, 0.0f64, 0.0f64);
        for &x in &f32s {
            let x = x as f64;
            let t = s + x;
            c += if s.abs() >= x.abs() {
                (s - t) + x
            } else {
                (x - t) + s
            };
            s = t;
            abs += x.abs();
        }
        let exact = s + c;
        let bound = f32::EPSILON as f64 / 2.0 * exact.abs()
            + (64.0 + (N as f64).log2()) * f64::EPSILON * abs;
        if (g - exact).abs() <= bound {
            Ok(())
        } else {
            Err(format!(
                "float32 sum {g}, exact {exact}: error {} beyond {bound}",
                (g - exact).abs()
            ))
        }
    };
    ctx.fixed("sum (float32 accuracy)", N, f32_sum());
}
