//! Backend-specific checks of the WebGPU kernels that the conformance suite does not
//! target: packed sub-word stores through strided views, copy-on-write, repeated scatter
//! indices, 2-D dispatch grids, size limits and unsupported dtypes.
//!
//! Without an adapter the tests print a loud SKIPPED message and pass, unless
//! `XP_REQUIRE_WGPU=1`.

use array_api::{
    BackendCore, CopyOps, CreationOps, DType, HostData, IndexArray, IndexingOps, Layout, Scalar,
};

use crate::support::device_or_skip;

#[test]
fn packed_strided_writes_keep_neighbours() {
    let Some(w) = device_or_skip() else { return };
    // every other byte of a uint8 buffer, written concurrently by neighbouring invocations
    let dst0: Vec<u8> = (0..64).collect();
    let mut dst = w.from_host(HostData::UInt8(dst0.clone())).unwrap();
    let src = w.from_host(HostData::UInt8(vec![200; 32])).unwrap();
    let view = Layout::new(vec![32], vec![2], 1);
    w.copy_into(
        &src,
        &Layout::contiguous(&[32]),
        &mut dst,
        &view,
        DType::UInt8,
    )
    .unwrap();
    let got = w
        .to_host(&dst, &Layout::contiguous(&[64]), DType::UInt8)
        .unwrap();
    let want: Vec<u8> = (0..64)
        .map(|i| if i % 2 == 1 { 200 } else { i as u8 })
        .collect();
    assert_eq!(got, HostData::UInt8(want));
    // int16 and bool too, through a reversed view
    let mut b = w.from_host(HostData::Bool(vec![false; 7])).unwrap();
    let t = w.full(3, Scalar::Bool(true), DType::Bool).unwrap();
    let rev = Layout::new(vec![3], vec![-3], 6);
    w.copy_into(&t, &Layout::contiguous(&[3]), &mut b, &rev, DType::Bool)
        .unwrap();
    let got = w
        .to_host(&b, &Layout::contiguous(&[7]), DType::Bool)
        .unwrap();
    assert_eq!(
        got,
        HostData::Bool(vec![true, false, false, true, false, false, true])
    );
    // reading a packed view at an unaligned offset
    let s = w
        .from_host(HostData::Int16(vec![-1, 2, -3, 4, -5]))
        .unwrap();
    let got = w
        .to_host(&s, &Layout::new(vec![2], vec![2], 1), DType::Int16)
        .unwrap();
    assert_eq!(got, HostData::Int16(vec![2, 4]));
}

#[test]
fn writes_copy_shared_storage_first() {
    let Some(w) = device_or_skip() else { return };
    let a = w.from_host(HostData::Int32(vec![1, 2, 3])).unwrap();
    let mut b = a.clone();
    assert!(b.ptr_eq(&a) && a.is_shared());
    let z = w.full(1, Scalar::Int(9), DType::Int32).unwrap();
    w.copy_into(
        &z,
        &Layout::contiguous(&[1]),
        &mut b,
        &Layout::new(vec![1], vec![1], 1),
        DType::Int32,
    )
    .unwrap();
    assert!(!b.ptr_eq(&a));
    let l = Layout::contiguous(&[3]);
    assert_eq!(
        w.to_host(&a, &l, DType::Int32).unwrap(),
        HostData::Int32(vec![1, 2, 3])
    );
    assert_eq!(
        w.to_host(&b, &l, DType::Int32).unwrap(),
        HostData::Int32(vec![1, 9, 3])
    );
    // contiguous() of a whole storage shares it
    let c = w.contiguous(&a, &l, DType::Int32).unwrap();
    assert!(c.ptr_eq(&a));
}

