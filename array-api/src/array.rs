//! [`Array`]: a cheap-to-clone handle to device storage with a layout and a dtype.

use crate::backend::Backend;
use crate::shape::checked_size;
use crate::{DType, Element, Error, HostData, Layout, Result};

/// An n-dimensional array on backend `B`.
///
/// Cloning is cheap (the storage is reference counted). Arrays have value semantics:
/// writes ([`set`](Array::set), in-place ops) never show through other arrays that share
/// the storage: a shared storage is copied first.
#[derive(Clone, Debug)]
pub struct Array<B: Backend> {
    pub(crate) storage: B::Storage,
    pub(crate) layout: Layout,
    pub(crate) dtype: DType,
    pub(crate) backend: B,
}

impl<B: Backend> Array<B> {
    /// Assembles an array from its parts (for backends and extensions). The layout must only
    /// reach elements inside `storage`.
    pub fn from_parts(storage: B::Storage, layout: Layout, dtype: DType, backend: B) -> Array<B> {
        Array {
            storage,
            layout,
            dtype,
            backend,
        }
    }

    /// A new contiguous array from a storage of `shape`'s size.
    pub(crate) fn contiguous_from(
        storage: B::Storage,
        shape: &[usize],
        dtype: DType,
        backend: &B,
    ) -> Array<B> {
        Array::from_parts(storage, Layout::contiguous(shape), dtype, backend.clone())
    }

    /// The storage handle.
    pub fn storage(&self) -> &B::Storage {
        &self.storage
    }
    /// The layout (shape, strides, offset).
    pub fn layout(&self) -> &Layout {
        &self.layout
    }
    /// The data type.
    pub fn dtype(&self) -> DType {
        self.dtype
    }
    /// The device (backend instance) the array lives on.
    pub fn device(&self) -> &B {
        &self.backend
    }
    /// The shape.
    pub fn shape(&self) -> &[usize] {
        self.layout.shape()
    }
    /// Number of dimensions.
    pub fn ndim(&self) -> usize {
        self.layout.ndim()
    }
    /// Number of elements.
    pub fn size(&self) -> usize {
        self.layout.size()
    }

    /// An array of `shape` from a vector of elements in C order.
    ///
    /// ```
    /// use xp::prelude::*;
    /// let a = Array::from_vec(vec![1.0f32, 2.0, 3.0, 4.0], [2, 2], &Cpu)?;
    /// assert_eq!(a.shape(), &[2, 2]);
    /// assert_eq!(a.dtype(), DType::Float32);
    /// # Ok::<(), xp::Error>(())
    /// ```
    #[track_caller]
    pub fn from_vec<T: Element>(
        data: Vec<T>,
        shape: impl AsRef<[usize]>,
        device: &B,
    ) -> Result<Array<B>> {
        Array::from_host(T::into_host(data), shape, device)
    }

    /// An array of `shape` from a slice of elements in C order.
    #[track_caller]
    pub fn from_slice<T: Element>(
        data: &[T],
        shape: impl AsRef<[usize]>,
        device: &B,
    ) -> Result<Array<B>> {
        Array::from_vec(data.to_vec(), shape, device)
    }

    /// An array of `shape` from host data in C order.
    pub fn from_host(data: HostData, shape: impl AsRef<[usize]>, device: &B) -> Result<Array<B>> {
        let shape = shape.as_ref();
        let n = checked_size(shape, "from_vec")?;
        if n != data.len() {
            return Err(Error::invalid(
                "from_vec",
                format!(
                    "{} elements cannot fill shape {}",
                    data.len(),
                    crate::shape::fmt_shape(shape)
                ),
            ));
        }
        let dtype = data.dtype();
        check_dtype(device, dtype, "from_vec")?;
        let storage = device.from_host(data)?;
        Ok(Array::contiguous_from(storage, shape, dtype, device))
    }

    /// The elements in C order as host data.
    pub fn to_host(&self) -> Result<HostData> {
        self.backend
            .to_host(&self.storage, &self.layout, self.dtype)
    }

