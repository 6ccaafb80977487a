//! Batched matmul: stacks of tiny row-major products (at most 8 columns) by
//! [`tiny`](super::tiny); other `f32`/`f64` products with every dimension at most 128 by
//! the small-product kernel (`gemm/small.rs`, AVX-512); otherwise a direct `i-k-j` loop
//! (integers, small matrices without AVX-512, parallel over the stack); large
//! `f32`/`f64` matrices by xp's AVX-512 GEMM
//! ([`super::gemm`], straight from the operands' strides), complex ones (and real ones on
//! a CPU without AVX-512) by faer's.

use super::gemm::{small_applies, small_batched, Gemm, Small, View};
use super::Stack;
use crate::storage::{check_layout, unsupported};
use crate::CpuStorage;
use array_api::{Complex32, Complex64, DType, Element, Layout, Result};
use faer::{Accum, MatMut, MatRef, Par};
use rayon::prelude::*;

const OP: &str = "matmul";

/// Multiply-accumulate: wrapping for integers.
pub(crate) trait Mac: Element {
    fn mac(acc: Self, a: Self, b: Self) -> Self;
    const ZERO: Self;
}

macro_rules! mac_int {
    ($($t:ty),*) => {$(
        impl Mac for $t {
            #[inline(always)]
            fn mac(acc: Self, a: Self, b: Self) -> Self { acc.wrapping_add(a.wrapping_mul(b)) }
            const ZERO: Self = 0;
        }
    )*};
}
mac_int!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! mac_float {
    ($($t:ty => $z:expr),*) => {$(
        impl Mac for $t {
            #[inline(always)]
            fn mac(acc: Self, a: Self, b: Self) -> Self { acc + a * b }
            const ZERO: Self = $z;
        }
    )*};
}
mac_float!(f32 => 0.0, f64 => 0.0, Complex32 => Complex32::new(0.0, 0.0), Complex64 => Complex64::new(0.0, 0.0));

/// Products with at least this many multiply-adds per matrix go to a GEMM (xp's or faer's).
const GEMM_MIN_WORK: usize = 24 * 24 * 24;
/// Below this total work, the stack runs on one thread.
const PAR_MIN_WORK: usize = 1 << 16;

/// One product by the direct loop into `c` (`m x n`, row-major, zeroed).
#[inline]
fn small<T: Mac>(a: &[T], sa: &Stack, ba: usize, b: &[T], sb: &Stack, bb: usize, c: &mut [T]) {
    let (m, k, n) = (sa.m, sa.n, sb.n);
    let contiguous_b = sb.sn == 1;
    for i in 0..m {
        let row = &mut c[i * n..(i + 1) * n];
        for p in 0..k {
            let aip = a[sa.at(ba, i, p)];
            if contiguous_b {
                let start = sb.at(bb, p, 0);
                let brow = &b[start..start + n];
                for (cj, &bj) in row.iter_mut().zip(brow) {
                    *cj = T::mac(*cj, aip, bj);
                }
            } else {
                for (j, cj) in row.iter_mut().enumerate() {
                    *cj = T::mac(*cj, aip, b[sb.at(bb, p, j)]);
                }
            }
        }
    }
}

fn direct<T: Mac>(a: &[T], sa: &Stack, b: &[T], sb: &Stack) -> Vec<T> {
    if super::tiny::applies(sa, sb) {
        return super::tiny::product(a, sa, b, sb);
    }
    let (m, k, n) = (sa.m, sa.n, sb.n);
    let nb = sa.offsets.len();
    let mut out = vec![T::ZERO; nb * m * n];
    if m * n == 0 {
        return out;
    }
    if nb * m * n * k.max(1) >= PAR_MIN_WORK && nb > 1 {
        crate::pool::enter(|| {
            out.par_chunks_mut(m * n)
                .enumerate()
                .for_each(|(bi, c)| small(a, sa, bi, b, sb, bi, c))
        });
    } else {
        for (bi, c) in out.chunks_mut(m * n).enumerate() {
            small(a, sa, bi, b, sb, bi, c);
        }
    }
    out
}

/// A faer view of matrix `bi` when its strides are row- or column-major with
/// non-negative steps.
fn view<'a, T>(data: &'a [T], s: &Stack, bi: usize) -> Option<MatRef<'a, T>> {
    let (m, n) = (s.m, s.n);
    let off = s.offsets[bi];
    let rows_ok = s.sm >= 0 && s.sn >= 0;
    if !rows_ok {
        return None;
    }
    let (sm, sn) = (s.sm as usize, s.sn as usize);
    if (sn == 1 || n <= 1) && (sm >= n || m <= 1) {
        let rs = if m <= 1 { n.max(1) } else { sm };
        let len = if m == 0 || n == 0 {
            0
        } else {
            (m - 1) * rs + n
        };
        Some(MatRef::from_row_major_slice_with_stride(
            &data[off..off + len],
            m,
            n,
            rs,
        ))
    } else if (sm == 1 || m <= 1) && (sn >= m || n <= 1) {
        let cs = if n <= 1 { m.max(1) } else { sn };
        let len = if m == 0 || n == 0 {
            0
        } else {
            (n - 1) * cs + m
        };
        Some(MatRef::from_column_major_slice_with_stride(
            &data[off..off + len],
            m,
            n,
            cs,
        ))
    } else {
        None
    }
}

