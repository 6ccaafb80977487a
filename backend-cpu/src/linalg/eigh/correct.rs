//! The panel's per-column corrections against its earlier columns (`W`, `V`: `c` rows
//! each, row stride `ld`), as two kernels that read each row of `W` and `V` once:
//!
//! * [`EighElem::dots`]: `p = V x`, `q = W x` (eight rows per pass over `x`);
//! * [`EighElem::correct`]: `y = t (y - W^T p - V^T q)` fused with the next row's update
//!   `r -= V^T a + W^T b` (`a`, `b`: that row's entries of `W`, `V`), returning `y . u`.
//!
//! Both have an AVX-512 version (intrinsics, one macro for `f32` and `f64`) and a
//! portable one.

use super::super::qr::QrElem;
#[cfg(doc)]
use super::EighElem;

/// The inputs of [`EighElem::correct`] besides `y` and `r`.
pub(crate) struct Corr<'a, T> {
    /// `W`, `c` rows of row stride `ld`.
    pub w: &'a [T],
    /// `V`, as `w`.
    pub v: &'a [T],
    /// Row stride of `w` and `v`.
    pub ld: usize,
    /// Rows.
    pub c: usize,
    /// Coefficients of `W`'s rows in `y`.
    pub p: &'a [T],
    /// Coefficients of `V`'s rows in `y`.
    pub q: &'a [T],
    /// Coefficients of `V`'s rows in `r`.
    pub a: &'a [T],
    /// Coefficients of `W`'s rows in `r`.
    pub b: &'a [T],
    /// Scale of `y`.
    pub t: T,
    /// The vector dotted with the new `y`.
    pub u: &'a [T],
}

/// Portable [`EighElem::dots`].
pub(super) fn dots_loops<T: QrElem>(
    rows: [&[T]; 2],
    ld: usize,
    c: usize,
    len: usize,
    x: &[T],
    out: [&mut [T]; 2],
) {
    let [w, v] = rows;
    let [p, q] = out;
    for k in 0..c {
        p[k] = super::super::triangular::dot(&v[k * ld..k * ld + len], &x[..len]);
        q[k] = super::super::triangular::dot(&w[k * ld..k * ld + len], &x[..len]);
    }
}

/// Portable [`EighElem::correct`].
pub(super) fn correct_loops<T: QrElem>(
    k: &Corr<'_, T>,
    len: usize,
    y: &mut [T],
    r: Option<&mut [T]>,
) -> T {
    let ld = k.ld;
    let mut r = r;
    let mut s = T::ZERO;
    for j in 0..len {
        let (mut yj, mut rj) = (y[j], T::ZERO);
        for i in 0..k.c {
            let (wi, vi) = (k.w[i * ld + j], k.v[i * ld + j]);
            yj -= k.p[i] * wi + k.q[i] * vi;
            rj += k.a[i] * vi + k.b[i] * wi;
        }
        yj *= k.t;
        y[j] = yj;
        s += yj * k.u[j];
        if let Some(r) = r.as_deref_mut() {
            r[j] -= rj;
        }
    }
    s
}

