//! The strided map kernel: the template behind copies, casts, creation, `tri`, gathers and
//! elementwise ops.
//!
//! One invocation per output element (or per output *word* for packed fresh outputs):
//! from its C-order flat index `i` over the (collapsed) shape it computes the storage
//! offset of every operand from the shapes, strides and offsets in the parameter buffer,
//! loads the inputs, applies the op body and stores the result.
//!
//! Parameter buffer (`prm: array<i32>`, binding 0):
//! `[n, ndim, shape[ndim], (offset, strides[ndim]) per operand, extra...]`, where the
//! operands are the inputs then (in strided mode) the output, and `extra` are op-specific
//! integers read with `xp(j)`.

use crate::storage::{check_len, data_bytes, WgpuStorage};
use crate::wgsl::{self, binding, load_fn, packed_bits, per_slot, store_fn, value_ty, MAIN_HEAD};
use crate::{backend_error, Wgpu};
use array_api::{DType, Layout, Result};
use std::fmt::Write;

/// How a map kernel writes its output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OutMode {
    /// The output is the whole buffer, C-contiguous from element 0: packed dtypes are
    /// written a word at a time with plain stores.
    Fresh,
    /// The output is a strided view (writable: no repeated elements) of a buffer whose
    /// other elements must be kept: packed dtypes are stored with atomics.
    Strided,
}

/// A map kernel: its operand dtypes and WGSL body.
#[derive(Clone, Debug)]
pub(crate) struct MapSpec {
    /// A label for errors and debuggers.
    pub label: String,
    /// The input dtypes (`x0`, `x1`, ... in the body).
    pub inputs: Vec<DType>,
    /// The output dtype.
    pub output: DType,
    /// Input 0 is read from the output binding, through the output's layout (in-place
    /// ops; strided mode only).
    pub in_place: bool,
    /// The WGSL element type of an extra read-only binding `cst` of op constants.
    pub consts: Option<String>,
    /// Extra WGSL (helper functions) placed before the body.
    pub helpers: String,
    /// Body of `fn op(x0: V0, ..., i: u32) -> VOut`; `i` is the flat output index.
    pub body: String,
    /// Replaces the default loads `let xk = ldk(u32(o[k]));` (for indirect reads).
    pub fetch: Option<String>,
}

impl MapSpec {
    /// A spec with the given dtypes and body, no constants, helpers or in-place input.
    pub(crate) fn new(
        label: impl Into<String>,
        inputs: &[DType],
        output: DType,
        body: impl Into<String>,
    ) -> MapSpec {
        MapSpec {
            label: label.into(),
            inputs: inputs.to_vec(),
            output,
            in_place: false,
            consts: None,
            helpers: String::new(),
            body: body.into(),
            fetch: None,
        }
    }

