//! Reads `.npy` / `.npz` files written by NumPy 2.4 (`tests/fixtures/`), and checks that xp
//! writes the same bytes back.
//!
//! The fixtures were made with:
//!
//! ```python
//! import numpy as np
//! np.save('arange3_i4.npy', np.arange(3, dtype='<i4'))
//! np.save('fortran_f8.npy', np.asfortranarray(np.arange(6, dtype='f8').reshape(2, 3) / 4))
//! np.save('bigendian_i2.npy', np.array([[-2, 300], [7, -32768]], dtype='>i2'))
//! np.save('bigendian_c8.npy', np.array([1+2j, -0.5j], dtype='>c8'))
//! np.save('scalar_c16.npy', np.complex128(1.5-2j))
//! np.save('empty_f4.npy', np.zeros((0, 3), dtype='f4'))
//! np.save('bool.npy', np.array([True, False, True]))
//! np.save('special_f8.npy', np.array([np.nan, np.inf, -np.inf, -0.0, 5e-324, 1.7976931348623157e308]))
//! np.save('extremes_u8.npy', np.array([0, 2**64-1], dtype='u8'))
//! with open('v2_u2.npy', 'wb') as f:
//!     np.lib.format.write_array(f, np.array([1, 65535], dtype='u2'), version=(2, 0))
//! with open('v3_i8.npy', 'wb') as f:
//!     np.lib.format.write_array(f, np.array([[-1], [2]], dtype='i8'), version=(3, 0))
//! np.save('unsupported_f2.npy', np.ones(2, dtype='f2'))
//! np.save('unsupported_U.npy', np.array(['ab']))
//! arrs = dict(a=np.arange(6, dtype='i8').reshape(2, 3), b=np.array([0.5, -1.0], dtype='f4'),
//!             c=np.array(True), d=np.array([], dtype='u1'), e=np.array([1-1j], dtype='c8'))
//! np.savez('savez.npz', **arrs)
//! np.savez_compressed('savez_compressed.npz', **arrs)
//! np.savez('positional.npz', np.array([1, 2], dtype='i1'), np.array([3.0]))
//! ```

use array_api::io::{read_npy, read_npz, write_npy, write_npz};
use array_api::{Complex32, Complex64, Error, HostData};
use std::io::Cursor;
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let p: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", name]
        .iter()
        .collect();
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn npy(name: &str) -> (HostData, Vec<usize>) {
    read_npy(&fixture(name)[..]).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// xp writes exactly the bytes NumPy wrote, for little-endian C-order fixtures.
fn assert_rewrites_identically(name: &str) {
    let bytes = fixture(name);
    let (data, shape) = read_npy(&bytes[..]).unwrap();
    let mut out = Vec::new();
    write_npy(&mut out, &data, &shape).unwrap();
    assert_eq!(out, bytes, "{name}");
}

#[test]
fn numpy_npy_files() {
    assert_eq!(
        npy("arange3_i4.npy"),
        (HostData::Int32(vec![0, 1, 2]), vec![3])
    );
    assert_eq!(
        npy("fortran_f8.npy"),
        (
            HostData::Float64(vec![0.0, 0.25, 0.5, 0.75, 1.0, 1.25]),
            vec![2, 3]
        )
    );
    assert_eq!(
        npy("bigendian_i2.npy"),
        (HostData::Int16(vec![-2, 300, 7, -32768]), vec![2, 2])
    );
    assert_eq!(
        npy("bigendian_c8.npy"),
        (
            HostData::Complex64(vec![Complex32::new(1.0, 2.0), Complex32::new(0.0, -0.5)]),
            vec![2]
        )
    );
    assert_eq!(
        npy("scalar_c16.npy"),
        (
            HostData::Complex128(vec![Complex64::new(1.5, -2.0)]),
            vec![]
        )
    );
    assert_eq!(npy("empty_f4.npy"), (HostData::Float32(vec![]), vec![0, 3]));
    assert_eq!(
        npy("bool.npy"),
        (HostData::Bool(vec![true, false, true]), vec![3])
    );
    assert_eq!(
        npy("extremes_u8.npy"),
        (HostData::UInt64(vec![0, u64::MAX]), vec![2])
    );
    assert_eq!(
        npy("v2_u2.npy"),
        (HostData::UInt16(vec![1, 65535]), vec![2])
    );
    assert_eq!(npy("v3_i8.npy"), (HostData::Int64(vec![-1, 2]), vec![2, 1]));

    let (d, s) = npy("special_f8.npy");
    assert_eq!(s, vec![6]);
    let v = d.to_vec::<f64>().unwrap();
    assert!(v[0].is_nan());
    assert_eq!(&v[1..3], &[f64::INFINITY, f64::NEG_INFINITY]);
    assert!(v[3] == 0.0 && v[3].is_sign_negative());
    assert_eq!(&v[4..], &[5e-324, f64::MAX]);

    for name in [
        "arange3_i4.npy",
        "scalar_c16.npy",
        "empty_f4.npy",
        "bool.npy",
        "special_f8.npy",
        "extremes_u8.npy",
    ] {
        assert_rewrites_identically(name);
    }
}

#[test]
fn unsupported_numpy_dtypes_are_named() {
    for (name, descr) in [("unsupported_f2.npy", "<f2"), ("unsupported_U.npy", "<U2")] {
        match read_npy(&fixture(name)[..]) {
            Err(Error::Io {
                op: "read_npy",
                reason,
            }) => {
                assert!(reason.contains(descr), "{reason}")
            }
            other => panic!("{name}: expected Err(Io), got {other:?}"),
        }
    }
}

fn expected_npz() -> Vec<(String, HostData, Vec<usize>)> {
    vec![
        ("a".into(), HostData::Int64((0..6).collect()), vec![2, 3]),
        ("b".into(), HostData::Float32(vec![0.5, -1.0]), vec![2]),
        ("c".into(), HostData::Bool(vec![true]), vec![]),
        ("d".into(), HostData::UInt8(vec![]), vec![0]),
        (
            "e".into(),
            HostData::Complex64(vec![Complex32::new(1.0, -1.0)]),
            vec![1],
        ),
    ]
}

#[test]
fn numpy_npz_files() {
    for name in ["savez.npz", "savez_compressed.npz"] {
        let got = read_npz(Cursor::new(fixture(name))).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got, expected_npz(), "{name}");
    }
    let got = read_npz(Cursor::new(fixture("positional.npz"))).unwrap();
    assert_eq!(
        got,
        vec![
            ("arr_0".to_string(), HostData::Int8(vec![1, 2]), vec![2]),
            ("arr_1".to_string(), HostData::Float64(vec![3.0]), vec![1]),
        ]
    );
}

#[test]
fn npz_roundtrip_of_numpy_content() {
    let arrays = expected_npz();
    let entries: Vec<(&str, &HostData, &[usize])> = arrays
        .iter()
        .map(|(n, d, s)| (n.as_str(), d, s.as_slice()))
        .collect();
    for compressed in [false, true] {
        let mut buf = Vec::new();
        write_npz(&mut buf, &entries, compressed).unwrap();
        assert_eq!(read_npz(Cursor::new(&buf)).unwrap(), arrays);
    }
}
