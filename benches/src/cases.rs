//! The benchmark cases, shared by the criterion benches, the `xpbench` binary and the NumPy
//! script (through [`Case::to_json`]).
//!
//! Every case is described by data only (kind, op, dtype, shape, whether it writes into a
//! preallocated output), so that the NumPy side can rebuild exactly the same workload. The
//! inputs are deterministic (see [`input_f64`]) and identical on both sides.

pub use crate::cases_stats::StatOp;
use serde_json::{json, Value};
use xp::{BinaryOp, DType, UnaryOp};

#[path = "cases_linalg.rs"]
mod cases_linalg;
pub use cases_linalg::{linalg, LinalgOp};

/// Which criterion bench a case belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Elementwise functions, `where`, `clip`: `benches/elementwise.rs`.
    Elementwise,
    /// Foundation ops (copies, casts, transposes, gathers, creation): `benches/copy.rs`.
    Copy,
    /// Fourier transforms (`crate::cases_fft`).
    Fft,
    /// Linear algebra (matmul, factorizations, einsum): `benches/linalg.rs`.
    Linalg,
    /// Statistics, sorting and sets (see [`crate::cases_stats`]): `benches/stats.rs`.
    Stats,
}

impl Family {
    /// The family's name in JSON and in the table: `"elementwise"`, `"copy"`, `"fft"`,
    /// `"linalg"` or `"stats"`.
    pub fn name(self) -> &'static str {
        match self {
            Family::Elementwise => "elementwise",
            Family::Copy => "copy",
            Family::Fft => "fft",
            Family::Linalg => "linalg",
            Family::Stats => "stats",
        }
    }
}

/// What limits a case's speed, which decides how its throughput is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// Memory traffic: reported in GB/s and as a fraction of the machine's bandwidth.
    Memory,
    /// Arithmetic (transcendental functions): reported in elements per second.
    Compute,
    /// Floating-point operations (linear algebra): reported in GFLOP/s from
    /// [`Case::flops`].
    Flops,
}

/// The workload of a case.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// `op(x)`; `shape` is `x`'s shape.
    Unary(UnaryOp),
    /// `op(x, y)`, same shapes; `shape` is the operands' shape.
    Binary(BinaryOp),
    /// `op(x, y)` with `x` of `shape` `(rows, cols)` and `y` of shape `(cols,)` (broadcast).
    Broadcast(BinaryOp),
    /// `op(x[::2], y[::2])`: `shape` is the source shape `(2n,)`, the views have `n`
    /// elements.
    Strided(BinaryOp),
    /// `where(c, x, y)` with a bool `c`; `shape` is the common shape.
    Where,
    /// `clip(x, 0.75, 1.5)` (scalar bounds).
    Clip,
    /// `x[1:].copy()`, `x` of `n + 1` elements (`shape` is `(n,)`, the result's): a new
    /// contiguous copy. (Not `x.copy()` of a whole buffer: xp shares that copy-on-write, so
    /// it would time a reference-count increment, not a copy.)
    Copy,
    /// `out[...] = x` (NumPy's `copyto(out, x)`): a copy into a preallocated array.
    CopyInto,
    /// `x[::2].copy()`: `shape` is the source shape `(2n,)`.
    StridedCopy,
    /// `x.T.copy()` of a 2-d `x` of `shape`: a C-order copy of the transpose.
    TransposeCopy,
    /// `x.astype(to)`; `dtype` is the source dtype.
    Astype(DType),
    /// `take(x, idx)` with `idx` an `int64` array of `shape[0]` pseudo-random indices into
    /// the 1-d `x` of `shape`.
    Gather,
    /// `full(shape, 1.5, dtype)`.
    Full,
    /// `arange(0, n, 1, dtype)`.
    Arange,
    /// `fft.fft(x)` along the last axis of a complex `x`.
    Fft,
    /// `fft.rfft(x)` along the last axis of a real `x`.
    Rfft,
    /// `fft.fftn(x, axes=(-2, -1))` of a 2-d complex `x` (NumPy's `fft2`).
    Fft2,
    /// A linear-algebra workload (see [`LinalgOp`]).
    Linalg(LinalgOp),
    /// A statistics, sorting or set op of `x` of `shape` (see [`StatOp`]).
    Stats(StatOp),
}

