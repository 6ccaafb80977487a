//! Rough timings of the elementwise kernels, for steering (the criterion benches and the
//! NumPy comparison table live in `benches/`). Prints one line per op, dtype and size:
//! the best of several runs, in microseconds, including the output allocation as the
//! front end does it (`full(n, 0)`).
//!
//! `cargo run --release -p backend-cpu --example ew_timing`

use array_api::{BinaryOp, CreationOps, DType, Element, ElementwiseOps, Layout, Scalar, UnaryOp};
use backend_cpu::{Cpu, CpuStorage};

fn data<T: Element>(n: usize, f: impl Fn(usize) -> T) -> CpuStorage {
    CpuStorage::from_vec((0..n).map(f).collect::<Vec<T>>())
}

#[path = "common/best.rs"]
mod timing;

/// The least time of `reps` calls of `f`, in microseconds.
fn best(reps: usize, f: impl FnMut()) -> f64 {
    timing::best(reps, f) * 1e6
}

fn main() {
    for n in [100_000usize, 10_000_000] {
        let reps = if n > 1_000_000 { 5 } else { 50 };
        let l = Layout::contiguous(&[n]);
        let x64 = data(n, |i| (i as f64) * (100.0 / n as f64) - 50.0);
        let y64 = data(n, |i| 1.0 + (i % 97) as f64);
        let x32 = data(n, |i| ((i as f64) * (100.0 / n as f64) - 50.0) as f32);
        let y32 = data(n, |i| 1.0 + (i % 97) as f32);
        let pos64 = data(n, |i| 0.001 + (i as f64) * (100.0 / n as f64));
        let pos32 = data(n, |i| (0.001 + (i as f64) * (100.0 / n as f64)) as f32);
        let i64s = data(n, |i| i as i64 - 5000);
        let j64s = data(n, |i| 1 + (i % 13) as i64);
        for (name, op, dt, x) in [
            ("exp", UnaryOp::Exp, DType::Float64, &x64),
            ("exp", UnaryOp::Exp, DType::Float32, &x32),
            ("log", UnaryOp::Log, DType::Float64, &pos64),
            ("log", UnaryOp::Log, DType::Float32, &pos32),
            ("sin", UnaryOp::Sin, DType::Float64, &x64),
            ("sin", UnaryOp::Sin, DType::Float32, &x32),
            ("sqrt", UnaryOp::Sqrt, DType::Float64, &pos64),
            ("negative", UnaryOp::Negative, DType::Float64, &x64),
        ] {
            let t = best(reps, || {
                let mut out = Cpu.full(n, Scalar::Int(0), dt).unwrap();
                Cpu.unary(op, x, &l, dt, &mut out, &l, dt).unwrap();
            });
            println!("{name:>10} {dt:>8} n={n:>9}: {t:10.1} us");
        }
        for (name, op, dt, a, b) in [
            ("add", BinaryOp::Add, DType::Float64, &x64, &y64),
            ("add", BinaryOp::Add, DType::Float32, &x32, &y32),
            ("multiply", BinaryOp::Multiply, DType::Float64, &x64, &y64),
            ("divide", BinaryOp::Divide, DType::Float64, &x64, &y64),
            ("add", BinaryOp::Add, DType::Int64, &i64s, &j64s),
            (
                "floor_div",
                BinaryOp::FloorDivide,
                DType::Int64,
                &i64s,
                &j64s,
            ),
            ("less", BinaryOp::Less, DType::Float64, &x64, &y64),
            ("pow", BinaryOp::Pow, DType::Float64, &pos64, &y64),
        ] {
            let od = op.dtypes(dt).unwrap().1;
            let t = best(reps, || {
                let mut out = Cpu.full(n, Scalar::Int(0), od).unwrap();
                Cpu.binary(op, a, &l, b, &l, dt, &mut out, &l, od).unwrap();
            });
            println!("{name:>10} {dt:>8} n={n:>9}: {t:10.1} us");
        }
        // array + scalar (a broadcast operand)
        let s = data(1, |_| 2.5f64);
        let sl = Layout::new(vec![n], vec![0], 0);
        let t = best(reps, || {
            let mut out = Cpu.full(n, Scalar::Int(0), DType::Float64).unwrap();
            Cpu.binary(
                BinaryOp::Multiply,
                &x64,
                &l,
                &s,
                &sl,
                DType::Float64,
                &mut out,
                &l,
                DType::Float64,
            )
            .unwrap();
        });
        println!(
            "{:>10} {:>8} n={n:>9}: {t:10.1} us",
            "mul scalar", "float64"
        );
        // in place
        let mut acc = data(n, |i| i as f64);
        let t = best(reps, || {
            Cpu.binary_assign(BinaryOp::Add, &mut acc, &l, &y64, &l, DType::Float64)
                .unwrap();
        });
        println!(
            "{:>10} {:>8} n={n:>9}: {t:10.1} us",
            "add inplace", "float64"
        );
    }
}
