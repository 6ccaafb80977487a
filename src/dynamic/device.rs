//! The [`Dyn`] device value: parsing, listing, information.

use array_api::{BackendCore, BackendInfo, Error, Result};
use backend_cpu::Cpu;
#[cfg(feature = "wgpu")]
use backend_wgpu::Wgpu;
use std::fmt;

/// A device of whichever backend was chosen at run time. See the [module docs](super).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Dyn {
    /// The CPU backend.
    Cpu(Cpu),
    /// A WebGPU adapter.
    #[cfg(feature = "wgpu")]
    Wgpu(Wgpu),
}

impl Dyn {
    /// The CPU device, always available.
    pub fn cpu() -> Dyn {
        Dyn::Cpu(Cpu)
    }

    /// Opens the device named by `name`: `"cpu"`, `"wgpu"` (the default adapter, honouring
    /// `WGPU_BACKEND` and `WGPU_ADAPTER_NAME`), `"wgpu:N"` (adapter `N`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an unknown name or a backend not compiled in (its
    /// Cargo feature is off); [`Error::Backend`] when the device cannot be opened
    /// (e.g. no WebGPU adapter), or for `"cuda:N"`, whose kernels are not implemented yet.
    ///
    /// ```
    /// let cpu = xp::Dyn::parse("cpu")?;
    /// assert_eq!(cpu.to_string(), "cpu");
    /// assert!(xp::Dyn::parse("tpu:0").is_err());
    /// # Ok::<(), xp::Error>(())
    /// ```
    pub fn parse(name: &str) -> Result<Dyn> {
        let name = name.trim();
        let (kind, index) = match name.split_once(':') {
            Some((k, i)) => {
                let i: usize = i.parse().map_err(|_| {
                    Error::invalid(
                        "Dyn::parse",
                        format!("device {name:?}: the index after ':' must be a number"),
                    )
                })?;
                (k, Some(i))
            }
            None => (name, None),
        };
        match kind {
            "cpu" => match index {
                None | Some(0) => Ok(Dyn::cpu()),
                Some(i) => Err(Error::invalid(
                    "Dyn::parse",
                    format!("device {name:?}: there is one cpu device, cpu:0, not cpu:{i}"),
                )),
            },
            "wgpu" => Self::open_wgpu(name, index),
            "cuda" => Err(Error::Backend {
                backend: "cuda".into(),
                reason: format!(
                    "device {name:?}: the CUDA backend does not implement xp's kernels yet"
                ),
            }),
            _ => Err(Error::invalid(
                "Dyn::parse",
                format!("unknown device {name:?}: expected \"cpu\", \"wgpu\" or \"wgpu:N\""),
            )),
        }
    }

    #[cfg(feature = "wgpu")]
    fn open_wgpu(_name: &str, index: Option<usize>) -> Result<Dyn> {
        match index {
            None => Wgpu::new().map(Dyn::Wgpu),
            Some(i) => Wgpu::with_adapter(i).map(Dyn::Wgpu),
        }
    }

    #[cfg(not(feature = "wgpu"))]
    fn open_wgpu(name: &str, _index: Option<usize>) -> Result<Dyn> {
        Err(Error::invalid(
            "Dyn::parse",
            format!("device {name:?}: xp was built without the `wgpu` feature"),
        ))
    }

    /// The names of the devices that can be opened on this machine, `"cpu"` first, then
    /// `"wgpu:N"` for every WebGPU adapter (with the `wgpu` feature).
    pub fn devices() -> Vec<String> {
        #[allow(unused_mut)]
        let mut names = vec!["cpu".to_string()];
        #[cfg(feature = "wgpu")]
        names.extend((0..Wgpu::enumerate().len()).map(|i| format!("wgpu:{i}")));
        names
    }

    /// The backend's name: `"cpu"` or `"wgpu"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Dyn::Cpu(_) => "cpu",
            #[cfg(feature = "wgpu")]
            Dyn::Wgpu(_) => "wgpu",
        }
    }

    pub(crate) fn info_of(&self) -> BackendInfo {
        match self {
            Dyn::Cpu(d) => d.info(),
            #[cfg(feature = "wgpu")]
            Dyn::Wgpu(d) => d.info(),
        }
    }
}

impl Default for Dyn {
    /// The CPU device.
    fn default() -> Dyn {
        Dyn::cpu()
    }
}

impl fmt::Display for Dyn {
    /// The device string [`Dyn::parse`] accepts: `cpu` or `wgpu:N`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dyn::Cpu(_) => f.write_str("cpu"),
            #[cfg(feature = "wgpu")]
            Dyn::Wgpu(d) => write!(f, "wgpu:{}", d.index()),
        }
    }
}

impl From<Cpu> for Dyn {
    fn from(d: Cpu) -> Dyn {
        Dyn::Cpu(d)
    }
}

#[cfg(feature = "wgpu")]
impl From<Wgpu> for Dyn {
    fn from(d: Wgpu) -> Dyn {
        Dyn::Wgpu(d)
    }
}