    /// The WGSL source of this kernel in `mode`.
    pub(crate) fn source(&self, mode: OutMode) -> String {
        let nin = self.inputs.len();
        // Operands with their own offsets in the parameter buffer.
        let nops = nin + usize::from(mode == OutMode::Strided) - usize::from(self.in_place);
        let mut s = String::new();
        s.push_str(&binding(0, "prm", DType::Int32, false, false));
        let mut b = 1;
        for (k, &d) in self.inputs.iter().enumerate() {
            if self.in_place && k == 0 {
                continue;
            }
            s.push_str(&binding(b, &format!("in{k}"), d, false, false));
            s.push_str(&load_fn(&format!("ld{k}"), &format!("in{k}"), d, false));
            b += 1;
        }
        let atomic = mode == OutMode::Strided;
        s.push_str(&binding(b, "out", self.output, true, atomic));
        b += 1;
        if atomic {
            s.push_str(&store_fn("st", "out", self.output));
        }
        if self.in_place {
            s.push_str(&load_fn("ld0", "out", self.inputs[0], atomic));
        }
        if let Some(ct) = &self.consts {
            let _ = writeln!(
                s,
                "@group(0) @binding({b}) var<storage, read> cst: array<{ct}>;"
            );
        }
        s.push_str(&offsets_fn(nops));
        let _ = writeln!(
            s,
            "fn xp(j: i32) -> i32 {{ let nd = prm[1]; return prm[2 + nd + {nops} * (nd + 1) + j]; }}"
        );
        s.push_str(&self.helpers);
        let params: String = self
            .inputs
            .iter()
            .enumerate()
            .map(|(k, &d)| format!("x{k}: {}, ", value_ty(d)))
            .collect();
        let _ = writeln!(
            s,
            "fn op({params}i: u32) -> {} {{\n{}\n}}",
            value_ty(self.output),
            self.body
        );
        let fetch = self.fetch.clone().unwrap_or_else(|| {
            (0..nin)
                .map(|k| {
                    // the in-place input reads at the output's offset (the last operand)
                    let o = if self.in_place && k == 0 {
                        nops - 1
                    } else {
                        k - usize::from(self.in_place)
                    };
                    format!("let x{k} = ld{k}(u32(o[{o}]));\n")
                })
                .collect()
        });
        let args: String = (0..nin).map(|k| format!("x{k}, ")).collect();
        s.push_str(MAIN_HEAD);
        s.push_str("  let n = u32(prm[0]);\n");
        let offs = if nops > 0 { "let o = offs(i);\n" } else { "" };
        match (mode, packed_bits(self.output)) {
            (OutMode::Strided, _) => {
                let _ = write!(
                    s,
                    "  let i = t;\n  if i >= n {{ return; }}\n  {offs}{fetch}  st(u32(o[{}]), op({args}i));\n}}\n",
                    nops - 1
                );
            }
            (OutMode::Fresh, None) => {
                let _ = write!(
                    s,
                    "  let i = t;\n  if i >= n {{ return; }}\n  {offs}{fetch}  out[i] = op({args}i);\n}}\n"
                );
            }
            (OutMode::Fresh, Some(bits)) => {
                let ept = per_slot(self.output);
                let _ = write!(
                    s,
                    "  if t * {ept}u >= n {{ return; }}\n  var word = 0u;\n  for (var k = 0u; k < {ept}u; k++) {{\n    \
                     let i = t * {ept}u + k;\n    if i < n {{\n    {offs}{fetch}    let v = op({args}i);\n    \
                     word |= {} << (k * {bits}u);\n    }}\n  }}\n  out[t] = word;\n}}\n",
                    wgsl::to_bits(self.output, "v")
                );
            }
        }
        s
    }

    /// The `writable` flags of this kernel's bindings (see [`Wgpu::kernel`]).
    fn writable(&self) -> Vec<bool> {
        let nin = self.inputs.len() - usize::from(self.in_place);
        let mut w = vec![false; 1 + nin];
        w.push(true);
        if self.consts.is_some() {
            w.push(false);
        }
        w
    }
}

/// `fn offs(i: u32) -> array<i32, NOPS>`: the storage offset of each operand at flat
/// index `i` (empty when there are no operands).
pub(crate) fn offsets_fn(nops: usize) -> String {
    if nops == 0 {
        return String::new();
    }
    let mut s = format!(
        "fn offs(i: u32) -> array<i32, {nops}> {{\n  let nd = prm[1];\n  var r: array<i32, {nops}>;\n"
    );
    for k in 0..nops {
        let _ = writeln!(s, "  r[{k}] = prm[2 + nd + {k} * (nd + 1)];");
    }
    s.push_str(
        "  var rem = i;\n  for (var d = nd - 1; d >= 0; d--) {\n    let sz = u32(prm[2 + d]);\n    \
         let q = rem / sz;\n    let ix = i32(rem - q * sz);\n    rem = q;\n",
    );
    for k in 0..nops {
        let _ = writeln!(s, "    r[{k}] += ix * prm[3 + nd + {k} * (nd + 1) + d];");
    }
    s.push_str("  }\n  return r;\n}\n");
    s
}

