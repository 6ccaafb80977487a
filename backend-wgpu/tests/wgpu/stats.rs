//! Focused checks of the WebGPU reduction, scan, arg-reduction, sort and search kernels on
//! hand-checked values: strided and reversed views, packed dtypes, NaN and signed-zero
//! rules, and large inputs spanning many workgroups.
//!
//! Without an adapter the tests print a loud SKIPPED message and pass, unless
//! `XP_REQUIRE_WGPU=1`.

use array_api::{
    ArgReduceOp, BackendCore, Complex64, DType, HostData, Layout, ReduceOp, ReduceOps, ScanOp,
    SortOps,
};
use backend_wgpu::{Wgpu, WgpuStorage};

use crate::support::device_or_skip;

fn up(w: &Wgpu, h: HostData) -> WgpuStorage {
    w.from_host(h).unwrap()
}

fn down(w: &Wgpu, s: &WgpuStorage, len: usize, d: DType) -> HostData {
    w.to_host(s, &Layout::contiguous(&[len]), d).unwrap()
}

fn f64s(h: HostData) -> Vec<f64> {
    match h {
        HostData::Float64(v) => v,
        other => panic!("expected float64, got {:?}", other.dtype()),
    }
}

fn i64s(h: HostData) -> Vec<i64> {
    match h {
        HostData::Int64(v) => v,
        other => panic!("expected int64, got {:?}", other.dtype()),
    }
}

#[test]
fn sums_over_axis_sets_of_strided_views() {
    let Some(w) = device_or_skip() else { return };
    // x[i, j, k] = 12 i + 4 j + k, shape (2, 3, 4)
    let x = up(&w, HostData::Float64((0..24).map(f64::from).collect()));
    let l = Layout::contiguous(&[2, 3, 4]);
    // over axes 0 and 2: sum_{i,k} = 4 * 12 * 1 + 2 * 4 * 4 j + 2 * 6 = 60 + 32 j
    let r = w
        .reduce(ReduceOp::Sum, &x, &l, DType::Float64, &[0, 2])
        .unwrap();
    assert_eq!(
        f64s(down(&w, &r, 3, DType::Float64)),
        vec![60.0, 92.0, 124.0]
    );
    // all axes
    let r = w
        .reduce(ReduceOp::Sum, &x, &l, DType::Float64, &[0, 1, 2])
        .unwrap();
    assert_eq!(f64s(down(&w, &r, 1, DType::Float64)), vec![276.0]);
    // a transposed, reversed view: y[k, j] = x[1, 2 - j, k], reduced over j
    let y = Layout::new(vec![4, 3], vec![1, -4], 12 + 8);
    let r = w
        .reduce(ReduceOp::Sum, &x, &y, DType::Float64, &[1])
        .unwrap();
    // sum_j (12 + 4 j + k) = 36 + 12 + 3 k
    assert_eq!(
        f64s(down(&w, &r, 4, DType::Float64)),
        vec![48.0, 51.0, 54.0, 57.0]
    );
    // no axes: a contiguous copy of the view
    let r = w
        .reduce(ReduceOp::Sum, &x, &y, DType::Float64, &[])
        .unwrap();
    assert_eq!(
        f64s(down(&w, &r, 12, DType::Float64))[..3],
        [20.0, 16.0, 12.0]
    );
    // empty reductions give the identity
    let e = up(&w, HostData::Int32(vec![]));
    let le = Layout::contiguous(&[3, 0]);
    let r = w
        .reduce(ReduceOp::Prod, &e, &le, DType::Int32, &[1])
        .unwrap();
    assert_eq!(down(&w, &r, 3, DType::Int32), HostData::Int32(vec![1; 3]));
}

