//! Small building blocks of the QR: AVX-512 dispatch for loops, views, dot products,
//! axpys, blocked transposes and products of matrices ([`mul`]: xp's GEMM for large ones,
//! loops for small ones and on CPUs without AVX-512).

use super::super::gemm::{Acc, View};
use super::QrElem;

/// Products with fewer multiply-adds than this use loops rather than the GEMM.
const GEMM_MIN_WORK: usize = 16 * 16 * 64;

/// True if the loops here may be compiled for AVX-512 (the CPU has the features the
/// `*_wide` functions are compiled with).
#[cfg(target_arch = "x86_64")]
#[inline]
pub(super) fn wide_ok() -> bool {
    super::super::gemm::has_avx512()
}

/// A copy of a view (views hold a shared borrow, so this is cheap).
#[inline(always)]
pub(super) fn view<T>(data: &[T], off: usize, rs: usize, cs: usize) -> View<'_, T> {
    View {
        data,
        off,
        rs: rs as isize,
        cs: cs as isize,
    }
}

/// `x . y` over the common length, with 32 independent partial sums (vectorizes) for
/// vectors of 32 or more elements.
#[inline(always)]
pub(super) fn dot<T: QrElem>(x: &[T], y: &[T]) -> T {
    const L: usize = 32;
    let len = x.len().min(y.len());
    let (x, y) = (&x[..len], &y[..len]);
    if len < L {
        // Short: skip the 32-lane reduction.
        let mut s = T::ZERO;
        for (&a, &b) in x.iter().zip(y) {
            s = s + a * b;
        }
        return s;
    }
    let mut acc = [T::ZERO; L];
    let (xc, yc) = (x.chunks_exact(L), y.chunks_exact(L));
    let (xr, yr) = (xc.remainder(), yc.remainder());
    for (a, b) in xc.zip(yc) {
        for l in 0..L {
            acc[l] = acc[l] + a[l] * b[l];
        }
    }
    let mut s = T::ZERO;
    for &v in &acc {
        s = s + v;
    }
    for (&a, &b) in xr.iter().zip(yr) {
        s = s + a * b;
    }
    s
}

/// `y += s x` over the common length.
#[inline(always)]
pub(super) fn axpy<T: QrElem>(s: T, x: &[T], y: &mut [T]) {
    for (b, &a) in y.iter_mut().zip(x) {
        *b = *b + s * a;
    }
}

/// `dst[j*ldd + i] = src[off + i*lds + j]` for `i < rows`, `j < cols`, in blocks of 16
/// rows (contiguous 16-element stores instead of one scattered store per element).
#[allow(clippy::too_many_arguments)]
pub(super) fn transpose<T: Copy>(
    src: &[T],
    off: usize,
    lds: usize,
    rows: usize,
    cols: usize,
    dst: &mut [T],
    ldd: usize,
) {
    const BLK: usize = 16;
    for i0 in (0..rows).step_by(BLK) {
        let i1 = (i0 + BLK).min(rows);
        for j in 0..cols {
            let d = &mut dst[j * ldd + i0..j * ldd + i1];
            for (x, i) in d.iter_mut().zip(i0..i1) {
                *x = src[off + i * lds + j];
            }
        }
    }
}

/// `C op= A B` (`op` per `acc`) for an `m x n` C with row stride `ldc`; A (`m x k`) and
/// B (`k x n`) are non-negative-stride views. Large products go to the GEMM, small ones
/// (or all of them when the GEMM declines) to loops.
#[allow(clippy::too_many_arguments)]
pub(super) fn mul<T: QrElem>(
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
    #[cfg(test)]
    let use_gemm = !super::tests::LOOPS_ONLY.with(|f| f.get());
    #[cfg(not(test))]
    let use_gemm = true;
    if use_gemm
        && m >= 4
        && n >= 4
        && m.saturating_mul(n).saturating_mul(k) >= GEMM_MIN_WORK
        && T::gemm_acc(m, n, k, View { ..a }, View { ..b }, c, ldc, acc)
    {
        return;
    }
    #[cfg(target_arch = "x86_64")]
    if wide_ok() {
        // SAFETY: the features `mul_loops_wide` is compiled for were detected by
        // `wide_ok`.
        unsafe { mul_loops_wide(m, n, k, &a, &b, c, ldc, acc) };
        return;
    }
    mul_loops(m, n, k, &a, &b, c, ldc, acc);
}

/// [`mul_loops`] compiled with AVX-512 enabled: its body (and the `#[inline(always)]`
/// helpers it calls) is inlined here, so LLVM vectorizes the loops with zmm registers.
/// (A closure passed to a `#[target_feature]` trampoline is not reliably inlined and
/// then runs as baseline SSE2 code.)
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
#[allow(clippy::too_many_arguments)]
fn mul_loops_wide<T: QrElem>(
    m: usize,
    n: usize,
    k: usize,
    a: &View<'_, T>,
    b: &View<'_, T>,
    c: &mut [T],
    ldc: usize,
    acc: Acc,
) {
    mul_loops(m, n, k, a, b, c, ldc, acc);
}

/// Loop version of [`mul`]: row axpys when B's rows are contiguous, dot products when
/// A's rows and B's columns are, plain indexing otherwise.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn mul_loops<T: QrElem>(
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
                let d = dot(arow, &b.data[ob..ob + k]);
                let x = &mut c[i * ldc + j];
                *x = match acc {
                    Acc::Set => d,
                    Acc::Add => *x + d,
                    Acc::Sub => *x - d,
                };
            }
        }
    } else {
        for i in 0..m {
            for j in 0..n {
                let mut d = T::ZERO;
                for p in 0..k {
                    d = d + a.data[idx(a, i, p)] * b.data[idx(b, p, j)];
                }
                let x = &mut c[i * ldc + j];
                *x = match acc {
                    Acc::Set => d,
                    Acc::Add => *x + d,
                    Acc::Sub => *x - d,
                };
            }
        }
    }
}
