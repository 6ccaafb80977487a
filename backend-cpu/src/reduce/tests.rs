//! The fast paths of the reductions against naive loops: blockwise arg-reductions, the
//! chunked parallel scan, and column sums split along the reduced axis.

use super::*;
use array_api::{ArgReduceOp, ScanOp};

fn st<T: Element>(v: Vec<T>) -> CpuStorage {
    CpuStorage::from_vec(v)
}

/// NumPy's argmax / argmin: the first extremum, or the first NaN.
fn naive_arg(v: &[f64], max: bool) -> usize {
    let mut bi = 0;
    for (i, &x) in v.iter().enumerate() {
        if x.is_nan() {
            return i;
        }
        if (max && x > v[bi]) || (!max && x < v[bi]) {
            bi = i;
        }
    }
    bi
}

fn arg(v: &[f64], max: bool) -> usize {
    let op = if max {
        ArgReduceOp::ArgMax
    } else {
        ArgReduceOp::ArgMin
    };
    let l = Layout::contiguous(&[v.len()]);
    let r = arg_reduce(op, &st(v.to_vec()), &l, DType::Float64, 0).unwrap();
    r.typed::<i64>("t").unwrap()[0] as usize
}

fn wave(n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| ((i as u64 * 2_654_435_761) % 1_000_003) as f64 - 500_000.0)
        .collect()
}

#[test]
fn arg_blocks_ties_nans_zeros() {
    for n in [1, 7, 8, 9, 2047, 2048, 2049, 5_000, 70_000, 300_001] {
        let v = wave(n);
        for max in [true, false] {
            assert_eq!(arg(&v, max), naive_arg(&v, max), "n {n}");
            // ties: the extremum repeated later, in the same and in other blocks
            let mut t = v.clone();
            let e = t[naive_arg(&v, max)];
            for p in [n / 3, n / 2, n - 1] {
                t[p] = e;
            }
            assert_eq!(arg(&t, max), naive_arg(&t, max), "ties n {n}");
            // a NaN wins over everything, the first one
            let mut q = v.clone();
            q[n - 1] = f64::NAN;
            assert_eq!(arg(&q, max), n - 1);
            q[n / 2] = -f64::NAN;
            assert_eq!(arg(&q, max), n / 2);
        }
        // signed zeros tie: the first zero
        let z: Vec<f64> = (0..n)
            .map(|i| if i % 3 == 0 { -0.0 } else { 0.0 })
            .collect();
        assert_eq!(arg(&z, true), 0);
        assert_eq!(arg(&z, false), 0);
        let mut z2 = z.clone();
        z2[0] = -1.0;
        assert_eq!(arg(&z2, true), naive_arg(&z2, true));
        assert_eq!(arg(&z2, true), 1.min(n - 1));
    }
    // integers and f32 take the same blockwise path
    let iv: Vec<i64> = wave(100_003).iter().map(|&x| x as i64 % 1000).collect();
    let l = Layout::contiguous(&[iv.len()]);
    let r = arg_reduce(ArgReduceOp::ArgMax, &st(iv.clone()), &l, DType::Int64, 0).unwrap();
    let want = iv
        .iter()
        .position(|&x| x == *iv.iter().max().unwrap())
        .unwrap();
    assert_eq!(r.typed::<i64>("t").unwrap()[0] as usize, want);
    // a strided view falls back to the element loop
    let v = wave(40_001);
    let l = Layout::new(vec![20_001], vec![2], 0);
    let r = arg_reduce(ArgReduceOp::ArgMin, &st(v.clone()), &l, DType::Float64, 0).unwrap();
    let every2: Vec<f64> = v.iter().step_by(2).copied().collect();
    assert_eq!(
        r.typed::<i64>("t").unwrap()[0] as usize,
        naive_arg(&every2, false)
    );
    // rows of a matrix (many lanes)
    let m = wave(3 * 4099);
    let l = Layout::contiguous(&[3, 4099]);
    let r = arg_reduce(ArgReduceOp::ArgMax, &st(m.clone()), &l, DType::Float64, 1).unwrap();
    for (row, &got) in r.typed::<i64>("t").unwrap().iter().enumerate() {
        assert_eq!(
            got as usize,
            naive_arg(&m[row * 4099..(row + 1) * 4099], true)
        );
    }
}

