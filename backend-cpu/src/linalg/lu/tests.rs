//! Tests: `P A = L U` reconstruction, solve and inverse residuals (scaled by
//! `n eps ||A|| ||X||`), pivoting, singular matrices, NaN input, `lda > n`.

use super::super::triangular::tests::rnd;
use super::super::triangular::Dense;
use super::{factor, inverse, solve};

/// Sizes covered by every check (plus one ~1000 in optimized builds).
const SIZES: &[usize] = &[0, 1, 2, 3, 7, 15, 16, 17, 31, 33, 64, 65, 100, 257, 300];

/// Largest size, smaller in unoptimized builds to keep the run short.
fn big() -> usize {
    if cfg!(debug_assertions) {
        400
    } else {
        1000
    }
}

/// Max row sum of the `n x m` block of `a` (row stride `ld`), in `f64`.
fn norm_inf<T: Dense>(a: &[T], n: usize, m: usize, ld: usize) -> f64 {
    (0..n)
        .map(|i| (0..m).map(|j| a[i * ld + j].to_f64().abs()).sum::<f64>())
        .fold(0.0, f64::max)
}

/// `||P A - L U||_inf / (n eps ||L||_inf ||U||_inf)` of a factorization of `a`.
fn reconstruction<T: Dense>(a: &[T], n: usize, lda: usize) -> f64 {
    let mut lu = a.to_vec();
    let mut piv = vec![usize::MAX; n];
    factor(&mut lu, n, lda, &mut piv);
    let mut pa: Vec<f64> = a.iter().map(|v| v.to_f64()).collect();
    for (i, &p) in piv.iter().enumerate() {
        assert!(p >= i && p < n, "bad pivot {p} at {i}");
        for j in 0..n {
            pa.swap(i * lda + j, p * lda + j);
        }
    }
    let l = |i: usize, j: usize| match i.cmp(&j) {
        std::cmp::Ordering::Greater => lu[i * lda + j].to_f64(),
        std::cmp::Ordering::Equal => 1.0,
        std::cmp::Ordering::Less => 0.0,
    };
    let u = |i: usize, j: usize| {
        if i <= j {
            lu[i * lda + j].to_f64()
        } else {
            0.0
        }
    };
    let (mut r, mut ln, mut un) = (0.0f64, 0.0f64, 0.0f64);
    for i in 0..n {
        ln = ln.max((0..n).map(|j| l(i, j).abs()).sum());
        un = un.max((0..n).map(|j| u(i, j).abs()).sum());
        let mut row = 0.0;
        for j in 0..n {
            let s: f64 = (0..=i.min(j)).map(|p| l(i, p) * u(p, j)).sum();
            row += (s - pa[i * lda + j]).abs();
        }
        r = r.max(row);
        // Padding past column n is never touched.
        for j in n..lda.min(a.len() - i * lda) {
            assert_eq!(lu[i * lda + j].to_f64(), a[i * lda + j].to_f64());
        }
    }
    r / (n as f64 * T::EPS.to_f64() * ln * un).max(f64::MIN_POSITIVE)
}

/// Solve residual `||A X - B|| / (n eps ||A|| ||X||)` for each `nrhs` (max over them) and
/// inverse residual `||A inv(A) - I|| / (n eps ||A|| ||inv(A)||)` (inf-norms).
fn residuals<T: Dense>(a: &[T], n: usize, lda: usize, nrhs: &[usize]) -> (f64, f64) {
    let mut lu = a.to_vec();
    let mut piv = vec![0; n];
    factor(&mut lu, n, lda, &mut piv);
    let an = norm_inf(a, n, n, lda);
    let scale = |xn: f64| (n as f64 * T::EPS.to_f64() * an * xn).max(f64::MIN_POSITIVE);
    let mut rs = 0.0f64;
    for &nrhs in nrhs {
        let ldb = nrhs + 2;
        let b = rnd::<T>(n * ldb, 11);
        let mut x = b.clone();
        solve(&lu, n, lda, &piv, &mut x, nrhs, ldb);
        let mut r = 0.0f64;
        for i in 0..n {
            let mut row = 0.0;
            for j in 0..nrhs {
                let s: f64 = (0..n)
                    .map(|p| a[i * lda + p].to_f64() * x[p * ldb + j].to_f64())
                    .sum();
                row += (s - b[i * ldb + j].to_f64()).abs();
            }
            r = r.max(row);
            // Padding columns of B are not touched.
            for j in nrhs..ldb {
                assert_eq!(x[i * ldb + j].to_f64(), b[i * ldb + j].to_f64());
            }
        }
        rs = rs.max(r / scale(norm_inf(&x, n, nrhs, ldb)));
    }
    let mut inv = vec![T::ZERO; n * n];
    inverse(&lu, n, lda, &piv, &mut inv);
    let mut r = 0.0f64;
    for i in 0..n {
        let mut row = 0.0;
        for j in 0..n {
            let s: f64 = (0..n)
                .map(|p| a[i * lda + p].to_f64() * inv[p * n + j].to_f64())
                .sum();
            row += (s - if i == j { 1.0 } else { 0.0 }).abs();
        }
        r = r.max(row);
    }
    (rs, r / scale(norm_inf(&inv, n, n, n)))
}

