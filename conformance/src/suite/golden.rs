//! The NumPy golden corpus (`conformance/golden/`, made by `make_golden.py`): every
//! manifest case is run on the device and compared exactly with NumPy's output.
//!
//! The manifest and the `.npz` files are embedded at compile time and read with xp's own
//! [`read_npz`](array_api::io::read_npz). Results go to the report as `numpy: <function>`.

use super::check::{close_snapshot, error_kind, Outcome};
use super::golden_ops::execute;
use super::Ctx;
use crate::tolerance::Tolerance;
use array_api::Backend;
use array_api::{io, Error, HostData};
use serde_json::Value;
use std::collections::HashMap;

const MANIFEST: &str = include_str!("../../golden/manifest.json");

/// The corpus files, embedded.
const FILES: &[(&str, &[u8])] = &[
    (
        "astype_bool.npz",
        include_bytes!("../../golden/astype_bool.npz"),
    ),
    (
        "astype_int8.npz",
        include_bytes!("../../golden/astype_int8.npz"),
    ),
    (
        "astype_int16.npz",
        include_bytes!("../../golden/astype_int16.npz"),
    ),
    (
        "astype_int32.npz",
        include_bytes!("../../golden/astype_int32.npz"),
    ),
    (
        "astype_int64.npz",
        include_bytes!("../../golden/astype_int64.npz"),
    ),
    (
        "astype_uint8.npz",
        include_bytes!("../../golden/astype_uint8.npz"),
    ),
    (
        "astype_uint16.npz",
        include_bytes!("../../golden/astype_uint16.npz"),
    ),
    (
        "astype_uint32.npz",
        include_bytes!("../../golden/astype_uint32.npz"),
    ),
    (
        "astype_uint64.npz",
        include_bytes!("../../golden/astype_uint64.npz"),
    ),
    (
        "astype_float32.npz",
        include_bytes!("../../golden/astype_float32.npz"),
    ),
    (
        "astype_float64.npz",
        include_bytes!("../../golden/astype_float64.npz"),
    ),
    (
        "astype_complex64.npz",
        include_bytes!("../../golden/astype_complex64.npz"),
    ),
    (
        "astype_complex128.npz",
        include_bytes!("../../golden/astype_complex128.npz"),
    ),
    ("creation.npz", include_bytes!("../../golden/creation.npz")),
    (
        "manipulation.npz",
        include_bytes!("../../golden/manipulation.npz"),
    ),
    ("indexing.npz", include_bytes!("../../golden/indexing.npz")),
    (
        "elementwise.npz",
        include_bytes!("../../golden/elementwise.npz"),
    ),
    ("stats.npz", include_bytes!("../../golden/stats.npz")),
    ("linalg.npz", include_bytes!("../../golden/linalg.npz")),
];

/// The arrays of one `.npz` file by member name: data and shape.
pub type Members = HashMap<String, (HostData, Vec<usize>)>;

/// One manifest case (see `make_golden.py` for the fields).
#[derive(Clone, Debug, PartialEq)]
pub struct GoldenCase {
    /// Unique id, e.g. `"arange_003"`.
    pub id: String,
    /// The xp function checked.
    pub function: String,
    /// Non-array arguments.
    pub params: Value,
    /// The `.npz` file holding the arrays, if any.
    pub file: Option<String>,
    /// Role → member name (or list of member names).
    pub inputs: Value,
    /// Expected member name, list of member names, or null.
    pub expected: Value,
    /// Expected JSON value for functions returning no array.
    pub expected_value: Value,
    /// The expected error kind (`"any"` for any error), when NumPy fails.
    pub error: Option<String>,
}

/// Every case of the embedded manifest.
pub fn golden_cases() -> Result<Vec<GoldenCase>, String> {
    parse_cases(MANIFEST)
}

/// The cases of a manifest's text.
pub(super) fn parse_cases(manifest: &str) -> Result<Vec<GoldenCase>, String> {
    let m: Value = serde_json::from_str(manifest).map_err(|e| format!("manifest: {e}"))?;
    let cases = m["cases"].as_array().ok_or("manifest.json: no cases")?;
    cases
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().map(str::to_string);
            Ok(GoldenCase {
                id: s("id").ok_or("case without id")?,
                function: s("function").ok_or("case without function")?,
                params: c["params"].clone(),
                file: s("file"),
                inputs: c["inputs"].clone(),
                expected: c["expected"].clone(),
                expected_value: c["expected_value"].clone(),
                error: s("error"),
            })
        })
        .collect()
}

/// Reads one embedded `.npz` file.
pub fn load_members(file: &str) -> Result<Members, String> {
    let bytes = FILES
        .iter()
        .find(|(n, _)| *n == file)
        .map(|(_, b)| *b)
        .ok_or_else(|| format!("golden file {file} is not embedded"))?;
    let entries = io::read_npz(std::io::Cursor::new(bytes)).map_err(|e| format!("{file}: {e}"))?;
    Ok(entries.into_iter().map(|(n, h, s)| (n, (h, s))).collect())
}

/// What a case produced on the device.
pub enum Produced {
    /// Output arrays.
    Arrays(Vec<(Vec<usize>, HostData)>),
    /// A JSON value (dtype names, booleans, limits).
    Value(Value),
}

impl Produced {
    /// The outputs of an op returning arrays.
    pub fn arrays<T: Outcome>(r: T) -> array_api::Result<Produced> {
        r.snapshot().map(Produced::Arrays)
    }
}

