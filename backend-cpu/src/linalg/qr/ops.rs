//! Small building blocks of the QR: views and blocked transposes; products, dot
//! products and axpys are the triangular module's ([`mul`] = `triangular::mul_acc`:
//! xp's GEMM for large products, loops for small ones).

use super::super::gemm::View;
pub(super) use super::super::triangular::{axpy, dot, mul_acc as mul};

/// A copy of a view (views hold a shared borrow, so this is cheap).
#[inline(always)]
pub(super) fn view<T>(data: &[T], off: usize, rs: usize, cs: usize) -> View<'_, T> {
    View {
        data,
        off,
        rs: rs as isize,
        cs: cs as isize,
    }
}

/// `dst[j*ldd + i] = src[off + i*lds + j]` for `i < rows`, `j < cols`, in blocks of 16
/// rows (contiguous 16-element stores instead of one scattered store per element).
#[allow(clippy::too_many_arguments)]
pub(super) fn transpose<T: Copy>(
    src: &[T],
    off: usize,
    lds: usize,
    rows: usize,
    cols: usize,
    dst: &mut [T],
    ldd: usize,
) {
    const BLK: usize = 16;
    for i0 in (0..rows).step_by(BLK) {
        let i1 = (i0 + BLK).min(rows);
        for j in 0..cols {
            let d = &mut dst[j * ldd + i0..j * ldd + i1];
            for (x, i) in d.iter_mut().zip(i0..i1) {
                *x = src[off + i * lds + j];
            }
        }
    }
}
