//! Dtype conversion in WGSL with [`astype`](array_api::astype)'s casting rules (those of
//! [`Element::from_scalar`](array_api::Element::from_scalar)): integers wrap, floats
//! saturate towards integers with NaN giving 0, complex numbers keep their real part,
//! anything non-zero is `true`, and 64-bit integers convert to `complex64` through `f64`
//! (double rounding, as the host does).
//!
//! WGSL's own float-to-integer conversion clamps to the largest float below the integer
//! bound (`i32(3e9f)` is 2147483520, not `i32::MAX`) and leaves NaN undefined, so the
//! bounds and NaN are handled explicitly here.

use crate::map::MapSpec;
use crate::storage::WgpuStorage;
use crate::wgsl::value_ty;
use crate::Wgpu;
use array_api::{DType, Layout, Result};

/// A WGSL expression converting `x` (a value of `from`'s value type) to `to`'s value type.
/// Narrow integer results are wrapped to their width (sign- or zero-extended in 32 bits).
/// `f64_ok`: whether `f64` may be used (for the `int64 -> complex64` double rounding).
pub(crate) fn convert(from: DType, to: DType, x: &str, f64_ok: bool) -> String {
    use DType::*;
    if from == to {
        return x.to_string();
    }
    let vt = value_ty(to);
    match (from, to) {
        // naga compiles float `!=` to an *ordered* comparison (false for NaN), and
        // `bool(x)` to an unordered one: compare with `==` and negate.
        (_, Bool) => match from {
            Complex64 | Complex128 => format!("!all({x} == {}(0))", value_ty(from)),
            _ => format!("!({x} == {}(0))", value_ty(from)),
        },
        (Bool, Complex64 | Complex128) => {
            let r = value_ty(to.real_dtype());
            format!("{vt}(select({r}(0), {r}(1), {x}), {r}(0))")
        }
        (Bool, _) => format!("select({vt}(0), {vt}(1), {x})"),
        (Complex64 | Complex128, Complex64 | Complex128) => format!("{vt}({x})"),
        (Complex64 | Complex128, _) => convert(from.real_dtype(), to, &format!("{x}.x"), f64_ok),
        (_, Complex64) if from.is_integer() && from.itemsize() == 8 => {
            let re = if f64_ok {
                format!("f32(f64({x}))")
            } else if from == UInt64 {
                format!("u64_to_f32_via_f64({x})")
            } else {
                format!("(select(1.0f, -1.0f, {x} < 0li) * u64_to_f32_via_f64(u64(select({x}, -{x}, {x} < 0li))))")
            };
            format!("vec2<f32>({re}, 0.0f)")
        }
        (_, Complex64 | Complex128) => {
            let r = to.real_dtype();
            format!("{vt}({}, {}(0))", convert(from, r, x, f64_ok), value_ty(r))
        }
        (_, Float32 | Float64) => format!("{vt}({x})"),
        (Float32 | Float64, _) => float_to_int(from, to, x),
        _ => int_to_int(from, to, x),
    }
}

/// Integer to integer: two's-complement wrapping (sign-extension from signed sources).
fn int_to_int(from: DType, to: DType, x: &str) -> String {
    // First to the target's register width, keeping the source's signedness, then
    // reinterpret (same width), then wrap narrow targets.
    let wide = match (value_ty(from), value_ty(to)) {
        (f, t) if f == t => x.to_string(),
        ("i32", "u32") | ("u32", "i32") | ("i64", "u64") | ("u64", "i64") => {
            format!("bitcast<{}>({x})", value_ty(to))
        }
        ("i32", "i64") => format!("i64({x})"),
        ("i32", "u64") => format!("bitcast<u64>(i64({x}))"),
        ("u32", "u64") => format!("u64({x})"),
        ("u32", "i64") => format!("bitcast<i64>(u64({x}))"),
        ("i64", "i32") => format!("bitcast<i32>(u32(bitcast<u64>({x}) & 0xfffffffflu))"),
        ("i64", "u32") => format!("u32(bitcast<u64>({x}) & 0xfffffffflu)"),
        ("u64", "i32") => format!("bitcast<i32>(u32({x} & 0xfffffffflu))"),
        _ => format!("u32({x} & 0xfffffffflu)"), // u64 -> u32
    };
    wrap_narrow(to, &wide)
}

