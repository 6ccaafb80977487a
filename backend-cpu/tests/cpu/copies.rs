//! Host transfers, copies and copy-on-write, called directly through the backend traits.

use crate::common;

use array_api::{
    BackendCore, Complex32, CopyOps, CreationOps, DType, Error, HostData, IndexArray, IndexingOps,
    Layout, Scalar,
};
use backend_cpu::Cpu;
use common::*;

// ---------------------------------------------------------------- info, host transfers

#[test]
fn info_reports_every_dtype() {
    let info = Cpu.info();
    assert_eq!(info.backend, "cpu");
    assert_eq!(info.device, "cpu");
    assert_eq!(info.dtypes, DType::ALL.to_vec());
    assert!(info.data_dependent_shapes && info.boolean_indexing);
    assert_eq!(info.max_dimensions, None);
    assert!(Cpu.supports(DType::Complex64) && !Cpu.supports(DType::String));
}

#[test]
fn to_host_through_views() {
    // [[0, 1, 2], [3, 4, 5]]
    let s = iota(6);
    let l = Layout::contiguous(&[2, 3]);
    assert_eq!(down::<i64>(&s, &l), vec![0, 1, 2, 3, 4, 5]);
    // transposed
    assert_eq!(down::<i64>(&s, &l.permute(&[1, 0])), vec![0, 3, 1, 4, 2, 5]);
    // flipped on both axes
    assert_eq!(
        down::<i64>(&s, &l.flip_axis(0).flip_axis(1)),
        vec![5, 4, 3, 2, 1, 0]
    );
    // flipped on the last axis (stride -1 runs)
    assert_eq!(down::<i64>(&s, &l.flip_axis(1)), vec![2, 1, 0, 5, 4, 3]);
    // row broadcast to (3, 3): second row repeated
    let row = l.index_axis(0, 1).broadcast_to(&[3, 3], "t").unwrap();
    assert_eq!(down::<i64>(&s, &row), vec![3, 4, 5, 3, 4, 5, 3, 4, 5]);
    // column broadcast (zero inner stride)
    let col = Layout::new(vec![2, 3], vec![3, 0], 1);
    assert_eq!(down::<i64>(&s, &col), vec![1, 1, 1, 4, 4, 4]);
    // offset + step: elements 1, 3, 5
    let sl = Layout::contiguous(&[6]).slice_axis(0, 1, 2, 3);
    assert_eq!(down::<i64>(&s, &sl), vec![1, 3, 5]);
    // negative step with offset: 4, 2, 0
    let neg = Layout::new(vec![3], vec![-2], 4);
    assert_eq!(down::<i64>(&s, &neg), vec![4, 2, 0]);
    // 0-d view of element 4
    assert_eq!(down::<i64>(&s, &Layout::new(vec![], vec![], 4)), vec![4]);
    // empty views
    assert_eq!(
        down::<i64>(&s, &Layout::contiguous(&[0, 3])),
        Vec::<i64>::new()
    );
    assert_eq!(
        down::<i64>(&s, &Layout::new(vec![2, 0], vec![3, 1], 6)),
        Vec::<i64>::new()
    );
    // round trip of the whole buffer
    let h = HostData::Complex64(vec![Complex32::new(1.0, -1.0), Complex32::new(2.5, 0.0)]);
    let c = Cpu.from_host(h.clone()).unwrap();
    assert_eq!(
        Cpu.to_host(&c, &Layout::contiguous(&[2]), DType::Complex64)
            .unwrap(),
        h
    );
}

#[test]
fn to_host_large_strided_views_use_the_parallel_path() {
    let (m, n) = (1030usize, 1021usize);
    let s = iota(m * n);
    let l = Layout::contiguous(&[m, n]).permute(&[1, 0]);
    let got = down::<i64>(&s, &l);
    let want: Vec<i64> = (0..n)
        .flat_map(|j| (0..m).map(move |i| (i * n + j) as i64))
        .collect();
    assert_eq!(got, want);
    let f = Layout::contiguous(&[m * n]).flip_axis(0);
    let got = down::<i64>(&s, &f);
    assert_eq!(got[0], (m * n - 1) as i64);
    assert!(got.windows(2).all(|w| w[0] == w[1] + 1));
    // a 3-d view with a broadcast axis in the middle
    let b = Layout::new(vec![4, 300_000, 2], vec![2, 0, 1], 0);
    let got = down::<i64>(&s, &b);
    assert_eq!(got.len(), 2_400_000);
    for (q, &v) in got.iter().enumerate() {
        let (i, k) = (q / 600_000, q % 2);
        assert_eq!(v, (i * 2 + k) as i64);
    }
    // a large cast of a flipped transpose (tiled, parallel)
    let t = l.flip_axis(1);
    let c = Cpu.cast(&s, &t, DType::Int64, DType::Float32).unwrap();
    let want: Vec<f32> = t.offsets().map(|o| o as f32).collect();
    assert_eq!(all::<f32>(&c), want);
    let c = Cpu
        .cast(
            &s,
            &Layout::contiguous(&[m * n]).flip_axis(0),
            DType::Int64,
            DType::Int16,
        )
        .unwrap();
    let want: Vec<i16> = (0..m * n).rev().map(|o| o as i16).collect();
    assert_eq!(all::<i16>(&c), want);
}

