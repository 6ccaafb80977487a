//! Stable LSD radix sort on 8-bit digits, parallel over rayon's threads.
//!
//! One first pass counts every digit's histogram (per chunk); digits that are equal for
//! every element (e.g. the exponent byte of floats of one binade, the high bytes of small
//! integers) are skipped. Each remaining pass scatters every chunk to its precomputed
//! offsets and, in the same sweep, counts the next pass's per-chunk histograms (the chunk
//! an element lands in is known from its destination), so a pass reads the data once and
//! writes it once. Stability follows from scattering chunks in order and each chunk in
//! order.
//!
//! The value sort ([`sort_values`]) sorts the keys of [`super::keys`] and decodes them;
//! the argsort ([`argsort_values`]) sorts (key, index) pairs.

use super::keys::{KeyBits, RadixKey};
use super::SharedPtr;
use rayon::prelude::*;

/// Lanes at least this long are split over threads.
const PAR_RADIX: usize = 1 << 17;

type Hist = [usize; 256];

/// Sorts `v` stably by `key(e)` (the low `bytes` bytes of it), using `buf` (the same
/// length) as scratch. The result is in `v`.
pub fn radix_sort<E, F>(v: &mut [E], buf: &mut [E], bytes: usize, key: F)
where
    E: Copy + Send + Sync,
    F: Fn(&E) -> u64 + Sync,
{
    let n = v.len();
    debug_assert_eq!(buf.len(), n);
    if n <= 1 {
        return;
    }
    let t = if n >= PAR_RADIX {
        rayon::current_num_threads().max(1)
    } else {
        1
    };
    let chunk = n.div_ceil(t);
    // per chunk, every digit's histogram
    let first: Vec<Vec<Hist>> = v
        .par_chunks(chunk)
        .map(|c| {
            let mut h = vec![[0usize; 256]; bytes];
            for e in c {
                let k = key(e);
                for (d, hd) in h.iter_mut().enumerate() {
                    hd[((k >> (8 * d)) & 0xFF) as usize] += 1;
                }
            }
            h
        })
        .collect();
    let passes: Vec<usize> = (0..bytes)
        .filter(|&d| {
            let mut tot = [0usize; 256];
            for h in &first {
                for (a, b) in tot.iter_mut().zip(&h[d]) {
                    *a += b;
                }
            }
            !tot.contains(&n)
        })
        .collect();
    if passes.is_empty() {
        return;
    }
    let nchunks = first.len();
    // counts[c][digit] of the current pass, per source chunk c
    let mut counts: Vec<Hist> = first.iter().map(|h| h[passes[0]]).collect();
    let mut in_v = true;
    for (pi, &d) in passes.iter().enumerate() {
        let next = passes.get(pi + 1).copied();
        // offsets: digit-major, chunk-minor
        let mut offs = vec![[0usize; 256]; nchunks];
        let mut run = 0;
        for dg in 0..256 {
            for c in 0..nchunks {
                offs[c][dg] = run;
                run += counts[c][dg];
            }
        }
        let (src, dst): (&[E], &mut [E]) = if in_v {
            (&*v, &mut *buf)
        } else {
            (&*buf, &mut *v)
        };
        let out = SharedPtr(dst.as_mut_ptr());
        let shift = 8 * d;
        let nshift = next.map_or(0, |x| 8 * x);
        // next[c_dst][digit], counted by each source chunk
        let nexts: Vec<Vec<Hist>> = src
            .par_chunks(chunk)
            .zip(offs.into_par_iter())
            .map(|(c, mut off)| {
                // capture the whole (Send) wrapper, not its raw-pointer field
                #[allow(clippy::redundant_locals)]
                let out = out;
                let mut nh = vec![[0usize; 256]; if next.is_some() { nchunks } else { 0 }];
                // each digit's destination chunk and that chunk's end, advanced as the
                // digit's write position crosses it (no division per element)
                let mut dch = [0usize; 256];
                let mut lim = [0usize; 256];
                for ((d, l), o) in dch.iter_mut().zip(lim.iter_mut()).zip(off.iter()) {
                    *d = o / chunk;
                    *l = (*d + 1) * chunk;
                }
                for e in c {
                    let k = key(e);
                    let dg = ((k >> shift) & 0xFF) as usize;
                    let p = off[dg];
                    off[dg] = p + 1;
                    // SAFETY: `p < n` and no other element is written at `p` (see
                    // `SharedPtr`); `dst` has length `n`.
                    unsafe { out.0.add(p).write(*e) };
                    if next.is_some() {
                        if p >= lim[dg] {
                            dch[dg] += 1;
                            lim[dg] += chunk;
                        }
                        nh[dch[dg]][((k >> nshift) & 0xFF) as usize] += 1;
                    }
                }
                nh
            })
            .collect();
        in_v = !in_v;
        if next.is_some() {
            for (c, cnt) in counts.iter_mut().enumerate() {
                *cnt = [0; 256];
                for nh in &nexts {
                    for (a, b) in cnt.iter_mut().zip(&nh[c]) {
                        *a += b;
                    }
                }
            }
        }
    }
    if !in_v {
        v.copy_from_slice(buf);
    }
}

