//! Indexing kernels: `gather`, `scatter`, `nonzero`.

use crate::common;

use array_api::{Complex32, DType, Error, IndexingOps, Layout};
use backend_cpu::Cpu;
use common::*;

// ---------------------------------------------------------------- gather / scatter

#[test]
fn gather_one_axis_with_negative_indices() {
    // src [[0,1,2,3],[4,5,6,7],[8,9,10,11]]
    let s = iota(12);
    let l = Layout::contiguous(&[3, 4]);
    let i = st(vec![2i64, -1, 0]);
    let il = Layout::contiguous(&[3]);
    let g = Cpu.gather(&s, &l, DType::Int64, 0, &[ix(&i, &il)]).unwrap();
    assert_eq!(all::<i64>(&g), vec![8, 9, 10, 11, 8, 9, 10, 11, 0, 1, 2, 3]);
    // axis 1 with a (1, 2) index array: output (3, 1, 2)
    let i = st(vec![-4i64, 3]);
    let il = Layout::contiguous(&[1, 2]);
    let g = Cpu.gather(&s, &l, DType::Int64, 1, &[ix(&i, &il)]).unwrap();
    assert_eq!(all::<i64>(&g), vec![0, 3, 4, 7, 8, 11]);
    // on a transposed, flipped source: view [[3,7,11],[2,6,10],[1,5,9],[0,4,8]]
    let v = l.permute(&[1, 0]).flip_axis(0);
    let i = st(vec![1i64, 1, -4]);
    let il = Layout::contiguous(&[3]);
    let g = Cpu.gather(&s, &v, DType::Int64, 0, &[ix(&i, &il)]).unwrap();
    assert_eq!(all::<i64>(&g), vec![2, 6, 10, 2, 6, 10, 3, 7, 11]);
    let i = st(vec![1i64, 1, -3]);
    let g = Cpu.gather(&s, &v, DType::Int64, 1, &[ix(&i, &il)]).unwrap();
    assert_eq!(all::<i64>(&g), vec![7, 7, 3, 6, 6, 2, 5, 5, 1, 4, 4, 0]);
}

#[test]
fn gather_out_of_bounds_is_an_error() {
    let s = iota(12);
    let l = Layout::contiguous(&[3, 4]);
    let il = Layout::contiguous(&[2]);
    let i = st(vec![0i64, 3]);
    let e = Cpu
        .gather(&s, &l, DType::Int64, 0, &[ix(&i, &il)])
        .unwrap_err();
    assert_eq!(
        e,
        Error::IndexOutOfBounds {
            op: "gather",
            index: 3,
            axis: 0,
            size: 3
        }
    );
    let i = st(vec![-5i64, 0]);
    let e = Cpu
        .gather(&s, &l, DType::Int64, 1, &[ix(&i, &il)])
        .unwrap_err();
    assert_eq!(
        e,
        Error::IndexOutOfBounds {
            op: "gather",
            index: -5,
            axis: 1,
            size: 4
        }
    );
    let i = st(vec![i64::MIN, 0]);
    let e = Cpu
        .gather(&s, &l, DType::Int64, 1, &[ix(&i, &il)])
        .unwrap_err();
    assert_eq!(
        e,
        Error::IndexOutOfBounds {
            op: "gather",
            index: i64::MIN as i128,
            axis: 1,
            size: 4
        }
    );
    // checked even when the output is empty
    let e = Cpu.gather(
        &s,
        &Layout::new(vec![0, 4], vec![4, 1], 0),
        DType::Int64,
        1,
        &[ix(&st(vec![4i64, 0]), &il)],
    );
    assert!(matches!(
        e,
        Err(Error::IndexOutOfBounds {
            index: 4,
            axis: 1,
            size: 4,
            ..
        })
    ));
    // too many index arrays, wrong index dtype, mismatched index shapes
    let i = st(vec![0i64, 0]);
    assert!(Cpu
        .gather(&s, &l, DType::Int64, 1, &[ix(&i, &il), ix(&i, &il)])
        .is_err());
    let f = st(vec![0i32, 0]);
    assert!(Cpu.gather(&s, &l, DType::Int64, 0, &[ix(&f, &il)]).is_err());
    let i3 = st(vec![0i64, 0, 0]);
    let il3 = Layout::contiguous(&[3]);
    assert!(Cpu
        .gather(&s, &l, DType::Int64, 0, &[ix(&i, &il), ix(&i3, &il3)])
        .is_err());
}