    /// The elements in C order as a `Vec<T>`; `T` must be the element type of the dtype
    /// (use [`astype`](crate::astype) first to convert).
    ///
    /// ```
    /// use xp::prelude::*;
    /// let a = xp::arange(0, 6, 1, None, &Cpu)?;
    /// assert_eq!(a.to_vec::<i64>()?, vec![0, 1, 2, 3, 4, 5]);
    /// assert!(a.to_vec::<f64>().is_err());
    /// # Ok::<(), xp::Error>(())
    /// ```
    pub fn to_vec<T: Element>(&self) -> Result<Vec<T>> {
        if T::DTYPE != self.dtype {
            return Err(Error::InvalidDType {
                op: "to_vec",
                dtype: self.dtype,
                expected: T::DTYPE.name(),
            });
        }
        let h = self.to_host()?;
        T::from_host(h).ok_or_else(|| Error::Backend {
            backend: self.backend.device_name(),
            reason: "to_host returned data of the wrong dtype".into(),
        })
    }

    /// The single element of a size-1 array, converted to `T` with the casting rules of
    /// [`Element::from_scalar`] (NumPy's `float(x)`, `int(x)`, `bool(x)`).
    ///
    /// ```
    /// use xp::prelude::*;
    /// let a = xp::full([1, 1], 2.5, None, &Cpu)?;
    /// assert_eq!(a.to_scalar::<f64>()?, 2.5);
    /// # Ok::<(), xp::Error>(())
    /// ```
    pub fn to_scalar<T: Element>(&self) -> Result<T> {
        if self.size() != 1 {
            return Err(Error::invalid(
                "to_scalar",
                format!(
                    "only arrays of one element convert to a scalar; shape is {}",
                    crate::shape::fmt_shape(self.shape())
                ),
            ));
        }
        let h = self.to_host()?;
        let s = h.get(0).ok_or_else(|| Error::Backend {
            backend: self.backend.device_name(),
            reason: "to_host returned no element".into(),
        })?;
        Ok(T::from_scalar(s))
    }

    /// A copy of this array on `device` (same backend type). The standard's `to_device`.
    pub fn to_device(&self, device: &B) -> Result<Array<B>> {
        if device == &self.backend {
            return Ok(self.clone());
        }
        self.to_backend(device)
    }

    /// A copy of this array on a device of another backend (through host memory).
    pub fn to_backend<B2: Backend>(&self, device: &B2) -> Result<Array<B2>> {
        check_dtype(device, self.dtype, "to_device")?;
        let h = self.to_host()?;
        let storage = device.from_host(h)?;
        Ok(Array::contiguous_from(
            storage,
            self.shape(),
            self.dtype,
            device,
        ))
    }

    /// A view with `layout` over the same storage (internal: the caller guarantees bounds).
    pub(crate) fn with_layout(&self, layout: Layout) -> Array<B> {
        Array {
            storage: self.storage.clone(),
            layout,
            dtype: self.dtype,
            backend: self.backend.clone(),
        }
    }

    /// A C-contiguous array with the same elements: `self` when it already is, else one copy.
    pub fn to_contiguous(&self) -> Result<Array<B>> {
        if self.layout.is_contiguous() {
            return Ok(self.clone());
        }
        let s = self
            .backend
            .contiguous(&self.storage, &self.layout, self.dtype)?;
        Ok(Array::contiguous_from(
            s,
            self.shape(),
            self.dtype,
            &self.backend,
        ))
    }

    /// Makes the storage safe to write through this array's layout: materialises broadcast
    /// views (the backend handles copy-on-write of shared storage).
    pub(crate) fn make_writable(&mut self) -> Result<()> {
        if !self.layout.is_writable() {
            *self = self.copy()?;
        }
        Ok(())
    }

    /// A new contiguous copy that shares nothing with `self`.
    pub fn copy(&self) -> Result<Array<B>> {
        let s = self
            .backend
            .contiguous(&self.storage, &self.layout, self.dtype)?;
        Ok(Array::contiguous_from(
            s,
            self.shape(),
            self.dtype,
            &self.backend,
        ))
    }
}

/// `Err(UnsupportedDType)` when `device` does not support `dtype`.
pub(crate) fn check_dtype<B: Backend>(device: &B, dtype: DType, op: &'static str) -> Result<()> {
    if device.supports(dtype) {
        Ok(())
    } else {
        Err(Error::UnsupportedDType {
            op,
            dtype,
            backend: device.device_name(),
        })
    }
}

/// `Err(DeviceMismatch)` when two arrays are on different devices.
pub(crate) fn same_device<B: Backend>(a: &Array<B>, b: &Array<B>, op: &'static str) -> Result<()> {
    if a.backend == b.backend {
        Ok(())
    } else {
        Err(Error::DeviceMismatch {
            op,
            a: a.backend.device_name(),
            b: b.backend.device_name(),
        })
    }
}
