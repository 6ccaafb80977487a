//! Copies: a view to a new contiguous storage (the strided-gather kernel), a view into a
//! strided view, uploads and read-backs.

use crate::map::MapSpec;
use crate::storage::{
    bytes_to_host, check_len, check_shape, data_bytes, host_to_bytes, WgpuStorage,
};
use crate::wgsl::packed_bits;
use crate::Wgpu;
use array_api::{DType, HostData, Layout, Result};

/// The identity map kernel of `dtype`.
fn identity(dtype: DType) -> MapSpec {
    MapSpec::new(format!("copy_{dtype}"), &[dtype], dtype, "  return x0;")
}

impl Wgpu {
    /// `BackendCore::from_host`.
    pub(crate) fn upload_host(&self, data: &HostData) -> Result<WgpuStorage> {
        const OP: &str = "from_host";
        let dtype = data.dtype();
        self.check_dtype(OP, dtype)?;
        check_len(data.len(), dtype)?;
        let buffer = self.upload(&host_to_bytes(data), "xp storage")?;
        Ok(WgpuStorage::new(buffer, data.len(), dtype))
    }

    /// `BackendCore::to_host`: gathers the view on the device into a contiguous buffer
    /// (unless it already is one, word-aligned), then reads that back.
    pub(crate) fn download(
        &self,
        s: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<HostData> {
        const OP: &str = "to_host";
        self.check_operand(OP, s, layout, dtype)?;
        let n = layout.size();
        let bytes = data_bytes(dtype, n);
        let start = data_bytes(dtype, layout.offset());
        let aligned = packed_bits(dtype).is_none() || start.is_multiple_of(4);
        let raw = if layout.is_contiguous() && aligned {
            self.read_bytes(s.buffer(), start, bytes)?
        } else {
            let c = self.gather_view(s, layout, dtype)?;
            self.read_bytes(c.buffer(), 0, bytes)?
        };
        bytes_to_host(&raw, dtype, n)
    }

    /// The view as a new contiguous storage, always a new buffer (the strided-gather
    /// kernel).
    pub(crate) fn gather_view(
        &self,
        s: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<WgpuStorage> {
        self.map_fresh(
            &identity(dtype),
            layout.shape(),
            &[(s.buffer(), layout)],
            &[],
            None,
        )
    }

    /// `CopyOps::contiguous`: shares the storage when the view already is all of it in C
    /// order, else gathers.
    pub(crate) fn contiguous_view(
        &self,
        s: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<WgpuStorage> {
        self.check_operand("contiguous", s, layout, dtype)?;
        if layout.offset() == 0 && layout.size() == s.len() && layout.is_contiguous() {
            return Ok(s.clone());
        }
        self.gather_view(s, layout, dtype)
    }

    /// `CopyOps::copy_into`.
    pub(crate) fn copy_view_into(
        &self,
        src: &WgpuStorage,
        src_layout: &Layout,
        dst: &mut WgpuStorage,
        dst_layout: &Layout,
        dtype: DType,
    ) -> Result<()> {
        const OP: &str = "copy_into";
        check_shape(src_layout, dst_layout.shape(), OP)?;
        self.check_operand(OP, src, src_layout, dtype)?;
        self.check_operand(OP, dst, dst_layout, dtype)?;
        self.map_into(
            &identity(dtype),
            &[(src.buffer(), src_layout)],
            dst,
            dst_layout,
            &[],
            None,
        )
    }
}
