//! The shared machinery of elementwise functions: operands, promotion, conversion to the
//! compute dtype, broadcasting, output allocation and the `*_into` forms.

use super::{BinaryOp, UnaryOp};
use crate::array::{check_dtype, same_device};
use crate::shape::{broadcast_shapes_op, fmt_shape};
use crate::{result_type, Array, Backend, DType, DTypeOrScalar, Error, Layout, Result, Scalar};

/// An operand of an elementwise function: an array, or a Rust scalar (weak in promotion:
/// `x_f32 * 2.0` stays `float32`; an integer scalar out of the array dtype's range is an
/// error, as in NumPy 2).
#[derive(Clone, Debug)]
pub enum Operand<'a, B: Backend> {
    /// An array.
    Array(&'a Array<B>),
    /// A Rust scalar.
    Scalar(Scalar),
}

impl<'a, B: Backend> From<&'a Array<B>> for Operand<'a, B> {
    fn from(a: &'a Array<B>) -> Self {
        Operand::Array(a)
    }
}

macro_rules! operand_from_scalar {
    ($($t:ty),*) => {$(
        impl<'a, B: Backend> From<$t> for Operand<'a, B> {
            fn from(v: $t) -> Self {
                Operand::Scalar(Scalar::from(v))
            }
        }
    )*};
}
operand_from_scalar!(
    bool,
    i8,
    i16,
    i32,
    i64,
    isize,
    u8,
    u16,
    u32,
    u64,
    usize,
    f32,
    f64,
    crate::Complex32,
    crate::Complex64,
    Scalar
);

impl<B: Backend> Operand<'_, B> {
    fn arg(&self) -> DTypeOrScalar {
        match self {
            Operand::Array(a) => DTypeOrScalar::DType(a.dtype),
            Operand::Scalar(s) => DTypeOrScalar::Scalar(*s),
        }
    }
}

/// Converts an operand to an array of `dtype` on `device` (scalars become 0-d arrays).
fn to_compute<B: Backend>(
    o: &Operand<'_, B>,
    dtype: DType,
    device: &B,
    op: &'static str,
) -> Result<Array<B>> {
    match o {
        Operand::Array(a) if a.dtype == dtype => Ok((*a).clone()),
        Operand::Array(a) => crate::astype(a, dtype),
        Operand::Scalar(s) => {
            let v = if dtype.is_bool() {
                Scalar::Bool(crate::Element::from_scalar(*s))
            } else {
                *s
            };
            if !v.fits(dtype) {
                return Err(Error::invalid(
                    op,
                    format!("scalar {v} is out of bounds for {dtype}"),
                ));
            }
            let st = device.full(1, v, dtype)?;
            Ok(Array::contiguous_from(st, &[], dtype, device))
        }
    }
}

fn check_fits(s: &Scalar, dtype: DType, op: &'static str) -> Result<()> {
    if s.fits(dtype) {
        Ok(())
    } else {
        Err(Error::invalid(
            op,
            format!("Python-style integer {s} is out of bounds for {dtype}"),
        ))
    }
}

/// Where an elementwise result goes.
pub(crate) enum Dest<'o, B: Backend> {
    /// A new array.
    New,
    /// An existing array of the result's shape and dtype (`*_into` forms, in-place ops).
    Into(&'o mut Array<B>),
}

fn prepare_out<'o, B: Backend>(
    dest: Dest<'o, B>,
    shape: &[usize],
    out_dtype: DType,
    device: &B,
    op: &'static str,
) -> Result<OutTarget<'o, B>> {
    match dest {
        Dest::New => {
            check_dtype(device, out_dtype, op)?;
            // every element is written by the kernel that follows
            let a = crate::creation::output(shape, out_dtype, device)?;
            Ok(OutTarget::Owned(a))
        }
        Dest::Into(o) => {
            if o.shape() != shape || o.dtype != out_dtype {
                return Err(Error::invalid(
                    op,
                    format!(
                        "output array of shape {} and dtype {} does not match the result's shape {} and dtype {}",
                        fmt_shape(o.shape()),
                        o.dtype,
                        fmt_shape(shape),
                        out_dtype
                    ),
                ));
            }
            if &o.backend != device {
                return Err(Error::DeviceMismatch {
                    op,
                    a: device.device_name(),
                    b: o.backend.device_name(),
                });
            }
            o.make_writable()?;
            Ok(OutTarget::Borrowed(o))
        }
    }
}

