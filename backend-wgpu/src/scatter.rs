//! `ScatterOps` for [`Wgpu`]: per-bin counts and weighted sums on the device.
//!
//! - **Counts** are `atomicAdd`s on `atomic<u32>` counters, converted to `int64` by a final
//!   kernel. A storage holds fewer than 2^31 elements (see `check_len`), so no bin can
//!   reach 2^32 and the `u32` counters never overflow.
//! - **`float32` weights** are added with a compare-exchange loop on the bits of the sum
//!   (`atomic<u32>` holding an `f32`). The order of the additions is whatever the atomics
//!   make it.
//! - Both use **workgroup-private histograms** when the bins fit in workgroup memory
//!   (`length ≤ PRIVATE_BINS`): each workgroup counts a contiguous chunk of the input into
//!   shared atomics, then adds its non-zero bins to the global ones; contention on a hot
//!   bin (skewed data) stays inside the workgroup. More bins go straight to global atomics.
//! - **`float64` weights**: WGSL has no 64-bit atomics, so the sums are made
//!   deterministic instead: the bin indices are sorted stably with the sort kernels
//!   (entries of a bin stay in input order), the sorted positions are cut into blocks of
//!   [`SEG`]; a first kernel sums each block's leading run (`head`), a second one, per
//!   block, sums every run that *starts* in the block in order and, when the run goes on
//!   past the block, adds the `head`s of the following blocks. A bin's sum is therefore
//!   its weights in input order, summed in blocks of at most [`SEG`] then added up left to
//!   right: the same on every run, and a serial sum for bins of up to [`SEG`] entries.
//!
//! Indices outside `0..length` are skipped (they never touch a bin).

use crate::storage::{check_len, data_bytes, WgpuStorage};
use crate::wgsl::{binding, MAIN_HEAD};
use crate::{backend_error, Wgpu};
use array_api::backend_stats::check_scatter_add;
use array_api::{DType, Layout, Result};

const OP: &str = "scatter_add";

/// Sorted positions per block of the `float64` segmented sum.
const SEG: u32 = 256;

/// The WGSL of `fn bin(i: u32) -> u32`: entry `i`'s bin, `0xffffffff` when it is outside
/// `0..length` (parameters: `prm[1]` length, `prm[2]` offset, `prm[3]` stride).
fn bin_fn(index: DType) -> String {
    let check = if index == DType::Int64 {
        "v >= 0 && v < i64(prm[1])"
    } else {
        "v >= 0 && v < prm[1]"
    };
    format!(
        "fn raw(i: u32) -> {t} {{ return idx[u32(prm[2] + i32(i) * prm[3])]; }}\n\
         fn bin(i: u32) -> u32 {{ let v = raw(i); return select(0xffffffffu, u32(v), {check}); }}\n",
        t = if index == DType::Int64 { "i64" } else { "i32" }
    )
}

/// `fn wt(i: u32) -> T`: entry `i`'s weight (`prm[4]` offset, `prm[5]` stride).
const WEIGHT_FN: &str = "fn wt(i: u32) -> WT { return w[u32(prm[4] + i32(i) * prm[5])]; }\n";

/// `fn add_ARR(b: u32, v: f32)`: adds `v` to the `f32` whose bits the atomic word
/// `ARR[b]` holds, with a compare-exchange loop.
fn add_f32_fn(arr: &str) -> String {
    format!(
        "fn add_{arr}(b: u32, v: f32) {{\n  \
         var old = atomicLoad(&{arr}[b]);\n  loop {{\n    \
         let r = atomicCompareExchangeWeak(&{arr}[b], old, bitcast<u32>(bitcast<f32>(old) + v));\n    \
         if r.exchanged {{ break; }}\n    old = r.old_value;\n  }}\n}}\n"
    )
}

