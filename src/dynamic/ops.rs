//! The kernel traits for [`Dyn`]: each method forwards to the backend of the device.

use super::storage::{get, get_mut, DynStorage, Member};
use super::Dyn;
use array_api::backend::IndexArray;
use array_api::fft::{FftOps, FftSpec};
#[cfg(feature = "wgpu")]
use array_api::Error;
use array_api::{
    ArgReduceOp, BackendCore, BackendInfo, BinaryOp, CopyOps, CreationOps, DType, ElementwiseOps,
    Factor, HostData, IndexingOps, Layout, LinalgOps, ReduceOp, ReduceOps, Result, Scalar, ScanOp,
    ScatterOps, SortOps, UnaryOp, VectorReduction,
};

/// Runs `$body` with `$d` bound to the inner device and the type `$B` to its backend.
macro_rules! on {
    ($self:expr, $d:ident: $B:ident => $body:expr) => {
        match $self {
            Dyn::Cpu($d) => {
                #[allow(dead_code)]
                type $B = backend_cpu::Cpu;
                $body
            }
            #[cfg(feature = "wgpu")]
            Dyn::Wgpu($d) => {
                #[allow(dead_code)]
                type $B = backend_wgpu::Wgpu;
                $body
            }
        }
    };
}

/// Converts index arrays to the inner backend's storage.
fn indices<'a, B: Member>(
    idx: &[IndexArray<'a, DynStorage>],
    dev: &B,
) -> Result<Vec<IndexArray<'a, B::Storage>>> {
    idx.iter()
        .map(|i| {
            Ok(IndexArray {
                storage: get(i.storage, dev)?,
                layout: i.layout,
            })
        })
        .collect()
}

fn bound<'a, B: Member>(
    b: Option<(&'a DynStorage, &'a Layout)>,
    dev: &B,
) -> Result<Option<(&'a B::Storage, &'a Layout)>> {
    b.map(|(s, l)| Ok((get(s, dev)?, l))).transpose()
}

impl BackendCore for Dyn {
    type Storage = DynStorage;

    fn info(&self) -> BackendInfo {
        self.info_of()
    }

    fn device_name(&self) -> String {
        self.to_string()
    }

    fn from_host(&self, data: HostData) -> Result<DynStorage> {
        on!(self, d: B => d.from_host(data).map(B::wrap))
    }

    fn to_host(&self, storage: &DynStorage, layout: &Layout, dtype: DType) -> Result<HostData> {
        on!(self, d: B => d.to_host(get(storage, d)?, layout, dtype))
    }
}

impl CreationOps for Dyn {
    fn full(&self, len: usize, value: Scalar, dtype: DType) -> Result<DynStorage> {
        on!(self, d: B => d.full(len, value, dtype).map(B::wrap))
    }

    fn output(&self, len: usize, dtype: DType) -> Result<DynStorage> {
        on!(self, d: B => d.output(len, dtype).map(B::wrap))
    }

    fn arange(&self, len: usize, start: Scalar, step: Scalar, dtype: DType) -> Result<DynStorage> {
        on!(self, d: B => d.arange(len, start, step, dtype).map(B::wrap))
    }

    fn linspace(
        &self,
        len: usize,
        start: Scalar,
        stop: Scalar,
        endpoint: bool,
        dtype: DType,
    ) -> Result<DynStorage> {
        on!(self, d: B => d.linspace(len, start, stop, endpoint, dtype).map(B::wrap))
    }
}

impl CopyOps for Dyn {
    fn copy_into(
        &self,
        src: &DynStorage,
        src_layout: &Layout,
        dst: &mut DynStorage,
        dst_layout: &Layout,
        dtype: DType,
    ) -> Result<()> {
        on!(self, d: B => d.copy_into(get(src, d)?, src_layout, get_mut(dst, d)?, dst_layout, dtype))
    }

    fn contiguous(&self, src: &DynStorage, layout: &Layout, dtype: DType) -> Result<DynStorage> {
        on!(self, d: B => d.contiguous(get(src, d)?, layout, dtype).map(B::wrap))
    }

    fn cast(
        &self,
        src: &DynStorage,
        layout: &Layout,
        from: DType,
        to: DType,
    ) -> Result<DynStorage> {
        on!(self, d: B => d.cast(get(src, d)?, layout, from, to).map(B::wrap))
    }