enum OutTarget<'o, B: Backend> {
    Owned(Array<B>),
    Borrowed(&'o mut Array<B>),
}

impl<B: Backend> OutTarget<'_, B> {
    fn array(&mut self) -> &mut Array<B> {
        match self {
            OutTarget::Owned(a) => a,
            OutTarget::Borrowed(a) => a,
        }
    }
    /// The result: the new array, or a handle to the destination (dropped by `*_into`).
    fn finish(self) -> Array<B> {
        match self {
            OutTarget::Owned(a) => a,
            OutTarget::Borrowed(a) => a.clone(),
        }
    }
}

/// Runs a unary op into `dest`.
pub(crate) fn unary<B: Backend>(op: UnaryOp, x: &Array<B>, dest: Dest<'_, B>) -> Result<Array<B>> {
    let name = op.name();
    let (c, out_dtype) = op.dtypes(x.dtype)?;
    check_dtype(&x.backend, c, name)?;
    let xc = to_compute(&Operand::Array(x), c, &x.backend, name)?;
    let mut out = prepare_out(dest, x.shape(), out_dtype, &x.backend, name)?;
    let o = out.array();
    let ol = o.layout.clone();
    let backend = o.backend.clone();
    backend.unary(
        op,
        &xc.storage,
        &xc.layout,
        c,
        &mut o.storage,
        &ol,
        out_dtype,
    )?;
    Ok(out.finish())
}

