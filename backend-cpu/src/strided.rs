//! The strided-iteration engine shared by every kernel.
//!
//! A [`Plan`] describes `N` operands viewed with one common shape. Construction collapses
//! the shape ([`Layout::collapse`]): length-1 axes are dropped and axes that are contiguous
//! in every operand are merged, so the innermost loop runs over the longest possible run.
//! [`Plan::for_each_run`] then walks the elements in C order and calls a closure once per
//! inner run with each operand's storage offset of the run's first element, the run
//! length and each operand's stride within the run. [`par_runs_into`] does the same for a
//! fresh contiguous output, split over rayon when the output is large.
//!
//! The run primitives ([`read_run`], [`copy_run`]) move elements of one run with the
//! fastest loop for the strides at hand (`copy_from_slice` for stride 1, `fill` for a
//! broadcast, a reversed copy for stride -1).

use array_api::Layout;
use rayon::prelude::*;
use std::ops::Range;

/// Memory-bound kernels (copies, casts) split outputs of at least this many elements over
/// rayon's threads. Measured on the 2-core development machine: below about a million
/// elements a parallel copy or cast is no faster than a serial one (the data sits in cache
/// and the task overhead dominates); at 16M elements it is about twice as fast (the page
/// faults of the fresh output are spread over the threads). Compute-bound kernels should
/// pass a lower threshold to [`par_runs_into_with`].
pub const PAR_THRESHOLD: usize = 1 << 20;

/// The smallest chunk (in elements) one rayon task handles.
pub const PAR_MIN_CHUNK: usize = 1 << 14;

/// `N` operands walked together over one shape, with their axes collapsed.
#[derive(Clone, Debug)]
pub struct Plan<const N: usize> {
    shape: Vec<usize>,
    strides: [Vec<isize>; N],
    base: [isize; N],
    size: usize,
}

impl<const N: usize> Plan<N> {
    /// A plan over `shape` for operands viewed through `layouts`, each of exactly `shape`
    /// (broadcast ones included: zero strides). The walk starts at each layout's offset.
    pub fn new(shape: &[usize], layouts: [&Layout; N]) -> Plan<N> {
        let base = layouts.map(|l| l.offset() as isize);
        Plan::from_parts(shape, layouts, base)
    }

    /// A plan over `shape` with explicit per-operand strides and starting offsets (which
    /// may be negative when the plan describes a sub-block added to another offset).
    pub fn with_strides(shape: &[usize], strides: [&[isize]; N], base: [isize; N]) -> Plan<N> {
        let layouts = strides.map(|s| Layout::new(shape.to_vec(), s.to_vec(), 0));
        Plan::from_parts(shape, std::array::from_fn(|k| &layouts[k]), base)
    }

    fn from_parts(shape: &[usize], layouts: [&Layout; N], base: [isize; N]) -> Plan<N> {
        let size = shape.iter().product::<usize>();
        if size == 0 {
            return Plan {
                shape: vec![0],
                strides: std::array::from_fn(|_| vec![0]),
                base,
                size,
            };
        }
        let (cs, mut cst) = Layout::collapse(shape, &layouts);
        let strides = std::array::from_fn(|k| std::mem::take(&mut cst[k]));
        Plan {
            shape: cs,
            strides,
            base,
            size,
        }
    }

    /// The number of elements walked.
    pub fn size(&self) -> usize {
        self.size
    }

    /// The collapsed shape (empty for a single element).
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The collapsed strides of operand `k`.
    pub fn strides(&self, k: usize) -> &[isize] {
        &self.strides[k]
    }

    /// The starting storage offset of each operand.
    pub fn base(&self) -> [isize; N] {
        self.base
    }

    /// The length of the innermost collapsed axis (1 for a single element).
    pub fn inner_len(&self) -> usize {
        self.shape.last().copied().unwrap_or(1)
    }

