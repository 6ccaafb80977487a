//! Creation kernels: `full`, `arange`, `linspace`.

use crate::map::MapSpec;
use crate::storage::{unsupported, WgpuStorage};
use crate::wgsl::value_ty;
use crate::Wgpu;
use array_api::{DType, Error, HostData, Layout, Result, Scalar};

impl Wgpu {
    /// `CreationOps::full`: the value, converted on the host with `Element::from_scalar`
    /// (the contract), is uploaded as one element and broadcast by the copy kernel.
    pub(crate) fn full_storage(
        &self,
        len: usize,
        value: Scalar,
        dtype: DType,
    ) -> Result<WgpuStorage> {
        const OP: &str = "full";
        self.check_dtype(OP, dtype)?;
        let one = HostData::filled(dtype, 1, value).ok_or_else(|| unsupported(OP, dtype))?;
        let one = self.upload_host(&one)?;
        let spec = MapSpec::new(format!("full_{dtype}"), &[dtype], dtype, "  return x0;");
        let src = Layout::new(vec![len], vec![0], 0);
        self.map_fresh(&spec, &[len], &[(one.buffer(), &src)], &[], None)
    }

    /// `CreationOps::arange`: integers exactly (modulo 2^64, wrapped to the dtype); floats
    /// as NumPy: `y0 = start`, `y1 = start + step` (in `f64`, then in the dtype), element
    /// `i ≥ 2` is `y0 + i * (y1 - y0)` in the dtype's precision.
    pub(crate) fn arange_storage(
        &self,
        len: usize,
        start: Scalar,
        step: Scalar,
        dtype: DType,
    ) -> Result<WgpuStorage> {
        const OP: &str = "arange";
        self.check_dtype(OP, dtype)?;
        if dtype.is_integer() {
            let (a, b) = match (start.to_i128(), step.to_i128()) {
                (Some(a), Some(b)) => (a as i64, b as i64),
                _ => {
                    return Err(Error::invalid(
                        OP,
                        format!("integer dtype {dtype} needs integer start and step, got {start} and {step}"),
                    ))
                }
            };
            let words = |v: i64| [v as i32, (v >> 32) as i32];
            let body = if dtype.itemsize() == 8 {
                let u64_of = |j: i32| {
                    format!(
                        "(u64(bitcast<u32>(xp({j}))) | (u64(bitcast<u32>(xp({}))) << 32u))",
                        j + 1
                    )
                };
                format!(
                    "  let v = {} + u64(i) * {};\n  return {}(v);",
                    u64_of(0),
                    u64_of(2),
                    value_ty(dtype)
                )
            } else {
                let v = "(bitcast<u32>(xp(0)) + i * bitcast<u32>(xp(2)))";
                let v = if value_ty(dtype) == "i32" {
                    format!("bitcast<i32>({v})")
                } else {
                    v.to_string()
                };
                format!("  return {};", crate::cast::wrap_narrow(dtype, &v))
            };
            let spec = MapSpec::new(format!("arange_{dtype}"), &[], dtype, body);
            let mut extra = words(a).to_vec();
            extra.extend(words(b));
            return self.map_fresh(&spec, &[len], &[], &extra, None);
        }
        let (a, b) = (start.to_f64(), step.to_f64());
        let consts = match dtype {
            DType::Float32 => {
                let (y0, y1) = (a as f32, (a + b) as f32);
                HostData::Float32(vec![y0, y1, y1 - y0])
            }
            DType::Float64 => {
                let (y0, y1) = (a, a + b);
                HostData::Float64(vec![y0, y1, y1 - y0])
            }
            _ => {
                return Err(Error::InvalidDType {
                    op: OP,
                    dtype,
                    expected: "a real numeric dtype",
                })
            }
        };
        let t = value_ty(dtype);
        let mut spec = MapSpec::new(
            format!("arange_{dtype}"),
            &[],
            dtype,
            format!(
                "  if i < 2u {{ return cst[i]; }}\n  let p = nofma_{t}({t}(i) * cst[2]);\n  return cst[0] + p;"
            ),
        );
        spec.consts = Some(t.to_string());
        spec.helpers = no_fma(t);
        let consts = self.upload_host(&consts)?;
        self.map_fresh(&spec, &[len], &[], &[], Some(consts.buffer()))
    }

