//! The engine of the radix sorts: a stable MSD radix sort on key *ranges*, parallel over
//! rayon's threads, reading its source and writing its destination in other types.
//!
//! Each level finds the range `lo..=hi` of its keys and splits it by the digit
//! `(key - lo) >> shift` into at most 2¹¹ buckets (fewer for short buckets: about one
//! bucket per two elements), so the buckets of any distribution that is smooth at the
//! scale of the range are near-equal: a 10⁶ float32 lane of one or two binades becomes
//! 2,048 buckets of ~500 elements after one pass over memory, and every later level runs
//! inside L1/L2 on one bucket. Buckets of at most [`SMALL`] elements are finished by
//! insertion sort; a level whose digit covers the whole remaining range writes its
//! output directly (its buckets hold equal keys).
//!
//! The top level converts the source elements (e.g. floats, or (value, index) for
//! argsort) into the sorted elements (keys, (key, index) pairs) as it scatters them;
//! the last level of every bucket converts them into output elements. Every scatter is
//! out of place and visits its source in order, and insertion sort moves an element only
//! past strictly greater keys, so the sort is stable.
//!
//! Compared with an LSD radix sort (whose every pass streams the whole array through
//! memory), one pass over memory suffices for most inputs, and the number of levels
//! adapts to the data: keys that differ only in a few bits need one level.

use super::SharedPtr;
use rayon::prelude::*;
use std::mem::MaybeUninit;

/// The widest digit in bits (2048 buckets: the counts and the write streams of a
/// scatter stay in L1).
pub const MAX_DIGIT: u32 = 11;

/// Buckets this short are finished by insertion sort.
pub const SMALL: usize = 16;

/// Sources at least this long are split over threads (the top level's histogram and
/// scatter by chunks, the buckets of a level over rayon).
pub const PAR: usize = 1 << 16;

/// The chunk length splitting `n` elements over the threads when `n >= par_min` (one
/// chunk otherwise; at least 1).
pub fn chunk_len(n: usize, par_min: usize) -> usize {
    let t = if n >= par_min {
        rayon::current_num_threads().max(1)
    } else {
        1
    };
    n.div_ceil(t).max(1)
}

#[inline(always)]
fn log2_ceil(m: usize) -> u32 {
    usize::BITS - (m.max(1) - 1).leading_zeros()
}

/// The digit `(bits, shift)` for `m` keys spanning `r = hi - lo > 0`: about one bucket per
/// two elements, at least 8 and at most 2¹¹ buckets, never wider than the range.
#[inline(always)]
fn digit_for(m: usize, r: u64) -> (u32, u32) {
    let rbits = u64::BITS - r.leading_zeros();
    let want = log2_ceil(m).saturating_sub(1).clamp(3, MAX_DIGIT);
    let bits = rbits.min(want);
    (bits, rbits - bits)
}

/// Sorts `src` stably by `skey` into `dst` (the same length): `lo` and `hi` are the least
/// and greatest `skey` of `src`; `to_e(i, &src[i])` makes the sorted element of source
/// position `i`, `ekey` is its key (equal to `skey` of its source), `to_o` its output.
#[allow(clippy::too_many_arguments)]
pub fn msd_sort<S, E, O>(
    src: &[S],
    dst: &mut [O],
    lo: u64,
    hi: u64,
    skey: impl Fn(&S) -> u64 + Sync,
    ekey: impl Fn(&E) -> u64 + Sync,
    to_e: impl Fn(usize, &S) -> E + Sync,
    to_o: impl Fn(&E) -> O + Sync,
) where
    S: Copy + Sync,
    E: Copy + Send + Sync,
    O: Copy + Send + Sync,
{
    let n = src.len();
    assert_eq!(dst.len(), n, "msd_sort: destination length");
    let chunk = chunk_len(n, PAR);
    if lo == hi {
        dst.par_chunks_mut(chunk)
            .zip(src.par_chunks(chunk))
            .enumerate()
            .for_each(|(ci, (d, s))| {
                for (j, (d, s)) in d.iter_mut().zip(s).enumerate() {
                    *d = to_o(&to_e(ci * chunk + j, s));
                }
            });
        return;
    }
    let (bits, shift) = digit_for(n, hi - lo);
    let nd = 1usize << bits;
    let dig = |k: u64| ((k - lo) >> shift) as usize;
    let hists: Vec<Vec<u32>> = src
        .par_chunks(chunk)
        .map(|c| {
            let mut h = vec![0u32; nd];
            for s in c {
                h[dig(skey(s))] += 1;
            }
            h
        })
        .collect();
    // offsets: digit-major, chunk-minor; `starts[d]` is where digit `d`'s bucket starts
    let mut offs = vec![vec![0usize; nd]; hists.len()];
    let mut starts = Vec::with_capacity(nd + 1);
    let mut run = 0usize;
    for d in 0..nd {
        starts.push(run);
        for (off, h) in offs.iter_mut().zip(&hists) {
            off[d] = run;
            run += h[d] as usize;
        }
    }
    starts.push(n);
    if shift == 0 {
        // every bucket holds one key: this level is the last
        let conv = |i, s: &S| to_o(&to_e(i, s));
        scatter(
            src,
            chunk,
            &offs,
            SharedPtr(dst.as_mut_ptr()),
            &dig,
            &skey,
            &conv,
        );
        return;
    }
    // (huge pages for large buffers: see `crate::alloc::with_capacity`)
    let mut a: Vec<MaybeUninit<E>> = crate::alloc::with_capacity(n);
    let mut b: Vec<MaybeUninit<E>> = crate::alloc::with_capacity(n);
    // SAFETY: `MaybeUninit` needs no initialisation; the capacity is `n`.
    unsafe {
        a.set_len(n);
        b.set_len(n);
    }
    scatter(
        src,
        chunk,
        &offs,
        SharedPtr(a.as_mut_ptr().cast::<E>()),
        &dig,
        &skey,
        &to_e,
    );
    // SAFETY: the scatter wrote every one of the `n` positions of `a` (the offsets
    // partition `0..n`); `b` is scratch that every level writes before it reads.
    let (a, b) = unsafe {
        (
            std::slice::from_raw_parts_mut(a.as_mut_ptr().cast::<E>(), n),
            &mut *(b.as_mut_slice() as *mut [MaybeUninit<E>] as *mut [E]),
        )
    };
    buckets(a, b, dst, &starts, &ekey, &to_o);
}

