//! Building a case's workload on xp: the inputs, the output when the case writes into one,
//! and a closure that runs the op once.
//!
//! Elementwise cases need the backend's elementwise kernels (`ElementwiseOps`). Which
//! backends have them is decided at compile time by "autoref specialisation" in
//! [`prepare`]: for a backend with the kernels the real workload is built; for one without,
//! the case is reported as an error (and shown as "n/a" in the table) rather than failing
//! the whole build. The harness thus compiles before and after a backend's kernels land and
//! switches to timing them by itself.

// `xp::s!` builds a `Vec` of indices, which clippy would rather see as an array.
#![allow(clippy::useless_vec)]

use crate::backend::BenchDevice;
use crate::cases::{
    gather_indices, input_bool, input_f64, input_i64, Case, Kind, LinalgOp, StatOp,
};
use crate::cases_stats::input_i64_few;
use xp::prelude::*;
use xp::s;
use xp::{BinaryOp, UnaryOp};

/// A prepared workload: each call runs the case's op once (inputs and any output are
/// owned by the closure). An `Err` carries the error message (xp's or a panic's).
pub type Job = Box<dyn FnMut() -> Result<(), String>>;

/// Builds the workload of `case` on `device`: [`prepare`] for the CPU; on a WebGPU device
/// the elementwise and statistics workloads, each call ending with a device synchronisation
/// (see [`crate::backend`]). `Err` with a message when xp cannot run the case there.
pub fn prepare_on(case: &Case, device: &BenchDevice) -> Result<Job, String> {
    match device {
        BenchDevice::Cpu => prepare(case),
        #[cfg(feature = "wgpu")]
        BenchDevice::Wgpu(w) => {
            let mut j = if let Kind::Stats(op) = case.kind {
                stats_job(case, op, w)
            } else if is_elementwise(case.kind) {
                ew_job_with(case, w)
            } else {
                return Err("not run on wgpu (elementwise and stats cases only)".into());
            }
            .map_err(|e| e.to_string())?;
            let w = w.clone();
            Ok(Box::new(move || {
                j()?;
                w.synchronize().map_err(|e| e.to_string())
            }))
        }
    }
}

/// Builds the workload of `case` on the CPU backend. `Err` with a message when xp cannot
/// run the case (missing kernels, unsupported dtype, ...).
pub fn prepare(case: &Case) -> Result<Job, String> {
    let dev = Cpu;
    if let Some(job) = crate::cases_fft::fft_job(case) {
        return job;
    }
    if let Kind::Linalg(op) = case.kind {
        linalg_job(op, case, &dev).map_err(|e| e.to_string())
    } else if let Kind::Stats(op) = case.kind {
        stats_job(case, op, &dev).map_err(|e| e.to_string())
    } else if is_elementwise(case.kind) {
        ew_job_with(case, &dev).map_err(|e| e.to_string())
    } else {
        foundation_job(case, &dev).map_err(|e| e.to_string())
    }
}

fn is_elementwise(k: Kind) -> bool {
    matches!(
        k,
        Kind::Unary(_)
            | Kind::Binary(_)
            | Kind::Broadcast(_)
            | Kind::Strided(_)
            | Kind::Where
            | Kind::Clip
    )
}

/// The float input `seed` of `shape` in `dtype` (float32 inputs are the float64 values
/// rounded, as NumPy's `astype`).
fn float_input<B: Backend>(
    shape: &[usize],
    dtype: DType,
    seed: usize,
    dev: &B,
) -> Result<Array<B>> {
    let n = shape.iter().product();
    let v = input_f64(n, seed);
    match dtype {
        DType::Float32 => Array::from_vec(v.into_iter().map(|x| x as f32).collect(), shape, dev),
        DType::Float64 => Array::from_vec(v, shape, dev),
        DType::Int64 => Array::from_vec(input_i64(n), shape, dev),
        other => xp::astype(&Array::from_vec(v, shape, dev)?, other),
    }
}

