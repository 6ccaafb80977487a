//! `SortOps` for [`Wgpu`]: a stable bitonic sort along one axis and a binary search.
//!
//! Every element is mapped to an unsigned *order key* (`u32`, or `u64` for 64-bit dtypes)
//! whose unsigned order is NumPy's sort order: integers with the sign bit flipped, floats
//! by the usual sign-magnitude flip with `-0.0` mapped to `+0.0`'s key and every NaN to the
//! largest key. Sorting `(key, index)` pairs lexicographically is a total order, so the
//! bitonic network (which is not stable by itself) gives the stable permutation.
//!
//! Each lane (the elements along the axis, for one position of the other axes) is padded
//! to a power of two `P` with `(MAX, index ≥ len)` entries, which sort after every real
//! element (NaNs included: equal keys fall back to the index). The network runs the stages
//! with `j < 256` inside workgroup memory (blocks of 512 entries), and the longer stages as
//! global compare-exchange passes. `sort` then gathers the original elements (bit for bit:
//! NaN payloads and the sign of zero are kept) through the sorted indices.

use crate::map::MapSpec;
use crate::reduce::{check_axes, fold_params, FOLD_INDEX};
use crate::runtime::Batch;
use crate::storage::{check_len, data_bytes, unsupported, WgpuStorage};
use crate::wgsl::{array_ty, binding, load_fn, store_fn, value_ty, MAIN_HEAD};
use crate::{backend_error, Wgpu};
use array_api::{DType, Layout, Result};

/// Entries per workgroup block of the local network.
const BLOCK: u64 = 512;

/// The key type of `d`: `(WGSL type, largest key)`.
fn key_ty(d: DType) -> (&'static str, &'static str) {
    if d.itemsize() == 8 {
        ("u64", "0xfffffffffffffffflu")
    } else {
        ("u32", "0xffffffffu")
    }
}

/// `fn key(v: V) -> K`: the order key of a value of `d` (see the module docs).
fn key_fn(d: DType) -> Option<String> {
    let v = value_ty(d);
    let body = match d {
        DType::Bool => "return select(0u, 1u, v);".to_string(),
        DType::Int8 | DType::Int16 | DType::Int32 => "return bitcast<u32>(v) ^ 0x80000000u;".into(),
        DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => "return v;".into(),
        DType::Int64 => "return bitcast<u64>(v) ^ 0x8000000000000000lu;".into(),
        DType::Float32 => "let b = bitcast<u32>(v);\n  let a = b & 0x7fffffffu;\n  \
             if a > 0x7f800000u { return 0xffffffffu; }\n  if a == 0u { return 0x80000000u; }\n  \
             if (b >> 31u) != 0u { return ~b; }\n  return b | 0x80000000u;"
            .into(),
        DType::Float64 => "let b = bitcast<u64>(v);\n  let a = b & 0x7fffffffffffffffLU;\n  \
             if a > 0x7ff0000000000000lu { return 0xfffffffffffffffflu; }\n  \
             if a == 0lu { return 0x8000000000000000lu; }\n  \
             if (b >> 63u) != 0lu { return ~b; }\n  return b | 0x8000000000000000lu;"
            .replace("LU", "lu"),
        _ => return None,
    };
    let (k, _) = key_ty(d);
    Some(format!("fn key(v: {v}) -> {k} {{\n  {body}\n}}\n"))
}

/// `fn before(ka, ia, kb, ib) -> bool`: `(ka, ia) < (kb, ib)`.
fn before_fn(k: &str) -> String {
    format!(
        "fn before(ka: {k}, ia: u32, kb: {k}, ib: u32) -> bool {{ return ka < kb || (ka == kb && ia < ib); }}\n"
    )
}

