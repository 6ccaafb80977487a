//! The radix value sort and argsort: the stable LSD engine of [`super::lsd`] on the
//! order-preserving keys of [`super::keys`].
//!
//! One read-only sweep finds the key bits that vary (and whether the lane holds `-0.0` or
//! NaN payloads the keys do not keep); only those bits are sorted on. The value sort
//! ([`sort_values_into`]) sorts the keys (converting the values in its first pass and
//! back in its last); the argsort ([`argsort_values`]) sorts (key, index) pairs, packed in
//! one `u64` when the varying key bits leave 32 bits for the index.

use super::keys::{KeyBits, RadixKey};
use super::lsd::{self, lsd_sort};
use rayon::prelude::*;

/// Lanes shorter than this are sorted by comparison.
pub const RADIX_MIN: usize = 512;

/// The key bits that vary over `lane` (XOR with the first key, OR-ed) and whether it holds
/// a value its key does not restore (`-0.0`, a NaN payload).
pub(crate) fn varying<T: RadixKey>(lane: &[T]) -> (u64, bool) {
    let Some(first) = lane.first() else {
        return (0, false);
    };
    let k0 = first.key().wide();
    let sweep = |c: &[T]| -> (u64, bool) {
        let mut m = 0u64;
        for x in c {
            m |= x.key().wide() ^ k0;
        }
        let sp = T::LOSSY && c.iter().any(|x| x.special());
        (m, sp)
    };
    let (_, chunk) = lsd::chunking(lane.len());
    lane.par_chunks(chunk)
        .map(sweep)
        .reduce(|| (0, false), |a, b| (a.0 | b.0, a.1 || b.1))
}

/// Writes `src` sorted stably in NumPy's order (NaNs last, `-0.0 == +0.0`) to `dst` (the
/// same length).
pub fn sort_values_into<T: RadixKey>(src: &[T], dst: &mut [T]) {
    let n = src.len();
    debug_assert_eq!(dst.len(), n);
    let (mask, special) = varying(src);
    let passes = lsd::plan(mask, lsd::max_bits(n));
    if passes.is_empty() || n >= 1 << 32 {
        dst.copy_from_slice(src);
        if !passes.is_empty() {
            dst.par_sort_by(super::nan_last_cmp);
        }
        return;
    }
    lsd_sort(
        src,
        dst,
        &passes,
        |x: &T| x.key().wide(),
        |k: &T::K| k.wide(),
        |_, x: &T| x.key(),
        |&k| T::from_key(k),
    );
    if special {
        // the specials, in input order
        let specials: Vec<T> = src
            .iter()
            .copied()
            .filter(|x| x.nan() || *x == T::default())
            .collect();
        restore_specials(dst, &specials);
    }
}

/// Sorts `lane` in place, stably, in NumPy's order (NaNs last, `-0.0 == +0.0`).
pub fn sort_values<T: RadixKey>(lane: &mut [T]) {
    let src = lane.to_vec();
    sort_values_into(&src, lane);
}

/// Puts back the zeros (both signs) and NaNs (any payload) of the input, in input order,
/// into their runs of the sorted `lane` (where the keys made them `+0.0` and the canonical
/// NaN). `specials` holds the input's zeros and NaNs in input order.
fn restore_specials<T: RadixKey>(lane: &mut [T], specials: &[T]) {
    let zero = T::default();
    let z0 = lane.partition_point(|x| !x.nan() && *x < zero);
    let mut zi = z0;
    let nan0 = lane.partition_point(|x| !x.nan());
    let mut ni = nan0;
    for &s in specials {
        if s.nan() {
            lane[ni] = s;
            ni += 1;
        } else {
            lane[zi] = s;
            zi += 1;
        }
    }
}