fn gemm<T: Mac + faer::traits::ComplexField>(
    a: &[T],
    sa: &Stack,
    b: &[T],
    sb: &Stack,
    one: T,
) -> Vec<T> {
    let (m, k, n) = (sa.m, sa.n, sb.n);
    let nb = sa.offsets.len();
    // zeroed by the OS on first touch, in huge pages when large (see `crate::alloc`)
    let mut out = crate::alloc::zeroed::<T>(nb * m * n);
    if nb == 0 || m * n == 0 || k == 0 {
        return out;
    }
    // Operands with other strides are copied to row-major first.
    let pack = |d: &[T], s: &Stack| -> (Vec<T>, Stack) {
        let mut v = Vec::with_capacity(s.offsets.len() * s.m * s.n);
        for bi in 0..s.offsets.len() {
            for i in 0..s.m {
                for j in 0..s.n {
                    v.push(d[s.at(bi, i, j)]);
                }
            }
        }
        let st = Stack {
            batch: s.batch.clone(),
            offsets: (0..s.offsets.len()).map(|bi| bi * s.m * s.n).collect(),
            m: s.m,
            n: s.n,
            sm: s.n as isize,
            sn: 1,
        };
        (v, st)
    };
    let packed_a = if view(a, sa, 0).is_none() {
        Some(pack(a, sa))
    } else {
        None
    };
    let packed_b = if view(b, sb, 0).is_none() {
        Some(pack(b, sb))
    } else {
        None
    };
    let (ad, sa) = match &packed_a {
        Some((v, s)) => (v.as_slice(), s),
        None => (a, sa),
    };
    let (bd, sb) = match &packed_b {
        Some((v, s)) => (v.as_slice(), s),
        None => (b, sb),
    };
    let big = m * n * k >= 128 * 128 * 128;
    let run = |bi: usize, c: &mut [T], par: Par| {
        let (Some(va), Some(vb)) = (view(ad, sa, bi), view(bd, sb, bi)) else {
            unreachable!("packed operands are row-major")
        };
        let dst = MatMut::from_row_major_slice_mut(c, m, n);
        faer::linalg::matmul::matmul(dst, Accum::Replace, va, vb, one, par);
    };
    if big || nb == 1 {
        let par = if big { Par::rayon(0) } else { Par::Seq };
        for (bi, c) in out.chunks_mut(m * n).enumerate() {
            run(bi, c, par);
        }
    } else {
        crate::pool::enter(|| {
            out.par_chunks_mut(m * n)
                .enumerate()
                .for_each(|(bi, c)| run(bi, c, Par::Seq))
        });
    }
    out
}

/// Every product of the stacks by xp's GEMM, read through the operands' own strides (no
/// copy); `None` when it does not run on this CPU (then faer's [`gemm`] does the work).
/// Large products run one after another, each on every thread; stacks of smaller ones
/// run in parallel over the stack.
fn own_gemm<T: Mac + Gemm + Small>(a: &[T], sa: &Stack, b: &[T], sb: &Stack) -> Option<Vec<T>> {
    let (m, k, n) = (sa.m, sa.n, sb.n);
    let nb = sa.offsets.len();
    // zeroed by the OS on first touch, in huge pages when large (see `crate::alloc`)
    let mut out = crate::alloc::zeroed::<T>(nb * m * n);
    if nb == 0 || m * n == 0 || k == 0 {
        return Some(out);
    }
    /// Matrix `bi` of the stack `s` over `data`.
    fn view<'a, T>(data: &'a [T], s: &Stack, bi: usize) -> View<'a, T> {
        View {
            data,
            off: s.offsets[bi],
            rs: s.sm,
            cs: s.sn,
        }
    }
    // A single product of at least 96^3 is left to the threaded GEMM.
    if small_applies(m, n, k) && (nb > 1 || m * n * k < 96 * 96 * 96) {
        let ok = small_batched(
            m,
            n,
            k,
            a,
            &sa.offsets,
            (sa.sm, sa.sn),
            b,
            &sb.offsets,
            (sb.sm, sb.sn),
            &mut out,
        );
        return ok.then_some(out);
    }
    let one = |bi: usize, c: &mut [T]| T::gemm(m, n, k, view(a, sa, bi), view(b, sb, bi), c);
    let ok = if m * n * k >= 128 * 128 * 128 || nb == 1 {
        out.chunks_mut(m * n).enumerate().all(|(bi, c)| one(bi, c))
    } else {
        crate::pool::enter(|| {
            out.par_chunks_mut(m * n)
                .enumerate()
                .all(|(bi, c)| one(bi, c))
        })
    };
    ok.then_some(out)
}

