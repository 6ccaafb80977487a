//! Instance creation, adapter selection and device creation.

use crate::{backend_error, catch_panics, Wgpu};
use array_api::Result;
use std::sync::{Arc, Mutex, PoisonError};

/// The reason given when wgpu finds no adapter at all.
const NO_ADAPTER: &str = "no WebGPU adapter found; install Mesa's software Vulkan driver \
     (apt-get install -y mesa-vulkan-drivers libvulkan1) or set WGPU_BACKEND";

/// One adapter as listed by [`Wgpu::enumerate`].
#[derive(Clone, Debug, PartialEq)]
pub struct AdapterSummary {
    /// Its index, as accepted by [`Wgpu::with_adapter`].
    pub index: usize,
    /// The adapter's name, e.g. `"llvmpipe (LLVM 15.0.6, 256 bits)"`.
    pub name: String,
    /// The wgpu backend it runs on (Vulkan, GL, Metal, DX12).
    pub backend: wgpu::Backend,
    /// Discrete / integrated / virtual GPU, CPU (software) or other.
    pub device_type: wgpu::DeviceType,
    /// The driver name and version, e.g. `"llvmpipe Mesa 22.3.6 (LLVM 15.0.6)"`.
    pub driver: String,
    /// Whether it offers `SHADER_F64`.
    pub has_f64: bool,
    /// Whether it offers `SHADER_INT64`.
    pub has_i64: bool,
}

/// One logical device per adapter per process, so that equal [`Wgpu`] values (same
/// adapter) share buffers.
static OPEN_DEVICES: Mutex<Vec<Wgpu>> = Mutex::new(Vec::new());

fn new_instance() -> wgpu::Instance {
    // Reads WGPU_BACKEND, WGPU_DEBUG, WGPU_VALIDATION and the GL/DX12 options.
    wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle_from_env())
}

fn list_adapters(instance: &wgpu::Instance) -> Vec<wgpu::Adapter> {
    pollster::block_on(instance.enumerate_adapters(wgpu::Backends::all()))
}

fn names(adapters: &[wgpu::Adapter]) -> String {
    let names: Vec<String> = adapters
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{i}: {}", a.get_info().name))
        .collect();
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

/// Lower is preferred: the high-performance choice.
fn rank(device_type: wgpu::DeviceType) -> u8 {
    match device_type {
        wgpu::DeviceType::DiscreteGpu => 0,
        wgpu::DeviceType::IntegratedGpu => 1,
        wgpu::DeviceType::VirtualGpu => 2,
        wgpu::DeviceType::Cpu => 3,
        wgpu::DeviceType::Other => 4,
    }
}

pub(crate) fn enumerate() -> Vec<AdapterSummary> {
    let listed = catch_panics("enumerating adapters", || {
        let adapters = list_adapters(&new_instance());
        Ok(adapters
            .iter()
            .enumerate()
            .map(|(index, adapter)| {
                let info = adapter.get_info();
                let features = adapter.features();
                AdapterSummary {
                    index,
                    name: info.name,
                    backend: info.backend,
                    device_type: info.device_type,
                    driver: [info.driver, info.driver_info]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" "),
                    has_f64: features.contains(wgpu::Features::SHADER_F64),
                    has_i64: features.contains(wgpu::Features::SHADER_INT64),
                }
            })
            .collect())
    });
    listed.unwrap_or_default()
}

pub(crate) fn open_default() -> Result<Wgpu> {
    catch_panics("opening the default adapter", || {
        let instance = new_instance();
        let adapters = list_adapters(&instance);
        if adapters.is_empty() {
            return Err(backend_error(NO_ADAPTER));
        }
        let index = match std::env::var("WGPU_ADAPTER_NAME") {
            Ok(wanted) if !wanted.is_empty() => {
                let needle = wanted.to_lowercase();
                adapters
                    .iter()
                    .position(|a| a.get_info().name.to_lowercase().contains(&needle))
                    .ok_or_else(|| {
                        backend_error(format!(
                            "no WebGPU adapter matches WGPU_ADAPTER_NAME={wanted:?}; available: {}",
                            names(&adapters)
                        ))
                    })?
            }
            _ => (0..adapters.len())
                .min_by_key(|&i| (rank(adapters[i].get_info().device_type), i))
                .expect("adapters is not empty"),
        };
        open(instance, adapters, index)
    })
}

pub(crate) fn open_index(index: usize) -> Result<Wgpu> {
    catch_panics("opening an adapter", || {
        let instance = new_instance();
        let adapters = list_adapters(&instance);
        if adapters.is_empty() {
            return Err(backend_error(NO_ADAPTER));
        }
        if index >= adapters.len() {
            return Err(backend_error(format!(
                "no WebGPU adapter with index {index}; available: {}",
                names(&adapters)
            )));
        }
        open(instance, adapters, index)
    })
}

/// Returns the process's device for adapter `index`, creating it on first use.
fn open(instance: wgpu::Instance, adapters: Vec<wgpu::Adapter>, index: usize) -> Result<Wgpu> {
    let adapter = adapters
        .into_iter()
        .nth(index)
        .expect("index checked by the caller");
    let adapter_info = adapter.get_info();

    // Held while creating, so concurrent callers do not create two devices.
    let mut open_devices = OPEN_DEVICES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(existing) = open_devices
        .iter()
        .find(|w| w.index == index && w.adapter_info == adapter_info)
    {
        return Ok(existing.clone());
    }

    let wanted = wgpu::Features::SHADER_F64 | wgpu::Features::SHADER_INT64;
    let descriptor = wgpu::DeviceDescriptor {
        label: Some("xp"),
        required_features: adapter.features() & wanted,
        required_limits: adapter.limits(),
        ..Default::default()
    };
    let (device, queue) = pollster::block_on(adapter.request_device(&descriptor)).map_err(|e| {
        backend_error(format!(
            "cannot create a device on adapter {index} ({}): {e}",
            adapter_info.name
        ))
    })?;

    let wgpu = Wgpu {
        index,
        adapter_info,
        instance: Arc::new(instance),
        adapter: Arc::new(adapter),
        device: Arc::new(device),
        queue: Arc::new(queue),
        kernels: Default::default(),
    };
    open_devices.push(wgpu.clone());
    Ok(wgpu)
}
