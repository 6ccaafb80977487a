//! [`CpuStorage`]: a reference-counted, typed host buffer, and the checks every kernel runs
//! on its inputs (dtype agreement, layout bounds).

use array_api::{DType, Element, Error, HostData, Layout, Result};
use std::sync::Arc;

/// The CPU backend's storage: a reference-counted [`HostData`] vector.
///
/// Cloning is cheap (a reference-count increment). Writes go through
/// [`host_mut`](Self::host_mut) / [`slice_mut`](Self::slice_mut), which copy the buffer
/// first when it is shared (copy-on-write), so a write is never visible through another
/// handle.
#[derive(Clone, Debug)]
pub struct CpuStorage(Arc<HostData>);

impl CpuStorage {
    /// Wraps host data (no copy).
    pub fn new(data: HostData) -> CpuStorage {
        CpuStorage(Arc::new(data))
    }

    /// Wraps a vector of elements (no copy).
    pub fn from_vec<T: Element>(v: Vec<T>) -> CpuStorage {
        CpuStorage::new(T::into_host(v))
    }

    /// The elements as host data.
    pub fn as_host(&self) -> &HostData {
        &self.0
    }

    /// The elements as a slice of `T`, when `T` is exactly the storage's element type.
    pub fn slice<T: Element>(&self) -> Option<&[T]> {
        T::slice(&self.0)
    }

    /// Mutable access to the elements; copies them first when the storage is shared.
    pub fn host_mut(&mut self) -> &mut HostData {
        Arc::make_mut(&mut self.0)
    }

    /// The elements as a mutable slice of `T` (copy-on-write, see
    /// [`host_mut`](Self::host_mut)), when `T` is the storage's element type. A storage
    /// of another type is left untouched (not copied).
    pub fn slice_mut<T: Element>(&mut self) -> Option<&mut [T]> {
        if self.0.dtype() != T::DTYPE {
            return None;
        }
        T::slice_mut(self.host_mut())
    }

    /// The host data, without a copy when this is the only handle.
    pub fn into_host(self) -> HostData {
        Arc::try_unwrap(self.0).unwrap_or_else(|shared| (*shared).clone())
    }

    /// The element dtype.
    pub fn dtype(&self) -> DType {
        self.0.dtype()
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `true` when the storage holds no elements.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `true` when another handle shares this buffer (a write would copy it first).
    pub fn is_shared(&self) -> bool {
        Arc::strong_count(&self.0) > 1
    }

    /// `true` when both handles share one buffer.
    pub fn ptr_eq(&self, other: &CpuStorage) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// The elements as `&[T]`, or an error naming `op` when the storage holds another
    /// dtype.
    pub fn typed<T: Element>(&self, op: &'static str) -> Result<&[T]> {
        T::slice(&self.0).ok_or_else(|| dtype_mismatch(op, self.dtype(), T::DTYPE))
    }

    /// The elements as `&mut [T]` (copy-on-write), or an error naming `op` when the
    /// storage holds another dtype.
    pub fn typed_mut<T: Element>(&mut self, op: &'static str) -> Result<&mut [T]> {
        let actual = self.dtype();
        self.slice_mut::<T>()
            .ok_or_else(|| dtype_mismatch(op, actual, T::DTYPE))
    }
}

impl From<HostData> for CpuStorage {
    fn from(data: HostData) -> Self {
        CpuStorage::new(data)
    }
}

/// The error for `DType::String` (or any dtype the CPU backend lacks).
pub fn unsupported(op: &'static str, dtype: DType) -> Error {
    Error::UnsupportedDType {
        op,
        dtype,
        backend: "cpu".into(),
    }
}

/// The error for a storage whose dtype is not the one the caller declared.
pub fn dtype_mismatch(op: &'static str, actual: DType, declared: DType) -> Error {
    Error::Backend {
        backend: "cpu".into(),
        reason: format!("{op}: the storage holds {actual} elements but dtype {declared} was given"),
    }
}

/// Checks that every element the view `layout` can reach lies inside a storage of `len`
/// elements. Kernels call it once per operand, so that strided loops cannot index out of
/// bounds on a malformed layout.
pub fn check_layout(layout: &Layout, len: usize, op: &'static str) -> Result<()> {
    if layout.shape().len() != layout.strides().len() {
        return Err(bad_layout(op, layout, len));
    }
    if layout.shape().contains(&0) {
        return Ok(());
    }
    let mut lo = layout.offset() as i128;
    let mut hi = lo;
    for (&d, &s) in layout.shape().iter().zip(layout.strides()) {
        let span = (d as i128 - 1) * s as i128;
        if span < 0 {
            lo += span;
        } else {
            hi += span;
        }
    }
    if lo < 0 || hi >= len as i128 {
        return Err(bad_layout(op, layout, len));
    }
    Ok(())
}

fn bad_layout(op: &'static str, layout: &Layout, len: usize) -> Error {
    Error::Backend {
        backend: "cpu".into(),
        reason: format!(
            "{op}: layout (shape {:?}, strides {:?}, offset {}) reaches outside its storage of {len} elements",
            layout.shape(),
            layout.strides(),
            layout.offset()
        ),
    }
}

/// Checks that `layout` has `shape`.
pub fn check_shape(layout: &Layout, shape: &[usize], op: &'static str) -> Result<()> {
    if layout.shape() != shape {
        return Err(Error::ShapeMismatch {
            op,
            shapes: vec![layout.shape().to_vec(), shape.to_vec()],
            reason: "differ where the kernel needs equal shapes".into(),
        });
    }
    Ok(())
}
