//! Generated operands of elementwise functions: arrays of the dtypes an op accepts (and
//! sometimes of others, for the error paths), broadcastable shape pairs, strided and
//! broadcast views, and weak Rust scalars on either side.

use crate::strategies::{broadcast_pair, dtype_in, shape, view_recipe, ArbElement, TestArray};
use crate::suite::inputs::scalar as any_scalar;
use array_api::Backend;
use array_api::{
    result_type, Array, BinaryOp, Complex32, Complex64, DType, DTypeOrScalar, HostData, Operand,
    Result, Scalar, UnaryOp,
};
use proptest::collection::vec;
use proptest::prelude::*;

/// A float with special values (NaN, ±inf, ±0, subnormals, ±1, the extremes) two times
/// in five, else [`ArbElement::arb`]'s values.
fn special_heavy_f64() -> BoxedStrategy<f64> {
    let specials = vec![
        f64::NAN,
        -f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -0.0,
        f64::from_bits(1),
        -f64::from_bits(1),
        f64::MIN_POSITIVE,
        f64::MAX,
        f64::MIN,
        1.0,
        -1.0,
    ];
    prop_oneof![2 => proptest::sample::select(specials), 3 => f64::arb()].boxed()
}

/// The float32 counterpart of [`special_heavy_f64`].
fn special_heavy_f32() -> BoxedStrategy<f32> {
    let specials = vec![
        f32::NAN,
        -f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
        0.0,
        -0.0,
        f32::from_bits(1),
        -f32::from_bits(1),
        f32::MIN_POSITIVE,
        f32::MAX,
        f32::MIN,
        1.0,
        -1.0,
    ];
    prop_oneof![2 => proptest::sample::select(specials), 3 => f32::arb()].boxed()
}

/// `n` values of `dtype` for elementwise operands: floats (and complex components) rich in
/// special values, integers and bools as [`crate::strategies::host_data`].
pub fn values(dtype: DType, n: usize) -> BoxedStrategy<HostData> {
    match dtype {
        DType::Float64 => vec(special_heavy_f64(), n)
            .prop_map(HostData::Float64)
            .boxed(),
        DType::Float32 => vec(special_heavy_f32(), n)
            .prop_map(HostData::Float32)
            .boxed(),
        DType::Complex128 => vec((special_heavy_f64(), special_heavy_f64()), n)
            .prop_map(|v| {
                HostData::Complex128(v.into_iter().map(|(a, b)| Complex64::new(a, b)).collect())
            })
            .boxed(),
        DType::Complex64 => vec((special_heavy_f32(), special_heavy_f32()), n)
            .prop_map(|v| {
                HostData::Complex64(v.into_iter().map(|(a, b)| Complex32::new(a, b)).collect())
            })
            .boxed(),
        d => crate::strategies::host_data(d, n),
    }
}

/// An elementwise operand of `dtype` and `shape` with any view (broadcast views only when
/// `allow_broadcast`), its values from [`values`].
pub fn test_array(
    dtype: DType,
    shape: Vec<usize>,
    allow_broadcast: bool,
) -> BoxedStrategy<TestArray> {
    let n: usize = shape.iter().product();
    let ndim = shape.len();
    (values(dtype, n), view_recipe(ndim, allow_broadcast))
        .prop_map(move |(data, view)| TestArray {
            shape: shape.clone(),
            data,
            view,
        })
        .boxed()
}

/// The dtypes of `all` a unary op accepts.
pub fn unary_dtypes(op: UnaryOp, all: &[DType]) -> Vec<DType> {
    all.iter()
        .copied()
        .filter(|&d| op.dtypes(d).is_ok())
        .collect()
}

/// The dtypes of `all` a binary op accepts (for two operands of that dtype).
pub fn binary_dtypes(op: BinaryOp, all: &[DType]) -> Vec<DType> {
    all.iter()
        .copied()
        .filter(|&d| op.dtypes(d).is_ok())
        .collect()
}

/// A dtype: one of `good` about nine times in ten, else any of `all`.
pub fn mostly(good: &[DType], all: &[DType]) -> BoxedStrategy<DType> {
    if good.is_empty() {
        return dtype_in(all);
    }
    prop_oneof![9 => dtype_in(good), 1 => dtype_in(all)].boxed()
}

/// A unary operand: an array of `dtype` choice, any shape and view.
pub fn unary_input(good: &[DType], all: &[DType]) -> BoxedStrategy<TestArray> {
    (mostly(good, all), shape())
        .prop_flat_map(|(d, s)| test_array(d, s, true))
        .boxed()
}

/// A Rust scalar of the kind that goes with arrays of `d` (four times in five), or any
/// scalar.
pub fn scalar_for(d: DType) -> BoxedStrategy<Scalar> {
    let kind: BoxedStrategy<Scalar> = if d.is_bool() {
        any::<bool>().prop_map(Scalar::Bool).boxed()
    } else if d.is_integer() {
        (-20i128..20).prop_map(Scalar::Int).boxed()
    } else if d.is_complex() {
        Complex64::arb().prop_map(Scalar::Complex).boxed()
    } else {
        f64::arb().prop_map(Scalar::Float).boxed()
    };
    prop_oneof![4 => kind, 1 => any_scalar()].boxed()
}

