//! [`Wgpu::self_test`]: tiny compute shaders that prove the device pipeline works.

use crate::{backend_error, catch_panics, Wgpu};
use array_api::Result;
use wgpu::util::DeviceExt;

/// Doubles every element of a storage buffer in place; `ELEM` is replaced by the type.
const DOUBLE_WGSL: &str = r"
@group(0) @binding(0) var<storage, read_write> data: array<ELEM>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
    if id.x < arrayLength(&data) {
        data[id.x] = data[id.x] + data[id.x];
    }
}
";

const WORKGROUP_SIZE: u32 = 64;
const LEN: i32 = 256;

pub(crate) fn run(w: &Wgpu) -> Result<()> {
    let f32s = (0..LEN).map(|i| i as f32 * 0.75 - 64.0);
    check(
        w,
        "f32",
        le_bytes(f32s.clone(), f32::to_le_bytes),
        le_bytes(f32s.map(|x| 2.0 * x), f32::to_le_bytes),
    )?;
    if w.has_f64() {
        // Not representable in f32, so an f32 fallback would be caught.
        let f64s = (0..LEN).map(|i| f64::from(i) * 0.1 - 10.0 + 1e-9);
        check(
            w,
            "f64",
            le_bytes(f64s.clone(), f64::to_le_bytes),
            le_bytes(f64s.map(|x| 2.0 * x), f64::to_le_bytes),
        )?;
    }
    if w.has_i64() {
        // Beyond the 32-bit range.
        let i64s = (0..LEN).map(|i| i64::from(i - LEN / 2) * 3_000_000_007);
        check(
            w,
            "i64",
            le_bytes(i64s.clone(), i64::to_le_bytes),
            le_bytes(i64s.map(|x| 2 * x), i64::to_le_bytes),
        )?;
    }
    Ok(())
}

fn le_bytes<T, const N: usize>(
    values: impl Iterator<Item = T>,
    to_bytes: fn(T) -> [u8; N],
) -> Vec<u8> {
    values.flat_map(to_bytes).collect()
}

fn check(w: &Wgpu, elem: &str, input: Vec<u8>, expected: Vec<u8>) -> Result<()> {
    let output = catch_panics("running the self test", || {
        double_on_device(w, elem, &input)
    })?;
    if output != expected {
        return Err(backend_error(format!(
            "self test: the {elem} doubling shader on {} returned wrong results",
            w.info().device
        )));
    }
    Ok(())
}

/// Runs [`DOUBLE_WGSL`] over `input` (elements of WGSL type `elem`) and reads it back.
fn double_on_device(w: &Wgpu, elem: &str, input: &[u8]) -> Result<Vec<u8>> {
    let (device, queue) = (w.device(), w.queue());
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        backend_error(format!("self test ({elem}): {what}: {e}"))
    };

    // Innermost last: each error goes to the innermost scope whose filter matches.
    let scopes = [
        wgpu::ErrorFilter::Internal,
        wgpu::ErrorFilter::OutOfMemory,
        wgpu::ErrorFilter::Validation,
    ]
    .map(|filter| device.push_error_scope(filter));

    let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
        label: Some("xp self test"),
        source: wgpu::ShaderSource::Wgsl(DOUBLE_WGSL.replace("ELEM", elem).into()),
    });
    let pipeline = device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
        label: Some("xp self test"),
        layout: None,
        module: &module,
        entry_point: Some("main"),
        compilation_options: Default::default(),
        cache: None,
    });
    let storage = device.create_buffer_init(&wgpu::util::BufferInitDescriptor {
        label: Some("xp self test data"),
        contents: input,
        usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC,
    });
    let size = input.len() as wgpu::BufferAddress;
    let readback = device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("xp self test readback"),
        size,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some("xp self test"),
        layout: &pipeline.get_bind_group_layout(0),
        entries: &[wgpu::BindGroupEntry {
            binding: 0,
            resource: storage.as_entire_binding(),
        }],
    });
    let mut encoder = device.create_command_encoder(&Default::default());
    {
        let mut pass = encoder.begin_compute_pass(&Default::default());
        pass.set_pipeline(&pipeline);
        pass.set_bind_group(0, &bind_group, &[]);
        pass.dispatch_workgroups((LEN as u32).div_ceil(WORKGROUP_SIZE), 1, 1);
    }
    encoder.copy_buffer_to_buffer(&storage, 0, &readback, 0, size);
    queue.submit([encoder.finish()]);

    for scope in scopes.into_iter().rev() {
        if let Some(e) = pollster::block_on(scope.pop()) {
            return Err(fail("wgpu error", &e));
        }
    }

    let (tx, rx) = std::sync::mpsc::channel();
    readback.map_async(wgpu::MapMode::Read, .., move |r| {
        let _ = tx.send(r);
    });
    device
        .poll(wgpu::PollType::wait_indefinitely())
        .map_err(|e| fail("waiting for the device", &e))?;
    rx.recv()
        .map_err(|e| fail("mapping the readback buffer", &e))?
        .map_err(|e| fail("mapping the readback buffer", &e))?;
    let output = readback
        .get_mapped_range(..)
        .map_err(|e| fail("reading the readback buffer", &e))?
        .to_vec();
    readback.unmap();
    Ok(output)
}
