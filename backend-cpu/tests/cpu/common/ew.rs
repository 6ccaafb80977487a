//! Helpers of the elementwise kernel tests (`elementwise_int.rs`, `elementwise_float.rs`,
//! `elementwise_drive.rs`): contiguous one-op runs and bitwise float comparison.

use super::{all, st};
use array_api::{BinaryOp, CreationOps, DType, Element, ElementwiseOps, Layout, Scalar, UnaryOp};
use backend_cpu::{Cpu, CpuStorage};

pub const INF: f64 = f64::INFINITY;
pub const NAN: f64 = f64::NAN;

pub fn zeros(n: usize, d: DType) -> CpuStorage {
    Cpu.full(n, Scalar::Int(0), d).unwrap()
}

/// `op(x)` on a contiguous vector.
pub fn un<T: Element, R: Element>(op: UnaryOp, x: &[T]) -> Vec<R> {
    let (c, o) = op.dtypes(T::DTYPE).unwrap();
    assert_eq!((c, o), (T::DTYPE, R::DTYPE), "{op:?}");
    let l = Layout::contiguous(&[x.len()]);
    let mut out = zeros(x.len(), o);
    Cpu.unary(op, &st(x.to_vec()), &l, c, &mut out, &l, o)
        .unwrap();
    all::<R>(&out)
}

/// `op(a, b)` on contiguous vectors.
pub fn bin<T: Element, R: Element>(op: BinaryOp, a: &[T], b: &[T]) -> Vec<R> {
    let (c, o) = op.dtypes(T::DTYPE).unwrap();
    assert_eq!((c, o), (T::DTYPE, R::DTYPE), "{op:?}");
    let l = Layout::contiguous(&[a.len()]);
    let mut out = zeros(a.len(), o);
    Cpu.binary(
        op,
        &st(a.to_vec()),
        &l,
        &st(b.to_vec()),
        &l,
        c,
        &mut out,
        &l,
        o,
    )
    .unwrap();
    all::<R>(&out)
}

/// Bitwise equality of floats (NaN equals NaN, the signs of zeros count).
pub fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

pub fn assert_same(got: &[f64], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len());
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(same(g, w), "{what}[{i}]: got {g:?}, want {w:?}");
    }
}
