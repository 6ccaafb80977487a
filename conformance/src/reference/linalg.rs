//! Reference linear algebra: textbook algorithms on `Complex<f64>` (real input is complex
//! with zero imaginary parts), results rounded once to the output dtype. Matmul of
//! integers is exact in `i128` and wraps to the dtype.
//!
//! - LU with partial pivoting: `det`, `slogdet`, `inv`, `solve` (an exactly zero pivot is
//!   singular, as LAPACK's `getrf` reports it);
//! - Cholesky–Banachiewicz; Householder QR;
//! - cyclic Jacobi on the real symmetric embedding `[[Re, -Im], [Im, Re]]` for `eigh`;
//! - SVD from `eigh(A^H A)` (singular values to `eps * s_max` absolute accuracy);
//! - `eig`: shifted QR iterations with deflation, eigenvectors by inverse iteration.

// Textbook index loops read closest to the formulas they implement.
#![allow(clippy::needless_range_loop)]

use super::{backend_error, read_host, RefStorage, Reference};
use array_api::{
    with_dtype, DType, Element, Error, Factor, HostData, Layout, LinalgOps, Result, Scalar,
    VectorReduction,
};
use num_complex::Complex64 as C;
use std::sync::Arc;

type M = Vec<Vec<C>>;

fn zero() -> C {
    C::new(0.0, 0.0)
}
fn one() -> C {
    C::new(1.0, 0.0)
}
fn eye(n: usize) -> M {
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| if i == j { one() } else { zero() })
                .collect()
        })
        .collect()
}

/// The view's elements as `Complex<f64>` in C order.
fn values(s: &RefStorage, l: &Layout, dtype: DType) -> Result<Vec<C>> {
    let h = read_host(s, l, dtype)?;
    Ok((0..h.len())
        .map(|i| match h.get(i) {
            Some(Scalar::Complex(z)) => z,
            Some(Scalar::Float(f)) => C::new(f, 0.0),
            Some(Scalar::Int(v)) => C::new(v as f64, 0.0),
            Some(Scalar::Bool(b)) => C::new(b as u8 as f64, 0.0),
            _ => zero(),
        })
        .collect())
}

/// `Complex<f64>` values rounded once to `dtype` (the real part for real dtypes).
fn store(v: &[C], dtype: DType) -> Result<RefStorage> {
    let h: HostData = with_dtype!(dtype, T => {
        T::into_host(v.iter().map(|z| if dtype.is_complex() { T::from_scalar(Scalar::Complex(*z)) } else { T::from_scalar(Scalar::Float(z.re)) }).collect())
    }, else => return Err(backend_error(format!("linalg: unsupported dtype {dtype}"))));
    Ok(RefStorage(Arc::new(h)))
}

/// The matrices of a stack `(..., m, n)` of C-order values.
fn split(v: &[C], shape: &[usize]) -> (Vec<usize>, Vec<M>) {
    let nd = shape.len();
    let (m, n) = (shape[nd - 2], shape[nd - 1]);
    let batch = shape[..nd - 2].to_vec();
    let count: usize = batch.iter().product();
    let mats = (0..count)
        .map(|b| {
            (0..m)
                .map(|i| (0..n).map(|j| v[b * m * n + i * n + j]).collect())
                .collect()
        })
        .collect();
    (batch, mats)
}

fn flat(mats: &[M]) -> Vec<C> {
    mats.iter().flatten().flatten().copied().collect()
}

fn mul(a: &M, b: &M) -> M {
    let (m, k) = (a.len(), b.len());
    let n = b.first().map_or(0, |r| r.len());
    (0..m)
        .map(|i| {
            (0..n)
                .map(|j| (0..k).fold(zero(), |s, p| s + a[i][p] * b[p][j]))
                .collect()
        })
        .collect()
}

fn adjoint(a: &M, rows: usize, cols: usize) -> M {
    (0..cols)
        .map(|j| (0..rows).map(|i| a[i][j].conj()).collect())
        .collect()
}

