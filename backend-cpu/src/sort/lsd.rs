//! The engine of the radix sorts: a stable LSD radix sort with adaptive digits, parallel
//! over rayon's threads, reading its source and writing its destination in other types.
//!
//! The caller knows which key bits vary (see [`plan`]): only those are sorted on, split
//! into as few digits of at most [`MAX_DIGIT`] bits as possible (a 10⁶ float64 lane of
//! one or two binades: 5 passes of 10-11 bits instead of 8 of 8; 20-bit integers: 2
//! passes). One read-only sweep counts every pass's per-chunk histogram; each pass then
//! scatters every chunk to its precomputed offsets and counts, in the same sweep, the next
//! pass's histograms per destination chunk (known from the destination position), so a
//! pass reads the data once and writes it once. The first pass converts the source
//! elements (e.g. floats, or (value, index) for argsort) into the sorted elements (keys,
//! (key, index) pairs) on the fly and the last converts them into the output elements, so
//! no separate conversion sweeps are needed. Stability follows from scattering chunks in
//! order and each chunk in order.

use super::SharedPtr;
use rayon::prelude::*;
use std::mem::MaybeUninit;

/// The widest digit in bits (2048 buckets: the per-chunk histograms stay in L1/L2).
pub const MAX_DIGIT: u32 = 11;

/// Lanes at least this long are split over threads.
pub const PAR_LSD: usize = 1 << 16;

/// One pass: the digit is `(key >> shift) & ((1 << bits) - 1)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pass {
    /// The digit's lowest key bit.
    pub shift: u32,
    /// The digit's width in bits (at most [`MAX_DIGIT`]).
    pub bits: u32,
}

impl Pass {
    #[inline(always)]
    fn digit(self, k: u64) -> usize {
        ((k >> self.shift) & ((1u64 << self.bits) - 1)) as usize
    }
}

/// The passes sorting on the bits set in `mask` (the key bits that vary): the span from
/// the lowest to the highest varying bit, in the fewest digits of at most `max_bits` bits,
/// of near-equal widths, least significant first. Empty when `mask == 0`.
pub fn plan(mask: u64, max_bits: u32) -> Vec<Pass> {
    if mask == 0 {
        return Vec::new();
    }
    let lo = mask.trailing_zeros();
    let w = 64 - mask.leading_zeros() - lo;
    let p = w.div_ceil(max_bits);
    let (base, extra) = (w / p, w % p);
    let mut shift = lo;
    (0..p)
        .map(|i| {
            let bits = base + u32::from(i < extra);
            let pass = Pass { shift, bits };
            shift += bits;
            pass
        })
        .collect()
}

/// The digit width for a lane of `n` elements: narrower digits for short lanes, whose
/// histograms would otherwise cost more than their elements.
pub fn max_bits(n: usize) -> u32 {
    if n >= 1 << 15 {
        MAX_DIGIT
    } else {
        8
    }
}

/// The number of chunks (one per thread for long lanes) and their length.
pub fn chunking(n: usize) -> (usize, usize) {
    let t = if n >= PAR_LSD {
        rayon::current_num_threads().max(1)
    } else {
        1
    };
    let chunk = n.div_ceil(t).max(1);
    (n.div_ceil(chunk), chunk)
}

type Hist = Vec<u32>;

