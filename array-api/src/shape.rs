//! Shape arithmetic: sizes with overflow checks, broadcasting, axis normalisation.

use crate::{Error, Result};

/// Formats a shape like NumPy: `()`, `(3,)`, `(2, 3)`.
pub fn fmt_shape(shape: &[usize]) -> String {
    match shape.len() {
        0 => "()".into(),
        1 => format!("({},)", shape[0]),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Number of elements of `shape`; `Err(ShapeOverflow)` when it (or its size in bytes for
/// the widest dtype) does not fit `isize`.
pub fn checked_size(shape: &[usize], op: &'static str) -> Result<usize> {
    let mut n: usize = 1;
    for &d in shape {
        n = n.checked_mul(d).ok_or_else(|| Error::ShapeOverflow {
            op,
            shape: shape.to_vec(),
        })?;
    }
    if n.checked_mul(16).is_none_or(|b| b > isize::MAX as usize) {
        return Err(Error::ShapeOverflow {
            op,
            shape: shape.to_vec(),
        });
    }
    Ok(n)
}

/// The broadcast shape of several shapes (the standard's broadcasting rules).
///
/// ```
/// use array_api::broadcast_shapes;
/// assert_eq!(broadcast_shapes(&[&[8, 1, 6, 1][..], &[7, 1, 5]]).unwrap(), vec![8, 7, 6, 5]);
/// assert!(broadcast_shapes(&[&[2, 3][..], &[4]]).is_err());
/// ```
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Vec<usize>> {
    broadcast_shapes_op(shapes, "broadcast_shapes")
}

/// [`broadcast_shapes`] reporting errors as `op`.
pub fn broadcast_shapes_op(shapes: &[&[usize]], op: &'static str) -> Result<Vec<usize>> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; ndim];
    for s in shapes {
        let pad = ndim - s.len();
        for (i, &d) in s.iter().enumerate() {
            let o = &mut out[pad + i];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                return Err(Error::ShapeMismatch {
                    op,
                    shapes: shapes.iter().map(|s| s.to_vec()).collect(),
                    reason: "cannot be broadcast together".into(),
                });
            }
        }
    }
    checked_size(&out, op)?;
    Ok(out)
}

/// Normalises a possibly negative axis into `0..ndim`.
pub fn normalize_axis(axis: isize, ndim: usize, op: &'static str) -> Result<usize> {
    let n = ndim as isize;
    if axis < -n || axis >= n {
        return Err(Error::AxisOutOfBounds { op, axis, ndim });
    }
    Ok(if axis < 0 {
        (axis + n) as usize
    } else {
        axis as usize
    })
}

/// Normalises a list of axes; repeated axes are an error.
pub fn normalize_axes(axes: &[isize], ndim: usize, op: &'static str) -> Result<Vec<usize>> {
    let mut out = Vec::with_capacity(axes.len());
    for &a in axes {
        let n = normalize_axis(a, ndim, op)?;
        if out.contains(&n) {
            return Err(Error::RepeatedAxis {
                op,
                axis: n,
                axes: axes.to_vec(),
            });
        }
        out.push(n);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_overflow() {
        assert_eq!(checked_size(&[], "t").unwrap(), 1);
        assert_eq!(checked_size(&[2, 0, 5], "t").unwrap(), 0);
        assert_eq!(checked_size(&[2, 3, 4], "t").unwrap(), 24);
        let e = checked_size(&[usize::MAX / 2, 3], "zeros").unwrap_err();
        assert!(matches!(e, Error::ShapeOverflow { op: "zeros", .. }), "{e}");
    }

    #[test]
    fn broadcasting() {
        assert_eq!(broadcast_shapes(&[&[], &[3]]).unwrap(), vec![3]);
        assert_eq!(broadcast_shapes(&[&[0, 1], &[1, 4]]).unwrap(), vec![0, 4]);
        assert_eq!(
            broadcast_shapes(&[&[5, 1, 4], &[3, 1]]).unwrap(),
            vec![5, 3, 4]
        );
        let e = broadcast_shapes(&[&[2, 3], &[3, 2]]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "broadcast_shapes: shapes (2, 3), (3, 2) cannot be broadcast together"
        );
    }

    #[test]
    fn axes() {
        assert_eq!(normalize_axis(-1, 3, "t").unwrap(), 2);
        assert!(normalize_axis(3, 3, "t").is_err());
        assert!(normalize_axis(-4, 3, "t").is_err());
        assert!(normalize_axis(0, 0, "t").is_err());
        assert!(matches!(
            normalize_axes(&[0, -3], 3, "t"),
            Err(Error::RepeatedAxis { axis: 0, .. })
        ));
    }
}
