//! Tests of the blocked QR against a naive unblocked Householder QR (in `f64`), plus
//! orthogonality and reconstruction checks.

use super::super::triangular::FORCE_LOOPS;
use super::{factor, form_q, QrElem};

/// Conversions used by the tests.
/// Deterministic pseudo-random numbers in `[-1, 1)` (xorshift).
fn random(len: usize, seed: u64) -> Vec<f64> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        })
        .collect()
}

/// Naive unblocked Householder QR in `f64` of the row-major `m x n` matrix `a` with
/// LAPACK's sign conventions: returns `(Q (m x m), R (m x n), tau)`.
fn naive(a: &[f64], m: usize, n: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut r = a.to_vec();
    let mut q = vec![0.0; m * m];
    for i in 0..m {
        q[i * m + i] = 1.0;
    }
    let mut taus = Vec::new();
    for j in 0..m.min(n) {
        let alpha = r[j * n + j];
        let xnorm = (j + 1..m).map(|i| r[i * n + j].powi(2)).sum::<f64>().sqrt();
        let mut v = vec![0.0; m];
        v[j] = 1.0;
        let tau = if xnorm == 0.0 {
            0.0
        } else {
            let h = alpha.hypot(xnorm);
            let beta = if alpha < 0.0 { h } else { -h };
            for i in j + 1..m {
                v[i] = r[i * n + j] / (alpha - beta);
            }
            (beta - alpha) / beta
        };
        taus.push(tau);
        // R = H R, Q = Q H.
        for c in 0..n {
            let s: f64 = (j..m).map(|i| v[i] * r[i * n + c]).sum();
            for i in j..m {
                r[i * n + c] -= tau * s * v[i];
            }
        }
        for row in 0..m {
            let s: f64 = (j..m).map(|i| q[row * m + i] * v[i]).sum();
            for i in j..m {
                q[row * m + i] -= tau * s * v[i];
            }
        }
        for i in j + 1..m {
            r[i * n + j] = 0.0;
        }
    }
    (q, r, taus)
}

/// Factors `a` (`m x n`, row stride `lda`) with [`factor`] / [`form_q`] and checks:
/// `Q^T Q = I`, `Q R = A`, R upper triangular, no NaN, and (if `compare`) R, Q and tau
/// against [`naive`].
fn check<T: QrElem>(a: &[f64], m: usize, n: usize, lda: usize, compare: bool) {
    let k = m.min(n);
    let eps = T::EPS.to_f64();
    let mut f: Vec<T> = vec![T::from_f64(7.0); (m * lda).max(1)];
    for i in 0..m {
        for j in 0..n {
            f[i * lda + j] = T::from_f64(a[i * n + j]);
        }
    }
    // What the factorization sees (rounded to T).
    let a: Vec<f64> = (0..m * n)
        .map(|x| f[x / n * lda + x % n].to_f64())
        .collect();
    let anorm = a
        .iter()
        .map(|x| x * x)
        .sum::<f64>()
        .sqrt()
        .max(f64::MIN_POSITIVE);
    let mut tau = vec![T::from_f64(-3.0); k];
    factor(&mut f, m, n, lda, &mut tau);
    // Padding past n in each row is untouched.
    for i in 0..m {
        for j in n..lda {
            assert_eq!(f[i * lda + j].to_f64(), 7.0, "padding ({i}, {j}) changed");
        }
    }
    let r = |i: usize, j: usize| if i <= j { f[i * lda + j].to_f64() } else { 0.0 };
    let tol = 30.0 * (m.max(n) as f64) * eps;
    let naive_out = compare.then(|| naive(&a, m, n));
    for qcols in [k, m] {
        let mut q = vec![T::from_f64(f64::NAN); m * qcols];
        form_q(&f, m, n, lda, &tau, &mut q, qcols);
        let q = |i: usize, j: usize| q[i * qcols + j].to_f64();
        for i in 0..m {
            for j in 0..qcols {
                assert!(q(i, j).is_finite(), "Q({i}, {j}) not finite ({m}x{n})");
            }
        }
        // Orthogonality (for wide Q, all pairs among a sample of columns: the first
        // 80, every 17th and the last 5).
        let cols: Vec<usize> = (0..qcols)
            .filter(|&c| qcols <= 150 || c < 80 || c % 17 == 0 || c + 5 >= qcols)
            .collect();
        for &c1 in &cols {
            for &c2 in &cols {
                let d: f64 = (0..m).map(|i| q(i, c1) * q(i, c2)).sum();
                let want = if c1 == c2 { 1.0 } else { 0.0 };
                assert!(
                    (d - want).abs() <= tol,
                    "Q^T Q ({c1}, {c2}) = {d} ({m}x{n}, qcols {qcols})"
                );
            }
        }
        // Reconstruction (only the first k columns of Q meet R's nonzero rows).
        for i in 0..m {
            for j in 0..n {
                let s: f64 = (0..k).map(|p| q(i, p) * r(p, j)).sum();
                assert!(
                    (s - a[i * n + j]).abs() <= tol * anorm,
                    "(QR - A)({i}, {j}) = {} ({m}x{n})",
                    s - a[i * n + j]
                );
            }
        }
        if let Some((qn, _, _)) = &naive_out {
            let cond_tol = 1e3 * tol;
            for i in 0..m {
                for j in 0..qcols {
                    assert!(
                        (q(i, j) - qn[i * m + j]).abs() <= cond_tol,
                        "Q({i}, {j}) = {} vs naive {} ({m}x{n})",
                        q(i, j),
                        qn[i * m + j]
                    );
                }
            }
        }
    }
    if let Some((_, rn, tn)) = &naive_out {
        let cond_tol = 1e3 * tol;
        for i in 0..k {
            for j in i..n {
                assert!(
                    (r(i, j) - rn[i * n + j]).abs() <= cond_tol * anorm,
                    "R({i}, {j}) = {} vs naive {} ({m}x{n})",
                    r(i, j),
                    rn[i * n + j]
                );
            }
            assert!(
                (tau[i].to_f64() - tn[i]).abs() <= cond_tol,
                "tau[{i}] = {:?} vs naive {} ({m}x{n})",
                tau[i],
                tn[i]
            );
        }
    }
}

