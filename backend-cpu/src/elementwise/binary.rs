//! `ElementwiseOps::binary` and `binary_assign`: input checks, then one `match` per dtype
//! family choosing the element function. The match hands its kernel to a `Sink`: a new
//! output (`NewOut`) or the left operand in place (`InPlace`), so both entry points
//! share one table.

use super::complex::{self as cx, narrow, widen};
use super::drive::{map2, map2_assign};
use super::float::{self as fl, Real};
use super::int::Int;
use super::kernel::{Kern2, K2, PAR_CHEAP, PAR_HEAVY, PAR_MEDIUM};
use super::simd::{VOp2, Vec2};
use crate::storage::{check_layout, check_shape, unsupported, CpuStorage};
use array_api::{BinaryOp, DType, Element, Error, Layout, Result};
use num_complex::Complex;

/// Where a binary kernel's results go.
trait Sink<T: Copy> {
    /// Runs a kernel whose output dtype is the operands'.
    fn same<K: Kern2<T, T>>(self, k: K) -> Result<()>;
    /// Runs a kernel with a bool output (comparisons).
    fn boolean<K: Kern2<T, bool>>(self, k: K) -> Result<()>;
    /// The error for an op the dtype does not support.
    fn bad(self, dtype: DType) -> Result<()>;
}

/// A new output: `out = f(a, b)`.
struct NewOut<'a> {
    a: &'a CpuStorage,
    al: &'a Layout,
    b: &'a CpuStorage,
    bl: &'a Layout,
    out: &'a mut CpuStorage,
    ol: &'a Layout,
    name: &'static str,
}

impl NewOut<'_> {
    fn go<T: Element, U: Element, K: Kern2<T, U>>(self, k: K) -> Result<()> {
        let a = self.a.typed::<T>(self.name)?;
        let b = self.b.typed::<T>(self.name)?;
        let out = self.out.typed_mut::<U>(self.name)?;
        map2(&k, a, self.al, b, self.bl, out, self.ol);
        Ok(())
    }
}

impl<T: Element> Sink<T> for NewOut<'_> {
    fn same<K: Kern2<T, T>>(self, k: K) -> Result<()> {
        self.go::<T, T, K>(k)
    }
    fn boolean<K: Kern2<T, bool>>(self, k: K) -> Result<()> {
        self.go::<T, bool, K>(k)
    }
    fn bad(self, dtype: DType) -> Result<()> {
        Err(unsupported(self.name, dtype))
    }
}

/// In place: `a = f(a, b)`.
struct InPlace<'a> {
    a: &'a mut CpuStorage,
    al: &'a Layout,
    b: &'a CpuStorage,
    bl: &'a Layout,
    name: &'static str,
}

impl<T: Element> Sink<T> for InPlace<'_> {
    fn same<K: Kern2<T, T>>(self, k: K) -> Result<()> {
        let b = self.b.typed::<T>(self.name)?;
        let a = self.a.typed_mut::<T>(self.name)?;
        map2_assign(&k, a, self.al, b, self.bl);
        Ok(())
    }
    fn boolean<K: Kern2<T, bool>>(self, _: K) -> Result<()> {
        Err(Error::Backend {
            backend: "cpu".into(),
            reason: format!("{}: a comparison cannot be computed in place", self.name),
        })
    }
    fn bad(self, dtype: DType) -> Result<()> {
        Err(unsupported(self.name, dtype))
    }
}

fn mismatch(name: &str, c: DType, o: DType, dtype: DType, out_dtype: DType) -> Error {
    Error::Backend {
        backend: "cpu".into(),
        reason: format!(
            "{name}: the kernel computes {c} -> {o}, but was given {dtype} -> {out_dtype}"
        ),
    }
}

/// `ElementwiseOps::binary`.
#[allow(clippy::too_many_arguments)]
pub fn binary(
    op: BinaryOp,
    a: &CpuStorage,
    al: &Layout,
    b: &CpuStorage,
    bl: &Layout,
    dtype: DType,
    out: &mut CpuStorage,
    ol: &Layout,
    out_dtype: DType,
) -> Result<()> {
    let name = op.name();
    let (c, o) = op.dtypes(dtype)?;
    if c != dtype || o != out_dtype {
        return Err(mismatch(name, c, o, dtype, out_dtype));
    }
    check_shape(al, ol.shape(), name)?;
    check_shape(bl, ol.shape(), name)?;
    check_layout(al, a.len(), name)?;
    check_layout(bl, b.len(), name)?;
    check_layout(ol, out.len(), name)?;
    if !ol.is_writable() {
        return Err(super::not_writable(name, ol));
    }
    let s = NewOut {
        a,
        al,
        b,
        bl,
        out,
        ol,
        name,
    };
    dispatch(op, dtype, s)
}

