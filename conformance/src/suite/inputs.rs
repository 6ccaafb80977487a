//! Backend-independent inputs shared by the suite's properties: index expressions
//! ([`IdxSpec`]), integer index arrays and Rust scalars.

use crate::strategies::{broadcastable_to, shape_with, ArbElement, TestArray, ViewRecipe};
use array_api::indexing::Idx;
use array_api::{Array, Backend, Complex64, DType, HostData, Result, Scalar};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};

/// One item of an index expression, independent of any backend (see [`Idx`]).
#[derive(Clone, Debug)]
pub enum IdxSpec {
    /// An integer.
    Int(isize),
    /// A slice `start:stop:step`.
    Slice(Option<isize>, Option<isize>, isize),
    /// A new axis.
    NewAxis,
    /// `...`.
    Ellipsis,
    /// An integer array or boolean mask.
    Array(TestArray),
}

impl IdxSpec {
    /// The index item on `device`.
    pub fn build<B: Backend>(&self, device: &B) -> Result<Idx<B>> {
        Ok(match self {
            IdxSpec::Int(i) => Idx::Int(*i),
            IdxSpec::Slice(start, stop, step) => Idx::Slice {
                start: *start,
                stop: *stop,
                step: *step,
            },
            IdxSpec::NewAxis => Idx::NewAxis,
            IdxSpec::Ellipsis => Idx::Ellipsis,
            IdxSpec::Array(a) => Idx::Array(a.materialise(device)?),
        })
    }
}

/// A whole index expression on `device`.
pub fn build_index<B: Backend>(spec: &[IdxSpec], device: &B) -> Result<Vec<Idx<B>>> {
    spec.iter().map(|s| s.build(device)).collect()
}

/// Index values for an axis of length `len`: in `-len..len` (unsigned: `0..len`), and
/// out of bounds about one time in ten.
fn index_values(len: usize, signed: bool, count: usize) -> BoxedStrategy<Vec<i64>> {
    let n = len as i64;
    let lo = if signed { -n } else { 0 };
    if n == 0 {
        return vec(prop_oneof![Just(0i64), Just(1i64)], count).boxed();
    }
    let value = prop_oneof![9 => lo..n, 1 => prop_oneof![Just(n), Just(n + 2), Just(if signed { -n - 1 } else { n + 1 })]];
    vec(value, count).boxed()
}

/// An integer index array of shape `shape` for an axis of length `len`, of one of the
/// integer `dtypes` (any view).
pub fn int_array(len: usize, shape: Vec<usize>, dtypes: Vec<DType>) -> BoxedStrategy<TestArray> {
    let size: usize = shape.iter().product();
    let ndim = shape.len();
    select(dtypes)
        .prop_flat_map(move |d| {
            let shape = shape.clone();
            (
                index_values(len, d.is_signed_integer(), size),
                crate::strategies::view_recipe(ndim, true),
            )
                .prop_map(move |(v, view)| TestArray {
                    shape: shape.clone(),
                    data: HostData::Int64(v).cast(d).expect("integer dtype"),
                    view,
                })
        })
        .boxed()
}

/// A boolean mask of `shape` (any view).
pub fn bool_mask(shape: Vec<usize>) -> BoxedStrategy<TestArray> {
    let n: usize = shape.iter().product();
    let ndim = shape.len();
    (
        vec(any::<bool>(), n),
        crate::strategies::view_recipe(ndim, true),
    )
        .prop_map(move |(v, view)| TestArray {
            shape: shape.clone(),
            data: HostData::Bool(v),
            view,
        })
        .boxed()
}

fn int_item(d: usize) -> BoxedStrategy<IdxSpec> {
    let n = d as isize;
    if n == 0 {
        return prop_oneof![Just(IdxSpec::Int(0)), Just(IdxSpec::Int(-1))].boxed();
    }
    prop_oneof![9 => (-n..n).prop_map(IdxSpec::Int), 1 => prop_oneof![Just(IdxSpec::Int(n)), Just(IdxSpec::Int(-n - 1))]].boxed()
}

fn slice_item(d: usize) -> BoxedStrategy<IdxSpec> {
    let n = d as isize;
    let bound = proptest::option::of(-n - 2..=n + 2);
    let step = prop_oneof![20 => select(vec![1isize, 1, 2, 3, -1, -1, -2, -3]), 1 => Just(0isize)];
    (bound.clone(), bound, step)
        .prop_map(|(a, b, s)| IdxSpec::Slice(a, b, s))
        .boxed()
}

/// An index expression for an array of `shape`: integers and slices (some out of bounds
/// or with a zero step), sometimes a new axis and an ellipsis; with `advanced`, also
/// integer arrays (of broadcast-compatible shapes) and 1-d boolean masks, whose arrays
/// have one of the integer `int_dtypes`.
pub fn index_expr(
    shape: Vec<usize>,
    advanced: bool,
    int_dtypes: Vec<DType>,
) -> BoxedStrategy<Vec<IdxSpec>> {
    let n = shape.len();
    let kinds = if advanced { 10u8 } else { 7u8 };
    (
        shape_with(2, 6),
        vec(0u8..kinds, n),
        0..=n,
        proptest::bool::weighted(0.2),
        any::<Index>(),
        proptest::bool::weighted(0.2),
        any::<Index>(),
    )
        .prop_flat_map(move |(ishape, kinds, keep, ell, ell_at, na, na_at)| {
            let items: Vec<BoxedStrategy<IdxSpec>> = (0..keep)
                .map(|a| {
                    let d = shape[a];
                    match kinds[a] {
                        0..=2 => int_item(d),
                        3..=6 => slice_item(d),
                        7 | 8 if !int_dtypes.is_empty() => broadcastable_to(ishape.clone())
                            .prop_flat_map({
                                let dt = int_dtypes.clone();
                                move |s| int_array(d, s, dt.clone())
                            })
                            .prop_map(IdxSpec::Array)
                            .boxed(),
                        _ => bool_mask(vec![d]).prop_map(IdxSpec::Array).boxed(),
                    }
                })
                .collect();
            items.prop_map(move |mut v| {
                if ell {
                    let at = ell_at.index(v.len() + 1);
                    v.insert(at, IdxSpec::Ellipsis);
                }
                if na {
                    let at = na_at.index(v.len() + 1);
                    v.insert(at, IdxSpec::NewAxis);
                }
                v
            })
        })
        .boxed()
}

/// A Rust scalar of any kind: booleans, integers (small, and at the `i64`/`u64` bounds),
/// floats (with the edge cases of [`ArbElement`]) and complex numbers.
pub fn scalar() -> BoxedStrategy<Scalar> {
    prop_oneof![
        any::<bool>().prop_map(Scalar::Bool),
        (-20i128..20).prop_map(Scalar::Int),
        select(vec![
            i64::MIN as i128,
            i64::MAX as i128,
            u64::MAX as i128,
            255,
            256,
            -129,
            65536,
            1 << 31,
            1 << 40,
        ])
        .prop_map(Scalar::Int),
        f64::arb().prop_map(Scalar::Float),
        Complex64::arb().prop_map(Scalar::Complex),
    ]
    .boxed()
}

/// A contiguous test array from host data.
pub fn plain(data: HostData, shape: Vec<usize>) -> TestArray {
    TestArray {
        view: ViewRecipe::contiguous(shape.len()),
        shape,
        data,
    }
}

/// Materialises several test arrays on `device`.
pub fn all<B: Backend>(arrays: &[TestArray], device: &B) -> Result<Vec<Array<B>>> {
    arrays.iter().map(|a| a.materialise(device)).collect()
}
