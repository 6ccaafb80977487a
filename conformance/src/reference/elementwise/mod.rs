//! Reference elementwise kernels: [`ElementwiseOps`] for [`Reference`].
//!
//! Every element goes through one scalar function per op, on a widened value ([`V`]):
//!
//! - **integers** as `i128`, exactly, then wrapped to the output width (NumPy's wrapping
//!   arithmetic; see `integer`);
//! - **real floats** in `f64` (float32 inputs widened exactly, the result rounded once to
//!   float32; see `real`), which makes the IEEE operations (`+ - * /`, `sqrt`) correctly
//!   rounded for float32 too;
//! - **complex** numbers in `Complex<f64>` (see `complex`, `complex_trig`,
//!   `complex_inverse`), following C99 Annex G and the standard's special cases;
//! - **bool** directly.
//!
//! NaN signs are carried through widening and narrowing explicitly (`copysign` and
//! `signbit` depend on them).

mod complex;
mod complex_inverse;
mod complex_trig;
mod integer;
mod real;

pub use complex::{cdiv, cexp, clog, cmul, csqrt};
pub use real::{floor_divide, nextafter_f32, nextafter_f64, remainder};

use super::copy::write_view;
use super::{backend_error, check_storage, read_host, RefStorage, Reference};
use array_api::{
    with_dtype, BinaryOp, Complex32, Complex64, DType, Element, ElementwiseOps, HostData, Layout,
    Result, UnaryOp,
};
use integer::IntType;
use std::sync::Arc;

/// One element, widened: the value every scalar function works on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum V {
    /// A boolean.
    B(bool),
    /// An integer of any width.
    I(i128),
    /// A real float (float32 widened exactly).
    F(f64),
    /// A complex number (complex64 widened exactly).
    C(Complex64),
}

/// `f32` to `f64`, keeping the sign of a NaN.
pub fn widen(x: f32) -> f64 {
    if x.is_nan() {
        if x.is_sign_negative() {
            -f64::NAN
        } else {
            f64::NAN
        }
    } else {
        x as f64
    }
}

/// `f64` to `f32`, rounded to nearest, keeping the sign of a NaN.
pub fn narrow(x: f64) -> f32 {
    if x.is_nan() {
        if x.is_sign_negative() {
            -f32::NAN
        } else {
            f32::NAN
        }
    } else {
        x as f32
    }
}

/// The elements of host data, widened.
pub fn widen_host(h: &HostData) -> Vec<V> {
    fn ints<T: Copy + Into<i128>>(v: &[T]) -> Vec<V> {
        v.iter().map(|&x| V::I(x.into())).collect()
    }
    match h {
        HostData::Bool(v) => v.iter().map(|&b| V::B(b)).collect(),
        HostData::Int8(v) => ints(v),
        HostData::Int16(v) => ints(v),
        HostData::Int32(v) => ints(v),
        HostData::Int64(v) => ints(v),
        HostData::UInt8(v) => ints(v),
        HostData::UInt16(v) => ints(v),
        HostData::UInt32(v) => ints(v),
        HostData::UInt64(v) => ints(v),
        HostData::Float32(v) => v.iter().map(|&x| V::F(widen(x))).collect(),
        HostData::Float64(v) => v.iter().map(|&x| V::F(x)).collect(),
        HostData::Complex64(v) => v
            .iter()
            .map(|z| V::C(Complex64::new(widen(z.re), widen(z.im))))
            .collect(),
        HostData::Complex128(v) => v.iter().map(|&z| V::C(z)).collect(),
    }
}

/// Values converted to host data of `dtype`: integers wrap to the width, floats round to
/// nearest once. A value of the wrong kind for `dtype` is an internal error.
pub fn narrow_host(values: &[V], dtype: DType) -> Result<HostData> {
    let bad = |v: &V| {
        backend_error(format!(
            "elementwise: value {v:?} cannot be stored as {dtype}"
        ))
    };
    macro_rules! collect {
        ($f:expr) => {
            values.iter().map($f).collect::<Result<Vec<_>>>()
        };
    }
    Ok(match dtype {
        DType::Bool => HostData::Bool(collect!(|v| match v {
            V::B(b) => Ok(*b),
            _ => Err(bad(v)),
        })?),
        DType::Float32 => HostData::Float32(collect!(|v| match v {
            V::F(x) => Ok(narrow(*x)),
            _ => Err(bad(v)),
        })?),
        DType::Float64 => HostData::Float64(collect!(|v| match v {
            V::F(x) => Ok(*x),
            _ => Err(bad(v)),
        })?),
        DType::Complex64 => HostData::Complex64(collect!(|v| match v {
            V::C(z) => Ok(Complex32::new(narrow(z.re), narrow(z.im))),
            _ => Err(bad(v)),
        })?),
        DType::Complex128 => HostData::Complex128(collect!(|v| match v {
            V::C(z) => Ok(*z),
            _ => Err(bad(v)),
        })?),
        d if d.is_integer() => with_dtype!(d, T => {
            let out: Vec<T> = collect!(|v| match v {
                V::I(i) => Ok(T::from_scalar(array_api::Scalar::Int(*i))),
                _ => Err(bad(v)),
            })?;
            T::into_host(out)
        }, else => return Err(bad(&V::B(false)))),
        d => {
            return Err(backend_error(format!(
                "elementwise: no values of dtype {d}"
            )))
        }
    })
}

