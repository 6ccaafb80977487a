//! [`Report`]: per-function results of a conformance run, as JSON and Markdown.

use array_api::DType;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// How one function fared.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Every generated and golden case matched.
    Pass,
    /// A case did not match.
    Fail {
        /// The first failure's message.
        message: String,
        /// The (shrunk, minimal) input of that failure.
        input: String,
    },
}

/// The result of one function.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionReport {
    /// Pass or the first failure.
    pub status: Status,
    /// Number of cases run (generated plus fixed).
    pub cases: u64,
    /// How many of the passing cases were valid inputs (the reference returned `Ok`)
    /// rather than error cases.
    pub valid: u64,
    /// The dtypes of this function that the backend does not support (not run; checked to
    /// be rejected with `Err(UnsupportedDType)` where the function creates arrays).
    pub unsupported: Vec<DType>,
    /// `Some(op)` when the backend does not implement the function at all
    /// (`Err(UnsupportedOp)` naming `op`): its cases were not run.
    pub not_implemented: Option<String>,
}

impl FunctionReport {
    /// The status word of the JSON report and the matrix: `"fail"`, `"unsupported"` (some
    /// dtype is unsupported or the op is not implemented, and nothing failed) or `"pass"`.
    pub fn status_word(&self) -> &'static str {
        match self.status {
            Status::Fail { .. } => "fail",
            Status::Pass if !self.unsupported.is_empty() || self.not_implemented.is_some() => {
                "unsupported"
            }
            Status::Pass => "pass",
        }
    }

    /// One line of detail: the failure message, the op not implemented, the unsupported
    /// dtypes, or the case count.
    pub fn detail(&self) -> String {
        match &self.status {
            Status::Fail { message, .. } => message.clone(),
            Status::Pass if self.not_implemented.is_some() => format!(
                "{} not implemented on this backend",
                self.not_implemented.as_deref().unwrap_or("")
            ),
            Status::Pass if !self.unsupported.is_empty() => dtype_list(&self.unsupported),
            Status::Pass => format!("{} cases", self.cases),
        }
    }
}

