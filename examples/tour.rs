//! A tour of xp on the default CPU backend: `cargo run --release --example tour`.

use xp::prelude::*;
use xp::{s, Ellipsis, NewAxis};

/// Generic code: written once against `Backend`, runs on any device.
fn mirrored<B: Backend>(x: &Array<B>) -> xp::Result<Array<B>> {
    // x next to its left-right mirror image: a flip is a zero-copy view; concat copies once.
    let flipped = xp::flip(x, Some(&[-1]))?;
    xp::concat(&[x, &flipped], Some(-1))
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
