//! Back-transformation of the eigenvectors: `Z = Q Z` for the `Q` of the
//! tridiagonalization, by blocks of reflectors in the compact WY form
//! (`H_hi ... H_lo = I - U T U^T`, LAPACK `larft` / `larfb`), three GEMMs per block.
//!
//! The eigenvectors arrive as the rows of `Zt = Z^T` (faer's column-major output read
//! row-major), so each block is `Zt[:, ..h] -= (Zt[:, ..h] U) (T^T U^T)` with `h` the
//! reflectors' reach (two GEMMs; `T^T U^T` is formed once per block); the rows of `Zt`
//! are split between two threads, each applying every block to its rows (no
//! synchronisation between blocks).

use super::super::gemm::{Acc, View};
use super::super::triangular::transpose;
use super::super::triangular::{dot, mul_acc};
use super::EighElem;

/// Reflectors per block.
const KB: usize = 64;

/// One block of reflectors: `U` (`h x k`, row-major, unit entries explicit) and
/// `T^T U^T` (`k x h`) for the upper triangular `T`.
pub(super) struct Block<T> {
    /// Rows reached (`U` is zero below).
    h: usize,
    /// Reflectors.
    k: usize,
    /// `U`, row stride `k` (a row-major copy: the GEMM packs it fastest).
    u: Vec<T>,
    /// `T^T U^T`, row stride `h`.
    tut: Vec<T>,
}

/// The blocks of reflectors of the `Q` of [`super::tridiag::tridiag`] (reflectors in
/// `a`, row stride `lda`, and `tau`; `n x n`), in the order [`apply`] applies them;
/// built in parallel with `par`.
///
/// # Panics
/// If a slice is too short.
pub(super) fn blocks<T: EighElem>(
    a: &[T],
    n: usize,
    lda: usize,
    tau: &[T],
    par: bool,
) -> Vec<Block<T>> {
    if n <= 1 {
        return Vec::new();
    }
    assert!(
        a.len() >= (n - 1) * lda + n && tau.len() >= n - 1,
        "back::blocks: slices too short"
    );
    // Reflectors 1..n (H_1 has tau = 0) in blocks lo..=hi, applied in increasing order.
    let build = |bi: usize| {
        let lo = 1 + bi * KB;
        let hi = (lo + KB - 1).min(n - 1);
        block(a, lda, tau, lo, hi)
    };
    let nblk = (n - 1).div_ceil(KB);
    if par {
        use rayon::prelude::*;
        (0..nblk).into_par_iter().map(build).collect()
    } else {
        (0..nblk).map(build).collect()
    }
}

/// `Zt = Zt Q^T` (i.e. `Z = Q Z`) for the `rows x n` matrix `zt[r*ldz + j]` and the
/// blocks of `Q` from [`blocks`] (`n x n`). `par`: the rows are split between two
/// threads.
///
/// # Panics
/// If `zt` is too short.
pub(super) fn apply<T: EighElem>(
    blocks: &[Block<T>],
    n: usize,
    zt: &mut [T],
    rows: usize,
    ldz: usize,
    par: bool,
) {
    if n <= 1 || rows == 0 {
        return;
    }
    assert!(
        ldz >= n && zt.len() >= (rows - 1) * ldz + n && blocks.iter().all(|b| b.h < n),
        "back::apply: bad sizes"
    );
    let run = |zt: &mut [T], rows: usize| {
        let mut w = Vec::new();
        for b in blocks {
            apply_block(b, zt, rows, ldz, &mut w);
        }
    };
    if par && rows >= 2 {
        let r1 = rows / 2;
        let (top, bot) = zt.split_at_mut(r1 * ldz);
        rayon::join(|| run(top, r1), || run(bot, rows - r1));
    } else {
        run(zt, rows);
    }
}

/// The block of reflectors `lo..=hi`: `U = [v_hi, ..., v_lo]` (so that
/// `H_hi ... H_lo = I - U T U^T`, `T` upper triangular).
fn block<T: EighElem>(a: &[T], lda: usize, tau: &[T], lo: usize, hi: usize) -> Block<T> {
    let (h, k) = (hi, hi - lo + 1);
    let mut ut = vec![T::ZERO; k * h];
    for (c, row) in ut.chunks_exact_mut(h).enumerate() {
        // v_i (i = hi - c): a[i, ..i-1], then 1 at i-1, zeros after.
        let i = hi - c;
        row[..i - 1].copy_from_slice(&a[i * lda..i * lda + i - 1]);
        row[i - 1] = T::ONE;
    }
    // T from the Gram matrix G = U^T U: T[p, c] = -tau_c sum_{q=p}^{c-1} T[p, q] G[q, c].
    let mut g = vec![T::ZERO; k * k];
    mul_acc(
        k,
        k,
        h,
        view(&ut, h, 1),
        view(&ut, 1, h),
        &mut g,
        k,
        Acc::Set,
    );
    let mut t = vec![T::ZERO; k * k];
    for c in 0..k {
        let tc = tau[hi - c - 1];
        // G is symmetric: G[q, c] = G[c, q], a contiguous row.
        let gc = &g[c * k..c * k + c];
        for p in 0..c {
            let s = dot(&t[p * k + p..p * k + c], &gc[p..]);
            t[p * k + c] = -(tc * s);
        }
        t[c * k + c] = tc;
    }
    let mut tut = vec![T::ZERO; k * h];
    mul_acc(
        k,
        h,
        k,
        view(&t, 1, k),
        view(&ut, h, 1),
        &mut tut,
        h,
        Acc::Set,
    );
    let mut u = vec![T::ZERO; h * k];
    transpose(&ut, h, k, h, &mut u, k);
    Block { h, k, u, tut }
}

/// `Zt[:, ..h] -= (Zt[:, ..h] U) (T^T U^T)` on `rows` rows of `zt` (row stride `ldz`).
fn apply_block<T: EighElem>(b: &Block<T>, zt: &mut [T], rows: usize, ldz: usize, w: &mut Vec<T>) {
    let (h, k) = (b.h, b.k);
    w.resize(rows * k, T::ZERO);
    mul_acc(
        rows,
        k,
        h,
        view(zt, ldz, 1),
        view(&b.u, k, 1),
        w,
        k,
        Acc::Set,
    );
    mul_acc(
        rows,
        h,
        k,
        view(w, k, 1),
        view(&b.tut, h, 1),
        zt,
        ldz,
        Acc::Sub,
    );
}

/// A view of `data` from its start with strides `rs`, `cs`.
fn view<T>(data: &[T], rs: usize, cs: usize) -> View<'_, T> {
    View {
        data,
        off: 0,
        rs: rs as isize,
        cs: cs as isize,
    }
}
