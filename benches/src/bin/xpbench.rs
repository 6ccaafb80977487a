//! `xpbench`: times xp on the benchmark cases and prints JSON lines (what
//! `cargo xtask bench` runs; see the `benches` crate docs).
//!
//! ```text
//! xpbench list   [--quick] [--backend B] [FILTER...]   the selected cases, as one JSON array
//! xpbench run    [--quick] [--no-stream] [--backend B] [FILTER...]
//!                                        {"bandwidth": {...}} (STREAM-like, unless
//!                                        --no-stream), {"backend": {"name", "device"}}
//!                                        (not for the CPU), then one line per case:
//!                                        {"case", "ok": true, "median_s", "min_s", "runs", "inner"}
//!                                        or {"case", "ok": false, "error"}
//! xpbench stream [--quick]               the bandwidth line only
//! ```
//!
//! `--quick` keeps results of at most 10⁵ elements and shortens the per-case budget;
//! filters keep cases whose name contains any of them. `--backend cpu` (the default) times
//! every case on the CPU backend; `--backend wgpu` (a binary built with the `wgpu` feature)
//! the elementwise and stats cases on the default WebGPU adapter, each call followed by a
//! device synchronisation (see `benches::backend`).

use benches::cases::select;
use benches::timing::{measure, Settings};
use benches::{prepare_on, stream, BackendName, BenchDevice, Case};
use serde_json::{json, Value};
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

const USAGE: &str =
    "usage: xpbench list|run|stream [--quick] [--no-stream] [--backend cpu|wgpu] [FILTER...]";

/// The message of a caught panic.
fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        format!("panic: {s}")
    } else if let Some(s) = p.downcast_ref::<String>() {
        format!("panic: {s}")
    } else {
        "panic".into()
    }
}

/// Times one case: its result line.
fn run_case(case: &Case, device: &BenchDevice, settings: &Settings) -> Value {
    let r = catch_unwind(AssertUnwindSafe(|| {
        let mut job = prepare_on(case, device)?;
        measure(&mut *job, settings)
    }));
    match r {
        Ok(Ok(st)) => json!({
            "case": case.name,
            "ok": true,
            "median_s": st.median,
            "min_s": st.min,
            "runs": st.runs,
            "inner": st.inner,
        }),
        Ok(Err(e)) => json!({"case": case.name, "ok": false, "error": e}),
        Err(p) => json!({"case": case.name, "ok": false, "error": panic_message(&*p)}),
    }
}

fn bandwidth(quick: bool) -> Value {
    let b = stream::measure(stream::N, if quick { 3 } else { 5 }, None);
    json!({ "bandwidth": b.to_json() })
}

fn emit(out: &mut impl Write, v: &Value) {
    // A closed pipe (the reader gave up) ends the run quietly.
    if writeln!(out, "{v}").and_then(|()| out.flush()).is_err() {
        std::process::exit(0);
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    let (mut quick, mut no_stream, mut backend) = (false, false, BackendName::Cpu);
    let mut filters: Vec<String> = Vec::new();
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--quick" => quick = true,
            "--no-stream" => no_stream = true,
            "--backend" => {
                let parsed = it
                    .next()
                    .ok_or_else(|| "--backend needs a value".to_string())
                    .and_then(|b| BackendName::parse(b));
                match parsed {
                    Ok(b) => backend = b,
                    Err(e) => {
                        eprintln!("xpbench: {e}\n{USAGE}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            s if s.starts_with("--") => {
                eprintln!("xpbench: unknown option {s}\n{USAGE}");
                return ExitCode::FAILURE;
            }
            s => filters.push(s.to_string()),
        }
    }
    let selected = || -> Vec<Case> {
        select(quick, &filters)
            .into_iter()
            .filter(|c| backend.runs(c))
            .collect()
    };
    let settings = if quick {
        Settings::QUICK
    } else {
        Settings::FULL
    };
    let mut out = std::io::stdout().lock();
    match cmd.as_str() {
        "list" => {
            let cases: Vec<Value> = selected().iter().map(Case::to_json).collect();
            emit(&mut out, &Value::Array(cases));
        }
        "run" => {
            let device = match backend.open() {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("xpbench: {e}");
                    return ExitCode::FAILURE;
                }
            };
            if !no_stream {
                emit(&mut out, &bandwidth(quick));
            }
            if backend != BackendName::Cpu {
                let b = json!({"name": device.name(), "device": device.description()});
                emit(&mut out, &json!({ "backend": b }));
            }
            for case in selected() {
                emit(&mut out, &run_case(&case, &device, &settings));
            }
        }
        "stream" => emit(&mut out, &bandwidth(quick)),
        _ => {
            eprintln!("xpbench: unknown command {cmd:?}\n{USAGE}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
