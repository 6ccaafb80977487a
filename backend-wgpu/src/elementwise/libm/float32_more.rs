//! More `f32` sources (see [`super::float32`]): inverse trigonometric, hyperbolic and
//! inverse hyperbolic functions, `hypot` and `pow`.

pub(super) const ASIN_R: &str = "
fn xpf_asin_r(t: f32) -> f32 {
  let p = t * (0.1666666716337204f + t * (-0.32556581497192383f + t * (0.20121252536773682f
    + t * (-0.0400555357336998f + t * (0.0007915350142866373f + t * 3.479330916889012e-05f)))));
  let q = 1.0f + t * (-2.403394937515259f + t * (2.0209457874298096f + t * (-0.6882839798927307f
    + t * 0.07703815400600433f)));
  return p / q;
}
";

pub(super) const ASIN: &str = "
fn xpf_asin(x: f32) -> f32 {
  let hx = bitcast<i32>(x);
  let ix = hx & 0x7fffffff;
  if ix == 0x3f800000 { return x * 1.570796251296997f + x * 7.549789415861596e-08f; }
  if ix > 0x3f800000 { return xpf_nan(); }
  if ix < 0x3f000000 {
    if ix < 0x32000000 { return x; }
    return x + x * xpf_asin_r(x * x);
  }
  let t = (1.0f - xpf_fabs(x)) * 0.5f;
  let s = sqrt(t);
  var res = 0.0f;
  if ix >= 0x3f79999a {
    res = 1.570796251296997f - (2.0f * (s + s * xpf_asin_r(t)) - 7.549789415861596e-08f);
  } else {
    let w = xpf_mask(s, 0xfffff000u);
    let c = (t - w * w) / (s + w);
    let p = 2.0f * s * xpf_asin_r(t) - (7.549789415861596e-08f - 2.0f * c);
    let q = 0.7853981852531433f - 2.0f * w;
    res = 0.7853981852531433f - (p - q);
  }
  return select(-res, res, hx > 0);
}
";

pub(super) const ACOS: &str = "
fn xpf_acos(x: f32) -> f32 {
  let hx = bitcast<i32>(x);
  let ix = hx & 0x7fffffff;
  if ix == 0x3f800000 {
    if hx > 0 { return 0.0f; }
    return 3.141592502593994f + 2.0f * 7.549789415861596e-08f;
  }
  if ix > 0x3f800000 { return xpf_nan(); }
  if ix < 0x3f000000 {
    if ix <= 0x23000000 { return 1.570796251296997f + 7.549789415861596e-08f; }
    let r = xpf_asin_r(x * x);
    return 1.570796251296997f - (x - (7.549789415861596e-08f - x * r));
  }
  if hx < 0 {
    let z = (1.0f + x) * 0.5f;
    let s = sqrt(z);
    let w = xpf_asin_r(z) * s - 7.549789415861596e-08f;
    return 3.141592502593994f - 2.0f * (s + w);
  }
  let z = (1.0f - x) * 0.5f;
  let s = sqrt(z);
  let df = xpf_mask(s, 0xfffff000u);
  let c = (z - df * df) / (s + df);
  let w = xpf_asin_r(z) * s + c;
  return 2.0f * (df + w);
}
";

pub(super) const ATAN: &str = "
fn xpf_atan(xin: f32) -> f32 {
  var x = xin;
  let hx = bitcast<i32>(x);
  let ix = hx & 0x7fffffff;
  if ix >= 0x50800000 {
    if xpf_isnan(x) { return x; }
    if hx > 0 { return 1.570796251296997f + 7.549789415861596e-08f; }
    return -1.570796251296997f - 7.549789415861596e-08f;
  }
  var id = -1i;
  if ix < 0x3ee00000 {
    if ix < 0x31000000 { return x; }
  } else {
    x = xpf_fabs(x);
    if ix < 0x3f980000 {
      if ix < 0x3f300000 { id = 0; x = (2.0f * x - 1.0f) / (2.0f + x); }
      else { id = 1; x = (x - 1.0f) / (x + 1.0f); }
    } else {
      if ix < 0x401c0000 { id = 2; x = (x - 1.5f) / (1.0f + 1.5f * x); }
      else { id = 3; x = -1.0f / x; }
    }
  }
  let z = x * x;
  let w = z * z;
  let s1 = z * (0.3333333134651184f + w * (0.1428571492433548f + w * (0.09090887010097504f
    + w * (0.06661073118448257f + w * (0.049768779426813126f + w * 0.016285819932818413f)))));
  let s2 = w * (-0.20000000298023224f + w * (-0.1111111044883728f + w * (-0.07691875845193863f
    + w * (-0.05833570286631584f + w * -0.03653157129883766f))));
  if id < 0 { return x - x * (s1 + s2); }
  var hi = 0.0f;
  var lo = 0.0f;
  switch id {
    case 0: { hi = 0.46364760398864746f; lo = 5.01215824399992e-09f; }
    case 1: { hi = 0.7853981256484985f; lo = 3.774894707930798e-08f; }
    case 2: { hi = 0.9827936887741089f; lo = 3.447321716976148e-08f; }
    default: { hi = 1.570796251296997f; lo = 7.549789415861596e-08f; }
  }
  let r = hi - ((x * (s1 + s2) - lo) - x);
  return select(r, -r, hx < 0);
}
";

