//! Properties of the manipulation functions.

use super::inputs::all as materialise_all;
use super::Ctx;
use crate::both;
use crate::strategies::{
    broadcast_pair, broadcastable_to, dtype_in, incompatible_pair, shape_with, test_array,
    test_array_in, TestArray,
};
use array_api::{self as xp, Backend, DType};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

/// An axis for an array of `ndim` dimensions: in `-ndim..ndim`, one past either end
/// sometimes (an error).
fn axis(ndim: usize) -> BoxedStrategy<isize> {
    let n = ndim as isize;
    if n == 0 {
        return prop_oneof![Just(0isize), Just(-1isize)].boxed();
    }
    prop_oneof![9 => -n..n, 1 => prop_oneof![Just(n), Just(-n - 1)]].boxed()
}

/// Up to `max` axes for `ndim` dimensions (possibly repeated or out of range: errors).
fn axes(ndim: usize, max: usize) -> BoxedStrategy<Vec<isize>> {
    vec(axis(ndim), 0..=max).boxed()
}

/// A test array together with its shape-dependent parameter drawn by `param`.
fn with<P: Strategy + 'static>(
    dtypes: &[DType],
    broadcast: bool,
    param: impl Fn(&[usize]) -> P + 'static,
) -> BoxedStrategy<(TestArray, P::Value)>
where
    P::Value: Clone,
{
    test_array_in(dtypes, broadcast)
        .prop_flat_map(move |x| {
            let p = param(&x.shape);
            (Just(x), p)
        })
        .boxed()
}

/// Arrays of a common shape except along one axis, for `concat` (dtypes may differ).
fn concat_inputs(dtypes: &[DType]) -> BoxedStrategy<(Vec<TestArray>, Option<isize>)> {
    let dtypes = dtypes.to_vec();
    (
        shape_with(4, 16),
        vec(0usize..4, 1..=3),
        any::<Index>(),
        proptest::option::weighted(0.85, 0isize..1),
    )
        .prop_flat_map(move |(base, lens, at, axis_some)| {
            let n = base.len();
            let ax = if n == 0 { 0 } else { at.index(n) };
            let arrays: Vec<BoxedStrategy<TestArray>> = lens
                .iter()
                .map(|&len| {
                    let mut s = base.clone();
                    if n > 0 {
                        s[ax] = len;
                    }
                    dtype_in(&dtypes)
                        .prop_flat_map(move |d| test_array(d, s.clone(), true))
                        .boxed()
                })
                .collect();
            let axis = match axis_some {
                None => Just(None).boxed(),
                Some(_) => prop_oneof![
                    8 => Just(Some(ax as isize)),
                    2 => Just(Some(ax as isize - n as isize)),
                    1 => axis(n).prop_map(Some),
                ]
                .boxed(),
            };
            (arrays, axis)
        })
        .boxed()
}

/// A shape of the same size as `shape` (regrouped factors, maybe one `-1`), or rarely any
/// shape (usually an error).
fn reshape_target(shape: &[usize]) -> BoxedStrategy<Vec<isize>> {
    let mut factors: Vec<isize> = Vec::new();
    for &d in shape {
        let mut d = d;
        let mut p = 2;
        while d > 1 {
            while d % p == 0 {
                factors.push(p as isize);
                d /= p;
            }
            p += 1;
        }
        if d == 0 {
            factors.push(0);
        }
    }
    let regrouped = (
        Just(factors).prop_shuffle(),
        vec(any::<bool>(), 0..8),
        proptest::option::weighted(0.3, any::<Index>()),
    )
        .prop_map(|(f, cuts, minus)| {
            let mut out: Vec<isize> = Vec::new();
            for (i, x) in f.into_iter().enumerate() {
                if i > 0 && cuts.get(i).copied().unwrap_or(false) {
                    let last = out.len() - 1;
                    out[last] *= x;
                } else {
                    out.push(x);
                }
            }
            if let (Some(m), false) = (minus, out.is_empty()) {
                let i = m.index(out.len());
                if !out.contains(&0) {
                    out[i] = -1;
                }
            }
            out
        });
    let any_shape =
        shape_with(4, 64).prop_map(|s| s.into_iter().map(|d| d as isize).collect::<Vec<_>>());
    prop_oneof![8 => regrouped, 1 => any_shape].boxed()
}