/// `ElementwiseOps::binary_assign`.
pub fn binary_assign(
    op: BinaryOp,
    a: &mut CpuStorage,
    al: &Layout,
    b: &CpuStorage,
    bl: &Layout,
    dtype: DType,
) -> Result<()> {
    let name = op.name();
    let (c, o) = op.dtypes(dtype)?;
    if c != dtype || o != dtype {
        return Err(mismatch(name, c, o, dtype, dtype));
    }
    check_shape(bl, al.shape(), name)?;
    check_layout(al, a.len(), name)?;
    check_layout(bl, b.len(), name)?;
    if !al.is_writable() {
        return Err(super::not_writable(name, al));
    }
    dispatch(op, dtype, InPlace { a, al, b, bl, name })
}

fn dispatch<S>(op: BinaryOp, dtype: DType, s: S) -> Result<()>
where
    S: Sink<bool>
        + Sink<i8>
        + Sink<i16>
        + Sink<i32>
        + Sink<i64>
        + Sink<u8>
        + Sink<u16>
        + Sink<u32>
        + Sink<u64>
        + Sink<f32>
        + Sink<f64>
        + Sink<Complex<f32>>
        + Sink<Complex<f64>>,
{
    match dtype {
        DType::Bool => bool_binary(op, s),
        DType::Int8 => int_binary::<i8, S>(op, s),
        DType::Int16 => int_binary::<i16, S>(op, s),
        DType::Int32 => int_binary::<i32, S>(op, s),
        DType::Int64 => int_binary::<i64, S>(op, s),
        DType::UInt8 => int_binary::<u8, S>(op, s),
        DType::UInt16 => int_binary::<u16, S>(op, s),
        DType::UInt32 => int_binary::<u32, S>(op, s),
        DType::UInt64 => int_binary::<u64, S>(op, s),
        DType::Float32 => float_binary::<f32, S>(op, s),
        DType::Float64 => float_binary::<f64, S>(op, s),
        DType::Complex64 => complex_binary::<f32, S>(op, s),
        DType::Complex128 => complex_binary::<f64, S>(op, s),
        DType::String => <S as Sink<bool>>::bad(s, dtype),
    }
}

fn bool_binary<S: Sink<bool>>(op: BinaryOp, s: S) -> Result<()> {
    use BinaryOp::*;
    const C: usize = PAR_CHEAP;
    match op {
        Add | LogicalOr | BitwiseOr => s.same(K2(|a: bool, b: bool| a | b, C)),
        Multiply | LogicalAnd | BitwiseAnd => s.same(K2(|a: bool, b: bool| a & b, C)),
        LogicalXor | BitwiseXor | NotEqual => s.same(K2(|a: bool, b: bool| a ^ b, C)),
        Equal => s.same(K2(|a: bool, b: bool| a == b, C)),
        _ => s.bad(DType::Bool),
    }
}

fn int_binary<T: Int + Element + Ord, S: Sink<T>>(op: BinaryOp, s: S) -> Result<()> {
    use BinaryOp::*;
    const C: usize = PAR_CHEAP;
    const M: usize = PAR_MEDIUM;
    match op {
        Add => s.same(K2(|a: T, b: T| T::add(a, b), C)),
        Subtract => s.same(K2(|a: T, b: T| T::sub(a, b), C)),
        Multiply => s.same(K2(|a: T, b: T| T::mul(a, b), C)),
        FloorDivide => s.same(K2(|a: T, b: T| T::floor_div(a, b), M)),
        Remainder => s.same(K2(|a: T, b: T| T::rem(a, b), M)),
        Pow => s.same(K2(|a: T, b: T| T::pow(a, b), M)),
        BitwiseAnd => s.same(K2(|a: T, b: T| T::and(a, b), C)),
        BitwiseOr => s.same(K2(|a: T, b: T| T::or(a, b), C)),
        BitwiseXor => s.same(K2(|a: T, b: T| T::xor(a, b), C)),
        BitwiseLeftShift => s.same(K2(|a: T, b: T| T::shl(a, b), C)),
        BitwiseRightShift => s.same(K2(|a: T, b: T| T::shr(a, b), C)),
        Maximum => s.same(K2(|a: T, b: T| a.max(b), C)),
        Minimum => s.same(K2(|a: T, b: T| a.min(b), C)),
        Equal => s.boolean(K2(|a: T, b: T| a == b, C)),
        NotEqual => s.boolean(K2(|a: T, b: T| a != b, C)),
        Less => s.boolean(K2(|a: T, b: T| a < b, C)),
        LessEqual => s.boolean(K2(|a: T, b: T| a <= b, C)),
        Greater => s.boolean(K2(|a: T, b: T| a > b, C)),
        GreaterEqual => s.boolean(K2(|a: T, b: T| a >= b, C)),
        _ => s.bad(T::DTYPE),
    }
}

