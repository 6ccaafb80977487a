//! `CastTo` must agree exactly with `Element::from_scalar(x.to_scalar())` (the casting rules
//! of `astype`) on every pair of dtypes, on edge values.

use array_api::{
    BackendCore, Complex32, Complex64, CopyOps, DType, Element, HostData, Layout, Scalar,
};
use backend_cpu::{CastTo, Cpu};

/// Bitwise equality, except that any NaN equals any NaN.
fn same_f(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

fn same<U: Element>(a: U, b: U) -> bool {
    match (a.to_scalar(), b.to_scalar()) {
        (Scalar::Float(x), Scalar::Float(y)) => same_f(x, y),
        (Scalar::Complex(x), Scalar::Complex(y)) => same_f(x.re, y.re) && same_f(x.im, y.im),
        (x, y) => x == y,
    }
}

fn check<T: Element + CastTo<U>, U: Element>(vals: &[T]) -> usize {
    for &x in vals {
        let direct: U = x.cast_to();
        let via = U::from_scalar(x.to_scalar());
        assert!(
            same(direct, via),
            "{:?} -> {:?}: {x:?} gives {direct:?}, from_scalar gives {via:?}",
            T::DTYPE,
            U::DTYPE
        );
    }
    vals.len()
}

macro_rules! check_all_targets {
    ($vals:expr) => {{
        let v = $vals;
        check::<_, bool>(&v)
            + check::<_, i8>(&v)
            + check::<_, i16>(&v)
            + check::<_, i32>(&v)
            + check::<_, i64>(&v)
            + check::<_, u8>(&v)
            + check::<_, u16>(&v)
            + check::<_, u32>(&v)
            + check::<_, u64>(&v)
            + check::<_, f32>(&v)
            + check::<_, f64>(&v)
            + check::<_, Complex32>(&v)
            + check::<_, Complex64>(&v)
    }};
}

const TWO53_PLUS_1: i64 = (1 << 53) + 1;
/// Rounds differently to f32 directly than through f64 (double rounding).
const DOUBLE_ROUNDING: i64 = (1 << 53) + (1 << 29) + 1;

fn f64_edges() -> Vec<f64> {
    vec![
        f64::NAN,
        -f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -0.0,
        1.0,
        -1.0,
        1.5,
        -1.5,
        0.5,
        -0.5,
        0.999,
        127.5,
        128.0,
        -128.5,
        -129.0,
        255.9,
        256.0,
        65535.5,
        65536.0,
        2147483647.5,
        -2147483648.5,
        4294967295.5,
        4294967296.0,
        1e30,
        -1e30,
        9007199254740993.0,
        9223372036854775807.0,
        -9223372036854775808.0,
        18446744073709551615.0,
        3.5e38,
        -3.5e38,
        1e-50,
        5e-324,
        -5e-324,
        f64::MIN_POSITIVE,
        f64::MAX,
        f64::MIN,
        f64::EPSILON,
        DOUBLE_ROUNDING as f64,
    ]
}

fn f32_edges() -> Vec<f32> {
    let mut v: Vec<f32> = f64_edges().into_iter().map(|x| x as f32).collect();
    v.extend([
        f32::MIN_POSITIVE,
        1e-45,
        -1e-45,
        f32::MAX,
        f32::MIN,
        16777217.0,
        2147483520.0,
    ]);
    v
}

fn int_edges() -> Vec<i128> {
    vec![
        0,
        1,
        -1,
        2,
        127,
        128,
        -128,
        -129,
        255,
        256,
        32767,
        32768,
        -32769,
        65535,
        65536,
        i32::MAX as i128,
        i32::MIN as i128,
        u32::MAX as i128,
        1 << 24,
        (1 << 24) + 1,
        TWO53_PLUS_1 as i128,
        -(TWO53_PLUS_1 as i128),
        DOUBLE_ROUNDING as i128,
        i64::MAX as i128,
        i64::MIN as i128,
        u64::MAX as i128,
        1 << 63,
        (1 << 63) + 1,
    ]
}

fn ints<T: Element>() -> Vec<T> {
    int_edges()
        .into_iter()
        .map(|i| T::from_scalar(Scalar::Int(i)))
        .collect()
}

fn complex_edges() -> Vec<Complex64> {
    let f = f64_edges();
    let mut v = Vec::new();
    for (i, &re) in f.iter().enumerate() {
        v.push(Complex64::new(re, 0.0));
        v.push(Complex64::new(re, -0.0));
        v.push(Complex64::new(0.0, re));
        v.push(Complex64::new(re, f[(i * 7 + 3) % f.len()]));
    }
    v
}

#[test]
fn cast_to_matches_from_scalar_for_every_pair() {
    let mut n = 0;
    n += check_all_targets!(vec![false, true]);
    n += check_all_targets!(ints::<i8>());
    n += check_all_targets!(ints::<i16>());
    n += check_all_targets!(ints::<i32>());
    n += check_all_targets!(ints::<i64>());
    n += check_all_targets!(ints::<u8>());
    n += check_all_targets!(ints::<u16>());
    n += check_all_targets!(ints::<u32>());
    n += check_all_targets!(ints::<u64>());
    n += check_all_targets!(f32_edges());
    n += check_all_targets!(f64_edges());
    n += check_all_targets!(complex_edges()
        .into_iter()
        .map(|c| Complex32::new(c.re as f32, c.im as f32))
        .collect::<Vec<_>>());
    n += check_all_targets!(complex_edges());
    assert!(n > 13 * 400, "checked {n} conversions");
}

fn edge_host(d: DType) -> HostData {
    match d {
        DType::Bool => HostData::Bool(vec![false, true, true]),
        DType::Int8 => HostData::Int8(ints()),
        DType::Int16 => HostData::Int16(ints()),
        DType::Int32 => HostData::Int32(ints()),
        DType::Int64 => HostData::Int64(ints()),
        DType::UInt8 => HostData::UInt8(ints()),
        DType::UInt16 => HostData::UInt16(ints()),
        DType::UInt32 => HostData::UInt32(ints()),
        DType::UInt64 => HostData::UInt64(ints()),
        DType::Float32 => HostData::Float32(f32_edges()),
        DType::Float64 => HostData::Float64(f64_edges()),
        DType::Complex64 => HostData::Complex64(
            complex_edges()
                .into_iter()
                .map(|c| Complex32::new(c.re as f32, c.im as f32))
                .collect(),
        ),
        DType::Complex128 => HostData::Complex128(complex_edges()),
        DType::String => unreachable!(),
    }
}

fn same_host(a: &HostData, b: &HostData) -> bool {
    a.len() == b.len()
        && a.dtype() == b.dtype()
        && (0..a.len()).all(|i| match (a.get(i), b.get(i)) {
            (Some(Scalar::Float(x)), Some(Scalar::Float(y))) => same_f(x, y),
            (Some(Scalar::Complex(x)), Some(Scalar::Complex(y))) => {
                same_f(x.re, y.re) && same_f(x.im, y.im)
            }
            (x, y) => x == y,
        })
}

/// The kernel (dispatch included) on contiguous and flipped views equals `HostData::cast`.
#[test]
fn cast_kernel_matches_host_cast_for_every_pair() {
    let cpu = Cpu;
    for from in DType::ALL {
        let h = edge_host(from);
        let n = h.len();
        let s = cpu.from_host(h.clone()).unwrap();
        let flipped = Layout::contiguous(&[n]).flip_axis(0);
        let mut rev = h.clone();
        array_api::with_host!(&mut rev, v, _T => v.reverse());
        for to in DType::ALL {
            let out = cpu.cast(&s, &Layout::contiguous(&[n]), from, to).unwrap();
            let want = h.cast(to).unwrap();
            assert!(
                same_host(out.as_host(), &want),
                "{from} -> {to}: {:?} vs {want:?}",
                out.as_host()
            );
            let out = cpu.cast(&s, &flipped, from, to).unwrap();
            let want = rev.cast(to).unwrap();
            assert!(same_host(out.as_host(), &want), "flipped {from} -> {to}");
        }
    }
}

#[test]
fn cast_hand_checked_values() {
    let cpu = Cpu;
    let s = cpu
        .from_host(HostData::Float64(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -1.5,
            1e30,
            2.9,
            -0.0,
        ]))
        .unwrap();
    let l = Layout::contiguous(&[7]);
    let i32s = cpu.cast(&s, &l, DType::Float64, DType::Int32).unwrap();
    assert_eq!(
        i32s.slice::<i32>().unwrap(),
        &[0, i32::MAX, i32::MIN, -1, i32::MAX, 2, 0]
    );
    let u8s = cpu.cast(&s, &l, DType::Float64, DType::UInt8).unwrap();
    assert_eq!(u8s.slice::<u8>().unwrap(), &[0, 255, 0, 0, 255, 2, 0]);
    let b = cpu.cast(&s, &l, DType::Float64, DType::Bool).unwrap();
    assert_eq!(
        b.slice::<bool>().unwrap(),
        &[true, true, true, true, true, true, false]
    );
    let f = cpu.cast(&s, &l, DType::Float64, DType::Float32).unwrap();
    let f = f.slice::<f32>().unwrap();
    assert!(f[0].is_nan());
    assert_eq!(
        &f[1..],
        &[f32::INFINITY, f32::NEG_INFINITY, -1.5, 1e30, 2.9, -0.0]
    );
    assert!(f[6].is_sign_negative());

    let ints = cpu
        .from_host(HostData::Int64(vec![
            300,
            -129,
            i64::MIN,
            i64::MAX,
            -1,
            TWO53_PLUS_1,
            DOUBLE_ROUNDING,
        ]))
        .unwrap();
    let i8s = cpu.cast(&ints, &l, DType::Int64, DType::Int8).unwrap();
    assert_eq!(i8s.slice::<i8>().unwrap(), &[44, 127, 0, -1, -1, 1, 1]);
    let u64s = cpu.cast(&ints, &l, DType::Int64, DType::UInt64).unwrap();
    assert_eq!(u64s.slice::<u64>().unwrap()[4], u64::MAX);
    let f64s = cpu.cast(&ints, &l, DType::Int64, DType::Float64).unwrap();
    assert_eq!(f64s.slice::<f64>().unwrap()[5], 9007199254740992.0);
    let f32s = cpu.cast(&ints, &l, DType::Int64, DType::Float32).unwrap();
    assert_eq!(
        f32s.slice::<f32>().unwrap()[6],
        ((1u64 << 53) + (1 << 30)) as f32
    );
    // complex64 rounds through f64, as `from_scalar` does: 2^53 + 2^29 + 1 -> 2^53.
    let c64 = cpu.cast(&ints, &l, DType::Int64, DType::Complex64).unwrap();
    assert_eq!(
        c64.slice::<Complex32>().unwrap()[6],
        Complex32::new((1u64 << 53) as f32, 0.0)
    );

    let c = cpu
        .from_host(HostData::Complex128(vec![
            Complex64::new(0.0, 2.0),
            Complex64::new(-0.0, 0.0),
            Complex64::new(-7.9, 1.0),
            Complex64::new(f64::NAN, 0.0),
        ]))
        .unwrap();
    let l4 = Layout::contiguous(&[4]);
    let b = cpu.cast(&c, &l4, DType::Complex128, DType::Bool).unwrap();
    assert_eq!(b.slice::<bool>().unwrap(), &[true, false, true, true]);
    let i = cpu.cast(&c, &l4, DType::Complex128, DType::Int16).unwrap();
    assert_eq!(i.slice::<i16>().unwrap(), &[0, 0, -7, 0]);
    let bools = cpu.from_host(HostData::Bool(vec![true, false])).unwrap();
    let l2 = Layout::contiguous(&[2]);
    let f = cpu
        .cast(&bools, &l2, DType::Bool, DType::Complex128)
        .unwrap();
    assert_eq!(
        f.slice::<Complex64>().unwrap(),
        &[Complex64::new(1.0, 0.0), Complex64::new(0.0, 0.0)]
    );
}