impl Kind {
    /// The kind's name in JSON (what `bench.py` dispatches on).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Unary(_) => "unary",
            Kind::Binary(_) => "binary",
            Kind::Broadcast(_) => "broadcast",
            Kind::Strided(_) => "strided",
            Kind::Where => "where",
            Kind::Clip => "clip",
            Kind::Copy => "copy",
            Kind::CopyInto => "copy_into",
            Kind::StridedCopy => "strided_copy",
            Kind::TransposeCopy => "transpose_copy",
            Kind::Astype(_) => "astype",
            Kind::Gather => "gather",
            Kind::Full => "full",
            Kind::Arange => "arange",
            Kind::Fft => "fft",
            Kind::Rfft => "rfft",
            Kind::Fft2 => "fft2",
            Kind::Linalg(_) => "linalg",
            Kind::Stats(_) => "stats",
        }
    }

    /// The elementwise op's name in the standard (`"add"`, `"exp"`, `"pow"`), if any.
    pub fn op(self) -> Option<&'static str> {
        match self {
            Kind::Unary(op) => Some(op.name()),
            Kind::Binary(op) | Kind::Broadcast(op) | Kind::Strided(op) => Some(op.name()),
            Kind::Linalg(op) => Some(op.name()),
            Kind::Stats(op) => Some(op.name()),
            _ => None,
        }
    }
}

/// One benchmark case.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// Unique name, e.g. `add_into/f64/1e7`: op, dtype, size.
    pub name: String,
    /// The criterion bench it belongs to.
    pub family: Family,
    /// The workload.
    pub kind: Kind,
    /// The element dtype of the (first) input.
    pub dtype: DType,
    /// The shape of the (first) input (see [`Kind`] for what it means per kind).
    pub shape: Vec<usize>,
    /// Whether the result is written into a preallocated output (`*_into`, NumPy's `out=`)
    /// instead of a new array.
    pub into: bool,
    /// Bytes a call must at least read and write (the useful traffic, without
    /// write-allocate), for GB/s.
    pub bytes: u64,
    /// What limits the case's speed.
    pub bound: Bound,
    /// Floating-point operations of a call ([`Bound::Flops`] cases; 0 for the others).
    pub flops: u64,
}

impl Case {
    /// Number of elements of the result.
    pub fn elements(&self) -> usize {
        match self.kind {
            Kind::Strided(_) | Kind::StridedCopy => self.shape.iter().product::<usize>() / 2,
            _ => self.shape.iter().product(),
        }
    }

    /// The case as a JSON object: `name`, `family`, `kind`, `op` (standard name or null),
    /// `dtype`, `to` (astype target or null), `shape`, `into`, `bytes`, `bound`
    /// (`"memory"`/`"compute"`/`"flops"`), `elements`, `flops`.
    pub fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "family": self.family.name(),
            "kind": self.kind.name(),
            "op": self.kind.op(),
            "dtype": self.dtype.name(),
            "to": match self.kind { Kind::Astype(t) => Some(t.name()), _ => None },
            "shape": self.shape,
            "into": self.into,
            "bytes": self.bytes,
            "bound": match self.bound {
                Bound::Memory => "memory",
                Bound::Compute => "compute",
                Bound::Flops => "flops",
            },
            "elements": self.elements(),
            "flops": self.flops,
        })
    }

    /// Whether the case's name contains any of `filters`, or its family's name equals one
    /// (every case when there is none).
    pub fn matches(&self, filters: &[String]) -> bool {
        filters.is_empty()
            || filters
                .iter()
                .any(|f| self.name.contains(f.as_str()) || self.family.name() == f)
    }

    /// Whether the case belongs to the `--quick` set: results of at most 10⁵ elements, or
    /// at most 3·10⁸ floating-point operations for [`Bound::Flops`] cases.
    pub fn is_quick(&self) -> bool {
        match self.bound {
            Bound::Flops => self.flops <= 300_000_000,
            _ => self.elements() <= 100_000,
        }
    }
}

/// `1e7` for powers of ten, `1000x10000` for 2-d shapes, else the number.
pub(crate) fn size_label(shape: &[usize]) -> String {
    if shape.len() == 2 {
        return format!("{}x{}", shape[0], shape[1]);
    }
    let n: usize = shape.iter().product();
    let mut p = 1usize;
    for e in 0..20 {
        if p == n && n >= 1000 {
            return format!("1e{e}");
        }
        p = p.saturating_mul(10);
    }
    n.to_string()
}

