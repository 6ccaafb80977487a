//! Running one golden case: decoding its parameters and inputs and calling the xp
//! function it names.

use super::check::Outcome;
use super::golden::{GoldenCase, Members, Produced};
use super::inputs::{build_index, plain, IdxSpec};
use array_api::{
    self as xp, Array, Backend, Complex64, DType, DTypeOrScalar, Indexing, Result, Scalar,
};
use serde_json::{json, Value};

pub(super) type Harness<T> = std::result::Result<T, String>;

pub(super) fn param<'a>(case: &'a GoldenCase, key: &str) -> &'a Value {
    &case.params[key]
}

pub(super) fn p_dtype(case: &GoldenCase, key: &str) -> Harness<Option<DType>> {
    match param(case, key) {
        Value::Null => Ok(None),
        Value::String(s) => DType::from_name(s)
            .map(Some)
            .ok_or_else(|| format!("unknown dtype {s}")),
        v => Err(format!("bad dtype {v}")),
    }
}

fn p_req_dtype(case: &GoldenCase, key: &str) -> Harness<DType> {
    p_dtype(case, key)?.ok_or_else(|| format!("missing dtype {key}"))
}

fn to_i64(v: &Value) -> Harness<i64> {
    v.as_i64().ok_or_else(|| format!("not an integer: {v}"))
}

pub(super) fn p_isize(case: &GoldenCase, key: &str) -> Harness<isize> {
    Ok(to_i64(param(case, key))? as isize)
}

pub(super) fn p_opt_isize(case: &GoldenCase, key: &str) -> Harness<Option<isize>> {
    match param(case, key) {
        Value::Null => Ok(None),
        v => Ok(Some(to_i64(v)? as isize)),
    }
}

pub(super) fn p_isizes(case: &GoldenCase, key: &str) -> Harness<Vec<isize>> {
    let v = param(case, key)
        .as_array()
        .ok_or_else(|| format!("{key} is not a list"))?;
    v.iter().map(|x| Ok(to_i64(x)? as isize)).collect()
}

pub(super) fn p_opt_isizes(case: &GoldenCase, key: &str) -> Harness<Option<Vec<isize>>> {
    match param(case, key) {
        Value::Null => Ok(None),
        _ => p_isizes(case, key).map(Some),
    }
}

fn p_usizes(case: &GoldenCase, key: &str) -> Harness<Vec<usize>> {
    p_isizes(case, key)?
        .into_iter()
        .map(|x| usize::try_from(x).map_err(|_| format!("negative {key}")))
        .collect()
}

pub(super) fn p_usize(case: &GoldenCase, key: &str) -> Harness<usize> {
    usize::try_from(p_isize(case, key)?).map_err(|_| format!("negative {key}"))
}

pub(super) fn p_bool(case: &GoldenCase, key: &str) -> Harness<bool> {
    param(case, key)
        .as_bool()
        .ok_or_else(|| format!("{key} is not a bool"))
}

/// A scalar parameter (numbers, booleans, `{"re", "im"}` complex numbers).
pub(super) fn to_scalar(v: &Value) -> Harness<Scalar> {
    Ok(match v {
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Scalar::Int(i as i128)
            } else if let Some(u) = n.as_u64() {
                Scalar::Int(u as i128)
            } else {
                Scalar::Float(n.as_f64().ok_or("bad number")?)
            }
        }
        Value::Object(o) => {
            let re = o.get("re").and_then(Value::as_f64).ok_or("bad complex")?;
            let im = o.get("im").and_then(Value::as_f64).ok_or("bad complex")?;
            Scalar::Complex(Complex64::new(re, im))
        }
        v => return Err(format!("not a scalar: {v}")),
    })
}

pub(super) fn p_scalar(case: &GoldenCase, key: &str) -> Harness<Scalar> {
    to_scalar(param(case, key))
}

/// The input array of `role` on `device` (contiguous).
pub(super) fn input<B: Backend>(
    case: &GoldenCase,
    members: &Members,
    role: &str,
    device: &B,
) -> Harness<Result<Array<B>>> {
    let name = case.inputs[role]
        .as_str()
        .ok_or_else(|| format!("no input {role}"))?;
    let (h, s) = members
        .get(name)
        .ok_or_else(|| format!("member {name} missing"))?;
    Ok(plain(h.clone(), s.clone()).materialise(device))
}

/// The list input of `role` on `device`.
pub(super) fn inputs<B: Backend>(
    case: &GoldenCase,
    members: &Members,
    role: &str,
    device: &B,
) -> Harness<Result<Vec<Array<B>>>> {
    let names = case.inputs[role]
        .as_array()
        .ok_or_else(|| format!("no input list {role}"))?;
    let mut out = Vec::new();
    for n in names {
        let n = n.as_str().ok_or("bad member name")?;
        let (h, s) = members
            .get(n)
            .ok_or_else(|| format!("member {n} missing"))?;
        match plain(h.clone(), s.clone()).materialise(device) {
            Ok(a) => out.push(a),
            Err(e) => return Ok(Err(e)),
        }
    }
    Ok(Ok(out))
}

