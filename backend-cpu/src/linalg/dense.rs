//! The real factorizations on xp's own kernels, for `f32` and `f64`: `inv`, `det`,
//! `slogdet` and `solve` by the blocked LU with partial pivoting of [`super::lu`],
//! `cholesky` by the blocked Cholesky of [`super::cholesky`], `qr` by the blocked
//! Householder QR of [`super::qr`] (their O(n³) work runs in xp's AVX-512 GEMM), `eigh`
//! / `eigvalsh` by the tridiagonalization, tridiagonal solvers and back-transformation of
//! [`super::eigh`]. Complex types and the other factorizations
//! (`svd`, `eig`) stay on faer ([`super::factor`]).
//!
//! Each matrix is copied once into a contiguous row-major buffer (any input strides) and
//! factored in place there. Failures are the same as faer's path: an exactly zero pivot
//! is "is singular", a non-positive (or NaN) Cholesky pivot "is not positive definite".

use super::eigh::EighElem;
use super::factor::{Lin, Out};
use super::qr::QrElem;
use super::triangular::Dense;
use super::{cholesky, eigh, lu, qr, Stack};
use array_api::Factor;

/// The real types with xp's own kernels (`f32`, `f64`).
pub(super) trait Real: Dense + QrElem + EighElem + Lin + faer::traits::RealField {}
impl Real for f32 {}
impl Real for f64 {}

/// Matrix `bi` of the stack `s` over `data`, `s.m x s.n`, contiguous row-major.
/// (Large buffers come from [`crate::alloc`]: huge pages, fewer faults.)
pub(super) fn read<T: Copy>(data: &[T], s: &Stack, bi: usize) -> Vec<T> {
    let (m, n) = (s.m, s.n);
    if m * n == 0 {
        return Vec::new();
    }
    let mut v = crate::alloc::with_capacity(m * n);
    if s.sn == 1 && s.sm == n as isize {
        let o = s.offsets[bi];
        v.extend_from_slice(&data[o..o + m * n]);
        return v;
    }
    for i in 0..m {
        v.extend((0..n).map(|j| data[s.at(bi, i, j)]));
    }
    v
}

/// `(sign, ln|det|)` of an LU factorization (`n x n`, row stride `n`, pivots `piv`), in
/// `f64`: the sign is `0` and the logarithm `-inf` for a zero pivot, both NaN for NaN.
fn slogdet<T: Real>(a: &[T], n: usize, piv: &[usize]) -> (f64, f64) {
    let swaps = piv.iter().enumerate().filter(|&(i, &p)| p != i).count();
    let mut sign = if swaps % 2 == 0 { 1.0 } else { -1.0 };
    let mut log = 0.0f64;
    for i in 0..n {
        let d = a[i * n + i].to_c().re;
        let r = d.abs();
        if r == 0.0 {
            return (0.0, f64::NEG_INFINITY);
        }
        sign *= d / r;
        log += r.ln();
    }
    (sign, log)
}

/// `op` on matrix `bi` of the stack by xp's own kernels, or `None` when they do not
/// cover `op` (the caller then uses faer).
pub(super) fn one<T: Real>(
    op: Factor,
    data: &[T],
    s: &Stack,
    bi: usize,
) -> Option<Result<Vec<Out<T>>, String>> {
    let zero = T::from_c(array_api::Complex64::new(0.0, 0.0));
    if let Factor::Qr { complete } = op {
        return qr_one(data, s, bi, complete).map(Ok);
    }
    let n = s.n;
    if s.m != n {
        return None;
    }
    Some(match op {
        Factor::Cholesky { upper } => {
            let mut a = read(data, s, bi);
            match cholesky::factor(&mut a, n, n) {
                Err(_) => Err("is not positive definite".to_string()),
                Ok(()) => {
                    // L in the lower triangle; zeros above (or its transpose for `upper`).
                    for i in 0..n {
                        for j in i + 1..n {
                            if upper {
                                a[i * n + j] = a[j * n + i];
                                a[j * n + i] = zero;
                            } else {
                                a[i * n + j] = zero;
                            }
                        }
                    }
                    Ok(vec![Out::T(a)])
                }
            }
        }
        Factor::Inv => {
            let mut a = read(data, s, bi);
            let mut piv = vec![0; n];
            if lu::factor(&mut a, n, n, &mut piv).is_some() {
                Err("is singular".to_string())
            } else {
                let mut inv = crate::alloc::zeroed(n * n);
                lu::inverse(&a, n, n, &piv, &mut inv);
                Ok(vec![Out::T(inv)])
            }
        }
        Factor::Det | Factor::Slogdet => {
            let mut a = read(data, s, bi);
            let mut piv = vec![0; n];
            lu::factor(&mut a, n, n, &mut piv);
            let (sign, log) = slogdet(&a, n, &piv);
            let c = |x: f64| T::from_c(array_api::Complex64::new(x, 0.0));
            Ok(if matches!(op, Factor::Det) {
                vec![Out::T(vec![c(sign * log.exp())])]
            } else {
                vec![Out::T(vec![c(sign)]), Out::R(vec![T::r_from(log)])]
            })
        }
        Factor::Eigh { vectors } => {
            let mut a = read(data, s, bi);
            match eigh::eigh(&mut a, n, vectors) {
                Err(()) => Err("did not converge (eigh)".to_string()),
                Ok((w, z)) => {
                    let w = w.into_iter().map(|x| T::r_from(Dense::to_f64(x)));
                    let mut o = vec![Out::R(w.collect())];
                    o.extend(z.map(Out::T));
                    Ok(o)
                }
            }
        }
        _ => return None,
    })
}