/// Writes every lane's keys (padded with `(MAX, p)` entries) and indices.
fn keys_source(d: DType, key: &str) -> String {
    let (k, max) = key_ty(d);
    let mut s = binding(0, "prm", DType::Int32, false, false);
    s += &binding(1, "in0", d, false, false);
    s += &format!("@group(0) @binding(2) var<storage, read_write> keys: array<{k}>;\n");
    s += "@group(0) @binding(3) var<storage, read_write> idx: array<u32>;\n";
    s += &load_fn("ld", "in0", d, false);
    s += key;
    s += FOLD_INDEX;
    s += MAIN_HEAD;
    s += &format!(
        "  let lanes = u32(prm[0]);\n  let n = u32(prm[1]);\n  let lp = u32(xp(0));\n  \
         if t >= (lanes << lp) {{ return; }}\n  let p = t & ((1u << lp) - 1u);\n  let r = t >> lp;\n  \
         var kv = {max};\n  if p < n {{ kv = key(ld(u32(base(r) + roff(p)))); }}\n  \
         keys[t] = kv;\n  idx[t] = p;\n}}\n"
    );
    s
}

/// One global compare-exchange pass `(k, j)` of the bitonic network.
fn global_step_source(k: &str) -> String {
    let mut s = binding(0, "prm", DType::Int32, false, false);
    s += &format!("@group(0) @binding(1) var<storage, read_write> keys: array<{k}>;\n");
    s += "@group(0) @binding(2) var<storage, read_write> idx: array<u32>;\n";
    s += &before_fn(k);
    s += MAIN_HEAD;
    s += "  let total = u32(prm[0]);\n  let k = u32(prm[1]);\n  let j = u32(prm[2]);\n  let pl = u32(prm[3]);\n  \
          if t >= total / 2u { return; }\n  let lo = t & (j - 1u);\n  let i = ((t - lo) << 1u) + lo;\n  \
          let q = i + j;\n  let asc = k >= pl || (i & k) == 0u;\n  \
          let ki = keys[i];\n  let kq = keys[q];\n  let ii = idx[i];\n  let iq = idx[q];\n  \
          if before(kq, iq, ki, ii) == asc {\n    keys[i] = kq;\n    keys[q] = ki;\n    idx[i] = iq;\n    idx[q] = ii;\n  }\n}\n";
    s
}

/// The stages `k` in `[kmin, kmax]`, `j ≤ min(k / 2, 256)`, of the network on blocks of
/// 512 entries in workgroup memory.
fn local_source(k: &str) -> String {
    let mut s = binding(0, "prm", DType::Int32, false, false);
    s += &format!("@group(0) @binding(1) var<storage, read_write> keys: array<{k}>;\n");
    s += "@group(0) @binding(2) var<storage, read_write> idx: array<u32>;\n";
    s += &before_fn(k);
    s += &format!("var<workgroup> sk: array<{k}, 512>;\nvar<workgroup> si: array<u32, 512>;\n");
    s += "@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) l: u32, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let total = u32(prm[0]);
  let kmin = u32(prm[1]);
  let kmax = u32(prm[2]);
  let pl = u32(prm[3]);
  let b0 = (wid.x + wid.y * nwg.x) * 512u;
  for (var h = 0u; h < 2u; h++) {
    let e = l + h * 256u;
    if b0 + e < total {
      sk[e] = keys[b0 + e];
      si[e] = idx[b0 + e];
    }
  }
  workgroupBarrier();
  for (var k = kmin; k <= kmax; k = k << 1u) {
    for (var j = min(k >> 1u, 256u); j > 0u; j = j >> 1u) {
      let lo = l & (j - 1u);
      let i = ((l - lo) << 1u) + lo;
      let q = i + j;
      if b0 + q < total {
        let asc = k >= pl || ((b0 + i) & k) == 0u;
        let ki = sk[i];
        let kq = sk[q];
        let ii = si[i];
        let iq = si[q];
        if before(kq, iq, ki, ii) == asc {
          sk[i] = kq;
          sk[q] = ki;
          si[i] = iq;
          si[q] = ii;
        }
      }
      workgroupBarrier();
    }
  }
  for (var h = 0u; h < 2u; h++) {
    let e = l + h * 256u;
    if b0 + e < total {
      keys[b0 + e] = sk[e];
      idx[b0 + e] = si[e];
    }
  }
}
";
    s
}

