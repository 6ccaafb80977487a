//! Sorting and searching kernels (`SortOps`): stable sort and argsort along one axis, and
//! binary search, in NumPy's order (NaNs last, `-0.0 == +0.0`).
//!
//! Each lane is gathered into a buffer, sorted, and written to the contiguous output; many
//! short lanes are split over rayon. Lanes of at least [`radix::RADIX_MIN`] elements are
//! sorted on the order-preserving keys of [`keys`] (see [`radix`]; the key sweeps and
//! conversions are vectorised in [`sweep`]): values by the AVX-512
//! quicksort of [`simd`] where the CPU has it, else by the parallel stable MSD radix sort
//! of [`msd`]; argsorts by the radix sort on (key, index) pairs. Contiguous lanes are
//! read from the input and written to the output by the sort's first and last passes. Shorter lanes use comparison sorts: integer
//! and bool value sorts the (unstable, faster) pattern-defeating quicksort (equal integers
//! are indistinguishable, so the result is the stable one), float sorts and argsorts the
//! stable merge sort.
//!
//! Selection (`partition`, for `median`, `quantile`, `partition`) is in [`select`].

pub mod keys;
pub mod keysort;
pub mod msd;
pub mod radix;
pub mod select;
pub mod simd;
pub mod sweep;

use crate::reduce::RealKey;
use crate::storage::{check_layout, CpuStorage};
use crate::strided::Plan;
use array_api::{layout::contiguous_strides, DType, Element, Layout, Result};
use keys::RadixKey;
use rayon::prelude::*;
use std::cmp::Ordering;

/// A pointer shared by the scatter threads of the radix sort and the selection.
#[derive(Clone, Copy)]
struct SharedPtr<E>(*mut E);
// SAFETY: users write disjoint positions only (each (chunk, digit or rank) pair owns its
// own output range, computed from exact per-chunk counts), and the buffer outlives their
// parallel region.
unsafe impl<E: Send> Send for SharedPtr<E> {}
// SAFETY: as above.
unsafe impl<E: Send> Sync for SharedPtr<E> {}

/// Outputs at least this long split their lanes over rayon.
const PAR_SORT: usize = 1 << 16;

/// NumPy's order: NaNs last, otherwise `partial_cmp` (so `-0.0 == +0.0`).
#[inline(always)]
pub fn nan_last_cmp<T: RealKey>(a: &T, b: &T) -> Ordering {
    match (a.nan(), b.nan()) {
        (false, false) => a.partial_cmp(b).unwrap_or(Ordering::Equal),
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
    }
}

/// The lane starts (input offset, output offset) of a view along `axis`.
struct Lanes {
    n: usize,
    in_stride: isize,
    out_stride: usize,
    starts: Vec<(isize, usize)>,
}

fn lanes(layout: &Layout, axis: usize) -> Lanes {
    let shape = layout.shape();
    let ostr = contiguous_strides(shape);
    let keep: Vec<usize> = (0..shape.len()).filter(|&i| i != axis).collect();
    let ks: Vec<usize> = keep.iter().map(|&i| shape[i]).collect();
    let kin = Layout::new(
        ks.clone(),
        keep.iter().map(|&i| layout.strides()[i]).collect(),
        layout.offset(),
    );
    let kout = Layout::new(ks.clone(), keep.iter().map(|&i| ostr[i]).collect(), 0);
    let mut starts = Vec::new();
    if layout.size() > 0 {
        Plan::new(&ks, [&kin, &kout]).for_each_offset(|[i, o]| starts.push((i, o as usize)));
    }
    Lanes {
        n: shape[axis],
        in_stride: layout.strides()[axis],
        out_stride: ostr[axis] as usize,
        starts,
    }
}

