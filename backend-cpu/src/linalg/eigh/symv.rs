//! The symmetric matrix-vector product of the tridiagonalization, `y = A v` with only
//! the lower triangle of `A` stored (row-major): one pass over the triangle, each row
//! `r` giving a dot product (`y[r] += A[r, ..r] . v[..r]`) and an axpy
//! (`y[..r] += A[r, ..r] v[r]`), so every element is read once.
//!
//! The kernel takes eight rows at a time (one load of `v` and of `y` serves eight rows),
//! written with AVX-512 intrinsics: auto-vectorized versions took 12 to 24 ms for all the
//! products of the `n = 1000` reduction depending on small changes to the source (FMA
//! contraction, row blocking), the intrinsics 9-10 ms (four rows at a time: the same,
//! twelve: 7 % slower, software prefetch: no gain). [`symv`] splits the rows between two
//! threads at equal areas.

use super::EighElem;

/// Rows of the triangle at or above which [`symv`] runs on two threads.
const PAR_MIN: usize = 192;

/// `y[..m] = A v` for the symmetric `m x m` matrix whose lower triangle (incl. the
/// diagonal) is `a[r*lda + j]`, `j <= r < m`; `tmp` (length `>= m`) is scratch. With
/// `par`, two threads share the rows, the first of them also running `extra` (about
/// as much work as `extra_work` elements of the triangle: its share of rows shrinks).
///
/// # Panics
/// If a slice is too short.
#[allow(clippy::too_many_arguments)]
pub(super) fn symv<T: EighElem>(
    a: &[T],
    lda: usize,
    m: usize,
    v: &[T],
    y: &mut [T],
    tmp: &mut [T],
    par: bool,
    extra_work: usize,
    extra: impl FnOnce() + Send,
) {
    if m == 0 {
        extra();
        return;
    }
    assert!(
        a.len() >= (m - 1) * lda + m && v.len() >= m && y.len() >= m && tmp.len() >= m,
        "symv: slice too short"
    );
    let y = &mut y[..m];
    y.fill(T::ZERO);
    if !par || m < PAR_MIN {
        T::symv_rows(a, lda, 0, m, v, y);
        extra();
        return;
    }
    // Rows ..s hold half of the triangle less `extra_work` (s = m / sqrt 2 without it),
    // rounded to the kernel's 8-row blocks.
    let half = (m * m) as f64 / 2.0 - extra_work as f64;
    let s = ((half.max(0.0).sqrt() as usize) / 8 * 8).min(m);
    let tmp = &mut tmp[..m];
    tmp.fill(T::ZERO);
    rayon::join(
        || {
            T::symv_rows(a, lda, 0, s, v, &mut y[..s]);
            extra();
        },
        || T::symv_rows(a, lda, s, m, v, tmp),
    );
    // Rows ..s touched only y[..s].
    for (y, &t) in y[..s].iter_mut().zip(&tmp[..s]) {
        *y += t;
    }
    y[s..].copy_from_slice(&tmp[s..]);
}

/// Portable version of the kernel: for each row `r` in `r0..r1`,
/// `y[r] += A[r, ..=r] . v[..=r]` and `y[..r] += A[r, ..r] v[r]` (`y` has at least `r1`
/// elements).
pub(super) fn rows_loops<T: super::super::qr::QrElem>(
    a: &[T],
    lda: usize,
    r0: usize,
    r1: usize,
    v: &[T],
    y: &mut [T],
) {
    for r in r0..r1 {
        let row = &a[r * lda..r * lda + r];
        let vr = v[r];
        let mut s = T::ZERO;
        for ((&x, &vj), yj) in row.iter().zip(&v[..r]).zip(&mut y[..r]) {
            s += x * vj;
            *yj += x * vr;
        }
        y[r] += s + a[r * lda + r] * vr;
    }
}

