//! `ReduceOps` for [`Wgpu`]: reductions over any set of axes, arg-reductions and scans
//! along one axis, read through the input's strides.
//!
//! One kernel template serves all three. The view is split into *kept* axes (the output
//! index space, C order) and *reduced* axes (folded in C order); the parameter buffer is
//! `[nout, nred, nk, nr, offset, kshape[nk], kstrides[nk], rshape[nr], rstrides[nr],
//! extra...]`. An op is a state type `S` with `lift(v, j) -> S` (`j` the reduced index),
//! an order-preserving `comb(a, b) -> S` (`a` covers earlier elements than `b`) and
//! `fin(s)`:
//!
//! - **lane mode**: one invocation per output folds the whole reduced range;
//! - **group mode**: one workgroup of 256 per output; invocation `l` folds the `l`-th
//!   contiguous chunk of the reduced range, then the chunks are combined by a tree in
//!   shared memory that only ever combines adjacent ranges, left before right.
//!
//! Float and complex sums fold each invocation's range by *cascade summation* (blocks of
//! 8 added sequentially, block sums merged pairwise through a binary-counter stack), so
//! the error is `O(log n · eps · Σ|x|)` in both modes. `Min` / `Max` / integer ops and
//! `All` / `Any` are associative with these combiners (bit-exact whatever the split); a
//! float or complex `Prod` is folded sequentially by one invocation per output, in C
//! order, as the trait requires. Scans run one invocation per lane, sequentially.

use crate::elementwise::libm::{library, Prec};
use crate::storage::{check_len, data_bytes, unsupported, WgpuStorage};
use crate::wgsl::{binding, load_fn, packed_bits, store_fn, value_ty, MAIN_HEAD, WORKGROUP};
use crate::{backend_error, Wgpu};
use array_api::{ArgReduceOp, DType, Layout, ReduceOp, Result, Scalar, ScanOp};
use std::fmt::Write;

/// The per-op pieces of a fold kernel.
pub(crate) struct Fold {
    /// WGSL type of the state.
    pub(crate) state: String,
    /// Extra WGSL (struct declarations, library functions).
    pub(crate) helpers: String,
    /// Body of `fn lift(v: V, j: u32) -> S`.
    pub(crate) lift: String,
    /// Body of `fn comb(a: S, b: S) -> S`.
    pub(crate) comb: String,
    /// Body of `fn fin(s: S) -> OutV`.
    pub(crate) fin: String,
    /// Fold ranges by cascade summation (float sums).
    pub(crate) cascade: bool,
    /// Must be folded sequentially by one invocation (non-associative combine).
    pub(crate) sequential: bool,
    /// The identity every fold starts from (`Prod`: `1 · x0 · x1 ...`, as the reference
    /// computes; it matters for complex, where `(1 + 0i)(a + bi)` is not always `a + bi`).
    pub(crate) init: Option<String>,
}

pub(crate) fn prec(d: DType) -> Prec {
    match d {
        DType::Float64 | DType::Complex128 => Prec::F64,
        _ => Prec::F32,
    }
}

/// The `$X` prefix of the library functions of `d`'s precision.
pub(crate) fn lib_prefix(d: DType) -> &'static str {
    match prec(d) {
        Prec::F64 => "xp",
        Prec::F32 => "xpf",
    }
}

