//! Python objects to xp arrays and scalars, and back.
//!
//! `asarray` accepts xp arrays, Python scalars, (nested) sequences, and NumPy arrays or any
//! object with `__array_interface__` (read in one copy from `tobytes()`; byte order
//! honoured). Results go to NumPy through `__array__` (one copy).

use crate::array::PyArray;
use crate::errors::IntoPy;
use num_complex::{Complex32, Complex64};
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyComplex, PyFloat, PyInt, PyList, PySequence, PyTuple};
use xp::{Array, DType, Dyn, HostData, Scalar};

/// A Python scalar as an xp [`Scalar`]: `bool`, `int` (any size that fits `i128`;
/// range against the array's dtype is checked by xp), `float`, `complex`. NumPy scalars
/// convert through the same protocols. `None` when `obj` is not a scalar.
pub fn scalar(obj: &Bound<'_, PyAny>) -> PyResult<Option<Scalar>> {
    if obj.is_instance_of::<PyBool>() {
        return Ok(Some(Scalar::Bool(obj.extract()?)));
    }
    if obj.is_instance_of::<PyInt>() {
        let v: i128 = obj
            .extract()
            .map_err(|_| PyOverflowError::new_err(format!("Python int {} is out of range", obj)))?;
        return Ok(Some(Scalar::Int(v)));
    }
    if obj.is_instance_of::<PyFloat>() {
        return Ok(Some(Scalar::Float(obj.extract()?)));
    }
    if obj.is_instance_of::<PyComplex>() {
        let c: Complex64 = obj.extract()?;
        return Ok(Some(Scalar::Complex(c)));
    }
    Ok(None)
}

/// A binary operand: an xp array or a Python scalar.
pub enum Operand {
    /// An array.
    Array(Array<Dyn>),
    /// A Python scalar (weak in promotion).
    Scalar(Scalar),
}

impl Operand {
    /// As xp's operand type.
    pub fn as_xp(&self) -> xp::Operand<'_, Dyn> {
        match self {
            Operand::Array(a) => xp::Operand::Array(a),
            Operand::Scalar(s) => xp::Operand::Scalar(*s),
        }
    }
}

/// An operand argument: an array or a Python scalar; anything else is a `TypeError`.
pub fn operand(obj: &Bound<'_, PyAny>, op: &str) -> PyResult<Operand> {
    if let Ok(a) = obj.cast::<PyArray>() {
        return Ok(Operand::Array(a.borrow().a.clone()));
    }
    match scalar(obj)? {
        Some(s) => Ok(Operand::Scalar(s)),
        None => Err(PyTypeError::new_err(format!(
            "{op}: expected an xp array or a Python scalar, got {}",
            obj.get_type().name()?
        ))),
    }
}

/// An array argument (`TypeError` for anything else).
pub fn array(obj: &Bound<'_, PyAny>, op: &str) -> PyResult<Array<Dyn>> {
    obj.cast::<PyArray>()
        .map(|a| a.borrow().a.clone())
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "{op}: expected an xp array, got {}",
                obj.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })
}

/// The host data and shape of any array-like Python object (not an xp array).
pub fn host_of(obj: &Bound<'_, PyAny>) -> PyResult<(HostData, Vec<usize>)> {
    if let Some(s) = scalar(obj)? {
        return Ok((scalars_to_host(&[s])?, vec![]));
    }
    if obj.hasattr("__array_interface__")? && obj.hasattr("tobytes")? {
        return from_array_interface(obj);
    }
    if !obj.is_instance_of::<pyo3::types::PyString>() {
        if let Ok(mv) = pyo3::types::PyMemoryView::from(obj) {
            return from_buffer(&mv);
        }
    }
    if let Ok(seq) = obj.cast::<PySequence>() {
        if !obj.is_instance_of::<pyo3::types::PyString>() {
            let mut shape = Vec::new();
            let mut values = Vec::new();
            walk(seq.as_any(), 0, &mut shape, &mut values)?;
            return Ok((scalars_to_host(&values)?, shape));
        }
    }
    Err(PyTypeError::new_err(format!(
        "asarray: cannot convert {} to an array",
        obj.get_type().name()?
    )))
}