/// The AVX-512 kernels, one module per element type (see [`rows_loops`] for what they
/// compute).
#[cfg(target_arch = "x86_64")]
macro_rules! symv_kernel {
    (
        $name:ident, $t:ty, $lanes:expr, $mask:ty,
        $setzero:ident, $loadu:ident, $storeu:ident, $set1:ident, $fmadd:ident,
        $maskz_loadu:ident, $mask_storeu:ident, $add:ident, $reduce:ident
    ) => {
        /// The kernel of one element type.
        pub(super) mod $name {
            use core::arch::x86_64::*;

            /// Lanes per zmm vector.
            const L: usize = $lanes;
            /// Rows per block.
            const R: usize = 8;

            /// [`super::rows_loops`] on raw pointers, eight rows at a time.
            ///
            /// # Safety
            /// The CPU must support AVX-512F/VL/DQ and FMA; `a[r*lda + j]` (`j <= r`,
            /// `r0 <= r < r1`) and `v[..r1]` must be readable, `y[..r1]` readable and
            /// writable with no other live reference.
            #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
            pub(in super::super) unsafe fn rows(
                a: *const $t,
                lda: usize,
                r0: usize,
                r1: usize,
                v: *const $t,
                y: *mut $t,
            ) {
                let mut r = r0;
                while r + R <= r1 {
                    // SAFETY: rows r..r+R are within r0..r1 (the caller's contract).
                    unsafe { block::<R>(a, lda, r, v, y) };
                    r += R;
                }
                while r < r1 {
                    // SAFETY: as above, one row.
                    unsafe { block::<1>(a, lda, r, v, y) };
                    r += 1;
                }
            }

            /// Rows `r..r+B` (see [`rows`]).
            ///
            /// # Safety
            /// As for [`rows`], with `r0 = r`, `r1 = r + B`.
            #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
            #[inline]
            unsafe fn block<const B: usize>(
                a: *const $t,
                lda: usize,
                r: usize,
                v: *const $t,
                y: *mut $t,
            ) {
                // SAFETY (whole body): every pointer offset below is a column < r + B
                // of a row in r..r+B, or an index < r + B of v and y (the contract).
                unsafe {
                    let row = |q: usize| a.add((r + q) * lda);
                    let mut acc = [$setzero(); B];
                    let vr: [_; B] = core::array::from_fn(|q| $set1(*v.add(r + q)));
                    // Columns ..r: B dot products and B axpys per vector of y; two
                    // chains of y updates halve the FMA latency chain.
                    let full = r / L * L;
                    let mut j = 0;
                    while j < full {
                        let vv = $loadu(v.add(j));
                        let mut y0 = $loadu(y.add(j));
                        let mut y1 = $setzero();
                        for q in 0..B {
                            let x = $loadu(row(q).add(j));
                            acc[q] = $fmadd(x, vv, acc[q]);
                            if q % 2 == 0 {
                                y0 = $fmadd(x, vr[q], y0);
                            } else {
                                y1 = $fmadd(x, vr[q], y1);
                            }
                        }
                        $storeu(y.add(j), $add(y0, y1));
                        j += L;
                    }
                    if j < r {
                        let k: $mask = ((1u64 << (r - j)) - 1) as $mask;
                        let vv = $maskz_loadu(k, v.add(j));
                        let mut y0 = $maskz_loadu(k, y.add(j));
                        for q in 0..B {
                            let x = $maskz_loadu(k, row(q).add(j));
                            acc[q] = $fmadd(x, vv, acc[q]);
                            y0 = $fmadd(x, vr[q], y0);
                        }
                        $mask_storeu(y.add(j), k, y0);
                    }
                    // The B x B triangle at the diagonal.
                    for q in 0..B {
                        let ri = r + q;
                        let vi = *v.add(ri);
                        let mut s = $reduce(acc[q]);
                        for jj in r..ri {
                            let x = *row(q).add(jj);
                            s += x * *v.add(jj);
                            *y.add(jj) += x * vi;
                        }
                        *y.add(ri) += s + *row(q).add(ri) * vi;
                    }
                }
            }
        }
    };
}

#[cfg(target_arch = "x86_64")]
symv_kernel!(
    f64k,
    f64,
    8,
    __mmask8,
    _mm512_setzero_pd,
    _mm512_loadu_pd,
    _mm512_storeu_pd,
    _mm512_set1_pd,
    _mm512_fmadd_pd,
    _mm512_maskz_loadu_pd,
    _mm512_mask_storeu_pd,
    _mm512_add_pd,
    _mm512_reduce_add_pd
);
#[cfg(target_arch = "x86_64")]
symv_kernel!(
    f32k,
    f32,
    16,
    __mmask16,
    _mm512_setzero_ps,
    _mm512_loadu_ps,
    _mm512_storeu_ps,
    _mm512_set1_ps,
    _mm512_fmadd_ps,
    _mm512_maskz_loadu_ps,
    _mm512_mask_storeu_ps,
    _mm512_add_ps,
    _mm512_reduce_add_ps
);
