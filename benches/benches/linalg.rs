//! Criterion benches of the linear-algebra cases (`benches::cases::linalg`): matmul at
//! 512/1024/2048 (f32, f64), solve/inv/cholesky/qr/eigh at 1000, svd at 500, matmul of
//! 10000 stacked 4x4 matrices, einsum. Throughput "elements" are flops. The workloads are
//! built by `benches::prepare`, the same ones `xpbench` times against NumPy.
//!
//! `cargo bench -p benches --bench linalg [FILTER]`.

use criterion::{criterion_group, criterion_main, Criterion};

mod common;

fn linalg(c: &mut Criterion) {
    common::bench_cases(c, benches::cases::linalg());
}

criterion_group! {
    name = group;
    config = common::config();
    targets = linalg
}
criterion_main!(group);