/// LU with partial pivoting: `(lu, perm, swaps, singular)`.
fn lu(a: &M) -> (M, Vec<usize>, usize, bool) {
    let n = a.len();
    let mut a = a.clone();
    let mut perm: Vec<usize> = (0..n).collect();
    let mut swaps = 0;
    let mut singular = false;
    for k in 0..n {
        let p = (k..n)
            .max_by(|&i, &j| a[i][k].norm().total_cmp(&a[j][k].norm()))
            .unwrap_or(k);
        if a[p][k] == zero() {
            singular = true;
            continue;
        }
        if p != k {
            a.swap(p, k);
            perm.swap(p, k);
            swaps += 1;
        }
        for i in k + 1..n {
            let f = a[i][k] / a[k][k];
            a[i][k] = f;
            for j in k + 1..n {
                let t = a[k][j];
                a[i][j] -= f * t;
            }
        }
    }
    (a, perm, swaps, singular)
}

fn lu_solve(lu: &M, perm: &[usize], b: &M) -> M {
    let n = lu.len();
    let k = b.first().map_or(0, |r| r.len());
    let mut x: M = perm.iter().map(|&p| b[p].clone()).collect();
    for c in 0..k {
        for i in 0..n {
            for j in 0..i {
                let t = x[j][c];
                x[i][c] -= lu[i][j] * t;
            }
        }
        for i in (0..n).rev() {
            for j in i + 1..n {
                let t = x[j][c];
                x[i][c] -= lu[i][j] * t;
            }
            x[i][c] /= lu[i][i];
        }
    }
    x
}

fn slogdet(a: &M) -> (C, f64) {
    let (lu, _, swaps, singular) = lu(a);
    if singular {
        return (zero(), f64::NEG_INFINITY);
    }
    let mut s = if swaps % 2 == 0 { one() } else { -one() };
    let mut l = 0.0;
    for (i, row) in lu.iter().enumerate() {
        let d = row[i];
        s *= d / d.norm();
        l += d.norm().ln();
    }
    (s, l)
}

/// Householder QR: complete `Q (m x m)` and `R (m x n)`.
fn householder_qr(a: &M, m: usize, n: usize) -> (M, M) {
    let mut r = a.clone();
    let mut q = eye(m);
    for k in 0..m.min(n) {
        let norm = (k..m).map(|i| r[i][k].norm_sqr()).sum::<f64>().sqrt();
        if norm == 0.0 {
            continue;
        }
        let x0 = r[k][k];
        let phase = if x0 == zero() { one() } else { x0 / x0.norm() };
        let mut v: Vec<C> = (k..m).map(|i| r[i][k]).collect();
        v[0] += phase * norm;
        let vn = v.iter().map(|z| z.norm_sqr()).sum::<f64>();
        if vn == 0.0 {
            continue;
        }
        // H = I - 2 v v^H / (v^H v), applied to R from the left and to Q from the right.
        for j in 0..n {
            let s = (k..m).fold(zero(), |s, i| s + v[i - k].conj() * r[i][j]) * (2.0 / vn);
            for i in k..m {
                r[i][j] -= v[i - k] * s;
            }
        }
        for row in q.iter_mut() {
            let s = (k..m).fold(zero(), |s, i| s + row[i] * v[i - k]) * (2.0 / vn);
            for i in k..m {
                row[i] -= s * v[i - k].conj();
            }
        }
    }
    for (i, row) in r.iter_mut().enumerate() {
        for (j, x) in row.iter_mut().enumerate() {
            if j < i {
                *x = zero();
            }
        }
    }
    (q, r)
}

