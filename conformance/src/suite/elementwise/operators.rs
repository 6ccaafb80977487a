//! The operators against their named functions (on the backend under test: `&a + &b` is
//! `add(&a, &b)`, and panics with its error message when it fails), compound assignment
//! (keeps the left operand's dtype, writes through strided views, copies shared storage
//! first) and the `*_into` forms, against the reference.

use super::call;
use super::operands::{
    binary_compute, binary_input, mostly, scalar_for, test_array, unary_dtypes, unary_input,
    values, Pair, PairArrays,
};
use crate::both;
use crate::strategies::{broadcastable_to, dtype_in, shape, shape_with, view_recipe, TestArray};
use crate::suite::check::{error_kind, note_valid, same_snapshot, Outcome};
use crate::suite::Ctx;
use crate::tolerance::{binary_tolerance, unary_tolerance, Tolerance};
use array_api::Backend;
use array_api::{self as xp, Array, BinaryOp, Complex64, DType, Operand, Scalar, UnaryOp};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestCaseResult};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The ops with an operator (`+ - * / % & | ^ << >>`) and the operator's `std::ops`
/// method name, which names the property (`operator add`, `operator add_assign`).
pub const OPERATORS: [(BinaryOp, &str); 10] = [
    (BinaryOp::Add, "add"),
    (BinaryOp::Subtract, "sub"),
    (BinaryOp::Multiply, "mul"),
    (BinaryOp::Divide, "div"),
    (BinaryOp::Remainder, "rem"),
    (BinaryOp::BitwiseAnd, "bitand"),
    (BinaryOp::BitwiseOr, "bitor"),
    (BinaryOp::BitwiseXor, "bitxor"),
    (BinaryOp::BitwiseLeftShift, "shl"),
    (BinaryOp::BitwiseRightShift, "shr"),
];

/// Runs `f`, turning a panic into `Err(message)` without printing it.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let r = catch_unwind(AssertUnwindSafe(f));
    std::panic::set_hook(prev);
    r.map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic without a message".into())
    })
}

/// A Rust scalar of the operator's operand types.
enum Typed {
    B(bool),
    I(i64),
    U(u64),
    F(f64),
    C(Complex64),
}

fn typed(s: Scalar) -> Typed {
    match s {
        Scalar::Bool(b) => Typed::B(b),
        Scalar::Int(i) if i64::try_from(i).is_ok() => Typed::I(i as i64),
        Scalar::Int(i) => Typed::U(i as u64),
        Scalar::Float(f) => Typed::F(f),
        Scalar::Complex(c) => Typed::C(c),
    }
}

macro_rules! apply_operator {
    ($op:expr, $a:expr, $b:expr) => {
        match $op {
            BinaryOp::Add => $a + $b,
            BinaryOp::Subtract => $a - $b,
            BinaryOp::Multiply => $a * $b,
            BinaryOp::Divide => $a / $b,
            BinaryOp::Remainder => $a % $b,
            BinaryOp::BitwiseAnd => $a & $b,
            BinaryOp::BitwiseOr => $a | $b,
            BinaryOp::BitwiseXor => $a ^ $b,
            BinaryOp::BitwiseLeftShift => $a << $b,
            _ => $a >> $b,
        }
    };
}

macro_rules! with_typed {
    ($s:expr, $v:ident => $body:expr) => {
        match typed($s) {
            Typed::B($v) => $body,
            Typed::I($v) => $body,
            Typed::U($v) => $body,
            Typed::F($v) => $body,
            Typed::C($v) => $body,
        }
    };
}

/// The operator form of `op` on the pair's operands (panics on error, as documented).
fn operator<B: Backend>(op: BinaryOp, p: &Pair, arrays: &PairArrays<B>) -> Array<B> {
    match (p, arrays) {
        (Pair::Arrays(..), (Some(a), Some(b))) => apply_operator!(op, a, b),
        (Pair::Right(_, s), (Some(a), None)) => with_typed!(*s, v => apply_operator!(op, a, v)),
        (Pair::Left(s, _), (None, Some(b))) => with_typed!(*s, v => apply_operator!(op, v, b)),
        _ => panic!("operands do not match the pair"),
    }
}

