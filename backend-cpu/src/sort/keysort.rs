//! The value sort of 32- and 64-bit radix keys whose least and greatest key the caller
//! already knows (`radix::key_range`), on top of the AVX-512 quicksort of [`super::simd`].
//!
//! - `u32` keys go to the quicksort as they are.
//! - `u64` keys whose range `hi - lo` fits in 32 bits (integer data of moderate range,
//!   e.g. indices, counts, the `int64` values below 2³²) are sorted as the `u32` offsets
//!   `k - lo`: one parallel pass writes them to a scratch buffer (half the bytes), the
//!   quicksort sorts them with 16 keys per vector instead of 8 (about half the work per
//!   key), and one parallel pass writes `lo + offset` back. Other `u64` keys go to the
//!   quicksort as they are.
//!
//! A top-level MSD radix scatter (histogram of the top bits of `k - lo`, then a quicksort
//! of each cache-sized bucket) and an in-cache MSD radix sort of the quicksort's leaves
//! were measured and rejected: on this machine (2-core AVX-512 VM, shared) a scatter pass
//! over a buffer larger than L2 costs 15–30 ns per key (the write streams miss), more
//! than the whole quicksort (~10 ns per key), and in cache the radix leaf only matched
//! the quicksort's partitions and networks.
//!
//! Measured with the `simd` changes, as the value sort runs it (key range sweep, keys
//! written, sorted, converted back), minimum of interleaved runs at a load average of ~7
//! on 2 cores (so a second thread barely helped), old → new: `int64` (20-bit range) 10⁶
//! 32–36 → 17–18 ms, 10⁷ 493–499 → 272–284 ms; random `u64` 10⁷ 489–500 → 309–317 ms.
//! With the vectorised, fused key sweep of `radix` and the partition changes of `simd`
//! (this file unchanged), two threads, minima of interleaved runs at a load average of
//! 2–5: `int64` (20-bit range) 10⁶ 2.2 → 2.0 ms, 10⁷ 44 → 43 ms; random `u64` 10⁶
//! 2.8 → 2.6 ms, 10⁷ 37 → 37 ms (the narrowing passes and the quicksort dominate).

use super::msd::{chunk_len, PAR};
use super::simd::SimdKey;
use rayon::prelude::*;

/// `u64` inputs shorter than this skip the narrowing (its two passes and the scratch
/// allocation cost more than the narrower sort saves).
pub const NARROW_MIN: usize = 1 << 12;

/// Sorts `keys` ascending in place; `lo` and `hi` are their least and greatest key.
///
/// Requires [`super::simd::available`]. With `lo >= hi` nothing is done (the keys are
/// all equal when the bounds are right). Wrong bounds never cause undefined behaviour.
pub fn sort_u32(keys: &mut [u32], lo: u32, hi: u32) {
    if lo < hi {
        u32::sort(keys);
    }
}

