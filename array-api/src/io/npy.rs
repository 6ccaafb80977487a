//! The `.npy` format: a magic string, a version, a Python-literal header dict and the raw
//! elements.
//!
//! Format reference: NumPy's `numpy/lib/format.py` (NEP 1). Writing follows NumPy byte
//! for byte (version 1.0 unless the header needs 2.0, the same header text, the same
//! spare space and padding to 64 bytes), so `np.save` and [`write_npy`] produce identical
//! files for the same little-endian array.

use crate::{Complex32, Complex64, DType, Element, Error, HostData, Result};
use std::fmt;
use std::io::{self, Read, Write};

/// The first six bytes of every `.npy` file.
pub(crate) const MAGIC: &[u8; 6] = b"\x93NUMPY";
/// Header blocks are padded so that the data starts at a multiple of this.
const ARRAY_ALIGN: usize = 64;
/// NumPy leaves room for the growth axis to reach this many digits.
const GROWTH_AXIS_MAX_DIGITS: usize = 21;
/// Headers longer than this are rejected as malformed (NumPy's own default limit is 10 000
/// bytes; real headers are a few hundred).
const MAX_HEADER_LEN: usize = 1 << 20;
/// Element data is converted through buffers of about this many bytes.
const CHUNK_BYTES: usize = 1 << 16;
/// Nesting depth limit of the header parser.
const MAX_DEPTH: usize = 32;

pub(crate) fn io_error(op: &'static str, reason: impl Into<String>) -> Error {
    Error::Io {
        op,
        reason: reason.into(),
    }
}

/// An element type with a fixed-size binary encoding.
trait NpyElem: Copy {
    const SIZE: usize;
    fn from_le(b: &[u8]) -> Self;
    fn from_be(b: &[u8]) -> Self;
    fn put_le(self, out: &mut [u8]);
    /// The elements' in-memory bytes, when they are plain data (not `bool`, not complex).
    fn as_bytes(_v: &[Self]) -> Option<&[u8]> {
        None
    }
    /// Mutable in-memory bytes, when the elements are plain data.
    fn as_bytes_mut(_v: &mut [Self]) -> Option<&mut [u8]> {
        None
    }
    /// The zero value (to grow buffers before reading into them).
    fn zero() -> Self;
}

macro_rules! prim_elem {
    ($($t:ty),*) => {$(
        impl NpyElem for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            #[inline]
            fn from_le(b: &[u8]) -> Self {
                let mut a = [0u8; std::mem::size_of::<$t>()];
                a.copy_from_slice(b);
                <$t>::from_le_bytes(a)
            }
            #[inline]
            fn from_be(b: &[u8]) -> Self {
                let mut a = [0u8; std::mem::size_of::<$t>()];
                a.copy_from_slice(b);
                <$t>::from_be_bytes(a)
            }
            #[inline]
            fn put_le(self, out: &mut [u8]) {
                out.copy_from_slice(&self.to_le_bytes());
            }
            fn as_bytes(v: &[Self]) -> Option<&[u8]> {
                Some(bytemuck::cast_slice(v))
            }
            fn as_bytes_mut(v: &mut [Self]) -> Option<&mut [u8]> {
                Some(bytemuck::cast_slice_mut(v))
            }
            fn zero() -> Self {
                <$t>::default()
            }
        }
    )*};
}
prim_elem!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

impl NpyElem for bool {
    const SIZE: usize = 1;
    #[inline]
    fn from_le(b: &[u8]) -> Self {
        b[0] != 0
    }
    #[inline]
    fn from_be(b: &[u8]) -> Self {
        b[0] != 0
    }
    #[inline]
    fn put_le(self, out: &mut [u8]) {
        out[0] = self as u8;
    }
    fn zero() -> Self {
        false
    }
}

