//! `cargo xtask test`'s Python part: builds the `xp` module into the project venv with
//! maturin and runs its pytest suite against NumPy.

use crate::{root, run, venv_python};
use std::process::Command;

/// Installs maturin, pytest and hypothesis into the venv (once), builds the module with
/// `maturin develop` and runs `pytest python/tests`.
pub fn test() -> Result<(), String> {
    let py = venv_python()?;
    let venv = root().join(".venv");
    let has_tools = Command::new(&py)
        .args(["-c", "import maturin, pytest, hypothesis"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_tools {
        let mut c = Command::new(&py);
        c.args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "maturin>=1.5,<2",
            "pytest",
            "hypothesis",
        ]);
        run(c)?;
    }
    let path = format!(
        "{}:{}",
        venv.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut c = Command::new(venv.join("bin").join("maturin"));
    c.current_dir(root().join("python"))
        .args(["develop", "--quiet"])
        .env("VIRTUAL_ENV", &venv)
        .env("PATH", &path);
    run(c)?;
    let mut c = Command::new(&py);
    c.current_dir(root())
        .args(["-m", "pytest", "-q", "python/tests"])
        .env("PATH", &path);
    run(c)
}