/// Lanes shorter than this are sorted by comparison.
pub const RADIX_MIN: usize = 512;

fn par_map<A: Sync, B: Send>(src: &[A], dst: &mut [B], f: impl Fn(&A) -> B + Sync) {
    if src.len() >= PAR_RADIX {
        dst.par_iter_mut().zip(src).for_each(|(d, s)| *d = f(s));
    } else {
        for (d, s) in dst.iter_mut().zip(src) {
            *d = f(s);
        }
    }
}

/// Sorts `lane` in place, stably, in NumPy's order (NaNs last, `-0.0 == +0.0`).
pub fn sort_values<T: RadixKey>(lane: &mut [T]) {
    let n = lane.len();
    let mut keys = vec![T::K::default(); n];
    par_map(lane, &mut keys, |&x| x.key());
    let mut buf = vec![T::K::default(); n];
    radix_sort(&mut keys, &mut buf, T::K::BYTES, |k| k.wide());
    // the specials, in input order, before `lane` is overwritten
    let specials: Vec<T> = if T::LOSSY && lane.iter().any(|x| x.special()) {
        lane.iter()
            .copied()
            .filter(|x| x.nan() || *x == T::default())
            .collect()
    } else {
        Vec::new()
    };
    par_map(&keys, lane, |&k| T::from_key(k));
    if !specials.is_empty() {
        restore_specials(lane, &specials);
    }
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
    debug_assert!(n < 1 << 32);
    if T::K::BYTES <= 4 {
        // (key << 32 | index) in one u64: sort on the key's bytes only
        let mut pairs = vec![0u64; n];
        par_map_indexed(lane, &mut pairs, |i, &x| (x.key().wide() << 32) | i as u64);
        let mut buf = vec![0u64; n];
        radix_sort(&mut pairs, &mut buf, T::K::BYTES, |p| p >> 32);
        par_map(&pairs, out, |&p| (p & 0xFFFF_FFFF) as i64);
    } else {
        let mut pairs = vec![(0u64, 0u32); n];
        par_map_indexed(lane, &mut pairs, |i, &x| (x.key().wide(), i as u32));
        let mut buf = vec![(0u64, 0u32); n];
        radix_sort(&mut pairs, &mut buf, 8, |p| p.0);
        par_map(&pairs, out, |p| p.1 as i64);
    }
}

fn par_map_indexed<A: Sync, B: Send>(src: &[A], dst: &mut [B], f: impl Fn(usize, &A) -> B + Sync) {
    if src.len() >= PAR_RADIX {
        dst.par_iter_mut()
            .zip(src)
            .enumerate()
            .for_each(|(i, (d, s))| *d = f(i, s));
    } else {
        for (i, (d, s)) in dst.iter_mut().zip(src).enumerate() {
            *d = f(i, s);
        }
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
