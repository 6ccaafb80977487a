//! Prefix sums and stream compaction: the exclusive `u32` scan (a workgroup scan per block
//! of 256, the block totals scanned recursively, then added back) and `nonzero` built on
//! it.

use crate::cast::convert;
use crate::map::{map_params, offsets_fn, MapSpec};
use crate::runtime::Batch;
use crate::storage::WgpuStorage;
use crate::wgsl::{binding, load_fn, MAIN_HEAD, WORKGROUP};
use crate::{backend_error, Wgpu};
use array_api::{DType, Layout, Result};

/// Scans each block of 256 in place (exclusive) and writes the block totals.
const SCAN_BLOCK: &str = "
@group(0) @binding(0) var<storage, read> prm: array<u32>;
@group(0) @binding(1) var<storage, read_write> data: array<u32>;
@group(0) @binding(2) var<storage, read_write> sums: array<u32>;
var<workgroup> tmp: array<u32, 256>;
@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) l: u32, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let block = wid.x + wid.y * nwg.x;
  let i = block * 256u + l;
  let n = prm[0];
  var v = 0u;
  if i < n { v = data[i]; }
  tmp[l] = v;
  workgroupBarrier();
  for (var off = 1u; off < 256u; off = off << 1u) {
    var a = 0u;
    if l >= off { a = tmp[l - off]; }
    workgroupBarrier();
    tmp[l] = tmp[l] + a;
    workgroupBarrier();
  }
  if i < n { data[i] = tmp[l] - v; }
  if l == 255u { sums[block] = tmp[255]; }
}
";

/// Adds each block's scanned total to its elements.
const ADD_BLOCK: &str = "
@group(0) @binding(0) var<storage, read> prm: array<u32>;
@group(0) @binding(1) var<storage, read_write> data: array<u32>;
@group(0) @binding(2) var<storage, read> sums: array<u32>;
@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) l: u32, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let block = wid.x + wid.y * nwg.x;
  let i = block * 256u + l;
  if i < prm[0] { data[i] = data[i] + sums[block]; }
}
";

impl Wgpu {
    /// Records an exclusive prefix sum of the first `n` `u32`s of `data`, in place.
    /// Returns the buffer whose element 0 will hold the total.
    pub(crate) fn scan_u32(
        &self,
        batch: &mut Batch<'_>,
        data: &wgpu::Buffer,
        n: usize,
    ) -> Result<wgpu::Buffer> {
        let blocks = n.div_ceil(WORKGROUP as usize).max(1);
        let sums = self.alloc(blocks as u64 * 4, "xp scan block sums")?;
        let params = self.params(&[n as i32])?;
        let scan = self.kernel("scan_block", SCAN_BLOCK, &[false, true, true])?;
        batch.run(
            &scan,
            &[&params, data, &sums],
            blocks as u64 * WORKGROUP as u64,
        )?;
        if blocks == 1 {
            return Ok(sums);
        }
        let total = self.scan_u32(batch, &sums, blocks)?;
        let add = self.kernel("scan_add", ADD_BLOCK, &[false, true, false])?;
        batch.run(&add, &[&params, data, &sums], n as u64)?;
        Ok(total)
    }

    /// `IndexingOps::nonzero`: flags, their exclusive scan (each non-zero element's output
    /// row), the count read back, then a kernel writing each non-zero element's
    /// multi-index at its row.
    pub(crate) fn nonzero_indices(
        &self,
        src: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<(WgpuStorage, usize)> {
        const OP: &str = "nonzero";
        self.check_operand(OP, src, layout, dtype)?;
        self.check_dtype(OP, DType::Int64)?;
        let n = layout.size();
        let nd = layout.ndim();
        if n == 0 {
            return Ok((WgpuStorage::zeros(self, 0, DType::Int64)?, 0));
        }
        let pred = convert(dtype, DType::Bool, "x0", self.f64_ok());
        let flags_spec = MapSpec::new(
            format!("nonzero_flags_{dtype}"),
            &[dtype],
            DType::UInt32,
            format!("  return select(0u, 1u, {pred});"),
        );
        let flags = self.map_fresh(
            &flags_spec,
            layout.shape(),
            &[(src.buffer(), layout)],
            &[],
            None,
        )?;
        let mut batch = self.batch();
        let total = self.scan_u32(&mut batch, flags.buffer(), n)?;
        batch.submit();
        let raw = self.read_bytes(&total, 0, 4)?;
        let count =
            u32::from_le_bytes(raw.try_into().map_err(|_| backend_error("short read"))?) as usize;
        let out = WgpuStorage::zeros(self, count * nd, DType::Int64)?;
        if count == 0 || nd == 0 {
            return Ok((out, count));
        }
        let mut extra: Vec<i32> = vec![nd as i32];
        extra.extend(layout.shape().iter().map(|&d| d as i32));
        let params = self.params(&map_params(layout.shape(), &[layout], &extra)?)?;
        let source = write_indices_source(dtype, &pred);
        let kernel = self.kernel(
            &format!("nonzero_{dtype}"),
            &source,
            &[false, false, false, true],
        )?;
        let mut batch = self.batch();
        batch.run(
            &kernel,
            &[&params, src.buffer(), flags.buffer(), out.buffer()],
            n as u64,
        )?;
        batch.submit();
        Ok((out, count))
    }
}

/// Writes the multi-index of every non-zero element at its scanned row.
fn write_indices_source(dtype: DType, pred: &str) -> String {
    let mut s = binding(0, "prm", DType::Int32, false, false);
    s += &binding(1, "in0", dtype, false, false);
    s += &binding(2, "rows", DType::UInt32, false, false);
    s += &binding(3, "out", DType::Int64, true, false);
    s += &load_fn("ld0", "in0", dtype, false);
    s += &offsets_fn(1);
    s += "fn xp(j: i32) -> i32 { let nd = prm[1]; return prm[2 + nd + (nd + 1) + j]; }\n";
    s += MAIN_HEAD;
    s += &format!(
        "  if t >= u32(prm[0]) {{ return; }}\n  let x0 = ld0(u32(offs(t)[0]));\n  if !({pred}) {{ return; }}\n  \
         let nd = xp(0);\n  let row = rows[t];\n  var rem = t;\n  \
         for (var d = nd - 1; d >= 0; d--) {{\n    let sz = u32(xp(1 + d));\n    \
         out[row * u32(nd) + u32(d)] = bitcast<i64>(u64(rem % sz));\n    rem = rem / sz;\n  }}\n}}\n"
    );
    s
}
