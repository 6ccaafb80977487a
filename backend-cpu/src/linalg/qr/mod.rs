//! Householder QR (`A = Q R`) of row-major `f32` / `f64` matrices, with `Q` formed
//! explicitly (LAPACK `geqrf` + `orgqr` semantics).
//!
//! # Method
//!
//! Blocked right-looking Householder QR written from the published algorithms
//! (Schreiber & Van Loan's compact WY form `H_0 ... H_{b-1} = I - V T V^T`, Elmroth &
//! Gustavson's recursive panel factorization):
//!
//! * [`factor`]: panels of `nb` = [`QrElem::NB`] columns. A panel (rows `j0..m`) is
//!   copied *transposed* into a contiguous buffer, so each of its columns is a
//!   contiguous row, and factored recursively ([`panel()`]): factor the left half, apply
//!   its block reflector to the right half (`C^T -= (C^T V1 T1) V1^T`), factor the
//!   bottom of the right half, join the triangular factors (`T12 = -T1 (V1^T V2) T2`).
//!   Up to `BASE` = 8 columns are factored one reflector at a time (contiguous dots and
//!   axpys compiled for AVX-512). The trailing columns are then updated with
//!   `C -= V (T^T (V^T C))`: three GEMM calls ([`super::gemm`]), the last one in place
//!   in `A` (`Acc::Sub`, row stride `lda`). Lookahead: the next panel's columns are
//!   updated first, and that panel is factored on the calling thread while the rest of
//!   the trailing matrix is updated by the other threads (`rayon::join`), so the mostly
//!   sequential panel work overlaps the parallel GEMMs.
//! * [`form_q`]: `Q = H_0 ... H_{k-1}` applied backwards, block by block, to the
//!   identity (LAPACK `orgqr`), touching only the non-zero part: for the block at
//!   column `j0`, `C = Q[j0.., j0..]` (its own columns set to `E`, the columns to the
//!   right zero in rows `j0..j0+b`) gets `C -= V (T (V^T C))`, three GEMM calls; `T`
//!   is rebuilt from `tau` and the Gram matrix `V^T V` (one more GEMM).
//! * Operands are laid out for the GEMM's fast packing paths (row-major left operands:
//!   `V` and `V^T` are both kept as contiguous copies).
//! * Reflectors follow LAPACK `larfg`: `beta = -sign(alpha) * ||(alpha, x)||`,
//!   `tau = (beta - alpha) / beta`, `tau = 0` when `x` is already zero; norms are a
//!   fast sum of squares, recomputed with scaling when it may have overflowed or lost
//!   accuracy to underflow; tiny `beta`s are rescaled as in LAPACK.
//! * Small products (and all products on CPUs without AVX-512, where the GEMM
//!   declines) use plain loops ([`mul`]).
//!
//! Flops: `2 m n^2 - 2 n^3 / 3` for [`factor`] (`m >= n`; `2 n m^2 - 2 m^3 / 3` for
//! `m < n`), as many again for a square `Q`; blocking adds about `3 nb n^2` (`T`
//! factors and `T W` products).
//!
//! # Performance
//!
//! Machine: 2-core AVX-512 KVM Xeon shared with other jobs; NumPy 2.4.6 with OpenBLAS
//! (2 threads, `geqrf` + `orgqr`). Time of [`factor`] + [`form_q`] on the same random
//! matrix (xp: without the caller's copies), minimum over 10 interleaved rounds of 3
//! calls each, in ms; ratio = NumPy / xp (> 1: xp faster):
//!
//! | shape      | dtype | mode     | xp    | NumPy | ratio |
//! |------------|-------|----------|-------|-------|-------|
//! | 1000x1000  | f64   | reduced  | 26.7  | 36.2  | 1.36  |
//! | 1000x1000  | f64   | complete | 26.4  | 44.3  | 1.67  |
//! | 500x500    | f64   | reduced  | 4.35  | 4.92  | 1.13  |
//! | 2000x500   | f64   | reduced  | 22.8  | 30.6  | 1.34  |
//! | 2000x500   | f64   | complete | 57.6  | 133   | 2.31  |
//! | 500x2000   | f64   | reduced  | 9.47  | 18.5  | 1.96  |
//! | 100x100    | f64   | reduced  | 0.19  | 0.20  | 1.05  |
//! | 50x50      | f64   | reduced  | 0.06  | 0.04  | 0.67  |
//! | 1000x1000  | f32   | reduced  | 12.4  | 32.6  | 2.63  |
//! | 500x500    | f32   | reduced  | 2.57  | 5.12  | 1.99  |
//! | 2000x500   | f32   | reduced  | 11.7  | 29.7  | 2.55  |
//! | 2000x500   | f32   | complete | 28.6  | 139   | 4.87  |
//! | 500x2000   | f32   | reduced  | 5.09  | 18.9  | 3.71  |
//!
//! 1000x1000 `f64` is ~2.7 GFLOP, i.e. ~100 GFLOP/s (the GEMM peaks near 145 on both
//! cores): what remains is mostly the panels (single-threaded, partly hidden by the
//! lookahead), packing, and the `T` products. Below ~100x100 fixed costs dominate.

