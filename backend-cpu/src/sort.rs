//! Sorting and searching kernels (`SortOps`): stable sort and argsort along one axis, and
//! binary search, in NumPy's order (NaNs last, `-0.0 == +0.0`).
//!
//! Each lane is gathered into a buffer, sorted, and written to the contiguous output.
//! Integer and bool value sorts use the (unstable, faster) pattern-defeating quicksort:
//! equal integers are indistinguishable, so the result is the stable one. Float sorts and
//! every argsort are stable merge sorts (rayon's parallel one for long lanes); many short
//! lanes are split over rayon.

use crate::reduce::RealKey;
use crate::storage::{check_layout, unsupported, CpuStorage};
use crate::strided::Plan;
use array_api::{layout::contiguous_strides, DType, Element, Layout, Result};
use rayon::prelude::*;
use std::cmp::Ordering;

/// Lanes at least this long are sorted with rayon's parallel sort.
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
fn per_lane<U: Copy + Send + Sync + Default>(
    total: usize,
    l: &Lanes,
    f: impl Fn(isize, &mut [U]) + Sync,
) -> Vec<U> {
    let mut out = vec![U::default(); total];
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

fn sort_typed<T: RealKey + Element>(
    x: &CpuStorage,
    layout: &Layout,
    axis: usize,
) -> Result<CpuStorage> {
    let d = x.typed::<T>("sort")?;
    check_layout(layout, d.len(), "sort")?;
    let l = lanes(layout, axis);
    let is_int = !matches!(T::DTYPE, DType::Float32 | DType::Float64);
    let v = per_lane::<T>(layout.size(), &l, |o, dst| {
        read_lane(d, o, l.in_stride, dst);
        match (is_int, dst.len() >= PAR_SORT) {
            (true, false) => dst.sort_unstable_by(nan_last_cmp),
            (true, true) => dst.par_sort_unstable_by(nan_last_cmp),
            (false, false) => dst.sort_by(nan_last_cmp),
            (false, true) => dst.par_sort_by(nan_last_cmp),
        }
    });
    Ok(CpuStorage::from_vec(v))
}

fn argsort_typed<T: RealKey + Element>(
    x: &CpuStorage,
    layout: &Layout,
    axis: usize,
) -> Result<CpuStorage> {
    let d = x.typed::<T>("argsort")?;
    check_layout(layout, d.len(), "argsort")?;
    let l = lanes(layout, axis);
    let v = per_lane::<i64>(layout.size(), &l, |o, dst| {
        let mut pairs: Vec<(T, i64)> = (0..dst.len())
            .map(|k| (d[(o + k as isize * l.in_stride) as usize], k as i64))
            .collect();
        if pairs.len() >= PAR_SORT {
            pairs.par_sort_by(|a, b| nan_last_cmp(&a.0, &b.0));
        } else {
            pairs.sort_by(|a, b| nan_last_cmp(&a.0, &b.0));
        }
        for (t, (_, k)) in dst.iter_mut().zip(pairs) {
            *t = k;
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

macro_rules! real_dispatch {
    ($dtype:expr, $op:expr, $f:ident, ($($arg:expr),*)) => {
        match $dtype {
            DType::Bool => $f::<bool>($($arg),*),
            DType::Int8 => $f::<i8>($($arg),*),
            DType::Int16 => $f::<i16>($($arg),*),
            DType::Int32 => $f::<i32>($($arg),*),
            DType::Int64 => $f::<i64>($($arg),*),
            DType::UInt8 => $f::<u8>($($arg),*),
            DType::UInt16 => $f::<u16>($($arg),*),
            DType::UInt32 => $f::<u32>($($arg),*),
            DType::UInt64 => $f::<u64>($($arg),*),
            DType::Float32 => $f::<f32>($($arg),*),
            DType::Float64 => $f::<f64>($($arg),*),
            d => Err(unsupported($op, d)),
        }
    };
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

/// The `sort` kernel.
pub fn sort(x: &CpuStorage, layout: &Layout, dtype: DType, axis: usize) -> Result<CpuStorage> {
    check_axis(layout, axis, "sort")?;
    real_dispatch!(dtype, "sort", sort_typed, (x, layout, axis))
}

/// The `argsort` kernel.
pub fn argsort(x: &CpuStorage, layout: &Layout, dtype: DType, axis: usize) -> Result<CpuStorage> {
    check_axis(layout, axis, "argsort")?;
    real_dispatch!(dtype, "argsort", argsort_typed, (x, layout, axis))
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