/// The precision a real or complex value is computed for (its results are rounded to it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prec {
    /// float32 / complex64.
    Single,
    /// float64 / complex128.
    Double,
}

impl Prec {
    /// The precision of a floating dtype (`Double` for anything else).
    pub fn of(d: DType) -> Prec {
        match d {
            DType::Float32 | DType::Complex64 => Prec::Single,
            _ => Prec::Double,
        }
    }
}

/// `op(x)` for one element of compute dtype `dtype`; `None` when the op does not apply to
/// the value's kind (the front end never asks for it).
pub fn unary_value(op: UnaryOp, dtype: DType, x: V) -> Option<V> {
    match x {
        V::B(b) => match op {
            UnaryOp::BitwiseInvert | UnaryOp::LogicalNot => Some(V::B(!b)),
            UnaryOp::IsFinite => Some(V::B(true)),
            UnaryOp::IsInf | UnaryOp::IsNan => Some(V::B(false)),
            _ => None,
        },
        V::I(i) => integer::unary(op, IntType::of(dtype)?, i),
        V::F(f) => real::unary(op, Prec::of(dtype), f),
        V::C(z) => complex::unary(op, z),
    }
}

/// `op(a, b)` for two elements of compute dtype `dtype`; `None` when the op does not apply.
pub fn binary_value(op: BinaryOp, dtype: DType, a: V, b: V) -> Option<V> {
    match (a, b) {
        (V::B(x), V::B(y)) => {
            use BinaryOp::*;
            Some(V::B(match op {
                Add | BitwiseOr | LogicalOr => x | y,
                Multiply | BitwiseAnd | LogicalAnd => x & y,
                BitwiseXor | LogicalXor | NotEqual => x ^ y,
                Equal => x == y,
                _ => return None,
            }))
        }
        (V::I(x), V::I(y)) => integer::binary(op, IntType::of(dtype)?, x, y),
        (V::F(x), V::F(y)) => real::binary(op, Prec::of(dtype), x, y),
        (V::C(x), V::C(y)) => complex::binary(op, x, y),
        _ => None,
    }
}

/// Writes `values` (C order, of `dtype`) into the view `layout` of `out` (copy-on-write).
fn store(out: &mut RefStorage, layout: &Layout, dtype: DType, values: &[V]) -> Result<()> {
    check_storage(out, dtype)?;
    if !layout.is_writable() {
        return Err(backend_error(
            "elementwise: the output layout repeats elements",
        ));
    }
    let host = narrow_host(values, dtype)?;
    let buffer = Arc::make_mut(&mut out.0);
    array_api::with_host!(buffer, d, T => {
        let v = T::slice(&host).ok_or_else(|| backend_error("elementwise: dtype mismatch"))?;
        write_view::<T>(d, layout, v)
    })
}

fn check_shapes(op: &str, layouts: &[&Layout], out: &Layout) -> Result<()> {
    for l in layouts {
        if l.shape() != out.shape() {
            return Err(backend_error(format!(
                "{op}: operand shape {:?} differs from the output shape {:?}",
                l.shape(),
                out.shape()
            )));
        }
    }
    Ok(())
}

fn not_applicable(op: &str, dtype: DType) -> array_api::Error {
    backend_error(format!("{op}: no kernel for compute dtype {dtype}"))
}

fn binary_values(op: BinaryOp, a: &[V], b: &[V], dtype: DType) -> Result<Vec<V>> {
    a.iter()
        .zip(b)
        .map(|(&x, &y)| {
            binary_value(op, dtype, x, y).ok_or_else(|| not_applicable(op.name(), dtype))
        })
        .collect()
}

/// NumPy's `maximum` for reals: NaN in either operand propagates; on ties (`+0`, `-0`)
/// the second operand.
pub fn max_value(a: V, b: V) -> V {
    match (a, b) {
        (V::F(x), V::F(y)) => V::F(real::maximum(x, y)),
        (V::I(x), V::I(y)) => V::I(x.max(y)),
        _ => a,
    }
}

/// NumPy's `minimum` for reals (see [`max_value`]).
pub fn min_value(a: V, b: V) -> V {
    match (a, b) {
        (V::F(x), V::F(y)) => V::F(real::minimum(x, y)),
        (V::I(x), V::I(y)) => V::I(x.min(y)),
        _ => a,
    }
}

