//! The line driver: runs a 1-D transform on every line along one axis of a strided input,
//! writing a new contiguous output. Lines go in groups of adjacent ones: each group is
//! gathered once (the first `min(len, in_len)` elements of each line, zeros after) into
//! rows the transform may overwrite; the transform writes each output line directly when
//! the axis is the last one (the output line is contiguous), and into a group buffer
//! scattered with stride otherwise. Reading and writing a group element by element across
//! its lines keeps the strided accesses of a non-last axis in short contiguous runs.
//! Lines run in parallel (rayon, inside [`crate::pool::enter`], so the workers are awake
//! for the next axis too) above [`PAR_WORK`] elements.

use array_api::Layout;
use num_traits::Zero;
use rayon::prelude::*;

/// Total output elements above which lines run in parallel.
pub(crate) const PAR_WORK: usize = 1 << 15;

/// The lines of one transform.
pub(crate) struct Lines {
    /// The storage offset of each input line, in C order over the other axes.
    offs: Vec<usize>,
    /// The input stride along the axis.
    stride: isize,
    /// Input elements read per line: `min(len along the axis, in_len)`.
    read: usize,
    /// The padded input line length the transform takes.
    in_len: usize,
    /// The output line length.
    out_len: usize,
    /// The product of the output dimensions after the axis.
    inner: usize,
}

impl Lines {
    /// The lines of `layout` along `axis`, padded/cropped to `in_len`, giving `out_len`.
    pub(crate) fn new(layout: &Layout, axis: usize, in_len: usize, out_len: usize) -> Lines {
        let len = layout.shape()[axis];
        let rest = layout.remove_axis(axis);
        let offs = if len == 0 {
            // Nothing is read: the offsets are never dereferenced.
            vec![layout.offset(); rest.size()]
        } else {
            rest.offsets().collect()
        };
        Lines {
            offs,
            stride: layout.strides()[axis],
            read: len.min(in_len),
            in_len,
            out_len,
            inner: layout.shape()[axis + 1..].iter().product(),
        }
    }

    /// The number of lines.
    pub(crate) fn count(&self) -> usize {
        self.offs.len()
    }

    /// Copies lines `b0..b0 + g` of the input at `x` into the rows of `blk` (`g` rows of
    /// `in_len`), zero-padded. Strided lines are read element `k` of every line of the
    /// group in turn: consecutive lines of a non-last axis are adjacent, so each step
    /// reads one short contiguous run instead of touching `g` cache lines far apart.
    ///
    /// # Safety
    /// `x` points to a live buffer holding every element of lines `b0..b0 + g` (offsets
    /// and stride of `self`) that nothing writes during the call.
    #[inline]
    unsafe fn gather_group<T: Copy + Zero>(&self, x: *const T, b0: usize, g: usize, blk: &mut [T]) {
        let m = self.in_len;
        debug_assert_eq!(blk.len(), g * m);
        let offs = &self.offs[b0..b0 + g];
        for row in blk.chunks_mut(m) {
            row[self.read..].fill(T::zero());
        }
        if self.read == 0 {
            // Nothing to read (an empty input axis).
        } else if self.stride == 1 {
            for (row, &o) in blk.chunks_mut(m).zip(offs) {
                // SAFETY: the caller guarantees elements o..o + read of the line.
                let line = unsafe { std::slice::from_raw_parts(x.add(o), self.read) };
                row[..self.read].copy_from_slice(line);
            }
        } else {
            for k in 0..self.read {
                let step = k as isize * self.stride;
                for (j, &o) in offs.iter().enumerate() {
                    // SAFETY: element k of line b0 + j, which the caller guarantees.
                    blk[j * m + k] = unsafe { *x.offset(o as isize + step) };
                }
            }
        }
    }
}

/// A raw output pointer shared by the tasks of [`run`]; every task writes only the
/// elements of its own lines.
struct OutPtr<O>(*mut O);
// SAFETY: tasks write disjoint elements (distinct lines) of one live buffer.
unsafe impl<O: Send> Send for OutPtr<O> {}
// SAFETY: as above; the pointer is only used for writes to disjoint elements (and, in
// place, for reads of a task's own lines).
unsafe impl<O: Send> Sync for OutPtr<O> {}

/// Lines gathered (and, for a non-last axis, scattered) together.
const GROUP: usize = 8;

/// The work split of `count` lines writing `len` elements: whether to run in parallel,
/// and the lines per task (a multiple of [`GROUP`], about four tasks per thread).
fn split(len: usize, count: usize) -> (bool, usize) {
    let threads = rayon::current_num_threads();
    if len >= PAR_WORK && threads > 1 && count > 1 {
        (true, count.div_ceil(threads * 4).next_multiple_of(GROUP))
    } else {
        (false, count)
    }
}

