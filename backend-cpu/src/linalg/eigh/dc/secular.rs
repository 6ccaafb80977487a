//! The secular equation of a merge, `f(λ) = 1 + Σ w_i / (d_i − λ)` (`w_i = ρ z_i²`,
//! `d` strictly increasing, `ρ > 0`), and the eigenvectors of `D + ρ z z^T` from its
//! roots (Gu–Eisenstat).
//!
//! Root `j` lies in `(d_j, d_{j+1})` (the last one in `(d_{K-1}, d_{K-1} + Σ w_i]`). Its
//! origin is the nearer end of that interval (by the sign of `f` at the midpoint), so
//! `δ_i = d_i − λ` is kept as `(d_i − d_origin) − τ` with `τ` small: every `δ_i` to full
//! relative accuracy, the one at the origin exact. The iteration is Ren-Cang Li's
//! "middle way": the poles left of the root (`ψ`) and right of it (`φ`) are each replaced
//! by one rational term `a + s/(d_p − λ)` matching the value and derivative at the
//! current point, with `p` the nearest pole on that side; the resulting quadratic is
//! solved stably, the root inside the current bracket taken (else Newton, else
//! bisection). It stops when `|f|` is below its rounding error bound.
//!
//! The vectors: `ẑ_i² ∝ −Π_j δ_ij / Π_{l≠i} (d_i − d_l)` (Löwner), recomputed from the
//! computed roots so that `D + ρ ẑ ẑ^T` has them as exact eigenvalues; vector `j` is
//! `(ẑ_i / δ_ij)_i`, normalized. The roots, the products and the vectors are split
//! between two threads (they are independent).
//!
//! Cost: one division per pole per evaluation; a root takes 3-5 evaluations (the
//! midpoint's included; 4.4 on average at `n = 1000`), then one pass each for Löwner's
//! products and the vector. The sums run in 512-bit vectors (8 `f64`, 16 `f32`) when
//! the CPU has AVX-512: LLVM does not vectorize the reductions by itself, and scalar
//! sums made this file 16 of the 21 ms of a one-thread `n = 1000` solve (now 6).

use super::super::EighElem;

/// Iterations allowed per root (each at least halves the bracket or converges fast).
const MAXIT: usize = 100;

/// Roots at least this many are split between two threads.
const PAR_K: usize = 96;

/// `(Σ w_i/(dd_i − τ), Σ w_i/(dd_i − τ)²)`, and `out[i] = 1/(dd_i − τ)` (so the last
/// evaluation leaves the reciprocals the vectors need); with `fast` (AVX-512 present) in
/// 512-bit vectors for `f64` / `f32` (LLVM does not vectorize these reductions).
#[inline(always)]
fn part<T: EighElem>(dd: &[T], w: &[T], tau: T, out: &mut [T], fast: bool) -> (T, T) {
    #[cfg(target_arch = "x86_64")]
    if fast {
        if let (Some(a), Some(b)) = (cast::<T, f64>(dd), cast::<T, f64>(w)) {
            if let Some(o) = cast_mut::<T, f64>(out) {
                // SAFETY: `fast` says the CPU has AVX-512F/DQ and FMA.
                let (s, ds) = unsafe { wide::part_f64(a, b, tau.to_f64(), o) };
                return (T::from_f64(s), T::from_f64(ds));
            }
        }
        if let (Some(a), Some(b)) = (cast::<T, f32>(dd), cast::<T, f32>(w)) {
            if let Some(o) = cast_mut::<T, f32>(out) {
                // SAFETY: as above; `tau` is an `f32`, so the round trip through `f64` is
                // exact.
                let (s, ds) = unsafe { wide::part_f32(a, b, tau.to_f64() as f32, o) };
                return (T::from_f64(s as f64), T::from_f64(ds as f64));
            }
        }
    }
    let _ = fast;
    let (mut s0, mut d0) = (T::ZERO, T::ZERO);
    for ((&a, &b), o) in dd.iter().zip(w).zip(out.iter_mut()) {
        let r = T::ONE / (a - tau);
        *o = r;
        let t = b * r;
        s0 += t;
        d0 += t * r;
    }
    (s0, d0)
}

