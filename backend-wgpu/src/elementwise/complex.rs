//! Complex elementwise ops on `vec2` (re, im): the WGSL bodies per op and the library
//! entries for arithmetic, `exp`, `expm1`, `log`, `log1p`, `sqrt`, `pow` and `sign`,
//! ported from the reference backend (C99 Annex G special values; NumPy's algorithms
//! where the standard leaves the choice open: textbook multiplication, Smith's division,
//! unrolled small integer powers).
//!
//! `complex64` is computed in `complex128` on devices with `f64` (as the reference does)
//! and rounded once; only `add`, `subtract` and the exact componentwise ops run in `f32`.

use super::libm::{Entry, Prec};
use super::Body;
use array_api::{BinaryOp, DType, UnaryOp};

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        name: "carith",
        deps: &["bits"],
        src: "
// The products are rounded before they are added (no fused multiply-add), as the
// reference computes; pow relies on matching its rounding.
fn $X_cmul(x: vec2<$T>, y: vec2<$T>) -> vec2<$T> {
  return vec2<$T>($X_ob(x.x * y.x) - $X_ob(x.y * y.y), $X_ob(x.x * y.y) + $X_ob(x.y * y.x));
}
fn $X_cdiv(x: vec2<$T>, y: vec2<$T>) -> vec2<$T> {
  let ar = x.x;
  let ai = x.y;
  let br = y.x;
  let bi = y.y;
  if abs(br) >= abs(bi) {
    if br == $T(0) && bi == $T(0) {
      return vec2<$T>(ar / abs(br), ai / abs(br));
    }
    let rat = bi / br;
    let scl = $T(1) / (br + bi * rat);
    return vec2<$T>((ar + ai * rat) * scl, (ai - ar * rat) * scl);
  }
  let rat = br / bi;
  let scl = $T(1) / (bi + br * rat);
  return vec2<$T>((ar * rat + ai) * scl, (ai * rat - ar) * scl);
}
",
        f32: None,
    },
    Entry {
        name: "csign",
        deps: &["bits", "hypot"],
        src: "
fn $X_csign(z: vec2<$T>) -> vec2<$T> {
  let x = z.x;
  let y = z.y;
  if $X_isnan(x) || $X_isnan(y) { return vec2<$T>($X_nan(), $X_nan()); }
  let xi = $X_isinf(x);
  let yi = $X_isinf(y);
  if xi && yi { return vec2<$T>($X_nan(), $X_nan()); }
  if xi { return vec2<$T>($X_copysign($T(1), x), $T(0)); }
  if yi { return vec2<$T>($T(0), $X_copysign($T(1), y)); }
  if x == $T(0) && y == $T(0) { return vec2<$T>($T(0), $T(0)); }
  let m = max(abs(x), abs(y));
  let a = x / m;
  let b = y / m;
  let h = $X_hypot(a, b);
  return vec2<$T>(a / h, b / h);
}
",
        f32: None,
    },
    Entry {
        name: "cexp",
        deps: &["bits", "exp", "expm1", "trig"],
        src: "
fn $X_scaled_cis(x: $T, c: $T, s: $T) -> vec2<$T> {
  if x > $BIGX {
    let h = $X_exp(x / $T(2));
    return vec2<$T>(c * h * h, s * h * h);
  }
  let e = $X_exp(x);
  return vec2<$T>(e * c, e * s);
}
// scale times the signs of (cos y, sin y), given tr = (cos y, sin y, tan y)
fn $X_signed_cis(scale: $T, tr: vec3<$T>) -> vec2<$T> {
  return vec2<$T>($X_copysign(scale, tr.x), $X_copysign(scale, tr.y));
}
fn $X_cexp(z: vec2<$T>) -> vec2<$T> {
  let x = z.x;
  let y = z.y;
  if y == $T(0) { return vec2<$T>($X_exp(x), y); }
  if $X_isnan(x) { return vec2<$T>($X_nan(), $X_nan()); }
  let tr = $X_trig(y);
  let yf = $X_isfinite(y);
  if $X_isinf(x) {
    if x > $T(0) {
      if yf { return $X_signed_cis($X_inf(), tr); }
      return vec2<$T>($X_inf(), $X_nan());
    }
    if yf { return $X_signed_cis($T(0), tr); }
    return vec2<$T>($T(0), $T(0));
  }
  if !yf { return vec2<$T>($X_nan(), $X_nan()); }
  return $X_scaled_cis(x, tr.x, tr.y);
}
fn $X_cexpm1(z: vec2<$T>) -> vec2<$T> {
  let x = z.x;
  let y = z.y;
  if y == $T(0) { return vec2<$T>($X_expm1(x), y); }
  if $X_isnan(x) { return vec2<$T>($X_nan(), $X_nan()); }
  let tr = $X_trig(y);
  let yf = $X_isfinite(y);
  if $X_isinf(x) {
    if x > $T(0) {
      if yf { return $X_signed_cis($X_inf(), tr); }
      return vec2<$T>($X_inf(), $X_nan());
    }
    if yf { return vec2<$T>($T(-1), $X_copysign($T(0), tr.y)); }
    return vec2<$T>($T(-1), $T(0));
  }
  if !yf { return vec2<$T>($X_nan(), $X_nan()); }
  if x > $BIGX {
    let e = $X_scaled_cis(x, tr.x, tr.y);
    return vec2<$T>(e.x - $T(1), e.y);
  }
  let h = $X_trig(y / $T(2)).y;
  return vec2<$T>($X_expm1(x) * tr.x - $T(2) * h * h, $X_exp(x) * tr.y);
}
",
        f32: None,
    },
    Entry {
        name: "clog",
        deps: &["bits", "log", "log1p", "hypot", "atan2"],
        src: "
fn $X_log_abs(x: $T, y: $T) -> $T {
  var a = abs(x);
  var b = abs(y);
  if a < b {
    let t = a;
    a = b;
    b = t;
  }
  if a >= $T(0.5) && a <= $T(2) {
    return $T(0.5) * $X_log1p((a - $T(1)) * (a + $T(1)) + b * b);
  }
  if a > $MAX / $T(2) {
    // |z| may exceed MAX (log|MAX + MAX i| = 710.13 is finite): halve exactly first
    return $X_log($X_hypot(a / $T(2), b / $T(2))) + $T(0.6931471805599453);
  }
  return $X_log($X_hypot(a, b));
}
fn $X_clog(z: vec2<$T>) -> vec2<$T> {
  var re = $T(0);
  if $X_isfinite(z.x) && $X_isfinite(z.y) {
    re = $X_log_abs(z.x, z.y);
  } else {
    re = $X_log($X_hypot(z.x, z.y));
  }
  return vec2<$T>(re, $X_atan2(z.y, z.x));
}
fn $X_clog1p(z: vec2<$T>) -> vec2<$T> {
  let x = z.x;
  let y = z.y;
  if !($X_isfinite(x) && $X_isfinite(y)) {
    return vec2<$T>($X_log($X_hypot($T(1) + x, y)), $X_atan2(y, $T(1) + x));
  }
  if abs(x) < $T(0.5) && abs(y) < $T(0.5) {
    return vec2<$T>($T(0.5) * $X_log1p(x * ($T(2) + x) + y * y), $X_atan2(y, $T(1) + x));
  }
  return $X_clog(vec2<$T>($T(1) + x, y));
}
",
        f32: None,
    },
    Entry {
        name: "csqrt",
        deps: &["bits", "hypot"],
        src: "
fn $X_csqrt(z: vec2<$T>) -> vec2<$T> {
  let x = z.x;
  let y = z.y;
  if x == $T(0) && y == $T(0) { return vec2<$T>($T(0), y); }
  if $X_isinf(y) { return vec2<$T>($X_inf(), y); }
  if $X_isnan(x) { return vec2<$T>($X_nan(), $X_nan()); }
  if $X_isinf(x) {
    let yn = $X_isnan(y);
    if x > $T(0) {
      if yn { return vec2<$T>($X_inf(), y); }
      return vec2<$T>($X_inf(), $X_copysign($T(0), y));
    }
    if yn { return vec2<$T>($X_nan(), $X_inf()); }
    return vec2<$T>($T(0), $X_copysign($X_inf(), y));
  }
  if $X_isnan(y) { return vec2<$T>($X_nan(), $X_nan()); }
  let m = max(abs(x), abs(y));
  var k = 0i;
  if m > $SQHI { k = -2; } else if m < $SQLO { k = $SQK; }
  let sx = ldexp(x, k);
  let sy = ldexp(y, k);
  let t = sqrt((abs(sx) + $X_hypot(sx, sy)) / $T(2));
  var re = t;
  var im = sy / ($T(2) * t);
  if !(sx >= $T(0)) {
    re = abs(sy) / ($T(2) * t);
    im = $X_copysign(t, sy);
  }
  return vec2<$T>(ldexp(re, -k / 2), ldexp(im, -k / 2));
}
",
        f32: None,
    },
    Entry {
        name: "cpow",
        deps: &["carith", "cexp", "clog"],
        src: "
fn $X_cpow(x: vec2<$T>, y: vec2<$T>) -> vec2<$T> {
  if y.x == $T(0) && y.y == $T(0) { return vec2<$T>($T(1), $T(0)); }
  if x.x == $T(0) && x.y == $T(0) {
    if y.x > $T(0) { return vec2<$T>($T(0), $T(0)); }
    return vec2<$T>($X_nan(), $X_nan());
  }
  if y.y == $T(0) && y.x == trunc(y.x) && abs(y.x) < $T(100) {
    let n = i32(y.x);
    if n == 1 { return x; }
    if n == 2 { return $X_cmul(x, x); }
    if n == 3 { return $X_cmul(x, $X_cmul(x, x)); }
    // opaque zeros: Mesa would fold 0 * inf to 0
    var acc = vec2<$T>($T(1), $X_oz());
    var p = x;
    var e = u32(abs(n));
    loop {
      if (e & 1u) == 1u { acc = $X_cmul(acc, p); }
      e = e >> 1u;
      if e == 0u { break; }
      p = $X_cmul(p, p);
    }
    if n < 0 { return $X_cdiv(vec2<$T>($T(1), $X_oz()), acc); }
    return acc;
  }
  return $X_cexp($X_cmul(y, $X_clog(x)));
}
",
        f32: None,
    },
];