#[cfg(test)]
mod tests;

mod ops;
mod panel;
pub(crate) use panel::reflector;

use super::gemm::Acc;
use super::triangular::{transpose, Dense};
use ops::{dot, mul, view};
use panel::panel;

/// Factorizations with fewer than this many `m n k` run entirely on the calling thread
/// (no lookahead, no move into the rayon pool: the GEMM runs smaller products on one
/// thread anyway).
const PAR_MIN_WORK: usize = 128 * 128 * 128;

/// The element types QR is implemented for (`f32`, `f64`): [`Dense`] plus what the
/// reflectors need.
pub(crate) trait QrElem: Dense {
    /// Smallest positive normal number.
    const TINY: Self;
    /// Block (panel) width.
    const NB: usize;
    /// `sqrt(x^2 + y^2)` without undue overflow or underflow.
    fn hypot(self, y: Self) -> Self;
    /// Neither infinite nor NaN.
    fn is_finite(self) -> bool;
}

/// Implements [`QrElem`] for a float type.
macro_rules! qr_elem {
    ($t:ty, $nb:expr) => {
        impl QrElem for $t {
            const TINY: $t = <$t>::MIN_POSITIVE;
            const NB: usize = $nb;
            #[inline(always)]
            fn hypot(self, y: $t) -> $t {
                <$t>::hypot(self, y)
            }
            #[inline(always)]
            fn is_finite(self) -> bool {
                <$t>::is_finite(self)
            }
        }
    };
}
qr_elem!(f64, 64);
qr_elem!(f32, 64);

/// Runs `f` on a thread of the current rayon pool (in place if already on one), so the
/// many parallel GEMM calls inside start from a worker thread: a caller outside the
/// pool would otherwise inject each of them and sleep until it is done.
fn in_pool<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    crate::pool::enter(f)
}

/// In-place Householder QR of the row-major `m x n` matrix `a[i*lda + j]` (LAPACK
/// `geqrf` conventions).
///
/// Afterwards R is in the upper triangle (`k x n`, `k = min(m, n)`), the Householder
/// vectors `v_i` below the diagonal (unit leading entry implied) and `tau[i]` their
/// scalars: `H_i = I - tau_i v_i v_i^T`, `Q = H_0 H_1 ... H_{k-1}`. `tau_i = 0` when
/// column `i` is already zero below the diagonal. NaNs propagate without panicking.
///
/// # Panics
/// If `lda < n`, `a` is shorter than `(m-1)*lda + n` or `tau` shorter than `min(m, n)`.
pub(crate) fn factor<T: QrElem>(a: &mut [T], m: usize, n: usize, lda: usize, tau: &mut [T]) {
    let k = m.min(n);
    assert!(
        lda >= n && (m == 0 || a.len() >= (m - 1) * lda + n) && tau.len() >= k,
        "qr::factor: slices too short for m = {m}, n = {n}, lda = {lda}"
    );
    if k == 0 {
        return;
    }
    if m.saturating_mul(n).saturating_mul(k) < PAR_MIN_WORK {
        factor_blocked(a, m, n, lda, tau, false);
    } else {
        in_pool(|| factor_blocked(a, m, n, lda, tau, true));
    }
}