/// `x` as a slice of `U` when `T` is `U`.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn cast<T: 'static, U: 'static>(x: &[T]) -> Option<&[U]> {
    if std::any::TypeId::of::<T>() == std::any::TypeId::of::<U>() {
        // SAFETY: `T` and `U` are the same type.
        Some(unsafe { std::slice::from_raw_parts(x.as_ptr() as *const U, x.len()) })
    } else {
        None
    }
}

/// `x` as a mutable slice of `U` when `T` is `U`.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn cast_mut<T: 'static, U: 'static>(x: &mut [T]) -> Option<&mut [U]> {
    if std::any::TypeId::of::<T>() == std::any::TypeId::of::<U>() {
        // SAFETY: `T` and `U` are the same type; `x` is borrowed exclusively.
        Some(unsafe { std::slice::from_raw_parts_mut(x.as_mut_ptr() as *mut U, x.len()) })
    } else {
        None
    }
}

/// The sums of [`part`] in AVX-512.
#[cfg(target_arch = "x86_64")]
mod wide {
    use std::arch::x86_64::*;

    /// [`super::part`] for `f64`, 8 lanes.
    #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
    pub(super) unsafe fn part_f64(dd: &[f64], w: &[f64], tau: f64, out: &mut [f64]) -> (f64, f64) {
        let k = dd.len().min(w.len()).min(out.len());
        let (t, one) = (_mm512_set1_pd(tau), _mm512_set1_pd(1.0));
        let (mut s, mut ds) = (_mm512_setzero_pd(), _mm512_setzero_pd());
        let mut i = 0;
        while i + 8 <= k {
            // SAFETY: i + 8 <= k <= all three lengths.
            let (a, b) = unsafe {
                (
                    _mm512_loadu_pd(dd.as_ptr().add(i)),
                    _mm512_loadu_pd(w.as_ptr().add(i)),
                )
            };
            let r = _mm512_div_pd(one, _mm512_sub_pd(a, t));
            // SAFETY: i + 8 <= k <= out.len().
            unsafe { _mm512_storeu_pd(out.as_mut_ptr().add(i), r) };
            let x = _mm512_mul_pd(b, r);
            s = _mm512_add_pd(s, x);
            ds = _mm512_fmadd_pd(x, r, ds);
            i += 8;
        }
        let (mut s0, mut d0) = (_mm512_reduce_add_pd(s), _mm512_reduce_add_pd(ds));
        for j in i..k {
            let r = 1.0 / (dd[j] - tau);
            out[j] = r;
            let x = w[j] * r;
            s0 += x;
            d0 += x * r;
        }
        (s0, d0)
    }

    /// [`super::part`] for `f32`, 16 lanes.
    #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
    pub(super) unsafe fn part_f32(dd: &[f32], w: &[f32], tau: f32, out: &mut [f32]) -> (f32, f32) {
        let k = dd.len().min(w.len()).min(out.len());
        let (t, one) = (_mm512_set1_ps(tau), _mm512_set1_ps(1.0));
        let (mut s, mut ds) = (_mm512_setzero_ps(), _mm512_setzero_ps());
        let mut i = 0;
        while i + 16 <= k {
            // SAFETY: i + 16 <= k <= all three lengths.
            let (a, b) = unsafe {
                (
                    _mm512_loadu_ps(dd.as_ptr().add(i)),
                    _mm512_loadu_ps(w.as_ptr().add(i)),
                )
            };
            let r = _mm512_div_ps(one, _mm512_sub_ps(a, t));
            // SAFETY: i + 16 <= k <= out.len().
            unsafe { _mm512_storeu_ps(out.as_mut_ptr().add(i), r) };
            let x = _mm512_mul_ps(b, r);
            s = _mm512_add_ps(s, x);
            ds = _mm512_fmadd_ps(x, r, ds);
            i += 16;
        }
        let (mut s0, mut d0) = (_mm512_reduce_add_ps(s), _mm512_reduce_add_ps(ds));
        for j in i..k {
            let r = 1.0 / (dd[j] - tau);
            out[j] = r;
            let x = w[j] * r;
            s0 += x;
            d0 += x * r;
        }
        (s0, d0)
    }
}