macro_rules! complex_elem {
    ($t:ty, $f:ty) => {
        impl NpyElem for $t {
            const SIZE: usize = 2 * std::mem::size_of::<$f>();
            #[inline]
            fn from_le(b: &[u8]) -> Self {
                let h = Self::SIZE / 2;
                <$t>::new(<$f>::from_le(&b[..h]), <$f>::from_le(&b[h..]))
            }
            #[inline]
            fn from_be(b: &[u8]) -> Self {
                let h = Self::SIZE / 2;
                <$t>::new(<$f>::from_be(&b[..h]), <$f>::from_be(&b[h..]))
            }
            #[inline]
            fn put_le(self, out: &mut [u8]) {
                let h = Self::SIZE / 2;
                self.re.put_le(&mut out[..h]);
                self.im.put_le(&mut out[h..]);
            }
            fn zero() -> Self {
                <$t>::new(0.0, 0.0)
            }
        }
    };
}
complex_elem!(Complex32, f32);
complex_elem!(Complex64, f64);

/// The NumPy type string (without byte order) of a dtype.
fn type_code(dtype: DType) -> Option<&'static str> {
    Some(match dtype {
        DType::Bool => "b1",
        DType::Int8 => "i1",
        DType::Int16 => "i2",
        DType::Int32 => "i4",
        DType::Int64 => "i8",
        DType::UInt8 => "u1",
        DType::UInt16 => "u2",
        DType::UInt32 => "u4",
        DType::UInt64 => "u8",
        DType::Float32 => "f4",
        DType::Float64 => "f8",
        DType::Complex64 => "c8",
        DType::Complex128 => "c16",
        DType::String => return None,
    })
}

/// NumPy's `descr` for a little-endian array of `dtype`: `'|b1'`, `'<i4'`, ...
pub(crate) fn descr(dtype: DType) -> Option<String> {
    let code = type_code(dtype)?;
    let order = if dtype.itemsize() == 1 { '|' } else { '<' };
    Some(format!("{order}{code}"))
}

/// Parses a `descr` string into a dtype and whether the data is big-endian.
fn parse_descr(s: &str) -> Result<(DType, bool)> {
    let unsupported = || {
        io_error(
            "read_npy",
            format!(
                "unsupported dtype descr '{s}': xp reads bool, int8-64, uint8-64, float32/64 and \
                 complex64/128 (descrs like '|b1', '<i4', '>f8', '<c16')"
            ),
        )
    };
    let (order, code) = match s.as_bytes().first() {
        Some(b'<' | b'>' | b'|' | b'=') => (s.as_bytes()[0], &s[1..]),
        _ => (b'=', s),
    };
    let dtype = match code {
        "b1" | "?" => DType::Bool,
        "i1" => DType::Int8,
        "i2" => DType::Int16,
        "i4" => DType::Int32,
        "i8" => DType::Int64,
        "u1" => DType::UInt8,
        "u2" => DType::UInt16,
        "u4" => DType::UInt32,
        "u8" => DType::UInt64,
        "f4" => DType::Float32,
        "f8" => DType::Float64,
        "c8" => DType::Complex64,
        "c16" => DType::Complex128,
        _ => return Err(unsupported()),
    };
    let big = match order {
        b'>' => true,
        b'=' => cfg!(target_endian = "big"),
        _ => false,
    };
    Ok((dtype, big))
}

/// A Python literal, as found in `.npy` headers.
#[derive(Clone, Debug, PartialEq)]
enum PyVal {
    Str(String),
    Int(i128),
    Bool(bool),
    None,
    Tuple(Vec<PyVal>),
    List(Vec<PyVal>),
    Dict(Vec<(PyVal, PyVal)>),
}

