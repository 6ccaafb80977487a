//! Stacks of tiny matrix products (`N <= 8` columns, row-major operands): each row of the
//! result is accumulated in a fixed-size `[T; N]` (registers), the rows of `b` read as
//! `[T; N]`, compiled for the machine's widest SIMD (AVX-512 here) and parallel over the
//! stack in blocks of matrices.
//!
//! For 10⁴ products of 4x4 matrices this is memory-light work (1.3 MFLOP over 1.5 MB in
//! f64): the general loop spent its time on index arithmetic per element.

use super::matmul::Mac;
use super::Stack;
use rayon::prelude::*;

/// The largest `N` handled here.
pub(crate) const MAX_N: usize = 8;
/// Largest `M` and `K` handled here (beyond, the general paths are as good).
pub(crate) const MAX_MK: usize = 16;
/// Matrices per parallel task.
const BLOCK: usize = 512;

/// Whether `s` is a stack of row-major matrices (rows contiguous and adjacent).
fn row_major(s: &Stack) -> bool {
    (s.sn == 1 || s.n <= 1) && (s.sm == s.n as isize || s.m <= 1)
}

/// Whether [`product`] takes `a (.., M, K) @ b (.., K, N)`.
pub(crate) fn applies(sa: &Stack, sb: &Stack) -> bool {
    (1..=MAX_N).contains(&sb.n)
        && sa.m <= MAX_MK
        && sa.n <= MAX_MK
        && sa.m > 0
        && sa.n > 0
        && row_major(sa)
        && row_major(sb)
}

/// One product, `N` known: `c (m x N) = a (m x k) @ b (k x N)`, all row-major.
#[inline(always)]
fn one<T: Mac, const N: usize>(a: &[T], b: &[T], c: &mut [T], m: usize, k: usize) {
    for i in 0..m {
        let mut acc = [T::ZERO; N];
        let arow = &a[i * k..(i + 1) * k];
        for (p, &x) in arow.iter().enumerate() {
            let brow: &[T; N] = b[p * N..(p + 1) * N].try_into().expect("N columns");
            for j in 0..N {
                acc[j] = T::mac(acc[j], x, brow[j]);
            }
        }
        c[i * N..(i + 1) * N].copy_from_slice(&acc);
    }
}

/// Products of the matrices `first..` of the stack into `out` (`len / (m N)` of them).
#[inline(always)]
fn run<T: Mac, const N: usize>(
    a: &[T],
    sa: &Stack,
    b: &[T],
    sb: &Stack,
    first: usize,
    out: &mut [T],
) {
    let (m, k) = (sa.m, sa.n);
    for (i, c) in out.chunks_exact_mut(m * N).enumerate() {
        let (oa, ob) = (sa.offsets[first + i], sb.offsets[first + i]);
        one::<T, N>(&a[oa..oa + m * k], &b[ob..ob + k * N], c, m, k);
    }
}

fn stack<T: Mac, const N: usize>(a: &[T], sa: &Stack, b: &[T], sb: &Stack, out: &mut [T]) {
    let per = sa.m * N;
    let work = out.len() * sa.n.max(1);
    let block = |first: usize, o: &mut [T]| {
        crate::elementwise::kernel::simd(
            #[inline(always)]
            || run::<T, N>(a, sa, b, sb, first, o),
        )
    };
    if work >= 1 << 16 {
        out.par_chunks_mut(per * BLOCK)
            .enumerate()
            .for_each(|(bi, o)| block(bi * BLOCK, o));
    } else {
        block(0, out);
    }
}

/// `a @ b` for a stack [`applies`] to, into a new contiguous `(.., M, N)` vector.
pub(crate) fn product<T: Mac>(a: &[T], sa: &Stack, b: &[T], sb: &Stack) -> Vec<T> {
    let nb = sa.offsets.len();
    let mut out = vec![T::ZERO; nb * sa.m * sb.n];
    if out.is_empty() {
        return out;
    }
    match sb.n {
        1 => stack::<T, 1>(a, sa, b, sb, &mut out),
        2 => stack::<T, 2>(a, sa, b, sb, &mut out),
        3 => stack::<T, 3>(a, sa, b, sb, &mut out),
        4 => stack::<T, 4>(a, sa, b, sb, &mut out),
        5 => stack::<T, 5>(a, sa, b, sb, &mut out),
        6 => stack::<T, 6>(a, sa, b, sb, &mut out),
        7 => stack::<T, 7>(a, sa, b, sb, &mut out),
        8 => stack::<T, 8>(a, sa, b, sb, &mut out),
        n => unreachable!("tiny products have at most {MAX_N} columns, not {n}"),
    }
    out
}
