//! The statistics, sorting and set cases ([`Family::Stats`]): reductions, arg-reductions,
//! scans, sorts, `unique`, `median` and `quantile`, at the sizes of issue 4's targets.

use crate::cases::{short_dtype, Bound, Case, Family, Kind};
use xp::DType;

/// A statistics, sorting or set workload (the `op` of a [`Kind::Stats`] case).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatOp {
    /// `sum(x)` over every axis.
    Sum,
    /// `mean(x)` over every axis.
    Mean,
    /// `sum(x, axis=0)` of a 2-d `x`.
    SumAxis0,
    /// `sum(x, axis=1)` of a 2-d `x`.
    SumAxis1,
    /// `argmax(x)` of a 1-d `x`.
    Argmax,
    /// `cumsum(x)` of a 1-d `x`.
    Cumsum,
    /// `sort(x)` (NumPy's default kind; xp's sort is always stable).
    Sort,
    /// `argsort(x)`.
    Argsort,
    /// `unique(x)` (xp: `unique_values`) of the `int64` input [`input_i64_few`].
    Unique,
    /// `median(x)`.
    Median,
    /// `quantile(x, 0.3)` (linear method).
    Quantile,
}

impl StatOp {
    /// The op's name in case names and in JSON (what `bench.py` dispatches on).
    pub fn name(self) -> &'static str {
        match self {
            StatOp::Sum => "sum",
            StatOp::Mean => "mean",
            StatOp::SumAxis0 => "sum_axis0",
            StatOp::SumAxis1 => "sum_axis1",
            StatOp::Argmax => "argmax",
            StatOp::Cumsum => "cumsum",
            StatOp::Sort => "sort",
            StatOp::Argsort => "argsort",
            StatOp::Unique => "unique",
            StatOp::Median => "median",
            StatOp::Quantile => "quantile",
        }
    }
}

/// Distinct values of the [`StatOp::Unique`] input.
pub const UNIQUE_DISTINCT: i64 = 1000;

/// The `int64` input of `unique`: `(i * 7919) % 1000` (1000 distinct values, scattered).
pub fn input_i64_few(n: usize) -> Vec<i64> {
    (0..n as i64)
        .map(|i| (i * 7919) % UNIQUE_DISTINCT)
        .collect()
}

fn stat(op: StatOp, dtype: DType, shape: &[usize]) -> Case {
    let s = crate::cases::size_of(dtype);
    let n: u64 = shape.iter().product::<usize>() as u64;
    // Reductions are memory-bound (one read); the rest are reported in elements per second.
    let (bytes, bound) = match op {
        StatOp::Sum | StatOp::Mean | StatOp::SumAxis0 | StatOp::SumAxis1 | StatOp::Argmax => {
            (s * n, Bound::Memory)
        }
        StatOp::Cumsum => (2 * s * n, Bound::Memory),
        StatOp::Argsort => ((s + 8) * n, Bound::Compute),
        _ => (2 * s * n, Bound::Compute),
    };
    Case {
        name: format!(
            "{}/{}/{}",
            op.name(),
            short_dtype(dtype),
            crate::cases::size_label(shape)
        ),
        family: Family::Stats,
        kind: Kind::Stats(op),
        dtype,
        shape: shape.to_vec(),
        into: false,
        bytes,
        bound,
        flops: 0,
    }
}

/// The statistics cases: sum/mean of f32 and f64 at 10⁷; sum along axis 0 and 1 of a
/// 4000x4000 f64; argmax and cumsum of f64 at 10⁷; sort of f32, f64, i64 at 10⁶ and 10⁷;
/// argsort of f64 at 10⁶; unique of 10⁶ i64 with 1000 distinct values; median and quantile
/// of f64 at 10⁷.
pub fn stats() -> Vec<Case> {
    use DType::{Float32 as F32, Float64 as F64, Int64 as I64};
    let n7 = [10_000_000];
    let mut v = Vec::new();
    for op in [StatOp::Sum, StatOp::Mean] {
        for d in [F32, F64] {
            v.push(stat(op, d, &n7));
        }
    }
    v.push(stat(StatOp::SumAxis0, F64, &[4000, 4000]));
    v.push(stat(StatOp::SumAxis1, F64, &[4000, 4000]));
    v.push(stat(StatOp::Argmax, F64, &n7));
    v.push(stat(StatOp::Cumsum, F64, &n7));
    for d in [F32, F64, I64] {
        for n in [1_000_000, 10_000_000] {
            v.push(stat(StatOp::Sort, d, &[n]));
        }
    }
    v.push(stat(StatOp::Argsort, F64, &[1_000_000]));
    v.push(stat(StatOp::Unique, I64, &[1_000_000]));
    v.push(stat(StatOp::Median, F64, &n7));
    v.push(stat(StatOp::Quantile, F64, &n7));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_traffic() {
        let v = stats();
        let get = |n: &str| v.iter().find(|c| c.name == n).unwrap();
        assert_eq!(get("sum/f32/1e7").bytes, 4 * 10_000_000);
        assert_eq!(get("sum_axis0/f64/4000x4000").elements(), 16_000_000);
        assert_eq!(get("sort/i64/1e6").bound, Bound::Compute);
        assert_eq!(get("unique/i64/1e6").to_json()["op"], "unique");
        assert_eq!(get("median/f64/1e7").to_json()["kind"], "stats");
    }

    #[test]
    fn unique_input_has_1000_values() {
        let x = input_i64_few(100_000);
        let s: std::collections::HashSet<i64> = x.into_iter().collect();
        assert_eq!(s.len(), UNIQUE_DISTINCT as usize);
    }
}
