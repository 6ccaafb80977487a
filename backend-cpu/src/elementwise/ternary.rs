//! `clip` and `where` (`ElementwiseOps::clip`, `ElementwiseOps::select`).

use super::drive::map3;
use super::float::{maximum, minimum, Real};
use super::kernel::{K3, PAR_CHEAP};
use crate::storage::{check_layout, check_shape, unsupported, CpuStorage};
use array_api::{with_dtype, DType, Element, Error, Layout, Result};

/// A clip bound: the storage and its view (broadcast to the output's shape).
pub type Bound<'a> = Option<(&'a CpuStorage, &'a Layout)>;

/// An element type `clip` accepts, with its NaN-propagating `max` / `min` and the
/// values that stand for a missing bound.
pub trait Clip: Element {
    /// The lowest value (`-inf` for floats).
    const LOWEST: Self;
    /// The highest value (`+inf` for floats).
    const HIGHEST: Self;
    /// `min(max(x, lo), hi)`, NaN if any operand is NaN.
    fn clip(x: Self, lo: Self, hi: Self) -> Self;
}

macro_rules! clip_int {
    ($($t:ty),*) => {$(
        impl Clip for $t {
            const LOWEST: Self = <$t>::MIN;
            const HIGHEST: Self = <$t>::MAX;
            #[inline(always)]
            fn clip(x: Self, lo: Self, hi: Self) -> Self {
                x.max(lo).min(hi)
            }
        }
    )*};
}
clip_int!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! clip_float {
    ($($t:ty),*) => {$(
        impl Clip for $t {
            const LOWEST: Self = <$t>::NEG_INFINITY;
            const HIGHEST: Self = <$t>::INFINITY;
            #[inline(always)]
            fn clip(x: Self, lo: Self, hi: Self) -> Self {
                float_clip(x, lo, hi)
            }
        }
    )*};
}
clip_float!(f32, f64);

/// NumPy's float clip: `minimum(maximum(x, lo), hi)` with NaN propagation.
#[inline(always)]
fn float_clip<F: Real>(x: F, lo: F, hi: F) -> F {
    minimum(maximum(x, lo), hi)
}

/// `ElementwiseOps::clip`.
pub fn clip(
    x: &CpuStorage,
    xl: &Layout,
    lo: Bound<'_>,
    hi: Bound<'_>,
    dtype: DType,
    out: &mut CpuStorage,
    ol: &Layout,
) -> Result<()> {
    const OP: &str = "clip";
    check_shape(xl, ol.shape(), OP)?;
    check_layout(xl, x.len(), OP)?;
    check_layout(ol, out.len(), OP)?;
    for (s, l) in [lo, hi].into_iter().flatten() {
        check_shape(l, ol.shape(), OP)?;
        check_layout(l, s.len(), OP)?;
    }
    if !ol.is_writable() {
        return Err(super::not_writable(OP, ol));
    }
    match dtype {
        DType::Int8 => clip_typed::<i8>(x, xl, lo, hi, out, ol),
        DType::Int16 => clip_typed::<i16>(x, xl, lo, hi, out, ol),
        DType::Int32 => clip_typed::<i32>(x, xl, lo, hi, out, ol),
        DType::Int64 => clip_typed::<i64>(x, xl, lo, hi, out, ol),
        DType::UInt8 => clip_typed::<u8>(x, xl, lo, hi, out, ol),
        DType::UInt16 => clip_typed::<u16>(x, xl, lo, hi, out, ol),
        DType::UInt32 => clip_typed::<u32>(x, xl, lo, hi, out, ol),
        DType::UInt64 => clip_typed::<u64>(x, xl, lo, hi, out, ol),
        DType::Float32 => clip_typed::<f32>(x, xl, lo, hi, out, ol),
        DType::Float64 => clip_typed::<f64>(x, xl, lo, hi, out, ol),
        d => Err(Error::InvalidDType {
            op: OP,
            dtype: d,
            expected: "a real-valued numeric dtype",
        }),
    }
}

fn clip_typed<T: Clip>(
    x: &CpuStorage,
    xl: &Layout,
    lo: Bound<'_>,
    hi: Bound<'_>,
    out: &mut CpuStorage,
    ol: &Layout,
) -> Result<()> {
    const OP: &str = "clip";
    let shape = ol.shape();
    // A missing bound is one broadcast element that clips nothing.
    let unbounded = Layout::new(shape.to_vec(), vec![0; shape.len()], 0);
    let (lo_one, hi_one) = ([T::LOWEST], [T::HIGHEST]);
    let (ls, ll) = match lo {
        Some((s, l)) => (s.typed::<T>(OP)?, l),
        None => (&lo_one[..], &unbounded),
    };
    let (hs, hl) = match hi {
        Some((s, l)) => (s.typed::<T>(OP)?, l),
        None => (&hi_one[..], &unbounded),
    };
    let xs = x.typed::<T>(OP)?;
    let os = out.typed_mut::<T>(OP)?;
    map3(
        &K3(|v: T, l: T, h: T| T::clip(v, l, h), PAR_CHEAP),
        (xs, xl),
        (ls, ll),
        (hs, hl),
        os,
        ol,
    );
    Ok(())
}

/// `ElementwiseOps::select`: `out = cond ? a : b`.
#[allow(clippy::too_many_arguments)]
pub fn select(
    cond: &CpuStorage,
    cl: &Layout,
    a: &CpuStorage,
    al: &Layout,
    b: &CpuStorage,
    bl: &Layout,
    dtype: DType,
    out: &mut CpuStorage,
    ol: &Layout,
) -> Result<()> {
    const OP: &str = "where";
    for (s, l) in [(cond, cl), (a, al), (b, bl)] {
        check_shape(l, ol.shape(), OP)?;
        check_layout(l, s.len(), OP)?;
    }
    check_layout(ol, out.len(), OP)?;
    if !ol.is_writable() {
        return Err(super::not_writable(OP, ol));
    }
    let c = cond.typed::<bool>(OP)?;
    with_dtype!(dtype, T => {
        let (x, y) = (a.typed::<T>(OP)?, b.typed::<T>(OP)?);
        let o = out.typed_mut::<T>(OP)?;
        map3(&K3(|c: bool, x: T, y: T| if c { x } else { y }, PAR_CHEAP), (c, cl), (x, al), (y, bl), o, ol);
        Ok(())
    }, else => Err(unsupported(OP, dtype)))
}
