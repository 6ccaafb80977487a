//! Triangular solves (TRSM) and the [`Dense`] element trait shared by the dense
//! factorizations (`lu`, `cholesky`).
//!
//! # Method
//!
//! `B = T^{-1} B` for a triangular `T` (left side; lower with unit or explicit diagonal,
//! or upper), row-major, recursive: split `T` in halves, solve the first half of the rows
//! of `B`, subtract its contribution from the other half with one GEMM
//! ([`mul_acc`], xp's AVX-512 GEMM), solve the second half. Below [`TRSM_BASE`] rows the
//! substitution runs row by row as vectorized row updates (`B[i,:] -= T[i,p] B[p,:]`),
//! compiled for AVX-512 when the CPU has it. One right-hand side (`nrhs == 1`) uses
//! dot products instead. `T` is always a separate read-only slice, so no block aliases B.
//!
//! Flops: `n^2 nrhs`; with a 1000 x 1000 `T` and `nrhs = 1000` the GEMM runs ~85 % of
//! them.

#[cfg(test)]
pub(crate) mod tests;

use super::gemm::{Acc, Gemm, View};
use std::fmt::Debug;
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

/// A real float the dense factorizations work on (`f32`, `f64`): arithmetic, a few
/// constants and the GEMM.
pub(crate) trait Dense:
    Gemm
    + PartialOrd
    + Debug
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
{
    /// Zero.
    const ZERO: Self;
    /// One.
    const ONE: Self;
    /// Machine epsilon.
    #[cfg_attr(not(test), allow(dead_code))]
    const EPS: Self;
    /// Square root.
    fn sqrt(self) -> Self;
    /// Absolute value.
    fn abs(self) -> Self;
    /// Conversion from `f64` (rounding).
    #[cfg_attr(not(test), allow(dead_code))]
    fn from_f64(x: f64) -> Self;
    /// Conversion to `f64`.
    #[cfg_attr(not(test), allow(dead_code))]
    fn to_f64(self) -> f64;
}

impl Dense for f64 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const EPS: Self = f64::EPSILON;
    fn sqrt(self) -> Self {
        f64::sqrt(self)
    }
    fn abs(self) -> Self {
        f64::abs(self)
    }
    fn from_f64(x: f64) -> Self {
        x
    }
    fn to_f64(self) -> f64 {
        self
    }
}

impl Dense for f32 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const EPS: Self = f32::EPSILON;
    fn sqrt(self) -> Self {
        f32::sqrt(self)
    }
    fn abs(self) -> Self {
        f32::abs(self)
    }
    fn from_f64(x: f64) -> Self {
        x as f32
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
}

/// Rows below which [`trsm_lower`] / [`trsm_upper`] substitute directly.
pub(crate) const TRSM_BASE: usize = 32;

/// Multiply-add count (`m n k`) below which [`mul_acc`] uses plain loops.
const GEMM_MIN_WORK: usize = 24 * 24 * 24;

/// Runs `f` compiled for AVX-512 (and FMA) when the CPU has it, else as is.
///
/// Callers mark the closure `#[inline(always)]`: without it LLVM left some closures out
/// of line (`wide` a bare `jmp` to a body compiled without the features: no zmm
/// instructions, seen with `objdump`).
#[inline(always)]
pub(crate) fn fast<R>(f: impl FnOnce() -> R) -> R {
    /// `f` with the AVX-512 target features enabled (LLVM vectorizes its inlined body).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
    fn wide<R>(f: impl FnOnce() -> R) -> R {
        f()
    }
    #[cfg(target_arch = "x86_64")]
    if super::gemm::has_avx512() {
        // SAFETY: the features `wide` is compiled for were detected just above.
        return unsafe { wide(f) };
    }
    f()
}

/// `C op= A B` (`op` per `acc`) for an `m x n` C with row stride `ldc`, `A` (`m x k`) and
/// `B` (`k x n`) strided views; large products go to the GEMM, small or thin ones (or all
/// of them on CPUs without AVX-512) to loops compiled for AVX-512 where the CPU has it.
/// Used by the LU, Cholesky and QR.
///
/// # Panics
/// If a view or C is out of bounds.
#[allow(clippy::too_many_arguments)]
pub(crate) fn mul_acc<T: Dense>(
    m: usize,
    n: usize,
    k: usize,
    a: View<'_, T>,
    b: View<'_, T>,
    c: &mut [T],
    ldc: usize,
    acc: Acc,
) {
    if m == 0 || n == 0 {
        return;
    }
    if m >= 4
        && n >= 4
        && m.saturating_mul(n).saturating_mul(k) >= GEMM_MIN_WORK
        && !force_loops()
        && T::gemm_acc(m, n, k, View { ..a }, View { ..b }, c, ldc, acc)
    {
        return;
    }
    fast(
        #[inline(always)]
        || mul_acc_loops(m, n, k, &a, &b, c, ldc, acc),
    );
}