#[test]
fn large_sums_span_many_workgroups() {
    let Some(w) = device_or_skip() else { return };
    let n = 300_007usize;
    // exact integers: the sum is exact in float64 whatever the order
    let x = up(&w, HostData::Float64((0..n).map(|i| i as f64).collect()));
    let l = Layout::contiguous(&[n]);
    let r = w
        .reduce(ReduceOp::Sum, &x, &l, DType::Float64, &[0])
        .unwrap();
    let want = (n as f64) * (n as f64 - 1.0) / 2.0;
    assert_eq!(f64s(down(&w, &r, 1, DType::Float64)), vec![want]);
    // float32 0.1s: a sequential float32 sum would be off by ~1e-3 relative; the
    // cascade stays within log2(n) eps
    let x = up(&w, HostData::Float32(vec![0.1; n]));
    let r = w
        .reduce(ReduceOp::Sum, &x, &l, DType::Float32, &[0])
        .unwrap();
    let HostData::Float32(g) = down(&w, &r, 1, DType::Float32) else {
        panic!()
    };
    let exact = 0.1f32 as f64 * n as f64;
    assert!(
        ((g[0] as f64 - exact) / exact).abs() < 20.0 * f32::EPSILON as f64,
        "{g:?}"
    );
    // many outputs, short reductions (lane mode) and few outputs, long ones (group mode)
    let (a, b) = (1000usize, 301usize);
    let x = up(&w, HostData::Int32((0..(a * b) as i32).collect()));
    let l = Layout::contiguous(&[a, b]);
    let rows = w.reduce(ReduceOp::Sum, &x, &l, DType::Int32, &[1]).unwrap();
    let cols = w.reduce(ReduceOp::Sum, &x, &l, DType::Int32, &[0]).unwrap();
    let HostData::Int32(rows) = down(&w, &rows, a, DType::Int32) else {
        panic!()
    };
    let HostData::Int32(cols) = down(&w, &cols, b, DType::Int32) else {
        panic!()
    };
    for (i, &g) in rows.iter().enumerate() {
        let i = i as i64;
        let b = b as i64;
        assert_eq!(g as i64, i * b * b + b * (b - 1) / 2, "row {i}");
    }
    for (j, &g) in cols.iter().enumerate() {
        let (a, b, j) = (a as i64, b as i64, j as i64);
        let want = b * a * (a - 1) / 2 + a * j;
        assert_eq!(g as i64, (want as i32) as i64, "column {j}");
    }
}

#[test]
fn packed_and_wrapping_products() {
    let Some(w) = device_or_skip() else { return };
    // int8 products wrap: 2^7 = -128, (-128) * 2 = 0; rows of 7 written into packed words
    let v: Vec<i8> = vec![
        2, 2, 2, 2, 2, 2, 2, 3, -1, 1, 1, 1, 1, 1, -128, 2, 1, 1, 1, 1, 1,
    ];
    let x = up(&w, HostData::Int8(v));
    let l = Layout::contiguous(&[3, 7]);
    let r = w.reduce(ReduceOp::Prod, &x, &l, DType::Int8, &[1]).unwrap();
    assert_eq!(
        down(&w, &r, 3, DType::Int8),
        HostData::Int8(vec![-128, -3, 0])
    );
    let r = w.reduce(ReduceOp::Sum, &x, &l, DType::Int8, &[0]).unwrap();
    assert_eq!(
        down(&w, &r, 7, DType::Int8),
        HostData::Int8(vec![-123, 3, 4, 4, 4, 4, 4])
    );
    let r = w.reduce(ReduceOp::Max, &x, &l, DType::Int8, &[1]).unwrap();
    assert_eq!(down(&w, &r, 3, DType::Int8), HostData::Int8(vec![2, 3, 2]));
    // uint16 sums wrap at 2^16
    let x = up(&w, HostData::UInt16(vec![65535, 2, 7, 9]));
    let r = w
        .reduce(
            ReduceOp::Sum,
            &x,
            &Layout::contiguous(&[2, 2]),
            DType::UInt16,
            &[0],
        )
        .unwrap();
    assert_eq!(
        down(&w, &r, 2, DType::UInt16),
        HostData::UInt16(vec![6, 11])
    );
}

