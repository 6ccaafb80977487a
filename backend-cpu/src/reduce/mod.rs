//! Reduction, arg-reduction and scan kernels (`ReduceOps`).
//!
//! A reduction splits the view's axes into kept axes (the output) and reduced axes. Two
//! loop shapes cover every layout:
//!
//! - **lanes** (the reduced axes collapse to one unit-stride run, e.g. `sum(axis=-1)` of a
//!   C-contiguous array, or a full reduction of a contiguous array): each output folds one
//!   contiguous slice; sums use pairwise summation with 8 independent accumulators in the
//!   leaves (which the compiler vectorises). Outputs are split over rayon; a single long
//!   lane is split into chunks whose pairwise sums are combined pairwise.
//! - **columns** (everything else, e.g. `sum(axis=0)` of a C-contiguous matrix): for each
//!   run of kept elements, the reduced elements are added run-wide (`acc[j] += x[r, j]`,
//!   vectorised along the run). Sums accumulate blocks of 64 reduced positions and combine
//!   the blocks pairwise (a cascade), so the error grows with `64 + log2(n)` rather than
//!   `n`. Runs are split over rayon; long sums (at least 2048 reduced positions) are
//!   instead split into fixed pieces of 1024 reduced positions (whole rows of a
//!   C-contiguous matrix: long sequential reads), whose cascades are combined pairwise.
//!
//! Accuracy: float32 sums accumulate in float64 and round once, float64 sums are pairwise:
//! `|error| <= (64 + log2 n) · eps · Σ|x_i|` at worst, typically `O(sqrt(log n) eps)`.
//! `Prod`, `Min`, `Max` fold sequentially in C order of the reduced axes (bit-reproducible).

use crate::storage::{check_layout, unsupported, CpuStorage};
use crate::strided::Plan;
use array_api::{Complex32, Complex64, DType, Element, Error, Layout, ReduceOp, Result};
use rayon::prelude::*;

mod arg;
mod scan;

/// Work (elements read) below which a reduction runs on one thread.
const PAR_WORK: usize = 1 << 16;

/// Arithmetic for sums and products (wrapping for integers).
pub trait Arith: Copy + Send + Sync + 'static {
    /// The additive identity.
    const ZERO: Self;
    /// The multiplicative identity.
    const ONE: Self;
    /// `self + o` (wrapping).
    fn add(self, o: Self) -> Self;
    /// `self * o` (wrapping).
    fn mul(self, o: Self) -> Self;
}

macro_rules! arith_int {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            const ZERO: Self = 0;
            const ONE: Self = 1;
            #[inline(always)]
            fn add(self, o: Self) -> Self { self.wrapping_add(o) }
            #[inline(always)]
            fn mul(self, o: Self) -> Self { self.wrapping_mul(o) }
        }
    )*};
}
arith_int!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! arith_float {
    ($($t:ty: $z:expr, $o:expr),*) => {$(
        impl Arith for $t {
            const ZERO: Self = $z;
            const ONE: Self = $o;
            #[inline(always)]
            fn add(self, o: Self) -> Self { self + o }
            #[inline(always)]
            fn mul(self, o: Self) -> Self { self * o }
        }
    )*};
}
arith_float!(
    f32: 0.0, 1.0,
    f64: 0.0, 1.0,
    Complex32: Complex32::new(0.0, 0.0), Complex32::new(1.0, 0.0),
    Complex64: Complex64::new(0.0, 0.0), Complex64::new(1.0, 0.0)
);

/// The split of a view into kept and reduced axes.
struct Split {
    kept_shape: Vec<usize>,
    kept: Layout,
    red_shape: Vec<usize>,
    red_strides: Vec<isize>,
}

fn split(layout: &Layout, axes: &[usize]) -> Split {
    let (mut ks, mut kst, mut rs, mut rst) = (vec![], vec![], vec![], vec![]);
    for (i, (&d, &s)) in layout.shape().iter().zip(layout.strides()).enumerate() {
        if axes.contains(&i) {
            rs.push(d);
            rst.push(s);
        } else {
            ks.push(d);
            kst.push(s);
        }
    }
    Split {
        kept: Layout::new(ks.clone(), kst, layout.offset()),
        kept_shape: ks,
        red_shape: rs,
        red_strides: rst,
    }
}

