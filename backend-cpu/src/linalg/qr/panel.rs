//! Panel factorization: reflectors (LAPACK `larfg`) and the recursive QR of a
//! transposed panel (Elmroth & Gustavson), building the panel's `T` factor.

use super::super::gemm::Acc;
use super::super::triangular::fast;
use super::ops::{axpy, dot, mul, view};
use super::QrElem;

/// Panels of at most this many columns are factored one reflector at a time.
const BASE: usize = 8;

/// Euclidean norm of `x`: a plain sum of squares, redone with scaling by `max |x_i|`
/// when it overflowed or may have lost accuracy to underflow. NaN in, NaN out.
#[inline(always)]
fn norm2<T: QrElem>(x: &[T]) -> T {
    let ssq = dot(x, x);
    if ssq.is_finite() && ssq >= T::TINY / (T::EPS * T::EPS) {
        return ssq.sqrt();
    }
    let mut amax = T::ZERO;
    for &v in x {
        let v = v.abs();
        // A NaN is skipped here but still reaches the sum of squares below.
        if v > amax {
            amax = v;
        }
    }
    if amax == T::ZERO || !amax.is_finite() {
        return amax;
    }
    // Divide (the reciprocal of a subnormal `amax` would overflow).
    let mut s = T::ZERO;
    for &v in x {
        let y = v / amax;
        s += y * y;
    }
    amax * s.sqrt()
}

/// Generates an elementary reflector (LAPACK `larfg`): given `alpha` and `x`, finds
/// `beta`, `tau` and overwrites `x` with `v` (unit leading entry implied) such that
/// `(I - tau [1; v] [1; v]^T) [alpha; x] = [beta; 0]`. Returns `(beta, tau)`;
/// `tau = 0` (and `x` untouched) when `x` is zero.
#[inline(always)]
pub(crate) fn reflector<T: QrElem>(alpha: T, x: &mut [T]) -> (T, T) {
    let xnorm = norm2(x);
    if xnorm == T::ZERO {
        return (alpha, T::ZERO);
    }
    let signed = |a: T, nrm: T| if a < T::ZERO { nrm } else { -nrm };
    let mut alpha = alpha;
    let mut beta = signed(alpha, alpha.hypot(xnorm));
    let safmin = T::TINY / T::EPS;
    let mut knt = 0;
    if beta.abs() < safmin {
        // Rescale so that beta is representable accurately (at most 20 times).
        let rsafmn = T::ONE / safmin;
        loop {
            knt += 1;
            for v in x.iter_mut() {
                *v *= rsafmn;
            }
            beta *= rsafmn;
            alpha *= rsafmn;
            if !(beta.abs() < safmin && knt < 20) {
                break;
            }
        }
        beta = signed(alpha, alpha.hypot(norm2(x)));
    }
    let tau = (beta - alpha) / beta;
    let s = T::ONE / (alpha - beta);
    for v in x.iter_mut() {
        *v *= s;
    }
    for _ in 0..knt {
        beta *= safmin;
    }
    (beta, tau)
}

/// Unblocked QR of columns `c0..c0+w` of a transposed panel (see [`panel`]), one
/// reflector at a time, building the matching block of `T`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn panel_base<T: QrElem>(
    pt: &mut [T],
    ld: usize,
    c0: usize,
    w: usize,
    t: &mut [T],
    r: &mut [T],
    nb: usize,
    tau: &mut [T],
) {
    let mut y = [T::ZERO; BASE];
    for jj in 0..w {
        let j = c0 + jj;
        let (head, rest) = pt.split_at_mut((j + 1) * ld);
        let (prev, row) = head.split_at_mut(j * ld);
        // Rows above the diagonal are final: they belong to R.
        for i in 0..j {
            r[i * nb + j] = row[i];
            row[i] = T::ZERO;
        }
        let (beta, tj) = reflector(row[j], &mut row[j + 1..]);
        r[j * nb + j] = beta;
        row[j] = T::ONE;
        tau[j] = tj;
        let v = &row[j..];
        // Apply H_j to the remaining columns of this base block.
        for other in rest.chunks_mut(ld).take(c0 + w - j - 1) {
            let s = tj * dot(v, &other[j..]);
            axpy(-s, v, &mut other[j..]);
        }
        // T[c0..j, j] = -tau_j T[c0..j, c0..j] (V[:, c0..j]^T v_j).
        for (p, yp) in y.iter_mut().enumerate().take(jj) {
            *yp = dot(&prev[(c0 + p) * ld + j..(c0 + p + 1) * ld], v);
        }
        for p in 0..jj {
            let mut s = T::ZERO;
            for q in p..jj {
                s += t[(c0 + p) * nb + c0 + q] * y[q];
            }
            t[(c0 + p) * nb + j] = -(tj * s);
        }
        t[j * nb + j] = tj;
    }
}

