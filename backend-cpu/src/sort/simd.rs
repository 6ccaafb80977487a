//! The AVX-512 value sort of 32- and 64-bit radix keys: a quicksort whose partitions are
//! vectorised with compress instructions and whose short ranges are finished by a bitonic
//! sorting network on 512-bit vectors, over rayon's threads.
//!
//! - **Partition** (in place): the first and last 4 vectors are set aside; then 4 vectors
//!   at a time are read from the side with less room, and their 16 (`u32`) or 8 (`u64`)
//!   keys each are compared with the pivot, the lesser ones stored at the left cursor, the
//!   others at the right one, both compressed (`vpcompressd`/`vpcompressq` into a
//!   register); inside the pipelined loop (and while two vectors of room are left
//!   after it) both are stored as whole vectors, the greater keys reversed into the top
//!   lanes first (their order within the side is free), so the extra lanes land in room
//!   that later stores overwrite; the last vectors by masked stores. The batches are
//!   pipelined (the next batch is loaded before the current one is stored, so the loads
//!   do not wait for the store cursors) and the side just read is prefetched `PF` (16)
//!   batches ahead (the partitions of ranges larger than the caches were waiting on
//!   memory). Pivots are Tukey's ninther (the median of three medians of three keys
//!   spread over the range, without branches); when no key is below the pivot (it is
//!   the least key), a second pass splits off the keys equal to it, so runs of equal
//!   keys cost one pass each. The last keys (less than a vector) are split by masked
//!   vector operations (the lesser ones swapped with the first greater keys; a
//!   branch-free scalar loop when there are fewer of those). Ranges still longer than
//!   [`SMALL_VECTORS`] vectors after `2·log₂ n + 8` levels (adversarial inputs) are
//!   sorted by `sort_unstable`.
//! - **Small sort**: ranges of at most [`SMALL_VECTORS`] vectors of keys are read (the
//!   last vector by a masked load) into the least power of two of vectors that holds
//!   them, held in registers (missing lanes take the greatest key), sorted by a bitonic
//!   network in which every compare-exchange puts the lesser key first (each merge
//!   opens with the mirrored comparison; vector against vector for distances of a whole
//!   vector or more, by a lane permutation within one vector below that), and written
//!   back (the last vector by a masked store). The compare-exchanges whose greater side
//!   is a vector of padding only are skipped (they change nothing), so 9 vectors cost
//!   about what 9, not 16, would; the network is compiled for each count of vectors (1
//!   to 16), so these skips cost no branches (the run-time checks made the register
//!   allocator spill).
//!
//! Measured on 10⁶–10⁷ keys (2-core AVX-512 VM, heavily shared, so noisy), against the
//! previous version (masked stores for both types, serial batches, no prefetch, median
//! of nine by sorting, networks in memory on a padded copy): in-cache ranges of 16,384
//! keys 7.5–8 → 5.1–5.7 ns per `u32` key and 15–17 → 8–9 ns per `u64` key (one thread);
//! 10⁷ keys on two threads `u32` 120 → 100 ms and `u64` 260–330 → 190–200 ms. Then
//! (one thread, random keys, minimum of interleaved runs; the CPU is an AMD EPYC with
//! AVX-512, where masked stores cost more than a lane permutation) the whole-vector
//! stores of both sides for both types (replacing the masked stores of `u32` and the
//! 256-entry permutation table of `u64`) and the vectorised partition tails: `u32` 10³
//! keys 1.66 → 1.42 ns per key, 5·10³ 1.92 → 1.68, 2·10⁴ 2.09 → 1.86, 10⁶ 2.88 → 2.48;
//! `u64` 10³ 2.52 → 2.37, 10⁶ 4.50 → 4.30; then the networks per vector count: `u32`
//! 10³ 1.39 → 1.27, 5·10³ 1.62 → 1.52, 2·10⁴ 1.86 → 1.78, 10⁶ 2.53 → 2.50; `u64` 10³
//! 2.38 → 2.16, 2·10⁴ 3.22 → 3.10, 10⁶ 4.47 → 4.42 (`small` grows from 13 to 45 KB of
//! code). Tried and rejected: leaves of 8 or 32 vectors, batches of 2 or 8 vectors,
//! prefetching 8 or 32 batches ahead, a branch-free choice of the side to read,
//! networks for even vector counts only (less gain), and the median of 16 sampled keys
//! (sorted in one vector) as the pivot (no gain, or slower on short ranges).
//!
//! The sort is not stable; for keys that is invisible (equal keys are equal values; the
//! caller restores `-0.0` and NaN payloads, see `radix::restore_specials`). Used when the
//! CPU has AVX-512F, POPCNT and BMI2 (checked once at run time); otherwise the radix sort
//! of [`super::msd`] runs.

