//! Packed, cache-blocked AVX-512 GEMM for `f32` and `f64`: `C = A B`.
//!
//! # Method
//!
//! The classic Goto / BLIS scheme, written from the published algorithm:
//!
//! ```text
//! for jc in (0..n).step_by(NC)            // B panel, shared by all threads
//!   for pc in (0..k).step_by(KC)          //   pack B[pc.., jc..] (KC x NC), threads split it
//!     parallel for each row chunk of C    //   rayon tasks (and column chunks if m is small)
//!       for ic in chunk.step_by(MC)       //     pack A[ic.., pc..] (MC x KC) per thread
//!         for ir in (0..MC).step_by(MR)   //       A micro-panel (MR x KC) stays in L1
//!           for jr in (0..NC).step_by(NR) //         B micro-panels stream from L2
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
//!   rows, with lane masks for the last partial vector.
//! * Blocking (this machine: 48 KiB L1d and 1 MiB L2 per core, 32 MiB shared L3):
//!   - `f64`: MR = 6, NR = 32, KC = 256, MC = 192, NC = 512 (A micro-panel 12 KiB in
//!     L1, B panel 1 MiB in L2, A block 384 KiB);
//!   - `f32`: MR = 6, NR = 64, KC = 256, MC = 192, NC = 1024 (A micro-panel 6 KiB,
//!     B panel 1 MiB, A block 192 KiB);
//!   - `k` and `n` are cut into equal blocks (no tiny remainder block).
//!   - Halving NC (B panel 512 KiB), halving MC or KC = 384 made no difference beyond
//!     this VM's ~10% noise (two interleaved rounds at 1024 and 2048, both types).
//! * Threads: the B panel is packed cooperatively, then rows of C are split into a
//!   multiple of the thread count of tasks (rayon), each packing its own A blocks. Small
//!   products (< 96^3 multiply-adds) run on the calling thread.
//!
//! # Performance
//!
//! Machine: 2-core KVM AMD EPYC (AVX-512, 2 FMA units/core; its clock varies with the
//! host's load: the figures below are from a slow hour, a quiet one gave 184 GFLOP/s at
//! `f64` 2048 and 386 at `f32` 2048, NumPy 184 and 434):
//! measured peak in that hour 73-75 GFLOP/s per core in `f64` (147 for 2 cores; `f32` 294).
//! `C = A B`, square, row-major, 2 threads, min over many interleaved runs on a shared
//! VM (load 2.6-5.8), in ms (GFLOP/s); faer 0.24.4 as xp called it, NumPy/OpenBLAS
//! 0.3.31 with 2 threads:
//!
//! | size | `f64` faer  | `f64` this  | `f64` NumPy | `f32` faer  | `f32` this  | `f32` NumPy |
//! |------|-------------|-------------|-------------|-------------|-------------|-------------|
//! | 512  | 2.44 (110)  | 2.23 (120)  | 2.55 (105)  | 1.43 (188)  | 1.35 (199)  | 1.43 (188)  |
//! | 1024 | 23.9 (90)   | 19.6 (110)  | 22.7 (95)   | 16.0 (135)  | 13.4 (160)  | 25.1 (86)   |
//! | 2048 | 175 (98)    | 159 (108)   | 163 (105)   | 153 (112)   | 112 (154)   | 120 (143)   |
//!
//! The `f32` column was measured without a quiet window (load >= 3.2); in the one quiet
//! window seen (load ~2.6, earlier `f32` blocking KC = 512, NC = 512) NumPy reached
//! 1.08 / 7.9 / 67.5 ms against 1.29 / 8.7 / 68.6 ms here. Under load the medians
//! favour this GEMM clearly (dynamic task split, no spinning threads).
//!
//! # Accumulating into a block
//!
//! [`Gemm::gemm_acc`] computes `C = A B`, `C += A B` or `C -= A B` ([`Acc`]) into an
//! `m x n` block of a bigger row-major matrix (row stride `ldc`): the first depth block
//! overwrites only for [`Acc::Set`], and [`Acc::Sub`] negates each packed A block. It
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
#[cfg(test)]
mod tests;