/// Hermitian eigendecomposition (lower triangle read): ascending `w`, eigenvector columns.
fn eigh(a: &M) -> (Vec<f64>, M) {
    let n = a.len();
    let h = |i: usize, j: usize| if i >= j { a[i][j] } else { a[j][i].conj() };
    let nn = 2 * n;
    let mut s = vec![vec![0.0f64; nn]; nn];
    for i in 0..n {
        for j in 0..n {
            let z = h(i, j);
            s[i][j] = z.re;
            s[i + n][j + n] = z.re;
            s[i][j + n] = -z.im;
            s[i + n][j] = z.im;
        }
    }
    let mut v = vec![vec![0.0f64; nn]; nn];
    for (i, row) in v.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    for _sweep in 0..100 {
        let off: f64 = (0..nn)
            .flat_map(|i| (0..nn).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| s[i][j] * s[i][j])
            .sum();
        let total: f64 = s.iter().flatten().map(|x| x * x).sum();
        if off <= 1e-30 * total || off == 0.0 {
            break;
        }
        for p in 0..nn {
            for q in p + 1..nn {
                if s[p][q] == 0.0 {
                    continue;
                }
                let theta = (s[q][q] - s[p][p]) / (2.0 * s[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let sn = t * c;
                for k in 0..nn {
                    let (skp, skq) = (s[k][p], s[k][q]);
                    s[k][p] = c * skp - sn * skq;
                    s[k][q] = sn * skp + c * skq;
                }
                for k in 0..nn {
                    let (spk, sqk) = (s[p][k], s[q][k]);
                    s[p][k] = c * spk - sn * sqk;
                    s[q][k] = sn * spk + c * sqk;
                }
                for row in v.iter_mut() {
                    let (vp, vq) = (row[p], row[q]);
                    row[p] = c * vp - sn * vq;
                    row[q] = sn * vp + c * vq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..nn).collect();
    order.sort_by(|&i, &j| s[i][i].total_cmp(&s[j][j]));
    // Each eigenvalue appears twice; keep one of each pair, mapping [x; y] to x + i y and
    // orthogonalising against the vectors already kept.
    let mut w = Vec::with_capacity(n);
    let mut cols: Vec<Vec<C>> = Vec::with_capacity(n);
    for &c in &order {
        if cols.len() == n {
            break;
        }
        let mut z: Vec<C> = (0..n).map(|i| C::new(v[i][c], v[i + n][c])).collect();
        for u in &cols {
            let d = (0..n).fold(zero(), |s, i| s + u[i].conj() * z[i]);
            for i in 0..n {
                z[i] -= d * u[i];
            }
        }
        let nz = z.iter().map(|x| x.norm_sqr()).sum::<f64>().sqrt();
        if nz < 1e-6 {
            continue;
        }
        cols.push(z.iter().map(|x| x / nz).collect());
        w.push(s[c][c]);
    }
    let vecs = (0..n)
        .map(|i| (0..n).map(|j| cols[j][i]).collect())
        .collect();
    (w, vecs)
}

/// Completes orthonormal columns `cols` (each of length `m`) to `target` columns.
fn complete(mut cols: Vec<Vec<C>>, m: usize, target: usize) -> Vec<Vec<C>> {
    let mut e = 0;
    while cols.len() < target && e < m {
        let mut z: Vec<C> = (0..m)
            .map(|i| if i == e { one() } else { zero() })
            .collect();
        for _ in 0..2 {
            for u in &cols {
                let d = (0..m).fold(zero(), |s, i| s + u[i].conj() * z[i]);
                for i in 0..m {
                    z[i] -= d * u[i];
                }
            }
        }
        let nz = z.iter().map(|x| x.norm_sqr()).sum::<f64>().sqrt();
        if nz > 1e-8 {
            cols.push(z.iter().map(|x| x / nz).collect());
        }
        e += 1;
    }
    cols
}

/// SVD from `eigh(A^H A)`: `(U m x ku, s, Vh kv x n)`.
fn svd(a: &M, m: usize, n: usize, full: bool) -> (M, Vec<f64>, M) {
    let k = m.min(n);
    if k == 0 {
        let u = if full { eye(m) } else { vec![Vec::new(); m] };
        let vh = if full { eye(n) } else { Vec::new() };
        return (u, Vec::new(), vh);
    }
    let ah = adjoint(a, m, n);
    let (w, v) = eigh(&mul(&ah, a));
    // Descending singular values and their right vectors.
    let mut s = Vec::with_capacity(k);
    let mut vcols: Vec<Vec<C>> = Vec::new();
    let mut ucols: Vec<Vec<C>> = Vec::new();
    for idx in (0..n).rev().take(k) {
        let sv = w[idx].max(0.0).sqrt();
        s.push(sv);
        let vc: Vec<C> = (0..n).map(|i| v[i][idx]).collect();
        let av: Vec<C> = (0..m)
            .map(|i| (0..n).fold(zero(), |acc, j| acc + a[i][j] * vc[j]))
            .collect();
        let na = av.iter().map(|x| x.norm_sqr()).sum::<f64>().sqrt();
        vcols.push(vc);
        if na > 1e-300 && sv > 0.0 {
            ucols.push(av.iter().map(|x| x / na).collect());
        }
    }
    let ucols = complete(ucols, m, if full { m } else { k });
    if full {
        for idx in (0..n).rev().skip(k) {
            vcols.push((0..n).map(|i| v[i][idx]).collect());
        }
    }
    let u: M = (0..m)
        .map(|i| ucols.iter().map(|c| c[i]).collect())
        .collect();
    let vh: M = vcols
        .iter()
        .map(|c| c.iter().map(|x| x.conj()).collect())
        .collect();
    (u, s, vh)
}

/// Eigenvalues of a general matrix by shifted QR iterations with deflation.
fn eigvals(a: &M) -> std::result::Result<Vec<C>, String> {
    let mut h = a.clone();
    let mut n = h.len();
    let mut out = Vec::with_capacity(n);
    let mut iters = 0;
    while n > 0 {
        if n == 1 {
            out.push(h[0][0]);
            break;
        }
        let scale: f64 = h
            .iter()
            .flatten()
            .map(|z| z.norm())
            .fold(0.0, f64::max)
            .max(1e-300);
        let last_off = (0..n - 1).map(|j| h[n - 1][j].norm()).fold(0.0, f64::max);
        if last_off <= 1e-15 * scale {
            out.push(h[n - 1][n - 1]);
            n -= 1;
            h = h[..n].iter().map(|r| r[..n].to_vec()).collect();
            iters = 0;
            continue;
        }
        iters += 1;
        if iters > 10_000 {
            return Err("did not converge (eig)".into());
        }
        // Wilkinson shift from the trailing 2x2 block; an exceptional shift now and then.
        let (p, q, r, s) = (
            h[n - 2][n - 2],
            h[n - 2][n - 1],
            h[n - 1][n - 2],
            h[n - 1][n - 1],
        );
        let tr = p + s;
        let det = p * s - q * r;
        let disc = (tr * tr - det * 4.0).sqrt();
        let (l1, l2) = ((tr + disc) / 2.0, (tr - disc) / 2.0);
        let mut mu = if (l1 - s).norm() < (l2 - s).norm() {
            l1
        } else {
            l2
        };
        if iters % 11 == 0 {
            mu += C::new(last_off, last_off * 0.5);
        }
        let shifted: M = (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| if i == j { h[i][j] - mu } else { h[i][j] })
                    .collect()
            })
            .collect();
        let (qm, rm) = householder_qr(&shifted, n, n);
        h = mul(&rm, &qm);
        for (i, row) in h.iter_mut().enumerate() {
            row[i] += mu;
        }
    }
    Ok(out)
}

/// A unit eigenvector for `lambda` by inverse iteration.
fn eigvec(a: &M, lambda: C) -> Vec<C> {
    let n = a.len();
    let scale: f64 = a
        .iter()
        .flatten()
        .map(|z| z.norm())
        .fold(0.0, f64::max)
        .max(1e-300);
    let eps = scale * 1e-10;
    let shifted: M = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    if i == j {
                        a[i][j] - lambda - eps
                    } else {
                        a[i][j]
                    }
                })
                .collect()
        })
        .collect();
    let (lu, perm, _, singular) = lu(&shifted);
    let mut x: M = (0..n).map(|i| vec![C::new(1.0, 0.1 * i as f64)]).collect();
    if singular {
        return x.iter().map(|r| r[0] / (n as f64).sqrt()).collect();
    }
    for _ in 0..3 {
        x = lu_solve(&lu, &perm, &x);
        let nx = x.iter().map(|r| r[0].norm_sqr()).sum::<f64>().sqrt();
        for r in x.iter_mut() {
            r[0] /= nx;
        }
    }
    x.iter().map(|r| r[0]).collect()
}

