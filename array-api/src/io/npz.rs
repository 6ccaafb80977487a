//! The `.npz` format: a zip archive of `.npy` members, one per array, named `<key>.npy`.

use super::crc32::Crc32;
use super::npy::{io_error, read_npy, write_npy_op};
use super::zip::{read_directory, seek_to_data, CrcReader, CrcWriter, Entry, Method, ZipWriter};
use crate::{Error, HostData, Result};
use std::io::{self, Read, Seek, Write};

/// One array read from an `.npz` archive: its name (without `.npy`), data and shape.
pub type NpzEntry = (String, HostData, Vec<usize>);

/// The deflate level used for compressed archives (zlib's default, as NumPy's
/// `savez_compressed` uses).
const DEFLATE_LEVEL: u8 = 6;

/// Writes arrays as an `.npz` archive: one member `<name>.npy` per entry, in order; deflate
/// compressed like `np.savez_compressed` when `compressed`, stored like `np.savez`
/// otherwise. Each entry is `(name, data, shape)` with data in C order.
///
/// `Err(InvalidArgument)` when a name repeats or data does not fill its shape; `Err(Io)`
/// when writing fails. Only needs `Write` (no seeking): stored members are encoded twice
/// (once to checksum, once to write) rather than buffered; compressed members are
/// compressed in memory.
///
/// ```
/// use array_api::{io, HostData};
/// let x = HostData::Float32(vec![1.0, 2.0]);
/// let n = HostData::Int64(vec![7]);
/// let mut file = Vec::new();
/// io::write_npz(&mut file, &[("x", &x, &[2]), ("n", &n, &[])], true)?;
/// let arrays = io::read_npz(std::io::Cursor::new(&file))?;
/// assert_eq!(arrays[0], ("x".to_string(), x, vec![2]));
/// assert_eq!(arrays[1], ("n".to_string(), n, vec![]));
/// # Ok::<(), array_api::Error>(())
/// ```
pub fn write_npz<W: Write>(
    w: W,
    entries: &[(&str, &HostData, &[usize])],
    compressed: bool,
) -> Result<()> {
    for (i, (name, _, _)) in entries.iter().enumerate() {
        if entries[..i].iter().any(|(n, _, _)| n == name) {
            return Err(Error::invalid(
                "write_npz",
                format!("array name '{name}' appears twice"),
            ));
        }
    }
    let mut z = ZipWriter::new(w);
    for &(name, data, shape) in entries {
        let member = format!("{name}.npy");
        if compressed {
            let mut raw = Vec::new();
            write_npy_op(&mut raw, data, shape, "write_npz")?;
            let mut crc = Crc32::new();
            crc.update(&raw);
            let packed = miniz_oxide::deflate::compress_to_vec(&raw, DEFLATE_LEVEL);
            z.start(
                &member,
                Method::Deflate,
                crc.finish(),
                packed.len() as u64,
                raw.len() as u64,
            )?;
            z.data()
                .write_all(&packed)
                .map_err(|e| io_error("write_npz", format!("write failed: {e}")))?;
        } else {
            let mut sink = CrcWriter {
                inner: io::sink(),
                crc: Crc32::new(),
                count: 0,
            };
            write_npy_op(&mut sink, data, shape, "write_npz")?;
            z.start(
                &member,
                Method::Stored,
                sink.crc.finish(),
                sink.count,
                sink.count,
            )?;
            write_npy_op(z.data(), data, shape, "write_npz")?;
        }
    }
    z.finish()?;
    Ok(())
}

/// Reads every array of an `.npz` archive, in archive order, with names stripped of their
/// `.npy` suffix (as `np.load(...)[name]` names them).
///
/// Reads archives written by `np.savez` and `np.savez_compressed` (stored or deflate
/// members, ZIP64 records) and by [`write_npz`]. Checks each member's CRC-32. Directory
/// entries are skipped; any member that is not a readable `.npy` file (see
/// [`read_npy`](super::read_npy)) gives `Err(Io)` naming the member. For an in-memory
/// archive pass `std::io::Cursor::new(bytes)`.
pub fn read_npz<R: Read + Seek>(mut r: R) -> Result<Vec<NpzEntry>> {
    let entries = read_directory(&mut r)?;
    let mut out = Vec::with_capacity(entries.len().min(1024));
    for e in entries {
        if e.name.ends_with('/') {
            continue;
        }
        let (data, shape) = read_member(&mut r, &e).map_err(|err| match err {
            Error::Io { reason, .. } => {
                io_error("read_npz", format!("member '{}': {reason}", e.name))
            }
            other => other,
        })?;
        let name = e.name.strip_suffix(".npy").unwrap_or(&e.name).to_owned();
        out.push((name, data, shape));
    }
    Ok(out)
}

fn member_error(reason: impl Into<String>) -> Error {
    io_error("read_npz", reason)
}

