//! xp's CPU backend.
//!
//! [`Cpu`] is the device (a unit struct) and implements the kernel traits of
//! [`array_api::backend`]; its storage is [`CpuStorage`], a reference-counted typed host
//! buffer with copy-on-write.
//!
//! The modules, one concept each:
//! - [`alloc`]: output buffers (zeroed lazily, huge pages for large ones);
//! - [`storage`]: [`CpuStorage`] and the input checks every kernel runs;
//! - [`strided`]: the strided-iteration engine ([`Plan`], [`par_runs_into`] and the run
//!   primitives) that copies, casts and (later) elementwise ops and reductions share;
//! - [`copy`]: view → contiguous, view → strided view, `to_host`;
//! - [`cast`]: the [`CastTo`] element conversions and the `cast` kernel;
//! - [`creation`]: `full`, `arange`, `linspace`;
//! - [`tri`]: `tril` / `triu`;
//! - [`indexing`]: `gather`, `scatter`, `nonzero`;
//! - [`reduce`]: reductions (pairwise sums), arg-reductions and scans (`ReduceOps`);
//! - [`sort`]: stable sort, argsort and binary search (`SortOps`);
//! - [`elementwise`]: the elementwise kernels (`ElementwiseOps`): SIMD slice loops,
//!   vectorised transcendental functions, strided and broadcast operands, threads.
//! - `pool`: entering rayon's pool with the other workers kept awake (spinning up to 5 ms
//!   after a kernel instead of sleeping; `XP_SPIN_MS`), for the linear algebra kernels
//!   and the parallel elementwise, copy and reduction loops.

#![warn(missing_docs)]

/// `$f::<T>(args…)` for the element type `T` of a real `$dtype` (bool, integer or float);
/// any other dtype is `unsupported($op)`.
macro_rules! real_dispatch {
    ($dtype:expr, $op:expr, $f:ident, ($($arg:expr),*)) => {
        match $dtype {
            array_api::DType::Bool => $f::<bool>($($arg),*),
            array_api::DType::Int8 => $f::<i8>($($arg),*),
            array_api::DType::Int16 => $f::<i16>($($arg),*),
            array_api::DType::Int32 => $f::<i32>($($arg),*),
            array_api::DType::Int64 => $f::<i64>($($arg),*),
            array_api::DType::UInt8 => $f::<u8>($($arg),*),
            array_api::DType::UInt16 => $f::<u16>($($arg),*),
            array_api::DType::UInt32 => $f::<u32>($($arg),*),
            array_api::DType::UInt64 => $f::<u64>($($arg),*),
            array_api::DType::Float32 => $f::<f32>($($arg),*),
            array_api::DType::Float64 => $f::<f64>($($arg),*),
            d => Err($crate::storage::unsupported($op, d)),
        }
    };
}

pub mod alloc;
pub mod cast;
pub mod copy;
pub mod creation;
pub mod elementwise;
pub mod fft;
pub mod indexing;
pub mod linalg;
mod pool;
pub mod reduce;
pub mod scatter;
pub mod sort;
pub mod storage;
pub mod strided;
pub mod tri;

pub use cast::CastTo;
pub use storage::CpuStorage;
pub use strided::{par_runs_into, Plan};

use array_api::{
    ArgReduceOp, BackendCore, BackendInfo, CopyOps, CreationOps, DType, HostData, IndexArray,
    IndexingOps, Layout, ReduceOp, ReduceOps, Result, Scalar, ScanOp, SortOps,
};

/// The CPU device: kernels on the host, with large arrays split over rayon's threads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Cpu;

impl BackendCore for Cpu {
    type Storage = CpuStorage;

    fn info(&self) -> BackendInfo {
        BackendInfo {
            backend: "cpu",
            device: "cpu".into(),
            dtypes: DType::ALL.to_vec(),
            data_dependent_shapes: true,
            boolean_indexing: true,
            max_dimensions: None,
        }
    }

    fn device_name(&self) -> String {
        "cpu".into()
    }

    fn supports(&self, dtype: DType) -> bool {
        dtype != DType::String
    }

    fn from_host(&self, data: HostData) -> Result<CpuStorage> {
        Ok(CpuStorage::new(data))
    }