/// Ranges of at most this many vectors of keys are finished by the bitonic network
/// (16 vectors: 256 `u32` or 128 `u64` keys).
pub const SMALL_VECTORS: usize = 16;

/// Ranges at least this long split their two parts over rayon.
const PAR: usize = 1 << 15;

/// Whether this CPU runs the AVX-512 sort.
pub fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        use std::sync::OnceLock;
        static HAS: OnceLock<bool> = OnceLock::new();
        *HAS.get_or_init(|| {
            std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("popcnt")
                && std::arch::is_x86_feature_detected!("bmi2")
        })
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// A key type the AVX-512 sort handles: `u32` or `u64`.
pub trait SimdKey: Copy + Ord + Send + Sync + 'static {
    /// Sorts `keys` ascending. Requires [`available`].
    fn sort(keys: &mut [Self]);
}

macro_rules! simd_sort {
    ($key:ty, $modname:ident, $lanes:expr, $mask:ty, $min:ident, $max:ident, $perm:ident,
     $maskmax:ident, $set1:ident, $sint:ty, $cmplt:ident, $cmple:ident, $compress:ident,
     $maskstore:ident, $maskload:ident, $expand:ident, $himasks:expr) => {
        #[cfg(target_arch = "x86_64")]
        mod $modname {
            use super::{PAR, SMALL_VECTORS};
            use std::arch::x86_64::*;

            /// Keys per vector.
            const L: usize = $lanes;
            /// Ranges of at most this many keys are finished by the bitonic network.
            const SMALL: usize = SMALL_VECTORS * L;
            /// `HI[j]`: the lanes whose index has bit `j` set (they take the greater key
            /// of a compare-exchange at distance `2^j`).
            const HI: [$mask; 4] = $himasks;

            /// The permutation `i -> i ^ x` of the lanes.
            #[inline(always)]
            unsafe fn xor_idx(x: usize) -> __m512i {
                let mut a = [0 as $sint; L];
                for (i, v) in a.iter_mut().enumerate() {
                    *v = (i ^ x) as $sint;
                }
                // SAFETY: `a` holds 64 bytes; unaligned load.
                unsafe { _mm512_loadu_si512(a.as_ptr().cast()) }
            }

            #[inline(always)]
            unsafe fn load(p: *const $key) -> __m512i {
                // SAFETY: the caller passes `L` readable keys.
                unsafe { _mm512_loadu_si512(p.cast()) }
            }

            /// Compare-exchange of the lanes `i` and `i ^ x` of `a`, the greater key to
            /// the lanes of `hi`.
            #[inline(always)]
            unsafe fn step(a: __m512i, idx: __m512i, hi: $mask) -> __m512i {
                let b = $perm(idx, a);
                // the lesser key everywhere, the greater one in the lanes of `hi`
                $maskmax($min(a, b), hi, a, b)
            }

            /// The lane permutations `i -> i ^ 2^j` (`x[j]`) and `i -> i ^ (2^(j+1) - 1)`
            /// (`m[j]`: the mirror within blocks of `2^(j+1)` lanes).
            struct Idx {
                x: [__m512i; 4],
                m: [__m512i; 4],
            }

            #[inline(always)]
            unsafe fn idx() -> Idx {
                unsafe {
                    Idx {
                        x: [xor_idx(1), xor_idx(2), xor_idx(4), xor_idx(8 % L)],
                        m: [xor_idx(1), xor_idx(3), xor_idx(7), xor_idx(15 % L)],
                    }
                }
            }

            /// The half-cleaners of distances `L/2, …, 1` within one vector.
            #[inline(always)]
            unsafe fn clean(mut a: __m512i, ix: &Idx) -> __m512i {
                let mut j = L.trailing_zeros() as usize;
                while j > 0 {
                    j -= 1;
                    a = unsafe { step(a, ix.x[j], HI[j]) };
                }
                a
            }

            /// Sorts the lanes of one vector.
            #[inline(always)]
            unsafe fn sort_vec(mut a: __m512i, ix: &Idx) -> __m512i {
                for k in 0..L.trailing_zeros() as usize {
                    // merge blocks of 2^(k+1): the mirror, then distances 2^(k-1), …, 1
                    a = unsafe { step(a, ix.m[k], HI[k]) };
                    for j in (0..k).rev() {
                        a = unsafe { step(a, ix.x[j], HI[j]) };
                    }
                }
                a
            }

            /// Sorts the `m` keys at `p` (`R = ⌈m / L⌉ <= N`, `N` a power of two) with
            /// the bitonic network on `N` vectors held in registers: the keys are read
            /// with plain loads and one masked load for the last vector (missing lanes
            /// take the greatest key, which sorts last) and written back likewise. `R` is
            /// a constant so that the skipped compare-exchanges (below) are decided at
            /// compile time: no branches in the network, and no spills they caused.
            #[inline(always)]
            unsafe fn net<const N: usize, const R: usize>(p: *mut $key, m: usize) {
                let ix = unsafe { idx() };
                let rev = ix.m[L.trailing_zeros() as usize - 1];
                let pad = $set1(<$key>::MAX as $sint);
                debug_assert_eq!(m.div_ceil(L), R);
                let mut v = [pad; N];
                for (i, v) in v.iter_mut().enumerate().take(R) {
                    let c = if i + 1 < R { L } else { m - i * L };
                    // SAFETY: the lanes below `c` are keys `i * L..i * L + c` of the `m` at
                    // `p`; masked-off lanes are not accessed.
                    *v = unsafe {
                        if c == L {
                            load(p.add(i * L))
                        } else {
                            $maskload(pad, ((1u64 << c) - 1) as $mask, p.add(i * L).cast())
                        }
                    };
                }
                // Vectors from `real` (`R`) on hold only padding; every compare-exchange whose
                // greater side is such a vector leaves both sides as they are (the padding
                // is the greatest key), so it is skipped: the padding stays in place and the
                // network costs about what one for `real` vectors would.
                let real = R;
                for v in v.iter_mut().take(real) {
                    *v = unsafe { sort_vec(*v, &ix) };
                }
                let mut bv = 2;
                while bv <= N {
                    // merge blocks of `bv` vectors: the mirrored comparison ...
                    for blk in (0..N).step_by(bv) {
                        for j in 0..bv / 2 {
                            let (a, b) = (blk + j, blk + bv - 1 - j);
                            if b >= real {
                                continue;
                            }
                            // SAFETY: AVX-512F (the callers' target features).
                            unsafe {
                                let c = $perm(rev, v[b]);
                                let x = v[a];
                                v[a] = $min(x, c);
                                v[b] = $perm(rev, $max(x, c));
                            }
                        }
                    }
                    // ... the half-cleaners across vectors ...
                    let mut dv = bv / 4;
                    while dv >= 1 {
                        for i in 0..N {
                            if i & dv == 0 && i + dv < real {
                                // SAFETY: as above.
                                unsafe {
                                    let (a, c) = (v[i], v[i + dv]);
                                    v[i] = $min(a, c);
                                    v[i + dv] = $max(a, c);
                                }
                            }
                        }
                        dv /= 2;
                    }
                    // ... and within each vector
                    for v in v.iter_mut().take(real) {
                        *v = unsafe { clean(*v, &ix) };
                    }
                    bv *= 2;
                }
                for (i, v) in v.iter().enumerate().take(R) {
                    let c = if i + 1 < R { L } else { m - i * L };
                    // SAFETY: as for the loads.
                    unsafe {
                        if c == L {
                            _mm512_storeu_si512(p.add(i * L).cast(), *v)
                        } else {
                            $maskstore(p.add(i * L).cast(), ((1u64 << c) - 1) as $mask, *v)
                        }
                    };
                }
            }

            /// Sorts `x` (at most `SMALL` keys) with the bitonic network on the least
            /// power of two of vectors that holds it, specialised to its vector count.
            #[target_feature(enable = "avx512f,popcnt,bmi2")]
            unsafe fn small(x: &mut [$key]) {
                let m = x.len();
                if m < 2 {
                    return;
                }
                let p = x.as_mut_ptr();
                // SAFETY: `m <= nvec * L` keys at `p`.
                unsafe {
                    match m.div_ceil(L) {
                        1 => net::<1, 1>(p, m),
                        2 => net::<2, 2>(p, m),
                        3 => net::<4, 3>(p, m),
                        4 => net::<4, 4>(p, m),
                        5 => net::<8, 5>(p, m),
                        6 => net::<8, 6>(p, m),
                        7 => net::<8, 7>(p, m),
                        8 => net::<8, 8>(p, m),
                        9 => net::<16, 9>(p, m),
                        10 => net::<16, 10>(p, m),
                        11 => net::<16, 11>(p, m),
                        12 => net::<16, 12>(p, m),
                        13 => net::<16, 13>(p, m),
                        14 => net::<16, 14>(p, m),
                        15 => net::<16, 15>(p, m),
                        _ => net::<SMALL_VECTORS, SMALL_VECTORS>(p, m),
                    }
                }
            }

            /// Writes the keys of `v` below `pv` (or, with `le`, not above it) up from
            /// `p + ls`, the others down to `p + rs`, and moves the two cursors.
            #[inline(always)]
            unsafe fn emit(
                p: *mut $key,
                v: __m512i,
                pv: __m512i,
                le: bool,
                ls: &mut usize,
                rs: &mut usize,
            ) {
                // SAFETY: the caller leaves room for `c` keys from `ls` and `L - c` below
                // `rs` (see `partition`).
                unsafe {
                    let k: $mask = if le { $cmple(v, pv) } else { $cmplt(v, pv) };
                    let c = k.count_ones() as usize;
                    $maskstore(
                        p.add(*ls).cast(),
                        ((1u32 << c) - 1) as $mask,
                        $compress(k, v),
                    );
                    *ls += c;
                    *rs -= L - c;
                    $maskstore(
                        p.add(*rs).cast(),
                        ((1u32 << (L - c)) - 1) as $mask,
                        $compress(!k, v),
                    );
                }
            }

            /// `emit` by whole-vector stores: the lesser keys compressed and stored up
            /// from `ls`, the greater ones compressed, reversed into the top lanes (their
            /// order within the side does not matter) and stored down to `rs`; each store
            /// also writes the rest of its vector into room on its side, which later
            /// stores overwrite. Needs at least `L` room on both sides, and saves the two
            /// masks of `emit` (the masked stores were the slower part on this CPU).
            #[inline(always)]
            unsafe fn emit_whole(
                p: *mut $key,
                v: __m512i,
                pv: __m512i,
                rev: __m512i,
                le: bool,
                ls: &mut usize,
                rs: &mut usize,
            ) {
                // SAFETY: the caller leaves `L` room from `ls` and `L` room below `rs`.
                unsafe {
                    let k: $mask = if le { $cmple(v, pv) } else { $cmplt(v, pv) };
                    let c = k.count_ones() as usize;
                    _mm512_storeu_si512(p.add(*ls).cast(), $compress(k, v));
                    *ls += c;
                    // the greater keys reversed into the top lanes (their order within
                    // the side does not matter), stored as a whole vector ending at `rs`
                    _mm512_storeu_si512(p.add(*rs - L).cast(), $perm(rev, $compress(!k, v)));
                    *rs -= L - c;
                }
            }

            /// `emit` into contiguous room `ls..rs` (at least `L`): by `emit_whole` while
            /// the room holds two vectors (then the left store's extra lanes end before
            /// the right store's, whose extra lanes start after the left store's keys),
            /// else by masked stores.
            #[inline(always)]
            unsafe fn flush(
                p: *mut $key,
                v: __m512i,
                pv: __m512i,
                rev: __m512i,
                le: bool,
                ls: &mut usize,
                rs: &mut usize,
            ) {
                // SAFETY: the room `ls..rs` is contiguous and at least `L` (the caller),
                // and at least `2 * L` for `emit_whole`.
                unsafe {
                    if *rs - *ls >= 2 * L {
                        emit_whole(p, v, pv, rev, le, ls, rs)
                    } else {
                        emit(p, v, pv, le, ls, rs)
                    }
                }
            }

            /// Batches ahead of the reads that the partition prefetches.
            const PF: usize = 16;

            /// Vectors read per decision of the partition (its data-dependent branch
            /// mispredicts about every other time: once per `U` vectors, not per vector).
            const U: usize = 4;
            // `partition` needs `2 * U * L` keys: every range it sees is longer than SMALL
            const _: () = assert!(2 * U * L <= SMALL);

            /// The start of the next batch of `U` vectors to read: from the side with less
            /// room (`l - ls` on the left, `rs - r` on the right), moving its cursor.
            #[inline(always)]
            fn take(l: &mut usize, r: &mut usize, ls: usize, rs: usize) -> usize {
                if *l - ls <= rs - *r {
                    *l += U * L;
                    *l - U * L
                } else {
                    *r -= U * L;
                    *r
                }
            }

            /// Moves the keys of `x` below `pivot` (or, with `le`, not above it) to its
            /// front, in place; returns their count. `x` holds at least `2 * U * L` keys.
            #[target_feature(enable = "avx512f,popcnt,bmi2")]
            unsafe fn partition(x: &mut [$key], pivot: $key, le: bool) -> usize {
                let m = x.len();
                let mv = m - m % L;
                debug_assert!(mv >= 2 * U * L);
                let pv = $set1(pivot as $sint);
                // SAFETY: AVX-512F (this function's features).
                let rev = unsafe { xor_idx(L - 1) };
                let p = x.as_mut_ptr();
                // The first and last `U` vectors are set aside; then the vectors read
                // next are taken from the side with less room, so that each write (the
                // lesser keys up from `ls`, the others down to `rs`) lands in room already
                // read: the room on the two sides totals `2 * U * L` before each read.
                let mut saved = [$set1(0); 2 * U];
                for (i, v) in saved.iter_mut().enumerate() {
                    let at = if i < U { i * L } else { mv - (2 * U - i) * L };
                    // SAFETY: `at + L <= mv <= m`.
                    *v = unsafe { load(p.add(at)) };
                }
                let (mut l, mut r) = (U * L, mv - U * L);
                let (mut ls, mut rs) = (0usize, mv);
                // single vectors until the unread range is a whole number of batches
                while (r - l) % (U * L) != 0 {
                    let at = if l - ls <= rs - r {
                        l += L;
                        l - L
                    } else {
                        r -= L;
                        r
                    };
                    // SAFETY: `at` is an unread vector (`l <= r`); the side read from has
                    // at least `L` room afterwards, the other at least `U * L`.
                    unsafe { emit(p, load(p.add(at)), pv, le, &mut ls, &mut rs) };
                }
                // The batches are pipelined: the next batch is loaded before the current
                // one is written, so the loads do not wait for the cursors of the writes
                // just before them. Before each read the room totals `3 * U * L` (the
                // saved vectors and the batch in flight): the side with less room has at
                // most `1.5 * U * L`, reading there gives it `U * L` more, and the other
                // side keeps at least `1.5 * U * L`, so both fit the `U` vectors written
                // next (which may overwrite the batch just loaded: it is in registers).
                if l < r {
                    let mut cur = [$set1(0); U];
                    let at = take(&mut l, &mut r, ls, rs);
                    for (j, v) in cur.iter_mut().enumerate() {
                        // SAFETY: `at..at + U * L` is unread and inside `x`.
                        *v = unsafe { load(p.add(at + j * L)) };
                    }
                    while l < r {
                        let at = take(&mut l, &mut r, ls, rs);
                        // prefetch the batch `PF` batches further on the side just read
                        // (the addresses may lie outside `x`: a prefetch never faults)
                        let ahead = if at + U * L == l {
                            p.wrapping_add(at + PF * U * L)
                        } else {
                            p.wrapping_sub(PF * U * L).wrapping_add(at)
                        };
                        for j in 0..U {
                            // (a hint: it reads nothing and never faults)
                            _mm_prefetch::<_MM_HINT_T0>(ahead.wrapping_add(j * L).cast());
                        }
                        let mut next = [$set1(0); U];
                        for (j, v) in next.iter_mut().enumerate() {
                            // SAFETY: as above.
                            *v = unsafe { load(p.add(at + j * L)) };
                        }
                        for v in cur {
                            // SAFETY: both sides have at least `U * L` room (see above),
                            // so at least `L` before each of the `U` writes.
                            unsafe { emit_whole(p, v, pv, rev, le, &mut ls, &mut rs) };
                        }
                        cur = next;
                    }
                    // the unread range is empty: the room is one range of `3 * U * L`
                    for v in cur {
                        // SAFETY: the room is contiguous and holds these keys.
                        unsafe { flush(p, v, pv, rev, le, &mut ls, &mut rs) };
                    }
                }
                // the saved vectors fill the room left (now one range)
                for v in saved {
                    // SAFETY: the room totals `2 * U * L` and is contiguous.
                    unsafe { flush(p, v, pv, rev, le, &mut ls, &mut rs) };
                }
                debug_assert_eq!(ls, rs);
                // The tail (fewer than `L` keys) by masked vector operations: its lesser
                // keys go to `ls..ls + c`, the greater keys there to the tail's front, the
                // tail's greater keys after them (`x[ls..mv]` holds greater keys only).
                let t = m - mv;
                if t == 0 {
                    return ls;
                }
                // SAFETY: the masked lanes are inside `x`: `mv + t == m`, and `ls + c <=
                // mv` is checked before `c` keys from `ls` are read or written; masked-off
                // lanes are not accessed.
                unsafe {
                    let tm = ((1u32 << t) - 1) as $mask;
                    let tv = $maskload(pv, tm, p.add(mv).cast());
                    let k: $mask = if le { $cmple(tv, pv) } else { $cmplt(tv, pv) } & tm;
                    let c = k.count_ones() as usize;
                    if mv - ls >= c {
                        let cm = ((1u32 << c) - 1) as $mask;
                        let displaced = $maskload(pv, cm, p.add(ls).cast());
                        $maskstore(p.add(ls).cast(), cm, $compress(k, tv));
                        let w = $expand(displaced, tm & !cm, $compress(tm & !k, tv));
                        $maskstore(p.add(mv).cast(), tm, w);
                        return ls + c;
                    }
                }
                // (fewer greater keys than lesser tail keys: one by one, branch-free:
                // `x[q..j]` holds keys that stay right, so swapping one of them with `x[j]`
                // keeps the order of the split, and `q` moves only when `x[j]` goes left)
                let mut q = ls;
                for j in mv..m {
                    let v = x[j];
                    x.swap(q, j);
                    q += usize::from(v < pivot || (le && v == pivot));
                }
                q
            }

            /// The median of three keys, without branches.
            #[inline(always)]
            fn med3(a: $key, b: $key, c: $key) -> $key {
                a.min(b).max(a.max(b).min(c))
            }

            /// Tukey's ninther of `x`: the median of the medians of three groups of three
            /// keys spread over `x` (no branches, unlike sorting nine keys).
            fn median9(x: &[$key]) -> $key {
                let m = x.len();
                let at = |i: usize| x[(2 * i + 1) * m / 18];
                med3(
                    med3(at(0), at(1), at(2)),
                    med3(at(3), at(4), at(5)),
                    med3(at(6), at(7), at(8)),
                )
            }

            /// Sorts the keys of `x` in place; below `depth == 0`, by `sort_unstable`.
            #[target_feature(enable = "avx512f,popcnt,bmi2")]
            unsafe fn quick(x: &mut [$key], depth: u32) {
                let m = x.len();
                if m <= SMALL {
                    unsafe { small(x) };
                    return;
                }
                if depth == 0 {
                    x.sort_unstable();
                    return;
                }
                let pivot = median9(x);
                let l = unsafe { partition(x, pivot, false) };
                if l == 0 {
                    // the pivot is the least key: split off the keys equal to it (sorted)
                    let e = unsafe { partition(x, pivot, true) };
                    unsafe { quick(&mut x[e..], depth - 1) };
                    return;
                }
                let (xl, xr) = x.split_at_mut(l);
                if m >= PAR {
                    rayon::join(
                        // SAFETY: this CPU has the features (the caller checked).
                        || unsafe { quick(xl, depth - 1) },
                        || unsafe { quick(xr, depth - 1) },
                    );
                } else {
                    unsafe {
                        quick(xl, depth - 1);
                        quick(xr, depth - 1);
                    }
                }
            }

            /// Sorts `keys` ascending.
            pub fn sort(keys: &mut [$key]) {
                assert!(super::available());
                let depth = 2 * (usize::BITS - keys.len().leading_zeros()) + 8;
                // SAFETY: `available()` checked the CPU features.
                unsafe { quick(keys, depth) }
            }
        }

        impl SimdKey for $key {
            fn sort(keys: &mut [Self]) {
                #[cfg(target_arch = "x86_64")]
                $modname::sort(keys);
                #[cfg(not(target_arch = "x86_64"))]
                unreachable!("the AVX-512 sort runs only where `available()`");
            }
        }
    };
}
simd_sort!(
    u32,
    k32,
    16,
    u16,
    _mm512_min_epu32,
    _mm512_max_epu32,
    _mm512_permutexvar_epi32,
    _mm512_mask_max_epu32,
    _mm512_set1_epi32,
    i32,
    _mm512_cmplt_epu32_mask,
    _mm512_cmple_epu32_mask,
    _mm512_maskz_compress_epi32,
    _mm512_mask_storeu_epi32,
    _mm512_mask_loadu_epi32,
    _mm512_mask_expand_epi32,
    [0xAAAA, 0xCCCC, 0xF0F0, 0xFF00]
);
simd_sort!(
    u64,
    k64,
    8,
    u8,
    _mm512_min_epu64,
    _mm512_max_epu64,
    _mm512_permutexvar_epi64,
    _mm512_mask_max_epu64,
    _mm512_set1_epi64,
    i64,
    _mm512_cmplt_epu64_mask,
    _mm512_cmple_epu64_mask,
    _mm512_maskz_compress_epi64,
    _mm512_mask_storeu_epi64,
    _mm512_mask_loadu_epi64,
    _mm512_mask_expand_epi64,
    [0xAA, 0xCC, 0xF0, 0x00]
);

