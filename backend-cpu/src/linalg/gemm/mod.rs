//! Packed, cache-blocked AVX-512 GEMM for `f32` and `f64`: `C = A B`.
//!
//! # Method
//!
//! The Goto / BLIS scheme, written from the published algorithm, arranged so that A is
//! packed once per depth block and every thread keeps only its own B panel in its L2:
//!
//! ```text
//! for ms in (0..m).step_by(MC)                  // A strip (rows)
//!   for pc in (0..k).step_by(KC)                //   depth block
//!     pack A[ms.., pc..] (MC x KC)              //     strip in L3, threads split the packing
//!     parallel for each task                    //     columns of C (rows if C is narrow)
//!       for jc in task columns, step NC         //       B panel, packed by the task, in L2
//!         for ir in task rows, step MR          //         A micro-panel (MR x KC)
//!           for jr in (0..NC).step_by(NR)       //           B micro-panels stream from L2
//!             micro-kernel: C[ir.., jr..] (+)= A_micro * B_micro
//! ```
//!
//! * Packing ([`pack`]) reads A and B through arbitrary element strides (row-major,
//!   column-major/transposed, padded or negative strides all cost the same) and writes
//!   k-major micro-panels, zero-padded to whole `MR` / `NR` multiples, into 64-byte
//!   aligned per-thread buffers that are reused across calls.
//! * The micro-kernels (`kernel`, one macro for both types) keep an `MR x NR = 6 x 4`-zmm
//!   tile of C in 24 accumulators; each k step loads 4 vectors of B, broadcasts 6
//!   scalars of A and issues 24 FMAs (k unrolled by 4, no spills in the loop; B is
//!   software-prefetched 8 k steps ahead). C is row-major, so a
//!   tile row is 4 contiguous vectors: full tiles are stored directly (overwritten in
//!   the first depth block, accumulated afterwards); edge tiles store only their valid
//!   rows, with lane masks for the last partial vector. The first tile of each row of
//!   tiles also prefetches the next A micro-panel of the strip into L2 (the strip is
//!   bigger than L2: without this, 2048^3 `f32` on one thread ran ~10% slower).
//! * Blocking (this machine: 48 KiB L1d and 1 MiB L2 per core, 32 MiB shared L3):
//!   - `f32`: MR = 6, NR = 64, KC = 1024, MC = 1024, NC = 128 (B panel 512 KiB in L2,
//!     B micro-panel 256 KiB streamed through L1, A strip 4 MiB);
//!   - `f64`: MR = 6, NR = 32, KC = 512, MC = 1024, NC = 128 (B panel 512 KiB, A strip
//!     4 MiB);
//!   - `k`, `m` and `n` are cut into equal blocks (no tiny remainder block).
//!   - Why: a 1 MiB B panel (the former `f32` KC = 256 x NC = 1024, `f64` 256 x 512)
//!     fills the whole L2 and cost ~4% in the micro-kernel (96-100% of peak with a
//!     <= 512 KiB panel, 93-97% with 1 MiB); 512 KiB panels with KC = 256 / 512 / 1024
//!     measured within ~2% of each other, the deeper KC halves the passes over C and
//!     the parallel regions. A strips of 2 or 8 MiB were not faster (`f64` 8 MiB: ~5%
//!     slower). Packing A once per depth block instead of once per B panel is what
//!     makes the narrow B panels affordable. The 6 x 4 tile stayed best: 8 x 3, 12 x 2
//!     and 14 x 2 about matched it alone but were 3-10% slower in the full product, and
//!     4 x 6 (more B traffic) was slower alone.
//! * Threads: per depth block, the A strip is packed in one parallel region (split
//!   evenly), then tasks run in a second one. Wide C: column ranges of whole
//!   micro-panels, at least `2 x threads` of them and a multiple of the thread count,
//!   sizes differing by at most one micro-panel, each task packing its own B panels
//!   (so each core's L2 holds only its own). Narrow C (fewer than `4 x threads`
//!   micro-panels, which would split unevenly): `2 x threads` row ranges against one
//!   B block packed by all threads with the strip. Small products (< 96^3
//!   multiply-adds) run on the calling thread.
//!
//! # Performance
//!
//! Machine: 2-core KVM AMD EPYC (Zen 5, AVX-512, 2 FMA units/core). Measured peak
//! (24 independent FMA chains) 235-250 GFLOP/s `f32` on one core, 455-465 on both; the
//! host's load halves the 2-core figure at times, so only rounds where that peak was at
//! least 400 GFLOP/s before and after count. `C = A B`, square, row-major, 2 threads:
//! `xpbench` (output allocated per call) against NumPy 2.4.6 / OpenBLAS 0.3.31
//! (SkylakeX kernels) with 2 threads, 3 clean interleaved rounds, minimum of the round
//! medians, 2026-11-23 07:11-07:32 UTC, in ms (GFLOP/s):
//!
//! | size | `f64` this  | `f64` NumPy | `f32` this  | `f32` NumPy |
//! |------|-------------|-------------|-------------|-------------|
//! | 512  | 1.28 (211)  | 1.48 (182)  | 0.607 (442) | 0.625 (429) |
//! | 1024 | 9.93 (216)  | 11.8 (182)  | 4.90 (439)  | 4.96 (433)  |
//! | 2048 | 86.5 (199)  | 95.3 (180)  | 39.2 (438)  | 39.7 (433)  |
//!
//! Against the previous arrangement (KC = 256, MC = 192, NC = 1024 `f32` / 512 `f64`,
//! A packed once per B panel, one B panel shared by the threads), in a standalone
//! harness (C reused, medians), 6 clean interleaved rounds at 07:32 UTC, the time
//! ratio new/old was `f32` 0.99 / 0.89 / 0.87 at 512 / 1024 / 2048 (451 GFLOP/s at
//! 2048) and `f64` 0.92 / 0.89 / 0.93; on one thread, 2048^3 `f32` went from 205 to
//! 228 GFLOP/s (peak ~248). The micro-kernel alone (A block in L2, C in cache) runs at
//! 93-94% of peak with the old 1 MiB `f32` B panel and 95-100% with the new one.
//!
//! # Accumulating into a block
//!
//! [`Gemm::gemm_acc`] computes `C = A B`, `C += A B` or `C -= A B` ([`Acc`]) into an
//! `m x n` block of a bigger row-major matrix (row stride `ldc`): the first depth block
//! overwrites only for [`Acc::Set`], and [`Acc::Sub`] negates the packed A strips. It
//! stays on the calling thread below `128^3` multiply-adds (waking the pool costs more
//! than it saves there). The dense factorizations (`lu`, `cholesky`, `triangular`) run
//! their O(n^3) work through it.
//!
//! # Fallback
//!
//! [`Gemm::gemm`] returns `false` without touching C when AVX-512F/FMA are
//! not available (or not x86-64), or when a view or C is out of bounds; the caller then
//! uses another GEMM.

