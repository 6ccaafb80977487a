//! Tests of the tridiagonalization against a naive unblocked Householder reduction (in
//! `f64`, same signs), of the back-transformation through `Q^T A Q = T`, and of `eigh`
//! by its residuals (`V^T V = I`, `A V = V diag(w)`) and against faer's eigenvalues.

use super::super::gemm::{Acc, View};
use super::super::triangular::tests::rnd;
use super::super::triangular::{mul_acc, FORCE_LOOPS};
use super::{back, eigh, tridiag, EighElem};

/// Sizes around the panel width (32), the back-transformation block (64), the parallel
/// threshold (128) and the symv kernel's 8-row blocks.
const SIZES: [usize; 17] = [
    1, 2, 3, 4, 5, 9, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 257,
];

/// A random symmetric `n x n` matrix (full storage, both triangles), `f64`.
fn sym(n: usize, seed: u64) -> Vec<f64> {
    let r = rnd::<f64>(n * n, seed);
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            a[i * n + j] = r[i * n + j];
            a[j * n + i] = r[i * n + j];
        }
    }
    a
}

/// Naive unblocked reduction of the symmetric `a` (full storage) in `f64`, the same
/// algorithm as [`tridiag::tridiag`] (column `i` reduced by `H_i`, `i = n-1 .. 1`):
/// `(d, e, tau, reflectors)` with reflector `i` as a vector of length `i`.
#[allow(clippy::type_complexity)]
fn naive(a: &[f64], n: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<Vec<f64>>) {
    let mut a = a.to_vec();
    let mut e = vec![0.0; n.saturating_sub(1)];
    let mut tau = vec![0.0; n.saturating_sub(1)];
    let mut vs = vec![Vec::new(); n];
    for i in (1..n).rev() {
        let alpha = a[(i - 1) * n + i];
        let xnorm = (0..i - 1).map(|j| a[j * n + i].powi(2)).sum::<f64>().sqrt();
        let mut v = vec![0.0; i];
        v[i - 1] = 1.0;
        let (beta, t) = if xnorm == 0.0 {
            (alpha, 0.0)
        } else {
            let h = alpha.hypot(xnorm);
            let beta = if alpha < 0.0 { h } else { -h };
            for j in 0..i - 1 {
                v[j] = a[j * n + i] / (alpha - beta);
            }
            (beta, (beta - alpha) / beta)
        };
        // A[..i, ..i] = H A H, H = I - t v v^T.
        let mut av = vec![0.0; i];
        for r in 0..i {
            av[r] = (0..i).map(|j| a[r * n + j] * v[j]).sum();
        }
        let vav: f64 = (0..i).map(|r| v[r] * av[r]).sum();
        for r in 0..i {
            for j in 0..i {
                a[r * n + j] += -t * v[r] * av[j] - t * av[r] * v[j] + t * t * vav * v[r] * v[j];
            }
        }
        e[i - 1] = beta;
        tau[i - 1] = t;
        vs[i] = v;
    }
    let d = (0..n).map(|i| a[i * n + i]).collect();
    (d, e, tau, vs)
}

/// Lower triangle of `a` (`n x n`) with row stride `lda`, the rest set to `fill`.
fn lower<T: EighElem>(a: &[f64], n: usize, lda: usize, fill: T) -> Vec<T> {
    let mut l = vec![fill; n.max(1) * lda];
    for i in 0..n {
        for j in 0..=i {
            l[i * lda + j] = T::from_f64(a[i * n + j]);
        }
    }
    l
}

/// Frobenius norm of a matrix (a bound on its 2-norm), scaled against overflow.
fn fnorm(a: &[f64]) -> f64 {
    let m = a.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if m == 0.0 {
        return 0.0;
    }
    m * a.iter().map(|x| (x / m).powi(2)).sum::<f64>().sqrt()
}

/// `C = A B` in `f64` (`m x k` times `k x n`, row-major), by xp's GEMM (or its loops).
fn matmul(a: &[f64], b: &[f64], m: usize, k: usize, n: usize, at: bool) -> Vec<f64> {
    let mut c = vec![0.0; m * n];
    let av = if at {
        View {
            data: a,
            off: 0,
            rs: 1,
            cs: m as isize,
        }
    } else {
        View {
            data: a,
            off: 0,
            rs: k as isize,
            cs: 1,
        }
    };
    let bv = View {
        data: b,
        off: 0,
        rs: n as isize,
        cs: 1,
    };
    mul_acc(m, n, k, av, bv, &mut c, n, Acc::Set);
    c
}

