//! Dtype conversion: the [`CastTo`] element conversions (all 13 × 13 pairs) and the
//! `CopyOps::cast` kernel.
//!
//! Every conversion gives exactly what
//! [`Element::from_scalar`]`(x.to_scalar())` gives, without building a [`Scalar`] per
//! element: integers wrap, floats saturate towards integers (NaN to 0), complex numbers
//! keep their real part, and anything non-zero is `true`. Integer to `complex64` rounds
//! through `f64` as `from_scalar` does.
//!
//! [`Scalar`]: array_api::Scalar

use crate::copy::{contiguous, map_view_into};
use crate::storage::{check_layout, dtype_mismatch, unsupported, CpuStorage};
use crate::strided::map_run;
use array_api::{with_dtype, Complex32, Complex64, DType, Element, Layout, Result};

/// A conversion of one element type into another with [`astype`](array_api::astype)'s
/// casting rules (those of [`Element::from_scalar`]).
pub trait CastTo<U>: Copy {
    /// `self` converted to `U`.
    fn cast_to(self) -> U;
}

macro_rules! cast_with {
    ($s:ty => $($d:ty),* ; |$x:ident| $e:expr) => {$(
        impl CastTo<$d> for $s {
            #[inline(always)]
            fn cast_to(self) -> $d {
                let $x = self;
                $e
            }
        }
    )*};
}

macro_rules! int_source {
    ($($s:ty),*) => {$(
        cast_with!($s => i8, i16, i32, i64, u8, u16, u32, u64, f32, f64; |x| x as _);
        cast_with!($s => bool; |x| x != 0);
        cast_with!($s => Complex32; |x| Complex32::new(x as f64 as f32, 0.0));
        cast_with!($s => Complex64; |x| Complex64::new(x as f64, 0.0));
    )*};
}
int_source!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! float_source {
    ($($s:ty),*) => {$(
        cast_with!($s => i8, i16, i32, i64, u8, u16, u32, u64, f32, f64; |x| x as _);
        cast_with!($s => bool; |x| x != 0.0);
        cast_with!($s => Complex32; |x| Complex32::new(x as f32, 0.0));
        cast_with!($s => Complex64; |x| Complex64::new(x as f64, 0.0));
    )*};
}
float_source!(f32, f64);

cast_with!(bool => i8, i16, i32, i64, u8, u16, u32, u64; |x| x as _);
cast_with!(bool => f32, f64; |x| x as u8 as _);
cast_with!(bool => bool; |x| x);
cast_with!(bool => Complex32; |x| Complex32::new(x as u8 as f32, 0.0));
cast_with!(bool => Complex64; |x| Complex64::new(x as u8 as f64, 0.0));

macro_rules! complex_source {
    ($($s:ty),*) => {$(
        cast_with!($s => i8, i16, i32, i64, u8, u16, u32, u64, f32, f64; |x| x.re as _);
        cast_with!($s => bool; |x| x.re != 0.0 || x.im != 0.0);
        cast_with!($s => Complex32; |x| Complex32::new(x.re as f32, x.im as f32));
        cast_with!($s => Complex64; |x| Complex64::new(x.re as f64, x.im as f64));
    )*};
}
complex_source!(Complex32, Complex64);

/// Converts the contiguous `src` into `dst` (same length) element by element.
pub fn cast_slice<T: CastTo<U>, U>(src: &[T], dst: &mut [U]) {
    for (d, &s) in dst.iter_mut().zip(src) {
        *d = s.cast_to();
    }
}

/// The view `layout` of `src` converted to `U`, as a new C-order vector.
pub fn cast_view<T: Element + CastTo<U>, U: Element>(src: &[T], layout: &Layout) -> Vec<U> {
    let n = layout.size();
    if n == 0 {
        return Vec::new();
    }
    let mut out = crate::alloc::zeroed::<U>(n);
    map_view_into(
        src,
        layout,
        &mut out,
        |run, o, s| map_run(src, o, s, run, |x: T| x.cast_to()),
        |x: T| x.cast_to(),
    );
    out
}

/// `CopyOps::cast`: a new contiguous storage of the view converted from `from` to `to`.
pub fn cast(storage: &CpuStorage, layout: &Layout, from: DType, to: DType) -> Result<CpuStorage> {
    const OP: &str = "astype";
    for d in [from, to] {
        if d == DType::String {
            return Err(unsupported(OP, d));
        }
    }
    if from == to {
        return contiguous(storage, layout, from);
    }
    if storage.dtype() != from {
        return Err(dtype_mismatch(OP, storage.dtype(), from));
    }
    check_layout(layout, storage.len(), OP)?;
    with_dtype!(from, T => {
        let src = storage.typed::<T>(OP)?;
        with_dtype!(to, U => Ok(CpuStorage::from_vec(cast_view::<T, U>(src, layout))),
            else => Err(unsupported(OP, to)))
    }, else => Err(unsupported(OP, from)))
}