/// The AVX-512 kernels of one element type (see [`EighElem::dots`] and
/// [`EighElem::correct`]).
#[cfg(target_arch = "x86_64")]
macro_rules! correct_kernels {
    (
        $name:ident, $t:ty, $lanes:expr, $mask:ty,
        $setzero:ident, $set1:ident, $fmadd:ident, $fnmadd:ident, $mul:ident,
        $sub:ident, $maskz_loadu:ident, $mask_storeu:ident, $reduce:ident
    ) => {
        /// The kernels of one element type.
        pub(super) mod $name {
            use super::Corr;
            use core::arch::x86_64::*;

            /// Lanes per zmm vector.
            const L: usize = $lanes;

            /// Mask of the first `n < L` lanes.
            #[inline(always)]
            fn mask(n: usize) -> $mask {
                ((1u64 << n) - 1) as $mask
            }

            /// `EighElem::dots`, eight rows of each matrix per pass over `x`.
            ///
            /// # Safety
            /// The CPU must support AVX-512F/VL/DQ and FMA; `w`, `v` must hold `c` rows of
            /// `len` (row stride `ld`), `x` `len` values, `p`, `q` `c`.
            #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
            #[allow(clippy::too_many_arguments)]
            pub(in super::super) unsafe fn dots(
                w: &[$t],
                v: &[$t],
                ld: usize,
                c: usize,
                len: usize,
                x: &[$t],
                p: &mut [$t],
                q: &mut [$t],
            ) {
                const G: usize = 8;
                let (w, v, x) = (w.as_ptr(), v.as_ptr(), x.as_ptr());
                let mut k0 = 0;
                while k0 < c {
                    let g = G.min(c - k0);
                    let mut ap = [$setzero(); G];
                    let mut aq = [$setzero(); G];
                    let mut j = 0;
                    // SAFETY (loop): rows k0..k0+g < c and columns j..j+L <= len (or
                    // masked to len) are inside the asserted slices.
                    while j < len {
                        let m = if len - j >= L { !0 } else { mask(len - j) };
                        unsafe {
                            let xv = $maskz_loadu(m, x.add(j));
                            for i in 0..g {
                                let o = (k0 + i) * ld + j;
                                ap[i] = $fmadd($maskz_loadu(m, v.add(o)), xv, ap[i]);
                                aq[i] = $fmadd($maskz_loadu(m, w.add(o)), xv, aq[i]);
                            }
                        }
                        j += L;
                    }
                    for i in 0..g {
                        p[k0 + i] = $reduce(ap[i]);
                        q[k0 + i] = $reduce(aq[i]);
                    }
                    k0 += g;
                }
            }

            /// `EighElem::correct`, four vectors of `y` (and `r`) per pass over the rows.
            ///
            /// # Safety
            /// As for [`dots`], with `c` values in each of `k.p`, `k.q`, `k.a`, `k.b`, and
            /// `len` in `k.u`, `y` and `r`.
            #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
            pub(in super::super) unsafe fn correct(
                k: &Corr<'_, $t>,
                len: usize,
                y: &mut [$t],
                r: Option<&mut [$t]>,
            ) -> $t {
                const U: usize = 4;
                let (w, v, ld, c) = (k.w.as_ptr(), k.v.as_ptr(), k.ld, k.c);
                let yp = y.as_mut_ptr();
                let rp = r.map(|r| r.as_mut_ptr());
                let t = $set1(k.t);
                let mut s = $setzero();
                let mut j = 0;
                while j < len {
                    // U vectors while they fit, then single (possibly masked) ones.
                    let u = if len - j >= U * L { U } else { 1 };
                    let m = if len - j >= L { !0 } else { mask(len - j) };
                    // SAFETY: columns j..j+u*L (masked to len) of rows < c and of y, r, u
                    // are inside the asserted slices; y and r are borrowed exclusively.
                    unsafe {
                        let mut ya = [$setzero(); U];
                        let mut ra = [$setzero(); U];
                        for e in 0..u {
                            ya[e] = $maskz_loadu(m, yp.add(j + e * L));
                        }
                        for i in 0..c {
                            let (pi, qi) = ($set1(k.p[i]), $set1(k.q[i]));
                            let (ai, bi) = ($set1(k.a[i]), $set1(k.b[i]));
                            for e in 0..u {
                                let o = i * ld + j + e * L;
                                let (wv, vv) =
                                    ($maskz_loadu(m, w.add(o)), $maskz_loadu(m, v.add(o)));
                                ya[e] = $fnmadd(pi, wv, ya[e]);
                                ya[e] = $fnmadd(qi, vv, ya[e]);
                                ra[e] = $fmadd(ai, vv, ra[e]);
                                ra[e] = $fmadd(bi, wv, ra[e]);
                            }
                        }
                        for e in 0..u {
                            let yv = $mul(ya[e], t);
                            $mask_storeu(yp.add(j + e * L), m, yv);
                            s = $fmadd(yv, $maskz_loadu(m, k.u.as_ptr().add(j + e * L)), s);
                            if let Some(rp) = rp {
                                let o = rp.add(j + e * L);
                                $mask_storeu(o, m, $sub($maskz_loadu(m, o), ra[e]));
                            }
                        }
                    }
                    j += u * L;
                }
                $reduce(s)
            }
        }
    };
}

#[cfg(target_arch = "x86_64")]
correct_kernels!(
    f64k,
    f64,
    8,
    __mmask8,
    _mm512_setzero_pd,
    _mm512_set1_pd,
    _mm512_fmadd_pd,
    _mm512_fnmadd_pd,
    _mm512_mul_pd,
    _mm512_sub_pd,
    _mm512_maskz_loadu_pd,
    _mm512_mask_storeu_pd,
    _mm512_reduce_add_pd
);
#[cfg(target_arch = "x86_64")]
correct_kernels!(
    f32k,
    f32,
    16,
    __mmask16,
    _mm512_setzero_ps,
    _mm512_set1_ps,
    _mm512_fmadd_ps,
    _mm512_fnmadd_ps,
    _mm512_mul_ps,
    _mm512_sub_ps,
    _mm512_maskz_loadu_ps,
    _mm512_mask_storeu_ps,
    _mm512_reduce_add_ps
);
