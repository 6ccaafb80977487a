//! `sinh`, `cosh`, `tanh` (fdlibm), `asinh`, `acosh`, `atanh` (fdlibm's formulas, as the
//! reference writes them) and `hypot` (fdlibm's e_hypot).

use super::Entry;

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        name: "ldexp_exp",
        deps: &["exp"],
        src: "
// exp(x) * 2^expt without intermediate overflow, for x near the overflow threshold
// (FreeBSD's __ldexp_exp: k = 1799 makes k ln2 nearly exact in a double).
fn xp_ldexp_exp(x: f64, expt: i32) -> f64 {
  let e = xp_exp(x - 1246.97177782734161156lf);
  let hx = xp_hi(e);
  let ex = i32(hx >> 20u) - (0x3ff + 1023) + 1799;
  let m = xp_set_hi(e, (hx & 0xfffffu) | (u32(0x3ff + 1023) << 20u));
  return m * xp_pow2(expt + ex);
}
",
        f32: Some(super::float32_more::LDEXP_EXP),
    },
    Entry {
        name: "sinh",
        deps: &["exp", "expm1", "ldexp_exp"],
        src: "
fn xp_sinh(x: f64) -> f64 {
  let hx = xp_ihi(x);
  let ix = hx & 0x7fffffff;
  if ix >= 0x7ff00000 { return x; }
  let h = select(0.5lf, -0.5lf, hx < 0);
  let ax = xp_fabs(x);
  if ix < 0x40360000 {
    if ix < 0x3e300000 { return x; }
    let t = xp_expm1(ax);
    if ix < 0x3ff00000 { return h * (2.0lf * t - t * t / (t + 1.0lf)); }
    return h * (t + t / (t + 1.0lf));
  }
  if ix < 0x40862e42 { return h * xp_exp(ax); }
  if ix <= 0x408633ce { return h * 2.0lf * xp_ldexp_exp(ax, -1); }
  return select(xp_inf(), -xp_inf(), hx < 0);
}
",
        f32: Some(super::float32_more::SINH),
    },
    Entry {
        name: "cosh",
        deps: &["exp", "expm1", "ldexp_exp"],
        src: "
fn xp_cosh(x: f64) -> f64 {
  let ix = xp_ihi(x) & 0x7fffffff;
  if ix >= 0x7ff00000 { return x * x; }
  let ax = xp_fabs(x);
  if ix < 0x3fd62e43 {
    let t = xp_expm1(ax);
    let w = 1.0lf + t;
    if ix < 0x3c800000 { return w; }
    return 1.0lf + (t * t) / (w + w);
  }
  if ix < 0x40360000 {
    let t = xp_exp(ax);
    return 0.5lf * t + 0.5lf / t;
  }
  if ix < 0x40862e42 { return 0.5lf * xp_exp(ax); }
  if ix <= 0x408633ce { return xp_ldexp_exp(ax, -1); }
  return xp_inf();
}
",
        f32: Some(super::float32_more::COSH),
    },
    Entry {
        name: "tanh",
        deps: &["expm1"],
        src: "
fn xp_tanh(x: f64) -> f64 {
  let hx = xp_ihi(x);
  let ix = hx & 0x7fffffff;
  if ix >= 0x7ff00000 {
    if xp_isnan(x) { return x; }
    return select(1.0lf, -1.0lf, hx < 0);
  }
  var z = 1.0lf;
  if ix < 0x40360000 {
    if ix < 0x3e300000 { return x; }
    let ax = xp_fabs(x);
    if ix >= 0x3ff00000 {
      let t = xp_expm1(2.0lf * ax);
      z = 1.0lf - 2.0lf / (t + 2.0lf);
    } else {
      let t = xp_expm1(-2.0lf * ax);
      z = -t / (t + 2.0lf);
    }
  }
  return select(z, -z, hx < 0);
}
",
        f32: Some(super::float32_more::TANH),
    },
    Entry {
        name: "asinh",
        deps: &["log", "log1p"],
        src: "
fn xp_asinh(x: f64) -> f64 {
  if !xp_isfinite(x) { return x; }
  let ax = xp_fabs(x);
  if ax < 3.725290298461914e-9lf { return x; }
  var r = 0.0lf;
  if ax > 268435456.0lf {
    r = xp_log(ax) + 6.93147180559945309417e-01lf;
  } else if ax > 2.0lf {
    r = xp_log(2.0lf * ax + 1.0lf / (sqrt(x * x + 1.0lf) + ax));
  } else {
    let t = x * x;
    r = xp_log1p(ax + t / (1.0lf + sqrt(1.0lf + t)));
  }
  return xp_copysign(r, x);
}
",
        f32: Some(super::float32_more::ASINH),
    },
    Entry {
        name: "acosh",
        deps: &["log", "log1p"],
        src: "
fn xp_acosh(x: f64) -> f64 {
  if xp_isnan(x) || x < 1.0lf { return xp_nan(); }
  if x == 1.0lf { return 0.0lf; }
  if x >= 268435456.0lf { return xp_log(x) + 6.93147180559945309417e-01lf; }
  if x > 2.0lf { return xp_log(2.0lf * x - 1.0lf / (x + sqrt(x * x - 1.0lf))); }
  let t = x - 1.0lf;
  return xp_log1p(t + sqrt(2.0lf * t + t * t));
}
",
        f32: Some(super::float32_more::ACOSH),
    },
    Entry {
        name: "atanh",
        deps: &["log1p"],
        src: "
fn xp_atanh(x: f64) -> f64 {
  let ax = xp_fabs(x);
  if xp_isnan(x) || ax > 1.0lf { return xp_nan(); }
  if ax == 1.0lf { return xp_copysign(xp_inf(), x); }
  if ax < 3.725290298461914e-9lf { return x; }
  var r = 0.0lf;
  if ax < 0.5lf {
    let t = ax + ax;
    r = 0.5lf * xp_log1p(t + t * ax / (1.0lf - ax));
  } else {
    r = 0.5lf * xp_log1p((ax + ax) / (1.0lf - ax));
  }
  return xp_copysign(r, x);
}
",
        f32: Some(super::float32_more::ATANH),
    },
    Entry {
        name: "hypot",
        deps: &["words"],
        src: "
fn xp_hypot(x: f64, y: f64) -> f64 {
  var a = xp_fabs(x);
  var b = xp_fabs(y);
  var ha = xp_ihi(a);
  var hb = xp_ihi(b);
  if hb > ha {
    let t = a; a = b; b = t;
    let h = ha; ha = hb; hb = h;
  }
  if xp_isinf(a) || xp_isinf(b) { return xp_inf(); }
  if xp_isnan(a) || xp_isnan(b) { return xp_nan(); }
  if (ha - hb) > 0x3c00000 { return a + b; }
  var k = 0i;
  if ha > 0x5f300000 {
    ha = ha - 0x25800000;
    hb = hb - 0x25800000;
    k = k + 600;
    a = xp_set_hi(a, u32(ha));
    b = xp_set_hi(b, u32(hb));
  }
  if hb < 0x20b00000 {
    if hb <= 0x000fffff {
      if (u32(hb) | xp_lo(b)) == 0u { return a; }
      let t1 = xp_pow2(1022);
      b = b * t1;
      a = a * t1;
      k = k - 1022;
      ha = xp_ihi(a);
      hb = xp_ihi(b);
    } else {
      ha = ha + 0x25800000;
      hb = hb + 0x25800000;
      k = k - 600;
      a = xp_set_hi(a, u32(ha));
      b = xp_set_hi(b, u32(hb));
    }
  }
  var w = a - b;
  if w > b {
    let t1 = xp_words(u32(ha), 0u);
    let t2 = a - t1;
    w = sqrt(t1 * t1 - (b * (-b) - t2 * (a + t1)));
  } else {
    a = a + a;
    let y1 = xp_words(u32(hb), 0u);
    let y2 = b - y1;
    let t1 = xp_words(u32(ha + 0x00100000), 0u);
    let t2 = a - t1;
    w = sqrt(t1 * y1 - (w * (-w) - (t1 * y2 + t2 * b)));
  }
  if k != 0 { return xp_scalbn(w, k); }
  return w;
}
",
        f32: Some(super::float32_more::HYPOT),
    },
];
