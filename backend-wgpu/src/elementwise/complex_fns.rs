//! Complex trigonometric, hyperbolic and inverse functions as WGSL library entries,
//! ported from the reference backend: `sinh`/`cosh`/`tanh` by Annex G (with `sin z =
//! -i sinh(iz)` and friends), and the inverse functions by Hull, Fairgrieve and Tang
//! (`asinh`, `acos`, with `asin`/`acosh` derived) and Kahan's `atanh`.

use super::libm::Entry;

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        name: "ctrig",
        deps: &["bits", "exp", "expm1", "trig", "sinh", "cosh"],
        src: "
fn $X_zero_xor(x: $T, y: $T) -> $T {
  return select($T(0), -$T(0), $X_signbit(x) != $X_signbit(y));
}
// e^ax / 2 * (cos y, sin y) for large ax, given tr = (cos y, sin y, tan y)
fn $X_half_exp_cis(ax: $T, tr: vec3<$T>) -> vec2<$T> {
  let h = $X_exp(ax / $T(2));
  let r = $T(0.5) * h;
  return vec2<$T>(tr.x * r * h, tr.y * r * h);
}
fn $X_csinh(z: vec2<$T>) -> vec2<$T> {
  let x = z.x;
  let y = z.y;
  let tr = $X_trig(y);
  if $X_isfinite(x) && $X_isfinite(y) {
    if y == $T(0) { return vec2<$T>($X_sinh(x), y); }
    if abs(x) > $BIGX {
      let w = $X_half_exp_cis(abs(x), tr);
      return vec2<$T>(select(w.x, -w.x, x < $T(0)), w.y);
    }
    return vec2<$T>($X_sinh(x) * tr.x, $X_cosh(x) * tr.y);
  }
  if $X_isnan(x) {
    if y == $T(0) { return vec2<$T>($X_nan(), y); }
    return vec2<$T>($X_nan(), $X_nan());
  }
  if $X_isinf(x) {
    if y == $T(0) { return vec2<$T>(x, y); }
    if $X_isfinite(y) { return vec2<$T>(x * tr.x, $X_inf() * tr.y); }
    return vec2<$T>(x, $X_nan());
  }
  if x == $T(0) { return vec2<$T>(x, $X_nan()); }
  return vec2<$T>($X_nan(), $X_nan());
}
fn $X_ccosh(z: vec2<$T>) -> vec2<$T> {
  let x = z.x;
  let y = z.y;
  let tr = $X_trig(y);
  if $X_isfinite(x) && $X_isfinite(y) {
    if y == $T(0) { return vec2<$T>($X_cosh(x), x * y); }
    if abs(x) > $BIGX {
      let w = $X_half_exp_cis(abs(x), tr);
      return vec2<$T>(w.x, select(w.y, -w.y, x < $T(0)));
    }
    return vec2<$T>($X_cosh(x) * tr.x, $X_sinh(x) * tr.y);
  }
  if $X_isnan(x) {
    if y == $T(0) { return vec2<$T>($X_nan(), $X_zero_xor(x, y)); }
    return vec2<$T>($X_nan(), $X_nan());
  }
  if $X_isinf(x) {
    if y == $T(0) { return vec2<$T>($X_inf(), $X_zero_xor(x, y)); }
    if $X_isfinite(y) { return vec2<$T>($X_inf() * tr.x, x * tr.y); }
    return vec2<$T>($X_inf(), $X_nan());
  }
  if x == $T(0) { return vec2<$T>($X_nan(), $X_zero_xor(x, y)); }
  return vec2<$T>($X_nan(), $X_nan());
}
fn $X_ctanh(z: vec2<$T>) -> vec2<$T> {
  let x = z.x;
  let y = z.y;
  let tr = $X_trig(y);
  if $X_isnan(x) {
    if y == $T(0) { return vec2<$T>($X_nan(), y); }
    return vec2<$T>($X_nan(), $X_nan());
  }
  if $X_isinf(x) {
    var im = $X_copysign($T(0), y);
    if $X_isfinite(y) { im = $X_copysign($T(0), tr.y * tr.x); }
    return vec2<$T>($X_copysign($T(1), x), im);
  }
  if !$X_isfinite(y) {
    if x == $T(0) { return vec2<$T>(x, $X_nan()); }
    return vec2<$T>($X_nan(), $X_nan());
  }
  if abs(x) > $T(22) {
    let e = $X_exp(-abs(x));
    return vec2<$T>($X_copysign($T(1), x), $T(4) * tr.y * tr.x * e * e);
  }
  let t = tr.z;
  let beta = $T(1) + t * t;
  let s = $X_sinh(x);
  let rho = sqrt($T(1) + s * s);
  let denom = $T(1) + beta * s * s;
  return vec2<$T>(beta * rho * s / denom, t / denom);
}
fn $X_times_i(z: vec2<$T>) -> vec2<$T> { return vec2<$T>(-z.y, z.x); }
fn $X_times_minus_i(z: vec2<$T>) -> vec2<$T> { return vec2<$T>(z.y, -z.x); }
fn $X_csin(z: vec2<$T>) -> vec2<$T> { return $X_times_minus_i($X_csinh($X_times_i(z))); }
fn $X_ccos(z: vec2<$T>) -> vec2<$T> { return $X_ccosh($X_times_i(z)); }
fn $X_ctan(z: vec2<$T>) -> vec2<$T> { return $X_times_minus_i($X_ctanh($X_times_i(z))); }
",
        f32: None,
    },
    Entry {
        name: "cinverse",
        deps: &["bits", "log", "log1p", "hypot", "atan2", "asin", "acos"],
        src: "
fn $X_hw_f(a: $T, b: $T, h: $T) -> $T {
  if b < $T(0) { return (h - b) / $T(2); }
  if b == $T(0) { return a / $T(2); }
  return a * a / (h + b) / $T(2);
}
// Hull et al.'s real part (rx) and the imaginary part either as asin(b) (is_b) or as
// atan2(y, s).
struct $X_Hw { rx: $T, is_b: bool, b: $T, s: $T, y: $T }
fn $X_hard_work(x: $T, y: $T) -> $X_Hw {
  let eps = $EPS;
  let r = $X_hypot(x, y + $T(1));
  let s = $X_hypot(x, y - $T(1));
  let a = max((r + s) / $T(2), $T(1));
  var rx = $T(0);
  if a < $T(10) {
    if y == $T(1) && x < eps * eps / $T(128) {
      rx = sqrt(x);
    } else if x >= eps * abs(y - $T(1)) {
      let am1 = $X_hw_f(x, $T(1) + y, r) + $X_hw_f(x, $T(1) - y, s);
      rx = $X_log1p(am1 + sqrt(am1 * (a + $T(1))));
    } else if y < $T(1) {
      rx = x / sqrt(($T(1) - y) * ($T(1) + y));
    } else {
      rx = $X_log1p((y - $T(1)) + sqrt((y - $T(1)) * (y + $T(1))));
    }
  } else {
    rx = $X_log(a + sqrt(a * a - $T(1)));
  }
  if y < $FSMIN {
    return $X_Hw(rx, false, $T(0), a * ($T(2) / eps), y * ($T(2) / eps));
  }
  let b = y / a;
  if b <= $T(0.6417) { return $X_Hw(rx, true, b, $T(0), $T(0)); }
  if y == $T(1) && x < eps / $T(128) {
    return $X_Hw(rx, false, $T(0), sqrt(x) * sqrt((a + y) / $T(2)), y);
  }
  if x >= eps * abs(y - $T(1)) {
    let amy = $X_hw_f(x, y + $T(1), r) + $X_hw_f(x, y - $T(1), s);
    return $X_Hw(rx, false, $T(0), sqrt(amy * (a + y)), y);
  }
  if y > $T(1) {
    let k = $T(4) / eps / eps;
    return $X_Hw(rx, false, $T(0), x * k * y / sqrt((y + $T(1)) * (y - $T(1))), y * k);
  }
  return $X_Hw(rx, false, $T(0), sqrt(($T(1) - y) * ($T(1) + y)), y);
}
fn $X_clog_large(z: vec2<$T>) -> vec2<$T> {
  let x = z.x;
  let y = z.y;
  let ax = max(abs(x), abs(y));
  let ay = min(abs(x), abs(y));
  var re = $T(0);
  if ax > $MAX / $T(2) {
    let e = $T(2.718281828459045);
    re = $X_log($X_hypot(x / e, y / e)) + $T(1);
  } else if ax > $QSMAX || ay < $SMIN {
    re = $X_log($X_hypot(x, y));
  } else {
    re = $X_log(ax * ax + ay * ay) / $T(2);
  }
  return vec2<$T>(re, $X_atan2(y, x));
}
fn $X_casinh(z: vec2<$T>) -> vec2<$T> {
  let x = z.x;
  let y = z.y;
  let ax = abs(x);
  let ay = abs(y);
  if $X_isnan(x) || $X_isnan(y) {
    if $X_isinf(x) { return vec2<$T>(x, y + y); }
    // the real part's sign is unspecified; +inf as NumPy and the reference
    if $X_isinf(y) { return vec2<$T>($X_inf(), x + x); }
    if y == $T(0) { return vec2<$T>(x + x, y); }
    return vec2<$T>($X_nan(), $X_nan());
  }
  if ax > $REPS || ay > $REPS {
    let w = $X_clog_large(select(z, -z, $X_signbit(x)));
    return vec2<$T>($X_copysign(w.x + $T(0.6931471805599453), x), $X_copysign(w.y, y));
  }
  if (x == $T(0) && y == $T(0)) || (ax < $S6E / $T(4) && ay < $S6E / $T(4)) { return z; }
  let h = $X_hard_work(ax, ay);
  var ry = $T(0);
  if h.is_b { ry = $X_asin(h.b); } else { ry = $X_atan2(h.y, h.s); }
  return vec2<$T>($X_copysign(h.rx, x), $X_copysign(ry, y));
}
fn $X_casin(z: vec2<$T>) -> vec2<$T> {
  let w = $X_casinh(vec2<$T>(z.y, z.x));
  return vec2<$T>(w.y, w.x);
}
fn $X_cacos(z: vec2<$T>) -> vec2<$T> {
  let x = z.x;
  let y = z.y;
  let sx = $X_signbit(x);
  let sy = $X_signbit(y);
  let ax = abs(x);
  let ay = abs(y);
  let pio2 = $T(1.5707963267948966);
  if $X_isnan(x) || $X_isnan(y) {
    if $X_isinf(x) { return vec2<$T>(y + y, -$X_inf()); }
    if $X_isinf(y) { return vec2<$T>(x + x, -y); }
    if x == $T(0) { return vec2<$T>(pio2, y + y); }
    return vec2<$T>($X_nan(), $X_nan());
  }
  if ax > $REPS || ay > $REPS {
    let w = $X_clog_large(z);
    let ry = w.x + $T(0.6931471805599453);
    return vec2<$T>(abs(w.y), select(-ry, ry, sy));
  }
  if x == $T(1) && y == $T(0) { return vec2<$T>($T(0), -y); }
  if ax < $S6E / $T(4) && ay < $S6E / $T(4) { return vec2<$T>(pio2 - x, -y); }
  let h = $X_hard_work(ay, ax);
  var rx = $T(0);
  if h.is_b {
    rx = $X_acos(select(h.b, -h.b, sx));
  } else {
    rx = $X_atan2(h.s, select(h.y, -h.y, sx));
  }
  return vec2<$T>(rx, select(-h.rx, h.rx, sy));
}
fn $X_cacosh(z: vec2<$T>) -> vec2<$T> {
  if z.x == $T(0) && $X_isnan(z.y) { return vec2<$T>($X_nan(), $T(1.5707963267948966)); }
  let w = $X_cacos(z);
  let rx = w.x;
  let ry = w.y;
  if $X_isnan(rx) && $X_isnan(ry) { return vec2<$T>(ry, rx); }
  if $X_isnan(rx) { return vec2<$T>(abs(ry), rx); }
  if $X_isnan(ry) { return vec2<$T>(ry, ry); }
  return vec2<$T>(abs(ry), $X_copysign(rx, z.y));
}
",
        f32: None,
    },
    Entry {
        name: "catanh",
        deps: &["bits", "log", "log1p", "atan", "atan2", "atanh"],
        src: "
fn $X_sum_squares(x: $T, y: $T) -> $T {
  if y < $SMIN { return x * x; }
  return x * x + y * y;
}
fn $X_real_part_reciprocal(x: $T, y: $T) -> $T {
  if $X_isinf(x) { return $T(1) / x; }
  if $X_isinf(y) { return x / y / y; }
  // m > 1/eps here: a normal number, so its exponent field is floor(log2 m)
  let m = max(abs(x), abs(y));
  let k = i32((bitcast<$U>(m) >> $MB) & $EM) - $BIAS;
  let xs = ldexp(x, -k);
  let ys = ldexp(y, -k);
  return ldexp(xs / (xs * xs + ys * ys), -k);
}
fn $X_catanh(z: vec2<$T>) -> vec2<$T> {
  let x = z.x;
  let y = z.y;
  let ax = abs(x);
  let ay = abs(y);
  let pio2 = $T(1.5707963267948966);
  if y == $T(0) && ax <= $T(1) { return vec2<$T>($X_atanh(x), y); }
  if x == $T(0) { return vec2<$T>(x, $X_atan(y)); }
  if $X_isnan(x) || $X_isnan(y) {
    if $X_isinf(x) { return vec2<$T>($X_copysign($T(0), x), y + y); }
    if $X_isinf(y) { return vec2<$T>($X_copysign($T(0), x), $X_copysign(pio2, y)); }
    return vec2<$T>($X_nan(), $X_nan());
  }
  if ax > $REPS || ay > $REPS {
    return vec2<$T>($X_real_part_reciprocal(x, y), $X_copysign(pio2, y));
  }
  if ax < $S3E / $T(2) && ay < $S3E / $T(2) { return z; }
  var rx = $T(0);
  if ax == $T(1) && ay < $EPS {
    rx = ($T(0.6931471805599453) - $X_log(ay)) / $T(2);
  } else {
    rx = $X_log1p($T(4) * ax / $X_sum_squares(ax - $T(1), ay)) / $T(4);
  }
  var ry = $T(0);
  if ax == $T(1) {
    ry = $X_atan2($T(2), -ay) / $T(2);
  } else if ay < $EPS {
    ry = $X_atan2($T(2) * ay, ($T(1) - ax) * ($T(1) + ax)) / $T(2);
  } else {
    ry = $X_atan2($T(2) * ay, ($T(1) - ax) * ($T(1) + ax) - ay * ay) / $T(2);
  }
  return vec2<$T>($X_copysign(rx, x), $X_copysign(ry, y));
}
fn $X_catan(z: vec2<$T>) -> vec2<$T> {
  let w = $X_catanh(vec2<$T>(z.y, z.x));
  return vec2<$T>(w.y, w.x);
}
",
        f32: None,
    },
];
