//! Divide and conquer for the symmetric tridiagonal eigenproblem with eigenvectors
//! (Cuppen's method with Gu–Eisenstat's stable vectors, as LAPACK `stedc` / `laed0-4`),
//! written from the published algorithms.
//!
//! # Method
//!
//! * Split: `T = diag(T1, T2) + ρ v v^T` by tearing at the middle off-diagonal `β`
//!   (`ρ = |β|`, the two touching diagonal entries lowered by `ρ`), recursively down to
//!   blocks of at most [`LEAF`] rows, solved by implicit QL with Wilkinson shifts
//!   ([`leaf`]). The two halves are independent: `rayon::join` from [`PAR_MIN`] rows.
//! * Merge: `z = Q^T v` (last row of `Q1`, first row of `Q2`), the poles sorted (each
//!   half keeps its ascending order as a permutation, never by moving vectors). Deflation
//!   (tolerance `8 ε max(|d|, |z|)`): a tiny `ρ z_i` keeps its pole and vector; two poles
//!   closer than the tolerance allows are rotated (Givens) so that one of them deflates.
//!   The rest (`K` poles) go to [`secular`]: roots, Löwner's `ẑ`, vectors `S` (`K x K`).
//! * Product: the old vectors that mix in are gathered by where they live (upper half
//!   only, both halves after a rotation, lower half only), so the new vectors are two
//!   GEMMs, `S^T[:, upper] W_upper` (`K x n1`) and `S^T[:, lower] W_lower` (`K x n2`):
//!   about `m K^2` multiply-adds per merge instead of `2 m K^2` for the full square.
//!   Deflated vectors are copied. Each merge leaves its block's rows as the roots in
//!   ascending order followed by the deflated vectors (with their order as a
//!   permutation); the last merge writes every row to its sorted place at once.
//!
//! Storage: `zt` row `k` is eigenvector `k` (`zt[k*n + i]`); the block of a subproblem at
//! `lo..lo+m` is rows and columns `lo..lo+m`, everything else in its rows zero.
//!
//! # Performance
//!
//! `T` from a random symmetric `n = 1000` matrix (`K = 881` of the last merge's 1000 poles
//! survive deflation): the last merge's GEMMs are `~0.8 GFLOP`, all merges' `~1.1`; a
//! secular root takes 4.4 evaluations on average.
//!
//! Two threads, ms, min over 20 interleaved rounds of medians of 9, 2026-11-23
//! 09:09-09:14 UTC (machine not fully idle: `dstedc` measured 21 ms on a quiet hour):
//!
//! | `n`, type   | this module | faer 0.24.4 | LAPACK `stedc` (OpenBLAS) |
//! |-------------|-------------|-------------|---------------------------|
//! | 1000 `f64`  | 10.7        | 37.7        | 27.9                      |
//! | 1000 `f32`  | 5.4         | 20.0        | 13.1                      |
//! | 300 `f64`   | 0.85        | 3.15        | 2.58                      |
//! | 300 `f32`   | 0.56        | 1.77        | 1.43                      |
//!
//! One thread (thread CPU time, min of 9, robust to the load), `n = 1000` `f64`: 20.5 ms
//! (GEMM ~11.5, secular ~6, deflation and gathers ~1.3, leaves ~1-2), faer 53-55,
//! `dstedc` 43-45; `f32` 10, 29, 21.

/// The secular equation's roots and the merged problem's vectors.
mod secular;
#[cfg(test)]
mod tests;

use super::super::gemm::{Acc, View};
use super::EighElem;

/// Largest block solved directly by QL.
const LEAF: usize = 32;

/// Blocks at least this large solve their halves on two threads.
const PAR_MIN: usize = 192;

/// Eigenvalues (ascending, in `d`) and eigenvectors (rows of `zt`, `n x n` row-major) of
/// the symmetric tridiagonal matrix with diagonal `d[..n]` and off-diagonal `e[..n-1]`
/// (scaled so its largest entry is about 1). `par`: may use two threads. `Err` for
/// non-finite input or if an iteration does not converge.
pub(super) fn dc<T: EighElem + faer::traits::RealField>(
    d: &mut [T],
    e: &mut [T],
    zt: &mut [T],
    n: usize,
    par: bool,
) -> Result<(), ()> {
    run(d, e, zt, n, par)
}