fn one_factor(op: Factor, a: &M, m: usize, n: usize) -> std::result::Result<Vec<Vec<C>>, String> {
    let k = m.min(n);
    Ok(match op {
        Factor::Cholesky { upper } => {
            let mut l = vec![vec![zero(); n]; n];
            for i in 0..n {
                for j in 0..=i {
                    let s = (0..j).fold(zero(), |s, p| s + l[i][p] * l[j][p].conj());
                    if i == j {
                        let d = a[i][i].re - s.re;
                        if d.is_nan() || d <= 0.0 {
                            return Err("is not positive definite".into());
                        }
                        l[i][i] = C::new(d.sqrt(), 0.0);
                    } else {
                        l[i][j] = (a[i][j] - s) / l[j][j];
                    }
                }
            }
            let f = if upper { adjoint(&l, n, n) } else { l };
            vec![flat(&[f])]
        }
        Factor::Inv => {
            let (lu, perm, _, singular) = lu(a);
            if singular {
                return Err("is singular".into());
            }
            vec![flat(&[lu_solve(&lu, &perm, &eye(n))])]
        }
        Factor::Det => {
            let (s, l) = slogdet(a);
            vec![vec![s * l.exp()]]
        }
        Factor::Slogdet => {
            let (s, l) = slogdet(a);
            vec![vec![s], vec![C::new(l, 0.0)]]
        }
        Factor::Qr { complete } => {
            let (q, r) = householder_qr(a, m, n);
            let kq = if complete { m } else { k };
            let q: M = q.iter().map(|row| row[..kq].to_vec()).collect();
            let r: M = r[..kq].to_vec();
            vec![flat(&[q]), flat(&[r])]
        }
        Factor::Svd {
            full_matrices,
            compute_uv,
        } => {
            let (u, s, vh) = svd(a, m, n, full_matrices);
            let s: Vec<C> = s.iter().map(|&x| C::new(x, 0.0)).collect();
            if compute_uv {
                vec![flat(&[u]), s, flat(&[vh])]
            } else {
                vec![s]
            }
        }
        Factor::Eigh { vectors } => {
            let (w, v) = eigh(a);
            let w: Vec<C> = w.iter().map(|&x| C::new(x, 0.0)).collect();
            if vectors {
                vec![w, flat(&[v])]
            } else {
                vec![w]
            }
        }
        Factor::Eig { vectors } => {
            let w = eigvals(a)?;
            if vectors {
                let cols: Vec<Vec<C>> = w.iter().map(|&l| eigvec(a, l)).collect();
                let v: M = (0..n)
                    .map(|i| (0..n).map(|j| cols[j][i]).collect())
                    .collect();
                vec![w, flat(&[v])]
            } else {
                vec![w]
            }
        }
    })
}

