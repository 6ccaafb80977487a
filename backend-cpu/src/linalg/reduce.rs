//! Last-axis reductions for the linalg front end: sums (traces, nuclear norms) and vector
//! norms, computed in `f64` (rounded once for `float32`), the 2-norm scaled against
//! overflow and underflow.

use crate::storage::{check_layout, unsupported};
use crate::CpuStorage;
use array_api::{Complex32, Complex64, DType, Element, Layout, Result, VectorReduction};
use rayon::prelude::*;

const OP: &str = "linalg.reduce_last";

/// The offsets of the first element of each reduced vector, and the axis stride and length.
fn lanes(layout: &Layout) -> (Vec<usize>, isize, usize) {
    let nd = layout.ndim();
    let outer = Layout::new(
        layout.shape()[..nd - 1].to_vec(),
        layout.strides()[..nd - 1].to_vec(),
        layout.offset(),
    );
    let k = layout.shape()[nd - 1];
    let offs = if outer.size() > 0 && k == 0 {
        vec![layout.offset(); outer.size()]
    } else {
        outer.offsets().collect()
    };
    (offs, layout.strides()[nd - 1], k)
}

/// The 2-norm of magnitudes without overflow: LAPACK's scaled sum of squares.
fn norm2(vals: impl Iterator<Item = f64>) -> f64 {
    let mut scale = 0.0f64;
    let mut ssq = 1.0f64;
    for a in vals {
        if a.is_nan() {
            return f64::NAN;
        }
        if a == 0.0 {
            continue;
        }
        if a.is_infinite() {
            scale = f64::INFINITY;
            ssq = 1.0;
            continue;
        }
        if scale < a {
            if scale.is_finite() {
                ssq = 1.0 + ssq * (scale / a) * (scale / a);
                scale = a;
            }
        } else if scale.is_finite() {
            ssq += (a / scale) * (a / scale);
        }
    }
    scale * ssq.sqrt()
}

/// `ord`-norm of magnitudes.
pub(crate) fn norm_of(ord: f64, vals: impl Iterator<Item = f64> + Clone) -> f64 {
    if ord == 2.0 {
        norm2(vals)
    } else if ord == f64::INFINITY {
        vals.fold(0.0, |m, a| {
            if a.is_nan() || m.is_nan() {
                f64::NAN
            } else {
                m.max(a)
            }
        })
    } else if ord == f64::NEG_INFINITY {
        vals.fold(f64::INFINITY, |m, a| {
            if a.is_nan() || m.is_nan() {
                f64::NAN
            } else {
                m.min(a)
            }
        })
    } else if ord == 0.0 {
        vals.map(|a| if a != 0.0 { 1.0 } else { 0.0 }).sum()
    } else if ord == 1.0 {
        vals.fold(0.0, |s, x| s + x)
    } else {
        vals.map(|a| a.powf(ord))
            .fold(0.0, |s, x| s + x)
            .powf(1.0 / ord)
    }
}

trait Mag: Element {
    fn mag(self) -> f64;
}
impl Mag for f32 {
    fn mag(self) -> f64 {
        (self as f64).abs()
    }
}
impl Mag for f64 {
    fn mag(self) -> f64 {
        self.abs()
    }
}
impl Mag for Complex32 {
    fn mag(self) -> f64 {
        Complex64::new(self.re as f64, self.im as f64).norm()
    }
}
impl Mag for Complex64 {
    fn mag(self) -> f64 {
        self.norm()
    }
}

fn norm_t<T: Mag, R: Element>(
    x: &CpuStorage,
    layout: &Layout,
    ord: f64,
    out: impl Fn(f64) -> R + Sync,
) -> Result<CpuStorage> {
    let d = x.typed::<T>(OP)?;
    let (offs, st, k) = lanes(layout);
    let f = |&o: &usize| {
        let it = (0..k).map(|i| d[(o as isize + i as isize * st) as usize].mag());
        out(norm_of(ord, it))
    };
    let v: Vec<R> = if offs.len() * k > 1 << 16 {
        offs.par_iter().map(f).collect()
    } else {
        offs.iter().map(f).collect()
    };
    Ok(CpuStorage::from_vec(v))
}

trait Summable: Element {
    fn add(self, o: Self) -> Self;
}
macro_rules! sum_int {
    ($($t:ty),*) => {$( impl Summable for $t { fn add(self, o: Self) -> Self { self.wrapping_add(o) } } )*};
}
sum_int!(i8, i16, i32, i64, u8, u16, u32, u64);
macro_rules! sum_float {
    ($($t:ty),*) => {$( impl Summable for $t { fn add(self, o: Self) -> Self { self + o } } )*};
}
sum_float!(f32, f64, Complex32, Complex64);

fn sum_t<T: Summable>(x: &CpuStorage, layout: &Layout) -> Result<CpuStorage> {
    let d = x.typed::<T>(OP)?;
    let (offs, st, k) = lanes(layout);
    let v: Vec<T> = offs
        .iter()
        .map(|&o| {
            (0..k).fold(T::default(), |acc, i| {
                acc.add(d[(o as isize + i as isize * st) as usize])
            })
        })
        .collect();
    Ok(CpuStorage::from_vec(v))
}

/// [`LinalgOps::reduce_last`](array_api::LinalgOps::reduce_last) on the CPU.
pub(crate) fn reduce_last(
    op: VectorReduction,
    x: &CpuStorage,
    layout: &Layout,
    dtype: DType,
) -> Result<CpuStorage> {
    check_layout(layout, x.len(), OP)?;
    if layout.ndim() == 0 {
        return Err(array_api::Error::invalid(
            OP,
            "kernel needs at least one axis",
        ));
    }
    match op {
        VectorReduction::Norm(ord) => match dtype {
            DType::Float32 => norm_t::<f32, f32>(x, layout, ord, |v| v as f32),
            DType::Float64 => norm_t::<f64, f64>(x, layout, ord, |v| v),
            DType::Complex64 => norm_t::<Complex32, f32>(x, layout, ord, |v| v as f32),
            DType::Complex128 => norm_t::<Complex64, f64>(x, layout, ord, |v| v),
            d => Err(unsupported(OP, d)),
        },
        VectorReduction::Sum => match dtype {
            DType::Int8 => sum_t::<i8>(x, layout),
            DType::Int16 => sum_t::<i16>(x, layout),
            DType::Int32 => sum_t::<i32>(x, layout),
            DType::Int64 => sum_t::<i64>(x, layout),
            DType::UInt8 => sum_t::<u8>(x, layout),
            DType::UInt16 => sum_t::<u16>(x, layout),
            DType::UInt32 => sum_t::<u32>(x, layout),
            DType::UInt64 => sum_t::<u64>(x, layout),
            DType::Float32 => sum_t::<f32>(x, layout),
            DType::Float64 => sum_t::<f64>(x, layout),
            DType::Complex64 => sum_t::<Complex32>(x, layout),
            DType::Complex128 => sum_t::<Complex64>(x, layout),
            d => Err(unsupported(OP, d)),
        },
    }
}