#[cfg(test)]
thread_local! {
    /// Test hook: when set, [`mul_acc`] on this thread skips the GEMM (as on CPUs
    /// without AVX-512).
    pub(crate) static FORCE_LOOPS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True if the current thread's tests asked for the loop fallback.
#[cfg(test)]
fn force_loops() -> bool {
    FORCE_LOOPS.with(|f| f.get())
}

/// Always false outside tests.
#[cfg(not(test))]
#[inline(always)]
fn force_loops() -> bool {
    false
}

/// Loop version of [`mul_acc`]: row axpys when B's rows are contiguous, dot products
/// when A's rows and B's columns are, plain indexing otherwise.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn mul_acc_loops<T: Dense>(
    m: usize,
    n: usize,
    k: usize,
    a: &View<'_, T>,
    b: &View<'_, T>,
    c: &mut [T],
    ldc: usize,
    acc: Acc,
) {
    let idx = |v: &View<'_, T>, i: usize, j: usize| {
        (v.off as isize + i as isize * v.rs + j as isize * v.cs) as usize
    };
    let put = |x: &mut T, d: T| {
        *x = match acc {
            Acc::Set => d,
            Acc::Add => *x + d,
            Acc::Sub => *x - d,
        }
    };
    if b.cs == 1 {
        for i in 0..m {
            let crow = &mut c[i * ldc..i * ldc + n];
            if acc == Acc::Set {
                crow.fill(T::ZERO);
            }
            for p in 0..k {
                let s = a.data[idx(a, i, p)];
                let s = if acc == Acc::Sub { -s } else { s };
                let o = idx(b, p, 0);
                axpy(s, &b.data[o..o + n], crow);
            }
        }
    } else if a.cs == 1 && b.rs == 1 {
        for i in 0..m {
            let oa = idx(a, i, 0);
            let arow = &a.data[oa..oa + k];
            for j in 0..n {
                let ob = idx(b, 0, j);
                put(&mut c[i * ldc + j], dot(arow, &b.data[ob..ob + k]));
            }
        }
    } else {
        for i in 0..m {
            for j in 0..n {
                let mut d = T::ZERO;
                for p in 0..k {
                    d += a.data[idx(a, i, p)] * b.data[idx(b, p, j)];
                }
                put(&mut c[i * ldc + j], d);
            }
        }
    }
}

/// `x . y` over the common length, with 32 independent partial sums (vectorizes) for
/// vectors of 32 or more elements.
#[inline(always)]
pub(crate) fn dot<T: Dense>(x: &[T], y: &[T]) -> T {
    const L: usize = 32;
    let len = x.len().min(y.len());
    let (x, y) = (&x[..len], &y[..len]);
    if len < L {
        // Short: skip the 32-lane reduction.
        let mut s = T::ZERO;
        for (&a, &b) in x.iter().zip(y) {
            s += a * b;
        }
        return s;
    }
    let mut acc = [T::ZERO; L];
    let (xc, yc) = (x.chunks_exact(L), y.chunks_exact(L));
    let (xr, yr) = (xc.remainder(), yc.remainder());
    for (a, b) in xc.zip(yc) {
        for l in 0..L {
            acc[l] += a[l] * b[l];
        }
    }
    let mut s = T::ZERO;
    for &v in &acc {
        s += v;
    }
    for (&a, &b) in xr.iter().zip(yr) {
        s += a * b;
    }
    s
}

/// `y += s x` over the common length.
#[inline(always)]
pub(crate) fn axpy<T: Dense>(s: T, x: &[T], y: &mut [T]) {
    for (b, &a) in y.iter_mut().zip(x) {
        *b += s * a;
    }
}

/// The diagonal of a triangular matrix: implicit ones or stored values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Diag {
    /// Unit diagonal (not read).
    Unit,
    /// Stored diagonal (divided by).
    NonUnit,
}