/// Runs the manipulation properties.
pub fn run<B: Backend>(ctx: &mut Ctx<'_, B>) {
    let dev = ctx.device;
    let all = ctx.supported.clone();
    if all.is_empty() {
        return;
    }
    let target = prop_oneof![
        4 => shape_with(5, 32).prop_flat_map(|t| (broadcastable_to(t.clone()), Just(t))).boxed(),
        1 => (shape_with(3, 8), shape_with(3, 8)).boxed(),
    ];
    let bt =
        (target, dtype_in(&all)).prop_flat_map(|((s, t), d)| (test_array(d, s, true), Just(t)));
    ctx.property("broadcast_to", bt, |(x, t)| {
        both!(dev, |d| xp::broadcast_to(&x.materialise(d)?, &t))
    });
    let pairs = prop_oneof![4 => broadcast_pair(), 1 => incompatible_pair()];
    let ba = (pairs, dtype_in(&all), dtype_in(&all))
        .prop_flat_map(|((a, b), da, db)| (test_array(da, a, true), test_array(db, b, true)));
    ctx.property("broadcast_arrays", ba, |(a, b)| {
        both!(dev, |d| xp::broadcast_arrays(&[
            &a.materialise(d)?,
            &b.materialise(d)?
        ]))
    });
    ctx.property("concat", concat_inputs(&all), |(arrays, ax)| {
        both!(dev, |d| {
            let a = materialise_all(&arrays, d)?;
            xp::concat(&a.iter().collect::<Vec<_>>(), ax)
        })
    });
    let st = (dtype_in(&all), shape_with(4, 16), 1usize..=3, any::<bool>()).prop_flat_map(
        |(d, s, k, odd)| {
            let n = s.len();
            let mut arrays: Vec<BoxedStrategy<TestArray>> =
                (0..k).map(|_| test_array(d, s.clone(), true)).collect();
            if odd {
                // a different shape: an error
                let mut t = s.clone();
                t.push(2);
                arrays.push(test_array(d, t, true));
            }
            (arrays, axis(n + 1))
        },
    );
    ctx.property("stack", st, |(arrays, ax)| {
        both!(dev, |d| {
            let a = materialise_all(&arrays, d)?;
            xp::stack(&a.iter().collect::<Vec<_>>(), ax)
        })
    });
    ctx.property("unstack", with(&all, true, |s| axis(s.len())), |(x, ax)| {
        both!(dev, |d| xp::unstack(&x.materialise(d)?, ax))
    });
    ctx.property(
        "expand_dims",
        with(&all, true, |s| axes(s.len() + 2, 2)),
        |(x, ax)| both!(dev, |d| xp::expand_dims(&x.materialise(d)?, &ax)),
    );
    let squeezable = |s: &[usize]| {
        let ones: Vec<isize> = s
            .iter()
            .enumerate()
            .filter(|(_, &d)| d == 1)
            .map(|(i, _)| i as isize)
            .collect();
        let n = s.len();
        prop_oneof![
            4 => proptest::sample::subsequence(ones.clone(), 0..=ones.len()).prop_shuffle(),
            1 => axes(n, 2),
        ]
    };
    ctx.property("squeeze", with(&all, true, squeezable), |(x, ax)| {
        both!(dev, |d| xp::squeeze(&x.materialise(d)?, &ax))
    });
    ctx.property(
        "flip",
        with(&all, true, |s| proptest::option::of(axes(s.len(), 3))),
        |(x, ax)| both!(dev, |d| xp::flip(&x.materialise(d)?, ax.as_deref())),
    );
    let perm = |s: &[usize]| {
        let n = s.len();
        prop_oneof![
            6 => Just((0..n as isize).collect::<Vec<_>>()).prop_shuffle(),
            1 => axes(n, n + 1),
        ]
    };
    ctx.property("permute_dims", with(&all, true, perm), |(x, ax)| {
        both!(dev, |d| xp::permute_dims(&x.materialise(d)?, &ax))
    });
    ctx.property("matrix_transpose", test_array_in(&all, true), |x| {
        both!(dev, |d| xp::matrix_transpose(&x.materialise(d)?))
    });
    let moves = |s: &[usize]| {
        let n = s.len();
        (1usize..=n.max(1)).prop_flat_map(move |k| {
            let src = proptest::sample::subsequence((0..n as isize).collect::<Vec<_>>(), k.min(n))
                .prop_shuffle();
            let dst = proptest::sample::subsequence((0..n as isize).collect::<Vec<_>>(), k.min(n))
                .prop_shuffle();
            prop_oneof![6 => (src, dst).boxed(), 1 => (axes(n, 2), axes(n, 2)).boxed()]
        })
    };
    ctx.property("moveaxis", with(&all, true, moves), |(x, (s, t))| {
        both!(dev, |d| xp::moveaxis(&x.materialise(d)?, &s, &t))
    });
    ctx.property(
        "reshape",
        with(&all, true, |s| {
            (reshape_target(s), proptest::option::of(any::<bool>()))
        }),
        |(x, (t, copy))| both!(dev, |d| xp::reshape(&x.materialise(d)?, &t, copy)),
    );
    let shifts = |s: &[usize]| {
        let n = s.len();
        prop_oneof![
            2 => (-7isize..7).prop_map(|k| (vec![k], None)).boxed(),
            4 => (vec(-7isize..7, 1..=3), axes(n, 3)).prop_map(|(k, a)| {
                // one shift per axis, or one shift for all
                let k = if k.len() == a.len() { k } else { vec![k[0]] };
                (k, Some(a))
            }).boxed(),
            1 => (vec(-7isize..7, 2..=3), axes(n, 3)).prop_map(|(k, a)| (k, Some(a))).boxed(),
        ]
    };
    ctx.property("roll", with(&all, true, shifts), |(x, (k, a))| {
        both!(dev, |d| xp::roll(&x.materialise(d)?, &k, a.as_deref()))
    });
    let repeats = |s: &[usize]| {
        let s = s.to_vec();
        (
            proptest::option::weighted(0.8, axis(s.len())),
            any::<bool>(),
        )
            .prop_flat_map(move |(ax, one)| {
                let n = match ax {
                    None => s.iter().product::<usize>(),
                    Some(a) if s.is_empty() => a.unsigned_abs(),
                    Some(a) => s[a.rem_euclid(s.len() as isize) as usize],
                };
                let len = if one { 1 } else { n };
                (vec(0usize..4, len..=len), Just(ax))
            })
    };
    ctx.property("repeat", with(&all, true, repeats), |(x, (r, ax))| {
        both!(dev, |d| xp::repeat(&x.materialise(d)?, &r, ax))
    });
    let small = (dtype_in(&all), shape_with(3, 8)).prop_flat_map(|(d, s)| test_array(d, s, true));
    ctx.property("tile", (small, vec(0usize..3, 0..=4)), |(x, r)| {
        both!(dev, |d| xp::tile(&x.materialise(d)?, &r))
    });
    for name in [
        "broadcast_to",
        "broadcast_arrays",
        "concat",
        "stack",
        "unstack",
        "expand_dims",
        "squeeze",
        "flip",
        "permute_dims",
        "matrix_transpose",
        "moveaxis",
        "reshape",
        "roll",
        "repeat",
        "tile",
    ] {
        ctx.note_unsupported(name);
    }
}