/// Runs the reconstruction and residual checks on a random matrix (values in [-1, 1),
/// no diagonal dominance, so pivoting matters).
fn check_size<T: Dense>(n: usize, lda: usize, full: bool) {
    let a = rnd::<T>(n.max(1) * lda, n as u64 + 5);
    if full {
        let r = reconstruction(&a, n, lda);
        assert!(r < 4.0, "reconstruction n={n} lda={lda}: {r}");
    }
    let (rs, ri) = residuals(&a, n, lda, &[1, 3, 40]);
    assert!(rs < 4.0 && ri < 4.0, "residuals n={n} lda={lda}: {rs} {ri}");
}

#[test]
fn f64_sizes() {
    for &n in SIZES {
        check_size::<f64>(n, n, true);
        check_size::<f64>(n, n + 3, n <= 100);
    }
}

#[test]
fn f32_sizes() {
    for &n in SIZES {
        check_size::<f32>(n, n, true);
        check_size::<f32>(n, n + 7, n <= 100);
    }
}

#[test]
fn large() {
    let n = big();
    // Residuals only (reconstruction is O(n^3) in the test).
    for lda in [n, n + 1] {
        let a = rnd::<f64>(n * lda, 3);
        let (rs, ri) = residuals(&a, n, lda, &[1]);
        assert!(rs < 4.0 && ri < 4.0, "f64 n={n}: {rs} {ri}");
        let a = rnd::<f32>(n * lda, 4);
        let mut lu = a.clone();
        let mut piv = vec![0; n];
        assert_eq!(factor(&mut lu, n, lda, &mut piv), None);
    }
}

#[test]
fn pivoting_needed() {
    // Zero diagonal everywhere: a reversed identity, then a random matrix with zero diagonal.
    for n in [2, 5, 9, 40, 130] {
        let mut a = vec![0.0f64; n * n];
        for i in 0..n {
            a[i * n + n - 1 - i] = 1.0 + i as f64;
        }
        assert!(reconstruction(&a, n, n) < 1.0);
        let mut lu = a.clone();
        let mut piv = vec![0; n];
        assert_eq!(factor(&mut lu, n, n, &mut piv), None);
        assert_eq!(piv[0], n - 1);
        let mut a = rnd::<f64>(n * n, 9);
        for i in 0..n {
            a[i * n + i] = 0.0;
        }
        assert!(reconstruction(&a, n, n) < 4.0);
        let (rs, ri) = residuals(&a, n, n, &[2]);
        assert!(rs < 4.0 && ri < 4.0);
    }
}

#[test]
fn singular() {
    for n in [3, 8, 9, 33, 100, 300] {
        for col in [0, 1, n / 2, n - 1] {
            // Zero column `col`: U[col, col] is exactly zero, earlier pivots are not.
            let mut a = rnd::<f64>(n * n, 21);
            for i in 0..n {
                a[i * n + col] = 0.0;
            }
            let mut piv = vec![0; n];
            assert_eq!(factor(&mut a, n, n, &mut piv), Some(col), "n={n} col={col}");
            let mut a32 = rnd::<f32>(n * n, 22);
            for i in 0..n {
                a32[i * n + col] = 0.0;
            }
            assert_eq!(
                factor(&mut a32, n, n, &mut piv),
                Some(col),
                "f32 n={n} col={col}"
            );
        }
        // A zero row ends up last.
        let mut a = rnd::<f64>(n * n, 23);
        a[n..2 * n].fill(0.0);
        let mut piv = vec![0; n];
        assert_eq!(
            factor(&mut a, n, n, &mut piv),
            Some(n - 1),
            "zero row n={n}"
        );
    }
    // Duplicate rows in an unblocked-size matrix eliminate exactly.
    let mut a = rnd::<f64>(25, 5);
    a.copy_within(5..10, 15);
    let mut piv = vec![0; 5];
    assert_eq!(factor(&mut a, 5, 5, &mut piv), Some(4));
    // A singular inverse does not panic.
    let mut inv = vec![0.0; 25];
    inverse(&a, 5, 5, &piv, &mut inv);
}

#[test]
fn nan_input_does_not_panic() {
    for n in [1, 4, 50, 200] {
        for pos in [0, n * n / 2, n * n - 1] {
            let mut a = rnd::<f64>(n * n, 31);
            a[pos] = f64::NAN;
            let mut piv = vec![0; n];
            let _ = factor(&mut a, n, n, &mut piv);
            assert!(piv.iter().enumerate().all(|(i, &p)| p >= i && p < n));
            let mut b = vec![1.0; n];
            solve(&a, n, n, &piv, &mut b, 1, 1);
            let mut inv = vec![0.0; n * n];
            inverse(&a, n, n, &piv, &mut inv);
        }
    }
}

#[test]
fn loop_fallback() {
    // The updates without the GEMM (CPUs without AVX-512), on this thread.
    super::super::triangular::FORCE_LOOPS.with(|f| f.set(true));
    for n in [65, 130] {
        check_size::<f64>(n, n + 1, true);
        check_size::<f32>(n, n, false);
    }
    super::super::triangular::FORCE_LOOPS.with(|f| f.set(false));
}
