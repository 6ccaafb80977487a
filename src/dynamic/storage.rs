//! [`DynStorage`]: the storage of whichever backend holds the data, and the conversions the
//! dispatch uses.

use array_api::{BackendCore, Error, Result};
use backend_cpu::{Cpu, CpuStorage};
#[cfg(feature = "wgpu")]
use backend_wgpu::{Wgpu, WgpuStorage};

/// The storage of a [`Dyn`](super::Dyn) array: the buffer of the backend its device
/// belongs to.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum DynStorage {
    /// Host memory of the CPU backend.
    Cpu(CpuStorage),
    /// A WebGPU buffer.
    #[cfg(feature = "wgpu")]
    Wgpu(WgpuStorage),
}

/// A backend [`Dyn`](super::Dyn) can dispatch to: how its storage sits in [`DynStorage`].
pub(crate) trait Member: BackendCore {
    /// The storage when it belongs to this backend.
    fn get(s: &DynStorage) -> Option<&Self::Storage>;
    /// The same, mutable.
    fn get_mut(s: &mut DynStorage) -> Option<&mut Self::Storage>;
    /// Wraps this backend's storage.
    fn wrap(s: Self::Storage) -> DynStorage;
}

impl Member for Cpu {
    fn get(s: &DynStorage) -> Option<&CpuStorage> {
        match s {
            DynStorage::Cpu(s) => Some(s),
            #[cfg(feature = "wgpu")]
            _ => None,
        }
    }
    fn get_mut(s: &mut DynStorage) -> Option<&mut CpuStorage> {
        match s {
            DynStorage::Cpu(s) => Some(s),
            #[cfg(feature = "wgpu")]
            _ => None,
        }
    }
    fn wrap(s: CpuStorage) -> DynStorage {
        DynStorage::Cpu(s)
    }
}

#[cfg(feature = "wgpu")]
impl Member for Wgpu {
    fn get(s: &DynStorage) -> Option<&WgpuStorage> {
        match s {
            DynStorage::Wgpu(s) => Some(s),
            _ => None,
        }
    }
    fn get_mut(s: &mut DynStorage) -> Option<&mut WgpuStorage> {
        match s {
            DynStorage::Wgpu(s) => Some(s),
            _ => None,
        }
    }
    fn wrap(s: WgpuStorage) -> DynStorage {
        DynStorage::Wgpu(s)
    }
}

impl DynStorage {
    /// The backend that holds this storage: `"cpu"` or `"wgpu"`.
    pub fn kind(&self) -> &'static str {
        match self {
            DynStorage::Cpu(_) => "cpu",
            #[cfg(feature = "wgpu")]
            DynStorage::Wgpu(_) => "wgpu",
        }
    }
}

/// `s` as backend `B`'s storage, or an error: the front end never mixes devices, so this
/// only fails when a storage was built by hand for another device.
pub(crate) fn get<'a, B: Member>(s: &'a DynStorage, dev: &B) -> Result<&'a B::Storage> {
    let kind = s.kind();
    B::get(s).ok_or_else(|| mismatch(dev, kind))
}

/// As [`get`], mutable.
pub(crate) fn get_mut<'a, B: Member>(s: &'a mut DynStorage, dev: &B) -> Result<&'a mut B::Storage> {
    let kind = s.kind();
    B::get_mut(s).ok_or_else(|| mismatch(dev, kind))
}

fn mismatch<B: BackendCore>(dev: &B, kind: &str) -> Error {
    Error::DeviceMismatch {
        op: "Dyn kernel",
        a: dev.device_name(),
        b: format!("a {kind} storage"),
    }
}
