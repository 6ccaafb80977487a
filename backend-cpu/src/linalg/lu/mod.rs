//! LU factorization with partial pivoting (`P A = L U`), solves and inverse, row-major,
//! for `f32` / `f64`.
//!
//! # Method
//!
//! Recursive (Toledo) LU on column panels: factor the left half of the panel (all its
//! rows), apply its row swaps to the right half, `A12 = L11^{-1} A12` (recursive TRSM,
//! [`super::triangular`]), `A22 -= A21 A12` (xp's AVX-512 GEMM, both cores), factor the
//! bottom-right part, apply its swaps to the left half. Panels of at most [`LU_BASE`]
//! columns are factored directly (right-looking, rank-1 row updates compiled for
//! AVX-512). Row swaps move contiguous row segments (row-major). The GEMM cannot take an
//! operand that shares rows with its output, so the left panel (`L11`, `A21`) is copied
//! to a scratch buffer first (cost ~ packing it once).
//!
//! * [`solve`]: `B = U^{-1} L^{-1} P B` (row swaps, then two TRSMs).
//! * [`inverse`]: `A^{-1} = U^{-1} L^{-1} P`: `X = L^{-1}` by recursive triangular
//!   inversion, `X = U^{-1} X` (two TRSMs on column halves, in parallel), then the
//!   column swaps of `P` in reverse order (one gather per row); ~`3/2 n^3` flops after
//!   the LU (LAPACK `getri`: `4/3 n^3`; NumPy's `inv` solves
//!   `A X = I`: `2 n^3`).
//!
//! # Performance
//!
//! 2-core AVX-512 KVM shared with other jobs (timings noisy), n = 1000, minimum over 4
//! interleaved rounds of 15 runs each (xp / NumPy 2.x with OpenBLAS, 2 threads; NumPy's
//! `inv` is `gesv` with `B = I`). Each run includes the input copy, as NumPy's does:
//!
//! | op              | `f64` xp | `f64` NumPy | `f32` xp | `f32` NumPy |
//! |-----------------|----------|-------------|----------|-------------|
//! | solve (b n x 1) | 8.6 ms   | 10.1 ms     | 5.7 ms   | 10.2 ms     |
//! | det (LU)        | 8.7 ms   | 10.0 ms     | 5.5 ms   | 10.1 ms     |
//! | inv             | 31.0 ms  | 29.0 ms     | 13.3 ms  | 29.6 ms     |
//!
//! One core alone: LU 10.5 ms (63 GFLOP/s), `inv` 30 ms (72 GFLOP/s, ~peak); the
//! second core was mostly taken by other jobs while measuring, and the `f64` ratios are
//! within the noise: in the quietest round of another run NumPy was 5-10 % ahead in
//! `f64` (solve 9.9 vs 10.5 ms, `inv` 29.6 vs 33.9 ms). `f32` wins in every round
//! (1.6-2.4x). The 2-core speed-up is limited by the serial panel (its small GEMMs stay
//! on one thread).

#[cfg(test)]
mod tests;

use super::gemm::{Acc, View};
use super::triangular::{fast, mul_acc, split, trsm_lower, trsm_upper, Dense, Diag};
use rayon::prelude::*;

/// Panels of at most this many columns are factored without recursion.
pub(crate) const LU_BASE: usize = 16;

/// In-place LU with partial pivoting of the `n x n` row-major matrix `a[i*lda + j]`.
///
/// Afterwards the strict lower part holds `L` (unit diagonal implied), the upper part
/// `U`, and `piv[i]` is the row swapped with row `i` at step `i` (LAPACK `ipiv`, 0-based,
/// applied in order `i = 0..n`). Returns the index of the first exactly-zero `U[i,i]`
/// (the factorization still completes), else `None`. NaNs propagate without panicking.
///
/// # Panics
/// If `lda < n`, `a` is shorter than `(n-1)*lda + n` or `piv` shorter than `n`.
pub(crate) fn factor<T: Dense>(
    a: &mut [T],
    n: usize,
    lda: usize,
    piv: &mut [usize],
) -> Option<usize> {
    if n == 0 {
        return None;
    }
    assert!(
        lda >= n && a.len() >= (n - 1) * lda + n && piv.len() >= n,
        "lu::factor: slices too short for n = {n}, lda = {lda}"
    );
    let mut scratch = Vec::new();
    panel_lu(a, lda, n, n, &mut piv[..n], &mut scratch);
    (0..n).find(|&i| a[i * lda + i] == T::ZERO)
}

