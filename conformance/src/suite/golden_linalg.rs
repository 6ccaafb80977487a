//! The linear-algebra golden corpus (`golden/manifest_linalg.json`, `golden/linalg.npz`,
//! made by `linalg_golden.py`): every linalg function, the products, `lstsq`,
//! `multi_dot`, `kron` and `einsum`, compared with NumPy's outputs norm-wise within the
//! case's `rtol` (scaled by size and condition number by the script), decompositions in
//! the sign- (phase-) normalised forms the script describes.

use super::golden::{run_manifest, Executed, GoldenCase, Members, Produced};
use super::golden_ops::{input, inputs, p_bool, p_isize, param, Harness};
use super::Ctx;
use array_api::linalg::{self as la, MatrixNormOrd, QrMode};
use array_api::{self as xp, Array, Backend, Complex32, Complex64, HostData, LinalgOps, Result};
use serde_json::Value;

const MANIFEST: &str = include_str!("../../golden/manifest_linalg.json");

/// Runs every linalg golden case on the device; results are reported as
/// `numpy: <function>`. A function whose op the backend does not implement (e.g. the
/// factorizations on WebGPU) is reported as not implemented, the others are checked.
pub fn run<B: Backend + LinalgOps>(ctx: &mut Ctx<'_, B>) {
    run_manifest(ctx, MANIFEST, "manifest_linalg.json", execute);
}

macro_rules! get {
    ($e:expr) => {
        match $e? {
            Ok(v) => v,
            Err(e) => return Ok(Err(e)),
        }
    };
}

type Snap = Vec<(Vec<usize>, HostData)>;

fn arrays<B: Backend>(v: Vec<Array<B>>) -> Result<Snap> {
    match Produced::arrays(v)? {
        Produced::Arrays(a) => Ok(a),
        Produced::Value(_) => unreachable!("arrays snapshot to arrays"),
    }
}

/// An `ord` parameter: a number or `"inf"` / `"-inf"`.
fn ord_f64(v: &Value) -> Harness<f64> {
    match v {
        Value::String(s) if s == "inf" => Ok(f64::INFINITY),
        Value::String(s) if s == "-inf" => Ok(f64::NEG_INFINITY),
        v => v.as_f64().ok_or_else(|| format!("bad ord {v}")),
    }
}

fn matrix_ord(v: &Value) -> Harness<MatrixNormOrd> {
    Ok(match v {
        Value::String(s) if s == "fro" => MatrixNormOrd::Fro,
        Value::String(s) if s == "nuc" => MatrixNormOrd::Nuc,
        v => {
            let o = ord_f64(v)?;
            let table = [
                (1.0, MatrixNormOrd::One),
                (-1.0, MatrixNormOrd::NegOne),
                (2.0, MatrixNormOrd::Two),
                (-2.0, MatrixNormOrd::NegTwo),
                (f64::INFINITY, MatrixNormOrd::Inf),
                (f64::NEG_INFINITY, MatrixNormOrd::NegInf),
            ];
            match table.iter().find(|(k, _)| *k == o) {
                Some(&(_, ord)) => ord,
                None => return Err(format!("bad matrix ord {o}")),
            }
        }
    })
}

fn isizes(v: &Value) -> Harness<Vec<isize>> {
    v.as_array()
        .ok_or_else(|| format!("{v} is not a list"))?
        .iter()
        .map(|x| {
            x.as_i64()
                .map(|i| i as isize)
                .ok_or_else(|| format!("bad axis {x}"))
        })
        .collect()
}