/// The blocked reduction matches the naive one (same signs), and `Q^T A Q = T` with `Q`
/// formed by the back-transformation of the identity.
fn check_tridiag<T: EighElem>(n: usize, lda: usize, par: bool) {
    let a = sym(n, n as u64 + 7);
    let pad = T::from_f64(12345.0);
    let mut l = lower::<T>(&a, n, lda, pad);
    let (mut d, mut e, mut tau) = (vec![T::ZERO; n], vec![T::ZERO; n], vec![T::ZERO; n]);
    tridiag::tridiag(&mut l, n, lda, &mut d, &mut e, &mut tau, par);
    let (nd, ne, ntau, nv) = naive(&a, n);
    let eps = T::EPS.to_f64();
    let tol = 8.0 * n as f64 * eps * fnorm(&a);
    let close = |x: T, y: f64, what: &str, i: usize| {
        assert!(
            (x.to_f64() - y).abs() <= tol,
            "n={n} {what}[{i}]: {x:?} vs {y}"
        );
    };
    for i in 0..n {
        close(d[i], nd[i], "d", i);
        // Padding beyond column n untouched.
        for j in n..lda {
            assert_eq!(l[i * lda + j], pad, "n={n} padding ({i}, {j})");
        }
    }
    for i in 1..n {
        close(e[i - 1], ne[i - 1], "e", i - 1);
        close(tau[i - 1], ntau[i - 1], "tau", i - 1);
        for j in 0..i - 1 {
            let x = l[i * lda + j].to_f64();
            // Reflector entries are O(1), their errors grow with ||A|| over the norm of
            // the column reduced: a looser absolute tolerance (a wrong sign or step
            // gives O(1) differences).
            let vtol = 64.0 * n as f64 * eps * fnorm(&a).max(1.0);
            assert!(
                (x - nv[i][j]).abs() <= vtol,
                "n={n} v_{i}[{j}]: {x} vs {}",
                nv[i][j]
            );
        }
    }
    // Q^T = I Q^T; then Q^T A Q must be T.
    let mut qt = vec![T::ZERO; n * n];
    for i in 0..n {
        qt[i * n + i] = T::ONE;
    }
    let blocks = back::blocks(&l, n, lda, &tau, par);
    back::apply(&blocks, n, &mut qt, n, n, par);
    let q: Vec<f64> = (0..n * n)
        .map(|x| qt[(x % n) * n + x / n].to_f64())
        .collect();
    let aq = matmul(&a, &q, n, n, n, false);
    let qtaq = matmul(&q, &aq, n, n, n, true);
    for i in 0..n {
        for j in 0..n {
            let want = if i == j {
                d[i].to_f64()
            } else if j == i + 1 {
                e[i].to_f64()
            } else if i == j + 1 {
                e[j].to_f64()
            } else {
                0.0
            };
            let got = qtaq[i * n + j];
            assert!(
                (got - want).abs() <= tol,
                "n={n} (Q^T A Q)[{i},{j}] = {got} vs {want}"
            );
        }
    }
}

#[test]
fn tridiag_matches_naive_f64() {
    for n in SIZES {
        check_tridiag::<f64>(n, n, true);
        check_tridiag::<f64>(n, n + 3, false);
    }
}

#[test]
fn tridiag_matches_naive_f32() {
    for n in [1, 2, 3, 33, 65, 129] {
        check_tridiag::<f32>(n, n + 1, true);
    }
}

#[test]
fn tridiag_loops_fallback() {
    FORCE_LOOPS.with(|f| f.set(true));
    for n in [3, 33, 65, 200] {
        check_tridiag::<f64>(n, n, false);
        check_tridiag::<f32>(n, n, false);
    }
    FORCE_LOOPS.with(|f| f.set(false));
}

/// `eigh` of the symmetric `a` (`n x n`, full storage, `f64` values): eigenvalues
/// ascending, `V^T V = I`, `A V = V diag(w)`, eigenvalues equal to `eigvalsh`'s and to
/// faer's; the strict upper triangle of the input is garbage and must not be read.
fn check_eigh<T: EighElem + faer::traits::RealField>(a: &[f64], n: usize, what: &str) {
    let tol = 8.0 * (n as f64 + 1.0) * T::EPS.to_f64() * fnorm(a).max(f64::MIN_POSITIVE);
    let mut l = lower::<T>(a, n, n, T::from_f64(f64::NAN));
    let (w, v) = eigh(&mut l.clone(), n, true).unwrap_or_else(|_| panic!("{what} n={n}: Err"));
    let v = v.unwrap();
    let (w2, none) = eigh(&mut l, n, false).unwrap();
    assert!(none.is_none());
    assert_eq!((w.len(), v.len()), (n, n * n));
    let wf: Vec<f64> = w.iter().map(|x| x.to_f64()).collect();
    let vf: Vec<f64> = v.iter().map(|x| x.to_f64()).collect();
    for i in 1..n {
        assert!(wf[i - 1] <= wf[i], "{what} n={n}: not ascending at {i}");
    }
    for i in 0..n {
        let x = w2[i].to_f64();
        assert!(
            (x - wf[i]).abs() <= tol,
            "{what} n={n}: eigvalsh[{i}] {x} vs {}",
            wf[i]
        );
    }
    // Orthonormal columns (relative to 1).
    let vtv = matmul(&vf, &vf, n, n, n, true);
    let otol = 8.0 * (n as f64 + 1.0) * T::EPS.to_f64();
    for i in 0..n {
        for j in 0..n {
            let want = if i == j { 1.0 } else { 0.0 };
            let got = vtv[i * n + j];
            assert!(
                (got - want).abs() <= otol,
                "{what} n={n}: (V^T V)[{i},{j}] = {got}"
            );
        }
    }
    // A V = V diag(w), in f64 from the rounded input.
    let ar: Vec<f64> = (0..n * n)
        .map(|x| {
            let (i, j) = (x / n, x % n);
            T::from_f64(a[i.max(j) * n + i.min(j)]).to_f64()
        })
        .collect();
    let av = matmul(&ar, &vf, n, n, n, false);
    for i in 0..n {
        for j in 0..n {
            let want = vf[i * n + j] * wf[j];
            let got = av[i * n + j];
            assert!(
                (got - want).abs() <= tol,
                "{what} n={n}: (A V)[{i},{j}] = {got} vs {want}"
            );
        }
    }
    // faer's eigenvalues of the same (rounded) matrix.
    let fa = faer::Mat::<f64>::from_fn(n, n, |i, j| ar[i * n + j]);
    let fw = fa.self_adjoint_eigenvalues(faer::Side::Lower).unwrap();
    for i in 0..n {
        assert!(
            (fw[i] - wf[i]).abs() <= tol,
            "{what} n={n}: w[{i}] {} vs faer {}",
            wf[i],
            fw[i]
        );
    }
}