/// Sorts `src` stably by `skey` on the digits of `passes` (non-empty) into `dst` (the same
/// length, below 2³²): `to_e(i, &src[i])` makes the sorted element of source position
/// `i`, `ekey` is its key (equal to `skey` of its source), `to_o` its output.
#[allow(clippy::too_many_arguments)]
pub fn lsd_sort<S, E, O>(
    src: &[S],
    dst: &mut [O],
    passes: &[Pass],
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
    assert!(dst.len() == n && !passes.is_empty() && n < 1 << 32);
    if n == 0 {
        return;
    }
    let (nchunks, chunk) = chunking(n);
    // per chunk, every pass's histogram
    let first: Vec<Vec<Hist>> = src
        .par_chunks(chunk)
        .map(|c| {
            let mut h: Vec<Hist> = passes.iter().map(|p| vec![0u32; 1 << p.bits]).collect();
            for s in c {
                let k = skey(s);
                for (p, hp) in passes.iter().zip(h.iter_mut()) {
                    hp[p.digit(k)] += 1;
                }
            }
            h
        })
        .collect();
    let mut counts: Vec<Hist> = first.iter().map(|h| h[0].clone()).collect();
    let last = passes.len() - 1;
    if last == 0 {
        scatter(
            src,
            SharedPtr(dst.as_mut_ptr()),
            chunk,
            &counts,
            passes[0],
            None,
            &skey,
            |i, s| to_o(&to_e(i, s)),
        );
        return;
    }
    // the sorted elements ping-pong between `a` and `b`
    // (huge pages for large buffers: 40 page faults instead of 20,000 for 80 MB)
    let mut a: Vec<MaybeUninit<E>> = crate::alloc::with_capacity(n);
    let mut b: Vec<MaybeUninit<E>> = crate::alloc::with_capacity(if last >= 2 { n } else { 0 });
    // SAFETY: `MaybeUninit` needs no initialisation.
    unsafe { a.set_len(n) };
    if last >= 2 {
        // SAFETY: as above.
        unsafe { b.set_len(n) };
    }
    let nexts = scatter(
        src,
        SharedPtr(a.as_mut_ptr().cast::<E>()),
        chunk,
        &counts,
        passes[0],
        Some(passes[1]),
        &skey,
        &to_e,
    );
    merge_counts(&mut counts, &nexts, nchunks);
    let mut in_a = true;
    for w in passes[1..].windows(2) {
        let (from, to) = if in_a { (&a, &mut b) } else { (&b, &mut a) };
        // SAFETY: the previous pass wrote every one of the `n` positions of `from`.
        let from: &[E] = unsafe { std::slice::from_raw_parts(from.as_ptr().cast::<E>(), n) };
        let nexts = scatter(
            from,
            SharedPtr(to.as_mut_ptr().cast::<E>()),
            chunk,
            &counts,
            w[0],
            Some(w[1]),
            &ekey,
            |_, e| *e,
        );
        merge_counts(&mut counts, &nexts, nchunks);
        in_a = !in_a;
    }
    let from = if in_a { &a } else { &b };
    // SAFETY: the previous pass wrote every one of the `n` positions of `from`.
    let from: &[E] = unsafe { std::slice::from_raw_parts(from.as_ptr().cast::<E>(), n) };
    scatter(
        from,
        SharedPtr(dst.as_mut_ptr()),
        chunk,
        &counts,
        passes[last],
        None,
        &ekey,
        |_, e| to_o(e),
    );
}

/// `counts[c]` = the sum over source chunks of their counts for destination chunk `c`.
fn merge_counts(counts: &mut [Hist], nexts: &[Vec<Hist>], nchunks: usize) {
    for (c, cnt) in counts.iter_mut().enumerate().take(nchunks) {
        let len = nexts[0][c].len();
        cnt.clear();
        cnt.resize(len, 0);
        for nh in nexts {
            for (a, b) in cnt.iter_mut().zip(&nh[c]) {
                *a += b;
            }
        }
    }
}

