//! Tests of the .npy reader and writer (a child module of `npy`).

use super::*;

/// The exact bytes `np.save(f, np.arange(3, dtype='<i4'))` writes (NumPy 2.x).
fn numpy_arange3_i4() -> Vec<u8> {
    let dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }";
    let mut v = b"\x93NUMPY\x01\x00".to_vec();
    let hlen = 128 - 10;
    v.extend_from_slice(&(hlen as u16).to_le_bytes());
    v.extend_from_slice(dict.as_bytes());
    v.extend(std::iter::repeat_n(b' ', hlen - dict.len() - 1));
    v.push(b'\n');
    for i in 0..3i32 {
        v.extend_from_slice(&i.to_le_bytes());
    }
    v
}

fn npy_with_header(version: (u8, u8), dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = MAGIC.to_vec();
    v.extend_from_slice(&[version.0, version.1]);
    let text = format!("{dict}\n");
    if version.0 == 1 {
        v.extend_from_slice(&(text.len() as u16).to_le_bytes());
    } else {
        v.extend_from_slice(&(text.len() as u32).to_le_bytes());
    }
    v.extend_from_slice(text.as_bytes());
    v.extend_from_slice(data);
    v
}

fn roundtrip(data: HostData, shape: &[usize]) {
    let mut buf = Vec::new();
    write_npy(&mut buf, &data, shape).unwrap();
    let header_len = buf.len() - data.len() * data.dtype().itemsize();
    assert_eq!(header_len % ARRAY_ALIGN, 0, "{data:?} {shape:?}");
    assert_eq!(buf[header_len - 1], b'\n');
    let (back, s) = read_npy(&buf[..]).unwrap();
    assert_eq!(s, shape);
    assert_eq!(back, data);
}

fn sample(dtype: DType, n: usize) -> HostData {
    crate::with_dtype!(dtype,
        T => T::into_host((0..n).map(|i| {
            let x = (i as f64) * 1.5 - 3.0;
            T::from_scalar(if dtype.is_complex() {
                crate::Scalar::Complex(Complex64::new(x, -x / 2.0))
            } else if dtype.is_bool() {
                crate::Scalar::Bool(i % 3 == 0)
            } else {
                crate::Scalar::Float(x)
            })
        }).collect()),
        else => unreachable!())
}

#[test]
fn roundtrip_every_dtype_and_shape() {
    for dtype in DType::ALL {
        for shape in [
            &[][..],
            &[0],
            &[5],
            &[2, 3],
            &[0, 3],
            &[3, 0, 2],
            &[2, 1, 3, 2],
        ] {
            let n = shape.iter().product();
            roundtrip(sample(dtype, n), shape);
        }
    }
}

#[test]
fn extremes_roundtrip() {
    roundtrip(HostData::Int64(vec![i64::MIN, -1, 0, i64::MAX]), &[4]);
    roundtrip(HostData::UInt64(vec![0, u64::MAX]), &[2]);
    roundtrip(HostData::Int8(vec![i8::MIN, i8::MAX]), &[2]);
    let f = vec![
        f64::INFINITY,
        f64::NEG_INFINITY,
        -0.0,
        f64::MIN_POSITIVE / 4.0,
    ];
    roundtrip(HostData::Float64(f), &[4]);
    let mut buf = Vec::new();
    write_npy(&mut buf, &HostData::Float32(vec![f32::NAN]), &[]).unwrap();
    let (back, _) = read_npy(&buf[..]).unwrap();
    assert!(back.to_vec::<f32>().unwrap()[0].is_nan());
}

#[test]
fn large_roundtrip_crosses_chunks() {
    let n = 100_003;
    roundtrip(HostData::Float64((0..n).map(|i| i as f64).collect()), &[n]);
    roundtrip(HostData::Bool((0..n).map(|i| i % 7 == 0).collect()), &[n]);
}

#[test]
fn writes_numpy_bytes() {
    let mut buf = Vec::new();
    write_npy(&mut buf, &HostData::Int32(vec![0, 1, 2]), &[3]).unwrap();
    assert_eq!(buf, numpy_arange3_i4());
    let (d, s) = read_npy(&numpy_arange3_i4()[..]).unwrap();
    assert_eq!((d, s), (HostData::Int32(vec![0, 1, 2]), vec![3]));
}