#[test]
fn min_max_nan_and_signed_zeros() {
    let Some(w) = device_or_skip() else { return };
    let nan = f64::NAN;
    let x = up(
        &w,
        HostData::Float64(vec![-0.0, 0.0, 1.0, 0.0, -0.0, -1.0, 3.0, nan, 5.0]),
    );
    let l = Layout::contiguous(&[3, 3]);
    let mn = w
        .reduce(ReduceOp::Min, &x, &l, DType::Float64, &[1])
        .unwrap();
    let g = f64s(down(&w, &mn, 3, DType::Float64));
    assert!(
        g[0] == 0.0 && g[0].is_sign_negative(),
        "first of -0, +0: {g:?}"
    );
    assert_eq!(g[1], -1.0);
    assert!(g[2].is_nan());
    let mx = w
        .reduce(ReduceOp::Max, &x, &l, DType::Float64, &[1])
        .unwrap();
    let g = f64s(down(&w, &mx, 3, DType::Float64));
    assert_eq!(g[0], 1.0);
    assert!(
        g[1] == 0.0 && g[1].is_sign_positive(),
        "first of +0, -0: {g:?}"
    );
    assert!(g[2].is_nan());
    // a long row with one NaN near the end and the minimum before it (group mode)
    let n = 100_000;
    let mut v: Vec<f32> = (0..n).map(|i| (i % 1000) as f32).collect();
    v[5] = -7.0;
    let x = up(&w, HostData::Float32(v.clone()));
    let l = Layout::contiguous(&[n]);
    let r = w
        .reduce(ReduceOp::Min, &x, &l, DType::Float32, &[0])
        .unwrap();
    assert_eq!(
        down(&w, &r, 1, DType::Float32),
        HostData::Float32(vec![-7.0])
    );
    v[n - 3] = f32::NAN;
    let x = up(&w, HostData::Float32(v));
    let r = w
        .reduce(ReduceOp::Max, &x, &l, DType::Float32, &[0])
        .unwrap();
    let HostData::Float32(g) = down(&w, &r, 1, DType::Float32) else {
        panic!()
    };
    assert!(g[0].is_nan());
    // bool min / max, all / any
    let b = up(
        &w,
        HostData::Bool(vec![true, false, true, true, true, true]),
    );
    let l = Layout::contiguous(&[2, 3]);
    let r = w.reduce(ReduceOp::Min, &b, &l, DType::Bool, &[1]).unwrap();
    assert_eq!(
        down(&w, &r, 2, DType::Bool),
        HostData::Bool(vec![false, true])
    );
    let r = w.reduce(ReduceOp::All, &b, &l, DType::Bool, &[1]).unwrap();
    assert_eq!(
        down(&w, &r, 2, DType::Bool),
        HostData::Bool(vec![false, true])
    );
    let r = w.reduce(ReduceOp::Any, &b, &l, DType::Bool, &[0]).unwrap();
    assert_eq!(down(&w, &r, 3, DType::Bool), HostData::Bool(vec![true; 3]));
}

#[test]
fn complex_sums_and_products() {
    let Some(w) = device_or_skip() else { return };
    let c = |re, im| Complex64::new(re, im);
    let x = up(
        &w,
        HostData::Complex128(vec![c(1.0, 1.0), c(0.0, 2.0), c(3.0, -1.0), c(2.0, 0.0)]),
    );
    let l = Layout::contiguous(&[4]);
    let s = w
        .reduce(ReduceOp::Sum, &x, &l, DType::Complex128, &[0])
        .unwrap();
    assert_eq!(
        down(&w, &s, 1, DType::Complex128),
        HostData::Complex128(vec![c(6.0, 2.0)])
    );
    // (1+i)(2i) = -2+2i; (-2+2i)(3-i) = -4+8i; * 2 = -8+16i
    let p = w
        .reduce(ReduceOp::Prod, &x, &l, DType::Complex128, &[0])
        .unwrap();
    assert_eq!(
        down(&w, &p, 1, DType::Complex128),
        HostData::Complex128(vec![c(-8.0, 16.0)])
    );
}