#[test]
fn eigh_random() {
    for n in SIZES {
        check_eigh::<f64>(&sym(n, n as u64), n, "random f64");
        check_eigh::<f32>(&sym(n, n as u64), n, "random f32");
    }
}

#[test]
fn eigh_1000() {
    check_eigh::<f64>(&sym(1000, 3), 1000, "random f64");
    check_eigh::<f32>(&sym(1000, 3), 1000, "random f32");
}

#[test]
fn eigh_empty() {
    let (w, v) = eigh::<f64>(&mut [], 0, true).unwrap();
    assert!(w.is_empty() && v.unwrap().is_empty());
    let (w, v) = eigh::<f32>(&mut [], 0, false).unwrap();
    assert!(w.is_empty() && v.is_none());
}

#[test]
fn eigh_special() {
    for n in [1, 2, 3, 40, 130] {
        let mut id = vec![0.0; n * n];
        let mut rep = vec![0.0; n * n];
        for i in 0..n {
            id[i * n + i] = 1.0;
            rep[i * n + i] = [2.0, -1.0, 2.0][i % 3];
        }
        check_eigh::<f64>(&id, n, "identity");
        check_eigh::<f64>(&rep, n, "repeated diagonal");
        check_eigh::<f32>(&rep, n, "repeated diagonal f32");
        check_eigh::<f64>(&vec![0.0; n * n], n, "zero");
        // A rank-one matrix: one eigenvalue n, the rest 0 (n - 1 times).
        check_eigh::<f64>(&vec![1.0; n * n], n, "ones");
        for s in [1e150, 1e-150] {
            let a: Vec<f64> = sym(n, 5).iter().map(|x| x * s).collect();
            check_eigh::<f64>(&a, n, "scaled");
        }
        for s in [1e18, 1e-18] {
            let a: Vec<f64> = sym(n, 5).iter().map(|x| x * s).collect();
            check_eigh::<f32>(&a, n, "scaled f32");
        }
    }
}

#[test]
fn eigh_scale_invariant() {
    // faer's divide and conquer alone (n >= 128) was off by up to 3e-2 relative at these
    // scales: eigh scales T to about 1 first.
    let n = 130;
    let a = sym(n, 11);
    let mut l = lower::<f64>(&a, n, n, 0.0);
    let (w1, _) = eigh(&mut l, n, true).unwrap();
    let wmax = w1.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    for s in [2f64.powi(40), 1e10, 1e-20, 1e20, 3.0] {
        let b: Vec<f64> = a.iter().map(|x| x * s).collect();
        for vectors in [true, false] {
            let mut l = lower::<f64>(&b, n, n, 0.0);
            let (w, _) = eigh(&mut l, n, vectors).unwrap();
            for i in 0..n {
                let err = (w[i] / s - w1[i]).abs() / wmax;
                assert!(err < 1e-13, "scale {s}: w[{i}] off by {err:e}");
            }
        }
    }
}

#[test]
fn eigh_loops_fallback() {
    FORCE_LOOPS.with(|f| f.set(true));
    for n in [5, 70, 200] {
        check_eigh::<f64>(&sym(n, 9), n, "loops f64");
        check_eigh::<f32>(&sym(n, 9), n, "loops f32");
    }
    FORCE_LOOPS.with(|f| f.set(false));
}

#[test]
fn eigh_nonfinite() {
    // As on faer's whole path: no panic; either an error or non-finite eigenvalues.
    for n in [1, 2, 3, 10, 40, 200] {
        for bad in [f64::NAN, f64::INFINITY] {
            let mut a = sym(n, 1);
            a[(n - 1) * n + n / 2] = bad;
            for vectors in [false, true] {
                let mut l = lower::<f64>(&a, n, n, 0.0);
                if let Ok((w, _)) = eigh(&mut l, n, vectors) {
                    assert!(w.iter().any(|x| !x.is_finite()), "n={n}: {w:?}");
                }
            }
        }
    }
}
