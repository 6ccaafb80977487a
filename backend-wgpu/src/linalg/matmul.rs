//! Batched matmul: a tiled workgroup-memory kernel.
//!
//! One workgroup of 16 x 16 invocations computes a `16t x 16t` tile of one output matrix;
//! invocation `(r, c)` accumulates the `t x t` outputs `(r + 16i, c + 16j)` in registers
//! (`t` is 4, 2 or 1: the largest whose two staging tiles fit the device's workgroup
//! memory, 1 for small matrices). The `K` axis is walked in steps of 16: each step stages
//! a `16t x 16` tile of `a` and a `16 x 16t` tile of `b` in workgroup memory (every
//! invocation loads `t` elements of each, read through the operands' strides: transposed
//! and broadcast operands need no copy), then every invocation does `16 t^2`
//! multiply-adds from workgroup memory.
//!
//! Parameter buffer: `[groups, M, K, N, tiles_n, tiles_m, k0, k1, first, a_off, a_sm,
//! a_sk, b_off, b_sk, b_sn, nbd, batch_shape[nbd], a_batch_strides[nbd],
//! b_batch_strides[nbd]]`. Lavapipe stops an invocation's loops after 65,535 iterations,
//! so a long `K` is split into dispatches of at most [`K_CHUNK`] (`[k0, k1)`), each adding
//! its partial products to the output (`first` = 0 after the first chunk).
//!
//! Integers wrap (narrow ones are computed in 32-bit registers and truncated on the
//! store, which is the same modulo their width); complex products are
//! `(ac - bd, ad + bc)`. Floats accumulate each output in `K` order within a dispatch.

use crate::storage::{check_len, data_bytes, unsupported, WgpuStorage};
use crate::wgsl::{binding, load_fn, store_fn, value_ty, zero};
use crate::{backend_error, Wgpu};
use array_api::{DType, Layout, Result};
use std::fmt::Write;

const OP: &str = "matmul";

/// `K` elements per dispatch: 1,024 steps of 16, each 17 loop iterations.
const K_CHUNK: usize = 16 * 1024;

/// Bytes of one register value of `d` (packed dtypes are computed in 32 bits).
fn value_bytes(d: DType) -> u32 {
    match d {
        DType::Int64 | DType::UInt64 | DType::Float64 | DType::Complex64 => 8,
        DType::Complex128 => 16,
        _ => 4,
    }
}

/// The WGSL of the kernel for dtype `d` with `t x t` outputs per invocation.
fn source(d: DType, t: usize) -> String {
    let v = value_ty(d);
    let z = zero(d);
    let (bm, bn) = (16 * t, 16 * t);
    let mut w = String::new();
    w += &binding(0, "prm", DType::Int32, false, false);
    w += &binding(1, "xa", d, false, false);
    w += &binding(2, "xb", d, false, false);
    w += &binding(3, "out", d, true, true);
    w += &load_fn("lda", "xa", d, false);
    w += &load_fn("ldb", "xb", d, false);
    w += &load_fn("ldo", "out", d, true);
    w += &store_fn("st", "out", d);
    if d.is_complex() {
        let _ = writeln!(
            w,
            "fn mac(c: {v}, a: {v}, b: {v}) -> {v} {{ return c + {v}(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x); }}"
        );
    } else {
        let _ = writeln!(
            w,
            "fn mac(c: {v}, a: {v}, b: {v}) -> {v} {{ return c + a * b; }}"
        );
    }
    let _ = writeln!(w, "var<workgroup> sa: array<{v}, {}>;", bm * 16);
    let _ = writeln!(w, "var<workgroup> sb: array<{v}, {}>;", 16 * bn);
    w += "@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) l: u32, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let g = wid.x + wid.y * nwg.x;
  if g >= u32(prm[0]) { return; }
  let m = prm[1];
  let n = prm[3];
  let tn = u32(prm[4]);
  let tiles = tn * u32(prm[5]);
  let bi = g / tiles;
  let tile = g - bi * tiles;
";
    let _ = writeln!(
        w,
        "  let r0 = i32(tile / tn) * {bm};\n  let c0 = i32(tile % tn) * {bn};"
    );
    w += "  let nbd = prm[15];
  var ao = prm[9];
  var bo = prm[12];
  var rem = bi;
  for (var d = nbd - 1; d >= 0; d--) {
    let sz = u32(prm[16 + d]);
    let q = rem / sz;
    let i = i32(rem - q * sz);
    ao += i * prm[16 + nbd + d];
    bo += i * prm[16 + 2 * nbd + d];
    rem = q;
  }
  let a_sm = prm[10];
  let a_sk = prm[11];
  let b_sk = prm[13];
  let b_sn = prm[14];
  let lr = i32(l / 16u);
  let lc = i32(l % 16u);
  let k1 = prm[7];
";
    for i in 0..t {
        for j in 0..t {
            let _ = writeln!(w, "  var c{i}_{j} = {z};");
        }
    }
    w += "  for (var k0 = prm[6]; k0 < k1; k0 += 16) {\n";
    for i in 0..t {
        let _ = writeln!(
            w,
            "    {{ let r = r0 + lr + {o}; let k = k0 + lc; var v = {z}; \
             if r < m && k < k1 {{ v = lda(u32(ao + r * a_sm + k * a_sk)); }} sa[(lr + {o}) * 16 + lc] = v; }}",
            o = 16 * i
        );
    }
    for j in 0..t {
        let _ = writeln!(
            w,
            "    {{ let k = k0 + lr; let c = c0 + lc + {o}; var v = {z}; \
             if k < k1 && c < n {{ v = ldb(u32(bo + k * b_sk + c * b_sn)); }} sb[lr * {bn} + lc + {o}] = v; }}",
            o = 16 * j
        );
    }
    w += "    workgroupBarrier();\n    for (var kk = 0; kk < 16; kk++) {\n";
    for i in 0..t {
        let _ = writeln!(w, "      let a{i} = sa[(lr + {}) * 16 + kk];", 16 * i);
    }
    for j in 0..t {
        let _ = writeln!(w, "      let b{j} = sb[kk * {bn} + lc + {}];", 16 * j);
    }
    for i in 0..t {
        for j in 0..t {
            let _ = writeln!(w, "      c{i}_{j} = mac(c{i}_{j}, a{i}, b{j});");
        }
    }
    w += "    }\n    workgroupBarrier();\n  }\n";
    for i in 0..t {
        for j in 0..t {
            let _ = writeln!(
                w,
                "  {{ let r = r0 + lr + {ro}; let c = c0 + lc + {co}; if r < m && c < n {{ \
                 let o = u32((i32(bi) * m + r) * n + c); \
                 if prm[8] != 0 {{ st(o, c{i}_{j}); }} else {{ st(o, ldo(o) + c{i}_{j}); }} }} }}",
                ro = 16 * i,
                co = 16 * j
            );
        }
    }
    w += "}\n";
    w
}

