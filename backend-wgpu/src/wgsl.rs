//! How each [`DType`] is represented in buffers and in WGSL, and the WGSL snippets that
//! load and store one element.
//!
//! Buffer layout (the "storage representation"):
//!
//! | dtype | in the buffer | WGSL value type |
//! |---|---|---|
//! | `bool` | one byte per element (0 or 1), four per `u32` word | `bool` |
//! | `int8`, `uint8` | one byte per element, four per `u32` word | `i32`, `u32` |
//! | `int16`, `uint16` | two bytes per element, two per `u32` word | `i32`, `u32` |
//! | `int32`, `uint32`, `float32` | native | `i32`, `u32`, `f32` |
//! | `int64`, `uint64`, `float64` | native (`SHADER_INT64` / `SHADER_F64`) | `i64`, `u64`, `f64` |
//! | `complex64`, `complex128` | interleaved `(re, im)` pairs | `vec2<f32>`, `vec2<f64>` |
//!
//! Packed words are little-endian (element `i` of a word sits at bit `(i % per_word) *
//! bits`), so a buffer's bytes are exactly the elements' little-endian bytes in order, as
//! on the host. Narrow values are held sign- or zero-extended in 32-bit registers; stores
//! truncate them to the element width (two's-complement wrapping).

use array_api::DType;

/// Bits of one element of a packed (sub-word) dtype, `None` for 32-bit and wider dtypes.
pub(crate) const fn packed_bits(d: DType) -> Option<u32> {
    match d {
        DType::Bool | DType::Int8 | DType::UInt8 => Some(8),
        DType::Int16 | DType::UInt16 => Some(16),
        _ => None,
    }
}

/// The WGSL type of one element in registers.
pub(crate) const fn value_ty(d: DType) -> &'static str {
    match d {
        DType::Bool => "bool",
        DType::Int8 | DType::Int16 | DType::Int32 => "i32",
        DType::UInt8 | DType::UInt16 | DType::UInt32 => "u32",
        DType::Int64 => "i64",
        DType::UInt64 => "u64",
        DType::Float32 => "f32",
        DType::Float64 => "f64",
        DType::Complex64 => "vec2<f32>",
        DType::Complex128 => "vec2<f64>",
        DType::String => "u32",
    }
}

/// The element type of the WGSL storage array holding `d` (`u32` words for packed dtypes).
pub(crate) const fn array_ty(d: DType) -> &'static str {
    if packed_bits(d).is_some() {
        "u32"
    } else {
        value_ty(d)
    }
}

/// Elements per storage-array slot: 4 for 8-bit dtypes, 2 for 16-bit, else 1.
pub(crate) const fn per_slot(d: DType) -> u32 {
    match packed_bits(d) {
        Some(b) => 32 / b,
        None => 1,
    }
}

/// A WGSL expression converting the raw (zero-extended, `u32`) bits `b` of a packed
/// element to its value type.
fn from_bits(d: DType, b: &str) -> String {
    match d {
        DType::Bool => format!("({b} != 0u)"),
        DType::Int8 => format!("(bitcast<i32>({b} << 24u) >> 24u)"),
        DType::Int16 => format!("(bitcast<i32>({b} << 16u) >> 16u)"),
        _ => b.to_string(),
    }
}

/// A WGSL expression giving the `u32` bits (masked to the element width) of the value `v`
/// of a packed dtype.
pub(crate) fn to_bits(d: DType, v: &str) -> String {
    match d {
        DType::Bool => format!("select(0u, 1u, {v})"),
        DType::Int8 => format!("(bitcast<u32>({v}) & 0xffu)"),
        DType::UInt8 => format!("({v} & 0xffu)"),
        DType::Int16 => format!("(bitcast<u32>({v}) & 0xffffu)"),
        DType::UInt16 => format!("({v} & 0xffffu)"),
        _ => v.to_string(),
    }
}

/// A binding declaration: `@group(0) @binding(b) var<storage, ...> name: array<T>;`.
/// `atomic` declares the words of a packed dtype as `atomic<u32>` (for stores that share
/// words with other invocations).
pub(crate) fn binding(b: u32, name: &str, d: DType, write: bool, atomic: bool) -> String {
    let access = if write { "read_write" } else { "read" };
    let elem = if atomic && packed_bits(d).is_some() {
        "atomic<u32>"
    } else {
        array_ty(d)
    };
    format!("@group(0) @binding({b}) var<storage, {access}> {name}: array<{elem}>;\n")
}

/// `fn fname(i: u32) -> V`: loads element `i` of the storage array `var` of dtype `d`
/// (declared `atomic` or not, see [`binding`]).
pub(crate) fn load_fn(fname: &str, var: &str, d: DType, atomic: bool) -> String {
    let v = value_ty(d);
    match packed_bits(d) {
        None => format!("fn {fname}(i: u32) -> {v} {{ return {var}[i]; }}\n"),
        Some(bits) => {
            let (shift, mask, lane) = lane_consts(bits);
            let word = if atomic {
                format!("atomicLoad(&{var}[i >> {shift}u])")
            } else {
                format!("{var}[i >> {shift}u]")
            };
            format!(
                "fn {fname}(i: u32) -> {v} {{ let b = ({word} >> ((i & {lane}u) * {bits}u)) & {mask}u; return {}; }}\n",
                from_bits(d, "b")
            )
        }
    }
}

/// `fn fname(i: u32, v: V)`: stores element `i` into the storage array `var`. Packed
/// dtypes must be declared atomic (see [`binding`]): the store clears and sets its own bits
/// of the word with two atomics, so concurrent stores to the other elements of the word
/// are safe.
pub(crate) fn store_fn(fname: &str, var: &str, d: DType) -> String {
    let v = value_ty(d);
    match packed_bits(d) {
        None => format!("fn {fname}(i: u32, v: {v}) {{ {var}[i] = v; }}\n"),
        Some(bits) => {
            let (shift, mask, lane) = lane_consts(bits);
            format!(
                "fn {fname}(i: u32, v: {v}) {{\n  let w = i >> {shift}u;\n  let s = (i & {lane}u) * {bits}u;\n  \
                 atomicAnd(&{var}[w], ~({mask}u << s));\n  atomicOr(&{var}[w], {} << s);\n}}\n",
                to_bits(d, "v")
            )
        }
    }
}

/// (log2 of elements per word, element mask, lane mask) of a packed width.
fn lane_consts(bits: u32) -> (u32, &'static str, u32) {
    if bits == 8 {
        (2, "0xff", 3)
    } else {
        (1, "0xffff", 1)
    }
}

/// The WGSL zero of a dtype's value type.
pub(crate) fn zero(d: DType) -> String {
    match d {
        DType::Bool => "false".into(),
        _ => format!("{}(0)", value_ty(d)),
    }
}

/// Workgroup size of every 1-D kernel.
pub(crate) const WORKGROUP: u32 = 256;

/// The WGSL prologue of a 1-D kernel entry point: `t` is the invocation's linear index
/// over a 2-D grid of workgroups (see [`crate::runtime::grid`]).
pub(crate) const MAIN_HEAD: &str = "@compute @workgroup_size(256)\n\
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {\n\
  let t = gid.x + gid.y * nwg.x * 256u;\n";
