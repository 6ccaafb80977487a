//! A tour of xp: `cargo run --release --example tour` runs it on the default CPU backend;
//! `cargo run --release --example tour --features wgpu` runs the elementwise part on the
//! WebGPU backend too (any Vulkan/Metal/DX12 adapter, Mesa's lavapipe included).

use xp::prelude::*;
use xp::{s, Ellipsis, NewAxis};

/// Generic code: written once against `Backend`, runs on any device.
fn mirrored<B: Backend>(x: &Array<B>) -> xp::Result<Array<B>> {
    // x next to its left-right mirror image: a flip is a zero-copy view; concat copies once.
    let flipped = xp::flip(x, Some(&[-1]))?;
    xp::concat(&[x, &flipped], Some(-1))
}

/// Elementwise functions and operators, generic over the backend.
fn elementwise<B: Backend>(dev: &B) -> xp::Result<()> {
    let x = xp::linspace(-1.0, 1.0, 5, true, Some(DType::Float32), dev)?;
    println!("\nx = {x}");
    // Operators borrow or consume; Rust scalars are weak: float32 stays float32.
    let y: Array<B> = &x * 2.0 + 1.0;
    println!("2x + 1 = {y}  ({})", y.dtype());
    println!("exp(x) = {}", xp::exp(&x)?);
    println!("hypot(x, 1) = {}", xp::hypot(&x, 1.0)?);
    println!("x < 0 = {}", xp::less(&x, 0.0)?);
    println!(
        "where(x < 0, -x, x) = {}",
        xp::where_(&xp::less(&x, 0.0)?, &-&x, &x)?
    );
    println!(
        "clip(x, -0.5, 0.5) = {}",
        xp::clip(&x, Some((-0.5).into()), Some(0.5.into()))?
    );
    // Promotion follows the standard: int32 / int32 -> float64; uint8 + int8 -> int16.
    let i = xp::asarray([7i32, -7], None, dev)?;
    println!("[7, -7] / 2 = {}", xp::divide(&i, 2)?);
    println!(
        "[7, -7] // 2 = {} (Python's floor)",
        xp::floor_divide(&i, 2)?
    );
    println!("[7, -7] % 2 = {} (Python's sign)", xp::remainder(&i, 2)?);
    // Special cases, exactly as the standard lists them.
    let sv = xp::asarray([0.0, -0.0, f64::INFINITY, f64::NAN], None, dev)?;
    println!("1 / [0, -0, inf, nan] = {}", xp::divide(1.0, &sv)?);
    println!("atan2([0, -0, inf, nan], -1) = {}", xp::atan2(&sv, -1.0)?);
    let z = xp::asarray([xp::Complex64::new(0.0, 1.0)], None, dev)?;
    println!(
        "sqrt(1j) = {}, exp(1j * pi) = {}",
        xp::sqrt(&z)?,
        xp::exp(&(&z * std::f64::consts::PI))?
    );
    // In place, without allocating: compound assignment keeps the left dtype.
    let mut acc = xp::zeros([5], DType::Float32, dev)?;
    acc += &x;
    acc *= 3.0;
    println!("acc = 3x (in place) = {acc}");
    let mut out = xp::empty([5], DType::Float32, dev)?;
    xp::add_into(&x, &acc, &mut out)?;
    println!("add_into(x, acc) = {out}");
    Ok(())
}

fn main() -> xp::Result<()> {
    let cpu = Cpu;
    println!("xp {} on {}", xp::API_VERSION, cpu.info().device);
    println!("dtypes: {:?}", xp::info::dtypes(&cpu, None));

    // Creation
    let a = xp::arange(0, 12, 1, None, &cpu)?;
    println!("\narange(0, 12) =\n{a}");
    let m = xp::reshape(&a, [3, 4], None)?;
    println!("reshape to (3, 4) (a view) =\n{m}");
    println!(
        "linspace(0, 1, 5) =\n{}",
        xp::linspace(0.0, 1.0, 5, true, None, &cpu)?
    );
    println!(
        "eye(3, k=1, int8) =\n{}",
        xp::eye(3, None, 1, DType::Int8, &cpu)?
    );
    println!("triu =\n{}", xp::triu(&m, 1)?);

    // Views: slicing with negative steps, new axes, transposes are all zero-copy.
    println!("\nm[1:, ::-2] =\n{}", m.get(&s![1.., ..;-2])?);
    println!("m[..., -1, None] =\n{}", m.get(&s![Ellipsis, -1, NewAxis])?);
    println!("m.T =\n{}", m.T()?);

    // Advanced indexing: integer arrays and boolean masks.
    let rows = xp::asarray([2i64, 0], None, &cpu)?;
    println!("\nm[[2, 0], 1:3] =\n{}", m.get(&s![&rows, 1..3])?);
    let mask = xp::asarray([true, false, true], None, &cpu)?;
    println!("m[[True, False, True]] =\n{}", m.get(&s![&mask])?);

    // Assignment with broadcasting; value semantics (copy-on-write).
    let mut z = xp::zeros([3, 4], DType::Float32, &cpu)?;
    let snapshot = z.clone();
    z.set(&s![.., 1..3], &xp::asarray([7.5f32, 8.5], None, &cpu)?)?;
    z.set_scalar(&s![-1, ..], -1)?;
    println!("\nafter z[:, 1:3] = [7.5, 8.5]; z[-1] = -1:\n{z}");
    println!("the earlier clone is unchanged:\n{snapshot}");

    // Manipulation
    println!("\nconcat =\n{}", xp::concat(&[&m, &m], Some(1))?);
    println!("roll(m, 1, axis=1) =\n{}", xp::roll(&m, &[1], Some(&[1]))?);
    println!(
        "tile([1, 2], (2, 2)) =\n{}",
        xp::tile(&xp::asarray([1, 2], None, &cpu)?, &[2, 2])?
    );
    println!("mirrored (generic code) =\n{}", mirrored(&m)?);

    // Dtypes and promotion
    println!(
        "\nresult_type(int8, uint8) = {}; int64 with uint64 -> {}",
        xp::promote_types(DType::Int8, DType::UInt8)?,
        xp::promote_types(DType::Int64, DType::UInt64)?
    );
    println!(
        "astype(float -> int32) =\n{}",
        xp::astype(&xp::asarray([-1.5, 2.7, 1e20], None, &cpu)?, DType::Int32)?
    );

    // Errors are values, with NumPy-clear messages.
    let e = xp::broadcast_to(&m, [4, 4]).unwrap_err();
    println!("\nerror: {e}");
    println!("error: {}", m.get(&s![5]).unwrap_err());

    elementwise(&cpu)?;
    #[cfg(feature = "wgpu")]
    match xp::Wgpu::new() {
        Ok(gpu) => {
            println!(
                "\n--- the same elementwise code on {} ---",
                gpu.info().device
            );
            elementwise(&gpu)?;
        }
        Err(e) => println!("\nno WebGPU adapter here: {e}"),
    }

    // .npy files that NumPy reads
    let path = std::env::temp_dir().join("xp_tour.npy");
    xp::io::save(&path, &m)?;
    let back = xp::io::load(&path, &cpu)?;
    println!(
        "\nsaved and loaded {}: equal = {}",
        path.display(),
        back.to_vec::<i64>()? == m.to_vec::<i64>()?
    );
    Ok(())
}