/// The fold of `op` on `d` (the input, state and output dtype).
fn reduce_fold(op: ReduceOp, d: DType) -> Option<Fold> {
    let v = value_ty(d).to_string();
    let plain = |comb: &str, cascade: bool, sequential: bool, helpers: String| Fold {
        state: v.clone(),
        helpers,
        lift: "return v;".into(),
        comb: comb.into(),
        fin: "return s;".into(),
        cascade,
        sequential,
        init: None,
    };
    let boolean = |comb: &str| Fold {
        state: "u32".into(),
        helpers: String::new(),
        lift: "return select(0u, 1u, v);".into(),
        comb: comb.into(),
        fin: "return s != 0u;".into(),
        cascade: false,
        sequential: false,
        init: None,
    };
    let x = lib_prefix(d);
    Some(match (op, d) {
        (ReduceOp::All, DType::Bool) => boolean("return a & b;"),
        (ReduceOp::Any, DType::Bool) => boolean("return a | b;"),
        (ReduceOp::Sum | ReduceOp::Prod, DType::Bool) => return None,
        (ReduceOp::All | ReduceOp::Any, _) => return None,
        (ReduceOp::Min | ReduceOp::Max, DType::Bool) => {
            let cmp = if op == ReduceOp::Min { "<" } else { ">" };
            boolean(&format!("return select(a, b, b {cmp} a);"))
        }
        (ReduceOp::Min | ReduceOp::Max, _) if d.is_complex() => return None,
        (ReduceOp::Min | ReduceOp::Max, _) if d.is_real_floating() => {
            let cmp = if op == ReduceOp::Min { "<" } else { ">" };
            plain(
                &format!(
                    "if {x}_isnan(a) || !(b {cmp} a || {x}_isnan(b)) {{ return a; }} return b;"
                ),
                false,
                false,
                library(prec(d), &["bits"]),
            )
        }
        (ReduceOp::Min | ReduceOp::Max, _) => {
            let cmp = if op == ReduceOp::Min { "<" } else { ">" };
            plain(
                &format!("return select(a, b, b {cmp} a);"),
                false,
                false,
                String::new(),
            )
        }
        (ReduceOp::Sum, _) => plain("return a + b;", d.is_floating(), false, String::new()),
        (ReduceOp::Prod, _) if d.is_complex() => Fold {
            init: Some(format!("{v}(1, {x}_oz())")),
            ..plain(
                &format!("return {x}_cmul(a, b);"),
                false,
                true,
                library(prec(d), &["carith"]),
            )
        },
        (ReduceOp::Prod, _) => Fold {
            init: Some(format!("{v}(1)")),
            ..plain("return a * b;", false, d.is_floating(), String::new())
        },
    })
}

/// The fold of an arg-reduction on `d`: state `(value, index)`, output `int64`.
fn arg_fold(op: ArgReduceOp, d: DType) -> Option<Fold> {
    if d.is_complex() || d == DType::String {
        return None;
    }
    let (sv, lift) = if d == DType::Bool {
        ("u32", "return St(select(0u, 1u, v), j);")
    } else {
        (value_ty(d), "return St(v, j);")
    };
    let cmp = if op == ArgReduceOp::ArgMin { "<" } else { ">" };
    let (helpers, comb) = if d.is_real_floating() {
        let x = lib_prefix(d);
        (
            library(prec(d), &["bits"]),
            format!(
                "if {x}_isnan(a.v) {{ return a; }} if {x}_isnan(b.v) || b.v {cmp} a.v {{ return b; }} return a;"
            ),
        )
    } else {
        (
            String::new(),
            format!("if b.v {cmp} a.v {{ return b; }} return a;"),
        )
    };
    Some(Fold {
        state: "St".into(),
        helpers: format!("struct St {{ v: {sv}, i: u32 }}\n{helpers}"),
        lift: lift.into(),
        comb,
        fin: "return i64(s.i);".into(),
        cascade: false,
        sequential: false,
        init: None,
    })
}

/// The fold of a scan on `d`.
fn scan_fold(op: ScanOp, d: DType) -> Option<Fold> {
    let r = match op {
        ScanOp::Sum => ReduceOp::Sum,
        ScanOp::Prod => ReduceOp::Prod,
    };
    reduce_fold(r, d).map(|mut f| {
        f.cascade = false;
        f.sequential = true;
        f
    })
}

/// WGSL index helpers of the fold parameter layout (see the module docs): `base(o)`, the
/// storage offset of output `o`'s first element; `roff(j)`, the offset of reduced
/// element `j` from it; `xp(j)`, extra parameter `j`.
pub(crate) const FOLD_INDEX: &str = "
fn base(o: u32) -> i32 {
  let nk = prm[2];
  var r = prm[4];
  var rem = o;
  for (var d = nk - 1; d >= 0; d--) {
    let sz = u32(prm[5 + d]);
    let q = rem / sz;
    r += i32(rem - q * sz) * prm[5 + nk + d];
    rem = q;
  }
  return r;
}
fn roff(j: u32) -> i32 {
  let nk = prm[2];
  let nr = prm[3];
  let b = 5 + 2 * nk;
  var r = 0;
  var rem = j;
  for (var d = nr - 1; d >= 0; d--) {
    let sz = u32(prm[b + d]);
    let q = rem / sz;
    r += i32(rem - q * sz) * prm[b + nr + d];
    rem = q;
  }
  return r;
}
fn xp(j: i32) -> i32 { return prm[5 + 2 * prm[2] + 2 * prm[3] + j]; }
";

/// The loop iterations one invocation may run: lavapipe (llvmpipe's gallivm) silently
/// stops an invocation's loops after 65535 iterations in all, so every long fold is split
/// into dispatches of at most this many iterations per invocation, the partial state
/// carried between them.
const LOOP_BUDGET: usize = 32768;

