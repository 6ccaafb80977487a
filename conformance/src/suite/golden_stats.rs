//! The statistics golden corpus (`golden/manifest_stats.json`, `golden/stats.npz`, made by
//! `stats_golden.py`): statistical, searching, sorting, set and utility functions and the
//! NumPy extras, run on a [`StatsBackend`] and compared with NumPy's outputs (exactly, or
//! within the case's `ulp`).

use super::golden::{run_manifest, Executed, GoldenCase, Members, Produced};
use super::golden_ops::{
    input, inputs, p_bool, p_dtype, p_isize, p_opt_isize, p_opt_isizes, p_usize, param, to_scalar,
    Harness,
};
use super::Ctx;
use array_api::{self as xp, Array, Bins, QuantileMethod, Result, Side, StatsBackend};

const MANIFEST: &str = include_str!("../../golden/manifest_stats.json");

/// Runs every statistics golden case on the device; results are reported as
/// `numpy: <function>`.
pub fn run<B: StatsBackend>(ctx: &mut Ctx<'_, B>) {
    run_manifest(ctx, MANIFEST, "manifest_stats.json", execute);
}

macro_rules! get {
    ($e:expr) => {
        match $e? {
            Ok(v) => v,
            Err(e) => return Ok(Err(e)),
        }
    };
}

fn done(r: Result<Array<impl StatsBackend>>) -> Result<Produced> {
    r.and_then(Produced::arrays)
}

fn optional<B: StatsBackend>(
    case: &GoldenCase,
    members: &Members,
    role: &str,
    device: &B,
) -> Harness<Result<Option<Array<B>>>> {
    if case.inputs[role].is_null() {
        return Ok(Ok(None));
    }
    Ok(input(case, members, role, device)?.map(Some))
}

fn method(case: &GoldenCase) -> Harness<QuantileMethod> {
    let m = param(case, "method").as_str().ok_or("no method")?;
    QuantileMethod::from_name(m).ok_or_else(|| format!("unknown method {m}"))
}

fn floats(case: &GoldenCase, key: &str) -> Harness<Vec<f64>> {
    param(case, key)
        .as_array()
        .ok_or_else(|| format!("{key} is not a list"))?
        .iter()
        .map(|v| v.as_f64().ok_or_else(|| format!("bad {key}")))
        .collect()
}

fn side(case: &GoldenCase) -> Side {
    if param(case, "side").as_str() == Some("right") {
        Side::Right
    } else {
        Side::Left
    }
}

fn correction(case: &GoldenCase) -> Harness<f64> {
    param(case, "correction")
        .as_f64()
        .ok_or_else(|| "no correction".to_string())
}

