//! Selection: partitioning a lane at k-th positions without sorting it (NumPy's
//! `partition`, and the order statistics of `median` / `quantile`).
//!
//! A radix selection on the order-preserving keys of [`super::keys`]:
//!
//! 1. one pass counts the histogram of the keys' top 16 bits (per chunk, in parallel);
//!    the bucket holding each k-th element and the number of elements below it follow;
//! 2. one pass collects the keys of those few buckets (the candidates), in which each
//!    k-th key is found by `select_nth_unstable` (introselect, linear);
//! 3. with the distinct k-th keys `w_1 < ... < w_p`, every element gets one of the `2p + 1`
//!    ranks "below `w_1`", "equal to `w_1`", "between `w_1` and `w_2`", ...; a counting
//!    pass and a scatter pass (per chunk, in parallel) write the lane grouped by rank.
//!
//! The grouping by rank is the grouping of the sorted lane, so each k-th position holds
//! the element a sort would put there, with smaller (NaN-last order) elements before and
//! larger ones after: a valid partition (the order inside each group is not specified).
//! Short lanes, and many k-th positions, are sorted instead.

use super::keys::{KeyBits, RadixKey};
use super::SharedPtr;
use rayon::prelude::*;

/// Lanes shorter than this are sorted (a sorted lane is a valid partition).
pub const SELECT_MIN: usize = 4096;
/// More k-th positions than this: the lane is sorted.
const MAX_KTH: usize = 32;
/// Chunks at least this long are split over threads.
const PAR_SELECT: usize = 1 << 17;

/// Writes into `dst` the lane `src` partitioned at the positions `kth` (sorted, distinct,
/// each `< src.len()`): `dst[k]` is the element a stable sort would put at `k`, elements
/// before it are not after it in NumPy's order, elements after it are not before it.
pub fn partition_lane<T: RadixKey>(src: &[T], dst: &mut [T], kth: &[usize]) {
    let n = src.len();
    debug_assert_eq!(dst.len(), n);
    if n < SELECT_MIN || kth.len() > MAX_KTH || kth.is_empty() {
        dst.copy_from_slice(src);
        if !kth.is_empty() {
            super::sort_lane(dst);
        }
        return;
    }
    let w = select_keys(src, kth);
    let mut w: Vec<T::K> = w;
    w.dedup();
    let ranks = 2 * w.len() + 1;
    let rank = |x: &T| -> usize {
        let k = x.key();
        let i = w.partition_point(|&v| v < k);
        2 * i + usize::from(i < w.len() && w[i] == k)
    };
    let chunk = chunk_len(n);
    let counts: Vec<Vec<usize>> = src
        .par_chunks(chunk)
        .map(|c| {
            let mut h = vec![0usize; ranks];
            for x in c {
                h[rank(x)] += 1;
            }
            h
        })
        .collect();
    let mut offs = vec![vec![0usize; ranks]; counts.len()];
    let mut run = 0;
    for r in 0..ranks {
        for (c, cnt) in counts.iter().enumerate() {
            offs[c][r] = run;
            run += cnt[r];
        }
    }
    let out = SharedPtr(dst.as_mut_ptr());
    src.par_chunks(chunk)
        .zip(offs.into_par_iter())
        .for_each(|(c, mut off)| {
            // capture the whole (Send) wrapper, not its raw-pointer field
            #[allow(clippy::redundant_locals)]
            let out = out;
            for x in c {
                let r = rank(x);
                let p = off[r];
                off[r] = p + 1;
                // SAFETY: `p < n` is written by no other element (see `SharedPtr`); `dst`
                // has length `n`.
                unsafe { out.0.add(p).write(*x) };
            }
        });
}

fn chunk_len(n: usize) -> usize {
    if n >= PAR_SELECT {
        n.div_ceil(rayon::current_num_threads().max(1))
    } else {
        n.max(1)
    }
}