impl fmt::Display for PyVal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn seq(f: &mut fmt::Formatter<'_>, items: &[PyVal]) -> fmt::Result {
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{v}")?;
            }
            Ok(())
        }
        match self {
            PyVal::Str(s) => write!(f, "'{s}'"),
            PyVal::Int(i) => write!(f, "{i}"),
            PyVal::Bool(b) => f.write_str(if *b { "True" } else { "False" }),
            PyVal::None => f.write_str("None"),
            PyVal::Tuple(v) => {
                f.write_str("(")?;
                seq(f, v)?;
                f.write_str(if v.len() == 1 { ",)" } else { ")" })
            }
            PyVal::List(v) => {
                f.write_str("[")?;
                seq(f, v)?;
                f.write_str("]")
            }
            PyVal::Dict(kv) => {
                f.write_str("{")?;
                for (i, (k, v)) in kv.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

/// A recursive-descent parser of the Python literals NumPy writes in headers.
struct Parser<'a> {
    s: &'a [char],
    pos: usize,
}

impl Parser<'_> {
    fn err(&self, what: &str) -> Error {
        io_error(
            "read_npy",
            format!("malformed header: {what} at character {}", self.pos),
        )
    }

    fn skip_ws(&mut self) {
        while self.pos < self.s.len() && self.s[self.pos].is_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.s.get(self.pos).copied()
    }

    fn expect(&mut self, c: char) -> Result<()> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.err(&format!("expected '{c}'")))
        }
    }

    fn value(&mut self, depth: usize) -> Result<PyVal> {
        if depth > MAX_DEPTH {
            return Err(self.err("nesting too deep"));
        }
        match self.peek() {
            None => Err(self.err("unexpected end")),
            Some('{') => {
                self.pos += 1;
                let mut kv = Vec::new();
                loop {
                    if self.peek() == Some('}') {
                        self.pos += 1;
                        return Ok(PyVal::Dict(kv));
                    }
                    let k = self.value(depth + 1)?;
                    self.expect(':')?;
                    let v = self.value(depth + 1)?;
                    kv.push((k, v));
                    match self.peek() {
                        Some(',') => self.pos += 1,
                        Some('}') => {}
                        _ => return Err(self.err("expected ',' or '}'")),
                    }
                }
            }
            Some(open @ ('(' | '[')) => {
                self.pos += 1;
                let close = if open == '(' { ')' } else { ']' };
                let mut items = Vec::new();
                let mut trailing_comma = false;
                loop {
                    if self.peek() == Some(close) {
                        self.pos += 1;
                        break;
                    }
                    items.push(self.value(depth + 1)?);
                    trailing_comma = false;
                    match self.peek() {
                        Some(',') => {
                            self.pos += 1;
                            trailing_comma = true;
                        }
                        Some(c) if c == close => {}
                        _ => return Err(self.err(&format!("expected ',' or '{close}'"))),
                    }
                }
                if open == '[' {
                    Ok(PyVal::List(items))
                } else if items.len() == 1 && !trailing_comma {
                    // A parenthesised expression, not a tuple.
                    Ok(items.pop().unwrap_or(PyVal::None))
                } else {
                    Ok(PyVal::Tuple(items))
                }
            }
            Some(q @ ('\'' | '"')) => {
                self.pos += 1;
                let mut out = String::new();
                loop {
                    let Some(&c) = self.s.get(self.pos) else {
                        return Err(self.err("unterminated string"));
                    };
                    self.pos += 1;
                    if c == q {
                        return Ok(PyVal::Str(out));
                    }
                    if c == '\\' {
                        let Some(&e) = self.s.get(self.pos) else {
                            return Err(self.err("unterminated string"));
                        };
                        self.pos += 1;
                        out.push(match e {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            '0' => '\0',
                            other => other,
                        });
                    } else {
                        out.push(c);
                    }
                }
            }
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' => {
                let neg = c == '-';
                if c == '-' || c == '+' {
                    self.pos += 1;
                }
                let start = self.pos;
                let mut v: i128 = 0;
                while let Some(&d) = self.s.get(self.pos) {
                    let Some(dv) = d.to_digit(10) else { break };
                    v = v
                        .checked_mul(10)
                        .and_then(|v| v.checked_add(dv as i128))
                        .ok_or_else(|| self.err("integer too large"))?;
                    self.pos += 1;
                }
                if self.pos == start {
                    return Err(self.err("expected digits"));
                }
                // Python 2 long suffix (`3L`), found in old files.
                if matches!(self.s.get(self.pos), Some('L' | 'l')) {
                    self.pos += 1;
                }
                Ok(PyVal::Int(if neg { -v } else { v }))
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                let start = self.pos;
                while self
                    .s
                    .get(self.pos)
                    .is_some_and(|c| c.is_alphanumeric() || *c == '_')
                {
                    self.pos += 1;
                }
                let word: String = self.s[start..self.pos].iter().collect();
                match word.as_str() {
                    "True" => Ok(PyVal::Bool(true)),
                    "False" => Ok(PyVal::Bool(false)),
                    "None" => Ok(PyVal::None),
                    _ => {
                        self.pos = start;
                        Err(self.err(&format!("unexpected name '{word}'")))
                    }
                }
            }
            Some(c) => Err(self.err(&format!("unexpected character {c:?}"))),
        }
    }
}