/// Pairwise fold of `load(s[i])` with `comb`, 8 accumulators in the leaves.
#[inline]
fn pairwise<T: Copy, A: Copy>(
    s: &[T],
    init: A,
    load: &impl Fn(T) -> A,
    comb: &impl Fn(A, A) -> A,
) -> A {
    const LEAF: usize = 256;
    if s.len() <= LEAF {
        let mut acc = [init; 8];
        let mut chunks = s.chunks_exact(8);
        for c in &mut chunks {
            for k in 0..8 {
                acc[k] = comb(acc[k], load(c[k]));
            }
        }
        for (k, &x) in chunks.remainder().iter().enumerate() {
            acc[k] = comb(acc[k], load(x));
        }
        let a = comb(comb(acc[0], acc[1]), comb(acc[2], acc[3]));
        let b = comb(comb(acc[4], acc[5]), comb(acc[6], acc[7]));
        return comb(a, b);
    }
    let half = (s.len() / 2 + 7) & !7;
    comb(
        pairwise(&s[..half], init, load, comb),
        pairwise(&s[half..], init, load, comb),
    )
}

/// Sequential fold of `load(s[i])` with `comb`.
#[inline]
fn sequential<T: Copy, A: Copy>(
    s: &[T],
    init: A,
    load: &impl Fn(T) -> A,
    comb: &impl Fn(A, A) -> A,
) -> A {
    s.iter().fold(init, |a, &x| comb(a, load(x)))
}

