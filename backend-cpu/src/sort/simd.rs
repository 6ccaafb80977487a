//! The AVX-512 value sort of 32- and 64-bit radix keys: a quicksort whose partitions are
//! vectorised with compress instructions and whose short ranges are finished by a bitonic
//! sorting network on 512-bit vectors, over rayon's threads.
//!
//! - **Partition** (in place): the first and last 4 vectors are set aside; then 4 vectors
//!   at a time are read from the side with less room, and their 16 (`u32`) or 8 (`u64`)
//!   keys each are compared with the pivot, the lesser ones compressed and stored (masked)
//!   at the left cursor, the others at the right one. Pivots are the median of nine keys
//!   spread over the range; when no key is below the pivot (it is the least key), a second
//!   pass splits off the keys equal to it, so runs of equal keys cost one pass each.
//!   Ranges still longer than [`SMALL_VECTORS`] vectors after `2·log₂ n + 8` levels
//!   (adversarial inputs) are sorted by `sort_unstable`.
//! - **Small sort**: ranges of at most [`SMALL_VECTORS`] vectors of keys are padded with
//!   the greatest key to a power of two and sorted by a bitonic network in which every
//!   compare-exchange puts the lesser key first (each merge opens with the mirrored
//!   comparison), vector against vector for distances of a whole vector or more, by a lane
//!   permutation within one vector below that.
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
     $maskstore:ident, $himasks:expr) => {
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

            #[inline(always)]
            unsafe fn store(p: *mut $key, v: __m512i) {
                // SAFETY: the caller passes room for `L` keys.
                unsafe { _mm512_storeu_si512(p.cast(), v) }
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

            /// Sorts the `nvec * L` keys at `p` (`nvec` a power of two).
            #[target_feature(enable = "avx512f,popcnt,bmi2")]
            unsafe fn bitonic(p: *mut $key, nvec: usize) {
                let ix = unsafe { idx() };
                let rev = ix.m[L.trailing_zeros() as usize - 1];
                for v in 0..nvec {
                    // SAFETY: `v < nvec`: the vector is inside the buffer.
                    unsafe { store(p.add(v * L), sort_vec(load(p.add(v * L)), &ix)) };
                }
                let mut bv = 2;
                while bv <= nvec {
                    // merge blocks of `bv` vectors: the mirrored comparison ...
                    for blk in (0..nvec).step_by(bv) {
                        for j in 0..bv / 2 {
                            // SAFETY: both vectors are inside block `blk..blk + bv`.
                            unsafe {
                                let (pa, pb) =
                                    (p.add((blk + j) * L), p.add((blk + bv - 1 - j) * L));
                                let a = load(pa);
                                let c = $perm(rev, load(pb));
                                store(pa, $min(a, c));
                                store(pb, $perm(rev, $max(a, c)));
                            }
                        }
                    }
                    // ... the half-cleaners across vectors ...
                    let mut dv = bv / 4;
                    while dv >= 1 {
                        for v in 0..nvec {
                            if v & dv == 0 {
                                // SAFETY: `v + dv < nvec` (bit `dv` of `v` is clear).
                                unsafe {
                                    let (pa, pb) = (p.add(v * L), p.add((v + dv) * L));
                                    let a = load(pa);
                                    let c = load(pb);
                                    store(pa, $min(a, c));
                                    store(pb, $max(a, c));
                                }
                            }
                        }
                        dv /= 2;
                    }
                    // ... and within each vector
                    for v in 0..nvec {
                        // SAFETY: `v < nvec`.
                        unsafe { store(p.add(v * L), clean(load(p.add(v * L)), &ix)) };
                    }
                    bv *= 2;
                }
            }

            /// Sorts `x` (at most `SMALL` keys) with the bitonic network.
            #[target_feature(enable = "avx512f,popcnt,bmi2")]
            unsafe fn small(x: &mut [$key]) {
                let m = x.len();
                if m < 2 {
                    return;
                }
                let mut buf = [<$key>::MAX; SMALL];
                buf[..m].copy_from_slice(x);
                let nvec = m.div_ceil(L).next_power_of_two();
                // SAFETY: `nvec * L <= SMALL` keys of `buf`.
                unsafe { bitonic(buf.as_mut_ptr(), nvec) };
                x.copy_from_slice(&buf[..m]);
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

            /// Vectors read per decision of the partition (its data-dependent branch
            /// mispredicts about every other time: once per `U` vectors, not per vector).
            const U: usize = 4;
            // `partition` needs `2 * U * L` keys: every range it sees is longer than SMALL
            const _: () = assert!(2 * U * L <= SMALL);

            /// Moves the keys of `x` below `pivot` (or, with `le`, not above it) to its
            /// front, in place; returns their count. `x` holds at least `2 * U * L` keys.
            #[target_feature(enable = "avx512f,popcnt,bmi2")]
            unsafe fn partition(x: &mut [$key], pivot: $key, le: bool) -> usize {
                let m = x.len();
                let mv = m - m % L;
                debug_assert!(mv >= 2 * U * L);
                let pv = $set1(pivot as $sint);
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
                while l < r {
                    let at = if l - ls <= rs - r {
                        l += U * L;
                        l - U * L
                    } else {
                        r -= U * L;
                        r
                    };
                    // SAFETY: `at..at + U * L` is unread; both sides then have at least
                    // `U * L` room, enough for any split of `U` vectors. All `U` loads
                    // happen before the writes.
                    unsafe {
                        let mut v = [$set1(0); U];
                        for (j, v) in v.iter_mut().enumerate() {
                            *v = load(p.add(at + j * L));
                        }
                        for v in v {
                            emit(p, v, pv, le, &mut ls, &mut rs);
                        }
                    }
                }
                // the saved vectors fill the room left (now one range)
                for v in saved {
                    // SAFETY: the room totals `2 * U * L` and is contiguous.
                    unsafe { emit(p, v, pv, le, &mut ls, &mut rs) };
                }
                debug_assert_eq!(ls, rs);
                // the tail (fewer than L keys), one by one
                let mut q = ls;
                for j in mv..m {
                    let v = x[j];
                    if v < pivot || (le && v == pivot) {
                        x.swap(q, j);
                        q += 1;
                    }
                }
                q
            }

            fn median9(x: &[$key]) -> $key {
                let m = x.len();
                let mut s = [<$key>::MIN; 9];
                for (i, v) in s.iter_mut().enumerate() {
                    *v = x[(2 * i + 1) * m / 18];
                }
                s.sort_unstable();
                s[4]
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
}
