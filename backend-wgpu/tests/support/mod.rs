//! Shared helpers of the accuracy tests: operand grids and running an op on a device.

#![allow(dead_code)]

use array_api::{
    BackendCore, BinaryOp, Complex32, Complex64, DType, ElementwiseOps, HostData, Layout, UnaryOp,
};
use backend_wgpu::Wgpu;
use conformance::tolerance::{binary_tolerance, close_match, unary_tolerance};
use conformance::Reference;

pub fn device_or_skip() -> Option<Wgpu> {
    match Wgpu::new() {
        Ok(w) => Some(w),
        Err(e) => {
            if std::env::var("XP_REQUIRE_WGPU").as_deref() == Ok("1") {
                panic!("XP_REQUIRE_WGPU=1 but Wgpu::new() failed: {e}");
            }
            eprintln!("\n*** SKIPPED: no WebGPU adapter (install mesa-vulkan-drivers libvulkan1): {e} ***\n");
            None
        }
    }
}

/// A deterministic xorshift generator.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Edge values, hard points and a log-uniform spread of magnitudes (both signs).
pub fn values(n: usize, seed: u64) -> Vec<f64> {
    let mut v = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.5,
        -0.5,
        2.0,
        1e-300,
        5e-324,
        -5e-324,
        1e300,
        f64::MAX,
        f64::MIN_POSITIVE,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        709.78,
        -745.1,
        710.4,
        88.7,
        -103.9,
        89.4,
        std::f64::consts::LN_2,
        std::f64::consts::FRAC_PI_2,
        std::f64::consts::PI,
        1e22,
        2f64.powi(28),
        2f64.powi(-28),
        0.4375,
        0.6875,
        1.1875,
        2.4375,
        0.975,
        1e-8,
        0.41422,
        -0.2929,
        22.0,
        1e6,
        1.7e308,
    ];
    for k in [1.0, 2.0, 3.0, 5.0, 33.0, 1001.0, 12345.0, 1e6, 1e15, 1e300] {
        v.push(k * std::f64::consts::FRAC_PI_2);
        v.push(-k * std::f64::consts::FRAC_PI_2);
    }
    let mut r = Rng(seed);
    while v.len() < n {
        let u = r.next();
        let exp = (u % 2100) as i32 - 1075;
        let m = 1.0 + (r.next() >> 12) as f64 / (1u64 << 52) as f64;
        let x = m * 2f64.powi(exp.clamp(-1074, 1023));
        let x = if u & (1 << 40) != 0 { -x } else { x };
        // half of them small (|x| < 8) where most functions are interesting
        let x = if u & (1 << 41) != 0 {
            x.rem_euclid(16.0) - 8.0
        } else {
            x
        };
        v.push(x);
    }
    v
}

pub fn host(values: &[f64], d: DType) -> HostData {
    match d {
        DType::Float32 => HostData::Float32(values.iter().map(|&x| x as f32).collect()),
        DType::Float64 => HostData::Float64(values.to_vec()),
        DType::Complex64 => HostData::Complex64(
            values
                .chunks_exact(2)
                .map(|p| Complex32::new(p[0] as f32, p[1] as f32))
                .collect(),
        ),
        _ => HostData::Complex128(
            values
                .chunks_exact(2)
                .map(|p| Complex64::new(p[0], p[1]))
                .collect(),
        ),
    }
}

pub fn first_failures(
    got: &HostData,
    want: &HostData,
    input: &HostData,
    tol: conformance::tolerance::Tolerance,
) -> Option<String> {
    close_match(got, want, tol).err().map(|m| {
        let i: usize = m
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        format!("{m}; input {:?}", input.get(i))
    })
}

pub fn run_unary<B: ElementwiseOps>(
    dev: &B,
    op: UnaryOp,
    d: DType,
    data: &HostData,
) -> array_api::Result<HostData> {
    let (c, od) = op.dtypes(d)?;
    let n = data.len();
    let x = dev.from_host(data.clone())?;
    let mut out = dev.from_host(HostData::filled(od, n, array_api::Scalar::Int(0)).unwrap())?;
    let l = Layout::contiguous(&[n]);
    dev.unary(op, &x, &l, c, &mut out, &l, od)?;
    dev.to_host(&out, &l, od)
}

