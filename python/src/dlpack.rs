//! DLPack export: `Array.__dlpack__` and `Array.__dlpack_device__`.
//!
//! xp's storages are owned by their backend (and on WebGPU not host-addressable), so the
//! export is always a contiguous host copy that the capsule owns; the versioned tensor
//! (DLPack >= 1.0, asked for with `max_version`) carries the `IS_COPIED` flag. Consumers
//! such as `numpy.from_dlpack` therefore work on every device when they ask for the CPU
//! (`dl_device=(1, 0)`, which NumPy does), and `copy=False` is a `BufferError`.

use crate::errors::IntoPy;
use pyo3::exceptions::{PyBufferError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use std::ffi::{c_void, CStr};
use xp::{Array, DType, Dyn};

/// `kDLCPU`.
const DL_CPU: i32 = 1;
/// `kDLWebGPU`.
const DL_WEBGPU: i32 = 15;
/// `DLPACK_FLAG_BITMASK_IS_COPIED`.
const FLAG_IS_COPIED: u64 = 1 << 1;

#[repr(C)]
#[derive(Clone, Copy)]
struct DLDevice {
    device_type: i32,
    device_id: i32,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct DLDataType {
    code: u8,
    bits: u8,
    lanes: u16,
}

#[repr(C)]
struct DLTensor {
    data: *mut c_void,
    device: DLDevice,
    ndim: i32,
    dtype: DLDataType,
    shape: *mut i64,
    strides: *mut i64,
    byte_offset: u64,
}

/// `DLManagedTensor` (DLPack < 1.0, capsule name `dltensor`).
#[repr(C)]
struct DLManagedTensor {
    dl_tensor: DLTensor,
    manager_ctx: *mut c_void,
    deleter: Option<unsafe extern "C" fn(*mut DLManagedTensor)>,
}

#[repr(C)]
struct DLPackVersion {
    major: u32,
    minor: u32,
}

/// `DLManagedTensorVersioned` (DLPack >= 1.0, capsule name `dltensor_versioned`).
#[repr(C)]
struct DLManagedTensorVersioned {
    version: DLPackVersion,
    manager_ctx: *mut c_void,
    deleter: Option<unsafe extern "C" fn(*mut DLManagedTensorVersioned)>,
    flags: u64,
    dl_tensor: DLTensor,
}

/// What a capsule owns: the data (8-byte aligned) and the shape and strides arrays the
/// `DLTensor` points into.
struct Holder {
    data: Vec<u64>,
    shape: Vec<i64>,
    strides: Vec<i64>,
}

const NAME: &CStr = c"dltensor";
const NAME_VERSIONED: &CStr = c"dltensor_versioned";

fn dl_dtype(d: DType) -> PyResult<DLDataType> {
    let (code, bits) = match d {
        DType::Bool => (6, 8),
        DType::Int8 => (0, 8),
        DType::Int16 => (0, 16),
        DType::Int32 => (0, 32),
        DType::Int64 => (0, 64),
        DType::UInt8 => (1, 8),
        DType::UInt16 => (1, 16),
        DType::UInt32 => (1, 32),
        DType::UInt64 => (1, 64),
        DType::Float32 => (2, 32),
        DType::Float64 => (2, 64),
        DType::Complex64 => (5, 64),
        DType::Complex128 => (5, 128),
        other => {
            return Err(PyBufferError::new_err(format!(
                "__dlpack__: DLPack has no type for {other}"
            )))
        }
    };
    Ok(DLDataType {
        code,
        bits,
        lanes: 1,
    })
}

/// The DLPack device of an xp device.
fn dl_device_of(d: &Dyn) -> DLDevice {
    match d {
        Dyn::Cpu(_) => DLDevice {
            device_type: DL_CPU,
            device_id: 0,
        },
        #[allow(unreachable_patterns)]
        other => {
            let s = other.to_string();
            let id = s
                .rsplit_once(':')
                .and_then(|(_, n)| n.parse().ok())
                .unwrap_or(0);
            DLDevice {
                device_type: DL_WEBGPU,
                device_id: id,
            }
        }
    }
}

/// A contiguous host copy of `a` in a [`Holder`], with the `DLTensor` describing it.
fn export(a: &Array<Dyn>) -> PyResult<(Box<Holder>, DLTensor)> {
    let dtype = dl_dtype(a.dtype())?;
    let h = a.to_host().py()?;
    let (bytes, _) = crate::convert::encode(&h)?;
    let mut data = vec![0u64; bytes.len().div_ceil(8).max(1)];
    // SAFETY: `data` holds at least `bytes.len()` bytes; u64 has no invalid bit patterns.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), data.as_mut_ptr().cast::<u8>(), bytes.len())
    };
    let shape: Vec<i64> = a.shape().iter().map(|&n| n as i64).collect();
    let mut strides = vec![1i64; shape.len()];
    for i in (0..shape.len().saturating_sub(1)).rev() {
        strides[i] = strides[i + 1] * shape[i + 1].max(1);
    }
    let mut holder = Box::new(Holder {
        data,
        shape,
        strides,
    });
    let t = DLTensor {
        data: holder.data.as_mut_ptr().cast(),
        device: DLDevice {
            device_type: DL_CPU,
            device_id: 0,
        },
        ndim: holder.shape.len() as i32,
        dtype,
        shape: holder.shape.as_mut_ptr(),
        strides: holder.strides.as_mut_ptr(),
        byte_offset: 0,
    };
    Ok((holder, t))
}

unsafe extern "C" fn delete_unversioned(m: *mut DLManagedTensor) {
    if m.is_null() {
        return;
    }
    // SAFETY: `m` was made by `Box::into_raw` in `capsule`, its context by
    // `Box::into_raw` of a `Holder`; the consumer calls the deleter once.
    unsafe {
        let m = Box::from_raw(m);
        drop(Box::from_raw(m.manager_ctx.cast::<Holder>()));
    }
}

unsafe extern "C" fn delete_versioned(m: *mut DLManagedTensorVersioned) {
    if m.is_null() {
        return;
    }
    // SAFETY: as in `delete_unversioned`.
    unsafe {
        let m = Box::from_raw(m);
        drop(Box::from_raw(m.manager_ctx.cast::<Holder>()));
    }
}

/// The capsule destructor: frees the tensor unless a consumer took it (and renamed the
/// capsule to `used_dltensor[_versioned]`).
unsafe extern "C" fn destruct(cap: *mut ffi::PyObject) {
    // SAFETY: `cap` is a live capsule (Python calls this while destroying it);
    // `PyCapsule_IsValid` neither fails nor sets an exception, and a valid capsule of one
    // of our names holds the pointer we stored.
    unsafe {
        if ffi::PyCapsule_IsValid(cap, NAME.as_ptr()) == 1 {
            let p = ffi::PyCapsule_GetPointer(cap, NAME.as_ptr()).cast::<DLManagedTensor>();
            delete_unversioned(p);
        } else if ffi::PyCapsule_IsValid(cap, NAME_VERSIONED.as_ptr()) == 1 {
            let p = ffi::PyCapsule_GetPointer(cap, NAME_VERSIONED.as_ptr())
                .cast::<DLManagedTensorVersioned>();
            delete_versioned(p);
        }
    }
}

/// `__dlpack__(*, stream=None, max_version=None, dl_device=None, copy=None)`.
pub fn dlpack<'py>(
    py: Python<'py>,
    a: &Array<Dyn>,
    stream: Option<&Bound<'py, PyAny>>,
    max_version: Option<(u32, u32)>,
    dl_device: Option<(i32, i32)>,
    copy: Option<bool>,
) -> PyResult<Bound<'py, PyAny>> {
    if stream.is_some_and(|s| !s.is_none()) {
        return Err(PyValueError::new_err(
            "__dlpack__: streams are not supported (xp's devices need none)",
        ));
    }
    if copy == Some(false) {
        return Err(PyBufferError::new_err(
            "__dlpack__: xp exports a host copy of its data; copy=False is impossible",
        ));
    }
    let here = dl_device_of(a.device());
    match dl_device {
        Some((DL_CPU, 0)) => {}
        Some((t, i)) => {
            return Err(PyBufferError::new_err(format!(
                "__dlpack__: cannot export to DLPack device ({t}, {i}); only the CPU (1, 0)"
            )))
        }
        None if here.device_type != DL_CPU => {
            return Err(PyBufferError::new_err(format!(
                "__dlpack__: the array is on {}; ask for dl_device=(1, 0) or move it with \
                 to_device('cpu')",
                a.device()
            )))
        }
        None => {}
    }
    let (holder, tensor) = export(a)?;
    let ctx = Box::into_raw(holder).cast::<c_void>();
    let versioned = max_version.is_some_and(|(major, _)| major >= 1);
    let (ptr, name) = if versioned {
        let m = Box::new(DLManagedTensorVersioned {
            version: DLPackVersion { major: 1, minor: 0 },
            manager_ctx: ctx,
            deleter: Some(delete_versioned),
            flags: FLAG_IS_COPIED,
            dl_tensor: tensor,
        });
        (Box::into_raw(m).cast::<c_void>(), NAME_VERSIONED)
    } else {
        let m = Box::new(DLManagedTensor {
            dl_tensor: tensor,
            manager_ctx: ctx,
            deleter: Some(delete_unversioned),
        });
        (Box::into_raw(m).cast::<c_void>(), NAME)
    };
    // SAFETY: `ptr` is a live heap tensor of the kind `name` says; the capsule's
    // destructor frees it unless a consumer renamed the capsule (taking ownership).
    unsafe {
        let cap = ffi::PyCapsule_New(ptr, name.as_ptr(), Some(destruct));
        if cap.is_null() {
            if versioned {
                delete_versioned(ptr.cast());
            } else {
                delete_unversioned(ptr.cast());
            }
            return Err(PyErr::fetch(py));
        }
        Ok(Bound::from_owned_ptr(py, cap))
    }
}

/// `__dlpack_device__()`: `(1, 0)` for the CPU, `(15, N)` (`kDLWebGPU`) for `wgpu:N`.
pub fn dlpack_device(a: &Array<Dyn>) -> (i32, i32) {
    let d = dl_device_of(a.device());
    (d.device_type, d.device_id)
}