/// Wraps a closure returning an xp result into a [`Job`].
fn job<F: FnMut() -> Result<()> + 'static>(mut f: F) -> Job {
    Box::new(move || f().map_err(|e| e.to_string()))
}

/// A job that makes a new array each call (dropped after the call).
fn alloc_job<B: Backend, F: FnMut() -> Result<Array<B>> + 'static>(mut f: F) -> Job {
    job(move || f().map(|a| drop(std::hint::black_box(a))))
}

fn foundation_job(case: &Case, dev: &Cpu) -> Result<Job> {
    let shape = case.shape.clone();
    let n: usize = shape.iter().product();
    let d = case.dtype;
    Ok(match case.kind {
        Kind::Copy => {
            let x = float_input(&[n + 1], d, 0, dev)?.get(&s![1..])?;
            alloc_job(move || x.copy())
        }
        Kind::CopyInto => {
            let x = float_input(&shape, d, 0, dev)?;
            let mut out = xp::zeros(&shape, d, dev)?;
            job(move || out.set(&s![..], &x))
        }
        Kind::StridedCopy => {
            let x = float_input(&shape, d, 0, dev)?.get(&s![..;2])?;
            alloc_job(move || x.copy())
        }
        Kind::TransposeCopy => {
            let x = float_input(&shape, d, 0, dev)?.T()?;
            alloc_job(move || x.copy())
        }
        Kind::Astype(to) => {
            let x = float_input(&shape, d, 0, dev)?;
            alloc_job(move || xp::astype(&x, to))
        }
        Kind::Gather => {
            let x = float_input(&shape, d, 0, dev)?;
            let idx = Array::from_vec(gather_indices(n), [n], dev)?;
            alloc_job(move || xp::take(&x, &idx, Some(0)))
        }
        Kind::Full => {
            let dev = *dev;
            alloc_job(move || xp::full(&shape, 1.5, Some(d), &dev))
        }
        Kind::Arange => {
            let dev = *dev;
            alloc_job(move || xp::arange(0.0, n as f64, 1.0, Some(d), &dev))
        }
        _ => unreachable!("elementwise cases are prepared by ew_job_with"),
    })
}

/// The statistics, sorting and set workloads.
fn stats_job<B: xp::StatsBackend>(case: &Case, op: StatOp, dev: &B) -> Result<Job> {
    let shape = case.shape.clone();
    let x = match op {
        StatOp::Unique => Array::from_vec(input_i64_few(shape.iter().product()), &shape, dev)?,
        _ => float_input(&shape, case.dtype, 0, dev)?,
    };
    Ok(match op {
        StatOp::Sum => alloc_job(move || xp::sum(&x, None, false, None)),
        StatOp::Mean => alloc_job(move || xp::mean(&x, None, false)),
        StatOp::SumAxis0 => alloc_job(move || xp::sum(&x, Some(&[0]), false, None)),
        StatOp::SumAxis1 => alloc_job(move || xp::sum(&x, Some(&[1]), false, None)),
        StatOp::Argmax => alloc_job(move || xp::argmax(&x, None, false)),
        StatOp::Cumsum => alloc_job(move || xp::cumulative_sum(&x, Some(0), None, false)),
        StatOp::Sort => alloc_job(move || xp::sort(&x, -1, false, false)),
        StatOp::Argsort => alloc_job(move || xp::argsort(&x, -1, false, false)),
        StatOp::Unique => alloc_job(move || xp::unique_values(&x)),
        StatOp::Median => alloc_job(move || xp::median(&x, None, false)),
        StatOp::Quantile => {
            alloc_job(move || xp::quantile_scalar(&x, 0.3, None, xp::QuantileMethod::Linear, false))
        }
    })
}

