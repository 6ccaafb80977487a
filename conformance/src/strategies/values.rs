//! Element value strategies per dtype: edge values (NaN, ±inf, ±0, subnormals, extremes,
//! integer bounds, values at the edges of float-to-int casts), small values and arbitrary
//! bit patterns.

use array_api::{with_dtype, Complex32, Complex64, DType, Element, HostData};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// An [`Element`] type with a value strategy biased toward edge cases.
pub trait ArbElement: Element {
    /// Values of this type: edge cases, small values and arbitrary values.
    fn arb() -> BoxedStrategy<Self>;
}

impl ArbElement for bool {
    fn arb() -> BoxedStrategy<bool> {
        any::<bool>().boxed()
    }
}

macro_rules! int_arb {
    ($($t:ty),*) => {$(
        impl ArbElement for $t {
            #[allow(unused_comparisons)]
            fn arb() -> BoxedStrategy<$t> {
                let edges: Vec<$t> = vec![<$t>::MIN, <$t>::MAX, 0, 1, <$t>::MIN.wrapping_add(1), <$t>::MAX - 1, (<$t>::MAX / 2) + 1];
                let small: Vec<$t> = if <$t>::MIN < 0 {
                    (0..16u8).map(|i| (i as $t).wrapping_sub(8)).collect()
                } else {
                    (0..16u8).map(|i| i as $t).collect()
                };
                prop_oneof![
                    2 => select(edges),
                    4 => select(small),
                    3 => any::<$t>(),
                ]
                .boxed()
            }
        }
    )*};
}
int_arb!(i8, i16, i32, i64, u8, u16, u32, u64);

/// Float values at which conversions to integers change behaviour (bounds of every integer
/// dtype, plus and minus a half, powers of two).
const CAST_EDGES: [f64; 22] = [
    127.0,
    127.5,
    128.0,
    -128.0,
    -128.5,
    -129.0,
    255.0,
    255.5,
    256.0,
    32767.0,
    32768.0,
    -32769.0,
    65535.0,
    65536.0,
    2147483647.0,
    2147483648.0,
    -2147483649.0,
    4294967295.0,
    4294967296.0,
    9.223372036854776e18,
    -9.223372036854776e18,
    1.8446744073709552e19,
];

macro_rules! float_arb {
    ($t:ident) => {
        impl ArbElement for $t {
            fn arb() -> BoxedStrategy<$t> {
                let mut edges: Vec<$t> = vec![
                    $t::NAN,
                    -$t::NAN,
                    $t::INFINITY,
                    $t::NEG_INFINITY,
                    0.0,
                    -0.0,
                    1.0,
                    -1.0,
                    0.5,
                    -0.5,
                    1.5,
                    -2.5,
                    $t::MIN_POSITIVE,
                    -$t::MIN_POSITIVE,
                    $t::MIN_POSITIVE / 2.0,
                    $t::from_bits(1),
                    -$t::from_bits(1),
                    $t::MAX,
                    $t::MIN,
                    $t::EPSILON,
                    1.0 + $t::EPSILON,
                ];
                edges.extend(CAST_EDGES.iter().map(|&x| x as $t));
                prop_oneof![
                    3 => select(edges),
                    3 => (-16i32..16).prop_map(|i| i as $t / 2.0),
                    3 => proptest::num::$t::ANY,
                ]
                .boxed()
            }
        }
    };
}
float_arb!(f32);
float_arb!(f64);

impl ArbElement for Complex32 {
    fn arb() -> BoxedStrategy<Complex32> {
        (f32::arb(), f32::arb())
            .prop_map(|(re, im)| Complex32::new(re, im))
            .boxed()
    }
}

impl ArbElement for Complex64 {
    fn arb() -> BoxedStrategy<Complex64> {
        (f64::arb(), f64::arb())
            .prop_map(|(re, im)| Complex64::new(re, im))
            .boxed()
    }
}

/// `len` values of `dtype` as host data. `dtype` must be numeric or bool (not `String`).
pub fn host_data(dtype: DType, len: usize) -> BoxedStrategy<HostData> {
    with_dtype!(dtype, T => vec(T::arb(), len).prop_map(T::into_host).boxed(),
        else => panic!("host_data: no host values for dtype {dtype}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::test_runner::TestRunner;

    #[test]
    fn host_data_has_the_dtype_and_length() {
        let mut r = TestRunner::deterministic();
        for d in DType::ALL {
            r.run(&host_data(d, 5), |h| {
                prop_assert_eq!(h.dtype(), d);
                prop_assert_eq!(h.len(), 5);
                Ok(())
            })
            .unwrap();
        }
    }

    #[test]
    fn floats_include_edge_cases() {
        let mut r = TestRunner::deterministic();
        let (mut nan, mut neg_zero, mut sub) = (false, false, false);
        for _ in 0..2000 {
            let x = f64::arb().new_tree(&mut r).unwrap().current();
            nan |= x.is_nan();
            neg_zero |= x == 0.0 && x.is_sign_negative();
            sub |= x.is_subnormal();
        }
        assert!(nan && neg_zero && sub);
    }
}