#[test]
fn header_text_matches_numpy() {
    // Header dicts as NumPy 2 writes them (including the spare space for the growth
    // axis), each block 128 bytes.
    let cases: &[(DType, &[usize], &str)] = &[
        (
            DType::Float64,
            &[],
            "{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
        ),
        (
            DType::Float64,
            &[0, 3],
            "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }",
        ),
        (
            DType::Bool,
            &[2],
            "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }",
        ),
        (
            DType::Complex128,
            &[10, 20],
            "{'descr': '<c16', 'fortran_order': False, 'shape': (10, 20), }",
        ),
    ];
    for &(dtype, shape, dict) in cases {
        let h = header_block(dtype, shape).unwrap();
        assert_eq!(h.len(), 128);
        assert_eq!(&h[..8], b"\x93NUMPY\x01\x00");
        assert_eq!(u16::from_le_bytes([h[8], h[9]]), 118);
        let text = std::str::from_utf8(&h[10..]).unwrap();
        assert!(text.starts_with(dict), "{text:?}");
        let spare = if shape.is_empty() {
            0
        } else {
            GROWTH_AXIS_MAX_DIGITS - shape[0].to_string().len()
        };
        assert!(text[dict.len()..].bytes().all(|b| b == b' ' || b == b'\n'));
        assert!(text.len() > dict.len() + spare);
        assert!(text.ends_with('\n'));
    }
}

#[test]
fn big_endian_and_other_orders() {
    let mut data = Vec::new();
    for x in [1.0f64, -2.5, 1e300] {
        data.extend_from_slice(&x.to_be_bytes());
    }
    let f = npy_with_header(
        (1, 0),
        "{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }",
        &data,
    );
    let (d, s) = read_npy(&f[..]).unwrap();
    assert_eq!((d, s), (HostData::Float64(vec![1.0, -2.5, 1e300]), vec![3]));

    let mut data = Vec::new();
    for (re, im) in [(1.0f32, 2.0f32), (-3.0, 0.5)] {
        data.extend_from_slice(&re.to_be_bytes());
        data.extend_from_slice(&im.to_be_bytes());
    }
    let f = npy_with_header(
        (1, 0),
        "{'descr': '>c8', 'fortran_order': False, 'shape': (2,), }",
        &data,
    );
    let (d, _) = read_npy(&f[..]).unwrap();
    assert_eq!(
        d,
        HostData::Complex64(vec![Complex32::new(1.0, 2.0), Complex32::new(-3.0, 0.5)])
    );

    let data: Vec<u8> = [-2i16, 300].iter().flat_map(|x| x.to_be_bytes()).collect();
    let f = npy_with_header(
        (1, 0),
        "{'descr': '>i2', 'fortran_order': False, 'shape': (2,), }",
        &data,
    );
    assert_eq!(read_npy(&f[..]).unwrap().0, HostData::Int16(vec![-2, 300]));
}

#[test]
fn fortran_order_is_converted() {
    // np.asfortranarray(np.arange(6).reshape(2, 3)) stores 0 3 1 4 2 5.
    let data: Vec<u8> = [0i64, 3, 1, 4, 2, 5]
        .iter()
        .flat_map(|x| x.to_le_bytes())
        .collect();
    let f = npy_with_header(
        (1, 0),
        "{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3), }",
        &data,
    );
    let (d, s) = read_npy(&f[..]).unwrap();
    assert_eq!(s, vec![2, 3]);
    assert_eq!(d, HostData::Int64(vec![0, 1, 2, 3, 4, 5]));

    // 3-d: C index (i, j, k) of shape (2, 3, 4) at F offset i + 2j + 6k.
    let shape = [2usize, 3, 4];
    let mut f_order = vec![0u16; 24];
    for i in 0..2 {
        for j in 0..3 {
            for k in 0..4 {
                f_order[i + 2 * j + 6 * k] = (i * 12 + j * 4 + k) as u16;
            }
        }
    }
    let c = fortran_to_c(f_order, &shape);
    assert_eq!(c, (0..24).collect::<Vec<u16>>());
    assert_eq!(fortran_to_c(vec![1u8, 2], &[2, 1]), vec![1, 2]);
    assert_eq!(fortran_to_c(Vec::<u8>::new(), &[0, 3]), Vec::<u8>::new());
}

#[test]
fn versions_2_and_3_and_bool_bytes() {
    let f = npy_with_header(
        (2, 0),
        "{'descr': '|b1', 'fortran_order': False, 'shape': (4,), }",
        &[0, 1, 2, 255],
    );
    let (d, _) = read_npy(&f[..]).unwrap();
    assert_eq!(d, HostData::Bool(vec![false, true, true, true]));
    let f = npy_with_header(
        (3, 0),
        "{\"descr\": \"|u1\", \"shape\": (2L,), \"fortran_order\": False}",
        &[7, 9],
    );
    let (d, s) = read_npy(&f[..]).unwrap();
    assert_eq!((d, s), (HostData::UInt8(vec![7, 9]), vec![2]));
    // Trailing bytes after the data are not read.
    let mut f = numpy_arange3_i4();
    f.extend_from_slice(b"junk");
    let mut r = &f[..];
    read_npy(&mut r).unwrap();
    assert_eq!(r, b"junk");
}

