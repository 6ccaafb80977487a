//! Small building blocks of the QR: views; products, dot
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
