//! Which backend `xpbench` times: the CPU (default, every case) or, with the `wgpu` feature,
//! the WebGPU backend (the elementwise and statistics cases).
//!
//! A WebGPU call only queues work on the device, so each timed call of a wgpu job ends with
//! `Wgpu::synchronize`, which waits until the device has finished
//! everything submitted: the times are those of the op's kernels (plus any parameter
//! uploads and small read-backs the op itself does), not of queueing them. The inputs and
//! preallocated outputs live on the device; nothing is copied to or from the host per call
//! beyond what the op does itself.

use crate::cases::{Case, Family};

/// A backend name given to `xpbench --backend`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackendName {
    /// The CPU backend: every case.
    Cpu,
    /// The WebGPU backend (built with the `wgpu` feature): elementwise and stats cases.
    Wgpu,
}

impl BackendName {
    /// `"cpu"` or `"wgpu"`; anything else is an error naming the choices.
    pub fn parse(s: &str) -> Result<BackendName, String> {
        match s {
            "cpu" => Ok(BackendName::Cpu),
            "wgpu" => Ok(BackendName::Wgpu),
            other => Err(format!("unknown backend {other:?} (expected cpu or wgpu)")),
        }
    }

    /// The name, as given to `--backend`.
    pub fn name(self) -> &'static str {
        match self {
            BackendName::Cpu => "cpu",
            BackendName::Wgpu => "wgpu",
        }
    }

    /// Whether this backend runs `case`: the CPU every case, wgpu the elementwise and
    /// statistics (reduction, scan, sort, set) families.
    pub fn runs(self, case: &Case) -> bool {
        match self {
            BackendName::Cpu => true,
            BackendName::Wgpu => matches!(case.family, Family::Elementwise | Family::Stats),
        }
    }

    /// Opens the device.
    ///
    /// # Errors
    /// For wgpu: when the binary was built without the `wgpu` feature, or no adapter opens.
    pub fn open(self) -> Result<BenchDevice, String> {
        match self {
            BackendName::Cpu => Ok(BenchDevice::Cpu),
            #[cfg(feature = "wgpu")]
            BackendName::Wgpu => xp::Wgpu::new()
                .map(BenchDevice::Wgpu)
                .map_err(|e| format!("cannot open a WebGPU device: {e}")),
            #[cfg(not(feature = "wgpu"))]
            BackendName::Wgpu => Err(
                "xpbench was built without the `wgpu` feature (cargo build -p benches --features wgpu)"
                    .into(),
            ),
        }
    }
}

/// An open device to time cases on.
#[derive(Clone, Debug)]
pub enum BenchDevice {
    /// The CPU.
    Cpu,
    /// A WebGPU device.
    #[cfg(feature = "wgpu")]
    Wgpu(xp::Wgpu),
}

impl BenchDevice {
    /// The backend's name: `"cpu"` or `"wgpu"`.
    pub fn name(&self) -> &'static str {
        match self {
            BenchDevice::Cpu => "cpu",
            #[cfg(feature = "wgpu")]
            BenchDevice::Wgpu(_) => "wgpu",
        }
    }

    /// The device's description, e.g. `"wgpu:0 (llvmpipe (LLVM 15.0.6, 256 bits))"`.
    pub fn description(&self) -> String {
        use xp::BackendCore;
        match self {
            BenchDevice::Cpu => xp::Cpu.device_name(),
            #[cfg(feature = "wgpu")]
            BenchDevice::Wgpu(w) => w.device_name(),
        }
    }
}