/// [`factor`] for `min(m, n) > 0`, arguments checked; `par`: factor each panel while
/// the previous one updates the rest of the matrix in parallel.
fn factor_blocked<T: QrElem>(
    a: &mut [T],
    m: usize,
    n: usize,
    lda: usize,
    tau: &mut [T],
    par: bool,
) {
    let k = m.min(n);
    let nb = T::NB.min(k);
    let mut cur = PanelBufs::new(nb);
    let mut next = PanelBufs::new(nb);
    let mut b = nb;
    cur.load(a, lda, 0, m, b);
    cur.factor(m, b, &mut tau[..b]);
    let mut j0 = 0;
    loop {
        let mp = m - j0;
        cur.store(a, lda, j0, mp, b);
        let j1 = j0 + b;
        if j1 >= n {
            break;
        }
        let b1 = nb.min(k.saturating_sub(j1));
        if b1 == 0 {
            cur.update(a, lda, j0, mp, b, j1, n);
            break;
        }
        // Lookahead: update the next panel's columns, then factor that panel on this
        // thread while the rest of the trailing matrix is updated by the others.
        cur.update(a, lda, j0, mp, b, j1, j1 + b1);
        next.load(a, lda, j1, mp - b, b1);
        let tau1 = &mut tau[j1..j1 + b1];
        if !par {
            next.factor(mp - b, b1, tau1);
            cur.update(a, lda, j0, mp, b, j1 + b1, n);
        } else if j1 + b1 < n {
            let cur = &mut cur;
            let a = &mut *a;
            rayon::join(
                || next.factor(mp - b, b1, tau1),
                || cur.update(a, lda, j0, mp, b, j1 + b1, n),
            );
        } else {
            next.factor(mp - b, b1, tau1);
        }
        std::mem::swap(&mut cur, &mut next);
        j0 = j1;
        b = b1;
    }
}

/// Scratch space of one panel of [`factor`]: the transposed panel, its `T` and `R`
/// blocks, and work space for the panel recursion and the trailing update.
struct PanelBufs<T> {
    /// Transposed panel (`b x mp`, row stride `mp`).
    pt: Vec<T>,
    /// Block reflector factor (`nb x nb`, upper triangular).
    t: Vec<T>,
    /// R block (`nb x nb`, upper triangular).
    r: Vec<T>,
    /// Row stride of `t` and `r`.
    nb: usize,
    /// Work space of [`panel()`].
    scratch: Vec<T>,
    /// The panel's reflectors, row-major (`mp x b`, unit diagonal, zeros above).
    v: Vec<T>,
    /// Work space of the trailing update.
    w1: Vec<T>,
    /// Work space of the trailing update.
    w2: Vec<T>,
}

impl<T: QrElem> PanelBufs<T> {
    /// Buffers for panels of up to `nb` columns (the panel-sized ones grow on use).
    fn new(nb: usize) -> Self {
        PanelBufs {
            pt: Vec::new(),
            t: vec![T::ZERO; nb * nb],
            r: vec![T::ZERO; nb * nb],
            nb,
            scratch: Vec::new(),
            v: Vec::new(),
            w1: Vec::new(),
            w2: Vec::new(),
        }
    }

    /// Copies the panel `A[j0..j0+mp, j0..j0+b]` transposed into `pt`.
    fn load(&mut self, a: &[T], lda: usize, j0: usize, mp: usize, b: usize) {
        if self.pt.len() < b * mp {
            self.pt.resize(b * mp, T::ZERO);
        }
        transpose(&a[j0 * lda + j0..], lda, mp, b, &mut self.pt, mp);
    }