pub(super) const ATAN2: &str = "
fn xpf_atan2(y: f32, x: f32) -> f32 {
  if xpf_isnan(x) || xpf_isnan(y) { return x + y; }
  let hx = bitcast<i32>(x);
  let ix = hx & 0x7fffffff;
  let hy = bitcast<i32>(y);
  let iy = hy & 0x7fffffff;
  if hx == 0x3f800000 { return xpf_atan(y); }
  var m = ((hy >> 31u) & 1) | ((hx >> 30u) & 2);
  let pi = 3.1415927410125732f;
  let pi_o_2 = 1.5707963705062866f;
  let pi_o_4 = 0.7853981852531433f;
  let pi_lo = -8.742277657347586e-08f;
  if iy == 0 {
    switch m {
      case 0, 1: { return y; }
      case 2: { return pi; }
      default: { return -pi; }
    }
  }
  if ix == 0 { return select(pi_o_2, -pi_o_2, hy < 0); }
  if ix == 0x7f800000 {
    if iy == 0x7f800000 {
      switch m {
        case 0: { return pi_o_4; }
        case 1: { return -pi_o_4; }
        case 2: { return 3.0f * pi_o_4; }
        default: { return -3.0f * pi_o_4; }
      }
    }
    switch m {
      case 0: { return 0.0f; }
      case 1: { return -0.0f; }
      case 2: { return pi; }
      default: { return -pi; }
    }
  }
  if iy == 0x7f800000 { return select(pi_o_2, -pi_o_2, hy < 0); }
  let k = (iy - ix) >> 23u;
  var z = 0.0f;
  if k > 26 {
    z = pi_o_2 + 0.5f * pi_lo;
    m = m & 1;
  } else if k < -26 && hx < 0 {
    z = 0.0f;
  } else {
    z = xpf_atan(xpf_fabs(y / x));
  }
  switch m {
    case 0: { return z; }
    case 1: { return -z; }
    case 2: { return pi - (z - pi_lo); }
    default: { return (z - pi_lo) - pi; }
  }
}
";

pub(super) const LDEXP_EXP: &str = "
fn xpf_ldexp_exp(x: f32, expt: i32) -> f32 {
  let e = xpf_exp(x - 162.88958740234375f);
  let hx = bitcast<u32>(e);
  let ex = i32(hx >> 23u) - (0x7f + 127) + 235;
  let m = bitcast<f32>((hx & 0x7fffffu) | (u32(0x7f + 127) << 23u));
  return m * xpf_pow2(expt + ex);
}
";

pub(super) const SINH: &str = "
fn xpf_sinh(x: f32) -> f32 {
  let hx = bitcast<i32>(x);
  let ix = hx & 0x7fffffff;
  if ix >= 0x7f800000 { return x; }
  let h = select(0.5f, -0.5f, hx < 0);
  let ax = xpf_fabs(x);
  if ix < 0x41100000 {
    if ix < 0x39800000 { return x; }
    let t = xpf_expm1(ax);
    if ix < 0x3f800000 { return h * (2.0f * t - t * t / (t + 1.0f)); }
    return h * (t + t / (t + 1.0f));
  }
  if ix < 0x42b17217 { return h * xpf_exp(ax); }
  if ix <= 0x42b2d4fc { return h * 2.0f * xpf_ldexp_exp(ax, -1); }
  return select(xpf_inf(), -xpf_inf(), hx < 0);
}
";

