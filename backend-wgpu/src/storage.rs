//! [`WgpuStorage`]: a reference-counted device buffer of one dtype, the conversions between
//! host data and buffer bytes, and the checks every kernel runs on its inputs.

use crate::wgsl::packed_bits;
use crate::{backend_error, Wgpu};
use array_api::{Complex32, Complex64, DType, Error, HostData, Layout, Result};
use std::sync::Arc;

/// The WebGPU backend's storage: a reference-counted `wgpu::Buffer` holding `len` elements
/// of `dtype` (layout per dtype in the `wgsl` module: narrow dtypes and bool packed in
/// 32-bit words, complex as interleaved pairs).
///
/// Cloning is cheap (a reference-count increment). Kernels that write a storage
/// (`&mut WgpuStorage`) first replace a shared buffer by a private copy made on the device
/// (copy-on-write), so writes are never visible through another handle.
#[derive(Clone)]
pub struct WgpuStorage {
    buffer: Arc<wgpu::Buffer>,
    len: usize,
    dtype: DType,
}

impl std::fmt::Debug for WgpuStorage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WgpuStorage")
            .field("dtype", &self.dtype)
            .field("len", &self.len)
            .field("bytes", &self.buffer.size())
            .field("shared", &self.is_shared())
            .finish()
    }
}

/// Bytes that `len` elements of `d` occupy in a buffer (before padding).
pub(crate) fn data_bytes(d: DType, len: usize) -> u64 {
    match packed_bits(d) {
        Some(bits) => (len as u64 * bits as u64).div_ceil(8),
        None => len as u64 * d.itemsize() as u64,
    }
}

impl WgpuStorage {
    pub(crate) fn new(buffer: wgpu::Buffer, len: usize, dtype: DType) -> WgpuStorage {
        WgpuStorage {
            buffer: Arc::new(buffer),
            len,
            dtype,
        }
    }

    /// A zero-filled storage of `len` elements.
    pub(crate) fn zeros(w: &Wgpu, len: usize, dtype: DType) -> Result<WgpuStorage> {
        check_len(len, dtype)?;
        let buffer = w.alloc(data_bytes(dtype, len), "xp storage")?;
        Ok(WgpuStorage::new(buffer, len, dtype))
    }

    /// The device buffer.
    pub fn buffer(&self) -> &wgpu::Buffer {
        &self.buffer
    }