#[test]
fn header_grows_to_version_2() {
    let shape = vec![1usize; 30_000];
    let h = header_block(DType::UInt8, &shape).unwrap();
    assert_eq!(&h[6..8], &[2, 0]);
    assert_eq!(h.len() % 64, 0);
    let hdr = read_header(&mut &h[..]).unwrap();
    assert_eq!(hdr.shape, shape);
}

fn err_reason(bytes: &[u8]) -> String {
    match read_npy(bytes) {
        Err(Error::Io { op, reason }) => {
            assert_eq!(op, "read_npy");
            reason
        }
        other => panic!("expected Err(Io), got {other:?}"),
    }
}

#[test]
fn unsupported_descrs_are_named() {
    for descr in ["<U5", "|O", "<f2", "|S3", "<M8[ns]", "<i16"] {
        let f = npy_with_header(
            (1, 0),
            &format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': (1,), }}"),
            &[0; 16],
        );
        let r = err_reason(&f);
        assert!(r.contains(descr), "{r}");
    }
    let f = npy_with_header(
        (1, 0),
        "{'descr': [('a', '<i4'), ('b', '<f8')], 'fortran_order': False, 'shape': (1,), }",
        &[0; 12],
    );
    let r = err_reason(&f);
    assert!(
        r.contains("structured") && r.contains("('a', '<i4')"),
        "{r}"
    );
}

#[test]
fn malformed_input_is_an_error() {
    let good = numpy_arange3_i4();
    // Every truncation fails cleanly.
    for n in 0..good.len() {
        err_reason(&good[..n]);
    }
    let mut bad = good.clone();
    bad[0] = b'X';
    assert!(err_reason(&bad).contains("magic"));
    let mut bad = good.clone();
    bad[6] = 9;
    assert!(err_reason(&bad).contains("version 9.0"));
    assert!(err_reason(b"PK\x03\x04rest-of-zip").contains("read_npz"));
    let dicts = [
        "",
        "{",
        "{'descr': '<i4', 'fortran_order': False}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), 'extra': 1}",
        "{'descr': '<i4', 'fortran_order': 0, 'shape': (3,)}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (-3,)}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': 3}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (3,)} trailing",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (99999999999999999999999999999999999999999,)}",
        "{'descr': '<i4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296)}",
        "{'descr': '<i4, 'fortran_order': False, 'shape': (3,)}",
        "{'descr': __import__('os'), 'fortran_order': False, 'shape': (3,)}",
        "[1, 2, 3]",
        &("(".repeat(10_000) + &")".repeat(10_000)),
    ];
    for d in dicts {
        err_reason(&npy_with_header((1, 0), d, &[0; 12]));
    }
    // A huge header length over a short file: no giant allocation, just an error.
    let mut f = MAGIC.to_vec();
    f.extend_from_slice(&[2, 0, 0xFF, 0xFF, 0xFF, 0x7F]);
    err_reason(&f);
    // A huge shape over a short file: an error about the missing data.
    let f = npy_with_header(
        (1, 0),
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000, 1000000), }",
        &[0; 64],
    );
    assert!(err_reason(&f).contains("truncated"));
}

#[test]
fn corrupted_bytes_never_panic() {
    let mut good = Vec::new();
    write_npy(&mut good, &HostData::Float64(vec![1.0; 6]), &[2, 3]).unwrap();
    for i in 0..128 {
        for v in [0u8, b' ', b'(', b')', b'9', b',', b'\'', b'{', 0xFF] {
            let mut b = good.clone();
            b[i] = v;
            let _ = read_npy(&b[..]);
        }
    }
}

#[test]
fn write_checks_the_shape() {
    let mut buf = Vec::new();
    let e = write_npy(&mut buf, &HostData::Int8(vec![1, 2, 3]), &[2, 2]).unwrap_err();
    assert!(matches!(
        e,
        Error::InvalidArgument {
            op: "write_npy",
            ..
        }
    ));
}

#[test]
fn parser_values() {
    let chars: Vec<char> = "{'a': (1,), 'b': [(), (2, 3)], 'c': None, 'd': (4)}"
        .chars()
        .collect();
    let v = Parser { s: &chars, pos: 0 }.value(0).unwrap();
    assert_eq!(
        v.to_string(),
        "{'a': (1,), 'b': [(), (2, 3)], 'c': None, 'd': 4}"
    );
}
