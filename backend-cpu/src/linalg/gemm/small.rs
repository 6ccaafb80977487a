//! Stacks of small `f32` / `f64` products (`m, n, k <= MAX_DIM`) without the packed GEMM.
//!
//! # Method
//!
//! The blocked GEMM ([`super::driver`]) packs A and B into aligned micro-panels and sets
//! up thread-local buffers per call: for a 32^3 product that overhead is as large as
//! the arithmetic. Here each product runs straight from the operands' strides:
//!
//! * C (row-major, `m x n`) is cut into column chunks of at most 4 zmm vectors (32 `f64`
//!   / 64 `f32` columns, chunks balanced to within one vector) and each chunk into
//!   balanced row tiles of at most `MR(nv)` rows (12 / 12 / 8 / 6 for 1-4 vectors, so
//!   at most 24 accumulators). A tile is a register-resident `rows x nv` block of zmm
//!   accumulators; each k step loads `nv` vectors of a B row (the last one with a lane
//!   mask, so no padding is needed and nothing past the row is read), broadcasts
//!   `rows` scalars of A straight from memory (`[row_i + p*cs]`: one pointer per tile
//!   row plus one running index, so any A strides, negative included, cost the same)
//!   and issues `rows * nv` FMAs. The tile is stored once (masked last vector).
//! * B is read in place when its rows are contiguous (`cs == 1`); otherwise it is
//!   copied once per product into a 64-byte aligned thread-local `k x n` buffer (for
//!   `A @ B^T` this is a 32x32 transpose, a few percent of the product).
//! * The stack is split into at least `8 x threads` blocks of whole matrices, run in
//!   [`crate::pool::enter`] with rayon; totals below `PAR_MIN_WORK` multiply-adds stay on
//!   the calling thread.
//!
//! # Performance
//!
//! `matmul` / `einsum` end to end (result allocated per call), `RAYON_NUM_THREADS=2`,
//! 2-core Zen 5 KVM, medians of ~0.4 s runs, old and new interleaved, 2-3 rounds
//! (2026-11-23 12:15-12:34 UTC; noisy, +-10%), in ms (`ab`: `A @ B`, `bt`:
//! `einsum("bij,bkj->bik")`, i.e. B transposed):
//!
//! | stack        | type | op | before | after |
//! |--------------|------|----|--------|-------|
//! | 1000x32x32   | f64  | bt | 1.41   | 1.00  |
//! | 1000x32x32   | f64  | ab | 1.18   | 0.92  |
//! | 1000x32x32   | f32  | bt | 1.17   | 0.66  |
//! | 1000x32x32   | f32  | ab | 0.85   | 0.47  |
//! | 10000x16x16  | f64  | ab | 6.17   | 1.97  |
//! | 10000x16x16  | f32  | ab | 4.22   | 1.02  |
//! | 300x48x48    | f64  | ab | 1.18   | 0.82  |
//! | 200x64x64    | f64  | ab | 1.39   | 1.12  |
//! | 200x64x64    | f32  | ab | 0.66   | 0.51  |
//! | 60x96x96     | f64  | ab | 1.12   | 0.97  |
//! | 40x112x112   | f64  | ab | 1.26   | 1.05  |
//! | 30x128x128   | f64  | ab | 2.65   | 1.25  |
//! | 30x128x128   | f32  | ab | 1.80   | 0.54  |
//! | 20x160x160 * | f64  | ab | 2.36   | 1.31  |
//! | 10x192x192 * | f64  | ab | 1.75   | 1.09  |
//!
//! (* measured with the bound raised to 192.) The bound is 128: the kernel was ahead
//! at every size tried up to 192, so the bound only keeps the unpacked A / B working
//! set near L1/L2; just above it the old path (whole products on every thread from
//! 128^3 multiply-adds) is slower, not faster. A single product of at least 96^3 stays
//! with the threaded GEMM. The 1000x32x32 cases now run at 25 GB/s of operand + result
//! traffic (65 MFLOP in ~0.9 ms `f64`, about half the FMA peak); not profiled: the
//! fresh output pages and the 24 MB stack are the likely limit.