/// Runs `f(lane_in_offset, out_lane)` for every lane, where `out_lane` is a contiguous
/// buffer the caller's result is copied from into the (possibly strided) output lane.
fn per_lane<U: Element>(total: usize, l: &Lanes, f: impl Fn(isize, &mut [U]) + Sync) -> Vec<U> {
    // zeroed by the OS on first touch, in huge pages when large (see `crate::alloc`)
    let mut out = crate::alloc::zeroed::<U>(total);
    if total == 0 {
        return out;
    }
    if l.out_stride == 1 {
        if l.starts.len() > 1 && total >= PAR_SORT {
            out.par_chunks_mut(l.n)
                .zip(l.starts.par_iter())
                .for_each(|(dst, &(i, _))| f(i, dst));
        } else {
            for (dst, &(i, _)) in out.chunks_mut(l.n).zip(&l.starts) {
                f(i, dst);
            }
        }
    } else {
        let mut buf = vec![U::default(); l.n];
        for &(i, o) in &l.starts {
            f(i, &mut buf);
            for (k, &v) in buf.iter().enumerate() {
                out[o + k * l.out_stride] = v;
            }
        }
    }
    out
}

fn read_lane<T: Copy>(d: &[T], o: isize, s: isize, dst: &mut [T]) {
    crate::strided::read_run(d, o, s, dst);
}

/// Sorts one lane in place, stably, in NumPy's order.
pub fn sort_lane<T: RadixKey>(lane: &mut [T]) {
    if lane.len() >= radix::RADIX_MIN {
        radix::sort_values(lane);
    } else if matches!(T::DTYPE, DType::Float32 | DType::Float64) {
        lane.sort_by(nan_last_cmp);
    } else {
        lane.sort_unstable_by(nan_last_cmp);
    }
}

/// The stable sorting permutation of one lane (`in_stride` apart from offset `o` in `d`),
/// written to `dst`.
fn argsort_lane<T: RadixKey>(d: &[T], o: isize, in_stride: isize, dst: &mut [i64]) {
    let n = dst.len();
    if (radix::RADIX_MIN..1 << 32).contains(&n) {
        if in_stride == 1 {
            radix::argsort_values(&d[o as usize..o as usize + n], dst);
        } else {
            let mut lane = vec![T::default(); n];
            read_lane(d, o, in_stride, &mut lane);
            radix::argsort_values(&lane, dst);
        }
        return;
    }
    let mut pairs: Vec<(T, i64)> = (0..n)
        .map(|k| (d[(o + k as isize * in_stride) as usize], k as i64))
        .collect();
    if n >= PAR_SORT {
        pairs.par_sort_by(|a, b| nan_last_cmp(&a.0, &b.0));
    } else {
        pairs.sort_by(|a, b| nan_last_cmp(&a.0, &b.0));
    }
    for (t, (_, k)) in dst.iter_mut().zip(pairs) {
        *t = k;
    }
}

fn sort_typed<T: RadixKey>(x: &CpuStorage, layout: &Layout, axis: usize) -> Result<CpuStorage> {
    let d = x.typed::<T>("sort")?;
    check_layout(layout, d.len(), "sort")?;
    let l = lanes(layout, axis);
    let v = per_lane::<T>(layout.size(), &l, |o, dst| {
        if l.in_stride == 1 && dst.len() >= radix::RADIX_MIN {
            radix::sort_values_into(&d[o as usize..o as usize + dst.len()], dst);
        } else {
            read_lane(d, o, l.in_stride, dst);
            sort_lane(dst);
        }
    });
    Ok(CpuStorage::from_vec(v))
}

fn argsort_typed<T: RadixKey>(x: &CpuStorage, layout: &Layout, axis: usize) -> Result<CpuStorage> {
    let d = x.typed::<T>("argsort")?;
    check_layout(layout, d.len(), "argsort")?;
    let l = lanes(layout, axis);
    let v = per_lane::<i64>(layout.size(), &l, |o, dst| {
        argsort_lane(d, o, l.in_stride, dst)
    });
    Ok(CpuStorage::from_vec(v))
}

fn partition_typed<T: RadixKey>(
    x: &CpuStorage,
    layout: &Layout,
    axis: usize,
    kth: &[usize],
) -> Result<CpuStorage> {
    let d = x.typed::<T>("partition")?;
    check_layout(layout, d.len(), "partition")?;
    let l = lanes(layout, axis);
    let v = per_lane::<T>(layout.size(), &l, |o, dst| {
        if l.in_stride == 1 {
            select::partition_lane(&d[o as usize..o as usize + dst.len()], dst, kth);
        } else {
            let mut lane = vec![T::default(); dst.len()];
            read_lane(d, o, l.in_stride, &mut lane);
            select::partition_lane(&lane, dst, kth);
        }
    });
    Ok(CpuStorage::from_vec(v))
}

