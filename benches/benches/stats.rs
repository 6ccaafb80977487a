//! Criterion benches of the statistics, sorting and set cases (`benches::cases_stats`):
//! sum/mean, sums along an axis, argmax, cumsum, sort, argsort, unique, median, quantile.
//! The workloads are built by `benches::prepare`, the same ones `xpbench` times against
//! NumPy.
//!
//! `cargo bench -p benches --bench stats [FILTER]`.

use criterion::{criterion_group, criterion_main, Criterion};

mod common;

fn stats(c: &mut Criterion) {
    common::bench_cases(c, benches::cases_stats::stats());
}

criterion_group! {
    name = group;
    config = common::config();
    targets = stats
}
criterion_main!(group);