#[test]
fn arg_reductions_first_occurrence_and_nan() {
    let Some(w) = device_or_skip() else { return };
    let nan = f64::NAN;
    let x = up(
        &w,
        HostData::Float64(vec![
            1.0, 3.0, 3.0, 0.0, 2.0, nan, 7.0, nan, -0.0, 0.0, -0.0, 0.0,
        ]),
    );
    let l = Layout::contiguous(&[3, 4]);
    let r = w
        .arg_reduce(ArgReduceOp::ArgMax, &x, &l, DType::Float64, 1)
        .unwrap();
    assert_eq!(i64s(down(&w, &r, 3, DType::Int64)), vec![1, 1, 0]);
    let r = w
        .arg_reduce(ArgReduceOp::ArgMin, &x, &l, DType::Float64, 1)
        .unwrap();
    assert_eq!(i64s(down(&w, &r, 3, DType::Int64)), vec![3, 1, 0]);
    let r = w
        .arg_reduce(ArgReduceOp::ArgMin, &x, &l, DType::Float64, 0)
        .unwrap();
    assert_eq!(i64s(down(&w, &r, 4, DType::Int64)), vec![2, 1, 2, 1]);
    // a long int16 axis with ties: the first minimum wins
    let n = 150_000;
    let v: Vec<i16> = (0..n)
        .map(|i| ((i * 7919) % 30011) as i16 - 15000)
        .collect();
    let want = v
        .iter()
        .enumerate()
        .min_by_key(|&(i, &x)| (x, i))
        .unwrap()
        .0 as i64;
    let x = up(&w, HostData::Int16(v));
    let r = w
        .arg_reduce(
            ArgReduceOp::ArgMin,
            &x,
            &Layout::contiguous(&[n]),
            DType::Int16,
            0,
        )
        .unwrap();
    assert_eq!(i64s(down(&w, &r, 1, DType::Int64)), vec![want]);
}

#[test]
fn scans_are_sequential_along_the_axis() {
    let Some(w) = device_or_skip() else { return };
    let x = up(&w, HostData::Int32((1..=6).collect()));
    let l = Layout::contiguous(&[2, 3]);
    let r = w.scan(ScanOp::Sum, &x, &l, DType::Int32, 0).unwrap();
    assert_eq!(
        down(&w, &r, 6, DType::Int32),
        HostData::Int32(vec![1, 2, 3, 5, 7, 9])
    );
    let r = w.scan(ScanOp::Prod, &x, &l, DType::Int32, 1).unwrap();
    assert_eq!(
        down(&w, &r, 6, DType::Int32),
        HostData::Int32(vec![1, 2, 6, 4, 20, 120])
    );
    // packed uint8 output written by neighbouring lanes; wrapping
    let x = up(&w, HostData::UInt8(vec![200, 1, 2, 3, 100, 1, 1, 1]));
    let r = w
        .scan(
            ScanOp::Sum,
            &x,
            &Layout::contiguous(&[2, 4]),
            DType::UInt8,
            0,
        )
        .unwrap();
    assert_eq!(
        down(&w, &r, 8, DType::UInt8),
        HostData::UInt8(vec![200, 1, 2, 3, 44, 2, 3, 4])
    );
    // a long float32 lane: bit-exact with the sequential float32 sum
    let n = 200_003;
    let v: Vec<f32> = (0..n)
        .map(|i| ((i * 37) % 101) as f32 * 0.013 - 0.6)
        .collect();
    let mut acc = 0f32;
    let want: Vec<f32> = v
        .iter()
        .map(|&x| {
            acc += x;
            acc
        })
        .collect();
    let x = up(&w, HostData::Float32(v));
    let r = w
        .scan(
            ScanOp::Sum,
            &x,
            &Layout::contiguous(&[n]),
            DType::Float32,
            0,
        )
        .unwrap();
    let HostData::Float32(got) = down(&w, &r, n, DType::Float32) else {
        panic!()
    };
    if let Some(i) = (0..n).find(|&i| got[i].to_bits() != want[i].to_bits()) {
        panic!(
            "element {i}: {} != {} (prefix {:?})",
            got[i],
            want[i],
            &got[i.saturating_sub(3)..i + 1]
        );
    }
}

