//! Bad input gives a clear `Err` of the right kind, never a panic: one test per kind.

use xp::prelude::*;
use xp::{s, Error};

fn m() -> Array<Cpu> {
    xp::reshape(&xp::arange(0, 6, 1, None, &Cpu).unwrap(), [2, 3], None).unwrap()
}

#[test]
fn mismatched_shapes() {
    let e = xp::broadcast_to(&m(), [3, 3]).unwrap_err();
    assert!(
        matches!(
            e,
            Error::ShapeMismatch {
                op: "broadcast_to",
                ..
            }
        ),
        "{e}"
    );
    assert!(
        e.to_string().contains("(2, 3)") && e.to_string().contains("(3, 3)"),
        "{e}"
    );
    let a = xp::zeros([2, 3], DType::Int64, &Cpu).unwrap();
    let b = xp::zeros([3, 3], DType::Int64, &Cpu).unwrap();
    let e = xp::concat(&[&a, &b], Some(1)).unwrap_err();
    assert!(
        matches!(e, Error::ShapeMismatch { op: "concat", .. }),
        "{e}"
    );
    let e = xp::stack(&[&a, &b], 0).unwrap_err();
    assert!(matches!(e, Error::ShapeMismatch { op: "stack", .. }), "{e}");
    let e = xp::reshape(&a, [4, 2], None).unwrap_err();
    assert_eq!(
        e.to_string(),
        "reshape: cannot reshape array of shape [2, 3] into shape [4, 2]"
    );
    let e = xp::broadcast_arrays(&[&a, &b]).unwrap_err();
    assert!(matches!(e, Error::ShapeMismatch { .. }), "{e}");
}

#[test]
fn bad_axis() {
    let e = xp::flip(&m(), Some(&[2])).unwrap_err();
    assert_eq!(
        e.to_string(),
        "flip: axis 2 is out of bounds for an array of dimension 2"
    );
    let e = xp::permute_dims(&m(), &[0, 0]).unwrap_err();
    assert!(
        matches!(
            e,
            Error::RepeatedAxis {
                op: "permute_dims",
                axis: 0,
                ..
            }
        ),
        "{e}"
    );
    let e = xp::squeeze(&m(), &[0]).unwrap_err();
    assert!(
        matches!(e, Error::InvalidArgument { op: "squeeze", .. }),
        "{e}"
    );
    let e = xp::concat(&[&m()], Some(-3)).unwrap_err();
    assert!(
        matches!(
            e,
            Error::AxisOutOfBounds {
                op: "concat",
                axis: -3,
                ndim: 2
            }
        ),
        "{e}"
    );
    let e = xp::unstack(&m(), 5).unwrap_err();
    assert!(matches!(e, Error::AxisOutOfBounds { .. }), "{e}");
}

#[test]
fn out_of_bounds_index() {
    let e = m().get(&s![2]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "getitem: index 2 is out of bounds for axis 0 with size 2"
    );
    let e = m().get(&s![.., -4]).unwrap_err();
    assert!(
        matches!(
            e,
            Error::IndexOutOfBounds {
                index: -4,
                axis: 1,
                size: 3,
                ..
            }
        ),
        "{e}"
    );
    let idx = xp::asarray([0i64, 3], None, &Cpu).unwrap();
    let e = xp::take(&m(), &idx, Some(1)).unwrap_err();
    assert!(matches!(e, Error::IndexOutOfBounds { index: 3, .. }), "{e}");
    let mut x = m();
    let e = x
        .set(&s![&idx], &xp::zeros([], DType::Int64, &Cpu).unwrap())
        .unwrap_err();
    assert!(matches!(e, Error::IndexOutOfBounds { .. }), "{e}");
    let e = m().get(&s![0, 0, 0]).unwrap_err();
    assert!(matches!(e, Error::InvalidIndex { .. }), "{e}");
    let e = m().get(&s![..;0]).unwrap_err();
    assert!(e.to_string().contains("step cannot be zero"), "{e}");
}

#[test]
fn unsupported_dtype() {
    let e = xp::zeros([2], DType::String, &Cpu).unwrap_err();
    assert_eq!(
        e.to_string(),
        "zeros: dtype string is not supported by backend cpu"
    );
    let e = xp::astype(&m(), DType::String).unwrap_err();
    assert!(
        matches!(e, Error::UnsupportedDType { op: "astype", .. }),
        "{e}"
    );
    let e = m().to_vec::<f64>().unwrap_err();
    assert!(
        matches!(
            e,
            Error::InvalidDType {
                op: "to_vec",
                dtype: DType::Int64,
                ..
            }
        ),
        "{e}"
    );
    let f = xp::zeros([2], DType::Float64, &Cpu).unwrap();
    let e = xp::take(&m(), &f, Some(0)).unwrap_err();
    assert!(matches!(e, Error::InvalidDType { op: "take", .. }), "{e}");
    assert!(xp::finfo(DType::Int8).is_err());
    assert!(xp::iinfo(DType::Float64).is_err());
}

#[test]
fn overflowing_shape() {
    let e = xp::zeros([usize::MAX, 2], DType::Float64, &Cpu).unwrap_err();
    assert!(matches!(e, Error::ShapeOverflow { op: "zeros", .. }), "{e}");
    let e = xp::zeros([1 << 40, 1 << 40], DType::Int8, &Cpu).unwrap_err();
    assert!(matches!(e, Error::ShapeOverflow { .. }), "{e}");
    let x = xp::zeros([2], DType::Int8, &Cpu).unwrap();
    let e = xp::tile(&x, &[usize::MAX]).unwrap_err();
    assert!(matches!(e, Error::ShapeOverflow { .. }), "{e}");
    let e = xp::repeat(&x, &[usize::MAX], None).unwrap_err();
    assert!(matches!(e, Error::ShapeOverflow { .. }), "{e}");
    let e = xp::broadcast_to(&x, [1 << 62, 2]).unwrap_err();
    assert!(matches!(e, Error::ShapeOverflow { .. }), "{e}");
}

#[test]
fn bad_values() {
    assert!(xp::full([2], 300, Some(DType::Int8), &Cpu).is_err());
    assert!(xp::arange(0, 10, 0, None, &Cpu).is_err());
    assert!(xp::arange(0.0, f64::INFINITY, 1.0, None, &Cpu).is_err());
    let e = xp::asarray(vec![vec![1, 2], vec![3]], None, &Cpu).unwrap_err();
    assert!(e.to_string().contains("ragged"), "{e}");
    let e = Array::from_vec(vec![1.0f64; 5], [2, 3], &Cpu).unwrap_err();
    assert!(
        e.to_string()
            .contains("5 elements cannot fill shape (2, 3)"),
        "{e}"
    );
    assert!(xp::tril(&xp::zeros([3], DType::Int8, &Cpu).unwrap(), 0).is_err());
    assert!(
        m().T().is_ok()
            && xp::zeros([2, 2, 2], DType::Bool, &Cpu)
                .unwrap()
                .T()
                .is_err()
    );
}

#[test]
fn output_too_large_to_allocate() {
    // bincount's length comes from the data: max(x) + 1 = 2^63 bins cannot be allocated
    let x = xp::asarray([1i64, i64::MAX - 1], None, &Cpu).unwrap();
    let e = xp::bincount(&x, None, 0).unwrap_err();
    assert!(
        matches!(e, Error::InvalidArgument { op: "bincount", .. }),
        "{e}"
    );
    assert!(e.to_string().contains("bins"), "{e}");
}