/// Writes the sorted indices (`argsort`, `int64`) or the gathered elements (`sort`) at
/// their C-order positions in the input shape. `xp(0)` = log2 P, `xp(1)` = the length of
/// the axes after the sorted one.
fn output_source(d: DType, gather: bool) -> String {
    let od = if gather { d } else { DType::Int64 };
    let mut s = binding(0, "prm", DType::Int32, false, false);
    s += &binding(1, "in0", d, false, false);
    s += "@group(0) @binding(2) var<storage, read> idx: array<u32>;\n";
    s += &binding(3, "out", od, true, true);
    s += &load_fn("ld", "in0", d, false);
    s += &store_fn("st", "out", od);
    s += FOLD_INDEX;
    s += MAIN_HEAD;
    s += "  let lanes = u32(prm[0]);\n  let n = u32(prm[1]);\n  if t >= lanes * n { return; }\n  \
          let lp = u32(xp(0));\n  let inner = u32(xp(1));\n  let outer = t / (n * inner);\n  \
          let rem = t - outer * n * inner;\n  let j = rem / inner;\n  let r = outer * inner + rem % inner;\n  \
          let id = idx[(r << lp) + j];\n";
    if gather {
        s += "  st(t, ld(u32(base(r) + roff(id))));\n}\n";
    } else {
        s += "  st(t, i64(id));\n}\n";
    }
    s
}

