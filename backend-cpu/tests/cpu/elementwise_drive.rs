//! The elementwise drivers through `ElementwiseOps`: strided and broadcast operands
//! against contiguous ones, threads, empty and 0-d arrays, dtype errors, in-place
//! assignment, `clip` and `where`.

use crate::common;

use array_api::{
    BackendCore, BinaryOp, BinaryOp as B, DType, ElementwiseOps, Layout, UnaryOp as U,
};
use backend_cpu::{Cpu, CpuStorage};
use common::ew::*;
use common::*;

// ------------------------------------------------------------------ layouts and threads

/// Deterministic pseudo-random values in `[-8, 8)`.
fn noise(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 11) as f64 / (1u64 << 53) as f64) * 16.0 - 8.0
        })
        .collect()
}

/// Views of shape `[r, c]`: (storage length, layout).
fn views(r: usize, c: usize) -> Vec<(usize, Layout)> {
    let n = r * c;
    vec![
        (n, Layout::contiguous(&[r, c])),
        (n, Layout::contiguous(&[c, r]).permute(&[1, 0])),
        (n, Layout::contiguous(&[r, c]).flip_axis(1)),
        (2 * n, Layout::new(vec![r, c], vec![2 * c as isize, 2], 1)),
        (
            c,
            Layout::contiguous(&[c]).broadcast_to(&[r, c], "t").unwrap(),
        ),
        (r, Layout::new(vec![r, c], vec![1, 0], 0)),
        (1, Layout::new(vec![r, c], vec![0, 0], 0)),
    ]
}

/// Host data equal bit for bit (NaN equal to NaN), through its debug form.
fn host_eq(a: &CpuStorage, al: &Layout, b: &CpuStorage, bl: &Layout) -> bool {
    let (x, y) = (
        Cpu.to_host(a, al, a.dtype()).unwrap(),
        Cpu.to_host(b, bl, b.dtype()).unwrap(),
    );
    format!("{x:?}") == format!("{y:?}")
}

/// The view's elements in C order.
fn gathered(s: &CpuStorage, l: &Layout) -> CpuStorage {
    Cpu.from_host(Cpu.to_host(s, l, s.dtype()).unwrap())
        .unwrap()
}

fn check_binary_layouts(op: BinaryOp, r: usize, c: usize) {
    let (cd, od) = op.dtypes(DType::Float64).unwrap();
    for (ai, (an, al)) in views(r, c).into_iter().enumerate() {
        for (bi, (bn, bl)) in views(r, c)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| (i + ai) % 2 == 0 || r * c < 1000)
        {
            let a = st(noise(an, ai as u64));
            let b = st(noise(bn, 10 + bi as u64));
            let cl = Layout::contiguous(&[r, c]);
            let mut want = zeros(r * c, od);
            Cpu.binary(
                op,
                &gathered(&a, &al),
                &cl,
                &gathered(&b, &bl),
                &cl,
                cd,
                &mut want,
                &cl,
                od,
            )
            .unwrap();
            let mut got = zeros(r * c, od);
            Cpu.binary(op, &a, &al, &b, &bl, cd, &mut got, &cl, od)
                .unwrap();
            assert!(host_eq(&got, &cl, &want, &cl), "{op:?} views {ai} {bi}");
            // a strided (transposed) output
            let tl = Layout::contiguous(&[c, r]).permute(&[1, 0]);
            let mut got = zeros(r * c, od);
            Cpu.binary(op, &a, &al, &b, &bl, cd, &mut got, &tl, od)
                .unwrap();
            assert!(
                host_eq(&got, &tl, &want, &cl),
                "{op:?} views {ai} {bi} into a transposed output"
            );
        }
    }
}

#[test]
fn strided_and_broadcast_binary_operands_match_contiguous() {
    for op in [
        B::Add,
        B::Divide,
        B::Pow,
        B::Atan2,
        B::Less,
        B::Maximum,
        B::Remainder,
    ] {
        check_binary_layouts(op, 5, 37);
    }
}

#[test]
fn threaded_strided_binary_matches_contiguous() {
    for op in [B::Subtract, B::Hypot, B::GreaterEqual] {
        check_binary_layouts(op, 600, 700);
    }
}

