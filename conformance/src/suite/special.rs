//! The special-case table ([`crate::special`]) run on a backend: every rule on float32
//! and float64 (complex64 and complex128 for complex rules; integer dtypes where the rule
//! applies to them), reported as `special cases: <function>`.

use super::elementwise::call;
use super::Ctx;
use crate::reference::elementwise::{narrow, widen_host, V};
use crate::special::check::{any_holds, Val};
use crate::special::values::{cases, float_pool, int_pool, is_single};
use crate::special::{rules, Identity, Outcome, Rule};
use array_api::Backend;
use array_api::{self as xp, Array, Complex32, Complex64, DType, HostData, Operand};

/// Host data of `dtype` from float values (complex: consecutive pairs of components).
fn host(values: &[f64], dtype: DType) -> HostData {
    match dtype {
        DType::Float32 => HostData::Float32(values.iter().map(|&x| narrow(x)).collect()),
        DType::Float64 => HostData::Float64(values.to_vec()),
        DType::Complex64 => HostData::Complex64(
            values
                .chunks(2)
                .map(|p| Complex32::new(narrow(p[0]), narrow(p[1])))
                .collect(),
        ),
        _ => HostData::Complex128(
            values
                .chunks(2)
                .map(|p| Complex64::new(p[0], p[1]))
                .collect(),
        ),
    }
}

/// A 1-d array of `dtype` holding operand `k` of every tuple (complex: components `2k`,
/// `2k + 1`).
fn column<B: Backend>(
    tuples: &[Vec<f64>],
    k: usize,
    dtype: DType,
    dev: &B,
) -> xp::Result<Array<B>> {
    let flat: Vec<f64> = if dtype.is_complex() {
        tuples
            .iter()
            .flat_map(|t| [t[2 * k], t[2 * k + 1]])
            .collect()
    } else {
        tuples.iter().map(|t| t[k]).collect()
    };
    Array::from_host(host(&flat, dtype), [tuples.len()], dev)
}

/// Calls the rule's function on the operand arrays.
fn apply<B: Backend>(function: &str, args: &[Array<B>]) -> Result<Array<B>, String> {
    let r = if function == "clip" {
        xp::clip(
            &args[0],
            Some(Operand::Array(&args[1])),
            Some(Operand::Array(&args[2])),
        )
    } else if let Some(op) = call::unary_op(function) {
        call::unary(op, &args[0])
    } else if let Some(op) = call::binary_op(function) {
        call::binary(op, (&args[0]).into(), (&args[1]).into())
    } else {
        return Err(format!("the table names an unknown function {function}"));
    };
    r.map_err(|e| format!("{function} failed: {e}"))
}

/// The result elements, as checkable values (complex: two per element).
fn results<B: Backend>(a: &Array<B>) -> Result<Vec<Vec<Val>>, String> {
    let h = a
        .to_host()
        .map_err(|e| format!("reading the result: {e}"))?;
    Ok(widen_host(&h)
        .into_iter()
        .map(|v| match v {
            V::B(b) => vec![Val::B(b)],
            V::I(i) => vec![Val::I(i)],
            V::F(x) => vec![Val::F(x)],
            V::C(z) => vec![Val::F(z.re), Val::F(z.im)],
        })
        .collect())
}

/// Checks one value rule on `dtype`; `Ok(n)` with the number of tuples checked.
fn check_rule<B: Backend>(dev: &B, rule: &Rule, dtype: DType) -> Result<usize, String> {
    let single = is_single(dtype);
    let (args, inputs): (Vec<Array<B>>, Vec<Vec<Val>>) = if dtype.is_integer() {
        let vals: Vec<i128> = int_pool(dtype)
            .into_iter()
            .filter(|&v| rule.inputs[0].iter().all(|c| c.holds(v as f64)))
            .collect();
        let h = HostData::Int64(vals.iter().map(|&v| v as i64).collect())
            .cast(dtype)
            .ok_or("integer pool")?;
        let a = Array::from_host(h, [vals.len()], dev).map_err(|e| e.to_string())?;
        (vec![a], vals.into_iter().map(|v| vec![Val::I(v)]).collect())
    } else {
        let tuples = cases(rule, &float_pool(single));
        if tuples.is_empty() {
            return Err(format!("{}: no operand satisfies the conditions", rule.id));
        }
        let per = if dtype.is_complex() { 2 } else { 1 };
        let n_ops = rule.inputs.len() / per;
        let args = (0..n_ops)
            .map(|k| column(&tuples, k, dtype, dev))
            .collect::<xp::Result<Vec<_>>>()
            .map_err(|e| e.to_string())?;
        // the operands as the device holds them (float32 rounding applied)
        let inputs = tuples
            .iter()
            .map(|t| {
                t.iter()
                    .map(|&x| Val::F(if single { narrow(x) as f64 } else { x }))
                    .collect()
            })
            .collect();
        (args, inputs)
    };
    let out = apply(&rule.function, &args)?;
    let got = results(&out)?;
    if got.len() != inputs.len() {
        return Err(format!("{} results for {} inputs", got.len(), inputs.len()));
    }
    for (g, inp) in got.iter().zip(&inputs) {
        let ok = match (&rule.outcome, g.as_slice()) {
            (Outcome::Value(atoms), [v]) => any_holds(atoms, *v, inp, single),
            (Outcome::Complex { re, im }, [r, i]) => {
                re.as_ref().is_none_or(|a| any_holds(a, *r, inp, single))
                    && im.as_ref().is_none_or(|a| any_holds(a, *i, inp, single))
            }
            _ => false,
        };
        if !ok {
            return Err(format!(
                "{} ({dtype}): operands {inp:?} give {g:?}, but the standard says: {}",
                rule.id, rule.text
            ));
        }
    }
    Ok(inputs.len())
}

