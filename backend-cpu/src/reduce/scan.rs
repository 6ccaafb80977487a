//! The scan kernel (`cumulative_sum`, `cumulative_prod`).
//!
//! A contiguous lane shorter than [`PAR_SCAN`] is one running fold (NumPy's order). A
//! longer one is scanned in fixed chunks of [`SCAN_CHUNK`] elements, in two parallel
//! passes: the chunks' totals (each an 8-accumulator pairwise fold), then each chunk's
//! running fold started from its carry, the running fold of the previous chunks' totals.
//! The chunking does not depend on the thread count, so results are reproducible; float
//! results differ from the sequential fold by rounding only (the carries are summed more
//! accurately). Integer scans wrap, so every order gives the same result.

use super::{check_axes, pairwise, split, typed, Arith, PAR_WORK};
use crate::storage::{unsupported, CpuStorage};
use crate::strided::Plan;
use array_api::{Complex32, Complex64, DType, Element, Layout, Result, ScanOp};
use rayon::prelude::*;

fn scan_typed<T: Arith + Element>(
    x: &CpuStorage,
    layout: &Layout,
    axis: usize,
    prod: bool,
) -> Result<CpuStorage> {
    let d = typed::<T>(x, layout, "scan")?;
    let shape = layout.shape();
    let total = layout.size();
    // zeroed by the OS on first touch, in huge pages when large (see `crate::alloc`)
    let mut out = crate::alloc::zeroed::<T>(total);
    if total == 0 {
        return Ok(CpuStorage::from_vec(out));
    }
    let comb = if prod { T::mul } else { T::add };
    let init = if prod { T::ONE } else { T::ZERO };
    let n = shape[axis];
    let s = layout.strides()[axis];
    let ostr = array_api::layout::contiguous_strides(shape);
    let os = ostr[axis];
    let sp = split(layout, &[axis]);
    let out_kept = Layout::new(
        sp.kept_shape.clone(),
        ostr.iter()
            .enumerate()
            .filter(|&(i, _)| i != axis)
            .map(|(_, &v)| v)
            .collect(),
        0,
    );
    let plan = Plan::new(&sp.kept_shape, [&sp.kept, &out_kept]);
    if axis == shape.len() - 1 {
        // contiguous output lanes
        let lane = |dst: &mut [T], o: isize| {
            if s == 1 {
                // a contiguous lane (n >= 1 here)
                let src = &d[o as usize..o as usize + dst.len()];
                scan_contig(src, dst, init, comb);
                return;
            }
            let mut acc: Option<T> = None;
            for (i, dv) in dst.iter_mut().enumerate() {
                let v = d[(o + i as isize * s) as usize];
                let a = match acc {
                    None => v,
                    Some(a) => comb(a, v),
                };
                *dv = a;
                acc = Some(a);
            }
        };
        let mut offs = Vec::new();
        plan.for_each_offset(|[o, _]| offs.push(o));
        if total >= PAR_WORK && offs.len() > 1 {
            crate::pool::enter(|| {
                out.par_chunks_mut(n)
                    .zip(offs.par_iter())
                    .for_each(|(dst, &o)| lane(dst, o))
            });
        } else {
            for (dst, &o) in out.chunks_mut(n).zip(&offs) {
                lane(dst, o);
            }
        }
    } else {
        plan.for_each_run(0..plan.size(), |[xo, oo], len, [xs, ost]| {
            for i in 0..n as isize {
                for j in 0..len as isize {
                    let v = d[(xo + i * s + j * xs) as usize];
                    let p = (oo + i * os + j * ost) as usize;
                    out[p] = if i == 0 {
                        v
                    } else {
                        comb(out[p - os as usize], v)
                    };
                }
            }
        });
    }
    Ok(CpuStorage::from_vec(out))
}

/// The `scan` kernel.
pub fn scan(
    op: ScanOp,
    x: &CpuStorage,
    layout: &Layout,
    dtype: DType,
    axis: usize,
) -> Result<CpuStorage> {
    const OP: &str = "scan";
    check_axes(layout, &[axis], OP)?;
    let prod = op == ScanOp::Prod;
    match dtype {
        DType::Int8 => scan_typed::<i8>(x, layout, axis, prod),
        DType::Int16 => scan_typed::<i16>(x, layout, axis, prod),
        DType::Int32 => scan_typed::<i32>(x, layout, axis, prod),
        DType::Int64 => scan_typed::<i64>(x, layout, axis, prod),
        DType::UInt8 => scan_typed::<u8>(x, layout, axis, prod),
        DType::UInt16 => scan_typed::<u16>(x, layout, axis, prod),
        DType::UInt32 => scan_typed::<u32>(x, layout, axis, prod),
        DType::UInt64 => scan_typed::<u64>(x, layout, axis, prod),
        DType::Float32 => scan_typed::<f32>(x, layout, axis, prod),
        DType::Float64 => scan_typed::<f64>(x, layout, axis, prod),
        DType::Complex64 => scan_typed::<Complex32>(x, layout, axis, prod),
        DType::Complex128 => scan_typed::<Complex64>(x, layout, axis, prod),
        d => Err(unsupported(OP, d)),
    }
}

/// Contiguous lanes at least this long are scanned in parallel chunks.
pub const PAR_SCAN: usize = 1 << 18;
/// The chunk of the parallel scan (fixed: results do not depend on the thread count).
pub const SCAN_CHUNK: usize = 1 << 16;

/// `dst[i] = src[0] comb ... comb src[i]` for the non-empty contiguous `src` (see the
/// module docs for the order of long lanes). `init` is `comb`'s identity.
fn scan_contig<T: Arith>(src: &[T], dst: &mut [T], init: T, comb: fn(T, T) -> T) {
    let run = |src: &[T], dst: &mut [T], carry: Option<T>| {
        let mut acc = match carry {
            Some(c) => comb(c, src[0]),
            None => src[0],
        };
        dst[0] = acc;
        for (dv, &v) in dst[1..].iter_mut().zip(&src[1..]) {
            acc = comb(acc, v);
            *dv = acc;
        }
    };
    if src.len() < PAR_SCAN || rayon::current_num_threads() < 2 {
        run(src, dst, None);
        return;
    }
    // Two parallel regions back to back: in `pool::enter`, the workers stay awake for
    // the second.
    crate::pool::enter(|| {
        let totals: Vec<T> = src
            .par_chunks(SCAN_CHUNK)
            .map(|c| pairwise(c, init, &|x| x, &comb))
            .collect();
        let mut carries: Vec<Option<T>> = Vec::with_capacity(totals.len());
        let mut acc: Option<T> = None;
        for &t in &totals {
            carries.push(acc);
            acc = Some(match acc {
                Some(a) => comb(a, t),
                None => t,
            });
        }
        dst.par_chunks_mut(SCAN_CHUNK)
            .zip(src.par_chunks(SCAN_CHUNK))
            .zip(carries.into_par_iter())
            .for_each(|((d, s), c)| run(s, d, c));
    })
}