/// [`dc`] with the bounds it uses.
fn run<T: EighElem>(d: &mut [T], e: &[T], zt: &mut [T], n: usize, par: bool) -> Result<(), ()> {
    if n == 0 {
        return Ok(());
    }
    if d.len() < n || e.len() + 1 < n || zt.len() < n * n {
        return Err(());
    }
    let (d, e, zt) = (&mut d[..n], &e[..n - 1], &mut zt[..n * n]);
    if !d.iter().chain(e).all(|x| x.is_finite()) {
        return Err(());
    }
    if par {
        let (a, b) = zt.split_at_mut(n / 2 * n);
        rayon::join(|| a.fill(T::ZERO), || b.fill(T::ZERO));
    } else {
        zt.fill(T::ZERO);
    }
    let mut perm = vec![0usize; n];
    if n <= LEAF {
        leaf(d, e, zt, n, 0, &mut perm)?;
        // Sort the rows (the merges of larger problems leave them sorted).
        let (dv, zv) = (d.to_vec(), zt.to_vec());
        for (k, &p) in perm.iter().enumerate() {
            d[k] = dv[p];
            zt[k * n..(k + 1) * n].copy_from_slice(&zv[p * n..(p + 1) * n]);
        }
        return Ok(());
    }
    // Scratch: every element is written before it is read.
    let mut wk = crate::alloc::for_output::<T>(n * n);
    let mut uk = crate::alloc::for_output::<T>(n * n);
    solve(d, e, zt, n, 0, &mut perm, &mut wk, &mut uk, par)
}

/// Solves the block `d` (`m` rows, off-diagonal `e`, `m - 1`) whose vectors live in rows
/// `z` (stride `n`) at columns `c0..c0+m`; `perm` gets the ascending order of `d`.
/// `wk`, `uk`: scratch of `m * n`.
#[allow(clippy::too_many_arguments)]
fn solve<T: EighElem>(
    d: &mut [T],
    e: &[T],
    z: &mut [T],
    n: usize,
    c0: usize,
    perm: &mut [usize],
    wk: &mut [T],
    uk: &mut [T],
    par: bool,
) -> Result<(), ()> {
    let m = d.len();
    if m <= LEAF {
        return leaf(d, e, z, n, c0, perm);
    }
    let n1 = m / 2;
    let beta = e[n1 - 1];
    let rho = beta.abs();
    d[n1 - 1] -= rho;
    d[n1] -= rho;
    {
        let (d1, d2) = d.split_at_mut(n1);
        let (z1, z2) = z.split_at_mut(n1 * n);
        let (p1, p2) = perm.split_at_mut(n1);
        let (w1, w2) = wk.split_at_mut(n1 * n);
        let (u1, u2) = uk.split_at_mut(n1 * n);
        let (e1, e2) = (&e[..n1 - 1], &e[n1..]);
        let c1 = c0 + n1;
        if par && m >= PAR_MIN {
            let (r1, r2) = rayon::join(
                || solve(d1, e1, z1, n, c0, p1, w1, u1, par),
                || solve(d2, e2, z2, n, c1, p2, w2, u2, par),
            );
            r1?;
            r2?;
        } else {
            solve(d1, e1, z1, n, c0, p1, w1, u1, par)?;
            solve(d2, e2, z2, n, c1, p2, w2, u2, par)?;
        }
    }
    merge(d, z, n, c0, n1, beta, perm, wk, uk, par)
}

/// Where a vector lives in its block: upper rows only, both, lower rows only.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Columns `..n1` only.
    Upper,
    /// Both halves (after a rotation).
    Both,
    /// Columns `n1..` only.
    Lower,
}

