//! Creation kernels (`full`, `arange`, `linspace`) and `tri`, with values checked against NumPy.

use crate::common;

use array_api::{Complex32, Complex64, CopyOps, CreationOps, DType, Layout, Scalar};
use backend_cpu::Cpu;
use common::*;

// ---------------------------------------------------------------- creation

#[test]
fn full_converts_the_value() {
    assert_eq!(
        all::<u8>(&Cpu.full(3, Scalar::Int(300), DType::UInt8).unwrap()),
        vec![44; 3]
    );
    assert_eq!(
        all::<i32>(&Cpu.full(2, Scalar::Float(-2.7), DType::Int32).unwrap()),
        vec![-2; 2]
    );
    assert_eq!(
        all::<bool>(&Cpu.full(1, Scalar::Float(0.1), DType::Bool).unwrap()),
        vec![true]
    );
    assert_eq!(
        all::<Complex64>(&Cpu.full(2, Scalar::Float(1.5), DType::Complex128).unwrap()),
        vec![Complex64::new(1.5, 0.0); 2]
    );
    assert!(Cpu
        .full(0, Scalar::Int(1), DType::Float32)
        .unwrap()
        .is_empty());
}

#[test]
fn arange_integers_are_exact() {
    let a = Cpu
        .arange(5, Scalar::Int(0), Scalar::Int(1), DType::Int64)
        .unwrap();
    assert_eq!(all::<i64>(&a), vec![0, 1, 2, 3, 4]);
    let a = Cpu
        .arange(4, Scalar::Int(10), Scalar::Int(-3), DType::Int8)
        .unwrap();
    assert_eq!(all::<i8>(&a), vec![10, 7, 4, 1]);
    let a = Cpu
        .arange(3, Scalar::Int(-128), Scalar::Int(127), DType::Int8)
        .unwrap();
    assert_eq!(all::<i8>(&a), vec![-128, -1, 126]);
    let a = Cpu
        .arange(3, Scalar::Int(255), Scalar::Int(-100), DType::UInt8)
        .unwrap();
    assert_eq!(all::<u8>(&a), vec![255, 155, 55]);
    let top = u64::MAX as i128;
    let a = Cpu
        .arange(3, Scalar::Int(top - 10), Scalar::Int(5), DType::UInt64)
        .unwrap();
    assert_eq!(all::<u64>(&a), vec![u64::MAX - 10, u64::MAX - 5, u64::MAX]);
    let a = Cpu
        .arange(
            2,
            Scalar::Int(top),
            Scalar::Int(-(1i128 << 63)),
            DType::UInt64,
        )
        .unwrap();
    assert_eq!(all::<u64>(&a), vec![u64::MAX, u64::MAX - (1 << 63)]);
    let a = Cpu
        .arange(
            2,
            Scalar::Int(i64::MIN as i128),
            Scalar::Int(u64::MAX as i128),
            DType::Int64,
        )
        .unwrap();
    assert_eq!(all::<i64>(&a), vec![i64::MIN, i64::MAX]);
    let a = Cpu
        .arange(4, Scalar::Int((1 << 53) + 1), Scalar::Int(1), DType::Int64)
        .unwrap();
    assert_eq!(all::<i64>(&a)[0], (1 << 53) + 1);
    assert!(Cpu
        .arange(0, Scalar::Int(3), Scalar::Int(1), DType::UInt16)
        .unwrap()
        .is_empty());
    assert!(Cpu
        .arange(2, Scalar::Float(0.5), Scalar::Int(1), DType::Int32)
        .is_err());
    assert!(Cpu
        .arange(2, Scalar::Int(0), Scalar::Int(1), DType::Bool)
        .is_err());
}