/// The generic reduction engine (see the module docs). `pairwise` allows reassociation.
#[allow(clippy::too_many_arguments)]
fn fold_view<T, A, O>(
    data: &[T],
    layout: &Layout,
    axes: &[usize],
    init: A,
    load: impl Fn(T) -> A + Sync,
    comb: impl Fn(A, A) -> A + Sync,
    fin: impl Fn(A) -> O + Sync,
    pairwise_ok: bool,
) -> Vec<O>
where
    T: Copy + Send + Sync,
    A: Copy + Send + Sync,
    O: Copy + Send + Sync + Default,
{
    let sp = split(layout, axes);
    let out_n: usize = sp.kept_shape.iter().product();
    let red_n: usize = sp.red_shape.iter().product();
    let mut out = vec![O::default(); out_n];
    if out_n == 0 {
        return out;
    }
    if red_n == 0 {
        out.fill(fin(init));
        return out;
    }
    let red_layout = Layout::new(sp.red_shape.clone(), sp.red_strides.clone(), 0);
    let (rs, rst) = Layout::collapse(&sp.red_shape, &[&red_layout]);
    let lanes = rs.len() <= 1 && rst[0].first().is_none_or(|&s| s == 1);
    let parallel = out_n * red_n >= PAR_WORK && rayon::current_num_threads() > 1;
    if lanes {
        let kept_plan = Plan::new(&sp.kept_shape, [&sp.kept]);
        let mut offs = Vec::with_capacity(out_n);
        kept_plan.for_each_offset(|[o]| offs.push(o as usize));
        let fold_lane = |o: usize| -> A {
            let s = &data[o..o + red_n];
            if pairwise_ok {
                pairwise(s, init, &load, &comb)
            } else {
                sequential(s, init, &load, &comb)
            }
        };
        if !parallel {
            for (d, &o) in out.iter_mut().zip(&offs) {
                *d = fin(fold_lane(o));
            }
        } else if out_n >= rayon::current_num_threads() * 4 || !pairwise_ok {
            let chunk = (PAR_WORK / red_n).max(1);
            crate::pool::enter(|| {
                out.par_chunks_mut(chunk)
                    .zip(offs.par_chunks(chunk))
                    .for_each(|(d, o)| {
                        for (d, &o) in d.iter_mut().zip(o) {
                            *d = fin(fold_lane(o));
                        }
                    })
            });
        } else {
            // few long lanes: split each lane, combine the partial sums pairwise
            let piece = (red_n / (rayon::current_num_threads() * 4)).max(1 << 14);
            let piece = (piece + 255) & !255;
            for (d, &o) in out.iter_mut().zip(&offs) {
                let s = &data[o..o + red_n];
                let parts: Vec<A> = crate::pool::enter(|| {
                    s.par_chunks(piece)
                        .map(|c| pairwise(c, init, &load, &comb))
                        .collect()
                });
                *d = fin(tree(&parts, &comb));
            }
        }
        return out;
    }
    // columns: runs of kept elements, the reduced positions added run-wide
    let red_plan = Plan::new(&sp.red_shape, [&red_layout]);
    let kept_plan = Plan::new(&sp.kept_shape, [&sp.kept]);
    let mut runs: Vec<(isize, usize, isize)> = Vec::new();
    let threads = rayon::current_num_threads();
    // long reductions are also split along the reduced positions, in fixed pieces
    let row_pieces = parallel && pairwise_ok && red_n >= 2 * ROW_PIECE;
    let min_piece = if parallel { 64 } else { usize::MAX };
    let max_piece = if row_pieces {
        MAX_RUN
    } else if parallel {
        (out_n / (threads * 4)).max(min_piece)
    } else {
        usize::MAX
    };
    kept_plan.for_each_run(0..out_n, |[o], len, [s]| {
        let mut j = 0;
        while j < len {
            let l = (len - j).min(max_piece);
            runs.push((o + j as isize * s, l, s));
            j += l;
        }
    });
    // the run of `len` kept elements at `o` (step `s`) folded over the reduced positions
    // `rr`: blocks of 64 positions, combined by a binary-counter cascade
    let fold_run = |len: usize, o: isize, s: isize, rr: std::ops::Range<usize>| -> Vec<A> {
        let mut blk = vec![init; len];
        let mut cnt = 0usize;
        let mut stack: Vec<(Vec<A>, u32)> = Vec::new();
        red_plan.for_each_run(rr, |[ro], rlen, [rstr]| {
            for i in 0..rlen as isize {
                let base = o + ro + i * rstr;
                if s == 1 {
                    let src = &data[base as usize..base as usize + len];
                    for (a, &x) in blk.iter_mut().zip(src) {
                        *a = comb(*a, load(x));
                    }
                } else {
                    for (j, a) in blk.iter_mut().enumerate() {
                        *a = comb(*a, load(data[(base + j as isize * s) as usize]));
                    }
                }
                cnt += 1;
                if pairwise_ok && cnt == 64 {
                    let mut b = std::mem::replace(&mut blk, vec![init; len]);
                    let mut level = 0;
                    while stack.last().is_some_and(|(_, l)| *l == level) {
                        let (p, _) = stack.pop().expect("checked");
                        for (x, y) in b.iter_mut().zip(p) {
                            *x = comb(y, *x);
                        }
                        level += 1;
                    }
                    stack.push((b, level));
                    cnt = 0;
                }
            }
        });
        for (p, _) in stack.into_iter().rev() {
            for (x, y) in blk.iter_mut().zip(p) {
                *x = comb(y, *x);
            }
        }
        blk
    };
    let mut pieces: Vec<(&mut [O], isize, isize)> = Vec::with_capacity(runs.len());
    let mut rest: &mut [O] = &mut out;
    for &(o, l, s) in &runs {
        let (a, b) = rest.split_at_mut(l);
        pieces.push((a, o, s));
        rest = b;
    }
    if row_pieces {
        let np = red_n.div_ceil(ROW_PIECE);
        for (d, o, s) in pieces {
            let parts: Vec<Vec<A>> = crate::pool::enter(|| {
                (0..np)
                    .into_par_iter()
                    .map(|p| {
                        fold_run(
                            d.len(),
                            o,
                            s,
                            p * ROW_PIECE..((p + 1) * ROW_PIECE).min(red_n),
                        )
                    })
                    .collect()
            });
            let total = tree_vec(parts, &comb);
            for (d, a) in d.iter_mut().zip(total) {
                *d = fin(a);
            }
        }
        return out;
    }
    let do_run = |dst: &mut [O], o: isize, s: isize| {
        let acc = fold_run(dst.len(), o, s, 0..red_n);
        for (d, a) in dst.iter_mut().zip(acc) {
            *d = fin(a);
        }
    };
    if parallel {
        crate::pool::enter(|| pieces.into_par_iter().for_each(|(d, o, s)| do_run(d, o, s)));
    } else {
        for (d, o, s) in pieces {
            do_run(d, o, s);
        }
    }
    out
}

