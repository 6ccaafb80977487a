//! What the criterion benches share: a short configuration and the loop over cases.

use benches::{prepare, Bound, Case};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use std::time::Duration;

/// Short runs, so that the whole suite takes a few minutes on two cores: 0.3 s of warm-up
/// and 1 s of measurement per case.
pub fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(30)
        .configure_from_args()
}

/// Benchmarks each case in a group named by the op (the case name before the first `/`,
/// e.g. `add_into`), with the dtype and size as the id (`f64/1e7`). Throughput is bytes
/// for memory-bound cases, elements for compute-bound ones, flops (shown as elements)
/// for linear algebra. A case xp cannot run yet is
/// skipped with its error message.
pub fn bench_cases(c: &mut Criterion, cases: Vec<Case>) {
    let mut groups: Vec<(String, Vec<Case>)> = Vec::new();
    for case in cases {
        let (group, _) = case.name.split_once('/').unwrap_or((&case.name, ""));
        match groups.iter_mut().find(|(g, _)| g == group) {
            Some((_, v)) => v.push(case),
            None => groups.push((group.to_string(), vec![case])),
        }
    }
    for (name, cases) in groups {
        let mut g = c.benchmark_group(&name);
        for case in cases {
            let id = case
                .name
                .split_once('/')
                .map_or("", |(_, id)| id)
                .to_string();
            let mut job = match prepare(&case) {
                Ok(j) => j,
                Err(e) => {
                    eprintln!("skipping {}: n/a ({e})", case.name);
                    continue;
                }
            };
            if let Err(e) = job() {
                eprintln!("skipping {}: n/a ({e})", case.name);
                continue;
            }
            let big = case.elements() >= 1_000_000 || case.flops >= 1_000_000_000;
            g.sample_size(if big { 10 } else { 30 });
            g.sampling_mode(if big {
                SamplingMode::Flat
            } else {
                SamplingMode::Auto
            });
            g.throughput(match case.bound {
                Bound::Memory => Throughput::Bytes(case.bytes),
                Bound::Compute => Throughput::Elements(case.elements() as u64),
                // Criterion has no flop unit: "elements" per second are flops here.
                Bound::Flops => Throughput::Elements(case.flops),
            });
            g.bench_function(BenchmarkId::from_parameter(id), |b| {
                b.iter(|| job().expect("the case ran once already"))
            });
        }
        g.finish();
    }
}
