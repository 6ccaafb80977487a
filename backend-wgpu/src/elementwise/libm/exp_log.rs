//! `exp`, `expm1`, `log`, `log1p`, `log2`, `log10` (fdlibm's e_exp, s_expm1, e_log,
//! s_log1p, and FreeBSD's e_log2 / e_log10 with their k_log1p kernel).

use super::Entry;

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        name: "exp",
        deps: &["words"],
        src: "
fn xp_exp(xin: f64) -> f64 {
  var x = xin;
  let hx0 = xp_hi(x);
  let neg = (hx0 >> 31u) != 0u;
  let hx = hx0 & 0x7fffffffu;
  if hx >= 0x40862e42u {
    if hx >= 0x7ff00000u {
      if ((hx & 0xfffffu) | xp_lo(x)) != 0u { return x; }
      return select(x, 0.0lf, neg);
    }
    if x > 7.09782712893383973096e+02lf { return xp_inf(); }
    if x < -7.45133219101941108420e+02lf { return 0.0lf; }
  }
  var hi = 0.0lf;
  var lo = 0.0lf;
  var k = 0i;
  if hx > 0x3fd62e42u {
    if hx < 0x3ff0a2b2u {
      if neg {
        hi = x + 6.93147180369123816490e-01lf;
        lo = -1.90821492927058770002e-10lf;
        k = -1;
      } else {
        hi = x - 6.93147180369123816490e-01lf;
        lo = 1.90821492927058770002e-10lf;
        k = 1;
      }
    } else {
      k = i32(1.44269504088896338700e+00lf * x + select(0.5lf, -0.5lf, neg));
      let t = f64(k);
      hi = x - t * 6.93147180369123816490e-01lf;
      lo = t * 1.90821492927058770002e-10lf;
    }
    x = hi - lo;
  } else if hx < 0x3e300000u {
    return 1.0lf + x;
  }
  let t = x * x;
  let c = x - t * (1.66666666666666019037e-01lf + t * (-2.77777777770155933842e-03lf
    + t * (6.61375632143793436117e-05lf + t * (-1.65339022054652515390e-06lf
    + t * 4.13813679705723846039e-08lf))));
  if k == 0 { return 1.0lf - ((x * c) / (c - 2.0lf) - x); }
  let y = 1.0lf - ((lo - (x * c) / (2.0lf - c)) - hi);
  return xp_scalbn(y, k);
}
",
        f32: Some(super::float32::EXP),
    },
    Entry {
        name: "expm1",
        deps: &["words"],
        src: "
fn xp_expm1(xin: f64) -> f64 {
  var x = xin;
  let hx0 = xp_hi(x);
  let neg = (hx0 >> 31u) != 0u;
  let hx = hx0 & 0x7fffffffu;
  if hx >= 0x4043687au {
    if hx >= 0x40862e42u {
      if hx >= 0x7ff00000u {
        if ((hx & 0xfffffu) | xp_lo(x)) != 0u { return x; }
        return select(x, -1.0lf, neg);
      }
      if x > 7.09782712893383973096e+02lf { return xp_inf(); }
    }
    if neg { return -1.0lf; }
  }
  var k = 0i;
  var c = 0.0lf;
  if hx > 0x3fd62e42u {
    var hi = 0.0lf;
    var lo = 0.0lf;
    if hx < 0x3ff0a2b2u {
      if neg {
        hi = x + 6.93147180369123816490e-01lf;
        lo = -1.90821492927058770002e-10lf;
        k = -1;
      } else {
        hi = x - 6.93147180369123816490e-01lf;
        lo = 1.90821492927058770002e-10lf;
        k = 1;
      }
    } else {
      k = i32(1.44269504088896338700e+00lf * x + select(0.5lf, -0.5lf, neg));
      let t = f64(k);
      hi = x - t * 6.93147180369123816490e-01lf;
      lo = t * 1.90821492927058770002e-10lf;
    }
    x = xp_ob(hi - lo);
    c = (hi - x) - lo;
  } else if hx < 0x3c900000u {
    return x;
  }
  let hfx = 0.5lf * x;
  let hxs = x * hfx;
  let r1 = 1.0lf + hxs * (-3.33333333333331316428e-02lf + hxs * (1.58730158725481460165e-03lf
    + hxs * (-7.93650757867487942473e-05lf + hxs * (4.00821782732936239552e-06lf
    + hxs * -2.01099218183624371326e-07lf))));
  let t = 3.0lf - r1 * hfx;
  var e = hxs * ((r1 - t) / (6.0lf - x * t));
  if k == 0 { return x - (x * e - hxs); }
  e = x * (e - c) - c;
  e = e - hxs;
  if k == -1 { return 0.5lf * (x - e) - 0.5lf; }
  if k == 1 {
    if x < -0.25lf { return -2.0lf * (e - (x + 0.5lf)); }
    return 1.0lf + 2.0lf * (x - e);
  }
  if k <= -2 || k > 56 {
    let y = xp_scalbn(1.0lf - (e - x), k);
    return y - 1.0lf;
  }
  if k < 20 {
    let t2 = xp_words(0x3ff00000u - (0x200000u >> u32(k)), 0u);
    return xp_scalbn(t2 - (e - x), k);
  }
  let t3 = xp_words(u32(0x3ff - k) << 20u, 0u);
  let y = (x - (e + t3)) + 1.0lf;
  return xp_scalbn(y, k);
}
",
        f32: Some(super::float32::EXPM1),
    },
    Entry {
        name: "log",
        deps: &["words"],
        src: "
fn xp_log(xin: f64) -> f64 {
  var x = xin;
  var hx = xp_ihi(x);
  let lx = xp_lo(x);
  var k = 0i;
  if hx < 0x00100000 {
    if ((u32(hx) & 0x7fffffffu) | lx) == 0u { return -xp_inf(); }
    if hx < 0 { return xp_nan(); }
    k = k - 54;
    x = x * 1.80143985094819840000e+16lf;
    hx = xp_ihi(x);
  }
  if hx >= 0x7ff00000 { return x; }
  k = k + ((hx >> 20u) - 1023);
  hx = hx & 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = xp_set_hi(x, u32(hx | (i ^ 0x3ff00000)));
  k = k + (i >> 20u);
  let f = x - 1.0lf;
  let dk = f64(k);
  if (0x000fffff & (2 + hx)) < 3 {
    if f == 0.0lf {
      if k == 0 { return 0.0lf; }
      return dk * 6.93147180369123816490e-01lf + dk * 1.90821492927058770002e-10lf;
    }
    let r = f * f * (0.5lf - 0.33333333333333333lf * f);
    if k == 0 { return f - r; }
    return dk * 6.93147180369123816490e-01lf - ((r - dk * 1.90821492927058770002e-10lf) - f);
  }
  let s = f / (2.0lf + f);
  let z = s * s;
  let w = z * z;
  let t1 = w * (3.999999999940941908e-01lf + w * (2.222219843214978396e-01lf + w * 1.531383769920937332e-01lf));
  let t2 = z * (6.666666666666735130e-01lf + w * (2.857142874366239149e-01lf
    + w * (1.818357216161805012e-01lf + w * 1.479819860511658591e-01lf)));
  let i2 = (hx - 0x6147a) | (0x6b851 - hx);
  let r = t2 + t1;
  if i2 > 0 {
    let hfsq = 0.5lf * f * f;
    if k == 0 { return f - (hfsq - s * (hfsq + r)); }
    return dk * 6.93147180369123816490e-01lf
      - ((hfsq - (s * (hfsq + r) + dk * 1.90821492927058770002e-10lf)) - f);
  }
  if k == 0 { return f - s * (f - r); }
  return dk * 6.93147180369123816490e-01lf - ((s * (f - r) - dk * 1.90821492927058770002e-10lf) - f);
}
",
        f32: Some(super::float32::LOG),
    },
    Entry {
        name: "log1p",
        deps: &["words"],
        src: "
fn xp_log1p(x: f64) -> f64 {
  let hx = xp_ihi(x);
  let ax = hx & 0x7fffffff;
  var k = 1i;
  var f = 0.0lf;
  var hu = 0i;
  var c = 0.0lf;
  if hx < 0x3fda827a {
    if ax >= 0x3ff00000 {
      if x == -1.0lf { return -xp_inf(); }
      return xp_nan();
    }
    if ax < 0x3e200000 {
      if ax < 0x3c900000 { return x; }
      return x - x * x * 0.5lf;
    }
    if hx > 0 || hx <= bitcast<i32>(0xbfd2bec3u) {
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if hx >= 0x7ff00000 { return x; }
  if k != 0 {
    var u = 0.0lf;
    if hx < 0x43400000 {
      u = xp_ob(1.0lf + x);
      hu = xp_ihi(u);
      k = (hu >> 20u) - 1023;
      c = select(x - (u - 1.0lf), 1.0lf - (u - x), k > 0);
      c = c / u;
    } else {
      u = x;
      hu = xp_ihi(u);
      k = (hu >> 20u) - 1023;
      c = 0.0lf;
    }
    hu = hu & 0x000fffff;
    if hu < 0x6a09e {
      u = xp_set_hi(u, u32(hu | 0x3ff00000));
    } else {
      k = k + 1;
      u = xp_set_hi(u, u32(hu | 0x3fe00000));
      hu = (0x00100000 - hu) >> 2u;
    }
    f = u - 1.0lf;
  }
  let hfsq = 0.5lf * f * f;
  let dk = f64(k);
  if hu == 0 {
    if f == 0.0lf {
      if k == 0 { return 0.0lf; }
      return dk * 6.93147180369123816490e-01lf + (c + dk * 1.90821492927058770002e-10lf);
    }
    let r = hfsq * (1.0lf - 0.66666666666666666lf * f);
    if k == 0 { return f - r; }
    return dk * 6.93147180369123816490e-01lf - ((r - (dk * 1.90821492927058770002e-10lf + c)) - f);
  }
  let s = f / (2.0lf + f);
  let z = s * s;
  let r = z * (6.666666666666735130e-01lf + z * (3.999999999940941908e-01lf
    + z * (2.857142874366239149e-01lf + z * (2.222219843214978396e-01lf
    + z * (1.818357216161805012e-01lf + z * (1.531383769920937332e-01lf
    + z * 1.479819860511658591e-01lf))))));
  if k == 0 { return f - (hfsq - s * (hfsq + r)); }
  return dk * 6.93147180369123816490e-01lf
    - ((hfsq - (s * (hfsq + r) + (dk * 1.90821492927058770002e-10lf + c))) - f);
}
",
        f32: Some(super::float32::LOG1P),
    },
    Entry {
        name: "klog",
        deps: &["words"],
        src: "
// Reduces finite positive x to 2^k (1 + f), sqrt(2)/2 <= 1 + f < sqrt(2); returns
// (k, f, k_log1p(f)) where log(1 + f) = f - f*f/2 + k_log1p(f). Handles subnormals.
struct XpKlog { k: f64, f: f64, r: f64 }
fn xp_klog(xin: f64) -> XpKlog {
  var x = xin;
  var hx = xp_ihi(x);
  var k = 0i;
  if hx < 0x00100000 {
    k = -54;
    x = x * 1.80143985094819840000e+16lf;
    hx = xp_ihi(x);
  }
  k = k + ((hx >> 20u) - 1023);
  hx = hx & 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = xp_set_hi(x, u32(hx | (i ^ 0x3ff00000)));
  k = k + (i >> 20u);
  let f = x - 1.0lf;
  let s = f / (2.0lf + f);
  let z = s * s;
  let w = z * z;
  let t1 = w * (3.999999999940941908e-01lf + w * (2.222219843214978396e-01lf + w * 1.531383769920937332e-01lf));
  let t2 = z * (6.666666666666735130e-01lf + w * (2.857142874366239149e-01lf
    + w * (1.818357216161805012e-01lf + w * 1.479819860511658591e-01lf)));
  let hfsq = 0.5lf * f * f;
  return XpKlog(f64(k), f, s * (hfsq + t2 + t1));
}
// Special values of log2 / log10: -inf for zeros, NaN for negatives and NaN, +inf, and
// 0 for 1; `ok` false when there is no special value.
struct XpLogSpecial { ok: bool, v: f64 }
fn xp_log_special(x: f64) -> XpLogSpecial {
  if xp_isnan(x) { return XpLogSpecial(true, x); }
  if x == 0.0lf { return XpLogSpecial(true, -xp_inf()); }
  if x < 0.0lf { return XpLogSpecial(true, xp_nan()); }
  if xp_isinf(x) { return XpLogSpecial(true, x); }
  if x == 1.0lf { return XpLogSpecial(true, 0.0lf); }
  return XpLogSpecial(false, 0.0lf);
}
",
        f32: Some(super::float32::KLOG),
    },
    Entry {
        name: "log2",
        deps: &["klog"],
        src: "
fn xp_log2(x: f64) -> f64 {
  let sp = xp_log_special(x);
  if sp.ok { return sp.v; }
  let kl = xp_klog(x);
  let f = kl.f;
  let hfsq = 0.5lf * f * f;
  let hi = xp_set_lo(f - hfsq, 0u);
  let lo = (f - hi) - hfsq + kl.r;
  var val_hi = hi * 1.44269504072144627571e+00lf;
  var val_lo = (lo + hi) * 1.67517131648865118353e-10lf + lo * 1.44269504072144627571e+00lf;
  let w = xp_ob(kl.k + val_hi);
  val_lo = val_lo + ((kl.k - w) + val_hi);
  val_hi = w;
  return val_lo + val_hi;
}
",
        f32: Some(super::float32::LOG2),
    },
    Entry {
        name: "log10",
        deps: &["klog"],
        src: "
fn xp_log10(x: f64) -> f64 {
  let sp = xp_log_special(x);
  if sp.ok { return sp.v; }
  let kl = xp_klog(x);
  let f = kl.f;
  let hfsq = 0.5lf * f * f;
  let hi = xp_set_lo(f - hfsq, 0u);
  let lo = (f - hi) - hfsq + kl.r;
  var val_hi = hi * 4.34294481878168880939e-01lf;
  let y2 = kl.k * 3.01029995663611771306e-01lf;
  var val_lo = kl.k * 3.69423907715893078616e-13lf + (lo + hi) * 2.50829467116452752298e-11lf
    + lo * 4.34294481878168880939e-01lf;
  let w = xp_ob(y2 + val_hi);
  val_lo = val_lo + ((y2 - w) + val_hi);
  val_hi = w;
  return val_lo + val_hi;
}
",
        f32: Some(super::float32::LOG10),
    },
];