/// `qr` of matrix `bi` (`m x n`): `[Q, R]`, Q `m x k` and R `k x n` (reduced) or Q `m x m`
/// and R `m x n` (complete), `k = min(m, n)`; `None` for empty matrices (faer's path
/// handles them).
fn qr_one<T: Real>(data: &[T], s: &Stack, bi: usize, complete: bool) -> Option<Vec<Out<T>>> {
    let (m, n) = (s.m, s.n);
    if m == 0 || n == 0 {
        return None;
    }
    let zero = T::from_c(array_api::Complex64::new(0.0, 0.0));
    let k = m.min(n);
    let kq = if complete { m } else { k };
    let mut a = read(data, s, bi);
    let mut tau = vec![zero; k];
    qr::factor(&mut a, m, n, n, &mut tau);
    let mut r = crate::alloc::zeroed(kq * n);
    for i in 0..k {
        r[i * n + i..(i + 1) * n].copy_from_slice(&a[i * n + i..(i + 1) * n]);
    }
    let mut q = crate::alloc::zeroed(m * kq);
    qr::form_q(&a, m, n, n, &tau, &mut q, kq);
    Some(vec![Out::T(q), Out::T(r)])
}

/// `solve(a, b)` for matrix `bi` of the stacks `sa` (`n x n`) and `sb` (`n x k`), row-major
/// `n x k`.
pub(super) fn solve<T: Real>(
    ad: &[T],
    sa: &Stack,
    bd: &[T],
    sb: &Stack,
    bi: usize,
) -> Result<Vec<T>, String> {
    let (n, k) = (sb.m, sb.n);
    if n == 0 || k == 0 {
        return Ok(Vec::new());
    }
    let mut a = read(ad, sa, bi);
    let mut piv = vec![0; n];
    if lu::factor(&mut a, n, n, &mut piv).is_some() {
        return Err("is singular".to_string());
    }
    let mut b = read(bd, sb, bi);
    lu::solve(&a, n, n, &piv, &mut b, k, k);
    Ok(b)
}

/// The element types' choice of kernels: xp's own for `f32`/`f64`, faer's (`None`) for
/// the complex types.
pub(super) trait Own: Lin {
    /// [`one`] where this type has xp's own kernels.
    fn own(
        op: Factor,
        data: &[Self],
        s: &Stack,
        bi: usize,
    ) -> Option<Result<Vec<Out<Self>>, String>> {
        let _ = (op, data, s, bi);
        None
    }
    /// [`solve`] where this type has xp's own kernels.
    fn own_solve(
        ad: &[Self],
        sa: &Stack,
        bd: &[Self],
        sb: &Stack,
        bi: usize,
    ) -> Option<Result<Vec<Self>, String>> {
        let _ = (ad, sa, bd, sb, bi);
        None
    }
}

impl Own for array_api::Complex32 {}
impl Own for array_api::Complex64 {}

macro_rules! own_real {
    ($($t:ty),*) => {$(
        impl Own for $t {
            fn own(
                op: Factor,
                data: &[Self],
                s: &Stack,
                bi: usize,
            ) -> Option<Result<Vec<Out<Self>>, String>> {
                one(op, data, s, bi)
            }
            fn own_solve(
                ad: &[Self],
                sa: &Stack,
                bd: &[Self],
                sb: &Stack,
                bi: usize,
            ) -> Option<Result<Vec<Self>, String>> {
                Some(solve(ad, sa, bd, sb, bi))
            }
        }
    )*};
}
own_real!(f32, f64);