#![cfg_attr(not(target_arch = "x86_64"), allow(dead_code, unused_imports))]

#[cfg(target_arch = "x86_64")]
mod kernel;
mod pack;
mod small;
#[cfg(test)]
mod tests;

use rayon::prelude::*;
pub(crate) use small::{applies as small_applies, batched as small_batched, Small};
use std::cell::Cell;
use std::ops::Range;

/// A strided read-only matrix view: element `(i, j)` is `data[off + i*rs + j*cs]`.
pub(crate) struct View<'a, T> {
    /// Backing storage.
    pub(super) data: &'a [T],
    /// Offset of element `(0, 0)`.
    pub(super) off: usize,
    /// Row stride in elements.
    pub(super) rs: isize,
    /// Column stride in elements.
    pub(super) cs: isize,
}

impl<T> View<'_, T> {
    /// True if every element `(i, j)`, `i < rows`, `j < cols`, lies inside `data`
    /// (without overflowing `isize`). Only meaningful for `rows, cols > 0`.
    fn check(&self, rows: usize, cols: usize) -> bool {
        let (Ok(r), Ok(c), Ok(off)) = (
            isize::try_from(rows - 1),
            isize::try_from(cols - 1),
            isize::try_from(self.off),
        ) else {
            return false;
        };
        let (Some(dr), Some(dc)) = (r.checked_mul(self.rs), c.checked_mul(self.cs)) else {
            return false;
        };
        let Some(lo) = off
            .checked_add(dr.min(0))
            .and_then(|l| l.checked_add(dc.min(0)))
        else {
            return false;
        };
        let Some(hi) = off
            .checked_add(dr.max(0))
            .and_then(|h| h.checked_add(dc.max(0)))
        else {
            return false;
        };
        lo >= 0 && (hi as usize) < self.data.len()
    }
}

