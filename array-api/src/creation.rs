//! Creation functions: arange, asarray, empty, eye, full, linspace, meshgrid, ones, zeros,
//! tril, triu and the `*_like` forms.

use crate::array::check_dtype;
use crate::shape::{checked_size, fmt_shape};
use crate::{
    Array, Backend, Complex32, Complex64, DType, Element, Error, HostData, Layout, Result, Scalar,
};

fn new_full<B: Backend>(
    shape: &[usize],
    value: Scalar,
    dtype: DType,
    device: &B,
    op: &'static str,
) -> Result<Array<B>> {
    let n = checked_size(shape, op)?;
    check_dtype(device, dtype, op)?;
    if !value.fits(dtype) {
        return Err(Error::invalid(
            op,
            format!("fill value {value} is out of bounds for dtype {dtype}"),
        ));
    }
    let s = device.full(n, value, dtype)?;
    Ok(Array::contiguous_from(s, shape, dtype, device))
}

/// A new contiguous array of `shape` for a kernel that writes every element before the
/// array is returned (contents unspecified until then: [`crate::CreationOps::output`]).
pub(crate) fn output<B: Backend>(shape: &[usize], dtype: DType, device: &B) -> Result<Array<B>> {
    let n = checked_size(shape, "output")?;
    let s = device.output(n, dtype)?;
    Ok(Array::contiguous_from(s, shape, dtype, device))
}

/// An array of `shape` filled with zeros (the standard's `empty` leaves contents
/// unspecified; xp zero-fills so results never depend on stale memory).
pub fn empty<B: Backend>(shape: impl AsRef<[usize]>, dtype: DType, device: &B) -> Result<Array<B>> {
    new_full(shape.as_ref(), Scalar::Int(0), dtype, device, "empty")
}

/// An array of `shape` filled with zeros.
///
/// ```
/// use xp::prelude::*;
/// let z = xp::zeros([2, 3], DType::Float32, &Cpu)?;
/// assert_eq!(z.shape(), &[2, 3]);
/// assert_eq!(z.to_vec::<f32>()?, vec![0.0; 6]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn zeros<B: Backend>(shape: impl AsRef<[usize]>, dtype: DType, device: &B) -> Result<Array<B>> {
    new_full(shape.as_ref(), Scalar::Int(0), dtype, device, "zeros")
}

/// An array of `shape` filled with ones.
pub fn ones<B: Backend>(shape: impl AsRef<[usize]>, dtype: DType, device: &B) -> Result<Array<B>> {
    new_full(shape.as_ref(), Scalar::Int(1), dtype, device, "ones")
}

/// An array of `shape` filled with `value`.
///
/// With `dtype: None` the dtype follows the value: bool → `bool`, integer → `int64`, float
/// → `float64`, complex → `complex128`. An integer value outside the dtype's range is an
/// error; other values convert with [`astype`](crate::astype)'s rules.
///
/// ```
/// use xp::prelude::*;
/// let a = xp::full([2], 7, None, &Cpu)?;
/// assert_eq!(a.dtype(), DType::Int64);
/// assert!(xp::full([2], 300, Some(DType::Int8), &Cpu).is_err());
/// # Ok::<(), xp::Error>(())
/// ```
pub fn full<B: Backend>(
    shape: impl AsRef<[usize]>,
    value: impl Into<Scalar>,
    dtype: Option<DType>,
    device: &B,
) -> Result<Array<B>> {
    let value = value.into();
    new_full(
        shape.as_ref(),
        value,
        dtype.unwrap_or(value.default_dtype()),
        device,
        "full",
    )
}

/// [`empty`] with the shape and device of `x` (and its dtype unless given).
pub fn empty_like<B: Backend>(x: &Array<B>, dtype: Option<DType>) -> Result<Array<B>> {
    new_full(
        x.shape(),
        Scalar::Int(0),
        dtype.unwrap_or(x.dtype),
        &x.backend,
        "empty_like",
    )
}

/// [`zeros`] with the shape and device of `x` (and its dtype unless given).
pub fn zeros_like<B: Backend>(x: &Array<B>, dtype: Option<DType>) -> Result<Array<B>> {
    new_full(
        x.shape(),
        Scalar::Int(0),
        dtype.unwrap_or(x.dtype),
        &x.backend,
        "zeros_like",
    )
}