/// `B = L^{-1} B`: `L` is the `n x n` lower triangle of `l` (row stride `ldl`; the
/// strict upper part is never read, the diagonal only for [`Diag::NonUnit`]), `B` is
/// `n x nrhs` row-major with row stride `ldb`.
///
/// # Panics
/// If a slice is too short for its shape.
pub(crate) fn trsm_lower<T: Dense>(
    diag: Diag,
    n: usize,
    nrhs: usize,
    l: &[T],
    ldl: usize,
    b: &mut [T],
    ldb: usize,
) {
    if n == 0 || nrhs == 0 {
        return;
    }
    assert!(
        l.len() >= (n - 1) * ldl + n && b.len() >= (n - 1) * ldb + nrhs,
        "trsm_lower: slice too short"
    );
    if nrhs == 1 {
        return fast(
            #[inline(always)]
            || lower_vec(diag, n, l, ldl, b, ldb),
        );
    }
    if n <= TRSM_BASE {
        return fast(
            #[inline(always)]
            || lower_base(diag, n, nrhs, l, ldl, b, ldb),
        );
    }
    let n1 = split(n);
    let (top, bot) = b.split_at_mut(n1 * ldb);
    trsm_lower(diag, n1, nrhs, l, ldl, top, ldb);
    let a = View {
        data: l,
        off: n1 * ldl,
        rs: ldl as isize,
        cs: 1,
    };
    let bv = View {
        data: &*top,
        off: 0,
        rs: ldb as isize,
        cs: 1,
    };
    mul_acc(n - n1, nrhs, n1, a, bv, bot, ldb, Acc::Sub);
    trsm_lower(diag, n - n1, nrhs, &l[n1 * ldl + n1..], ldl, bot, ldb);
}

/// `B = U^{-1} B`: `U` is the `n x n` upper triangle of `u` incl. the diagonal (row
/// stride `ldu`; the strict lower part is never read), `B` as in [`trsm_lower`].
///
/// # Panics
/// If a slice is too short for its shape.
pub(crate) fn trsm_upper<T: Dense>(
    n: usize,
    nrhs: usize,
    u: &[T],
    ldu: usize,
    b: &mut [T],
    ldb: usize,
) {
    if n == 0 || nrhs == 0 {
        return;
    }
    assert!(
        u.len() >= (n - 1) * ldu + n && b.len() >= (n - 1) * ldb + nrhs,
        "trsm_upper: slice too short"
    );
    if nrhs == 1 {
        return fast(
            #[inline(always)]
            || upper_vec(n, u, ldu, b, ldb),
        );
    }
    if n <= TRSM_BASE {
        return fast(
            #[inline(always)]
            || upper_base(n, nrhs, u, ldu, b, ldb),
        );
    }
    let n1 = split(n);
    let (top, bot) = b.split_at_mut(n1 * ldb);
    trsm_upper(n - n1, nrhs, &u[n1 * ldu + n1..], ldu, bot, ldb);
    let a = View {
        data: u,
        off: n1,
        rs: ldu as isize,
        cs: 1,
    };
    let bv = View {
        data: &*bot,
        off: 0,
        rs: ldb as isize,
        cs: 1,
    };
    mul_acc(n1, nrhs, n - n1, a, bv, top, ldb, Acc::Sub);
    trsm_upper(n1, nrhs, u, ldu, top, ldb);
}

/// Transposes the `rows x cols` block of `src` (row stride `lds`) into `dst` (row stride
/// `ldd`): `dst[j*ldd + i] = src[i*lds + j]`, in 8 x 8 tiles held in registers (eight
/// contiguous loads, eight contiguous stores per tile).
// Explicit tile indexing (t[ii][jj]) is the point here.
#[allow(clippy::needless_range_loop)]
pub(crate) fn transpose<T: Dense>(
    src: &[T],
    lds: usize,
    rows: usize,
    cols: usize,
    dst: &mut [T],
    ldd: usize,
) {
    const W: usize = 8;
    fast(
        #[inline(always)]
        || {
            for i0 in (0..rows).step_by(W) {
                for j0 in (0..cols).step_by(W) {
                    if i0 + W <= rows && j0 + W <= cols {
                        let t: [[T; W]; W] = core::array::from_fn(|ii| {
                            let o = (i0 + ii) * lds + j0;
                            core::array::from_fn(|jj| src[o + jj])
                        });
                        for jj in 0..W {
                            let o = (j0 + jj) * ldd + i0;
                            let d = &mut dst[o..o + W];
                            for ii in 0..W {
                                d[ii] = t[ii][jj];
                            }
                        }
                    } else {
                        for i in i0..(i0 + W).min(rows) {
                            for j in j0..(j0 + W).min(cols) {
                                dst[j * ldd + i] = src[i * lds + j];
                            }
                        }
                    }
                }
            }
        },
    );
}

/// Split point for recursive algorithms on `n` rows: about half, rounded to a multiple
/// of 16 when `n` is large (aligned GEMM blocks).
pub(crate) fn split(n: usize) -> usize {
    let h = n / 2;
    if h >= 64 {
        h / 16 * 16
    } else {
        h
    }
}

/// Column chunk of the substitution loops (the chunk of `TRSM_BASE` rows stays in L1).
const CHUNK: usize = 128;