/// The top level's scatter: every chunk of `src` (`chunk` elements; `offs[c]` the first
/// position of each digit's elements from chunk `c`) to `out`, converted by `conv(global
/// index, element)`.
#[allow(clippy::too_many_arguments)]
fn scatter<S: Sync, X: Copy + Send>(
    src: &[S],
    chunk: usize,
    offs: &[Vec<usize>],
    out: SharedPtr<X>,
    dig: &(impl Fn(u64) -> usize + Sync),
    skey: &(impl Fn(&S) -> u64 + Sync),
    conv: &(impl Fn(usize, &S) -> X + Sync),
) {
    src.par_chunks(chunk)
        .zip(offs.par_iter())
        .enumerate()
        .for_each(|(ci, (c, off))| {
            // capture the whole (Send) wrapper, not its raw-pointer field
            #[allow(clippy::redundant_locals)]
            let out = out;
            let mut off = off.clone();
            let base = ci * chunk;
            for (j, s) in c.iter().enumerate() {
                let d = dig(skey(s));
                let p = off[d];
                off[d] = p + 1;
                // SAFETY: `p < n`, and no other element is written at `p`: the offsets
                // come from exact per-chunk counts (digit-major, chunk-minor), so every
                // (chunk, digit) pair owns its own range; the buffer has `src.len()`
                // elements and outlives this parallel region.
                unsafe { out.0.add(p).write(conv(base + j, s)) };
            }
        });
}

/// Sorts every bucket `starts[i]..starts[i + 1]` of `x` (scratch: the same range of `y`)
/// into the same range of `out`; over rayon when `x` is long.
fn buckets<E: Copy + Send + Sync, O: Copy + Send>(
    x: &mut [E],
    y: &mut [E],
    out: &mut [O],
    starts: &[usize],
    ekey: &(impl Fn(&E) -> u64 + Sync),
    to_o: &(impl Fn(&E) -> O + Sync),
) {
    if x.len() >= PAR {
        let mut parts = Vec::with_capacity(starts.len());
        let (mut x, mut y, mut out) = (x, y, out);
        for w in starts.windows(2) {
            let len = w[1] - w[0];
            if len == 0 {
                continue;
            }
            let (x0, x1) = std::mem::take(&mut x).split_at_mut(len);
            let (y0, y1) = std::mem::take(&mut y).split_at_mut(len);
            let (o0, o1) = std::mem::take(&mut out).split_at_mut(len);
            parts.push((x0, y0, o0));
            (x, y, out) = (x1, y1, o1);
        }
        parts
            .into_par_iter()
            .with_max_len(1)
            .for_each(|(x, y, o)| level(x, y, o, ekey, to_o));
        return;
    }
    for w in starts.windows(2) {
        let (s, e) = (w[0], w[1]);
        match e - s {
            0 => {}
            1 => out[s] = to_o(&x[s]),
            l if l <= SMALL => {
                let b = &mut x[s..e];
                insertion(b, ekey);
                for (o, v) in out[s..e].iter_mut().zip(b.iter()) {
                    *o = to_o(v);
                }
            }
            _ => level(&mut x[s..e], &mut y[s..e], &mut out[s..e], ekey, to_o),
        }
    }
}

