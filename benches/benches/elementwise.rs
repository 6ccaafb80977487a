//! Criterion benches of the elementwise cases (`benches::cases::elementwise`): add,
//! multiply, exp, sin, log, tanh, pow in f32 and f64 at 10³, 10⁵, 10⁷ elements, written
//! into a preallocated output (`xp::add_into`, `xp::unary_into`: the main measurement) and
//! allocating (`xp::add`, `xp::exp`); broadcast add, strided add (`x[::2] + y[::2]`),
//! `where`, `clip`. The workloads are built by `benches::prepare`, the same ones `xpbench`
//! times against NumPy.
//!
//! `cargo bench -p benches --bench elementwise [FILTER]`.

use criterion::{criterion_group, criterion_main, Criterion};

mod common;

fn elementwise(c: &mut Criterion) {
    common::bench_cases(c, benches::cases::elementwise());
}

criterion_group! {
    name = group;
    config = common::config();
    targets = elementwise
}
criterion_main!(group);
