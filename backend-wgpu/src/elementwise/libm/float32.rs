//! The `f32` sources of the library entries, for devices without `f64` (with `f64`,
//! `float32` is computed through the `f64` functions and rounded once). Ports of
//! fdlibm's float functions (`e_expf`, `s_expm1f`, `e_logf`, `s_log1pf`, FreeBSD's
//! `e_log2f` / `e_log10f`, `k_sinf` / `k_cosf` / `k_tanf`, `e_asinf`, `e_acosf`,
//! `s_atanf`, `e_atan2f`, `e_sinhf`, `e_coshf`, `s_tanhf`, `e_hypotf`, `e_powf`), with
//! a Payne–Hanek reduction in 8-bit limbs (no 64-bit integers needed).

pub(super) const WORDS: &str = "
fn xpf_pow2(k: i32) -> f32 { return bitcast<f32>(u32(k + 127) << 23u); }
fn xpf_scalbn(x: f32, n0: i32) -> f32 {
  var y = x;
  var n = n0;
  if n > 127 {
    y = y * xpf_pow2(127);
    n = n - 127;
    if n > 127 {
      y = y * xpf_pow2(127);
      n = n - 127;
      if n > 127 { n = 127; }
    }
  } else if n < -126 {
    y = y * xpf_pow2(-102);
    n = n + 102;
    if n < -126 {
      y = y * xpf_pow2(-102);
      n = n + 102;
      if n < -126 { n = -126; }
    }
  }
  return y * xpf_pow2(n);
}
fn xpf_mask(x: f32, m: u32) -> f32 { return bitcast<f32>(bitcast<u32>(x) & m); }
";

pub(super) const EXP: &str = "
fn xpf_exp(xin: f32) -> f32 {
  var x = xin;
  let hx0 = bitcast<u32>(x);
  let neg = (hx0 >> 31u) != 0u;
  let hx = hx0 & 0x7fffffffu;
  if hx >= 0x42b17218u {
    if hx > 0x7f800000u { return x; }
    if hx == 0x7f800000u { return select(x, 0.0f, neg); }
    if x > 88.7216796875f { return xpf_inf(); }
    if x < -103.97208404541016f { return 0.0f; }
  }
  var hi = 0.0f;
  var lo = 0.0f;
  var k = 0i;
  if hx > 0x3eb17218u {
    if hx < 0x3f851592u {
      if neg { hi = x + 0.693145751953125f; lo = -1.428606765330187e-06f; k = -1; }
      else { hi = x - 0.693145751953125f; lo = 1.428606765330187e-06f; k = 1; }
    } else {
      k = i32(1.4426950216293335f * x + select(0.5f, -0.5f, neg));
      let t = f32(k);
      hi = x - t * 0.693145751953125f;
      lo = t * 1.428606765330187e-06f;
    }
    x = hi - lo;
  } else if hx < 0x39000000u {
    return 1.0f + x;
  }
  let t = x * x;
  let c = x - t * (0.16666625440120697f + t * -0.0027667332906275988f);
  if k == 0 { return 1.0f - ((x * c) / (c - 2.0f) - x); }
  let y = 1.0f - ((lo - (x * c) / (2.0f - c)) - hi);
  return xpf_scalbn(y, k);
}
";