#[test]
fn strided_unary_operands_match_contiguous() {
    for (r, c) in [(3, 41), (700, 500)] {
        for op in [
            U::Exp,
            U::Sin,
            U::Log1p,
            U::Negative,
            U::IsNan,
            U::Tanh,
            U::Acosh,
        ] {
            let (cd, od) = op.dtypes(DType::Float32).unwrap();
            for (i, (n, l)) in views(r, c).into_iter().enumerate() {
                let x = st(noise(n, i as u64)
                    .into_iter()
                    .map(|v| v as f32)
                    .collect::<Vec<f32>>());
                let cl = Layout::contiguous(&[r, c]);
                let mut want = zeros(r * c, od);
                Cpu.unary(op, &gathered(&x, &l), &cl, cd, &mut want, &cl, od)
                    .unwrap();
                let mut got = zeros(r * c, od);
                Cpu.unary(op, &x, &l, cd, &mut got, &cl, od).unwrap();
                assert!(host_eq(&got, &cl, &want, &cl), "{op:?} view {i}");
            }
        }
    }
}

#[test]
fn empty_and_zero_dimensional() {
    let l0 = Layout::contiguous(&[]);
    let mut out = zeros(1, DType::Float64);
    Cpu.binary(
        B::Add,
        &st(vec![1.5f64]),
        &l0,
        &st(vec![2.0f64]),
        &l0,
        DType::Float64,
        &mut out,
        &l0,
        DType::Float64,
    )
    .unwrap();
    assert_eq!(all::<f64>(&out), vec![3.5]);
    let le = Layout::contiguous(&[3, 0]);
    let mut out = zeros(0, DType::Bool);
    Cpu.unary(
        U::IsNan,
        &st(Vec::<f64>::new()),
        &le,
        DType::Float64,
        &mut out,
        &le,
        DType::Bool,
    )
    .unwrap();
    assert!(out.is_empty());
}

#[test]
fn mismatched_dtypes_are_errors() {
    let l = Layout::contiguous(&[2]);
    let x = st(vec![1.0f64, 2.0]);
    let mut out = zeros(2, DType::Float64);
    // sin of an integer dtype is computed in float by the front end, never here
    assert!(Cpu
        .unary(
            U::Sin,
            &st(vec![1i32, 2]),
            &l,
            DType::Int32,
            &mut out,
            &l,
            DType::Float64
        )
        .is_err());
    // the storage is not of the declared dtype
    assert!(Cpu
        .unary(U::Sin, &x, &l, DType::Float32, &mut out, &l, DType::Float32)
        .is_err());
    // a wrong output dtype
    assert!(Cpu
        .unary(
            U::IsNan,
            &x,
            &l,
            DType::Float64,
            &mut out,
            &l,
            DType::Float64
        )
        .is_err());
    // shapes differ
    assert!(Cpu
        .unary(
            U::Sin,
            &x,
            &Layout::contiguous(&[1]),
            DType::Float64,
            &mut out,
            &l,
            DType::Float64
        )
        .is_err());
    // a layout out of bounds
    assert!(Cpu
        .unary(
            U::Sin,
            &x,
            &Layout::contiguous(&[3]),
            DType::Float64,
            &mut zeros(3, DType::Float64),
            &Layout::contiguous(&[3]),
            DType::Float64
        )
        .is_err());
    assert!(Cpu
        .binary(
            B::BitwiseAnd,
            &x,
            &l,
            &x,
            &l,
            DType::Float64,
            &mut out,
            &l,
            DType::Float64
        )
        .is_err());
}

// ------------------------------------------------------------------------------ in place