/// `Ok` when the operator form and the function form agree on the device: equal results,
/// or a panic carrying the function's error message.
fn same_as_function<T: Outcome>(
    function: xp::Result<T>,
    operator: Result<T, String>,
) -> TestCaseResult {
    let fail = |m: String| Err(TestCaseError::fail(m));
    match (function, operator) {
        (Ok(f), Ok(o)) => {
            note_valid();
            let (f, o) = match (f.snapshot(), o.snapshot()) {
                (Ok(f), Ok(o)) => (f, o),
                (Err(e), _) | (_, Err(e)) => return fail(format!("read-back failed: {e}")),
            };
            same_snapshot(&o, &f).or_else(|m| fail(format!("operator vs function: {m}")))
        }
        (Err(e), Err(m)) if m == e.to_string() => Ok(()),
        (Err(e), Err(m)) => fail(format!(
            "the operator panics with {m:?}, the function fails with {e}"
        )),
        (Err(e), Ok(_)) => fail(format!("the operator succeeds, the function fails: {e}")),
        (Ok(_), Err(m)) => fail(format!("the operator panics ({m}), the function succeeds")),
    }
}

/// Operators against functions, on the device under test.
pub fn operators<B: Backend>(ctx: &mut Ctx<'_, B>, all: &[DType]) {
    let dev = ctx.device;
    for (op, sym) in OPERATORS {
        ctx.property(
            &format!("operator {sym}"),
            binary_input(op, all),
            move |p| {
                let arrays = p
                    .arrays(dev)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                let (a, b) = p.operands(&arrays);
                let function = call::binary(op, a, b);
                same_as_function(function, quietly(|| operator(op, &p, &arrays)))
            },
        );
    }
    for (op, sym) in [(UnaryOp::Negative, "neg"), (UnaryOp::BitwiseInvert, "not")] {
        let good = unary_dtypes(op, all);
        ctx.property(
            &format!("operator {sym}"),
            unary_input(&good, all),
            move |x| {
                let a = x
                    .materialise(dev)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                let function = call::unary(op, &a);
                let o = quietly(|| if op == UnaryOp::Negative { -&a } else { !&a });
                same_as_function(function, o)
            },
        );
    }
}

/// The right operand of a compound assignment: an array (usually broadcastable to the
/// left operand) or a scalar.
#[derive(Clone, Debug)]
pub enum Rhs {
    /// An array.
    Array(TestArray),
    /// A Rust scalar.
    Scalar(Scalar),
}

fn assign_input(op: BinaryOp, all: &[DType]) -> BoxedStrategy<(TestArray, Rhs, bool)> {
    let all = all.to_vec();
    // left operands whose dtype the op keeps, mostly
    let keeps: Vec<DType> = all
        .iter()
        .copied()
        .filter(|&d| op.dtypes(d).ok() == Some((d, d)))
        .collect();
    (
        mostly(&keeps, &all),
        proptest::option::of(dtype_in(&all)),
        shape_with(4, 32),
        0u8..5,
        any::<bool>(),
    )
        .prop_flat_map(move |(d1, d2, s, kind, shared)| {
            // the right operand: the left's dtype half the time, else any
            let d2 = d2.unwrap_or(d1);
            let n = s.len();
            let left = (values(d1, s.iter().product()), view_recipe(n, false)).prop_map({
                let s = s.clone();
                move |(data, view)| TestArray {
                    shape: s.clone(),
                    data,
                    view,
                }
            });
            let rhs = match kind {
                0 => scalar_for(d1).prop_map(Rhs::Scalar).boxed(),
                1 => shape_with(3, 8)
                    .prop_flat_map(move |t| test_array(d2, t, true))
                    .prop_map(Rhs::Array)
                    .boxed(),
                _ => broadcastable_to(s)
                    .prop_flat_map(move |t| test_array(d2, t, true))
                    .prop_map(Rhs::Array)
                    .boxed(),
            };
            (left, rhs, Just(shared))
        })
        .boxed()
}