pub(super) const EXPM1: &str = "
fn xpf_expm1(xin: f32) -> f32 {
  var x = xin;
  let hx0 = bitcast<u32>(x);
  let neg = (hx0 >> 31u) != 0u;
  let hx = hx0 & 0x7fffffffu;
  if hx >= 0x4195b844u {
    if hx >= 0x42b17218u {
      if hx > 0x7f800000u { return x; }
      if hx == 0x7f800000u { return select(x, -1.0f, neg); }
      if x > 88.7216796875f { return xpf_inf(); }
    }
    if neg { return -1.0f; }
  }
  var k = 0i;
  var c = 0.0f;
  if hx > 0x3eb17218u {
    var hi = 0.0f;
    var lo = 0.0f;
    if hx < 0x3f851592u {
      if neg { hi = x + 0.6931381225585938f; lo = -9.05800061445916e-06f; k = -1; }
      else { hi = x - 0.6931381225585938f; lo = 9.05800061445916e-06f; k = 1; }
    } else {
      k = i32(1.4426950216293335f * x + select(0.5f, -0.5f, neg));
      let t = f32(k);
      hi = x - t * 0.6931381225585938f;
      lo = t * 9.05800061445916e-06f;
    }
    x = xpf_ob(hi - lo);
    c = (hi - x) - lo;
  } else if hx < 0x33000000u {
    return x;
  }
  let hfx = 0.5f * x;
  let hxs = x * hfx;
  let r1 = 1.0f + hxs * (-0.03333321213722229f + hxs * 0.0015807170420885086f);
  let t = 3.0f - r1 * hfx;
  var e = hxs * ((r1 - t) / (6.0f - x * t));
  if k == 0 { return x - (x * e - hxs); }
  e = x * (e - c) - c;
  e = e - hxs;
  if k == -1 { return 0.5f * (x - e) - 0.5f; }
  if k == 1 {
    if x < -0.25f { return -2.0f * (e - (x + 0.5f)); }
    return 1.0f + 2.0f * (x - e);
  }
  if k <= -2 || k > 56 { return xpf_scalbn(1.0f - (e - x), k) - 1.0f; }
  if k < 23 {
    let t2 = bitcast<f32>(0x3f800000u - (0x1000000u >> u32(k)));
    return xpf_scalbn(t2 - (e - x), k);
  }
  let t3 = bitcast<f32>(u32(0x7f - k) << 23u);
  return xpf_scalbn((x - (e + t3)) + 1.0f, k);
}
";

pub(super) const LOG: &str = "
fn xpf_log(xin: f32) -> f32 {
  var x = xin;
  var ix = bitcast<i32>(x);
  var k = 0i;
  if ix < 0x00800000 {
    if (ix & 0x7fffffff) == 0 { return -xpf_inf(); }
    if ix < 0 { return xpf_nan(); }
    k = -25;
    x = x * 33554432.0f;
    ix = bitcast<i32>(x);
  }
  if ix >= 0x7f800000 { return x; }
  k = k + ((ix >> 23u) - 127);
  ix = ix & 0x007fffff;
  let i = (ix + (0x95f64 << 3u)) & 0x800000;
  x = bitcast<f32>(ix | (i ^ 0x3f800000));
  k = k + (i >> 23u);
  let f = x - 1.0f;
  let dk = f32(k);
  if (0x007fffff & (0x8000 + ix)) < 0xc000 {
    if f == 0.0f {
      if k == 0 { return 0.0f; }
      return dk * 0.6931381225585938f + dk * 9.05800061445916e-06f;
    }
    let r = f * f * (0.5f - 0.33333333333333333f * f);
    if k == 0 { return f - r; }
    return dk * 0.6931381225585938f - ((r - dk * 9.05800061445916e-06f) - f);
  }
  let s = f / (2.0f + f);
  let z = s * s;
  let w = z * z;
  let t1 = w * (0.40000972151756287f + w * 0.24279078841209412f);
  let t2 = z * (0.6666666269302368f + w * 0.2849878668785095f);
  let i2 = (ix - (0x6147a << 3u)) | ((0x6b851 << 3u) - ix);
  let r = t2 + t1;
  if i2 > 0 {
    let hfsq = 0.5f * f * f;
    if k == 0 { return f - (hfsq - s * (hfsq + r)); }
    return dk * 0.6931381225585938f - ((hfsq - (s * (hfsq + r) + dk * 9.05800061445916e-06f)) - f);
  }
  if k == 0 { return f - s * (f - r); }
  return dk * 0.6931381225585938f - ((s * (f - r) - dk * 9.05800061445916e-06f) - f);
}
";

