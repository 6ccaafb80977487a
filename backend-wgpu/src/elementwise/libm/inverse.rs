//! `asin`, `acos`, `atan`, `atan2` (fdlibm's e_asin, e_acos, s_atan, e_atan2).

use super::Entry;

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        name: "asin_pq",
        deps: &["words"],
        src: "
// The rational approximation R(t) = p(t) / q(t) of e_asin / e_acos.
fn xp_asin_r(t: f64) -> f64 {
  let p = t * (1.66666666666666657415e-01lf + t * (-3.25565818622400915405e-01lf + t * (2.01212532134862925881e-01lf
    + t * (-4.00555345006794114027e-02lf + t * (7.91534994289814532176e-04lf + t * 3.47933107596021167570e-05lf)))));
  let q = 1.0lf + t * (-2.40339491173441421878e+00lf + t * (2.02094576023350569471e+00lf
    + t * (-6.88283971605453293030e-01lf + t * 7.70381505559019352791e-02lf)));
  return p / q;
}
",
        f32: Some(super::float32_more::ASIN_R),
    },
    Entry {
        name: "asin",
        deps: &["asin_pq"],
        src: "
fn xp_asin(x: f64) -> f64 {
  let hx = xp_ihi(x);
  let ix = hx & 0x7fffffff;
  if ix >= 0x3ff00000 {
    if ((u32(ix) - 0x3ff00000u) | xp_lo(x)) == 0u {
      return x * 1.57079632679489655800e+00lf + x * 6.12323399573676603587e-17lf;
    }
    return xp_nan();
  }
  if ix < 0x3fe00000 {
    if ix < 0x3e500000 { return x; }
    let t = x * x;
    return x + x * xp_asin_r(t);
  }
  let w = 1.0lf - xp_fabs(x);
  let t = w * 0.5lf;
  let s = sqrt(t);
  var res = 0.0lf;
  if ix >= 0x3fef3333 {
    let r = xp_asin_r(t);
    res = 1.57079632679489655800e+00lf - (2.0lf * (s + s * r) - 6.12323399573676603587e-17lf);
  } else {
    let w2 = xp_set_lo(s, 0u);
    let c = (t - w2 * w2) / (s + w2);
    let r = xp_asin_r(t);
    let p = 2.0lf * s * r - (6.12323399573676603587e-17lf - 2.0lf * c);
    let q = 7.85398163397448278999e-01lf - 2.0lf * w2;
    res = 7.85398163397448278999e-01lf - (p - q);
  }
  return select(-res, res, hx > 0);
}
",
        f32: Some(super::float32_more::ASIN),
    },
    Entry {
        name: "acos",
        deps: &["asin_pq"],
        src: "
fn xp_acos(x: f64) -> f64 {
  let hx = xp_ihi(x);
  let ix = hx & 0x7fffffff;
  if ix >= 0x3ff00000 {
    if ((u32(ix) - 0x3ff00000u) | xp_lo(x)) == 0u {
      if hx > 0 { return 0.0lf; }
      return 3.14159265358979311600e+00lf + 2.0lf * 6.12323399573676603587e-17lf;
    }
    return xp_nan();
  }
  if ix < 0x3fe00000 {
    if ix <= 0x3c600000 { return 1.57079632679489655800e+00lf + 6.12323399573676603587e-17lf; }
    let r = xp_asin_r(x * x);
    return 1.57079632679489655800e+00lf - (x - (6.12323399573676603587e-17lf - x * r));
  }
  if hx < 0 {
    let z = (1.0lf + x) * 0.5lf;
    let s = sqrt(z);
    let w = xp_asin_r(z) * s - 6.12323399573676603587e-17lf;
    return 3.14159265358979311600e+00lf - 2.0lf * (s + w);
  }
  let z = (1.0lf - x) * 0.5lf;
  let s = sqrt(z);
  let df = xp_set_lo(s, 0u);
  let c = (z - df * df) / (s + df);
  let w = xp_asin_r(z) * s + c;
  return 2.0lf * (df + w);
}
",
        f32: Some(super::float32_more::ACOS),
    },
    Entry {
        name: "atan",
        deps: &["words"],
        src: "
fn xp_atan(xin: f64) -> f64 {
  var x = xin;
  let hx = xp_ihi(x);
  let ix = hx & 0x7fffffff;
  if ix >= 0x44100000 {
    if xp_isnan(x) { return x; }
    if hx > 0 { return 1.57079632679489655800e+00lf + 6.12323399573676603587e-17lf; }
    return -1.57079632679489655800e+00lf - 6.12323399573676603587e-17lf;
  }
  var id = -1i;
  if ix < 0x3fdc0000 {
    if ix < 0x3e400000 { return x; }
  } else {
    x = xp_fabs(x);
    if ix < 0x3ff30000 {
      if ix < 0x3fe60000 {
        id = 0;
        x = (2.0lf * x - 1.0lf) / (2.0lf + x);
      } else {
        id = 1;
        x = (x - 1.0lf) / (x + 1.0lf);
      }
    } else {
      if ix < 0x40038000 {
        id = 2;
        x = (x - 1.5lf) / (1.0lf + 1.5lf * x);
      } else {
        id = 3;
        x = -1.0lf / x;
      }
    }
  }
  let z = x * x;
  let w = z * z;
  let s1 = z * (3.33333333333329318027e-01lf + w * (1.42857142725034663711e-01lf + w * (9.09088713343650656196e-02lf
    + w * (6.66107313738753120669e-02lf + w * (4.97687799461593236017e-02lf + w * 1.62858201153657823623e-02lf)))));
  let s2 = w * (-1.99999999998764832476e-01lf + w * (-1.11111104054623557880e-01lf + w * (-7.69187620504482999495e-02lf
    + w * (-5.83357013379057348645e-02lf + w * -3.65315727442169155270e-02lf))));
  if id < 0 { return x - x * (s1 + s2); }
  var hi = 0.0lf;
  var lo = 0.0lf;
  switch id {
    case 0: { hi = 4.63647609000806093515e-01lf; lo = 2.26987774529616870924e-17lf; }
    case 1: { hi = 7.85398163397448278999e-01lf; lo = 3.06161699786838301793e-17lf; }
    case 2: { hi = 9.82793723247329054082e-01lf; lo = 1.39033110312309984516e-17lf; }
    default: { hi = 1.57079632679489655800e+00lf; lo = 6.12323399573676603587e-17lf; }
  }
  let r = hi - ((x * (s1 + s2) - lo) - x);
  return select(r, -r, hx < 0);
}
",
        f32: Some(super::float32_more::ATAN),
    },
    Entry {
        name: "atan2",
        deps: &["atan"],
        src: "
fn xp_atan2(y: f64, x: f64) -> f64 {
  if xp_isnan(x) || xp_isnan(y) { return x + y; }
  let hx = xp_ihi(x);
  let ix = hx & 0x7fffffff;
  let lx = xp_lo(x);
  let hy = xp_ihi(y);
  let iy = hy & 0x7fffffff;
  let ly = xp_lo(y);
  if hx == 0x3ff00000 && lx == 0u { return xp_atan(y); }
  var m = ((hy >> 31u) & 1) | ((hx >> 30u) & 2);
  let pi = 3.1415926535897931160e+00lf;
  let pi_o_2 = 1.5707963267948965580e+00lf;
  let pi_o_4 = 7.8539816339744827900e-01lf;
  let pi_lo = 1.2246467991473531772e-16lf;
  if (u32(iy) | ly) == 0u {
    switch m {
      case 0, 1: { return y; }
      case 2: { return pi; }
      default: { return -pi; }
    }
  }
  if (u32(ix) | lx) == 0u { return select(pi_o_2, -pi_o_2, hy < 0); }
  if ix == 0x7ff00000 {
    if iy == 0x7ff00000 {
      switch m {
        case 0: { return pi_o_4; }
        case 1: { return -pi_o_4; }
        case 2: { return 3.0lf * pi_o_4; }
        default: { return -3.0lf * pi_o_4; }
      }
    }
    switch m {
      case 0: { return 0.0lf; }
      case 1: { return -0.0lf; }
      case 2: { return pi; }
      default: { return -pi; }
    }
  }
  if iy == 0x7ff00000 { return select(pi_o_2, -pi_o_2, hy < 0); }
  let k = (iy - ix) >> 20u;
  var z = 0.0lf;
  if k > 60 {
    z = pi_o_2 + 0.5lf * pi_lo;
    m = m & 1;
  } else if hx < 0 && k < -60 {
    z = 0.0lf;
  } else {
    z = xp_atan(xp_fabs(y / x));
  }
  switch m {
    case 0: { return z; }
    case 1: { return -z; }
    case 2: { return pi - (z - pi_lo); }
    default: { return (z - pi_lo) - pi; }
  }
}
",
        f32: Some(super::float32_more::ATAN2),
    },
];