/// `f32`, `f64`, `i64`: the short dtype names used in case names.
pub fn short_dtype(d: DType) -> &'static str {
    match d {
        DType::Float32 => "f32",
        DType::Float64 => "f64",
        DType::Int64 => "i64",
        DType::Int32 => "i32",
        DType::Bool => "bool",
        other => other.name(),
    }
}

/// Bytes of one element of `d` (for the traffic estimates).
pub(crate) fn size_of(d: DType) -> u64 {
    match d {
        DType::Bool | DType::Int8 | DType::UInt8 => 1,
        DType::Int16 | DType::UInt16 => 2,
        DType::Int32 | DType::UInt32 | DType::Float32 => 4,
        DType::Complex128 => 16,
        _ => 8,
    }
}

/// Element counts of the elementwise and copy cases.
pub const SIZES: [usize; 3] = [1_000, 100_000, 10_000_000];

fn case(family: Family, kind: Kind, dtype: DType, shape: &[usize], into: bool) -> Case {
    let s = size_of(dtype);
    let total: u64 = shape.iter().product::<usize>() as u64;
    let (label, bytes, bound) = match kind {
        Kind::Unary(op) => {
            let bound = if matches!(op, UnaryOp::Negative | UnaryOp::Abs | UnaryOp::Square) {
                Bound::Memory
            } else {
                Bound::Compute
            };
            (op.name().to_string(), 2 * s * total, bound)
        }
        Kind::Binary(op) => {
            let bound = if matches!(op, BinaryOp::Pow | BinaryOp::Hypot | BinaryOp::Atan2) {
                Bound::Compute
            } else {
                Bound::Memory
            };
            (op.name().to_string(), 3 * s * total, bound)
        }
        Kind::Broadcast(op) => {
            let cols = shape[1] as u64;
            (
                format!("{}_bcast", op.name()),
                s * (2 * total + cols),
                Bound::Memory,
            )
        }
        Kind::Strided(op) => (
            format!("{}_strided", op.name()),
            3 * s * (total / 2),
            Bound::Memory,
        ),
        Kind::Where => ("where".into(), total * (1 + 3 * s), Bound::Memory),
        Kind::Clip => ("clip".into(), 2 * s * total, Bound::Memory),
        Kind::Copy => ("copy".into(), 2 * s * total, Bound::Memory),
        Kind::CopyInto => ("copy".into(), 2 * s * total, Bound::Memory),
        Kind::StridedCopy => ("strided_copy".into(), 2 * s * (total / 2), Bound::Memory),
        Kind::TransposeCopy => ("transpose_copy".into(), 2 * s * total, Bound::Memory),
        Kind::Astype(to) => (
            format!("astype_{}", short_dtype(to)),
            (s + size_of(to)) * total,
            Bound::Memory,
        ),
        Kind::Gather => ("take".into(), total * (8 + 2 * s), Bound::Memory),
        Kind::Full => ("full".into(), s * total, Bound::Memory),
        Kind::Arange => ("arange".into(), s * total, Bound::Memory),
        Kind::Fft | Kind::Rfft | Kind::Fft2 => (kind.name().into(), 2 * s * total, Bound::Compute),
        Kind::Linalg(_) => unreachable!("linalg cases are built by cases_linalg"),
        Kind::Stats(_) => unreachable!("stats cases are built by cases_stats"),
    };
    let suffix = if into { "_into" } else { "" };
    let n_label = match kind {
        Kind::Strided(_) | Kind::StridedCopy => size_label(&[shape[0] / 2]),
        _ => size_label(shape),
    };
    Case {
        name: case_name(&format!("{label}{suffix}"), dtype, &n_label),
        family,
        kind,
        dtype,
        shape: shape.to_vec(),
        into,
        bytes,
        bound,
        flops: 0,
    }
}

/// `op/dtype/size`, e.g. `add_into/f64/1e7`.
pub(crate) fn case_name(op: &str, dtype: DType, size: &str) -> String {
    format!("{op}/{}/{size}", short_dtype(dtype))
}