fn float_binary<F: Real + Element, S: Sink<F>>(op: BinaryOp, s: S) -> Result<()>
where
    Vec2: Kern2<F, F>,
{
    use BinaryOp::*;
    const C: usize = PAR_CHEAP;
    const M: usize = PAR_MEDIUM;
    match op {
        Add => s.same(K2(|a: F, b: F| a + b, C)),
        Subtract => s.same(K2(|a: F, b: F| a - b, C)),
        Multiply => s.same(K2(|a: F, b: F| a * b, C)),
        Divide => s.same(K2(|a: F, b: F| a / b, M)),
        FloorDivide => s.same(K2(|a: F, b: F| fl::floor_divide(a, b), PAR_HEAVY)),
        Remainder => s.same(K2(|a: F, b: F| fl::remainder(a, b), PAR_HEAVY)),
        Maximum => s.same(K2(|a: F, b: F| fl::maximum(a, b), C)),
        Minimum => s.same(K2(|a: F, b: F| fl::minimum(a, b), C)),
        Copysign => s.same(K2(|a: F, b: F| a.copysign(b), C)),
        Nextafter => s.same(K2(|a: F, b: F| a.next_after(b), M)),
        Pow => s.same(Vec2(VOp2::Pow)),
        Hypot => s.same(Vec2(VOp2::Hypot)),
        Atan2 => s.same(Vec2(VOp2::Atan2)),
        Logaddexp => s.same(Vec2(VOp2::Logaddexp)),
        Equal => s.boolean(K2(|a: F, b: F| a == b, C)),
        NotEqual => s.boolean(K2(|a: F, b: F| a != b, C)),
        Less => s.boolean(K2(|a: F, b: F| a < b, C)),
        LessEqual => s.boolean(K2(|a: F, b: F| a <= b, C)),
        Greater => s.boolean(K2(|a: F, b: F| a > b, C)),
        GreaterEqual => s.boolean(K2(|a: F, b: F| a >= b, C)),
        _ => s.bad(F::DTYPE),
    }
}

fn complex_binary<F: Real, S: Sink<Complex<F>>>(op: BinaryOp, s: S) -> Result<()>
where
    Complex<F>: Element,
{
    use BinaryOp::*;
    type Z<F> = Complex<F>;
    const C: usize = PAR_CHEAP;
    match op {
        Add => s.same(K2(|a: Z<F>, b: Z<F>| cx::add(a, b), C)),
        Subtract => s.same(K2(|a: Z<F>, b: Z<F>| cx::sub(a, b), C)),
        // complex64 multiplies and divides in double precision: the same algorithms,
        // rounded once.
        Multiply => s.same(K2(|a: Z<F>, b: Z<F>| cx::mul_wide(a, b), C)),
        Divide => s.same(K2(
            |a: Z<F>, b: Z<F>| narrow::<F>(cx::div(widen(a), widen(b))),
            PAR_MEDIUM,
        )),
        Pow => s.same(K2(
            |a: Z<F>, b: Z<F>| narrow::<F>(cx::pow(widen(a), widen(b))),
            PAR_HEAVY,
        )),
        Equal => s.boolean(K2(|a: Z<F>, b: Z<F>| a.re == b.re && a.im == b.im, C)),
        NotEqual => s.boolean(K2(|a: Z<F>, b: Z<F>| a.re != b.re || a.im != b.im, C)),
        _ => s.bad(Complex::<F>::DTYPE),
    }
}