/// Bytes of one fold state of `f` on input dtype `d` in a storage buffer.
fn state_bytes(f: &Fold, d: DType) -> u64 {
    let v = if packed_bits(d).is_some() {
        4
    } else {
        d.itemsize() as u64
    };
    match f.state.as_str() {
        "u32" | "i32" | "f32" => 4,
        "i64" | "u64" | "f64" | "vec2<f32>" => 8,
        "vec2<f64>" => 16,
        "St" => 2 * v.max(4),
        _ => v,
    }
}

/// How a fold kernel maps invocations to outputs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Lane,
    Group,
    Scan,
}

/// The WGSL source of a fold kernel reading `input`, writing `output`.
///
/// Every dispatch covers the reduced positions `[xp(0), xp(1))` of each output; the state
/// of a partial fold is carried between dispatches in the `acc` buffer (binding 3).
fn fold_source(f: &Fold, input: DType, output: DType, mode: Mode) -> String {
    let v = value_ty(input);
    let s = &f.state;
    let mut w = String::new();
    w += &binding(0, "prm", DType::Int32, false, false);
    w += &binding(1, "in0", input, false, false);
    w += &binding(2, "out", output, true, true);
    w += &f.helpers;
    let _ = writeln!(
        w,
        "@group(0) @binding(3) var<storage, read_write> acc: array<{s}>;"
    );
    w += &load_fn("ld", "in0", input, false);
    w += &store_fn("st", "out", output);
    let _ = writeln!(w, "fn lift(v: {v}, j: u32) -> {s} {{ {} }}", f.lift);
    let _ = writeln!(w, "fn comb(a: {s}, b: {s}) -> {s} {{ {} }}", f.comb);
    let _ = writeln!(w, "fn fin(s: {s}) -> {} {{ {} }}", value_ty(output), f.fin);
    w += FOLD_INDEX;
    let _ = writeln!(
        w,
        "fn elem(b: i32, j: u32) -> {s} {{ return lift(ld(u32(b + roff(j))), j); }}"
    );
    // sequential fold of [lo, hi) onto a
    let _ = writeln!(
        w,
        "fn fold_from(a0: {s}, b: i32, lo: u32, hi: u32) -> {s} {{\n  var a = a0;\n  \
         for (var j = lo; j < hi; j++) {{ a = comb(a, elem(b, j)); }}\n  return a;\n}}"
    );
    // fold of the non-empty range [lo, hi)
    let _ = writeln!(w, "fn fold(b: i32, lo: u32, hi: u32) -> {s} {{");
    if f.cascade {
        let _ = writeln!(
            w,
            "  var stk: array<{s}, 32>;\n  var sp = 0u;\n  var cnt = 0u;\n  var j = lo;\n  \
             while j < hi {{\n    var v = elem(b, j);\n    j++;\n    let e = min(j + 7u, hi);\n    \
             while j < e {{ v = comb(v, elem(b, j)); j++; }}\n    cnt++;\n    var c = cnt;\n    \
             while (c & 1u) == 0u {{ sp--; v = comb(stk[sp], v); c = c >> 1u; }}\n    \
             stk[sp] = v;\n    sp++;\n  }}\n  var r = stk[sp - 1u];\n  \
             for (var k = sp - 1u; k > 0u; k--) {{ r = comb(stk[k - 1u], r); }}\n  return r;\n}}"
        );
    } else if let Some(init) = &f.init {
        let _ = writeln!(w, "  return fold_from({init}, b, lo, hi);\n}}");
    } else {
        w += "  return fold_from(elem(b, lo), b, lo + 1u, hi);\n}\n";
    }
    // the end of a dispatch: the result, or the carried state
    let _ = writeln!(
        w,
        "fn finish(o: u32, a: {s}, c1: u32) {{\n  if c1 == u32(prm[1]) {{ st(o, fin(a)); }} else {{ acc[o] = a; }}\n}}"
    );
    match mode {
        Mode::Lane => {
            w += MAIN_HEAD;
            w += "  if t >= u32(prm[0]) { return; }\n  let c0 = u32(xp(0));\n  let c1 = u32(xp(1));\n  \
                  let b = base(t);\n  if c0 == 0u { finish(t, fold(b, 0u, c1), c1); } \
                  else { finish(t, fold_from(acc[t], b, c0, c1), c1); }\n}\n";
        }
        Mode::Scan => {
            // lane t of the kept axes; xp(2) = the length of the kept axes after the scanned one
            w += MAIN_HEAD;
            w += "  if t >= u32(prm[0]) { return; }\n  let n = u32(prm[1]);\n  let c0 = u32(xp(0));\n  \
                  let c1 = u32(xp(1));\n  let inner = u32(xp(2));\n  \
                  let o0 = (t / inner) * n * inner + t % inner;\n  let b = base(t);\n  \
                  var a: ";
            w += s;
            w += ";\n  var j = c0;\n  if c0 == 0u { a = elem(b, 0u); st(o0, fin(a)); j = 1u; } else { a = acc[t]; }\n  \
                  for (; j < c1; j++) { a = comb(a, elem(b, j)); st(o0 + j * inner, fin(a)); }\n  \
                  if c1 < n { acc[t] = a; }\n}\n";
        }
        Mode::Group => {
            let _ = write!(
                w,
                "var<workgroup> sh: array<{s}, 256>;
@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) l: u32, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {{
  let o = wid.x + wid.y * nwg.x;
  let live = o < u32(prm[0]);
  let c0 = u32(xp(0));
  let c1 = u32(xp(1));
  let len = c1 - c0;
  let chunk = (len + 255u) / 256u;
  let nact = (len + chunk - 1u) / chunk;
  if live && l < nact {{
    let lo = c0 + l * chunk;
    sh[l] = fold(base(o), lo, min(lo + chunk, c1));
  }}
  workgroupBarrier();
  for (var off = 1u; off < 256u; off = off << 1u) {{
    if live && (l % (2u * off)) == 0u && l + off < nact {{ sh[l] = comb(sh[l], sh[l + off]); }}
    workgroupBarrier();
  }}
  if live && l == 0u {{
    if c0 == 0u {{ finish(o, sh[0], c1); }} else {{ finish(o, comb(acc[o], sh[0]), c1); }}
  }}
}}
"
            );
        }
    }
    w
}