/// Sorts `keys` ascending in place; `lo` and `hi` are their least and greatest key.
///
/// Requires [`super::simd::available`]. With `lo >= hi` nothing is done (the keys are
/// all equal when the bounds are right). Keys outside `lo..=hi` may end up out of order
/// (never undefined behaviour): the narrowed path keeps only `k - lo` modulo 2³².
pub fn sort_u64(keys: &mut [u64], lo: u64, hi: u64) {
    if lo >= hi {
        return;
    }
    let n = keys.len();
    if hi - lo > u64::from(u32::MAX) || n < NARROW_MIN {
        u64::sort(keys);
        return;
    }
    let chunk = chunk_len(n, PAR);
    // (huge pages for large buffers: see `crate::alloc::with_capacity`)
    let mut narrow: Vec<u32> = crate::alloc::with_capacity(n);
    narrow.par_extend(
        keys.par_iter()
            .with_min_len(chunk)
            .map(|&k| k.wrapping_sub(lo) as u32),
    );
    u32::sort(&mut narrow);
    keys.par_chunks_mut(chunk)
        .zip(narrow.par_chunks(chunk))
        .for_each(|(k, w)| {
            for (k, &w) in k.iter_mut().zip(w) {
                *k = lo.wrapping_add(u64::from(w));
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// xorshift64: a reproducible stream of full-range keys.
    fn stream(seed: u64) -> impl FnMut() -> u64 {
        let mut s = seed | 1;
        move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        }
    }

    fn check64(x: &[u64]) {
        let mut want = x.to_vec();
        want.sort_unstable();
        let (lo, hi) = match (x.iter().min(), x.iter().max()) {
            (Some(&lo), Some(&hi)) => (lo, hi),
            _ => (0, 0),
        };
        let mut got = x.to_vec();
        sort_u64(&mut got, lo, hi);
        assert!(got == want, "u64, n = {}", x.len());
    }

    fn check32(x: &[u32]) {
        let mut want = x.to_vec();
        want.sort_unstable();
        let (lo, hi) = match (x.iter().min(), x.iter().max()) {
            (Some(&lo), Some(&hi)) => (lo, hi),
            _ => (0, 0),
        };
        let mut got = x.to_vec();
        sort_u32(&mut got, lo, hi);
        assert!(got == want, "u32, n = {}", x.len());
    }

    /// The input patterns of length `n` from the full-range stream `r`.
    fn patterns(n: usize, r: &mut impl FnMut() -> u64) -> Vec<Vec<u64>> {
        let rnd: Vec<u64> = (0..n).map(|_| r()).collect();
        let nn = n as u64;
        vec![
            rnd.clone(),
            rnd.iter().map(|&v| v % 1_000_003).collect(),
            rnd.iter().map(|&v| (v % 10) << 40).collect(),
            rnd.iter().map(|&v| v >> (v % 64)).collect(),
            rnd.iter().map(|&v| v & 0xFFFF_FFFF).collect(),
            rnd.iter()
                .map(|&v| (v & 0x1_FFFF_FFFF) + (1 << 60))
                .collect(),
            (0..nn).collect(),
            (0..nn).rev().collect(),
            (0..nn).map(|i| i.min(nn - i)).collect(),
            (0..nn).map(|i| i % 17).collect(),
            (0..nn).map(|i| (i * 7919) % 1_000_003).collect(),
            vec![u64::MAX; n],
            (0..nn)
                .map(|i| if i == nn / 2 { u64::MAX } else { i % 1000 })
                .collect(),
            (0..nn)
                .map(|i| if i % 2 == 0 { 0 } else { u64::MAX })
                .collect(),
        ]
    }

    fn check_all(n: usize, r: &mut impl FnMut() -> u64) {
        for p in patterns(n, r) {
            check64(&p);
            check32(&p.iter().map(|&v| v as u32).collect::<Vec<_>>());
            check32(&p.iter().map(|&v| (v >> 32) as u32).collect::<Vec<_>>());
        }
    }

    #[test]
    fn every_short_length() {
        if !crate::sort::simd::available() {
            return;
        }
        let mut r = stream(7);
        for n in 0..600 {
            check_all(n, &mut r);
        }
        for n in (600..3000).step_by(7) {
            check_all(n, &mut r);
        }
    }

    #[test]
    fn long_inputs() {
        if !crate::sort::simd::available() {
            return;
        }
        let mut r = stream(11);
        for n in [4095, 4096, 4097, 65_537, 100_000, 1_000_003] {
            check_all(n, &mut r);
        }
    }

    #[test]
    fn float_keys() {
        if !crate::sort::simd::available() {
            return;
        }
        // the benchmark's floats (one or two binades) and normal-like values, as keys
        let key = |b: u64| if b >> 63 == 1 { !b } else { b | 1 << 63 };
        let n = 300_001;
        let bench: Vec<u64> = (0..n)
            .map(|i| {
                let x = i as f64 * 0.618_033_988_749_894_9;
                key((0.5 + 1.5 * (x - x.floor())).to_bits())
            })
            .collect();
        check64(&bench);
        let mut r = stream(3);
        let mixed: Vec<u64> = (0..n)
            .map(|_| key((((r() >> 11) as f64) / 9e15 - 0.5).to_bits()))
            .collect();
        check64(&mixed);
        check32(&mixed.iter().map(|&k| (k >> 32) as u32).collect::<Vec<_>>());
    }

    #[test]
    fn wrong_bounds_do_not_panic() {
        if !crate::sort::simd::available() {
            return;
        }
        let mut x: Vec<u64> = (0..10_000).map(|i| (i * 7919) % 10_007).collect();
        sort_u64(&mut x, 5, 100);
        sort_u64(&mut x, 100, 5);
        let mut y: Vec<u32> = (0..10_000).collect();
        sort_u32(&mut y, 9, 9);
    }
}