/// `x -= s0 y0 + s1 y1 + s2 y2 + s3 y3` (four row updates per pass over `x`).
#[inline(always)]
fn axpy4<T: Dense>(x: &mut [T], s: [T; 4], y: [&[T]; 4]) {
    let n = x.len();
    let (y0, y1, y2, y3) = (&y[0][..n], &y[1][..n], &y[2][..n], &y[3][..n]);
    for j in 0..n {
        x[j] -= s[0] * y0[j] + s[1] * y1[j] + s[2] * y2[j] + s[3] * y3[j];
    }
}

/// `x -= s y`.
#[inline(always)]
fn axpy1<T: Dense>(x: &mut [T], s: T, y: &[T]) {
    for (x, &y) in x.iter_mut().zip(y) {
        *x -= s * y;
    }
}

/// `B[i, c0..c1] -= sum_p T[i, p] B[p, c0..c1]` over the rows `p` in `ps` (`done` holds
/// B's rows, `row(p)` gives the offset of row `p` in `done`).
#[inline(always)]
fn update_row<T: Dense>(
    bi: &mut [T],
    t: &[T],
    ps: std::ops::Range<usize>,
    done: &[T],
    row: impl Fn(usize) -> usize,
    c0: usize,
    c1: usize,
) {
    let mut p = ps.start;
    while p + 4 <= ps.end {
        let s = [t[p], t[p + 1], t[p + 2], t[p + 3]];
        let y = [0, 1, 2, 3].map(|q| &done[row(p + q) + c0..row(p + q) + c1]);
        axpy4(bi, s, y);
        p += 4;
    }
    while p < ps.end {
        axpy1(bi, t[p], &done[row(p) + c0..row(p) + c1]);
        p += 1;
    }
}

/// Substitution for [`trsm_lower`] on small `n`, one column chunk at a time.
#[inline(always)]
fn lower_base<T: Dense>(
    diag: Diag,
    n: usize,
    nrhs: usize,
    l: &[T],
    ldl: usize,
    b: &mut [T],
    ldb: usize,
) {
    for c0 in (0..nrhs).step_by(CHUNK) {
        let c1 = (c0 + CHUNK).min(nrhs);
        for i in 0..n {
            let (done, rest) = b.split_at_mut(i * ldb);
            let bi = &mut rest[c0..c1];
            update_row(bi, &l[i * ldl..], 0..i, done, |p| p * ldb, c0, c1);
            if diag == Diag::NonUnit {
                let d = T::ONE / l[i * ldl + i];
                for x in bi.iter_mut() {
                    *x *= d;
                }
            }
        }
    }
}

/// Substitution for [`trsm_upper`] on small `n`, one column chunk at a time.
#[inline(always)]
fn upper_base<T: Dense>(n: usize, nrhs: usize, u: &[T], ldu: usize, b: &mut [T], ldb: usize) {
    for c0 in (0..nrhs).step_by(CHUNK) {
        let c1 = (c0 + CHUNK).min(nrhs);
        for i in (0..n).rev() {
            let (head, done) = b.split_at_mut((i + 1) * ldb);
            let bi = &mut head[i * ldb + c0..i * ldb + c1];
            update_row(
                bi,
                &u[i * ldu..],
                i + 1..n,
                done,
                |p| (p - i - 1) * ldb,
                c0,
                c1,
            );
            let d = T::ONE / u[i * ldu + i];
            for x in bi.iter_mut() {
                *x *= d;
            }
        }
    }
}

/// [`trsm_lower`] for one right-hand side: `x_i = (b_i - L[i,..i] x[..i]) / L_ii`.
#[inline(always)]
fn lower_vec<T: Dense>(diag: Diag, n: usize, l: &[T], ldl: usize, b: &mut [T], ldb: usize) {
    let mut x = Vec::with_capacity(n);
    for i in 0..n {
        let mut v = b[i * ldb] - dot(&l[i * ldl..i * ldl + i], &x);
        if diag == Diag::NonUnit {
            v /= l[i * ldl + i];
        }
        x.push(v);
    }
    for (i, v) in x.into_iter().enumerate() {
        b[i * ldb] = v;
    }
}

/// [`trsm_upper`] for one right-hand side: `x_i = (b_i - U[i,i+1..] x[i+1..]) / U_ii`.
#[inline(always)]
fn upper_vec<T: Dense>(n: usize, u: &[T], ldu: usize, b: &mut [T], ldb: usize) {
    let mut x = vec![T::ZERO; n];
    for i in (0..n).rev() {
        let row = &u[i * ldu + i + 1..i * ldu + n];
        x[i] = (b[i * ldb] - dot(row, &x[i + 1..])) / u[i * ldu + i];
    }
    for (i, v) in x.into_iter().enumerate() {
        b[i * ldb] = v;
    }
}