fn search_typed<T: RealKey + Element>(
    sorted: &CpuStorage,
    sl: &Layout,
    values: &CpuStorage,
    vl: &Layout,
    right: bool,
) -> Result<CpuStorage> {
    let s = sorted.typed::<T>("searchsorted")?;
    check_layout(sl, s.len(), "searchsorted")?;
    let v = values.typed::<T>("searchsorted")?;
    check_layout(vl, v.len(), "searchsorted")?;
    let sv = crate::copy::gather_view(s, sl);
    let vv = crate::copy::gather_view(v, vl);
    let find = |x: &T| -> i64 {
        if right {
            sv.partition_point(|e| nan_last_cmp(x, e) != Ordering::Less) as i64
        } else {
            sv.partition_point(|e| nan_last_cmp(e, x) == Ordering::Less) as i64
        }
    };
    let out: Vec<i64> = if vv.len() >= 1 << 14 {
        vv.par_iter().map(find).collect()
    } else {
        vv.iter().map(find).collect()
    };
    Ok(CpuStorage::from_vec(out))
}

fn check_axis(layout: &Layout, axis: usize, op: &'static str) -> Result<()> {
    if axis >= layout.ndim() {
        return Err(array_api::Error::Backend {
            backend: "cpu".into(),
            reason: format!(
                "{op}: axis {axis} of an array of dimension {}",
                layout.ndim()
            ),
        });
    }
    Ok(())
}

/// Runs `f` in [`crate::pool::enter`] (workers kept awake across the radix sort's
/// parallel passes) when the array is large enough to go parallel, else directly.
fn pooled<R: Send>(layout: &Layout, f: impl FnOnce() -> R + Send) -> R {
    if layout.size() >= PAR_SORT {
        crate::pool::enter(f)
    } else {
        f()
    }
}

/// The `sort` kernel.
pub fn sort(x: &CpuStorage, layout: &Layout, dtype: DType, axis: usize) -> Result<CpuStorage> {
    check_axis(layout, axis, "sort")?;
    pooled(layout, || {
        real_dispatch!(dtype, "sort", sort_typed, (x, layout, axis))
    })
}

/// The `argsort` kernel.
pub fn argsort(x: &CpuStorage, layout: &Layout, dtype: DType, axis: usize) -> Result<CpuStorage> {
    check_axis(layout, axis, "argsort")?;
    pooled(layout, || {
        real_dispatch!(dtype, "argsort", argsort_typed, (x, layout, axis))
    })
}

/// The `partition` kernel: each lane along `axis` partitioned at the sorted, distinct
/// positions `kth` (see [`select`]).
pub fn partition(
    x: &CpuStorage,
    layout: &Layout,
    dtype: DType,
    axis: usize,
    kth: &[usize],
) -> Result<CpuStorage> {
    check_axis(layout, axis, "partition")?;
    let n = layout.shape()[axis];
    if kth.windows(2).any(|w| w[0] >= w[1]) || kth.last().is_some_and(|&k| k >= n) {
        return Err(array_api::Error::Backend {
            backend: "cpu".into(),
            reason: format!(
                "partition: kth {kth:?} must be sorted, distinct and below the axis length {n}"
            ),
        });
    }
    pooled(layout, || {
        real_dispatch!(dtype, "partition", partition_typed, (x, layout, axis, kth))
    })
}

/// The `searchsorted` kernel.
pub fn searchsorted(
    sorted: &CpuStorage,
    sorted_layout: &Layout,
    values: &CpuStorage,
    values_layout: &Layout,
    dtype: DType,
    right: bool,
) -> Result<CpuStorage> {
    if sorted_layout.ndim() != 1 {
        return Err(array_api::Error::Backend {
            backend: "cpu".into(),
            reason: "searchsorted: the sorted operand must be one-dimensional".into(),
        });
    }
    real_dispatch!(
        dtype,
        "searchsorted",
        search_typed,
        (sorted, sorted_layout, values, values_layout, right)
    )
}