/// [`ones`] with the shape and device of `x` (and its dtype unless given).
pub fn ones_like<B: Backend>(x: &Array<B>, dtype: Option<DType>) -> Result<Array<B>> {
    new_full(
        x.shape(),
        Scalar::Int(1),
        dtype.unwrap_or(x.dtype),
        &x.backend,
        "ones_like",
    )
}

/// [`full`] with the shape and device of `x` (and its dtype unless given).
pub fn full_like<B: Backend>(
    x: &Array<B>,
    value: impl Into<Scalar>,
    dtype: Option<DType>,
) -> Result<Array<B>> {
    new_full(
        x.shape(),
        value.into(),
        dtype.unwrap_or(x.dtype),
        &x.backend,
        "full_like",
    )
}

/// Values from `start` (inclusive) to `stop` (exclusive) in steps of `step`.
///
/// With `dtype: None` the result is `int64` when all three are integers, else `float64`.
/// Integer results are computed exactly; float results as `start + i * step` (NumPy's
/// method), with length `ceil((stop - start) / step)`.
///
/// ```
/// use xp::prelude::*;
/// let a = xp::arange(10, 0, -3, None, &Cpu)?;
/// assert_eq!(a.to_vec::<i64>()?, vec![10, 7, 4, 1]);
/// let f = xp::arange(0.0, 1.0, 0.25, None, &Cpu)?;
/// assert_eq!(f.to_vec::<f64>()?, vec![0.0, 0.25, 0.5, 0.75]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn arange<B: Backend>(
    start: impl Into<Scalar>,
    stop: impl Into<Scalar>,
    step: impl Into<Scalar>,
    dtype: Option<DType>,
    device: &B,
) -> Result<Array<B>> {
    const OP: &str = "arange";
    let (start, stop, step) = (start.into(), stop.into(), step.into());
    for s in [start, stop, step] {
        if matches!(s, Scalar::Complex(_)) {
            return Err(Error::invalid(
                OP,
                "complex start, stop or step are not supported",
            ));
        }
    }
    let all_int = [start, stop, step]
        .iter()
        .all(|s| matches!(s, Scalar::Int(_) | Scalar::Bool(_)));
    let dtype = dtype.unwrap_or(if all_int {
        DType::Int64
    } else {
        DType::Float64
    });
    check_dtype(device, dtype, OP)?;
    if !dtype.is_numeric() || dtype.is_complex() {
        return Err(Error::InvalidDType {
            op: OP,
            dtype,
            expected: "a real numeric dtype",
        });
    }
    if step.to_f64() == 0.0 {
        return Err(Error::invalid(OP, "step must not be zero"));
    }
    if dtype.is_integer() {
        let (Some(a), Some(b), Some(d)) = (start.to_i128(), stop.to_i128(), step.to_i128()) else {
            return Err(Error::invalid(
                OP,
                format!("non-integer start, stop or step for integer dtype {dtype}"),
            ));
        };
        let len = if d > 0 {
            if b > a {
                (b - a + d - 1) / d
            } else {
                0
            }
        } else if b < a {
            (a - b + (-d) - 1) / (-d)
        } else {
            0
        };
        let len = usize::try_from(len).map_err(|_| Error::ShapeOverflow {
            op: OP,
            shape: vec![usize::MAX],
        })?;
        checked_size(&[len], OP)?;
        if len > 0 {
            let last = a + (len as i128 - 1) * d;
            for v in [a, last] {
                if !Scalar::Int(v).fits(dtype) {
                    return Err(Error::invalid(
                        OP,
                        format!("value {v} is out of bounds for dtype {dtype}"),
                    ));
                }
            }
        }
        let s = device.arange(len, Scalar::Int(a), Scalar::Int(d), dtype)?;
        return Ok(Array::contiguous_from(s, &[len], dtype, device));
    }
    let (a, b, d) = (start.to_f64(), stop.to_f64(), step.to_f64());
    let lenf = ((b - a) / d).ceil();
    if lenf.is_nan() || lenf.is_infinite() {
        return Err(Error::invalid(
            OP,
            format!("cannot compute a length from start {a}, stop {b}, step {d}"),
        ));
    }
    let len = if lenf <= 0.0 { 0 } else { lenf as usize };
    checked_size(&[len], OP)?;
    let s = device.arange(len, Scalar::Float(a), Scalar::Float(d), dtype)?;
    Ok(Array::contiguous_from(s, &[len], dtype, device))
}