/// The element types handled here.
///
/// # Safety
/// Implementors must be plain-old-data floats (every bit pattern valid, alignment at
/// most 64): scratch buffers of [`Line`]s are reinterpreted as slices of them.
pub(crate) unsafe trait Elem:
    Copy + Default + Send + Sync + std::ops::Add<Output = Self> + std::ops::Neg<Output = Self> + 'static
{
}
// SAFETY: f32 is plain old data with alignment 4.
unsafe impl Elem for f32 {}
// SAFETY: f64 is plain old data with alignment 8.
unsafe impl Elem for f64 {}

/// A micro-kernel: computes an `MR x NR` tile of C from packed panels.
pub(super) trait Micro: Sync {
    /// Element type.
    type T: Elem;
    /// Rows of the register tile (broadcast from A).
    const MR: usize;
    /// Columns of the register tile (vector loads from B).
    const NR: usize;
    /// Packs the `mc x kc` block of `a` at (`i0`, `p0`) into `dst` as `MR`-row
    /// micro-panels (see [`pack::pack_a`]).
    fn pack_a(
        dst: &mut [Self::T],
        a: &View<'_, Self::T>,
        i0: usize,
        p0: usize,
        mc: usize,
        kc: usize,
    );
    /// Packs micro-panels `q0..` of the `kc x nc` block of `b` at (`p0`, `j0`) into
    /// `dst` as `NR`-column micro-panels (see [`pack::pack_b`]).
    #[allow(clippy::too_many_arguments)]
    fn pack_b(
        dst: &mut [Self::T],
        b: &View<'_, Self::T>,
        p0: usize,
        j0: usize,
        q0: usize,
        nc: usize,
        kc: usize,
    );
    /// Computes the `MR x NR` tile `C (+)= A_micro * B_micro` over `kc` steps (`first`:
    /// overwrite instead of accumulate) and stores its top-left `rows x cols` part;
    /// `c` is the tile's top-left element, row stride `ldc`. A non-null `apf` (another
    /// packed A micro-panel, `kc*MR` values) is prefetched into L2 along the way.
    ///
    /// # Safety
    /// The CPU must support the kernel's instructions (AVX-512F/VL/DQ, FMA); `a` must
    /// be readable for `kc*MR` values, `b` for `kc*NR`, and `c[i*ldc + j]` for
    /// `i < rows`, `j < cols` valid for reads and writes with no other live reference.
    /// `apf` is only prefetched, never dereferenced.
    #[allow(clippy::too_many_arguments)]
    unsafe fn run(
        kc: usize,
        a: *const Self::T,
        b: *const Self::T,
        c: *mut Self::T,
        ldc: usize,
        first: bool,
        rows: usize,
        cols: usize,
        apf: *const Self::T,
    );
}

/// Cache-blocking parameters (in elements).
#[derive(Clone, Copy, Debug)]
pub(super) struct Blocking {
    /// Depth of a packed panel (k direction).
    pub(super) kc: usize,
    /// Rows of a packed A strip.
    pub(super) mc: usize,
    /// Columns of a packed B panel.
    pub(super) nc: usize,
}

/// `f64` micro-kernel with `MR` rows and `NV` zmm vectors (8 lanes) of columns.
#[cfg(target_arch = "x86_64")]
pub(super) struct K64<const MR: usize, const NV: usize, const PF: usize = 0>;
#[cfg(target_arch = "x86_64")]
impl<const MR: usize, const NV: usize, const PF: usize> Micro for K64<MR, NV, PF> {
    type T = f64;
    const MR: usize = MR;
    const NR: usize = 8 * NV;
    fn pack_a(dst: &mut [f64], a: &View<'_, f64>, i0: usize, p0: usize, mc: usize, kc: usize) {
        pack::pack_a_fixed::<f64, MR>(dst, a, i0, p0, mc, kc);
    }
    #[allow(clippy::too_many_arguments)]
    fn pack_b(
        dst: &mut [f64],
        b: &View<'_, f64>,
        p0: usize,
        j0: usize,
        q0: usize,
        nc: usize,
        kc: usize,
    ) {
        // `NR` cannot be written as `8 * NV` in a const argument on stable Rust,
        // so the supported widths are listed.
        match NV {
            1 => pack::pack_b_fixed::<f64, 8>(dst, b, p0, j0, q0, nc, kc),
            2 => pack::pack_b_fixed::<f64, 16>(dst, b, p0, j0, q0, nc, kc),
            3 => pack::pack_b_fixed::<f64, 24>(dst, b, p0, j0, q0, nc, kc),
            4 => pack::pack_b_fixed::<f64, 32>(dst, b, p0, j0, q0, nc, kc),
            _ => pack::pack_b(dst, b, p0, j0, q0, nc, kc, Self::NR),
        }
    }
    #[allow(clippy::too_many_arguments)]
    unsafe fn run(
        kc: usize,
        a: *const f64,
        b: *const f64,
        c: *mut f64,
        ldc: usize,
        first: bool,
        rows: usize,
        cols: usize,
        apf: *const f64,
    ) {
        // SAFETY: same contract as `kernel` (CPU support, pointer validity), which
        // the caller upholds.
        unsafe { kernel::f64k::kernel::<MR, NV, PF>(kc, a, b, c, ldc, first, rows, cols, apf) }
    }
}