/// The atomic kernel: counts (`weights == None`) or `float32` sums into `out`
/// (`atomic<u32>` words), with a workgroup-private histogram of `private` bins when
/// `private > 0`. Parameters: `[n, length, ioff, istride, woff, wstride, per_group]`.
fn atomic_source(index: DType, weighted: bool, private: u32) -> String {
    let mut s = binding(0, "prm", DType::Int32, false, false);
    s += &binding(1, "idx", index, false, false);
    s += if weighted {
        "@group(0) @binding(2) var<storage, read> w: array<f32>;\n"
    } else {
        "@group(0) @binding(2) var<storage, read> w: array<u32>;\n"
    };
    s += "@group(0) @binding(3) var<storage, read_write> out: array<atomic<u32>>;\n";
    s += &bin_fn(index);
    if weighted {
        s += &WEIGHT_FN.replace("WT", "f32");
        s += &add_f32_fn("out");
    }
    let add = |target: &str, b: &str, v: &str| {
        if weighted {
            format!("add_{target}({b}, {v});")
        } else {
            format!("atomicAdd(&{target}[{b}], {v});")
        }
    };
    if private == 0 {
        s += MAIN_HEAD;
        s += &format!(
            "  if t >= u32(prm[0]) {{ return; }}\n  let b = bin(t);\n  if b == 0xffffffffu {{ return; }}\n  {}\n}}\n",
            add("out", "b", if weighted { "wt(t)" } else { "1u" })
        );
        return s;
    }
    s += &format!("var<workgroup> h: array<atomic<u32>, {private}>;\n");
    if weighted {
        s += &add_f32_fn("h");
    }
    s += &format!(
        "@compute @workgroup_size(256)\n\
fn main(@builtin(local_invocation_index) l: u32, @builtin(workgroup_id) wid: vec3<u32>,\n\
        @builtin(num_workgroups) nwg: vec3<u32>) {{\n\
  let n = u32(prm[0]);\n  let len = u32(prm[1]);\n  let per = u32(prm[6]);\n\
  let g = wid.x + wid.y * nwg.x;\n\
  for (var b = l; b < len; b += 256u) {{ atomicStore(&h[b], 0u); }}\n\
  workgroupBarrier();\n\
  let start = g * per;\n  let end = min(n, start + per);\n\
  for (var i = start + l; i < end; i += 256u) {{\n    let b = bin(i);\n    \
    if b != 0xffffffffu {{ {} }}\n  }}\n\
  workgroupBarrier();\n\
  for (var b = l; b < len; b += 256u) {{\n    let v = atomicLoad(&h[b]);\n    \
    if v != 0u {{ {} }}\n  }}\n}}\n",
        add("h", "b", if weighted { "wt(i)" } else { "1u" }),
        add("out", "b", if weighted { "bitcast<f32>(v)" } else { "v" }),
    );
    s
}

/// `out[i] = i64(cnt[i])` for the `prm[0]` counts.
const WIDEN: &str = "
@group(0) @binding(0) var<storage, read> prm: array<i32>;
@group(0) @binding(1) var<storage, read> cnt: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<i64>;
";

/// The two kernels of the `float64` segmented sum over the sorted permutation `perm`:
/// `heads` (each block's leading run) and `owners` (every run starting in a block).
/// Parameters: `[n, length, ioff, istride, woff, wstride]`.
fn segment_source(index: DType, owners: bool) -> String {
    let t = if index == DType::Int64 { "i64" } else { "i32" };
    let mut s = binding(0, "prm", DType::Int32, false, false);
    s += &binding(1, "idx", index, false, false);
    s += "@group(0) @binding(2) var<storage, read> w: array<f64>;\n";
    s += "@group(0) @binding(3) var<storage, read> perm: array<u32>;\n";
    s += if owners {
        "@group(0) @binding(4) var<storage, read> head: array<f64>;\n\
         @group(0) @binding(5) var<storage, read_write> out: array<f64>;\n"
    } else {
        "@group(0) @binding(4) var<storage, read_write> head: array<f64>;\n"
    };
    s += &bin_fn(index);
    s += &WEIGHT_FN.replace("WT", "f64");
    s += &format!("fn key(j: u32) -> {t} {{ return raw(perm[j]); }}\n");
    s += MAIN_HEAD;
    s += &format!(
        "  let n = u32(prm[0]);\n  let p0 = t * {SEG}u;\n  if p0 >= n {{ return; }}\n  \
         let end = min(n, p0 + {SEG}u);\n"
    );
    if !owners {
        s += "  let r = key(p0);\n  var acc = f64(0);\n  \
              for (var j = p0; j < end && key(j) == r; j++) { acc += wt(perm[j]); }\n  \
              head[t] = acc;\n}\n";
        return s;
    }
    s += &format!(
        "  var j = p0;\n  \
  if j > 0u {{ let prev = key(j - 1u); while j < end && key(j) == prev {{ j++; }} }}\n  \
  while j < end {{\n    \
    let r = key(j);\n    let b = bin(perm[j]);\n    var acc = f64(0);\n    \
    while j < end && key(j) == r {{ acc += wt(perm[j]); j++; }}\n    \
    if j == end && end < n && key(end) == r {{\n      \
      var k = t + 1u;\n      \
      loop {{\n        acc += head[k];\n        let e = min(n, (k + 1u) * {SEG}u);\n        \
        if e >= n || key(e) != r {{ break; }}\n        k++;\n      }}\n    }}\n    \
    if b != 0xffffffffu {{ out[b] = acc; }}\n  }}\n}}\n"
    );
    s
}

