//! The `scatter_add` kernel (`ScatterOps`, behind `bincount` and `histogram`) against the
//! reference, called directly: every index dtype (`int32`, `int64`) with counts, `float32`
//! and `float64` weights, on empty input, zero bins, out-of-range indices (skipped),
//! strided and reversed views, more than 2^20 entries, more bins than a GPU workgroup's
//! private histogram holds, and skewed input where every entry goes to one bin.
//!
//! The weights of the exact cases are multiples of 1/8 in `[-1, 1]`: every partial sum of
//! up to 2^20 of them is exact in `float32`, so whatever order a backend adds them in, the
//! sums must equal the reference's serial ones bit for bit (a lost atomic update shows).
//! One case with arbitrary weights checks the general bound instead: each bin's sum within
//! `(count - 1) · eps · Σ|w|` of the reference's (the error bound of any order of additions
//! is that for each, so twice it between two orders).

use super::Ctx;
use crate::Reference;
use array_api::{BackendCore, DType, HostData, Layout, ScatterOps, StatsBackend};

/// One case: `n` entries, `length` bins, indices from `gen(i)`, views with `stride`.
#[derive(Clone, Debug)]
struct Case {
    name: &'static str,
    n: usize,
    length: usize,
    /// `1`: contiguous; `2`: every other element of a buffer twice as long; `-1`: reversed.
    stride: isize,
    kind: Kind,
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    /// Pseudo-random indices in `-3 .. length + 3` (a few out of range).
    Spread,
    /// Every index is 3 (or `length - 1` if smaller).
    Skewed,
    /// Pseudo-random weights (not exact), compared with a bound.
    Rounded,
}

/// A reproducible sequence (an LCG), `x_i` in `0 .. 2^31`.
fn lcg(n: usize, seed: u64) -> Vec<u64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s >> 33
        })
        .collect()
}

/// The indices and weights of a case (host values, in the case's order).
fn data(c: &Case) -> (Vec<i64>, Vec<f64>) {
    let r = lcg(c.n, 0x5eed + c.n as u64);
    let span = c.length as u64 + 6;
    let idx = r
        .iter()
        .map(|&x| match c.kind {
            Kind::Skewed => 3.min(c.length as i64 - 1),
            _ => (x % span) as i64 - 3,
        })
        .collect();
    let w = r
        .iter()
        .map(|&x| match c.kind {
            Kind::Rounded => (x as f64 / (1u64 << 31) as f64 - 0.3) * 1e3,
            _ => ((x >> 7) % 17) as f64 / 8.0 - 1.0,
        })
        .collect();
    (idx, w)
}

/// Uploads `v` as the view of `n` elements with `stride` (`1`, `2` or `-1`).
fn put<B: BackendCore>(
    dev: &B,
    v: HostData,
    stride: isize,
) -> Result<(B::Storage, Layout), String> {
    let n = v.len();
    let e = |e: array_api::Error| e.to_string();
    macro_rules! spread {
        ($vec:expr, $zero:expr) => {{
            let mut s = Vec::with_capacity(2 * n);
            for x in $vec {
                s.push(x);
                s.push($zero);
            }
            s
        }};
    }
    match stride {
        2 => {
            let h: HostData = match v {
                HostData::Int32(v) => HostData::Int32(spread!(v, -7)),
                HostData::Int64(v) => HostData::Int64(spread!(v, -7)),
                HostData::Float32(v) => HostData::Float32(spread!(v, f32::NAN)),
                HostData::Float64(v) => HostData::Float64(spread!(v, f64::NAN)),
                other => other,
            };
            Ok((
                dev.from_host(h).map_err(e)?,
                Layout::new(vec![n], vec![2], 0),
            ))
        }
        -1 => {
            let h: HostData = match v {
                HostData::Int32(v) => HostData::Int32(v.into_iter().rev().collect()),
                HostData::Int64(v) => HostData::Int64(v.into_iter().rev().collect()),
                HostData::Float32(v) => HostData::Float32(v.into_iter().rev().collect()),
                HostData::Float64(v) => HostData::Float64(v.into_iter().rev().collect()),
                other => other,
            };
            let off = n.saturating_sub(1);
            Ok((
                dev.from_host(h).map_err(e)?,
                Layout::new(vec![n], vec![-1], off),
            ))
        }
        _ => Ok((dev.from_host(v).map_err(e)?, Layout::contiguous(&[n]))),
    }
}

/// Runs the kernel on `dev` and returns the bins as host data.
fn run_on<B: ScatterOps>(
    dev: &B,
    c: &Case,
    index_dtype: DType,
    weight_dtype: Option<DType>,
) -> Result<HostData, String> {
    let e = |e: array_api::Error| e.to_string();
    let (idx, w) = data(c);
    let idx = match index_dtype {
        DType::Int32 => HostData::Int32(idx.iter().map(|&i| i as i32).collect()),
        _ => HostData::Int64(idx),
    };
    let (is, il) = put(dev, idx, c.stride)?;
    let weights = match weight_dtype {
        Some(DType::Float32) => Some(put(
            dev,
            HostData::Float32(w.iter().map(|&x| x as f32).collect()),
            c.stride,
        )?),
        Some(_) => Some(put(dev, HostData::Float64(w), c.stride)?),
        None => None,
    };
    let dtype = weight_dtype.unwrap_or(DType::Int64);
    let out = dev
        .scatter_add(
            &is,
            &il,
            index_dtype,
            weights.as_ref().map(|(s, l)| (s, l)),
            dtype,
            c.length,
        )
        .map_err(e)?;
    dev.to_host(&out, &Layout::contiguous(&[c.length]), dtype)
        .map_err(e)
}