/// The library precision and the input/output conversions of a complex body on dtype
/// `d`: `(prec, widen, narrow)`.
fn precision(d: DType, wide: bool) -> (Prec, &'static str, &'static str) {
    match (d, wide) {
        (DType::Complex64, true) => (Prec::F64, "vec2<f64>", "vec2<f32>"),
        (DType::Complex64, false) => (Prec::F32, "", ""),
        _ => (Prec::F64, "", ""),
    }
}

/// A body computing `f(z0[, z1])` in the computing precision and rounding back.
fn computed(d: DType, wide: bool, f: &str, libs: &[&'static str], arity: usize) -> Body {
    let (p, up, down) = precision(d, wide);
    let args: String = (0..arity)
        .map(|k| format!("  let z{k} = {up}(x{k});\n"))
        .collect();
    let call = f.replace("$X", p.prefix());
    Body::new(format!("{args}  return {down}({call});"), p, libs)
}

/// A body computing the real result `f(z0)` (`abs`) and rounding it back.
fn computed_real(d: DType, wide: bool, f: &str, libs: &[&'static str]) -> Body {
    let (p, up, _) = precision(d, wide);
    let out = if d == DType::Complex64 { "f32" } else { "f64" };
    let call = f.replace("$X", p.prefix());
    Body::new(
        format!("  let z0 = {up}(x0);\n  return {out}({call});"),
        p,
        libs,
    )
}

/// The body of unary `op` on complex dtype `d` (`wide`: compute `complex64` in `f64`).
pub(super) fn unary(op: UnaryOp, d: DType, wide: bool) -> Option<Body> {
    use UnaryOp::*;
    let own = if d == DType::Complex128 {
        Prec::F64
    } else {
        Prec::F32
    };
    let direct = |e: &str, libs: &[&'static str]| {
        Some(Body::new(
            format!("  return {};", e.replace("$X", own.prefix())),
            own,
            libs,
        ))
    };
    let f = |name: &'static str, lib: &'static str| {
        Some(computed(d, wide, &format!("$X_{name}(z0)"), &[lib], 1))
    };
    match op {
        Abs => Some(computed_real(d, wide, "$X_hypot(z0.x, z0.y)", &["hypot"])),
        Real => direct("x0.x", &[]),
        Imag => direct("x0.y", &[]),
        IsFinite => direct("$X_isfinite(x0.x) && $X_isfinite(x0.y)", &["bits"]),
        IsInf => direct("$X_isinf(x0.x) || $X_isinf(x0.y)", &["bits"]),
        IsNan => direct("$X_isnan(x0.x) || $X_isnan(x0.y)", &["bits"]),
        Conj => direct("vec2(x0.x, -x0.y)", &[]),
        Negative => direct("-x0", &[]),
        Positive => direct("x0", &[]),
        Round => direct("round(x0)", &[]),
        Reciprocal => Some(computed(
            d,
            wide,
            "$X_cdiv(vec2(1.0, $X_oz()), z0)",
            &["carith"],
            1,
        )),
        Square => Some(computed(d, wide, "$X_cmul(z0, z0)", &["carith"], 1)),
        Sign => f("csign", "csign"),
        Sqrt => f("csqrt", "csqrt"),
        Exp => f("cexp", "cexp"),
        Expm1 => f("cexpm1", "cexp"),
        Log => f("clog", "clog"),
        Log1p => f("clog1p", "clog"),
        Log2 => Some(computed(
            d,
            wide,
            "$X_clog(z0) / 0.6931471805599453",
            &["clog"],
            1,
        )),
        Log10 => Some(computed(
            d,
            wide,
            "$X_clog(z0) / 2.302585092994046",
            &["clog"],
            1,
        )),
        Sin => f("csin", "ctrig"),
        Cos => f("ccos", "ctrig"),
        Tan => f("ctan", "ctrig"),
        Sinh => f("csinh", "ctrig"),
        Cosh => f("ccosh", "ctrig"),
        Tanh => f("ctanh", "ctrig"),
        Asin => f("casin", "cinverse"),
        Acos => f("cacos", "cinverse"),
        Asinh => f("casinh", "cinverse"),
        Acosh => f("cacosh", "cinverse"),
        Atan => f("catan", "catanh"),
        Atanh => f("catanh", "catanh"),
        BitwiseInvert | Ceil | Floor | LogicalNot | Signbit | Trunc => None,
    }
}

/// The body of binary `op` on complex dtype `d`.
pub(super) fn binary(op: BinaryOp, d: DType, wide: bool) -> Option<Body> {
    use BinaryOp::*;
    let own = if d == DType::Complex128 {
        Prec::F64
    } else {
        Prec::F32
    };
    let direct = |e: &str| Some(Body::new(format!("  return {e};"), own, &[]));
    match op {
        Add => direct("x0 + x1"),
        Subtract => direct("x0 - x1"),
        Equal => direct("all(x0 == x1)"),
        NotEqual => direct("!all(x0 == x1)"),
        Multiply => Some(computed(d, wide, "$X_cmul(z0, z1)", &["carith"], 2)),
        Divide => Some(computed(d, wide, "$X_cdiv(z0, z1)", &["carith"], 2)),
        Pow => Some(computed(d, wide, "$X_cpow(z0, z1)", &["cpow"], 2)),
        _ => None,
    }
}