/// Recursive LU of the `m x w` panel at the start of `a` (row stride `lda`, `m >= w`):
/// `piv[j]` (len `w`) is relative to the panel's first row; swaps are applied to the
/// panel's columns only.
fn panel_lu<T: Dense>(
    a: &mut [T],
    lda: usize,
    m: usize,
    w: usize,
    piv: &mut [usize],
    scratch: &mut Vec<T>,
) {
    if w <= LU_BASE {
        fast(
            #[inline(always)]
            || base_lu(a, lda, m, w, piv),
        );
        return;
    }
    let n1 = split(w);
    panel_lu(a, lda, m, n1, &mut piv[..n1], scratch);
    for (i, &p) in piv[..n1].iter().enumerate() {
        swap_rows(a, lda, i, p, n1, w);
    }
    // Copy the left panel (L11 over A21), m x n1, contiguous.
    scratch.clear();
    scratch.reserve(m * n1);
    for i in 0..m {
        scratch.extend_from_slice(&a[i * lda..i * lda + n1]);
    }
    trsm_lower(Diag::Unit, n1, w - n1, scratch, n1, &mut a[n1..], lda);
    let (top, bot) = a.split_at_mut(n1 * lda);
    let l21 = View {
        data: &scratch[..],
        off: n1 * n1,
        rs: n1 as isize,
        cs: 1,
    };
    let u12 = View {
        data: &*top,
        off: n1,
        rs: lda as isize,
        cs: 1,
    };
    mul_acc(m - n1, w - n1, n1, l21, u12, &mut bot[n1..], lda, Acc::Sub);
    panel_lu(
        &mut a[n1 * lda + n1..],
        lda,
        m - n1,
        w - n1,
        &mut piv[n1..],
        scratch,
    );
    for (i, p) in piv.iter_mut().enumerate().skip(n1) {
        *p += n1;
        swap_rows(a, lda, i, *p, 0, n1);
    }
}

/// Unblocked right-looking LU of the `m x w` panel at the start of `a` (see
/// [`panel_lu`]).
#[inline(always)]
fn base_lu<T: Dense>(a: &mut [T], lda: usize, m: usize, w: usize, piv: &mut [usize]) {
    for j in 0..w {
        let mut p = j;
        let mut best = a[j * lda + j].abs();
        for i in j + 1..m {
            let v = a[i * lda + j].abs();
            if v > best {
                best = v;
                p = i;
            }
        }
        piv[j] = p;
        swap_rows(a, lda, j, p, 0, w);
        let d = a[j * lda + j];
        if d == T::ZERO || j + 1 == m {
            continue;
        }
        let (top, bot) = a.split_at_mut((j + 1) * lda);
        let urow = &top[j * lda + j + 1..j * lda + w];
        for i in 0..m - j - 1 {
            let row = &mut bot[i * lda..i * lda + w];
            let l = row[j] / d;
            row[j] = l;
            for (x, &u) in row[j + 1..].iter_mut().zip(urow) {
                *x -= l * u;
            }
        }
    }
}

/// Swaps columns `c0..c1` of rows `r1` and `r2` (row stride `lda`).
#[inline(always)]
fn swap_rows<T: Dense>(a: &mut [T], lda: usize, r1: usize, r2: usize, c0: usize, c1: usize) {
    if r1 == r2 || c0 >= c1 {
        return;
    }
    let (lo, hi) = (r1.min(r2), r1.max(r2));
    let (x, y) = a.split_at_mut(hi * lda);
    x[lo * lda + c0..lo * lda + c1].swap_with_slice(&mut y[c0..c1]);
}

/// Checks the shared preconditions of [`solve`] / [`inverse`].
fn check_lu<T>(what: &str, lu: &[T], n: usize, lda: usize, piv: &[usize]) {
    assert!(
        lda >= n && lu.len() >= (n - 1) * lda + n && piv.len() >= n,
        "lu::{what}: LU slices too short for n = {n}, lda = {lda}"
    );
    assert!(
        piv[..n].iter().enumerate().all(|(i, &p)| p >= i && p < n),
        "lu::{what}: invalid pivots"
    );
}

/// Overwrites the row-major `n x nrhs` matrix `b` (row stride `ldb`) with `A^{-1} b`,
/// given `A`'s factorization from [`factor`] (`lu`, `lda`, `piv`).
///
/// # Panics
/// If a slice is too short for its shape or `piv` is not a valid pivot sequence.
pub(crate) fn solve<T: Dense>(
    lu: &[T],
    n: usize,
    lda: usize,
    piv: &[usize],
    b: &mut [T],
    nrhs: usize,
    ldb: usize,
) {
    if n == 0 || nrhs == 0 {
        return;
    }
    check_lu("solve", lu, n, lda, piv);
    assert!(
        ldb >= nrhs && b.len() >= (n - 1) * ldb + nrhs,
        "lu::solve: b too short for n = {n}, nrhs = {nrhs}, ldb = {ldb}"
    );
    for (i, &p) in piv[..n].iter().enumerate() {
        swap_rows(b, ldb, i, p, 0, nrhs);
    }
    trsm_lower(Diag::Unit, n, nrhs, lu, lda, b, ldb);
    trsm_upper(n, nrhs, lu, lda, b, ldb);
}

