//! The linalg section: every linalg function on generated stacks (empty and 0-size stacks,
//! transposed views, all float dtypes, integers for the products) compared with the
//! [`Reference`](crate::Reference) and checked by mathematical identity (`A inv(A) ≈ I`,
//! orthonormal `Q`, `U S Vh ≈ A`, `A V ≈ V diag(w)`), with tolerances scaled by the
//! dtype's epsilon, the matrix size and (for inverses and solves) the condition number.

// Textbook index loops read closest to the formulas they implement.
#![allow(clippy::needless_range_loop)]

use super::Ctx;
use crate::Reference;
use array_api::linalg::{self as la, MatrixNormOrd, QrMode};
use array_api::{self as xp, Array, Backend, Complex64 as C, DType, Error, HostData, LinalgOps};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

type R<T> = std::result::Result<T, TestCaseError>;

/// A generated stack: dtype, batch shape, rows, columns, value seed, transposed storage.
#[derive(Clone, Debug)]
pub struct Gen {
    dtype: DType,
    batch: Vec<usize>,
    m: usize,
    n: usize,
    seed: u64,
    transposed: bool,
}

fn gen(dtypes: Vec<DType>, square: bool) -> BoxedStrategy<Gen> {
    (
        proptest::sample::select(dtypes),
        proptest::collection::vec(prop_oneof![3 => 1usize..3, 1 => Just(0usize)], 0..=2),
        prop_oneof![1 => Just(0usize), 6 => 1usize..6],
        1usize..6,
        any::<u64>(),
        any::<bool>(),
    )
        .prop_map(move |(dtype, batch, m, n, seed, transposed)| Gen {
            dtype,
            batch,
            m,
            n: if square { m } else { n },
            seed,
            transposed,
        })
        .boxed()
}

