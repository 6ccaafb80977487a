//! The elementwise drivers: they walk operands of any layout and feed a kernel
//! contiguous slices.
//!
//! - All operands contiguous: the kernel runs over the whole slices, split into chunks
//!   over rayon's threads above the kernel's threshold.
//! - Otherwise the operands' axes are collapsed ([`Plan`]) and walked run by run (a run is
//!   the innermost collapsed axis). A run where every operand has stride 1 goes straight
//!   to the kernel; other operands are gathered block by block ([`BLOCK`] elements) into
//!   small per-task buffers (a broadcast operand is filled once per run), so the kernel
//!   still runs its vectorised loop. Short runs use the per-element function.
//! - A contiguous output is split over threads; a strided output (`*_into` a view,
//!   in-place ops on a view) is walked serially, each block computed into a buffer and
//!   scattered.
//!
//! Broadcast operands are never materialised beyond one block.

use super::kernel::{simd, Kern1, Kern2, Kern3};
use crate::strided::{par_chunk_len_with, read_run, Plan};
use array_api::Layout;
use rayon::prelude::*;

/// Elements per gathered block (the per-task buffers hold this many per operand).
pub const BLOCK: usize = 512;

/// Runs of at most this many elements with a non-unit stride are computed element by
/// element (gathering would cost more than it saves).
const SHORT: usize = 8;

/// Per-task scratch: one block buffer per input operand and one for the output.
struct Scratch<T> {
    buf: Vec<T>,
    /// The value `buf` currently holds as a broadcast fill (offset of the source), so
    /// consecutive blocks of one broadcast run are filled once.
    filled: Option<isize>,
}

impl<T: Copy + Default> Scratch<T> {
    /// An empty scratch (the buffer is allocated on first use).
    fn new() -> Self {
        Scratch {
            buf: Vec::new(),
            filled: None,
        }
    }

    /// The block buffer, allocated on first use.
    #[inline]
    fn buf(&mut self) -> &mut [T] {
        if self.buf.is_empty() {
            self.buf = vec![T::default(); BLOCK];
        }
        &mut self.buf
    }

    /// The `len` elements of `src` from `off` with step `stride`: the source itself for
    /// stride 1, else gathered into the buffer.
    #[inline]
    fn view<'a>(&'a mut self, src: &'a [T], off: isize, stride: isize, len: usize) -> &'a [T] {
        if stride == 1 {
            let o = off as usize;
            return &src[o..o + len];
        }
        if stride == 0 {
            if self.filled != Some(off) {
                let v = src[off as usize];
                self.buf().fill(v);
                self.filled = Some(off);
            }
            return &self.buf[..len];
        }
        self.filled = None;
        gather(src, off, stride, &mut self.buf()[..len]);
        &self.buf[..len]
    }
}

/// `out[i] = src[off + i * stride]`, vectorised for positive strides (stride 2, the
/// `a[::2]` case, deinterleaves contiguous vector loads; larger strides are a plain
/// strided loop without bounds checks); other strides go through [`read_run`].
#[inline]
fn gather<T: Copy>(src: &[T], off: isize, stride: isize, out: &mut [T]) {
    let Some((last, head)) = out.split_last_mut() else {
        return;
    };
    if stride < 2 {
        read_run(src, off, stride, out);
        return;
    }
    let (o, s) = (off as usize, stride as usize);
    let src = &src[o..=o + head.len() * s];
    *last = src[src.len() - 1];
    simd(
        #[inline(always)]
        || {
            if s == 2 {
                for (d, c) in head.iter_mut().zip(src.chunks_exact(2)) {
                    *d = c[0];
                }
            } else {
                for (d, &v) in head.iter_mut().zip(src.iter().step_by(s)) {
                    *d = v;
                }
            }
        },
    )
}

/// Splits the contiguous output `out` over rayon above `threshold`, calling
/// `f(out_chunk, first_index)` per chunk.
///
/// `f` is a trait object so that rayon's splitting machinery is compiled once per
/// element type, not once per kernel (it is a few dozen functions per instantiation).
fn par_chunks<U: Send>(out: &mut [U], threshold: usize, f: &(dyn Fn(&mut [U], usize) + Sync)) {
    match par_chunk_len_with(out.len(), threshold) {
        Some(c) => crate::pool::enter(|| {
            out.par_chunks_mut(c)
                .enumerate()
                .for_each(|(i, chunk)| f(chunk, i * c))
        }),
        None => f(out, 0),
    }
}

