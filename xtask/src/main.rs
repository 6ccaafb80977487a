//! Project tasks for xp: `cargo xtask <task>`.
//!
//! - `test`: every test of the workspace (unit, integration, conformance suites, doctests),
//!   then the Python module's pytest suite (`pytest`, also runnable alone).
//! - `conformance`: runs the conformance suite on every backend usable here and prints the
//!   function × backend matrix (also written to `conformance/MATRIX.md`).
//! - `bench [--numpy] [--quick] [FILTER...]`: times xp on the benchmark cases (and NumPy
//!   with `--numpy`), prints the side-by-side table (also `target/bench/TABLE.md`).
//! - `golden`: regenerates the NumPy golden corpus (`conformance/golden/`) with the
//!   Python script there, in a venv at `.venv` with numpy.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

mod bench;
mod conformance;
mod python;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

fn run(mut c: Command) -> Result<(), String> {
    eprintln!("xtask: running {c:?}");
    let st = c.status().map_err(|e| format!("cannot run {c:?}: {e}"))?;
    if st.success() {
        Ok(())
    } else {
        Err(format!("{c:?} failed with {st}"))
    }
}

/// The Python interpreter of the project venv, created with numpy when missing.
pub fn venv_python() -> Result<PathBuf, String> {
    let venv = root().join(".venv");
    let py = venv.join("bin").join("python");
    let has_numpy = py.exists()
        && Command::new(&py)
            .args(["-c", "import numpy"])
            .status()
            .is_ok_and(|s| s.success());
    if !has_numpy {
        let mut c = Command::new("python3");
        c.args(["-m", "venv"]).arg(&venv);
        run(c)?;
        let mut c = Command::new(&py);
        c.args(["-m", "pip", "install", "--quiet", "numpy"]);
        run(c)?;
    }
    Ok(py)
}

fn test(args: &[String]) -> Result<(), String> {
    let mut c = cargo();
    c.args(["test", "--workspace"]).args(args);
    run(c)?;
    if python::available() || std::env::var("XP_REQUIRE_PYTHON").as_deref() == Ok("1") {
        python::test()?;
    } else {
        eprintln!(
            "xtask: WARNING: no python3 with venv here: the Python module's tests are \
             SKIPPED (install python3-venv; XP_REQUIRE_PYTHON=1 makes this an error)"
        );
    }
    conformance::print_matrix(false)
}

fn golden() -> Result<(), String> {
    let py = venv_python()?;
    let mut c = Command::new(py);
    c.current_dir(root())
        .arg("conformance/golden/make_golden.py");
    run(c)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (task, rest) = match args.split_first() {
        Some((t, r)) => (t.as_str(), r),
        None => ("help", &[][..]),
    };
    let r = match task {
        "test" => test(rest),
        "pytest" => python::test(),
        "conformance" => conformance::run(rest),
        "bench" => bench::run(rest),
        "golden" => golden(),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\n  test         every test of the workspace, conformance suites included, then pytest\n  pytest       the Python module's pytest suite (builds python/ as target/python/xp.so)\n  conformance  the conformance matrix (function x backend), also written to conformance/MATRIX.md\n  bench        [--numpy] [--quick] [--no-stream] [FILTER...]: xp's timings (vs NumPy with --numpy), also written to target/bench/TABLE.md\n  golden       regenerate the NumPy golden corpus (needs python3; makes .venv with numpy)"
            );
            if task == "help" {
                Ok(())
            } else {
                Err(format!("unknown task {task:?}"))
            }
        }
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