/// Root `j` of the secular equation (`d.len() >= 2`); `row` gets `1/δ_i = 1/(d_i − λ_j)`.
/// `wsum = Σ w`; `dd`: scratch of `d.len()` (the poles from the origin).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn root<T: EighElem>(
    d: &[T],
    w: &[T],
    wsum: T,
    j: usize,
    row: &mut [T],
    dd: &mut [T],
    fast: bool,
) -> T {
    let k = d.len();
    let two = T::ONE + T::ONE;
    let half = T::ONE / two;
    let eight = two * two * two;
    let three = two + T::ONE;
    let (origin, split, jl, jr, mut lo, mut hi, mut tau);
    // The sums at the midpoint, reused as the first iterate's (whichever the origin).
    let mut pre = None;
    // `row` holds 1/(dd − τ) for the current origin and τ.
    let mut valid = false;
    if j + 1 < k {
        let mid = (d[j + 1] - d[j]) * half;
        for (r, &x) in dd.iter_mut().zip(d) {
            *r = x - d[j];
        }
        let (ps, dps) = part(&dd[..=j], &w[..=j], mid, &mut row[..=j], fast);
        let (ph, dph) = part(&dd[j + 1..], &w[j + 1..], mid, &mut row[j + 1..], fast);
        pre = Some((ps, dps, ph, dph));
        (split, jl, jr) = (j + 1, j, j + 1);
        if T::ONE + ps + ph >= T::ZERO {
            (origin, lo, hi) = (j, T::ZERO, mid);
            tau = mid;
            valid = true;
        } else {
            for (r, &x) in dd.iter_mut().zip(d) {
                *r = x - d[j + 1];
            }
            (origin, lo, hi) = (j + 1, -mid, T::ZERO);
            tau = -mid;
        }
    } else {
        for (r, &x) in dd.iter_mut().zip(d) {
            *r = x - d[k - 1];
        }
        (origin, split, jl, jr) = (k - 1, k - 1, k - 2, k - 1);
        (lo, hi) = (T::ZERO, wsum);
        tau = wsum * half;
    }
    for _ in 0..MAXIT {
        let (ps, dps, ph, dph) = match pre.take() {
            Some(p) => p,
            None => {
                let (ps, dps) = part(&dd[..split], &w[..split], tau, &mut row[..split], fast);
                let (ph, dph) = part(&dd[split..], &w[split..], tau, &mut row[split..], fast);
                valid = true;
                (ps, dps, ph, dph)
            }
        };
        let f = T::ONE + ps + ph;
        let df = dps + dph;
        let err = T::EPS * (eight * (ps.abs() + ph.abs()) + two + three * tau.abs() * df);
        if f.abs() <= err || !f.is_finite() {
            break;
        }
        if f > T::ZERO {
            hi = tau;
        } else {
            lo = tau;
        }
        let wid = lo.abs().max_of(hi.abs());
        if hi - lo <= two * T::EPS * wid {
            break;
        }
        // Middle way: c + s/(dl − η) + S/(dr − η) = 0 with s = dl² ψ', S = dr² φ'.
        let dl = dd[jl] - tau;
        let dr = dd[jr] - tau;
        let c = f - dl * dps - dr * dph;
        let a = c * (dl + dr) + dl * dl * dps + dr * dr * dph;
        let b = dl * dr * f;
        let inside = |x: T| {
            let t = tau + x;
            t > lo && t < hi
        };
        let mut eta = None;
        if c == T::ZERO {
            if a != T::ZERO && inside(b / a) {
                eta = Some(b / a);
            }
        } else {
            let disc = a * a - two * two * c * b;
            if disc >= T::ZERO {
                let sq = disc.sqrt();
                let q = if a >= T::ZERO {
                    (a + sq) * half
                } else {
                    (a - sq) * half
                };
                let e1 = q / c;
                let e2 = if q != T::ZERO { b / q } else { e1 };
                eta = match (inside(e1), inside(e2)) {
                    (true, true) if e1.abs() <= e2.abs() => Some(e1),
                    (_, true) => Some(e2),
                    (true, false) => Some(e1),
                    (false, false) => None,
                };
            }
        }
        let eta = eta.unwrap_or_else(|| {
            let nt = -f / df;
            if inside(nt) {
                nt
            } else {
                (lo + hi) * half - tau
            }
        });
        let next = tau + eta;
        if next == tau {
            break;
        }
        tau = next;
        valid = false;
    }
    // The vectors and Löwner's products need only the reciprocals (usually left by the
    // last evaluation).
    if !valid {
        for (r, &x) in row.iter_mut().zip(dd.iter()) {
            *r = T::ONE / (x - tau);
        }
    }
    d[origin] + tau
}