/// Merges the solved halves (`..n1`, `n1..` of the block, orders in `perm`) coupled by
/// `β`; leaves rows `..K` the roots ascending, then the deflated vectors ascending, and
/// `perm` the order of all.
#[allow(clippy::too_many_arguments)]
fn merge<T: EighElem>(
    d: &mut [T],
    z: &mut [T],
    n: usize,
    c0: usize,
    n1: usize,
    beta: T,
    perm: &mut [usize],
    wk: &mut [T],
    uk: &mut [T],
    par: bool,
) -> Result<(), ()> {
    let m = d.len();
    let two = T::ONE + T::ONE;
    // v = (e_last, sign(β) e_first) / √2, ρ = 2 |β|.
    let rho = two * beta.abs();
    let r2 = T::from_f64(std::f64::consts::FRAC_1_SQRT_2);
    let sg = if beta < T::ZERO { -r2 } else { r2 };
    // The poles in ascending order: idx[s] is the block row of the s-th.
    let mut idx = Vec::with_capacity(m);
    {
        let (p1, p2) = perm.split_at(n1);
        let (mut a, mut b) = (0, 0);
        while a < p1.len() || b < p2.len() {
            if b == p2.len() || (a < p1.len() && d[p1[a]] <= d[n1 + p2[b]]) {
                idx.push(p1[a]);
                a += 1;
            } else {
                idx.push(n1 + p2[b]);
                b += 1;
            }
        }
    }
    let mut dd: Vec<T> = idx.iter().map(|&i| d[i]).collect();
    let mut zz: Vec<T> = idx
        .iter()
        .map(|&i| {
            if i < n1 {
                z[i * n + c0 + n1 - 1] * r2
            } else {
                z[i * n + c0 + n1] * sg
            }
        })
        .collect();
    let mut kind: Vec<Kind> = idx
        .iter()
        .map(|&i| if i < n1 { Kind::Upper } else { Kind::Lower })
        .collect();
    let big = dd
        .iter()
        .chain(&zz)
        .fold(T::ZERO, |a, &x| if x.abs() > a { x.abs() } else { a });
    let tol = two * two * two * T::EPS * big;
    // Deflation.
    let mut defl = vec![false; m];
    let mut prev: Option<usize> = None;
    for s in 0..m {
        if rho * zz[s].abs() <= tol {
            defl[s] = true;
            continue;
        }
        if let Some(p) = prev {
            // |z| <= 1 and not tiny here: no overflow or underflow in the squares.
            let tau = (zz[s] * zz[s] + zz[p] * zz[p]).sqrt();
            let (c, sn) = (zz[s] / tau, -zz[p] / tau);
            if ((dd[s] - dd[p]) * c * sn).abs() <= tol {
                rotate(z, n, c0, m, idx[p], idx[s], c, sn);
                zz[s] = tau;
                zz[p] = T::ZERO;
                let (a, b) = (dd[p], dd[s]);
                dd[p] = a * c * c + b * sn * sn;
                dd[s] = a * sn * sn + b * c * c;
                if kind[p] != kind[s] {
                    kind[p] = Kind::Both;
                    kind[s] = Kind::Both;
                }
                defl[p] = true;
            }
        }
        prev = Some(s);
    }
    let nd: Vec<usize> = (0..m).filter(|&s| !defl[s]).collect();
    let mut dl: Vec<usize> = (0..m).filter(|&s| defl[s]).collect();
    dl.sort_by(|&a, &b| {
        dd[a]
            .partial_cmp(&dd[b])
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let k = nd.len();
    // Gather: rows of wk in the order Upper, Both, Lower, then the deflated ones.
    let mut order = Vec::with_capacity(m);
    let mut pos = vec![0usize; k];
    let mut cnt = [0usize; 3];
    for (q, want) in [Kind::Upper, Kind::Both, Kind::Lower]
        .into_iter()
        .enumerate()
    {
        for (t, &s) in nd.iter().enumerate() {
            if kind[s] == want {
                pos[t] = order.len();
                order.push(s);
                cnt[q] += 1;
            }
        }
    }
    order.extend_from_slice(&dl);
    let wk = &mut wk[..m * m];
    {
        let gather = |rows: &[usize], w: &mut [T]| {
            for (&s, wr) in rows.iter().zip(w.chunks_exact_mut(m)) {
                let src = idx[s] * n + c0;
                wr.copy_from_slice(&z[src..src + m]);
            }
        };
        if par && m >= PAR_MIN {
            let h = m / 2;
            let (w1, w2) = wk.split_at_mut(h * m);
            rayon::join(|| gather(&order[..h], w1), || gather(&order[h..], w2));
        } else {
            gather(&order, wk);
        }
    }
    let mut lam = vec![T::ZERO; k];
    // The whole matrix (the last merge): the new vectors go to `uk` with `S` in `z`, and
    // one gather puts every row in its sorted place (instead of sorting rows afterwards).
    let top = m == n;
    if k > 0 {
        let dk: Vec<T> = nd.iter().map(|&s| dd[s]).collect();
        let zk: Vec<T> = nd.iter().map(|&s| zz[s]).collect();
        let (cu, cb) = (cnt[0], cnt[1]);
        let (s, out, ldo, co) = if top {
            (&mut *z, &mut *uk, m, 0)
        } else {
            (&mut *uk, &mut *z, n, c0)
        };
        secular::solve(&dk, &zk, rho, &mut lam, s, &pos, par)?;
        // New upper parts: S^T[:, ..cu+cb] W[..cu+cb, ..n1].
        product(k, n1, cu + cb, s, k, 0, wk, m, 0, out, ldo, co);
        // New lower parts: S^T[:, cu..] W[cu..k, n1..].
        product(
            k,
            m - n1,
            k - cu,
            s,
            k,
            cu,
            wk,
            m,
            cu * m + n1,
            out,
            ldo,
            co + n1,
        );
    }
    for (t, &s) in dl.iter().enumerate() {
        d[k + t] = dd[s];
    }
    d[..k].copy_from_slice(&lam);
    // Order: merge the roots (ascending) with the deflated values (ascending).
    let (mut a, mut b) = (0, k);
    for p in perm.iter_mut() {
        if b == m || (a < k && d[a] <= d[b]) {
            *p = a;
            a += 1;
        } else {
            *p = b;
            b += 1;
        }
    }
    if top {
        let (uk, wk) = (&*uk, &*wk);
        let place = |r0: usize, z: &mut [T]| {
            for (r, zr) in z.chunks_exact_mut(n).enumerate() {
                let src = perm[r0 + r];
                let from = if src < k {
                    &uk[src * m..]
                } else {
                    &wk[src * m..]
                };
                zr.copy_from_slice(&from[..m]);
            }
        };
        if par {
            let (z1, z2) = z.split_at_mut(m / 2 * n);
            rayon::join(|| place(0, z1), || place(m / 2, z2));
        } else {
            place(0, z);
        }
        let dv: Vec<T> = perm.iter().map(|&p| d[p]).collect();
        d.copy_from_slice(&dv);
        for (i, p) in perm.iter_mut().enumerate() {
            *p = i;
        }
    } else {
        for r in k..m {
            z[r * n + c0..r * n + c0 + m].copy_from_slice(&wk[r * m..(r + 1) * m]);
        }
    }
    Ok(())
}

/// Rows `x = p`, `y = q` of the block (columns `c0..c0+m`) become `c x + s y`, `c y − s x`.
#[allow(clippy::too_many_arguments)]
fn rotate<T: EighElem>(z: &mut [T], n: usize, c0: usize, m: usize, p: usize, q: usize, c: T, s: T) {
    let (lo, hi) = (p.min(q), p.max(q));
    let (a, b) = z.split_at_mut(hi * n);
    let ra = &mut a[lo * n + c0..lo * n + c0 + m];
    let rb = &mut b[c0..c0 + m];
    let (x, y) = if p < q { (ra, rb) } else { (rb, ra) };
    for (u, v) in x.iter_mut().zip(y.iter_mut()) {
        let (a, b) = (*u, *v);
        *u = c * a + s * b;
        *v = c * b - s * a;
    }
}

/// `C = A B` for `A` (`rows x kk`, `a[aoff + i*lda + p]`), `B` (`kk x cols`,
/// `b[boff + p*ldb + j]`), `C` at `c[coff + i*ldc + j]`: xp's GEMM, loops without it.
#[allow(clippy::too_many_arguments)]
fn product<T: EighElem>(
    rows: usize,
    cols: usize,
    kk: usize,
    a: &[T],
    lda: usize,
    aoff: usize,
    b: &[T],
    ldb: usize,
    boff: usize,
    c: &mut [T],
    ldc: usize,
    coff: usize,
) {
    if rows == 0 || cols == 0 {
        return;
    }
    let c = &mut c[coff..];
    if kk == 0 {
        for i in 0..rows {
            c[i * ldc..i * ldc + cols].fill(T::ZERO);
        }
        return;
    }
    let va = View {
        data: a,
        off: aoff,
        rs: lda as isize,
        cs: 1,
    };
    let vb = View {
        data: b,
        off: boff,
        rs: ldb as isize,
        cs: 1,
    };
    if !super::force_loops() && T::gemm_acc(rows, cols, kk, va, vb, c, ldc, Acc::Set) {
        return;
    }
    for i in 0..rows {
        let ci = &mut c[i * ldc..i * ldc + cols];
        ci.fill(T::ZERO);
        for p in 0..kk {
            let x = a[aoff + i * lda + p];
            let bp = &b[boff + p * ldb..boff + p * ldb + cols];
            for (cv, &bv) in ci.iter_mut().zip(bp) {
                *cv += x * bv;
            }
        }
    }
}

/// Implicit QL with Wilkinson shifts on a block of at most [`LEAF`] rows: eigenvalues in
/// `d` (unordered), vectors in rows `z[i*n + c0..]`, `perm` their ascending order.
fn leaf<T: EighElem>(
    d: &mut [T],
    e: &[T],
    z: &mut [T],
    n: usize,
    c0: usize,
    perm: &mut [usize],
) -> Result<(), ()> {
    #[cfg(target_arch = "x86_64")]
    if super::wide() {
        /// [`ql`] compiled for AVX-512 (the rotations of the vectors).
        #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
        unsafe fn wide<T: EighElem>(
            d: &mut [T],
            e: &[T],
            z: &mut [T],
            n: usize,
            c0: usize,
        ) -> Result<(), ()> {
            ql(d, e, z, n, c0)
        }
        // SAFETY: the CPU has AVX-512F/VL/DQ and FMA (`wide()`).
        unsafe { wide(d, e, z, n, c0) }?;
    } else {
        ql(d, e, z, n, c0)?;
    }
    #[cfg(not(target_arch = "x86_64"))]
    ql(d, e, z, n, c0)?;
    for (i, p) in perm.iter_mut().enumerate() {
        *p = i;
    }
    perm.sort_by(|&a, &b| d[a].partial_cmp(&d[b]).unwrap_or(std::cmp::Ordering::Equal));
    Ok(())
}

/// The QL iteration of [`leaf`]: eigenvalues in `d`, vectors in the block's rows.
#[inline(always)]
fn ql<T: EighElem>(d: &mut [T], e: &[T], z: &mut [T], n: usize, c0: usize) -> Result<(), ()> {
    let m = d.len();
    for i in 0..m {
        let row = &mut z[i * n + c0..i * n + c0 + m];
        row.fill(T::ZERO);
        row[i] = T::ONE;
    }
    let mut f = [T::ZERO; LEAF];
    f[..m - 1].copy_from_slice(&e[..m - 1]);
    let two = T::ONE + T::ONE;
    for l in 0..m {
        let mut iter = 0;
        loop {
            let mut mm = l;
            while mm + 1 < m {
                let s = d[mm].abs() + d[mm + 1].abs();
                if f[mm].abs() <= T::EPS * s || f[mm].abs() < T::TINY {
                    break;
                }
                mm += 1;
            }
            if mm == l {
                break;
            }
            iter += 1;
            if iter > 60 {
                return Err(());
            }
            let mut g = (d[l + 1] - d[l]) / (two * f[l]);
            let mut r = g.hypot(T::ONE);
            g = d[mm] - d[l] + f[l] / (g + if g < T::ZERO { -r } else { r });
            let (mut s, mut c, mut p) = (T::ONE, T::ONE, T::ZERO);
            let mut early = false;
            for i in (l..mm).rev() {
                let ff = s * f[i];
                let b = c * f[i];
                r = ff.hypot(g);
                f[i + 1] = r;
                if r == T::ZERO {
                    d[i + 1] -= p;
                    f[mm] = T::ZERO;
                    early = true;
                    break;
                }
                s = ff / r;
                c = g / r;
                g = d[i + 1] - p;
                r = (d[i] - g) * s + two * c * b;
                p = s * r;
                d[i + 1] = g + p;
                g = c * r - b;
                // Vectors i, i+1 (rows): v_{i+1} = s v_i + c v_{i+1}, v_i = c v_i − s v_{i+1}.
                let (ra, rb) = z.split_at_mut((i + 1) * n);
                let vi = &mut ra[i * n + c0..i * n + c0 + m];
                let vj = &mut rb[c0..c0 + m];
                for (x, y) in vi.iter_mut().zip(vj.iter_mut()) {
                    let (a, b) = (*x, *y);
                    *y = s * a + c * b;
                    *x = c * a - s * b;
                }
            }
            if early {
                continue;
            }
            d[l] -= p;
            f[l] = g;
            f[mm] = T::ZERO;
        }
    }
    if d.iter().all(|x| x.is_finite()) {
        Ok(())
    } else {
        Err(())
    }
}