#[cfg(test)]
mod tests {
    use super::*;

    fn check<K: SimdKey + std::fmt::Debug>(x: &[K]) {
        let mut want = x.to_vec();
        want.sort_unstable();
        let mut got = x.to_vec();
        K::sort(&mut got);
        assert_eq!(got, want, "n = {}", x.len());
    }

    #[test]
    fn sorts_every_size_and_pattern() {
        if !available() {
            eprintln!("no AVX-512F here: the radix sort runs instead");
            return;
        }
        let pat = |n: usize, m: u64| -> Vec<u64> {
            (0..n as u64)
                .map(|i| (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11) % m)
                .collect()
        };
        for n in [
            0, 1, 2, 3, 15, 16, 17, 100, 255, 256, 257, 1000, 5_000, 70_001, 300_000,
        ] {
            for m in [1, 2, 3, 1000, 1 << 40, u64::MAX] {
                let p = pat(n, m);
                check(&p);
                check(&p.iter().map(|&v| v as u32).collect::<Vec<_>>());
                check(&p.iter().map(|&v| (v >> 32) as u32).collect::<Vec<_>>());
            }
            let asc: Vec<u64> = (0..n as u64).collect();
            check(&asc);
            check(&asc.iter().rev().copied().collect::<Vec<_>>());
            check(&vec![u32::MAX; n]);
            check(&vec![0u64; n]);
            // organ pipe and sawtooth
            check(
                &(0..n as u32)
                    .map(|i| i.min(n as u32 - i))
                    .collect::<Vec<_>>(),
            );
            check(&(0..n as u64).map(|i| i % 17).collect::<Vec<_>>());
        }
    }

    #[test]
    fn partition_tails() {
        if !available() {
            return;
        }
        // mostly least keys with a few outliers: the partition tails where the lesser
        // keys outnumber the greater ones already split (the scalar fallback), and the
        // vector tail otherwise
        for n in 257..700u64 {
            for k in 0..4u64 {
                let p: Vec<u64> = (0..n)
                    .map(|i| if i % 97 < k { u64::MAX - i } else { i % 3 })
                    .collect();
                check(&p);
                check(&p.iter().map(|&v| v as u32).collect::<Vec<_>>());
                check(&p.iter().rev().copied().collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn every_short_length() {
        if !available() {
            return;
        }
        // every length through a few partitions above the networks (padding skips,
        // partition tails, whole-vector stores)
        for n in 0..1200u64 {
            let p: Vec<u64> = (0..n)
                .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (i << 7))
                .collect();
            check(&p);
            check(&p.iter().map(|&v| v as u32).collect::<Vec<_>>());
            check(&p.iter().map(|&v| v % 5).collect::<Vec<_>>());
            check(&p.iter().map(|&v| (v % 3) as u32).collect::<Vec<_>>());
            check(&(0..n).rev().collect::<Vec<_>>());
        }
    }
}