/// Runs `case` on `device`.
pub fn execute<B: StatsBackend>(device: &B, case: &GoldenCase, members: &Members) -> Executed {
    let x = || input(case, members, "x", device);
    let ax = || p_opt_isizes(case, "axis");
    let keep = || p_bool(case, "keepdims");
    let f = case.function.as_str();
    let out = match f {
        "sum" => done(xp::sum(
            &get!(x()),
            ax()?.as_deref(),
            keep()?,
            p_dtype(case, "dtype")?,
        )),
        "prod" => done(xp::prod(
            &get!(x()),
            ax()?.as_deref(),
            keep()?,
            p_dtype(case, "dtype")?,
        )),
        "nansum" => done(xp::nansum(&get!(x()), ax()?.as_deref(), keep()?, None)),
        "nanprod" => done(xp::nanprod(&get!(x()), ax()?.as_deref(), keep()?, None)),
        "min" => done(xp::min(&get!(x()), ax()?.as_deref(), keep()?)),
        "max" => done(xp::max(&get!(x()), ax()?.as_deref(), keep()?)),
        "ptp" => done(xp::ptp(&get!(x()), ax()?.as_deref(), keep()?)),
        "mean" => done(xp::mean(&get!(x()), ax()?.as_deref(), keep()?)),
        "nanmean" => done(xp::nanmean(&get!(x()), ax()?.as_deref(), keep()?)),
        "nanmin" => done(xp::nanmin(&get!(x()), ax()?.as_deref(), keep()?)),
        "nanmax" => done(xp::nanmax(&get!(x()), ax()?.as_deref(), keep()?)),
        "median" => done(xp::median(
            &get!(x()),
            ax()?.as_deref(),
            p_bool(case, "keepdims").unwrap_or(false),
        )),
        "all" => done(xp::all(&get!(x()), ax()?.as_deref(), keep()?)),
        "any" => done(xp::any(&get!(x()), ax()?.as_deref(), keep()?)),
        "count_nonzero" => done(xp::count_nonzero(&get!(x()), ax()?.as_deref(), keep()?)),
        "var" | "std" | "nanvar" | "nanstd" => {
            let fun = match f {
                "var" => xp::var::<B>,
                "std" => xp::std::<B>,
                "nanvar" => xp::nanvar::<B>,
                _ => xp::nanstd::<B>,
            };
            done(fun(
                &get!(x()),
                ax()?.as_deref(),
                correction(case)?,
                keep()?,
            ))
        }
        "argmax" | "argmin" | "nanargmax" | "nanargmin" => {
            let fun = match f {
                "argmax" => xp::argmax::<B>,
                "argmin" => xp::argmin::<B>,
                "nanargmax" => xp::nanargmax::<B>,
                _ => xp::nanargmin::<B>,
            };
            done(fun(&get!(x()), p_opt_isize(case, "axis")?, keep()?))
        }
        "searchsorted" => {
            let x1 = get!(input(case, members, "x1", device));
            let sorter = get!(optional(case, members, "sorter", device));
            if param(case, "scalar").is_null() {
                let x2 = get!(input(case, members, "x2", device));
                done(xp::searchsorted(&x1, &x2, side(case), sorter.as_ref()))
            } else {
                let s = to_scalar(param(case, "scalar"))?;
                done(xp::searchsorted(&x1, s, side(case), sorter.as_ref()))
            }
        }
        "argwhere" => done(xp::argwhere(&get!(x()))),
        "flatnonzero" => done(xp::flatnonzero(&get!(x()))),
        "sort" => done(xp::sort(
            &get!(x()),
            p_isize(case, "axis")?,
            p_bool(case, "descending")?,
            true,
        )),
        "argsort" => done(xp::argsort(
            &get!(x()),
            p_isize(case, "axis")?,
            p_bool(case, "descending")?,
            true,
        )),
        "lexsort" => {
            let k = get!(inputs(case, members, "keys", device));
            done(xp::lexsort(&k.iter().collect::<Vec<_>>()))
        }
        "unique_values" => done(xp::unique_values(&get!(x()))),
        "unique_counts" => {
            xp::unique_counts(&get!(x())).and_then(|u| Produced::arrays(vec![u.values, u.counts]))
        }
        "unique_inverse" => xp::unique_inverse(&get!(x()))
            .and_then(|u| Produced::arrays(vec![u.values, u.inverse_indices])),
        "unique_all" => xp::unique_all(&get!(x()))
            .and_then(|u| Produced::arrays(vec![u.values, u.indices, u.inverse_indices, u.counts])),
        "isin" => {
            let x1 = get!(input(case, members, "x1", device));
            let x2 = get!(input(case, members, "x2", device));
            done(xp::isin(&x1, &x2, p_bool(case, "invert")?))
        }
        "cumulative_sum" | "cumulative_prod" => {
            let fun = if f == "cumulative_sum" {
                xp::cumulative_sum::<B>
            } else {
                xp::cumulative_prod::<B>
            };
            done(fun(
                &get!(x()),
                p_opt_isize(case, "axis")?,
                p_dtype(case, "dtype")?,
                p_bool(case, "include_initial")?,
            ))
        }
        "cumsum" => done(xp::cumsum(&get!(x()), p_opt_isize(case, "axis")?, None)),
        "cumprod" => done(xp::cumprod(&get!(x()), p_opt_isize(case, "axis")?, None)),
        "diff" => {
            let pre = get!(optional(case, members, "prepend", device));
            let app = get!(optional(case, members, "append", device));
            done(xp::diff(
                &get!(x()),
                p_isize(case, "axis")?,
                p_usize(case, "n")?,
                pre.as_ref(),
                app.as_ref(),
            ))
        }
        "quantile" => done(xp::quantile(
            &get!(x()),
            &floats(case, "q")?,
            ax()?.as_deref(),
            method(case)?,
            keep()?,
        )),
        "quantile_scalar" => done(xp::quantile_scalar(
            &get!(x()),
            param(case, "q").as_f64().ok_or("bad q")?,
            ax()?.as_deref(),
            method(case)?,
            keep()?,
        )),
        "percentile" => done(xp::percentile(
            &get!(x()),
            &floats(case, "q")?,
            ax()?.as_deref(),
            method(case)?,
            keep()?,
        )),
        "average" => {
            let w = get!(optional(case, members, "weights", device));
            done(xp::average(
                &get!(x()),
                ax()?.as_deref(),
                w.as_ref(),
                keep()?,
            ))
        }
        "histogram" => {
            let e = get!(optional(case, members, "edges", device));
            let w = get!(optional(case, members, "weights", device));
            let bins = match &e {
                Some(e) => Bins::Edges(e),
                None => Bins::Count(p_usize(case, "bins")?),
            };
            let range = match param(case, "range").as_array() {
                Some(r) => Some((
                    r[0].as_f64().ok_or("bad range")?,
                    r[1].as_f64().ok_or("bad range")?,
                )),
                None => None,
            };
            xp::histogram(
                &get!(x()),
                bins,
                range,
                p_bool(case, "density")?,
                w.as_ref(),
            )
            .and_then(|(n, e)| Produced::arrays(vec![n, e]))
        }
        "bincount" => {
            let w = get!(optional(case, members, "weights", device));
            done(xp::bincount(
                &get!(x()),
                w.as_ref(),
                p_usize(case, "minlength")?,
            ))
        }
        "cov" => {
            let y = get!(optional(case, members, "y", device));
            done(xp::cov(
                &get!(x()),
                y.as_ref(),
                p_bool(case, "rowvar")?,
                p_bool(case, "bias")?,
                p_opt_isize(case, "ddof")?.map(|d| d as usize),
            ))
        }
        "corrcoef" => {
            let y = get!(optional(case, members, "y", device));
            done(xp::corrcoef(
                &get!(x()),
                y.as_ref(),
                p_bool(case, "rowvar")?,
            ))
        }
        f => return Err(format!("unknown statistics golden function {f}")),
    };
    Ok(out)
}