/// Compound assignment (`assign_op` and the `op=` operators) against the reference.
pub fn compound<B: Backend>(ctx: &mut Ctx<'_, B>, all: &[DType]) {
    let dev = ctx.device;
    for (op, sym) in OPERATORS {
        ctx.property(
            &format!("operator {sym}_assign"),
            assign_input(op, all),
            move |(x, rhs, shared)| {
                let args = [
                    x.dtype().into(),
                    match &rhs {
                        Rhs::Array(t) => t.dtype().into(),
                        Rhs::Scalar(s) => (*s).into(),
                    },
                ];
                let tol =
                    binary_compute(op, &args).map_or(Tolerance::Exact, |c| binary_tolerance(op, c));
                both!(dev, tol, |d| assign(d, op, &x, &rhs, shared, false))?;
                // the operator form matches assign_op on the device
                let by_fn = assign(dev, op, &x, &rhs, shared, false);
                let by_op = assign(dev, op, &x, &rhs, shared, true);
                match (by_fn, by_op) {
                    (Ok(f), Ok(o)) => same_snapshot(
                        &o.snapshot().unwrap_or_default(),
                        &f.snapshot().unwrap_or_default(),
                    )
                    .map_err(|m| TestCaseError::fail(format!("{sym}_assign vs assign_op: {m}"))),
                    (Err(f), Err(o))
                        if error_kind(&o) == "InvalidArgument"
                            && o.to_string().contains(&f.to_string()) =>
                    {
                        Ok(())
                    }
                    (f, o) => Err(TestCaseError::fail(format!(
                        "{sym}_assign vs assign_op: {:?} vs {:?}",
                        o.err(),
                        f.err()
                    ))),
                }
            },
        );
    }
}

/// `x op= rhs` on device `d` (through the operator when `operator`, else `assign_op`),
/// checking that the dtype is kept and that a shared handle still sees the old values.
fn assign<X: Backend>(
    d: &X,
    op: BinaryOp,
    x: &TestArray,
    rhs: &Rhs,
    shared: bool,
    operator: bool,
) -> xp::Result<Array<X>> {
    let mut a = x.materialise(d)?;
    let keep = a.clone();
    let r = match rhs {
        Rhs::Array(t) => t.materialise(d)?,
        Rhs::Scalar(_) => xp::zeros([], DType::Bool, d)?,
    };
    if operator {
        quietly(|| compound_operator(op, &mut a, rhs, &r))
            .map_err(|m| xp::Error::invalid("operator", m))?;
    } else {
        let operand = match rhs {
            Rhs::Array(_) => Operand::Array(&r),
            Rhs::Scalar(s) => Operand::Scalar(*s),
        };
        xp::assign_op(op, &mut a, operand)?;
    }
    if a.dtype() != x.dtype() {
        return Err(xp::Error::invalid(
            "assign",
            format!("the dtype changed to {}", a.dtype()),
        ));
    }
    if shared && crate::compare::exact_match(&keep.to_host()?, &x.logical()).is_err() {
        return Err(xp::Error::invalid(
            "assign",
            "the write showed through another handle of the storage",
        ));
    }
    Ok(a)
}

/// `a op= rhs` with the operator (panics on error).
fn compound_operator<B: Backend>(op: BinaryOp, a: &mut Array<B>, rhs: &Rhs, r: &Array<B>) {
    macro_rules! assign {
        ($v:expr) => {
            match op {
                BinaryOp::Add => *a += $v,
                BinaryOp::Subtract => *a -= $v,
                BinaryOp::Multiply => *a *= $v,
                BinaryOp::Divide => *a /= $v,
                BinaryOp::Remainder => *a %= $v,
                BinaryOp::BitwiseAnd => *a &= $v,
                BinaryOp::BitwiseOr => *a |= $v,
                BinaryOp::BitwiseXor => *a ^= $v,
                BinaryOp::BitwiseLeftShift => *a <<= $v,
                _ => *a >>= $v,
            }
        };
    }
    match rhs {
        Rhs::Array(_) => assign!(r),
        Rhs::Scalar(s) => with_typed!(*s, v => assign!(v)),
    }
}