    /// Calls `f(offsets, len, strides)` for each run of consecutive (C-order) elements
    /// with index in `range` that lies on one innermost axis: `offsets[k]` is operand
    /// `k`'s storage offset of the run's first element and `strides[k]` its step within
    /// the run. Runs are never empty. `range` is clamped to `0..size`.
    pub fn for_each_run(
        &self,
        range: Range<usize>,
        mut f: impl FnMut([isize; N], usize, [isize; N]),
    ) {
        let end = range.end.min(self.size);
        let start = range.start;
        if start >= end {
            return;
        }
        let nd = self.shape.len();
        if nd == 0 {
            f(self.base, 1, [0; N]);
            return;
        }
        let inner = self.shape[nd - 1];
        let inner_st: [isize; N] = std::array::from_fn(|k| self.strides[k][nd - 1]);
        let outer_shape = &self.shape[..nd - 1];
        // Unravel the starting outer index.
        let mut idx = vec![0usize; nd - 1];
        let mut off = self.base;
        let mut rem = start / inner;
        for ax in (0..nd - 1).rev() {
            let d = outer_shape[ax];
            let i = rem % d;
            rem /= d;
            idx[ax] = i;
            for (o, st) in off.iter_mut().zip(&self.strides) {
                *o += i as isize * st[ax];
            }
        }
        let mut j = start % inner;
        let mut pos = start;
        loop {
            let len = (inner - j).min(end - pos);
            let o: [isize; N] = std::array::from_fn(|k| off[k] + j as isize * inner_st[k]);
            f(o, len, inner_st);
            pos += len;
            if pos >= end {
                return;
            }
            j = 0;
            for ax in (0..nd - 1).rev() {
                idx[ax] += 1;
                for (o, st) in off.iter_mut().zip(&self.strides) {
                    *o += st[ax];
                }
                if idx[ax] < outer_shape[ax] {
                    break;
                }
                for (o, st) in off.iter_mut().zip(&self.strides) {
                    *o -= st[ax] * outer_shape[ax] as isize;
                }
                idx[ax] = 0;
            }
        }
    }

    /// Calls `f(offsets)` for every element in C order.
    pub fn for_each_offset(&self, mut f: impl FnMut([isize; N])) {
        self.for_each_run(0..self.size, |o, len, st| {
            for i in 0..len as isize {
                f(std::array::from_fn(|k| o[k] + i * st[k]));
            }
        });
    }
}

/// The chunk length for splitting `n` output elements over rayon, or `None` when `n` is
/// below [`PAR_THRESHOLD`].
pub fn par_chunk_len(n: usize) -> Option<usize> {
    par_chunk_len_with(n, PAR_THRESHOLD)
}

/// The chunk length for splitting `n` output elements over rayon, or `None` when `n` is
/// below `threshold` or there is one thread.
pub fn par_chunk_len_with(n: usize, threshold: usize) -> Option<usize> {
    if n < threshold.max(2) || rayon::current_num_threads() < 2 {
        return None;
    }
    let tasks = rayon::current_num_threads().max(1) * 4;
    Some(n.div_ceil(tasks).max(PAR_MIN_CHUNK))
}

/// Fills the contiguous `out` (of `plan.size()` elements, in C order) run by run: calls
/// `f(out_run, offsets, strides)` where `out_run` is the part of `out` that holds the run
/// and `offsets`/`strides` locate the run in each of the plan's `N` operands. Large
/// outputs are split over rayon (runs are then cut at chunk boundaries).
///
/// This is the engine of every "new contiguous output from strided inputs" kernel:
/// copies, casts, and elementwise functions.
pub fn par_runs_into<T: Send, const N: usize>(
    out: &mut [T],
    plan: &Plan<N>,
    f: impl Fn(&mut [T], [isize; N], [isize; N]) + Sync,
) {
    par_runs_into_with(out, plan, PAR_THRESHOLD, f)
}

/// [`par_runs_into`] with an explicit parallel threshold (in output elements): lower it for
/// compute-bound element functions, where threads pay off on smaller arrays.
pub fn par_runs_into_with<T: Send, const N: usize>(
    out: &mut [T],
    plan: &Plan<N>,
    threshold: usize,
    f: impl Fn(&mut [T], [isize; N], [isize; N]) + Sync,
) {
    debug_assert_eq!(out.len(), plan.size());
    let run_chunk = |chunk: &mut [T], start: usize| {
        let mut pos = 0;
        plan.for_each_run(start..start + chunk.len(), |o, len, st| {
            f(&mut chunk[pos..pos + len], o, st);
            pos += len;
        });
    };
    match par_chunk_len_with(out.len(), threshold) {
        Some(c) => crate::pool::enter(|| {
            out.par_chunks_mut(c)
                .enumerate()
                .for_each(|(i, chunk)| run_chunk(chunk, i * c))
        }),
        None => run_chunk(out, 0),
    }
}

/// The tile edge of the blocked (transposing) path of [`map_tiled`].
pub const TILE: usize = 32;

