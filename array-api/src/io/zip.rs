//! A minimal zip archive reader and writer: what `.npz` files need.
//!
//! Supports stored (method 0) and deflate (method 8) members, ZIP64 sizes, offsets and
//! entry counts (NumPy writes ZIP64 extra fields in local headers), data descriptors (sizes
//! are taken from the central directory) and archives with bytes prepended. Not supported:
//! encryption, multi-disk archives, other compression methods.
//!
//! Format reference: PKWARE's APPNOTE.TXT, sections 4.3 and 4.5.3.

use super::crc32::Crc32;
use super::npy::io_error;
use crate::Result;
use std::io::{self, Read, Seek, SeekFrom, Write};

const LOCAL_SIG: u32 = 0x0403_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const EOCD_SIG: u32 = 0x0605_4b50;
const ZIP64_EOCD_SIG: u32 = 0x0606_4b50;
const ZIP64_LOCATOR_SIG: u32 = 0x0706_4b50;
const ZIP64_EXTRA_ID: u16 = 0x0001;
const EOCD_LEN: usize = 22;
const ZIP64_LOCATOR_LEN: usize = 20;
const ZIP64_EOCD_LEN: usize = 56;
const MAX_COMMENT: usize = 0xFFFF;
/// Field values at or above this are stored in a ZIP64 extra field.
const U32_LIMIT: u64 = 0xFFFF_FFFF;
const U16_LIMIT: u64 = 0xFFFF;
/// Flag bit 11: the name is UTF-8.
const FLAG_UTF8: u16 = 0x0800;
/// Version needed to extract: 2.0 (deflate), 4.5 (ZIP64).
const VERSION_DEFAULT: u16 = 20;
const VERSION_ZIP64: u16 = 45;
/// Made by: Unix (3), spec 4.5.
const VERSION_MADE_BY: u16 = (3 << 8) | VERSION_ZIP64;
/// DOS date of 1980-01-01 (time 00:00): fixed, so archives are reproducible.
const DOS_DATE: u16 = (1 << 5) | 1;
/// `-rw-r--r--` regular file.
const EXTERNAL_ATTR: u32 = 0o100644 << 16;

/// A compression method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Method {
    /// Method 0.
    Stored,
    /// Method 8.
    Deflate,
}

impl Method {
    fn code(self) -> u16 {
        match self {
            Method::Stored => 0,
            Method::Deflate => 8,
        }
    }
}

