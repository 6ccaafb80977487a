//! Real floating-point elementwise ops: the WGSL bodies per op and the generic library
//! helpers (exact `fmod` by integer long division, NumPy's `divmod`, `nextafter`,
//! `maximum` / `minimum`, `sign`, `logaddexp`).
//!
//! `float32` ops that the reference computes in `f64` and rounds once (everything but
//! the correctly rounded IEEE operations, which give the same result either way) are
//! computed in `f64` on devices with `f64`, so that the results agree with it bit for bit
//! (`floor_divide`, `remainder`) or within an ulp (transcendentals).

use super::libm::{Entry, Prec};
use super::Body;
use array_api::{BinaryOp, DType, UnaryOp};

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        name: "fmod",
        deps: &["bits"],
        src: "
// C's fmod, exact: long division of the significands (musl's algorithm).
fn $X_fmod(x: $T, y: $T) -> $T {
  var ux = bitcast<$U>(x);
  var uy = bitcast<$U>(y);
  var ex = i32((ux >> $MB) & $EM);
  var ey = i32((uy >> $MB) & $EM);
  let sx = ux & ~$ABS;
  if (uy & $ABS) == 0$UL || $X_isnan(y) || ex == $EMX { return $X_nan(); }
  if (ux & $ABS) <= (uy & $ABS) {
    if (ux & $ABS) == (uy & $ABS) { return bitcast<$T>(sx); }
    return x;
  }
  let mmask = $IMP - 1$UL;
  if ex == 0 {
    var i = ux << $NM;
    while (i >> $SB) == 0$UL { ex = ex - 1; i = i << 1u; }
    ux = ux << u32(1 - ex);
  } else {
    ux = (ux & mmask) | $IMP;
  }
  if ey == 0 {
    var i = uy << $NM;
    while (i >> $SB) == 0$UL { ey = ey - 1; i = i << 1u; }
    uy = uy << u32(1 - ey);
  } else {
    uy = (uy & mmask) | $IMP;
  }
  while ex > ey {
    let i = ux - uy;
    if (i >> $SB) == 0$UL {
      if i == 0$UL { return bitcast<$T>(sx); }
      ux = i;
    }
    ux = ux << 1u;
    ex = ex - 1;
  }
  let i = ux - uy;
  if (i >> $SB) == 0$UL {
    if i == 0$UL { return bitcast<$T>(sx); }
    ux = i;
  }
  while (ux >> $MB) == 0$UL { ux = ux << 1u; ex = ex - 1; }
  if ex > 0 {
    ux = (ux - $IMP) | ($U(u32(ex)) << $MB);
  } else {
    ux = ux >> u32(1 - ex);
  }
  return bitcast<$T>(ux | sx);
}
",
        f32: None,
    },
    Entry {
        name: "divmod",
        deps: &["fmod"],
        src: "
// NumPy's npy_divmod for b != 0: (floor_divide, remainder) with Python's signs.
fn $X_divmod(a: $T, b: $T) -> vec2<$T> {
  var m = $X_fmod(a, b);
  var div = (a - m) / b;
  if !(m == $T(0)) {
    if (b < $T(0)) != (m < $T(0)) {
      m = m + b;
      div = div - $T(1);
    }
  } else {
    m = $X_copysign($T(0), b);
  }
  var q = $X_copysign($T(0), a / b);
  if !(div == $T(0)) {
    let f = floor(div);
    q = select(f, f + $T(1), div - f > $T(0.5));
  }
  return vec2<$T>(q, m);
}
fn $X_floor_divide(a: $T, b: $T) -> $T {
  if b == $T(0) { return a / b; }
  return $X_divmod(a, b).x;
}
fn $X_remainder(a: $T, b: $T) -> $T {
  if b == $T(0) { return $X_nan(); }
  return $X_divmod(a, b).y;
}
",
        f32: None,
    },
    Entry {
        name: "misc",
        deps: &["bits"],
        src: "
fn $X_nextafter(x: $T, y: $T) -> $T {
  if $X_isnan(x) || $X_isnan(y) { return x + y; }
  if x == y { return y; }
  if x == $T(0) { return $X_copysign(bitcast<$T>(1$UL), y); }
  let b = bitcast<$U>(x);
  return bitcast<$T>(select(b - 1$UL, b + 1$UL, (y > x) == (x > $T(0))));
}
fn $X_maximum(a: $T, b: $T) -> $T { return select(b, a, $X_isnan(a) || a > b); }
fn $X_minimum(a: $T, b: $T) -> $T { return select(b, a, $X_isnan(a) || a < b); }
// through bits: Mesa turns the comparison chain into its `fsign`, which gives -0 for +0
fn $X_sign(x: $T) -> $T {
  if $X_isnan(x) { return x; }
  if x == $T(0) { return bitcast<$T>(0$UL); }
  return $X_copysign($T(1), x);
}
",
        f32: None,
    },
    Entry {
        name: "logaddexp",
        deps: &["exp", "log1p"],
        src: "
fn $X_logaddexp(x: $T, y: $T) -> $T {
  if x == y { return x + $T(0.6931471805599453); }
  let t = x - y;
  if t > $T(0) { return x + $X_log1p($X_exp(-t)); }
  if t <= $T(0) { return y + $X_log1p($X_exp(t)); }
  return t;
}
",
        f32: Some(super::libm::float32_more::LOGADDEXP),
    },
];