/// Fills the contiguous `out` with `f` of the elements of a single-operand `plan` over
/// `src` when the plan is transpose-like: the innermost axis is strided while the next one
/// has stride ±1. Walking such a view in C order touches a new cache line per element;
/// going tile by tile (`TILE` × `TILE`) keeps the source lines in L1 (about 2× faster on
/// large matrices). Returns `false`, doing nothing, for other plans.
pub fn map_tiled<T: Copy + Sync, U: Send>(
    out: &mut [U],
    src: &[T],
    plan: &Plan<1>,
    f: impl Fn(T) -> U + Sync,
) -> bool {
    let (shape, st) = (plan.shape(), plan.strides(0));
    let nd = shape.len();
    if nd < 2 || plan.size() == 0 {
        return false;
    }
    let (r, c) = (shape[nd - 2], shape[nd - 1]);
    let (sr, sc) = (st[nd - 2], st[nd - 1]);
    if sr.abs() != 1 || sc.abs() <= 1 || r < 8 || c < 8 {
        return false;
    }
    let outer = Plan::with_strides(&shape[..nd - 2], [&st[..nd - 2]], plan.base());
    let mut bases = Vec::with_capacity(outer.size());
    outer.for_each_offset(|[o]| bases.push(o));
    // Rows `first_row..` of the matrix at `base`, one tile-row at a time.
    let tile_rows = |chunk: &mut [U], first_row: usize, base: isize| {
        let rows = chunk.len() / c;
        for jb in (0..c).step_by(TILE) {
            let je = (jb + TILE).min(c);
            for i in 0..rows {
                let row = &mut chunk[i * c + jb..i * c + je];
                let mut p = base + (first_row + i) as isize * sr + jb as isize * sc;
                for d in row {
                    *d = f(src[p as usize]);
                    p += sc;
                }
            }
        }
    };
    let mat = r * c;
    if par_chunk_len(out.len()).is_some() {
        crate::pool::enter(|| {
            out.par_chunks_mut(mat)
                .zip(bases.par_iter())
                .for_each(|(m, &b)| {
                    m.par_chunks_mut(TILE * c)
                        .enumerate()
                        .for_each(|(k, ch)| tile_rows(ch, k * TILE, b))
                })
        });
    } else {
        for (m, &b) in out.chunks_mut(mat).zip(&bases) {
            for (k, ch) in m.chunks_mut(TILE * c).enumerate() {
                tile_rows(ch, k * TILE, b);
            }
        }
    }
    true
}

/// Copies the run of `out.len()` elements of `src` starting at `offset` with step
/// `stride` into `out`.
#[inline]
pub fn read_run<T: Copy>(src: &[T], offset: isize, stride: isize, out: &mut [T]) {
    let len = out.len();
    if len == 0 {
        return;
    }
    let o = offset as usize;
    match stride {
        1 => out.copy_from_slice(&src[o..o + len]),
        0 => out.fill(src[o]),
        -1 => {
            out.copy_from_slice(&src[o + 1 - len..=o]);
            out.reverse();
        }
        _ => {
            let mut p = offset;
            for d in out.iter_mut() {
                *d = src[p as usize];
                p += stride;
            }
        }
    }
}

/// Maps the run of `out.len()` elements of `src` starting at `offset` with step
/// `stride` through `f` into `out`.
#[inline]
pub fn map_run<T: Copy, U>(
    src: &[T],
    offset: isize,
    stride: isize,
    out: &mut [U],
    f: impl Fn(T) -> U,
) {
    let len = out.len();
    if len == 0 {
        return;
    }
    let o = offset as usize;
    match stride {
        1 => {
            for (d, &s) in out.iter_mut().zip(&src[o..o + len]) {
                *d = f(s);
            }
        }
        0 => {
            let x = src[o];
            for d in out.iter_mut() {
                *d = f(x);
            }
        }
        _ => {
            let mut p = offset;
            for d in out.iter_mut() {
                *d = f(src[p as usize]);
                p += stride;
            }
        }
    }
}

