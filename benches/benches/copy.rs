//! Criterion benches of the foundation cases (`benches::cases::copy`): contiguous copy (new
//! and into a preallocated array), strided copy (`x[::2]`), transposed copy (`x.T`),
//! `astype`, gather (`take`), `full`, `arange`. The workloads are built by
//! `benches::prepare`, the same ones `xpbench` times against NumPy.
//!
//! `cargo bench -p benches --bench copy [FILTER]`.

use criterion::{criterion_group, criterion_main, Criterion};

mod common;

fn copy(c: &mut Criterion) {
    common::bench_cases(c, benches::cases::copy());
}

criterion_group! {
    name = group;
    config = common::config();
    targets = copy
}
criterion_main!(group);