/// One pass: scatters every chunk of `src` (chunks of `chunk` elements, `counts[c]` the
/// digit histogram of chunk `c`) to `out` by the digit `pass` of `key`, converting with
/// `conv(global index, element)`. With `next`, returns, per source chunk, the histograms
/// of `next`'s digit per destination chunk.
#[allow(clippy::too_many_arguments)]
fn scatter<I: Copy + Sync, Out: Copy + Send>(
    src: &[I],
    out: SharedPtr<Out>,
    chunk: usize,
    counts: &[Hist],
    pass: Pass,
    next: Option<Pass>,
    key: &(impl Fn(&I) -> u64 + Sync),
    conv: impl Fn(usize, &I) -> Out + Sync,
) -> Vec<Vec<Hist>> {
    let nchunks = counts.len();
    let nd = 1usize << pass.bits;
    // offsets: digit-major, chunk-minor
    let mut offs = vec![vec![0usize; nd]; nchunks];
    let mut run = 0usize;
    for dg in 0..nd {
        for c in 0..nchunks {
            offs[c][dg] = run;
            run += counts[c][dg] as usize;
        }
    }
    src.par_chunks(chunk)
        .zip(offs.into_par_iter())
        .enumerate()
        .map(|(ci, (c, mut off))| {
            // capture the whole (Send) wrapper, not its raw-pointer field
            #[allow(clippy::redundant_locals)]
            let out = out;
            let base = ci * chunk;
            let Some(np) = next else {
                for (j, e) in c.iter().enumerate() {
                    let dg = pass.digit(key(e));
                    let p = off[dg];
                    off[dg] = p + 1;
                    // SAFETY: `p < n` and no other element is written at `p` (the
                    // offsets come from exact per-chunk counts; see `SharedPtr`); `out`
                    // has `n` elements.
                    unsafe { out.0.add(p).write(conv(base + j, e)) };
                }
                return Vec::new();
            };
            let mut nh: Vec<Hist> = vec![vec![0u32; 1 << np.bits]; nchunks];
            // each digit's destination chunk and that chunk's end, advanced as the digit's
            // write position crosses it (no division per element)
            let mut dch = vec![0usize; nd];
            let mut lim = vec![0usize; nd];
            for ((d, l), o) in dch.iter_mut().zip(lim.iter_mut()).zip(off.iter()) {
                *d = o / chunk;
                *l = (*d + 1) * chunk;
            }
            if nchunks == 1 {
                let h = &mut nh[0];
                for (j, e) in c.iter().enumerate() {
                    let k = key(e);
                    let dg = pass.digit(k);
                    let p = off[dg];
                    off[dg] = p + 1;
                    // SAFETY: as above.
                    unsafe { out.0.add(p).write(conv(base + j, e)) };
                    h[np.digit(k)] += 1;
                }
                return nh;
            }
            for (j, e) in c.iter().enumerate() {
                let k = key(e);
                let dg = pass.digit(k);
                let p = off[dg];
                off[dg] = p + 1;
                // SAFETY: as above.
                unsafe { out.0.add(p).write(conv(base + j, e)) };
                if p >= lim[dg] {
                    dch[dg] += 1;
                    lim[dg] += chunk;
                }
                nh[dch[dg]][np.digit(k)] += 1;
            }
            nh
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_cover_the_varying_span() {
        assert!(plan(0, 11).is_empty());
        assert_eq!(plan(1, 11), vec![Pass { shift: 0, bits: 1 }]);
        // 20 varying bits: two passes of 10
        assert_eq!(
            plan(0xF_FFFF, 11),
            vec![
                Pass { shift: 0, bits: 10 },
                Pass {
                    shift: 10,
                    bits: 10
                }
            ]
        );
        // bits 4..=56 (53 bits): 5 passes of 11, 11, 11, 10, 10
        let p = plan(((1u64 << 53) - 1) << 4, 11);
        assert_eq!(p.len(), 5);
        assert_eq!(p[0], Pass { shift: 4, bits: 11 });
        assert_eq!(
            p[4],
            Pass {
                shift: 47,
                bits: 10
            }
        );
        assert_eq!(p.iter().map(|p| p.bits).sum::<u32>(), 53);
        assert_eq!(plan(u64::MAX, 8).len(), 8);
    }

    fn check(src: &[u64], mask_bits: u32) {
        let mut want: Vec<(u64, usize)> = src.iter().copied().zip(0..).collect();
        want.sort_by_key(|p| p.0);
        let mask = src.iter().fold(0, |m, &x| m | (x ^ src[0]));
        let passes = plan(mask, mask_bits);
        if passes.is_empty() {
            return;
        }
        let mut got = vec![(0u64, 0usize); src.len()];
        lsd_sort(
            src,
            &mut got,
            &passes,
            |&s| s,
            |e: &(u64, u32)| e.0,
            |i, &s| (s, i as u32),
            |e| (e.0, e.1 as usize),
        );
        assert_eq!(got, want);
    }

    #[test]
    fn sorts_stably_in_every_pass_count() {
        let pat = |n: usize, m: u64| -> Vec<u64> {
            (0..n as u64)
                .map(|i| (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11) % m)
                .collect()
        };
        for n in [1, 2, 100, 5_000, (1 << 16) + 7, 300_001] {
            for m in [2, 1000, 1 << 22, u64::MAX] {
                for bits in [8, 11] {
                    check(&pat(n, m), bits);
                }
            }
        }
    }
}
