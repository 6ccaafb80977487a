//! Shape strategies: 0-d, empty axes, size-1 axes, up to 6 dimensions, bounded size, and
//! (in)compatible broadcasting pairs.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

/// Default bound on the number of elements of a generated array.
pub const MAX_SIZE: usize = 64;
/// Default bound on the number of dimensions of a generated array.
pub const MAX_NDIM: usize = 6;

/// One axis length: 0 rarely, 1 often, otherwise 2..=5. Shrinks toward 0.
pub fn dim() -> impl Strategy<Value = usize> + Clone {
    prop_oneof![1 => Just(0usize), 3 => Just(1usize), 6 => 2usize..=5]
}

/// Reduces the longest axes of `shape` until it has at most `max_size` elements.
fn fit(mut shape: Vec<usize>, max_size: usize) -> Vec<usize> {
    while shape.iter().product::<usize>() > max_size {
        let (i, _) = shape
            .iter()
            .enumerate()
            .max_by_key(|(_, &d)| d)
            .expect("a shape over the size bound has an axis");
        shape[i] -= 1;
    }
    shape
}

/// A shape of up to `max_ndim` dimensions and at most `max_size` elements.
pub fn shape_with(max_ndim: usize, max_size: usize) -> BoxedStrategy<Vec<usize>> {
    vec(dim(), 0..=max_ndim)
        .prop_map(move |s| fit(s, max_size))
        .boxed()
}

/// A shape of up to 6 dimensions and at most 64 elements.
pub fn shape() -> BoxedStrategy<Vec<usize>> {
    shape_with(MAX_NDIM, MAX_SIZE)
}

/// A shape that broadcasts to `target`: a suffix of it with some axes set to 1.
pub fn broadcastable_to(target: Vec<usize>) -> BoxedStrategy<Vec<usize>> {
    let n = target.len();
    (0..=n, vec(proptest::bool::weighted(0.3), n))
        .prop_map(move |(drop, ones)| {
            (drop..n)
                .map(|a| if ones[a] { 1 } else { target[a] })
                .collect()
        })
        .boxed()
}

/// Two shapes that broadcast together (both broadcast to one generated shape).
pub fn broadcast_pair() -> BoxedStrategy<(Vec<usize>, Vec<usize>)> {
    shape_with(5, 32)
        .prop_flat_map(|s| (broadcastable_to(s.clone()), broadcastable_to(s)))
        .boxed()
}

/// Two shapes that do *not* broadcast together: equal except one axis, where they hold
/// two different lengths, both at least 2.
pub fn incompatible_pair() -> BoxedStrategy<(Vec<usize>, Vec<usize>)> {
    (
        vec(1usize..=3, 0..=3),
        2usize..=4,
        1usize..=2,
        any::<Index>(),
    )
        .prop_map(|(base, d, delta, at)| {
            let pos = at.index(base.len() + 1);
            let mut a = base.clone();
            let mut b = base;
            a.insert(pos, d);
            b.insert(pos, d + delta);
            (a, b)
        })
        .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use array_api::broadcast_shapes;
    use proptest::test_runner::TestRunner;

    #[test]
    fn shapes_respect_bounds() {
        let mut r = TestRunner::deterministic();
        r.run(&shape(), |s| {
            prop_assert!(s.len() <= MAX_NDIM);
            prop_assert!(s.iter().product::<usize>() <= MAX_SIZE);
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn pairs_broadcast_or_not() {
        let mut r = TestRunner::deterministic();
        r.run(&broadcast_pair(), |(a, b)| {
            prop_assert!(broadcast_shapes(&[&a, &b]).is_ok());
            Ok(())
        })
        .unwrap();
        r.run(&incompatible_pair(), |(a, b)| {
            prop_assert!(broadcast_shapes(&[&a, &b]).is_err());
            Ok(())
        })
        .unwrap();
    }
}