    /// Factors the loaded `mp x b` panel (see [`panel()`]).
    fn factor(&mut self, mp: usize, b: usize, tau: &mut [T]) {
        self.t.fill(T::ZERO);
        panel(
            &mut self.pt[..b * mp],
            mp,
            0,
            b,
            &mut self.t,
            &mut self.r,
            self.nb,
            tau,
            &mut self.scratch,
        );
    }

    /// Writes the factored panel back to `A[j0..j0+mp, j0..j0+b]`: R on and above the
    /// diagonal, the reflectors below.
    fn store(&mut self, a: &mut [T], lda: usize, j0: usize, mp: usize, b: usize) {
        if self.v.len() < b * mp {
            self.v.resize(b * mp, T::ZERO);
        }
        let (r, nb) = (&self.r, self.nb);
        transpose(&self.pt, mp, b, mp, &mut self.v, b);
        let rows = a[j0 * lda..].chunks_mut(lda).zip(self.v.chunks(b));
        for (i, (row, vrow)) in rows.take(mp).enumerate() {
            let row = &mut row[j0..j0 + b];
            // Columns j < i: reflector entries; j >= i: R.
            let d = i.min(b);
            row[..d].copy_from_slice(&vrow[..d]);
            if d < b {
                row[d..].copy_from_slice(&r[i * nb + d..i * nb + b]);
            }
        }
    }

    /// Applies the factored panel's `Q^T` to columns `c0..c1` of rows `j0..j0+mp` of A:
    /// `C -= V (T^T (V^T C))`.
    #[allow(clippy::too_many_arguments)]
    fn update(
        &mut self,
        a: &mut [T],
        lda: usize,
        j0: usize,
        mp: usize,
        b: usize,
        c0: usize,
        c1: usize,
    ) {
        let nc = c1 - c0;
        if nc == 0 {
            return;
        }
        let (pt, w1, w2) = (&self.pt[..b * mp], &mut self.w1, &mut self.w2);
        let coff = j0 * lda + c0;
        w1.resize(b * nc.max(mp), T::ZERO);
        w2.resize(b * nc, T::ZERO);
        let tt = view(&self.t, 0, 1, self.nb);
        if nc <= mp {
            let c = view(a, coff, lda, 1);
            mul(b, nc, mp, view(pt, 0, mp, 1), c, w1, nc, Acc::Set);
            mul(b, nc, b, tt, view(w1, 0, nc, 1), w2, nc, Acc::Set);
        } else {
            mul(b, mp, b, tt, view(pt, 0, mp, 1), w1, mp, Acc::Set);
            let c = view(a, coff, lda, 1);
            mul(b, nc, mp, view(w1, 0, mp, 1), c, w2, nc, Acc::Set);
        }
        // V row-major (the GEMM packs row-major left operands fastest).
        let v = view(&self.v, 0, b, 1);
        mul(
            mp,
            nc,
            b,
            v,
            view(w2, 0, nc, 1),
            &mut a[coff..],
            lda,
            Acc::Sub,
        );
    }
}

/// Writes the first `qcols` columns of `Q` (`m x qcols`, row-major, contiguous: `qcols
/// = min(m, n)` for the reduced factorization, `m` for the complete one) from the
/// output of [`factor`] (`a`, `m x n` with row stride `lda`, and `tau`).
///
/// # Panics
/// If `qcols` is not within `min(m, n)..=m`, or a slice is too short.
pub(crate) fn form_q<T: QrElem>(
    a: &[T],
    m: usize,
    n: usize,
    lda: usize,
    tau: &[T],
    q: &mut [T],
    qcols: usize,
) {
    let k = m.min(n);
    assert!(
        lda >= n
            && (m == 0 || a.len() >= (m - 1) * lda + n)
            && tau.len() >= k
            && (k..=m).contains(&qcols)
            && q.len() >= m * qcols,
        "qr::form_q: bad sizes for m = {m}, n = {n}, lda = {lda}, qcols = {qcols}"
    );
    let q = &mut q[..m * qcols];
    q.fill(T::ZERO);
    for c in k..qcols {
        q[c * qcols + c] = T::ONE;
    }
    if k == 0 {
        return;
    }
    if m.saturating_mul(qcols).saturating_mul(k) < PAR_MIN_WORK {
        form_q_blocked(a, m, lda, tau, q, qcols, k);
    } else {
        in_pool(|| form_q_blocked(a, m, lda, tau, q, qcols, k));
    }
}