/// Runs `case` on `device`; decompositions come back in the case's normal form.
pub fn execute<B: Backend + LinalgOps>(device: &B, case: &GoldenCase, m: &Members) -> Executed {
    let x = || input(case, m, "x", device);
    let x1 = || input(case, m, "x1", device);
    let x2 = || input(case, m, "x2", device);
    let f = case.function.as_str();
    let out: Result<Vec<Array<B>>> = match f {
        "matmul" => xp::matmul(&get!(x1()), &get!(x2())).map(|a| vec![a]),
        "vecdot" => xp::vecdot(&get!(x1()), &get!(x2()), p_isize(case, "axis")?).map(|a| vec![a]),
        "tensordot" => {
            let axes = match param(case, "axes") {
                Value::Number(n) => {
                    la::TensordotAxes::Count(n.as_u64().ok_or("bad axes")? as usize)
                }
                Value::Array(p) if p.len() == 2 => {
                    la::TensordotAxes::Pairs(isizes(&p[0])?, isizes(&p[1])?)
                }
                v => return Err(format!("bad axes {v}")),
            };
            xp::tensordot(&get!(x1()), &get!(x2()), axes).map(|a| vec![a])
        }
        "outer" => la::outer(&get!(x1()), &get!(x2())).map(|a| vec![a]),
        "kron" => la::kron(&get!(x1()), &get!(x2())).map(|a| vec![a]),
        "cross" => la::cross(&get!(x1()), &get!(x2()), p_isize(case, "axis")?).map(|a| vec![a]),
        "multi_dot" => {
            let a = get!(inputs(case, m, "arrays", device));
            la::multi_dot(&a.iter().collect::<Vec<_>>()).map(|a| vec![a])
        }
        "einsum" => {
            let ops = get!(inputs(case, m, "operands", device));
            let subs = param(case, "subscripts").as_str().ok_or("no subscripts")?;
            xp::einsum(subs, &ops.iter().collect::<Vec<_>>()).map(|a| vec![a])
        }
        "diagonal" => la::diagonal(&get!(x()), p_isize(case, "offset")?).map(|a| vec![a]),
        "trace" => la::trace(&get!(x()), p_isize(case, "offset")?, None).map(|a| vec![a]),
        "matrix_transpose" => la::matrix_transpose(&get!(x())).map(|a| vec![a]),
        "matrix_norm" => {
            la::matrix_norm(&get!(x()), false, matrix_ord(param(case, "ord"))?).map(|a| vec![a])
        }
        "vector_norm" => {
            let axis = match param(case, "axis") {
                Value::Null => None,
                Value::Number(n) => Some(vec![n.as_i64().ok_or("bad axis")? as isize]),
                v => Some(isizes(v)?),
            };
            let ord = ord_f64(param(case, "ord"))?;
            la::vector_norm(&get!(x()), axis.as_deref(), p_bool(case, "keepdims")?, ord)
                .map(|a| vec![a])
        }
        "inv" => la::inv(&get!(x())).map(|a| vec![a]),
        "det" => la::det(&get!(x())).map(|a| vec![a]),
        "slogdet" => la::slogdet(&get!(x())).map(|r| vec![r.sign, r.logabsdet]),
        "solve" => la::solve(&get!(x1()), &get!(x2())).map(|a| vec![a]),
        "matrix_power" => {
            let n = param(case, "n").as_i64().ok_or("bad n")?;
            la::matrix_power(&get!(x()), n).map(|a| vec![a])
        }
        "cholesky" => la::cholesky(&get!(x()), p_bool(case, "upper")?).map(|a| vec![a]),
        "pinv" => la::pinv(&get!(x()), None).map(|a| vec![a]),
        "matrix_rank" => la::matrix_rank(&get!(x()), None).map(|a| vec![a]),
        "svdvals" => la::svdvals(&get!(x())).map(|a| vec![a]),
        "lstsq" => la::lstsq(&get!(x1()), &get!(x2()), None).map(|r| vec![r.x]),
        "qr" => {
            let mode = if param(case, "mode").as_str() == Some("complete") {
                QrMode::Complete
            } else {
                QrMode::Reduced
            };
            la::qr(&get!(x()), mode).map(|r| vec![r.q, r.r])
        }
        "svd" => la::svd(&get!(x()), p_bool(case, "full_matrices")?).map(|r| vec![r.u, r.s, r.vh]),
        "eigh" => la::eigh(&get!(x())).map(|r| vec![r.eigenvalues, r.eigenvectors]),
        "eigvalsh" => la::eigvalsh(&get!(x())).map(|a| vec![a]),
        "eig" => la::eig(&get!(x())).map(|r| vec![r.eigenvalues, r.eigenvectors]),
        "eigvals" => la::eigvals(&get!(x())).map(|a| vec![a]),
        f => return Err(format!("unknown linalg golden function {f}")),
    };
    let snap = match out.and_then(arrays) {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    let snap = match param(case, "normalise").as_str() {
        None => snap,
        Some(form) => normalise(form, snap)?,
    };
    Ok(Ok(Produced::Arrays(snap)))
}

// ---- normal forms (linalg_golden.py's, on C-order stacks) ----

type Cx = (f64, f64);

fn comps(h: &HostData) -> Harness<Vec<Cx>> {
    Ok(match h {
        HostData::Float32(v) => v.iter().map(|&x| (x as f64, 0.0)).collect(),
        HostData::Float64(v) => v.iter().map(|&x| (x, 0.0)).collect(),
        HostData::Complex64(v) => v.iter().map(|z| (z.re as f64, z.im as f64)).collect(),
        HostData::Complex128(v) => v.iter().map(|z| (z.re, z.im)).collect(),
        _ => return Err("a decomposition returned a non-float array".into()),
    })
}

/// `v` back in `like`'s dtype.
fn host_like(like: &HostData, v: &[Cx]) -> HostData {
    match like {
        HostData::Float32(_) => HostData::Float32(v.iter().map(|z| z.0 as f32).collect()),
        HostData::Complex64(_) => HostData::Complex64(
            v.iter()
                .map(|z| Complex32::new(z.0 as f32, z.1 as f32))
                .collect(),
        ),
        HostData::Complex128(_) => {
            HostData::Complex128(v.iter().map(|z| Complex64::new(z.0, z.1)).collect())
        }
        _ => HostData::Float64(v.iter().map(|z| z.0).collect()),
    }
}

fn mul(a: Cx, b: Cx) -> Cx {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

fn conj(a: Cx) -> Cx {
    (a.0, -a.1)
}

/// `z / |z|`, or 1 for 0.
fn phase(z: Cx) -> Cx {
    let a = z.0.hypot(z.1);
    if a == 0.0 {
        (1.0, 0.0)
    } else {
        (z.0 / a, z.1 / a)
    }
}

/// A stack `(..., r, c)` as (matrices, r, c).
fn dims(shape: &[usize]) -> (usize, usize, usize) {
    let n = shape.len();
    let (r, c) = (shape[n - 2], shape[n - 1]);
    (shape[..n - 2].iter().product(), r, c)
}

/// The phase of the largest-magnitude entry (the first of equal ones) of column `j` of
/// the `r x c` matrix at `base`.
fn column_phase(v: &[Cx], base: usize, r: usize, c: usize, j: usize) -> Cx {
    let mut best = (0.0, (1.0, 0.0));
    for i in 0..r {
        let z = v[base + i * c + j];
        let a = z.0.hypot(z.1);
        if a > best.0 {
            best = (a, z);
        }
    }
    phase(best.1)
}

fn normalise(form: &str, mut s: Snap) -> Harness<Snap> {
    let h: Vec<Vec<Cx>> = s.iter().map(|(_, h)| comps(h)).collect::<Harness<_>>()?;
    let mut h = h;
    match form {
        "qr" => {
            let (nb, m, kq) = dims(&s[0].0);
            let (_, kr, n) = dims(&s[1].0);
            let k = kq.min(kr).min(n);
            for b in 0..nb {
                for i in 0..k {
                    let d = phase(h[1][b * kr * n + i * n + i]);
                    for r in 0..m {
                        let q = &mut h[0][b * m * kq + r * kq + i];
                        *q = mul(*q, d);
                    }
                    for c in 0..n {
                        let x = &mut h[1][b * kr * n + i * n + c];
                        *x = mul(*x, conj(d));
                    }
                }
            }
        }
        "svd" => {
            let (nb, m, ku) = dims(&s[0].0);
            let (_, kv, n) = dims(&s[2].0);
            let k = *s[1].0.last().ok_or("bad s")?;
            for b in 0..nb {
                for i in 0..k {
                    let p = column_phase(&h[0], b * m * ku, m, ku, i);
                    for r in 0..m {
                        let u = &mut h[0][b * m * ku + r * ku + i];
                        *u = mul(*u, conj(p));
                    }
                    for c in 0..n {
                        let x = &mut h[2][b * kv * n + i * n + c];
                        *x = mul(*x, p);
                    }
                }
            }
        }
        "eigh" | "eig" => {
            if form == "eig" {
                sort_eig(&s, &mut h)?;
            }
            if h.len() > 1 {
                let (nb, n, _) = dims(&s[1].0);
                for b in 0..nb {
                    for j in 0..n {
                        let p = column_phase(&h[1], b * n * n, n, n, j);
                        for r in 0..n {
                            let v = &mut h[1][b * n * n + r * n + j];
                            *v = mul(*v, conj(p));
                        }
                    }
                }
            }
        }
        f => return Err(format!("unknown normal form {f}")),
    }
    for (o, v) in s.iter_mut().zip(&h) {
        o.1 = host_like(&o.1, v);
    }
    Ok(s)
}

/// Sorts each stack's eigenvalues by (real, imaginary) part (stably), with the
/// eigenvector columns alongside.
fn sort_eig(s: &Snap, h: &mut [Vec<Cx>]) -> Harness<()> {
    let n = *s[0].0.last().ok_or("eigenvalues of a 0-d array")?;
    if n == 0 {
        return Ok(());
    }
    let nb = h[0].len() / n;
    for b in 0..nb {
        let w = h[0][b * n..(b + 1) * n].to_vec();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&i, &j| w[i].0.total_cmp(&w[j].0).then(w[i].1.total_cmp(&w[j].1)));
        for (t, &o) in order.iter().enumerate() {
            h[0][b * n + t] = w[o];
        }
        if h.len() > 1 {
            let v = h[1][b * n * n..(b + 1) * n * n].to_vec();
            for r in 0..n {
                for (t, &o) in order.iter().enumerate() {
                    h[1][b * n * n + r * n + t] = v[r * n + o];
                }
            }
        }
    }
    Ok(())
}

/// Norm-wise comparison of outputs: shapes and dtypes equal, and per output
/// `max |got - want| <= rtol * max(1, max |want|)` (infinities and NaNs must match).
pub(super) fn normwise(got: &Snap, want: &Snap, rtol: f64) -> std::result::Result<(), String> {
    if got.len() != want.len() {
        return Err(format!("{} outputs, NumPy has {}", got.len(), want.len()));
    }
    for (k, ((gs, gh), (ws, wh))) in got.iter().zip(want).enumerate() {
        if gs != ws {
            return Err(format!("output {k}: shape {gs:?}, NumPy's is {ws:?}"));
        }
        if std::mem::discriminant(gh) != std::mem::discriminant(wh) {
            return Err(format!(
                "output {k}: dtype {}, NumPy's is {}",
                gh.dtype().name(),
                wh.dtype().name()
            ));
        }
        let (g, w) = match (comps(gh), comps(wh)) {
            (Ok(g), Ok(w)) => (g, w),
            // Integer and bool outputs: exact.
            _ if gh == wh => continue,
            _ => return Err(format!("output {k} differs from NumPy's (exact)")),
        };
        let scale = w
            .iter()
            .map(|z| z.0.hypot(z.1))
            .filter(|a| a.is_finite())
            .fold(1.0f64, f64::max);
        for (i, (a, b)) in g.iter().zip(&w).enumerate() {
            let ok = [(a.0, b.0), (a.1, b.1)].iter().all(|&(x, y)| {
                if y.is_nan() || !y.is_finite() {
                    x == y || (x.is_nan() && y.is_nan())
                } else {
                    (x - y).abs() <= rtol * scale
                }
            });
            if !ok {
                return Err(format!(
                    "output {k}[{i}]: {a:?}, NumPy's {b:?} (rtol {rtol:.1e} x scale {scale:.3})"
                ));
            }
        }
    }
    Ok(())
}