fn typed<T: Mac>(s: &CpuStorage) -> Result<&[T]> {
    s.typed::<T>(OP)
}

/// `a (..., M, K) @ b (..., K, N)` into a new contiguous `(..., M, N)` storage.
pub(crate) fn matmul(
    a: &CpuStorage,
    al: &Layout,
    b: &CpuStorage,
    bl: &Layout,
    dtype: DType,
) -> Result<CpuStorage> {
    check_layout(al, a.len(), OP)?;
    check_layout(bl, b.len(), OP)?;
    if al.ndim() < 2 || al.ndim() != bl.ndim() {
        return Err(array_api::Error::invalid(
            OP,
            "kernel needs two stacks of one rank",
        ));
    }
    let sa = Stack::new(al);
    let sb = Stack::new(bl);
    if sa.n != sb.m || sa.batch != sb.batch {
        return Err(array_api::Error::ShapeMismatch {
            op: OP,
            shapes: vec![al.shape().to_vec(), bl.shape().to_vec()],
            reason: "are not aligned stacks".into(),
        });
    }
    let big = sa.m * sa.n * sb.n >= GEMM_MIN_WORK;
    // Small real products not taken by `tiny` go to the small-product kernel whatever
    // their work (`own_gemm` calls it); complex ones keep the direct loop.
    let small = !super::tiny::applies(&sa, &sb) && small_applies(sa.m, sb.n, sa.n);
    let out = match dtype {
        DType::Float32 if big || small => {
            let (a, b) = (typed::<f32>(a)?, typed::<f32>(b)?);
            let v = own_gemm(a, &sa, b, &sb).unwrap_or_else(|| gemm(a, &sa, b, &sb, 1.0));
            CpuStorage::from_vec(v)
        }
        DType::Float64 if big || small => {
            let (a, b) = (typed::<f64>(a)?, typed::<f64>(b)?);
            let v = own_gemm(a, &sa, b, &sb).unwrap_or_else(|| gemm(a, &sa, b, &sb, 1.0));
            CpuStorage::from_vec(v)
        }
        DType::Complex64 if big => CpuStorage::from_vec(gemm(
            typed::<Complex32>(a)?,
            &sa,
            typed(b)?,
            &sb,
            Complex32::new(1.0, 0.0),
        )),
        DType::Complex128 if big => CpuStorage::from_vec(gemm(
            typed::<Complex64>(a)?,
            &sa,
            typed(b)?,
            &sb,
            Complex64::new(1.0, 0.0),
        )),
        DType::Float32 => CpuStorage::from_vec(direct::<f32>(typed(a)?, &sa, typed(b)?, &sb)),
        DType::Float64 => CpuStorage::from_vec(direct::<f64>(typed(a)?, &sa, typed(b)?, &sb)),
        DType::Complex64 => {
            CpuStorage::from_vec(direct::<Complex32>(typed(a)?, &sa, typed(b)?, &sb))
        }
        DType::Complex128 => {
            CpuStorage::from_vec(direct::<Complex64>(typed(a)?, &sa, typed(b)?, &sb))
        }
        DType::Int8 => CpuStorage::from_vec(direct::<i8>(typed(a)?, &sa, typed(b)?, &sb)),
        DType::Int16 => CpuStorage::from_vec(direct::<i16>(typed(a)?, &sa, typed(b)?, &sb)),
        DType::Int32 => CpuStorage::from_vec(direct::<i32>(typed(a)?, &sa, typed(b)?, &sb)),
        DType::Int64 => CpuStorage::from_vec(direct::<i64>(typed(a)?, &sa, typed(b)?, &sb)),
        DType::UInt8 => CpuStorage::from_vec(direct::<u8>(typed(a)?, &sa, typed(b)?, &sb)),
        DType::UInt16 => CpuStorage::from_vec(direct::<u16>(typed(a)?, &sa, typed(b)?, &sb)),
        DType::UInt32 => CpuStorage::from_vec(direct::<u32>(typed(a)?, &sa, typed(b)?, &sb)),
        DType::UInt64 => CpuStorage::from_vec(direct::<u64>(typed(a)?, &sa, typed(b)?, &sb)),
        d => return Err(unsupported(OP, d)),
    };
    Ok(out)
}