/// The index expression of the case.
fn index(case: &GoldenCase, members: &Members) -> Harness<Vec<IdxSpec>> {
    let items = param(case, "index")
        .as_array()
        .ok_or("index is not a list")?;
    items
        .iter()
        .map(|it| {
            Ok(match it {
                Value::String(s) if s == "newaxis" => IdxSpec::NewAxis,
                Value::String(s) if s == "ellipsis" => IdxSpec::Ellipsis,
                Value::Object(o) if o.contains_key("int") => {
                    IdxSpec::Int(to_i64(&o["int"])? as isize)
                }
                Value::Object(o) if o.contains_key("slice") => {
                    let v = o["slice"].as_array().ok_or("bad slice")?;
                    let opt = |x: &Value| -> Harness<Option<isize>> {
                        if x.is_null() {
                            Ok(None)
                        } else {
                            Ok(Some(to_i64(x)? as isize))
                        }
                    };
                    IdxSpec::Slice(opt(&v[0])?, opt(&v[1])?, opt(&v[2])?.unwrap_or(1))
                }
                Value::Object(o) if o.contains_key("array") => {
                    let role = o["array"].as_str().ok_or("bad array item")?;
                    let name = case.inputs[role].as_str().ok_or("bad array role")?;
                    let (h, s) = members
                        .get(name)
                        .ok_or_else(|| format!("member {name} missing"))?;
                    IdxSpec::Array(plain(h.clone(), s.clone()))
                }
                v => return Err(format!("bad index item {v}")),
            })
        })
        .collect()
}

/// Unwraps a harness value holding an xp result, returning early with the xp error.
macro_rules! get {
    ($e:expr) => {
        match $e? {
            Ok(v) => v,
            Err(e) => return Ok(Err(e)),
        }
    };
}

/// The outputs of an xp call returning arrays.
fn done<T: Outcome>(r: Result<T>) -> Result<Produced> {
    r.and_then(Produced::arrays)
}

fn info_value(case: &GoldenCase) -> Harness<Result<Produced>> {
    let d = p_req_dtype(case, "dtype")?;
    Ok(if case.function == "finfo" {
        xp::finfo(d).map(|f| {
            Produced::Value(
                json!({"bits": f.bits, "eps": f.eps, "max": f.max, "min": f.min,
                "smallest_normal": f.smallest_normal, "dtype": f.dtype.name()}),
            )
        })
    } else {
        xp::iinfo(d).map(|i| {
            let max = if i.max > i64::MAX as i128 {
                json!(i.max as u64)
            } else {
                json!(i.max as i64)
            };
            Produced::Value(json!({"bits": i.bits, "min": i.min as i64, "max": max}))
        })
    })
}

fn dtype_value(case: &GoldenCase) -> Harness<Result<Produced>> {
    if case.function == "can_cast" {
        let (a, b) = (p_req_dtype(case, "from")?, p_req_dtype(case, "to")?);
        return Ok(Ok(Produced::Value(json!(xp::can_cast(a, b)))));
    }
    let a = DTypeOrScalar::DType(p_req_dtype(case, "a")?);
    let b = match param(case, "scalar").as_str() {
        Some("bool") => DTypeOrScalar::Scalar(Scalar::Bool(true)),
        Some("int") => DTypeOrScalar::Scalar(Scalar::Int(1)),
        Some("float") => DTypeOrScalar::Scalar(Scalar::Float(1.0)),
        Some("complex") => DTypeOrScalar::Scalar(Scalar::Complex(Complex64::new(0.0, 1.0))),
        Some(k) => return Err(format!("unknown scalar kind {k}")),
        None => DTypeOrScalar::DType(p_req_dtype(case, "b")?),
    };
    Ok(xp::result_type(&[a, b]).map(|d| Produced::Value(json!(d.name()))))
}