    /// `CreationOps::linspace`, as NumPy: computed in `f64` (or `complex128`) and
    /// converted to the dtype; on a device without `f64` (where only `float32` and
    /// `complex64` exist) the same formula runs in `f32`.
    pub(crate) fn linspace_storage(
        &self,
        len: usize,
        start: Scalar,
        stop: Scalar,
        endpoint: bool,
        dtype: DType,
    ) -> Result<WgpuStorage> {
        const OP: &str = "linspace";
        self.check_dtype(OP, dtype)?;
        if !dtype.is_floating() {
            return Err(Error::InvalidDType {
                op: OP,
                dtype,
                expected: "a floating-point dtype",
            });
        }
        let wide = if self.f64_ok() {
            DType::Float64
        } else {
            DType::Float32
        };
        let div = if endpoint { len.saturating_sub(1) } else { len } as f64;
        let last = if endpoint && len > 1 {
            len as i32 - 1
        } else {
            -1
        };
        let (a, b) = (start.to_complex(), stop.to_complex());
        let (dr, di) = (b.re - a.re, b.im - a.im);
        // step = delta / div; complex: delta / (div + 0j) as NumPy's complex division
        let (sr, si) = if dtype.is_complex() {
            div_by_real(dr, di, div)
        } else {
            (dr / div, 0.0)
        };
        let vals = [a.re, a.im, b.re, b.im, dr, di, sr, si, div];
        let consts = if wide == DType::Float64 {
            HostData::Float64(vals.to_vec())
        } else {
            HostData::Float32(vals.iter().map(|&v| v as f32).collect())
        };
        let w = value_ty(wide);
        let body = if dtype.is_complex() {
            format!(
                "  let a = vec2<{w}>(cst[0], cst[1]);\n  let delta = vec2<{w}>(cst[4], cst[5]);\n  \
                 let step = vec2<{w}>(cst[6], cst[7]);\n  let div = cst[8];\n  let fi = vec2<{w}>({w}(i), opaque_zero_{w}());\n  \
                 var y: vec2<{w}>;\n  if div > {w}(0) {{\n    if step.x == {w}(0) && step.y == {w}(0) {{\n      \
                 y = cadd(cmul(cdivr(fi, div), delta), a);\n    }} else {{\n      y = cadd(cmul(fi, step), a);\n    }}\n  \
                 }} else {{\n    y = cadd(cmul(fi, delta), a);\n  }}\n  \
                 if i32(i) == xp(0) {{ y = vec2<{w}>(cst[2], cst[3]); }}\n  return {}(y);",
                value_ty(dtype)
            )
        } else {
            format!(
                "  let a = cst[0];\n  let delta = cst[4];\n  let step = cst[6];\n  let div = cst[8];\n  let fi = {w}(i);\n  \
                 var y: {w};\n  if div > {w}(0) {{\n    if step == {w}(0) {{\n      y = nofma_{w}((fi / div) * delta) + a;\n    \
                 }} else {{\n      y = nofma_{w}(fi * step) + a;\n    }}\n  }} else {{\n    y = nofma_{w}(fi * delta) + a;\n  }}\n  \
                 if i32(i) == xp(0) {{ y = cst[2]; }}\n  return {}(y);",
                value_ty(dtype)
            )
        };
        let mut spec = MapSpec::new(format!("linspace_{dtype}_{wide}"), &[], dtype, body);
        spec.consts = Some(w.to_string());
        spec.helpers = no_fma(w) + &complex_helpers(w);
        let consts = self.upload_host(&consts)?;
        self.map_fresh(&spec, &[len], &[], &[last], Some(consts.buffer()))
    }
}

/// `(re + im j) / (d + 0j)` exactly as NumPy's complex division (Smith's method).
fn div_by_real(re: f64, im: f64, d: f64) -> (f64, f64) {
    if d.abs() == 0.0 {
        return (re / d.abs(), im / d.abs());
    }
    let rat = 0.0 / d;
    let scl = 1.0 / (d + 0.0 * rat);
    ((re + im * rat) * scl, (im - re * rat) * scl)
}

/// `fn nofma_T(x: T) -> T`: returns `x` through a select on a run-time condition that is
/// always false (the element count is never negative) but unknown to the compiler, so that
/// a product is rounded before it is added: no fused multiply-add, which would change the
/// last bit of the result. Also `fn opaque_zero_T() -> T`, a zero the compiler cannot
/// see: Mesa folds `x * 0.0` to `0.0` (wrong for infinite or NaN `x`) when the zero is a
/// constant, as naga declares no float controls (SignedZeroInfNanPreserve).
pub(crate) fn no_fma(t: &str) -> String {
    format!(
        "fn nofma_{t}(x: {t}) -> {t} {{ return select(x, {t}(0), prm[0] < 0); }}\n\
         fn opaque_zero_{t}() -> {t} {{ return select({t}(0), {t}(1), prm[0] < 0); }}\n"
    )
}

/// Complex helpers on `vec2<T>` with num-complex's formulas: `cadd`, `cmul` and `cdivr`
/// (division by a real, Smith's method with a zero imaginary part).
fn complex_helpers(t: &str) -> String {
    format!(
        "fn cadd(a: vec2<{t}>, b: vec2<{t}>) -> vec2<{t}> {{ return a + b; }}\n\
         fn cmul(a: vec2<{t}>, b: vec2<{t}>) -> vec2<{t}> {{\n  \
         return vec2<{t}>(nofma_{t}(a.x * b.x) - nofma_{t}(a.y * b.y), nofma_{t}(a.x * b.y) + nofma_{t}(a.y * b.x));\n}}\n\
         fn cdivr(z: vec2<{t}>, d: {t}) -> vec2<{t}> {{\n  let rat = {t}(0) / d;\n  let scl = {t}(1) / (d + nofma_{t}({t}(0) * rat));\n  \
         return vec2<{t}>(nofma_{t}((z.x + nofma_{t}(z.y * rat))) * scl, nofma_{t}((z.y - nofma_{t}(z.x * rat))) * scl);\n}}\n"
    )
}
