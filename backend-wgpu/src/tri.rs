//! `tril` / `triu`: a contiguous copy of the view with the elements outside a diagonal
//! band zeroed, in one map kernel.

use crate::map::MapSpec;
use crate::storage::WgpuStorage;
use crate::wgsl::zero;
use crate::Wgpu;
use array_api::{DType, Error, Layout, Result};

impl Wgpu {
    /// `CopyOps::tri`: kept are `j - i <= k` (tril) or `j - i >= k` (triu).
    pub(crate) fn tri_view(
        &self,
        s: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
        k: i64,
        upper: bool,
    ) -> Result<WgpuStorage> {
        let op = if upper { "triu" } else { "tril" };
        self.check_operand(op, s, layout, dtype)?;
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
        // |j - i| < m + n, so clamping k to ±(m + n) keeps the band and fits in i32.
        let bound = (m as i64 + n as i64).min(i32::MAX as i64 / 2);
        let k = k.clamp(-bound, bound) as i32;
        let cmp = if upper { ">=" } else { "<=" };
        let body = format!(
            "  let n = u32(xp(1));\n  let row = i32((i / n) % u32(xp(0)));\n  let col = i32(i % n);\n  \
             return select({}, x0, col - row {cmp} xp(2));",
            zero(dtype)
        );
        let spec = MapSpec::new(format!("{op}_{dtype}"), &[dtype], dtype, body);
        self.map_fresh(
            &spec,
            layout.shape(),
            &[(s.buffer(), layout)],
            &[m as i32, n as i32, k],
            None,
        )
    }
}