/// Recursive QR of columns `c0..c0+w` of a transposed panel `pt` (column `j` of the
/// panel is row `j` of `pt`, row stride `ld` = the panel's row count), acting on panel
/// rows `c0..ld`. Afterwards row `j` of `pt` holds `v_j` (zeros before `j`, one at `j`),
/// `r[i*nb + j]` (`i <= j`) the R entries of column `j`, `tau[j]` its scalar, and
/// `t[c0.., c0..]` (row stride `nb`, zero below the diagonal on entry) the block's
/// upper triangular factor.
#[allow(clippy::too_many_arguments)]
pub(super) fn panel<T: QrElem>(
    pt: &mut [T],
    ld: usize,
    c0: usize,
    w: usize,
    t: &mut [T],
    r: &mut [T],
    nb: usize,
    tau: &mut [T],
    scratch: &mut Vec<T>,
) {
    if w <= BASE {
        // Compiled for AVX-512 where the CPU has it (the dots and axpys in zmm registers).
        fast(
            #[inline(always)]
            || panel_base(pt, ld, c0, w, t, r, nb, tau),
        );
        return;
    }
    let n1 = w / 2;
    let n2 = w - n1;
    panel(pt, ld, c0, n1, t, r, nb, tau, scratch);
    let len = ld - c0;
    if scratch.len() < 2 * n1 * n2 {
        scratch.resize(2 * n1 * n2, T::ZERO);
    }
    {
        // Right half: C = (I - V1 T1 V1^T)^T C, in transposed form
        // C^T -= (C^T V1 T1) V1^T.
        let (z, zt) = scratch.split_at_mut(n1 * n2);
        let (lo, hi) = pt.split_at_mut((c0 + n1) * ld);
        let ct = view(hi, c0, ld, 1);
        let v1t = view(lo, c0 * ld + c0, 1, ld);
        mul(n2, n1, len, ct, v1t, z, n1, Acc::Set);
        let t1 = view(t, c0 * nb + c0, nb, 1);
        mul(n2, n1, n1, view(z, 0, n1, 1), t1, zt, n1, Acc::Set);
        let v1 = view(lo, c0 * ld + c0, ld, 1);
        mul(
            n2,
            len,
            n1,
            view(zt, 0, n1, 1),
            v1,
            &mut hi[c0..],
            ld,
            Acc::Sub,
        );
    }
    panel(pt, ld, c0 + n1, n2, t, r, nb, tau, scratch);
    // T12 = -T1 (V1^T V2) T2 (V2 is zero above row c0 + n1).
    let off = c0 + n1;
    let (s, u) = scratch.split_at_mut(n1 * n2);
    mul(
        n1,
        n2,
        ld - off,
        view(pt, c0 * ld + off, ld, 1),
        view(pt, off * ld + off, 1, ld),
        s,
        n2,
        Acc::Set,
    );
    mul(
        n1,
        n2,
        n1,
        view(t, c0 * nb + c0, nb, 1),
        view(s, 0, n2, 1),
        u,
        n2,
        Acc::Set,
    );
    let (tlo, thi) = t.split_at_mut(off * nb);
    mul(
        n1,
        n2,
        n2,
        view(u, 0, n2, 1),
        view(thi, off, nb, 1),
        &mut tlo[c0 * nb + off..],
        nb,
        Acc::Sub,
    );
}
