//! `pow` (fdlibm's e_pow: `log2(x)` in extra precision, times `y`, then `2^z`).

use super::Entry;

pub(super) const ENTRIES: &[Entry] = &[Entry {
    name: "pow",
    deps: &["words"],
    src: "
fn xp_pow(x: f64, y: f64) -> f64 {
  let hx = xp_ihi(x);
  let lx = xp_lo(x);
  let hy = xp_ihi(y);
  let ly = xp_lo(y);
  var ix = hx & 0x7fffffff;
  let iy = hy & 0x7fffffff;
  if (u32(iy) | ly) == 0u { return 1.0lf; }
  if hx == 0x3ff00000 && lx == 0u { return 1.0lf; }
  if xp_isnan(x) || xp_isnan(y) { return x + y; }
  // yisint: 0 not an integer, 1 odd, 2 even (only needed when x < 0)
  var yisint = 0i;
  if hx < 0 {
    if iy >= 0x43400000 {
      yisint = 2;
    } else if iy >= 0x3ff00000 {
      let k = (iy >> 20u) - 0x3ff;
      if k > 20 {
        let j = ly >> u32(52 - k);
        if (j << u32(52 - k)) == ly { yisint = 2 - i32(j & 1u); }
      } else if ly == 0u {
        let j = iy >> u32(20 - k);
        if (j << u32(20 - k)) == iy { yisint = 2 - (j & 1); }
      }
    }
  }
  if ly == 0u {
    if iy == 0x7ff00000 {
      if ((u32(ix) - 0x3ff00000u) | lx) == 0u { return 1.0lf; }
      if ix >= 0x3ff00000 { return select(0.0lf, y, hy >= 0); }
      return select(0.0lf, -y, hy < 0);
    }
    if iy == 0x3ff00000 {
      if hy < 0 { return 1.0lf / x; }
      return x;
    }
    if hy == 0x40000000 { return x * x; }
    if hy == 0x3fe00000 && hx >= 0 { return sqrt(x); }
  }
  var ax = xp_fabs(x);
  if lx == 0u && (ix == 0x7ff00000 || ix == 0 || ix == 0x3ff00000) {
    var z = ax;
    if hy < 0 { z = 1.0lf / z; }
    if hx < 0 {
      if ((ix - 0x3ff00000) | yisint) == 0 {
        z = xp_nan();
      } else if yisint == 1 {
        z = -z;
      }
    }
    return z;
  }
  if hx < 0 && yisint == 0 { return xp_nan(); }
  var s = 1.0lf;
  if hx < 0 && yisint == 1 { s = -1.0lf; }
  var t1 = 0.0lf;
  var t2 = 0.0lf;
  if iy > 0x41e00000 {
    if iy > 0x43f00000 {
      if ix <= 0x3fefffff { return select(0.0lf, xp_inf(), hy < 0); }
      if ix >= 0x3ff00000 { return select(0.0lf, xp_inf(), hy > 0); }
    }
    if ix < 0x3fefffff { return select(xp_copysign(0.0lf, s), s * xp_inf(), hy < 0); }
    if ix > 0x3ff00000 { return select(xp_copysign(0.0lf, s), s * xp_inf(), hy > 0); }
    let t = ax - 1.0lf;
    let w = (t * t) * (0.5lf - t * (0.3333333333333333333333lf - t * 0.25lf));
    let u = 1.44269502162933349609e+00lf * t;
    let v = t * 1.92596299112661746887e-08lf - w * 1.44269504088896338700e+00lf;
    t1 = xp_set_lo(u + v, 0u);
    t2 = v - (t1 - u);
  } else {
    var n = 0i;
    if ix < 0x00100000 {
      ax = ax * 9007199254740992.0lf;
      n = n - 53;
      ix = xp_ihi(ax);
    }
    n = n + ((ix >> 20u) - 0x3ff);
    let j = ix & 0x000fffff;
    ix = j | 0x3ff00000;
    var k = 0i;
    if j <= 0x3988e {
      k = 0;
    } else if j < 0xbb67a {
      k = 1;
    } else {
      k = 0;
      n = n + 1;
      ix = ix - 0x00100000;
    }
    ax = xp_set_hi(ax, u32(ix));
    let bp = select(1.0lf, 1.5lf, k == 1);
    let dp_h = select(0.0lf, 5.84962487220764160156e-01lf, k == 1);
    let dp_l = select(0.0lf, 1.35003920212974897128e-08lf, k == 1);
    let u = ax - bp;
    let v = 1.0lf / (ax + bp);
    let ss = u * v;
    let s_h = xp_set_lo(ss, 0u);
    var t_h = xp_words(u32(((ix >> 1u) | 0x20000000) + 0x00080000 + (k << 18u)), 0u);
    var t_l = ax - (t_h - bp);
    let s_l = v * ((u - s_h * t_h) - s_h * t_l);
    var s2 = ss * ss;
    var r = s2 * s2 * (5.99999999999994648725e-01lf + s2 * (4.28571428578550184252e-01lf + s2 * (3.33333329818377432918e-01lf
      + s2 * (2.72728123808534006489e-01lf + s2 * (2.30660745775561754067e-01lf + s2 * 2.06975017800338417784e-01lf)))));
    r = r + s_l * (s_h + ss);
    s2 = s_h * s_h;
    t_h = xp_set_lo(3.0lf + s2 + r, 0u);
    t_l = r - ((t_h - 3.0lf) - s2);
    let u2 = s_h * t_h;
    let v2 = s_l * t_h + t_l * ss;
    let p_h = xp_set_lo(u2 + v2, 0u);
    let p_l = v2 - (p_h - u2);
    let z_h = 9.61796700954437255859e-01lf * p_h;
    let z_l = -7.02846165095275826516e-09lf * p_h + p_l * 9.61796693925975554329e-01lf + dp_l;
    let t = f64(n);
    t1 = xp_set_lo(((z_h + z_l) + dp_h) + t, 0u);
    t2 = z_l - (((t1 - t) - dp_h) - z_h);
  }
  let y1 = xp_set_lo(y, 0u);
  let p_l0 = (y - y1) * t1 + y * t2;
  var p_h = y1 * t1;
  let z0 = xp_ob(p_l0 + p_h);
  var j = xp_ihi(z0);
  let i0 = xp_lo(z0);
  if j >= 0x40900000 {
    if ((u32(j) - 0x40900000u) | i0) != 0u { return s * xp_inf(); }
    if p_l0 + 8.0085662595372944372e-17lf > z0 - p_h { return s * xp_inf(); }
  } else if (j & 0x7fffffff) >= 0x4090cc00 {
    if ((u32(j) - 0xc090cc00u) | i0) != 0u { return xp_copysign(0.0lf, s); }
    if p_l0 <= z0 - p_h { return xp_copysign(0.0lf, s); }
  }
  let i = j & 0x7fffffff;
  var k = (i >> 20u) - 0x3ff;
  var n = 0i;
  if i > 0x3fe00000 {
    n = j + (0x00100000 >> u32(k + 1));
    k = ((n & 0x7fffffff) >> 20u) - 0x3ff;
    let t = xp_words(u32(n & ~(0x000fffff >> u32(k))), 0u);
    n = ((n & 0x000fffff) | 0x00100000) >> u32(20 - k);
    if j < 0 { n = -n; }
    p_h = p_h - t;
  }
  let t = xp_set_lo(p_l0 + p_h, 0u);
  let u = t * 6.93147182464599609375e-01lf;
  let v = (p_l0 - (t - p_h)) * 6.93147180559945286227e-01lf + t * -1.90465429995776804525e-09lf;
  var z = xp_ob(u + v);
  let w = v - (z - u);
  let tt = z * z;
  let t1b = z - tt * (1.66666666666666019037e-01lf + tt * (-2.77777777770155933842e-03lf
    + tt * (6.61375632143793436117e-05lf + tt * (-1.65339022054652515390e-06lf + tt * 4.13813679705723846039e-08lf))));
  let rr = (z * t1b) / (t1b - 2.0lf) - (w + z * w);
  z = 1.0lf - (rr - z);
  j = xp_ihi(z);
  j = j + (n << 20u);
  if (j >> 20u) <= 0 { z = xp_scalbn(z, n); } else { z = xp_set_hi(z, u32(j)); }
  return s * z;
}
",
    f32: Some(super::float32_more::POW),
}];