/// `num` evenly spaced values from `start` to `stop` (`stop` included when `endpoint`).
///
/// With `dtype: None` the result is `float64`, or `complex128` for complex bounds. Integer
/// dtypes are computed in float64 and rounded down (floor), as NumPy 2 does.
///
/// ```
/// use xp::prelude::*;
/// let a = xp::linspace(0.0, 1.0, 5, true, None, &Cpu)?;
/// assert_eq!(a.to_vec::<f64>()?, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
/// let b = xp::linspace(0.0, 1.0, 4, false, None, &Cpu)?;
/// assert_eq!(b.to_vec::<f64>()?, vec![0.0, 0.25, 0.5, 0.75]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn linspace<B: Backend>(
    start: impl Into<Scalar>,
    stop: impl Into<Scalar>,
    num: usize,
    endpoint: bool,
    dtype: Option<DType>,
    device: &B,
) -> Result<Array<B>> {
    const OP: &str = "linspace";
    let (start, stop) = (start.into(), stop.into());
    let complex = matches!(start, Scalar::Complex(_)) || matches!(stop, Scalar::Complex(_));
    let dtype = dtype.unwrap_or(if complex {
        DType::Complex128
    } else {
        DType::Float64
    });
    check_dtype(device, dtype, OP)?;
    checked_size(&[num], OP)?;
    if !dtype.is_numeric() {
        return Err(Error::InvalidDType {
            op: OP,
            dtype,
            expected: "a numeric dtype",
        });
    }
    if complex && !dtype.is_complex() {
        return Err(Error::invalid(
            OP,
            format!("complex start or stop with real dtype {dtype}"),
        ));
    }
    if dtype.is_floating() {
        let s = device.linspace(num, start, stop, endpoint, dtype)?;
        return Ok(Array::contiguous_from(s, &[num], dtype, device));
    }
    check_dtype(device, DType::Float64, OP)?;
    let s = device.linspace(num, start, stop, endpoint, DType::Float64)?;
    let f = Array::contiguous_from(s, &[num], DType::Float64, device);
    let floored = crate::floor(&f)?;
    crate::astype(&floored, dtype)
}

/// A 2-d array with ones on the `k`-th diagonal and zeros elsewhere (`k > 0`: above the
/// main diagonal). `n_cols` defaults to `n_rows`.
///
/// ```
/// use xp::prelude::*;
/// let e = xp::eye(2, Some(3), 1, DType::Int32, &Cpu)?;
/// assert_eq!(e.to_vec::<i32>()?, vec![0, 1, 0, 0, 0, 1]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn eye<B: Backend>(
    n_rows: usize,
    n_cols: Option<usize>,
    k: isize,
    dtype: DType,
    device: &B,
) -> Result<Array<B>> {
    let m = n_cols.unwrap_or(n_rows);
    let mut out = new_full(&[n_rows, m], Scalar::Int(0), dtype, device, "eye")?;
    let (r0, c0) = if k >= 0 {
        (0usize, k.unsigned_abs())
    } else {
        (k.unsigned_abs(), 0usize)
    };
    let len = n_rows.saturating_sub(r0).min(m.saturating_sub(c0));
    if len > 0 {
        let diag = Layout::new(vec![len], vec![m as isize + 1], r0 * m + c0);
        let one = device.full(1, Scalar::Int(1), dtype)?;
        let src = Layout::new(vec![len], vec![0], 0);
        device.copy_into(&one, &src, &mut out.storage, &diag, dtype)?;
    }
    Ok(out)
}

/// How [`meshgrid`] orders its outputs: `Xy` (Cartesian, NumPy's default) swaps the first
/// two axes; `Ij` (matrix) does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Indexing {
    /// Cartesian indexing: outputs of shape `(N1, N0, N2, ...)`.
    #[default]
    Xy,
    /// Matrix indexing: outputs of shape `(N0, N1, N2, ...)`.
    Ij,
}