#[test]
fn arange_floats_match_numpy() {
    let a = Cpu
        .arange(10, Scalar::Float(0.0), Scalar::Float(0.1), DType::Float64)
        .unwrap();
    assert_eq!(
        all::<f64>(&a),
        vec![
            0.0,
            0.1,
            0.2,
            0.30000000000000004,
            0.4,
            0.5,
            0.6000000000000001,
            0.7000000000000001,
            0.8,
            0.9
        ]
    );
    let a = Cpu
        .arange(4, Scalar::Float(1.0), Scalar::Float(-0.25), DType::Float64)
        .unwrap();
    assert_eq!(all::<f64>(&a), vec![1.0, 0.75, 0.5, 0.25]);
    let a = Cpu
        .arange(3, Scalar::Int(2), Scalar::Int(3), DType::Float32)
        .unwrap();
    assert_eq!(all::<f32>(&a), vec![2.0, 5.0, 8.0]);
    // np.arange(5.275492379532281, ..., 0.26251833548202747): NumPy steps by
    // (start + step) - start, which differs from `start + i * step` in the last bit.
    let a = Cpu
        .arange(
            4,
            Scalar::Float(5.275492379532281),
            Scalar::Float(0.26251833548202747),
            DType::Float64,
        )
        .unwrap();
    assert_eq!(
        all::<f64>(&a),
        vec![
            5.275492379532281,
            5.538010715014308,
            5.800529050496335,
            6.063047385978362
        ]
    );
    // np.arange(-0.09129825816118142, ..., 0.45499615414085076, dtype=float32): computed in
    // float32 (rounding `start + i * step` from f64 gives 0.81869406 and 3.093675 instead).
    let a = Cpu
        .arange(
            8,
            Scalar::Float(-0.09129825816118142),
            Scalar::Float(0.45499615414085076),
            DType::Float32,
        )
        .unwrap();
    assert_eq!(
        all::<f32>(&a),
        vec![
            -0.09129826,
            0.3636979,
            0.818694,
            1.2736902,
            1.7286863,
            2.1836824,
            2.6386786,
            3.0936747
        ]
    );
}

#[test]
fn linspace_matches_numpy() {
    let l = |n, a: f64, b: f64, e, d| {
        Cpu.linspace(n, Scalar::Float(a), Scalar::Float(b), e, d)
            .unwrap()
    };
    assert_eq!(
        all::<f64>(&l(5, 0.0, 1.0, true, DType::Float64)),
        vec![0.0, 0.25, 0.5, 0.75, 1.0]
    );
    assert_eq!(
        all::<f64>(&l(4, 0.0, 1.0, false, DType::Float64)),
        vec![0.0, 0.25, 0.5, 0.75]
    );
    assert_eq!(
        all::<f64>(&l(7, 0.1, 1.3, true, DType::Float64)),
        vec![
            0.1,
            0.3,
            0.5,
            0.7,
            0.8999999999999999,
            1.0999999999999999,
            1.3
        ]
    );
    assert_eq!(
        all::<f64>(&l(7, 0.1, 1.3, false, DType::Float64)),
        vec![
            0.1,
            0.27142857142857146,
            0.44285714285714284,
            0.6142857142857142,
            0.7857142857142857,
            0.9571428571428572,
            1.1285714285714286
        ]
    );
    let f = all::<f32>(&l(7, 0.1, 1.3, true, DType::Float32));
    assert_eq!(f, vec![0.1, 0.3, 0.5, 0.7, 0.9, 1.1, 1.3]);
    assert_eq!(f[4].to_bits(), 0x3f66_6666);
    assert!(l(0, 0.0, 1.0, true, DType::Float64).is_empty());
    assert!(l(0, 0.0, 1.0, false, DType::Float64).is_empty());
    assert_eq!(all::<f64>(&l(1, 2.5, 7.0, true, DType::Float64)), vec![2.5]);
    assert_eq!(
        all::<f64>(&l(1, 2.5, 7.0, false, DType::Float64)),
        vec![2.5]
    );
    // a step that underflows to zero: (i / div) * delta + start
    assert_eq!(
        all::<f64>(&l(4, 0.0, 5e-324, true, DType::Float64)),
        vec![0.0, 0.0, 5e-324, 5e-324]
    );
    // descending
    assert_eq!(
        all::<f64>(&l(3, 1.0, -1.0, true, DType::Float64)),
        vec![1.0, 0.0, -1.0]
    );
    // integer scalars are accepted
    let s = Cpu
        .linspace(3, Scalar::Int(0), Scalar::Int(4), true, DType::Float64)
        .unwrap();
    assert_eq!(all::<f64>(&s), vec![0.0, 2.0, 4.0]);
    assert!(Cpu
        .linspace(3, Scalar::Int(0), Scalar::Int(4), true, DType::Int32)
        .is_err());
}