/// The elementwise cases: add, multiply, exp, sin, log, tanh, pow, hypot, atan2 in f32
/// and f64 at 10³, 10⁵, 10⁷ elements (into a preallocated output, then allocating);
/// broadcast add (`(rows, cols) + (cols,)`), strided add (`x[::2] + y[::2]`), `where`,
/// `clip`.
pub fn elementwise() -> Vec<Case> {
    use Family::Elementwise as E;
    let floats = [DType::Float64, DType::Float32];
    let mut v = Vec::new();
    let unary = [UnaryOp::Exp, UnaryOp::Sin, UnaryOp::Log, UnaryOp::Tanh];
    let binary = [
        BinaryOp::Add,
        BinaryOp::Multiply,
        BinaryOp::Pow,
        BinaryOp::Hypot,
        BinaryOp::Atan2,
    ];
    let kinds: Vec<Kind> = binary[..2]
        .iter()
        .map(|&o| Kind::Binary(o))
        .chain(unary.iter().map(|&o| Kind::Unary(o)))
        .chain(binary[2..].iter().map(|&o| Kind::Binary(o)))
        .collect();
    for kind in kinds {
        for d in floats {
            for n in SIZES {
                for into in [true, false] {
                    v.push(case(E, kind, d, &[n], into));
                }
            }
        }
    }
    for d in floats {
        for shape in [[100, 1_000], [1_000, 10_000]] {
            for into in [true, false] {
                v.push(case(E, Kind::Broadcast(BinaryOp::Add), d, &shape, into));
            }
        }
    }
    for d in floats {
        for n in [100_000, 10_000_000] {
            for into in [true, false] {
                v.push(case(E, Kind::Strided(BinaryOp::Add), d, &[2 * n], into));
            }
        }
    }
    for kind in [Kind::Where, Kind::Clip] {
        for d in floats {
            for n in [100_000, 10_000_000] {
                v.push(case(E, kind, d, &[n], false));
            }
        }
    }
    v
}

/// The foundation cases, which need no elementwise kernels: contiguous copy (new array and
/// into a preallocated one), strided copy, transposed copy, `astype`, gather (`take`),
/// `full`, `arange`.
pub fn copy() -> Vec<Case> {
    use Family::Copy as C;
    let floats = [DType::Float64, DType::Float32];
    let ns = [100_000, 10_000_000];
    let mut v = Vec::new();
    for d in floats {
        for n in ns {
            v.push(case(C, Kind::Copy, d, &[n], false));
            v.push(case(C, Kind::CopyInto, d, &[n], true));
        }
    }
    for n in ns {
        v.push(case(C, Kind::StridedCopy, DType::Float64, &[2 * n], false));
    }
    for d in floats {
        for shape in [[320, 320], [3_200, 3_200]] {
            v.push(case(C, Kind::TransposeCopy, d, &shape, false));
        }
    }
    for (from, to) in [
        (DType::Float64, DType::Float32),
        (DType::Float32, DType::Float64),
        (DType::Int64, DType::Float64),
    ] {
        for n in ns {
            v.push(case(C, Kind::Astype(to), from, &[n], false));
        }
    }
    for d in floats {
        for n in ns {
            v.push(case(C, Kind::Gather, d, &[n], false));
        }
    }
    for n in ns {
        v.push(case(C, Kind::Full, DType::Float64, &[n], false));
        v.push(case(C, Kind::Arange, DType::Float64, &[n], false));
    }
    v
}

/// Every case: [`elementwise`], [`copy`], the fft cases, then [`linalg`].
pub fn all() -> Vec<Case> {
    let mut v = elementwise();
    v.extend(copy());
    v.extend(crate::cases_fft::fft_cases());
    v.extend(linalg());
    v.extend(crate::cases_stats::stats());
    v
}

/// The cases [`all`] selected by `--quick` (results of at most 10⁵ elements) and by name
/// `filters` (any substring; none selects all).
pub fn select(quick: bool, filters: &[String]) -> Vec<Case> {
    all()
        .into_iter()
        .filter(|c| (!quick || c.is_quick()) && c.matches(filters))
        .collect()
}

/// The golden-ratio sequence offsets of the two float inputs.
pub const ALPHAS: [f64; 2] = [0.618_033_988_749_894_9, 0.414_213_562_373_095_1];

/// The deterministic float input number `seed` (0 or 1) of `n` elements:
/// `0.5 + 1.5 * frac(i * ALPHAS[seed])`, in `[0.5, 2)` (positive, so `log` and `pow` stay
/// finite). `bench.py` computes the same values.
pub fn input_f64(n: usize, seed: usize) -> Vec<f64> {
    let a = ALPHAS[seed];
    (0..n).map(|i| 0.5 + 1.5 * (i as f64 * a).fract()).collect()
}