/// Coordinate grids from 1-d coordinate arrays. The outputs are zero-copy broadcast views
/// (writing to one copies it first).
///
/// ```
/// use xp::prelude::*;
/// let x = xp::arange(0, 3, 1, None, &Cpu)?;
/// let y = xp::arange(0, 2, 1, None, &Cpu)?;
/// let g = xp::meshgrid(&[&x, &y], xp::Indexing::Xy)?;
/// assert_eq!(g[0].shape(), &[2, 3]);
/// assert_eq!(g[0].to_vec::<i64>()?, vec![0, 1, 2, 0, 1, 2]);
/// assert_eq!(g[1].to_vec::<i64>()?, vec![0, 0, 0, 1, 1, 1]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn meshgrid<B: Backend>(arrays: &[&Array<B>], indexing: Indexing) -> Result<Vec<Array<B>>> {
    const OP: &str = "meshgrid";
    let Some(first) = arrays.first() else {
        return Ok(Vec::new());
    };
    for a in arrays {
        crate::array::same_device(first, a, OP)?;
        if a.ndim() != 1 {
            return Err(Error::invalid(
                OP,
                format!(
                    "every input must be 1-d; got shape {}",
                    fmt_shape(a.shape())
                ),
            ));
        }
        if a.dtype != first.dtype {
            return Err(Error::invalid(
                OP,
                format!(
                    "every input must have the same dtype; got {} and {}",
                    first.dtype, a.dtype
                ),
            ));
        }
    }
    let n = arrays.len();
    let swap = indexing == Indexing::Xy && n >= 2;
    let pos = |i: usize| if swap && i < 2 { 1 - i } else { i };
    let mut shape = vec![0usize; n];
    for (i, a) in arrays.iter().enumerate() {
        shape[pos(i)] = a.shape()[0];
    }
    checked_size(&shape, OP)?;
    arrays
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut strides = vec![0isize; n];
            strides[pos(i)] = a.layout.strides()[0];
            Ok(a.with_layout(Layout::new(shape.clone(), strides, a.layout.offset())))
        })
        .collect()
}

fn tri<B: Backend>(x: &Array<B>, k: isize, upper: bool, op: &'static str) -> Result<Array<B>> {
    if x.ndim() < 2 {
        return Err(Error::invalid(
            op,
            format!(
                "input must have at least 2 dimensions; got shape {}",
                fmt_shape(x.shape())
            ),
        ));
    }
    check_dtype(&x.backend, x.dtype, op)?;
    let s = x
        .backend
        .tri(&x.storage, &x.layout, x.dtype, k as i64, upper)?;
    Ok(Array::contiguous_from(s, x.shape(), x.dtype, &x.backend))
}

/// The lower triangle of (a stack of) matrices: elements with `j - i <= k` kept, others
/// zeroed.
///
/// ```
/// use xp::prelude::*;
/// let a = xp::ones([3, 3], DType::Int64, &Cpu)?;
/// assert_eq!(xp::tril(&a, 0)?.to_vec::<i64>()?, vec![1, 0, 0, 1, 1, 0, 1, 1, 1]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn tril<B: Backend>(x: &Array<B>, k: isize) -> Result<Array<B>> {
    tri(x, k, false, "tril")
}

/// The upper triangle of (a stack of) matrices: elements with `j - i >= k` kept, others
/// zeroed.
pub fn triu<B: Backend>(x: &Array<B>, k: isize) -> Result<Array<B>> {
    tri(x, k, true, "triu")
}

/// Rust data that [`asarray`] turns into an array: scalars, slices, `Vec`s, fixed-size
/// arrays and nested arrays/`Vec`s (rectangular) of [`Element`] types, and [`Scalar`].
pub trait ArrayData {
    /// The elements in C order and the shape.
    fn into_host(self) -> Result<(HostData, Vec<usize>)>;
}

