//! Rough timings of the statistics and sorting kernels at the sizes of issue 4's targets
//! (the NumPy comparison table lives in `benches/`): the best of several runs, in
//! milliseconds, on the inputs of `benches/src/cases.rs`.
//!
//! `cargo run --release -p backend-cpu --example stats_timing [FILTER]`

use array_api::{ArgReduceOp, DType, Element, Layout, ReduceOp, ScanOp};
use backend_cpu::CpuStorage;

#[path = "common/best.rs"]
mod timing;

/// The least time of `reps` calls of `f`, in milliseconds.
fn best(reps: usize, f: impl FnMut()) -> f64 {
    timing::best(reps, f) * 1e3
}

fn weyl(n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| 0.5 + 1.5 * (i as f64 * 0.618_033_988_749_894_9).fract())
        .collect()
}

fn store<T: Element>(v: Vec<T>) -> CpuStorage {
    CpuStorage::from_vec(v)
}

fn main() {
    let filter = std::env::args().nth(1).unwrap_or_default();
    let run = |name: &str, reps: usize, f: &mut dyn FnMut()| {
        if name.contains(&filter) {
            println!("{name:<24} {:9.3} ms", best(reps, f));
        }
    };
    for n in [1_000_000usize, 10_000_000] {
        let reps = if n > 1_000_000 { 3 } else { 10 };
        let l = Layout::contiguous(&[n]);
        let f64s = store(weyl(n));
        let f32s = store(weyl(n).into_iter().map(|x| x as f32).collect::<Vec<_>>());
        let i64s = store(
            (0..n as i64)
                .map(|i| (i * 7919) % 1_000_003)
                .collect::<Vec<_>>(),
        );
        let tag = if n == 1_000_000 { "1e6" } else { "1e7" };
        for (dn, dt, x) in [
            ("f32", DType::Float32, &f32s),
            ("f64", DType::Float64, &f64s),
            ("i64", DType::Int64, &i64s),
        ] {
            run(&format!("sort/{dn}/{tag}"), reps, &mut || {
                backend_cpu::sort::sort(x, &l, dt, 0).unwrap();
            });
        }
        run(&format!("argsort/f64/{tag}"), reps, &mut || {
            backend_cpu::sort::argsort(&f64s, &l, DType::Float64, 0).unwrap();
        });
        if n == 10_000_000 {
            run("argmax/f64/1e7", 10, &mut || {
                backend_cpu::reduce::arg_reduce(ArgReduceOp::ArgMax, &f64s, &l, DType::Float64, 0)
                    .unwrap();
            });
            run("cumsum/f64/1e7", 5, &mut || {
                backend_cpu::reduce::scan(ScanOp::Sum, &f64s, &l, DType::Float64, 0).unwrap();
            });
            run("median/f64/1e7", 5, &mut || {
                backend_cpu::sort::partition(&f64s, &l, DType::Float64, 0, &[n / 2 - 1, n / 2])
                    .unwrap();
            });
            run("quantile/f64/1e7", 5, &mut || {
                backend_cpu::sort::partition(&f64s, &l, DType::Float64, 0, &[(n - 1) * 3 / 10])
                    .unwrap();
            });
        }
    }
    let m = store(weyl(16_000_000));
    let l2 = Layout::contiguous(&[4000, 4000]);
    run("sum_axis0/f64/4000x4000", 10, &mut || {
        backend_cpu::reduce::reduce(ReduceOp::Sum, &m, &l2, DType::Float64, &[0]).unwrap();
    });
}
