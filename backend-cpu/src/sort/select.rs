//! Selection: partitioning a lane at k-th positions without sorting it (NumPy's
//! `partition`, and the order statistics of `median` / `quantile`).
//!
//! A radix selection on the order-preserving keys of [`super::keys`]:
//!
//! 1. one read-only sweep finds the key bits that vary over the lane; the top `TOP` of
//!    them (from the highest varying bit down) make each element's bucket;
//! 2. one read-only sweep counts the buckets per chunk (in parallel); the bucket holding
//!    each k-th element follows. With those target buckets `t_1 < ... < t_m`, every
//!    element gets one of `2m + 1` classes: "a bucket below `t_1`", "bucket `t_1`", "a
//!    bucket between `t_1` and `t_2`", ... and each chunk's class counts are sums of its
//!    bucket counts;
//! 3. one sweep (per chunk, in parallel) scatters the lane to `dst` grouped by class;
//! 4. inside each target bucket's range of `dst` (a few elements per bucket for long
//!    lanes), the k-th positions are selected in place by `select_nth_unstable` on the
//!    keys (introselect, linear).
//!
//! The grouping by class is the grouping of the sorted lane, so each k-th position holds
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
/// The bucket width in bits (the most significant varying key bits).
const TOP: u32 = 16;

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
    let (lo, hi, _) = super::radix::key_range(src);
    if lo == hi {
        // all keys equal: any order is sorted
        dst.copy_from_slice(src);
        return;
    }
    // the highest key bit that varies (every key shares the bits above it with `lo`/`hi`)
    let hi = 64 - (lo ^ hi).leading_zeros();
    let top = hi.min(TOP);
    let shift = hi - top;
    let nb = 1usize << top;
    let bucket = move |x: &T| ((x.key().wide() >> shift) as usize) & (nb - 1);
    let chunk = super::msd::chunk_len(n, PAR_SELECT);
    let hists: Vec<Vec<u32>> = src
        .par_chunks(chunk)
        .map(|c| {
            let mut h = vec![0u32; nb];
            for x in c {
                h[bucket(x)] += 1;
            }
            h
        })
        .collect();
    let mut total = vec![0usize; nb];
    for h in &hists {
        for (t, &v) in total.iter_mut().zip(h) {
            *t += v as usize;
        }
    }
    // the target buckets (distinct, ascending)
    let mut targets: Vec<usize> = Vec::with_capacity(kth.len());
    let (mut below, mut b) = (0usize, 0usize);
    for &k in kth {
        while below + total[b] <= k {
            below += total[b];
            b += 1;
        }
        if targets.last() != Some(&b) {
            targets.push(b);
        }
    }
    let classes = 2 * targets.len() + 1;
    let class_of_bucket = |d: usize| -> usize {
        let i = targets.partition_point(|&t| t < d);
        2 * i + usize::from(i < targets.len() && targets[i] == d)
    };
    // per chunk, per class counts from the bucket counts
    let cls: Vec<u8> = (0..nb).map(|d| class_of_bucket(d) as u8).collect();
    let counts: Vec<Vec<usize>> = hists
        .iter()
        .map(|h| {
            let mut c = vec![0usize; classes];
            for (d, &v) in h.iter().enumerate() {
                c[cls[d] as usize] += v as usize;
            }
            c
        })
        .collect();
    let mut offs = vec![vec![0usize; classes]; counts.len()];
    let mut starts = vec![0usize; classes + 1];
    let mut run = 0;
    for r in 0..classes {
        starts[r] = run;
        for (c, cnt) in counts.iter().enumerate() {
            offs[c][r] = run;
            run += cnt[r];
        }
    }
    starts[classes] = run;
    let out = SharedPtr(dst.as_mut_ptr());
    let cls = &cls;
    src.par_chunks(chunk)
        .zip(offs.into_par_iter())
        .for_each(|(c, mut off)| {
            // capture the whole (Send) wrapper, not its raw-pointer field
            #[allow(clippy::redundant_locals)]
            let out = out;
            for x in c {
                let r = cls[bucket(x)] as usize;
                let p = off[r];
                off[r] = p + 1;
                // SAFETY: `p < n` is written by no other element (see `SharedPtr`); `dst`
                // has length `n`.
                unsafe { out.0.add(p).write(*x) };
            }
        });
    // the k-th positions inside each target bucket's range
    for i in 0..targets.len() {
        let (lo, end) = (starts[2 * i + 1], starts[2 * i + 2]);
        let ranks: Vec<usize> = kth
            .iter()
            .filter(|&&k| (lo..end).contains(&k))
            .map(|&k| k - lo)
            .collect();
        select_many(&mut dst[lo..end], &ranks);
    }
}

/// Partitions `v` around each of the sorted positions `ranks` in turn (by key, NaN-last
/// order).
fn select_many<T: RadixKey>(v: &mut [T], ranks: &[usize]) {
    let mut lo = 0;
    for &r in ranks {
        if r < lo {
            continue;
        }
        v[lo..].select_nth_unstable_by_key(r - lo, |x| x.key());
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