pub fn run_binary<B: ElementwiseOps>(
    dev: &B,
    op: BinaryOp,
    d: DType,
    a: &HostData,
    b: &HostData,
) -> array_api::Result<HostData> {
    let (c, od) = op.dtypes(d)?;
    let n = a.len();
    let x = dev.from_host(a.clone())?;
    let y = dev.from_host(b.clone())?;
    let mut out = dev.from_host(HostData::filled(od, n, array_api::Scalar::Int(0)).unwrap())?;
    let l = Layout::contiguous(&[n]);
    dev.binary(op, &x, &l, &y, &l, c, &mut out, &l, od)?;
    dev.to_host(&out, &l, od)
}

/// Known disagreements with the reference, skipped here (see the crate's report):
/// - complex `pow` is ill-conditioned (`exp(y log x)` amplifies a one-ulp difference in
///   `log`, `atan2`, `exp`, `sin` or `cos` by `|y log x|`), so a 4-ulp match with the
///   reference needs bit-identical real functions, which an independent libm does not
///   give everywhere;
/// - complex `atan` / `atanh` with a component within 2^-43 of `f64::MAX`: the
///   reference's `real_part_reciprocal` scales by `2.powi(-1024) == 0` there and returns
///   NaN; the WebGPU backend returns the finite value.
pub fn known_disagreement(op: &str, d: DType) -> bool {
    op == "pow" && d.is_complex()
}

/// Drops the elements with a component near `f64::MAX` (see [`known_disagreement`]).
pub fn without_near_max(h: &HostData) -> HostData {
    let near = |x: f64| x.abs() > 1.7976931348e308;
    match h {
        HostData::Complex128(v) => HostData::Complex128(
            v.iter()
                .copied()
                .filter(|z| !near(z.re) && !near(z.im))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Every float op of `dtypes` on a dense grid, compared with the reference within the
/// suite's tolerances; returns the failures.
pub fn sweep(w: &Wgpu, dtypes: &[DType]) -> Vec<String> {
    let n = std::env::var("XP_ACCURACY_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4000);
    let only = std::env::var("XP_ACCURACY_ONLY").ok();
    let mut failures = Vec::new();
    for &d in dtypes {
        if !w.supports(d) {
            continue;
        }
        let xs = host(&values(2 * n, 1), d);
        let ys = host(&values(2 * n, 2), d);
        for &op in UnaryOp::ALL {
            if only.as_deref().is_some_and(|o| o != op.name())
                || op.dtypes(d).map_or(true, |(c, _)| c != d)
            {
                continue;
            }
            let tol = unary_tolerance(op, d);
            let xs = if matches!(op, UnaryOp::Atan | UnaryOp::Atanh) {
                without_near_max(&xs)
            } else {
                xs.clone()
            };
            let t0 = std::time::Instant::now();
            let got = run_unary(w, op, d, &xs);
            eprintln!("{} {d}: {:?}", op.name(), t0.elapsed());
            let want = run_unary(&Reference, op, d, &xs).unwrap();
            match got {
                Ok(g) => {
                    if let Some(m) = first_failures(&g, &want, &xs, tol) {
                        failures.push(format!("{} {d}: {m}", op.name()));
                    }
                }
                Err(e) => failures.push(format!("{} {d}: error {e}", op.name())),
            }
        }
        for &op in BinaryOp::ALL {
            if only.as_deref().is_some_and(|o| o != op.name())
                || op.dtypes(d).map_or(true, |(c, _)| c != d)
                || known_disagreement(op.name(), d)
            {
                continue;
            }
            let tol = binary_tolerance(op, d);
            let t0 = std::time::Instant::now();
            let got = run_binary(w, op, d, &xs, &ys);
            eprintln!("{} {d}: {:?}", op.name(), t0.elapsed());
            let want = run_binary(&Reference, op, d, &xs, &ys).unwrap();
            match got {
                Ok(g) => {
                    if let Some(m) = close_match(&g, &want, tol).err() {
                        let i: usize = m
                            .split_whitespace()
                            .nth(1)
                            .and_then(|s| s.parse().ok())
                            .unwrap_or(0);
                        failures.push(format!(
                            "{} {d}: {m}; inputs {:?}, {:?}",
                            op.name(),
                            xs.get(i),
                            ys.get(i)
                        ));
                    }
                }
                Err(e) => failures.push(format!("{} {d}: error {e}", op.name())),
            }
        }
    }
    failures
}
