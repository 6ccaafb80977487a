//! Tests: `mul_acc` / `Gemm::gemm_acc` against a naive product (all accumulation modes,
//! C a block of a wider matrix) and triangular solves by their residuals.

use super::super::gemm::{Acc, Gemm, View};
use super::{mul_acc, trsm_lower, trsm_upper, Dense, Diag};

/// Uniform values in [-1, 1) from a fixed-seed LCG.
pub(crate) fn rnd<T: Dense>(len: usize, seed: u64) -> Vec<T> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            T::from_f64((s >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0)
        })
        .collect()
}

/// Checks `C op= A B` for one shape, C embedded with row stride `n + 5`.
fn check_mul<T: Dense>(m: usize, n: usize, k: usize, acc: Acc, direct: bool) {
    let ldc = n + 5;
    let a = rnd::<T>(m * k, 1);
    let b = rnd::<T>(k * n, 2);
    let c0 = rnd::<T>(m.max(1) * ldc, 3);
    let mut c = c0.clone();
    let av = View {
        data: &a,
        off: 0,
        rs: k as isize,
        cs: 1,
    };
    // B read transposed from a column-major copy, to cover strided views.
    let bt: Vec<T> = (0..n * k).map(|x| b[(x % k) * n + x / k]).collect();
    let bv = View {
        data: &bt,
        off: 0,
        rs: 1,
        cs: k as isize,
    };
    if direct {
        if !T::gemm_acc(m, n, k, av, bv, &mut c, ldc, acc) {
            return; // no AVX-512 here
        }
    } else {
        mul_acc(m, n, k, av, bv, &mut c, ldc, acc);
    }
    for i in 0..m {
        for j in 0..ldc {
            let got = c[i * ldc + j].to_f64();
            let old = c0[i * ldc + j].to_f64();
            if j >= n {
                assert_eq!(got, old, "padding touched at ({i},{j})");
                continue;
            }
            let p: f64 = (0..k)
                .map(|q| a[i * k + q].to_f64() * b[q * n + j].to_f64())
                .sum();
            let want = match acc {
                Acc::Set => p,
                Acc::Add => old + p,
                Acc::Sub => old - p,
            };
            let tol = 4.0 * (k as f64 + 2.0) * T::EPS.to_f64();
            assert!(
                (got - want).abs() <= tol,
                "({m},{n},{k}) {acc:?} at ({i},{j}): {got} vs {want}"
            );
        }
    }
}

#[test]
fn mul_acc_matches_naive() {
    for &(m, n, k) in &[
        (1, 1, 1),
        (3, 5, 7),
        (17, 33, 9),
        (40, 40, 40),
        (70, 129, 65),
        (200, 31, 150),
    ] {
        for acc in [Acc::Set, Acc::Add, Acc::Sub] {
            for direct in [false, true] {
                check_mul::<f64>(m, n, k, acc, direct);
                check_mul::<f32>(m, n, k, acc, direct);
            }
        }
    }
    // k = 0: Set zeroes C, Add / Sub leave it.
    check_mul::<f64>(4, 6, 0, Acc::Set, true);
    check_mul::<f64>(4, 6, 0, Acc::Sub, false);
}

#[test]
fn gemm_acc_rejects_short_c() {
    let a = [1.0f64; 4];
    let v = || View {
        data: &a[..],
        off: 0,
        rs: 2,
        cs: 1,
    };
    let mut c = [0.0f64; 5];
    // 2 x 2 with ldc = 4 needs 6 elements; ldc < n is rejected too.
    assert!(!f64::gemm_acc(2, 2, 2, v(), v(), &mut c, 4, Acc::Set));
    assert!(!f64::gemm_acc(2, 2, 2, v(), v(), &mut c, 1, Acc::Set));
    assert_eq!(c, [0.0; 5]);
}

/// `||T X - B||_inf / (n eps ||T||_inf ||X||_inf)` for the triangle `T` of `t`.
fn trsm_residual<T: Dense>(n: usize, nrhs: usize, lower: bool, diag: Diag) -> f64 {
    let (ldt, ldb) = (n + 2, nrhs + 3);
    let mut t = rnd::<T>(n * ldt, 7);
    for i in 0..n {
        // Keep the triangle well conditioned: strong diagonal.
        t[i * ldt + i] = T::from_f64(if i % 2 == 0 { 4.0 } else { -3.0 });
        for j in 0..n {
            t[i * ldt + j] *= T::from_f64(0.5);
        }
    }
    let b = rnd::<T>(n * ldb, 8);
    let mut x = b.clone();
    if lower {
        trsm_lower(diag, n, nrhs, &t, ldt, &mut x, ldb);
    } else {
        trsm_upper(n, nrhs, &t, ldt, &mut x, ldb);
    }
    let tij = |i: usize, j: usize| -> f64 {
        let inside = if lower { j <= i } else { j >= i };
        if !inside {
            0.0
        } else if i == j && lower && diag == Diag::Unit {
            1.0
        } else {
            t[i * ldt + j].to_f64()
        }
    };
    let (mut r, mut tn, mut xn) = (0.0f64, 0.0f64, 0.0f64);
    for i in 0..n {
        tn = tn.max((0..n).map(|j| tij(i, j).abs()).sum());
        xn = xn.max((0..nrhs).map(|j| x[i * ldb + j].to_f64().abs()).sum());
        let mut row = 0.0;
        for j in 0..nrhs {
            let s: f64 = (0..n).map(|p| tij(i, p) * x[p * ldb + j].to_f64()).sum();
            row += (s - b[i * ldb + j].to_f64()).abs();
        }
        r = r.max(row);
        // Padding columns keep their values.
        for j in nrhs..ldb {
            assert_eq!(x[i * ldb + j].to_f64(), b[i * ldb + j].to_f64());
        }
    }
    r / (n as f64 * T::EPS.to_f64() * tn * xn).max(f64::MIN_POSITIVE)
}

#[test]
fn trsm_residuals() {
    for &n in &[1, 2, 3, 17, 31, 33, 64, 100, 150] {
        for &nrhs in &[1, 2, 5, 40, 70] {
            for (lower, diag) in [
                (true, Diag::Unit),
                (true, Diag::NonUnit),
                (false, Diag::NonUnit),
            ] {
                let r64 = trsm_residual::<f64>(n, nrhs, lower, diag);
                let r32 = trsm_residual::<f32>(n, nrhs, lower, diag);
                assert!(
                    r64 < 2.0 && r32 < 2.0,
                    "n={n} nrhs={nrhs} {lower} {diag:?}: {r64} {r32}"
                );
            }
        }
    }
}