/// The stable sorting permutation of `lane`, written to `out` (NumPy's order). Lanes of at
/// least 2³² elements are not supported by the radix path: the caller sorts them by
/// comparison.
pub fn argsort_values<T: RadixKey>(lane: &[T], out: &mut [i64]) {
    let n = lane.len();
    assert!(n < 1 << 32, "argsort_values: a lane of {n} elements");
    let (mask, _) = varying(lane);
    if mask == 0 {
        for (i, o) in out.iter_mut().enumerate() {
            *o = i as i64;
        }
        return;
    }
    let lo = mask.trailing_zeros();
    let rel = mask >> lo;
    let mb = lsd::max_bits(n);
    let w = 64 - rel.leading_zeros();
    if w <= 32 {
        // (the key's bits lo..lo + w << 32 | index) in one u64 (the key bits sorted on, as
        // `skey` sees them: constant bits inside the span included)
        let span = (1u64 << w) - 1;
        let passes = lsd::plan(rel << 32, mb);
        lsd_sort(
            lane,
            out,
            &passes,
            |x: &T| (x.key().wide() >> lo) << 32,
            |&p: &u64| p,
            |i, x: &T| (((x.key().wide() >> lo) & span) << 32) | i as u64,
            |&p| (p & 0xFFFF_FFFF) as i64,
        );
    } else {
        let passes = lsd::plan(mask, mb);
        lsd_sort(
            lane,
            out,
            &passes,
            |x: &T| x.key().wide(),
            |p: &(u64, u32)| p.0,
            |i, x: &T| (x.key().wide(), i as u32),
            |p| p.1 as i64,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sort::nan_last_cmp;

    /// Bitwise comparable form (so `-0.0` vs `+0.0` and NaN payloads are told apart).
    trait Bits {
        fn bits(self) -> u64;
    }
    macro_rules! bits_int {
        ($($t:ty),*) => {$(impl Bits for $t { fn bits(self) -> u64 { self as u64 } })*};
    }
    bits_int!(i8, i16, i32, i64, u8, u16, u32, u64, bool);
    impl Bits for f32 {
        fn bits(self) -> u64 {
            self.to_bits() as u64
        }
    }
    impl Bits for f64 {
        fn bits(self) -> u64 {
            self.to_bits()
        }
    }

    /// Radix value sort and argsort against std's stable merge sort in NumPy's order.
    fn check<T: RadixKey + Bits + std::fmt::Debug>(x: &[T]) {
        let mut want: Vec<(T, usize)> = x.iter().copied().zip(0..).collect();
        want.sort_by(|a, b| nan_last_cmp(&a.0, &b.0));
        let mut got = x.to_vec();
        sort_values(&mut got);
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(
                g.bits(),
                w.0.bits(),
                "value {i} of {}: {g:?} vs {:?}",
                x.len(),
                w.0
            );
        }
        let mut idx = vec![0i64; x.len()];
        argsort_values(x, &mut idx);
        for (i, (g, w)) in idx.iter().zip(&want).enumerate() {
            assert_eq!(*g as usize, w.1, "index {i} of {}", x.len());
        }
    }

    fn pattern(n: usize) -> Vec<u64> {
        (0..n as u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 7)
            .collect()
    }

    #[test]
    fn integers_every_width() {
        for n in [0, 1, 2, 600, 5_000] {
            let p = pattern(n);
            check(&p.iter().map(|&v| v as i8).collect::<Vec<_>>());
            check(&p.iter().map(|&v| v as u8).collect::<Vec<_>>());
            check(&p.iter().map(|&v| v as i16).collect::<Vec<_>>());
            check(&p.iter().map(|&v| v as u16).collect::<Vec<_>>());
            check(&p.iter().map(|&v| v as i32).collect::<Vec<_>>());
            check(&p.iter().map(|&v| v as u32).collect::<Vec<_>>());
            check(&p.iter().map(|&v| v as i64).collect::<Vec<_>>());
            check(&p);
            check(&p.iter().map(|&v| v & 1 == 1).collect::<Vec<_>>());
            check(&p.iter().map(|&v| (v % 7) as i64 - 3).collect::<Vec<_>>());
        }
        check(&[i64::MIN, i64::MAX, 0, -1, 1, i64::MIN, i64::MAX].repeat(100));
        check(&[u64::MAX, 0, u64::MAX - 1, 1].repeat(200));
    }

    #[test]
    fn floats_with_specials() {
        let specials = [
            f64::NAN,
            -f64::NAN,
            f64::from_bits(0x7FF0_0000_0000_0001),
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            -5e-324,
        ];
        for n in [3, 700, 9_000] {
            let mut x: Vec<f64> = pattern(n)
                .iter()
                .map(|&v| (v % 20_001) as f64 / 100.0 - 100.0)
                .collect();
            check(&x);
            for i in (0..n).step_by(3) {
                x[i] = specials[i % specials.len()];
            }
            check(&x);
            check(&x.iter().map(|&v| v as f32).collect::<Vec<_>>());
        }
        check(&[f32::NAN, -0.0, 0.0, -0.0, f32::NAN, 1.0].repeat(150));
    }

    #[test]
    fn adversarial_orders() {
        let n = 50_000;
        check(&vec![3.5f64; n]);
        check(&vec![-0.0f32; n]);
        check(&vec![f64::NAN; n]);
        check(&(0..n as i64).collect::<Vec<_>>());
        check(&(0..n as i64).rev().collect::<Vec<_>>());
        check(&(0..n).map(|i| i as f64 * 0.5).collect::<Vec<_>>());
        check(&(0..n).rev().map(|i| i as f32 - 100.0).collect::<Vec<_>>());
    }

    #[test]
    fn constant_bits_inside_the_varying_span() {
        // bits 0 and 3 vary, bit 2 is a constant 1 between them (packed argsort keys)
        let p = pattern(3000);
        let x: Vec<i64> = p
            .iter()
            .map(|&v| 4 | (v & 1) as i64 | ((v >> 9) & 8) as i64)
            .collect();
        check(&x);
        let big: Vec<i64> = pattern(200_003)
            .iter()
            .map(|&v| (1 << 40) | (v & 0x101) as i64 | ((v >> 20) & (1 << 35)) as i64)
            .collect();
        check(&big);
        // 33 varying bits: the (key, index) pair path; one binade of floats
        let wide: Vec<u64> = pattern(70_001).iter().map(|&v| v & 0x1_FFFF_FFFF).collect();
        check(&wide);
        check(
            &pattern(70_001)
                .iter()
                .map(|&v| 1.0 + (v % 1_000_000) as f32 * 1e-7)
                .collect::<Vec<_>>(),
        );
    }

    #[test]
    fn parallel_path() {
        // 2^20 + 3 elements: several chunks per pass
        let n = (1 << 20) + 3;
        let p = pattern(n);
        check(
            &p.iter()
                .map(|&v| (v as f64) * 1e-9 - 3e8)
                .collect::<Vec<_>>(),
        );
        check(&p.iter().map(|&v| (v % 1000) as f32).collect::<Vec<_>>());
        check(&p.iter().map(|&v| v as i64).collect::<Vec<_>>());
        check(&p.iter().map(|&v| (v % 3) as u8).collect::<Vec<_>>());
        let mut x: Vec<f64> = p.iter().map(|&v| (v % 1000) as f64 - 500.0).collect();
        for i in (0..n).step_by(11) {
            x[i] = [f64::NAN, -0.0, 0.0, -f64::NAN][i % 4];
        }
        check(&x);
    }
}