pub(super) const LOG1P: &str = "
fn xpf_log1p(x: f32) -> f32 {
  let hx = bitcast<i32>(x);
  let ax = hx & 0x7fffffff;
  var k = 1i;
  var f = 0.0f;
  var hu = 0i;
  var c = 0.0f;
  if hx < 0x3ed413d0 {
    if ax >= 0x3f800000 {
      if x == -1.0f { return -xpf_inf(); }
      return xpf_nan();
    }
    if ax < 0x38000000 {
      if ax < 0x33800000 { return x; }
      return x - x * x * 0.5f;
    }
    if hx > 0 || hx <= bitcast<i32>(0xbe95f619u) { k = 0; f = x; hu = 1; }
  }
  if hx >= 0x7f800000 { return x; }
  if k != 0 {
    var u = 0.0f;
    if hx < 0x5a000000 {
      u = xpf_ob(1.0f + x);
      hu = bitcast<i32>(u);
      k = (hu >> 23u) - 127;
      c = select(x - (u - 1.0f), 1.0f - (u - x), k > 0);
      c = c / u;
    } else {
      u = x;
      hu = bitcast<i32>(u);
      k = (hu >> 23u) - 127;
      c = 0.0f;
    }
    hu = hu & 0x007fffff;
    if hu < 0x3504f4 {
      u = bitcast<f32>(hu | 0x3f800000);
    } else {
      k = k + 1;
      u = bitcast<f32>(hu | 0x3f000000);
      hu = (0x00800000 - hu) >> 2u;
    }
    f = u - 1.0f;
  }
  let hfsq = 0.5f * f * f;
  let dk = f32(k);
  if hu == 0 {
    if f == 0.0f {
      if k == 0 { return 0.0f; }
      return dk * 0.6931381225585938f + (c + dk * 9.05800061445916e-06f);
    }
    let r = hfsq * (1.0f - 0.66666666666666666f * f);
    if k == 0 { return f - r; }
    return dk * 0.6931381225585938f - ((r - (dk * 9.05800061445916e-06f + c)) - f);
  }
  let s = f / (2.0f + f);
  let z = s * s;
  let r = z * (0.6666666865348816f + z * (0.4000000059604645f + z * (0.2857142984867096f
    + z * (0.2222219854593277f + z * (0.18183572590351105f + z * (0.15313838422298431f
    + z * 0.14798198640346527f))))));
  if k == 0 { return f - (hfsq - s * (hfsq + r)); }
  return dk * 0.6931381225585938f - ((hfsq - (s * (hfsq + r) + (dk * 9.05800061445916e-06f + c))) - f);
}
";

pub(super) const KLOG: &str = "
struct XpfKlog { k: f32, f: f32, r: f32, hi: f32, lo: f32 }
// x = 2^k (1 + f); hi + lo = f - f*f/2 + k_log1pf(f) with hi's low 12 bits zero.
fn xpf_klog(xin: f32) -> XpfKlog {
  var x = xin;
  var hx = bitcast<i32>(x);
  var k = 0i;
  if hx < 0x00800000 {
    k = -25;
    x = x * 33554432.0f;
    hx = bitcast<i32>(x);
  }
  k = k + ((hx >> 23u) - 127);
  hx = hx & 0x007fffff;
  let i = (hx + 0x4afb0d) & 0x800000;
  x = bitcast<f32>(hx | (i ^ 0x3f800000));
  k = k + (i >> 23u);
  let f = x - 1.0f;
  let s = f / (2.0f + f);
  let z = s * s;
  let w = z * z;
  let t1 = w * (0.40000972151756287f + w * 0.24279078841209412f);
  let t2 = z * (0.6666666269302368f + w * 0.2849878668785095f);
  let hfsq = 0.5f * f * f;
  let r = s * (hfsq + t2 + t1);
  let hi = xpf_mask(f - hfsq, 0xfffff000u);
  let lo = (f - hi) - hfsq + r;
  return XpfKlog(f32(k), f, r, hi, lo);
}
struct XpfLogSpecial { ok: bool, v: f32 }
fn xpf_log_special(x: f32) -> XpfLogSpecial {
  if xpf_isnan(x) { return XpfLogSpecial(true, x); }
  if x == 0.0f { return XpfLogSpecial(true, -xpf_inf()); }
  if x < 0.0f { return XpfLogSpecial(true, xpf_nan()); }
  if xpf_isinf(x) { return XpfLogSpecial(true, x); }
  if x == 1.0f { return XpfLogSpecial(true, 0.0f); }
  return XpfLogSpecial(false, 0.0f);
}
";