#[test]
fn dtype_and_layout_errors_do_not_panic() {
    let s = iota(6);
    let l = Layout::contiguous(&[2, 3]);
    assert!(matches!(
        Cpu.to_host(&s, &l, DType::String),
        Err(Error::UnsupportedDType { .. })
    ));
    assert!(Cpu.to_host(&s, &l, DType::Float64).is_err());
    // a view reaching past the end, and one before the start
    assert!(Cpu
        .to_host(&s, &Layout::contiguous(&[7]), DType::Int64)
        .is_err());
    assert!(Cpu
        .to_host(&s, &Layout::new(vec![3], vec![-1], 1), DType::Int64)
        .is_err());
    assert!(Cpu
        .contiguous(&s, &Layout::new(vec![2, 2], vec![4, 1], 2), DType::Int64)
        .is_err());
    for op_result in [
        Cpu.full(3, Scalar::Int(1), DType::String).err(),
        Cpu.arange(3, Scalar::Int(1), Scalar::Int(1), DType::String)
            .err(),
        Cpu.linspace(
            3,
            Scalar::Float(0.0),
            Scalar::Float(1.0),
            true,
            DType::String,
        )
        .err(),
        Cpu.contiguous(&s, &l, DType::String).err(),
        Cpu.cast(&s, &l, DType::Int64, DType::String).err(),
        Cpu.cast(&s, &l, DType::String, DType::Int64).err(),
        Cpu.tri(&s, &l, DType::String, 0, false).err(),
        Cpu.gather(&s, &l, DType::String, 0, &[]).err(),
        Cpu.nonzero(&s, &l, DType::String).err(),
    ] {
        assert!(
            matches!(op_result, Some(Error::UnsupportedDType { .. })),
            "{op_result:?}"
        );
    }
    let mut d = iota(6);
    assert!(matches!(
        Cpu.copy_into(&s, &l, &mut d, &l, DType::String),
        Err(Error::UnsupportedDType { .. })
    ));
    // shape mismatch in copy_into
    assert!(Cpu
        .copy_into(&s, &Layout::contiguous(&[6]), &mut d, &l, DType::Int64)
        .is_err());
    // tri on a 1-d array
    assert!(Cpu
        .tri(&s, &Layout::contiguous(&[6]), DType::Int64, 0, false)
        .is_err());
}

// ---------------------------------------------------------------- copies

#[test]
fn copy_into_strided_destination() {
    // dst: 4x4 zeros; write a broadcast row [10, 20] into the transposed view of
    // columns 0 and 2 (shape (2, 4)): column 0 gets 10s, column 2 gets 20s... via a
    // (2, 4) view whose row r is column 2r.
    let src = st(vec![10i64, 20]);
    let src_l = Layout::new(vec![2, 4], vec![1, 0], 0);
    let mut dst = st(vec![0i64; 16]);
    let dst_l = Layout::contiguous(&[4, 4])
        .slice_axis(1, 0, 2, 2)
        .permute(&[1, 0]);
    assert_eq!(dst_l.shape(), &[2, 4]);
    Cpu.copy_into(&src, &src_l, &mut dst, &dst_l, DType::Int64)
        .unwrap();
    assert_eq!(
        all::<i64>(&dst),
        vec![10, 0, 20, 0, 10, 0, 20, 0, 10, 0, 20, 0, 10, 0, 20, 0]
    );
    // a flipped source into a reversed destination view: the elements land unreversed
    let src = st(vec![1.0f64, 2.0, 3.0]);
    let mut dst = st(vec![0.0f64; 5]);
    Cpu.copy_into(
        &src,
        &Layout::contiguous(&[3]).flip_axis(0),
        &mut dst,
        &Layout::new(vec![3], vec![-2], 4),
        DType::Float64,
    )
    .unwrap();
    assert_eq!(all::<f64>(&dst), vec![1.0, 0.0, 2.0, 0.0, 3.0]);
    // into a contiguous sub-block (the parallel-capable path), from a transposed source
    let src = iota(6);
    let mut dst = st(vec![-1i64; 8]);
    Cpu.copy_into(
        &src,
        &Layout::contiguous(&[2, 3]).permute(&[1, 0]),
        &mut dst,
        &Layout::new(vec![3, 2], vec![2, 1], 1),
        DType::Int64,
    )
    .unwrap();
    assert_eq!(all::<i64>(&dst), vec![-1, 0, 3, 1, 4, 2, 5, -1]);
    // 0-d into 0-d
    let mut dst = st(vec![0u8; 3]);
    Cpu.copy_into(
        &st(vec![7u8]),
        &Layout::contiguous(&[]),
        &mut dst,
        &Layout::new(vec![], vec![], 2),
        DType::UInt8,
    )
    .unwrap();
    assert_eq!(all::<u8>(&dst), vec![0, 0, 7]);
}