/// The operands of a binary function.
#[derive(Clone, Debug)]
pub enum Pair {
    /// Two arrays (broadcast together).
    Arrays(TestArray, TestArray),
    /// An array and a scalar on the right.
    Right(TestArray, Scalar),
    /// A scalar on the left and an array.
    Left(Scalar, TestArray),
}

/// Host values of `dtype` for shift counts: mostly in `-3..70` (every width and beyond).
fn shift_counts(dtype: DType, n: usize) -> BoxedStrategy<HostData> {
    vec(-3i64..70, n)
        .prop_map(move |v| HostData::Int64(v).cast(dtype).expect("integer dtype"))
        .boxed()
}

/// Replaces the values of `a` by shift counts when `op` is a shift.
fn counts_for(op: BinaryOp, a: TestArray) -> BoxedStrategy<TestArray> {
    let shift = matches!(op, BinaryOp::BitwiseLeftShift | BinaryOp::BitwiseRightShift);
    if !shift || !a.dtype().is_integer() {
        return Just(a).boxed();
    }
    let n = a.data.len();
    shift_counts(a.dtype(), n)
        .prop_map(move |data| TestArray { data, ..a.clone() })
        .boxed()
}

/// Operands of binary `op`: dtypes it accepts nine times in ten (the same dtype half the
/// time, else a mixed pair), broadcastable shapes, any views; a scalar on one side one
/// time in four.
pub fn binary_input(op: BinaryOp, all: &[DType]) -> BoxedStrategy<Pair> {
    let good = binary_dtypes(op, all);
    let d1 = mostly(&good, all);
    let d2 = prop_oneof![1 => Just(None), 1 => mostly(&good, all).prop_map(Some)];
    (d1, d2, broadcast_pair(), 0u8..8)
        .prop_flat_map(move |(d1, d2, (s1, s2), side)| {
            let d2 = d2.unwrap_or(d1);
            let a = test_array(d1, s1, true);
            let b = test_array(d2, s2, true).prop_flat_map(move |b| counts_for(op, b));
            match side {
                0 => (a, scalar_for(d1))
                    .prop_map(|(a, s)| Pair::Right(a, s))
                    .boxed(),
                1 => (scalar_for(d2), b)
                    .prop_map(|(s, b)| Pair::Left(s, b))
                    .boxed(),
                _ => (a, b).prop_map(|(a, b)| Pair::Arrays(a, b)).boxed(),
            }
        })
        .boxed()
}

/// The arrays of a [`Pair`] on a device: `None` on a scalar's side.
pub type PairArrays<B> = (Option<Array<B>>, Option<Array<B>>);

impl Pair {
    /// The operands' dtypes and scalars, for promotion.
    pub fn args(&self) -> Vec<DTypeOrScalar> {
        match self {
            Pair::Arrays(a, b) => vec![a.dtype().into(), b.dtype().into()],
            Pair::Right(a, s) => vec![a.dtype().into(), DTypeOrScalar::Scalar(*s)],
            Pair::Left(s, b) => vec![DTypeOrScalar::Scalar(*s), b.dtype().into()],
        }
    }

    /// The arrays of the pair on `device` (a scalar side is `None`).
    pub fn arrays<B: Backend>(&self, device: &B) -> Result<PairArrays<B>> {
        Ok(match self {
            Pair::Arrays(a, b) => (Some(a.materialise(device)?), Some(b.materialise(device)?)),
            Pair::Right(a, _) => (Some(a.materialise(device)?), None),
            Pair::Left(_, b) => (None, Some(b.materialise(device)?)),
        })
    }

    /// The operands, given the arrays made by [`arrays`](Self::arrays).
    pub fn operands<'a, B: Backend>(
        &self,
        arrays: &'a PairArrays<B>,
    ) -> (Operand<'a, B>, Operand<'a, B>) {
        let side = |a: &'a Option<Array<B>>, s: Option<Scalar>| match (a, s) {
            (Some(a), _) => Operand::Array(a),
            (None, Some(s)) => Operand::Scalar(s),
            (None, None) => Operand::Scalar(Scalar::Bool(false)),
        };
        let (ls, rs) = match self {
            Pair::Arrays(..) => (None, None),
            Pair::Right(_, s) => (None, Some(*s)),
            Pair::Left(s, _) => (Some(*s), None),
        };
        (side(&arrays.0, ls), side(&arrays.1, rs))
    }
}

/// The compute dtype of `op` on these operands, when promotion and the op's dtype rule
/// succeed.
pub fn binary_compute(op: BinaryOp, args: &[DTypeOrScalar]) -> Option<DType> {
    result_type(args)
        .ok()
        .and_then(|p| op.dtypes(p).ok())
        .map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::test_runner::TestRunner;

    #[test]
    fn binary_inputs_mostly_promote() {
        let mut r = TestRunner::deterministic();
        let all: Vec<DType> = DType::ALL
            .iter()
            .copied()
            .filter(|d| *d != DType::String)
            .collect();
        let (mut ok, mut scalars) = (0, 0);
        for _ in 0..400 {
            let p = binary_input(BinaryOp::Less, &all)
                .new_tree(&mut r)
                .unwrap()
                .current();
            if binary_compute(BinaryOp::Less, &p.args()).is_some() {
                ok += 1;
            }
            if !matches!(p, Pair::Arrays(..)) {
                scalars += 1;
            }
        }
        assert!(ok > 250, "{ok}");
        assert!(scalars > 50, "{scalars}");
    }
}