/// `f32` micro-kernel with `MR` rows and `NV` zmm vectors (16 lanes) of columns.
#[cfg(target_arch = "x86_64")]
pub(super) struct K32<const MR: usize, const NV: usize, const PF: usize = 0>;
#[cfg(target_arch = "x86_64")]
impl<const MR: usize, const NV: usize, const PF: usize> Micro for K32<MR, NV, PF> {
    type T = f32;
    const MR: usize = MR;
    const NR: usize = 16 * NV;
    fn pack_a(dst: &mut [f32], a: &View<'_, f32>, i0: usize, p0: usize, mc: usize, kc: usize) {
        pack::pack_a_fixed::<f32, MR>(dst, a, i0, p0, mc, kc);
    }
    #[allow(clippy::too_many_arguments)]
    fn pack_b(
        dst: &mut [f32],
        b: &View<'_, f32>,
        p0: usize,
        j0: usize,
        q0: usize,
        nc: usize,
        kc: usize,
    ) {
        // `NR` cannot be written as `16 * NV` in a const argument on stable Rust,
        // so the supported widths are listed.
        match NV {
            1 => pack::pack_b_fixed::<f32, 16>(dst, b, p0, j0, q0, nc, kc),
            2 => pack::pack_b_fixed::<f32, 32>(dst, b, p0, j0, q0, nc, kc),
            3 => pack::pack_b_fixed::<f32, 48>(dst, b, p0, j0, q0, nc, kc),
            4 => pack::pack_b_fixed::<f32, 64>(dst, b, p0, j0, q0, nc, kc),
            _ => pack::pack_b(dst, b, p0, j0, q0, nc, kc, Self::NR),
        }
    }
    #[allow(clippy::too_many_arguments)]
    unsafe fn run(
        kc: usize,
        a: *const f32,
        b: *const f32,
        c: *mut f32,
        ldc: usize,
        first: bool,
        rows: usize,
        cols: usize,
        apf: *const f32,
    ) {
        // SAFETY: same contract as `kernel` (CPU support, pointer validity), which
        // the caller upholds.
        unsafe { kernel::f32k::kernel::<MR, NV, PF>(kc, a, b, c, ldc, first, rows, cols, apf) }
    }
}

/// A 64-byte aligned chunk of scratch memory.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Line([u8; 64]);

thread_local! {
    /// Per-thread packing buffer for A strips (and a narrow C's shared B block), reused
    /// across calls.
    static ABUF: Cell<Vec<Line>> = const { Cell::new(Vec::new()) };
    /// Per-thread packing buffer for B panels (reused across calls).
    static BBUF: Cell<Vec<Line>> = const { Cell::new(Vec::new()) };
}