fn dtype_list(dtypes: &[DType]) -> String {
    dtypes
        .iter()
        .map(|d| d.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Results of a conformance run on one backend, keyed by function name.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The suite name (the matrix column), e.g. `"cpu"`.
    pub backend: String,
    /// The device the suite ran on.
    pub device: String,
    /// Per function, in name order.
    pub functions: BTreeMap<String, FunctionReport>,
}

impl Report {
    /// An empty report for suite `backend` on `device`.
    pub fn new(backend: impl Into<String>, device: impl Into<String>) -> Report {
        Report {
            backend: backend.into(),
            device: device.into(),
            functions: BTreeMap::new(),
        }
    }

    fn entry(&mut self, name: &str) -> &mut FunctionReport {
        self.functions
            .entry(name.to_string())
            .or_insert(FunctionReport {
                status: Status::Pass,
                cases: 0,
                valid: 0,
                unsupported: Vec::new(),
                not_implemented: None,
            })
    }

    /// Records `cases` passing cases of `name`.
    pub fn pass(&mut self, name: &str, cases: u64) {
        self.entry(name).cases += cases;
    }

    /// Records that `count` of the passing cases of `name` were valid inputs.
    pub fn valid(&mut self, name: &str, count: u64) {
        self.entry(name).valid += count;
    }

    /// Records a failure of `name`; only the first failure's message and input are kept.
    pub fn fail(&mut self, name: &str, message: impl Into<String>, input: impl Into<String>) {
        let e = self.entry(name);
        e.cases += 1;
        if e.status == Status::Pass {
            e.status = Status::Fail {
                message: message.into(),
                input: input.into(),
            };
        }
    }

    /// Records dtypes of `name` that the backend does not support.
    pub fn unsupported(&mut self, name: &str, dtypes: &[DType]) {
        let e = self.entry(name);
        for d in dtypes {
            if !e.unsupported.contains(d) {
                e.unsupported.push(*d);
            }
        }
        e.unsupported.sort();
    }

    /// Records that the backend does not implement `name` at all: its op `op` returned
    /// `Err(UnsupportedOp)`. The function shows as unsupported with that reason.
    pub fn not_implemented(&mut self, name: &str, op: &str) {
        self.entry(name)
            .not_implemented
            .get_or_insert_with(|| op.to_string());
    }

    /// The result of one function.
    pub fn get(&self, name: &str) -> Option<&FunctionReport> {
        self.functions.get(name)
    }

    /// `true` when no function failed.
    pub fn all_passed(&self) -> bool {
        self.failures().is_empty()
    }

    /// The names of the failed functions.
    pub fn failures(&self) -> Vec<&str> {
        self.functions
            .iter()
            .filter(|(_, f)| matches!(f.status, Status::Fail { .. }))
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// The report as JSON: `{"backend", "device", "functions": [{"name", "status",
    /// "detail", "cases", "unsupported", "message"?, "input"?}]}` (the format `cargo xtask
    /// conformance` reads).
    pub fn to_json(&self) -> Value {
        let functions: Vec<Value> = self
            .functions
            .iter()
            .map(|(name, f)| {
                let mut v = json!({
                    "name": name,
                    "status": f.status_word(),
                    "detail": f.detail(),
                    "cases": f.cases,
                    "valid": f.valid,
                    "unsupported": f.unsupported.iter().map(|d| d.name()).collect::<Vec<_>>(),
                });
                if let Some(op) = &f.not_implemented {
                    v["not_implemented"] = json!(op);
                }
                if let Status::Fail { message, input } = &f.status {
                    v["message"] = json!(message);
                    v["input"] = json!(input);
                }
                v
            })
            .collect();
        json!({
            "backend": self.backend,
            "device": self.device,
            "functions": functions,
        })
    }

    /// The report as a Markdown table, failures (with their inputs) listed after it.
    pub fn to_markdown(&self) -> String {
        let mut md = format!(
            "## Conformance: {} ({})\n\n| function | status | cases | valid | unsupported dtypes |\n|---|---|---|---|---|\n",
            self.backend, self.device
        );
        for (name, f) in &self.functions {
            let status = match f.status_word() {
                "fail" => "**FAIL**",
                w => w,
            };
            md += &format!(
                "| {name} | {status} | {} | {} | {} |\n",
                f.cases,
                f.valid,
                match &f.not_implemented {
                    Some(op) => format!("all ({op} not implemented)"),
                    None => dtype_list(&f.unsupported),
                }
            );
        }
        let failures = self.failures();
        md += &format!(
            "\n{} functions: {} passed, {} failed\n",
            self.functions.len(),
            self.functions.len() - failures.len(),
            failures.len()
        );
        for (name, f) in &self.functions {
            if let Status::Fail { message, input } = &f.status {
                md += &format!(
                    "\n### {name}\n\n{}\n\nminimal input:\n\n```text\n{input}\n```\n",
                    message.trim()
                );
            }
        }
        md
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_and_render() {
        let mut r = Report::new("cpu", "cpu");
        r.pass("flip", 64);
        r.pass("concat", 10);
        r.fail("concat", "values differ", "[1, 2]");
        r.fail("concat", "second failure", "ignored");
        r.unsupported("zeros", &[DType::Float64, DType::Complex128]);
        r.pass("zeros", 3);
        r.not_implemented("qr", "linalg.qr");
        assert!(!r.all_passed());
        assert_eq!(r.failures(), vec!["concat"]);
        let j = r.to_json();
        assert_eq!(j["backend"], "cpu");
        let f = j["functions"].as_array().unwrap();
        assert_eq!(f[0]["name"], "concat");
        assert_eq!(f[0]["status"], "fail");
        assert_eq!(f[0]["message"], "values differ");
        assert_eq!(f[1]["status"], "pass");
        assert_eq!(f[2]["status"], "unsupported");
        assert_eq!(f[2]["detail"], "linalg.qr not implemented on this backend");
        assert_eq!(f[2]["name"], "qr");
        assert_eq!(f[3]["status"], "unsupported");
        assert_eq!(f[3]["detail"], "float64, complex128");
        let md = r.to_markdown();
        assert!(md.contains("| concat | **FAIL** | 12 | 0 |"), "{md}");
        assert!(md.contains("4 functions: 3 passed, 1 failed"), "{md}");
        assert!(
            md.contains("| qr | unsupported | 0 | 0 | all (linalg.qr not implemented) |"),
            "{md}"
        );
        assert!(md.contains("values differ"));
    }
}