/// Wraps a 32-bit register value to a narrow dtype's width (identity for wider dtypes).
pub(crate) fn wrap_narrow(to: DType, v: &str) -> String {
    match to {
        DType::Int8 => format!("(({v} << 24u) >> 24u)"),
        DType::Int16 => format!("(({v} << 16u) >> 16u)"),
        DType::UInt8 => format!("({v} & 0xffu)"),
        DType::UInt16 => format!("({v} & 0xffffu)"),
        _ => v.to_string(),
    }
}

/// Float to integer: truncation toward zero, saturating at the bounds, NaN to 0.
fn float_to_int(from: DType, to: DType, x: &str) -> String {
    use DType::*;
    let f = if from == Float64 { "lf" } else { "f" };
    let vt = value_ty(to);
    // `!(x == x)` is the NaN test (naga's float `!=` is ordered, false for NaN).
    let narrow = |lo: &str, hi: &str| {
        format!("select({vt}(clamp({x}, {lo}{f}, {hi}{f})), {vt}(0), !({x} == {x}))")
    };
    match to {
        Int8 => narrow("-128.0", "127.0"),
        Int16 => narrow("-32768.0", "32767.0"),
        UInt8 => narrow("0.0", "255.0"),
        UInt16 => narrow("0.0", "65535.0"),
        Int32 => format!(
            "select(select(select(i32({x}), 2147483647i, {x} >= 2147483648.0{f}), -2147483647i - 1i, {x} < -2147483648.0{f}), 0i, !({x} == {x}))"
        ),
        UInt32 => format!(
            "select(select(select(u32({x}), 4294967295u, {x} >= 4294967296.0{f}), 0u, {x} < 0.0{f}), 0u, !({x} == {x}))"
        ),
        Int64 => format!(
            "select(select(select(i64({x}), 9223372036854775807li, {x} >= 9223372036854775808.0{f}), -9223372036854775807li - 1li, {x} < -9223372036854775808.0{f}), 0li, !({x} == {x}))"
        ),
        _ => format!(
            "select(select(select(u64({x}), 18446744073709551615lu, {x} >= 18446744073709551616.0{f}), 0lu, {x} < 0.0{f}), 0lu, !({x} == {x}))"
        ),
    }
}

/// WGSL helpers some conversions need (on devices without `f64`).
pub(crate) fn helpers(from: DType, to: DType, f64_ok: bool) -> String {
    if to == DType::Complex64 && matches!(from, DType::Int64 | DType::UInt64) && !f64_ok {
        U64_TO_F32_VIA_F64.to_string()
    } else {
        String::new()
    }
}

/// `u64 as f64 as f32` without `f64`: round to 53 significant bits (nearest, ties to
/// even), then to `f32`.
const U64_TO_F32_VIA_F64: &str = "
fn u64_to_f32_via_f64(m: u64) -> f32 {
  var s = 0u;
  var t = m;
  while (t >= (1lu << 53u)) { t = t >> 1u; s = s + 1u; }
  if s == 0u { return f32(m); }
  let drop = m & ((1lu << s) - 1lu);
  let half = 1lu << (s - 1u);
  var r = m >> s;
  if drop > half || (drop == half && (r & 1lu) == 1lu) { r = r + 1lu; }
  return f32(r) * exp2(f32(s));
}
";

impl Wgpu {
    /// `CopyOps::cast`.
    pub(crate) fn cast_view(
        &self,
        s: &WgpuStorage,
        layout: &Layout,
        from: DType,
        to: DType,
    ) -> Result<WgpuStorage> {
        const OP: &str = "astype";
        self.check_dtype(OP, to)?;
        self.check_operand(OP, s, layout, from)?;
        if from == to {
            return self.contiguous_view(s, layout, from);
        }
        let f64_ok = self.f64_ok();
        let mut spec = MapSpec::new(
            format!("cast_{from}_{to}"),
            &[from],
            to,
            format!("  return {};", convert(from, to, "x0", f64_ok)),
        );
        spec.helpers = helpers(from, to, f64_ok);
        self.map_fresh(&spec, layout.shape(), &[(s.buffer(), layout)], &[], None)
    }
}
