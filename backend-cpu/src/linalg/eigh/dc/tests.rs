//! Tests of the divide and conquer: eigenvalues against Sturm bisection in `f64`,
//! residuals `‖T z − λ z‖`, orthogonality `‖Z^T Z − I‖`, on hard and easy matrices.

use super::{run, LEAF};

/// The number of eigenvalues of `(d, e)` below `x` (Sturm count, `f64`).
fn count_below(d: &[f64], e: &[f64], x: f64) -> usize {
    let mut c = 0;
    let mut q = 1.0f64;
    for i in 0..d.len() {
        let off = if i == 0 { 0.0 } else { e[i - 1] * e[i - 1] };
        q = d[i] - x - if i == 0 { 0.0 } else { off / q };
        if q == 0.0 {
            q = -f64::MIN_POSITIVE.sqrt() * 1e-10;
        }
        if q < 0.0 {
            c += 1;
        }
    }
    c
}

/// All eigenvalues of `(d, e)` ascending, by bisection to `f64` accuracy.
fn reference(d: &[f64], e: &[f64]) -> Vec<f64> {
    let n = d.len();
    let norm = norm(d, e);
    let (lo0, hi0) = (-norm - 1.0, norm + 1.0);
    (0..n)
        .map(|k| {
            let (mut lo, mut hi) = (lo0, hi0);
            for _ in 0..200 {
                let mid = 0.5 * (lo + hi);
                if mid <= lo || mid >= hi {
                    break;
                }
                if count_below(d, e, mid) > k {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            0.5 * (lo + hi)
        })
        .collect()
}

/// Max row sum of `|T|`.
fn norm(d: &[f64], e: &[f64]) -> f64 {
    let n = d.len();
    (0..n)
        .map(|i| {
            d[i].abs()
                + if i > 0 { e[i - 1].abs() } else { 0.0 }
                + if i + 1 < n { e[i].abs() } else { 0.0 }
        })
        .fold(0.0, f64::max)
}

/// A tiny deterministic generator in `[-1, 1)`.
struct Rng(u64);

impl Rng {
    /// Next value.
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    }
}

/// Runs `dc` in `T` on `(d, e)` (rounded to `T`), checks order, eigenvalues, residual and
/// orthogonality against bounds `c n ε`; returns the worst ratios seen.
fn check_t<T: super::EighElem>(name: &str, d0: &[f64], e0: &[f64], par: bool) -> [f64; 3] {
    let n = d0.len();
    let dt: Vec<T> = d0.iter().map(|&x| T::from_f64(x)).collect();
    let et: Vec<T> = e0.iter().map(|&x| T::from_f64(x)).collect();
    // The matrix actually solved (rounded to T), in f64.
    let d: Vec<f64> = dt.iter().map(|x| x.to_f64()).collect();
    let e: Vec<f64> = et.iter().map(|x| x.to_f64()).collect();
    let mut w = dt.clone();
    let mut ee = et.clone();
    ee.push(T::ZERO);
    let mut zt = vec![T::from_f64(7.0); n * n];
    let r = if par {
        rayon::scope(|_| run(&mut w, &ee, &mut zt, n, true))
    } else {
        run(&mut w, &ee, &mut zt, n, false)
    };
    assert!(r.is_ok(), "{name}: dc failed");
    let eps = T::EPS.to_f64();
    // The zero matrix: errors relative to 1.
    let tn = norm(&d, &e);
    let tn = if tn == 0.0 { 1.0 } else { tn };
    let nf = n as f64;
    let w: Vec<f64> = w.iter().map(|x| x.to_f64()).collect();
    for k in 1..n {
        assert!(w[k - 1] <= w[k], "{name}: not ascending at {k}");
    }
    let rf = reference(&d, &e);
    let ev = w
        .iter()
        .zip(&rf)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max)
        / (tn * eps);
    let z: Vec<f64> = zt.iter().map(|x| x.to_f64()).collect();
    let mut res = 0.0f64;
    for k in 0..n {
        let v = &z[k * n..(k + 1) * n];
        let mut s = 0.0;
        for i in 0..n {
            let mut t = d[i] * v[i] - w[k] * v[i];
            if i > 0 {
                t += e[i - 1] * v[i - 1];
            }
            if i + 1 < n {
                t += e[i] * v[i + 1];
            }
            s += t * t;
        }
        res = res.max(s.sqrt());
    }
    let res = res / (tn * eps);
    let mut orth = 0.0f64;
    for a in 0..n {
        let va = &z[a * n..(a + 1) * n];
        for b in a..n {
            let vb = &z[b * n..(b + 1) * n];
            let s: f64 = va.iter().zip(vb).map(|(x, y)| x * y).sum();
            let t = if a == b { s - 1.0 } else { s };
            orth = orth.max(t.abs());
        }
    }
    let orth = orth / eps;
    // Bounds: c n ε with c = 1 (eigenvalues), 2 (residual, orthogonality), at least 16 ε.
    let bound = |c: f64| (c * nf).max(16.0);
    assert!(
        ev <= bound(1.0),
        "{name}: eigenvalue error {ev} n eps |T| (n = {n})"
    );
    assert!(
        res <= bound(2.0),
        "{name}: residual {res} eps |T| (n = {n})"
    );
    assert!(
        orth <= bound(2.0),
        "{name}: orthogonality {orth} eps (n = {n})"
    );
    [ev, res, orth]
}