#![cfg_attr(not(target_arch = "x86_64"), allow(dead_code, unused_imports))]
// Explicit register-tile indexing (acc[i][j]) is the point of the kernel.
#![allow(clippy::needless_range_loop)]

use super::{share, with_buf, Elem, Line, SendPtr, View};
use rayon::prelude::*;
use std::cell::Cell;

/// Largest `m`, `n` and `k` taken here (chosen by measurement, see the module docs).
pub(crate) const MAX_DIM: usize = 128;
/// Below this many multiply-adds in the whole stack, it runs on the calling thread.
const PAR_MIN_WORK: usize = 1 << 17;

thread_local! {
    /// Per-thread buffer for a copied B (reused across calls).
    static SBUF: Cell<Vec<Line>> = const { Cell::new(Vec::new()) };
}

/// Element types with a small-product kernel.
pub(crate) trait Small: Elem {
    /// One product `C = A B` (`m x k` times `k x n`, all at most [`MAX_DIM`]), C row-major
    /// contiguous; `buf` holds at least `k * n` values (used when `bcs != 1`).
    ///
    /// # Safety
    /// The CPU must support AVX-512F/VL/DQ and FMA; `a.add(i*ars + p*acs)` must be
    /// readable for `i < m`, `p < k`, likewise B for `p < k`, `j < n`; `c` writable for
    /// `m*n` values; `buf` writable for `k*n` values; no overlap of `c`/`buf` with anything.
    #[allow(clippy::too_many_arguments)]
    unsafe fn product(
        m: usize,
        n: usize,
        k: usize,
        a: *const Self,
        ars: isize,
        acs: isize,
        b: *const Self,
        brs: isize,
        bcs: isize,
        c: *mut Self,
        buf: *mut Self,
    );
}

/// `tile::<rows, $nv>(args...)` with `rows` (a runtime value) matched against the listed
/// constants.
macro_rules! rows_match {
    ($rows:expr, $nv:literal, $args:expr, [$($r:literal),*]) => {{
        let (k, a, ars, acs, b, brs, c, ldc, last) = $args;
        match $rows {
            // SAFETY: the caller of `dispatch` upholds `tile`'s contract.
            $($r => unsafe { tile::<$r, $nv>(k, a, ars, acs, b, brs, c, ldc, last) },)*
            _ => unreachable!("tile rows out of range"),
        }
    }};
}