pub(super) const COSH: &str = "
fn xpf_cosh(x: f32) -> f32 {
  let ix = bitcast<i32>(x) & 0x7fffffff;
  if ix >= 0x7f800000 { return x * x; }
  let ax = xpf_fabs(x);
  if ix < 0x3eb17218 {
    let t = xpf_expm1(ax);
    let w = 1.0f + t;
    if ix < 0x39800000 { return 1.0f; }
    return 1.0f + (t * t) / (w + w);
  }
  if ix < 0x41100000 {
    let t = xpf_exp(ax);
    return 0.5f * t + 0.5f / t;
  }
  if ix < 0x42b17217 { return 0.5f * xpf_exp(ax); }
  if ix <= 0x42b2d4fc { return xpf_ldexp_exp(ax, -1); }
  return xpf_inf();
}
";

pub(super) const TANH: &str = "
fn xpf_tanh(x: f32) -> f32 {
  let hx = bitcast<i32>(x);
  let ix = hx & 0x7fffffff;
  if ix >= 0x7f800000 {
    if xpf_isnan(x) { return x; }
    return select(1.0f, -1.0f, hx < 0);
  }
  var z = 1.0f;
  if ix < 0x41100000 {
    if ix < 0x39800000 { return x; }
    let ax = xpf_fabs(x);
    if ix >= 0x3f800000 {
      let t = xpf_expm1(2.0f * ax);
      z = 1.0f - 2.0f / (t + 2.0f);
    } else {
      let t = xpf_expm1(-2.0f * ax);
      z = -t / (t + 2.0f);
    }
  }
  return select(z, -z, hx < 0);
}
";

pub(super) const HYPOT: &str = "
fn xpf_hypot(x: f32, y: f32) -> f32 {
  var a = xpf_fabs(x);
  var b = xpf_fabs(y);
  if xpf_isinf(a) || xpf_isinf(b) { return xpf_inf(); }
  if xpf_isnan(a) || xpf_isnan(b) { return xpf_nan(); }
  var ha = bitcast<i32>(a);
  var hb = bitcast<i32>(b);
  if hb > ha {
    let t = a; a = b; b = t;
    let h = ha; ha = hb; hb = h;
  }
  if (ha - hb) > 0xf000000 { return a + b; }
  var k = 0i;
  if ha > 0x58800000 {
    ha = ha - 0x22000000;
    hb = hb - 0x22000000;
    k = k + 68;
    a = bitcast<f32>(ha);
    b = bitcast<f32>(hb);
  }
  if hb < 0x26800000 {
    if hb <= 0x007fffff {
      if hb == 0 { return a; }
      let t1 = xpf_pow2(126);
      b = b * t1;
      a = a * t1;
      k = k - 126;
      ha = bitcast<i32>(a);
      hb = bitcast<i32>(b);
    } else {
      ha = ha + 0x22000000;
      hb = hb + 0x22000000;
      k = k - 68;
      a = bitcast<f32>(ha);
      b = bitcast<f32>(hb);
    }
  }
  var w = a - b;
  if w > b {
    let t1 = bitcast<f32>(u32(ha) & 0xfffff000u);
    let t2 = a - t1;
    w = sqrt(t1 * t1 - (b * (-b) - t2 * (a + t1)));
  } else {
    a = a + a;
    let y1 = bitcast<f32>(u32(hb) & 0xfffff000u);
    let y2 = b - y1;
    let t1 = bitcast<f32>(u32(ha + 0x00800000) & 0xfffff000u);
    let t2 = a - t1;
    w = sqrt(t1 * y1 - (w * (-w) - (t1 * y2 + t2 * b)));
  }
  if k != 0 { return xpf_scalbn(w, k); }
  return w;
}
";

pub(super) const ASINH: &str = "
fn xpf_asinh(x: f32) -> f32 {
  if !xpf_isfinite(x) { return x; }
  let ax = xpf_fabs(x);
  if ax < 3.725290298461914e-9f { return x; }
  var r = 0.0f;
  if ax > 268435456.0f {
    r = xpf_log(ax) + 0.6931471805599453f;
  } else if ax > 2.0f {
    r = xpf_log(2.0f * ax + 1.0f / (sqrt(x * x + 1.0f) + ax));
  } else {
    let t = x * x;
    r = xpf_log1p(ax + t / (1.0f + sqrt(1.0f + t)));
  }
  return xpf_copysign(r, x);
}
";

