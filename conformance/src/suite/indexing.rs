//! Properties of indexing: `get` (basic and advanced), `set`, `take`, `take_along_axis`
//! and `nonzero`.

use super::inputs::{build_index, index_expr, int_array, IdxSpec};
use super::Ctx;
use crate::strategies::{
    broadcastable_to, dim, dtype_in, shape_with, test_array, test_array_in, TestArray,
};
use crate::{both, Reference};
use array_api::{self as xp, Backend, DType};
use proptest::collection::vec;
use proptest::prelude::*;

/// The shape `x.get(index)` has on the reference (an arbitrary small shape when the
/// index is an error), so a `set` value can be made to broadcast to it.
fn indexed_shape(x: &TestArray, index: &[IdxSpec]) -> Vec<usize> {
    let r = (|| {
        let a = x.materialise(&Reference)?;
        a.get(&build_index(index, &Reference)?)
    })();
    r.map_or_else(|_| vec![2], |a| a.shape().to_vec())
}

/// Runs the indexing properties.
pub fn run<B: Backend>(ctx: &mut Ctx<'_, B>) {
    let dev = ctx.device;
    let all = ctx.supported.clone();
    if all.is_empty() {
        return;
    }
    let ints = ctx.supported_of(&[
        DType::Int64,
        DType::Int32,
        DType::Int8,
        DType::UInt8,
        DType::UInt16,
    ]);

    let basic = test_array_in(&all, true).prop_flat_map(|x| {
        let s = x.shape.clone();
        (Just(x), index_expr(s, false, Vec::new()))
    });
    ctx.property("getitem", basic, |(x, idx)| {
        both!(dev, |d| x.materialise(d)?.get(&build_index(&idx, d)?))
    });
    let advanced = {
        let ints = ints.clone();
        test_array_in(&all, true).prop_flat_map(move |x| {
            let s = x.shape.clone();
            (Just(x), index_expr(s, true, ints.clone()))
        })
    };
    ctx.property("getitem (advanced)", advanced.clone(), |(x, idx)| {
        both!(dev, |d| x.materialise(d)?.get(&build_index(&idx, d)?))
    });

    for (name, adv) in [("setitem", false), ("setitem (advanced)", true)] {
        let all2 = all.clone();
        let ints2 = if adv { ints.clone() } else { Vec::new() };
        let cases = test_array_in(&all, true)
            .prop_flat_map(move |x| {
                let s = x.shape.clone();
                (Just(x), index_expr(s, adv, ints2.clone()))
            })
            .prop_flat_map(move |(x, idx)| {
                let shape = indexed_shape(&x, &idx);
                let own = x.dtype();
                let value_dtype = prop_oneof![3 => Just(own), 1 => dtype_in(&all2)];
                let value = (value_dtype, broadcastable_to(shape))
                    .prop_flat_map(|(d, s)| test_array(d, s, true));
                (Just(x), Just(idx), value)
            });
        ctx.property(name, cases, |(x, idx, v)| {
            both!(dev, |d| {
                let mut a = x.materialise(d)?;
                let before = a.clone();
                a.set(&build_index(&idx, d)?, &v.materialise(d)?)?;
                // value semantics: the handle taken before the write is unchanged
                Ok(vec![a, before])
            })
        });
    }

    if !ints.is_empty() {
        let ints2 = ints.clone();
        let takes = test_array_in(&all, true).prop_flat_map(move |x| {
            let s = x.shape.clone();
            let n = s.len() as isize;
            let ints3 = ints2.clone();
            let axis = prop_oneof![1 => Just(None), 4 => (-n.max(1)..n.max(1)).prop_map(Some)];
            (Just(x), axis).prop_flat_map(move |(x, ax)| {
                let len = match ax {
                    None => x.shape.iter().product(),
                    Some(a) if x.shape.is_empty() => a.unsigned_abs(),
                    Some(a) => x.shape[a.rem_euclid(x.shape.len() as isize) as usize],
                };
                (
                    Just(x),
                    Just(ax),
                    shape_with(2, 6).prop_flat_map({
                        let d = ints3.clone();
                        move |s| int_array(len, s, d.clone())
                    }),
                )
            })
        });
        ctx.property("take", takes, |(x, ax, i)| {
            both!(dev, |d| xp::take(
                &x.materialise(d)?,
                &i.materialise(d)?,
                ax
            ))
        });
        let ints2 = ints.clone();
        let along = (
            dtype_in(&all),
            shape_with(4, 24).prop_filter("1-d or more", |s| !s.is_empty()),
        )
            .prop_flat_map(|(d, s)| test_array(d, s, true))
            .prop_flat_map(move |x| {
                let s = x.shape.clone();
                let n = s.len();
                let d = ints2.clone();
                (Just(x), 0..n, vec(any::<bool>(), n), dim()).prop_flat_map(
                    move |(x, ax, ones, k)| {
                        let ishape: Vec<usize> = (0..n)
                            .map(|i| {
                                if i == ax {
                                    k
                                } else if ones[i] {
                                    1
                                } else {
                                    s[i]
                                }
                            })
                            .collect();
                        let neg = ones.first().copied().unwrap_or(false);
                        let axis = if neg {
                            ax as isize - n as isize
                        } else {
                            ax as isize
                        };
                        (Just(x), Just(axis), int_array(s[ax], ishape, d.clone()))
                    },
                )
            });
        ctx.property("take_along_axis", along, |(x, ax, i)| {
            both!(dev, |d| xp::take_along_axis(
                &x.materialise(d)?,
                &i.materialise(d)?,
                ax
            ))
        });
    }
    ctx.property("nonzero", test_array_in(&all, true), |x| {
        both!(dev, |d| xp::nonzero(&x.materialise(d)?))
    });
    for name in [
        "getitem",
        "getitem (advanced)",
        "setitem",
        "setitem (advanced)",
        "take",
        "take_along_axis",
        "nonzero",
    ] {
        ctx.note_unsupported(name);
    }
}
