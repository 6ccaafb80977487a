//! `ScatterOps` for [`Cpu`]: per-bin counts and weighted sums (`bincount`, `histogram`).
//!
//! Small inputs are counted serially in the order of the indices. Large ones (at least
//! `PAR_MIN` entries, and enough entries per bin that private histograms pay off) are
//! split into one contiguous chunk per rayon thread; each chunk fills its own private
//! histogram, and the histograms are then added bin by bin in chunk order (the merge itself
//! split over bin ranges). For a given thread count the result is deterministic; counts are
//! exact whatever the split, float sums are those of the per-chunk partial sums.

use crate::storage::{check_layout, dtype_mismatch, CpuStorage};
use crate::Cpu;
use array_api::backend_stats::check_scatter_add;
use array_api::{DType, Element, Error, HostData, Layout, Result, ScatterOps};
use rayon::prelude::*;

/// Entries below which the scatter runs on one thread.
const PAR_MIN: usize = 1 << 15;

const OP: &str = "scatter_add";

/// A per-bin accumulator: `i64` counts, or `f32` / `f64` sums.
trait Acc: Element + Copy + Send + Sync + std::ops::AddAssign + Default {}
impl Acc for i64 {}
impl Acc for f32 {}
impl Acc for f64 {}

/// The `n` elements of a 1-d view: `data[offset + i * stride]`.
#[derive(Clone, Copy)]
struct View<'a, T> {
    data: &'a [T],
    offset: isize,
    stride: isize,
}

impl<T: Copy> View<'_, T> {
    #[inline]
    fn get(&self, i: usize) -> T {
        // in bounds: `check_layout` has checked the first and last element of the view
        self.data[(self.offset + i as isize * self.stride) as usize]
    }
}

fn view<'a, T: Element>(s: &'a CpuStorage, layout: &Layout, dtype: DType) -> Result<View<'a, T>> {
    check_layout(layout, s.len(), OP)?;
    if s.dtype() != dtype {
        return Err(dtype_mismatch(OP, s.dtype(), dtype));
    }
    Ok(View {
        data: s.typed::<T>(OP)?,
        offset: layout.offset() as isize,
        stride: layout.strides()[0],
    })
}

/// `length` zeros, allocated fallibly (the length comes from the data).
fn zeros<T: Acc>(length: usize) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(length)
        .map_err(|_| Error::invalid(OP, format!("cannot allocate an output of {length} bins")))?;
    v.resize(length, T::default());
    Ok(v)
}

/// Adds entries `range` into `hist`: the weight of entry `i` (or 1) into bin `idx(i)`,
/// skipping bins outside `0..hist.len()`.
#[inline]
fn fill<T: Acc>(
    hist: &mut [T],
    range: std::ops::Range<usize>,
    idx: &(impl Fn(usize) -> i64 + Sync),
    weight: &(impl Fn(usize) -> T + Sync),
) {
    let len = hist.len() as u64;
    for i in range {
        let b = idx(i);
        // a negative index becomes a huge u64 and is skipped with the ones >= len
        if (b as u64) < len {
            hist[b as usize] += weight(i);
        }
    }
}

/// The histogram of `n` entries into `length` bins (see the module docs).
fn histogram<T: Acc>(
    n: usize,
    length: usize,
    idx: impl Fn(usize) -> i64 + Sync,
    weight: impl Fn(usize) -> T + Sync,
) -> Result<Vec<T>> {
    let mut out = zeros::<T>(length)?;
    let threads = rayon::current_num_threads();
    // private histograms cost `threads · length` to clear and merge: worth it while that is
    // small next to the `n` entries
    if n < PAR_MIN || threads < 2 || length == 0 || length.saturating_mul(threads) > n / 2 {
        fill(&mut out, 0..n, &idx, &weight);
        return Ok(out);
    }
    let chunk = n.div_ceil(threads);
    let mut private: Vec<Vec<T>> = (0..threads)
        .map(|_| zeros::<T>(length))
        .collect::<Result<_>>()?;
    private.par_iter_mut().enumerate().for_each(|(c, h)| {
        let start = (c * chunk).min(n);
        fill(h, start..(start + chunk).min(n), &idx, &weight);
    });
    let part = length.div_ceil(threads * 4).max(4096);
    out.par_chunks_mut(part).enumerate().for_each(|(k, o)| {
        let (base, len) = (k * part, o.len());
        for h in &private {
            for (dst, &src) in o.iter_mut().zip(&h[base..base + len]) {
                *dst += src;
            }
        }
    });
    Ok(out)
}

fn indexed<T: Acc>(
    idx: &CpuStorage,
    layout: &Layout,
    index_dtype: DType,
    length: usize,
    weight: impl Fn(usize) -> T + Sync,
) -> Result<Vec<T>> {
    let n = layout.shape()[0];
    if n == 0 {
        return zeros(length);
    }
    match index_dtype {
        DType::Int32 => {
            let v = view::<i32>(idx, layout, index_dtype)?;
            histogram(n, length, |i| v.get(i) as i64, weight)
        }
        _ => {
            let v = view::<i64>(idx, layout, index_dtype)?;
            histogram(n, length, |i| v.get(i), weight)
        }
    }
}

impl ScatterOps for Cpu {
    fn scatter_add(
        &self,
        indices: &CpuStorage,
        index_layout: &Layout,
        index_dtype: DType,
        weights: Option<(&CpuStorage, &Layout)>,
        dtype: DType,
        length: usize,
    ) -> Result<CpuStorage> {
        check_scatter_add(index_layout, index_dtype, weights.map(|w| w.1), dtype)?;
        let out = match (weights, dtype) {
            (None, _) => {
                HostData::Int64(indexed(indices, index_layout, index_dtype, length, |_| {
                    1i64
                })?)
            }
            (Some((w, wl)), DType::Float32) => {
                let w = view::<f32>(w, wl, dtype)?;
                HostData::Float32(indexed(indices, index_layout, index_dtype, length, |i| {
                    w.get(i)
                })?)
            }
            (Some((w, wl)), _) => {
                let w = view::<f64>(w, wl, dtype)?;
                HostData::Float64(indexed(indices, index_layout, index_dtype, length, |i| {
                    w.get(i)
                })?)
            }
        };
        Ok(CpuStorage::new(out))
    }
}