/// Bitwise equality of result values, NaNs all equal.
fn same_vals(a: &[Val], b: &[Val]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| match (x, y) {
            (Val::F(p), Val::F(q)) => (p.is_nan() && q.is_nan()) || p.to_bits() == q.to_bits(),
            _ => x == y,
        })
}

/// Checks a symmetry of the function on the pool (pairs of pool values for complex).
fn check_identity<B: Backend>(
    dev: &B,
    rule: &Rule,
    id: Identity,
    dtype: DType,
) -> Result<usize, String> {
    let pool = float_pool(is_single(dtype));
    let xs: Vec<Vec<f64>> = if dtype.is_complex() {
        let few: Vec<f64> = pool.iter().step_by(2).copied().collect();
        few.iter()
            .flat_map(|&a| pool.iter().map(move |&b| vec![a, b]))
            .collect()
    } else {
        pool.iter().map(|&x| vec![x]).collect()
    };
    let transform = |t: &Vec<f64>| -> Vec<f64> {
        match id {
            Identity::Conj => vec![t[0], -t[1]],
            _ => t.iter().map(|x| -x).collect(),
        }
    };
    let ys: Vec<Vec<f64>> = xs.iter().map(transform).collect();
    let fx = results(&apply(
        &rule.function,
        &[column(&xs, 0, dtype, dev).map_err(|e| e.to_string())?],
    )?)?;
    let fy = results(&apply(
        &rule.function,
        &[column(&ys, 0, dtype, dev).map_err(|e| e.to_string())?],
    )?)?;
    for ((x, a), b) in xs.iter().zip(&fx).zip(&fy) {
        let want: Vec<Val> = match id {
            Identity::Even => a.clone(),
            Identity::Odd => a.iter().map(|v| Val::F(-v.as_f64())).collect(),
            Identity::Conj => vec![a[0], Val::F(-a[1].as_f64())],
        };
        if !same_vals(b, &want) {
            return Err(format!(
                "{} ({dtype}): x = {x:?}: f(x) = {a:?} but f({:?}) = {b:?}; the standard says: {}",
                rule.id,
                transform(x),
                rule.text
            ));
        }
    }
    Ok(xs.len())
}

/// Runs every rule of the table.
pub fn run<B: Backend>(ctx: &mut Ctx<'_, B>) {
    let table = match rules() {
        Ok(r) => r,
        Err(e) => {
            ctx.fixed("special cases: table", "special_cases.json", Err(e));
            return;
        }
    };
    let dev = ctx.device;
    for rule in &table {
        let name = format!("special cases: {}", rule.function);
        let mut dtypes = match rule.outcome {
            Outcome::Identity(Identity::Conj) => vec![DType::Complex64, DType::Complex128],
            Outcome::Identity(_) => vec![
                DType::Float32,
                DType::Float64,
                DType::Complex64,
                DType::Complex128,
            ],
            _ if rule.complex => vec![DType::Complex64, DType::Complex128],
            _ => vec![DType::Float32, DType::Float64],
        };
        if rule.ints && rule.inputs.len() == 1 {
            dtypes.extend(DType::ALL.iter().filter(|d| d.is_integer()));
        }
        for d in dtypes {
            if !ctx.supports(d) {
                ctx.report.unsupported(&name, &[d]);
                continue;
            }
            let outcome = match rule.outcome {
                Outcome::Identity(id) => check_identity(dev, rule, id, d),
                _ => check_rule(dev, rule, d),
            };
            match outcome {
                Ok(0) => {}
                Ok(n) => {
                    ctx.report.pass(&name, n as u64);
                    ctx.report.valid(&name, n as u64);
                }
                Err(m) => ctx
                    .report
                    .fail(&name, m, format!("rule {} on {d}", rule.id)),
            }
        }
    }
}