#[test]
fn linspace_complex() {
    let c = |re, im| Scalar::Complex(Complex64::new(re, im));
    let s = Cpu
        .linspace(5, c(0.0, 0.0), c(4.0, 8.0), true, DType::Complex128)
        .unwrap();
    let want: Vec<Complex64> = (0..5)
        .map(|i| Complex64::new(i as f64, 2.0 * i as f64))
        .collect();
    assert_eq!(all::<Complex64>(&s), want);
    let s = Cpu
        .linspace(4, c(0.0, 0.0), c(4.0, 8.0), false, DType::Complex64)
        .unwrap();
    let want: Vec<Complex32> = (0..4)
        .map(|i| Complex32::new(i as f32, 2.0 * i as f32))
        .collect();
    assert_eq!(all::<Complex32>(&s), want);
    // np.linspace(0.1+0.7j, 1.3-2.1j, 7)
    let s = Cpu
        .linspace(7, c(0.1, 0.7), c(1.3, -2.1), true, DType::Complex128)
        .unwrap();
    let want = [
        (0.1, 0.7),
        (0.3, 0.23333333333333334),
        (0.5, -0.23333333333333328),
        (0.7, -0.7),
        (0.8999999999999999, -1.1666666666666665),
        (1.0999999999999999, -1.633333333333333),
        (1.3, -2.1),
    ];
    assert_eq!(
        all::<Complex64>(&s),
        want.map(|(r, i)| Complex64::new(r, i)).to_vec()
    );
    // NumPy divides by `div` as a complex number (multiplying by its reciprocal), which
    // shows in the last bit here.
    let s = Cpu
        .linspace(
            40,
            c(-2.6203537290810863, 0.44229225295951835),
            c(-1.3004483345192073, 1.0392003859619443),
            true,
            DType::Complex128,
        )
        .unwrap();
    assert_eq!(
        all::<Complex64>(&s)[1],
        Complex64::new(-2.586510001015397, 0.45759758970317027)
    );
    let s = Cpu
        .linspace(3, c(0.0, 0.0), c(0.0, 1e-323), true, DType::Complex128)
        .unwrap();
    assert_eq!(
        all::<Complex64>(&s),
        vec![
            Complex64::new(0.0, 0.0),
            Complex64::new(0.0, 5e-324),
            Complex64::new(0.0, 1e-323)
        ]
    );
    let s = Cpu
        .linspace(1, c(1.0, -1.0), c(5.0, 5.0), true, DType::Complex128)
        .unwrap();
    assert_eq!(all::<Complex64>(&s), vec![Complex64::new(1.0, -1.0)]);
}

// ---------------------------------------------------------------- tri

#[test]
fn tril_triu_on_a_batch() {
    // two 3x4 matrices: values 1..=24
    let s = st((1..=24).collect::<Vec<i32>>());
    let l = Layout::contiguous(&[2, 3, 4]);
    let masked =
        |k: i64, upper: bool| all::<i32>(&Cpu.tri(&s, &l, DType::Int32, k, upper).unwrap());
    let expect = |mask: [[u8; 4]; 3]| -> Vec<i32> {
        (0..24)
            .map(|q| {
                let (i, j) = ((q % 12) / 4, q % 4);
                if mask[i][j] == 1 {
                    q as i32 + 1
                } else {
                    0
                }
            })
            .collect()
    };
    assert_eq!(
        masked(0, false),
        expect([[1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0]])
    );
    assert_eq!(
        masked(-1, false),
        expect([[0, 0, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0]])
    );
    assert_eq!(
        masked(2, false),
        expect([[1, 1, 1, 0], [1, 1, 1, 1], [1, 1, 1, 1]])
    );
    assert_eq!(
        masked(0, true),
        expect([[1, 1, 1, 1], [0, 1, 1, 1], [0, 0, 1, 1]])
    );
    assert_eq!(
        masked(-1, true),
        expect([[1, 1, 1, 1], [1, 1, 1, 1], [0, 1, 1, 1]])
    );
    assert_eq!(
        masked(2, true),
        expect([[0, 0, 1, 1], [0, 0, 0, 1], [0, 0, 0, 0]])
    );
    assert_eq!(masked(-10, false), vec![0; 24]);
    assert_eq!(masked(10, false), (1..=24).collect::<Vec<i32>>());
    assert_eq!(masked(i64::MIN, true), (1..=24).collect::<Vec<i32>>());
    assert_eq!(masked(i64::MAX, true), vec![0; 24]);
    // on a transposed view: the (4, 3) transpose of the first matrix, tril k=0
    let t = Layout::contiguous(&[3, 4]).permute(&[1, 0]);
    let got = all::<i32>(&Cpu.tri(&s, &t, DType::Int32, 0, false).unwrap());
    assert_eq!(got, vec![1, 0, 0, 2, 6, 0, 3, 7, 11, 4, 8, 12]);
    // complex and bool, empty
    let c = st(vec![Complex64::new(1.0, 1.0); 4]);
    let got = all::<Complex64>(
        &Cpu.tri(&c, &Layout::contiguous(&[2, 2]), DType::Complex128, 0, true)
            .unwrap(),
    );
    assert_eq!(got[2], Complex64::new(0.0, 0.0));
    assert_eq!(got[1], Complex64::new(1.0, 1.0));
    let e = Cpu
        .tri(
            &st(Vec::<bool>::new()),
            &Layout::contiguous(&[0, 3]),
            DType::Bool,
            0,
            false,
        )
        .unwrap();
    assert!(e.is_empty());
}