pub(super) const LOG2: &str = "
fn xpf_log2(x: f32) -> f32 {
  let sp = xpf_log_special(x);
  if sp.ok { return sp.v; }
  let kl = xpf_klog(x);
  return (kl.lo + kl.hi) * -0.00017605285393074155f + kl.lo * 1.44287109375f + kl.hi * 1.44287109375f + kl.k;
}
";

pub(super) const LOG10: &str = "
fn xpf_log10(x: f32) -> f32 {
  let sp = xpf_log_special(x);
  if sp.ok { return sp.v; }
  let kl = xpf_klog(x);
  return kl.k * 7.903415166765626e-07f + (kl.lo + kl.hi) * -3.168997136526741e-05f
    + kl.lo * 0.434326171875f + kl.hi * 0.434326171875f + kl.k * 0.3010292053222656f;
}
";

pub(super) const REM_PIO2: &str = "
var<private> XPF_TWO_OVER_PI: array<u32, 9> = array<u32, 9>(
  0x00000000u, 0xa2f9836eu, 0x4e441529u, 0xfc2757d1u, 0xf534ddc0u, 0xdb629599u, 0x3c439041u,
  0xfe5163abu, 0xdebbc561u,
);
struct XpfRem { n: i32, y0: f32, y1: f32 }
// Dekker's exact product: hi + lo = a * b. The products go through `xpf_ob` so that the
// driver cannot contract them into fused multiply-adds, which would break the splitting.
fn xpf_two_prod(a: f32, b: f32) -> vec2<f32> {
  let p = xpf_ob(a * b);
  let ca = xpf_ob(4097.0f * a);
  let ah = ca - xpf_ob(ca - a);
  let al = a - ah;
  let cb = xpf_ob(4097.0f * b);
  let bh = cb - xpf_ob(cb - b);
  let bl = b - bh;
  return vec2<f32>(p, ((ah * bh - p) + ah * bl + al * bh) + al * bl);
}
// Payne-Hanek for finite |x| > 201: x * 2/pi from a 96-bit window of 2/pi, in 8-bit limbs.
fn xpf_rem_pio2_large(x: f32) -> XpfRem {
  let b = bitcast<u32>(x);
  let e = i32((b >> 23u) & 0xffu) - 150;
  let m = (b & 0x7fffffu) | 0x800000u;
  let p = u32(e + 30);
  let j = p >> 5u;
  let sh = p & 31u;
  var w: array<u32, 3>;
  for (var i = 0u; i < 3u; i++) {
    let a = XPF_TWO_OVER_PI[j + i];
    let c = XPF_TWO_OVER_PI[j + i + 1u];
    var v = a;
    if sh != 0u { v = (a << sh) | (c >> (32u - sh)); }
    w[i] = v;
  }
  let mm = array<u32, 3>(m & 0xffu, (m >> 8u) & 0xffu, m >> 16u);
  var r: array<u32, 15>;
  for (var i = 0u; i < 12u; i++) {
    let l = (w[2u - i / 4u] >> ((i % 4u) * 8u)) & 0xffu;
    for (var q = 0u; q < 3u; q++) { r[i + q] = r[i + q] + l * mm[q]; }
  }
  var carry = 0u;
  for (var i = 0u; i < 15u; i++) {
    let t = r[i] + carry;
    r[i] = t & 0xffu;
    carry = t >> 8u;
  }
  // the binary point is at bit 94 (limb 11, bit 6)
  var n = i32((r[11] >> 6u) & 3u);
  var fh = ((r[11] & 0x3fu) << 26u) | (r[10] << 18u) | (r[9] << 10u) | (r[8] << 2u) | (r[7] >> 6u);
  var fl = ((r[7] & 0x3fu) << 26u) | (r[6] << 18u) | (r[5] << 10u) | (r[4] << 2u) | (r[3] >> 6u);
  var neg = false;
  if (fh >> 31u) != 0u {
    n = n + 1;
    neg = true;
    fl = ~fl + 1u;
    fh = ~fh + select(0u, 1u, fl == 0u);
  }
  var lz = 0u;
  if fh == 0u {
    fh = fl;
    fl = 0u;
    lz = 32u;
  }
  if fh == 0u { return XpfRem(0, 0.0f, 0.0f); }
  let z = countLeadingZeros(fh);
  if z > 0u {
    fh = (fh << z) | (fl >> (32u - z));
    fl = fl << z;
  }
  lz = lz + z;
  let a = f32(fh >> 8u) * xpf_pow2(-24 - i32(lz));
  let bb = f32(fh & 0xffu) * xpf_pow2(-32 - i32(lz)) + f32(fl) * xpf_pow2(-64 - i32(lz));
  let pr = xpf_two_prod(a, 1.5707963705062866f);
  let lo = pr.y + (a * -4.371138828673793e-08f + bb * 1.5707963705062866f);
  var y0 = xpf_ob(pr.x + lo);
  var y1 = lo - (y0 - pr.x);
  if neg { y0 = -y0; y1 = -y1; }
  if x < 0.0f { y0 = -y0; y1 = -y1; n = -n; }
  return XpfRem(n, y0, y1);
}
fn xpf_rem_pio2(x: f32) -> XpfRem {
  let ix = bitcast<u32>(x) & 0x7fffffffu;
  if ix > 0x43490f80u { return xpf_rem_pio2_large(x); }
  let fq = round(x * 0.6366198062896729f);
  let n = i32(fq);
  var r = x - fq * 1.5707855224609375f;
  var w = fq * 1.0804334124259185e-05f;
  let j = i32(ix >> 23u);
  var y0 = xpf_ob(r - w);
  var i = j - i32((bitcast<u32>(y0) >> 23u) & 0xffu);
  if i > 8 {
    var t = r;
    w = fq * 1.0804273188114166e-05f;
    r = xpf_ob(t - w);
    w = fq * 6.07709993438732e-11f - ((t - r) - w);
    y0 = xpf_ob(r - w);
    i = j - i32((bitcast<u32>(y0) >> 23u) & 0xffu);
    if i > 25 {
      t = r;
      w = fq * 6.077094383272197e-11f;
      r = xpf_ob(t - w);
      w = fq * 6.123234262925839e-17f - ((t - r) - w);
      y0 = xpf_ob(r - w);
    }
  }
  return XpfRem(n, y0, (r - y0) - w);
}
";