/// The bool condition of `where`: `frac(i * ALPHAS[0]) < 0.5`.
pub fn input_bool(n: usize) -> Vec<bool> {
    (0..n)
        .map(|i| (i as f64 * ALPHAS[0]).fract() < 0.5)
        .collect()
}

/// The `int64` input of `astype`: `(i * 7919) % 1000003`.
pub fn input_i64(n: usize) -> Vec<i64> {
    (0..n as i64).map(|i| (i * 7919) % 1_000_003).collect()
}

/// The gather indices into `n` elements: `(i * 2654435761) % n` for `i < n` (a
/// multiplicative hash: scattered, deterministic).
pub fn gather_indices(n: usize) -> Vec<i64> {
    (0..n as u64)
        .map(|i| (i * 2_654_435_761 % n as u64) as i64)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_and_labelled() {
        let all = all();
        let names: HashSet<&str> = all.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), all.len());
        assert!(names.contains("add_into/f64/1e7"));
        assert!(names.contains("exp/f32/1e3"));
        assert!(names.contains("add_bcast_into/f64/1000x10000"));
        assert!(names.contains("add_strided_into/f64/1e7"));
        assert!(names.contains("astype_f32/f64/1e7"));
        assert!(names.contains("transpose_copy/f64/3200x3200"));
        assert!(names.contains("matmul/f32/2048"));
        assert!(names.contains("matmul/f64/10000x4x4"));
        assert!(names.contains("svd/f64/500"));
    }

    #[test]
    fn linalg_flops_and_family_filter() {
        let all = all();
        let get = |n: &str| all.iter().find(|c| c.name == n).unwrap();
        assert_eq!(get("matmul/f64/1024").flops, 2 * 1024 * 1024 * 1024);
        assert_eq!(get("matmul/f32/10000x4x4").flops, 10_000 * 2 * 64);
        assert_eq!(get("qr/f64/1000").flops, 4 * 1_000_000_000 / 3);
        let l = select(false, &["linalg".to_string()]);
        assert_eq!(l.len(), linalg().len());
        assert!(l.iter().all(|c| c.bound == Bound::Flops && c.flops > 0));
        let j = get("einsum_bij_bkj/f64/1000x32x32").to_json();
        assert_eq!(
            (j["kind"].as_str(), j["op"].as_str()),
            (Some("linalg"), Some("einsum_bij_bkj"))
        );
    }

    #[test]
    fn traffic_estimates() {
        let all = all();
        let get = |n: &str| all.iter().find(|c| c.name == n).unwrap();
        assert_eq!(get("add_into/f64/1e7").bytes, 24 * 10_000_000);
        assert_eq!(get("exp_into/f32/1e3").bytes, 8 * 1_000);
        assert_eq!(get("exp_into/f32/1e3").bound, Bound::Compute);
        let s = get("add_strided_into/f64/1e7");
        assert_eq!((s.elements(), s.bytes), (10_000_000, 24 * 10_000_000));
        assert_eq!(
            get("add_bcast/f32/1000x10000").bytes,
            4 * (2 * 10_000_000 + 10_000)
        );
    }

    #[test]
    fn selection() {
        assert!(select(true, &[])
            .iter()
            .all(|c| c.elements() <= 100_000 || c.bound == Bound::Flops));
        let f = select(false, &["copy/".to_string()]);
        assert!(!f.is_empty() && f.iter().all(|c| c.name.contains("copy/")));
        assert_eq!(select(false, &[]).len(), all().len());
    }

    #[test]
    fn json_has_what_bench_py_reads() {
        let c = &select(false, &["astype_f32/f64/1e5".to_string()])[0];
        let j = c.to_json();
        assert_eq!(j["kind"], "astype");
        assert_eq!(j["to"], "float32");
        assert_eq!(j["dtype"], "float64");
        assert_eq!(j["shape"], json!([100_000]));
        let a = &select(false, &["pow_into/f32/1e3".to_string()])[0].to_json();
        assert_eq!(
            (a["op"].as_str(), a["into"].as_bool()),
            (Some("pow"), Some(true))
        );
    }

    #[test]
    fn inputs() {
        let x = input_f64(1000, 1);
        assert!(x.iter().all(|&v| (0.5..2.0).contains(&v)));
        let idx = gather_indices(1000);
        assert!(idx.iter().all(|&i| (0..1000).contains(&i)));
        assert_eq!(input_bool(4), vec![true, false, true, false]);
    }
}