impl ElementwiseOps for Reference {
    fn unary(
        &self,
        op: UnaryOp,
        x: &RefStorage,
        x_layout: &Layout,
        dtype: DType,
        out: &mut RefStorage,
        out_layout: &Layout,
        out_dtype: DType,
    ) -> Result<()> {
        if op.dtypes(dtype)? != (dtype, out_dtype) {
            return Err(not_applicable(op.name(), dtype));
        }
        check_shapes(op.name(), &[x_layout], out_layout)?;
        let xs = widen_host(&read_host(x, x_layout, dtype)?);
        let values = xs
            .iter()
            .map(|&v| unary_value(op, dtype, v).ok_or_else(|| not_applicable(op.name(), dtype)))
            .collect::<Result<Vec<V>>>()?;
        store(out, out_layout, out_dtype, &values)
    }

    fn binary(
        &self,
        op: BinaryOp,
        a: &RefStorage,
        a_layout: &Layout,
        b: &RefStorage,
        b_layout: &Layout,
        dtype: DType,
        out: &mut RefStorage,
        out_layout: &Layout,
        out_dtype: DType,
    ) -> Result<()> {
        if op.dtypes(dtype)? != (dtype, out_dtype) {
            return Err(not_applicable(op.name(), dtype));
        }
        check_shapes(op.name(), &[a_layout, b_layout], out_layout)?;
        let av = widen_host(&read_host(a, a_layout, dtype)?);
        let bv = widen_host(&read_host(b, b_layout, dtype)?);
        let values = binary_values(op, &av, &bv, dtype)?;
        store(out, out_layout, out_dtype, &values)
    }

    fn binary_assign(
        &self,
        op: BinaryOp,
        a: &mut RefStorage,
        a_layout: &Layout,
        b: &RefStorage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<()> {
        if op.dtypes(dtype)? != (dtype, dtype) {
            return Err(not_applicable(op.name(), dtype));
        }
        check_shapes(op.name(), &[b_layout], a_layout)?;
        let av = widen_host(&read_host(a, a_layout, dtype)?);
        let bv = widen_host(&read_host(b, b_layout, dtype)?);
        let values = binary_values(op, &av, &bv, dtype)?;
        store(a, a_layout, dtype, &values)
    }

    fn clip(
        &self,
        x: &RefStorage,
        x_layout: &Layout,
        lo: Option<(&RefStorage, &Layout)>,
        hi: Option<(&RefStorage, &Layout)>,
        dtype: DType,
        out: &mut RefStorage,
        out_layout: &Layout,
    ) -> Result<()> {
        if !(dtype.is_integer() || dtype.is_real_floating()) {
            return Err(not_applicable("clip", dtype));
        }
        check_shapes("clip", &[x_layout], out_layout)?;
        let mut values = widen_host(&read_host(x, x_layout, dtype)?);
        // min(max(x, lo), hi), with NumPy's NaN propagation and tie rules
        for (bound, f) in [(lo, max_value as fn(V, V) -> V), (hi, min_value)] {
            if let Some((s, l)) = bound {
                check_shapes("clip", &[l], out_layout)?;
                let bv = widen_host(&read_host(s, l, dtype)?);
                for (v, b) in values.iter_mut().zip(bv) {
                    *v = f(*v, b);
                }
            }
        }
        store(out, out_layout, dtype, &values)
    }

    fn select(
        &self,
        cond: &RefStorage,
        cond_layout: &Layout,
        a: &RefStorage,
        a_layout: &Layout,
        b: &RefStorage,
        b_layout: &Layout,
        dtype: DType,
        out: &mut RefStorage,
        out_layout: &Layout,
    ) -> Result<()> {
        check_shapes("where", &[cond_layout, a_layout, b_layout], out_layout)?;
        check_storage(out, dtype)?;
        let c = read_host(cond, cond_layout, DType::Bool)?;
        let c = bool::slice(&c).ok_or_else(|| backend_error("where: condition is not bool"))?;
        let (ah, bh) = (
            read_host(a, a_layout, dtype)?,
            read_host(b, b_layout, dtype)?,
        );
        let buffer = Arc::make_mut(&mut out.0);
        // copy the elements themselves (NaN payloads included), not widened values
        array_api::with_host!(buffer, d, T => {
            let (x, y) = match (T::slice(&ah), T::slice(&bh)) {
                (Some(x), Some(y)) => (x, y),
                _ => return Err(backend_error("where: dtype mismatch")),
            };
            let picked: Vec<T> = c.iter().zip(x.iter().zip(y)).map(|(&k, (&p, &q))| if k { p } else { q }).collect();
            write_view::<T>(d, out_layout, &picked)
        })
    }
}

#[cfg(test)]
mod tests;
