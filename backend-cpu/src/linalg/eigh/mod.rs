//! Symmetric eigendecomposition (`eigh`, `eigvalsh`) of row-major `f32` / `f64` matrices,
//! all xp's own: tridiagonalization, tridiagonal eigensolvers, back-transformation.
//!
//! # Method
//!
//! LAPACK `syevd`'s three steps, written from the published algorithms:
//!
//! * [`tridiag::tridiag`]: blocked Householder reduction `Q^T A Q = T` (LAPACK `sytrd`
//!   with `latrd` panels of 32 columns, the variant that reduces the last column first:
//!   each column to reduce is a contiguous row of the lower triangle). Half of its
//!   `4/3 n^3` flops are symmetric matrix-vector products over the not yet reduced
//!   block, one per column: memory-bound (the block is re-read per column; 4 MB of lower
//!   triangle at `f64` 1000, from L3), so they read only the lower triangle, eight rows
//!   per pass ([`symv`], AVX-512 intrinsics), the rows split between two threads at
//!   equal areas (`rayon::join`). The full matrix (both triangles, plain dot products)
//!   reads twice the bytes: all the products of `n = 1000` took 19 ms that way, 9-10 ms
//!   on the triangle. The panel's corrections (`V W^T + W V^T` applied to the next
//!   column and to `w`) are one fused pass over `V` and `W` per column ([`correct`]).
//!   The other half of the flops is the rank-`2 nb` update of the rest of the block
//!   after each panel, in xp's GEMM by block rows of 192 (the lower triangle and the
//!   diagonal blocks: the full square took 2.4x as long).
//! * [`dc`] (eigenvectors): Cuppen's divide and conquer with Gu-Eisenstat's stable
//!   vectors (LAPACK `stedc`'s method): tearing at the middle down to blocks of 32 solved
//!   by implicit QL, deflation (Givens rotations of close poles), the secular equation's
//!   roots by Li's "middle way" iteration with AVX-512 sums, split between two threads,
//!   and the merged vectors as two GEMMs per merge on the non-deflated columns.
//! * [`sturm`] (values only): Sturm counts carrying the first two derivatives of
//!   `log det(T - x I)` for Laguerre steps, bracketed, 32 eigenvalues per AVX-512 pass at
//!   their own points, two threads: about `5 n^2` independent steps where LAPACK `sterf`
//!   runs one sequential chain of `~n^2` steps of two divisions each.
//!
//!   Both get `T` scaled exactly by a power of two to entries of about 1.
//! * [`back`]: `Z = Q Z` by blocks of 64 reflectors in compact WY form (`2 n^3` flops,
//!   two GEMMs per block with `T^T U^T` formed once per block), on the transposed
//!   eigenvectors [`dc`] writes (one per row), the rows split between two threads; the
//!   blocks are built while [`dc`] runs; one transpose makes the row-major output.
//!
//! Only the lower triangle of the input is read (NumPy's default `UPLO='L'`).
//! Eigenvalues come out ascending, eigenvectors as columns. Matrices with entries
//! beyond the square roots of the safe range are scaled first (as `syevd`).
//!
//! # Performance
//!
//! `n = 1000`, 2-core AVX-512 KVM (noisy; interleaved rounds). Phases in ms against the
//! same steps in faer 0.24.4 and LAPACK (OpenBLAS 0.3.31, NumPy's):
//!
//! | phase                        | `f64` xp | faer  | LAPACK       | `f32` xp | faer | LAPACK |
//! |------------------------------|----------|-------|--------------|----------|------|--------|
//! | tridiagonalization           | 15.5-17  | 24    | 19 (`sytrd`) | 8.5      | 14.7 | 12.5   |
//! | divide and conquer           | 10.7     | 37.7  | 27.9 (`stedc`) | 5.4    | 20.0 | 13.1   |
//! | back-transformation          | 13.3     | 11.1  | 18.4 (`ormtr`) | 6.5    | 6.2  | 13.5   |
//! | values only (tridiagonal)    | 1.6      | 26-28 | 12 (`sterf`) | 1.6      | 18-19 | 8.2   |
//!
//! (Divide and conquer: min over 20 rounds under load, where `stedc` took 28 ms against
//! 21 ms in a quiet hour; values only: one thread.) End to end against NumPy's `eigh` /
//! `eigvalsh`: see the closing table of issue 6's session notes and `cargo xtask bench`.

