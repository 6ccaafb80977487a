//! Packing of operand blocks into contiguous, zero-padded micro-panels.
//!
//! [`pack_a`] / [`pack_b`] handle any strides and panel sizes; [`pack_a_fixed`] /
//! [`pack_b_fixed`] are the fast paths used by the driver for the common unit column
//! stride (row-major operands), about 2x faster for A (~0.4 ns per element here).
//!
//! Both packers read their source through arbitrary element strides, so transposed or
//! otherwise strided views cost nothing extra: the copy into micro-panel order happens
//! anyway. The callers validate once (in [`super::View::check`]) that every index these
//! functions compute lies inside the source slice, so the bounds-checked indexing below
//! never fails.

use super::View;

/// Packs the `mc x kc` block of `a` starting at row `i0`, column `p0` into `dst` as
/// consecutive micro-panels of `mr` rows: panel `q` holds rows `i0 + q*mr ..`, stored
/// k-major (`dst[q*mr*kc + p*mr + i]`). Rows past `mc` are zero.
pub(super) fn pack_a<T: Copy + Default>(
    dst: &mut [T],
    a: &View<'_, T>,
    i0: usize,
    p0: usize,
    mc: usize,
    kc: usize,
    mr: usize,
) {
    let panels = mc.div_ceil(mr);
    for (q, panel) in dst.chunks_exact_mut(mr * kc).take(panels).enumerate() {
        let rows = mr.min(mc - q * mr);
        if rows < mr {
            panel.fill(T::default());
        }
        for i in 0..rows {
            let row = (i0 + q * mr + i) as isize;
            let base = a.off as isize + row * a.rs + p0 as isize * a.cs;
            if a.cs == 1 {
                // Contiguous row: read a slice, scatter with stride `mr`.
                let src = &a.data[base as usize..base as usize + kc];
                for (d, &s) in panel[i..].iter_mut().step_by(mr).zip(src) {
                    *d = s;
                }
            } else {
                for p in 0..kc {
                    panel[p * mr + i] = a.data[(base + p as isize * a.cs) as usize];
                }
            }
        }
    }
}

/// Packs the `kc x nc` block of `b` starting at row `p0`, column `j0` into `dst` as
/// consecutive micro-panels of `nr` columns: panel `q` holds columns `j0 + q*nr ..`,
/// stored k-major (`dst[q*nr*kc + p*nr + j]`). Columns past `nc` are zero.
///
/// `q0` is the index of the first panel written (so that threads can pack disjoint
/// ranges of panels into disjoint sub-slices of one buffer).
#[allow(clippy::too_many_arguments)]
pub(super) fn pack_b<T: Copy + Default>(
    dst: &mut [T],
    b: &View<'_, T>,
    p0: usize,
    j0: usize,
    q0: usize,
    nc: usize,
    kc: usize,
    nr: usize,
) {
    for (dq, panel) in dst.chunks_exact_mut(nr * kc).enumerate() {
        let q = q0 + dq;
        if q * nr >= nc {
            break;
        }
        let cols = nr.min(nc - q * nr);
        let col0 = (j0 + q * nr) as isize;
        if b.cs == 1 {
            for (p, out) in panel.chunks_exact_mut(nr).enumerate() {
                let base = (b.off as isize + (p0 + p) as isize * b.rs + col0) as usize;
                out[..cols].copy_from_slice(&b.data[base..base + cols]);
                out[cols..].fill(T::default());
            }
        } else {
            if cols < nr {
                panel.fill(T::default());
            }
            for j in 0..cols {
                let base = b.off as isize + p0 as isize * b.rs + (col0 + j as isize) * b.cs;
                for p in 0..kc {
                    panel[p * nr + j] = b.data[(base + p as isize * b.rs) as usize];
                }
            }
        }
    }
}

/// [`pack_a`] for a compile-time micro-panel height `MR`: full micro-panels of a
/// row-major A (unit column stride) are transposed with `MR` row slices read in
/// lockstep, which the compiler turns into straight-line loads and contiguous stores;
/// everything else goes through the generic path.
pub(super) fn pack_a_fixed<T: Copy + Default, const MR: usize>(
    dst: &mut [T],
    a: &View<'_, T>,
    i0: usize,
    p0: usize,
    mc: usize,
    kc: usize,
) {
    if a.cs != 1 {
        pack_a(dst, a, i0, p0, mc, kc, MR);
        return;
    }
    let full = mc / MR;
    for (q, panel) in dst.chunks_exact_mut(MR * kc).take(full).enumerate() {
        let srcs: [&[T]; MR] = core::array::from_fn(|i| {
            let row = (i0 + q * MR + i) as isize;
            let base = (a.off as isize + row * a.rs + p0 as isize) as usize;
            &a.data[base..base + kc]
        });
        for (p, out) in panel.chunks_exact_mut(MR).enumerate() {
            for (d, s) in out.iter_mut().zip(&srcs) {
                *d = s[p];
            }
        }
    }
    if full * MR < mc {
        let rest = &mut dst[full * MR * kc..];
        pack_a(rest, a, i0 + full * MR, p0, mc - full * MR, kc, MR);
    }
}

/// [`pack_b`] for a compile-time micro-panel width `NR`: full micro-panels of a
/// row-major B (unit column stride) are copied one `NR`-element row at a time with a
/// fixed-size copy (inlined vector moves instead of a `memcpy` call); everything else
/// goes through the generic path. Arguments as for [`pack_b`].
#[allow(clippy::too_many_arguments)]
pub(super) fn pack_b_fixed<T: Copy + Default, const NR: usize>(
    dst: &mut [T],
    b: &View<'_, T>,
    p0: usize,
    j0: usize,
    q0: usize,
    nc: usize,
    kc: usize,
) {
    if b.cs != 1 {
        pack_b(dst, b, p0, j0, q0, nc, kc, NR);
        return;
    }
    for (dq, panel) in dst.chunks_exact_mut(NR * kc).enumerate() {
        let q = q0 + dq;
        if (q + 1) * NR > nc {
            // Partial (or past-the-end) micro-panel: generic path.
            pack_b(panel, b, p0, j0, q, nc, kc, NR);
            break;
        }
        let col0 = (j0 + q * NR) as isize;
        for (p, out) in panel.chunks_exact_mut(NR).enumerate() {
            let base = (b.off as isize + (p0 + p) as isize * b.rs + col0) as usize;
            // Both conversions always succeed (slices of length NR).
            let src: Result<&[T; NR], _> = b.data[base..base + NR].try_into();
            let out: Result<&mut [T; NR], _> = out.try_into();
            if let (Ok(src), Ok(out)) = (src, out) {
                *out = *src;
            }
        }
    }
}