#[test]
fn sorts_are_stable_with_nans_last() {
    let Some(w) = device_or_skip() else { return };
    let nan = f64::NAN;
    let v = vec![
        2.0,
        nan,
        -0.0,
        1.0,
        0.0,
        -nan,
        -1.0,
        2.0,
        0.0,
        f64::NEG_INFINITY,
    ];
    let x = up(&w, HostData::Float64(v.clone()));
    let l = Layout::contiguous(&[10]);
    let a = w.argsort(&x, &l, DType::Float64, 0).unwrap();
    assert_eq!(
        i64s(down(&w, &a, 10, DType::Int64)),
        vec![9, 6, 2, 4, 8, 3, 0, 7, 1, 5]
    );
    let s = f64s(down(
        &w,
        &w.sort(&x, &l, DType::Float64, 0).unwrap(),
        10,
        DType::Float64,
    ));
    assert_eq!(
        &s[..8],
        &[f64::NEG_INFINITY, -1.0, -0.0, 0.0, 0.0, 1.0, 2.0, 2.0]
    );
    assert!(s[2].is_sign_negative() && s[8].is_nan() && s[9].is_nan());
    // along axis 0 of a (3, 2) int8 view, reversed along axis 0
    let x = up(&w, HostData::Int8(vec![5, -1, -3, 7, 5, -1]));
    let view = Layout::new(vec![3, 2], vec![-2, 1], 4);
    // view = [[5, -1], [-3, 7], [5, -1]]
    let s = w.sort(&x, &view, DType::Int8, 0).unwrap();
    assert_eq!(
        down(&w, &s, 6, DType::Int8),
        HostData::Int8(vec![-3, -1, 5, -1, 5, 7])
    );
    let a = w.argsort(&x, &view, DType::Int8, 0).unwrap();
    assert_eq!(i64s(down(&w, &a, 6, DType::Int64)), vec![1, 0, 0, 2, 2, 1]);
    // bool and uint32 extremes
    let x = up(&w, HostData::UInt32(vec![u32::MAX, 0, u32::MAX, 7]));
    let a = w
        .argsort(&x, &Layout::contiguous(&[4]), DType::UInt32, 0)
        .unwrap();
    assert_eq!(i64s(down(&w, &a, 4, DType::Int64)), vec![1, 3, 0, 2]);
}

#[test]
fn long_sorts_use_the_global_passes() {
    let Some(w) = device_or_skip() else { return };
    // 2 rows of 100_003 with many ties: a stable argsort is (value, index) order
    let n = 100_003usize;
    let v: Vec<i64> = (0..2 * n)
        .map(|i| ((i * 7919) % 1013) as i64 - 500)
        .collect();
    let x = up(&w, HostData::Int64(v.clone()));
    let l = Layout::contiguous(&[2, n]);
    let a = i64s(down(
        &w,
        &w.argsort(&x, &l, DType::Int64, 1).unwrap(),
        2 * n,
        DType::Int64,
    ));
    for r in 0..2 {
        let row = &v[r * n..(r + 1) * n];
        let mut want: Vec<usize> = (0..n).collect();
        want.sort_by_key(|&i| row[i]);
        let got: Vec<usize> = a[r * n..(r + 1) * n].iter().map(|&i| i as usize).collect();
        assert!(got == want, "row {r} differs");
    }
    let s = w.sort(&x, &l, DType::Int64, 1).unwrap();
    let HostData::Int64(s) = down(&w, &s, 2 * n, DType::Int64) else {
        panic!()
    };
    let mut want = v[..n].to_vec();
    want.sort();
    assert_eq!(&s[..n], &want[..]);
    // float32 with NaNs, a single long lane
    let m = 131_073usize;
    let f: Vec<f32> = (0..m)
        .map(|i| {
            if i % 1000 == 7 {
                f32::NAN
            } else {
                ((i * 104729) % 65537) as f32 - 30000.0
            }
        })
        .collect();
    let x = up(&w, HostData::Float32(f.clone()));
    let a = w
        .argsort(&x, &Layout::contiguous(&[m]), DType::Float32, 0)
        .unwrap();
    let a = i64s(down(&w, &a, m, DType::Int64));
    let mut want: Vec<usize> = (0..m).collect();
    want.sort_by(|&i, &j| {
        let (x, y) = (f[i], f[j]);
        match (x.is_nan(), y.is_nan()) {
            (true, true) => std::cmp::Ordering::Equal,
            (true, false) => std::cmp::Ordering::Greater,
            (false, true) => std::cmp::Ordering::Less,
            _ => x.partial_cmp(&y).unwrap(),
        }
    });
    let got: Vec<usize> = a.iter().map(|&i| i as usize).collect();
    assert!(got == want, "float32 argsort differs");
}