/// Stable insertion sort of a short bucket by `ekey`.
#[inline(always)]
fn insertion<E: Copy>(x: &mut [E], ekey: &impl Fn(&E) -> u64) {
    for i in 1..x.len() {
        let v = x[i];
        let k = ekey(&v);
        let mut j = i;
        while j > 0 && ekey(&x[j - 1]) > k {
            x[j] = x[j - 1];
            j -= 1;
        }
        x[j] = v;
    }
}

/// One level: sorts the elements of `x` (more than [`SMALL`]; scratch `y`, the same
/// length) stably into `out`.
fn level<E: Copy + Send + Sync, O: Copy + Send>(
    x: &mut [E],
    y: &mut [E],
    out: &mut [O],
    ekey: &(impl Fn(&E) -> u64 + Sync),
    to_o: &(impl Fn(&E) -> O + Sync),
) {
    let m = x.len();
    let (mut lo, mut hi) = (u64::MAX, 0u64);
    for v in x.iter() {
        let k = ekey(v);
        lo = lo.min(k);
        hi = hi.max(k);
    }
    if lo == hi {
        for (o, v) in out.iter_mut().zip(x.iter()) {
            *o = to_o(v);
        }
        return;
    }
    let (bits, shift) = digit_for(m, hi - lo);
    let nd = 1usize << bits;
    // counts shifted by one, then their running sum: `h[d]` is where digit `d` starts
    let mut h = vec![0u32; nd + 1];
    for v in x.iter() {
        h[((ekey(v) - lo) >> shift) as usize + 1] += 1;
    }
    for d in 1..=nd {
        h[d] += h[d - 1];
    }
    if shift == 0 {
        // every bucket holds one key: scatter straight to the output
        let mut off = h;
        for v in x.iter() {
            let d = (ekey(v) - lo) as usize;
            let p = off[d] as usize;
            off[d] += 1;
            out[p] = to_o(v);
        }
        return;
    }
    let starts: Vec<usize> = h.iter().map(|&v| v as usize).collect();
    let mut off = h;
    for v in x.iter() {
        let d = ((ekey(v) - lo) >> shift) as usize;
        let p = off[d] as usize;
        off[d] += 1;
        y[p] = *v;
    }
    if starts.windows(2).all(|w| w[1] - w[0] <= SMALL) {
        // every element is at most SMALL places from its place: one insertion sort
        // over the level finishes it
        insertion(y, ekey);
        for (o, v) in out.iter_mut().zip(y.iter()) {
            *o = to_o(v);
        }
        return;
    }
    buckets(y, x, out, &starts, ekey, to_o);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &[u64]) {
        let mut want: Vec<(u64, usize)> = src.iter().copied().zip(0..).collect();
        want.sort_by_key(|p| p.0);
        let lo = src.iter().copied().min().unwrap_or(0);
        let hi = src.iter().copied().max().unwrap_or(0);
        let mut got = vec![(0u64, 0usize); src.len()];
        msd_sort(
            src,
            &mut got,
            lo,
            hi,
            |&s| s,
            |e: &(u64, u32)| e.0,
            |i, &s| (s, i as u32),
            |e| (e.0, e.1 as usize),
        );
        assert_eq!(got, want);
    }

    #[test]
    fn digits_follow_size_and_range() {
        // 10^6 keys over 2^24 values: 2^11 buckets, 13 bits left
        assert_eq!(digit_for(1_000_000, (1 << 24) - 1), (11, 13));
        // 500 keys: ~one bucket per two
        assert_eq!(digit_for(500, (1 << 13) - 1), (8, 5));
        // a narrow range is covered in one level
        assert_eq!(digit_for(1_000_000, 99), (7, 0));
        assert_eq!(digit_for(20, u64::MAX), (4, 60));
    }

    #[test]
    fn sorts_stably_at_every_depth() {
        let pat = |n: usize, m: u64| -> Vec<u64> {
            (0..n as u64)
                .map(|i| (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11) % m)
                .collect()
        };
        for n in [0, 1, 2, 17, 100, 5_000, (1 << 16) + 7, 300_001] {
            for m in [1, 2, 1000, 1 << 22, u64::MAX] {
                check(&pat(n, m));
            }
        }
        // skewed: most keys in one bucket of the top level, plus outliers
        let mut s = pat(200_000, 1000);
        s[7] = u64::MAX;
        s[99] = 1 << 60;
        check(&s);
        // exponential spread: many levels
        check(
            &(0..100_000u64)
                .map(|i| 1u64 << (i.wrapping_mul(0x9E37_79B9) % 64))
                .collect::<Vec<_>>(),
        );
    }
}