impl Wgpu {
    /// Sorts every lane of the view along `axis`: returns the index buffer (`lanes · P`
    /// entries, lane `r` at `r · P`), the fold parameters and log2 P.
    pub(crate) fn sorted_indices(
        &self,
        op: &'static str,
        x: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<(wgpu::Buffer, Vec<i32>)> {
        let key = key_fn(dtype).ok_or_else(|| unsupported(op, dtype))?;
        let n = layout.shape()[axis];
        let lanes = layout.size() / n.max(1);
        let lp = n.next_power_of_two().trailing_zeros();
        let pl = 1u64 << lp;
        let total = lanes as u64 * pl;
        if total > u32::MAX as u64 / 2 {
            return Err(backend_error(format!(
                "{op}: {lanes} lanes of {n} elements (padded to {pl}) exceed the sort kernel's limit"
            )));
        }
        let kept: Vec<usize> = (0..layout.ndim()).filter(|&a| a != axis).collect();
        let inner: usize = layout.shape()[axis + 1..].iter().product();
        let params = fold_params(layout, &kept, &[axis], &[lp as i32, inner.max(1) as i32])?;
        let (k, _) = key_ty(dtype);
        let ksize = if k == "u64" { 8 } else { 4 };
        let keys = self.alloc(total * ksize, "xp sort keys")?;
        let idx = self.alloc(total * 4, "xp sort indices")?;
        let mut batch = self.batch();
        let kk = self.kernel(
            &format!("sort_keys_{dtype}"),
            &keys_source(dtype, &key),
            &[false, false, true, true],
        )?;
        let prm = self.params(&params)?;
        batch.run(&kk, &[&prm, x.buffer(), &keys, &idx], total)?;
        self.bitonic(&mut batch, k, &keys, &idx, total, pl)?;
        batch.submit();
        Ok((idx, params))
    }

    /// Records the bitonic network over `total` entries, lanes of `pl` (a power of two).
    fn bitonic(
        &self,
        batch: &mut Batch<'_>,
        k: &str,
        keys: &wgpu::Buffer,
        idx: &wgpu::Buffer,
        total: u64,
        pl: u64,
    ) -> Result<()> {
        if pl < 2 {
            return Ok(());
        }
        let local = self.kernel(
            &format!("sort_local_{k}"),
            &local_source(k),
            &[false, true, true],
        )?;
        let global = self.kernel(
            &format!("sort_step_{k}"),
            &global_step_source(k),
            &[false, true, true],
        )?;
        let blocks = total.div_ceil(BLOCK);
        let local_threads = blocks * 256;
        let p = self.params(&[total as i32, 2, pl.min(BLOCK) as i32, pl as i32])?;
        batch.run(&local, &[&p, keys, idx], local_threads)?;
        let mut kst = 2 * BLOCK;
        while kst <= pl {
            let mut j = kst / 2;
            while j >= BLOCK {
                let p = self.params(&[total as i32, kst as i32, j as i32, pl as i32])?;
                batch.run(&global, &[&p, keys, idx], total / 2)?;
                j /= 2;
            }
            let p = self.params(&[total as i32, kst as i32, kst as i32, pl as i32])?;
            batch.run(&local, &[&p, keys, idx], local_threads)?;
            kst *= 2;
        }
        Ok(())
    }

    /// `SortOps::sort` (`gather`) and `SortOps::argsort`.
    pub(crate) fn sort_view(
        &self,
        x: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        gather: bool,
    ) -> Result<WgpuStorage> {
        let op = if gather { "sort" } else { "argsort" };
        self.check_operand(op, x, layout, dtype)?;
        check_axes(layout, &[axis], op)?;
        let od = if gather { dtype } else { DType::Int64 };
        self.check_dtype(op, od)?;
        key_fn(dtype).ok_or_else(|| unsupported(op, dtype))?;
        let size = layout.size();
        check_len(size, od)?;
        let out = self.alloc(data_bytes(od, size), op)?;
        if size == 0 {
            return Ok(WgpuStorage::new(out, 0, od));
        }
        let (idx, params) = self.sorted_indices(op, x, layout, dtype, axis)?;
        let kernel = self.kernel(
            &format!("{op}_out_{dtype}"),
            &output_source(dtype, gather),
            &[false, false, false, true],
        )?;
        let prm = self.params(&params)?;
        let mut batch = self.batch();
        batch.run(&kernel, &[&prm, x.buffer(), &idx, &out], size as u64)?;
        batch.submit();
        Ok(WgpuStorage::new(out, size, od))
    }

    /// `SortOps::searchsorted`: one invocation per value, a binary search on order keys.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn searchsorted_view(
        &self,
        sorted: &WgpuStorage,
        sorted_layout: &Layout,
        values: &WgpuStorage,
        values_layout: &Layout,
        dtype: DType,
        right: bool,
    ) -> Result<WgpuStorage> {
        const OP: &str = "searchsorted";
        self.check_operand(OP, sorted, sorted_layout, dtype)?;
        self.check_operand(OP, values, values_layout, dtype)?;
        self.check_dtype(OP, DType::Int64)?;
        if sorted_layout.ndim() != 1 {
            return Err(backend_error(format!(
                "{OP}: the sorted operand must be 1-d, got shape {:?}",
                sorted_layout.shape()
            )));
        }
        let key = key_fn(dtype).ok_or_else(|| unsupported(OP, dtype))?;
        let go_right = if right { "km <= kv" } else { "km < kv" };
        let mut spec = MapSpec::new(
            format!(
                "searchsorted_{}_{dtype}",
                if right { "right" } else { "left" }
            ),
            &[dtype],
            DType::Int64,
            format!(
                "  let kv = key(x0);\n  var lo = 0u;\n  var hi = u32(xp(0));\n  \
                 while lo < hi {{\n    let mid = lo + (hi - lo) / 2u;\n    \
                 let km = key(lds(u32(xp(1) + i32(mid) * xp(2))));\n    \
                 if {go_right} {{ lo = mid + 1u; }} else {{ hi = mid; }}\n  }}\n  return i64(lo);"
            ),
        );
        spec.consts = Some(array_ty(dtype).to_string());
        spec.helpers = format!("{}{key}", load_fn("lds", "cst", dtype, false));
        let extra = [
            sorted_layout.shape()[0] as i32,
            sorted_layout.offset() as i32,
            sorted_layout.strides()[0] as i32,
        ];
        self.map_fresh(
            &spec,
            values_layout.shape(),
            &[(values.buffer(), values_layout)],
            &extra,
            Some(sorted.buffer()),
        )
    }
}
