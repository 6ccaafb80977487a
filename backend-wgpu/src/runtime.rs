//! The kernel runtime: the per-device pipeline cache, buffer allocation, command batches
//! (dispatches and copies recorded into one encoder, submitted together) and read-back.
//!
//! Every kernel is a WGSL compute shader generated per (operation, dtypes) from the
//! templates of the op-family modules, compiled on first use and cached by its source
//! text. Its bindings are all storage buffers, `@group(0) @binding(0..n)`, in declaration
//! order; the pipeline layout is explicit (not derived from the shader), so a binding that
//! a shader happens not to use is still accepted.

use crate::wgsl::WORKGROUP;
use crate::{backend_error, Wgpu};
use array_api::Result;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use wgpu::util::DeviceExt;

/// A compiled kernel: its pipeline and bind group layout.
pub(crate) struct Kernel {
    pipeline: wgpu::ComputePipeline,
    layout: wgpu::BindGroupLayout,
    label: String,
}

/// The cache of compiled kernels of one device, keyed by WGSL source.
#[derive(Default)]
pub(crate) struct KernelCache {
    kernels: Mutex<HashMap<String, Arc<Kernel>>>,
}

impl std::fmt::Debug for KernelCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self
            .kernels
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len();
        write!(f, "KernelCache({n} kernels)")
    }
}

/// The usage of every storage buffer xp allocates.
pub(crate) const STORAGE_USAGE: wgpu::BufferUsages = wgpu::BufferUsages::STORAGE
    .union(wgpu::BufferUsages::COPY_SRC)
    .union(wgpu::BufferUsages::COPY_DST);

/// Rounds a byte size up to the 16-byte granule every buffer is allocated in (at least 16,
/// so that even an empty storage can be bound as `array<vec2<f64>>`).
pub(crate) fn padded(bytes: u64) -> u64 {
    bytes.div_ceil(16).max(1) * 16
}