/// The parameter words of a fold of `layout` keeping `kept` and reducing `red` (axes).
pub(crate) fn fold_params(
    layout: &Layout,
    kept: &[usize],
    red: &[usize],
    extra: &[i32],
) -> Result<Vec<i32>> {
    let sh = layout.shape();
    let st = layout.strides();
    let nout: usize = kept.iter().map(|&a| sh[a]).product();
    let nred: usize = red.iter().map(|&a| sh[a]).product();
    if layout.size() > i32::MAX as usize {
        return Err(backend_error(format!(
            "{} elements exceed the WebGPU backend's limit of {} per kernel",
            layout.size(),
            i32::MAX
        )));
    }
    let mut p = vec![
        nout as i32,
        nred as i32,
        kept.len() as i32,
        red.len() as i32,
        layout.offset() as i32,
    ];
    for axes in [kept, red] {
        p.extend(axes.iter().map(|&a| sh[a] as i32));
        p.extend(axes.iter().map(|&a| st[a] as i32));
    }
    p.extend_from_slice(extra);
    Ok(p)
}

pub(crate) fn check_axes(layout: &Layout, axes: &[usize], op: &str) -> Result<()> {
    let nd = layout.ndim();
    if axes.iter().any(|&a| a >= nd) || axes.windows(2).any(|w| w[0] >= w[1]) {
        return Err(backend_error(format!(
            "{op}: axes {axes:?} are not sorted, distinct axes of {nd}"
        )));
    }
    Ok(())
}

