//! Accuracy near the hard points of each transcendental function: arguments a few dozen
//! ulp around 0, ±1, multiples of π/2 (up to 12345 π/2), the overflow and underflow
//! thresholds (`exp` near ±709.78 / 88.72, `sinh`/`cosh` near 710.48 / 89.42), the
//! subnormal range, the largest finite value, and the crossovers of the usual algorithms
//! (`asinh` at 2 and 2^28, `atanh` at 0.5, ...), compared with the reference within the
//! transcendental ulp bound. Reported as `<function> (hard points)`.

use super::call;
use crate::both;
use crate::suite::Ctx;
use crate::tolerance::{Tolerance, TRANSCENDENTAL_ULP};
use array_api::Backend;
use array_api::{Array, BinaryOp, DType, HostData, UnaryOp};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use std::f64::consts::{E, FRAC_PI_2};

/// Moves `x` by `k` representable float64 values (across zero too).
pub fn step_f64(x: f64, k: i64) -> f64 {
    if !x.is_finite() || k == 0 {
        return x;
    }
    let key = |v: f64| -> i64 {
        let b = v.to_bits() as i64;
        if b < 0 {
            -(b & i64::MAX) - 1
        } else {
            b
        }
    };
    let k2 = key(x).saturating_add(k);
    let bits = if k2 < 0 {
        ((-k2 - 1) as u64) | (1 << 63)
    } else {
        k2 as u64
    };
    f64::from_bits(bits)
}

/// Moves `x` by `k` representable float32 values.
pub fn step_f32(x: f32, k: i64) -> f32 {
    if !x.is_finite() || k == 0 {
        return x;
    }
    let key = |v: f32| -> i64 {
        let b = v.to_bits() as i32 as i64;
        if b < 0 {
            -(b & i32::MAX as i64) - 1
        } else {
            b
        }
    };
    let k2 = key(x) + k;
    let bits = if k2 < 0 {
        ((-k2 - 1) as u32) | (1 << 31)
    } else {
        k2 as u32
    };
    f32::from_bits(bits)
}

/// Multiples of π/2 (and π/4), the hard points of the trigonometric functions.
fn trig_points() -> Vec<f64> {
    let mut v = vec![0.0, 1e-8, FRAC_PI_2 / 2.0];
    for k in [
        1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 16.0, 33.0, 100.0, 1001.0, 12345.0,
    ] {
        v.push(k * FRAC_PI_2);
        v.push(-k * FRAC_PI_2);
    }
    v
}

