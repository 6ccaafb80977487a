//! `cargo xtask bench [--numpy] [--quick] [--no-stream] [--backend cpu|wgpu] [FILTER...]`:
//! xp's timings, side by side with NumPy's.
//!
//! `--backend wgpu` builds `xpbench` with the `wgpu` feature and times the elementwise and
//! stats cases on the default WebGPU adapter instead of the CPU (each call followed by a
//! device synchronisation, so the times include the device's work; on lavapipe, a CPU
//! Vulkan driver, they are informative only). The default is the CPU, every case.
//!
//! 1. builds and runs `xpbench` (package `benches`, release): `xpbench list` writes the
//!    selected cases to `target/bench/cases.json`, `xpbench run` times them (and measures
//!    the memory bandwidth, STREAM-like) and prints JSON lines;
//! 2. with `--numpy`, runs `benches/numpy/bench.py` on the same `cases.json` in the
//!    project venv, with `OPENBLAS_CORETYPE` and `OPENBLAS_L2_SIZE` removed from its
//!    environment, timing NumPy the same way;
//! 3. prints a Markdown table (case | xp | NumPy | NumPy/xp | throughput | share of the
//!    machine bandwidth) and writes it to `target/bench/TABLE.md`, with the raw JSON lines
//!    in `target/bench/xp.jsonl` and `target/bench/numpy.jsonl`.
//!
//! A case xp cannot run is shown as "n/a (error)", never with a number. `--quick` keeps
//! results of at most 10⁵ elements; filters keep cases whose name contains any of them.

use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// Options of `cargo xtask bench`.
#[derive(Debug, Default, PartialEq)]
struct Options {
    numpy: bool,
    quick: bool,
    no_stream: bool,
    /// `Some("wgpu")` with `--backend wgpu`; `None` for the default CPU.
    backend: Option<String>,
    filters: Vec<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--numpy" => o.numpy = true,
            "--quick" => o.quick = true,
            "--no-stream" => o.no_stream = true,
            "--backend" => match it.next().map(String::as_str) {
                Some("cpu") => o.backend = None,
                Some("wgpu") => o.backend = Some("wgpu".into()),
                other => return Err(format!("bench: --backend takes cpu or wgpu, got {other:?}")),
            },
            s if s.starts_with("--") => return Err(format!("bench: unknown option {s}")),
            s => o.filters.push(s.to_string()),
        }
    }
    Ok(o)
}

/// Runs `c` and returns the JSON values of its stdout lines, reporting each case result on
/// stderr as it arrives (`who` names the side).
fn json_lines(mut c: Command, who: &str) -> Result<Vec<Value>, String> {
    eprintln!("xtask: running {c:?}");
    let mut child = c
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {c:?}: {e}"))?;
    let stdout = child.stdout.take().expect("piped stdout");
    let mut values = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("{who}: {e}"))?;
        let Ok(v) = serde_json::from_str::<Value>(&line) else {
            eprintln!("{who}: {line}");
            continue;
        };
        if let Some(name) = v["case"].as_str() {
            eprintln!("  {who:<5} {name:<32} {}", result_cell(&v));
        } else if let Some(b) = v.get("bandwidth") {
            eprintln!("  {who:<5} memory bandwidth: {}", bandwidth_text(b));
        } else if let Some(b) = v.get("backend") {
            eprintln!(
                "  {who:<5} backend: {}",
                b["device"].as_str().unwrap_or("?")
            );
        }
        values.push(v);
    }
    let st = child.wait().map_err(|e| format!("{who}: {e}"))?;
    if !st.success() {
        return Err(format!("{c:?} failed with {st}"));
    }
    Ok(values)
}

/// The cargo feature arguments of the selected backend (`--features wgpu`, or none).
fn features(o: &Options) -> Vec<String> {
    match &o.backend {
        Some(b) => vec!["--features".into(), b.clone()],
        None => Vec::new(),
    }
}