/// A run callback as a trait object ([`Plan::for_each_run`] is then compiled once per
/// operand count).
type RunFn<'a, const N: usize> = &'a mut dyn FnMut([isize; N], usize, [isize; N]);

/// [`Plan::for_each_run`] with a trait-object callback.
fn walk<const N: usize>(plan: &Plan<N>, range: std::ops::Range<usize>, f: RunFn<'_, N>) {
    plan.for_each_run(range, f)
}

/// The offset of element `i` of a run at `off` with step `stride`.
#[inline(always)]
fn at(off: isize, stride: isize, i: usize) -> usize {
    (off + i as isize * stride) as usize
}

// ------------------------------------------------------------------------------- unary

/// `out = f(x)` over the view `xl` of `x` into the view `ol` of `out` (same shape).
pub fn map1<T, U>(k: &dyn Kern1<T, U>, x: &[T], xl: &Layout, out: &mut [U], ol: &Layout)
where
    T: Copy + Default + Send + Sync,
    U: Copy + Default + Send + Sync,
{
    let n = ol.size();
    if n == 0 {
        return;
    }
    let thr = k.par_threshold();
    if ol.is_contiguous() {
        let out = &mut out[ol.offset()..ol.offset() + n];
        if xl.is_contiguous() {
            let x = &x[xl.offset()..xl.offset() + n];
            par_chunks(out, thr, &|o, s| k.run(&x[s..s + o.len()], o));
            return;
        }
        let plan = Plan::new(ol.shape(), [xl]);
        par_chunks(out, thr, &|o, s| {
            let sc = &mut Scratch::<T>::new();
            let mut pos = 0;
            walk(&plan, s..s + o.len(), &mut |[xo], len, [xs]| {
                run1(k, x, xo, xs, &mut o[pos..pos + len], sc);
                pos += len;
            });
        });
        return;
    }
    let plan = Plan::new(ol.shape(), [xl, ol]);
    let mut sc = Scratch::<T>::new();
    let mut ob = [U::default(); BLOCK];
    walk(&plan, 0..n, &mut |[xo, oo], len, [xs, os]| {
        if os == 1 {
            let o = oo as usize;
            run1(k, x, xo, xs, &mut out[o..o + len], &mut sc);
            return;
        }
        let mut done = 0;
        while done < len {
            let bl = (len - done).min(BLOCK);
            run1(k, x, xo + done as isize * xs, xs, &mut ob[..bl], &mut sc);
            for (i, &v) in ob[..bl].iter().enumerate() {
                out[at(oo, os, done + i)] = v;
            }
            done += bl;
        }
    });
}

/// One run of a unary op into the contiguous `out`.
#[inline]
fn run1<T: Copy + Default, U: Copy>(
    k: &dyn Kern1<T, U>,
    x: &[T],
    xo: isize,
    xs: isize,
    out: &mut [U],
    sc: &mut Scratch<T>,
) {
    let len = out.len();
    if xs == 1 {
        let o = xo as usize;
        k.run(&x[o..o + len], out);
    } else if xs == 0 {
        out.fill(k.one(x[xo as usize]));
    } else if len <= SHORT {
        for (i, d) in out.iter_mut().enumerate() {
            *d = k.one(x[at(xo, xs, i)]);
        }
    } else {
        for (bi, ob) in out.chunks_mut(BLOCK).enumerate() {
            let off = xo + (bi * BLOCK) as isize * xs;
            k.run(sc.view(x, off, xs, ob.len()), ob);
        }
    }
}

// ------------------------------------------------------------------------------ binary

