//! Advanced-index `gather` and `scatter`.
//!
//! Indexing with `k` integer arrays (one broadcast shape `I`) on axes `axis..axis+k` of a
//! view of shape `S` addresses, for every `(pre, p, post)` in `S[..axis] × I × S[axis+k..]`,
//! the element at `pre, idx_0[p], ..., idx_{k-1}[p], post`.
//!
//! 1. A *resolve* kernel per index array adds `wrap(idx_j[p]) * stride[axis + j]` to a
//!    per-position offset table `delta[p]`; an out-of-range index sets an atomic flag (the
//!    smallest bad position) that is read back to report `IndexOutOfBounds`.
//! 2. `gather` is a map kernel over the result shape reading the source at
//!    `offset(pre, post) + delta[p]`.
//! 3. `scatter` runs twice over the values: a *claim* pass records, per destination
//!    element, the largest flat (C-order) position writing it (`atomicMax`), then a *write*
//!    pass stores only the winners, so the last write in C order wins on repeated indices.

use crate::map::{map_params, offsets_fn, MapSpec};
use crate::storage::{check_shape, WgpuStorage};
use crate::wgsl::{binding, load_fn, store_fn, MAIN_HEAD};
use crate::{backend_error, Wgpu};
use array_api::layout::contiguous_strides;
use array_api::{DType, Error, IndexArray, Layout, Result};

/// The index arrays resolved against a view.
struct Resolved {
    /// The broadcast index shape `I`.
    index_shape: Vec<usize>,
    /// `Σ_j wrap(idx_j[p]) · stride[axis + j]` for each `p` (C order over `I`), `i32`.
    delta: wgpu::Buffer,
}

/// The resolve kernel: `delta[p] += wrap(idx[p]) * stride`, flagging bad indices.
fn resolve_source() -> String {
    let mut s = binding(0, "prm", DType::Int32, false, false);
    s += &binding(1, "idx", DType::Int64, false, false);
    s += &binding(2, "delta", DType::Int32, true, false);
    s += "@group(0) @binding(3) var<storage, read_write> bad: array<atomic<u32>>;\n";
    s += &offsets_fn(1);
    s += "fn xp(j: i32) -> i32 { let nd = prm[1]; return prm[2 + nd + (nd + 1) + j]; }\n";
    s += MAIN_HEAD;
    s += "  let p = t;\n  if p >= u32(prm[0]) { return; }\n  let v = idx[u32(offs(p)[0])];\n  \
          let size = i64(xp(0));\n  let w = select(v, v + size, v < 0li);\n  \
          if w < 0li || w >= size { atomicMin(&bad[u32(xp(2))], p); } else { delta[p] += i32(w) * xp(1); }\n}\n";
    s
}

