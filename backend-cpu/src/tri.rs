//! `tril` / `triu`: a contiguous copy with the elements outside a diagonal band zeroed.

use crate::copy::gather_view;
use crate::storage::{check_layout, unsupported, CpuStorage};
use array_api::{with_dtype, DType, Element, Error, Layout, Result};

/// Zeroes, in the contiguous batch of `(m, n)` matrices `data`, every element outside the
/// band: kept are `j - i <= k` (`upper == false`, tril) or `j - i >= k` (triu).
pub fn zero_outside_band<T: Element>(data: &mut [T], m: usize, n: usize, k: i64, upper: bool) {
    if m == 0 || n == 0 {
        return;
    }
    let k = k as i128;
    for mat in data.chunks_exact_mut(m * n) {
        for (i, row) in mat.chunks_exact_mut(n).enumerate() {
            // Column where the kept (tril) or zeroed (triu) prefix ends, clamped to 0..=n.
            let edge = (i as i128 + k + i128::from(!upper)).clamp(0, n as i128) as usize;
            if upper {
                row[..edge].fill(T::default());
            } else {
                row[edge..].fill(T::default());
            }
        }
    }
}

/// `CopyOps::tri`.
pub fn tri(
    storage: &CpuStorage,
    layout: &Layout,
    dtype: DType,
    k: i64,
    upper: bool,
) -> Result<CpuStorage> {
    let op = if upper { "triu" } else { "tril" };
    let nd = layout.ndim();
    if nd < 2 {
        return Err(Error::invalid(
            op,
            format!(
                "needs an array of at least 2 dimensions, got shape {:?}",
                layout.shape()
            ),
        ));
    }
    let (m, n) = (layout.shape()[nd - 2], layout.shape()[nd - 1]);
    with_dtype!(dtype, T => {
        let src = storage.typed::<T>(op)?;
        check_layout(layout, src.len(), op)?;
        let mut out = gather_view(src, layout);
        zero_outside_band(&mut out, m, n, k, upper);
        Ok(CpuStorage::from_vec(out))
    }, else => Err(unsupported(op, dtype)))
}