fn read_member<R: Read + Seek>(r: &mut R, e: &Entry) -> Result<(HostData, Vec<usize>)> {
    seek_to_data(r, e)?;
    let read_err = |err: io::Error| {
        if err.kind() == io::ErrorKind::UnexpectedEof {
            member_error("the archive is truncated")
        } else {
            member_error(format!("read failed: {err}"))
        }
    };
    let crc_err = || member_error("CRC-32 mismatch: the data is corrupt");
    if e.method == 8 {
        let mut packed = Vec::new();
        (&mut *r)
            .take(e.compressed_size)
            .read_to_end(&mut packed)
            .map_err(read_err)?;
        if (packed.len() as u64) < e.compressed_size {
            return Err(member_error("the archive is truncated"));
        }
        let limit = usize::try_from(e.uncompressed_size).unwrap_or(usize::MAX);
        let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, limit)
            .map_err(|err| member_error(format!("corrupt deflate data ({:?})", err.status)))?;
        if raw.len() as u64 != e.uncompressed_size {
            return Err(member_error(format!(
                "decompressed to {} bytes, the directory says {}",
                raw.len(),
                e.uncompressed_size
            )));
        }
        if super::crc32::crc32(&raw) != e.crc {
            return Err(crc_err());
        }
        read_npy(&raw[..])
    } else {
        if e.compressed_size != e.uncompressed_size {
            return Err(member_error(
                "stored member with different compressed and uncompressed sizes",
            ));
        }
        let mut cr = CrcReader {
            inner: (&mut *r).take(e.compressed_size),
            crc: Crc32::new(),
            count: 0,
        };
        let res = read_npy(&mut cr)?;
        // Checksum whatever follows the array inside the member too.
        io::copy(&mut cr, &mut io::sink()).map_err(read_err)?;
        if cr.count != e.uncompressed_size {
            return Err(member_error("the archive is truncated"));
        }
        if cr.crc.finish() != e.crc {
            return Err(crc_err());
        }
        Ok(res)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Complex32, Complex64, DType, Element};
    use std::io::Cursor;

    fn sample(dtype: DType, n: usize) -> HostData {
        crate::with_dtype!(dtype,
            T => T::into_host((0..n).map(|i| T::from_scalar(crate::Scalar::Int(i as i128 % 5))).collect()),
            else => unreachable!())
    }

    #[test]
    fn roundtrip_every_dtype() {
        let shapes: [&[usize]; 4] = [&[], &[0], &[3, 2], &[2, 0, 4]];
        let owned: Vec<(String, HostData, Vec<usize>)> = DType::ALL
            .iter()
            .enumerate()
            .map(|(i, &d)| {
                let s = shapes[i % shapes.len()];
                (
                    format!("{}_{i}", d.name()),
                    sample(d, s.iter().product()),
                    s.to_vec(),
                )
            })
            .collect();
        let entries: Vec<(&str, &HostData, &[usize])> = owned
            .iter()
            .map(|(n, d, s)| (n.as_str(), d, s.as_slice()))
            .collect();
        for compressed in [false, true] {
            let mut buf = Vec::new();
            write_npz(&mut buf, &entries, compressed).unwrap();
            let back = read_npz(Cursor::new(&buf)).unwrap();
            assert_eq!(back, owned);
        }
    }

    #[test]
    fn compression_shrinks_and_crc_is_checked() {
        let d = HostData::Float64(vec![0.0; 10_000]);
        let mut stored = Vec::new();
        write_npz(&mut stored, &[("z", &d, &[10_000])], false).unwrap();
        let mut packed = Vec::new();
        write_npz(&mut packed, &[("z", &d, &[10_000])], true).unwrap();
        assert!(stored.len() > 80_000);
        assert!(packed.len() < 2_000);
        // Flip one data byte of the stored member: the CRC catches it.
        let mut bad = stored.clone();
        bad[200] ^= 1;
        let e = read_npz(Cursor::new(&bad)).unwrap_err();
        assert!(e.to_string().contains("CRC"), "{e}");
        assert!(e.to_string().contains("z.npy"), "{e}");
    }

    #[test]
    fn complex_values_roundtrip() {
        let a = HostData::Complex64(vec![Complex32::new(1.5, -2.0)]);
        let b = HostData::Complex128(vec![Complex64::new(f64::NAN, f64::INFINITY); 2]);
        let mut buf = Vec::new();
        write_npz(&mut buf, &[("a", &a, &[1]), ("b", &b, &[2, 1])], true).unwrap();
        let back = read_npz(Cursor::new(&buf)).unwrap();
        assert_eq!(back[0].1, a);
        let v = back[1].1.to_vec::<Complex64>().unwrap();
        assert!(v[1].re.is_nan() && v[1].im == f64::INFINITY);
        assert_eq!(back[1].2, vec![2, 1]);
    }

    #[test]
    fn duplicate_names_and_bad_shapes_are_rejected() {
        let d = HostData::Int8(vec![1]);
        let e = write_npz(Vec::new(), &[("a", &d, &[1]), ("a", &d, &[1])], false).unwrap_err();
        assert!(matches!(e, Error::InvalidArgument { .. }));
        let e = write_npz(Vec::new(), &[("a", &d, &[2])], true).unwrap_err();
        assert!(matches!(e, Error::InvalidArgument { .. }));
    }

    #[test]
    fn corrupt_archives_are_errors_not_panics() {
        let d = HostData::Int32((0..50).collect());
        for compressed in [false, true] {
            let mut good = Vec::new();
            write_npz(
                &mut good,
                &[("a", &d, &[5, 10]), ("b", &d, &[50])],
                compressed,
            )
            .unwrap();
            for n in 0..good.len() {
                assert!(read_npz(Cursor::new(&good[..n])).is_err());
            }
            for i in 0..good.len() {
                let mut b = good.clone();
                b[i] = b[i].wrapping_add(0x5B);
                // Either an error or (for bytes nothing checks, like dates) the same arrays.
                if let Ok(v) = read_npz(Cursor::new(&b)) {
                    assert_eq!(v.len(), 2);
                }
            }
        }
        let e = read_npz(Cursor::new(b"PK\x05\x06")).unwrap_err();
        assert!(matches!(e, Error::Io { op: "read_npz", .. }));
    }
}