/// Reduced positions per piece when a long column reduction is split along them (a power
/// of two times the cascade's 64-position blocks; fixed, so sums do not depend on the
/// thread count).
const ROW_PIECE: usize = 1024;
/// The longest run of kept elements per task when the reduced positions are split.
const MAX_RUN: usize = 8192;

/// The element-wise pairwise (tree) combination of the non-empty `parts`.
fn tree_vec<A: Copy>(mut parts: Vec<Vec<A>>, comb: &impl Fn(A, A) -> A) -> Vec<A> {
    while parts.len() > 1 {
        let mut next = Vec::with_capacity(parts.len().div_ceil(2));
        let mut it = parts.into_iter();
        while let Some(mut a) = it.next() {
            if let Some(b) = it.next() {
                for (x, y) in a.iter_mut().zip(b) {
                    *x = comb(*x, y);
                }
            }
            next.push(a);
        }
        parts = next;
    }
    parts.pop().unwrap_or_default()
}

fn tree<A: Copy>(parts: &[A], comb: &impl Fn(A, A) -> A) -> A {
    if parts.len() == 1 {
        return parts[0];
    }
    let h = parts.len() / 2;
    comb(tree(&parts[..h], comb), tree(&parts[h..], comb))
}

/// NaN test for any real element type (never true for integers and bool).
pub trait RealKey: Copy + PartialOrd + Send + Sync + 'static {
    /// `true` for NaN.
    #[inline(always)]
    #[allow(clippy::eq_op)]
    fn nan(self) -> bool {
        self != self
    }
}
impl RealKey for bool {}
impl RealKey for i8 {}
impl RealKey for i16 {}
impl RealKey for i32 {}
impl RealKey for i64 {}
impl RealKey for u8 {}
impl RealKey for u16 {}
impl RealKey for u32 {}
impl RealKey for u64 {}
impl RealKey for f32 {}
impl RealKey for f64 {}

#[inline(always)]
fn min_comb<T: RealKey>(a: T, b: T) -> T {
    if a.nan() || !(b < a || b.nan()) {
        a
    } else {
        b
    }
}

#[inline(always)]
fn max_comb<T: RealKey>(a: T, b: T) -> T {
    if a.nan() || !(b > a || b.nan()) {
        a
    } else {
        b
    }
}

fn typed<'a, T: Element>(x: &'a CpuStorage, layout: &Layout, op: &'static str) -> Result<&'a [T]> {
    let d = x.typed::<T>(op)?;
    check_layout(layout, d.len(), op)?;
    Ok(d)
}

fn sum_prod<T: Arith + Element>(
    x: &CpuStorage,
    layout: &Layout,
    axes: &[usize],
    prod: bool,
) -> Result<CpuStorage> {
    let d = typed::<T>(x, layout, "reduce")?;
    let v = if prod {
        fold_view(d, layout, axes, T::ONE, |x| x, T::mul, |a| a, false)
    } else {
        fold_view(d, layout, axes, T::ZERO, |x| x, T::add, |a| a, true)
    };
    Ok(CpuStorage::from_vec(v))
}

/// A sequential fold with no identity (`Min`, `Max`: never asked for an empty set): the
/// first element starts the fold.
fn fold_first<T: RealKey + Element + Default>(
    d: &[T],
    layout: &Layout,
    axes: &[usize],
    pick: impl Fn(T, T) -> T + Sync,
) -> Vec<T> {
    fold_view(
        d,
        layout,
        axes,
        None,
        Some,
        |a: Option<T>, b: Option<T>| match (a, b) {
            (Some(a), Some(b)) => Some(pick(a, b)),
            (a, None) => a,
            (None, b) => b,
        },
        |a| a.unwrap_or_default(),
        false,
    )
}