/// The keys at the sorted positions `kth` (sorted, each `< src.len()`) of `src`.
pub fn select_keys<T: RadixKey>(src: &[T], kth: &[usize]) -> Vec<T::K> {
    let bits = (T::K::BYTES * 8) as u32;
    let top = bits.min(16);
    let shift = bits - top;
    let nb = 1usize << top;
    let digit = |x: &T| (x.key().wide() >> shift) as usize;
    let chunk = chunk_len(src.len());
    let hist = src
        .par_chunks(chunk)
        .map(|c| {
            let mut h = vec![0usize; nb];
            for x in c {
                h[digit(x)] += 1;
            }
            h
        })
        .reduce_with(|mut a, b| {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
            a
        })
        .unwrap_or_default();
    // for each k: its bucket and the rank inside it
    let mut below = 0usize;
    let mut b = 0usize;
    let mut targets: Vec<(usize, usize)> = Vec::with_capacity(kth.len());
    for &k in kth {
        while below + hist[b] <= k {
            below += hist[b];
            b += 1;
        }
        targets.push((b, k - below));
    }
    let mut buckets: Vec<usize> = targets.iter().map(|t| t.0).collect();
    buckets.dedup();
    // the candidates of every target bucket, in one pass
    let cands: Vec<Vec<T::K>> = src
        .par_chunks(chunk)
        .map(|c| {
            let mut v: Vec<Vec<T::K>> = vec![Vec::new(); buckets.len()];
            for x in c {
                let d = digit(x);
                if let Ok(i) = buckets.binary_search(&d) {
                    v[i].push(x.key());
                }
            }
            v
        })
        .reduce_with(|mut a, b| {
            for (x, y) in a.iter_mut().zip(b) {
                x.extend(y);
            }
            a
        })
        .unwrap_or_default();
    let mut out = Vec::with_capacity(kth.len());
    for (bi, &bucket) in buckets.iter().enumerate() {
        let mut c = cands[bi].clone();
        let ranks: Vec<usize> = targets
            .iter()
            .filter(|t| t.0 == bucket)
            .map(|t| t.1)
            .collect();
        select_many(&mut c, &ranks, &mut out);
    }
    out
}

/// Pushes `v`'s elements at the sorted positions `ranks` (sorted) to `out`, partitioning
/// `v` around each in turn.
fn select_many<K: KeyBits>(v: &mut [K], ranks: &[usize], out: &mut Vec<K>) {
    let mut lo = 0;
    for &r in ranks {
        if r < lo {
            // a repeated position
            out.push(v[r]);
            continue;
        }
        let (_, x, _) = v[lo..].select_nth_unstable(r - lo);
        out.push(*x);
        lo = r + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sort::nan_last_cmp;
    use std::cmp::Ordering;

    /// `dst` is a valid partition of `src` at `kth`: a permutation, the sorted value at
    /// each k, nothing greater before and nothing smaller after.
    fn check<T: RadixKey + std::fmt::Debug>(src: &[T], kth: &[usize]) {
        let mut dst = vec![T::default(); src.len()];
        partition_lane(src, &mut dst, kth);
        let mut sorted = src.to_vec();
        sorted.sort_by(nan_last_cmp);
        let mut perm = dst.clone();
        perm.sort_by(nan_last_cmp);
        let same = |a: &T, b: &T| nan_last_cmp(a, b) == Ordering::Equal;
        assert!(perm.iter().zip(&sorted).all(|(a, b)| same(a, b)));
        for &k in kth {
            assert!(same(&dst[k], &sorted[k]), "k = {k}");
            assert!(dst[..k]
                .iter()
                .all(|x| nan_last_cmp(x, &dst[k]) != Ordering::Greater));
            assert!(dst[k + 1..]
                .iter()
                .all(|x| nan_last_cmp(x, &dst[k]) != Ordering::Less));
        }
    }

    fn scrambled(n: usize) -> Vec<f64> {
        (0..n as u64)
            .map(|i| ((i * 2_654_435_761) % 1_000_003) as f64 / 7.0 - 50_000.0)
            .collect()
    }

    #[test]
    fn ends_ties_and_nans() {
        let n = 20_011;
        let x = scrambled(n);
        check(&x, &[0]);
        check(&x, &[n - 1]);
        check(&x, &[0, 1, n / 2, n - 2, n - 1]);
        // ties: few distinct values
        let t: Vec<i64> = (0..n as i64).map(|i| (i * 31) % 5).collect();
        check(&t, &[0, n / 3, n / 2, n - 1]);
        // all equal
        check(&vec![7u8; n], &[0, n / 2, n - 1]);
        // NaNs (they sort last) and signed zeros / infinities
        let mut y = x.clone();
        for i in (0..n).step_by(7) {
            y[i] = [
                f64::NAN,
                -0.0,
                0.0,
                f64::INFINITY,
                f64::NEG_INFINITY,
                -f64::NAN,
            ][i % 6];
        }
        check(&y, &[0, n / 2, n - 1]);
        check(&y, &[n - n / 7 - 1]);
        let z: Vec<f32> = y.iter().map(|&v| v as f32).collect();
        check(&z, &[1, n / 2 - 1, n / 2, n - 1]);
        // the parallel path
        let big: Vec<f64> = scrambled((1 << 20) + 3);
        check(&big, &[(1 << 19) + 1, (1 << 19) + 2]);
        // short lanes take the sorting path
        check(&scrambled(100), &[0, 50, 99]);
        let u: Vec<u64> = (0..n as u64)
            .map(|i| u64::MAX - (i * 7919) % 1000)
            .collect();
        check(&u, &[0, n - 1]);
        let b: Vec<bool> = (0..n).map(|i| i % 3 == 0).collect();
        check(&b, &[n / 3, n / 3 + 1]);
    }
}