/// Writes `A^{-1}` (`n x n`, contiguous row-major) to `out`, given `A`'s factorization
/// from [`factor`]. A singular `U` gives infinities / NaNs, no panic.
///
/// # Panics
/// If a slice is too short for its shape or `piv` is not a valid pivot sequence.
pub(crate) fn inverse<T: Dense>(lu: &[T], n: usize, lda: usize, piv: &[usize], out: &mut [T]) {
    if n == 0 {
        return;
    }
    check_lu("inverse", lu, n, lda, piv);
    assert!(out.len() >= n * n, "lu::inverse: out shorter than n*n");
    let out = &mut out[..n * n];
    for (i, row) in out.chunks_exact_mut(n).enumerate() {
        row.fill(T::ZERO);
        row[i] = T::ONE;
    }
    inv_lower_unit(n, lu, lda, out, n);
    // X = U^{-1} X on two column halves at once (the right half in its own buffer, so
    // the two solves share no rows), then the column swaps of P (in reverse order,
    // composed into one gather per row) merge the halves back into `out`.
    let h = if n >= 256 && rayon::current_num_threads() > 1 {
        split(n)
    } else {
        n
    };
    let r = n - h;
    let mut right = vec![T::ZERO; n * r];
    if r > 0 {
        for (dst, src) in right.chunks_exact_mut(r).zip(out.chunks_exact(n)) {
            dst.copy_from_slice(&src[h..]);
        }
        rayon::join(
            || trsm_upper(n, h, lu, lda, out, n),
            || trsm_upper(n, r, lu, lda, &mut right, r),
        );
    } else {
        trsm_upper(n, n, lu, lda, out, n);
    }
    let mut idx: Vec<usize> = (0..n).collect();
    for i in (0..n).rev() {
        idx.swap(i, piv[i]);
    }
    let gather = |(rows, src): (&mut [T], &[T])| {
        let mut tmp = vec![T::ZERO; n];
        let nrows = rows.len() / n;
        for i in 0..nrows {
            let row = &mut rows[i * n..(i + 1) * n];
            tmp[..h].copy_from_slice(&row[..h]);
            tmp[h..].copy_from_slice(&src[i * r..(i + 1) * r]);
            for (x, &j) in row.iter_mut().zip(&idx) {
                *x = tmp[j];
            }
        }
    };
    const ROWS: usize = 32;
    if n >= 128 && r > 0 {
        out.par_chunks_mut(ROWS * n)
            .zip(right.par_chunks(ROWS * r))
            .for_each(gather);
    } else if n >= 128 {
        out.par_chunks_mut(ROWS * n)
            .for_each(|rows| gather((rows, &[])));
    } else {
        gather((out, &right[..]));
    }
}

/// `X = L^{-1}` for the unit lower triangle `L` of `l` (row stride `ldl`), written to the
/// lower triangle of `x` (row stride `ldx`), whose strict upper part must be zero and
/// diagonal one on entry (they stay so). Recursive: `X11 = L11^{-1}`,
/// `X22 = L22^{-1}`, `X21 = -L22^{-1} (L21 X11)`.
fn inv_lower_unit<T: Dense>(n: usize, l: &[T], ldl: usize, x: &mut [T], ldx: usize) {
    if n <= 1 {
        return;
    }
    if n <= 32 {
        // X is the identity here (lower part still zero): solve L X = I.
        trsm_lower(Diag::Unit, n, n, l, ldl, x, ldx);
        return;
    }
    let n1 = split(n);
    let r = n - n1;
    inv_lower_unit(n1, l, ldl, x, ldx);
    inv_lower_unit(r, &l[n1 * ldl + n1..], ldl, &mut x[n1 * ldx + n1..], ldx);
    let (top, bot) = x.split_at_mut(n1 * ldx);
    let l21 = View {
        data: l,
        off: n1 * ldl,
        rs: ldl as isize,
        cs: 1,
    };
    let x11 = View {
        data: &*top,
        off: 0,
        rs: ldx as isize,
        cs: 1,
    };
    mul_acc(r, n1, n1, l21, x11, bot, ldx, Acc::Set);
    trsm_lower(Diag::Unit, r, n1, &l[n1 * ldl + n1..], ldl, bot, ldx);
    for row in bot.chunks_mut(ldx).take(r) {
        for v in &mut row[..n1] {
            *v = -*v;
        }
    }
}