/// Little-endian field readers over a byte slice; out-of-range reads give `None`.
struct Fields<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Fields<'a> {
    fn new(b: &'a [u8]) -> Fields<'a> {
        Fields { b, pos: 0 }
    }
    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.b.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u16(&mut self) -> Option<u16> {
        self.bytes(2).map(|s| u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Option<u32> {
        self.bytes(4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u64(&mut self) -> Option<u64> {
        self.bytes(8).map(|s| {
            let mut a = [0u8; 8];
            a.copy_from_slice(s);
            u64::from_le_bytes(a)
        })
    }
}

fn bad(reason: impl Into<String>) -> crate::Error {
    io_error(
        "read_npz",
        format!("malformed zip archive: {}", reason.into()),
    )
}

fn read_failed(e: io::Error) -> crate::Error {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        bad("the file is truncated")
    } else {
        io_error("read_npz", format!("read failed: {e}"))
    }
}

/// One member of an archive, from the central directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The member's name.
    pub(crate) name: String,
    /// Compression method code (0 stored, 8 deflate).
    pub(crate) method: u16,
    /// General purpose flags.
    pub(crate) flags: u16,
    /// CRC-32 of the uncompressed data.
    pub(crate) crc: u32,
    /// Size of the (compressed) data in the archive.
    pub(crate) compressed_size: u64,
    /// Size of the uncompressed data.
    pub(crate) uncompressed_size: u64,
    /// Offset of the local file header (already adjusted for prepended bytes).
    pub(crate) header_offset: u64,
}

fn decode_name(raw: &[u8]) -> String {
    // Names are UTF-8 when flag bit 11 is set, CP437 otherwise; NumPy's names are ASCII.
    String::from_utf8_lossy(raw).into_owned()
}

/// Reads the central directory of an archive.
pub(crate) fn read_directory<R: Read + Seek>(r: &mut R) -> Result<Vec<Entry>> {
    let file_len = r.seek(SeekFrom::End(0)).map_err(read_failed)?;
    if file_len < EOCD_LEN as u64 {
        return Err(bad("too short for a zip archive"));
    }
    // The end-of-central-directory record is within the last 22 + 65535 bytes.
    let tail_len = file_len.min((EOCD_LEN + MAX_COMMENT + ZIP64_LOCATOR_LEN) as u64) as usize;
    let tail_start = file_len - tail_len as u64;
    let mut tail = vec![0u8; tail_len];
    r.seek(SeekFrom::Start(tail_start)).map_err(read_failed)?;
    r.read_exact(&mut tail).map_err(read_failed)?;
    let sig = EOCD_SIG.to_le_bytes();
    let eocd_at = (0..=tail_len - EOCD_LEN)
        .rev()
        .find(|&i| {
            tail[i..i + 4] == sig && {
                let c = u16::from_le_bytes([tail[i + 20], tail[i + 21]]) as usize;
                i + EOCD_LEN + c <= tail_len
            }
        })
        .ok_or_else(|| bad("no end of central directory record (not a zip file?)"))?;
    let mut f = Fields::new(&tail[eocd_at + 4..]);
    let eocd_fields = (|| {
        let disk = f.u16()?;
        let cd_disk = f.u16()?;
        let _entries_here = f.u16()?;
        let entries = f.u16()?;
        let cd_size = f.u32()?;
        let cd_offset = f.u32()?;
        Some((
            disk,
            cd_disk,
            entries as u64,
            cd_size as u64,
            cd_offset as u64,
        ))
    })();
    let (disk, cd_disk, mut n_entries, mut cd_size, mut cd_offset) =
        eocd_fields.ok_or_else(|| bad("short end of central directory record"))?;
    let eocd_pos = tail_start + eocd_at as u64;
    // The end of the central directory: where it would start in an archive without
    // prepended bytes is `cd_offset`; the difference is the prepended length.
    let mut cd_end = eocd_pos;

    // ZIP64: a locator right before the EOCD points at the ZIP64 EOCD record.
    if eocd_at >= ZIP64_LOCATOR_LEN
        && tail[eocd_at - ZIP64_LOCATOR_LEN..eocd_at - ZIP64_LOCATOR_LEN + 4]
            == ZIP64_LOCATOR_SIG.to_le_bytes()
    {
        let mut l = Fields::new(&tail[eocd_at - ZIP64_LOCATOR_LEN + 4..eocd_at]);
        let (_disk, _z64_offset, total_disks) = (|| Some((l.u32()?, l.u64()?, l.u32()?)))()
            .ok_or_else(|| bad("short ZIP64 locator"))?;
        if total_disks > 1 {
            return Err(bad("multi-disk archives are not supported"));
        }
        // Like Python's zipfile, find the ZIP64 record right before the locator (robust to
        // prepended bytes, which shift the recorded offset).
        let z64_pos = (eocd_pos - ZIP64_LOCATOR_LEN as u64)
            .checked_sub(ZIP64_EOCD_LEN as u64)
            .ok_or_else(|| bad("ZIP64 record out of range"))?;
        let mut rec = [0u8; ZIP64_EOCD_LEN];
        r.seek(SeekFrom::Start(z64_pos)).map_err(read_failed)?;
        r.read_exact(&mut rec).map_err(read_failed)?;
        let mut z = Fields::new(&rec);
        let fields = (|| {
            let sig = z.u32()?;
            let _size = z.u64()?;
            let _made_by = z.u16()?;
            let _needed = z.u16()?;
            let disk = z.u32()?;
            let cd_disk = z.u32()?;
            let _entries_here = z.u64()?;
            let entries = z.u64()?;
            let cd_size = z.u64()?;
            let cd_offset = z.u64()?;
            Some((sig, disk, cd_disk, entries, cd_size, cd_offset))
        })();
        let (sig, d, cd, e, s, o) = fields.ok_or_else(|| bad("short ZIP64 record"))?;
        if sig != ZIP64_EOCD_SIG {
            return Err(bad("bad ZIP64 end of central directory signature"));
        }
        if d != 0 || cd != 0 {
            return Err(bad("multi-disk archives are not supported"));
        }
        (n_entries, cd_size, cd_offset) = (e, s, o);
        cd_end = z64_pos;
    } else if disk != 0 || cd_disk != 0 {
        return Err(bad("multi-disk archives are not supported"));
    }

    let cd_start = cd_end
        .checked_sub(cd_size)
        .ok_or_else(|| bad("central directory size exceeds the archive"))?;
    let prepended = cd_start
        .checked_sub(cd_offset)
        .ok_or_else(|| bad("central directory offset exceeds the archive"))?;
    let mut cd = Vec::new();
    r.seek(SeekFrom::Start(cd_start)).map_err(read_failed)?;
    r.take(cd_size).read_to_end(&mut cd).map_err(read_failed)?;
    if (cd.len() as u64) < cd_size {
        return Err(bad("the file is truncated"));
    }

    let mut entries = Vec::new();
    let mut f = Fields::new(&cd);
    for i in 0..n_entries {
        let e = (|| {
            if f.u32()? != CENTRAL_SIG {
                return Some(Err(bad(format!(
                    "bad central directory header of entry {i}"
                ))));
            }
            let _made_by = f.u16()?;
            let _needed = f.u16()?;
            let flags = f.u16()?;
            let method = f.u16()?;
            let _time = f.u16()?;
            let _date = f.u16()?;
            let crc = f.u32()?;
            let mut csize = f.u32()? as u64;
            let mut usize_ = f.u32()? as u64;
            let name_len = f.u16()? as usize;
            let extra_len = f.u16()? as usize;
            let comment_len = f.u16()? as usize;
            let _disk_start = f.u16()?;
            let _internal = f.u16()?;
            let _external = f.u32()?;
            let mut offset = f.u32()? as u64;
            let name = f.bytes(name_len)?;
            let extra = f.bytes(extra_len)?;
            f.bytes(comment_len)?;
            // ZIP64 extra: only the fields saturated in the header, in this order.
            if let Some(mut z) = find_extra(extra, ZIP64_EXTRA_ID).map(Fields::new) {
                if usize_ == U32_LIMIT {
                    usize_ = z.u64()?;
                }
                if csize == U32_LIMIT {
                    csize = z.u64()?;
                }
                if offset == U32_LIMIT {
                    offset = z.u64()?;
                }
            }
            Some(Ok(Entry {
                name: decode_name(name),
                method,
                flags,
                crc,
                compressed_size: csize,
                uncompressed_size: usize_,
                header_offset: offset,
            }))
        })()
        .ok_or_else(|| bad(format!("central directory entry {i} is truncated")))??;
        let header_offset = e
            .header_offset
            .checked_add(prepended)
            .ok_or_else(|| bad("entry offset out of range"))?;
        entries.push(Entry { header_offset, ..e });
    }
    Ok(entries)
}

/// The payload of extra field `id` in an extra-field block.
fn find_extra(mut extra: &[u8], id: u16) -> Option<&[u8]> {
    while extra.len() >= 4 {
        let tag = u16::from_le_bytes([extra[0], extra[1]]);
        let len = u16::from_le_bytes([extra[2], extra[3]]) as usize;
        let body = extra.get(4..4 + len)?;
        if tag == id {
            return Some(body);
        }
        extra = &extra[4 + len..];
    }
    None
}

/// Seeks `r` to the start of `e`'s data (after its local header) and checks the entry can
/// be read.
pub(crate) fn seek_to_data<R: Read + Seek>(r: &mut R, e: &Entry) -> Result<()> {
    if e.flags & 1 != 0 {
        return Err(io_error(
            "read_npz",
            format!("member '{}' is encrypted", e.name),
        ));
    }
    if e.method != 0 && e.method != 8 {
        return Err(io_error(
            "read_npz",
            format!(
                "member '{}' uses compression method {}; xp reads stored (0) and deflate (8)",
                e.name, e.method
            ),
        ));
    }
    let mut h = [0u8; 30];
    r.seek(SeekFrom::Start(e.header_offset))
        .map_err(read_failed)?;
    r.read_exact(&mut h).map_err(read_failed)?;
    if u32::from_le_bytes([h[0], h[1], h[2], h[3]]) != LOCAL_SIG {
        return Err(bad(format!("bad local header of member '{}'", e.name)));
    }
    let name_len = u16::from_le_bytes([h[26], h[27]]) as i64;
    let extra_len = u16::from_le_bytes([h[28], h[29]]) as i64;
    r.seek(SeekFrom::Current(name_len + extra_len))
        .map_err(read_failed)?;
    Ok(())
}

/// A reader that feeds a CRC-32 and counts bytes.
pub(crate) struct CrcReader<R> {
    pub(crate) inner: R,
    pub(crate) crc: Crc32,
    pub(crate) count: u64,
}

impl<R: Read> Read for CrcReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.crc.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

/// A writer that feeds a CRC-32 and counts bytes, forwarding to `inner`.
pub(crate) struct CrcWriter<W> {
    pub(crate) inner: W,
    pub(crate) crc: Crc32,
    pub(crate) count: u64,
}

impl<W: Write> Write for CrcWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A writer that counts the bytes it forwards.
struct Counting<W> {
    inner: W,
    pos: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

struct Written {
    name: String,
    method: Method,
    crc: u32,
    compressed_size: u64,
    uncompressed_size: u64,
    header_offset: u64,
}

/// Writes an archive member by member to any `Write` (no seeking: sizes and CRCs are given
/// before each member's data).
pub(crate) struct ZipWriter<W: Write> {
    w: Counting<W>,
    entries: Vec<Written>,
    /// Where the current member's data must end.
    expected_end: u64,
}

fn write_failed(e: io::Error) -> crate::Error {
    io_error("write_npz", format!("write failed: {e}"))
}

fn flags_for(name: &str) -> u16 {
    if name.is_ascii() {
        0
    } else {
        FLAG_UTF8
    }
}

impl<W: Write> ZipWriter<W> {
    /// A writer at the start of `w`.
    pub(crate) fn new(w: W) -> ZipWriter<W> {
        ZipWriter {
            w: Counting { inner: w, pos: 0 },
            entries: Vec::new(),
            expected_end: 0,
        }
    }

    fn check_previous(&self) -> Result<()> {
        if self.w.pos != self.expected_end {
            return Err(io_error(
                "write_npz",
                "internal error: member data of the wrong length",
            ));
        }
        Ok(())
    }

    /// Writes the local header of a new member; its `compressed_size` bytes of data must be
    /// written next through [`data`](Self::data).
    pub(crate) fn start(
        &mut self,
        name: &str,
        method: Method,
        crc: u32,
        compressed_size: u64,
        uncompressed_size: u64,
    ) -> Result<()> {
        self.check_previous()?;
        if name.len() > U16_LIMIT as usize {
            return Err(crate::Error::invalid(
                "write_npz",
                format!("member name of {} bytes is too long", name.len()),
            ));
        }
        let zip64 = compressed_size >= U32_LIMIT || uncompressed_size >= U32_LIMIT;
        let header_offset = self.w.pos;
        let mut h = Vec::with_capacity(30 + name.len() + 20);
        h.extend_from_slice(&LOCAL_SIG.to_le_bytes());
        h.extend_from_slice(
            &(if zip64 {
                VERSION_ZIP64
            } else {
                VERSION_DEFAULT
            })
            .to_le_bytes(),
        );
        h.extend_from_slice(&flags_for(name).to_le_bytes());
        h.extend_from_slice(&method.code().to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes());
        h.extend_from_slice(&DOS_DATE.to_le_bytes());
        h.extend_from_slice(&crc.to_le_bytes());
        if zip64 {
            h.extend_from_slice(&(U32_LIMIT as u32).to_le_bytes());
            h.extend_from_slice(&(U32_LIMIT as u32).to_le_bytes());
        } else {
            h.extend_from_slice(&(compressed_size as u32).to_le_bytes());
            h.extend_from_slice(&(uncompressed_size as u32).to_le_bytes());
        }
        h.extend_from_slice(&(name.len() as u16).to_le_bytes());
        h.extend_from_slice(&(if zip64 { 20u16 } else { 0 }).to_le_bytes());
        h.extend_from_slice(name.as_bytes());
        if zip64 {
            h.extend_from_slice(&ZIP64_EXTRA_ID.to_le_bytes());
            h.extend_from_slice(&16u16.to_le_bytes());
            h.extend_from_slice(&uncompressed_size.to_le_bytes());
            h.extend_from_slice(&compressed_size.to_le_bytes());
        }
        self.w.write_all(&h).map_err(write_failed)?;
        self.expected_end = self.w.pos + compressed_size;
        self.entries.push(Written {
            name: name.to_owned(),
            method,
            crc,
            compressed_size,
            uncompressed_size,
            header_offset,
        });
        Ok(())
    }

    /// The sink for the current member's data.
    pub(crate) fn data(&mut self) -> &mut impl Write {
        &mut self.w
    }

    /// Writes the central directory and the end records; returns the inner writer.
    pub(crate) fn finish(mut self) -> Result<W> {
        self.check_previous()?;
        let cd_offset = self.w.pos;
        let mut cd = Vec::new();
        for e in &self.entries {
            let mut extra = Vec::new();
            let sat = |v: u64| {
                if v >= U32_LIMIT {
                    U32_LIMIT as u32
                } else {
                    v as u32
                }
            };
            for v in [e.uncompressed_size, e.compressed_size, e.header_offset] {
                if v >= U32_LIMIT {
                    extra.extend_from_slice(&v.to_le_bytes());
                }
            }
            let zip64 = !extra.is_empty();
            cd.extend_from_slice(&CENTRAL_SIG.to_le_bytes());
            cd.extend_from_slice(&VERSION_MADE_BY.to_le_bytes());
            cd.extend_from_slice(
                &(if zip64 {
                    VERSION_ZIP64
                } else {
                    VERSION_DEFAULT
                })
                .to_le_bytes(),
            );
            cd.extend_from_slice(&flags_for(&e.name).to_le_bytes());
            cd.extend_from_slice(&e.method.code().to_le_bytes());
            cd.extend_from_slice(&0u16.to_le_bytes());
            cd.extend_from_slice(&DOS_DATE.to_le_bytes());
            cd.extend_from_slice(&e.crc.to_le_bytes());
            cd.extend_from_slice(&sat(e.compressed_size).to_le_bytes());
            cd.extend_from_slice(&sat(e.uncompressed_size).to_le_bytes());
            cd.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            let extra_len = if zip64 { extra.len() + 4 } else { 0 };
            cd.extend_from_slice(&(extra_len as u16).to_le_bytes());
            cd.extend_from_slice(&0u16.to_le_bytes()); // comment
            cd.extend_from_slice(&0u16.to_le_bytes()); // disk
            cd.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
            cd.extend_from_slice(&EXTERNAL_ATTR.to_le_bytes());
            cd.extend_from_slice(&sat(e.header_offset).to_le_bytes());
            cd.extend_from_slice(e.name.as_bytes());
            if zip64 {
                cd.extend_from_slice(&ZIP64_EXTRA_ID.to_le_bytes());
                cd.extend_from_slice(&(extra.len() as u16).to_le_bytes());
                cd.extend_from_slice(&extra);
            }
        }
        self.w.write_all(&cd).map_err(write_failed)?;
        let cd_size = cd.len() as u64;
        let n = self.entries.len() as u64;
        let mut end = Vec::new();
        if n >= U16_LIMIT || cd_size >= U32_LIMIT || cd_offset >= U32_LIMIT {
            let z64_offset = self.w.pos;
            end.extend_from_slice(&ZIP64_EOCD_SIG.to_le_bytes());
            end.extend_from_slice(&((ZIP64_EOCD_LEN - 12) as u64).to_le_bytes());
            end.extend_from_slice(&VERSION_MADE_BY.to_le_bytes());
            end.extend_from_slice(&VERSION_ZIP64.to_le_bytes());
            end.extend_from_slice(&0u32.to_le_bytes());
            end.extend_from_slice(&0u32.to_le_bytes());
            end.extend_from_slice(&n.to_le_bytes());
            end.extend_from_slice(&n.to_le_bytes());
            end.extend_from_slice(&cd_size.to_le_bytes());
            end.extend_from_slice(&cd_offset.to_le_bytes());
            end.extend_from_slice(&ZIP64_LOCATOR_SIG.to_le_bytes());
            end.extend_from_slice(&0u32.to_le_bytes());
            end.extend_from_slice(&z64_offset.to_le_bytes());
            end.extend_from_slice(&1u32.to_le_bytes());
        }
        let n16 = n.min(U16_LIMIT) as u16;
        end.extend_from_slice(&EOCD_SIG.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        end.extend_from_slice(&n16.to_le_bytes());
        end.extend_from_slice(&n16.to_le_bytes());
        end.extend_from_slice(&(cd_size.min(U32_LIMIT) as u32).to_le_bytes());
        end.extend_from_slice(&(cd_offset.min(U32_LIMIT) as u32).to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        self.w.write_all(&end).map_err(write_failed)?;
        self.w.flush().map_err(write_failed)?;
        Ok(self.w.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::super::crc32::crc32;
    use super::*;
    use std::io::Cursor;

    fn archive(members: &[(&str, &[u8], Method)]) -> Vec<u8> {
        let mut z = ZipWriter::new(Vec::new());
        for &(name, data, m) in members {
            let payload = match m {
                Method::Stored => data.to_vec(),
                Method::Deflate => miniz_oxide::deflate::compress_to_vec(data, 6),
            };
            z.start(
                name,
                m,
                crc32(data),
                payload.len() as u64,
                data.len() as u64,
            )
            .unwrap();
            z.data().write_all(&payload).unwrap();
        }
        z.finish().unwrap()
    }

    fn read_member(buf: &[u8], e: &Entry) -> Vec<u8> {
        let mut c = Cursor::new(buf);
        seek_to_data(&mut c, e).unwrap();
        let mut raw = vec![0u8; e.compressed_size as usize];
        c.read_exact(&mut raw).unwrap();
        let out = if e.method == 8 {
            miniz_oxide::inflate::decompress_to_vec(&raw).unwrap()
        } else {
            raw
        };
        assert_eq!(crc32(&out), e.crc);
        out
    }

    #[test]
    fn roundtrip_members() {
        let big: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        let members: &[(&str, &[u8], Method)] = &[
            ("a.npy", b"hello", Method::Stored),
            ("b.npy", &big, Method::Deflate),
            ("empty.npy", b"", Method::Stored),
            ("ünïcode.npy", b"x", Method::Deflate),
        ];
        let buf = archive(members);
        let entries = read_directory(&mut Cursor::new(&buf)).unwrap();
        assert_eq!(entries.len(), members.len());
        for (e, &(name, data, m)) in entries.iter().zip(members) {
            assert_eq!(e.name, name);
            assert_eq!(e.method, m.code());
            assert_eq!(read_member(&buf, e), data);
        }
        // Prepended bytes shift every offset; the reader compensates.
        let mut shifted = b"#!prefix\n".to_vec();
        shifted.extend_from_slice(&buf);
        let entries = read_directory(&mut Cursor::new(&shifted)).unwrap();
        assert_eq!(read_member(&shifted, &entries[1]), big);
    }

    #[test]
    fn zip64_fields_are_read() {
        // Hand-made archive whose local and central headers use ZIP64 extras for small
        // sizes, plus ZIP64 end records, as NumPy (force_zip64) and other writers do.
        let data = b"payload";
        let crc = crc32(data);
        let mut f = Vec::new();
        f.extend_from_slice(&LOCAL_SIG.to_le_bytes());
        f.extend_from_slice(&45u16.to_le_bytes());
        f.extend_from_slice(&0u16.to_le_bytes());
        f.extend_from_slice(&0u16.to_le_bytes());
        f.extend_from_slice(&[0, 0, 0x21, 0]);
        f.extend_from_slice(&crc.to_le_bytes());
        f.extend_from_slice(&u32::MAX.to_le_bytes());
        f.extend_from_slice(&u32::MAX.to_le_bytes());
        f.extend_from_slice(&5u16.to_le_bytes());
        f.extend_from_slice(&20u16.to_le_bytes());
        f.extend_from_slice(b"x.npy");
        f.extend_from_slice(&1u16.to_le_bytes());
        f.extend_from_slice(&16u16.to_le_bytes());
        f.extend_from_slice(&(data.len() as u64).to_le_bytes());
        f.extend_from_slice(&(data.len() as u64).to_le_bytes());
        f.extend_from_slice(data);
        let cd_offset = f.len() as u64;
        f.extend_from_slice(&CENTRAL_SIG.to_le_bytes());
        f.extend_from_slice(&[45, 3, 45, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
        f.extend_from_slice(&crc.to_le_bytes());
        f.extend_from_slice(&u32::MAX.to_le_bytes());
        f.extend_from_slice(&u32::MAX.to_le_bytes());
        f.extend_from_slice(&5u16.to_le_bytes());
        f.extend_from_slice(&28u16.to_le_bytes());
        f.extend_from_slice(&[0; 10]);
        f.extend_from_slice(&u32::MAX.to_le_bytes());
        f.extend_from_slice(b"x.npy");
        f.extend_from_slice(&1u16.to_le_bytes());
        f.extend_from_slice(&24u16.to_le_bytes());
        f.extend_from_slice(&(data.len() as u64).to_le_bytes());
        f.extend_from_slice(&(data.len() as u64).to_le_bytes());
        f.extend_from_slice(&0u64.to_le_bytes());
        let cd_size = f.len() as u64 - cd_offset;
        let z64 = f.len() as u64;
        f.extend_from_slice(&ZIP64_EOCD_SIG.to_le_bytes());
        f.extend_from_slice(&44u64.to_le_bytes());
        f.extend_from_slice(&[45, 3, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        f.extend_from_slice(&1u64.to_le_bytes());
        f.extend_from_slice(&1u64.to_le_bytes());
        f.extend_from_slice(&cd_size.to_le_bytes());
        f.extend_from_slice(&cd_offset.to_le_bytes());
        f.extend_from_slice(&ZIP64_LOCATOR_SIG.to_le_bytes());
        f.extend_from_slice(&0u32.to_le_bytes());
        f.extend_from_slice(&z64.to_le_bytes());
        f.extend_from_slice(&1u32.to_le_bytes());
        f.extend_from_slice(&EOCD_SIG.to_le_bytes());
        f.extend_from_slice(&[0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
        f.extend_from_slice(&[0xFF; 8]);
        f.extend_from_slice(&0u16.to_le_bytes());
        let entries = read_directory(&mut Cursor::new(&f)).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].compressed_size, 7);
        assert_eq!(entries[0].header_offset, 0);
        assert_eq!(read_member(&f, &entries[0]), data);
    }

    #[test]
    fn writer_uses_zip64_end_records_for_many_entries() {
        let mut z = ZipWriter::new(Vec::new());
        let n = 70_000u32;
        for i in 0..n {
            z.start(&format!("{i}"), Method::Stored, 0, 0, 0).unwrap();
        }
        let buf = z.finish().unwrap();
        let entries = read_directory(&mut Cursor::new(&buf)).unwrap();
        assert_eq!(entries.len(), n as usize);
        assert_eq!(entries[69_999].name, "69999");
    }

    #[test]
    fn writer_zip64_headers_for_large_members() {
        let big = 5u64 << 30;
        let mut z = ZipWriter::new(Vec::new());
        z.start("x.npy", Method::Stored, 7, big, big).unwrap();
        let local = z.w.inner.clone();
        assert_eq!(&local[4..6], &VERSION_ZIP64.to_le_bytes());
        assert_eq!(&local[18..26], &[0xFF; 8]);
        assert_eq!(&local[28..30], &20u16.to_le_bytes());
        let extra = &local[30 + 5..];
        assert_eq!(find_extra(extra, ZIP64_EXTRA_ID).unwrap().len(), 16);
        assert_eq!(&extra[4..12], &big.to_le_bytes());
        // Pretend the data was written, and add a member at a large offset.
        z.expected_end = z.w.pos;
        z.entries.push(Written {
            name: "y.npy".into(),
            method: Method::Deflate,
            crc: 9,
            compressed_size: 100,
            uncompressed_size: big,
            header_offset: big + 200,
        });
        let buf = z.finish().unwrap();
        let entries = read_directory(&mut Cursor::new(&buf)).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(
            (
                entries[0].compressed_size,
                entries[0].uncompressed_size,
                entries[0].header_offset
            ),
            (big, big, 0)
        );
        assert_eq!(
            (
                entries[1].compressed_size,
                entries[1].uncompressed_size,
                entries[1].header_offset
            ),
            (100, big, big + 200)
        );
        assert_eq!(entries[1].crc, 9);
    }

    #[test]
    fn garbage_is_an_error() {
        let good = archive(&[("a.npy", b"hello", Method::Stored)]);
        for n in 0..good.len() {
            // Truncations either fail to find the directory or read an inconsistent one.
            let _ = read_directory(&mut Cursor::new(&good[..n]));
        }
        assert!(read_directory(&mut Cursor::new(b"not a zip at all, not a zip at all")).is_err());
        // Corrupt every byte of the end record and directory in turn: never a panic.
        for i in 0..good.len() {
            let mut b = good.clone();
            b[i] ^= 0xA5;
            if let Ok(entries) = read_directory(&mut Cursor::new(&b)) {
                for e in entries {
                    let _ = seek_to_data(&mut Cursor::new(&b), &e);
                }
            }
        }
    }
}