/// The hard points of a unary function: `(float64 centres, float32 centres)`.
fn unary_points(op: UnaryOp) -> Option<(Vec<f64>, Vec<f64>)> {
    use UnaryOp::*;
    let (tiny64, tiny32) = (f64::from_bits(1), f32::from_bits(1) as f64);
    let (min64, min32) = (f64::MIN_POSITIVE, f32::MIN_POSITIVE as f64);
    let (max64, max32) = (f64::MAX, f32::MAX as f64);
    let logs =
        |tiny: f64, min: f64, max: f64| vec![1.0, 2.0, 0.5, 10.0, E, tiny, 1000.0 * tiny, min, max];
    Some(match op {
        Exp => (
            vec![
                0.0,
                1.0,
                -1.0,
                1e-10,
                709.782712893384,
                -708.3964185322641,
                -745.1332191019411,
                350.0,
            ],
            vec![0.0, 1.0, -1.0, 1e-5, 88.72283, -87.33655, -103.97208, 50.0],
        ),
        Expm1 => (
            vec![0.0, 1e-10, -1e-10, 1e-5, 0.5, -37.5, 709.782712893384],
            vec![0.0, 1e-5, -1e-5, 0.5, -17.0, 88.72283],
        ),
        Log | Log2 | Log10 => (logs(tiny64, min64, max64), logs(tiny32, min32, max32)),
        Log1p => (
            vec![
                0.0,
                1e-10,
                -1e-10,
                -0.5,
                -0.9999,
                -1.0 + 1e-15,
                1e300,
                max64,
            ],
            vec![0.0, 1e-5, -1e-5, -0.5, -0.9999, -0.99999994, 1e30, max32],
        ),
        Sin | Cos | Tan => (trig_points(), trig_points()),
        Sinh | Cosh => (
            vec![
                0.0,
                1e-8,
                0.5,
                1.0,
                22.0,
                710.4758600739439,
                -710.4758600739439,
            ],
            vec![0.0, 1e-4, 0.5, 1.0, 9.0, 89.41599, -89.41599],
        ),
        Tanh => (
            vec![0.0, 1e-8, 0.55, -0.55, 19.06, 22.0],
            vec![0.0, 1e-4, 0.55, -0.55, 9.0, 10.0],
        ),
        Asin | Acos => (
            vec![1.0, -1.0, 0.0, 0.5, -0.5, 1e-8, 0.9999],
            vec![1.0, -1.0, 0.0, 0.5, -0.5, 1e-4, 0.9999],
        ),
        Atan => (
            vec![0.0, 1.0, -1.0, 1e-8, 1e16, 2f64.powi(-28)],
            vec![0.0, 1.0, -1.0, 1e-4, 1e8, 2f64.powi(-12)],
        ),
        Asinh => (
            vec![0.0, 1e-8, 2.0, -2.0, 2f64.powi(28), max64],
            vec![0.0, 1e-4, 2.0, -2.0, 2f64.powi(28), max32],
        ),
        Acosh => (
            vec![1.0, 1.5, 2.0, 2f64.powi(28), max64],
            vec![1.0, 1.5, 2.0, 2f64.powi(28), max32],
        ),
        Atanh => (
            vec![0.0, 1e-8, 0.5, -0.5, 1.0, -1.0, 0.9999],
            vec![0.0, 1e-4, 0.5, -0.5, 1.0, -1.0, 0.9999],
        ),
        _ => return None,
    })
}

/// Pairs of operand values.
type Pairs = Vec<(f64, f64)>;

/// The hard points of a binary function: `(float64 pairs, float32 pairs)`.
fn binary_points(op: BinaryOp) -> Option<(Pairs, Pairs)> {
    use BinaryOp::*;
    Some(match op {
        Atan2 => {
            let p = vec![
                (1e-300, 1.0),
                (1.0, 1e-300),
                (1.0, 1.0),
                (-1.0, -1.0),
                (1e-300, -1.0),
                (1.0, -1e-300),
            ];
            let q = vec![
                (1e-30, 1.0),
                (1.0, 1e-30),
                (1.0, 1.0),
                (-1.0, -1.0),
                (1e-30, -1.0),
                (1.0, -1e-30),
            ];
            (p, q)
        }
        Hypot => (
            vec![
                (1e308, 1e308),
                (1e-308, 1e-308),
                (3.0, 4.0),
                (1.0, 1e-8),
                (f64::MAX / 2.0, f64::MAX / 2.0),
                (5e-324, 5e-324),
            ],
            vec![
                (1e38, 1e38),
                (1e-38, 1e-38),
                (3.0, 4.0),
                (1.0, 1e-4),
                (1e-45, 1e-45),
            ],
        ),
        Logaddexp => (
            vec![
                (0.0, 0.0),
                (700.0, 700.0),
                (709.0, 709.5),
                (0.0, -40.0),
                (-1e10, -1e10),
                (1e-10, -1e-10),
            ],
            vec![
                (0.0, 0.0),
                (88.0, 88.0),
                (0.0, -20.0),
                (-1e5, -1e5),
                (1e-5, -1e-5),
            ],
        ),
        Pow => (
            vec![
                (2.0, 1023.0),
                (2.0, 1024.0),
                (2.0, -1074.0),
                (10.0, 308.0),
                (1.0, 1e10),
                (0.5, 1074.0),
                (-2.0, 3.0),
            ],
            vec![
                (2.0, 127.0),
                (2.0, 128.0),
                (2.0, -149.0),
                (10.0, 38.0),
                (1.0, 1e7),
                (0.5, 149.0),
                (-2.0, 3.0),
            ],
        ),
        _ => return None,
    })
}