#[cfg(test)]
mod tests;

mod back;
mod correct;
mod dc;
mod sturm;
mod symv;
mod tridiag;

use super::qr::QrElem;

/// Matrices at least this large use both threads.
const PAR_MIN_N: usize = 128;

/// The element types `eigh` is implemented for (`f32`, `f64`): [`QrElem`] plus the
/// tridiagonalization's vector kernels (AVX-512 where the CPU has it).
pub(crate) trait EighElem: QrElem + array_api::Element {
    /// For each row `r` in `r0..r1` of the lower triangle `a[r*lda + j]` (`j <= r`):
    /// `y[r] += A[r, ..=r] . v[..=r]` and `y[..r] += A[r, ..r] v[r]` ([`symv`]).
    ///
    /// # Panics
    /// If a slice is too short for rows `r0..r1`.
    fn symv_rows(a: &[Self], lda: usize, r0: usize, r1: usize, v: &[Self], y: &mut [Self]);

    /// `p[k] = V[k, ..len] . x`, `q[k] = W[k, ..len] . x` for `k < c` (rows of `v`, `w`
    /// with row stride `ld`; see [`correct`]).
    ///
    /// # Panics
    /// If a slice is too short.
    #[allow(clippy::too_many_arguments)]
    fn dots(
        w: &[Self],
        v: &[Self],
        ld: usize,
        c: usize,
        len: usize,
        x: &[Self],
        p: &mut [Self],
        q: &mut [Self],
    );

    /// `y[..len] = t (y - W^T p - V^T q)` and, with `r`, `r[..len] -= V^T a + W^T b`;
    /// returns the new `y . u` (see [`correct::Corr`]).
    ///
    /// # Panics
    /// If a slice is too short.
    fn correct(
        k: &correct::Corr<'_, Self>,
        len: usize,
        y: &mut [Self],
        r: Option<&mut [Self]>,
    ) -> Self;
}

