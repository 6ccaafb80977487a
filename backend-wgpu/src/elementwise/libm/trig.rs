//! `sin`, `cos`, `tan`: fdlibm's kernels on `[-π/4, π/4]` and argument reduction by
//! Cody–Waite (three-part π/2, for `|x| < 2^20 π/2`) or Payne–Hanek (beyond: `x · 2/π`
//! from a 192-bit window of the bits of `2/π`, in 32-bit limbs).

use super::Entry;

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        name: "rem_pio2",
        deps: &["words", "dd"],
        src: "
// The bits of 2/pi, after two zero words (bits -63..0 of the binary expansion). A private
// variable rather than a constant: dynamically indexed constants get copied per access.
var<private> XP_TWO_OVER_PI: array<u32, 42> = array<u32, 42>(
  0x00000000u, 0x00000000u, 0xa2f9836eu, 0x4e441529u, 0xfc2757d1u, 0xf534ddc0u, 0xdb629599u,
  0x3c439041u, 0xfe5163abu, 0xdebbc561u, 0xb7246e3au, 0x424dd2e0u, 0x06492eeau,
  0x09d1921cu, 0xfe1deb1cu, 0xb129a73eu, 0xe88235f5u, 0x2ebb4484u, 0xe99c7026u,
  0xb45f7e41u, 0x3991d639u, 0x835339f4u, 0x9c845f8bu, 0xbdf9283bu, 0x1ff897ffu,
  0xde05980fu, 0xef2f118bu, 0x5a0a6d1fu, 0x6d367ecfu, 0x27cb09b7u, 0x4f463f66u,
  0x9e5fea2du, 0x7527bac7u, 0xebe5f17bu, 0x3d0739f7u, 0x8a5292eau, 0x6bfb5fb1u,
  0x1f8d5d08u, 0x56033046u, 0xfc7b6babu, 0xf0cfbc20u, 0x9af4361du,
);
// x = n pi/2 + (y0 + y1), |y0 + y1| <= pi/4 (about).
struct XpRem { n: i32, y0: f64, y1: f64 }
// Payne-Hanek for finite |x| >= 2^20 pi/2.
fn xp_rem_pio2_large(x: f64) -> XpRem {
  let b = bitcast<u64>(x);
  let ex = i32((b >> 52u) & 0x7fflu) - 1075;
  let m = (b & 0xffffffffffffflu) | 0x10000000000000lu;
  // the window of 2/pi starts at bit ex - 1 (weight 2 after scaling by 2^ex)
  let p = u32(ex + 62);
  let j = p >> 5u;
  let sh = p & 31u;
  var lw: array<u32, 6>;
  for (var i = 0u; i < 6u; i++) {
    let a = XP_TWO_OVER_PI[j + i];
    let c = XP_TWO_OVER_PI[j + i + 1u];
    var v = a;
    if sh != 0u { v = (a << sh) | (c >> (32u - sh)); }
    lw[5u - i] = v;
  }
  let m0 = u32(m & 0xfffffffflu);
  let m1 = u32(m >> 32u);
  var r: array<u32, 8>;
  var carry = 0lu;
  for (var i = 0u; i < 6u; i++) {
    let t = u64(lw[i]) * u64(m0) + carry;
    r[i] = u32(t & 0xfffffffflu);
    carry = t >> 32u;
  }
  r[6] = u32(carry);
  carry = 0lu;
  for (var i = 0u; i < 6u; i++) {
    let t = u64(lw[i]) * u64(m1) + u64(r[i + 1u]) + carry;
    r[i + 1u] = u32(t & 0xfffffffflu);
    carry = t >> 32u;
  }
  r[7] = u32(carry);
  // the binary point is at bit 190: bits 191..190 are n mod 4, below is the fraction
  var n = i32((r[5] >> 30u) & 3u);
  var fh = (u64(r[5] & 0x3fffffffu) << 34u) | (u64(r[4]) << 2u) | u64(r[3] >> 30u);
  var fl = (u64(r[3] & 0x3fffffffu) << 34u) | (u64(r[2]) << 2u) | u64(r[1] >> 30u);
  var neg = false;
  if (fh >> 63u) != 0lu {
    n = n + 1;
    neg = true;
    fl = ~fl + 1lu;
    fh = ~fh + select(0lu, 1lu, fl == 0lu);
  }
  var lz = 0u;
  if fh == 0lu {
    fh = fl;
    fl = 0lu;
    lz = 64u;
  }
  if fh == 0lu { return XpRem(0, 0.0lf, 0.0lf); }
  let top = u32(fh >> 32u);
  let z = select(countLeadingZeros(top), 32u + countLeadingZeros(u32(fh & 0xfffffffflu)), top == 0u);
  if z > 0u {
    fh = (fh << z) | (fl >> (64u - z));
    fl = fl << z;
  }
  lz = lz + z;
  let a = f64(fh >> 11u) * xp_pow2(-53 - i32(lz));
  let bb = f64(fh & 0x7fflu) * xp_pow2(-64 - i32(lz)) + f64(fl) * xp_pow2(-128 - i32(lz));
  let pr = xp_two_prod(a, 1.5707963267948966lf);
  let hi = pr.x;
  let lo = pr.y + (a * 6.123233995736766e-17lf + bb * 1.5707963267948966lf);
  var y0 = xp_ob(hi + lo);
  var y1 = lo - (y0 - hi);
  if neg {
    y0 = -y0;
    y1 = -y1;
  }
  if x < 0.0lf {
    y0 = -y0;
    y1 = -y1;
    n = -n;
  }
  return XpRem(n, y0, y1);
}
// Cody-Waite below 2^20 pi/2 (fdlibm's medium case), Payne-Hanek above; x finite.
fn xp_rem_pio2(x: f64) -> XpRem {
  let ix = xp_ihi(x) & 0x7fffffff;
  if ix >= 0x413921fb { return xp_rem_pio2_large(x); }
  let fq = round(x * 6.36619772367581382433e-01lf);
  let n = i32(fq);
  var r = x - fq * 1.57079632673412561417e+00lf;
  var w = fq * 6.07710050650619224932e-11lf;
  let j = ix >> 20u;
  var y0 = xp_ob(r - w);
  var i = j - ((xp_ihi(y0) >> 20u) & 0x7ff);
  if i > 16 {
    var t = r;
    w = fq * 6.07710050630396597660e-11lf;
    r = xp_ob(t - w);
    w = fq * 2.02226624879595063154e-21lf - ((t - r) - w);
    y0 = xp_ob(r - w);
    i = j - ((xp_ihi(y0) >> 20u) & 0x7ff);
    if i > 49 {
      t = r;
      w = fq * 2.02226624871116645580e-21lf;
      r = xp_ob(t - w);
      w = fq * 8.47842766036889956997e-32lf - ((t - r) - w);
      y0 = xp_ob(r - w);
    }
  }
  let y1 = (r - y0) - w;
  return XpRem(n, y0, y1);
}
",
        f32: Some(super::float32::REM_PIO2),
    },
    Entry {
        name: "ktrig",
        deps: &["words"],
        src: "
fn xp_ksin(x: f64, y: f64, iy: i32) -> f64 {
  let z = x * x;
  let w = z * z;
  let r = 8.33333333332248946124e-03lf + z * (-1.98412698298579493134e-04lf + z * 2.75573137070700676789e-06lf)
    + z * w * (-2.50507602534068634195e-08lf + z * 1.58969099521155010221e-10lf);
  let v = z * x;
  if iy == 0 { return x + v * (-1.66666666666666324348e-01lf + z * r); }
  return x - ((z * (0.5lf * y - v * r) - y) - v * -1.66666666666666324348e-01lf);
}
fn xp_kcos(x: f64, y: f64) -> f64 {
  let z = x * x;
  let w = z * z;
  let r = z * (4.16666666666666019037e-02lf + z * (-1.38888888888741095749e-03lf + z * 2.48015872894767294178e-05lf))
    + w * w * (-2.75573143513906633035e-07lf + z * (2.08757232129817482790e-09lf + z * -1.13596475577881948265e-11lf));
  let hz = 0.5lf * z;
  let w2 = xp_ob(1.0lf - hz);
  return w2 + (((1.0lf - w2) - hz) + (z * r - x * y));
}
// tan(x + y) for |x + y| <= pi/4 (iy = 1), or -1/tan (iy = -1).
fn xp_ktan(xin: f64, yin: f64, iy: i32) -> f64 {
  var x = xin;
  var y = yin;
  let hx = xp_ihi(x);
  let big = (hx & 0x7fffffff) >= 0x3fe59428;
  if big {
    if hx < 0 {
      x = -x;
      y = -y;
    }
    let z0 = 7.85398163397448278999e-01lf - x;
    let w0 = 3.06161699786838301793e-17lf - y;
    x = z0 + w0;
    y = 0.0lf;
  }
  let z = x * x;
  let w = z * z;
  var r = 1.33333333333201242699e-01lf + w * (2.18694882948595424599e-02lf + w * (3.59207910759131235356e-03lf
    + w * (5.88041240820264096874e-04lf + w * (7.81794442939557092300e-05lf + w * -1.85586374855275456654e-05lf))));
  var v = z * (5.39682539762260521377e-02lf + w * (8.86323982359930005737e-03lf + w * (1.45620945432529025516e-03lf
    + w * (2.46463134818469906812e-04lf + w * (7.14072491382608190305e-05lf + w * 2.59073051863633712884e-05lf)))));
  let s = z * x;
  r = y + z * (s * (r + v) + y);
  r = r + 3.33333333333334091986e-01lf * s;
  let ww = x + r;
  if big {
    let vv = f64(iy);
    let sign = f64(1 - ((hx >> 30u) & 2));
    return sign * (vv - 2.0lf * (x - (ww * ww / (ww + vv) - r)));
  }
  if iy == 1 { return ww; }
  let zz = xp_set_lo(ww, 0u);
  let v2 = r - (zz - x);
  let a = -1.0lf / ww;
  let t = xp_set_lo(a, 0u);
  let s2 = 1.0lf + t * zz;
  return t + a * (s2 + t * v2);
}
",
        f32: Some(super::float32::KTRIG),
    },
    Entry {
        name: "sin",
        deps: &["rem_pio2", "ktrig"],
        src: "
fn xp_sin(x: f64) -> f64 {
  let ix = xp_hi(x) & 0x7fffffffu;
  if ix <= 0x3fe921fbu {
    if ix < 0x3e500000u { return x; }
    return xp_ksin(x, 0.0lf, 0);
  }
  if ix >= 0x7ff00000u { return xp_nan(); }
  let r = xp_rem_pio2(x);
  switch r.n & 3 {
    case 0: { return xp_ksin(r.y0, r.y1, 1); }
    case 1: { return xp_kcos(r.y0, r.y1); }
    case 2: { return -xp_ksin(r.y0, r.y1, 1); }
    default: { return -xp_kcos(r.y0, r.y1); }
  }
}
",
        f32: Some(super::float32::SIN),
    },
    Entry {
        name: "cos",
        deps: &["rem_pio2", "ktrig"],
        src: "
fn xp_cos(x: f64) -> f64 {
  let ix = xp_hi(x) & 0x7fffffffu;
  if ix <= 0x3fe921fbu {
    if ix < 0x3e46a09eu { return 1.0lf; }
    return xp_kcos(x, 0.0lf);
  }
  if ix >= 0x7ff00000u { return xp_nan(); }
  let r = xp_rem_pio2(x);
  switch r.n & 3 {
    case 0: { return xp_kcos(r.y0, r.y1); }
    case 1: { return -xp_ksin(r.y0, r.y1, 1); }
    case 2: { return -xp_kcos(r.y0, r.y1); }
    default: { return xp_ksin(r.y0, r.y1, 1); }
  }
}
",
        f32: Some(super::float32::COS),
    },
    Entry {
        name: "trig",
        deps: &["rem_pio2", "ktrig"],
        src: "
// (cos x, sin x, tan x) with one argument reduction (kernels that need several of them
// stay small: every call of the reduction is inlined by the driver).
fn xp_trig(x: f64) -> vec3<f64> {
  let ix = xp_hi(x) & 0x7fffffffu;
  if ix >= 0x7ff00000u { return vec3<f64>(xp_nan(), xp_nan(), xp_nan()); }
  var r = XpRem(0, x, 0.0lf);
  if ix > 0x3fe921fbu { r = xp_rem_pio2(x); }
  var c = 1.0lf;
  var s = x;
  var t = x;
  if ix >= 0x3e400000u {
    c = xp_kcos(r.y0, r.y1);
    s = xp_ksin(r.y0, r.y1, 1);
    t = xp_ktan(r.y0, r.y1, 1 - ((r.n & 1) << 1u));
    switch r.n & 3 {
      case 0: { }
      case 1: { let c0 = c; c = -s; s = c0; }
      case 2: { c = -c; s = -s; }
      default: { let c0 = c; c = s; s = -c0; }
    }
  } else if ix >= 0x3e46a09eu {
    c = xp_kcos(x, 0.0lf);
  }
  return vec3<f64>(c, s, t);
}
",
        f32: Some(super::float32::TRIG),
    },
    Entry {
        name: "tan",
        deps: &["rem_pio2", "ktrig"],
        src: "
fn xp_tan(x: f64) -> f64 {
  let ix = xp_hi(x) & 0x7fffffffu;
  if ix <= 0x3fe921fbu {
    if ix < 0x3e400000u { return x; }
    return xp_ktan(x, 0.0lf, 1);
  }
  if ix >= 0x7ff00000u { return xp_nan(); }
  let r = xp_rem_pio2(x);
  return xp_ktan(r.y0, r.y1, 1 - ((r.n & 1) << 1u));
}
",
        f32: Some(super::float32::TAN),
    },
];