/// The promoted dtype of operands (arrays strong, scalars weak), with scalar range checks.
pub(crate) fn promote<B: Backend>(ops: &[&Operand<'_, B>], op: &'static str) -> Result<DType> {
    let args: Vec<DTypeOrScalar> = ops.iter().map(|o| o.arg()).collect();
    let d = result_type(&args).map_err(|e| match e {
        Error::NoPromotion { a, b, .. } => Error::NoPromotion { op, a, b },
        e => e,
    })?;
    for o in ops {
        if let Operand::Scalar(s) = o {
            check_fits(s, d, op)?;
        }
    }
    Ok(d)
}

/// The device of the array operands (an error if they differ or there is none).
pub(crate) fn device_of<B: Backend>(ops: &[&Operand<'_, B>], op: &'static str) -> Result<B> {
    let arrays: Vec<&Array<B>> = ops
        .iter()
        .filter_map(|o| match o {
            Operand::Array(a) => Some(*a),
            Operand::Scalar(_) => None,
        })
        .collect();
    let Some(first) = arrays.first() else {
        return Err(Error::invalid(op, "at least one operand must be an array"));
    };
    for a in &arrays {
        same_device(first, a, op)?;
    }
    Ok(first.backend.clone())
}

/// Runs a binary op into `dest`.
pub(crate) fn binary<B: Backend>(
    op: BinaryOp,
    a: &Operand<'_, B>,
    b: &Operand<'_, B>,
    dest: Dest<'_, B>,
) -> Result<Array<B>> {
    let name = op.name();
    let device = device_of(&[a, b], name)?;
    let p = promote(&[a, b], name)?;
    let (c, out_dtype) = op.dtypes(p)?;
    check_dtype(&device, c, name)?;
    let ac = to_compute(a, c, &device, name)?;
    let bc = to_compute(b, c, &device, name)?;
    let shape = broadcast_shapes_op(&[ac.shape(), bc.shape()], name)?;
    let al = ac.layout.broadcast_to(&shape, name)?;
    let bl = bc.layout.broadcast_to(&shape, name)?;
    let mut out = prepare_out(dest, &shape, out_dtype, &device, name)?;
    let o = out.array();
    let ol = o.layout.clone();
    device.binary(
        op,
        &ac.storage,
        &al,
        &bc.storage,
        &bl,
        c,
        &mut o.storage,
        &ol,
        out_dtype,
    )?;
    Ok(out.finish())
}

/// `clip(x, min, max)` into a destination.
pub(crate) fn clip<B: Backend>(
    x: &Array<B>,
    lo: Option<&Operand<'_, B>>,
    hi: Option<&Operand<'_, B>>,
    dest: Dest<'_, B>,
) -> Result<Array<B>> {
    const OP: &str = "clip";
    let d = x.dtype;
    if !(d.is_integer() || d.is_real_floating()) {
        return Err(Error::InvalidDType {
            op: OP,
            dtype: d,
            expected: "a real-valued numeric dtype",
        });
    }
    for o in [lo, hi].into_iter().flatten() {
        if let Operand::Array(a) = o {
            same_device(x, a, OP)?;
        }
    }
    // A scalar bound outside an integer dtype's range (or fractional) is unspecified by the
    // standard; xp clamps it to the range (rounding inward), which keeps x's dtype and gives
    // NumPy's values.
    let conv = |o: Option<&Operand<'_, B>>, lower: bool| -> Result<Option<Array<B>>> {
        match o {
            None => Ok(None),
            Some(Operand::Scalar(s)) if d.is_integer() => {
                let info = crate::iinfo(d)?;
                let v = match s.to_i128() {
                    Some(i) => Scalar::Int(i.clamp(info.min, info.max)),
                    None => {
                        let f = s.to_f64();
                        if f.is_nan() {
                            return Err(Error::invalid(OP, "NaN bound for an integer array"));
                        }
                        let r = if lower { f.ceil() } else { f.floor() };
                        Scalar::Int((r as i128).clamp(info.min, info.max))
                    }
                };
                to_compute(&Operand::Scalar(v), d, &x.backend, OP).map(Some)
            }
            Some(o) => to_compute(o, d, &x.backend, OP).map(Some),
        }
    };
    let (lo_a, hi_a) = (conv(lo, true)?, conv(hi, false)?);
    let mut shapes: Vec<&[usize]> = vec![x.shape()];
    shapes.extend(lo_a.iter().chain(hi_a.iter()).map(|a| a.shape()));
    let shape = broadcast_shapes_op(&shapes, OP)?;
    let xl = x.layout.broadcast_to(&shape, OP)?;
    let lol = lo_a
        .as_ref()
        .map(|a| a.layout.broadcast_to(&shape, OP))
        .transpose()?;
    let hil = hi_a
        .as_ref()
        .map(|a| a.layout.broadcast_to(&shape, OP))
        .transpose()?;
    let mut out = prepare_out(dest, &shape, d, &x.backend, OP)?;
    let o = out.array();
    let ol = o.layout.clone();
    let backend = o.backend.clone();
    backend.clip(
        &x.storage,
        &xl,
        lo_a.as_ref()
            .zip(lol.as_ref())
            .map(|(a, l)| (&a.storage, l)),
        hi_a.as_ref()
            .zip(hil.as_ref())
            .map(|(a, l)| (&a.storage, l)),
        d,
        &mut o.storage,
        &ol,
    )?;
    Ok(out.finish())
}

/// `where(cond, a, b)`.
pub(crate) fn select<B: Backend>(
    cond: &Array<B>,
    a: &Operand<'_, B>,
    b: &Operand<'_, B>,
) -> Result<Array<B>> {
    const OP: &str = "where";
    if cond.dtype != DType::Bool {
        return Err(Error::InvalidDType {
            op: OP,
            dtype: cond.dtype,
            expected: "bool for the condition",
        });
    }
    let device = device_of(&[&Operand::Array(cond), a, b], OP)?;
    let d = promote(&[a, b], OP)?;
    check_dtype(&device, d, OP)?;
    let ac = to_compute(a, d, &device, OP)?;
    let bc = to_compute(b, d, &device, OP)?;
    let shape = broadcast_shapes_op(&[cond.shape(), ac.shape(), bc.shape()], OP)?;
    let cl = cond.layout.broadcast_to(&shape, OP)?;
    let al = ac.layout.broadcast_to(&shape, OP)?;
    let bl = bc.layout.broadcast_to(&shape, OP)?;
    // every element is written by `select`
    let mut out = crate::creation::output(&shape, d, &device)?;
    let ol = Layout::contiguous(&shape);
    device.select(
        &cond.storage,
        &cl,
        &ac.storage,
        &al,
        &bc.storage,
        &bl,
        d,
        &mut out.storage,
        &ol,
    )?;
    Ok(out)
}