/// `out = f(a, b)` over views of equal shape.
#[allow(clippy::too_many_arguments)]
pub fn map2<T, U>(
    k: &dyn Kern2<T, U>,
    a: &[T],
    al: &Layout,
    b: &[T],
    bl: &Layout,
    out: &mut [U],
    ol: &Layout,
) where
    T: Copy + Default + Send + Sync,
    U: Copy + Default + Send + Sync,
{
    let n = ol.size();
    if n == 0 {
        return;
    }
    let thr = k.par_threshold();
    let new = || (Scratch::<T>::new(), Scratch::<T>::new());
    if ol.is_contiguous() {
        let out = &mut out[ol.offset()..ol.offset() + n];
        if al.is_contiguous() && bl.is_contiguous() {
            let a = &a[al.offset()..al.offset() + n];
            let b = &b[bl.offset()..bl.offset() + n];
            par_chunks(out, thr, &|o, s| {
                k.run(&a[s..s + o.len()], &b[s..s + o.len()], o)
            });
            return;
        }
        let plan = Plan::new(ol.shape(), [al, bl]);
        par_chunks(out, thr, &|o, s| {
            let (sa, sb) = &mut new();
            let mut pos = 0;
            walk(&plan, s..s + o.len(), &mut |[ao, bo], len, [as_, bs]| {
                run2(k, (a, ao, as_), (b, bo, bs), &mut o[pos..pos + len], sa, sb);
                pos += len;
            });
        });
        return;
    }
    let plan = Plan::new(ol.shape(), [al, bl, ol]);
    let (mut sa, mut sb) = new();
    let mut ob = [U::default(); BLOCK];
    walk(&plan, 0..n, &mut |[ao, bo, oo], len, [as_, bs, os]| {
        if os == 1 {
            let o = oo as usize;
            run2(
                k,
                (a, ao, as_),
                (b, bo, bs),
                &mut out[o..o + len],
                &mut sa,
                &mut sb,
            );
            return;
        }
        let mut done = 0;
        while done < len {
            let bl = (len - done).min(BLOCK);
            let d = done as isize;
            run2(
                k,
                (a, ao + d * as_, as_),
                (b, bo + d * bs, bs),
                &mut ob[..bl],
                &mut sa,
                &mut sb,
            );
            for (i, &v) in ob[..bl].iter().enumerate() {
                out[at(oo, os, done + i)] = v;
            }
            done += bl;
        }
    });
}

/// A strided source run: the storage, the run's first offset and its step.
type Src<'a, T> = (&'a [T], isize, isize);

/// One run of a binary op into the contiguous `out`.
#[inline]
fn run2<T: Copy + Default, U: Copy>(
    k: &dyn Kern2<T, U>,
    (a, ao, as_): Src<'_, T>,
    (b, bo, bs): Src<'_, T>,
    out: &mut [U],
    sa: &mut Scratch<T>,
    sb: &mut Scratch<T>,
) {
    let len = out.len();
    if as_ == 1 && bs == 1 {
        let (ao, bo) = (ao as usize, bo as usize);
        k.run(&a[ao..ao + len], &b[bo..bo + len], out);
    } else if as_ == 0 && bs == 0 {
        out.fill(k.one(a[ao as usize], b[bo as usize]));
    } else if len <= SHORT {
        for (i, d) in out.iter_mut().enumerate() {
            *d = k.one(a[at(ao, as_, i)], b[at(bo, bs, i)]);
        }
    } else {
        for (bi, ob) in out.chunks_mut(BLOCK).enumerate() {
            let s = (bi * BLOCK) as isize;
            let l = ob.len();
            k.run(
                sa.view(a, ao + s * as_, as_, l),
                sb.view(b, bo + s * bs, bs, l),
                ob,
            );
        }
    }
}

/// In place: `a = f(a, b)` over the writable view `al` of `a` and the view `bl` of `b`.
///
/// Each block of `a` is copied to a buffer first (the kernel reads the copy and writes
/// `a`), so one kernel loop serves both the in-place and the out-of-place forms; the copy
/// stays in L1.
pub fn map2_assign<T>(k: &dyn Kern2<T, T>, a: &mut [T], al: &Layout, b: &[T], bl: &Layout)
where
    T: Copy + Default + Send + Sync,
{
    let n = al.size();
    if n == 0 {
        return;
    }
    let thr = k.par_threshold();
    let new = || (Scratch::<T>::new(), Scratch::<T>::new());
    if al.is_contiguous() {
        let a = &mut a[al.offset()..al.offset() + n];
        if bl.is_contiguous() {
            let b = &b[bl.offset()..bl.offset() + n];
            par_chunks(a, thr, &|o, s| {
                let (sa, _) = &mut new();
                for (bi, blk) in o.chunks_mut(BLOCK).enumerate() {
                    let bs = s + bi * BLOCK;
                    let l = blk.len();
                    let copy = &mut sa.buf()[..l];
                    copy.copy_from_slice(blk);
                    k.run(copy, &b[bs..bs + l], blk);
                }
            });
            return;
        }
        let plan = Plan::new(al.shape(), [bl]);
        par_chunks(a, thr, &|o, s| {
            let (sa, sb) = &mut new();
            let mut pos = 0;
            walk(&plan, s..s + o.len(), &mut |[bo], len, [bs]| {
                let run = &mut o[pos..pos + len];
                if len <= SHORT && bs != 1 {
                    for (i, x) in run.iter_mut().enumerate() {
                        *x = k.one(*x, b[at(bo, bs, i)]);
                    }
                } else {
                    for (bi, blk) in run.chunks_mut(BLOCK).enumerate() {
                        let l = blk.len();
                        let copy = &mut sa.buf()[..l];
                        copy.copy_from_slice(blk);
                        k.run(
                            copy,
                            sb.view(b, bo + (bi * BLOCK) as isize * bs, bs, l),
                            blk,
                        );
                    }
                }
                pos += len;
            });
        });
        return;
    }
    // A strided destination: gather a block, compute, scatter back.
    let plan = Plan::new(al.shape(), [al, bl]);
    let (mut sa, mut sb) = new();
    let mut ob = [T::default(); BLOCK];
    walk(&plan, 0..n, &mut |[ao, bo], len, [as_, bs]| {
        let mut done = 0;
        while done < len {
            let l = (len - done).min(BLOCK);
            let d = done as isize;
            let av = &mut sa.buf()[..l];
            read_run(a, ao + d * as_, as_, av);
            k.run(av, sb.view(b, bo + d * bs, bs, l), &mut ob[..l]);
            for (i, &v) in ob[..l].iter().enumerate() {
                a[at(ao, as_, done + i)] = v;
            }
            done += l;
        }
    });
}