pub(super) const ACOSH: &str = "
fn xpf_acosh(x: f32) -> f32 {
  if xpf_isnan(x) || x < 1.0f { return xpf_nan(); }
  if x == 1.0f { return 0.0f; }
  if x >= 268435456.0f { return xpf_log(x) + 0.6931471805599453f; }
  if x > 2.0f { return xpf_log(2.0f * x - 1.0f / (x + sqrt(x * x - 1.0f))); }
  let t = x - 1.0f;
  return xpf_log1p(t + sqrt(2.0f * t + t * t));
}
";

pub(super) const ATANH: &str = "
fn xpf_atanh(x: f32) -> f32 {
  let ax = xpf_fabs(x);
  if xpf_isnan(x) || ax > 1.0f { return xpf_nan(); }
  if ax == 1.0f { return xpf_copysign(xpf_inf(), x); }
  if ax < 3.725290298461914e-9f { return x; }
  var r = 0.0f;
  if ax < 0.5f {
    let t = ax + ax;
    r = 0.5f * xpf_log1p(t + t * ax / (1.0f - ax));
  } else {
    r = 0.5f * xpf_log1p((ax + ax) / (1.0f - ax));
  }
  return xpf_copysign(r, x);
}
";

pub(super) const POW: &str = "
fn xpf_pow(x: f32, y: f32) -> f32 {
  let hx = bitcast<i32>(x);
  let hy = bitcast<i32>(y);
  var ix = hx & 0x7fffffff;
  let iy = hy & 0x7fffffff;
  if iy == 0 { return 1.0f; }
  if hx == 0x3f800000 { return 1.0f; }
  if ix > 0x7f800000 || iy > 0x7f800000 { return x + y; }
  var yisint = 0i;
  if hx < 0 {
    if iy >= 0x4b800000 {
      yisint = 2;
    } else if iy >= 0x3f800000 {
      let k = (iy >> 23u) - 0x7f;
      let j = iy >> u32(23 - k);
      if (j << u32(23 - k)) == iy { yisint = 2 - (j & 1); }
    }
  }
  if iy == 0x7f800000 {
    if ix == 0x3f800000 { return 1.0f; }
    if ix > 0x3f800000 { return select(0.0f, y, hy >= 0); }
    return select(0.0f, -y, hy < 0);
  }
  if iy == 0x3f800000 {
    if hy < 0 { return 1.0f / x; }
    return x;
  }
  if hy == 0x40000000 { return x * x; }
  if hy == 0x3f000000 && hx >= 0 { return sqrt(x); }
  var ax = xpf_fabs(x);
  if ix == 0x7f800000 || ix == 0 || ix == 0x3f800000 {
    var z = ax;
    if hy < 0 { z = 1.0f / z; }
    if hx < 0 {
      if ((ix - 0x3f800000) | yisint) == 0 {
        z = xpf_nan();
      } else if yisint == 1 {
        z = -z;
      }
    }
    return z;
  }
  if hx < 0 && yisint == 0 { return xpf_nan(); }
  var sn = 1.0f;
  if hx < 0 && yisint == 1 { sn = -1.0f; }
  var t1 = 0.0f;
  var t2 = 0.0f;
  if iy > 0x4d000000 {
    if ix < 0x3f7ffff8 { return select(xpf_copysign(0.0f, sn), sn * xpf_inf(), hy < 0); }
    if ix > 0x3f800007 { return select(xpf_copysign(0.0f, sn), sn * xpf_inf(), hy > 0); }
    let t = ax - 1.0f;
    let w = (t * t) * (0.5f - t * (0.333333333333f - t * 0.25f));
    let u = 1.44268798828125f * t;
    let v = t * 7.052607543300837e-06f - w * 1.4426950216293335f;
    t1 = xpf_mask(u + v, 0xfffff000u);
    t2 = v - (t1 - u);
  } else {
    var n = 0i;
    if ix < 0x00800000 {
      ax = ax * 16777216.0f;
      n = n - 24;
      ix = bitcast<i32>(ax);
    }
    n = n + ((ix >> 23u) - 0x7f);
    let j = ix & 0x007fffff;
    ix = j | 0x3f800000;
    var k = 0i;
    if j <= 0x1cc471 {
      k = 0;
    } else if j < 0x5db3d7 {
      k = 1;
    } else {
      k = 0;
      n = n + 1;
      ix = ix - 0x00800000;
    }
    ax = bitcast<f32>(ix);
    let bp = select(1.0f, 1.5f, k == 1);
    let dp_h = select(0.0f, 0.5849609375f, k == 1);
    let dp_l = select(0.0f, 1.5632208487659227e-06f, k == 1);
    let u = ax - bp;
    let v = 1.0f / (ax + bp);
    let s = u * v;
    let s_h = xpf_mask(s, 0xfffff000u);
    var t_h = bitcast<f32>((((ix >> 1u) & bitcast<i32>(0xfffff000u)) | 0x20000000) + 0x00400000 + (k << 21u));
    var t_l = ax - (t_h - bp);
    let s_l = v * ((u - s_h * t_h) - s_h * t_l);
    var s2 = s * s;
    var r = s2 * s2 * (0.6000000238418579f + s2 * (0.4285714328289032f + s2 * (0.3333333432674408f
      + s2 * (0.2727281153202057f + s2 * (0.23066075146198273f + s2 * 0.20697501301765442f)))));
    r = r + s_l * (s_h + s);
    s2 = s_h * s_h;
    t_h = xpf_mask(3.0f + s2 + r, 0xfffff000u);
    t_l = r - ((t_h - 3.0f) - s2);
    let u2 = s_h * t_h;
    let v2 = s_l * t_h + t_l * s;
    let p_h = xpf_mask(u2 + v2, 0xfffff000u);
    let p_l = v2 - (p_h - u2);
    let z_h = 0.9619140625f * p_h;
    let z_l = -0.00011736857413779944f * p_h + p_l * 0.9617967009544373f + dp_l;
    let t = f32(n);
    t1 = xpf_mask(((z_h + z_l) + dp_h) + t, 0xfffff000u);
    t2 = z_l - (((t1 - t) - dp_h) - z_h);
  }
  let y1 = xpf_mask(y, 0xfffff000u);
  let p_l0 = (y - y1) * t1 + y * t2;
  var p_h = y1 * t1;
  let z0 = xpf_ob(p_l0 + p_h);
  var j = bitcast<i32>(z0);
  if j > 0x43000000 { return sn * xpf_inf(); }
  if j == 0x43000000 {
    if p_l0 + 4.299566569443414e-08f > z0 - p_h { return sn * xpf_inf(); }
  } else if (j & 0x7fffffff) > 0x43160000 {
    return xpf_copysign(0.0f, sn);
  } else if j == bitcast<i32>(0xc3160000u) {
    if p_l0 <= z0 - p_h { return xpf_copysign(0.0f, sn); }
  }
  let i = j & 0x7fffffff;
  var k = (i >> 23u) - 0x7f;
  var n = 0i;
  if i > 0x3f000000 {
    n = j + (0x00800000 >> u32(k + 1));
    k = ((n & 0x7fffffff) >> 23u) - 0x7f;
    let t = bitcast<f32>(n & ~(0x007fffff >> u32(k)));
    n = ((n & 0x007fffff) | 0x00800000) >> u32(23 - k);
    if j < 0 { n = -n; }
    p_h = p_h - t;
  }
  let t = xpf_mask(p_l0 + p_h, 0xffff8000u);
  let u = t * 0.693145751953125f;
  let v = (p_l0 - (t - p_h)) * 0.6931471824645996f + t * 1.4286065379565116e-06f;
  var z = xpf_ob(u + v);
  let w = v - (z - u);
  let tt = z * z;
  let t1b = z - tt * (0.1666666716337204f + tt * (-0.0027777778450399637f + tt * (6.61375597701408e-05f
    + tt * (-1.6533901998627698e-06f + tt * 4.138136944220605e-08f))));
  let rr = (z * t1b) / (t1b - 2.0f) - (w + z * w);
  z = 1.0f - (rr - z);
  j = bitcast<i32>(z);
  j = j + (n << 23u);
  if (j >> 23u) <= 0 { z = xpf_scalbn(z, n); } else { z = bitcast<f32>(j); }
  return sn * z;
}
";

pub(crate) const LOGADDEXP: &str = "
// as the generic version, with the rounding error of x - y (exact in f64, which the
// reference uses) carried into exp: exp(d + e) = exp(d) (1 + e), d + e = small - big
fn xpf_logaddexp(x: f32, y: f32) -> f32 {
  if x == y { return x + 0.6931471805599453f; }
  let t = x - y;
  if xpf_isnan(t) { return t; }
  let big = select(y, x, t > 0.0f);
  let small = select(x, y, t > 0.0f);
  let d = xpf_ob(small - big);
  let bv = xpf_ob(d - small);
  var e = (small - xpf_ob(d - bv)) + (-big - bv);
  if !xpf_isfinite(e) { e = 0.0f; }
  let r = xpf_exp(d);
  return big + xpf_log1p(r + r * e);
}
";