    fn to_host(&self, storage: &CpuStorage, layout: &Layout, dtype: DType) -> Result<HostData> {
        copy::to_host(storage, layout, dtype)
    }
}

impl CreationOps for Cpu {
    fn full(&self, len: usize, value: Scalar, dtype: DType) -> Result<CpuStorage> {
        creation::full(len, value, dtype)
    }

    fn output(&self, len: usize, dtype: DType) -> Result<CpuStorage> {
        creation::output(len, dtype)
    }

    fn arange(&self, len: usize, start: Scalar, step: Scalar, dtype: DType) -> Result<CpuStorage> {
        creation::arange(len, start, step, dtype)
    }

    fn linspace(
        &self,
        len: usize,
        start: Scalar,
        stop: Scalar,
        endpoint: bool,
        dtype: DType,
    ) -> Result<CpuStorage> {
        creation::linspace(len, start, stop, endpoint, dtype)
    }
}

impl CopyOps for Cpu {
    fn copy_into(
        &self,
        src: &CpuStorage,
        src_layout: &Layout,
        dst: &mut CpuStorage,
        dst_layout: &Layout,
        dtype: DType,
    ) -> Result<()> {
        copy::copy_into(src, src_layout, dst, dst_layout, dtype)
    }

    fn contiguous(&self, src: &CpuStorage, layout: &Layout, dtype: DType) -> Result<CpuStorage> {
        copy::contiguous(src, layout, dtype)
    }

    fn cast(
        &self,
        src: &CpuStorage,
        layout: &Layout,
        from: DType,
        to: DType,
    ) -> Result<CpuStorage> {
        cast::cast(src, layout, from, to)
    }

    fn tri(
        &self,
        src: &CpuStorage,
        layout: &Layout,
        dtype: DType,
        k: i64,
        upper: bool,
    ) -> Result<CpuStorage> {
        tri::tri(src, layout, dtype, k, upper)
    }
}

impl IndexingOps for Cpu {
    fn gather(
        &self,
        src: &CpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        indices: &[IndexArray<'_, CpuStorage>],
    ) -> Result<CpuStorage> {
        indexing::gather(src, layout, dtype, axis, indices)
    }

    fn scatter(
        &self,
        dst: &mut CpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        indices: &[IndexArray<'_, CpuStorage>],
        values: &CpuStorage,
        values_layout: &Layout,
    ) -> Result<()> {
        indexing::scatter(dst, layout, dtype, axis, indices, values, values_layout)
    }

    fn nonzero(
        &self,
        src: &CpuStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<(CpuStorage, usize)> {
        indexing::nonzero(src, layout, dtype)
    }
}

impl ReduceOps for Cpu {
    fn reduce(
        &self,
        op: ReduceOp,
        x: &CpuStorage,
        layout: &Layout,
        dtype: DType,
        axes: &[usize],
    ) -> Result<CpuStorage> {
        reduce::reduce(op, x, layout, dtype, axes)
    }

    fn arg_reduce(
        &self,
        op: ArgReduceOp,
        x: &CpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<CpuStorage> {
        reduce::arg_reduce(op, x, layout, dtype, axis)
    }

    fn scan(
        &self,
        op: ScanOp,
        x: &CpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<CpuStorage> {
        reduce::scan(op, x, layout, dtype, axis)
    }
}

impl SortOps for Cpu {
    fn sort(
        &self,
        x: &CpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<CpuStorage> {
        sort::sort(x, layout, dtype, axis)
    }

    fn argsort(
        &self,
        x: &CpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<CpuStorage> {
        sort::argsort(x, layout, dtype, axis)
    }

    fn partition(
        &self,
        x: &CpuStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        kth: &[usize],
    ) -> Result<CpuStorage> {
        sort::partition(x, layout, dtype, axis, kth)
    }

    fn searchsorted(
        &self,
        sorted: &CpuStorage,
        sorted_layout: &Layout,
        values: &CpuStorage,
        values_layout: &Layout,
        dtype: DType,
        right: bool,
    ) -> Result<CpuStorage> {
        sort::searchsorted(sorted, sorted_layout, values, values_layout, dtype, right)
    }
}
