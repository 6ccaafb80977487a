//! Tests of the tridiagonal eigenvalue solver against closed forms, a plain bisection
//! to the last bit (the oracle) and faer's QR iteration (within its own error).

use super::eigenvalues;
use crate::linalg::triangular::FORCE_LOOPS;
use std::f64::consts::PI;

/// Deterministic values in `[-1, 1)`.
fn rand(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        })
        .collect()
}

/// Eigenvalues of `(d, e)` by this module in `T` (`e` given with `n` elements), after
/// checking they are ascending.
fn ours<T: super::EighElem + faer::traits::RealField>(d: &[f64], e: &[f64], par: bool) -> Vec<f64> {
    let n = d.len();
    let mut dt: Vec<T> = d.iter().map(|&x| T::from_f64(x)).collect();
    let mut et: Vec<T> = e.iter().map(|&x| T::from_f64(x)).collect();
    et.resize(n, T::ZERO);
    let r = if par {
        rayon::scope(|_| eigenvalues(&mut dt, &mut et, n, true))
    } else {
        eigenvalues(&mut dt, &mut et, n, false)
    };
    assert!(r.is_ok(), "n={n}: not converged");
    let w: Vec<f64> = dt.iter().map(|x| x.to_f64()).collect();
    for i in 1..n {
        assert!(w[i - 1] <= w[i], "n={n}: not ascending at {i}: {w:?}");
    }
    w
}

/// `(d, e)` rounded to `T` (`e` padded to `n`).
fn rounded<T: super::EighElem>(d: &[f64], e: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let r = |x: &f64| T::from_f64(*x).to_f64();
    let mut e: Vec<f64> = e.iter().map(r).collect();
    e.resize(d.len(), 0.0);
    (d.iter().map(r).collect(), e)
}

/// faer's QR iteration in `f64` on `(d, e)` (rounded to `T` first), sorted.
fn faer_qr<T: super::EighElem>(d: &[f64], e: &[f64]) -> Vec<f64> {
    use faer::dyn_stack::{MemBuffer, MemStack};
    use faer::linalg::evd::{self, ComputeEigenvectors};
    use faer::{ColMut, ColRef, Par};
    let (d, e) = rounded::<T>(d, e);
    let n = d.len();
    let no = ComputeEigenvectors::No;
    let mut mem = MemBuffer::new(evd::self_adjoint_evd_scratch::<f64>(
        n,
        no,
        Par::Seq,
        Default::default(),
    ));
    let mut w = vec![0.0; n];
    evd::tridiagonal_self_adjoint_evd(
        ColRef::from_slice(&d).as_diagonal(),
        ColRef::from_slice(&e).as_diagonal(),
        ColMut::from_slice_mut(&mut w).as_diagonal_mut(),
        None,
        Par::Seq,
        MemStack::new(&mut mem),
        Default::default(),
    )
    .unwrap();
    w.sort_by(f64::total_cmp);
    w
}

/// Plain bisection on Sturm counts in `f64` (LAPACK `stebz`'s recurrence and pivot),
/// each eigenvalue to the last bit, on `(d, e)` rounded to `T`: the reference (faer's
/// QR iteration was off by 48 ulps of `||T||` at `n = 64`).
fn oracle<T: super::EighElem>(d: &[f64], e: &[f64]) -> Vec<f64> {
    let (d, e) = rounded::<T>(d, e);
    let n = d.len();
    let e2: Vec<f64> = e[..n - 1].iter().map(|x| x * x).collect();
    let pivmin = f64::MIN_POSITIVE * e2.iter().fold(1.0f64, |m, &x| m.max(x));
    let count = |x: f64| {
        let mut q = d[0] - x;
        let mut c = 0;
        for i in 0..n {
            if i > 0 {
                q = d[i] - x - e2[i - 1] / q;
            }
            if q.abs() <= pivmin {
                q = -pivmin;
            }
            c += usize::from(q < 0.0);
        }
        c
    };
    let mut gl = f64::INFINITY;
    let mut gu = f64::NEG_INFINITY;
    for i in 0..n {
        let r = if i > 0 { e[i - 1].abs() } else { 0.0 } + if i + 1 < n { e[i].abs() } else { 0.0 };
        gl = gl.min(d[i] - r);
        gu = gu.max(d[i] + r);
    }
    let w = gl.abs().max(gu.abs()) * 1e-12 + 1e-300;
    let (gl, gu) = (gl - w, gu + w);
    (0..n)
        .map(|k| {
            let (mut lo, mut hi) = (gl, gu);
            loop {
                let mid = 0.5 * (lo + hi);
                if mid <= lo || mid >= hi {
                    return mid;
                }
                if count(mid) <= k {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
        })
        .collect()
}

/// `max |entry|` of `(d, e)`.
fn tmax(d: &[f64], e: &[f64]) -> f64 {
    d.iter().chain(e).fold(0.0f64, |m, x| m.max(x.abs()))
}

/// Asserts `|got - want| <= c eps ||T||` elementwise (`||T||` bounded by three times
/// its largest entry).
fn close<T: super::EighElem>(got: &[f64], want: &[f64], norm: f64, c: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}");
    let tol = c * T::EPS.to_f64() * 3.0 * norm;
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol,
            "{what}: w[{i}] = {g:e}, want {w:e} (off by {:e}, tol {tol:e})",
            (g - w).abs()
        );
    }
}