/// Walks nested sequences, recording the shape at first visit and checking it after.
fn walk(
    obj: &Bound<'_, PyAny>,
    depth: usize,
    shape: &mut Vec<usize>,
    out: &mut Vec<Scalar>,
) -> PyResult<()> {
    if let Ok(a) = obj.cast::<PyArray>() {
        let a = a.borrow().a.clone();
        let h = a.to_host().py()?;
        return nested_shape_check(depth, a.shape(), shape, || {
            out.extend((0..h.len()).filter_map(|i| h.get(i)));
        });
    }
    if let Some(s) = scalar(obj)? {
        if depth != shape.len() && !(depth == 0 && shape.is_empty()) {
            return Err(ragged());
        }
        out.push(s);
        return Ok(());
    }
    let is_seq = obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>();
    let seq = match obj.cast::<PySequence>() {
        Ok(s) if is_seq || !obj.is_instance_of::<pyo3::types::PyString>() => s,
        _ => {
            return Err(PyTypeError::new_err(format!(
                "asarray: cannot convert an element of type {} to a number",
                obj.get_type().name()?
            )))
        }
    };
    let n = seq.len()?;
    if depth == shape.len() {
        if !out.is_empty() {
            return Err(ragged());
        }
        shape.push(n);
    } else if depth > shape.len() || shape[depth] != n {
        return Err(ragged());
    }
    for i in 0..n {
        walk(&seq.get_item(i)?, depth + 1, shape, out)?;
    }
    if n == 0 && depth + 1 < shape.len() {
        return Err(ragged());
    }
    Ok(())
}

fn nested_shape_check(
    depth: usize,
    sub: &[usize],
    shape: &mut Vec<usize>,
    push: impl FnOnce(),
) -> PyResult<()> {
    if depth == shape.len() {
        shape.extend_from_slice(sub);
    } else if shape.len() != depth + sub.len() || shape[depth..] != *sub {
        return Err(ragged());
    }
    push();
    Ok(())
}

fn ragged() -> PyErr {
    PyValueError::new_err("asarray: the nested sequences are ragged (not a rectangular array)")
}

/// Scalars to host data of the default dtype of the widest kind: bool, int64 (uint64 when
/// every value is non-negative and some exceed int64), float64, complex128.
pub fn scalars_to_host(v: &[Scalar]) -> PyResult<HostData> {
    let kind = v.iter().fold(0, |k, s| {
        k.max(match s {
            Scalar::Bool(_) => 0,
            Scalar::Int(_) => 1,
            Scalar::Float(_) => 2,
            Scalar::Complex(_) => 3,
        })
    });
    Ok(match kind {
        0 => HostData::Bool(v.iter().map(|s| matches!(s, Scalar::Bool(true))).collect()),
        1 => {
            let ints: Vec<i128> = v.iter().map(|s| s.to_i128().unwrap_or(0)).collect();
            if ints.iter().all(|&i| i64::try_from(i).is_ok()) {
                HostData::Int64(ints.iter().map(|&i| i as i64).collect())
            } else if ints.iter().all(|&i| u64::try_from(i).is_ok()) {
                HostData::UInt64(ints.iter().map(|&i| i as u64).collect())
            } else {
                return Err(PyOverflowError::new_err(
                    "asarray: Python int out of the range of int64 and uint64",
                ));
            }
        }
        2 => HostData::Float64(v.iter().map(|s| s.to_f64()).collect()),
        _ => HostData::Complex128(v.iter().map(|s| s.to_complex()).collect()),
    })
}

/// Reads an object with `__array_interface__` (NumPy arrays and scalars).
fn from_array_interface(obj: &Bound<'_, PyAny>) -> PyResult<(HostData, Vec<usize>)> {
    let ai = obj.getattr("__array_interface__")?;
    let typestr: String = ai.get_item("typestr")?.extract()?;
    let shape: Vec<usize> = ai.get_item("shape")?.extract()?;
    let bytes = obj.call_method1("tobytes", ("C",))?;
    let bytes = bytes.cast::<PyBytes>()?.as_bytes();
    let (dtype, big) = parse_typestr(&typestr)?;
    Ok((decode(bytes, dtype, big)?, shape))
}