    /// The element dtype.
    pub fn dtype(&self) -> DType {
        self.dtype
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// `true` when the storage holds no elements.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// `true` when another handle shares this buffer (a write would copy it first).
    pub fn is_shared(&self) -> bool {
        Arc::strong_count(&self.buffer) > 1
    }

    /// `true` when both handles share one buffer.
    pub fn ptr_eq(&self, other: &WgpuStorage) -> bool {
        Arc::ptr_eq(&self.buffer, &other.buffer)
    }

    /// Makes this handle the only one on its buffer before a write: a shared buffer is
    /// replaced by a copy made on the device (or, when `keep` is false because the write
    /// overwrites every element, by a fresh zeroed buffer).
    pub(crate) fn make_unique(&mut self, w: &Wgpu, keep: bool) -> Result<()> {
        if Arc::get_mut(&mut self.buffer).is_some() {
            return Ok(());
        }
        let fresh = w.alloc(self.buffer.size(), "xp storage (copy-on-write)")?;
        if keep {
            let mut b = w.batch();
            b.copy(&self.buffer, 0, &fresh, 0, self.buffer.size());
            b.submit();
        }
        self.buffer = Arc::new(fresh);
        Ok(())
    }
}

/// Storages are limited to `i32::MAX` elements (kernels index in 32 bits).
pub(crate) fn check_len(len: usize, dtype: DType) -> Result<()> {
    if len > i32::MAX as usize {
        return Err(backend_error(format!(
            "a storage of {len} {dtype} elements exceeds the WebGPU backend's limit of {} elements",
            i32::MAX
        )));
    }
    Ok(())
}

/// The buffer bytes of host data (little-endian elements, packed, complex interleaved).
pub(crate) fn host_to_bytes(data: &HostData) -> Vec<u8> {
    fn le<T: Copy, const N: usize>(v: &[T], f: fn(T) -> [u8; N]) -> Vec<u8> {
        v.iter().flat_map(|&x| f(x)).collect()
    }
    match data {
        HostData::Bool(v) => v.iter().map(|&b| b as u8).collect(),
        HostData::Int8(v) => v.iter().map(|&x| x as u8).collect(),
        HostData::UInt8(v) => v.clone(),
        HostData::Int16(v) => le(v, i16::to_le_bytes),
        HostData::UInt16(v) => le(v, u16::to_le_bytes),
        HostData::Int32(v) => le(v, i32::to_le_bytes),
        HostData::UInt32(v) => le(v, u32::to_le_bytes),
        HostData::Int64(v) => le(v, i64::to_le_bytes),
        HostData::UInt64(v) => le(v, u64::to_le_bytes),
        HostData::Float32(v) => le(v, f32::to_le_bytes),
        HostData::Float64(v) => le(v, f64::to_le_bytes),
        HostData::Complex64(v) => v
            .iter()
            .flat_map(|z| [z.re.to_le_bytes(), z.im.to_le_bytes()])
            .flatten()
            .collect(),
        HostData::Complex128(v) => v
            .iter()
            .flat_map(|z| [z.re.to_le_bytes(), z.im.to_le_bytes()])
            .flatten()
            .collect(),
    }
}

/// `count` little-endian values of `N` bytes each from the start of `bytes`.
fn from_le<T, const N: usize>(bytes: &[u8], count: usize, f: fn([u8; N]) -> T) -> Vec<T> {
    bytes[..count * N]
        .chunks_exact(N)
        .map(|c| f(c.try_into().expect("chunk of N bytes")))
        .collect()
}

/// Host data of `len` elements of `dtype` from buffer bytes (inverse of [`host_to_bytes`]).
pub(crate) fn bytes_to_host(bytes: &[u8], dtype: DType, len: usize) -> Result<HostData> {
    if (bytes.len() as u64) < data_bytes(dtype, len) {
        return Err(backend_error(format!(
            "read-back of {len} {dtype} elements got only {} bytes",
            bytes.len()
        )));
    }
    Ok(match dtype {
        DType::Bool => HostData::Bool(bytes[..len].iter().map(|&b| b != 0).collect()),
        DType::Int8 => HostData::Int8(bytes[..len].iter().map(|&b| b as i8).collect()),
        DType::UInt8 => HostData::UInt8(bytes[..len].to_vec()),
        DType::Int16 => HostData::Int16(from_le(bytes, len, i16::from_le_bytes)),
        DType::UInt16 => HostData::UInt16(from_le(bytes, len, u16::from_le_bytes)),
        DType::Int32 => HostData::Int32(from_le(bytes, len, i32::from_le_bytes)),
        DType::UInt32 => HostData::UInt32(from_le(bytes, len, u32::from_le_bytes)),
        DType::Int64 => HostData::Int64(from_le(bytes, len, i64::from_le_bytes)),
        DType::UInt64 => HostData::UInt64(from_le(bytes, len, u64::from_le_bytes)),
        DType::Float32 => HostData::Float32(from_le(bytes, len, f32::from_le_bytes)),
        DType::Float64 => HostData::Float64(from_le(bytes, len, f64::from_le_bytes)),
        DType::Complex64 => {
            let f = from_le(bytes, 2 * len, f32::from_le_bytes);
            HostData::Complex64(
                f.chunks_exact(2)
                    .map(|p| Complex32::new(p[0], p[1]))
                    .collect(),
            )
        }
        DType::Complex128 => {
            let f = from_le(bytes, 2 * len, f64::from_le_bytes);
            HostData::Complex128(
                f.chunks_exact(2)
                    .map(|p| Complex64::new(p[0], p[1]))
                    .collect(),
            )
        }
        DType::String => return Err(unsupported("to_host", dtype)),
    })
}

/// The error for a dtype this device does not support.
pub(crate) fn unsupported(op: &'static str, dtype: DType) -> Error {
    Error::UnsupportedDType {
        op,
        dtype,
        backend: "wgpu".into(),
    }
}

impl Wgpu {
    /// Whether kernels may compute in `f64` (the device supports `float64`).
    pub(crate) fn f64_ok(&self) -> bool {
        self.check_dtype("", DType::Float64).is_ok()
    }