/// The parsed header of a `.npy` file.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Header {
    pub(crate) dtype: DType,
    pub(crate) big_endian: bool,
    pub(crate) fortran_order: bool,
    pub(crate) shape: Vec<usize>,
}

/// Parses the header dict text.
fn parse_header(text: &str) -> Result<Header> {
    let chars: Vec<char> = text.chars().collect();
    let mut p = Parser { s: &chars, pos: 0 };
    let v = p.value(0)?;
    if p.peek().is_some() {
        return Err(p.err("unexpected text after the header dict"));
    }
    let PyVal::Dict(kv) = v else {
        return Err(io_error(
            "read_npy",
            format!("malformed header: expected a dict, got {v}"),
        ));
    };
    let (mut descr, mut fortran, mut shape) = (None, None, None);
    for (k, v) in kv {
        match &k {
            PyVal::Str(s) if s == "descr" => descr = Some(v),
            PyVal::Str(s) if s == "fortran_order" => fortran = Some(v),
            PyVal::Str(s) if s == "shape" => shape = Some(v),
            _ => {
                return Err(io_error(
                    "read_npy",
                    format!("malformed header: unexpected key {k}"),
                ))
            }
        }
    }
    let missing = |key: &str| io_error("read_npy", format!("malformed header: no '{key}' key"));
    let descr = descr.ok_or_else(|| missing("descr"))?;
    let fortran = fortran.ok_or_else(|| missing("fortran_order"))?;
    let shape = shape.ok_or_else(|| missing("shape"))?;
    let (dtype, big_endian) = match &descr {
        PyVal::Str(s) => parse_descr(s)?,
        other => {
            return Err(io_error(
                "read_npy",
                format!("unsupported dtype descr {other}: structured dtypes are not supported"),
            ))
        }
    };
    let PyVal::Bool(fortran_order) = fortran else {
        return Err(io_error(
            "read_npy",
            format!("malformed header: 'fortran_order' is {fortran}, not True or False"),
        ));
    };
    let dims = match &shape {
        PyVal::Tuple(d) | PyVal::List(d) => d,
        other => {
            return Err(io_error(
                "read_npy",
                format!("malformed header: 'shape' is {other}, not a tuple"),
            ))
        }
    };
    let shape = dims
        .iter()
        .map(|d| match d {
            PyVal::Int(i) => usize::try_from(*i).ok(),
            _ => None,
        })
        .collect::<Option<Vec<usize>>>()
        .ok_or_else(|| {
            io_error(
                "read_npy",
                format!(
                    "malformed header: 'shape' {shape} is not a tuple of non-negative integers"
                ),
            )
        })?;
    Ok(Header {
        dtype,
        big_endian,
        fortran_order,
        shape,
    })
}

