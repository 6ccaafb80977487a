//! `exp`, `expm1`, `log`, `log1p`, `log2`, `log10` (fdlibm's e_exp, s_expm1, e_log,
//! s_log1p, and FreeBSD's e_log2 / e_log10 with their k_log1p kernel).

use super::Entry;

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        name: "dd",
        deps: &["words"],
        src: "
// Error-free transformations (double-double arithmetic); sums go through xp_ob so that
// the driver cannot reassociate them away.
fn xp_two_sum(a: f64, b: f64) -> vec2<f64> {
  let s = xp_ob(a + b);
  let bb = xp_ob(s - a);
  return vec2<f64>(s, (a - xp_ob(s - bb)) + (b - bb));
}
fn xp_fast_two_sum(a: f64, b: f64) -> vec2<f64> {
  let s = xp_ob(a + b);
  return vec2<f64>(s, b - xp_ob(s - a));
}
// Dekker's product (Veltkamp splitting), not fma: Vulkan does not promise a fused fma
// (lavapipe computes it as a product and a sum).
fn xp_split(a: f64) -> vec2<f64> {
  let c = xp_ob(134217729.0lf * a);
  let h = c - xp_ob(c - a);
  return vec2<f64>(h, a - h);
}
fn xp_two_prod(a: f64, b: f64) -> vec2<f64> {
  let p = xp_ob(a * b);
  let sa = xp_split(a);
  let sb = xp_split(b);
  let e = ((xp_ob(sa.x * sb.x) - p) + xp_ob(sa.x * sb.y) + xp_ob(sa.y * sb.x)) + xp_ob(sa.y * sb.y);
  return vec2<f64>(p, e);
}
",
        f32: Some(""),
    },
    Entry {
        name: "exp",
        deps: &["words", "dd"],
        src: "
// 2^(j/32) as double-doubles (hi, lo), j = 0..31.
var<private> XP_EXP_TABLE: array<f64, 64> = array<f64, 64>(
  1.0lf, 0.0lf,
  1.0218971486541166lf, 5.109225028973444e-17lf,
  1.0442737824274138lf, 8.551889705537965e-17lf,
  1.0671404006768237lf, -7.899853966841582e-17lf,
  1.0905077326652577lf, -3.046782079812471e-17lf,
  1.1143867425958924lf, 1.0410278456845571e-16lf,
  1.1387886347566916lf, 8.912812676025408e-17lf,
  1.1637248587775775lf, 3.8292048369240935e-17lf,
  1.189207115002721lf, 3.982015231465646e-17lf,
  1.215247359980469lf, -7.712630692681488e-17lf,
  1.241857812073484lf, 4.658027591836937e-17lf,
  1.2690509571917332lf, 2.667932131342186e-18lf,
  1.2968395546510096lf, 2.5382502794888315e-17lf,
  1.3252366431597413lf, -2.8587312100388614e-17lf,
  1.3542555469368927lf, 7.70094837980299e-17lf,
  1.383909881963832lf, -6.770511658794786e-17lf,
  1.4142135623730951lf, -9.667293313452913e-17lf,
  1.4451808069770467lf, -3.0237581349939873e-17lf,
  1.4768261459394993lf, -3.483994556892796e-17lf,
  1.5091644275934228lf, -1.016455327754295e-16lf,
  1.5422108254079407lf, 7.949834809697621e-17lf,
  1.5759808451078865lf, -1.0136916471278304e-17lf,
  1.6104903319492543lf, 2.4707192569797888e-17lf,
  1.645755478153965lf, -1.0125679913674773e-16lf,
  1.681792830507429lf, 8.199010020581497e-17lf,
  1.718619298122478lf, -1.851380418263111e-17lf,
  1.7562521603732995lf, 2.960140695448873e-17lf,
  1.7947090750031072lf, 1.8227458427912087e-17lf,
  1.8340080864093424lf, 3.283107224245627e-17lf,
  1.8741676341103lf, -6.122763413004143e-17lf,
  1.9152065613971474lf, -1.0619946056195963e-16lf,
  1.9571441241754002lf, 8.960767791036668e-17lf,
);
// exp(x) = 2^m 2^(j/32) exp(r), |r| <= ln2/64, with r and the table in double-double
// and the result rounded once: about 2^-64 relative error, so nearly always correctly
// rounded.
fn xp_exp(x: f64) -> f64 {
  let ix = xp_hi(x) & 0x7fffffffu;
  if ix >= 0x40862e42u {
    if xp_isnan(x) { return x; }
    if x > 7.09782712893383973096e+02lf { return xp_inf(); }
    if x < -7.45133219101941108420e+02lf { return 0.0lf; }
  }
  if ix < 0x3e300000u { return 1.0lf + x; }
  let kf = round(x * 46.16624130844683lf);
  let k = i32(kf);
  // r = x - kf ln2/32, ln2/32 = L1 + L2 + L3 (kf L1 exact)
  let hi = x - kf * 0.021660834550857544lf;
  let lo = xp_two_prod(kf, 1.4841640746973977e-08lf);
  let r = xp_ob(hi - lo.x);
  let r_lo = ((hi - r) - lo.x) - lo.y - kf * -7.314980895524448e-25lf;
  let j = u32(k & 31);
  let m = k >> 5u;
  let t_hi = XP_EXP_TABLE[2u * j];
  let t_lo = XP_EXP_TABLE[2u * j + 1u];
  let p_lo = r_lo + r * r * (0.5lf + r * (1.6666666666666666e-01lf + r * (4.1666666666666664e-02lf
    + r * (8.3333333333333332e-03lf + r * 1.3888888888888889e-03lf))));
  let ph = xp_two_prod(t_hi, r);
  let s = xp_fast_two_sum(t_hi, ph.x);
  let tail = s.y + ph.y + t_hi * p_lo + t_lo * (1.0lf + r);
  return xp_scalbn(s.x + tail, m);
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
        deps: &["words", "dd"],
        src: "
// log(x) = k ln2 + 2 atanh(s), s = f / (2 + f), x = 2^k (1 + f), with s, s^3 and k ln2 in
// double-double and the result rounded once (about 2^-64 relative error).
fn xp_log(xin: f64) -> f64 {
  var x = xin;
  var hx = xp_ihi(x);
  var k = 0i;
  if hx < 0x00100000 {
    if ((u32(hx) & 0x7fffffffu) | xp_lo(x)) == 0u { return -xp_inf(); }
    if hx < 0 { return xp_nan(); }
    k = -54;
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
  if f == 0.0lf {
    if k == 0 { return 0.0lf; }
    return dk * 6.93147180369123816490e-01lf + dk * 1.90821492927058770002e-10lf;
  }
  // s = f / d, d = 2 + f (double-double d_hi + d_lo)
  let d = xp_fast_two_sum(2.0lf, f);
  let s = f / d.x;
  let sd = xp_two_prod(s, d.x);
  let s_lo = (((f - sd.x) - sd.y) - s * d.y) / d.x;
  // z = s^2 and u = s^3 in double-double
  let z = xp_two_prod(s, s);
  let z_lo = z.y + 2.0lf * s * s_lo;
  let u = xp_two_prod(s, z.x);
  let u_lo = u.y + s * z_lo + s_lo * z.x;
  // t = (2/3) s^3
  let t = xp_two_prod(0.6666666666666666lf, u.x);
  let t_lo = t.y + 0.6666666666666666lf * u_lo + 3.700743415417188e-17lf * u.x;
  // the rest of 2 atanh(s): 2 s^5 (1/5 + s^2/7 + ...)
  let w = z.x;
  let rest = 2.0lf * u.x * w * (0.2lf + w * (0.14285714285714285lf + w * (0.1111111111111111lf + w * (0.09090909090909091lf + w * (0.07692307692307693lf + w * (0.06666666666666667lf + w * (0.058823529411764705lf + w * (0.05263157894736842lf + w * (0.047619047619047616lf + w * (0.043478260869565216lf + w * (0.04lf + w * (0.037037037037037035lf))))))))))));
  let a = xp_two_sum(dk * 6.93147180369123816490e-01lf, 2.0lf * s);
  let b = xp_two_sum(a.x, t.x);
  let tail = a.y + b.y + dk * 1.90821492927058770002e-10lf + 2.0lf * s_lo + t_lo + rest;
  return b.x + tail;
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