/// An output array for `*_into`: a writable (possibly strided) view of `shape` and `dtype`,
/// or, one time in eight, of another dtype (an error).
fn out_array(shape: Vec<usize>, dtype: Option<DType>, all: Vec<DType>) -> BoxedStrategy<TestArray> {
    let n = shape.len();
    let d = match dtype {
        Some(d) => prop_oneof![7 => Just(d), 1 => dtype_in(&all)].boxed(),
        None => dtype_in(&all),
    };
    (d, view_recipe(n, false))
        .prop_flat_map(move |(d, view)| {
            let s = shape.clone();
            values(d, s.iter().product()).prop_map(move |data| TestArray {
                shape: s.clone(),
                data,
                view: view.clone(),
            })
        })
        .boxed()
}

/// `unary_into` and `binary_into` (and `add_into`, ...) against the reference: the values
/// written into a strided output.
pub fn into_forms<B: Backend>(ctx: &mut Ctx<'_, B>, all: &[DType]) {
    let dev = ctx.device;
    let a1 = all.to_vec();
    let unary_in = (
        proptest::sample::select(UnaryOp::ALL.to_vec()),
        dtype_in(all),
        shape(),
    )
        .prop_flat_map(move |(op, d, s)| {
            let out = op.dtypes(d).ok().map(|(_, o)| o);
            (
                Just(op),
                test_array(d, s.clone(), true),
                out_array(s, out, a1.clone()),
            )
        });
    ctx.property("unary_into", unary_in, move |(op, x, out)| {
        let tol = op
            .dtypes(x.dtype())
            .map_or(Tolerance::Exact, |(c, _)| unary_tolerance(op, c));
        both!(dev, tol, |d| {
            let mut o = out.materialise(d)?;
            xp::unary_into(op, &x.materialise(d)?, &mut o)?;
            Ok(o)
        })
    });
    let a2 = all.to_vec();
    let binary_in = proptest::sample::select(BinaryOp::ALL.to_vec()).prop_flat_map(move |op| {
        let a3 = a2.clone();
        (Just(op), binary_input(op, &a2)).prop_flat_map(move |(op, p)| {
            let shape = match &p {
                Pair::Arrays(a, b) => {
                    xp::broadcast_shapes(&[&a.shape, &b.shape]).unwrap_or_default()
                }
                Pair::Right(a, _) => a.shape.clone(),
                Pair::Left(_, b) => b.shape.clone(),
            };
            let out = xp::result_type(&p.args())
                .ok()
                .and_then(|t| op.dtypes(t).ok())
                .map(|(_, o)| o);
            (Just(op), Just(p), out_array(shape, out, a3.clone()))
        })
    });
    ctx.property("binary_into", binary_in, move |(op, p, out)| {
        let tol =
            binary_compute(op, &p.args()).map_or(Tolerance::Exact, |c| binary_tolerance(op, c));
        both!(dev, tol, |d| {
            let mut o = out.materialise(d)?;
            let arrays = p.arrays(d)?;
            let (a, b) = p.operands(&arrays);
            match op {
                BinaryOp::Add => xp::add_into(a, b, &mut o)?,
                BinaryOp::Subtract => xp::subtract_into(a, b, &mut o)?,
                BinaryOp::Multiply => xp::multiply_into(a, b, &mut o)?,
                BinaryOp::Divide => xp::divide_into(a, b, &mut o)?,
                _ => xp::binary_into(op, a, b, &mut o)?,
            }
            Ok(o)
        })
    });
}