fn lcg(state: &mut u64) -> f64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    ((*state >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
}

fn eps(d: DType) -> f64 {
    if d.real_dtype() == DType::Float32 {
        f32::EPSILON as f64
    } else {
        f64::EPSILON
    }
}

impl Gen {
    fn shape(&self) -> Vec<usize> {
        let mut s = self.batch.clone();
        s.extend([self.m, self.n]);
        s
    }

    /// The values: uniform in [-1, 1] (small integers for integer dtypes), plus `diag` on
    /// the diagonal.
    fn values(&self, diag: f64) -> Vec<C> {
        let mut st = self.seed | 1;
        let shape = self.shape();
        let size: usize = shape.iter().product();
        (0..size)
            .map(|idx| {
                let (i, j) = ((idx / self.n.max(1)) % self.m.max(1), idx % self.n.max(1));
                let d = if i == j { diag } else { 0.0 };
                if self.dtype.is_integer() {
                    C::new((lcg(&mut st) * 4.0).round() + d, 0.0)
                } else if self.dtype.is_complex() {
                    C::new(lcg(&mut st) + d, lcg(&mut st))
                } else {
                    C::new(lcg(&mut st) + d, 0.0)
                }
            })
            .collect()
    }

    /// The array on `device`, stored transposed (a strided view) when `transposed`.
    fn make<B: Backend>(&self, vals: &[C], device: &B) -> array_api::Result<Array<B>> {
        let shape = self.shape();
        let host = HostData::Complex128(vals.to_vec());
        let a = Array::from_host(host, &shape, device)?;
        let a = xp::astype(&a, self.dtype)?;
        if self.transposed {
            let t = xp::matrix_transpose(&a)?.copy()?;
            xp::matrix_transpose(&t)
        } else {
            Ok(a)
        }
    }
}

fn host<B: Backend>(a: &Array<B>) -> R<Vec<C>> {
    xp::astype(a, DType::Complex128)
        .and_then(|c| c.to_vec::<C>())
        .map_err(|e| TestCaseError::fail(format!("reading result: {e}")))
}

fn fail(m: impl Into<String>) -> TestCaseError {
    TestCaseError::fail(m.into())
}

fn ok<T>(r: array_api::Result<T>, what: &str) -> R<T> {
    r.map_err(|e| fail(format!("{what}: {e}")))
}

/// Elementwise `|got - want| <= tol * (1 + max|want|)`, with equal shapes.
fn close<B: Backend>(got: &Array<B>, want: &Array<Reference>, tol: f64, what: &str) -> R<()> {
    if got.shape() != want.shape() || got.dtype() != want.dtype() {
        return Err(fail(format!(
            "{what}: shape/dtype {:?} {} vs reference {:?} {}",
            got.shape(),
            got.dtype(),
            want.shape(),
            want.dtype()
        )));
    }
    let (g, w) = (host(got)?, host(want)?);
    let scale = 1.0 + w.iter().map(|z| z.norm()).fold(0.0, f64::max);
    for (i, (a, b)) in g.iter().zip(&w).enumerate() {
        let ok = a == b || (a - b).norm() <= tol * scale || (a.re.is_nan() && b.re.is_nan());
        if !ok {
            return Err(fail(format!(
                "{what}: element {i}: {a} vs reference {b} (tol {tol:e})"
            )));
        }
    }
    Ok(())
}

/// Host matmul of the stacks `a (.., m, k)` and `b (.., k, n)` (C order).
fn hmm(a: &[C], b: &[C], count: usize, m: usize, k: usize, n: usize) -> Vec<C> {
    let mut out = vec![C::new(0.0, 0.0); count * m * n];
    for bi in 0..count {
        for i in 0..m {
            for p in 0..k {
                let x = a[bi * m * k + i * k + p];
                for j in 0..n {
                    out[bi * m * n + i * n + j] += x * b[bi * k * n + p * n + j];
                }
            }
        }
    }
    out
}

/// `a^H` of a stack `(.., m, n)`.
fn hadj(a: &[C], count: usize, m: usize, n: usize) -> Vec<C> {
    let mut out = vec![C::new(0.0, 0.0); a.len()];
    for bi in 0..count {
        for i in 0..m {
            for j in 0..n {
                out[bi * m * n + j * m + i] = a[bi * m * n + i * n + j].conj();
            }
        }
    }
    out
}

fn near(got: &[C], want: &[C], tol: f64, what: &str) -> R<()> {
    if got.len() != want.len() {
        return Err(fail(format!(
            "{what}: {} vs {} elements",
            got.len(),
            want.len()
        )));
    }
    for (i, (a, b)) in got.iter().zip(want).enumerate() {
        if (a - b).norm() > tol {
            return Err(fail(format!(
                "{what}: element {i}: {a} vs {b} (tol {tol:e})"
            )));
        }
    }
    Ok(())
}

fn identity_stack(count: usize, n: usize) -> Vec<C> {
    let mut v = vec![C::new(0.0, 0.0); count * n * n];
    for bi in 0..count {
        for i in 0..n {
            v[bi * n * n + i * n + i] = C::new(1.0, 0.0);
        }
    }
    v
}

/// Runs the linalg section.
pub(crate) fn run<B: Backend + LinalgOps>(ctx: &mut Ctx<'_, B>) {
    let dev = ctx.device.clone();
    let floats = ctx.supported_of(&[
        DType::Float32,
        DType::Float64,
        DType::Complex64,
        DType::Complex128,
    ]);
    let numeric = ctx.supported_of(&[
        DType::Int8,
        DType::Int32,
        DType::Int64,
        DType::UInt8,
        DType::Float32,
        DType::Float64,
        DType::Complex64,
        DType::Complex128,
    ]);
    let rf = Reference;

    // matmul: (.., m, k) @ (.., k, n), stack broadcasting, 1-d operands.
    let d = dev.clone();
    ctx.property(
        "matmul",
        (gen(numeric.clone(), false), 0usize..6, 0usize..4),
        move |(g, n2, mode)| {
            let a_vals = g.values(0.0);
            let mut gb = g.clone();
            gb.seed = g.seed.wrapping_add(7);
            gb.m = g.n;
            gb.n = n2;
            gb.transposed = !g.transposed;
            if mode == 1 {
                gb.batch = vec![];
            }
            let b_vals = gb.values(0.0);
            let (a, b) = (
                ok(g.make(&a_vals, &d), "a")?,
                ok(gb.make(&b_vals, &d), "b")?,
            );
            let (ar, br) = (
                ok(g.make(&a_vals, &rf), "a")?,
                ok(gb.make(&b_vals, &rf), "b")?,
            );
            let (b, br) = if mode == 2 {
                // A 1-d right operand.
                let v: Vec<C> = b_vals.iter().take(g.n).copied().collect();
                let mk = |x: &[C]| -> array_api::Result<(Array<B>, Array<Reference>)> {
                    let h = HostData::Complex128(x.to_vec());
                    Ok((
                        xp::astype(&Array::from_host(h.clone(), [g.n], &d)?, g.dtype)?,
                        xp::astype(&Array::from_host(h, [g.n], &rf)?, g.dtype)?,
                    ))
                };
                if v.len() == g.n {
                    ok(mk(&v), "vector")?
                } else {
                    (b, br)
                }
            } else {
                (b, br)
            };
            let got = xp::matmul(&a, &b);
            let want = xp::matmul(&ar, &br);
            match (got, want) {
                (Ok(x), Ok(y)) => {
                    let tol = if g.dtype.is_integer() {
                        0.0
                    } else {
                        4.0 * (g.n + 1) as f64 * eps(g.dtype)
                    };
                    close(&x, &y, tol, "matmul")
                }
                (Err(e1), Err(e2))
                    if std::mem::discriminant(&e1) == std::mem::discriminant(&e2) =>
                {
                    Ok(())
                }
                (x, y) => Err(fail(format!(
                    "matmul: {:?} vs reference {:?}",
                    x.map(|a| a.shape().to_vec()),
                    y.map(|a| a.shape().to_vec())
                ))),
            }
        },
    );

    singles(ctx, &floats, &numeric);
    identities(ctx, &floats);
    errors(ctx);
}

/// Compares a backend result with the reference's: both `Ok` and close, or both `Err` of
/// one kind.
fn compare<B: Backend>(
    got: array_api::Result<Array<B>>,
    want: array_api::Result<Array<Reference>>,
    tol: f64,
    what: &str,
) -> R<()> {
    match (got, want) {
        (Ok(x), Ok(y)) => close(&x, &y, tol, what),
        (Err(e1), Err(e2)) if std::mem::discriminant(&e1) == std::mem::discriminant(&e2) => Ok(()),
        (x, y) => Err(fail(format!(
            "{what}: {:?} vs reference {:?}",
            x.map(|a| a.shape().to_vec()),
            y.map(|a| a.shape().to_vec())
        ))),
    }
}

/// One property comparing `$body` (an expression in the input `$x`) with the reference.
macro_rules! single {
    ($ctx:expr, $name:expr, $strat:expr, $diag:expr, $k:expr, |$x:ident, $g:ident| $body:expr) => {{
        let d = $ctx.device.clone();
        let hits: std::sync::Arc<std::sync::Mutex<Option<&'static str>>> = Default::default();
        let h = hits.clone();
        $ctx.property($name, $strat, move |$g: Gen| {
            let vals = $g.values($diag($g.m));
            let got = {
                let $x = &ok($g.make(&vals, &d), "input")?;
                $body
            };
            if let Err(Error::UnsupportedOp { op, .. }) = &got {
                // Not implemented by this backend: reported as such, not compared.
                *h.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(*op);
                return Ok(());
            }
            let want = {
                let $x = &ok($g.make(&vals, &Reference), "input")?;
                $body
            };
            let size = ($g.m.max($g.n) + 1) as f64;
            compare(got, want, $k * size * eps($g.dtype), $name)
        });
        let hit = *hits
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(op) = hit {
            $ctx.report.not_implemented($name, op);
        }
    }};
}

fn dominant(m: usize) -> f64 {
    m as f64 + 1.0
}
fn plain(_: usize) -> f64 {
    0.0
}

fn singles<B: Backend + LinalgOps>(ctx: &mut Ctx<'_, B>, floats: &[DType], numeric: &[DType]) {
    let f = floats.to_vec();
    let nm = numeric.to_vec();
    single!(
        ctx,
        "linalg.inv",
        gen(f.clone(), true),
        dominant,
        64.0,
        |x, _g| la::inv(x)
    );
    single!(
        ctx,
        "linalg.det",
        gen(f.clone(), true),
        dominant,
        64.0,
        |x, _g| la::det(x)
    );
    single!(
        ctx,
        "linalg.slogdet",
        gen(f.clone(), true),
        dominant,
        64.0,
        |x, _g| la::slogdet(x).map(|r| r.logabsdet)
    );
    single!(
        ctx,
        "linalg.slogdet sign",
        gen(f.clone(), true),
        dominant,
        64.0,
        |x, _g| la::slogdet(x).map(|r| r.sign)
    );
    single!(
        ctx,
        "linalg.cholesky",
        gen(f.clone(), true),
        dominant,
        64.0,
        |x, g| {
            // A Hermitian positive-definite input: x + x^H + 2(m+1) I, lower triangle read.
            xp::matrix_transpose(x)
                .and_then(|t| {
                    if g.dtype.is_complex() {
                        xp::conj(&t)
                    } else {
                        Ok(t)
                    }
                })
                .and_then(|t| xp::add(x, &t))
                .and_then(|h| la::cholesky(&h, g.seed.is_multiple_of(2)))
        }
    );
    single!(
        ctx,
        "linalg.svdvals",
        gen(f.clone(), false),
        plain,
        256.0,
        |x, _g| la::svdvals(x)
    );
    single!(
        ctx,
        "linalg.eigvalsh",
        gen(f.clone(), true),
        plain,
        256.0,
        |x, g| {
            xp::matrix_transpose(x)
                .and_then(|t| {
                    if g.dtype.is_complex() {
                        xp::conj(&t)
                    } else {
                        Ok(t)
                    }
                })
                .and_then(|t| xp::add(x, &t))
                .and_then(|h| la::eigvalsh(&h))
        }
    );
    single!(
        ctx,
        "linalg.matrix_rank",
        gen(f.clone(), false),
        plain,
        0.0,
        |x, _g| {
            // Rank-deficient when the last column repeats the first.
            let n = x.shape()[x.ndim() - 1];
            if n > 1 {
                let first = x.get(&[xp::Ellipsis.into(), (0..1).into()])?;
                let rest = x.get(&[xp::Ellipsis.into(), (0..(n as isize - 1)).into()])?;
                la::matrix_rank(&xp::concat(&[&rest, &first], Some(-1))?, Some(1e-4))
            } else {
                la::matrix_rank(x, Some(1e-4))
            }
        }
    );
    single!(
        ctx,
        "linalg.pinv",
        gen(f.clone(), false),
        dominant,
        256.0,
        |x, _g| la::pinv(x, None)
    );
    single!(
        ctx,
        "linalg.matrix_power",
        (gen(nm.clone(), true), -2i64..5).prop_map(|(mut g, p)| {
            g.seed = g.seed.wrapping_mul(31).wrapping_add(p as u64 & 7);
            g
        }),
        dominant,
        256.0,
        |x, g| {
            let p = (g.seed & 7) as i64 - 2;
            let x = if g.dtype.is_integer() {
                xp::astype(x, DType::Float64)?
            } else {
                x.clone()
            };
            la::matrix_power(&x, p)
        }
    );
    for (label, ord) in [
        ("fro", MatrixNormOrd::Fro),
        ("nuc", MatrixNormOrd::Nuc),
        ("1", MatrixNormOrd::One),
        ("-1", MatrixNormOrd::NegOne),
        ("2", MatrixNormOrd::Two),
        ("-2", MatrixNormOrd::NegTwo),
        ("inf", MatrixNormOrd::Inf),
        ("-inf", MatrixNormOrd::NegInf),
    ] {
        let name: &'static str =
            Box::leak(format!("linalg.matrix_norm ord={label}").into_boxed_str());
        single!(ctx, name, gen(f.clone(), false), plain, 256.0, |x, g| {
            la::matrix_norm(x, g.seed.is_multiple_of(2), ord)
        });
    }
    for ord in [2.0, 1.0, 0.0, 3.5, -1.0, f64::INFINITY, f64::NEG_INFINITY] {
        let name: &'static str =
            Box::leak(format!("linalg.vector_norm ord={ord}").into_boxed_str());
        single!(ctx, name, gen(nm.clone(), false), plain, 16.0, |x, g| {
            let axes: Option<Vec<isize>> = match g.seed % 4 {
                0 => None,
                1 => Some(vec![-1]),
                2 => Some(vec![0, -1]),
                _ => Some(vec![-2]),
            };
            la::vector_norm(x, axes.as_deref(), g.seed.is_multiple_of(3), ord)
        });
    }
    single!(
        ctx,
        "linalg.trace",
        gen(nm.clone(), false),
        plain,
        8.0,
        |x, g| la::trace(x, (g.seed % 5) as isize - 2, None)
    );
    single!(
        ctx,
        "linalg.diagonal",
        gen(nm.clone(), false),
        plain,
        0.0,
        |x, g| la::diagonal(x, (g.seed % 5) as isize - 2)
    );
    single!(
        ctx,
        "linalg.matrix_transpose",
        gen(nm.clone(), false),
        plain,
        0.0,
        |x, _g| la::matrix_transpose(x)
    );
    single!(ctx, "vecdot", gen(nm.clone(), false), plain, 8.0, |x, g| {
        let y = xp::flip(x, None)?;
        xp::vecdot(x, &y, if g.seed.is_multiple_of(2) { -1 } else { -2 })
    });
    single!(
        ctx,
        "tensordot",
        gen(nm.clone(), false),
        plain,
        16.0,
        |x, g| {
            let y = xp::matrix_transpose(&xp::flip(x, None)?)?;
            match g.seed % 3 {
                0 => xp::tensordot(x, &y, 1),
                1 => xp::tensordot(x, &y, ([-1], [-2])),
                _ => xp::tensordot(x, x, 0),
            }
        }
    );
    single!(
        ctx,
        "linalg.outer",
        gen(nm.clone(), false),
        plain,
        4.0,
        |x, _g| {
            let v = xp::reshape(x, [-1], None)?;
            la::outer(&v, &xp::flip(&v, None)?)
        }
    );
    single!(
        ctx,
        "linalg.cross",
        gen(nm.clone(), false).prop_map(|mut g| {
            g.n = 3;
            g
        }),
        plain,
        8.0,
        |x, _g| la::cross(x, &xp::flip(x, None)?, -1)
    );
    single!(
        ctx,
        "linalg.solve",
        gen(f.clone(), true),
        dominant,
        64.0,
        |x, g| {
            let b = xp::flip(x, None)?;
            if g.seed.is_multiple_of(2) {
                la::solve(x, &b)
            } else {
                let m = x.shape()[x.ndim() - 1] as isize;
                let v = xp::reshape(&b, [-1], None)?.get(&[(0..m).into()])?;
                if v.size() == m as usize {
                    la::solve(x, &v)
                } else {
                    la::solve(x, &b)
                }
            }
        }
    );
}

/// `true` when the backend does not implement the function behind `probe`
/// (`Err(UnsupportedOp)` on a 2 x 2 identity of `dtypes[0]`): `name` is then recorded as
/// not implemented (naming the op) and not run.
fn not_implemented<B: Backend>(
    ctx: &mut Ctx<'_, B>,
    name: &str,
    dtypes: &[DType],
    probe: impl FnOnce(&Array<B>) -> array_api::Result<()>,
) -> bool {
    let Some(&d0) = dtypes.first() else {
        return false;
    };
    let outcome = xp::eye(2, None, 0, d0, ctx.device).and_then(|a| probe(&a));
    if let Err(Error::UnsupportedOp { op, .. }) = outcome {
        ctx.report.not_implemented(name, op);
        true
    } else {
        false
    }
}

/// [`Ctx::property`] when `run`.
fn property_if<B: Backend, S: Strategy>(
    ctx: &mut Ctx<'_, B>,
    run: bool,
    name: &str,
    strategy: S,
    test: impl Fn(S::Value) -> proptest::test_runner::TestCaseResult,
) {
    if run {
        ctx.property(name, strategy, test);
    }
}

/// Identity checks on the backend alone (the factors are not unique).
fn identities<B: Backend + LinalgOps>(ctx: &mut Ctx<'_, B>, floats: &[DType]) {
    let f = floats.to_vec();
    let run_inv = !not_implemented(ctx, "linalg.inv identity", &f, |a| la::inv(a).map(drop));
    let run_qr = !not_implemented(ctx, "linalg.qr identity", &f, |a| {
        la::qr(a, QrMode::Reduced).map(drop)
    });
    let run_svd = !not_implemented(ctx, "linalg.svd identity", &f, |a| {
        la::svd(a, false).map(drop)
    });
    let run_eigh = !not_implemented(ctx, "linalg.eigh identity", &f, |a| la::eigh(a).map(drop));
    let run_eig = !not_implemented(ctx, "linalg.eig identity", &f, |a| la::eig(a).map(drop));
    let d = ctx.device.clone();
    property_if(
        ctx,
        run_inv,
        "linalg.inv identity",
        gen(f.clone(), true),
        move |g| {
            let vals = g.values(0.5);
            let a = ok(g.make(&vals, &d), "a")?;
            let count: usize = g.batch.iter().product();
            let n = g.m;
            let inv = match la::inv(&a) {
                Ok(i) => i,
                // A (rarely) singular draw must fail on both backends.
                Err(Error::LinAlg { .. }) => {
                    return ok(
                        la::inv(&ok(g.make(&vals, &Reference), "r")?)
                            .map(|_| ())
                            .or(Ok(())),
                        "ref",
                    )
                }
                Err(e) => return Err(fail(format!("inv: {e}"))),
            };
            let (ah, ih) = (host(&ok(a.to_contiguous(), "a")?)?, host(&inv)?);
            // Tolerance: n * eps * cond_F(A) per matrix (largest over the stack).
            let fro = |v: &[C]| v.iter().map(|z| z.norm_sqr()).sum::<f64>().sqrt();
            let mut cond: f64 = 1.0;
            for bi in 0..count {
                let r = bi * n * n..(bi + 1) * n * n;
                cond = cond.max(fro(&ah[r.clone()]) * fro(&ih[r]));
            }
            if !cond.is_finite() || cond > 1e6 {
                return Ok(());
            }
            near(
                &hmm(&ah, &ih, count, n, n, n),
                &identity_stack(count, n),
                16.0 * (n + 1) as f64 * eps(g.dtype) * cond,
                "A @ inv(A) - I",
            )
        },
    );
    let d = ctx.device.clone();
    property_if(
        ctx,
        run_qr,
        "linalg.qr identity",
        (gen(f.clone(), false), any::<bool>()),
        move |(g, complete)| {
            let vals = g.values(0.0);
            let a = ok(g.make(&vals, &d), "a")?;
            let r = ok(
                la::qr(
                    &a,
                    if complete {
                        QrMode::Complete
                    } else {
                        QrMode::Reduced
                    },
                ),
                "qr",
            )?;
            let (m, n) = (g.m, g.n);
            let k = if complete { m } else { m.min(n) };
            let count: usize = g.batch.iter().product();
            let (q, rr) = (host(&r.q)?, host(&r.r)?);
            let tol = 32.0 * (m + n + 1) as f64 * eps(g.dtype);
            near(
                &hmm(&hadj(&q, count, m, k), &q, count, k, m, k),
                &identity_stack(count, k),
                tol,
                "Q^H Q - I",
            )?;
            near(
                &hmm(&q, &rr, count, m, k, n),
                &host(&ok(a.to_contiguous(), "a")?)?,
                tol,
                "Q R - A",
            )?;
            for bi in 0..count {
                for i in 0..k {
                    for j in 0..n.min(i) {
                        if rr[bi * k * n + i * n + j].norm() > tol {
                            return Err(fail("R is not upper triangular"));
                        }
                    }
                }
            }
            Ok(())
        },
    );
    let d = ctx.device.clone();
    property_if(
        ctx,
        run_svd,
        "linalg.svd identity",
        (gen(f.clone(), false), any::<bool>()),
        move |(g, full)| {
            let vals = g.values(0.0);
            let a = ok(g.make(&vals, &d), "a")?;
            let r = ok(la::svd(&a, full), "svd")?;
            let (m, n) = (g.m, g.n);
            let k = m.min(n);
            let (ku, kv) = if full { (m, n) } else { (k, k) };
            let count: usize = g.batch.iter().product();
            let (u, s, vh) = (host(&r.u)?, host(&r.s)?, host(&r.vh)?);
            let tol = 64.0 * (m + n + 1) as f64 * eps(g.dtype);
            near(
                &hmm(&hadj(&u, count, m, ku), &u, count, ku, m, ku),
                &identity_stack(count, ku),
                tol,
                "U^H U - I",
            )?;
            near(
                &hmm(&vh, &hadj(&vh, count, kv, n), count, kv, n, kv),
                &identity_stack(count, kv),
                tol,
                "Vh Vh^H - I",
            )?;
            // U[:, :k] diag(S) Vh[:k, :] == A
            let mut us = vec![C::new(0.0, 0.0); count * m * k];
            let mut vk = vec![C::new(0.0, 0.0); count * k * n];
            for bi in 0..count {
                for i in 0..m {
                    for j in 0..k {
                        us[bi * m * k + i * k + j] = u[bi * m * ku + i * ku + j] * s[bi * k + j];
                    }
                }
                for i in 0..k {
                    for j in 0..n {
                        vk[bi * k * n + i * n + j] = vh[bi * kv * n + i * n + j];
                    }
                }
                for j in 1..k {
                    if s[bi * k + j].re > s[bi * k + j - 1].re {
                        return Err(fail("singular values are not descending"));
                    }
                }
            }
            near(
                &hmm(&us, &vk, count, m, k, n),
                &host(&ok(a.to_contiguous(), "a")?)?,
                tol,
                "U S Vh - A",
            )
        },
    );
    let d = ctx.device.clone();
    property_if(
        ctx,
        run_eigh,
        "linalg.eigh identity",
        gen(f.clone(), true),
        move |g| {
            let vals = g.values(0.0);
            let a = ok(g.make(&vals, &d), "a")?;
            let t = ok(
                xp::matrix_transpose(&a).and_then(|t| {
                    if g.dtype.is_complex() {
                        xp::conj(&t)
                    } else {
                        Ok(t)
                    }
                }),
                "t",
            )?;
            let h = ok(xp::add(&a, &t), "h")?;
            let r = ok(la::eigh(&h), "eigh")?;
            let n = g.m;
            let count: usize = g.batch.iter().product();
            let (w, v, hh) = (host(&r.eigenvalues)?, host(&r.eigenvectors)?, host(&h)?);
            let tol = 64.0 * (n + 1) as f64 * eps(g.dtype) * 4.0;
            near(
                &hmm(&hadj(&v, count, n, n), &v, count, n, n, n),
                &identity_stack(count, n),
                tol,
                "V^H V - I",
            )?;
            let av = hmm(&hh, &v, count, n, n, n);
            let mut vw = v.clone();
            for bi in 0..count {
                for i in 0..n {
                    for j in 0..n {
                        vw[bi * n * n + i * n + j] *= w[bi * n + j];
                    }
                    if i > 0 && w[bi * n + i].re < w[bi * n + i - 1].re {
                        return Err(fail("eigenvalues are not ascending"));
                    }
                }
            }
            near(&av, &vw, tol * n.max(1) as f64, "A V - V diag(w)")
        },
    );
    let d = ctx.device.clone();
    property_if(
        ctx,
        run_eig,
        "linalg.eig identity",
        gen(f, true),
        move |g| {
            let vals = g.values(0.0);
            let a = ok(g.make(&vals, &d), "a")?;
            let r = ok(la::eig(&a), "eig")?;
            let n = g.m;
            let count: usize = g.batch.iter().product();
            let (w, v, ah) = (
                host(&r.eigenvalues)?,
                host(&r.eigenvectors)?,
                host(&ok(a.to_contiguous(), "a")?)?,
            );
            let tol = 256.0 * (n + 1) as f64 * eps(g.dtype);
            let av = hmm(&ah, &v, count, n, n, n);
            let mut vw = v.clone();
            for bi in 0..count {
                for i in 0..n {
                    for j in 0..n {
                        vw[bi * n * n + i * n + j] *= w[bi * n + j];
                    }
                }
                // The eigenvalues sum to the trace.
                let tr: C = (0..n).map(|i| ah[bi * n * n + i * n + i]).sum();
                let sw: C = (0..n).map(|i| w[bi * n + i]).sum();
                if (tr - sw).norm() > tol * 4.0 {
                    return Err(fail(format!("sum of eigenvalues {sw} != trace {tr}")));
                }
            }
            near(&av, &vw, tol * 4.0, "A V - V diag(w)")?;
            // And the reference finds the same multiset (compared through the sums of powers).
            let wr = host(&ok(
                la::eigvals(&ok(g.make(&vals, &Reference), "r")?),
                "ref eigvals",
            )?)?;
            for bi in 0..count {
                for p in 1..=n.min(3) {
                    let s1: C = (0..n).map(|i| w[bi * n + i].powu(p as u32)).sum();
                    let s2: C = (0..n).map(|i| wr[bi * n + i].powu(p as u32)).sum();
                    if (s1 - s2).norm() > tol * 8.0 * (1.0 + s2.norm()) {
                        return Err(fail(format!(
                            "eigenvalue power sums differ: {s1} vs reference {s2}"
                        )));
                    }
                }
            }
            Ok(())
        },
    );
}

/// Singular / indefinite members of a stack are errors naming their index.
fn errors<B: Backend + LinalgOps>(ctx: &mut Ctx<'_, B>) {
    if !ctx.supports(DType::Float64) {
        ctx.report.unsupported("linalg errors", &[DType::Float64]);
        return;
    }
    if not_implemented(ctx, "linalg errors", &[DType::Float64], |a| {
        la::inv(a).map(drop)
    }) {
        return;
    }
    let dev = ctx.device.clone();
    let run = || -> std::result::Result<(), String> {
        let s = Array::from_vec(
            vec![1.0, 0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 4.0, 2.0, 0.0, 0.0, 2.0],
            [3, 2, 2],
            &dev,
        )
        .map_err(|e| e.to_string())?;
        let s = xp::reshape(&s, [3, 1, 2, 2], None).map_err(|e| e.to_string())?;
        for (what, r) in [
            ("inv", la::inv(&s).map(|_| ())),
            (
                "solve",
                la::solve(
                    &s,
                    &xp::ones([2], DType::Float64, &dev).map_err(|e| e.to_string())?,
                )
                .map(|_| ()),
            ),
            ("cholesky", la::cholesky(&s, false).map(|_| ())),
        ] {
            match r {
                Err(Error::LinAlg { index, .. }) if index == vec![1, 0] => {}
                other => {
                    return Err(format!(
                        "{what}: expected a LinAlg error for matrix [1, 0], got {other:?}"
                    ))
                }
            }
        }
        let det = la::det(&s)
            .and_then(|d| d.to_vec::<f64>())
            .map_err(|e| e.to_string())?;
        if det != vec![1.0, 0.0, 4.0] {
            return Err(format!("det of the stack: {det:?}"));
        }
        Ok(())
    };
    let outcome = run();
    ctx.fixed("linalg errors", "stack [[I], [singular], [2I]]", outcome);
}
