//! Factorizations and solves, one matrix at a time (in parallel over the stack): by xp's
//! own kernels where [`super::dense`] has them (`f32`/`f64` LU, Cholesky, QR, `eigh` /
//! `eigvalsh`), else with faer.
//!
//! On faer's path each matrix is copied into a faer `Mat` (any input strides), factored,
//! and its outputs are written in C order. Derived quantities (determinants, signs, eigenvector
//! normalisation) are computed in `f64` / `Complex<f64>` and rounded once.

use super::dense::Own;
use super::Stack;
use crate::storage::{check_layout, unsupported};
use crate::CpuStorage;
use array_api::{Complex32, Complex64, DType, Element, Error, Factor, Layout, Result};
use faer::linalg::solvers::Solve;
use faer::traits::{ComplexField, Conjugate};
use faer::{Mat, MatRef, Side};
use rayon::prelude::*;

/// The float element types faer factors, with conversions to and from `Complex<f64>`.
pub(crate) trait Lin: Element + ComplexField + Conjugate<Canonical = Self> {
    /// The real counterpart.
    type R: Element;
    /// The complex counterpart.
    type C: Element;
    fn to_c(self) -> Complex64;
    fn from_c(z: Complex64) -> Self;
    fn r_from(x: f64) -> Self::R;
    fn c_from(z: Complex64) -> Self::C;
    /// `faer`'s real type (`Self::Real`) to `f64`.
    fn real_f64(x: Self::Real) -> f64;
}

macro_rules! lin {
    ($t:ty, $r:ty, $c:ty, |$z:ident| $from:expr, |$x:ident| $to:expr, |$w:ident| $cf:expr) => {
        impl Lin for $t {
            type R = $r;
            type C = $c;
            fn to_c(self) -> Complex64 {
                let $x = self;
                $to
            }
            fn from_c($z: Complex64) -> Self {
                $from
            }
            fn r_from(x: f64) -> $r {
                x as $r
            }
            fn c_from($w: Complex64) -> $c {
                $cf
            }
            fn real_f64(x: Self::Real) -> f64 {
                x as f64
            }
        }
    };
}
lin!(
    f32,
    f32,
    Complex32,
    |z| z.re as f32,
    |x| Complex64::new(x as f64, 0.0),
    |w| Complex32::new(w.re as f32, w.im as f32)
);
lin!(
    f64,
    f64,
    Complex64,
    |z| z.re,
    |x| Complex64::new(x, 0.0),
    |w| w
);
lin!(
    Complex32,
    f32,
    Complex32,
    |z| Complex32::new(z.re as f32, z.im as f32),
    |x| Complex64::new(x.re as f64, x.im as f64),
    |w| Complex32::new(w.re as f32, w.im as f32)
);
lin!(Complex64, f64, Complex64, |z| z, |x| x, |w| w);

/// One matrix's outputs, before concatenation over the stack.
pub(super) enum Out<T: Lin> {
    T(Vec<T>),
    R(Vec<T::R>),
    C(Vec<T::C>),
}