fn min_max<T: RealKey + Element>(
    x: &CpuStorage,
    layout: &Layout,
    axes: &[usize],
    max: bool,
) -> Result<CpuStorage> {
    let d = typed::<T>(x, layout, "reduce")?;
    let v = if max {
        fold_first(d, layout, axes, max_comb)
    } else {
        fold_first(d, layout, axes, min_comb)
    };
    Ok(CpuStorage::from_vec(v))
}

/// The `reduce` kernel.
pub fn reduce(
    op: ReduceOp,
    x: &CpuStorage,
    layout: &Layout,
    dtype: DType,
    axes: &[usize],
) -> Result<CpuStorage> {
    const OP: &str = "reduce";
    check_axes(layout, axes, OP)?;
    match op {
        ReduceOp::Sum | ReduceOp::Prod => {
            let prod = op == ReduceOp::Prod;
            match dtype {
                DType::Float32 if !prod => {
                    let d = typed::<f32>(x, layout, OP)?;
                    let v = fold_view(
                        d,
                        layout,
                        axes,
                        0f64,
                        |x| x as f64,
                        |a, b| a + b,
                        |a| a as f32,
                        true,
                    );
                    Ok(CpuStorage::from_vec(v))
                }
                DType::Complex64 if !prod => {
                    let d = typed::<Complex32>(x, layout, OP)?;
                    let v = fold_view(
                        d,
                        layout,
                        axes,
                        Complex64::new(0.0, 0.0),
                        |x| Complex64::new(x.re as f64, x.im as f64),
                        |a, b| a + b,
                        |a| Complex32::new(a.re as f32, a.im as f32),
                        true,
                    );
                    Ok(CpuStorage::from_vec(v))
                }
                DType::Int8 => sum_prod::<i8>(x, layout, axes, prod),
                DType::Int16 => sum_prod::<i16>(x, layout, axes, prod),
                DType::Int32 => sum_prod::<i32>(x, layout, axes, prod),
                DType::Int64 => sum_prod::<i64>(x, layout, axes, prod),
                DType::UInt8 => sum_prod::<u8>(x, layout, axes, prod),
                DType::UInt16 => sum_prod::<u16>(x, layout, axes, prod),
                DType::UInt32 => sum_prod::<u32>(x, layout, axes, prod),
                DType::UInt64 => sum_prod::<u64>(x, layout, axes, prod),
                DType::Float32 => sum_prod::<f32>(x, layout, axes, prod),
                DType::Float64 => sum_prod::<f64>(x, layout, axes, prod),
                DType::Complex64 => sum_prod::<Complex32>(x, layout, axes, prod),
                DType::Complex128 => sum_prod::<Complex64>(x, layout, axes, prod),
                d => Err(unsupported(OP, d)),
            }
        }
        ReduceOp::Min | ReduceOp::Max => {
            let max = op == ReduceOp::Max;
            real_dispatch!(dtype, OP, min_max, (x, layout, axes, max))
        }
        ReduceOp::All | ReduceOp::Any => {
            if dtype != DType::Bool {
                return Err(unsupported(OP, dtype));
            }
            let d = typed::<bool>(x, layout, OP)?;
            let v = if op == ReduceOp::All {
                fold_view(d, layout, axes, true, |x| x, |a, b| a & b, |a| a, true)
            } else {
                fold_view(d, layout, axes, false, |x| x, |a, b| a | b, |a| a, true)
            };
            Ok(CpuStorage::from_vec(v))
        }
    }
}

fn check_axes(layout: &Layout, axes: &[usize], op: &'static str) -> Result<()> {
    let nd = layout.ndim();
    if axes.iter().any(|&a| a >= nd) || axes.windows(2).any(|w| w[0] >= w[1]) {
        return Err(Error::Backend {
            backend: "cpu".into(),
            reason: format!("{op}: axes {axes:?} are not sorted, distinct axes of {nd}"),
        });
    }
    Ok(())
}

pub use arg::arg_reduce;
pub use scan::scan;

#[cfg(test)]
mod tests;