/// Ours in `T` against the bisection oracle, within `c eps ||T||`, sequential and
/// parallel, and against faer's QR iteration within its own error.
fn check<T: super::EighElem + faer::traits::RealField>(d: &[f64], e: &[f64], c: f64, what: &str) {
    let want = oracle::<T>(d, e);
    let norm = tmax(d, e);
    for par in [false, true] {
        let w = ours::<T>(d, e, par);
        close::<T>(&w, &want, norm, c, what);
        let f = faer_qr::<T>(d, e);
        close::<T>(&w, &f, norm, 32.0 + d.len() as f64 / 4.0, what);
    }
}

#[test]
fn tiny_orders() {
    let (mut d, mut e) = (Vec::<f64>::new(), Vec::<f64>::new());
    assert!(eigenvalues(&mut d, &mut e, 0, false).is_ok());
    let (mut d, mut e) = (vec![-3.5f64], vec![]);
    assert!(eigenvalues(&mut d, &mut e, 1, false).is_ok());
    assert_eq!(d, [-3.5]);
    // [[2, 1], [1, 2]]: 1 and 3; [[0, 1], [1, 0]]: -1, 1.
    close::<f64>(
        &ours::<f64>(&[2.0, 2.0], &[1.0], false),
        &[1.0, 3.0],
        3.0,
        4.0,
        "2x2",
    );
    close::<f64>(
        &ours::<f64>(&[0.0, 0.0], &[1.0], false),
        &[-1.0, 1.0],
        1.0,
        4.0,
        "2x2",
    );
    // [[1, 1, 0], [1, 1, 1], [0, 1, 1]]: 1 - sqrt 2, 1, 1 + sqrt 2.
    let s = 2f64.sqrt();
    let w = ours::<f64>(&[1.0; 3], &[1.0; 2], false);
    close::<f64>(&w, &[1.0 - s, 1.0, 1.0 + s], 1.0, 4.0, "3x3");
    // Short slices are an error.
    let (mut d, mut e) = (vec![1.0f64; 3], vec![0.0f64; 1]);
    assert!(eigenvalues(&mut d, &mut e, 3, false).is_err());
}

#[test]
fn toeplitz_closed_form() {
    // (1, 2, 1): 2 - 2 cos(k pi / (n + 1)); constant diagonal 3 with e = -1: 3 + 2 cos.
    for n in [2, 3, 7, 64, 300, 1000] {
        let mut want: Vec<f64> = (1..=n)
            .map(|k| 2.0 - 2.0 * (k as f64 * PI / (n + 1) as f64).cos())
            .collect();
        want.sort_by(f64::total_cmp);
        for par in [false, true] {
            let w = ours::<f64>(&vec![2.0; n], &vec![1.0; n - 1], par);
            close::<f64>(&w, &want, 2.0, 8.0, "(1,2,1)");
            let w = ours::<f32>(&vec![2.0; n], &vec![1.0; n - 1], par);
            close::<f32>(&w, &want, 2.0, 8.0, "(1,2,1) f32");
            let w = ours::<f64>(&vec![3.0; n], &vec![-1.0; n - 1], par);
            let w3: Vec<f64> = want.iter().map(|x| x + 1.0).collect();
            close::<f64>(&w, &w3, 3.0, 8.0, "equal diagonal");
        }
    }
}

#[test]
fn random() {
    for (i, n) in [2usize, 3, 5, 17, 64, 100, 257, 1000]
        .into_iter()
        .enumerate()
    {
        let d = rand(n, 1 + i as u64);
        let e = rand(n - 1, 100 + i as u64);
        check::<f64>(&d, &e, 8.0, "random f64");
        check::<f32>(&d, &e, 8.0, "random f32");
        // A wider range of magnitudes in the matrix.
        let d2: Vec<f64> = d
            .iter()
            .enumerate()
            .map(|(j, x)| x * (j % 7) as f64)
            .collect();
        check::<f64>(&d2, &e, 8.0, "random, graded diagonal");
    }
}