/// Copies a run of `len` elements from `src` (at `so`, step `ss`) to `dst` (at `dst_off`,
/// step `ds`).
#[inline]
pub fn copy_run<T: Copy>(
    src: &[T],
    so: isize,
    ss: isize,
    dst: &mut [T],
    dst_off: isize,
    ds: isize,
    len: usize,
) {
    if len == 0 {
        return;
    }
    match ds {
        1 => {
            let d = dst_off as usize;
            read_run(src, so, ss, &mut dst[d..d + len]);
        }
        -1 => {
            let d = dst_off as usize;
            let out = &mut dst[d + 1 - len..=d];
            read_run(src, so, ss, out);
            out.reverse();
        }
        _ => {
            let (mut p, mut q) = (so, dst_off);
            for _ in 0..len {
                dst[q as usize] = src[p as usize];
                p += ss;
                q += ds;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layouts() -> Vec<Layout> {
        let base = Layout::contiguous(&[3, 4, 5]);
        vec![
            base.clone(),
            base.permute(&[2, 0, 1]),
            base.flip_axis(1).permute(&[1, 2, 0]),
            base.slice_axis(2, 1, 2, 2),
            Layout::contiguous(&[5])
                .broadcast_to(&[3, 4, 5], "t")
                .unwrap(),
            Layout::new(vec![4, 1, 3], vec![-3, 7, 1], 9),
            Layout::contiguous(&[]),
            Layout::contiguous(&[2, 0]),
        ]
    }

    /// Runs over any sub-range, concatenated, are exactly the layout's C-order offsets.
    #[test]
    fn runs_cover_every_range_in_c_order() {
        for l in layouts() {
            let want: Vec<isize> = l.offsets().map(|o| o as isize).collect();
            let plan = Plan::new(l.shape(), [&l]);
            assert_eq!(plan.size(), want.len());
            for start in 0..=want.len() {
                for end in start..=want.len() {
                    let mut got = Vec::new();
                    plan.for_each_run(start..end, |[o], len, [s]| {
                        assert!(len > 0);
                        got.extend((0..len as isize).map(|i| o + i * s));
                    });
                    assert_eq!(got, want[start..end], "{l:?} {start}..{end}");
                }
            }
        }
    }

    #[test]
    fn two_operand_plans_walk_together() {
        let a = Layout::contiguous(&[3, 4]);
        let b = Layout::contiguous(&[4, 3]).permute(&[1, 0]);
        let plan = Plan::new(a.shape(), [&a, &b]);
        let mut pairs = Vec::new();
        plan.for_each_offset(|[x, y]| pairs.push((x, y)));
        let want: Vec<(isize, isize)> = a
            .offsets()
            .zip(b.offsets())
            .map(|(x, y)| (x as isize, y as isize))
            .collect();
        assert_eq!(pairs, want);
    }

    #[test]
    fn parallel_fill_equals_serial() {
        let l = Layout::contiguous(&[600, 700]).slice_axis(1, 699, -3, 233);
        let src: Vec<i64> = (0..600 * 700).collect();
        let plan = Plan::new(l.shape(), [&l]);
        let mut serial = vec![0i64; plan.size()];
        par_runs_into_with(&mut serial, &plan, usize::MAX, |r, [o], [s]| {
            read_run(&src, o, s, r)
        });
        let mut par = vec![0i64; plan.size()];
        par_runs_into_with(&mut par, &plan, 0, |r, [o], [s]| read_run(&src, o, s, r));
        let want: Vec<i64> = l.offsets().map(|o| src[o]).collect();
        assert_eq!(serial, want);
        assert_eq!(par, want);
    }

    #[test]
    fn tiled_matches_c_order() {
        // batched transposes with ragged tile edges, flipped rows
        let src: Vec<i32> = (0..3 * 45 * 70).collect();
        let base = Layout::contiguous(&[3, 45, 70]);
        for l in [
            base.permute(&[0, 2, 1]),
            base.permute(&[0, 2, 1]).flip_axis(2),
            base.permute(&[0, 2, 1]).flip_axis(1).flip_axis(0),
        ] {
            let plan = Plan::new(l.shape(), [&l]);
            let mut out = vec![0i32; plan.size()];
            assert!(map_tiled(&mut out, &src, &plan, |x| x));
            let want: Vec<i32> = l.offsets().map(|o| src[o]).collect();
            assert_eq!(out, want, "{l:?}");
        }
        // not transpose-like: contiguous, or no unit stride next to the inner axis
        for l in [base.clone(), base.permute(&[2, 1, 0])] {
            let plan = Plan::new(l.shape(), [&l]);
            assert!(!map_tiled(&mut vec![0i32; plan.size()], &src, &plan, |x| x));
        }
    }
}