/// Runs `f` on an initialised (zeroed or reused) 64-byte aligned scratch slice of
/// `len` elements taken from `slot` (a fresh one if the slot is in use by an outer
/// call, e.g. a nested GEMM run by a work-stealing thread). The buffer is returned to
/// the slot afterwards, so each thread keeps its largest buffer (with the blocking
/// below: at most 512 KiB for B panels; 4 MiB for an A strip, plus up to 1.8 MiB for
/// a narrow C's shared B block, on threads that start products).
fn with_buf<T: Elem, R>(
    slot: &'static std::thread::LocalKey<Cell<Vec<Line>>>,
    len: usize,
    f: impl FnOnce(&mut [T]) -> R,
) -> R {
    let mut v = slot.with(|s| s.take());
    let lines = (len * size_of::<T>()).div_ceil(64);
    if v.len() < lines {
        v.resize(lines, Line([0; 64]));
    }
    // SAFETY: `v` holds at least `len * size_of::<T>()` initialised bytes, 64-byte
    // aligned (>= align_of::<T>(), and every bit pattern is a valid `T`: the `Elem`
    // contract). The slice borrows `v` exclusively for the duration of `f`.
    let s = unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut T, len) };
    let r = f(s);
    slot.with(|s| s.set(v));
    r
}

/// A raw pointer that may be sent to other threads (for disjoint writes into C).
#[derive(Clone, Copy)]
struct SendPtr<T>(*mut T);
// SAFETY: used only to write disjoint rectangles of C from different tasks, while the
// owning `&mut [T]` is borrowed by the (blocking) parallel loop.
unsafe impl<T: Send> Send for SendPtr<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Sync for SendPtr<T> {}

/// Splits `len` items into `parts` contiguous ranges whose sizes differ by at most one,
/// and returns range `i`.
fn share(len: usize, parts: usize, i: usize) -> Range<usize> {
    (i * len / parts)..((i + 1) * len / parts)
}

