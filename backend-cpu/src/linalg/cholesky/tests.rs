//! Tests: `L L^T = A` (scaled by `n eps ||A||`), untouched strict upper triangle and
//! padding, non-positive-definite minors (`Err(j)`), NaN input, `f32` / `f64`, `lda > n`.

use super::super::triangular::tests::rnd;
use super::super::triangular::Dense;
use super::factor;

/// Sizes covered (plus one ~1000 in optimized builds).
const SIZES: &[usize] = &[0, 1, 2, 3, 7, 15, 16, 17, 31, 33, 64, 65, 100, 257, 300];

/// An SPD matrix with row stride `lda`: `(X + X^T)/2 + shift I` in the lower triangle,
/// a sentinel (never read) in the strict upper triangle and the padding.
fn spd<T: Dense>(n: usize, lda: usize, shift: f64, seed: u64) -> Vec<T> {
    let x = rnd::<f64>(n * n, seed);
    let mut a = vec![T::from_f64(777.0); n.max(1) * lda];
    for i in 0..n {
        for j in 0..=i {
            let v = 0.5 * (x[i * n + j] + x[j * n + i]) + if i == j { shift } else { 0.0 };
            a[i * lda + j] = T::from_f64(v);
        }
    }
    a
}

/// `||L L^T - A||_max / (n eps max|A|)` over the lower triangle; asserts that the strict
/// upper triangle and the padding are unchanged.
fn check<T: Dense>(n: usize, lda: usize, shift: f64) -> f64 {
    let a = spd::<T>(n, lda, shift, n as u64 + 1);
    let mut l = a.clone();
    assert_eq!(factor(&mut l, n, lda), Ok(()), "n={n}");
    let mut err = 0.0f64;
    let mut amax = 0.0f64;
    for i in 0..n {
        for j in 0..lda.min(a.len() - i * lda) {
            if j > i {
                assert_eq!(
                    l[i * lda + j].to_f64(),
                    a[i * lda + j].to_f64(),
                    "upper ({i},{j})"
                );
                continue;
            }
            let s: f64 = (0..=j)
                .map(|p| l[i * lda + p].to_f64() * l[j * lda + p].to_f64())
                .sum();
            err = err.max((s - a[i * lda + j].to_f64()).abs());
            amax = amax.max(a[i * lda + j].to_f64().abs());
        }
    }
    err / (n as f64 * T::EPS.to_f64() * amax).max(f64::MIN_POSITIVE)
}

#[test]
fn reconstruction_sizes() {
    for &n in SIZES {
        for lda in [n, n + 3] {
            // Strongly and weakly diagonally dominant.
            for shift in [2.0 * n as f64, 1.0 + n as f64 / 4.0] {
                let r64 = check::<f64>(n, lda, shift);
                let r32 = check::<f32>(n, lda, shift);
                assert!(r64 < 4.0 && r32 < 4.0, "n={n} lda={lda}: {r64} {r32}");
            }
        }
    }
}

#[test]
fn large() {
    let n = if cfg!(debug_assertions) { 400 } else { 1000 };
    let a = spd::<f64>(n, n, 2.0 * n as f64, 3);
    let mut l = a.clone();
    assert_eq!(factor(&mut l, n, n), Ok(()));
    // Spot-check rows of L L^T.
    for i in [0, 1, n / 3, n - 1] {
        for j in 0..=i {
            let s: f64 = (0..=j).map(|p| l[i * n + p] * l[j * n + p]).sum();
            assert!((s - a[i * n + j]).abs() <= 4.0 * n as f64 * f64::EPSILON * 2.0 * n as f64);
        }
    }
    let a = spd::<f32>(n, n + 1, 2.0 * n as f64, 4);
    let mut l = a.clone();
    assert_eq!(factor(&mut l, n, n + 1), Ok(()));
}

#[test]
fn not_positive_definite() {
    for n in [5, 6, 40, 100, 300] {
        for j in [0, 4, n / 2 + 1, n - 1] {
            if j >= n {
                continue;
            }
            // Make the leading minor of order j+1 indefinite; earlier ones stay SPD.
            let mut a = spd::<f64>(n, n, 2.0 * n as f64, 7);
            a[j * n + j] = -1.0;
            assert_eq!(factor(&mut a, n, n), Err(j), "n={n} j={j}");
            let mut a = spd::<f32>(n, n + 2, 2.0 * n as f64, 8);
            a[j * (n + 2) + j] = 0.0;
            assert_eq!(factor(&mut a, n, n + 2), Err(j), "f32 n={n} j={j}");
        }
    }
    // Indefinite through an off-diagonal entry: [[1, 2], [2, 1]] at rows 4, 5.
    let mut a = spd::<f64>(8, 8, 0.0, 1);
    for i in 0..8 {
        for j in 0..=i {
            a[i * 8 + j] = if i == j { 1.0 } else { 0.0 };
        }
    }
    a[5 * 8 + 4] = 2.0;
    assert_eq!(factor(&mut a, 8, 8), Err(5));
}

#[test]
fn nan_input() {
    for n in [1, 4, 50, 200] {
        let mut a = spd::<f64>(n, n, 2.0 * n as f64, 9);
        a[(n - 1) * n] = f64::NAN;
        // A NaN below the diagonal reaches the last pivot.
        assert_eq!(
            factor(&mut a, n, n),
            if n == 1 { Err(0) } else { Err(n - 1) }
        );
        let mut a = spd::<f64>(n, n, 2.0 * n as f64, 9);
        a[0] = f64::NAN;
        assert_eq!(factor(&mut a, n, n), Err(0));
    }
}

#[test]
fn loop_fallback() {
    // The updates without the GEMM (CPUs without AVX-512), on this thread (parallel
    // halves on other threads may still use it).
    super::super::triangular::FORCE_LOOPS.with(|f| f.set(true));
    for n in [65, 200] {
        assert!(check::<f64>(n, n + 2, n as f64) < 4.0);
        assert!(check::<f32>(n, n, n as f64) < 4.0);
    }
    super::super::triangular::FORCE_LOOPS.with(|f| f.set(false));
}