impl Wgpu {
    fn resolve(
        &self,
        layout: &Layout,
        axis: usize,
        indices: &[IndexArray<'_, WgpuStorage>],
        op: &'static str,
    ) -> Result<Resolved> {
        let k = indices.len();
        let nd = layout.ndim();
        if axis + k > nd {
            return Err(Error::InvalidIndex {
                op,
                reason: format!("{k} index arrays starting at axis {axis} do not fit an array of dimension {nd}"),
            });
        }
        let index_shape: Vec<usize> = indices
            .first()
            .map(|ix| ix.layout.shape().to_vec())
            .unwrap_or_default();
        let n: usize = index_shape.iter().product();
        for ix in indices {
            check_shape(ix.layout, &index_shape, op)?;
            self.check_operand(op, ix.storage, ix.layout, DType::Int64)?;
        }
        let delta = self.alloc(n as u64 * 4, "xp index offsets")?;
        if k == 0 || n == 0 {
            return Ok(Resolved { index_shape, delta });
        }
        let bad = self.upload(&vec![0xff; 4 * k], "xp index flags")?;
        let kernel = self.kernel(
            "resolve_indices",
            &resolve_source(),
            &[false, false, true, true],
        )?;
        let mut params = Vec::with_capacity(k);
        for (j, ix) in indices.iter().enumerate() {
            let (size, stride) = (layout.shape()[axis + j], layout.strides()[axis + j]);
            params.push(self.params(&map_params(
                &index_shape,
                &[ix.layout],
                &[size as i32, stride as i32, j as i32],
            )?)?);
        }
        let mut batch = self.batch();
        for (j, ix) in indices.iter().enumerate() {
            batch.run(
                &kernel,
                &[&params[j], ix.storage.buffer(), &delta, &bad],
                n as u64,
            )?;
        }
        batch.submit();
        let flags = self.read_bytes(&bad, 0, 4 * k as u64)?;
        for (j, ix) in indices.iter().enumerate() {
            let p = u32::from_le_bytes(flags[4 * j..4 * j + 4].try_into().expect("4 bytes"));
            if p != u32::MAX {
                let at = position_offset(ix.layout, p as usize);
                let raw = self.read_bytes(ix.storage.buffer(), at as u64 * 8, 8)?;
                let v =
                    i64::from_le_bytes(raw.try_into().map_err(|_| backend_error("short read"))?);
                return Err(Error::IndexOutOfBounds {
                    op,
                    index: v as i128,
                    axis: axis + j,
                    size: layout.shape()[axis + j],
                });
            }
        }
        Ok(Resolved { index_shape, delta })
    }

    /// `IndexingOps::gather`.
    pub(crate) fn gather_indexed(
        &self,
        src: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        indices: &[IndexArray<'_, WgpuStorage>],
    ) -> Result<WgpuStorage> {
        const OP: &str = "gather";
        self.check_operand(OP, src, layout, dtype)?;
        let r = self.resolve(layout, axis, indices, OP)?;
        let (src_view, delta_view) =
            virtual_layouts(layout, axis, indices.len(), &r.index_shape, layout.offset());
        let mut spec = MapSpec::new(
            format!("gather_{dtype}"),
            &[dtype, DType::Int32],
            dtype,
            "  return x0;",
        );
        spec.fetch = Some("  let x1 = ld1(u32(o[1]));\n  let x0 = ld0(u32(o[0] + x1));\n".into());
        self.map_fresh(
            &spec,
            src_view.shape(),
            &[(src.buffer(), &src_view), (&r.delta, &delta_view)],
            &[],
            None,
        )
    }

    /// `IndexingOps::scatter`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn scatter_indexed(
        &self,
        dst: &mut WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        indices: &[IndexArray<'_, WgpuStorage>],
        values: &WgpuStorage,
        values_layout: &Layout,
    ) -> Result<()> {
        const OP: &str = "scatter";
        self.check_operand(OP, values, values_layout, dtype)?;
        self.check_operand(OP, dst, layout, dtype)?;
        let r = self.resolve(layout, axis, indices, OP)?;
        let (dst_view, delta_view) =
            virtual_layouts(layout, axis, indices.len(), &r.index_shape, layout.offset());
        check_shape(values_layout, dst_view.shape(), OP)?;
        let shape = dst_view.shape().to_vec();
        let n: usize = shape.iter().product();
        if n == 0 {
            return Ok(());
        }
        dst.make_unique(self, true)?;
        // the destinations span the view's extent (the virtual view has zero strides on
        // the index axes)
        let (lo, hi) = layout.extent();
        let win = self.alloc((hi - lo) as u64 * 4, "xp scatter claims")?;
        let lo = lo as i32;
        let claim_params = self.params(&map_params(&shape, &[&delta_view, &dst_view], &[lo])?)?;
        let write_params = self.params(&map_params(
            &shape,
            &[values_layout, &delta_view, &dst_view],
            &[lo],
        )?)?;
        let claim = self.kernel("scatter_claim", &claim_source(), &[false, false, true])?;
        let write = self.kernel(
            &format!("scatter_{dtype}"),
            &write_source(dtype),
            &[false, false, false, false, true],
        )?;
        let mut batch = self.batch();
        batch.run(&claim, &[&claim_params, &r.delta, &win], n as u64)?;
        batch.run(
            &write,
            &[&write_params, values.buffer(), &r.delta, &win, dst.buffer()],
            n as u64,
        )?;
        batch.submit();
        Ok(())
    }
}

/// The claim pass of `scatter`: `win[dst - lo] = max(flat position + 1)`.
fn claim_source() -> String {
    let mut s = binding(0, "prm", DType::Int32, false, false);
    s += &binding(1, "delta", DType::Int32, false, false);
    s += "@group(0) @binding(2) var<storage, read_write> win: array<atomic<u32>>;\n";
    s += &offsets_fn(2);
    s += "fn xp(j: i32) -> i32 { let nd = prm[1]; return prm[2 + nd + 2 * (nd + 1) + j]; }\n";
    s += MAIN_HEAD;
    s += "  if t >= u32(prm[0]) { return; }\n  let o = offs(t);\n  \
          let d = o[1] + delta[u32(o[0])] - xp(0);\n  atomicMax(&win[u32(d)], t + 1u);\n}\n";
    s
}

/// The write pass of `scatter`: positions that won their destination store their value.
fn write_source(dtype: DType) -> String {
    let mut s = binding(0, "prm", DType::Int32, false, false);
    s += &binding(1, "vals", dtype, false, false);
    s += &binding(2, "delta", DType::Int32, false, false);
    s += &binding(3, "win", DType::UInt32, false, false);
    s += &binding(4, "out", dtype, true, true);
    s += &load_fn("ldv", "vals", dtype, false);
    s += &store_fn("st", "out", dtype);
    s += &offsets_fn(3);
    s += "fn xp(j: i32) -> i32 { let nd = prm[1]; return prm[2 + nd + 3 * (nd + 1) + j]; }\n";
    s += MAIN_HEAD;
    s += "  if t >= u32(prm[0]) { return; }\n  let o = offs(t);\n  \
          let d = o[2] + delta[u32(o[1])];\n  if win[u32(d - xp(0))] == t + 1u { st(u32(d), ldv(u32(o[0]))); }\n}\n";
    s
}

/// Layouts over the result shape `pre ++ I ++ post` of an advanced index: the view's own
/// strides on `pre` and `post` (zero on `I`; `delta` supplies the offset there), and the
/// position in the `delta` table (C-contiguous over `I`, zero elsewhere).
fn virtual_layouts(
    layout: &Layout,
    axis: usize,
    k: usize,
    index_shape: &[usize],
    offset: usize,
) -> (Layout, Layout) {
    let (shape, strides) = (layout.shape(), layout.strides());
    let mut out_shape = shape[..axis].to_vec();
    out_shape.extend_from_slice(index_shape);
    out_shape.extend_from_slice(&shape[axis + k..]);
    let mut view_strides = strides[..axis].to_vec();
    view_strides.extend(std::iter::repeat_n(0, index_shape.len()));
    view_strides.extend_from_slice(&strides[axis + k..]);
    let mut delta_strides = vec![0isize; axis];
    delta_strides.extend(contiguous_strides(index_shape));
    delta_strides.extend(std::iter::repeat_n(0, shape.len() - axis - k));
    (
        Layout::new(out_shape.clone(), view_strides, offset),
        Layout::new(out_shape, delta_strides, 0),
    )
}

/// Storage offset of the element at C-order position `p` of `layout`.
fn position_offset(layout: &Layout, mut p: usize) -> usize {
    let mut o = layout.offset() as isize;
    for (&d, &s) in layout.shape().iter().zip(layout.strides()).rev() {
        o += (p % d) as isize * s;
        p /= d;
    }
    o as usize
}