fn op_name(op: Factor) -> &'static str {
    match op {
        Factor::Cholesky { .. } => "linalg.cholesky",
        Factor::Inv => "linalg.inv",
        Factor::Det => "linalg.det",
        Factor::Slogdet => "linalg.slogdet",
        Factor::Qr { .. } => "linalg.qr",
        Factor::Svd { .. } => "linalg.svd",
        Factor::Eigh { .. } => "linalg.eigh",
        Factor::Eig { .. } => "linalg.eig",
    }
}

/// The output dtypes of `op` on `dtype`.
fn out_dtypes(op: Factor, dtype: DType) -> Vec<DType> {
    let r = dtype.real_dtype();
    let c = dtype.complex_dtype().unwrap_or(DType::Complex128);
    match op {
        Factor::Cholesky { .. } | Factor::Inv | Factor::Det => vec![dtype],
        Factor::Slogdet => vec![dtype, r],
        Factor::Qr { .. } => vec![dtype, dtype],
        Factor::Svd {
            compute_uv: true, ..
        } => vec![dtype, r, dtype],
        Factor::Svd { .. } => vec![r],
        Factor::Eigh { vectors: true } => vec![r, dtype],
        Factor::Eigh { .. } => vec![r],
        Factor::Eig { vectors: true } => vec![c, c],
        Factor::Eig { .. } => vec![c],
    }
}