/// Number of elements and bytes of the data; `Err` when they overflow.
fn data_size(shape: &[usize], dtype: DType, op: &'static str) -> Result<(usize, usize)> {
    let n = shape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .and_then(|n| n.checked_mul(dtype.itemsize()).map(|b| (n, b)))
        .filter(|&(_, b)| b <= isize::MAX as usize);
    n.ok_or_else(|| {
        io_error(
            op,
            format!(
                "shape {} of {dtype} is too large",
                crate::shape::fmt_shape(shape)
            ),
        )
    })
}

/// Python's `repr` of a shape tuple.
fn py_shape(shape: &[usize]) -> String {
    crate::shape::fmt_shape(shape)
}

/// The complete header block (magic, version, length, dict, padding, newline) NumPy writes
/// for a C-order little-endian array of `dtype` and `shape`.
pub(crate) fn header_block(dtype: DType, shape: &[usize]) -> Result<Vec<u8>> {
    let descr = descr(dtype).ok_or_else(|| {
        io_error(
            "write_npy",
            format!("dtype {dtype} cannot be stored in .npy"),
        )
    })?;
    let mut dict = format!(
        "{{'descr': '{descr}', 'fortran_order': False, 'shape': {}, }}",
        py_shape(shape)
    );
    if let Some(&d0) = shape.first() {
        let digits = d0.to_string().len();
        dict.extend(std::iter::repeat_n(
            ' ',
            GROWTH_AXIS_MAX_DIGITS.saturating_sub(digits),
        ));
    }
    let hlen = dict.len() + 1;
    for (major, len_bytes) in [(1u8, 2usize), (2, 4)] {
        let pad = ARRAY_ALIGN - (MAGIC.len() + 2 + len_bytes + hlen) % ARRAY_ALIGN;
        let total = hlen + pad;
        let mut out = Vec::with_capacity(MAGIC.len() + 2 + len_bytes + total);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[major, 0]);
        if major == 1 {
            let Ok(t) = u16::try_from(total) else {
                continue;
            };
            out.extend_from_slice(&t.to_le_bytes());
        } else {
            let t = u32::try_from(total)
                .map_err(|_| io_error("write_npy", "header too large for .npy"))?;
            out.extend_from_slice(&t.to_le_bytes());
        }
        out.extend_from_slice(dict.as_bytes());
        out.extend(std::iter::repeat_n(b' ', pad));
        out.push(b'\n');
        return Ok(out);
    }
    Err(io_error("write_npy", "header too large for .npy"))
}

fn write_elems<T: NpyElem, W: Write>(w: &mut W, v: &[T]) -> io::Result<()> {
    if cfg!(target_endian = "little") {
        if let Some(bytes) = T::as_bytes(v) {
            return w.write_all(bytes);
        }
    }
    let per = (CHUNK_BYTES / T::SIZE).max(1);
    let mut buf = vec![0u8; per.min(v.len()) * T::SIZE];
    for chunk in v.chunks(per) {
        let bytes = &mut buf[..chunk.len() * T::SIZE];
        for (x, o) in chunk.iter().zip(bytes.chunks_exact_mut(T::SIZE)) {
            x.put_le(o);
        }
        w.write_all(bytes)?;
    }
    Ok(())
}

/// Writes `data` with `shape` (C order) as a `.npy` file (format version 1.0, or 2.0 when
/// the header needs it), byte for byte as NumPy's `np.save` does for the same
/// little-endian array.
///
/// `Err(InvalidArgument)` when `data.len()` is not the size of `shape`; `Err(Io)` when
/// writing fails.
///
/// ```
/// use array_api::{io, HostData};
/// let mut file = Vec::new();
/// io::write_npy(&mut file, &HostData::Int32(vec![0, 1, 2]), &[3])?;
/// assert_eq!(&file[..8], b"\x93NUMPY\x01\x00");
/// assert_eq!(file.len(), 128 + 3 * 4);
/// # Ok::<(), array_api::Error>(())
/// ```
pub fn write_npy<W: Write>(mut w: W, data: &HostData, shape: &[usize]) -> Result<()> {
    write_npy_op(&mut w, data, shape, "write_npy")
}