#[test]
fn wilkinson() {
    // W_21^+ (d = |10 - i|, e = 1): its largest pairs agree to about 1e-13.
    let w21: Vec<f64> = (0..21).map(|i| (10.0f64 - i as f64).abs()).collect();
    let ones = vec![1.0; 20];
    check::<f64>(&w21, &ones, 4.0, "W21+");
    check::<f32>(&w21, &ones, 4.0, "W21+ f32");
    let w = ours::<f64>(&w21, &ones, false);
    assert!((w[20] - 10.746_194_182_903_393).abs() < 1e-13, "{}", w[20]);
    assert!((w[19] - 10.746_194_182_903_322).abs() < 1e-13, "{}", w[19]);
    // Glued: 40 copies coupled by 1e-8 (clusters of 40 eigenvalues within 1e-8).
    for glue in [1e-8, 1e-14, 0.0] {
        let mut d = Vec::new();
        let mut e = Vec::new();
        for b in 0..40 {
            d.extend_from_slice(&w21);
            e.extend_from_slice(&ones);
            if b < 39 {
                e.push(glue);
            }
        }
        check::<f64>(&d, &e, 8.0, "glued W21+");
        check::<f32>(&d, &e, 8.0, "glued W21+ f32");
    }
}

#[test]
fn splits_and_tiny_off_diagonals() {
    let n = 300;
    let d = rand(n, 7);
    let mut sorted = d.clone();
    sorted.sort_by(f64::total_cmp);
    // e = 0, and tiny or subnormal e: the eigenvalues are the diagonal.
    for t in [0.0, 1e-300, 5e-324, 1e-170] {
        let e = vec![t; n - 1];
        close::<f64>(&ours::<f64>(&d, &e, false), &sorted, 1.0, 2.0, "tiny e");
        close::<f64>(&ours::<f64>(&d, &e, true), &sorted, 1.0, 2.0, "tiny e");
    }
    // e = 0 exactly: the sorted diagonal comes back exactly (1 x 1 blocks), in f32 too.
    for par in [false, true] {
        assert_eq!(ours::<f64>(&d, &vec![0.0; n - 1], par), sorted, "diagonal");
        let d32: Vec<f64> = d.iter().map(|&x| x as f32 as f64).collect();
        let mut s32 = d32.clone();
        s32.sort_by(f64::total_cmp);
        assert_eq!(
            ours::<f32>(&d32, &vec![0.0; n - 1], par),
            s32,
            "diagonal f32"
        );
    }
    // 1 x 1 blocks between larger ones keep their values exactly.
    let mut e = rand(n - 1, 9);
    for i in (0..n - 1).step_by(3) {
        e[i] = 0.0;
        e[i + 1] = 0.0;
    }
    let w = ours::<f64>(&d, &e, true);
    let mut isolated = 0;
    for i in 0..n {
        if (i == 0 || e[i - 1] == 0.0) && (i == n - 1 || e[i] == 0.0) {
            assert!(w.contains(&d[i]), "isolated d[{i}] = {} not exact", d[i]);
            isolated += 1;
        }
    }
    // rows 0, 3j + 1 (j < 100) and 299
    assert_eq!(isolated, 102);
    check::<f64>(&d, &e, 8.0, "isolated rows");
    // Exact zeros cutting random blocks.
    let mut e = rand(n - 1, 8);
    for (i, x) in e.iter_mut().enumerate() {
        if i % 13 == 0 || i % 29 == 3 {
            *x = 0.0;
        }
    }
    check::<f64>(&d, &e, 8.0, "blocks");
    check::<f32>(&d, &e, 8.0, "blocks f32");
    // A diagonal of repeated values: multiple eigenvalues.
    let d: Vec<f64> = (0..n).map(|i| [2.0, -1.0, 2.0][i % 3]).collect();
    let mut sorted = d.clone();
    sorted.sort_by(f64::total_cmp);
    close::<f64>(
        &ours::<f64>(&d, &vec![0.0; n - 1], true),
        &sorted,
        2.0,
        2.0,
        "repeated",
    );
}