    fn tri(
        &self,
        src: &DynStorage,
        layout: &Layout,
        dtype: DType,
        k: i64,
        upper: bool,
    ) -> Result<DynStorage> {
        on!(self, d: B => d.tri(get(src, d)?, layout, dtype, k, upper).map(B::wrap))
    }
}

impl IndexingOps for Dyn {
    fn gather(
        &self,
        src: &DynStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        idx: &[IndexArray<'_, DynStorage>],
    ) -> Result<DynStorage> {
        on!(self, d: B => {
            let idx = indices(idx, d)?;
            d.gather(get(src, d)?, layout, dtype, axis, &idx).map(B::wrap)
        })
    }

    fn scatter(
        &self,
        dst: &mut DynStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        idx: &[IndexArray<'_, DynStorage>],
        values: &DynStorage,
        values_layout: &Layout,
    ) -> Result<()> {
        on!(self, d: B => {
            let idx = indices(idx, d)?;
            d.scatter(get_mut(dst, d)?, layout, dtype, axis, &idx, get(values, d)?, values_layout)
        })
    }

    fn nonzero(
        &self,
        src: &DynStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<(DynStorage, usize)> {
        on!(self, d: B => d.nonzero(get(src, d)?, layout, dtype).map(|(s, n)| (B::wrap(s), n)))
    }
}

impl ElementwiseOps for Dyn {
    fn unary(
        &self,
        op: UnaryOp,
        x: &DynStorage,
        x_layout: &Layout,
        dtype: DType,
        out: &mut DynStorage,
        out_layout: &Layout,
        out_dtype: DType,
    ) -> Result<()> {
        on!(self, d: B => d.unary(op, get(x, d)?, x_layout, dtype, get_mut(out, d)?, out_layout, out_dtype))
    }

    fn binary(
        &self,
        op: BinaryOp,
        a: &DynStorage,
        a_layout: &Layout,
        b: &DynStorage,
        b_layout: &Layout,
        dtype: DType,
        out: &mut DynStorage,
        out_layout: &Layout,
        out_dtype: DType,
    ) -> Result<()> {
        on!(self, d: B => d.binary(
            op,
            get(a, d)?,
            a_layout,
            get(b, d)?,
            b_layout,
            dtype,
            get_mut(out, d)?,
            out_layout,
            out_dtype,
        ))
    }

    fn binary_assign(
        &self,
        op: BinaryOp,
        a: &mut DynStorage,
        a_layout: &Layout,
        b: &DynStorage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<()> {
        on!(self, d: B => d.binary_assign(op, get_mut(a, d)?, a_layout, get(b, d)?, b_layout, dtype))
    }

    fn clip(
        &self,
        x: &DynStorage,
        x_layout: &Layout,
        lo: Option<(&DynStorage, &Layout)>,
        hi: Option<(&DynStorage, &Layout)>,
        dtype: DType,
        out: &mut DynStorage,
        out_layout: &Layout,
    ) -> Result<()> {
        on!(self, d: B => d.clip(
            get(x, d)?,
            x_layout,
            bound(lo, d)?,
            bound(hi, d)?,
            dtype,
            get_mut(out, d)?,
            out_layout,
        ))
    }

    fn select(
        &self,
        cond: &DynStorage,
        cond_layout: &Layout,
        a: &DynStorage,
        a_layout: &Layout,
        b: &DynStorage,
        b_layout: &Layout,
        dtype: DType,
        out: &mut DynStorage,
        out_layout: &Layout,
    ) -> Result<()> {
        on!(self, d: B => d.select(
            get(cond, d)?,
            cond_layout,
            get(a, d)?,
            a_layout,
            get(b, d)?,
            b_layout,
            dtype,
            get_mut(out, d)?,
            out_layout,
        ))
    }
}

impl ReduceOps for Dyn {
    fn reduce(
        &self,
        op: ReduceOp,
        x: &DynStorage,
        layout: &Layout,
        dtype: DType,
        axes: &[usize],
    ) -> Result<DynStorage> {
        on!(self, d: B => d.reduce(op, get(x, d)?, layout, dtype, axes).map(B::wrap))
    }

    fn arg_reduce(
        &self,
        op: ArgReduceOp,
        x: &DynStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<DynStorage> {
        on!(self, d: B => d.arg_reduce(op, get(x, d)?, layout, dtype, axis).map(B::wrap))
    }

    fn scan(
        &self,
        op: ScanOp,
        x: &DynStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<DynStorage> {
        on!(self, d: B => d.scan(op, get(x, d)?, layout, dtype, axis).map(B::wrap))
    }
}

impl SortOps for Dyn {
    fn sort(
        &self,
        x: &DynStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<DynStorage> {
        on!(self, d: B => d.sort(get(x, d)?, layout, dtype, axis).map(B::wrap))
    }

    fn argsort(
        &self,
        x: &DynStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<DynStorage> {
        on!(self, d: B => d.argsort(get(x, d)?, layout, dtype, axis).map(B::wrap))
    }

    fn partition(
        &self,
        x: &DynStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        kth: &[usize],
    ) -> Result<DynStorage> {
        on!(self, d: B => d.partition(get(x, d)?, layout, dtype, axis, kth).map(B::wrap))
    }

    fn searchsorted(
        &self,
        sorted: &DynStorage,
        sorted_layout: &Layout,
        values: &DynStorage,
        values_layout: &Layout,
        dtype: DType,
        right: bool,
    ) -> Result<DynStorage> {
        on!(self, d: B => d
            .searchsorted(get(sorted, d)?, sorted_layout, get(values, d)?, values_layout, dtype, right)
            .map(B::wrap))
    }
}

impl ScatterOps for Dyn {
    fn scatter_add(
        &self,
        indices: &DynStorage,
        index_layout: &Layout,
        index_dtype: DType,
        weights: Option<(&DynStorage, &Layout)>,
        dtype: DType,
        length: usize,
    ) -> Result<DynStorage> {
        on!(self, d: B => d
            .scatter_add(get(indices, d)?, index_layout, index_dtype, bound(weights, d)?, dtype, length)
            .map(B::wrap))
    }
}

impl LinalgOps for Dyn {
    fn matmul(
        &self,
        a: &DynStorage,
        a_layout: &Layout,
        b: &DynStorage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<DynStorage> {
        on!(self, d: B => d.matmul(get(a, d)?, a_layout, get(b, d)?, b_layout, dtype).map(B::wrap))
    }

    fn factor(
        &self,
        op: Factor,
        x: &DynStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<Vec<DynStorage>> {
        on!(self, d: B => d
            .factor(op, get(x, d)?, layout, dtype)
            .map(|v| v.into_iter().map(B::wrap).collect()))
    }

    fn solve(
        &self,
        a: &DynStorage,
        a_layout: &Layout,
        b: &DynStorage,
        b_layout: &Layout,
        dtype: DType,
    ) -> Result<DynStorage> {
        on!(self, d: B => d.solve(get(a, d)?, a_layout, get(b, d)?, b_layout, dtype).map(B::wrap))
    }

    fn reduce_last(
        &self,
        op: VectorReduction,
        x: &DynStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<DynStorage> {
        on!(self, d: B => d.reduce_last(op, get(x, d)?, layout, dtype).map(B::wrap))
    }
}

/// Fourier transforms run on the CPU backend; a WebGPU device gives
/// `Err(UnsupportedOp)` until the WebGPU backend implements [`FftOps`].
impl FftOps for Dyn {
    fn fft(
        &self,
        spec: FftSpec,
        x: &DynStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<DynStorage> {
        match self {
            Dyn::Cpu(d) => d.fft(spec, get(x, d)?, layout, dtype).map(DynStorage::Cpu),
            #[cfg(feature = "wgpu")]
            Dyn::Wgpu(_) => Err(Error::UnsupportedOp {
                op: "fft",
                backend: self.to_string(),
            }),
        }
    }

    fn fft_in_place(
        &self,
        spec: FftSpec,
        x: &mut DynStorage,
        shape: &[usize],
        dtype: DType,
    ) -> Result<()> {
        match self {
            Dyn::Cpu(d) => d.fft_in_place(spec, get_mut(x, d)?, shape, dtype),
            #[cfg(feature = "wgpu")]
            Dyn::Wgpu(_) => Err(Error::UnsupportedOp {
                op: "fft",
                backend: self.to_string(),
            }),
        }
    }
}