/// [`form_q`] for `k = min(m, n) > 0` after the identity columns `k..qcols` are set,
/// arguments checked.
fn form_q_blocked<T: QrElem>(
    a: &[T],
    m: usize,
    lda: usize,
    tau: &[T],
    q: &mut [T],
    qcols: usize,
    k: usize,
) {
    let nb = T::NB.min(k);
    let mut v = vec![T::ZERO; m * nb];
    let mut vt = vec![T::ZERO; m * nb];
    let mut g = vec![T::ZERO; nb * nb];
    let mut t = vec![T::ZERO; nb * nb];
    let mut w1 = Vec::new();
    let mut w2 = Vec::new();
    for blk in (0..k.div_ceil(nb)).rev() {
        let j0 = blk * nb;
        let b = nb.min(k - j0);
        let mp = m - j0;
        // V (mp x b, row-major), explicit unit diagonal and zeros above.
        // Also transposed (`vt`, b x mp): the GEMM packs row-major left operands fastest.
        let v = &mut v[..mp * b];
        let vt = &mut vt[..mp * b];
        for (i, (vrow, arow)) in v.chunks_mut(b).zip(a[j0 * lda..].chunks(lda)).enumerate() {
            let d = i.min(b);
            vrow[..d].copy_from_slice(&arow[j0..j0 + d]);
            if d < b {
                vrow[d] = T::ONE;
                vrow[d + 1..].fill(T::ZERO);
            }
        }
        transpose(v, b, mp, b, vt, mp);
        let (v, vt): (&[T], &[T]) = (v, vt);
        // T from the Gram matrix: T[p, i] = -tau_i sum_{q=p}^{i-1} T[p, q] G[q, i].
        mul(
            b,
            b,
            mp,
            view(vt, 0, mp, 1),
            view(v, 0, b, 1),
            &mut g,
            b,
            Acc::Set,
        );
        // G is symmetric: G[q, i] = G[i, q], a contiguous row.
        t.fill(T::ZERO);
        for i in 0..b {
            let ti = tau[j0 + i];
            let gi = &g[i * b..i * b + i];
            for p in 0..i {
                let s = dot(&t[p * nb + p..p * nb + i], &gi[p..]);
                t[p * nb + i] = -(ti * s);
            }
            t[i * nb + i] = ti;
        }
        // The block's own columns start as E (the identity in rows j0..j0+b); they
        // and the columns to their right (zero in rows j0..j0+b) are updated at once:
        // C -= V (T (V^T C)) for C = Q[j0.., j0..qcols].
        for i in 0..b {
            q[(j0 + i) * qcols + j0 + i] = T::ONE;
        }
        let nc = qcols - j0;
        let coff = j0 * qcols + j0;
        w1.resize(b * nc, T::ZERO);
        w2.resize(b * nc, T::ZERO);
        let c = view(q, coff, qcols, 1);
        mul(b, nc, mp, view(vt, 0, mp, 1), c, &mut w1, nc, Acc::Set);
        let (tv, w1v) = (view(&t, 0, nb, 1), view(&w1, 0, nc, 1));
        mul(b, nc, b, tv, w1v, &mut w2, nc, Acc::Set);
        let (vv, w2v) = (view(v, 0, b, 1), view(&w2, 0, nc, 1));
        mul(mp, nc, b, vv, w2v, &mut q[coff..], qcols, Acc::Sub);
    }
}