#[test]
fn binary_assign_in_place() {
    // contiguous a, broadcast row b
    let mut a = st((0..12).map(|v| v as f64).collect::<Vec<_>>());
    let al = Layout::contiguous(&[3, 4]);
    let b = st(vec![10.0f64, 20.0, 30.0, 40.0]);
    let bl = Layout::contiguous(&[4]).broadcast_to(&[3, 4], "t").unwrap();
    Cpu.binary_assign(B::Multiply, &mut a, &al, &b, &bl, DType::Float64)
        .unwrap();
    assert_eq!(
        all::<f64>(&a),
        vec![0.0, 20.0, 60.0, 120.0, 40.0, 100.0, 180.0, 280.0, 80.0, 180.0, 300.0, 440.0]
    );
    // a strided view of a (every other column, transposed): the rest is untouched
    let mut a = st((0..12).collect::<Vec<i32>>());
    let al = Layout::new(vec![2, 3], vec![2, 4], 0);
    let b = st(vec![100i32]);
    let bl = Layout::new(vec![2, 3], vec![0, 0], 0);
    Cpu.binary_assign(B::Add, &mut a, &al, &b, &bl, DType::Int32)
        .unwrap();
    assert_eq!(
        all::<i32>(&a),
        vec![100, 1, 102, 3, 104, 5, 106, 7, 108, 9, 110, 11]
    );
    // copy-on-write: another handle keeps the old values
    let mut a = st(vec![1u8, 2, 3]);
    let keep = a.clone();
    let l = Layout::contiguous(&[3]);
    Cpu.binary_assign(
        B::BitwiseLeftShift,
        &mut a,
        &l,
        &st(vec![1u8, 2, 8]),
        &l,
        DType::UInt8,
    )
    .unwrap();
    assert_eq!(all::<u8>(&a), vec![2, 8, 0]);
    assert_eq!(all::<u8>(&keep), vec![1, 2, 3]);
    // a comparison cannot be assigned in place
    assert!(Cpu
        .binary_assign(B::Less, &mut a, &l, &keep, &l, DType::UInt8)
        .is_err());
}

#[test]
fn large_binary_assign_matches_out_of_place() {
    for (r, c) in [(7, 9), (500, 700)] {
        for (bi, (bn, bl)) in views(r, c).into_iter().enumerate() {
            let al = Layout::contiguous(&[r, c]);
            let a0 = noise(r * c, 99);
            let b = st(noise(bn, bi as u64));
            let mut want = zeros(r * c, DType::Float64);
            Cpu.binary(
                B::Remainder,
                &st(a0.clone()),
                &al,
                &b,
                &bl,
                DType::Float64,
                &mut want,
                &al,
                DType::Float64,
            )
            .unwrap();
            let mut a = st(a0.clone());
            Cpu.binary_assign(B::Remainder, &mut a, &al, &b, &bl, DType::Float64)
                .unwrap();
            assert!(host_eq(&a, &al, &want, &al), "view {bi}");
            // transposed destination
            let tl = Layout::contiguous(&[c, r]).permute(&[1, 0]);
            let mut a = st(a0.clone());
            Cpu.binary_assign(B::Remainder, &mut a, &tl, &b, &bl, DType::Float64)
                .unwrap();
            let mut want = zeros(r * c, DType::Float64);
            Cpu.binary(
                B::Remainder,
                &st(a0.clone()),
                &tl,
                &b,
                &bl,
                DType::Float64,
                &mut want,
                &al,
                DType::Float64,
            )
            .unwrap();
            assert!(host_eq(&a, &tl, &want, &al), "view {bi} transposed");
        }
    }
}

// ------------------------------------------------------------------------ clip and where

#[test]
fn clip_propagates_nan_and_accepts_missing_bounds() {
    let l = Layout::contiguous(&[5]);
    let x = st(vec![1.0f64, NAN, 5.0, -3.0, 2.0]);
    let lo = st(vec![NAN, 0.0, 0.0, 0.0, 0.0]);
    let hi = st(vec![3.0f64]);
    let hl = Layout::new(vec![5], vec![0], 0);
    let mut out = zeros(5, DType::Float64);
    Cpu.clip(
        &x,
        &l,
        Some((&lo, &l)),
        Some((&hi, &hl)),
        DType::Float64,
        &mut out,
        &l,
    )
    .unwrap();
    assert_same(&all::<f64>(&out), &[NAN, NAN, 3.0, 0.0, 2.0], "clip");
    Cpu.clip(&x, &l, None, Some((&hi, &hl)), DType::Float64, &mut out, &l)
        .unwrap();
    assert_same(
        &all::<f64>(&out),
        &[1.0, NAN, 3.0, -3.0, 2.0],
        "clip hi only",
    );
    Cpu.clip(&x, &l, None, None, DType::Float64, &mut out, &l)
        .unwrap();
    assert_same(&all::<f64>(&out), &all::<f64>(&x), "clip unbounded");
    let xi = st(vec![-5i8, 0, 127]);
    let l3 = Layout::contiguous(&[3]);
    let mut out = zeros(3, DType::Int8);
    Cpu.clip(
        &xi,
        &l3,
        Some((&st(vec![-1i8]), &Layout::new(vec![3], vec![0], 0))),
        None,
        DType::Int8,
        &mut out,
        &l3,
    )
    .unwrap();
    assert_eq!(all::<i8>(&out), vec![-1, 0, 127]);
    assert!(Cpu
        .clip(
            &st(vec![true]),
            &Layout::contiguous(&[1]),
            None,
            None,
            DType::Bool,
            &mut zeros(1, DType::Bool),
            &Layout::contiguous(&[1])
        )
        .is_err());
}