use rayon::prelude::*;
use std::cell::Cell;

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
    /// Computes the `MR x NR` tile `C (+)= A_micro * B_micro` over `kc` steps (`first`:
    /// overwrite instead of accumulate) and stores its top-left `rows x cols` part;
    /// `c` is the tile's top-left element, row stride `ldc`.
    ///
    /// # Safety
    /// The CPU must support the kernel's instructions (AVX-512F/VL/DQ, FMA); `a` must
    /// be readable for `kc*MR` values, `b` for `kc*NR`, and `c[i*ldc + j]` for
    /// `i < rows`, `j < cols` valid for reads and writes with no other live reference.
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
    );
}

/// Cache-blocking parameters (in elements).
#[derive(Clone, Copy, Debug)]
pub(super) struct Blocking {
    /// Depth of a packed panel (k direction).
    pub(super) kc: usize,
    /// Rows of a packed A block.
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
    ) {
        // SAFETY: same contract as `kernel` (CPU support, pointer validity), which
        // the caller upholds.
        unsafe { kernel::f64k::kernel::<MR, NV, PF>(kc, a, b, c, ldc, first, rows, cols) }
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
    ) {
        // SAFETY: same contract as `kernel` (CPU support, pointer validity), which
        // the caller upholds.
        unsafe { kernel::f32k::kernel::<MR, NV, PF>(kc, a, b, c, ldc, first, rows, cols) }
    }
}

/// A 64-byte aligned chunk of scratch memory.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Line([u8; 64]);

thread_local! {
    /// Per-thread packing buffer for A blocks (reused across calls).
    static ABUF: Cell<Vec<Line>> = const { Cell::new(Vec::new()) };
    /// Per-thread packing buffer for B panels (reused across calls).
    static BBUF: Cell<Vec<Line>> = const { Cell::new(Vec::new()) };
}