/// Runs `line(in_line, out_line, ws)` for every line `b` of `x`: `in_line` (length
/// `in_len`, writable) holds line `b` gathered and zero-padded, and `out_line` (length
/// `out_len`) becomes line `b` of the contiguous output `out` (of `count() * out_len`
/// elements); `ws` is a per-task workspace from `make_ws`. Lines go in groups of
/// [`GROUP`]: gathered together, and when the axis is not the last one, transformed into a
/// group buffer and scattered together (element `k` of each line in turn, one short
/// contiguous run per step).
pub(crate) fn run<I, O, W, F>(
    lines: &Lines,
    x: &[I],
    out: &mut [O],
    make_ws: impl Fn() -> W + Sync,
    line: F,
) where
    I: Copy + Zero + Send + Sync,
    O: Copy + Zero + Send + Sync,
    F: Fn(&mut [I], &mut [O], &mut W) + Sync,
{
    let (count, n, m, inner) = (lines.count(), lines.out_len, lines.in_len, lines.inner);
    if count == 0 || n == 0 {
        return;
    }
    debug_assert_eq!(out.len(), count * n);
    let (parallel, per) = split(out.len(), count);
    if inner == 1 {
        // The output lines are contiguous: transform straight into them.
        let task = |first: usize, chunk: &mut [O]| {
            let mut ws = make_ws();
            let mut blk = vec![I::zero(); GROUP.min(chunk.len() / n) * m];
            for (gi, group) in chunk.chunks_mut(GROUP * n).enumerate() {
                let g = group.len() / n;
                let blk = &mut blk[..g * m];
                // SAFETY: `x` is a live shared slice holding every line (the layout was
                // checked against its length), which nothing writes.
                unsafe { lines.gather_group(x.as_ptr(), first + gi * GROUP, g, blk) };
                for (i, o) in blk.chunks_mut(m).zip(group.chunks_mut(n)) {
                    line(i, o, &mut ws);
                }
            }
        };
        if parallel {
            crate::pool::enter(|| {
                out.par_chunks_mut(per * n)
                    .enumerate()
                    .for_each(|(c, chunk)| task(c * per, chunk))
            });
        } else {
            task(0, out);
        }
        return;
    }
    strided(
        lines,
        x.as_ptr(),
        &OutPtr(out.as_mut_ptr()),
        parallel,
        per,
        make_ws,
        line,
    );
}

/// The lines of a non-last axis (`inner > 1`): each group of [`GROUP`] lines is gathered
/// from `src`, transformed into a group buffer and scattered to its strided output lines
/// at `dst` (line `b = (o, i)` starts at `o * n * inner + i`, stride `inner`). `src` may
/// be `dst` itself (in place, same line lengths): a task reads and writes only its own
/// lines, and reads a group before writing it.
#[allow(clippy::too_many_arguments)]
fn strided<I, O, W, F>(
    lines: &Lines,
    src: *const I,
    dst: &OutPtr<O>,
    parallel: bool,
    per: usize,
    make_ws: impl Fn() -> W + Sync,
    line: F,
) where
    I: Copy + Zero + Send + Sync,
    O: Copy + Zero + Send + Sync,
    F: Fn(&mut [I], &mut [O], &mut W) + Sync,
{
    let (count, n, m, inner) = (lines.count(), lines.out_len, lines.in_len, lines.inner);
    let src = OutPtr(src as *mut I);
    let src = &src;
    let task = |range: std::ops::Range<usize>| {
        let mut ws = make_ws();
        let g_max = GROUP.min(range.len());
        let mut iblk = vec![I::zero(); g_max * m];
        let mut oblk = vec![O::zero(); g_max * n];
        let mut starts = [0usize; GROUP];
        for b0 in range.clone().step_by(GROUP) {
            let g = GROUP.min(range.end - b0);
            let (iblk, oblk) = (&mut iblk[..g * m], &mut oblk[..g * n]);
            // SAFETY: `src` holds every line (checked by the caller); the elements of
            // these lines are written only by this task, after this read.
            unsafe { lines.gather_group(src.0 as *const I, b0, g, iblk) };
            for (i, o) in iblk.chunks_mut(m).zip(oblk.chunks_mut(n)) {
                line(i, o, &mut ws);
            }
            for (j, s) in starts[..g].iter_mut().enumerate() {
                let b = b0 + j;
                *s = (b / inner) * n * inner + b % inner;
            }
            for k in 0..n {
                for (j, &s) in starts[..g].iter().enumerate() {
                    // SAFETY: s + k * inner < count * n, the length of the buffer at
                    // `dst` (line b0 + j < count, k < n), and the element belongs to line
                    // b0 + j only, which no other task reads or writes.
                    unsafe { *dst.0.add(s + k * inner) = oblk[j * n + k] };
                }
            }
        }
    };
    if parallel {
        crate::pool::enter(|| {
            (0..count.div_ceil(per))
                .into_par_iter()
                .for_each(|c| task(c * per..((c + 1) * per).min(count)))
        });
    } else {
        task(0..count);
    }
}

/// [`run`] in place: every line of the C-contiguous `buf` (lines of `lines`, which must
/// describe `buf` itself with `in_len == out_len` = the axis length) is replaced by
/// `line(in_line, out_line, ws)` of it. Lines along the last axis are copied to a row
/// buffer and transformed back into place; other axes go through the group buffers of
/// [`run`]. No buffer of `buf`'s size is allocated.
pub(crate) fn run_in_place<T, W, F>(
    lines: &Lines,
    buf: &mut [T],
    make_ws: impl Fn() -> W + Sync,
    line: F,
) where
    T: Copy + Zero + Send + Sync,
    F: Fn(&mut [T], &mut [T], &mut W) + Sync,
{
    let (count, n, inner) = (lines.count(), lines.out_len, lines.inner);
    if count == 0 || n == 0 {
        return;
    }
    debug_assert_eq!(lines.in_len, n);
    debug_assert_eq!(buf.len(), count * n);
    let (parallel, per) = split(buf.len(), count);
    if inner == 1 {
        let task = |chunk: &mut [T]| {
            let mut ws = make_ws();
            let mut row = vec![T::zero(); n];
            for o in chunk.chunks_mut(n) {
                row.copy_from_slice(o);
                line(&mut row, o, &mut ws);
            }
        };
        if parallel {
            crate::pool::enter(|| buf.par_chunks_mut(per * n).for_each(task));
        } else {
            task(buf);
        }
        return;
    }
    let p = OutPtr(buf.as_mut_ptr());
    strided(lines, p.0 as *const T, &p, parallel, per, make_ws, line);
}