/// The shapes from the brief: empty, vectors, squares around block sizes, tall, wide.
const SHAPES: &[(usize, usize)] = &[
    (0, 5),
    (5, 0),
    (0, 0),
    (1, 1),
    (1, 6),
    (6, 1),
    (2, 2),
    (3, 3),
    (7, 7),
    (16, 16),
    (17, 17),
    (31, 31),
    (33, 33),
    (64, 64),
    (65, 65),
    (100, 100),
    (257, 257),
    (300, 40),
    (40, 300),
    (130, 129),
    (129, 140),
];

/// All shapes against the naive QR in `f64` and `f32`.
#[test]
fn shapes_match_naive() {
    for (s, &(m, n)) in SHAPES.iter().enumerate() {
        let a = random(m * n, s as u64 + 1);
        check::<f64>(&a, m, n, n, true);
        check::<f32>(&a, m, n, n, true);
    }
}

/// A tall matrix spanning several blocks (1000 x 65): orthogonality and
/// reconstruction, reduced and complete `Q`.
#[test]
fn tall_1000x65() {
    let a = random(1000 * 65, 99);
    check::<f64>(&a, 1000, 65, 65, false);
    check::<f32>(&a, 1000, 65, 65, false);
}

/// The loop fallback used when the GEMM declines (CPUs without AVX-512), on shapes
/// whose products would otherwise all reach the GEMM.
#[test]
fn loops_only_fallback() {
    FORCE_LOOPS.with(|f| f.set(true));
    for (s, &(m, n)) in [(257, 257), (300, 40), (40, 300)].iter().enumerate() {
        let a = random(m * n, s as u64 + 40);
        check::<f64>(&a, m, n, n, true);
        check::<f32>(&a, m, n, n, true);
    }
    FORCE_LOOPS.with(|f| f.set(false));
}

/// Row stride larger than the row length (padding must be left alone).
#[test]
fn padded_rows() {
    for &(m, n) in &[(9, 5), (70, 66), (66, 70)] {
        let a = random(m * n, 5);
        check::<f64>(&a, m, n, n + 3, true);
        check::<f32>(&a, m, n, n + 3, true);
    }
}