/// Reads an object with the buffer protocol (`bytes`, `bytearray`, `memoryview`,
/// `array.array`, ...) through a `memoryview`, in one copy, with the dtype its struct
/// format names (`B` is uint8, `d` float64, `Zd` complex128, `?` bool; `<`, `>`, `!`,
/// `=`, `@` byte orders).
fn from_buffer(mv: &Bound<'_, pyo3::types::PyMemoryView>) -> PyResult<(HostData, Vec<usize>)> {
    let format: String = mv.getattr("format")?.extract()?;
    let itemsize: usize = mv.getattr("itemsize")?.extract()?;
    let shape: Vec<usize> = mv.getattr("shape")?.extract()?;
    let bad = || {
        PyTypeError::new_err(format!(
            "asarray: unsupported buffer format {format:?} (item size {itemsize})"
        ))
    };
    let (big, code) = match format.as_bytes().first() {
        Some(b'>') | Some(b'!') => (true, &format[1..]),
        Some(b'<') | Some(b'=') | Some(b'@') => (cfg!(target_endian = "big"), &format[1..]),
        _ => (cfg!(target_endian = "big"), &format[..]),
    };
    let kind = match code {
        "?" => 'b',
        "b" | "h" | "i" | "l" | "q" | "n" => 'i',
        "B" | "H" | "I" | "L" | "Q" | "N" => 'u',
        "e" | "f" | "d" => 'f',
        "Zf" | "Zd" => 'c',
        _ => return Err(bad()),
    };
    let (dtype, _) = parse_typestr(&format!("<{kind}{itemsize}")).map_err(|_| bad())?;
    let bytes = mv.call_method1("tobytes", ("C",))?;
    let bytes = bytes.cast::<PyBytes>()?.as_bytes();
    Ok((decode(bytes, dtype, big)?, shape))
}

/// A NumPy type string (`"<f8"`, `"|b1"`, ...) as a dtype and whether it is big-endian.
fn parse_typestr(t: &str) -> PyResult<(DType, bool)> {
    let b = t.as_bytes();
    let bad = || PyTypeError::new_err(format!("asarray: unsupported array type {t:?}"));
    if b.len() < 3 {
        return Err(bad());
    }
    let big = b[0] == b'>' || (b[0] == b'=' && cfg!(target_endian = "big"));
    let size: usize = t[2..].parse().map_err(|_| bad())?;
    let d = match (b[1], size) {
        (b'b', 1) => DType::Bool,
        (b'i', 1) => DType::Int8,
        (b'i', 2) => DType::Int16,
        (b'i', 4) => DType::Int32,
        (b'i', 8) => DType::Int64,
        (b'u', 1) => DType::UInt8,
        (b'u', 2) => DType::UInt16,
        (b'u', 4) => DType::UInt32,
        (b'u', 8) => DType::UInt64,
        (b'f', 4) => DType::Float32,
        (b'f', 8) => DType::Float64,
        (b'c', 8) => DType::Complex64,
        (b'c', 16) => DType::Complex128,
        _ => return Err(bad()),
    };
    Ok((d, big))
}

macro_rules! decode_num {
    ($bytes:expr, $big:expr, $t:ty, $n:literal) => {
        $bytes
            .chunks_exact($n)
            .map(|c| {
                let a: [u8; $n] = c.try_into().unwrap_or([0; $n]);
                if $big {
                    <$t>::from_be_bytes(a)
                } else {
                    <$t>::from_le_bytes(a)
                }
            })
            .collect::<Vec<$t>>()
    };
}

