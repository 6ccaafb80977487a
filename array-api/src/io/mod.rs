//! Reading and writing NumPy `.npy` and `.npz` files.
//!
//! Two levels:
//!
//! - **Arrays and paths**, for users: [`save`] / [`load`] one array as `.npy`, [`savez`] /
//!   [`savez_compressed`] / [`load_npz`] several named arrays as `.npz`. Paths are used as
//!   given (unlike NumPy, no `.npy`/`.npz` suffix is appended).
//! - **Host data and streams**, for anything else (and for tests without a backend):
//!   [`write_npy`] / [`read_npy`] over `Write` / `Read`, [`write_npz`] / [`read_npz`] over
//!   `Write` / `Read + Seek`, on [`HostData`] in C order plus a shape.
//!
//! Files are interchangeable with NumPy's: `np.load` reads what xp writes (`.npy` files
//! are byte-identical to `np.save`'s), and xp reads what `np.save`, `np.savez` and
//! `np.savez_compressed` write, for the dtypes xp has: `bool`, `int8`-`int64`,
//! `uint8`-`uint64`, `float32`, `float64`, `complex64`, `complex128`, little- or
//! big-endian, C or Fortran order (Fortran-order data is reordered to C order), format
//! versions 1.0, 2.0 and 3.0. Other dtypes (`float16`, strings, objects, structured
//! dtypes) and malformed, truncated or corrupt files give [`Error::Io`]
//! naming the problem; reading never panics on bad input.
//!
//! ```
//! use array_api::{io, HostData};
//! let data = HostData::Float64(vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
//! let mut file = Vec::new();
//! io::write_npy(&mut file, &data, &[2, 3])?;
//! let (back, shape) = io::read_npy(&file[..])?;
//! assert_eq!((back, shape), (data, vec![2, 3]));
//! # Ok::<(), array_api::Error>(())
//! ```

mod crc32;
mod npy;
mod npz;
mod zip;

pub use npy::{read_npy, write_npy};
pub use npz::{read_npz, write_npz, NpzEntry};

use crate::{Array, Backend, Error, HostData, Result};
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

/// Re-labels an error from the stream functions with the user-facing `op` and the path.
fn at_path(err: Error, op: &'static str, path: &Path) -> Error {
    match err {
        Error::Io { reason, .. } => Error::Io {
            op,
            reason: format!("{}: {reason}", path.display()),
        },
        Error::InvalidArgument { reason, .. } => Error::InvalidArgument { op, reason },
        other => other,
    }
}

fn open(path: &Path, op: &'static str) -> Result<BufReader<File>> {
    File::open(path).map(BufReader::new).map_err(|e| Error::Io {
        op,
        reason: format!("cannot open {}: {e}", path.display()),
    })
}

fn create(path: &Path, op: &'static str) -> Result<BufWriter<File>> {
    File::create(path)
        .map(BufWriter::new)
        .map_err(|e| Error::Io {
            op,
            reason: format!("cannot create {}: {e}", path.display()),
        })
}

fn finish(mut w: BufWriter<File>, path: &Path, op: &'static str) -> Result<()> {
    let res = w.flush().and_then(|_| w.get_ref().sync_all());
    res.map_err(|e| Error::Io {
        op,
        reason: format!("cannot write {}: {e}", path.display()),
    })
}

/// Saves `a` to `path` as a `.npy` file (NumPy's `np.save`).
///
/// `Err(Io)` (naming the path) when the file cannot be written; errors of
/// [`Array::to_host`] pass through.
pub fn save<B: Backend>(path: impl AsRef<Path>, a: &Array<B>) -> Result<()> {
    let path = path.as_ref();
    let data = a.to_host()?;
    let mut w = create(path, "save")?;
    write_npy(&mut w, &data, a.shape()).map_err(|e| at_path(e, "save", path))?;
    finish(w, path, "save")
}