#[test]
fn copy_into_large_views() {
    let n = 1100;
    let src = iota(n * n);
    let mut dst = st(vec![0i64; n * n]);
    let l = Layout::contiguous(&[n, n]);
    Cpu.copy_into(&src, &l.permute(&[1, 0]), &mut dst, &l, DType::Int64)
        .unwrap();
    let d = all::<i64>(&dst);
    assert_eq!(d[1], n as i64);
    assert_eq!(d[n * n - 2], (n * n - 1 - n) as i64);
    let mut dst2 = st(vec![0i64; n * n]);
    Cpu.copy_into(&src, &l, &mut dst2, &l.permute(&[1, 0]), DType::Int64)
        .unwrap();
    assert_eq!(all::<i64>(&dst2), d);
}

#[test]
fn writes_are_copy_on_write() {
    let a = st(vec![1i32, 2, 3, 4]);
    let mut b = a.clone();
    assert!(a.ptr_eq(&b) && a.is_shared());
    let l = Layout::contiguous(&[2]);
    Cpu.copy_into(
        &st(vec![9i32, 8]),
        &l,
        &mut b,
        &Layout::new(vec![2], vec![2], 0),
        DType::Int32,
    )
    .unwrap();
    assert_eq!(all::<i32>(&a), vec![1, 2, 3, 4]);
    assert_eq!(all::<i32>(&b), vec![9, 2, 8, 4]);
    assert!(!a.ptr_eq(&b) && !b.is_shared());
    // copying a storage into a view of itself (two handles of one buffer)
    let src = st(vec![1i32, 2, 3, 4]);
    let mut dst = src.clone();
    let four = Layout::contiguous(&[4]);
    Cpu.copy_into(&src, &four.flip_axis(0), &mut dst, &four, DType::Int32)
        .unwrap();
    assert_eq!(all::<i32>(&dst), vec![4, 3, 2, 1]);
    assert_eq!(all::<i32>(&src), vec![1, 2, 3, 4]);
    // scatter is copy-on-write too
    let a = st(vec![0.5f32; 3]);
    let mut b = a.clone();
    let idx = st(vec![1i64]);
    let il = Layout::contiguous(&[1]);
    Cpu.scatter(
        &mut b,
        &Layout::contiguous(&[3]),
        DType::Float32,
        0,
        &[IndexArray {
            storage: &idx,
            layout: &il,
        }],
        &st(vec![7.0f32]),
        &il,
    )
    .unwrap();
    assert_eq!(all::<f32>(&a), vec![0.5, 0.5, 0.5]);
    assert_eq!(all::<f32>(&b), vec![0.5, 7.0, 0.5]);
    // an unshared storage is written in place
    let mut c = st(vec![1u16, 2]);
    let before = c.slice::<u16>().unwrap().as_ptr();
    Cpu.copy_into(
        &st(vec![5u16]),
        &Layout::contiguous(&[]),
        &mut c,
        &Layout::new(vec![], vec![], 1),
        DType::UInt16,
    )
    .unwrap();
    assert_eq!(c.slice::<u16>().unwrap().as_ptr(), before);
    assert_eq!(all::<u16>(&c), vec![1, 5]);
}

#[test]
fn contiguous_copies_or_shares() {
    let s = iota(6);
    let l = Layout::contiguous(&[2, 3]);
    let same = Cpu.contiguous(&s, &l, DType::Int64).unwrap();
    assert!(same.ptr_eq(&s));
    let t = Cpu
        .contiguous(&s, &l.permute(&[1, 0]), DType::Int64)
        .unwrap();
    assert_eq!(all::<i64>(&t), vec![0, 3, 1, 4, 2, 5]);
    let part = Cpu
        .contiguous(&s, &Layout::new(vec![2], vec![1], 3), DType::Int64)
        .unwrap();
    assert_eq!(all::<i64>(&part), vec![3, 4]);
    let b = Cpu
        .contiguous(
            &st(vec![true, false]),
            &Layout::new(vec![2, 2], vec![0, -1], 1),
            DType::Bool,
        )
        .unwrap();
    assert_eq!(all::<bool>(&b), vec![false, true, false, true]);
}