macro_rules! array_data_for_elements {
    ($($t:ty),*) => {$(
        impl ArrayData for $t {
            fn into_host(self) -> Result<(HostData, Vec<usize>)> {
                Ok((<$t as Element>::into_host(vec![self]), vec![]))
            }
        }
        impl ArrayData for Vec<$t> {
            fn into_host(self) -> Result<(HostData, Vec<usize>)> {
                let n = self.len();
                Ok((<$t as Element>::into_host(self), vec![n]))
            }
        }
        impl ArrayData for &[$t] {
            fn into_host(self) -> Result<(HostData, Vec<usize>)> {
                self.to_vec().into_host()
            }
        }
        impl<const N: usize> ArrayData for [$t; N] {
            fn into_host(self) -> Result<(HostData, Vec<usize>)> {
                self.to_vec().into_host()
            }
        }
        impl<const N: usize, const M: usize> ArrayData for [[$t; N]; M] {
            fn into_host(self) -> Result<(HostData, Vec<usize>)> {
                let v: Vec<$t> = self.iter().flatten().copied().collect();
                Ok((<$t as Element>::into_host(v), vec![M, N]))
            }
        }
        impl<const N: usize, const M: usize, const K: usize> ArrayData for [[[$t; N]; M]; K] {
            fn into_host(self) -> Result<(HostData, Vec<usize>)> {
                let v: Vec<$t> = self.iter().flatten().flatten().copied().collect();
                Ok((<$t as Element>::into_host(v), vec![K, M, N]))
            }
        }
        impl ArrayData for Vec<Vec<$t>> {
            fn into_host(self) -> Result<(HostData, Vec<usize>)> {
                let m = self.len();
                let n = self.first().map_or(0, |r| r.len());
                if self.iter().any(|r| r.len() != n) {
                    return Err(Error::invalid("asarray", "nested Vecs are ragged (rows of different lengths)"));
                }
                let v: Vec<$t> = self.into_iter().flatten().collect();
                Ok((<$t as Element>::into_host(v), vec![m, n]))
            }
        }
    )*};
}
array_data_for_elements!(
    bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, Complex32, Complex64
);

impl ArrayData for Scalar {
    fn into_host(self) -> Result<(HostData, Vec<usize>)> {
        let d = self.default_dtype();
        if !self.fits(d) {
            return Err(Error::invalid(
                "asarray",
                format!("integer {self} is out of bounds for int64"),
            ));
        }
        let h =
            HostData::filled(d, 1, self).ok_or_else(|| Error::invalid("asarray", "bad scalar"))?;
        Ok((h, vec![]))
    }
}

impl ArrayData for (HostData, Vec<usize>) {
    fn into_host(self) -> Result<(HostData, Vec<usize>)> {
        Ok(self)
    }
}

/// An array from Rust data (scalars, slices, `Vec`s, nested arrays), on `device`,
/// optionally converted to `dtype`.
///
/// ```
/// use xp::prelude::*;
/// let a = xp::asarray([[1, 2, 3], [4, 5, 6]], None, &Cpu)?;
/// assert_eq!(a.shape(), &[2, 3]);
/// assert_eq!(a.dtype(), DType::Int32);
/// let b = xp::asarray(vec![1.5f64, 2.5], Some(DType::Float32), &Cpu)?;
/// assert_eq!(b.to_vec::<f32>()?, vec![1.5, 2.5]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn asarray<B: Backend>(
    data: impl ArrayData,
    dtype: Option<DType>,
    device: &B,
) -> Result<Array<B>> {
    let (mut h, shape) = data.into_host()?;
    if let Some(d) = dtype {
        if d != h.dtype() {
            check_dtype(device, d, "asarray")?;
            h = h.cast(d).ok_or(Error::UnsupportedDType {
                op: "asarray",
                dtype: d,
                backend: device.device_name(),
            })?;
        }
    }
    Array::from_host(h, shape, device)
}

/// An array from another array: the same data (shared, zero-copy) when `copy` is `None`
/// or `Some(false)` and no conversion is needed; a new copy when `copy == Some(true)`;
/// converted when `dtype` differs (an error with `copy == Some(false)`, as the standard
/// says).
pub fn asarray_from<B: Backend>(
    x: &Array<B>,
    dtype: Option<DType>,
    copy: Option<bool>,
) -> Result<Array<B>> {
    let dtype = dtype.unwrap_or(x.dtype);
    if dtype != x.dtype {
        if copy == Some(false) {
            return Err(Error::invalid(
                "asarray",
                format!(
                    "copy=False but converting {} to {} needs a copy",
                    x.dtype, dtype
                ),
            ));
        }
        return crate::astype(x, dtype);
    }
    if copy == Some(true) {
        x.copy()
    } else {
        Ok(x.clone())
    }
}