// ----------------------------------------------------------------------------- ternary

/// A ternary operand: its storage and its view.
pub type Operand<'a, T> = (&'a [T], &'a Layout);

/// `out = f(a, b, c)` over views of equal shape (`clip`, `where`).
pub fn map3<A, B, C, U>(
    k: &dyn Kern3<A, B, C, U>,
    (a, al): Operand<'_, A>,
    (b, bl): Operand<'_, B>,
    (c, cl): Operand<'_, C>,
    out: &mut [U],
    ol: &Layout,
) where
    A: Copy + Default + Send + Sync,
    B: Copy + Default + Send + Sync,
    C: Copy + Default + Send + Sync,
    U: Copy + Default + Send + Sync,
{
    let n = ol.size();
    if n == 0 {
        return;
    }
    let thr = k.par_threshold();
    let new = || {
        (
            Scratch::<A>::new(),
            Scratch::<B>::new(),
            Scratch::<C>::new(),
        )
    };
    let all = al.is_contiguous() && bl.is_contiguous() && cl.is_contiguous();
    if ol.is_contiguous() {
        let out = &mut out[ol.offset()..ol.offset() + n];
        if all {
            let a = &a[al.offset()..al.offset() + n];
            let b = &b[bl.offset()..bl.offset() + n];
            let c = &c[cl.offset()..cl.offset() + n];
            par_chunks(out, thr, &|o, s| {
                let e = s + o.len();
                k.run(&a[s..e], &b[s..e], &c[s..e], o)
            });
            return;
        }
        let plan = Plan::new(ol.shape(), [al, bl, cl]);
        par_chunks(out, thr, &|o, s| {
            let (sa, sb, sc) = &mut new();
            let mut pos = 0;
            walk(
                &plan,
                s..s + o.len(),
                &mut |[ao, bo, co], len, [as_, bs, cs]| {
                    let run = &mut o[pos..pos + len];
                    for (bi, ob) in run.chunks_mut(BLOCK).enumerate() {
                        let s = (bi * BLOCK) as isize;
                        let l = ob.len();
                        k.run(
                            sa.view(a, ao + s * as_, as_, l),
                            sb.view(b, bo + s * bs, bs, l),
                            sc.view(c, co + s * cs, cs, l),
                            ob,
                        );
                    }
                    pos += len;
                },
            );
        });
        return;
    }
    let plan = Plan::new(ol.shape(), [al, bl, cl, ol]);
    let (mut sa, mut sb, mut sc) = new();
    let mut ob = [U::default(); BLOCK];
    walk(
        &plan,
        0..n,
        &mut |[ao, bo, co, oo], len, [as_, bs, cs, os]| {
            let mut done = 0;
            while done < len {
                let l = (len - done).min(BLOCK);
                let d = done as isize;
                k.run(
                    sa.view(a, ao + d * as_, as_, l),
                    sb.view(b, bo + d * bs, bs, l),
                    sc.view(c, co + d * cs, cs, l),
                    &mut ob[..l],
                );
                for (i, &v) in ob[..l].iter().enumerate() {
                    out[at(oo, os, done + i)] = v;
                }
                done += l;
            }
        },
    );
}