/// `n` values near the centres: `(centre index, ulp offset)` pairs.
fn offsets() -> BoxedStrategy<Vec<(Index, i64, i64)>> {
    let k = prop_oneof![1 => Just(0i64), 3 => -64i64..=64, 1 => -4096i64..=4096];
    vec((any::<Index>(), k.clone(), k), 1..=16).boxed()
}

fn host(values: Vec<f64>, dtype: DType) -> HostData {
    if dtype == DType::Float32 {
        HostData::Float32(values.into_iter().map(|x| x as f32).collect())
    } else {
        HostData::Float64(values)
    }
}

fn near(centre: f64, k: i64, dtype: DType) -> f64 {
    if dtype == DType::Float32 {
        step_f32(centre as f32, k) as f64
    } else {
        step_f64(centre, k)
    }
}

/// The hard-point properties of every transcendental function, on float32 and float64.
pub fn hard_points<B: Backend>(ctx: &mut Ctx<'_, B>) {
    let dev = ctx.device;
    let dtypes = ctx.supported_of(&[DType::Float32, DType::Float64]);
    if dtypes.is_empty() {
        return;
    }
    let tol = Tolerance::Ulp(TRANSCENDENTAL_ULP);
    for &op in UnaryOp::ALL {
        let Some((p64, p32)) = unary_points(op) else {
            continue;
        };
        let input = (proptest::sample::select(dtypes.clone()), offsets());
        ctx.property(
            &format!("{} (hard points)", op.name()),
            input,
            move |(d, offs)| {
                let centres = if d == DType::Float32 { &p32 } else { &p64 };
                let xs: Vec<f64> = offs
                    .iter()
                    .map(|(i, k, _)| near(centres[i.index(centres.len())], *k, d))
                    .collect();
                let n = xs.len();
                let h = host(xs, d);
                both!(dev, tol, |dv| call::unary(
                    op,
                    &Array::from_host(h.clone(), [n], dv)?
                ))
            },
        );
    }
    for &op in BinaryOp::ALL {
        let Some((p64, p32)) = binary_points(op) else {
            continue;
        };
        let input = (proptest::sample::select(dtypes.clone()), offsets());
        ctx.property(
            &format!("{} (hard points)", op.name()),
            input,
            move |(d, offs)| {
                let centres = if d == DType::Float32 { &p32 } else { &p64 };
                let (xs, ys): (Vec<f64>, Vec<f64>) = offs
                    .iter()
                    .map(|(i, k, l)| {
                        let (a, b) = centres[i.index(centres.len())];
                        (near(a, *k, d), near(b, *l, d))
                    })
                    .unzip();
                let n = xs.len();
                let (hx, hy) = (host(xs, d), host(ys, d));
                both!(dev, tol, |dv| {
                    let a = Array::from_host(hx.clone(), [n], dv)?;
                    let b = Array::from_host(hy.clone(), [n], dv)?;
                    call::binary(op, (&a).into(), (&b).into())
                })
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping() {
        assert_eq!(step_f64(1.0, 1), 1.0 + f64::EPSILON);
        assert_eq!(step_f64(0.0, -1), -0.0);
        assert_eq!(step_f64(0.0, -2), -f64::from_bits(1));
        assert_eq!(step_f64(-f64::from_bits(1), 2), 0.0);
        assert_eq!(step_f32(1.0, -1), 1.0 - f32::EPSILON / 2.0);
        assert_eq!(step_f32(-0.0, 1), 0.0);
        assert!(step_f32(0.0, -1).is_sign_negative());
        assert_eq!(step_f64(f64::MAX, 1), f64::INFINITY);
    }

    #[test]
    fn every_transcendental_has_points() {
        use crate::tolerance::unary_tolerance;
        for &op in UnaryOp::ALL {
            let transcendental = unary_tolerance(op, DType::Float64) != Tolerance::Exact;
            assert_eq!(unary_points(op).is_some(), transcendental, "{op:?}");
        }
        for &op in BinaryOp::ALL {
            let transcendental =
                crate::tolerance::binary_tolerance(op, DType::Float64) != Tolerance::Exact;
            assert_eq!(binary_points(op).is_some(), transcendental, "{op:?}");
        }
    }
}