/// Zero and repeated columns (rank-deficient): no NaN, `Q` still orthogonal, `Q R = A`,
/// and `tau = 0` for a column that is zero below the diagonal.
#[test]
fn rank_deficient() {
    for &(m, n) in &[(8, 6), (80, 70), (70, 80)] {
        let mut a = random(m * n, 11);
        for i in 0..m {
            a[i * n] = 0.0;
            a[i * n + 3] = 0.0;
            a[i * n + 5] = a[i * n + 4];
        }
        check::<f64>(&a, m, n, n, false);
        check::<f32>(&a, m, n, n, false);
        let mut f = a.clone();
        let mut tau = vec![1.0; m.min(n)];
        factor(&mut f, m, n, n, &mut tau);
        assert_eq!(tau[0], 0.0);
        assert_eq!(f[0], 0.0);
    }
    // All zeros: Q = I.
    let mut z = vec![0.0f64; 12];
    let mut tau = vec![1.0; 3];
    factor(&mut z, 4, 3, 3, &mut tau);
    assert!(tau.iter().all(|&t| t == 0.0) && z.iter().all(|&x| x == 0.0));
    let mut q = vec![0.0; 16];
    form_q(&z, 4, 3, 3, &tau, &mut q, 4);
    for i in 0..4 {
        for j in 0..4 {
            assert_eq!(q[i * 4 + j], if i == j { 1.0 } else { 0.0 });
        }
    }
}

/// Entries near overflow and underflow: the norms are scaled, results stay finite and
/// accurate.
#[test]
fn extreme_scales() {
    for scale in [1e300, 1e-300, 1e-310] {
        let (m, n) = (40, 30);
        let base = random(m * n, 3);
        let a: Vec<f64> = base.iter().map(|x| x * scale).collect();
        let mut f = a.clone();
        let mut tau = vec![0.0; n];
        factor(&mut f, m, n, n, &mut tau);
        let mut g = base.clone();
        let mut tau1 = vec![0.0; n];
        factor(&mut g, m, n, n, &mut tau1);
        for i in 0..n {
            for j in i..n {
                let want = g[i * n + j] * scale;
                let got = f[i * n + j];
                assert!(
                    (got - want).abs() <= 1e-10 * want.abs().max(scale),
                    "scale {scale:e}: R({i}, {j}) = {got:e} vs {want:e}"
                );
            }
        }
    }
    for scale in [1e30f32, 1e-30f32] {
        let (m, n) = (20, 10);
        let a: Vec<f32> = random(m * n, 4).iter().map(|&x| x as f32 * scale).collect();
        let mut f = a.clone();
        let mut tau = vec![0.0f32; n];
        factor(&mut f, m, n, n, &mut tau);
        assert!(f.iter().chain(&tau).all(|x| x.is_finite()), "scale {scale}");
        let d = f[0].abs() as f64;
        let want = (a
            .iter()
            .step_by(n)
            .map(|&x| (x as f64).powi(2))
            .sum::<f64>())
        .sqrt();
        assert!(
            (d - want).abs() <= 1e-5 * want,
            "scale {scale}: {d} vs {want}"
        );
    }
}

/// NaN and infinite input must not panic.
#[test]
fn nan_input_does_not_panic() {
    for &(m, n) in &[(5, 5), (100, 90), (90, 100)] {
        for bad in [f64::NAN, f64::INFINITY] {
            let mut a = random(m * n, 8);
            a[n + 2] = bad;
            let mut tau = vec![0.0; m.min(n)];
            factor(&mut a, m, n, n, &mut tau);
            let mut q = vec![0.0; m * m];
            form_q(&a, m, n, n, &tau, &mut q, m);
        }
    }
}

/// Bad sizes are rejected with a message naming the function.
#[test]
#[should_panic(expected = "qr::factor")]
fn factor_rejects_short_slice() {
    let mut a = vec![0.0f64; 5];
    let mut tau = vec![0.0; 2];
    factor(&mut a, 2, 3, 3, &mut tau);
}

/// `qcols` outside `min(m, n)..=m` is rejected.
#[test]
#[should_panic(expected = "qr::form_q")]
fn form_q_rejects_bad_qcols() {
    let a = vec![0.0f64; 6];
    let tau = vec![0.0; 2];
    let mut q = vec![0.0; 9];
    form_q(&a, 3, 2, 2, &tau, &mut q, 1);
}
