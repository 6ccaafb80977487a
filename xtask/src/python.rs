//! `cargo xtask test`'s Python part: builds the `xp` module with cargo (reusing the
//! workspace build; `maturin develop` is the user's route, see README) and runs its pytest
//! suite against NumPy from the project venv.

use crate::{cargo, root, run, venv_python};
use std::process::Command;

/// Whether this machine can make the project venv: `python3` with `venv` and `ensurepip`
/// (Debian's `python3-venv`), or the venv already exists.
pub fn available() -> bool {
    root().join(".venv").join("bin").join("python").exists()
        || Command::new("python3")
            .args(["-c", "import venv, ensurepip"])
            .status()
            .is_ok_and(|s| s.success())
}

/// Installs pytest and hypothesis into the venv (once), builds `xp-python` with the `wgpu`
/// and `extension-module` features, puts the library in `target/python/xp.so` and runs `pytest python/tests`.
pub fn test() -> Result<(), String> {
    let py = venv_python()?;
    let has_tools = Command::new(&py)
        .args(["-c", "import pytest, hypothesis"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_tools {
        let mut c = Command::new(&py);
        c.args(["-m", "pip", "install", "--quiet", "pytest", "hypothesis"]);
        run(c)?;
    }
    let mut c = cargo();
    // As an extension module (no libpython to link), with WebGPU devices.
    c.args([
        "build",
        "-p",
        "xp-python",
        "--features",
        "extension-module,wgpu",
    ]);
    run(c)?;
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| root().join("target"));
    let lib = target.join("debug").join("libxp_python.so");
    let dir = target.join("python");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let module = dir.join("xp.so");
    std::fs::copy(&lib, &module)
        .map_err(|e| format!("cannot copy {} to {}: {e}", lib.display(), module.display()))?;
    let mut c = Command::new(&py);
    c.current_dir(root())
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "python/tests",
        ])
        .env("PYTHONPATH", &dir);
    run(c)
}