pub(super) const KTRIG: &str = "
fn xpf_ksin(x: f32, y: f32, iy: i32) -> f32 {
  let z = x * x;
  let v = z * x;
  let r = 0.008333333767950535f + z * (-0.00019841270113829523f + z * (2.7557314297155244e-06f
    + z * (-2.5050759688838298e-08f + z * 1.5896910177115586e-10f)));
  if iy == 0 { return x + v * (-0.1666666716337204f + z * r); }
  return x - ((z * (0.5f * y - v * r) - y) - v * -0.1666666716337204f);
}
fn xpf_kcos(x: f32, y: f32) -> f32 {
  let ix = bitcast<u32>(x) & 0x7fffffffu;
  let z = x * x;
  let r = z * (0.0416666679084301f + z * (-0.0013888889225199819f + z * (2.4801587642286904e-05f
    + z * (-2.7557314297155244e-07f + z * (2.087572337217125e-09f + z * -1.135964759757524e-11f)))));
  if ix < 0x3e99999au { return 1.0f - (0.5f * z - (z * r - x * y)); }
  var qx = 0.28125f;
  if ix <= 0x3f480000u { qx = bitcast<f32>(ix - 0x01000000u); }
  let hz = 0.5f * z - qx;
  let a = 1.0f - qx;
  return a - (hz - (z * r - x * y));
}
fn xpf_ktan(xin: f32, yin: f32, iy: i32) -> f32 {
  var x = xin;
  var y = yin;
  let hx = bitcast<i32>(x);
  let big = (hx & 0x7fffffff) >= 0x3f2ca140;
  if big {
    if hx < 0 { x = -x; y = -y; }
    let z0 = 0.7853981256484985f - x;
    let w0 = 3.774894707930798e-08f - y;
    x = z0 + w0;
    y = 0.0f;
  }
  let z = x * x;
  let w = z * z;
  var r = 0.13333334028720856f + w * (0.021869488060474396f + w * (0.0035920790396630764f
    + w * (0.0005880412645637989f + w * (7.817944424459711e-05f + w * -1.8558637748355977e-05f))));
  var v = z * (0.05396825447678566f + w * (0.008863239549100399f + w * (0.00145620945841074f
    + w * (0.0002464631397742778f + w * (7.14072521077469e-05f + w * 2.590730582596734e-05f)))));
  let s = z * x;
  r = y + z * (s * (r + v) + y);
  r = r + 0.3333333432674408f * s;
  let ww = x + r;
  if big {
    let vv = f32(iy);
    return f32(1 - ((hx >> 30u) & 2)) * (vv - 2.0f * (x - (ww * ww / (ww + vv) - r)));
  }
  if iy == 1 { return ww; }
  let zz = xpf_mask(ww, 0xfffff000u);
  let v2 = r - (zz - x);
  let a = -1.0f / ww;
  let t = xpf_mask(a, 0xfffff000u);
  let s2 = 1.0f + t * zz;
  return t + a * (s2 + t * v2);
}
";

