//! The strided copy kernels: a view to a new contiguous buffer ([`gather_view`]), a view
//! into a strided destination ([`copy_view_into`]), and the trait-level `to_host`,
//! `contiguous` and `copy_into` built on them.

use crate::storage::{check_layout, check_shape, unsupported, CpuStorage};
use crate::strided::{copy_run, map_tiled, par_chunk_len, par_runs_into, read_run, Plan};
use array_api::{with_dtype, DType, Element, HostData, Layout, Result};

/// The elements of the view `layout` of `src`, in C order, as a new vector.
///
/// The layout must lie inside `src` (see [`check_layout`]). Contiguous views are a single
/// slice copy; others go through the collapsed strided engine, split over rayon when
/// large.
pub fn gather_view<T: Element>(src: &[T], layout: &Layout) -> Vec<T> {
    let n = layout.size();
    if n == 0 {
        return Vec::new();
    }
    if layout.is_contiguous() && par_chunk_len(n).is_none() {
        let o = layout.offset();
        return src[o..o + n].to_vec();
    }
    let mut out = crate::alloc::zeroed::<T>(n);
    map_view_into(
        src,
        layout,
        &mut out,
        |run, o, s| read_run(src, o, s, run),
        |x| x,
    );
    out
}

/// Fills the contiguous `out` (of the view's size) from the view `layout` of `src`: with
/// `run(out_run, offset, stride)` for each collapsed run of the view, or, for
/// transpose-like views, tile by tile with the element function `elem` (which must agree
/// with `run`). Split over rayon when large.
pub fn map_view_into<T: Copy + Sync, U: Send>(
    src: &[T],
    layout: &Layout,
    out: &mut [U],
    run: impl Fn(&mut [U], isize, isize) + Sync,
    elem: impl Fn(T) -> U + Sync,
) {
    let plan = Plan::new(layout.shape(), [layout]);
    if map_tiled(out, src, &plan, elem) {
        return;
    }
    par_runs_into(out, &plan, |r, [o], [s]| run(r, o, s));
}

/// Copies the view `src_layout` of `src` into the view `dst_layout` of `dst` (same shape;
/// the source may broadcast). Both layouts must lie inside their buffers.
pub fn copy_view_into<T: Element>(
    src: &[T],
    src_layout: &Layout,
    dst: &mut [T],
    dst_layout: &Layout,
) {
    let shape = dst_layout.shape();
    let n = dst_layout.size();
    if n == 0 {
        return;
    }
    if dst_layout.is_contiguous() {
        let o = dst_layout.offset();
        let out = &mut dst[o..o + n];
        if src_layout.is_contiguous() {
            let so = src_layout.offset();
            out.copy_from_slice(&src[so..so + n]);
            return;
        }
        map_view_into(
            src,
            src_layout,
            out,
            |run, o, s| read_run(src, o, s, run),
            |x| x,
        );
        return;
    }
    let plan = Plan::new(shape, [src_layout, dst_layout]);
    plan.for_each_run(0..n, |[so, d], len, [ss, ds]| {
        copy_run(src, so, ss, dst, d, ds, len)
    });
}

/// `BackendCore::to_host`: the view's elements in C order as host data.
pub fn to_host(storage: &CpuStorage, layout: &Layout, dtype: DType) -> Result<HostData> {
    const OP: &str = "to_host";
    with_dtype!(dtype, T => {
        let src = storage.typed::<T>(OP)?;
        check_layout(layout, src.len(), OP)?;
        if layout.offset() == 0 && layout.size() == src.len() && layout.is_contiguous() {
            return Ok(storage.as_host().clone());
        }
        Ok(T::into_host(gather_view(src, layout)))
    }, else => Err(unsupported(OP, dtype)))
}

/// `CopyOps::contiguous`: a contiguous storage of the view. A view that already is the
/// whole storage in C order shares it (copy-on-write keeps value semantics).
pub fn contiguous(storage: &CpuStorage, layout: &Layout, dtype: DType) -> Result<CpuStorage> {
    const OP: &str = "contiguous";
    with_dtype!(dtype, T => {
        let src = storage.typed::<T>(OP)?;
        check_layout(layout, src.len(), OP)?;
        if layout.offset() == 0 && layout.size() == src.len() && layout.is_contiguous() {
            return Ok(storage.clone());
        }
        Ok(CpuStorage::from_vec(gather_view(src, layout)))
    }, else => Err(unsupported(OP, dtype)))
}

/// `CopyOps::copy_into`: copies a (possibly broadcast) view into a view of `dst`,
/// copying `dst` first when it is shared.
pub fn copy_into(
    src: &CpuStorage,
    src_layout: &Layout,
    dst: &mut CpuStorage,
    dst_layout: &Layout,
    dtype: DType,
) -> Result<()> {
    const OP: &str = "copy_into";
    check_shape(src_layout, dst_layout.shape(), OP)?;
    with_dtype!(dtype, T => {
        let s = src.typed::<T>(OP)?;
        check_layout(src_layout, s.len(), OP)?;
        let dst_len = dst.as_host().len();
        dst.typed::<T>(OP)?;
        check_layout(dst_layout, dst_len, OP)?;
        if dst_layout.size() == 0 {
            return Ok(());
        }
        let d = dst.typed_mut::<T>(OP)?;
        copy_view_into(s, src_layout, d, dst_layout);
        Ok(())
    }, else => Err(unsupported(OP, dtype)))
}