pub(crate) fn write_npy_op<W: Write>(
    w: &mut W,
    data: &HostData,
    shape: &[usize],
    op: &'static str,
) -> Result<()> {
    let (n, _) = data_size(shape, data.dtype(), op)?;
    if n != data.len() {
        return Err(Error::invalid(
            op,
            format!(
                "{} elements do not fill shape {}",
                data.len(),
                crate::shape::fmt_shape(shape)
            ),
        ));
    }
    let header = header_block(data.dtype(), shape)?;
    let res = w
        .write_all(&header)
        .and_then(|_| crate::with_host!(data, v, T => write_elems::<T, _>(w, v)));
    res.map_err(|e| io_error(op, format!("write failed: {e}")))
}

fn read_exact_or<R: Read>(r: &mut R, buf: &mut [u8], what: &str) -> Result<()> {
    r.read_exact(buf).map_err(|e| {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            io_error(
                "read_npy",
                format!("truncated file: it ends inside the {what}"),
            )
        } else {
            io_error("read_npy", format!("read failed: {e}"))
        }
    })
}

fn read_elems<T: NpyElem, R: Read>(r: &mut R, n: usize, big_endian: bool) -> Result<Vec<T>> {
    let fail = |e: io::Error| {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            io_error(
                "read_npy",
                format!(
                    "truncated file: the header announces {n} elements ({} bytes) but the data \
                     ends early",
                    n * T::SIZE
                ),
            )
        } else {
            io_error("read_npy", format!("read failed: {e}"))
        }
    };
    let per = (CHUNK_BYTES / T::SIZE).max(1);
    // Grow with the data actually read, so a header claiming a huge shape over a short
    // file fails on the missing bytes, not on the allocation.
    let mut out: Vec<T> = Vec::with_capacity(n.min(per * 16));
    if cfg!(target_endian = "little") && !big_endian && T::as_bytes(&[]).is_some() {
        // Plain data in native byte order: read straight into the vector, in growing
        // steps.
        let mut step = per;
        while out.len() < n {
            let start = out.len();
            let k = (n - start).min(step);
            out.resize(start + k, T::zero());
            if let Some(bytes) = T::as_bytes_mut(&mut out[start..]) {
                r.read_exact(bytes).map_err(fail)?;
            }
            step = step.saturating_mul(2);
        }
        return Ok(out);
    }
    let mut buf = vec![0u8; per.min(n) * T::SIZE];
    let conv: fn(&[u8]) -> T = if big_endian { T::from_be } else { T::from_le };
    let mut left = n;
    while left > 0 {
        let k = left.min(per);
        let bytes = &mut buf[..k * T::SIZE];
        r.read_exact(bytes).map_err(fail)?;
        out.extend(bytes.chunks_exact(T::SIZE).map(conv));
        left -= k;
    }
    Ok(out)
}

/// Reorders elements stored in Fortran (column-major) order into C order.
fn fortran_to_c<T: Copy>(v: Vec<T>, shape: &[usize]) -> Vec<T> {
    let nd = shape.len();
    if nd <= 1 || v.len() <= 1 {
        return v;
    }
    let mut fstrides = vec![0usize; nd];
    let mut s = 1usize;
    for k in 0..nd {
        fstrides[k] = s;
        s *= shape[k];
    }
    let mut out = Vec::with_capacity(v.len());
    let mut idx = vec![0usize; nd];
    let mut src = 0usize;
    let last = nd - 1;
    let (len_last, stride_last) = (shape[last], fstrides[last]);
    while out.len() < v.len() {
        // Innermost axis in one run.
        let mut p = src;
        for _ in 0..len_last {
            out.push(v[p]);
            p += stride_last;
        }
        // Carry into the outer axes.
        let mut k = last;
        while k > 0 {
            k -= 1;
            idx[k] += 1;
            src += fstrides[k];
            if idx[k] < shape[k] {
                break;
            }
            src -= fstrides[k] * shape[k];
            idx[k] = 0;
        }
    }
    out
}