/// `cargo run --release -q -p benches [--features B] --bin xpbench -- <args>`.
fn xpbench(args: &[&str], o: &Options) -> Command {
    let mut c = super::cargo();
    c.args(["run", "--release", "-q", "-p", "benches"]);
    c.args(features(o));
    c.args(["--bin", "xpbench", "--"]);
    c.args(args);
    if o.quick {
        c.arg("--quick");
    }
    if let Some(b) = &o.backend {
        c.args(["--backend", b]);
    }
    c.args(&o.filters);
    c
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn write_lines(path: &Path, values: &[Value]) -> Result<(), String> {
    let text: String = values.iter().map(|v| format!("{v}\n")).collect();
    write(path, &text)
}

/// Runs the benchmark (see the module docs).
pub fn run(args: &[String]) -> Result<(), String> {
    let o = parse(args)?;
    let dir = super::root().join("target").join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;

    let mut build = super::cargo();
    build.args(["build", "--release", "-p", "benches", "--bin", "xpbench"]);
    build.args(features(&o));
    super::run(build)?;

    let out = xpbench(&["list"], &o)
        .output()
        .map_err(|e| format!("cannot run xpbench list: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "xpbench list failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let cases_path = dir.join("cases.json");
    std::fs::write(&cases_path, &out.stdout)
        .map_err(|e| format!("cannot write cases.json: {e}"))?;
    let cases: Vec<Value> = serde_json::from_slice::<Value>(&out.stdout)
        .map_err(|e| format!("xpbench list: {e}"))?
        .as_array()
        .cloned()
        .unwrap_or_default();
    if cases.is_empty() {
        return Err(format!("no case matches {:?}", o.filters));
    }
    eprintln!("xtask: {} cases", cases.len());

    let mut run_args = vec!["run"];
    if o.no_stream {
        run_args.push("--no-stream");
    }
    let t = std::time::Instant::now();
    let xp = json_lines(xpbench(&run_args, &o), "xp")?;
    eprintln!("xtask: xp timed in {:.0} s", t.elapsed().as_secs_f64());
    write_lines(&dir.join("xp.jsonl"), &xp)?;

    let numpy = if o.numpy {
        let py = crate::venv_python()?;
        let mut c = Command::new(py);
        c.current_dir(super::root())
            .arg("benches/numpy/bench.py")
            .arg(&cases_path)
            .env_remove("OPENBLAS_CORETYPE")
            .env_remove("OPENBLAS_L2_SIZE");
        if o.quick {
            c.arg("--quick");
        }
        let t = std::time::Instant::now();
        let v = json_lines(c, "numpy")?;
        eprintln!("xtask: NumPy timed in {:.0} s", t.elapsed().as_secs_f64());
        write_lines(&dir.join("numpy.jsonl"), &v)?;
        Some(v)
    } else {
        None
    };

    let table = render(&cases, &xp, numpy.as_deref(), &machine_name());
    print!("{table}");
    std::io::stdout().flush().ok();
    let path = dir.join("TABLE.md");
    write(&path, &table)?;
    eprintln!("xtask: wrote {}", path.display());
    Ok(())
}

/// The CPU model (Linux: /proc/cpuinfo) and the number of hardware threads.
fn machine_name() -> String {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string());
    let threads = std::thread::available_parallelism().map_or(1, |p| p.get());
    format!("{model}, {threads} hardware threads")
}

/// A duration in seconds with three significant digits and a fitting unit.
fn fmt_time(s: f64) -> String {
    let (v, unit) = if s < 1e-6 {
        (s * 1e9, "ns")
    } else if s < 1e-3 {
        (s * 1e6, "µs")
    } else if s < 1.0 {
        (s * 1e3, "ms")
    } else {
        (s, "s")
    };
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.digits$} {unit}")
}

/// An error message fit for a table cell: one line, no pipes, at most 90 characters.
fn cell_text(e: &str) -> String {
    let one_line = e.lines().next().unwrap_or("").replace('|', "/");
    if one_line.chars().count() > 90 {
        let cut: String = one_line.chars().take(87).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}

/// The cell of a result line: the median time, or "n/a (error)".
fn result_cell(v: &Value) -> String {
    match (v["ok"].as_bool(), v["median_s"].as_f64()) {
        (Some(true), Some(t)) => fmt_time(t),
        _ => format!(
            "n/a ({})",
            cell_text(v["error"].as_str().unwrap_or("no result"))
        ),
    }
}

fn bandwidth_text(b: &Value) -> String {
    let g = |k: &str| b[k].as_f64().unwrap_or(f64::NAN);
    let t = b["threads"].as_u64().unwrap_or(0);
    format!(
        "copy {:.1} GB/s, triad {:.1} GB/s on 1 thread; copy {:.1} GB/s, triad {:.1} GB/s on {t} threads",
        g("copy_1t"),
        g("triad_1t"),
        g("copy_mt"),
        g("triad_mt"),
    )
}

/// Cases moving at least this many bytes per call are beyond the caches (mostly): only
/// they are compared with the machine's bandwidth.
const BANDWIDTH_MIN_BYTES: f64 = 64e6;

/// The Markdown report: machine, bandwidth, then one table per family.
fn render(cases: &[Value], xp: &[Value], numpy: Option<&[Value]>, machine: &str) -> String {
    let by_name = |vs: &[Value]| -> HashMap<String, Value> {
        vs.iter()
            .filter_map(|v| Some((v["case"].as_str()?.to_string(), v.clone())))
            .collect()
    };
    let xr = by_name(xp);
    let nr = numpy.map(by_name);
    let bw = xp.iter().find_map(|v| v.get("bandwidth")).cloned();
    let machine_bw = bw.as_ref().and_then(|b| b["machine"].as_f64());

    let mut s = String::from("# xp benchmarks\n\n");
    s += &format!("Machine: {machine}.");
    if let Some(np) = numpy.and_then(|v| v.iter().find_map(|v| v["numpy"].as_str())) {
        s += &format!(" NumPy {np}.");
    }
    s += "\n\n";
    match &bw {
        Some(b) => {
            s += &format!(
                "**Machine bandwidth: {:.1} GB/s** (STREAM-like, best triad, f64, {} elements per array). {}.\n\n",
                b["machine"].as_f64().unwrap_or(f64::NAN),
                b["n"],
                bandwidth_text(b)
            )
        }
        None => s += "Machine bandwidth: not measured (--no-stream).\n\n",
    }
    if let Some(b) = xp.iter().find_map(|v| v.get("backend")) {
        s += &format!(
            "**xp backend: {}** ({}). Each timed call ends with a device synchronisation, so \
             times include the device's work; on a CPU adapter (lavapipe) they are \
             informative only, and the bandwidth shares compare with the host's memory.\n\n",
            b["name"].as_str().unwrap_or("?"),
            b["device"].as_str().unwrap_or("?"),
        );
    }
    s += "Times are medians per call (after a warm-up; many calls per sample for small cases). ";
    if numpy.is_some() {
        s += "NumPy/xp > 1 means xp is faster. ";
    }
    s += "Throughput is xp's: GB/s of useful traffic (reads + writes, no write-allocate) for \
          memory-bound cases, with the share of the machine bandwidth for cases moving ≥ 64 MB \
          per call (smaller ones run in cache); G elements/s for compute-bound ones; GFLOP/s \
          (textbook flop counts) for linear algebra, on both sides. xp uses every core; NumPy's \
          elementwise functions run on one.\n";

    let mut ratios = Vec::new();
    let mut na = 0;
    for family in ["elementwise", "copy", "fft", "linalg", "stats"] {
        let rows: Vec<&Value> = cases.iter().filter(|c| c["family"] == family).collect();
        if rows.is_empty() {
            continue;
        }
        s += &format!(
            "\n## {}\n\n",
            match family {
                "copy" => "Copies, casts, gathers, creation",
                "fft" => "Fourier transforms",
                "linalg" => "Linear algebra",
                "stats" => "Statistics, sorting, sets",
                _ => "Elementwise",
            }
        );
        // Linear algebra shows GFLOP/s on both sides instead of a bandwidth share.
        let last = if family == "linalg" {
            "NumPy throughput"
        } else {
            "share of bandwidth"
        };
        if nr.is_some() {
            s += &format!("| case | xp | NumPy | NumPy/xp | xp throughput | {last} |\n");
            s += "|---|---:|---:|---:|---:|---:|\n";
        } else {
            s += &format!("| case | xp | xp throughput | {last} |\n|---|---:|---:|---:|\n");
        }
        for c in rows {
            let name = c["name"].as_str().unwrap_or("?");
            let missing = Value::Null;
            let x = xr.get(name).unwrap_or(&missing);
            let xt = x["median_s"].as_f64().filter(|_| x["ok"] == true);
            if xt.is_none() {
                na += 1;
            }
            let (thr, share) = match xt {
                Some(t) => throughput(c, t, machine_bw),
                None => (String::new(), String::new()),
            };
            let xcell = if x.is_null() {
                "n/a (not run)".to_string()
            } else {
                result_cell(x)
            };
            match &nr {
                Some(nr) => {
                    let n = nr.get(name).unwrap_or(&missing);
                    let nt = n["median_s"].as_f64().filter(|_| n["ok"] == true);
                    let ncell = if n.is_null() {
                        "n/a (not run)".to_string()
                    } else {
                        result_cell(n)
                    };
                    let share = match (c["bound"].as_str(), nt) {
                        (Some("flops"), Some(t)) => throughput(c, t, None).0,
                        (Some("flops"), None) => String::new(),
                        _ => share,
                    };
                    let ratio = match (xt, nt) {
                        (Some(a), Some(b)) if a > 0.0 => {
                            ratios.push(b / a);
                            format!("{:.2}", b / a)
                        }
                        _ => String::new(),
                    };
                    s += &format!("| {name} | {xcell} | {ncell} | {ratio} | {thr} | {share} |\n");
                }
                None => s += &format!("| {name} | {xcell} | {thr} | {share} |\n"),
            }
        }
    }
    s += &format!("\nxp ran {} of {} cases", cases.len() - na, cases.len());
    if !ratios.is_empty() {
        let gm = (ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64).exp();
        let faster = ratios.iter().filter(|&&r| r > 1.0).count();
        s += &format!(
            "; where both ran ({}), the geometric mean of NumPy/xp is {gm:.2}, and xp is faster in {faster}",
            ratios.len()
        );
    }
    s += ".\n";
    s
}

/// xp's throughput cell and share-of-bandwidth cell for case `c` at `t` seconds per call.
fn throughput(c: &Value, t: f64, machine_bw: Option<f64>) -> (String, String) {
    if c["bound"] == "flops" {
        let f = c["flops"].as_f64().unwrap_or(0.0);
        return (format!("{:.1} GFLOP/s", f / t / 1e9), String::new());
    }
    if c["bound"] == "compute" {
        let e = c["elements"].as_f64().unwrap_or(0.0);
        return (format!("{:.2} Gelem/s", e / t / 1e9), String::new());
    }
    let bytes = c["bytes"].as_f64().unwrap_or(0.0);
    let gbs = bytes / t / 1e9;
    let share = match machine_bw {
        Some(m) if bytes >= BANDWIDTH_MIN_BYTES && m > 0.0 => format!("{:.0}%", 100.0 * gbs / m),
        _ => String::new(),
    };
    (format!("{gbs:.1} GB/s"), share)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn case(name: &str, family: &str, bound: &str, bytes: u64, elements: u64) -> Value {
        json!({"name": name, "family": family, "bound": bound, "bytes": bytes, "elements": elements})
    }

    #[test]
    fn options() {
        let a: Vec<String> = ["--numpy", "add", "--quick"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let o = parse(&a).unwrap();
        assert!(o.numpy && o.quick && !o.no_stream);
        assert_eq!(o.filters, vec!["add".to_string()]);
        assert_eq!(o.backend, None);
        assert!(parse(&["--bogus".to_string()]).is_err());
        let w: Vec<String> = ["--backend", "wgpu", "sum"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let o = parse(&w).unwrap();
        assert_eq!(o.backend.as_deref(), Some("wgpu"));
        assert_eq!(o.filters, vec!["sum".to_string()]);
        assert_eq!(features(&o), vec!["--features".to_string(), "wgpu".into()]);
        assert!(parse(&["--backend".to_string()]).is_err());
        assert!(parse(&["--backend".to_string(), "tpu".to_string()]).is_err());
    }

    #[test]
    fn times_have_units() {
        assert_eq!(fmt_time(1.5e-9), "1.50 ns");
        assert_eq!(fmt_time(2.345e-5), "23.4 µs");
        assert_eq!(fmt_time(0.1234), "123 ms");
        assert_eq!(fmt_time(2.0), "2.00 s");
    }

    #[test]
    fn table_shows_ratios_throughput_and_na() {
        let cases = vec![
            case(
                "add_into/f64/1e7",
                "elementwise",
                "memory",
                240_000_000,
                10_000_000,
            ),
            case("exp/f64/1e3", "elementwise", "compute", 16_000, 1_000),
            case("copy/f64/1e5", "copy", "memory", 1_600_000, 100_000),
        ];
        let xp = vec![
            json!({"bandwidth": {"n": 33554432, "threads": 2, "copy_1t": 10.0, "triad_1t": 11.0,
                   "copy_mt": 20.0, "triad_mt": 24.0, "machine": 24.0}}),
            json!({"case": "add_into/f64/1e7", "ok": true, "median_s": 0.02}),
            json!({"case": "exp/f64/1e3", "ok": false, "error": "exp: no kernels | yet\nmore"}),
            json!({"case": "copy/f64/1e5", "ok": true, "median_s": 1e-4}),
        ];
        let np = vec![
            json!({"numpy": "2.4.6"}),
            json!({"case": "add_into/f64/1e7", "ok": true, "median_s": 0.03}),
            json!({"case": "exp/f64/1e3", "ok": true, "median_s": 2e-6}),
            json!({"case": "copy/f64/1e5", "ok": true, "median_s": 5e-5}),
        ];
        let t = render(&cases, &xp, Some(&np), "test cpu");
        assert!(t.contains("Machine bandwidth: 24.0 GB/s"), "{t}");
        assert!(t.contains("NumPy 2.4.6"));
        assert!(
            t.contains("| add_into/f64/1e7 | 20.0 ms | 30.0 ms | 1.50 | 12.0 GB/s | 50% |"),
            "{t}"
        );
        assert!(
            t.contains("| exp/f64/1e3 | n/a (exp: no kernels / yet) | 2.00 µs |  |  |  |"),
            "{t}"
        );
        assert!(
            t.contains("| copy/f64/1e5 | 100 µs | 50.0 µs | 0.50 | 16.0 GB/s |  |"),
            "{t}"
        );
        assert!(t.contains("xp ran 2 of 3 cases; where both ran (2)"), "{t}");
        assert!(!t.contains("xp backend"), "{t}");
        let mut on_gpu = xp.clone();
        on_gpu.push(json!({"backend": {"name": "wgpu", "device": "wgpu:0 (llvmpipe)"}}));
        let g = render(&cases, &on_gpu, None, "test cpu");
        assert!(
            g.contains("**xp backend: wgpu** (wgpu:0 (llvmpipe))"),
            "{g}"
        );
        let x_only = render(&cases, &xp, None, "test cpu");
        assert!(
            x_only.contains("| add_into/f64/1e7 | 20.0 ms | 12.0 GB/s | 50% |"),
            "{x_only}"
        );
        assert!(!x_only.contains("NumPy/xp |"));
    }

    #[test]
    fn linalg_rows_show_gflops_on_both_sides() {
        let mut c = case("matmul/f64/1024", "linalg", "flops", 0, 1 << 20);
        c["flops"] = json!(2_000_000_000u64);
        let xp = vec![json!({"case": "matmul/f64/1024", "ok": true, "median_s": 0.02})];
        let np = vec![json!({"case": "matmul/f64/1024", "ok": true, "median_s": 0.04})];
        let t = render(&[c], &xp, Some(&np), "test cpu");
        assert!(t.contains("## Linear algebra"), "{t}");
        assert!(
            t.contains(
                "| matmul/f64/1024 | 20.0 ms | 40.0 ms | 2.00 | 100.0 GFLOP/s | 50.0 GFLOP/s |"
            ),
            "{t}"
        );
    }

    #[test]
    fn long_errors_are_cut() {
        let e = "x".repeat(200);
        assert_eq!(cell_text(&e).chars().count(), 90);
    }
}