/// Small float helpers.
trait MaxOf {
    /// The larger of two (the first if unordered).
    fn max_of(self, o: Self) -> Self;
}

impl<T: EighElem> MaxOf for T {
    #[inline(always)]
    fn max_of(self, o: T) -> T {
        if o > self {
            o
        } else {
            self
        }
    }
}

/// Roots `j0..j0 + lam.len()` (`lam[r]` is root `j0 + r`, `u` row `r` its `1/δ`).
fn roots_run<T: EighElem>(d: &[T], w: &[T], wsum: T, j0: usize, lam: &mut [T], u: &mut [T]) {
    /// The loop over the roots.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn body<T: EighElem>(
        d: &[T],
        w: &[T],
        wsum: T,
        j0: usize,
        lam: &mut [T],
        u: &mut [T],
        fast: bool,
    ) {
        let k = d.len();
        let mut dd = vec![T::ZERO; k];
        for (r, (l, row)) in lam.iter_mut().zip(u.chunks_exact_mut(k)).enumerate() {
            *l = root(d, w, wsum, j0 + r, row, &mut dd, fast);
        }
    }
    #[cfg(target_arch = "x86_64")]
    if super::super::wide() {
        /// [`body`] compiled for AVX-512 (the passes over a row other than the sums).
        #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
        unsafe fn wide<T: EighElem>(d: &[T], w: &[T], s: T, j0: usize, l: &mut [T], u: &mut [T]) {
            body(d, w, s, j0, l, u, true)
        }
        // SAFETY: the CPU has AVX-512F/VL/DQ and FMA (`wide()`).
        unsafe { wide(d, w, wsum, j0, lam, u) };
        return;
    }
    body(d, w, wsum, j0, lam, u, false);
}

/// `prod[i] *= Π_{j in rows} (d_i − d_j) / δ_ij` (`1/δ_ii` alone) for the rows of `u`
/// (`1/δ`) starting at root `j0`: multiplications only.
fn lowner_run<T: EighElem>(d: &[T], j0: usize, u: &[T], prod: &mut [T]) {
    /// The loop over the rows.
    #[inline(always)]
    fn body<T: EighElem>(d: &[T], j0: usize, u: &[T], prod: &mut [T]) {
        let k = d.len();
        for (r, row) in u.chunks_exact(k).enumerate() {
            let j = j0 + r;
            let dj = d[j];
            for ((p, &x), &di) in prod[..j].iter_mut().zip(&row[..j]).zip(&d[..j]) {
                *p *= x * (di - dj);
            }
            prod[j] *= row[j];
            for ((p, &x), &di) in prod[j + 1..].iter_mut().zip(&row[j + 1..]).zip(&d[j + 1..]) {
                *p *= x * (di - dj);
            }
        }
    }
    #[cfg(target_arch = "x86_64")]
    if super::super::wide() {
        /// [`body`] compiled for AVX-512.
        #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
        unsafe fn wide<T: EighElem>(d: &[T], j0: usize, u: &[T], prod: &mut [T]) {
            body(d, j0, u, prod)
        }
        // SAFETY: the CPU has AVX-512F/VL/DQ and FMA (`wide()`).
        unsafe { wide(d, j0, u, prod) };
        return;
    }
    body(d, j0, u, prod);
}