fn floats(h: &HostData) -> Vec<f64> {
    match h {
        HostData::Float32(v) => v.iter().map(|&x| x as f64).collect(),
        HostData::Float64(v) => v.clone(),
        HostData::Int64(v) => v.iter().map(|&x| x as f64).collect(),
        _ => Vec::new(),
    }
}

/// Compares a backend's bins with the reference's: exactly, or (`Kind::Rounded`) within
/// the bound of the module docs.
fn compare(c: &Case, dtype: DType, got: &HostData, want: &HostData) -> Result<(), String> {
    if got.dtype() != want.dtype() || got.len() != want.len() {
        return Err(format!(
            "got {} x {}, the reference {} x {}",
            got.dtype(),
            got.len(),
            want.dtype(),
            want.len()
        ));
    }
    if !matches!(c.kind, Kind::Rounded) || dtype == DType::Int64 {
        if got != want {
            let (g, w) = (floats(got), floats(want));
            let k = (0..g.len()).find(|&k| g[k].to_bits() != w[k].to_bits());
            return Err(format!(
                "bin {k:?} differs: {:?} vs the reference's {:?}",
                k.map(|k| g[k]),
                k.map(|k| w[k])
            ));
        }
        return Ok(());
    }
    let (idx, w) = data(c);
    let eps = if dtype == DType::Float32 {
        f32::EPSILON as f64
    } else {
        f64::EPSILON
    };
    let mut count = vec![0usize; c.length];
    let mut mag = vec![0f64; c.length];
    for (&i, &x) in idx.iter().zip(&w) {
        if i >= 0 && (i as usize) < c.length {
            count[i as usize] += 1;
            mag[i as usize] += x.abs();
        }
    }
    let (g, r) = (floats(got), floats(want));
    for k in 0..c.length {
        let tol = 2.0 * count[k].saturating_sub(1) as f64 * eps * mag[k];
        if (g[k] - r[k]).abs() > tol {
            return Err(format!(
                "bin {k}: {} vs the reference's {}, beyond {tol}",
                g[k], r[k]
            ));
        }
    }
    Ok(())
}

/// Runs every case on `ctx`'s device.
pub(super) fn run<B: StatsBackend>(ctx: &mut Ctx<'_, B>) {
    let big = (1 << 20) + 5;
    let cases = [
        Case {
            name: "empty",
            n: 0,
            length: 5,
            stride: 1,
            kind: Kind::Spread,
        },
        Case {
            name: "no bins",
            n: 100,
            length: 0,
            stride: 1,
            kind: Kind::Spread,
        },
        Case {
            name: "small",
            n: 1000,
            length: 37,
            stride: 1,
            kind: Kind::Spread,
        },
        Case {
            name: "strided",
            n: 5000,
            length: 11,
            stride: 2,
            kind: Kind::Spread,
        },
        Case {
            name: "reversed",
            n: 3000,
            length: 300,
            stride: -1,
            kind: Kind::Spread,
        },
        Case {
            name: "large",
            n: big,
            length: 50,
            stride: 1,
            kind: Kind::Spread,
        },
        Case {
            name: "many bins",
            n: 200_000,
            length: 10_000,
            stride: 1,
            kind: Kind::Spread,
        },
        Case {
            name: "more bins than entries",
            n: 1000,
            length: 100_000,
            stride: 1,
            kind: Kind::Spread,
        },
        Case {
            name: "skewed",
            n: big,
            length: 8,
            stride: 1,
            kind: Kind::Skewed,
        },
        Case {
            name: "skewed, many bins",
            n: 300_000,
            length: 9000,
            stride: 1,
            kind: Kind::Skewed,
        },
        Case {
            name: "rounded weights",
            n: 200_000,
            length: 20,
            stride: 1,
            kind: Kind::Rounded,
        },
    ];
    let dev = ctx.device;
    for c in &cases {
        for index_dtype in [DType::Int32, DType::Int64] {
            for weights in [None, Some(DType::Float32), Some(DType::Float64)] {
                let out = weights.unwrap_or(DType::Int64);
                if !ctx.supports(index_dtype) || !ctx.supports(out) {
                    continue;
                }
                let name = format!(
                    "scatter_add ({}, {index_dtype}, {})",
                    c.name,
                    weights.map_or("counts".to_string(), |w| format!("{w} weights"))
                );
                let outcome = run_on(dev, c, index_dtype, weights).and_then(|got| {
                    let want = run_on(&Reference, c, index_dtype, weights)?;
                    compare(c, out, &got, &want)
                });
                ctx.fixed(&name, c, outcome);
            }
        }
    }
}