impl<T: Lin> Out<T> {
    /// The output as CPU storage (no copy).
    fn into_storage(self) -> CpuStorage {
        match self {
            Out::T(v) => CpuStorage::from_vec(v),
            Out::R(v) => CpuStorage::from_vec(v),
            Out::C(v) => CpuStorage::from_vec(v),
        }
    }
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

fn read<T: Lin>(data: &[T], s: &Stack, bi: usize) -> Mat<T> {
    Mat::from_fn(s.m, s.n, |i, j| data[s.at(bi, i, j)])
}

fn rows<T: Copy>(m: MatRef<'_, T>) -> Vec<T> {
    let mut v = Vec::with_capacity(m.nrows() * m.ncols());
    for i in 0..m.nrows() {
        for j in 0..m.ncols() {
            v.push(m[(i, j)]);
        }
    }
    v
}

fn identity<T: Lin>(n: usize) -> Vec<T> {
    let mut v = vec![T::from_c(Complex64::new(0.0, 0.0)); n * n];
    for i in 0..n {
        v[i * n + i] = T::from_c(Complex64::new(1.0, 0.0));
    }
    v
}

/// `(sign, ln|det|, singular)` from an LU factorization, in `Complex<f64>` / `f64`.
fn lu_slogdet<T: Lin>(a: MatRef<'_, T>) -> (Complex64, f64) {
    let n = a.nrows();
    if n == 0 {
        return (Complex64::new(1.0, 0.0), 0.0);
    }
    let lu = a.partial_piv_lu();
    let u = lu.U();
    let mut sign = Complex64::new(1.0, 0.0);
    let mut log = 0.0f64;
    for i in 0..n {
        let d = u[(i, i)].to_c();
        let r = d.norm();
        if r == 0.0 {
            return (Complex64::new(0.0, 0.0), f64::NEG_INFINITY);
        }
        sign *= d / r;
        log += r.ln();
    }
    // The permutation's parity: count transpositions by following cycles.
    let (fwd, _) = lu.P().arrays();
    let mut seen = vec![false; n];
    for s in 0..n {
        if seen[s] {
            continue;
        }
        let mut len = 0;
        let mut i = s;
        while !seen[i] {
            seen[i] = true;
            i = fwd[i];
            len += 1;
        }
        if len % 2 == 0 {
            sign = -sign;
        }
    }
    (sign, log)
}

fn singular_lu<T: Lin>(u: MatRef<'_, T>) -> bool {
    (0..u.nrows()).any(|i| u[(i, i)].to_c() == Complex64::new(0.0, 0.0))
}

/// Normalises each column of an `n x n` complex row-major matrix to unit 2-norm.
fn normalise_columns(v: &mut [Complex64], n: usize) {
    for j in 0..n {
        let norm = (0..n).map(|i| v[i * n + j].norm_sqr()).sum::<f64>().sqrt();
        if norm > 0.0 {
            for i in 0..n {
                v[i * n + j] /= norm;
            }
        }
    }
}

/// The Hermitian matrix whose lower triangle is `a`'s, times the power of two `2^k` that
/// brings its largest entry into `[1, 2)`, and `2^-k` (as `f64`) to scale the eigenvalues
/// back; `a` itself and `1` when that entry is zero or not finite.
fn unit_scaled<T: Lin>(a: MatRef<'_, T>) -> (Mat<T>, f64) {
    let n = a.nrows();
    let amax = (0..n)
        .flat_map(|j| (j..n).map(move |i| (i, j)))
        .map(|(i, j)| a[(i, j)].to_c().norm())
        .fold(0.0f64, f64::max);
    if amax == 0.0 || !amax.is_finite() {
        return (a.to_owned(), 1.0);
    }
    // 2^(e-1) <= amax < 2^e: scale by 2^(1-e), in two steps when beyond f64's exponents.
    let e = amax.log2().floor() as i32 + 1;
    let k = 1 - e;
    let (s1, s2) = (2f64.powi(k / 2), 2f64.powi(k - k / 2));
    // Only the lower triangle is read (`Side::Lower`); the upper is left zero.
    let scaled = Mat::from_fn(n, n, |i, j| {
        let z = if i >= j {
            a[(i, j)].to_c()
        } else {
            Complex64::new(0.0, 0.0)
        };
        T::from_c(Complex64::new(z.re * s1 * s2, z.im * s1 * s2))
    });
    (scaled, 2f64.powi(-k / 2) * 2f64.powi(-(k - k / 2)))
}

fn one<T: Lin>(op: Factor, a: Mat<T>) -> std::result::Result<Vec<Out<T>>, String> {
    let (m, n) = (a.nrows(), a.ncols());
    let k = m.min(n);
    let a = a.as_ref();
    Ok(match op {
        Factor::Cholesky { upper } => {
            if n == 0 {
                return Ok(vec![Out::T(Vec::new())]);
            }
            let llt = a
                .llt(Side::Lower)
                .map_err(|_| "is not positive definite".to_string())?;
            let l = llt.L();
            let mut v = vec![T::from_c(Complex64::new(0.0, 0.0)); n * n];
            for i in 0..n {
                for j in 0..=i {
                    if upper {
                        v[j * n + i] = T::from_c(l[(i, j)].to_c().conj());
                    } else {
                        v[i * n + j] = l[(i, j)];
                    }
                }
            }
            vec![Out::T(v)]
        }
        Factor::Inv => {
            if n == 0 {
                return Ok(vec![Out::T(Vec::new())]);
            }
            let lu = a.partial_piv_lu();
            if singular_lu(lu.U()) {
                return Err("is singular".into());
            }
            let inv = lu.solve(Mat::<T>::identity(n, n));
            vec![Out::T(rows(inv.as_ref()))]
        }
        Factor::Det => {
            let (s, l) = lu_slogdet(a);
            vec![Out::T(vec![T::from_c(s * l.exp())])]
        }
        Factor::Slogdet => {
            let (s, l) = lu_slogdet(a);
            vec![Out::T(vec![T::from_c(s)]), Out::R(vec![T::r_from(l)])]
        }
        Factor::Qr { complete } => {
            let kq = if complete { m } else { k };
            if m == 0 || n == 0 {
                let q = if complete {
                    identity::<T>(m)
                } else {
                    Vec::new()
                };
                let r = vec![T::from_c(Complex64::new(0.0, 0.0)); kq * n];
                return Ok(vec![Out::T(q), Out::T(r)]);
            }
            let qr = a.qr();
            let q = if complete {
                qr.compute_Q()
            } else {
                qr.compute_thin_Q()
            };
            // R is `min(m, n) x n`; the complete factor is padded with zero rows.
            let mut r = rows(qr.thin_R());
            r.resize(kq * n, T::from_c(Complex64::new(0.0, 0.0)));
            vec![Out::T(rows(q.as_ref())), Out::T(r)]
        }
        Factor::Svd {
            full_matrices,
            compute_uv,
        } => {
            if !compute_uv {
                if k == 0 {
                    return Ok(vec![Out::R(Vec::new())]);
                }
                let s = a
                    .singular_values()
                    .map_err(|_| "did not converge (SVD)".to_string())?;
                return Ok(vec![Out::R(
                    s.into_iter().map(|x| T::r_from(T::real_f64(x))).collect(),
                )]);
            }
            let (ku, kv) = if full_matrices { (m, n) } else { (k, k) };
            if k == 0 {
                let u = if full_matrices {
                    identity::<T>(m)
                } else {
                    Vec::new()
                };
                let vh = if full_matrices {
                    identity::<T>(n)
                } else {
                    Vec::new()
                };
                return Ok(vec![Out::T(u), Out::R(Vec::new()), Out::T(vh)]);
            }
            let svd = if full_matrices { a.svd() } else { a.thin_svd() }
                .map_err(|_| "did not converge (SVD)".to_string())?;
            let u = rows(svd.U());
            let s: Vec<T::R> = svd
                .S()
                .column_vector()
                .iter()
                .map(|x| T::r_from(x.to_c().re))
                .collect();
            let v = svd.V();
            let mut vh = Vec::with_capacity(kv * n);
            for i in 0..kv {
                for j in 0..n {
                    vh.push(T::from_c(v[(j, i)].to_c().conj()));
                }
            }
            debug_assert_eq!(u.len(), m * ku);
            vec![Out::T(u), Out::R(s), Out::T(vh)]
        }
        Factor::Eigh { vectors } => {
            if n == 0 {
                let mut o = vec![Out::R(Vec::new())];
                if vectors {
                    o.push(Out::T(Vec::new()));
                }
                return Ok(o);
            }
            // faer's divide and conquer is not scale-invariant (a 130 x 130 matrix times
            // 2^40 got eigenvalues off by 8e-5 relative): it gets the matrix scaled
            // exactly by a power of two to entries of about 1, the eigenvalues scaled back.
            let (a, back) = unit_scaled(a);
            let a = a.as_ref();
            if !vectors {
                let w = a
                    .self_adjoint_eigenvalues(Side::Lower)
                    .map_err(|_| "did not converge (eigh)".to_string())?;
                let mut w: Vec<f64> = w.into_iter().map(|x| T::real_f64(x) * back).collect();
                w.sort_by(f64::total_cmp);
                return Ok(vec![Out::R(w.into_iter().map(T::r_from).collect())]);
            }
            let e = a
                .self_adjoint_eigen(Side::Lower)
                .map_err(|_| "did not converge (eigh)".to_string())?;
            let w: Vec<T::R> = e
                .S()
                .column_vector()
                .iter()
                .map(|x| T::r_from(x.to_c().re * back))
                .collect();
            vec![Out::R(w), Out::T(rows(e.U()))]
        }
        Factor::Eig { vectors } => {
            if n == 0 {
                let mut o = vec![Out::C(Vec::new())];
                if vectors {
                    o.push(Out::C(Vec::new()));
                }
                return Ok(o);
            }
            if !vectors {
                let w = a
                    .eigenvalues()
                    .map_err(|_| "did not converge (eig)".to_string())?;
                return Ok(vec![Out::C(
                    w.into_iter()
                        .map(|z| T::c_from(Complex64::new(T::real_f64(z.re), T::real_f64(z.im))))
                        .collect(),
                )]);
            }
            let e = a
                .eigen()
                .map_err(|_| "did not converge (eig)".to_string())?;
            let to64 = |z: &num_complex::Complex<T::Real>| {
                Complex64::new(T::real_f64(z.re.clone()), T::real_f64(z.im.clone()))
            };
            let w: Vec<T::C> = e
                .S()
                .column_vector()
                .iter()
                .map(|z| T::c_from(to64(z)))
                .collect();
            let u = e.U();
            let mut v: Vec<Complex64> = Vec::with_capacity(n * n);
            for i in 0..n {
                for j in 0..n {
                    v.push(to64(&u[(i, j)]));
                }
            }
            normalise_columns(&mut v, n);
            vec![Out::C(w), Out::C(v.into_iter().map(T::c_from).collect())]
        }
    })
}

/// Runs `f` on every matrix of the stack (in parallel when there are several) and returns
/// the results in order, or the first failure as `Error::LinAlg`.
fn over_stack<R: Send>(
    name: &'static str,
    batch: &[usize],
    count: usize,
    f: impl Fn(usize) -> std::result::Result<R, String> + Sync + Send,
) -> Result<Vec<R>> {
    // On a pool thread with the other workers kept awake (`pool::enter`), so the
    // parallel kernels inside (the GEMM calls, faer's) start from a worker instead of
    // injecting each job and sleeping.
    let results: Vec<std::result::Result<R, String>> = crate::pool::enter(|| {
        if count > 1 {
            (0..count).into_par_iter().map(&f).collect()
        } else {
            (0..count).map(&f).collect()
        }
    });
    let mut out = Vec::with_capacity(count);
    for (bi, r) in results.into_iter().enumerate() {
        match r {
            Ok(v) => out.push(v),
            Err(reason) => return Err(Error::linalg(name, batch, bi, reason)),
        }
    }
    Ok(out)
}

/// The number of outputs of `op`.
fn n_outputs(op: Factor) -> usize {
    match op {
        Factor::Cholesky { .. } | Factor::Inv | Factor::Det => 1,
        Factor::Slogdet | Factor::Qr { .. } => 2,
        Factor::Svd { compute_uv, .. } => {
            if compute_uv {
                3
            } else {
                1
            }
        }
        Factor::Eigh { vectors } | Factor::Eig { vectors } => {
            if vectors {
                2
            } else {
                1
            }
        }
    }
}

fn factor_t<T: Own>(op: Factor, x: &CpuStorage, layout: &Layout) -> Result<Vec<CpuStorage>> {
    let name = op_name(op);
    let data = x.typed::<T>(name)?;
    let s = Stack::new(layout);
    let count = s.offsets.len();
    let per = over_stack(name, &s.batch, count, |bi| {
        T::own(op, data, &s, bi).unwrap_or_else(|| one::<T>(op, read(data, &s, bi)))
    })?;
    if per.len() == 1 {
        // One matrix: its outputs are the results (no concatenation copy).
        let outs = per.into_iter().next().unwrap_or_default();
        return Ok(outs.into_iter().map(Out::into_storage).collect());
    }
    let mut outs: Vec<Out<T>> = Vec::new();
    // Concatenate output `o` of every matrix; an empty stack still needs typed outputs.
    let template = one::<T>(op, Mat::zeros(0, 0)).unwrap_or_default();
    for o in 0..n_outputs(op) {
        let mut acc = match template.get(o) {
            Some(Out::T(_)) => Out::T(Vec::new()),
            Some(Out::R(_)) => Out::R(Vec::new()),
            _ => Out::C(Vec::new()),
        };
        for m in &per {
            match (&mut acc, &m[o]) {
                (Out::T(a), Out::T(v)) => a.extend_from_slice(v),
                (Out::R(a), Out::R(v)) => a.extend_from_slice(v),
                (Out::C(a), Out::C(v)) => a.extend_from_slice(v),
                _ => unreachable!("one matrix's outputs have fixed kinds"),
            }
        }
        outs.push(acc);
    }
    Ok(outs.into_iter().map(Out::into_storage).collect())
}

/// [`LinalgOps::factor`](array_api::LinalgOps::factor) on the CPU.
pub(crate) fn factor(
    op: Factor,
    x: &CpuStorage,
    layout: &Layout,
    dtype: DType,
) -> Result<Vec<CpuStorage>> {
    let name = op_name(op);
    check_layout(layout, x.len(), name)?;
    if layout.ndim() < 2 {
        return Err(Error::invalid(name, "kernel needs a stack of matrices"));
    }
    match dtype {
        DType::Float32 => factor_t::<f32>(op, x, layout),
        DType::Float64 => factor_t::<f64>(op, x, layout),
        DType::Complex64 => factor_t::<Complex32>(op, x, layout),
        DType::Complex128 => factor_t::<Complex64>(op, x, layout),
        d => Err(unsupported(name, d)),
    }
}

fn solve_t<T: Own>(a: &CpuStorage, al: &Layout, b: &CpuStorage, bl: &Layout) -> Result<CpuStorage> {
    const NAME: &str = "linalg.solve";
    let ad = a.typed::<T>(NAME)?;
    let bd = b.typed::<T>(NAME)?;
    let sa = Stack::new(al);
    let sb = Stack::new(bl);
    let (n, k) = (sb.m, sb.n);
    let per = over_stack(NAME, &sa.batch, sa.offsets.len(), |bi| {
        if let Some(x) = T::own_solve(ad, &sa, bd, &sb, bi) {
            return x;
        }
        if n == 0 || k == 0 {
            return Ok(Vec::new());
        }
        let lu = read(ad, &sa, bi);
        let lu = lu.as_ref().partial_piv_lu();
        if singular_lu(lu.U()) {
            return Err("is singular".to_string());
        }
        let x = lu.solve(read(bd, &sb, bi));
        Ok(rows(x.as_ref()))
    })?;
    if per.len() == 1 {
        return Ok(CpuStorage::from_vec(
            per.into_iter().next().unwrap_or_default(),
        ));
    }
    Ok(CpuStorage::from_vec(per.concat()))
}

/// [`LinalgOps::solve`](array_api::LinalgOps::solve) on the CPU.
pub(crate) fn solve(
    a: &CpuStorage,
    al: &Layout,
    b: &CpuStorage,
    bl: &Layout,
    dtype: DType,
) -> Result<CpuStorage> {
    const NAME: &str = "linalg.solve";
    check_layout(al, a.len(), NAME)?;
    check_layout(bl, b.len(), NAME)?;
    if al.ndim() < 2 || al.ndim() != bl.ndim() {
        return Err(Error::invalid(NAME, "kernel needs two stacks of one rank"));
    }
    match dtype {
        DType::Float32 => solve_t::<f32>(a, al, b, bl),
        DType::Float64 => solve_t::<f64>(a, al, b, bl),
        DType::Complex64 => solve_t::<Complex32>(a, al, b, bl),
        DType::Complex128 => solve_t::<Complex64>(a, al, b, bl),
        d => Err(unsupported(NAME, d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Hermitian `n x n` matrix from a fixed xorshift stream.
    fn hermitian(n: usize, seed: u64) -> Mat<Complex64> {
        let mut s = seed;
        let mut next = || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        let mut a = Mat::from_fn(n, n, |_, _| Complex64::new(next(), next()));
        for i in 0..n {
            a[(i, i)] = Complex64::new(a[(i, i)].re, 0.0);
            for j in 0..i {
                a[(j, i)] = a[(i, j)].conj();
            }
        }
        a
    }

    /// The eigenvalues (and eigenvectors, row-major, as columns) `one` returns.
    fn eigh(a: &Mat<Complex64>, vectors: bool) -> (Vec<f64>, Option<Vec<Complex64>>) {
        let mut o = one(Factor::Eigh { vectors }, a.clone())
            .unwrap()
            .into_iter();
        let Some(Out::R(w)) = o.next() else {
            panic!("eigh: no eigenvalues")
        };
        let v = o.next().map(|v| match v {
            Out::T(v) => v,
            _ => panic!("eigh: eigenvectors of the wrong kind"),
        });
        (w, v)
    }

    #[test]
    fn complex_eigh_scale_invariant() {
        // faer's divide and conquer (n >= 128) alone was off by up to 3e-2 relative at
        // these scales; `one` scales the matrix to about 1 first.
        let n = 130;
        let a = hermitian(n, 5);
        let (w1, _) = eigh(&a, false);
        let wmax = w1.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        for s in [2f64.powi(40), 1e10, 1e-20, 1e20, 3.0] {
            let b = Mat::from_fn(n, n, |i, j| a[(i, j)] * s);
            for vectors in [true, false] {
                let (w, v) = eigh(&b, vectors);
                for i in 0..n {
                    let err = (w[i] / s - w1[i]).abs() / wmax;
                    assert!(err < 1e-12, "scale {s}: w[{i}] off by {err:e}");
                }
                let Some(v) = v else { continue };
                // A v_k = w_k v_k for each eigenvector (column k), relative to |A|.
                for k in 0..n {
                    let mut res = 0.0f64;
                    for i in 0..n {
                        let av: Complex64 = (0..n).map(|j| b[(i, j)] * v[j * n + k]).sum();
                        res = res.max((av - v[i * n + k] * w[k]).norm());
                    }
                    assert!(res < 1e-12 * wmax * s, "scale {s}: residual {res:e} at {k}");
                }
            }
        }
    }
}