fn wrap_int(v: i128, dtype: DType) -> Result<Scalar> {
    // `from_scalar` of an out-of-range integer wraps (C casts), as matmul requires.
    Ok(
        with_dtype!(dtype, T => T::from_scalar(Scalar::Int(v)).to_scalar(), else => return Err(backend_error("matmul: bad dtype"))),
    )
}

impl LinalgOps for Reference {
    fn matmul(
        &self,
        a: &RefStorage,
        a_layout: &Layout,
        b: &RefStorage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<RefStorage> {
        let sa = a_layout.shape().to_vec();
        let sb = b_layout.shape().to_vec();
        let nd = sa.len();
        if nd < 2 || sb.len() != nd || sa[..nd - 2] != sb[..nd - 2] || sa[nd - 1] != sb[nd - 2] {
            return Err(backend_error("matmul: stacks are not aligned"));
        }
        let (m, k, n) = (sa[nd - 2], sa[nd - 1], sb[nd - 1]);
        let mut out_shape = sa[..nd - 2].to_vec();
        out_shape.extend([m, n]);
        let ha = read_host(a, a_layout, dtype)?;
        let hb = read_host(b, b_layout, dtype)?;
        let count: usize = sa[..nd - 2].iter().product();
        if dtype.is_integer() {
            let get = |h: &HostData, i: usize| match h.get(i) {
                Some(Scalar::Int(v)) => v,
                _ => 0,
            };
            let mut out = Vec::with_capacity(count * m * n);
            for bi in 0..count {
                for i in 0..m {
                    for j in 0..n {
                        let mut s: i128 = 0;
                        for p in 0..k {
                            let x = get(&ha, bi * m * k + i * k + p);
                            let y = get(&hb, bi * k * n + p * n + j);
                            s = s.wrapping_add(x.wrapping_mul(y));
                        }
                        out.push(wrap_int(s, dtype)?);
                    }
                }
            }
            let h = with_dtype!(dtype, T => T::into_host(out.iter().map(|s| T::from_scalar(*s)).collect()), else => return Err(backend_error("matmul: bad dtype")));
            return Ok(RefStorage(Arc::new(h)));
        }
        if !dtype.is_floating() {
            return Err(Error::UnsupportedDType {
                op: "matmul",
                dtype,
                backend: "reference".into(),
            });
        }
        let va = values(a, a_layout, dtype)?;
        let vb = values(b, b_layout, dtype)?;
        let mut out = Vec::with_capacity(count * m * n);
        for bi in 0..count {
            for i in 0..m {
                for j in 0..n {
                    let mut s = zero();
                    for p in 0..k {
                        s += va[bi * m * k + i * k + p] * vb[bi * k * n + p * n + j];
                    }
                    out.push(s);
                }
            }
        }
        store(&out, dtype)
    }

    fn factor(
        &self,
        op: Factor,
        x: &RefStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<Vec<RefStorage>> {
        if !dtype.is_floating() {
            return Err(backend_error(format!("{}: dtype {dtype}", op_name(op))));
        }
        let shape = layout.shape();
        let nd = shape.len();
        if nd < 2 {
            return Err(backend_error("factor: needs a stack of matrices"));
        }
        let (m, n) = (shape[nd - 2], shape[nd - 1]);
        let (batch, mats) = split(&values(x, layout, dtype)?, shape);
        let dts = out_dtypes(op, dtype);
        let mut outs: Vec<Vec<C>> = vec![Vec::new(); dts.len()];
        for (bi, a) in mats.iter().enumerate() {
            let r =
                one_factor(op, a, m, n).map_err(|e| Error::linalg(op_name(op), &batch, bi, e))?;
            for (o, v) in outs.iter_mut().zip(r) {
                o.extend(v);
            }
        }
        outs.iter().zip(dts).map(|(v, d)| store(v, d)).collect()
    }

    fn solve(
        &self,
        a: &RefStorage,
        a_layout: &Layout,
        b: &RefStorage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<RefStorage> {
        let (batch, am) = split(&values(a, a_layout, dtype)?, a_layout.shape());
        let (_, bm) = split(&values(b, b_layout, dtype)?, b_layout.shape());
        let mut out = Vec::new();
        for (bi, (a, b)) in am.iter().zip(&bm).enumerate() {
            let (lu, perm, _, singular) = lu(a);
            if singular && !a.is_empty() {
                return Err(Error::linalg("linalg.solve", &batch, bi, "is singular"));
            }
            out.extend(flat(&[lu_solve(&lu, &perm, b)]));
        }
        store(&out, dtype)
    }

    fn reduce_last(
        &self,
        op: VectorReduction,
        x: &RefStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<RefStorage> {
        let shape = layout.shape();
        let nd = shape.len();
        if nd == 0 {
            return Err(backend_error("reduce_last: needs an axis"));
        }
        let k = shape[nd - 1];
        let lanes: usize = shape[..nd - 1].iter().product();
        if let VectorReduction::Sum = op {
            if dtype.is_integer() {
                let h = read_host(x, layout, dtype)?;
                let mut out = Vec::with_capacity(lanes);
                for l in 0..lanes {
                    let s = (0..k).fold(0i128, |s, i| match h.get(l * k + i) {
                        Some(Scalar::Int(v)) => s.wrapping_add(v),
                        _ => s,
                    });
                    out.push(wrap_int(s, dtype)?);
                }
                let h = with_dtype!(dtype, T => T::into_host(out.iter().map(|s| T::from_scalar(*s)).collect()), else => return Err(backend_error("sum: bad dtype")));
                return Ok(RefStorage(Arc::new(h)));
            }
        }
        let v = values(x, layout, dtype)?;
        let mut out = Vec::with_capacity(lanes);
        for l in 0..lanes {
            let lane = &v[l * k..(l + 1) * k];
            out.push(match op {
                VectorReduction::Sum => lane.iter().fold(zero(), |s, z| s + z),
                VectorReduction::Norm(ord) => {
                    let mags = lane.iter().map(|z| z.norm());
                    let r = if ord == f64::INFINITY {
                        mags.fold(0.0, |m: f64, a| {
                            if a.is_nan() || m.is_nan() {
                                f64::NAN
                            } else {
                                m.max(a)
                            }
                        })
                    } else if ord == f64::NEG_INFINITY {
                        mags.fold(f64::INFINITY, |m: f64, a| {
                            if a.is_nan() || m.is_nan() {
                                f64::NAN
                            } else {
                                m.min(a)
                            }
                        })
                    } else if ord == 0.0 {
                        mags.filter(|&a| a != 0.0).count() as f64
                    } else {
                        // Scale by the largest magnitude so squares neither overflow nor
                        // underflow.
                        let big = lane.iter().map(|z| z.norm()).fold(0.0, f64::max);
                        if lane.is_empty() && ord < 0.0 {
                            f64::INFINITY
                        } else if big == 0.0 || !big.is_finite() {
                            big
                        } else {
                            big * mags
                                .map(|a| (a / big).powf(ord))
                                .sum::<f64>()
                                .powf(1.0 / ord)
                        }
                    };
                    C::new(r, 0.0)
                }
            });
        }
        let od = match op {
            VectorReduction::Sum => dtype,
            VectorReduction::Norm(_) => dtype.real_dtype(),
        };
        store(&out, od)
    }
}