/// Reads the magic string, version and header of a `.npy` stream.
pub(crate) fn read_header<R: Read>(r: &mut R) -> Result<Header> {
    let mut pre = [0u8; 8];
    read_exact_or(r, &mut pre, "magic string")?;
    if &pre[..6] != MAGIC {
        let hint = if pre.starts_with(b"PK\x03\x04") || pre.starts_with(b"PK\x05\x06") {
            " (it looks like a zip archive: use read_npz / load_npz for .npz files)"
        } else {
            ""
        };
        return Err(io_error(
            "read_npy",
            format!(
                "not a .npy file: bad magic string b\"{}\"{hint}",
                pre[..6].escape_ascii()
            ),
        ));
    }
    let (major, minor) = (pre[6], pre[7]);
    let hlen = match major {
        1 => {
            let mut b = [0u8; 2];
            read_exact_or(r, &mut b, "header length")?;
            u16::from_le_bytes(b) as usize
        }
        2 | 3 => {
            let mut b = [0u8; 4];
            read_exact_or(r, &mut b, "header length")?;
            u32::from_le_bytes(b) as usize
        }
        _ => {
            return Err(io_error(
                "read_npy",
                format!("unsupported .npy format version {major}.{minor} (xp reads 1.0, 2.0, 3.0)"),
            ))
        }
    };
    if hlen > MAX_HEADER_LEN {
        return Err(io_error(
            "read_npy",
            format!("header of {hlen} bytes is too large (limit {MAX_HEADER_LEN})"),
        ));
    }
    let mut hbytes = vec![0u8; hlen];
    read_exact_or(r, &mut hbytes, "header")?;
    let text: String = if major == 3 {
        String::from_utf8(hbytes)
            .map_err(|_| io_error("read_npy", "malformed header: not valid UTF-8"))?
    } else {
        // Versions 1 and 2 are latin-1.
        hbytes.iter().map(|&b| b as char).collect()
    };
    parse_header(&text)
}

/// Reads a `.npy` stream: returns the elements in C order and the shape.
///
/// Reads format versions 1.0, 2.0 and 3.0; dtypes `|b1` (any non-zero byte is `true`),
/// `|i1`, `<i2`, `<i4`, `<i8`, `|u1`, `<u2`, `<u4`, `<u8`, `<f4`, `<f8`, `<c8`, `<c16` and
/// their big-endian (`>`) forms; Fortran-order data is reordered to C order. Other
/// dtypes (strings, objects, `float16`, structured) and malformed or truncated input
/// give `Err(Io)`, naming the problem. Reading stops at the end of the data: the stream
/// is left positioned after it.
///
/// ```
/// use array_api::{io, HostData};
/// let mut file = Vec::new();
/// io::write_npy(&mut file, &HostData::Float64(vec![1.0, 2.0, 3.0, 4.0]), &[2, 2])?;
/// let (data, shape) = io::read_npy(&file[..])?;
/// assert_eq!(shape, vec![2, 2]);
/// assert_eq!(data, HostData::Float64(vec![1.0, 2.0, 3.0, 4.0]));
/// # Ok::<(), array_api::Error>(())
/// ```
pub fn read_npy<R: Read>(mut r: R) -> Result<(HostData, Vec<usize>)> {
    let h = read_header(&mut r)?;
    let (n, _) = data_size(&h.shape, h.dtype, "read_npy")?;
    let mut data = crate::with_dtype!(h.dtype,
        T => T::into_host(read_elems::<T, _>(&mut r, n, h.big_endian)?),
        else => return Err(io_error("read_npy", "string dtype")));
    if h.fortran_order {
        crate::with_host!(&mut data, v, _T => {
            *v = fortran_to_c(std::mem::take(v), &h.shape);
        });
    }
    Ok((data, h.shape))
}

#[cfg(test)]
#[cfg(test)]
#[path = "npy_tests.rs"]
mod tests;