/// A layout's matrix part: (offset, row stride, column stride) and its stack strides.
fn parts(layout: &Layout) -> (i32, i32, i32, Vec<i32>) {
    let nd = layout.ndim();
    let st = layout.strides();
    (
        layout.offset() as i32,
        st[nd - 2] as i32,
        st[nd - 1] as i32,
        st[..nd - 2].iter().map(|&s| s as i32).collect(),
    )
}

impl Wgpu {
    /// [`LinalgOps::matmul`](array_api::LinalgOps::matmul) on the device.
    pub(crate) fn matmul_view(
        &self,
        a: &WgpuStorage,
        al: &Layout,
        b: &WgpuStorage,
        bl: &Layout,
        dtype: DType,
    ) -> Result<WgpuStorage> {
        self.check_operand(OP, a, al, dtype)?;
        self.check_operand(OP, b, bl, dtype)?;
        if !dtype.is_numeric() {
            return Err(unsupported(OP, dtype));
        }
        let nd = al.ndim();
        if nd < 2 || nd != bl.ndim() {
            return Err(array_api::Error::invalid(
                OP,
                "kernel needs two stacks of one rank",
            ));
        }
        let (sa, sb) = (al.shape(), bl.shape());
        if sa[nd - 1] != sb[nd - 2] || sa[..nd - 2] != sb[..nd - 2] {
            return Err(array_api::Error::ShapeMismatch {
                op: OP,
                shapes: vec![sa.to_vec(), sb.to_vec()],
                reason: "are not aligned stacks".into(),
            });
        }
        let (m, k, n) = (sa[nd - 2], sa[nd - 1], sb[nd - 1]);
        let batch = &sa[..nd - 2];
        let nb: usize = batch.iter().product();
        let len = nb * m * n;
        check_len(len, dtype)?;
        if len == 0 {
            return WgpuStorage::zeros(self, 0, dtype);
        }
        if k == 0 {
            return self.full_storage(len, array_api::Scalar::Int(0), dtype);
        }
        if [len, al.size(), bl.size()]
            .iter()
            .any(|&s| s > i32::MAX as usize)
        {
            return Err(backend_error(format!(
                "{OP}: more than {} elements per operand",
                i32::MAX
            )));
        }
        // the widest tile whose staging fits the workgroup memory (small matrices: 1)
        let mem = self.device().limits().max_compute_workgroup_storage_size;
        let t = [4usize, 2, 1]
            .into_iter()
            .find(|&t| {
                t == 1
                    || (m >= 16 * t
                        && n >= 16 * t
                        && 2 * 256 * t as u32 * value_bytes(dtype) <= mem)
            })
            .unwrap_or(1);
        let kernel = self.kernel(
            &format!("matmul_{dtype}_{t}"),
            &source(dtype, t),
            &[false, false, false, true],
        )?;
        let (tm, tn) = (m.div_ceil(16 * t), n.div_ceil(16 * t));
        let groups = nb * tm * tn;
        if groups > i32::MAX as usize {
            return Err(backend_error(format!("{OP}: {groups} workgroups")));
        }
        let (ao, asm, ask, abs) = parts(al);
        let (bo, bsk, bsn, bbs) = parts(bl);
        let out = self.alloc(data_bytes(dtype, len), "xp matmul")?;
        let mut batch_run = self.batch();
        let mut k0 = 0;
        while k0 < k {
            let k1 = k.min(k0 + K_CHUNK);
            let mut p = vec![
                groups as i32,
                m as i32,
                k as i32,
                n as i32,
                tn as i32,
                tm as i32,
                k0 as i32,
                k1 as i32,
                (k0 == 0) as i32,
                ao,
                asm,
                ask,
                bo,
                bsk,
                bsn,
                batch.len() as i32,
            ];
            p.extend(batch.iter().map(|&s| s as i32));
            p.extend_from_slice(&abs);
            p.extend_from_slice(&bbs);
            let prm = self.params(&p)?;
            batch_run.run(
                &kernel,
                &[&prm, a.buffer(), b.buffer(), &out],
                groups as u64 * 256,
            )?;
            k0 = k1;
        }
        batch_run.submit();
        Ok(WgpuStorage::new(out, len, dtype))
    }
}