fn decode(bytes: &[u8], dtype: DType, big: bool) -> PyResult<HostData> {
    Ok(match dtype {
        DType::Bool => HostData::Bool(bytes.iter().map(|&b| b != 0).collect()),
        DType::Int8 => HostData::Int8(decode_num!(bytes, big, i8, 1)),
        DType::Int16 => HostData::Int16(decode_num!(bytes, big, i16, 2)),
        DType::Int32 => HostData::Int32(decode_num!(bytes, big, i32, 4)),
        DType::Int64 => HostData::Int64(decode_num!(bytes, big, i64, 8)),
        DType::UInt8 => HostData::UInt8(bytes.to_vec()),
        DType::UInt16 => HostData::UInt16(decode_num!(bytes, big, u16, 2)),
        DType::UInt32 => HostData::UInt32(decode_num!(bytes, big, u32, 4)),
        DType::UInt64 => HostData::UInt64(decode_num!(bytes, big, u64, 8)),
        DType::Float32 => HostData::Float32(decode_num!(bytes, big, f32, 4)),
        DType::Float64 => HostData::Float64(decode_num!(bytes, big, f64, 8)),
        DType::Complex64 => {
            let f = decode_num!(bytes, big, f32, 4);
            HostData::Complex64(
                f.chunks_exact(2)
                    .map(|c| Complex32::new(c[0], c[1]))
                    .collect(),
            )
        }
        DType::Complex128 => {
            let f = decode_num!(bytes, big, f64, 8);
            HostData::Complex128(
                f.chunks_exact(2)
                    .map(|c| Complex64::new(c[0], c[1]))
                    .collect(),
            )
        }
        DType::String => {
            return Err(PyTypeError::new_err(
                "asarray: string arrays from buffers are not supported",
            ))
        }
    })
}

macro_rules! encode_num {
    ($v:expr) => {
        $v.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>()
    };
}

/// Host data as little-endian bytes and NumPy's type string.
pub fn encode(h: &HostData) -> PyResult<(Vec<u8>, &'static str)> {
    Ok(match h {
        HostData::Bool(v) => (v.iter().map(|&b| b as u8).collect(), "|b1"),
        HostData::Int8(v) => (encode_num!(v), "|i1"),
        HostData::Int16(v) => (encode_num!(v), "<i2"),
        HostData::Int32(v) => (encode_num!(v), "<i4"),
        HostData::Int64(v) => (encode_num!(v), "<i8"),
        HostData::UInt8(v) => (v.clone(), "|u1"),
        HostData::UInt16(v) => (encode_num!(v), "<u2"),
        HostData::UInt32(v) => (encode_num!(v), "<u4"),
        HostData::UInt64(v) => (encode_num!(v), "<u8"),
        HostData::Float32(v) => (encode_num!(v), "<f4"),
        HostData::Float64(v) => (encode_num!(v), "<f8"),
        HostData::Complex64(v) => (
            v.iter()
                .flat_map(|c| [c.re, c.im])
                .flat_map(|x| x.to_le_bytes())
                .collect(),
            "<c8",
        ),
        HostData::Complex128(v) => (
            v.iter()
                .flat_map(|c| [c.re, c.im])
                .flat_map(|x| x.to_le_bytes())
                .collect(),
            "<c16",
        ),
    })
}

/// A Python scalar for `s` (`bool`, `int`, `float`, `complex`).
pub fn scalar_to_py<'py>(py: Python<'py>, s: Scalar) -> PyResult<Bound<'py, PyAny>> {
    Ok(match s {
        Scalar::Bool(b) => PyBool::new(py, b).to_owned().into_any(),
        Scalar::Int(i) => i.into_pyobject(py)?.into_any(),
        Scalar::Float(f) => PyFloat::new(py, f).into_any(),
        Scalar::Complex(c) => PyComplex::from_doubles(py, c.re, c.im).into_any(),
    })
}

/// A named tuple `name(fields...)` of `values` (the standard's result tuples such as
/// `UniqueAllResult`, `SVDResult`); one class per name, made once per process.
pub fn named<'py>(
    py: Python<'py>,
    name: &str,
    fields: &[&str],
    values: Vec<crate::array::PyArray>,
) -> PyResult<Bound<'py, PyAny>> {
    use pyo3::sync::PyOnceLock;
    use std::collections::HashMap;
    use std::sync::Mutex;
    static CLASSES: PyOnceLock<Mutex<HashMap<String, Py<PyAny>>>> = PyOnceLock::new();
    let classes = CLASSES.get_or_init(py, || Mutex::new(HashMap::new()));
    let cached = classes
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(name)
        .map(|c| c.clone_ref(py));
    let cls = match cached {
        Some(c) => c.into_bound(py),
        None => {
            let c = py
                .import("collections")?
                .call_method1("namedtuple", (name, fields.to_vec()))?;
            classes
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(name.to_string(), c.clone().unbind());
            c
        }
    };
    cls.call1(PyTuple::new(py, values)?)
}