#[test]
fn chunked_scan_matches_the_running_fold() {
    let n = scan::PAR_SCAN + scan::SCAN_CHUNK / 2 + 3;
    let l = Layout::contiguous(&[n]);
    // integers: every order is exact
    let iv: Vec<i64> = (0..n as i64).map(|i| (i * 7919) % 1001 - 500).collect();
    let r = scan(ScanOp::Sum, &st(iv.clone()), &l, DType::Int64, 0).unwrap();
    let mut acc = 0i64;
    for (i, &g) in r.typed::<i64>("t").unwrap().iter().enumerate() {
        acc += iv[i];
        assert_eq!(g, acc, "{i}");
    }
    let uv: Vec<u8> = (0..n).map(|i| (i % 7) as u8 + 1).collect();
    let r = scan(ScanOp::Prod, &st(uv.clone()), &l, DType::UInt8, 0).unwrap();
    let mut acc = 1u8;
    for (i, &g) in r.typed::<u8>("t").unwrap().iter().enumerate() {
        acc = acc.wrapping_mul(uv[i]);
        assert_eq!(g, acc, "{i}");
    }
    // floats: within rounding of an exact (i128-scaled) running sum
    let fv: Vec<f64> = wave(n).iter().map(|x| x / 1024.0).collect();
    let r = scan(ScanOp::Sum, &st(fv.clone()), &l, DType::Float64, 0).unwrap();
    let got = r.typed::<f64>("t").unwrap();
    let mut exact = 0i128;
    for (i, &g) in got.iter().enumerate() {
        exact += (fv[i] * 1024.0) as i128;
        assert!((g - exact as f64 / 1024.0).abs() <= 1e-6, "{i}: {g}");
    }
    // reproducible: the same bits on a second run
    let again = scan(ScanOp::Sum, &st(fv), &l, DType::Float64, 0).unwrap();
    assert!(got
        .iter()
        .zip(again.typed::<f64>("t").unwrap())
        .all(|(a, b)| a.to_bits() == b.to_bits()));
    // a NaN propagates from its position on
    let mut nv = vec![1.0f32; n];
    nv[n / 2] = f32::NAN;
    let r = scan(ScanOp::Sum, &st(nv), &l, DType::Float32, 0).unwrap();
    let g = r.typed::<f32>("t").unwrap();
    assert_eq!(g[n / 2 - 1], (n / 2) as f32);
    assert!(g[n / 2..].iter().all(|x| x.is_nan()));
}

#[test]
fn long_column_sums_split_along_rows() {
    for (rows, cols) in [(2048, 3), (3000, 37), (5000, 1), (4100, 9000)] {
        let v: Vec<f64> = wave(rows * cols).iter().map(|x| x / 7.0).collect();
        let l = Layout::contiguous(&[rows, cols]);
        let r = reduce(ReduceOp::Sum, &st(v.clone()), &l, DType::Float64, &[0]).unwrap();
        let got = r.typed::<f64>("t").unwrap();
        assert_eq!(got.len(), cols);
        for (j, &g) in got.iter().enumerate() {
            let want: f64 = (0..rows).map(|i| v[i * cols + j] * 7.0).sum::<f64>() / 7.0;
            let mag: f64 = (0..rows).map(|i| v[i * cols + j].abs()).sum();
            assert!((g - want).abs() <= 1e-13 * mag, "{rows}x{cols} col {j}");
        }
        // float32 accumulates in float64
        let f: Vec<f32> = v.iter().map(|&x| x as f32).collect();
        let r = reduce(ReduceOp::Sum, &st(f.clone()), &l, DType::Float32, &[0]).unwrap();
        for (j, &g) in r.typed::<f32>("t").unwrap().iter().enumerate() {
            let want: f64 = (0..rows).map(|i| f[i * cols + j] as f64).sum();
            let mag: f64 = (0..rows).map(|i| (f[i * cols + j] as f64).abs()).sum();
            assert!(
                (g as f64 - want).abs() <= 1e-7 * mag,
                "{rows}x{cols} col {j}"
            );
        }
        // max keeps its sequential fold
        let r = reduce(ReduceOp::Max, &st(v.clone()), &l, DType::Float64, &[0]).unwrap();
        for (j, &g) in r.typed::<f64>("t").unwrap().iter().enumerate() {
            let want = (0..rows).map(|i| v[i * cols + j]).fold(f64::MIN, f64::max);
            assert_eq!(g, want);
        }
    }
}