/// Runs `f` on an initialised (zeroed or reused) 64-byte aligned scratch slice of
/// `len` elements taken from `slot` (a fresh one if the slot is in use by an outer
/// call, e.g. a nested GEMM run by a work-stealing thread). The buffer is returned to
/// the slot afterwards, so each thread keeps its largest buffer (at most ~1 MiB for B,
/// ~400 KiB for A with the blocking below).
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
    // Equal-sized blocks (no tiny remainder block): `k` in `ceil(k/kc)` depth
    // blocks, `n` in `ceil(n/nc)` panels rounded up to whole micro-panels.
    let kc_max = k.div_ceil(k.div_ceil(bl.kc));
    let nc_max = n.div_ceil(n.div_ceil(bl.nc)).next_multiple_of(nr);
    let mc_max = bl.mc.min(m).next_multiple_of(mr);
    // Work split: small products run on one thread.
    let work = m as f64 * n as f64 * k as f64;
    let threads = if work < (96.0f64).powi(3) {
        1
    } else {
        threads.max(1)
    };
    if threads > 1 && rayon::current_thread_index().is_none() {
        // From outside the pool every parallel region below (one per depth block and B
        // panel) would be injected and slept on: enter the pool once instead.
        // SAFETY: the same call (the caller's contract holds), made from a pool thread.
        return rayon::scope(|_| unsafe { driver::<K>(m, n, k, a, b, c, ldc, acc, bl, threads) });
    }
    // Row chunks per task: at most `mc` rows, a multiple of the thread count (for
    // balance), and at least two per thread when `m` allows.
    let row_tasks = m
        .div_ceil(mc_max)
        .max(2 * threads)
        .next_multiple_of(threads);
    let rows_task = m.div_ceil(row_tasks).next_multiple_of(mr);
    let cptr = SendPtr(c.as_mut_ptr());
    with_buf::<K::T, _>(&BBUF, kc_max * nc_max, |bbuf| {
        let mut jc = 0;
        while jc < n {
            let nc = nc_max.min(n - jc);
            let mut pc = 0;
            while pc < k {
                let kc = kc_max.min(k - pc);
                let first = pc == 0 && acc == Acc::Set;
                let panels = nc.div_ceil(nr);
                let bpanel = &mut bbuf[..panels * nr * kc];
                // Pack B (split between threads by micro-panels).
                if threads > 1 && panels >= 2 {
                    let per = panels.div_ceil(threads);
                    bpanel
                        .par_chunks_mut(per * nr * kc)
                        .enumerate()
                        .for_each(|(t, d)| {
                            K::pack_b(d, &b, pc, jc, t * per, nc, kc);
                        });
                } else {
                    K::pack_b(bpanel, &b, pc, jc, 0, nc, kc);
                }
                let bpanel: &[K::T] = bpanel;
                // Tasks: row chunks x column chunks of this panel.
                let row_tasks = m.div_ceil(rows_task);
                let col_tasks = if row_tasks >= 2 * threads || threads == 1 {
                    1
                } else {
                    (2 * threads).div_ceil(row_tasks).min(panels)
                };
                let panels_task = panels.div_ceil(col_tasks);
                let col_tasks = panels.div_ceil(panels_task);
                let run = |t: usize| {
                    let (rt, ct) = (t / col_tasks, t % col_tasks);
                    let r0 = rt * rows_task;
                    let r1 = (r0 + rows_task).min(m);
                    let q0 = ct * panels_task;
                    let q1 = (q0 + panels_task).min(panels);
                    with_buf::<K::T, _>(&ABUF, mc_max * kc, |abuf| {
                        let mut ic = r0;
                        while ic < r1 {
                            let mc = bl.mc.min(r1 - ic);
                            K::pack_a(abuf, &a, ic, pc, mc, kc);
                            if acc == Acc::Sub {
                                let used = mc.next_multiple_of(mr) * kc;
                                for x in &mut abuf[..used] {
                                    *x = -*x;
                                }
                            }
                            // SAFETY: CPU support is `driver`'s contract; `cptr` is C
                            // (row stride ldc, rows m x cols n checked above) and this task
                            // is the only one touching rows r0..r1 x micro-panels
                            // q0..q1 of this panel while the parallel loop runs (tasks
                            // partition the rows x panels; `c` stays borrowed here).
                            unsafe {
                                macro_kernel::<K>(
                                    abuf, bpanel, cptr, ldc, ic, jc, mc, nc, kc, q0, q1, first,
                                );
                            }
                            ic += mc;
                        }
                    });
                };
                let ntasks = row_tasks * col_tasks;
                if threads > 1 && ntasks > 1 {
                    (0..ntasks).into_par_iter().for_each(run);
                } else {
                    (0..ntasks).for_each(run);
                }
                pc += kc;
            }
            jc += nc;
        }
    });
    true
}

/// Multiplies a packed A block (`mc x kc`) by micro-panels `q0..q1` of the packed B
/// panel, writing rows `ic..ic+mc` and the matching columns of C (row stride `ldc`).
///
/// # Safety
/// The CPU must support `K`'s instructions; `c` must point to a row-major C with row
/// stride `ldc` containing rows `ic..ic+mc` and columns `jc..jc+nc`, and no one else
/// may access that rectangle (restricted to micro-panels `q0..q1`) during the call.
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
    q0: usize,
    q1: usize,
    first: bool,
) {
    let (mr, nr) = (K::MR, K::NR);
    let mpanels = mc.div_ceil(mr);
    let tile = |ip: usize, q: usize| {
        let ap = &abuf[ip * mr * kc..(ip + 1) * mr * kc];
        let bp = &bpanel[q * nr * kc..(q + 1) * nr * kc];
        let rows = mr.min(mc - ip * mr);
        let cols = nr.min(nc - q * nr);
        let (i, j) = (ic + ip * mr, jc + q * nr);
        // SAFETY: CPU support is this function's contract; `ap`/`bp` hold `kc` steps
        // of MR/NR values; the `rows x cols` part of the tile (rows i.., columns j..)
        // lies in the rectangle the caller gave us exclusively.
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
            );
        }
    };
    for ip in 0..mpanels {
        for q in q0..q1 {
            tile(ip, q);
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
    kc: 256,
    mc: 192,
    nc: 512,
};
/// Blocking used for `f32` (see the module documentation).
pub(super) const BLOCK_F32: Blocking = Blocking {
    kc: 256,
    mc: 192,
    nc: 1024,
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
