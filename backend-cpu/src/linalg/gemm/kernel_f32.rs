//! AVX-512 micro-kernel for `f32`: an `MR x 16*NV` tile of C held in `MR*NV` zmm
//! accumulators. Each k step loads `NV` vectors of the packed B micro-panel,
//! broadcasts `MR` scalars of the packed A micro-panel and issues `MR*NV` FMAs; the k
//! loop is unrolled by 4. Partial tiles (fewer rows or columns at the edges of C) are
//! stored with per-row checks and lane masks, so no scratch buffer is needed.

// Explicit register-tile indexing (acc[i][j]) is the point of the kernel.
#![allow(clippy::needless_range_loop)]

use core::arch::x86_64::*;

/// Lanes per zmm vector.
const L: usize = 16;

/// Computes the tile `C (+)= A_micro * B_micro` over `kc` steps, storing only the
/// top-left `rows x cols` part (`rows <= MR`, `cols <= 16*NV`).
///
/// `a` is a packed A micro-panel (`kc` groups of `MR` values), `b` a packed B
/// micro-panel (`kc` groups of `16*NV` values), `c` the tile's top-left element with
/// row stride `ldc`. With `first` the tile is overwritten, otherwise added to. `PF > 0`
/// prefetches B that many k steps ahead.
///
/// # Safety
/// The CPU must support AVX-512F/VL/DQ and FMA; `a` must be readable for `kc*MR`
/// values and `b` for `kc*16*NV`; every `c[i*ldc + j]` with `i < rows`, `j < cols`
/// must be valid for reads and writes and not accessed by anyone else during the call.
#[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
#[allow(clippy::too_many_arguments)]
pub(super) unsafe fn kernel<const MR: usize, const NV: usize, const PF: usize>(
    kc: usize,
    a: *const f32,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
    first: bool,
    rows: usize,
    cols: usize,
) {
    let mut acc = [[_mm512_setzero_ps(); NV]; MR];
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
            let mut bv = [_mm512_setzero_ps(); NV];
            for j in 0..NV {
                // SAFETY: step `$o` lies within the `kc` steps of `b` the caller
                // guarantees readable (the unrolled loop runs only while 4 remain).
                bv[j] = unsafe { _mm512_loadu_ps(bp.add($o * L * NV + L * j)) };
            }
            for i in 0..MR {
                // SAFETY: as above, within the `kc*MR` readable values of `a`.
                let av = _mm512_set1_ps(unsafe { *ap.add($o * MR + i) });
                for j in 0..NV {
                    acc[i][j] = _mm512_fmadd_ps(av, bv[j], acc[i][j]);
                }
            }
        }};
    }
    let mut p = kc;
    while p >= 4 {
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
            let mask: __mmask16 = if rem >= L { !0 } else { (1u16 << rem) - 1 };
            // SAFETY: row i < rows and the masked lanes (columns < cols) are valid for
            // reads and writes by the caller's guarantee; masked-off lanes are not
            // accessed, and the address itself lies inside row i of C.
            unsafe {
                let ptr = c.add(i * ldc + L * j);
                let v = if first {
                    acc[i][j]
                } else {
                    _mm512_add_ps(_mm512_maskz_loadu_ps(mask, ptr), acc[i][j])
                };
                _mm512_mask_storeu_ps(ptr, mask, v);
            }
        }
    }
}