/// Loads the `.npy` file at `path` onto `device` (NumPy's `np.load` of a `.npy` file).
///
/// `Err(Io)` (naming the path) when the file cannot be read or is not a `.npy` file of a
/// supported dtype (see the [module docs](self)); `Err(UnsupportedDType)` when `device`
/// does not support the file's dtype.
pub fn load<B: Backend>(path: impl AsRef<Path>, device: &B) -> Result<Array<B>> {
    let path = path.as_ref();
    let r = open(path, "load")?;
    let (data, shape) = read_npy(r).map_err(|e| at_path(e, "load", path))?;
    Array::from_host(data, shape, device)
}

fn savez_impl<B: Backend>(
    path: &Path,
    arrays: &[(&str, &Array<B>)],
    compressed: bool,
    op: &'static str,
) -> Result<()> {
    let hosts = arrays
        .iter()
        .map(|(_, a)| a.to_host())
        .collect::<Result<Vec<HostData>>>()?;
    let entries: Vec<(&str, &HostData, &[usize])> = arrays
        .iter()
        .zip(&hosts)
        .map(|((name, a), h)| (*name, h, a.shape()))
        .collect();
    // Check names before creating the file.
    for (i, (name, _)) in arrays.iter().enumerate() {
        if arrays[..i].iter().any(|(n, _)| n == name) {
            return Err(Error::invalid(
                op,
                format!("array name '{name}' appears twice"),
            ));
        }
    }
    let mut w = create(path, op)?;
    write_npz(&mut w, &entries, compressed).map_err(|e| at_path(e, op, path))?;
    finish(w, path, op)
}

/// Saves named arrays to `path` as an uncompressed `.npz` archive (NumPy's
/// `np.savez(path, name=a, ...)`); member `name.npy` holds array `name`.
///
/// `Err(InvalidArgument)` when a name repeats; `Err(Io)` (naming the path) when the file
/// cannot be written.
pub fn savez<B: Backend>(path: impl AsRef<Path>, arrays: &[(&str, &Array<B>)]) -> Result<()> {
    savez_impl(path.as_ref(), arrays, false, "savez")
}

/// Saves named arrays to `path` as a deflate-compressed `.npz` archive (NumPy's
/// `np.savez_compressed`). Errors as [`savez`].
pub fn savez_compressed<B: Backend>(
    path: impl AsRef<Path>,
    arrays: &[(&str, &Array<B>)],
) -> Result<()> {
    savez_impl(path.as_ref(), arrays, true, "savez_compressed")
}

/// Loads every array of the `.npz` archive at `path` onto `device`, in archive order,
/// named as NumPy names them (member names without the `.npy` suffix).
///
/// `Err(Io)` (naming the path and member) when the file cannot be read, is not a valid
/// archive, or holds a member that is not a `.npy` file of a supported dtype;
/// `Err(UnsupportedDType)` when `device` does not support a member's dtype.
pub fn load_npz<B: Backend>(path: impl AsRef<Path>, device: &B) -> Result<Vec<(String, Array<B>)>> {
    let path = path.as_ref();
    let r = open(path, "load_npz")?;
    let entries = read_npz(r).map_err(|e| at_path(e, "load_npz", path))?;
    entries
        .into_iter()
        .map(|(name, data, shape)| Ok((name, Array::from_host(data, shape, device)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_errors_name_the_path() {
        let dir = std::env::temp_dir().join(format!("xp-io-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let missing = dir.join("missing.npy");
        let e = open(&missing, "load").unwrap_err();
        assert!(matches!(e, Error::Io { op: "load", .. }));
        assert!(e.to_string().contains("missing.npy"), "{e}");
        let e = at_path(
            Error::Io {
                op: "read_npy",
                reason: "bad".into(),
            },
            "load",
            &missing,
        );
        assert_eq!(e.to_string(), format!("load: {}: bad", missing.display()));
        let e = create(&dir.join("no-such-dir").join("x.npy"), "save").unwrap_err();
        assert!(e.to_string().contains("no-such-dir"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