pub(super) const SIN: &str = "
fn xpf_sin(x: f32) -> f32 {
  let ix = bitcast<u32>(x) & 0x7fffffffu;
  if ix <= 0x3f490fd8u {
    if ix < 0x39800000u { return x; }
    return xpf_ksin(x, 0.0f, 0);
  }
  if ix >= 0x7f800000u { return xpf_nan(); }
  let r = xpf_rem_pio2(x);
  switch r.n & 3 {
    case 0: { return xpf_ksin(r.y0, r.y1, 1); }
    case 1: { return xpf_kcos(r.y0, r.y1); }
    case 2: { return -xpf_ksin(r.y0, r.y1, 1); }
    default: { return -xpf_kcos(r.y0, r.y1); }
  }
}
";

pub(super) const COS: &str = "
fn xpf_cos(x: f32) -> f32 {
  let ix = bitcast<u32>(x) & 0x7fffffffu;
  if ix <= 0x3f490fd8u {
    if ix < 0x39800000u { return 1.0f; }
    return xpf_kcos(x, 0.0f);
  }
  if ix >= 0x7f800000u { return xpf_nan(); }
  let r = xpf_rem_pio2(x);
  switch r.n & 3 {
    case 0: { return xpf_kcos(r.y0, r.y1); }
    case 1: { return -xpf_ksin(r.y0, r.y1, 1); }
    case 2: { return -xpf_kcos(r.y0, r.y1); }
    default: { return xpf_ksin(r.y0, r.y1, 1); }
  }
}
";

pub(super) const TAN: &str = "
fn xpf_tan(x: f32) -> f32 {
  let ix = bitcast<u32>(x) & 0x7fffffffu;
  if ix <= 0x3f490fd8u {
    if ix < 0x39800000u { return x; }
    return xpf_ktan(x, 0.0f, 1);
  }
  if ix >= 0x7f800000u { return xpf_nan(); }
  let r = xpf_rem_pio2(x);
  return xpf_ktan(r.y0, r.y1, 1 - ((r.n & 1) << 1u));
}
";

pub(super) const TRIG: &str = "
fn xpf_trig(x: f32) -> vec3<f32> {
  let ix = bitcast<u32>(x) & 0x7fffffffu;
  if ix >= 0x7f800000u { return vec3<f32>(xpf_nan(), xpf_nan(), xpf_nan()); }
  if ix < 0x39800000u { return vec3<f32>(1.0f, x, x); }
  var r = XpfRem(0, x, 0.0f);
  if ix > 0x3f490fd8u { r = xpf_rem_pio2(x); }
  var c = xpf_kcos(r.y0, r.y1);
  var s = xpf_ksin(r.y0, r.y1, 1);
  let t = xpf_ktan(r.y0, r.y1, 1 - ((r.n & 1) << 1u));
  switch r.n & 3 {
    case 0: { }
    case 1: { let c0 = c; c = -s; s = c0; }
    case 2: { c = -c; s = -s; }
    default: { let c0 = c; c = s; s = -c0; }
  }
  return vec3<f32>(c, s, t);
}
";