impl Wgpu {
    /// The kernel compiled from `source` (cached). `writable[b]` says whether binding `b`
    /// is `read_write`; the shader must declare exactly these bindings.
    pub(crate) fn kernel(
        &self,
        label: &str,
        source: &str,
        writable: &[bool],
    ) -> Result<Arc<Kernel>> {
        let cache = &self.kernels.kernels;
        if let Some(k) = cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(source)
        {
            return Ok(k.clone());
        }
        let device = self.device();
        let scope = device.push_error_scope(wgpu::ErrorFilter::Validation);
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some(label),
            source: wgpu::ShaderSource::Wgsl(source.into()),
        });
        let entries: Vec<wgpu::BindGroupLayoutEntry> = writable
            .iter()
            .enumerate()
            .map(|(b, &w)| wgpu::BindGroupLayoutEntry {
                binding: b as u32,
                visibility: wgpu::ShaderStages::COMPUTE,
                ty: wgpu::BindingType::Buffer {
                    ty: wgpu::BufferBindingType::Storage { read_only: !w },
                    has_dynamic_offset: false,
                    min_binding_size: None,
                },
                count: None,
            })
            .collect();
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some(label),
            entries: &entries,
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some(label),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        let pipeline = device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
            label: Some(label),
            layout: Some(&pipeline_layout),
            module: &module,
            entry_point: Some("main"),
            compilation_options: Default::default(),
            cache: None,
        });
        if let Some(e) = pollster::block_on(scope.pop()) {
            return Err(backend_error(format!(
                "compiling kernel `{label}` failed: {e}\n--- WGSL ---\n{source}"
            )));
        }
        let kernel = Arc::new(Kernel {
            pipeline,
            layout,
            label: label.to_string(),
        });
        cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(source.to_string(), kernel.clone());
        Ok(kernel)
    }

    /// Number of kernels compiled so far on this device.
    pub fn compiled_kernels(&self) -> usize {
        self.kernels
            .kernels
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// The largest buffer (in bytes) a kernel can bind.
    pub fn max_binding_bytes(&self) -> u64 {
        let l = self.device().limits();
        l.max_storage_buffer_binding_size.min(l.max_buffer_size)
    }

    /// A zero-filled storage buffer of at least `bytes` bytes (see [`padded`]).
    ///
    /// # Errors
    /// [`array_api::Error::Backend`] when it exceeds what a kernel can bind.
    pub(crate) fn alloc(&self, bytes: u64, what: &str) -> Result<wgpu::Buffer> {
        let size = padded(bytes);
        if size > self.max_binding_bytes() {
            return Err(too_large(what, size, self.max_binding_bytes()));
        }
        Ok(self.device().create_buffer(&wgpu::BufferDescriptor {
            label: Some(what),
            size,
            usage: STORAGE_USAGE,
            mapped_at_creation: false,
        }))
    }

    /// A storage buffer holding `bytes` (padded with zeros, see [`padded`]).
    pub(crate) fn upload(&self, bytes: &[u8], what: &str) -> Result<wgpu::Buffer> {
        let size = padded(bytes.len() as u64);
        if size > self.max_binding_bytes() {
            return Err(too_large(what, size, self.max_binding_bytes()));
        }
        let mut contents = bytes.to_vec();
        contents.resize(size as usize, 0);
        Ok(self
            .device()
            .create_buffer_init(&wgpu::util::BufferInitDescriptor {
                label: Some(what),
                contents: &contents,
                usage: STORAGE_USAGE,
            }))
    }

    /// A small storage buffer of `i32` parameters (shapes, strides, offsets, scalars).
    pub(crate) fn params(&self, values: &[i32]) -> Result<wgpu::Buffer> {
        let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        self.upload(&bytes, "xp params")
    }

    /// A new command batch.
    pub(crate) fn batch(&self) -> Batch<'_> {
        Batch {
            w: self,
            encoder: self.device().create_command_encoder(&Default::default()),
        }
    }

    /// Reads `len` bytes at byte `offset` of `buffer` (waiting for all submitted work).
    /// `offset` must be a multiple of 4.
    pub(crate) fn read_bytes(
        &self,
        buffer: &wgpu::Buffer,
        offset: u64,
        len: u64,
    ) -> Result<Vec<u8>> {
        if len == 0 {
            return Ok(Vec::new());
        }
        let size = len.div_ceil(4) * 4;
        let staging = self.device().create_buffer(&wgpu::BufferDescriptor {
            label: Some("xp read-back"),
            size,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let mut b = self.batch();
        b.encoder
            .copy_buffer_to_buffer(buffer, offset, &staging, 0, size);
        b.submit();
        let (tx, rx) = std::sync::mpsc::channel();
        staging.map_async(wgpu::MapMode::Read, .., move |r| {
            let _ = tx.send(r);
        });
        let fail = |what: &str, e: &dyn std::fmt::Display| {
            backend_error(format!("read-back: {what}: {e}"))
        };
        self.device()
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| fail("waiting for the device", &e))?;
        rx.recv()
            .map_err(|e| fail("mapping", &e))?
            .map_err(|e| fail("mapping", &e))?;
        let mut out = staging
            .get_mapped_range(..)
            .map_err(|e| fail("reading the mapped range", &e))?
            .to_vec();
        staging.unmap();
        out.truncate(len as usize);
        Ok(out)
    }

    /// Runs `f` with wgpu validation and out-of-memory errors (and panics) turned into
    /// [`array_api::Error::Backend`] naming `op`.
    pub(crate) fn guarded<T>(&self, op: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let device = self.device();
        let oom = device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let validation = device.push_error_scope(wgpu::ErrorFilter::Validation);
        let out = crate::catch_panics(op, f);
        let v = pollster::block_on(validation.pop());
        let o = pollster::block_on(oom.pop());
        if let Some(e) = v.or(o) {
            return Err(backend_error(format!("{op}: wgpu error: {e}")));
        }
        out
    }
}