/// The parameter words of a map over `shape` with the operand `layouts` (all of `shape`),
/// followed by `extra`. Axes are collapsed first (length-1 axes dropped, mergeable axes
/// merged), which keeps the C order of the flat index.
pub(crate) fn map_params(shape: &[usize], layouts: &[&Layout], extra: &[i32]) -> Result<Vec<i32>> {
    let n: usize = shape.iter().product();
    if n > i32::MAX as usize {
        return Err(backend_error(format!(
            "{n} elements exceed the WebGPU backend's limit of {} per kernel",
            i32::MAX
        )));
    }
    let (cs, cst) = Layout::collapse(shape, layouts);
    let mut p = vec![n as i32, cs.len() as i32];
    p.extend(cs.iter().map(|&d| d as i32));
    for (l, st) in layouts.iter().zip(&cst) {
        p.push(l.offset() as i32);
        p.extend(st.iter().map(|&s| s as i32));
    }
    p.extend_from_slice(extra);
    Ok(p)
}

/// Where a map kernel writes.
pub(crate) enum Target<'a> {
    /// A new buffer, C-contiguous (see [`OutMode::Fresh`]).
    Fresh(&'a wgpu::Buffer),
    /// A view of an existing buffer.
    View(&'a wgpu::Buffer, &'a Layout),
}

impl Wgpu {
    /// Runs the map kernel `spec` over `shape`: inputs `(buffer, layout)` (of `shape`; the
    /// in-place input's entry is ignored), output `target`, op constants `consts`.
    pub(crate) fn run_map(
        &self,
        spec: &MapSpec,
        shape: &[usize],
        inputs: &[(&wgpu::Buffer, &Layout)],
        target: Target<'_>,
        extra: &[i32],
        consts: Option<&wgpu::Buffer>,
    ) -> Result<()> {
        let n: usize = shape.iter().product();
        if n == 0 {
            return Ok(());
        }
        let skip = usize::from(spec.in_place);
        let mut layouts: Vec<&Layout> = inputs[skip..].iter().map(|(_, l)| *l).collect();
        let (mode, out_buf) = match target {
            Target::Fresh(b) => (OutMode::Fresh, b),
            Target::View(b, l) => {
                layouts.push(l);
                (OutMode::Strided, b)
            }
        };
        let params = self.params(&map_params(shape, &layouts, extra)?)?;
        let source = spec.source(mode);
        let kernel = self.kernel(&spec.label, &source, &spec.writable())?;
        let mut buffers: Vec<&wgpu::Buffer> = vec![&params];
        buffers.extend(inputs[skip..].iter().map(|(b, _)| *b));
        buffers.push(out_buf);
        buffers.extend(consts);
        let threads = match mode {
            OutMode::Fresh => (n as u64).div_ceil(per_slot(spec.output) as u64),
            OutMode::Strided => n as u64,
        };
        let mut batch = self.batch();
        batch.run(&kernel, &buffers, threads)?;
        batch.submit();
        Ok(())
    }

    /// Runs `spec` into a new contiguous storage of `shape`.
    pub(crate) fn map_fresh(
        &self,
        spec: &MapSpec,
        shape: &[usize],
        inputs: &[(&wgpu::Buffer, &Layout)],
        extra: &[i32],
        consts: Option<&wgpu::Buffer>,
    ) -> Result<WgpuStorage> {
        let n: usize = shape.iter().product();
        check_len(n, spec.output)?;
        let out = self.alloc(data_bytes(spec.output, n), &spec.label)?;
        self.run_map(spec, shape, inputs, Target::Fresh(&out), extra, consts)?;
        Ok(WgpuStorage::new(out, n, spec.output))
    }

    /// Runs `spec` into the view `layout` of `out` (copy-on-write first). A view that is
    /// the whole storage in C order is written as a fresh output.
    pub(crate) fn map_into(
        &self,
        spec: &MapSpec,
        inputs: &[(&wgpu::Buffer, &Layout)],
        out: &mut WgpuStorage,
        layout: &Layout,
        extra: &[i32],
        consts: Option<&wgpu::Buffer>,
    ) -> Result<()> {
        let whole = layout.offset() == 0 && layout.size() == out.len() && layout.is_contiguous();
        if layout.size() == 0 {
            return Ok(());
        }
        out.make_unique(self, !whole || spec.in_place)?;
        let target = if whole && !spec.in_place {
            Target::Fresh(out.buffer())
        } else {
            Target::View(out.buffer(), layout)
        };
        self.run_map(spec, layout.shape(), inputs, target, extra, consts)
    }
}