/// [`check_t`] in `f64` and `f32`, sequential and parallel; prints the ratios.
fn check(name: &str, d: &[f64], e: &[f64]) {
    for par in [false, true] {
        let a = check_t::<f64>(name, d, e, par);
        let b = check_t::<f32>(name, d, e, par);
        if !par {
            println!("{name} n={}: f64 {a:.2?} f32 {b:.2?}", d.len());
        }
    }
}

/// Random `(d, e)` in `[-1, 1)`.
fn random(n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut r = Rng(seed);
    let d = (0..n).map(|_| r.next()).collect();
    let e = (0..n.saturating_sub(1)).map(|_| r.next()).collect();
    (d, e)
}

/// Wilkinson's `W_{2m+1}^+`: diagonal `|m - i|`, off-diagonal 1.
fn wilkinson(m: usize) -> (Vec<f64>, Vec<f64>) {
    let n = 2 * m + 1;
    let d = (0..n).map(|i| (m as f64 - i as f64).abs()).collect();
    (d, vec![1.0; n - 1])
}

#[test]
fn tiny_sizes() {
    for n in 1..=5 {
        let (d, e) = random(n, 11 + n as u64);
        check("random", &d, &e);
    }
    check("n=1", &[3.0], &[]);
    check("n=2 equal", &[1.0, 1.0], &[0.5]);
    check("n=2 zero e", &[2.0, -1.0], &[0.0]);
}

#[test]
fn around_leaf_and_splits() {
    for n in 6..=2 * LEAF + 3 {
        let (d, e) = random(n, 50 + n as u64);
        for par in [false, true] {
            check_t::<f64>("small", &d, &e, par);
            check_t::<f32>("small", &d, &e, par);
        }
    }
    for n in [
        LEAF - 1,
        LEAF,
        LEAF + 1,
        2 * LEAF,
        2 * LEAF + 1,
        65,
        100,
        127,
        200,
        257,
    ] {
        let (d, e) = random(n, n as u64);
        check("random", &d, &e);
    }
}

#[test]
fn random_1000() {
    let (d, e) = random(1000, 1000);
    check("random", &d, &e);
}

#[test]
fn wilkinson_and_glued() {
    let (d, e) = wilkinson(10);
    check("W21+", &d, &e);
    let (d, e) = wilkinson(50);
    check("W101+", &d, &e);
    // Glued Wilkinson: copies of W21+ coupled by a small off-diagonal.
    for glue in [1e-3, 1e-7, 1e-14] {
        let (w, we) = wilkinson(10);
        let (mut d, mut e) = (Vec::new(), Vec::new());
        for c in 0..15 {
            if c > 0 {
                e.push(glue);
            }
            d.extend_from_slice(&w);
            e.extend_from_slice(&we);
        }
        check(&format!("glued W21+ x15 ({glue:e})"), &d, &e);
    }
}

