//! Blocked Householder tridiagonalization `Q^T A Q = T` of a symmetric matrix stored as
//! its lower triangle, row-major (LAPACK `sytrd` / `latrd`, the `uplo = 'U'` variant:
//! the lower triangle read by rows is the upper triangle read by columns, so each
//! column to reduce is a contiguous row here).

use super::super::gemm::{Acc, View};
use super::super::qr::{self, QrElem};
use super::super::triangular::transpose;
use super::super::triangular::{axpy, fast, mul_acc};
use super::correct::Corr;
use super::symv::symv;
use super::EighElem;

/// Columns per panel.
const NB: usize = 32;
/// Rows per block row of the trailing update (one GEMM each; a multiple of the GEMM's
/// 6-row micro-tiles).
const UPDATE_ROWS: usize = 192;

/// Tridiagonalizes the symmetric `n x n` matrix whose lower triangle (incl. the diagonal)
/// is `a[i*lda + j]`, `j <= i`, in place.
///
/// Afterwards `d` (length `n`) holds T's diagonal and `e` (length `n - 1`) its
/// off-diagonal (`e[i-1] = T[i-1, i]`). `Q = H_{n-1} ... H_1`, `H_i = I - tau[i-1] v v^T`
/// with `v` of length `i`: `v[i-1] = 1` and `v[..i-1]` stored in `a[i*lda..][..i-1]`
/// (`tau = 0`: `H_i = I`). Only the lower triangle is read; the strict upper triangle is
/// overwritten (scratch); elements beyond column `n` of each row are not touched. `par`:
/// the matrix-vector products use two threads and the GEMMs the rayon pool.
///
/// # Panics
/// If `lda < n` or a slice is too short.
#[allow(clippy::too_many_arguments)]
pub(super) fn tridiag<T: EighElem>(
    a: &mut [T],
    n: usize,
    lda: usize,
    d: &mut [T],
    e: &mut [T],
    tau: &mut [T],
    par: bool,
) {
    if n == 0 {
        return;
    }
    assert!(
        lda >= n
            && a.len() >= (n - 1) * lda + n
            && d.len() >= n
            && e.len() >= n - 1
            && tau.len() >= n - 1,
        "tridiag: slices too short for n = {n}, lda = {lda}"
    );
    let nb = NB.min(n - 1);
    let mut bufs = Bufs {
        wv: vec![T::ZERO; 2 * nb * n],
        ld: n,
        nb,
        tmp: vec![T::ZERO; n],
        pq: vec![T::ZERO; 4 * nb],
        vw: Vec::new(),
    };
    let mut m = n;
    while m > 1 {
        let b = nb.min(m - 1);
        bufs.panel(a, lda, m, b, d, e, tau, par);
        bufs.update(a, lda, m - b, b);
        m -= b;
    }
    d[0] = a[0];
}

/// Work space of [`tridiag`].
struct Bufs<T> {
    /// `W^T` (rows `..nb`) and `V^T` (rows `nb..2 nb`) of the current panel, row stride
    /// `ld`: row `c` of each belongs to the panel's `c`-th column (from the right).
    wv: Vec<T>,
    /// Row stride of `wv` (`n`).
    ld: usize,
    /// Panel width.
    nb: usize,
    /// Scratch vector of [`symv`].
    tmp: Vec<T>,
    /// `V v`, `W v` of the current column and the next row's entries of `W`, `V`.
    pq: Vec<T>,
    /// `[V W]`, row-major, for the trailing update.
    vw: Vec<T>,
}

