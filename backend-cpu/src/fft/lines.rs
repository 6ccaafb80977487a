//! The line driver: runs a 1-D transform on every line along one axis of a strided input,
//! writing a new contiguous output. Each line is gathered once (strided reads, the first
//! `min(len, in_len)` elements, zeros after) into a buffer the transform owns; the
//! transform writes the output line directly when the axis is the last one (the output
//! line is contiguous) and through a per-task line buffer scattered with stride otherwise.
//! Lines run in parallel (rayon) above [`PAR_WORK`] elements.

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

    /// Copies line `b` of `x` into `buf` (length `in_len`), zero-padded.
    #[inline]
    pub(crate) fn gather<T: Copy + Zero>(&self, x: &[T], b: usize, buf: &mut [T]) {
        debug_assert_eq!(buf.len(), self.in_len);
        let base = self.offs[b] as isize;
        let (head, tail) = buf.split_at_mut(self.read);
        if self.read == 0 {
            // Nothing to read (an empty input axis).
        } else if self.stride == 1 {
            let o = base as usize;
            head.copy_from_slice(&x[o..o + self.read]);
        } else {
            for (k, v) in head.iter_mut().enumerate() {
                *v = x[(base + k as isize * self.stride) as usize];
            }
        }
        tail.fill(T::zero());
    }
}

/// A raw output pointer shared by the tasks of [`run`]; every task writes only the
/// elements of its own lines.
struct OutPtr<O>(*mut O);
// SAFETY: tasks write disjoint elements (distinct lines) of one live buffer.
unsafe impl<O: Send> Send for OutPtr<O> {}
// SAFETY: as above; the pointer is only used for writes to disjoint elements.
unsafe impl<O: Send> Sync for OutPtr<O> {}

/// Runs `line(b, out_line, ws)` for every line `b`, where `out_line` (length `out_len`)
/// becomes line `b` of the contiguous output `out` (of `count() * out_len` elements), and
/// `ws` is a per-task workspace from `make_ws`.
pub(crate) fn run<O, W, F>(lines: &Lines, out: &mut [O], make_ws: impl Fn() -> W + Sync, line: F)
where
    O: Copy + Zero + Send + Sync,
    F: Fn(usize, &mut [O], &mut W) + Sync,
{
    let (count, n, inner) = (lines.count(), lines.out_len, lines.inner);
    if count == 0 || n == 0 {
        return;
    }
    debug_assert_eq!(out.len(), count * n);
    let threads = rayon::current_num_threads();
    let parallel = out.len() >= PAR_WORK && threads > 1 && count > 1;
    if inner == 1 {
        // The output lines are contiguous: transform straight into them.
        if parallel {
            let per = count.div_ceil(threads * 4).max(1);
            out.par_chunks_mut(per * n)
                .enumerate()
                .for_each(|(c, chunk)| {
                    let mut ws = make_ws();
                    for (j, o) in chunk.chunks_mut(n).enumerate() {
                        line(c * per + j, o, &mut ws);
                    }
                });
        } else {
            let mut ws = make_ws();
            for (b, o) in out.chunks_mut(n).enumerate() {
                line(b, o, &mut ws);
            }
        }
        return;
    }
    // Strided output lines: line b = (o, i) starts at o * n * inner + i, stride inner.
    let ptr = OutPtr(out.as_mut_ptr());
    let ptr = &ptr;
    let task = |range: std::ops::Range<usize>| {
        let mut ws = make_ws();
        let mut buf = vec![O::zero(); n];
        for b in range {
            line(b, &mut buf, &mut ws);
            let start = (b / inner) * n * inner + b % inner;
            for (k, v) in buf.iter().enumerate() {
                // SAFETY: start + k * inner < count * n == out.len() (b < count, k < n),
                // and the element belongs to line b only, which no other task writes;
                // `out` is borrowed mutably for the whole of `run`.
                unsafe { *ptr.0.add(start + k * inner) = *v };
            }
        }
    };
    if parallel {
        let per = count.div_ceil(threads * 4).max(1);
        (0..count.div_ceil(per))
            .into_par_iter()
            .for_each(|c| task(c * per..((c + 1) * per).min(count)));
    } else {
        task(0..count);
    }
}
