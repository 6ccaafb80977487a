//! The arg-reduction kernel (`argmax`, `argmin`): the first index of the extremum, or of
//! the first NaN (NumPy's rule).
//!
//! Contiguous lanes run blockwise ([`arg_contig`]): each block of [`BLOCK`] elements (in
//! L1) yields its extremum and whether it holds a NaN in one branch-free sweep of 8
//! independent accumulators (which the compiler vectorises); the first block strictly
//! better than the running best is remembered and rescanned at the end for the first
//! position of the extremum (`==`, so `-0.0` and `+0.0` tie as in NumPy). A block with a
//! NaN ends the search at its first NaN. Long lanes are split over rayon and the pieces'
//! results combined in order. The sweep is compiled per instruction set and dispatched at
//! run time (AVX-512 where available), like the elementwise kernels.

use super::{check_axes, split, typed, RealKey, PAR_WORK};
use crate::storage::CpuStorage;
use crate::strided::Plan;
use array_api::{ArgReduceOp, DType, Element, Layout, Result};
use rayon::prelude::*;

fn arg_typed<T: RealKey + Element>(
    x: &CpuStorage,
    layout: &Layout,
    axis: usize,
    max: bool,
) -> Result<CpuStorage> {
    let d = typed::<T>(x, layout, "arg_reduce")?;
    let n = layout.shape()[axis];
    let s = layout.strides()[axis];
    let sp = split(layout, &[axis]);
    let out_n: usize = sp.kept_shape.iter().product();
    let mut offs = Vec::with_capacity(out_n);
    Plan::new(&sp.kept_shape, [&sp.kept]).for_each_offset(|[o]| offs.push(o));
    let lane = |o: isize, lo: usize, hi: usize| -> (usize, T) {
        let mut bi = lo;
        let mut best = d[(o + lo as isize * s) as usize];
        if best.nan() {
            return (bi, best);
        }
        if s == 1 {
            let sl = &d[o as usize + lo..o as usize + hi];
            let (i, v) = if max {
                arg_contig(sl, |a, b| a > b)
            } else {
                arg_contig(sl, |a, b| a < b)
            };
            return (lo + i, v);
        } else {
            for i in lo + 1..hi {
                let v = d[(o + i as isize * s) as usize];
                if v.nan() {
                    return (i, v);
                }
                if (max && v > best) || (!max && v < best) {
                    best = v;
                    bi = i;
                }
            }
        }
        (bi, best)
    };
    let mut out = vec![0i64; out_n];
    if n == 0 {
        return Ok(CpuStorage::from_vec(out));
    }
    let threads = rayon::current_num_threads();
    if out_n * n < PAR_WORK || threads < 2 {
        for (r, &o) in out.iter_mut().zip(&offs) {
            *r = lane(o, 0, n).0 as i64;
        }
    } else if out_n >= threads * 4 {
        out.par_iter_mut()
            .zip(offs.par_iter())
            .for_each(|(r, &o)| *r = lane(o, 0, n).0 as i64);
    } else {
        let piece = n.div_ceil(threads * 4).max(1 << 14);
        for (r, &o) in out.iter_mut().zip(&offs) {
            let parts: Vec<(usize, T)> = (0..n.div_ceil(piece))
                .into_par_iter()
                .map(|k| lane(o, k * piece, ((k + 1) * piece).min(n)))
                .collect();
            let mut best = parts[0];
            for &p in &parts[1..] {
                if best.1.nan() {
                    break;
                }
                if p.1.nan() || (max && p.1 > best.1) || (!max && p.1 < best.1) {
                    best = p;
                }
            }
            *r = best.0 as i64;
        }
    }
    Ok(CpuStorage::from_vec(out))
}

/// The `arg_reduce` kernel.
pub fn arg_reduce(
    op: ArgReduceOp,
    x: &CpuStorage,
    layout: &Layout,
    dtype: DType,
    axis: usize,
) -> Result<CpuStorage> {
    const OP: &str = "arg_reduce";
    check_axes(layout, &[axis], OP)?;
    let max = op == ArgReduceOp::ArgMax;
    real_dispatch!(dtype, OP, arg_typed, (x, layout, axis, max))
}

/// Elements per block of [`arg_contig`] (16 KiB of float64).
const BLOCK: usize = 2048;

/// The first position of the extremum of the non-empty `sl` under `better` (strict:
/// `a > b` for argmax, `a < b` for argmin) and its value, or of the first NaN.
#[inline]
fn arg_contig<T: RealKey>(sl: &[T], better: impl Fn(T, T) -> bool + Copy) -> (usize, T) {
    // compiled for the machine's widest instruction set (AVX-512 here): the block sweeps
    // vectorise with 8 f64 / 16 f32 lanes instead of the baseline's 2 / 4
    crate::elementwise::kernel::simd(
        #[inline(always)]
        || arg_blocks(sl, better),
    )
}

/// [`arg_contig`]'s body, inlined into the instruction-set dispatch.
#[inline(always)]
fn arg_blocks<T: RealKey>(sl: &[T], better: impl Fn(T, T) -> bool + Copy) -> (usize, T) {
    let mut best = sl[0];
    let mut bblk = 0;
    for (bi, blk) in sl.chunks(BLOCK).enumerate() {
        let (m, nan) = block_best(blk, better);
        if nan {
            let i = blk.iter().position(|x| x.nan()).unwrap_or(0);
            return (bi * BLOCK + i, blk[i]);
        }
        if better(m, best) {
            best = m;
            bblk = bi;
        }
    }
    let start = bblk * BLOCK;
    let blk = &sl[start..(start + BLOCK).min(sl.len())];
    let i = blk.iter().position(|&x| x == best).unwrap_or(0);
    (start + i, best)
}

/// The extremum of the non-empty `blk` under `better`, ignoring NaNs, and whether it holds
/// a NaN.
#[inline(always)]
fn block_best<T: RealKey>(blk: &[T], better: impl Fn(T, T) -> bool) -> (T, bool) {
    let mut acc = [blk[0]; 8];
    let mut nan = [false; 8];
    let mut chunks = blk.chunks_exact(8);
    for c in &mut chunks {
        for k in 0..8 {
            let x = c[k];
            nan[k] |= x.nan();
            acc[k] = if better(x, acc[k]) { x } else { acc[k] };
        }
    }
    for (k, &x) in chunks.remainder().iter().enumerate() {
        nan[k] |= x.nan();
        acc[k] = if better(x, acc[k]) { x } else { acc[k] };
    }
    let mut m = acc[0];
    for &a in &acc[1..] {
        if better(a, m) {
            m = a;
        }
    }
    (m, nan.iter().any(|&b| b))
}