    /// `Err(UnsupportedDType)` unless this device supports `dtype`.
    pub(crate) fn check_dtype(&self, op: &'static str, dtype: DType) -> Result<()> {
        let ok = match dtype {
            DType::String => false,
            // the f64 math library manipulates bits through u64
            DType::Float64 | DType::Complex128 => {
                self.has_f64() && self.has_i64() && !no_f64_override()
            }
            DType::Int64 | DType::UInt64 => self.has_i64(),
            _ => true,
        };
        if ok {
            Ok(())
        } else {
            Err(unsupported(op, dtype))
        }
    }

    /// Checks that `s` holds `dtype` (supported here) and that `layout` lies inside it.
    pub(crate) fn check_operand(
        &self,
        op: &'static str,
        s: &WgpuStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<()> {
        self.check_dtype(op, dtype)?;
        if s.dtype() != dtype {
            return Err(backend_error(format!(
                "{op}: the storage holds {} elements but dtype {dtype} was given",
                s.dtype()
            )));
        }
        check_layout(layout, s.len(), op)
    }
}

/// `XP_WGPU_NO_F64=1` makes the device report no `float64` / `complex128` (and compute
/// `float32` / `complex64` without `f64`), to test the paths of devices without `f64`.
fn no_f64_override() -> bool {
    static NO_F64: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *NO_F64.get_or_init(|| std::env::var("XP_WGPU_NO_F64").as_deref() == Ok("1"))
}

/// Checks that every element the view `layout` can reach lies inside a storage of `len`
/// elements.
pub(crate) fn check_layout(layout: &Layout, len: usize, op: &'static str) -> Result<()> {
    let bad = || {
        backend_error(format!(
            "{op}: layout (shape {:?}, strides {:?}, offset {}) reaches outside its storage of {len} elements",
            layout.shape(),
            layout.strides(),
            layout.offset()
        ))
    };
    if layout.shape().len() != layout.strides().len() {
        return Err(bad());
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
        return Err(bad());
    }
    Ok(())
}

/// Checks that `layout` has `shape`.
pub(crate) fn check_shape(layout: &Layout, shape: &[usize], op: &'static str) -> Result<()> {
    if layout.shape() != shape {
        return Err(Error::ShapeMismatch {
            op,
            shapes: vec![layout.shape().to_vec(), shape.to_vec()],
            reason: "differ where the kernel needs equal shapes".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip() {
        let cases = vec![
            HostData::Bool(vec![true, false, true]),
            HostData::Int8(vec![-1, 2, -128]),
            HostData::UInt16(vec![1, 65535, 7]),
            HostData::Int64(vec![i64::MIN, 3]),
            HostData::Complex64(vec![Complex32::new(1.0, -2.0)]),
            HostData::Complex128(vec![Complex64::new(-0.0, f64::INFINITY)]),
        ];
        for h in cases {
            let b = host_to_bytes(&h);
            assert_eq!(b.len() as u64, data_bytes(h.dtype(), h.len()));
            assert_eq!(bytes_to_host(&b, h.dtype(), h.len()).unwrap(), h);
        }
    }
}