#[test]
fn searchsorted_left_and_right() {
    let Some(w) = device_or_skip() else { return };
    let nan = f64::NAN;
    let s = up(&w, HostData::Float64(vec![-1.0, 0.0, 0.0, 2.0, nan, nan]));
    let sl = Layout::contiguous(&[6]);
    let v = up(&w, HostData::Float64(vec![-0.0, 2.0, nan, -5.0, 9.0]));
    let vl = Layout::contiguous(&[5]);
    let left = w
        .searchsorted(&s, &sl, &v, &vl, DType::Float64, false)
        .unwrap();
    assert_eq!(i64s(down(&w, &left, 5, DType::Int64)), vec![1, 3, 4, 0, 4]);
    let right = w
        .searchsorted(&s, &sl, &v, &vl, DType::Float64, true)
        .unwrap();
    assert_eq!(i64s(down(&w, &right, 5, DType::Int64)), vec![3, 4, 6, 0, 4]);
    // a strided sorted view (every other element) and many queries
    let n = 100_000usize;
    let sorted = up(&w, HostData::Int32((0..2 * n as i32).collect()));
    let view = Layout::new(vec![n], vec![2], 1); // 1, 3, 5, ...
    let q: Vec<i32> = (0..n as i32)
        .map(|i| (i * 37) % (2 * n as i32 + 2))
        .collect();
    let vals = up(&w, HostData::Int32(q.clone()));
    let r = w
        .searchsorted(
            &sorted,
            &view,
            &vals,
            &Layout::contiguous(&[n]),
            DType::Int32,
            false,
        )
        .unwrap();
    let got = i64s(down(&w, &r, n, DType::Int64));
    for (k, (&g, &x)) in got.iter().zip(&q).enumerate() {
        // first i with 2 i + 1 >= x
        let want = (((x - 1).max(0) + 1) / 2).min(n as i32) as i64;
        assert_eq!(g, want, "query {k} = {x}");
    }
}

#[test]
fn long_folds_are_split_across_dispatches() {
    let Some(w) = device_or_skip() else { return };
    // a sequential float64 product (one invocation per output, chained dispatches): the
    // single 2.0 at the very end must be reached
    let n = 1_000_000usize;
    let mut v = vec![1.0; n];
    v[n - 1] = 2.0;
    let x = up(&w, HostData::Float64(v));
    let l = Layout::contiguous(&[n]);
    let r = w
        .reduce(ReduceOp::Prod, &x, &l, DType::Float64, &[0])
        .unwrap();
    assert_eq!(f64s(down(&w, &r, 1, DType::Float64)), vec![2.0]);
    // a workgroup reduction longer than one dispatch's span
    let n = 2_000_003usize;
    let x = up(&w, HostData::Float32(vec![1.0; n]));
    let l = Layout::contiguous(&[n]);
    let r = w
        .reduce(ReduceOp::Sum, &x, &l, DType::Float32, &[0])
        .unwrap();
    assert_eq!(
        down(&w, &r, 1, DType::Float32),
        HostData::Float32(vec![n as f32])
    );
    let r = w
        .arg_reduce(ArgReduceOp::ArgMax, &x, &l, DType::Float32, 0)
        .unwrap();
    assert_eq!(i64s(down(&w, &r, 1, DType::Int64)), vec![0]);
}
