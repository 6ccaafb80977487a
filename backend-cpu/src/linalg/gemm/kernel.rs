//! AVX-512 micro-kernels for `f32` and `f64` (one macro, two modules): an `MR x L*NV`
//! tile of C held in `MR*NV` zmm accumulators (`L` lanes: 16 `f32`, 8 `f64`). Each k
//! step loads `NV` vectors of the packed B micro-panel, broadcasts `MR` scalars of the
//! packed A micro-panel and issues `MR*NV` FMAs; the k loop is unrolled by 4. Partial
//! tiles (fewer rows or columns at the edges of C) are stored with per-row checks and
//! lane masks, so no scratch buffer is needed. On request a kernel also prefetches
//! another A micro-panel into L2 while it runs (the driver passes the next one, which
//! otherwise would come from L3).

// Explicit register-tile indexing (acc[i][j]) is the point of the kernel.
#![allow(clippy::needless_range_loop)]

/// The micro-kernel module `$name` for element `$t` with `$lanes` lanes per zmm vector,
/// written with that type's intrinsics.
macro_rules! micro_kernel {
    (
        $name:ident, $t:ty, $lanes:expr, $mask:ty,
        $setzero:ident, $loadu:ident, $set1:ident, $fmadd:ident,
        $maskz_loadu:ident, $add:ident, $mask_storeu:ident
    ) => {
        /// The micro-kernel of one element type (see the module documentation).
        pub(super) mod $name {
            use core::arch::x86_64::*;

            /// Lanes per zmm vector.
            const L: usize = $lanes;

            /// Computes the tile `C (+)= A_micro * B_micro` over `kc` steps, storing only the
            /// top-left `rows x cols` part (`rows <= MR`, `cols <= L*NV`).
            ///
            /// `a` is a packed A micro-panel (`kc` groups of `MR` values), `b` a packed B
            /// micro-panel (`kc` groups of `L*NV` values), `c` the tile's top-left element with
            /// row stride `ldc`. With `first` the tile is overwritten, otherwise added to. `PF > 0`
            /// prefetches B that many k steps ahead. A non-null `apf` is prefetched into L2 as a
            /// packed A micro-panel of the same shape (`kc*MR` values), a little per k step.
            ///
            /// # Safety
            /// The CPU must support AVX-512F/VL/DQ and FMA; `a` must be readable for `kc*MR`
            /// values and `b` for `kc*L*NV`; every `c[i*ldc + j]` with `i < rows`, `j < cols`
            /// must be valid for reads and writes and not accessed by anyone else during the call.
            /// `apf` is only prefetched (never dereferenced), so any value is allowed.
            #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
            #[allow(clippy::too_many_arguments)]
            pub(in super::super) unsafe fn kernel<
                const MR: usize,
                const NV: usize,
                const PF: usize,
            >(
                kc: usize,
                a: *const $t,
                b: *const $t,
                c: *mut $t,
                ldc: usize,
                first: bool,
                rows: usize,
                cols: usize,
                apf: *const $t,
            ) {
                let mut acc = [[$setzero(); NV]; MR];
                // Warm the C tile (the final loads/stores then hit cache). Prefetches never fault
                // and `wrapping_add` keeps the address computation defined.
                for i in 0..rows.min(MR) {
                    let row = c.wrapping_add(i * ldc);
                    for j in 0..NV {
                        _mm_prefetch::<_MM_HINT_T0>(row.wrapping_add(L * j) as *const i8);
                    }
                }
                let mut ap = a;
                let mut bp = b;
                // One k step at offset `$o` (in steps) from `ap` / `bp`.
                macro_rules! step {
                    ($o:expr) => {{
                        if PF > 0 {
                            for j in 0..NV {
                                let ahead = bp.wrapping_add(($o + PF) * L * NV + L * j);
                                _mm_prefetch::<_MM_HINT_T0>(ahead as *const i8);
                            }
                        }
                        let mut bv = [$setzero(); NV];
                        for j in 0..NV {
                            // SAFETY: step `$o` lies within the `kc` steps of `b` the caller
                            // guarantees readable (the unrolled loop runs only while 4 remain).
                            bv[j] = unsafe { $loadu(bp.add($o * L * NV + L * j)) };
                        }
                        for i in 0..MR {
                            // SAFETY: as above, within the `kc*MR` readable values of `a`.
                            let av = $set1(unsafe { *ap.add($o * MR + i) });
                            for j in 0..NV {
                                acc[i][j] = $fmadd(av, bv[j], acc[i][j]);
                            }
                        }
                    }};
                }
                let mut p = kc;
                let mut apf = apf;
                while p >= 4 {
                    if !apf.is_null() {
                        // The 4 steps of the next micro-panel matching these 4 (1.5 or 3
                        // cache lines; overlapping prefetches are harmless).
                        for l in 0..(4 * MR * size_of::<$t>()).div_ceil(64) {
                            let line = (apf as *const i8).wrapping_add(64 * l);
                            _mm_prefetch::<_MM_HINT_T1>(line);
                        }
                        apf = apf.wrapping_add(4 * MR);
                    }
                    step!(0);
                    step!(1);
                    step!(2);
                    step!(3);
                    // SAFETY: 4 steps were available, so the pointers stay within (or one past)
                    // the packed panels.
                    unsafe {
                        ap = ap.add(4 * MR);
                        bp = bp.add(4 * L * NV);
                    }
                    p -= 4;
                }
                while p > 0 {
                    step!(0);
                    // SAFETY: as above, one step at a time.
                    unsafe {
                        ap = ap.add(MR);
                        bp = bp.add(L * NV);
                    }
                    p -= 1;
                }
                for i in 0..rows.min(MR) {
                    for j in 0..NV {
                        if L * j >= cols {
                            break;
                        }
                        let rem = cols - L * j;
                        let full: $mask = !0;
                        let mask = if rem >= L { full } else { full >> (L - rem) };
                        // SAFETY: row i < rows and the masked lanes (columns < cols) are valid for
                        // reads and writes by the caller's guarantee; masked-off lanes are not
                        // accessed, and the address itself lies inside row i of C.
                        unsafe {
                            let ptr = c.add(i * ldc + L * j);
                            let v = if first {
                                acc[i][j]
                            } else {
                                $add($maskz_loadu(mask, ptr), acc[i][j])
                            };
                            $mask_storeu(ptr, mask, v);
                        }
                    }
                }
            }
        }
    };
}

micro_kernel!(
    f64k,
    f64,
    8,
    __mmask8,
    _mm512_setzero_pd,
    _mm512_loadu_pd,
    _mm512_set1_pd,
    _mm512_fmadd_pd,
    _mm512_maskz_loadu_pd,
    _mm512_add_pd,
    _mm512_mask_storeu_pd
);
micro_kernel!(
    f32k,
    f32,
    16,
    __mmask16,
    _mm512_setzero_ps,
    _mm512_loadu_ps,
    _mm512_set1_ps,
    _mm512_fmadd_ps,
    _mm512_maskz_loadu_ps,
    _mm512_add_ps,
    _mm512_mask_storeu_ps
);
