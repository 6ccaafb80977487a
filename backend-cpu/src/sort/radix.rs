//! The value sort and argsort of radix keys ([`super::keys`]): one sweep (vectorised, in
//! `sweep.rs`) finds the least and greatest key (and whether the lane holds `-0.0` or NaN
//! payloads the keys do not keep).
//!
//! - The value sort ([`sort_values_into`]) of 4- and 8-byte elements on a CPU with
//!   AVX-512 writes the keys into the output in that same sweep, sorts them there with
//!   the vectorised quicksort of [`super::simd`] and converts them back in place;
//!   otherwise (and for 1- and 2-byte elements) it runs the stable MSD radix sort of
//!   [`super::msd`], converting the values in its first pass and back in its last.
//! - The argsort ([`argsort_values`]) sorts (key, index) pairs with the MSD radix sort
//!   (stable, so equal keys keep their input order), packed in one `u64` when the key
//!   range leaves 32 bits for the index.
//!
//! Either way, `-0.0` and NaN payloads are put back in input order afterwards.

use super::keys::{KeyBits, RadixKey};
use super::msd::msd_sort;
use super::sweep;
use rayon::prelude::*;

/// Lanes shorter than this are sorted by comparison.
pub const RADIX_MIN: usize = 512;

/// The least and greatest key of `lane` (`(0, 0)` when empty) and whether it holds a
/// value its key does not restore (`-0.0`, a NaN payload).
pub(crate) fn key_range<T: RadixKey>(lane: &[T]) -> (u64, u64, bool) {
    sweep::range(lane)
}

/// Writes `src` sorted stably in NumPy's order (NaNs last, `-0.0 == +0.0`) to `dst` (the
/// same length).
pub fn sort_values_into<T: RadixKey>(src: &[T], dst: &mut [T]) {
    sort_values_with(src, dst, true)
}

/// [`sort_values_into`], by the AVX-512 quicksort only when `simd` (and the CPU has it).
fn sort_values_with<T: RadixKey>(src: &[T], dst: &mut [T], simd: bool) {
    let n = src.len();
    debug_assert_eq!(dst.len(), n);
    let done = if simd && n < 1 << 32 {
        sort_simd(src, dst)
    } else {
        None
    };
    let special = match done {
        Some(special) => special,
        None => {
            let (lo, hi, special) = key_range(src);
            if lo == hi || n >= 1 << 32 {
                // equal keys (a stable sort keeps the input order), or too long for the
                // radix sort
                dst.copy_from_slice(src);
                if lo != hi {
                    dst.par_sort_by(super::nan_last_cmp);
                }
                return;
            }
            msd_sort(
                src,
                dst,
                lo,
                hi,
                |x: &T| x.key().wide(),
                |k: &T::K| k.wide(),
                |_, x: &T| x.key(),
                |&k| T::from_key(k),
            );
            special
        }
    };
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

/// Writes the keys of `src` to `dst` while finding their range (one fused sweep), sorts
/// them there with the AVX-512 sort and converts them back to values. Returns whether
/// the input holds values the keys do not restore (`-0.0`, NaN payloads: the caller puts
/// them back), or `None` (nothing written) for 1- and 2-byte keys or a CPU without the
/// sort.
fn sort_simd<T: RadixKey>(src: &[T], dst: &mut [T]) -> Option<bool> {
    use std::mem::{align_of, size_of};
    if !matches!(T::K::BYTES, 4 | 8)
        || size_of::<T>() != size_of::<T::K>()
        || align_of::<T>() != align_of::<T::K>()
        || !super::simd::available()
    {
        return None;
    }
    let n = src.len();
    // the keys are written to, and sorted in, the output's own memory
    // SAFETY: `T` and `T::K` have the same size and alignment, and `T` is a 4- or 8-byte
    // integer or float (the only `RadixKey`s with such keys), for which, as for `T::K`,
    // every bit pattern is a valid value.
    let keys: &mut [T::K] = unsafe { std::slice::from_raw_parts_mut(dst.as_mut_ptr().cast(), n) };
    let (lo, hi, special) = sweep::keys_and_range(src, keys);
    if lo == hi {
        // equal keys: the stable order is the input order
        dst.copy_from_slice(src);
        return Some(false);
    }
    // `T::K` is one of `u8`, `u16`, `u32`, `u64` (the `KeyBits` types): a 4-byte key is a
    // `u32`, an 8-byte one a `u64`.
    // SAFETY: the same memory, viewed as the type `T::K` is.
    unsafe {
        if T::K::BYTES == 4 {
            // a 4-byte key's bounds fit in `u32`
            super::keysort::sort_u32(
                std::slice::from_raw_parts_mut(dst.as_mut_ptr().cast(), n),
                lo as u32,
                hi as u32,
            );
        } else {
            super::keysort::sort_u64(
                std::slice::from_raw_parts_mut(dst.as_mut_ptr().cast(), n),
                lo,
                hi,
            );
        }
    }
    // SAFETY: as above; `dst` holds the sorted keys.
    unsafe { sweep::keys_to_values(dst) };
    Some(special)
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
    let (lo, hi, _) = key_range(lane);
    if hi - lo <= u64::from(u32::MAX) {
        // (key - lo) << 32 | index in one u64
        msd_sort(
            lane,
            out,
            0,
            hi - lo,
            |x: &T| x.key().wide() - lo,
            |&p: &u64| p >> 32,
            |i, x: &T| ((x.key().wide() - lo) << 32) | i as u64,
            |&p| (p & 0xFFFF_FFFF) as i64,
        );
    } else {
        msd_sort(
            lane,
            out,
            lo,
            hi,
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
        // the AVX-512 quicksort (where the CPU has it) and the radix sort
        for simd in [true, false] {
            let mut got = x.to_vec();
            sort_values_with(x, &mut got, simd);
            for (i, (g, w)) in got.iter().zip(&want).enumerate() {
                assert_eq!(
                    g.bits(),
                    w.0.bits(),
                    "value {i} of {} (simd {simd}): {g:?} vs {:?}",
                    x.len(),
                    w.0
                );
            }
        }
        let mut got = x.to_vec();
        sort_values(&mut got);
        assert!(got.iter().zip(&want).all(|(g, w)| g.bits() == w.0.bits()));
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
