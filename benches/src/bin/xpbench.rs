//! `xpbench`: times xp on the benchmark cases and prints JSON lines (what
//! `cargo xtask bench` runs; see the `benches` crate docs).
//!
//! ```text
//! xpbench list   [--quick] [FILTER...]   the selected cases, as one JSON array
//! xpbench run    [--quick] [--no-stream] [FILTER...]
//!                                        {"bandwidth": {...}} (STREAM-like, unless
//!                                        --no-stream), then one line per case:
//!                                        {"case", "ok": true, "median_s", "min_s", "runs", "inner"}
//!                                        or {"case", "ok": false, "error"}
//! xpbench stream [--quick]               the bandwidth line only
//! ```
//!
//! `--quick` keeps results of at most 10⁵ elements and shortens the per-case budget;
//! filters keep cases whose name contains any of them.

use benches::cases::select;
use benches::timing::{measure, Settings};
use benches::{prepare, stream, Case};
use serde_json::{json, Value};
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

const USAGE: &str = "usage: xpbench list|run|stream [--quick] [--no-stream] [FILTER...]";

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
fn run_case(case: &Case, settings: &Settings) -> Value {
    let r = catch_unwind(AssertUnwindSafe(|| {
        let mut job = prepare(case)?;
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
    let quick = rest.iter().any(|a| a == "--quick");
    let no_stream = rest.iter().any(|a| a == "--no-stream");
    if let Some(bad) = rest
        .iter()
        .find(|a| a.starts_with("--") && *a != "--quick" && *a != "--no-stream")
    {
        eprintln!("xpbench: unknown option {bad}\n{USAGE}");
        return ExitCode::FAILURE;
    }
    let filters: Vec<String> = rest
        .iter()
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .collect();
    let settings = if quick {
        Settings::QUICK
    } else {
        Settings::FULL
    };
    let mut out = std::io::stdout().lock();
    match cmd.as_str() {
        "list" => {
            let cases: Vec<Value> = select(quick, &filters).iter().map(Case::to_json).collect();
            emit(&mut out, &Value::Array(cases));
        }
        "run" => {
            if !no_stream {
                emit(&mut out, &bandwidth(quick));
            }
            for case in select(quick, &filters) {
                emit(&mut out, &run_case(&case, &settings));
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