#[test]
fn gather_multi_axis_with_broadcast_indices() {
    // src (3, 4) = iota; idx0 = [0, 2], idx1 = [-1, 1] -> [src[0,3], src[2,1]]
    let s = iota(12);
    let l = Layout::contiguous(&[3, 4]);
    let (a, b) = (st(vec![0i64, 2]), st(vec![-1i64, 1]));
    let il = Layout::contiguous(&[2]);
    let g = Cpu
        .gather(&s, &l, DType::Int64, 0, &[ix(&a, &il), ix(&b, &il)])
        .unwrap();
    assert_eq!(all::<i64>(&g), vec![3, 9]);
    // broadcast: rows [[0], [2]] (2, 1) against cols [0, 1, 3] (3,) -> (2, 3)
    let rows = st(vec![0i64, 2]);
    let rl = Layout::new(vec![2, 3], vec![1, 0], 0);
    let cols = st(vec![0i64, 1, -1]);
    let cl = Layout::new(vec![2, 3], vec![0, 1], 0);
    let g = Cpu
        .gather(&s, &l, DType::Int64, 0, &[ix(&rows, &rl), ix(&cols, &cl)])
        .unwrap();
    assert_eq!(all::<i64>(&g), vec![0, 1, 3, 8, 9, 11]);
    // middle axes of a (2, 3, 4, 2) array: pre (2), I (2,), post (2)
    let s = iota(48);
    let l = Layout::contiguous(&[2, 3, 4, 2]);
    let (a, b) = (st(vec![1i64, -3]), st(vec![3i64, 0]));
    let g = Cpu
        .gather(&s, &l, DType::Int64, 1, &[ix(&a, &il), ix(&b, &il)])
        .unwrap();
    // [p, q, r, s] -> 24p + 8q + 2r + s
    assert_eq!(all::<i64>(&g), vec![14, 15, 0, 1, 38, 39, 24, 25]);
    // a 0-d index array (broadcast scalar index) removes the axis
    let z = st(vec![-1i64]);
    let zl = Layout::contiguous(&[]);
    let g = Cpu.gather(&s, &l, DType::Int64, 2, &[ix(&z, &zl)]).unwrap();
    let want: Vec<i64> = (0..6).flat_map(|pq| [pq * 8 + 6, pq * 8 + 7]).collect();
    assert_eq!(all::<i64>(&g), want);
    // no index arrays: the view itself
    let t = Layout::contiguous(&[3, 4]).permute(&[1, 0]);
    let g = Cpu.gather(&iota(12), &t, DType::Int64, 1, &[]).unwrap();
    assert_eq!(all::<i64>(&g), vec![0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
}

#[test]
fn gather_large_runs_in_parallel() {
    let n = 11_000;
    let s = st((0..(n * 100) as i64)
        .map(|x| x as f64)
        .collect::<Vec<f64>>());
    let l = Layout::contiguous(&[n, 100]);
    let idx: Vec<i64> = (0..n as i64).map(|i| -1 - i).collect();
    let i = st(idx);
    let il = Layout::contiguous(&[n]);
    let g = all::<f64>(
        &Cpu.gather(&s, &l, DType::Float64, 0, &[ix(&i, &il)])
            .unwrap(),
    );
    for r in 0..n {
        assert_eq!(g[r * 100], ((n - 1 - r) * 100) as f64);
        assert_eq!(g[r * 100 + 99], ((n - 1 - r) * 100 + 99) as f64);
    }
    let g = all::<f64>(
        &Cpu.gather(&s, &l.permute(&[1, 0]), DType::Float64, 1, &[ix(&i, &il)])
            .unwrap(),
    );
    assert_eq!(g.len(), 100 * n);
    assert_eq!(g[0], ((n - 1) * 100) as f64);
    assert_eq!(g[n + 1], ((n - 2) * 100 + 1) as f64);
}

#[test]
fn scatter_writes_with_last_wins() {
    let mut d = st(vec![0i64; 12]);
    let l = Layout::contiguous(&[3, 4]);
    // rows [2, -1]: both row 2; values (2, 4) -> the second wins
    let i = st(vec![2i64, -1]);
    let il = Layout::contiguous(&[2]);
    let v = st((1..=8).collect::<Vec<i64>>());
    Cpu.scatter(
        &mut d,
        &l,
        DType::Int64,
        0,
        &[ix(&i, &il)],
        &v,
        &Layout::contiguous(&[2, 4]),
    )
    .unwrap();
    assert_eq!(all::<i64>(&d), vec![0, 0, 0, 0, 0, 0, 0, 0, 5, 6, 7, 8]);
    // broadcast values: a scalar into column -3 of every row
    let i = st(vec![-3i64]);
    let il1 = Layout::contiguous(&[1]);
    let v = st(vec![9i64]);
    let vl = Layout::new(vec![3, 1], vec![0, 0], 0);
    Cpu.scatter(&mut d, &l, DType::Int64, 1, &[ix(&i, &il1)], &v, &vl)
        .unwrap();
    assert_eq!(all::<i64>(&d), vec![0, 9, 0, 0, 0, 9, 0, 0, 5, 9, 7, 8]);
    // multi-axis with broadcast index layouts into a transposed view of d:
    // view (4, 3) = d^T; positions (r, c) for r in [0, 3], c in [0, 2] get values (2, 2)
    let t = l.permute(&[1, 0]);
    let rows = st(vec![0i64, 3]);
    let rl = Layout::new(vec![2, 2], vec![1, 0], 0);
    let cols = st(vec![0i64, -1]);
    let cl = Layout::new(vec![2, 2], vec![0, 1], 0);
    let v = st(vec![-1i64, -2, -3, -4]);
    Cpu.scatter(
        &mut d,
        &t,
        DType::Int64,
        0,
        &[ix(&rows, &rl), ix(&cols, &cl)],
        &v,
        &Layout::contiguous(&[2, 2]),
    )
    .unwrap();
    // d^T[0,0]=d[0,0]=-1, d^T[0,2]=d[2,0]=-2, d^T[3,0]=d[0,3]=-3, d^T[3,2]=d[2,3]=-4
    assert_eq!(all::<i64>(&d), vec![-1, 9, 0, -3, 0, 9, 0, 0, -2, 9, 7, -4]);
}

#[test]
fn scatter_errors_leave_the_destination_alone() {
    let mut d = st(vec![1.0f64; 4]);
    let keep = d.clone();
    let l = Layout::contiguous(&[4]);
    let i = st(vec![1i64, 4]);
    let il = Layout::contiguous(&[2]);
    let e = Cpu
        .scatter(
            &mut d,
            &l,
            DType::Float64,
            0,
            &[ix(&i, &il)],
            &st(vec![0.0f64]),
            &Layout::new(vec![2], vec![0], 0),
        )
        .unwrap_err();
    assert_eq!(
        e,
        Error::IndexOutOfBounds {
            op: "scatter",
            index: 4,
            axis: 0,
            size: 4
        }
    );
    assert_eq!(all::<f64>(&d), vec![1.0; 4]);
    assert!(d.ptr_eq(&keep));
    // values of the wrong shape
    let i = st(vec![1i64, 2]);
    assert!(Cpu
        .scatter(
            &mut d,
            &l,
            DType::Float64,
            0,
            &[ix(&i, &il)],
            &st(vec![0.0f64; 3]),
            &Layout::contiguous(&[3])
        )
        .is_err());
    assert_eq!(all::<f64>(&d), vec![1.0; 4]);
}

#[test]
fn scatter_post_block_and_gather_roundtrip() {
    // d (2, 3, 2); scatter into axis 1 indices [[2], [0]] (2, 1): values (2, 2, 1, 2)
    let mut d = st(vec![0i32; 12]);
    let l = Layout::contiguous(&[2, 3, 2]);
    let i = st(vec![2i64, 0]);
    let il = Layout::contiguous(&[2, 1]);
    let v = st((1..=8).collect::<Vec<i32>>());
    let vl = Layout::contiguous(&[2, 2, 1, 2]);
    Cpu.scatter(&mut d, &l, DType::Int32, 1, &[ix(&i, &il)], &v, &vl)
        .unwrap();
    assert_eq!(all::<i32>(&d), vec![3, 4, 0, 0, 1, 2, 7, 8, 0, 0, 5, 6]);
    let g = Cpu.gather(&d, &l, DType::Int32, 1, &[ix(&i, &il)]).unwrap();
    assert_eq!(all::<i32>(&g), (1..=8).collect::<Vec<i32>>());
}

// ---------------------------------------------------------------- nonzero

#[test]
fn nonzero_on_0d_empty_and_3d() {
    let s = st(vec![0.0f64, 3.0]);
    let (n, c) = Cpu
        .nonzero(&s, &Layout::new(vec![], vec![], 1), DType::Float64)
        .unwrap();
    assert_eq!((c, n.len()), (1, 0));
    let (n, c) = Cpu
        .nonzero(&s, &Layout::new(vec![], vec![], 0), DType::Float64)
        .unwrap();
    assert_eq!((c, n.len()), (0, 0));
    let (n, c) = Cpu
        .nonzero(
            &s,
            &Layout::new(vec![2, 0, 3], vec![0, 0, 0], 0),
            DType::Float64,
        )
        .unwrap();
    assert_eq!((c, n.len()), (0, 0));
    // 3-d (2, 2, 3) with -0.0 (zero) and NaN (non-zero)
    let v = vec![
        0.0,
        1.0,
        0.0,
        -0.0,
        0.0,
        f64::NAN,
        2.0,
        0.0,
        0.0,
        0.0,
        0.0,
        -5.0,
    ];
    let s = st(v);
    let l = Layout::contiguous(&[2, 2, 3]);
    let (n, c) = Cpu.nonzero(&s, &l, DType::Float64).unwrap();
    assert_eq!(c, 4);
    assert_eq!(all::<i64>(&n), vec![0, 0, 1, 0, 1, 2, 1, 0, 0, 1, 1, 2]);
    // the same data through a transposed view (3, 2, 2): element [k, j, i] = v[i, j, k]
    let (n, c) = Cpu
        .nonzero(&s, &l.permute(&[2, 1, 0]), DType::Float64)
        .unwrap();
    assert_eq!(c, 4);
    assert_eq!(all::<i64>(&n), vec![0, 0, 1, 1, 0, 0, 2, 1, 0, 2, 1, 1]);
    // bool and complex
    let (n, c) = Cpu
        .nonzero(
            &st(vec![true, false, true]),
            &Layout::contiguous(&[3]),
            DType::Bool,
        )
        .unwrap();
    assert_eq!((c, all::<i64>(&n)), (2, vec![0, 2]));
    let z = st(vec![Complex32::new(0.0, 0.0), Complex32::new(0.0, -1.0)]);
    let (n, c) = Cpu
        .nonzero(&z, &Layout::contiguous(&[2]), DType::Complex64)
        .unwrap();
    assert_eq!((c, all::<i64>(&n)), (1, vec![1]));
    // broadcast view: the one non-zero element repeated
    let (n, c) = Cpu
        .nonzero(
            &st(vec![0u8, 7]),
            &Layout::new(vec![2, 2], vec![0, 1], 0),
            DType::UInt8,
        )
        .unwrap();
    assert_eq!((c, all::<i64>(&n)), (2, vec![0, 1, 1, 1]));
}