/// Runs `case` on `device`. The outer `Err` is a malformed case; the inner result is
/// xp's.
pub fn execute<B: Backend>(
    device: &B,
    case: &GoldenCase,
    members: &Members,
) -> Harness<Result<Produced>> {
    let x = || input(case, members, "x", device);
    let arrays = || inputs(case, members, "arrays", device);
    let shape = || p_usizes(case, "shape");
    let out = match case.function.as_str() {
        "result_type" | "can_cast" => return dtype_value(case),
        "finfo" | "iinfo" => return info_value(case),
        "astype" => done(xp::astype(&get!(x()), p_req_dtype(case, "dtype")?)),
        "arange" => done(xp::arange(
            p_scalar(case, "start")?,
            p_scalar(case, "stop")?,
            p_scalar(case, "step")?,
            p_dtype(case, "dtype")?,
            device,
        )),
        "linspace" => done(xp::linspace(
            p_scalar(case, "start")?,
            p_scalar(case, "stop")?,
            p_usize(case, "num")?,
            p_bool(case, "endpoint")?,
            p_dtype(case, "dtype")?,
            device,
        )),
        "eye" => {
            let m = p_opt_isize(case, "n_cols")?.map(|m| m as usize);
            let d = p_req_dtype(case, "dtype")?;
            done(xp::eye(
                p_usize(case, "n_rows")?,
                m,
                p_isize(case, "k")?,
                d,
                device,
            ))
        }
        "full" => done(xp::full(
            shape()?,
            p_scalar(case, "value")?,
            p_dtype(case, "dtype")?,
            device,
        )),
        "zeros" => done(xp::zeros(shape()?, p_req_dtype(case, "dtype")?, device)),
        "ones" => done(xp::ones(shape()?, p_req_dtype(case, "dtype")?, device)),
        "tril" => done(xp::tril(&get!(x()), p_isize(case, "k")?)),
        "triu" => done(xp::triu(&get!(x()), p_isize(case, "k")?)),
        "meshgrid" => {
            let ix = match param(case, "indexing").as_str() {
                Some("ij") => Indexing::Ij,
                _ => Indexing::Xy,
            };
            let a = get!(arrays());
            xp::meshgrid(&a.iter().collect::<Vec<_>>(), ix).and_then(Produced::arrays)
        }
        "concat" => {
            let a = get!(arrays());
            xp::concat(&a.iter().collect::<Vec<_>>(), p_opt_isize(case, "axis")?)
                .and_then(Produced::arrays)
        }
        "stack" => {
            let a = get!(arrays());
            xp::stack(&a.iter().collect::<Vec<_>>(), p_isize(case, "axis")?)
                .and_then(Produced::arrays)
        }
        "broadcast_arrays" => {
            let a = get!(arrays());
            xp::broadcast_arrays(&a.iter().collect::<Vec<_>>()).and_then(Produced::arrays)
        }
        "flip" => done(xp::flip(&get!(x()), p_opt_isizes(case, "axes")?.as_deref())),
        "roll" => done(xp::roll(
            &get!(x()),
            &p_isizes(case, "shift")?,
            p_opt_isizes(case, "axes")?.as_deref(),
        )),
        "repeat" => done(xp::repeat(
            &get!(x()),
            &p_usizes(case, "repeats")?,
            p_opt_isize(case, "axis")?,
        )),
        "tile" => done(xp::tile(&get!(x()), &p_usizes(case, "reps")?)),
        "moveaxis" => done(xp::moveaxis(
            &get!(x()),
            &p_isizes(case, "source")?,
            &p_isizes(case, "destination")?,
        )),
        "permute_dims" => done(xp::permute_dims(&get!(x()), &p_isizes(case, "axes")?)),
        "squeeze" => done(xp::squeeze(&get!(x()), &p_isizes(case, "axes")?)),
        "expand_dims" => done(xp::expand_dims(&get!(x()), &p_isizes(case, "axes")?)),
        "reshape" => done(xp::reshape(&get!(x()), p_isizes(case, "shape")?, None)),
        "broadcast_to" => done(xp::broadcast_to(&get!(x()), shape()?)),
        "unstack" => done(xp::unstack(&get!(x()), p_isize(case, "axis")?)),
        "getitem" => {
            let idx = index(case, members)?;
            let a = get!(x());
            build_index(&idx, device)
                .and_then(|i| a.get(&i))
                .and_then(Produced::arrays)
        }
        "setitem" => {
            let idx = index(case, members)?;
            let mut a = get!(x());
            let v = get!(input(case, members, "value", device));
            build_index(&idx, device)
                .and_then(|i| a.set(&i, &v))
                .and_then(|_| Produced::arrays(a))
        }
        "take" => {
            let i = get!(input(case, members, "indices", device));
            xp::take(&get!(x()), &i, p_opt_isize(case, "axis")?).and_then(Produced::arrays)
        }
        "take_along_axis" => {
            let i = get!(input(case, members, "indices", device));
            xp::take_along_axis(&get!(x()), &i, p_isize(case, "axis")?).and_then(Produced::arrays)
        }
        "nonzero" => xp::nonzero(&get!(x())).and_then(Produced::arrays),
        f if super::golden_elementwise::is_elementwise(f) => {
            return super::golden_elementwise::execute(device, case, members)
        }
        f => return Err(format!("unknown golden function {f}")),
    };
    Ok(out)
}