#[test]
fn select_broadcasts_every_operand() {
    let cond = st(vec![true, false, true]);
    let cl = Layout::contiguous(&[3]).broadcast_to(&[2, 3], "t").unwrap();
    let a = st(vec![
        array_api::Complex64::new(1.0, 2.0),
        array_api::Complex64::new(3.0, 4.0),
    ]);
    let al = Layout::new(vec![2, 3], vec![1, 0], 0);
    let b = st(vec![array_api::Complex64::new(-1.0, 0.0)]);
    let bl = Layout::new(vec![2, 3], vec![0, 0], 0);
    let ol = Layout::contiguous(&[2, 3]);
    let mut out = zeros(6, DType::Complex128);
    Cpu.select(
        &cond,
        &cl,
        &a,
        &al,
        &b,
        &bl,
        DType::Complex128,
        &mut out,
        &ol,
    )
    .unwrap();
    let got: Vec<(f64, f64)> = all::<array_api::Complex64>(&out)
        .iter()
        .map(|z| (z.re, z.im))
        .collect();
    assert_eq!(
        got,
        vec![
            (1.0, 2.0),
            (-1.0, 0.0),
            (1.0, 2.0),
            (3.0, 4.0),
            (-1.0, 0.0),
            (3.0, 4.0)
        ]
    );
    // large, threaded
    let n = 1 << 20;
    let cond = st((0..n).map(|i| i % 3 == 0).collect::<Vec<bool>>());
    let l = Layout::contiguous(&[n]);
    let a = st((0..n as i64).collect::<Vec<_>>());
    let b = st(vec![-1i64]);
    let mut out = zeros(n, DType::Int64);
    Cpu.select(
        &cond,
        &l,
        &a,
        &l,
        &b,
        &Layout::new(vec![n], vec![0], 0),
        DType::Int64,
        &mut out,
        &l,
    )
    .unwrap();
    let got = all::<i64>(&out);
    assert!(got
        .iter()
        .enumerate()
        .all(|(i, &v)| v == if i % 3 == 0 { i as i64 } else { -1 }));
}

#[test]
fn strided_1d_operands_match_contiguous() {
    // steps 2 (the deinterleaving gather), 3 and 7, offsets 0 and 1, lengths around the
    // block size, f64 and f32, serial and threaded
    for n in [9, 511, 513, 1500, 300_001] {
        for step in [2usize, 3, 7] {
            for off in [0usize, 1] {
                let len = off + (n - 1) * step + 1;
                let l = Layout::new(vec![n], vec![step as isize], off);
                let cl = Layout::contiguous(&[n]);
                for dt in [DType::Float64, DType::Float32] {
                    let cast = |v: Vec<f64>| {
                        if dt == DType::Float32 {
                            st(v.into_iter().map(|x| x as f32).collect::<Vec<f32>>())
                        } else {
                            st(v)
                        }
                    };
                    let a = cast(noise(len, n as u64));
                    let b = cast(noise(len, 7 + step as u64));
                    let mut want = zeros(n, dt);
                    Cpu.binary(
                        B::Add,
                        &gathered(&a, &l),
                        &cl,
                        &gathered(&b, &l),
                        &cl,
                        dt,
                        &mut want,
                        &cl,
                        dt,
                    )
                    .unwrap();
                    let mut got = zeros(n, dt);
                    Cpu.binary(B::Add, &a, &l, &b, &l, dt, &mut got, &cl, dt)
                        .unwrap();
                    assert!(
                        host_eq(&got, &cl, &want, &cl),
                        "add, n {n}, step {step}, offset {off}, {dt:?}"
                    );
                    let mut got = zeros(n, dt);
                    Cpu.unary(U::Exp, &a, &l, dt, &mut got, &cl, dt).unwrap();
                    let mut want = zeros(n, dt);
                    Cpu.unary(U::Exp, &gathered(&a, &l), &cl, dt, &mut want, &cl, dt)
                        .unwrap();
                    assert!(
                        host_eq(&got, &cl, &want, &cl),
                        "exp, n {n}, step {step}, offset {off}, {dt:?}"
                    );
                }
            }
        }
    }
}
