//! Properties of the creation functions, `astype` and copies.

use super::inputs::scalar;
use super::Ctx;
use crate::both;
use crate::strategies::{
    dim, dtype_in, host_data, shape, shape_with, test_array, test_array_in, TestArray,
};
use array_api::{self as xp, Backend, DType, Indexing};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// `None` or one of `dtypes`.
fn opt_dtype(dtypes: &[DType]) -> BoxedStrategy<Option<DType>> {
    proptest::option::of(dtype_in(dtypes)).boxed()
}

/// Matrices and stacks of matrices (sometimes fewer than 2 dimensions, an error).
fn matrix_array(dtypes: &[DType]) -> BoxedStrategy<TestArray> {
    let stacked = (shape_with(2, 4), dim(), dim()).prop_map(|(mut b, m, n)| {
        b.push(m);
        b.push(n);
        b
    });
    let shapes = prop_oneof![6 => stacked, 1 => shape_with(1, 4)];
    (dtype_in(dtypes), shapes)
        .prop_flat_map(|(d, s)| test_array(d, s, true))
        .boxed()
}

/// Runs the creation properties.
pub fn run<B: Backend>(ctx: &mut Ctx<'_, B>) {
    let dev = ctx.device;
    let all = ctx.supported.clone();
    let real = ctx.supported_of(
        &DType::ALL
            .iter()
            .copied()
            .filter(|d| d.is_numeric() && !d.is_complex())
            .collect::<Vec<_>>(),
    );
    let numeric = ctx.supported_of(
        &DType::ALL
            .iter()
            .copied()
            .filter(|d| d.is_numeric())
            .collect::<Vec<_>>(),
    );
    if all.is_empty() {
        return;
    }

    if !real.is_empty() {
        ctx.property(
            "arange",
            (
                -30i64..30,
                -30i64..30,
                prop_oneof![-6i64..0, 1i64..7],
                opt_dtype(&real),
            ),
            |(a, b, s, dt)| both!(dev, |d| xp::arange(a, b, s, dt, d)),
        );
        // start and stop near a common base (so lengths stay below ~800)
        let offsets = prop_oneof![
            (-40i32..40).prop_map(|i| i as f64 / 4.0),
            select(vec![-0.0, 0.1, -1e-7, 1.0 / 3.0])
        ];
        let bases = select(vec![0.0, 0.0, 1e8, -3.3e15, 1e-300]);
        let steps = select(vec![0.1, 0.25, -0.3, 1.0 / 3.0, 0.7, -1.5, 2.0, -0.1, 7.0]);
        ctx.property(
            "arange",
            (bases, offsets.clone(), offsets, steps, opt_dtype(&real)),
            |(base, a, b, s, dt)| both!(dev, |d| xp::arange(base + a, base + b, s, dt, d)),
        );
    }
    if !numeric.is_empty() {
        let ends = prop_oneof![
            4 => (-40i32..40).prop_map(|i| i as f64 / 4.0),
            1 => select(vec![-0.0, 1e300, -1e300, 5e-324, f64::INFINITY, f64::NAN, 1e-310, 0.1]),
        ];
        ctx.property(
            "linspace",
            (
                ends.clone(),
                ends.clone(),
                0usize..12,
                any::<bool>(),
                opt_dtype(&numeric),
            ),
            |(a, b, n, e, dt)| both!(dev, |d| xp::linspace(a, b, n, e, dt, d)),
        );
        let complex_ends = (ends.clone(), ends).prop_map(|(re, im)| xp::Complex64::new(re, im));
        ctx.property(
            "linspace",
            (
                complex_ends.clone(),
                complex_ends,
                0usize..8,
                any::<bool>(),
                opt_dtype(&numeric),
            ),
            |(a, b, n, e, dt)| both!(dev, |d| xp::linspace(a, b, n, e, dt, d)),
        );
    }
    ctx.property(
        "full",
        (shape(), scalar(), opt_dtype(&all)),
        |(s, v, dt)| both!(dev, |d| xp::full(&s, v, dt, d)),
    );
    ctx.property("zeros", (shape(), dtype_in(&all)), |(s, dt)| {
        both!(dev, |d| xp::zeros(&s, dt, d))
    });
    ctx.property("ones", (shape(), dtype_in(&all)), |(s, dt)| {
        both!(dev, |d| xp::ones(&s, dt, d))
    });
    ctx.property("empty", (shape(), dtype_in(&all)), |(s, dt)| {
        both!(dev, |d| xp::empty(&s, dt, d))
    });
    ctx.property(
        "zeros_like",
        (test_array_in(&all, true), opt_dtype(&all)),
        |(x, dt)| both!(dev, |d| xp::zeros_like(&x.materialise(d)?, dt)),
    );
    ctx.property(
        "ones_like",
        (test_array_in(&all, true), opt_dtype(&all)),
        |(x, dt)| both!(dev, |d| xp::ones_like(&x.materialise(d)?, dt)),
    );
    ctx.property(
        "empty_like",
        (test_array_in(&all, true), opt_dtype(&all)),
        |(x, dt)| both!(dev, |d| xp::empty_like(&x.materialise(d)?, dt)),
    );
    ctx.property(
        "full_like",
        (test_array_in(&all, true), scalar(), opt_dtype(&all)),
        |(x, v, dt)| both!(dev, |d| xp::full_like(&x.materialise(d)?, v, dt)),
    );
    ctx.property(
        "eye",
        (
            0usize..6,
            proptest::option::of(0usize..6),
            -7isize..7,
            dtype_in(&all),
        ),
        |(n, m, k, dt)| both!(dev, |d| xp::eye(n, m, k, dt, d)),
    );
    ctx.property("tril", (matrix_array(&all), -5isize..5), |(x, k)| {
        both!(dev, |d| xp::tril(&x.materialise(d)?, k))
    });
    ctx.property("triu", (matrix_array(&all), -5isize..5), |(x, k)| {
        both!(dev, |d| xp::triu(&x.materialise(d)?, k))
    });
    let host = (dtype_in(&all), shape()).prop_flat_map(|(dt, s)| {
        let n = s.iter().product();
        (host_data(dt, n), Just(s))
    });
    ctx.property("asarray", (host, opt_dtype(&all)), |((h, s), dt)| {
        both!(dev, |d| xp::asarray((h.clone(), s.clone()), dt, d))
    });
    ctx.property(
        "asarray_from",
        (
            test_array_in(&all, true),
            opt_dtype(&all),
            proptest::option::of(any::<bool>()),
        ),
        |(x, dt, copy)| both!(dev, |d| xp::asarray_from(&x.materialise(d)?, dt, copy)),
    );
    ctx.property(
        "astype",
        (test_array_in(&all, true), dtype_in(&all)),
        |(x, dt)| both!(dev, |d| xp::astype(&x.materialise(d)?, dt)),
    );
    ctx.property("copy", test_array_in(&all, true), |x| {
        both!(dev, |d| {
            let a = x.materialise(d)?;
            Ok(vec![a.copy()?, a.to_contiguous()?])
        })
    });
    let grids = (
        dtype_in(&all),
        vec(0usize..4, 0..=3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_flat_map(|(dt, lens, ij, mixed)| {
            let arrays: Vec<BoxedStrategy<TestArray>> = lens
                .iter()
                .enumerate()
                .map(|(i, &n)| {
                    // with `mixed`, the second input gets another dtype (an error)
                    let d = if mixed && i == 1 {
                        if dt == DType::Bool {
                            DType::Int8
                        } else {
                            DType::Bool
                        }
                    } else {
                        dt
                    };
                    test_array(d, vec![n], true)
                })
                .collect();
            (arrays, Just(if ij { Indexing::Ij } else { Indexing::Xy }))
        });
    ctx.property("meshgrid", grids, |(arrays, ix)| {
        both!(dev, |d| {
            let a = super::inputs::all(&arrays, d)?;
            xp::meshgrid(&a.iter().collect::<Vec<_>>(), ix)
        })
    });
    for name in [
        "zeros_like",
        "ones_like",
        "empty_like",
        "full_like",
        "tril",
        "triu",
        "asarray_from",
        "copy",
        "meshgrid",
    ] {
        ctx.note_unsupported(name);
    }
}