fn too_large(what: &str, size: u64, limit: u64) -> array_api::Error {
    backend_error(format!(
        "{what}: a buffer of {size} bytes exceeds this device's storage binding limit of {limit} bytes \
         (max_storage_buffer_binding_size); arrays this large are not supported on this device"
    ))
}

/// The workgroup grid for `threads` invocations of a [`WORKGROUP`]-sized 1-D kernel:
/// `(x, y)` with `x ≤ max_per_dim`; kernels compute their linear index as
/// `gid.x + gid.y * nwg.x * WORKGROUP`.
pub(crate) fn grid(threads: u64, max_per_dim: u32) -> Option<(u32, u32)> {
    let groups = threads.div_ceil(WORKGROUP as u64);
    let max = max_per_dim.max(1) as u64;
    if groups <= max {
        return Some((groups as u32, 1));
    }
    let y = groups.div_ceil(max);
    (y <= max).then_some((max as u32, y as u32))
}

/// Dispatches and copies recorded into one command encoder; [`submit`](Batch::submit)
/// queues them (without waiting).
pub(crate) struct Batch<'w> {
    w: &'w Wgpu,
    pub(crate) encoder: wgpu::CommandEncoder,
}

impl Batch<'_> {
    /// Records a dispatch of `kernel` over `threads` invocations with `buffers` bound in
    /// order. Nothing is recorded when `threads` is 0.
    pub(crate) fn run(
        &mut self,
        kernel: &Kernel,
        buffers: &[&wgpu::Buffer],
        threads: u64,
    ) -> Result<()> {
        if threads == 0 {
            return Ok(());
        }
        let max = self
            .w
            .device()
            .limits()
            .max_compute_workgroups_per_dimension;
        let (x, y) = grid(threads, max).ok_or_else(|| {
            backend_error(format!(
                "{}: {threads} invocations exceed the device's dispatch limits",
                kernel.label
            ))
        })?;
        let entries: Vec<wgpu::BindGroupEntry> = buffers
            .iter()
            .enumerate()
            .map(|(i, b)| wgpu::BindGroupEntry {
                binding: i as u32,
                resource: b.as_entire_binding(),
            })
            .collect();
        let group = self
            .w
            .device()
            .create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some(&kernel.label),
                layout: &kernel.layout,
                entries: &entries,
            });
        let mut pass = self
            .encoder
            .begin_compute_pass(&wgpu::ComputePassDescriptor {
                label: Some(&kernel.label),
                timestamp_writes: None,
            });
        pass.set_pipeline(&kernel.pipeline);
        pass.set_bind_group(0, &group, &[]);
        pass.dispatch_workgroups(x, y, 1);
        Ok(())
    }

    /// Records a copy of `size` bytes (a multiple of 4) between buffers.
    pub(crate) fn copy(
        &mut self,
        src: &wgpu::Buffer,
        src_offset: u64,
        dst: &wgpu::Buffer,
        dst_offset: u64,
        size: u64,
    ) {
        if size > 0 {
            self.encoder
                .copy_buffer_to_buffer(src, src_offset, dst, dst_offset, size);
        }
    }

    /// Submits the recorded work to the device queue.
    pub(crate) fn submit(self) {
        self.w.queue().submit([self.encoder.finish()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grids_stay_within_limits() {
        assert_eq!(grid(1, 65535), Some((1, 1)));
        assert_eq!(grid(256, 65535), Some((1, 1)));
        assert_eq!(grid(257, 65535), Some((2, 1)));
        assert_eq!(grid(256 * 65535, 65535), Some((65535, 1)));
        assert_eq!(grid(256 * 65535 + 1, 65535), Some((65535, 2)));
        assert_eq!(grid(u64::MAX / 2, 65535), None);
        assert_eq!(padded(0), 16);
        assert_eq!(padded(17), 32);
    }
}