impl Wgpu {
    /// Runs a fold kernel into a new storage of `nout_total` elements of `output`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn run_fold(
        &self,
        label: &str,
        f: &Fold,
        x: &WgpuStorage,
        layout: &Layout,
        input: DType,
        output: DType,
        kept: &[usize],
        red: &[usize],
        mode: Mode,
        extra: &[i32],
        out_len: usize,
    ) -> Result<WgpuStorage> {
        check_len(out_len, output)?;
        let out = self.alloc(data_bytes(output, out_len), label)?;
        let probe = fold_params(layout, kept, red, &[0, 0])?;
        let (nout, nred) = (probe[0] as usize, probe[1] as usize);
        if nout > 0 && nred > 0 {
            let source = fold_source(f, input, output, mode);
            let kernel = self.kernel(label, &source, &[false, false, true, true])?;
            // elements per invocation and dispatch within lavapipe's loop budget
            let per = (LOOP_BUDGET / (4 + red.len())).max(1);
            let span = match mode {
                Mode::Group => per * WORKGROUP as usize,
                Mode::Lane | Mode::Scan => per,
            };
            let chained = nred > span;
            let acc = self.alloc(
                if chained {
                    nout as u64 * state_bytes(f, input)
                } else {
                    16
                },
                "xp fold state",
            )?;
            let threads = match mode {
                Mode::Group => nout as u64 * WORKGROUP as u64,
                Mode::Lane | Mode::Scan => nout as u64,
            };
            let mut batch = self.batch();
            let mut c0 = 0;
            while c0 < nred {
                let c1 = nred.min(c0 + span);
                let mut ex = vec![c0 as i32, c1 as i32];
                ex.extend_from_slice(extra);
                let prm = self.params(&fold_params(layout, kept, red, &ex)?)?;
                batch.run(&kernel, &[&prm, x.buffer(), &out, &acc], threads)?;
                c0 = c1;
            }
            batch.submit();
        }
        Ok(WgpuStorage::new(out, out_len, output))
    }

    /// Lane or group mode for `nout` outputs of `nred` elements each.
    pub(crate) fn fold_mode(f: &Fold, nout: usize, nred: usize) -> Mode {
        if f.sequential || nred < 2 || (nred < 128 && nout >= 256) {
            Mode::Lane
        } else {
            Mode::Group
        }
    }

    /// `ReduceOps::reduce`.
    pub(crate) fn reduce_view(
        &self,
        op: ReduceOp,
        x: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axes: &[usize],
    ) -> Result<WgpuStorage> {
        const OP: &str = "reduce";
        self.check_operand(OP, x, layout, dtype)?;
        check_axes(layout, axes, OP)?;
        let f = reduce_fold(op, dtype).ok_or_else(|| unsupported(OP, dtype))?;
        // no axes: every element is its own reduction (a copy, but `Prod` multiplies
        // each by the identity like the reference)
        let kept: Vec<usize> = (0..layout.ndim()).filter(|a| !axes.contains(a)).collect();
        let nout: usize = kept.iter().map(|&a| layout.shape()[a]).product();
        let nred: usize = axes.iter().map(|&a| layout.shape()[a]).product();
        if nred == 0 {
            let id = match op {
                ReduceOp::Sum => Scalar::Int(0),
                ReduceOp::Prod => Scalar::Int(1),
                ReduceOp::All => Scalar::Bool(true),
                ReduceOp::Any => Scalar::Bool(false),
                // an empty output needs no identity (the front end rejects empty
                // min/max only when there are outputs to fill)
                ReduceOp::Min | ReduceOp::Max if nout == 0 => Scalar::Int(0),
                ReduceOp::Min | ReduceOp::Max => {
                    return Err(backend_error(format!(
                        "reduce: {op:?} of an empty set of elements"
                    )))
                }
            };
            return self.full_storage(nout, id, dtype);
        }
        let mode = Self::fold_mode(&f, nout, nred);
        self.run_fold(
            &format!("reduce_{op:?}_{dtype}"),
            &f,
            x,
            layout,
            dtype,
            dtype,
            &kept,
            axes,
            mode,
            &[],
            nout,
        )
    }

    /// `ReduceOps::arg_reduce`.
    pub(crate) fn arg_reduce_view(
        &self,
        op: ArgReduceOp,
        x: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<WgpuStorage> {
        const OP: &str = "arg_reduce";
        self.check_operand(OP, x, layout, dtype)?;
        self.check_dtype(OP, DType::Int64)?;
        check_axes(layout, &[axis], OP)?;
        let f = arg_fold(op, dtype).ok_or_else(|| unsupported(OP, dtype))?;
        let kept: Vec<usize> = (0..layout.ndim()).filter(|&a| a != axis).collect();
        let nout: usize = kept.iter().map(|&a| layout.shape()[a]).product();
        let nred = layout.shape()[axis];
        if nred == 0 && nout > 0 {
            return Err(backend_error(format!("{OP}: {op:?} along an empty axis")));
        }
        let mode = Self::fold_mode(&f, nout, nred);
        self.run_fold(
            &format!("arg_reduce_{op:?}_{dtype}"),
            &f,
            x,
            layout,
            dtype,
            DType::Int64,
            &kept,
            &[axis],
            mode,
            &[],
            nout,
        )
    }

    /// `ReduceOps::scan`.
    pub(crate) fn scan_view(
        &self,
        op: ScanOp,
        x: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<WgpuStorage> {
        const OP: &str = "scan";
        self.check_operand(OP, x, layout, dtype)?;
        check_axes(layout, &[axis], OP)?;
        let f = scan_fold(op, dtype).ok_or_else(|| unsupported(OP, dtype))?;
        let kept: Vec<usize> = (0..layout.ndim()).filter(|&a| a != axis).collect();
        let inner: usize = layout.shape()[axis + 1..].iter().product();
        self.run_fold(
            &format!("scan_{op:?}_{dtype}"),
            &f,
            x,
            layout,
            dtype,
            dtype,
            &kept,
            &[axis],
            Mode::Scan,
            &[inner.max(1) as i32],
            layout.size(),
        )
    }
}