/// Generic blocked driver: `C = A B` with micro-kernel `K`, blocking `bl` and up to
/// `threads` rayon tasks running at once. Returns false (C untouched) if a view or C is
/// out of bounds.
///
/// # Safety
/// The CPU must support the instructions `K::run` is compiled for (AVX-512F/VL/DQ and
/// FMA for [`K64`] / [`K32`]).
#[allow(clippy::too_many_arguments)]
pub(super) unsafe fn driver<K: Micro>(
    m: usize,
    n: usize,
    k: usize,
    a: View<'_, K::T>,
    b: View<'_, K::T>,
    c: &mut [K::T],
    ldc: usize,
    acc: Acc,
    bl: Blocking,
    threads: usize,
) -> bool {
    if m == 0 || n == 0 {
        return true;
    }
    // C's last element is `(m-1)*ldc + n - 1`.
    let Some(clen) = (m - 1).checked_mul(ldc).and_then(|x| x.checked_add(n)) else {
        return false;
    };
    if ldc < n || c.len() < clen {
        return false;
    }
    if k == 0 {
        if acc == Acc::Set {
            for row in c.chunks_mut(ldc).take(m) {
                row[..n].fill(K::T::default());
            }
        }
        return true;
    }
    if !a.check(m, k) || !b.check(k, n) {
        return false;
    }
    let (mr, nr) = (K::MR, K::NR);
    // Equal-sized blocks (no tiny remainder block): `k` in `ceil(k/kc)` depth blocks,
    // `m` in `ceil(m/mc)` strips and `n` in `ceil(n/nc)` panels, rounded up to whole
    // micro-panels.
    let kc_max = k.div_ceil(k.div_ceil(bl.kc));
    let ms_max = m.div_ceil(m.div_ceil(bl.mc)).next_multiple_of(mr);
    let nc_max = n.div_ceil(n.div_ceil(bl.nc)).next_multiple_of(nr);
    // Work split: small products run on one thread.
    let work = m as f64 * n as f64 * k as f64;
    let threads = if work < (96.0f64).powi(3) {
        1
    } else {
        threads.max(1)
    };
    if threads > 1 && !crate::pool::inside() {
        // From outside the pool every parallel region below (two per depth block and
        // strip) would be injected and slept on, and between regions idle workers fall
        // asleep: enter the pool once with the other workers kept awake instead.
        // SAFETY: the same call (the caller's contract holds), made from a pool thread.
        return crate::pool::enter(|| unsafe {
            driver::<K>(m, n, k, a, b, c, ldc, acc, bl, threads)
        });
    }
    // Tasks. Wide C: column ranges (at least one per `nc` panel, and `2*threads` when
    // there are enough micro-panels, a multiple of the thread count), each packing its
    // own B panels. Narrow C (fewer than `4*threads` micro-panels, which would split
    // unevenly): row ranges of the strip against one B block packed by all threads.
    let npan = n.div_ceil(nr);
    let panels_max = nc_max / nr;
    let want = if threads > 1 { 2 * threads } else { 1 };
    let shared_b = threads > 1 && npan < 2 * want;
    let mut col_tasks = if shared_b {
        1
    } else {
        n.div_ceil(nc_max).max(want.min(npan))
    };
    if threads > 1 && col_tasks >= threads {
        col_tasks = col_tasks.next_multiple_of(threads).min(npan);
    }
    let cptr = SendPtr(c.as_mut_ptr());
    let bshared_len = if shared_b { kc_max * npan * nr } else { 0 };
    with_buf::<K::T, _>(&ABUF, ms_max * kc_max + bshared_len, |abuf| {
        let (abuf, bshared) = abuf.split_at_mut(ms_max * kc_max);
        let mut ms0 = 0;
        while ms0 < m {
            let msz = ms_max.min(m - ms0);
            let mp = msz.div_ceil(mr);
            let row_tasks = if col_tasks >= want {
                1
            } else {
                want.div_ceil(col_tasks).min(mp)
            };
            let mut pc = 0;
            while pc < k {
                let kc = kc_max.min(k - pc);
                let first = pc == 0 && acc == Acc::Set;
                // Pack the A strip (rows ms0.., depth pc..) and, for narrow C, the B
                // block (depth pc.., all columns), split between threads.
                let strip = &mut abuf[..mp * mr * kc];
                let bblock = &mut bshared[..if shared_b { npan * nr * kc } else { 0 }];
                let a_parts = threads.min(mp);
                let b_parts = if shared_b { threads.min(npan) } else { 0 };
                let pack = |job: (usize, &mut [K::T])| {
                    let (t, d) = job;
                    if t < a_parts {
                        let r = share(mp, a_parts, t);
                        let rows = (r.end * mr).min(msz) - r.start * mr;
                        K::pack_a(d, &a, ms0 + r.start * mr, pc, rows, kc);
                        if acc == Acc::Sub {
                            for x in d.iter_mut() {
                                *x = -*x;
                            }
                        }
                    } else {
                        let q = share(npan, b_parts, t - a_parts);
                        K::pack_b(d, &b, pc, 0, q.start, n, kc);
                    }
                };
                let mut jobs = Vec::with_capacity(a_parts + b_parts);
                let mut rest = &mut *strip;
                for t in 0..a_parts {
                    let (h, tail) = rest.split_at_mut(share(mp, a_parts, t).len() * mr * kc);
                    jobs.push((t, h));
                    rest = tail;
                }
                let mut rest = &mut *bblock;
                for t in 0..b_parts {
                    let (h, tail) = rest.split_at_mut(share(npan, b_parts, t).len() * nr * kc);
                    jobs.push((a_parts + t, h));
                    rest = tail;
                }
                if threads > 1 && jobs.len() > 1 {
                    jobs.into_par_iter().for_each(pack);
                } else {
                    jobs.into_iter().for_each(pack);
                }
                let (strip, bblock): (&[K::T], &[K::T]) = (strip, bblock);
                // Tasks: each sweeps its rows of the strip against its B panels (packed
                // here, or taken from the shared block), at most `nc` columns at a time.
                let run = |t: usize| {
                    let (rt, ct) = (t / col_tasks, t % col_tasks);
                    let rows_r = share(mp, row_tasks, rt);
                    let cols_r = share(npan, col_tasks, ct);
                    if rows_r.is_empty() || cols_r.is_empty() {
                        return;
                    }
                    let rows = (rows_r.end * mr).min(msz) - rows_r.start * mr;
                    let ablock = &strip[rows_r.start * mr * kc..rows_r.end * mr * kc];
                    let chunks = cols_r.len().div_ceil(panels_max);
                    let sweep = |bpanel: &[K::T], jc: usize, nc: usize| {
                        // SAFETY: CPU support is `driver`'s contract; `cptr` is C (row
                        // stride ldc, rows m x cols n checked above) and this task is the
                        // only one touching rows ms0 + rows_r x columns jc..jc+nc while the
                        // parallel loop runs (tasks partition the strip's rows x columns;
                        // `c` stays borrowed here).
                        unsafe {
                            macro_kernel::<K>(
                                ablock,
                                bpanel,
                                cptr,
                                ldc,
                                ms0 + rows_r.start * mr,
                                jc,
                                rows,
                                nc,
                                kc,
                                first,
                            );
                        }
                    };
                    for ch in 0..chunks {
                        let q = share(cols_r.len(), chunks, ch);
                        let q = (cols_r.start + q.start)..(cols_r.start + q.end);
                        let jc = q.start * nr;
                        let nc = (q.len() * nr).min(n - jc);
                        if shared_b {
                            sweep(&bblock[q.start * nr * kc..q.end * nr * kc], jc, nc);
                        } else {
                            with_buf::<K::T, _>(&BBUF, q.len() * nr * kc, |bpanel| {
                                K::pack_b(bpanel, &b, pc, jc, 0, nc, kc);
                                sweep(bpanel, jc, nc);
                            });
                        }
                    }
                };
                let ntasks = row_tasks * col_tasks;
                if threads > 1 && ntasks > 1 {
                    (0..ntasks).into_par_iter().for_each(run);
                } else {
                    (0..ntasks).for_each(run);
                }
                pc += kc;
            }
            ms0 += msz;
        }
    });
    true
}