/// Rows of `u` (each `1/δ` of one root) become the normalized vectors `ẑ_i / δ_ij`, entry
/// `i` stored at `pos[i]`; false if one is not finite.
fn vectors_run<T: EighElem>(zh: &[T], pos: &[usize], u: &mut [T]) -> bool {
    /// The loop over the rows.
    #[inline(always)]
    fn body<T: EighElem>(zh: &[T], pos: &[usize], u: &mut [T]) -> bool {
        let k = zh.len();
        let mut tmp = vec![T::ZERO; k];
        let mut ok = true;
        for row in u.chunks_exact_mut(k) {
            for (t, (&z, &x)) in tmp.iter_mut().zip(zh.iter().zip(row.iter())) {
                *t = z * x;
            }
            let mut s = [T::ZERO; 8];
            let tc = tmp.chunks_exact(8);
            let mut s0 = T::ZERO;
            for &v in tc.remainder() {
                s0 += v * v;
            }
            for c in tc {
                for l in 0..8 {
                    s[l] += c[l] * c[l];
                }
            }
            for v in s {
                s0 += v;
            }
            // A NaN or infinite entry makes the sum of squares so.
            ok &= s0.is_finite();
            let inv = T::ONE / s0.sqrt();
            for (&p, &v) in pos.iter().zip(&tmp) {
                row[p] = v * inv;
            }
        }
        ok
    }
    #[cfg(target_arch = "x86_64")]
    if super::super::wide() {
        /// [`body`] compiled for AVX-512.
        #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
        unsafe fn wide<T: EighElem>(zh: &[T], pos: &[usize], u: &mut [T]) -> bool {
            body(zh, pos, u)
        }
        // SAFETY: the CPU has AVX-512F/VL/DQ and FMA (`wide()`).
        return unsafe { wide(zh, pos, u) };
    }
    body(zh, pos, u)
}

/// Roots `lam` of the secular equation of `D + ρ z z^T` (`d` strictly increasing, `z`
/// without zeros, `ρ > 0`, `K = d.len() >= 1`) and in row `j` of `u` (`K x K`) the unit
/// eigenvector of root `j`, entry `i` at column `pos[i]`. `Err` if a root is not finite.
pub(super) fn solve<T: EighElem>(
    d: &[T],
    z: &[T],
    rho: T,
    lam: &mut [T],
    u: &mut [T],
    pos: &[usize],
    par: bool,
) -> Result<(), ()> {
    let k = d.len();
    if k == 1 {
        lam[0] = d[0] + rho * z[0] * z[0];
        u[0] = T::ONE;
        return if lam[0].is_finite() { Ok(()) } else { Err(()) };
    }
    let u = &mut u[..k * k];
    let w: Vec<T> = z.iter().map(|&x| rho * x * x).collect();
    let wsum = w.iter().fold(T::ZERO, |s, &x| s + x);
    let par = par && k >= PAR_K;
    let h = k / 2;
    if par {
        let (l1, l2) = lam.split_at_mut(h);
        let (u1, u2) = u.split_at_mut(h * k);
        let w = &w;
        rayon::join(
            || roots_run(d, w, wsum, 0, l1, u1),
            || roots_run(d, w, wsum, h, l2, u2),
        );
    } else {
        roots_run(d, &w, wsum, 0, lam, u);
    }
    if !lam.iter().all(|x| x.is_finite()) {
        return Err(());
    }
    // Löwner: ẑ_i from the computed δ (the scale, ρ, cancels in the normalization):
    // `prod` is 1/ẑ_i², up to that scale.
    let mut prod = vec![T::ONE; k];
    if par {
        let mut p2 = vec![T::ONE; k];
        let (u1, u2) = u.split_at(h * k);
        rayon::join(
            || lowner_run(d, 0, u1, &mut prod),
            || lowner_run(d, h, u2, &mut p2),
        );
        for (p, q) in prod.iter_mut().zip(&p2) {
            *p *= *q;
        }
    } else {
        lowner_run(d, 0, u, &mut prod);
    }
    let zh: Vec<T> = prod
        .iter()
        .zip(z)
        .map(|(&p, &zi)| {
            let a = (T::ONE / p.abs()).sqrt();
            if zi < T::ZERO {
                -a
            } else {
                a
            }
        })
        .collect();
    let ok = if par {
        let (u1, u2) = u.split_at_mut(h * k);
        let (a, b) = rayon::join(|| vectors_run(&zh, pos, u1), || vectors_run(&zh, pos, u2));
        a && b
    } else {
        vectors_run(&zh, pos, u)
    };
    if ok {
        Ok(())
    } else {
        Err(())
    }
}