fn expected_arrays(
    case: &GoldenCase,
    members: &Members,
) -> Result<Vec<(Vec<usize>, HostData)>, String> {
    let names: Vec<&str> = match &case.expected {
        Value::String(s) => vec![s.as_str()],
        Value::Array(v) => v.iter().filter_map(|x| x.as_str()).collect(),
        _ => return Err("case has no expected output".into()),
    };
    names
        .iter()
        .map(|n| {
            members
                .get(*n)
                .map(|(h, s)| (s.clone(), h.clone()))
                .ok_or_else(|| format!("member {n} missing"))
        })
        .collect()
}

/// Why a golden case was not checked on a device.
enum Skip {
    /// The device does not support this dtype.
    DType(array_api::DType),
    /// The backend does not implement the op (`Err(UnsupportedOp)`).
    Op(&'static str),
}

/// Checks one case; `Ok(None)` on success, `Ok(Some(skip))` when skipped (unsupported
/// dtype, or an op the backend does not implement), `Err(message)` on failure.
fn check_case<B: Backend>(
    device: &B,
    case: &GoldenCase,
    members: &Members,
    produced: Result<array_api::Result<Produced>, String>,
) -> Result<Option<Skip>, String> {
    let produced = produced?;
    match (&case.error, produced) {
        (_, Err(Error::UnsupportedDType { dtype, .. })) if !device.supports(dtype) => {
            Ok(Some(Skip::DType(dtype)))
        }
        (_, Err(Error::UnsupportedOp { op, .. })) => Ok(Some(Skip::Op(op))),
        (Some(kind), Err(e)) => {
            if kind == "any" || *kind == error_kind(&e) {
                Ok(None)
            } else {
                Err(format!(
                    "error {}: {e}; NumPy's failure corresponds to {kind}",
                    error_kind(&e)
                ))
            }
        }
        (Some(kind), Ok(_)) => Err(format!("succeeds; NumPy fails ({kind})")),
        (None, Err(e)) => Err(format!("error {}: {e}; NumPy succeeds", error_kind(&e))),
        (None, Ok(Produced::Value(v))) => {
            if v == case.expected_value {
                Ok(None)
            } else {
                Err(format!("got {v}, NumPy gives {}", case.expected_value))
            }
        }
        (None, Ok(Produced::Arrays(got))) => {
            let want = expected_arrays(case, members)?;
            if let Some(rtol) = case.params["rtol"].as_f64() {
                return super::golden_linalg::normwise(&got, &want, rtol).map(|_| None);
            }
            let tol = match case.params["ulp"].as_u64() {
                Some(n) => Tolerance::Ulp(n),
                None => super::golden_elementwise::tolerance(case, members),
            };
            close_snapshot(&got, &want, tol).map(|_| None)
        }
    }
}

/// Runs every golden case on the device. With `XP_CONFORMANCE_VERBOSE` set, every failing
/// case is printed to stderr (the report keeps only each function's first failure).
pub fn run<B: Backend>(ctx: &mut Ctx<'_, B>) {
    run_manifest(ctx, MANIFEST, "manifest.json", execute);
}

/// The outcome of running one case on a device.
pub(super) type Executed = Result<array_api::Result<Produced>, String>;

/// Runs every case of `manifest` (named `label` in failures) with `exec`.
pub(super) fn run_manifest<B: Backend>(
    ctx: &mut Ctx<'_, B>,
    manifest: &str,
    label: &str,
    exec: impl Fn(&B, &GoldenCase, &Members) -> Executed,
) {
    let verbose = std::env::var_os("XP_CONFORMANCE_VERBOSE").is_some();
    let cases = match parse_cases(manifest) {
        Ok(c) => c,
        Err(e) => {
            ctx.fixed("numpy: manifest", label, Err(e));
            return;
        }
    };
    let mut files: HashMap<String, Members> = HashMap::new();
    let empty = Members::new();
    for case in &cases {
        let name = format!("numpy: {}", case.function);
        if let Some(f) = &case.file {
            if !files.contains_key(f) {
                match load_members(f) {
                    Ok(m) => {
                        files.insert(f.clone(), m);
                    }
                    Err(e) => {
                        ctx.fixed(&name, &case.id, Err(e));
                        continue;
                    }
                }
            }
        }
        let members = case
            .file
            .as_ref()
            .and_then(|f| files.get(f))
            .unwrap_or(&empty);
        let input = format!("case {} params {}", case.id, case.params);
        let produced = exec(ctx.device, case, members);
        match check_case(ctx.device, case, members, produced) {
            Ok(None) => ctx.fixed(&name, input, Ok(())),
            Ok(Some(Skip::DType(dtype))) => ctx.report.unsupported(&name, &[dtype]),
            Ok(Some(Skip::Op(op))) => ctx.report.not_implemented(&name, op),
            Err(m) => {
                if verbose {
                    eprintln!("golden {}: {m}", case.id);
                }
                ctx.fixed(&name, input, Err(format!("{}: {m}", case.id)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_and_files_load() {
        let cases = golden_cases().unwrap();
        assert!(cases.len() > 500);
        for (f, _) in FILES {
            let m = load_members(f).unwrap();
            assert!(!m.is_empty(), "{f}");
        }
        for c in &cases {
            if let Some(f) = &c.file {
                assert!(FILES.iter().any(|(n, _)| n == f), "{} uses {f}", c.id);
            }
        }
    }
}