#[test]
fn scatter_last_write_wins_and_bad_index_errors() {
    let Some(w) = device_or_skip() else { return };
    if !w.has_i64() {
        return;
    }
    let mut dst = w.full(4, Scalar::Int(0), DType::UInt8).unwrap();
    let idx = w.from_host(HostData::Int64(vec![1, 3, 1, -3, 1])).unwrap();
    let il = Layout::contiguous(&[5]);
    let vals = w
        .from_host(HostData::UInt8(vec![10, 20, 30, 40, 50]))
        .unwrap();
    let ix = [IndexArray {
        storage: &idx,
        layout: &il,
    }];
    w.scatter(
        &mut dst,
        &Layout::contiguous(&[4]),
        DType::UInt8,
        0,
        &ix,
        &vals,
        &il,
    )
    .unwrap();
    let got = w
        .to_host(&dst, &Layout::contiguous(&[4]), DType::UInt8)
        .unwrap();
    assert_eq!(got, HostData::UInt8(vec![0, 50, 0, 20]));
    let bad = w.from_host(HostData::Int64(vec![0, 4, -5])).unwrap();
    let bl = Layout::contiguous(&[3]);
    let e = w
        .gather(
            &dst,
            &Layout::contiguous(&[4]),
            DType::UInt8,
            0,
            &[IndexArray {
                storage: &bad,
                layout: &bl,
            }],
        )
        .unwrap_err();
    match e {
        array_api::Error::IndexOutOfBounds {
            index, axis, size, ..
        } => {
            assert_eq!((index, axis, size), (4, 0, 4));
        }
        e => panic!("expected IndexOutOfBounds, got {e}"),
    }
}

#[test]
fn large_arrays_use_two_dimensional_grids() {
    let Some(w) = device_or_skip() else { return };
    let max = w.device().limits().max_compute_workgroups_per_dimension as usize;
    // more invocations than one grid row holds (256 per workgroup)
    let n = max * 256 + 1000;
    let s = w
        .arange(n, Scalar::Int(0), Scalar::Int(1), DType::Int32)
        .unwrap();
    let tail = Layout::new(vec![3], vec![1], n - 3);
    let got = w.to_host(&s, &tail, DType::Int32).unwrap();
    let n = n as i32;
    assert_eq!(got, HostData::Int32(vec![n - 3, n - 2, n - 1]));
    let rev = w
        .contiguous(
            &s,
            &Layout::new(vec![n as usize], vec![-1], n as usize - 1),
            DType::Int32,
        )
        .unwrap();
    let head = w
        .to_host(&rev, &Layout::contiguous(&[2]), DType::Int32)
        .unwrap();
    assert_eq!(head, HostData::Int32(vec![n - 1, n - 2]));
}

#[test]
fn limits_and_unsupported_dtypes_are_errors() {
    let Some(w) = device_or_skip() else { return };
    let too_many = (w.max_binding_bytes() / 4 + 1) as usize;
    let e = w
        .full(too_many, Scalar::Int(0), DType::Float32)
        .unwrap_err();
    assert!(matches!(e, array_api::Error::Backend { .. }), "{e}");
    let e = w.full(2, Scalar::Int(0), DType::String).unwrap_err();
    assert!(
        matches!(e, array_api::Error::UnsupportedDType { .. }),
        "{e}"
    );
    for d in DType::ALL {
        let listed = w.info().dtypes.contains(&d);
        let r = w.full(2, Scalar::Int(1), d);
        assert_eq!(r.is_ok(), listed, "{d}: {r:?}");
        if !listed {
            assert!(matches!(
                r.unwrap_err(),
                array_api::Error::UnsupportedDType { .. }
            ));
        }
    }
}

#[test]
fn kernels_are_compiled_once() {
    let Some(w) = device_or_skip() else { return };
    let before = w.compiled_kernels();
    let a = w.full(10, Scalar::Float(1.5), DType::Float32).unwrap();
    let _ = w
        .tri(&a, &Layout::contiguous(&[2, 5]), DType::Float32, 0, true)
        .unwrap();
    assert!(w.compiled_kernels() >= before);
    // The device (and its kernel cache) is shared with the tests running in parallel
    // threads, which compile their own kernels: repeat until a round sees no other test's
    // compilation. Recompiling these kernels on every call would fail every round.
    let mut rounds = Vec::new();
    for _ in 0..100 {
        let mid = w.compiled_kernels();
        let _ = w.full(10, Scalar::Float(2.5), DType::Float32).unwrap();
        let _ = w
            .tri(&a, &Layout::contiguous(&[5, 2]), DType::Float32, 1, true)
            .unwrap();
        let after = w.compiled_kernels();
        if after == mid {
            return;
        }
        rounds.push(after - mid);
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("kernels compiled again on every round: {rounds:?}");
}