impl Wgpu {
    /// `ScatterOps::scatter_add` (see the module docs).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn scatter_add_view(
        &self,
        indices: &WgpuStorage,
        index_layout: &Layout,
        index_dtype: DType,
        weights: Option<(&WgpuStorage, &Layout)>,
        dtype: DType,
        length: usize,
    ) -> Result<WgpuStorage> {
        check_scatter_add(index_layout, index_dtype, weights.map(|w| w.1), dtype)?;
        self.check_operand(OP, indices, index_layout, index_dtype)?;
        if let Some((w, wl)) = weights {
            self.check_operand(OP, w, wl, dtype)?;
        }
        self.check_dtype(OP, dtype)?;
        check_len(length, dtype)?;
        let n = index_layout.shape()[0];
        let out = self.alloc(data_bytes(dtype, length), OP)?;
        if n == 0 || length == 0 {
            return Ok(WgpuStorage::new(out, length, dtype));
        }
        let (woff, wstride) = weights.map_or((0, 0), |(_, l)| (l.offset(), l.strides()[0]));
        let params = vec![
            n as i32,
            length as i32,
            index_layout.offset() as i32,
            index_layout.strides()[0] as i32,
            woff as i32,
            wstride as i32,
        ];
        if dtype == DType::Float64 {
            let w = weights.ok_or_else(|| backend_error("scatter_add: float64 without weights"))?;
            self.segmented_f64(indices, index_layout, index_dtype, w.0, &params, &out)?;
        } else {
            let weighted = weights.is_some();
            let counts = if weighted {
                None
            } else {
                Some(self.alloc(length as u64 * 4, "xp scatter_add counts")?)
            };
            let target = counts.as_ref().unwrap_or(&out);
            self.atomic_pass(indices, index_dtype, weights.map(|w| w.0), &params, target)?;
            if let Some(c) = &counts {
                let k = self.kernel(
                    "scatter_add_widen",
                    &format!(
                        "{WIDEN}{MAIN_HEAD}  if t < u32(prm[0]) {{ out[t] = i64(cnt[t]); }}\n}}\n"
                    ),
                    &[false, false, true],
                )?;
                let p = self.params(&[length as i32])?;
                let mut b = self.batch();
                b.run(&k, &[&p, c, &out], length as u64)?;
                b.submit();
            }
        }
        Ok(WgpuStorage::new(out, length, dtype))
    }

    /// Records and submits the atomic kernel (counts into `u32` words, or `float32` sums).
    fn atomic_pass(
        &self,
        indices: &WgpuStorage,
        index_dtype: DType,
        weights: Option<&WgpuStorage>,
        params: &[i32],
        target: &wgpu::Buffer,
    ) -> Result<()> {
        let (n, length) = (params[0] as u64, params[1] as u64);
        let mem = self.device().limits().max_compute_workgroup_storage_size as u64;
        let private_bins = (mem / 4).min(4096);
        let weighted = weights.is_some();
        let (private, per, threads) = if length <= private_bins {
            // enough entries per workgroup to pay for clearing and flushing its bins
            let per = (length * 8).max(256 * 16).min(n.max(1));
            let groups = n.div_ceil(per);
            (private_bins as u32, per, groups * 256)
        } else {
            (0, 0, n)
        };
        let kernel = self.kernel(
            &format!(
                "scatter_add_{index_dtype}_{}",
                if weighted { "f32" } else { "count" }
            ),
            &atomic_source(index_dtype, weighted, private),
            &[false, false, false, true],
        )?;
        let mut p = params.to_vec();
        p.push(per as i32);
        let prm = self.params(&p)?;
        // an unweighted kernel declares a weight binding it never reads
        let w = weights.map_or(indices.buffer(), |w| w.buffer());
        let mut b = self.batch();
        b.run(&kernel, &[&prm, indices.buffer(), w, target], threads)?;
        b.submit();
        Ok(())
    }

    /// The deterministic `float64` sums: stable sort of the indices, then the `heads` and
    /// `owners` kernels (see the module docs).
    fn segmented_f64(
        &self,
        indices: &WgpuStorage,
        index_layout: &Layout,
        index_dtype: DType,
        weights: &WgpuStorage,
        params: &[i32],
        out: &wgpu::Buffer,
    ) -> Result<()> {
        let n = params[0] as u64;
        let (perm, _) = self.sorted_indices(OP, indices, index_layout, index_dtype, 0)?;
        let blocks = n.div_ceil(SEG as u64);
        let head = self.alloc(blocks * 8, "xp scatter_add heads")?;
        let heads = self.kernel(
            &format!("scatter_add_heads_{index_dtype}"),
            &segment_source(index_dtype, false),
            &[false, false, false, false, true],
        )?;
        let owners = self.kernel(
            &format!("scatter_add_owners_{index_dtype}"),
            &segment_source(index_dtype, true),
            &[false, false, false, false, false, true],
        )?;
        let prm = self.params(params)?;
        let (ib, wb) = (indices.buffer(), weights.buffer());
        let mut b = self.batch();
        b.run(&heads, &[&prm, ib, wb, &perm, &head], blocks)?;
        b.run(&owners, &[&prm, ib, wb, &perm, &head, out], blocks)?;
        b.submit();
        Ok(())
    }
}
