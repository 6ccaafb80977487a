//! Branch-free `atan` for `f32` and `f64`: fdlibm's algorithm with its branches turned
//! into selects.
//!
//! `|x|` is reduced to `|t| <= 7/16` by one of `t = |x|`, `(2|x| - 1) / (2 + |x|)`,
//! `(|x| - 1) / (|x| + 1)`, `(|x| - 1.5) / (1 + 1.5|x|)`, `-1 / |x|` (one division for
//! every lane: numerator and denominator are selected), `atan |x| = atan(c) + atan t` with
//! `atan(c)` (`c = 0, 1/2, 1, 3/2, ∞`) as a double-double, `atan t` by fdlibm's odd
//! polynomial of degree 23 (published coefficients); the sign of `x` is copied.
//! `|x| < 2^-27` gives `x`; NaN gives NaN. `f32` uses the `f64` kernel, rounded once.

// The published coefficients are kept digit for digit.
#![allow(clippy::excessive_precision)]

const AT: [f64; 11] = [
    3.33333333333329318027e-01,
    -1.99999999998764832476e-01,
    1.42857142725034663711e-01,
    -1.11111104054623557880e-01,
    9.09088713343650656196e-02,
    -7.69187620504482999495e-02,
    6.66107313738753120669e-02,
    -5.83357013379057348645e-02,
    4.97687799461593236017e-02,
    -3.65315727442169155270e-02,
    1.62858201153657823623e-02,
];

/// `(t - atan t) / t` for `|t| <= 7/16`: fdlibm's polynomial in `t²` (so that
/// `atan t = t - t · atan_poly(t)`).
#[inline(always)]
pub(super) fn atan_poly(t: f64) -> f64 {
    let z = t * t;
    let w = z * z;
    let s1 = z * AT[10]
        .mul_add(w, AT[8])
        .mul_add(w, AT[6])
        .mul_add(w, AT[4])
        .mul_add(w, AT[2])
        .mul_add(w, AT[0]);
    let s2 = w * AT[9]
        .mul_add(w, AT[7])
        .mul_add(w, AT[5])
        .mul_add(w, AT[3])
        .mul_add(w, AT[1]);
    s1 + s2
}

/// `atan x` for `f64` (branch-free).
#[inline(always)]
pub fn atan_f64(x: f64) -> f64 {
    let ax = x.abs();
    // select the reduction (fdlibm's intervals)
    let (num, den, hi, lo) = if ax < 0.4375 {
        (ax, 1.0, 0.0, 0.0)
    } else if ax < 0.6875 {
        (
            2.0 * ax - 1.0,
            2.0 + ax,
            0.4636476090008061,
            2.2698777452961687e-17,
        )
    } else if ax < 1.1875 {
        (
            ax - 1.0,
            ax + 1.0,
            std::f64::consts::FRAC_PI_4,
            3.061616997868383e-17,
        )
    } else if ax < 2.4375 {
        (
            ax - 1.5,
            1.5f64.mul_add(ax, 1.0),
            0.982793723247329,
            1.3903311031230998e-17,
        )
    } else {
        (-1.0, ax, std::f64::consts::FRAC_PI_2, 6.123233995736766e-17)
    };
    let t = num / den;
    let v = hi - ((t * atan_poly(t) - lo) - t);
    let v = v.copysign(x);
    if ax < 7.450580596923828e-9 || x.is_nan() {
        x
    } else {
        v
    }
}

/// `atan x` for `f32`: the `f64` kernel, rounded once.
#[inline(always)]
pub fn atan_f32(x: f32) -> f32 {
    atan_f64(x as f64) as f32
}