/// Multiplies a packed A block (`mc x kc`, whole micro-panels) by a packed B panel
/// (`kc x nc`), writing rows `ic..ic+mc` and columns `jc..jc+nc` of C (row stride
/// `ldc`). A micro-panel by micro-panel, each against every B micro-panel; during the
/// first tile of a row of tiles the next A micro-panel is prefetched into L2.
///
/// # Safety
/// The CPU must support `K`'s instructions; `c` must point to a row-major C with row
/// stride `ldc` containing rows `ic..ic+mc` and columns `jc..jc+nc`, and no one else
/// may access that rectangle during the call.
#[allow(clippy::too_many_arguments)]
unsafe fn macro_kernel<K: Micro>(
    abuf: &[K::T],
    bpanel: &[K::T],
    c: SendPtr<K::T>,
    ldc: usize,
    ic: usize,
    jc: usize,
    mc: usize,
    nc: usize,
    kc: usize,
    first: bool,
) {
    let (mr, nr) = (K::MR, K::NR);
    let (mpanels, npanels) = (mc.div_ceil(mr), nc.div_ceil(nr));
    for ip in 0..mpanels {
        let ap = &abuf[ip * mr * kc..(ip + 1) * mr * kc];
        let next = abuf.get((ip + 1) * mr * kc..(ip + 2) * mr * kc);
        let rows = mr.min(mc - ip * mr);
        for q in 0..npanels {
            let bp = &bpanel[q * nr * kc..(q + 1) * nr * kc];
            let cols = nr.min(nc - q * nr);
            let (i, j) = (ic + ip * mr, jc + q * nr);
            let apf = match next {
                Some(nx) if q == 0 => nx.as_ptr(),
                _ => std::ptr::null(),
            };
            // SAFETY: CPU support is this function's contract; `ap`/`bp` hold `kc`
            // steps of MR/NR values; the `rows x cols` part of the tile (rows i..,
            // columns j..) lies in the rectangle the caller gave us exclusively.
            unsafe {
                K::run(
                    kc,
                    ap.as_ptr(),
                    bp.as_ptr(),
                    c.0.add(i * ldc + j),
                    ldc,
                    first,
                    rows,
                    cols,
                    apf,
                );
            }
        }
    }
}

/// Micro-kernel used for `f64`: 6 rows x 4 zmm (32 columns), B prefetched 8 steps ahead.
#[cfg(target_arch = "x86_64")]
pub(super) type F64Kernel = K64<6, 4, 8>;
/// Micro-kernel used for `f32`: 6 rows x 4 zmm (64 columns), B prefetched 8 steps ahead.
#[cfg(target_arch = "x86_64")]
pub(super) type F32Kernel = K32<6, 4, 8>;
/// Blocking used for `f64` (see the module documentation).
pub(super) const BLOCK_F64: Blocking = Blocking {
    kc: 512,
    mc: 1024,
    nc: 128,
};
/// Blocking used for `f32` (see the module documentation).
pub(super) const BLOCK_F32: Blocking = Blocking {
    kc: 1024,
    mc: 1024,
    nc: 128,
};

/// True if the running CPU has the features the micro-kernels are compiled for.
#[cfg(target_arch = "x86_64")]
pub(crate) fn has_avx512() -> bool {
    std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512vl")
        && std::arch::is_x86_feature_detected!("avx512dq")
        && std::arch::is_x86_feature_detected!("fma")
}