impl<T: EighElem> Bufs<T> {
    /// Reduces columns `m-1` down to `m-b` of the active `m x m` block (LAPACK `latrd`):
    /// each column gets its reflector `v` and `w = tau (A v - V W^T v - W V^T v) +
    /// alpha v`, and the next column the panel's updates so far (`-= V W[i-1]^T + W
    /// V[i-1]^T`, fused with `w`'s corrections); the rest of the block is left for
    /// [`Bufs::update`].
    #[allow(clippy::too_many_arguments)]
    fn panel(
        &mut self,
        a: &mut [T],
        lda: usize,
        m: usize,
        b: usize,
        d: &mut [T],
        e: &mut [T],
        tau: &mut [T],
        par: bool,
    ) {
        let (ld, nb) = (self.ld, self.nb);
        let (wt, vt) = self.wv.split_at_mut(nb * ld);
        for c in 0..b {
            let i = m - 1 - c;
            // Row i (column i of the upper triangle) is up to date: the trailing update
            // for c = 0, else the previous column's `correct` and final axpys.
            let row = &mut a[i * lda..i * lda + i + 1];
            d[i] = row[i];
            let (beta, t) = reflector(row[i - 1], &mut row[..i - 1]);
            row[i - 1] = beta;
            e[i - 1] = beta;
            tau[i - 1] = t;
            let (vprev, vrest) = vt.split_at_mut(c * ld);
            let v = &mut vrest[..i];
            v[..i - 1].copy_from_slice(&row[..i - 1]);
            v[i - 1] = T::ONE;
            let v: &[T] = v;
            let vprev: &[T] = vprev;
            let (wprev, wrest) = wt.split_at_mut(c * ld);
            let wprev: &[T] = wprev;
            let y = &mut wrest[..i];
            let (p, rest) = self.pq.split_at_mut(nb);
            let (q, rest) = rest.split_at_mut(nb);
            let (ca, cb) = rest.split_at_mut(nb);
            let (p, q) = (&mut p[..c], &mut q[..c]);
            if t == T::ZERO {
                // w = 0; the next row still gets its update below.
                y.fill(T::ZERO);
                p.fill(T::ZERO);
                q.fill(T::ZERO);
            } else {
                // y = A v (rows ..i, untouched in this panel) while the first thread also
                // computes p = V v, q = W v over the panel's previous columns.
                let ar: &[T] = a;
                let dots = || T::dots(wprev, vprev, ld, c, i, v, p, q);
                symv(ar, lda, i, v, y, &mut self.tmp, par, c * i, dots);
            }
            // The next row's coefficients: its entries of W and V.
            let next = c + 1 < b;
            for k in 0..c {
                ca[k] = wprev[k * ld + i - 1];
                cb[k] = vprev[k * ld + i - 1];
            }
            // y = t (y - W^T p - V^T q), and row i-1 -= V^T ca + W^T cb (previous columns).
            let (before, _) = a.split_at_mut(i * lda);
            let r = next.then(|| &mut before[(i - 1) * lda..(i - 1) * lda + i]);
            let k = Corr {
                w: wprev,
                v: vprev,
                ld,
                c,
                p,
                q,
                a: ca,
                b: cb,
                t,
                u: v,
            };
            let yv = T::correct(&k, i, y, r);
            let half = T::ONE / (T::ONE + T::ONE);
            let alpha = -(half * t * yv);
            fast(
                #[inline(always)]
                || {
                    // w = y + alpha v; row i-1 -= v w[i-1] + w v[i-1] (this column).
                    axpy(alpha, v, y);
                    if next {
                        let r = &mut a[(i - 1) * lda..(i - 1) * lda + i];
                        let (wi, vi) = (y[i - 1], v[i - 1]);
                        axpy(-wi, v, r);
                        axpy(-vi, y, r);
                    }
                },
            );
        }
    }

    /// `A[..mt, ..mt] -= V W^T + W V^T` (lower triangle) for the panel just reduced
    /// (`b` columns), one GEMM per block row of [`UPDATE_ROWS`].
    fn update(&mut self, a: &mut [T], lda: usize, mt: usize, b: usize) {
        let (ld, nb) = (self.ld, self.nb);
        if b < nb {
            // Make W^T, V^T adjacent: rows ..b and b..2b.
            self.wv.copy_within(nb * ld..(nb + b) * ld, b * ld);
        }
        let k = 2 * b;
        // [V W] (mt x 2b): V's columns are rows b..2b of `wv`, W's rows ..b.
        self.vw.resize(mt * k, T::ZERO);
        let wv = &self.wv;
        transpose(&wv[b * ld..], ld, b, mt, &mut self.vw, k);
        transpose(wv, ld, b, mt, &mut self.vw[b..], k);
        // B = [W; V] (rows ..2b of `wv`, 2b x mt).
        let t = Tri {
            vw: &self.vw,
            wv,
            ld,
            k,
            lda,
        };
        t.lower(a, mt);
    }
}

/// The operands of the trailing update's GEMMs: `C -= [V W] [W; V]`.
struct Tri<'a, T> {
    /// `[V W]`, row stride `k`.
    vw: &'a [T],
    /// `[W; V]`, row stride `ld`.
    wv: &'a [T],
    /// Row stride of `wv`.
    ld: usize,
    /// Depth (`2 b`).
    k: usize,
    /// Row stride of `A`.
    lda: usize,
}

impl<T: EighElem> Tri<'_, T> {
    /// The lower triangle of the first `mt` rows and columns of `A` (`a`), by block rows
    /// of [`UPDATE_ROWS`]: one GEMM each over the columns up to the block's end (the
    /// upper part of the diagonal block is scratch). Measured at n = 1000 (sum of the
    /// updates): block rows of 192 4.8 ms, of 256 5.1, equal block rows of at most 192
    /// (not multiples of the micro-kernel's 6 rows) 5.6, a recursive split (halves in
    /// parallel, leaves of 64-192) 5.7-6.3, the full square (2x the flops) 12.
    fn lower(&self, a: &mut [T], mt: usize) {
        let mut r0 = 0;
        while r0 < mt {
            let r1 = (r0 + UPDATE_ROWS).min(mt);
            self.gemm(&mut a[r0 * self.lda..], r0, r1 - r0, 0, r1);
            r0 = r1;
        }
    }

    /// `C -= [V W][i0..i0+m] [W; V][.., j0..j0+n]` into `c` (row stride `lda`).
    fn gemm(&self, c: &mut [T], i0: usize, m: usize, j0: usize, n: usize) {
        let av = View {
            data: self.vw,
            off: i0 * self.k,
            rs: self.k as isize,
            cs: 1,
        };
        let bv = View {
            data: self.wv,
            off: j0,
            rs: self.ld as isize,
            cs: 1,
        };
        mul_acc(m, n, self.k, av, bv, c, self.lda, Acc::Sub);
    }
}

/// The QR's elementary reflector (LAPACK `larfg`, [`qr::reflector`]) compiled for
/// AVX-512 where the CPU has it.
fn reflector<T: QrElem>(alpha: T, x: &mut [T]) -> (T, T) {
    fast(
        #[inline(always)]
        || qr::reflector(alpha, x),
    )
}