/// True if the AVX-512 kernels may run.
#[inline]
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
fn wide() -> bool {
    #[cfg(target_arch = "x86_64")]
    return super::gemm::has_avx512() && !force_loops();
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// Implements [`EighElem`] for a float type with its kernel modules `symv::$k`,
/// `correct::$k`.
macro_rules! eigh_elem {
    ($t:ty, $k:ident) => {
        impl EighElem for $t {
            fn symv_rows(a: &[$t], lda: usize, r0: usize, r1: usize, v: &[$t], y: &mut [$t]) {
                if r0 >= r1 {
                    return;
                }
                assert!(
                    a.len() >= (r1 - 1) * lda + r1 && v.len() >= r1 && y.len() >= r1,
                    "symv_rows: slice too short"
                );
                #[cfg(target_arch = "x86_64")]
                if wide() {
                    // SAFETY: AVX-512 was detected (`wide`); the asserted lengths cover
                    // rows r0..r1 of `a` (columns ..=r), v[..r1] and y[..r1], and `y` is
                    // borrowed exclusively.
                    unsafe { symv::$k::rows(a.as_ptr(), lda, r0, r1, v.as_ptr(), y.as_mut_ptr()) };
                    return;
                }
                symv::rows_loops(a, lda, r0, r1, v, y);
            }

            fn dots(
                w: &[$t],
                v: &[$t],
                ld: usize,
                c: usize,
                len: usize,
                x: &[$t],
                p: &mut [$t],
                q: &mut [$t],
            ) {
                if c == 0 {
                    return;
                }
                assert!(
                    w.len() >= (c - 1) * ld + len
                        && v.len() >= (c - 1) * ld + len
                        && x.len() >= len
                        && p.len() >= c
                        && q.len() >= c,
                    "dots: slice too short"
                );
                #[cfg(target_arch = "x86_64")]
                if wide() {
                    // SAFETY: AVX-512 was detected; the lengths were asserted above.
                    unsafe { correct::$k::dots(w, v, ld, c, len, x, p, q) };
                    return;
                }
                correct::dots_loops([w, v], ld, c, len, x, [p, q]);
            }

            fn correct(
                k: &correct::Corr<'_, $t>,
                len: usize,
                y: &mut [$t],
                r: Option<&mut [$t]>,
            ) -> $t {
                let c = k.c;
                assert!(
                    (c == 0
                        || (k.w.len() >= (c - 1) * k.ld + len
                            && k.v.len() >= (c - 1) * k.ld + len))
                        && [k.p, k.q, k.a, k.b].iter().all(|s| s.len() >= c)
                        && k.u.len() >= len
                        && y.len() >= len
                        && r.as_ref().is_none_or(|r| r.len() >= len),
                    "correct: slice too short"
                );
                #[cfg(target_arch = "x86_64")]
                if wide() {
                    // SAFETY: AVX-512 was detected; the lengths were asserted above.
                    return unsafe { correct::$k::correct(k, len, y, r) };
                }
                correct::correct_loops(k, len, y, r)
            }
        }
    };
}
eigh_elem!(f64, f64k);
eigh_elem!(f32, f32k);

/// True if the current thread's tests asked for the loop fallbacks (as on CPUs without
/// AVX-512).
#[cfg(test)]
fn force_loops() -> bool {
    super::triangular::FORCE_LOOPS.with(|f| f.get())
}

/// Always false outside tests.
#[cfg(not(test))]
#[inline(always)]
fn force_loops() -> bool {
    false
}

/// Eigenvalues (ascending) and, with `vectors`, eigenvectors of the symmetric `n x n`
/// matrix whose lower triangle is in `a` (row-major, row stride `n`; overwritten).
/// The eigenvectors are the columns of the returned row-major `n x n` matrix. `Err` when
/// a tridiagonal solver does not converge (e.g. with NaN or infinite input).
pub(crate) fn eigh<T: EighElem + faer::traits::RealField>(
    a: &mut [T],
    n: usize,
    vectors: bool,
) -> Result<(Vec<T>, Option<Vec<T>>), ()> {
    if n == 0 {
        return Ok((Vec::new(), vectors.then(Vec::new)));
    }
    let par = n >= PAR_MIN_N && rayon::current_num_threads() > 1;
    if par {
        // On a pool thread: the parallel regions inside start from a worker.
        crate::pool::enter(|| steps(a, n, vectors, par))
    } else {
        steps(a, n, vectors, par)
    }
}

/// [`eigh`] for `n > 0`: the three steps.
fn steps<T: EighElem + faer::traits::RealField>(
    a: &mut [T],
    n: usize,
    vectors: bool,
    par: bool,
) -> Result<(Vec<T>, Option<Vec<T>>), ()> {
    // As LAPACK `syevd`: a matrix with entries beyond the square roots of the safe
    // range (over- or underflow in the products) is scaled to about 1 first.
    let amax = (0..n)
        .flat_map(|i| &a[i * n..i * n + i + 1])
        .fold(T::ZERO, |m, &x| if x.abs() > m { x.abs() } else { m });
    let rmin = (T::TINY / T::EPS).sqrt();
    let ka = if amax > T::ZERO && amax.is_finite() && (amax < rmin || amax > T::ONE / rmin) {
        let k = -exponent(amax);
        for i in 0..n {
            scale(&mut a[i * n..i * n + i + 1], k);
        }
        k
    } else {
        0
    };
    let mut d = vec![T::ZERO; n];
    let mut e = vec![T::ZERO; n];
    let mut tau = vec![T::ZERO; n - 1];
    tridiag::tridiag(a, n, n, &mut d, &mut e, &mut tau, par);
    // The tridiagonal solvers get T scaled to entries of about 1 (exactly, by a power of
    // two), far from over- and underflow in their sums and pivots.
    let tmax = d
        .iter()
        .chain(&e)
        .fold(T::ZERO, |m, &x| if x.abs() > m { x.abs() } else { m });
    let kt = if tmax > T::ZERO && tmax.is_finite() {
        -exponent(tmax)
    } else {
        0
    };
    scale(&mut d, kt);
    scale(&mut e, kt);
    let mut zt = vectors.then(|| crate::alloc::zeroed::<T>(n * n));
    // The back-transformation's blocks are built while the divide and conquer runs (as a
    // rayon task: on whichever thread is free).
    let a: &[T] = a;
    let build = || {
        if vectors {
            back::blocks(a, n, n, &tau, par)
        } else {
            Vec::new()
        }
    };
    let (w, blocks) = if par && vectors {
        rayon::join(|| middle(&d, &e, zt.as_deref_mut(), n, par), build)
    } else {
        (middle(&d, &e, zt.as_deref_mut(), n, par), build())
    };
    let mut w = w?;
    scale(&mut w, -(ka + kt));
    let z = zt.map(|mut zt| {
        back::apply(&blocks, n, &mut zt, n, n, par);
        let mut z = crate::alloc::zeroed::<T>(n * n);
        transpose(&zt, n, &mut z, par);
        z
    });
    Ok((w, z))
}

/// The tridiagonal `(d, e)`'s eigenvalues, ascending, and with `zt` its eigenvectors as
/// the rows of `zt` (`n x n`): [`dc`] with vectors, [`sturm`] without.
fn middle<T: EighElem + faer::traits::RealField>(
    d: &[T],
    e: &[T],
    zt: Option<&mut [T]>,
    n: usize,
    par: bool,
) -> Result<Vec<T>, ()> {
    let mut w = d.to_vec();
    let mut e = e.to_vec();
    match zt {
        // xp's divide and conquer ([`dc`]).
        Some(zt) => dc::dc(&mut w, &mut e, zt, n, par)?,
        // Values only: Sturm counts with Laguerre steps ([`sturm`]).
        None => sturm::eigenvalues(&mut w, &mut e, n, par)?,
    }
    Ok(w)
}

/// The `k` with `2^(k-1) <= x < 2^k` (`x` positive and finite).
fn exponent<T: EighElem>(x: T) -> i32 {
    let e = x.to_f64().log2().floor() as i32 + 1;
    // log2 may round up at a power of two.
    if T::from_f64(2f64.powi(e - 1)) > x {
        e - 1
    } else {
        e
    }
}

/// `x *= 2^k`, in steps of at most `2^±60` (each step a representable power of two in
/// `f32` too; exact unless a value over- or underflows).
fn scale<T: EighElem>(x: &mut [T], k: i32) {
    let mut k = k;
    while k != 0 {
        let s = k.clamp(-60, 60);
        let f = T::from_f64(2f64.powi(s));
        for v in x.iter_mut() {
            *v *= f;
        }
        k -= s;
    }
}

/// `dst[j*n + i] = src[i*n + j]` (`n x n`), the rows of `dst` split between two threads
/// with `par`.
fn transpose<T: EighElem>(src: &[T], n: usize, dst: &mut [T], par: bool) {
    let run = |j0: usize, dst: &mut [T]| {
        let rows = dst.len() / n;
        if rows > 0 {
            super::triangular::transpose(&src[j0..], n, n, rows, dst, n);
        }
    };
    if par {
        let h = n / 2;
        let (top, bot) = dst.split_at_mut(h * n);
        rayon::join(|| run(0, top), || run(h, bot));
    } else {
        run(0, dst);
    }
}