/// The kernels of one element type, written with that type's intrinsics.
macro_rules! small_kernels {
    (
        $name:ident, $t:ty, $lanes:expr, $mask:ty,
        $setzero:ident, $loadu:ident, $set1:ident, $fmadd:ident,
        $maskz_loadu:ident, $storeu:ident, $mask_storeu:ident
    ) => {
        /// Small-product kernels of one element type (see the module documentation).
        #[cfg(target_arch = "x86_64")]
        mod $name {
            use core::arch::x86_64::*;

            /// Lanes per zmm vector.
            const L: usize = $lanes;

            /// The `MR x NV`-vector tile `C = A B` over `k` steps: `a` is A's element
            /// `(0, 0)` of the tile (strides `ars`, `acs`), `b` B's `(0, 0)` (row stride
            /// `brs`, columns contiguous), `c` C's (row stride `ldc`); `last` masks the
            /// lanes of the last vector.
            ///
            /// # Safety
            /// AVX-512F/VL/DQ and FMA; A readable at `i*ars + p*acs` (`i < MR`, `p < k`),
            /// B at `p*brs + j` for the unmasked columns, C writable likewise.
            #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
            #[inline]
            #[allow(clippy::too_many_arguments)]
            unsafe fn tile<const MR: usize, const NV: usize>(
                k: usize,
                a: *const $t,
                ars: isize,
                acs: isize,
                b: *const $t,
                brs: isize,
                c: *mut $t,
                ldc: usize,
                last: $mask,
            ) {
                let mut acc = [[$setzero(); NV]; MR];
                let mut ar = [a; MR];
                for i in 0..MR {
                    ar[i] = a.wrapping_offset(i as isize * ars);
                }
                let mut q = 0isize;
                let mut bp = b;
                for _ in 0..k {
                    let mut bv = [$setzero(); NV];
                    for j in 0..NV {
                        // SAFETY: row `p` of B is readable for the unmasked columns (the
                        // caller's contract); masked-off lanes are never touched.
                        bv[j] = unsafe {
                            if j + 1 < NV {
                                $loadu(bp.add(L * j))
                            } else {
                                $maskz_loadu(last, bp.add(L * j))
                            }
                        };
                    }
                    for i in 0..MR {
                        // SAFETY: `ar[i] + q` is A's element `(i, p)`, readable.
                        let av = $set1(unsafe { *ar[i].offset(q) });
                        for j in 0..NV {
                            acc[i][j] = $fmadd(av, bv[j], acc[i][j]);
                        }
                    }
                    q += acs;
                    bp = bp.wrapping_offset(brs);
                }
                for i in 0..MR {
                    for j in 0..NV {
                        // SAFETY: row `i` of the tile lies in C; the last vector is
                        // masked to the valid columns.
                        unsafe {
                            let ptr = c.add(i * ldc + L * j);
                            if j + 1 < NV {
                                $storeu(ptr, acc[i][j]);
                            } else {
                                $mask_storeu(ptr, last, acc[i][j]);
                            }
                        }
                    }
                }
            }

            /// Rows per tile for `nv` vectors of columns (at most 24 accumulators).
            const fn max_rows(nv: usize) -> usize {
                match nv {
                    1 | 2 => 12,
                    3 => 8,
                    _ => 6,
                }
            }

            /// Runs [`tile`] with `rows` and `nv` as constants.
            ///
            /// # Safety
            /// As [`tile`] with `MR = rows` (`1..=max_rows(nv)`), `NV = nv` (`1..=4`).
            #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
            #[allow(clippy::too_many_arguments)]
            unsafe fn dispatch(
                rows: usize,
                nv: usize,
                k: usize,
                a: *const $t,
                ars: isize,
                acs: isize,
                b: *const $t,
                brs: isize,
                c: *mut $t,
                ldc: usize,
                last: $mask,
            ) {
                let args = (k, a, ars, acs, b, brs, c, ldc, last);
                match nv {
                    1 => rows_match!(rows, 1, args, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
                    2 => rows_match!(rows, 2, args, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
                    3 => rows_match!(rows, 3, args, [1, 2, 3, 4, 5, 6, 7, 8]),
                    _ => rows_match!(rows, 4, args, [1, 2, 3, 4, 5, 6]),
                }
            }

            /// See [`super::Small::product`].
            ///
            /// # Safety
            /// As there.
            #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
            #[allow(clippy::too_many_arguments)]
            pub(super) unsafe fn product(
                m: usize,
                n: usize,
                k: usize,
                a: *const $t,
                ars: isize,
                acs: isize,
                b: *const $t,
                brs: isize,
                bcs: isize,
                c: *mut $t,
                buf: *mut $t,
            ) {
                let (b, brs) = if bcs == 1 || n == 1 {
                    (b, brs)
                } else {
                    // Copy B row-major into `buf`, reading along the smaller stride.
                    // SAFETY: every `(p, j)` of B is readable and `buf` holds `k*n`.
                    unsafe {
                        if brs.unsigned_abs() < bcs.unsigned_abs() {
                            for j in 0..n {
                                let col = b.offset(j as isize * bcs);
                                for p in 0..k {
                                    *buf.add(p * n + j) = *col.offset(p as isize * brs);
                                }
                            }
                        } else {
                            for p in 0..k {
                                let row = b.offset(p as isize * brs);
                                for j in 0..n {
                                    *buf.add(p * n + j) = *row.offset(j as isize * bcs);
                                }
                            }
                        }
                    }
                    (buf as *const $t, n as isize)
                };
                let vecs = n.div_ceil(L);
                let chunks = vecs.div_ceil(4);
                for ch in 0..chunks {
                    let vr = super::share(vecs, chunks, ch);
                    let nv = vr.len();
                    let j0 = vr.start * L;
                    let rem = (n - j0) - (nv - 1) * L;
                    let full: $mask = !0;
                    let last = if rem >= L { full } else { full >> (L - rem) };
                    let tiles = m.div_ceil(max_rows(nv));
                    for t in 0..tiles {
                        let r = super::share(m, tiles, t);
                        // SAFETY: the tile's rows and columns lie inside A, B and C.
                        unsafe {
                            dispatch(
                                r.len(),
                                nv,
                                k,
                                a.wrapping_offset(r.start as isize * ars),
                                ars,
                                acs,
                                b.wrapping_add(j0),
                                brs,
                                c.add(r.start * n + j0),
                                n,
                                last,
                            );
                        }
                    }
                }
            }
        }
    };
}

small_kernels!(
    f64s,
    f64,
    8,
    __mmask8,
    _mm512_setzero_pd,
    _mm512_loadu_pd,
    _mm512_set1_pd,
    _mm512_fmadd_pd,
    _mm512_maskz_loadu_pd,
    _mm512_storeu_pd,
    _mm512_mask_storeu_pd
);
small_kernels!(
    f32s,
    f32,
    16,
    __mmask16,
    _mm512_setzero_ps,
    _mm512_loadu_ps,
    _mm512_set1_ps,
    _mm512_fmadd_ps,
    _mm512_maskz_loadu_ps,
    _mm512_storeu_ps,
    _mm512_mask_storeu_ps
);

/// Implements [`Small`] with a kernel module.
macro_rules! small_impl {
    ($t:ty, $module:ident) => {
        impl Small for $t {
            #[allow(clippy::too_many_arguments)]
            unsafe fn product(
                m: usize,
                n: usize,
                k: usize,
                a: *const $t,
                ars: isize,
                acs: isize,
                b: *const $t,
                brs: isize,
                bcs: isize,
                c: *mut $t,
                buf: *mut $t,
            ) {
                #[cfg(target_arch = "x86_64")]
                // SAFETY: forwarded caller contract.
                unsafe {
                    $module::product(m, n, k, a, ars, acs, b, brs, bcs, c, buf)
                }
                #[cfg(not(target_arch = "x86_64"))]
                {
                    let _ = (m, n, k, a, ars, acs, b, brs, bcs, c, buf);
                    unreachable!("small kernels need x86-64")
                }
            }
        }
    };
}
small_impl!(f64, f64s);
small_impl!(f32, f32s);

/// Whether [`batched`] takes products of this shape on this CPU.
pub(crate) fn applies(m: usize, n: usize, k: usize) -> bool {
    #[cfg(target_arch = "x86_64")]
    if m <= MAX_DIM && n <= MAX_DIM && k <= MAX_DIM && super::has_avx512() {
        return true;
    }
    let _ = (m, n, k);
    false
}

/// A stack of products `C_b = A_b B_b`: A matrix `b` at offset `ao[b]` of `a` with
/// strides `(ars, acs)`, likewise B; `c` holds the `m x n` row-major results one after
/// another (`c.len() == ao.len() * m * n`, `bo.len() == ao.len()`).
///
/// Returns `false` (C untouched) unless [`applies`] holds and every view lies inside its
/// slice. Never panics.
#[allow(clippy::too_many_arguments)]
pub(crate) fn batched<T: Small>(
    m: usize,
    n: usize,
    k: usize,
    a: &[T],
    ao: &[usize],
    (ars, acs): (isize, isize),
    b: &[T],
    bo: &[usize],
    (brs, bcs): (isize, isize),
    c: &mut [T],
) -> bool {
    let nb = ao.len();
    if !applies(m, n, k) || bo.len() != nb || c.len() != nb * m * n {
        return false;
    }
    if m == 0 || n == 0 || nb == 0 {
        return true;
    }
    if k == 0 {
        c.fill(T::default());
        return true;
    }
    let view = |d, off, rs, cs| View {
        data: d,
        off,
        rs,
        cs,
    };
    let inside = ao
        .iter()
        .zip(bo)
        .all(|(&oa, &ob)| view(a, oa, ars, acs).check(m, k) && view(b, ob, brs, bcs).check(k, n));
    if !inside {
        return false;
    }
    let cp = SendPtr(c.as_mut_ptr());
    let run = |r: std::ops::Range<usize>| {
        // The whole `SendPtr` is captured (not its raw pointer field).
        let base = cp;
        with_buf::<T, _>(&SBUF, k * n, |buf| {
            for bi in r {
                // SAFETY: AVX-512 was detected (`applies`), the views were checked to
                // lie inside `a` and `b`, matrix `bi` of C is `c[bi*m*n..][..m*n]`
                // (in bounds, disjoint between tasks), `buf` is this task's own.
                unsafe {
                    T::product(
                        m,
                        n,
                        k,
                        a.as_ptr().add(ao[bi]),
                        ars,
                        acs,
                        b.as_ptr().add(bo[bi]),
                        brs,
                        bcs,
                        base.0.add(bi * m * n),
                        buf.as_mut_ptr(),
                    )
                }
            }
        })
    };
    let threads = rayon::current_num_threads();
    if nb * m * n * k < PAR_MIN_WORK || nb == 1 || threads == 1 {
        run(0..nb);
    } else {
        let tasks = nb.min(8 * threads);
        crate::pool::enter(|| {
            (0..tasks)
                .into_par_iter()
                .for_each(|t| run(share(nb, tasks, t)))
        });
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A float under test: conversions to and from `f64` and its epsilon.
    trait F: Small + Into<f64> + PartialEq + std::fmt::Debug {
        /// Rounds an `f64`.
        fn of(x: f64) -> Self;
        /// Machine epsilon.
        const EPS: f64;
    }
    impl F for f32 {
        fn of(x: f64) -> Self {
            x as f32
        }
        const EPS: f64 = f32::EPSILON as f64;
    }
    impl F for f64 {
        fn of(x: f64) -> Self {
            x
        }
        const EPS: f64 = f64::EPSILON;
    }

    /// A stack of `nb` `rows x cols` matrices with strides `(rs, cs)`, gaps between them
    /// and a leading offset: (data, offsets).
    fn stack<T: F>(
        nb: usize,
        rows: usize,
        cols: usize,
        (rs, cs): (isize, isize),
        seed: &mut u64,
    ) -> (Vec<T>, Vec<usize>) {
        let lo = (rows as isize - 1) * rs.min(0) + (cols as isize - 1) * cs.min(0);
        let hi = (rows as isize - 1) * rs.max(0) + (cols as isize - 1) * cs.max(0);
        let span = (hi - lo) as usize + 1;
        let offs: Vec<usize> = (0..nb)
            .map(|b| ((3 + b * (span + 5)) as isize - lo) as usize)
            .collect();
        let data = (0..3 + nb * (span + 5))
            .map(|_| {
                *seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                T::of(((*seed >> 40) as f64 / (1u64 << 24) as f64) * 2.0 - 1.0)
            })
            .collect();
        (data, offs)
    }

    /// The layouts tried for an `r x c` operand: row-major, transposed, both reversed,
    /// padded, and mixed signs.
    fn layouts(r: usize, c: usize) -> Vec<(isize, isize)> {
        let (r, c) = (r as isize, c as isize);
        vec![
            (c, 1),
            (1, r),
            (-c, -1),
            (2 * c + 3, 2),
            (-1, r + 1),
            (c + 1, -1),
        ]
    }

    /// Checks one stack product against an `f64` triple loop.
    #[allow(clippy::too_many_arguments)]
    fn check<T: F>(
        nb: usize,
        m: usize,
        n: usize,
        k: usize,
        la: (isize, isize),
        lb: (isize, isize),
    ) {
        let mut seed = (m * 131 + n * 17 + k) as u64;
        let (a, ao) = stack::<T>(nb, m, k, la, &mut seed);
        let (b, bo) = stack::<T>(nb, k, n, lb, &mut seed);
        let mut c = vec![T::of(f64::NAN); nb * m * n];
        assert!(batched(m, n, k, &a, &ao, la, &b, &bo, lb, &mut c));
        let at = |d: &[T], o: usize, (rs, cs): (isize, isize), i: usize, j: usize| -> f64 {
            d[(o as isize + i as isize * rs + j as isize * cs) as usize].into()
        };
        for bi in 0..nb {
            for i in 0..m {
                for j in 0..n {
                    let (mut s, mut mag) = (0.0, 0.0);
                    for p in 0..k {
                        let x = at(&a, ao[bi], la, i, p) * at(&b, bo[bi], lb, p, j);
                        s += x;
                        mag += x.abs();
                    }
                    let got: f64 = c[bi * m * n + i * n + j].into();
                    let tol = 2.0 * (k as f64 + 1.0) * T::EPS * mag + 1e-300;
                    assert!(
                        (got - s).abs() <= tol,
                        "nb {nb} m {m} n {n} k {k} A {la:?} B {lb:?} at ({bi},{i},{j}): {got} vs {s}"
                    );
                }
            }
        }
    }

    /// Edge sizes: 1, around the vector widths and tile heights, the bound.
    const SIZES: [usize; 11] = [1, 2, 5, 7, 8, 9, 16, 17, 31, 33, MAX_DIM];

    /// All size combinations (sampled layouts) for one type.
    fn sizes<T: F>() {
        if !applies(1, 1, 1) {
            eprintln!("no AVX-512: small kernels skipped");
            return;
        }
        let mut t = 0usize;
        for &m in &SIZES {
            for &n in &SIZES {
                for &k in &SIZES {
                    let la = layouts(m, k)[t % 6];
                    let lb = layouts(k, n)[(t / 6 + t) % 6];
                    check::<T>(1 + t % 3, m, n, k, la, lb);
                    t += 1;
                }
            }
        }
    }

    #[test]
    fn sizes_f64() {
        sizes::<f64>();
    }

    #[test]
    fn sizes_f32() {
        sizes::<f32>();
    }

    /// Every layout pair, on one stack of many (parallel) and one of a single matrix.
    fn layouts_all<T: F>() {
        if !applies(1, 1, 1) {
            return;
        }
        for (m, n, k) in [(32, 32, 32), (13, 40, 23), (64, 3, 64), (6, 64, 1)] {
            for la in layouts(m, k) {
                for lb in layouts(k, n) {
                    check::<T>(1, m, n, k, la, lb);
                    check::<T>(67, m, n, k, la, lb);
                }
            }
        }
    }

    #[test]
    fn layouts_f64() {
        layouts_all::<f64>();
    }

    #[test]
    fn layouts_f32() {
        layouts_all::<f32>();
    }

    #[test]
    fn refusals_and_empty() {
        let a = vec![1.0f64; 129 * 129];
        let mut c = vec![0.0; 129 * 129];
        // Above the bound.
        let rm = (129, 1);
        assert!(!batched(129, 129, 129, &a, &[0], rm, &a, &[0], rm, &mut c));
        if !applies(1, 1, 1) {
            return;
        }
        // Out of bounds view.
        assert!(!batched(
            4,
            4,
            4,
            &a,
            &[129 * 129 - 3],
            (4, 1),
            &a,
            &[0],
            (4, 1),
            &mut c[..16]
        ));
        // k = 0 gives zeros.
        let mut c = vec![7.0f64; 6];
        assert!(batched(2, 3, 0, &a, &[0], (0, 1), &a, &[0], (3, 1), &mut c));
        assert_eq!(c, vec![0.0; 6]);
    }
}