#[test]
fn clustered() {
    // Eigenvalues within a few ulps of each other, and a tight cluster of width 1e-10.
    let n = 200;
    let r = rand(n, 3);
    let d: Vec<f64> = r.iter().map(|x| 1.0 + x * 1e-15).collect();
    let e: Vec<f64> = rand(n - 1, 4).iter().map(|x| x * 1e-16).collect();
    check::<f64>(&d, &e, 8.0, "ulp cluster");
    let d: Vec<f64> = r.iter().map(|x| 1.0 + x * 1e-10).collect();
    let e: Vec<f64> = rand(n - 1, 5).iter().map(|x| x * 1e-10).collect();
    check::<f64>(&d, &e, 8.0, "1e-10 cluster");
    // Two clusters and an outlier.
    let mut d: Vec<f64> = r
        .iter()
        .map(|x| if *x > 0.0 { 1.0 } else { -1.0 })
        .collect();
    d[0] = 1e3;
    let e = vec![1e-9; n - 1];
    check::<f64>(&d, &e, 8.0, "two clusters");
}

#[test]
fn scale_invariant() {
    let n = 150;
    let d = rand(n, 21);
    let e = rand(n - 1, 22);
    let w1 = ours::<f64>(&d, &e, false);
    for s in [
        2f64.powi(500),
        2f64.powi(-500),
        1e-310 / 2f64.powi(3),
        3.0,
        1e300,
    ] {
        let ds: Vec<f64> = d.iter().map(|x| x * s).collect();
        let es: Vec<f64> = e.iter().map(|x| x * s).collect();
        let w = ours::<f64>(&ds, &es, false);
        let wmax = w1.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        for i in 0..n {
            let err = (w[i] / s - w1[i]).abs() / wmax;
            // Subnormal entries lose digits.
            let tol = if s < 1e-300 { 1e-6 } else { 1e-14 };
            assert!(err < tol, "scale {s:e}: w[{i}] off by {err:e}");
        }
    }
}

#[test]
fn loops_fallback() {
    FORCE_LOOPS.with(|f| f.set(true));
    for n in [3, 40, 200] {
        let d = rand(n, 31);
        let e = rand(n - 1, 32);
        let want = oracle::<f64>(&d, &e);
        let w = ours::<f64>(&d, &e, false);
        FORCE_LOOPS.with(|f| f.set(false));
        close::<f64>(&w, &want, tmax(&d, &e), 8.0, "loops");
        FORCE_LOOPS.with(|f| f.set(true));
    }
    FORCE_LOOPS.with(|f| f.set(false));
}

#[test]
fn nonfinite_is_error() {
    for n in [1, 2, 3, 10, 200] {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            for in_e in [false, true] {
                if in_e && n == 1 {
                    continue;
                }
                let mut d = rand(n, 41);
                let mut e = rand(n, 42);
                if in_e {
                    e[n / 2 - usize::from(n / 2 == n - 1)] = bad;
                } else {
                    d[n / 2] = bad;
                }
                assert!(
                    eigenvalues(&mut d, &mut e, n, false).is_err(),
                    "n={n} {bad}"
                );
                let mut d32: Vec<f32> = d.iter().map(|&x| x as f32).collect();
                let mut e32: Vec<f32> = e.iter().map(|&x| x as f32).collect();
                assert!(
                    eigenvalues(&mut d32, &mut e32, n, true).is_err(),
                    "n={n} {bad}"
                );
            }
        }
    }
    // Finite f64 entries whose squares overflow are fine (scaled first).
    let mut d: Vec<f64> = vec![1e300, -1e300, 5e299];
    let mut e: Vec<f64> = vec![1e300, 1e300];
    assert!(eigenvalues(&mut d, &mut e, 3, false).is_ok());
    assert!(d.iter().all(|x| x.is_finite()));
}

#[test]
fn fuzz_small() {
    // Many small matrices: integer entries (eigenvalues and counts' points often
    // coincide, multiple eigenvalues), and entries of mixed magnitudes.
    for seed in 0..300u64 {
        let n = 1 + (seed as usize * 7) % 45;
        let r = rand(2 * n, 1000 + seed);
        let (d, e): (Vec<f64>, Vec<f64>) = match seed % 3 {
            0 => (
                r[..n].iter().map(|x| (x * 3.0).round()).collect(),
                r[n..2 * n - 1].iter().map(|x| (x * 2.0).round()).collect(),
            ),
            1 => (
                r[..n].to_vec(),
                r[n..2 * n - 1]
                    .iter()
                    .enumerate()
                    .map(|(i, x)| x * 10f64.powi(-((i % 9) as i32)))
                    .collect(),
            ),
            _ => (
                r[..n].iter().map(|x| x * 1e-3).collect(),
                r[n..2 * n - 1].to_vec(),
            ),
        };
        if n == 1 {
            assert_eq!(ours::<f64>(&d, &e, false), d);
            continue;
        }
        check::<f64>(&d, &e, 8.0, "fuzz");
        check::<f32>(&d, &e, 8.0, "fuzz f32");
    }
}