/// The elementwise workloads, for a backend with elementwise kernels.
fn ew_job_with<B: xp::Backend>(case: &Case, dev: &B) -> Result<Job> {
    let shape = case.shape.clone();
    let d = case.dtype;
    let into = case.into;
    // Each arm builds its inputs and returns the op as a closure; `out` is preallocated for
    // the `*_into` forms.
    let j: Job = match case.kind {
        Kind::Unary(op) => {
            let x = float_input(&shape, d, 0, dev)?;
            if into {
                let mut out = xp::empty(&shape, op.dtypes(d)?.1, dev)?;
                job(move || xp::unary_into(op, &x, &mut out))
            } else {
                alloc_job(move || unary_new(op, &x))
            }
        }
        Kind::Binary(op) | Kind::Broadcast(op) | Kind::Strided(op) => {
            let (x, y) = match case.kind {
                Kind::Broadcast(_) => (
                    float_input(&shape, d, 0, dev)?,
                    float_input(&shape[1..], d, 1, dev)?,
                ),
                Kind::Strided(_) => (
                    float_input(&shape, d, 0, dev)?.get(&s![..;2])?,
                    float_input(&shape, d, 1, dev)?.get(&s![..;2])?,
                ),
                _ => (
                    float_input(&shape, d, 0, dev)?,
                    float_input(&shape, d, 1, dev)?,
                ),
            };
            if into {
                let mut out = xp::empty(x.shape(), op.dtypes(d)?.1, dev)?;
                job(move || xp::binary_into(op, &x, &y, &mut out))
            } else {
                alloc_job(move || binary_new(op, &x, &y))
            }
        }
        Kind::Where => {
            let n = shape.iter().product();
            let c = Array::from_vec(input_bool(n), &shape, dev)?;
            let x = float_input(&shape, d, 0, dev)?;
            let y = float_input(&shape, d, 1, dev)?;
            alloc_job(move || xp::where_(&c, &x, &y))
        }
        Kind::Clip => {
            let x = float_input(&shape, d, 0, dev)?;
            alloc_job(move || xp::clip(&x, Some(0.75.into()), Some(1.5.into())))
        }
        _ => unreachable!("foundation cases are prepared by foundation_job"),
    };
    Ok(j)
}

/// `x` made well-posed for `op` (see `cases_linalg`'s docs): `X + 2n I` for solve and
/// inv, `(X + X^T)/2 + 2n I` for cholesky, `(X + X^T)/2` for eigh and eigvalsh, `X`
/// otherwise.
fn well_posed(op: LinalgOp, x: Array<Cpu>) -> Result<Array<Cpu>> {
    let n = x.shape()[x.ndim() - 1];
    let shift = || -> Result<Array<Cpu>> {
        let eye = xp::eye(n, None, 0, x.dtype(), &Cpu)?;
        xp::multiply(&eye, &xp::full([1], 2.0 * n as f64, Some(x.dtype()), &Cpu)?)
    };
    let sym = || -> Result<Array<Cpu>> {
        let s = xp::add(&x, &xp::matrix_transpose(&x)?)?;
        xp::multiply(&s, &xp::full([1], 0.5, Some(x.dtype()), &Cpu)?)
    };
    match op {
        LinalgOp::Solve | LinalgOp::Inv => xp::add(&x, &shift()?),
        LinalgOp::Cholesky => xp::add(&sym()?, &shift()?),
        LinalgOp::Eigh | LinalgOp::Eigvalsh => sym(),
        _ => Ok(x),
    }
}