/// The body of unary `op` on a real float of dtype `d` (`wide`: compute in `f64`).
pub(super) fn unary(op: UnaryOp, d: DType, wide: bool) -> Option<Body> {
    use UnaryOp::*;
    let t = if d == DType::Float64 {
        Prec::F64
    } else {
        Prec::F32
    };
    let x = t.prefix();
    let direct =
        |e: String, libs: &[&'static str]| Some(Body::new(format!("  return {e};"), t, libs));
    match op {
        Abs => direct(format!("{x}_fabs(x0)"), &["bits"]),
        Ceil => direct("ceil(x0)".into(), &[]),
        Floor => direct("floor(x0)".into(), &[]),
        Trunc => direct("trunc(x0)".into(), &[]),
        Round => direct("round(x0)".into(), &[]),
        Conj | Positive | Real => direct("x0".into(), &[]),
        Imag => direct(format!("{}(0)", t.ty()), &[]),
        Negative => direct("-x0".into(), &[]),
        Reciprocal => direct(format!("{}(1) / x0", t.ty()), &[]),
        Sqrt => direct("sqrt(x0)".into(), &[]),
        Square => direct("x0 * x0".into(), &[]),
        Sign => direct(format!("{x}_sign(x0)"), &["misc"]),
        IsFinite => direct(format!("{x}_isfinite(x0)"), &["bits"]),
        IsInf => direct(format!("{x}_isinf(x0)"), &["bits"]),
        IsNan => direct(format!("{x}_isnan(x0)"), &["bits"]),
        Signbit => direct(format!("{x}_signbit(x0)"), &["bits"]),
        BitwiseInvert | LogicalNot => None,
        _ => {
            let name = match op {
                Acos => "acos",
                Acosh => "acosh",
                Asin => "asin",
                Asinh => "asinh",
                Atan => "atan",
                Atanh => "atanh",
                Cos => "cos",
                Cosh => "cosh",
                Exp => "exp",
                Expm1 => "expm1",
                Log => "log",
                Log1p => "log1p",
                Log2 => "log2",
                Log10 => "log10",
                Sin => "sin",
                Sinh => "sinh",
                Tan => "tan",
                _ => "tanh",
            };
            Some(computed(t, wide, &format!("$X_{name}(w0)"), &[name], 1))
        }
    }
}

/// A body computing `expr` (in terms of `w0`, `w1`: the operands in the computing
/// precision, `$X` its prefix) in `f64` when `wide`, else in the dtype's own precision,
/// and rounding the result to the dtype.
fn computed(t: Prec, wide: bool, expr: &str, libs: &[&'static str], arity: usize) -> Body {
    let w = if wide { Prec::F64 } else { t };
    let e = expr.replace("$X", w.prefix());
    let ty = w.ty();
    let args: String = (0..arity)
        .map(|k| format!("  let w{k} = {ty}(x{k});\n"))
        .collect();
    Body::new(format!("{args}  return {}({e});", t.ty()), w, libs)
}

/// The body of binary `op` on real floats of dtype `d` (`wide`: compute in `f64` where
/// the reference rounds once from `f64`).
pub(super) fn binary(op: BinaryOp, d: DType, wide: bool) -> Option<Body> {
    use BinaryOp::*;
    let t = if d == DType::Float64 {
        Prec::F64
    } else {
        Prec::F32
    };
    let x = t.prefix();
    let direct =
        |e: String, libs: &[&'static str]| Some(Body::new(format!("  return {e};"), t, libs));
    match op {
        Add => direct("x0 + x1".into(), &[]),
        Subtract => direct("x0 - x1".into(), &[]),
        Multiply => direct("x0 * x1".into(), &[]),
        Divide => direct("x0 / x1".into(), &[]),
        Copysign => direct(format!("{x}_copysign(x0, x1)"), &["bits"]),
        Maximum => direct(format!("{x}_maximum(x0, x1)"), &["misc"]),
        Minimum => direct(format!("{x}_minimum(x0, x1)"), &["misc"]),
        Nextafter => direct(format!("{x}_nextafter(x0, x1)"), &["misc"]),
        Equal => direct("x0 == x1".into(), &[]),
        NotEqual => direct("!(x0 == x1)".into(), &[]),
        Less => direct("x0 < x1".into(), &[]),
        LessEqual => direct("x0 <= x1".into(), &[]),
        Greater => direct("x0 > x1".into(), &[]),
        GreaterEqual => direct("x0 >= x1".into(), &[]),
        Atan2 => Some(computed(t, wide, "$X_atan2(w0, w1)", &["atan2"], 2)),
        Hypot => Some(computed(t, wide, "$X_hypot(w0, w1)", &["hypot"], 2)),
        Logaddexp => Some(computed(t, wide, "$X_logaddexp(w0, w1)", &["logaddexp"], 2)),
        Pow => Some(computed(t, wide, "$X_pow(w0, w1)", &["pow"], 2)),
        FloorDivide => Some(computed(t, wide, "$X_floor_divide(w0, w1)", &["divmod"], 2)),
        Remainder => Some(computed(t, wide, "$X_remainder(w0, w1)", &["divmod"], 2)),
        _ => None,
    }
}