/// Multiply-adds below which [`Gemm::gemm_acc`] stays on the calling thread.
const ACC_PAR_WORK: f64 = 128.0 * 128.0 * 128.0;

/// How [`Gemm::gemm_acc`] combines the product with C.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Acc {
    /// `C = A B`.
    Set,
    /// `C += A B`.
    #[cfg_attr(not(test), allow(dead_code))]
    Add,
    /// `C -= A B`.
    Sub,
}

/// A float with a GEMM here (its micro-kernel and blocking above).
pub(crate) trait Gemm: Elem {
    /// `C = A B`.
    ///
    /// C is `m x n`, row-major and contiguous (`c[i*n + j]`), and is overwritten (zeros
    /// if `k == 0`). A (`m x k`) and B (`k x n`) are views with any strides (including
    /// negative ones) as long as every element lies inside their slices.
    ///
    /// Returns `false`, leaving C untouched, when the CPU lacks AVX-512F/VL/DQ or FMA
    /// (or is not x86-64), or when a view reaches outside its slice or `c.len() < m*n`.
    /// Never panics. Uses the current rayon pool for large products.
    fn gemm(
        m: usize,
        n: usize,
        k: usize,
        a: View<'_, Self>,
        b: View<'_, Self>,
        c: &mut [Self],
    ) -> bool;

    /// `C = A B`, `C += A B` or `C -= A B` (per `acc`) on an `m x n` C with row stride
    /// `ldc >= n` (`c[i*ldc + j]`; C may be a block of a bigger matrix, whose other
    /// elements are not touched). Views as for [`Gemm::gemm`].
    ///
    /// Returns `false`, leaving C untouched, when the CPU lacks the micro-kernel's
    /// instructions, when a view reaches outside its slice, or when `ldc < n` or
    /// `c.len() < (m-1)*ldc + n`. Never panics.
    #[allow(clippy::too_many_arguments)]
    fn gemm_acc(
        m: usize,
        n: usize,
        k: usize,
        a: View<'_, Self>,
        b: View<'_, Self>,
        c: &mut [Self],
        ldc: usize,
        acc: Acc,
    ) -> bool;
}

/// Implements [`Gemm`] for a float type with its micro-kernel and blocking.
macro_rules! gemm_impl {
    ($t:ty, $kernel:ty, $block:expr) => {
        impl Gemm for $t {
            fn gemm(
                m: usize,
                n: usize,
                k: usize,
                a: View<'_, $t>,
                b: View<'_, $t>,
                c: &mut [$t],
            ) -> bool {
                let threads = rayon::current_num_threads();
                run::<$kernel>(m, n, k, a, b, c, n, Acc::Set, $block, threads)
            }

            fn gemm_acc(
                m: usize,
                n: usize,
                k: usize,
                a: View<'_, $t>,
                b: View<'_, $t>,
                c: &mut [$t],
                ldc: usize,
                acc: Acc,
            ) -> bool {
                // Waking the pool costs tens of microseconds on a busy machine: below
                // `ACC_PAR_WORK` the product runs on the calling thread.
                let work = m as f64 * n as f64 * k as f64;
                let threads = if work < ACC_PAR_WORK {
                    1
                } else {
                    rayon::current_num_threads()
                };
                run::<$kernel>(m, n, k, a, b, c, ldc, acc, $block, threads)
            }
        }
    };
}
gemm_impl!(f64, F64Kernel, BLOCK_F64);
gemm_impl!(f32, F32Kernel, BLOCK_F32);

/// [`driver`] where the CPU has the micro-kernels' instructions, else `false`.
#[allow(clippy::too_many_arguments)]
fn run<K: Micro>(
    m: usize,
    n: usize,
    k: usize,
    a: View<'_, K::T>,
    b: View<'_, K::T>,
    c: &mut [K::T],
    ldc: usize,
    acc: Acc,
    bl: Blocking,
    threads: usize,
) -> bool {
    #[cfg(target_arch = "x86_64")]
    if has_avx512() {
        // SAFETY: AVX-512F/VL/DQ and FMA were detected just above (the instructions
        // `K64` / `K32`, the only `Micro` implementations, are compiled for).
        return unsafe { driver::<K>(m, n, k, a, b, c, ldc, acc, bl, threads) };
    }
    let _ = (m, n, k, a, b, c, ldc, acc, bl, threads);
    false
}
