//! Indexing kernels: advanced-index `gather` / `scatter` and `nonzero`.
//!
//! Advanced indexing with `k` integer arrays (one broadcast shape `I`) on axes
//! `axis..axis+k` of a view of shape `S` addresses, for every `(pre, p, post)` in
//! `S[..axis] × I × S[axis+k..]`, the element at `pre`, `idx_0[p], ..., idx_{k-1}[p]`,
//! `post`. The kernels resolve the index arrays once into one storage offset per `p`
//! (validating and wrapping negative indices), then move one contiguous block of `post`
//! elements per `(pre, p)` row.

use crate::storage::{check_layout, check_shape, unsupported, CpuStorage};
use crate::strided::{copy_run, par_chunk_len, read_run, Plan};
use array_api::{with_dtype, DType, Element, Error, IndexArray, Layout, Result};
use rayon::prelude::*;

/// The index arrays resolved against a view: one storage offset delta per index position.
struct Resolved {
    /// The broadcast index shape `I`.
    index_shape: Vec<usize>,
    /// Σ_j wrap(idx_j[p]) · stride[axis + j], for each `p` in C order over `I`.
    delta: Vec<isize>,
}

/// Validates the index arrays and resolves them against the view `layout`.
fn resolve(
    layout: &Layout,
    axis: usize,
    indices: &[IndexArray<'_, CpuStorage>],
    op: &'static str,
) -> Result<Resolved> {
    let k = indices.len();
    let nd = layout.ndim();
    if axis + k > nd {
        return Err(Error::InvalidIndex {
            op,
            reason: format!(
                "{k} index arrays starting at axis {axis} do not fit an array of dimension {nd}"
            ),
        });
    }
    let index_shape: Vec<usize> = indices
        .first()
        .map(|ix| ix.layout.shape().to_vec())
        .unwrap_or_default();
    let n: usize = index_shape.iter().product();
    let mut delta = vec![0isize; n];
    for (j, ix) in indices.iter().enumerate() {
        check_shape(ix.layout, &index_shape, op)?;
        let data = ix.storage.typed::<i64>(op)?;
        check_layout(ix.layout, data.len(), op)?;
        let ax = axis + j;
        let size = layout.shape()[ax];
        let stride = layout.strides()[ax];
        let mut bad: Option<i64> = None;
        let plan = Plan::new(&index_shape, [ix.layout]);
        let mut p = 0usize;
        plan.for_each_run(0..n, |[o], len, [s]| {
            let mut q = o;
            for d in &mut delta[p..p + len] {
                let v = data[q as usize];
                q += s;
                let w = if v < 0 {
                    v as i128 + size as i128
                } else {
                    v as i128
                };
                if (0..size as i128).contains(&w) {
                    *d += w as isize * stride;
                } else if bad.is_none() {
                    bad = Some(v);
                }
            }
            p += len;
        });
        if let Some(v) = bad {
            return Err(Error::IndexOutOfBounds {
                op,
                index: v as i128,
                axis: ax,
                size,
            });
        }
    }
    Ok(Resolved { index_shape, delta })
}

/// Storage offsets of every element of `shape` with `strides` from `base`, in C order.
fn offsets_of(shape: &[usize], strides: &[isize], base: isize) -> Vec<isize> {
    let plan = Plan::with_strides(shape, [strides], [base]);
    let mut v = Vec::with_capacity(plan.size());
    plan.for_each_offset(|[o]| v.push(o));
    v
}

/// `IndexingOps::gather`.
pub fn gather(
    src: &CpuStorage,
    layout: &Layout,
    dtype: DType,
    axis: usize,
    indices: &[IndexArray<'_, CpuStorage>],
) -> Result<CpuStorage> {
    const OP: &str = "gather";
    with_dtype!(dtype, T => {
        let s = src.typed::<T>(OP)?;
        check_layout(layout, s.len(), OP)?;
        let r = resolve(layout, axis, indices, OP)?;
        Ok(CpuStorage::from_vec(gather_typed(s, layout, axis, indices.len(), &r)))
    }, else => Err(unsupported(OP, dtype)))
}

fn gather_typed<T: Element>(
    src: &[T],
    layout: &Layout,
    axis: usize,
    k: usize,
    r: &Resolved,
) -> Vec<T> {
    let (shape, strides) = (layout.shape(), layout.strides());
    let pre_offs = offsets_of(&shape[..axis], &strides[..axis], layout.offset() as isize);
    let post_shape = &shape[axis + k..];
    let post_size: usize = post_shape.iter().product();
    let ni = r.delta.len();
    let rows = pre_offs.len() * ni;
    let total = rows * post_size;
    if total == 0 {
        return Vec::new();
    }
    let base = |row: usize| pre_offs[row / ni] + r.delta[row % ni];
    let mut out = vec![T::default(); total];
    let post = Plan::with_strides(post_shape, [&strides[axis + k..]], [0]);
    let fill = |chunk: &mut [T], first_row: usize| {
        if post_size == 1 {
            for (i, d) in chunk.iter_mut().enumerate() {
                *d = src[base(first_row + i) as usize];
            }
        } else {
            for (i, row) in chunk.chunks_exact_mut(post_size).enumerate() {
                let b = base(first_row + i);
                let mut pos = 0;
                post.for_each_run(0..post_size, |[o], len, [s]| {
                    read_run(src, b + o, s, &mut row[pos..pos + len]);
                    pos += len;
                });
            }
        }
    };
    match par_chunk_len(total) {
        Some(c) => {
            let rows_per_task = (c / post_size).max(1);
            out.par_chunks_mut(rows_per_task * post_size)
                .enumerate()
                .for_each(|(t, chunk)| fill(chunk, t * rows_per_task));
        }
        None => fill(&mut out, 0),
    }
    out
}

/// `IndexingOps::scatter`.
#[allow(clippy::too_many_arguments)]
pub fn scatter(
    dst: &mut CpuStorage,
    layout: &Layout,
    dtype: DType,
    axis: usize,
    indices: &[IndexArray<'_, CpuStorage>],
    values: &CpuStorage,
    values_layout: &Layout,
) -> Result<()> {
    const OP: &str = "scatter";
    with_dtype!(dtype, T => {
        let v = values.typed::<T>(OP)?;
        check_layout(values_layout, v.len(), OP)?;
        check_layout(layout, dst.typed::<T>(OP)?.len(), OP)?;
        let r = resolve(layout, axis, indices, OP)?;
        let k = indices.len();
        let mut out_shape = layout.shape()[..axis].to_vec();
        out_shape.extend_from_slice(&r.index_shape);
        out_shape.extend_from_slice(&layout.shape()[axis + k..]);
        check_shape(values_layout, &out_shape, OP)?;
        if out_shape.contains(&0) {
            return Ok(());
        }
        let d = dst.typed_mut::<T>(OP)?;
        scatter_typed(d, layout, axis, k, &r, v, values_layout);
        Ok(())
    }, else => Err(unsupported(OP, dtype)))
}

fn scatter_typed<T: Element>(
    dst: &mut [T],
    layout: &Layout,
    axis: usize,
    k: usize,
    r: &Resolved,
    values: &[T],
    vl: &Layout,
) {
    let (shape, ds, vs) = (layout.shape(), layout.strides(), vl.strides());
    let pre_shape = &shape[..axis];
    let pre_offs = offsets_of(pre_shape, &ds[..axis], layout.offset() as isize);
    let vpre_offs = offsets_of(pre_shape, &vs[..axis], vl.offset() as isize);
    // The index axes of `values` are axes `axis..axis + ni` (ni = ndim of I).
    let ni = r.index_shape.len();
    let vdelta = offsets_of(&r.index_shape, &vs[axis..axis + ni], 0);
    let post_shape = &shape[axis + k..];
    let post = Plan::with_strides(post_shape, [&vs[axis + ni..], &ds[axis + k..]], [0, 0]);
    // Rows in C order, so the last write wins on repeated indices.
    for (&po, &vpo) in pre_offs.iter().zip(&vpre_offs) {
        for (&dd, &vd) in r.delta.iter().zip(&vdelta) {
            let (db, vb) = (po + dd, vpo + vd);
            post.for_each_run(0..post.size(), |[vo, o], len, [vst, dst_st]| {
                copy_run(values, vb + vo, vst, dst, db + o, dst_st, len);
            });
        }
    }
}

/// `IndexingOps::nonzero`: the C-order indices of the non-zero elements as an `int64`
/// `(count, ndim)` storage, and `count`.
pub fn nonzero(src: &CpuStorage, layout: &Layout, dtype: DType) -> Result<(CpuStorage, usize)> {
    const OP: &str = "nonzero";
    with_dtype!(dtype, T => {
        let s = src.typed::<T>(OP)?;
        check_layout(layout, s.len(), OP)?;
        let (v, count) = nonzero_typed(s, layout);
        Ok((CpuStorage::from_vec(v), count))
    }, else => Err(unsupported(OP, dtype)))
}

fn nonzero_typed<T: Element>(src: &[T], layout: &Layout) -> (Vec<i64>, usize) {
    let zero = T::default();
    let (shape, strides) = (layout.shape(), layout.strides());
    let nd = shape.len();
    if layout.size() == 0 {
        return (Vec::new(), 0);
    }
    if nd == 0 {
        let count = usize::from(src[layout.offset()] != zero);
        return (Vec::new(), count);
    }
    let mut out: Vec<i64> = Vec::new();
    let mut count = 0usize;
    let (inner, inner_st) = (shape[nd - 1], strides[nd - 1]);
    let mut idx = vec![0i64; nd];
    let mut off = layout.offset() as isize;
    let outer: usize = shape[..nd - 1].iter().product();
    for _ in 0..outer {
        let mut p = off;
        for j in 0..inner {
            if src[p as usize] != zero {
                idx[nd - 1] = j as i64;
                out.extend_from_slice(&idx);
                count += 1;
            }
            p += inner_st;
        }
        for ax in (0..nd - 1).rev() {
            idx[ax] += 1;
            off += strides[ax];
            if (idx[ax] as usize) < shape[ax] {
                break;
            }
            off -= strides[ax] * shape[ax] as isize;
            idx[ax] = 0;
        }
    }
    (out, count)
}