#[test]
fn heavy_deflation() {
    for n in [50, 300] {
        check("equal d, tiny e", &vec![0.5; n], &vec![1e-12; n - 1]);
        check("equal d, e = 0", &vec![0.5; n], &vec![0.0; n - 1]);
        check("zero", &vec![0.0; n], &vec![0.0; n - 1]);
        let (d, _) = random(n, 3);
        check("diagonal", &d, &vec![0.0; n - 1]);
        let (d, mut e) = random(n, 4);
        for k in (0..n - 1).step_by(7) {
            e[k] = 0.0;
        }
        e[n / 2 - 1] = 0.0;
        check("zeros in e", &d, &e);
        // Clusters: eigenvalues near a few values.
        let mut r = Rng(9);
        let d: Vec<f64> = (0..n)
            .map(|i| (i % 4) as f64 * 0.25 + 1e-10 * r.next())
            .collect();
        let e: Vec<f64> = (0..n - 1).map(|_| 1e-9 * r.next()).collect();
        check("clustered", &d, &e);
        let d: Vec<f64> = (0..n).map(|i| 1.0 + 1e-13 * i as f64).collect();
        check("one cluster", &d, &vec![1e-8; n - 1]);
    }
}

#[test]
fn toeplitz_121() {
    for n in [10, 33, 200, 500] {
        check("(1,2,1)", &vec![2.0; n], &vec![1.0; n - 1]);
    }
    check("(1,0,1)", &vec![0.0; 301], &vec![1.0; 300]);
    let (d, e) = random(400, 5);
    let e: Vec<f64> = e.iter().map(|x| -x.abs()).collect();
    check("negative e", &d, &e);
}

#[test]
fn bad_input() {
    for n in [1, 5, 40, 300] {
        for bad in [f64::NAN, f64::INFINITY, -f64::INFINITY] {
            let (mut d, mut e) = random(n, 6);
            e.push(0.0);
            d[n / 2] = bad;
            let mut zt = vec![0.0; n * n];
            assert!(run(&mut d, &e, &mut zt, n, false).is_err());
            if n > 1 {
                let (mut d, mut e) = random(n, 6);
                e.push(0.0);
                e[n / 3] = bad;
                assert!(run(&mut d, &e, &mut zt, n, true).is_err());
            }
        }
    }
    let mut d = vec![1.0f32; 4];
    let mut zt = vec![0.0f32; 3];
    assert!(run(&mut d, &[0.0; 3], &mut zt, 4, false).is_err());
    let mut zt: Vec<f64> = Vec::new();
    assert!(run::<f64>(&mut [], &[], &mut zt, 0, false).is_ok());
}

#[test]
fn without_avx512() {
    use crate::linalg::triangular::FORCE_LOOPS;
    FORCE_LOOPS.with(|f| f.set(true));
    let (d, e) = random(150, 8);
    let a = check_t::<f64>("loops", &d, &e, false);
    let b = check_t::<f32>("loops", &d, &e, false);
    let (d, e) = wilkinson(40);
    check_t::<f64>("loops W81+", &d, &e, false);
    FORCE_LOOPS.with(|f| f.set(false));
    println!("loops n=150: f64 {a:.2?} f32 {b:.2?}");
}

#[test]
fn graded_and_duplicated() {
    // Graded: entries falling by 2^(-1/4) per row (down to ~1e-15).
    let n = 200;
    let d: Vec<f64> = (0..n).map(|i| (-(i as f64) / 4.0).exp2()).collect();
    let e: Vec<f64> = (0..n - 1)
        .map(|i| 0.5 * (-(i as f64) / 4.0).exp2())
        .collect();
    check("graded", &d, &e);
    // Two equal halves weakly coupled: equal poles across halves (rotations).
    let (h, he) = random(150, 12);
    for glue in [1e-9, 1e-3] {
        let (mut d, mut e) = (h.clone(), he.clone());
        e.push(glue);
        d.extend_from_slice(&h);
        e.extend_from_slice(&he);
        check(&format!("duplicated halves ({glue:e})"), &d, &e);
    }
}

#[test]
fn random_sweep() {
    for seed in 0..40u64 {
        let n = 20 + (seed as usize * 37) % 380;
        let (mut d, mut e) = random(n, 100 + seed);
        if seed % 3 == 1 {
            // Few distinct diagonal values: many close poles.
            for x in d.iter_mut() {
                *x = (*x * 4.0).round() / 4.0;
            }
        }
        if seed % 4 == 2 {
            for x in e.iter_mut() {
                *x *= 1e-6;
            }
        }
        for par in [false, true] {
            check_t::<f64>("sweep", &d, &e, par);
            check_t::<f32>("sweep", &d, &e, par);
        }
    }
}