/// The linear-algebra workloads.
fn linalg_job(op: LinalgOp, case: &Case, dev: &Cpu) -> Result<Job> {
    let shape = case.shape.clone();
    let d = case.dtype;
    let x = well_posed(op, float_input(&shape, d, 0, dev)?)?;
    let y = float_input(&shape, d, 1, dev)?;
    Ok(match op {
        LinalgOp::Matmul => alloc_job(move || xp::matmul(&x, &y)),
        LinalgOp::Solve => {
            let b = float_input(&[shape[0], 1], d, 1, dev)?;
            alloc_job(move || xp::linalg::solve(&x, &b))
        }
        LinalgOp::Inv => alloc_job(move || xp::linalg::inv(&x)),
        LinalgOp::Cholesky => alloc_job(move || xp::linalg::cholesky(&x, false)),
        LinalgOp::Qr => job(move || xp::linalg::qr(&x, xp::linalg::QrMode::Reduced).map(drop)),
        LinalgOp::Svd => job(move || xp::linalg::svd(&x, false).map(drop)),
        LinalgOp::Eigh => job(move || xp::linalg::eigh(&x).map(drop)),
        LinalgOp::Eigvalsh => alloc_job(move || xp::linalg::eigvalsh(&x)),
        LinalgOp::EinsumMatmul => alloc_job(move || xp::einsum("ij,jk->ik", &[&x, &y])),
        LinalgOp::EinsumBatched => alloc_job(move || xp::einsum("bij,bkj->bik", &[&x, &y])),
    })
}

/// The allocating form of a unary op (the named functions, e.g. `xp::exp(&x)`).
fn unary_new<B: xp::Backend>(op: UnaryOp, x: &Array<B>) -> Result<Array<B>> {
    match op {
        UnaryOp::Exp => xp::exp(x),
        UnaryOp::Sin => xp::sin(x),
        UnaryOp::Log => xp::log(x),
        UnaryOp::Tanh => xp::tanh(x),
        other => Err(xp::Error::invalid(
            "bench",
            format!("no allocating form wired for {}", other.name()),
        )),
    }
}

/// The allocating form of a binary op (the named functions, e.g. `xp::add(&x, &y)`).
fn binary_new<B: xp::Backend>(op: BinaryOp, x: &Array<B>, y: &Array<B>) -> Result<Array<B>> {
    match op {
        BinaryOp::Add => xp::add(x, y),
        BinaryOp::Multiply => xp::multiply(x, y),
        BinaryOp::Pow => xp::pow(x, y),
        BinaryOp::Hypot => xp::hypot(x, y),
        BinaryOp::Atan2 => xp::atan2(x, y),
        other => Err(xp::Error::invalid(
            "bench",
            format!("no allocating form wired for {}", other.name()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{all, Family};

    /// Every foundation case prepares and runs once on a small instance of its shape.
    #[test]
    fn foundation_cases_run() {
        for mut c in all().into_iter().filter(|c| c.family == Family::Copy) {
            c.shape = c.shape.iter().map(|&s| s.min(64)).collect();
            let mut j = prepare(&c).unwrap_or_else(|e| panic!("{}: {e}", c.name));
            j().unwrap_or_else(|e| panic!("{}: {e}", c.name));
        }
    }

    /// Every linalg case prepares and runs once on a small instance of its shape.
    #[test]
    fn linalg_cases_run() {
        for mut c in all().into_iter().filter(|c| c.family == Family::Linalg) {
            c.shape = c.shape.iter().map(|&s| s.min(16)).collect();
            let mut j = prepare(&c).unwrap_or_else(|e| panic!("{}: {e}", c.name));
            j().unwrap_or_else(|e| panic!("{}: {e}", c.name));
        }
    }

    /// Every stats case prepares and runs once on a small instance of its shape.
    #[test]
    fn stats_cases_run() {
        for mut c in all().into_iter().filter(|c| c.family == Family::Stats) {
            c.shape = c.shape.iter().map(|&s| s.min(64)).collect();
            let mut j = prepare(&c).unwrap_or_else(|e| panic!("{}: {e}", c.name));
            j().unwrap_or_else(|e| panic!("{}: {e}", c.name));
        }
    }

    /// Every elementwise case prepares and runs once on a small instance of its shape.
    #[test]
    fn elementwise_cases_run() {
        for mut c in all()
            .into_iter()
            .filter(|c| c.family == Family::Elementwise)
        {
            c.shape = c.shape.iter().map(|&s| s.min(64)).collect();
            let mut j = prepare(&c).unwrap_or_else(|e| panic!("{}: {e}", c.name));
            j().unwrap_or_else(|e| panic!("{}: {e}", c.name));
        }
    }
}
