//! The fft section: every transform compared with the [`Reference`](crate::Reference)'s
//! textbook DFT on generated inputs (all float dtypes and integer/bool promotion; 1-3
//! dimensions with empty other axes; contiguous, transposed and flipped views; cropped
//! and padded lengths; every norm), identities checked on the backend alone (inverse
//! pairs, Parseval, linearity, Hermitian symmetry of real input, `irfft(rfft(x), n) ≈ x`
//! for odd and even `n`), prime and larger lengths, dtypes of the results, the helpers,
//! and errors. Tolerances are `k · (log2 n + 1) · eps` relative to the largest magnitude.

use super::check::note_valid;
use super::Ctx;
use crate::Reference;
use array_api::fft::{self as f, FftNorm, FftOps};
use array_api::{self as xp, Array, Backend, Complex64 as C, DType, Error, HostData};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

type R<T> = std::result::Result<T, TestCaseError>;

const NORMS: [FftNorm; 3] = [FftNorm::Backward, FftNorm::Ortho, FftNorm::Forward];

/// A generated input: dtype, shape, axis (index into shape), optional length, norm, view
/// mode (0 contiguous, 1 transposed storage, 2 flipped), value seed.
#[derive(Clone, Debug)]
pub struct Gen {
    dtype: DType,
    shape: Vec<usize>,
    axis: usize,
    n: Option<usize>,
    norm: FftNorm,
    view: u8,
    seed: u64,
}

fn gen(dtypes: Vec<DType>) -> BoxedStrategy<Gen> {
    let dim = prop_oneof![1 => Just(0usize), 8 => 1usize..9, 1 => Just(13usize)];
    (
        proptest::sample::select(dtypes),
        proptest::collection::vec(dim, 1..=3),
        any::<proptest::sample::Index>(),
        prop_oneof![2 => Just(None), 1 => (1usize..12).prop_map(Some)],
        proptest::sample::select(NORMS.to_vec()),
        0u8..3,
        any::<u64>(),
    )
        .prop_map(|(dtype, mut shape, ax, n, norm, view, seed)| {
            let axis = ax.index(shape.len());
            if shape[axis] == 0 {
                shape[axis] = 3;
            }
            Gen {
                dtype,
                shape,
                axis,
                n,
                norm,
                view,
                seed,
            }
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
    match d {
        DType::Float32 | DType::Complex64 => f32::EPSILON as f64,
        _ => f64::EPSILON,
    }
}

/// The precision a transform of input dtype `d` computes in.
fn compute_eps(d: DType) -> f64 {
    eps(d)
}

/// Values in [-1, 1] (complex for complex dtypes).
fn values(seed: u64, size: usize, complex: bool) -> Vec<C> {
    let mut st = seed | 1;
    (0..size)
        .map(|_| {
            let re = lcg(&mut st);
            let im = if complex { lcg(&mut st) } else { 0.0 };
            C::new(re, im)
        })
        .collect()
}

/// An array of `dtype` holding `vals` (real parts for real dtypes; integers `round(4x)`,
/// bools `x > 0`), as a view of kind `view`.
fn make<B: Backend>(
    vals: &[C],
    shape: &[usize],
    dtype: DType,
    view: u8,
    device: &B,
) -> array_api::Result<Array<B>> {
    let a = if dtype.is_complex() {
        xp::astype(
            &Array::from_host(HostData::Complex128(vals.to_vec()), shape, device)?,
            dtype,
        )?
    } else {
        let re: Vec<f64> = vals
            .iter()
            .map(|z| {
                if dtype.is_integer() {
                    (z.re * 4.0).round()
                } else if dtype.is_bool() {
                    (z.re > 0.0) as u8 as f64
                } else {
                    z.re
                }
            })
            .collect();
        let a = Array::from_host(HostData::Float64(re), shape, device)?;
        if dtype.is_bool() {
            xp::not_equal(&a, &xp::zeros_like(&a, None)?)?
        } else {
            xp::astype(&a, dtype)?
        }
    };
    match view {
        1 if a.ndim() >= 2 => {
            let t = xp::matrix_transpose(&a)?.copy()?;
            xp::matrix_transpose(&t)
        }
        2 if a.ndim() >= 1 => xp::flip(&a, Some(&[0])),
        _ => Ok(a),
    }
}

fn host<B: Backend>(a: &Array<B>) -> R<Vec<C>> {
    xp::astype(a, DType::Complex128)
        .and_then(|c| c.to_vec::<C>())
        .map_err(|e| fail(format!("reading result: {e}")))
}

fn fail(m: impl Into<String>) -> TestCaseError {
    TestCaseError::fail(m.into())
}

fn ok<T>(r: array_api::Result<T>, what: &str) -> R<T> {
    r.map_err(|e| fail(format!("{what}: {e}")))
}

fn log_n(n: usize) -> f64 {
    (n.max(2) as f64).log2() + 1.0
}

/// Elementwise `|got - want| <= tol * (1 + max|want|)`.
fn near(got: &[C], want: &[C], tol: f64, what: &str) -> R<()> {
    if got.len() != want.len() {
        return Err(fail(format!(
            "{what}: {} vs {} elements",
            got.len(),
            want.len()
        )));
    }
    let scale = 1.0 + want.iter().map(|z| z.norm()).fold(0.0, f64::max);
    for (i, (a, b)) in got.iter().zip(want).enumerate() {
        if (a - b).norm() > tol * scale {
            return Err(fail(format!(
                "{what}: element {i}: {a} vs {b} (tol {:e})",
                tol * scale
            )));
        }
    }
    Ok(())
}

/// Backend and reference results: both `Ok` with equal shapes and dtypes and close values,
/// or both `Err` of one kind.
fn compare<B: Backend>(
    got: array_api::Result<Array<B>>,
    want: array_api::Result<Array<Reference>>,
    tol: f64,
    what: &str,
) -> R<()> {
    match (got, want) {
        (Ok(x), Ok(y)) => {
            if x.shape() != y.shape() || x.dtype() != y.dtype() {
                return Err(fail(format!(
                    "{what}: {:?} {} vs reference {:?} {}",
                    x.shape(),
                    x.dtype(),
                    y.shape(),
                    y.dtype()
                )));
            }
            note_valid();
            near(&host(&x)?, &host(&y)?, tol, what)
        }
        (Err(e1), Err(e2)) if std::mem::discriminant(&e1) == std::mem::discriminant(&e2) => Ok(()),
        (x, y) => Err(fail(format!(
            "{what}: {:?} vs reference {:?}",
            x.map(|a| a.shape().to_vec()),
            y.map(|a| a.shape().to_vec())
        ))),
    }
}

type OneD<B> = fn(&Array<B>, Option<usize>, isize, FftNorm) -> array_api::Result<Array<B>>;

fn one_d_fns<B: Backend + FftOps>() -> Vec<(&'static str, OneD<B>, bool)> {
    // (name, function, takes complex input)
    vec![
        ("fft.fft", f::fft::<B>, true),
        ("fft.ifft", f::ifft::<B>, true),
        ("fft.rfft", f::rfft::<B>, false),
        ("fft.irfft", f::irfft::<B>, true),
        ("fft.hfft", f::hfft::<B>, true),
        ("fft.ihfft", f::ihfft::<B>, false),
    ]
}

/// Runs the fft section.
pub(crate) fn run<B: Backend + FftOps>(ctx: &mut Ctx<'_, B>) {
    let complex = ctx.supported_of(&[DType::Complex64, DType::Complex128, DType::Float32]);
    let real = ctx.supported_of(&[DType::Float32, DType::Float64, DType::Int32, DType::Bool]);
    let complex_in = {
        let mut c = complex.clone();
        c.extend(ctx.supported_of(&[DType::Float64, DType::Int64]));
        c
    };
    // Every 1-D transform against the reference (the reference and the backend share
    // the front end, so this checks the kernels on every layout, length and norm).
    let fns = one_d_fns::<B>();
    let rfns = one_d_fns::<Reference>();
    for ((name, fb, cplx), (_, fr, _)) in fns.into_iter().zip(rfns) {
        let d = ctx.device.clone();
        let dtypes = if cplx {
            complex_in.clone()
        } else {
            real.clone()
        };
        ctx.property(name, gen(dtypes), move |g: Gen| {
            let size = g.shape.iter().product();
            let vals = values(g.seed, size, g.dtype.is_complex());
            let x = ok(make(&vals, &g.shape, g.dtype, g.view, &d), "input")?;
            let xr = ok(make(&vals, &g.shape, g.dtype, g.view, &Reference), "input")?;
            let axis = g.axis as isize - g.shape.len() as isize;
            let n = g.n.unwrap_or(g.shape[g.axis]).max(2) * 2;
            compare(
                fb(&x, g.n, axis, g.norm),
                fr(&xr, g.n, axis, g.norm),
                16.0 * log_n(n) * compute_eps(g.dtype),
                name,
            )
        });
    }
    nd(ctx, &complex_in, &real);
    identities(ctx, &complex, &real);
    lengths(ctx);
    dtypes(ctx);
    helpers(ctx);
    errors(ctx);
}

/// fftn, ifftn, rfftn, irfftn on random axes subsets and lengths, against the reference.
fn nd<B: Backend + FftOps>(ctx: &mut Ctx<'_, B>, complex_in: &[DType], real: &[DType]) {
    type Nd<X> =
        fn(&Array<X>, Option<&[usize]>, Option<&[isize]>, FftNorm) -> array_api::Result<Array<X>>;
    let cases: [(&str, Nd<B>, Nd<Reference>, bool); 4] = [
        ("fft.fftn", f::fftn::<B>, f::fftn::<Reference>, true),
        ("fft.ifftn", f::ifftn::<B>, f::ifftn::<Reference>, true),
        ("fft.rfftn", f::rfftn::<B>, f::rfftn::<Reference>, false),
        ("fft.irfftn", f::irfftn::<B>, f::irfftn::<Reference>, true),
    ];
    for (name, fb, fr, cplx) in cases {
        let d = ctx.device.clone();
        let dtypes = if cplx {
            complex_in.to_vec()
        } else {
            real.to_vec()
        };
        ctx.property(
            name,
            (gen(dtypes), 0u8..4, proptest::collection::vec(1usize..9, 3)),
            move |(g, mode, lens)| {
                let size = g.shape.iter().product();
                let vals = values(g.seed, size, g.dtype.is_complex());
                let x = ok(make(&vals, &g.shape, g.dtype, g.view, &d), "input")?;
                let xr = ok(make(&vals, &g.shape, g.dtype, g.view, &Reference), "input")?;
                let nd = g.shape.len();
                // mode 0: defaults; 1: axes only; 2: s only (last len(s) axes); 3: both.
                let axes: Vec<isize> = (g.axis..nd).rev().map(|a| a as isize).collect();
                let s: Vec<usize> = lens[..axes.len()].to_vec();
                let (sa, aa) = match mode {
                    0 => (None, None),
                    1 => (None, Some(&axes[..])),
                    2 => (Some(&s[..]), None),
                    _ => (Some(&s[..]), Some(&axes[..])),
                };
                compare(
                    fb(&x, sa, aa, g.norm),
                    fr(&xr, sa, aa, g.norm),
                    32.0 * log_n(64) * compute_eps(g.dtype),
                    name,
                )
            },
        );
    }
}

fn close_arrays<B: Backend>(a: &Array<B>, b: &Array<B>, tol: f64, what: &str) -> R<()> {
    if a.shape() != b.shape() {
        return Err(fail(format!(
            "{what}: shapes {:?} vs {:?}",
            a.shape(),
            b.shape()
        )));
    }
    near(&host(a)?, &host(b)?, tol, what)
}

/// Identities on the backend alone, on 1-D signals of generated length.
fn identities<B: Backend + FftOps>(ctx: &mut Ctx<'_, B>, complex: &[DType], real: &[DType]) {
    let floats: Vec<DType> = complex
        .iter()
        .chain(real)
        .copied()
        .filter(|d| d.is_floating())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let reals: Vec<DType> = floats
        .iter()
        .copied()
        .filter(|d| d.is_real_floating())
        .collect();
    let strat = |dts: Vec<DType>| {
        (
            proptest::sample::select(dts),
            1usize..70,
            proptest::sample::select(NORMS.to_vec()),
            any::<u64>(),
        )
    };
    let d = ctx.device.clone();
    ctx.property(
        "fft: ifft(fft(x)) = x",
        strat(floats.clone()),
        move |(dt, n, norm, seed)| {
            let x = ok(
                make(&values(seed, n, dt.is_complex()), &[n], dt, 0, &d),
                "x",
            )?;
            let y = ok(f::fft(&x, None, 0, norm), "fft")?;
            let back = ok(f::ifft(&y, None, 0, norm), "ifft")?;
            note_valid();
            close_arrays(&back, &x, 8.0 * log_n(n) * eps(dt), "ifft(fft(x))")
        },
    );
    let d = ctx.device.clone();
    ctx.property(
        "fft: Parseval",
        strat(floats.clone()),
        move |(dt, n, _, seed)| {
            let x = ok(
                make(&values(seed, n, dt.is_complex()), &[n], dt, 0, &d),
                "x",
            )?;
            let y = ok(f::fft(&x, None, 0, FftNorm::Ortho), "fft")?;
            let e = |a: &[C]| a.iter().map(|z| z.norm_sqr()).sum::<f64>();
            let (ex, ey) = (e(&host(&x)?), e(&host(&y)?));
            note_valid();
            if (ex - ey).abs() > 8.0 * log_n(n) * eps(dt) * (1.0 + ex) {
                return Err(fail(format!("Parseval: |x|^2 {ex} vs |fft(x)|^2 {ey}")));
            }
            Ok(())
        },
    );
    let d = ctx.device.clone();
    ctx.property(
        "fft: linearity",
        strat(floats.clone()),
        move |(dt, n, norm, seed)| {
            let c = dt.is_complex();
            let x = ok(make(&values(seed, n, c), &[n], dt, 0, &d), "x")?;
            let y = ok(make(&values(seed ^ 0x5555, n, c), &[n], dt, 0, &d), "y")?;
            let combo = ok(xp::subtract(&(&x * 2.0), &(&y * 0.5)), "2x - y/2")?;
            let lhs = ok(f::fft(&combo, None, 0, norm), "fft(2x - y/2)")?;
            let fx = ok(f::fft(&x, None, 0, norm), "fft(x)")?;
            let fy = ok(f::fft(&y, None, 0, norm), "fft(y)")?;
            let rhs = ok(
                xp::subtract(&(&fx * 2.0), &(&fy * 0.5)),
                "2 fft(x) - fft(y)/2",
            )?;
            note_valid();
            close_arrays(&lhs, &rhs, 16.0 * log_n(n) * eps(dt), "linearity")
        },
    );
    let d = ctx.device.clone();
    ctx.property(
        "rfft: Hermitian symmetry of real input",
        strat(reals.clone()),
        move |(dt, n, norm, seed)| {
            let x = ok(make(&values(seed, n, false), &[n], dt, 0, &d), "x")?;
            let full = host(&ok(f::fft(&x, None, 0, norm), "fft")?)?;
            let half = host(&ok(f::rfft(&x, None, 0, norm), "rfft")?)?;
            let tol = 8.0 * log_n(n) * eps(dt);
            near(&half, &full[..n / 2 + 1], tol, "rfft(x) vs fft(x)[..n/2+1]")?;
            let mirrored: Vec<C> = (0..n).map(|k| full[(n - k) % n].conj()).collect();
            note_valid();
            near(&mirrored, &full, tol, "fft(x)[n-k] vs conj(fft(x)[k])")
        },
    );
    let d = ctx.device.clone();
    ctx.property(
        "irfft: irfft(rfft(x), n) = x",
        strat(reals.clone()),
        move |(dt, n, norm, seed)| {
            let x = ok(make(&values(seed, n, false), &[n], dt, 0, &d), "x")?;
            let y = ok(f::rfft(&x, None, 0, norm), "rfft")?;
            let back = ok(f::irfft(&y, Some(n), 0, norm), "irfft")?;
            if back.dtype() != x.dtype() {
                return Err(fail(format!(
                    "irfft gave {} for {}",
                    back.dtype(),
                    x.dtype()
                )));
            }
            note_valid();
            close_arrays(&back, &x, 8.0 * log_n(n) * eps(dt), "irfft(rfft(x), n)")
        },
    );
    let d = ctx.device.clone();
    ctx.property(
        "hfft: hfft(ihfft(x), n) = x",
        strat(reals),
        move |(dt, n, norm, seed)| {
            let x = ok(make(&values(seed, n, false), &[n], dt, 0, &d), "x")?;
            let y = ok(f::ihfft(&x, None, 0, norm), "ihfft")?;
            let back = ok(f::hfft(&y, Some(n), 0, norm), "hfft")?;
            note_valid();
            close_arrays(&back, &x, 8.0 * log_n(n) * eps(dt), "hfft(ihfft(x), n)")
        },
    );
    let d = ctx.device.clone();
    ctx.property(
        "fftn: fftn(x) = fft over each axis",
        (
            proptest::sample::select(floats),
            1usize..7,
            1usize..7,
            any::<u64>(),
        ),
        move |(dt, r, c, seed)| {
            let x = ok(
                make(&values(seed, r * c, dt.is_complex()), &[r, c], dt, 1, &d),
                "x",
            )?;
            let y = ok(f::fftn(&x, None, None, FftNorm::Backward), "fftn")?;
            let a = ok(f::fft(&x, None, 0, FftNorm::Backward), "fft axis 0")?;
            let b = ok(f::fft(&a, None, 1, FftNorm::Backward), "fft axis 1")?;
            note_valid();
            close_arrays(&y, &b, 16.0 * log_n(r * c) * eps(dt), "fftn vs two ffts")
        },
    );
}

/// Prime and larger lengths (Rader, Bluestein, mixed radix) against the reference, with
/// tolerances scaled by `log2 n`.
fn lengths<B: Backend + FftOps>(ctx: &mut Ctx<'_, B>) {
    let dtypes = ctx.supported_of(&[DType::Complex128, DType::Complex64, DType::Float64]);
    for n in [
        2usize, 3, 7, 11, 13, 17, 31, 97, 101, 127, 257, 1009, 1024, 1536, 2310,
    ] {
        for &dt in &dtypes {
            let vals = values(n as u64 * 31 + 7, n, dt.is_complex());
            let run = || -> Result<(), String> {
                let x = make(&vals, &[n], dt, 0, ctx.device).map_err(|e| e.to_string())?;
                let xr = make(&vals, &[n], dt, 0, &Reference).map_err(|e| e.to_string())?;
                let tol = 8.0 * log_n(n) * eps(dt);
                let r1 = compare(
                    f::fft(&x, None, 0, FftNorm::Backward),
                    f::fft(&xr, None, 0, FftNorm::Backward),
                    tol,
                    "fft",
                );
                let r2 = compare(
                    f::rfft(
                        &xp::real(&x).map_err(|e| e.to_string())?,
                        None,
                        0,
                        FftNorm::Ortho,
                    ),
                    f::rfft(
                        &xp::real(&xr).map_err(|e| e.to_string())?,
                        None,
                        0,
                        FftNorm::Ortho,
                    ),
                    tol,
                    "rfft",
                );
                let r3 = compare(
                    f::irfft(&x, Some(n), 0, FftNorm::Backward),
                    f::irfft(&xr, Some(n), 0, FftNorm::Backward),
                    tol,
                    "irfft",
                );
                for r in [r1, r2, r3] {
                    r.map_err(|e| e.to_string())?;
                }
                Ok(())
            };
            let outcome = run();
            ctx.fixed("fft: prime and large lengths", (n, dt), outcome);
        }
    }
}

/// Result dtypes: precision kept, integers and bool promoted.
fn dtypes<B: Backend + FftOps>(ctx: &mut Ctx<'_, B>) {
    use DType::{Bool, Complex128, Complex64, Float32, Float64, Int8, UInt64};
    let table: [(DType, DType, DType, DType); 7] = [
        // (input, fft, rfft (real input) or irfft (complex input), irfft)
        (Float32, Complex64, Complex64, Float32),
        (Float64, Complex128, Complex128, Float64),
        (Complex64, Complex64, Float32, Float32),
        (Complex128, Complex128, Float64, Float64),
        (Int8, Complex128, Complex128, Float64),
        (UInt64, Complex128, Complex128, Float64),
        (Bool, Complex128, Complex128, Float64),
    ];
    for (din, dfft, dhalf, dirfft) in table {
        if !ctx.supports(din) || !ctx.supports(dfft) {
            continue;
        }
        let check = || -> Result<(), String> {
            let x = make(&values(3, 6, din.is_complex()), &[6], din, 0, ctx.device)
                .map_err(|e| e.to_string())?;
            let got =
                |r: array_api::Result<Array<B>>| r.map(|a| a.dtype()).map_err(|e| e.to_string());
            let fft_d = got(f::fft(&x, None, -1, FftNorm::Backward))?;
            let ifftn_d = got(f::ifftn(&x, None, None, FftNorm::Backward))?;
            let half_d = if din.is_complex() {
                got(f::irfft(&x, None, -1, FftNorm::Backward))?
            } else {
                got(f::rfft(&x, None, -1, FftNorm::Backward))?
            };
            let irfft_d = got(f::irfft(&x, None, -1, FftNorm::Backward))?;
            let hfft_d = got(f::hfft(&x, None, -1, FftNorm::Backward))?;
            let want = (dfft, dfft, dhalf, dirfft, dirfft);
            let have = (fft_d, ifftn_d, half_d, irfft_d, hfft_d);
            if want == have {
                Ok(())
            } else {
                Err(format!(
                    "{din}: (fft, ifftn, rfft|irfft, irfft, hfft) gave {have:?}, want {want:?}"
                ))
            }
        };
        let outcome = check();
        ctx.fixed("fft: result dtypes", din, outcome);
    }
    if ctx.supports(Complex64) {
        let x = make(&values(5, 4, true), &[4], Complex64, 0, ctx.device);
        let outcome = match x.map(|x| f::rfft(&x, None, -1, FftNorm::Backward)) {
            Ok(Err(Error::InvalidDType { .. })) => Ok(()),
            other => Err(format!(
                "rfft of complex64: {:?}",
                other.map(|r| r.map(|a| a.dtype()))
            )),
        };
        ctx.fixed("fft: result dtypes", "rfft(complex64)", outcome);
    }
}

/// fftfreq and rfftfreq against their formula, fftshift/ifftshift against the reference
/// and each other.
fn helpers<B: Backend + FftOps>(ctx: &mut Ctx<'_, B>) {
    for (n, dspacing) in [(1usize, 1.0), (2, 0.1), (5, 0.5), (8, 2.0), (9, 1.0 / 3.0)] {
        let outcome = (|| -> Result<(), String> {
            let fq = f::fftfreq(n, dspacing, None, ctx.device).map_err(|e| e.to_string())?;
            let rq = f::rfftfreq(n, dspacing, Some(DType::Float32), ctx.device)
                .map_err(|e| e.to_string())?;
            let val = 1.0 / (n as f64 * dspacing);
            let want: Vec<f64> = (0..n)
                .map(|i| {
                    let k = if i < n.div_ceil(2) {
                        i as f64
                    } else {
                        i as f64 - n as f64
                    };
                    k * val
                })
                .collect();
            let rwant: Vec<f32> = (0..n / 2 + 1).map(|i| (i as f64 * val) as f32).collect();
            let got = fq.to_vec::<f64>().map_err(|e| e.to_string())?;
            let rgot = rq.to_vec::<f32>().map_err(|e| e.to_string())?;
            if got != want || rgot != rwant || rq.dtype() != DType::Float32 {
                return Err(format!(
                    "fftfreq {got:?} want {want:?}; rfftfreq {rgot:?} want {rwant:?}"
                ));
            }
            Ok(())
        })();
        ctx.fixed("fft.fftfreq", (n, dspacing), outcome);
    }
    let d = ctx.device.clone();
    ctx.property(
        "fft.fftshift",
        (
            proptest::collection::vec(0usize..6, 0..=3),
            0u8..3,
            any::<u64>(),
            any::<bool>(),
        ),
        move |(shape, view, seed, all)| {
            let size = shape.iter().product();
            let vals = values(seed, size, false);
            let x = ok(make(&vals, &shape, DType::Int32, view, &d), "x")?;
            let xr = ok(make(&vals, &shape, DType::Int32, view, &Reference), "x")?;
            let axes: Vec<isize> = (0..shape.len() as isize).filter(|a| a % 2 == 0).collect();
            let ax = if all { None } else { Some(&axes[..]) };
            compare(f::fftshift(&x, ax), f::fftshift(&xr, ax), 0.0, "fftshift")?;
            compare(
                f::ifftshift(&x, ax),
                f::ifftshift(&xr, ax),
                0.0,
                "ifftshift",
            )?;
            let back = ok(
                f::ifftshift(&ok(f::fftshift(&x, ax), "fftshift")?, ax),
                "ifftshift",
            )?;
            close_arrays(&back, &x, 0.0, "ifftshift(fftshift(x))")
        },
    );
}

/// Bad input is an `Err` of the right kind, never a panic.
fn errors<B: Backend + FftOps>(ctx: &mut Ctx<'_, B>) {
    if !ctx.supports(DType::Float64) {
        return;
    }
    let dev = ctx.device.clone();
    let mk = |shape: &[usize]| {
        make(
            &values(1, shape.iter().product(), false),
            shape,
            DType::Float64,
            0,
            &dev,
        )
    };
    let (Ok(zero_d), Ok(v), Ok(m), Ok(one)) = (mk(&[]), mk(&[4]), mk(&[2, 3]), mk(&[1])) else {
        ctx.fixed("fft: errors", "inputs", Err("could not make inputs".into()));
        return;
    };
    let empty = xp::zeros([0], DType::Float64, &dev).ok();
    let is_axis = |r: array_api::Result<Array<B>>| matches!(r, Err(Error::AxisOutOfBounds { .. }));
    let is_invalid =
        |r: array_api::Result<Array<B>>| matches!(r, Err(Error::InvalidArgument { .. }));
    let bk = FftNorm::Backward;
    let cases: Vec<(&str, bool)> = vec![
        (
            "fft of a 0-d array",
            is_invalid(f::fft(&zero_d, None, -1, bk)),
        ),
        (
            "rfftn of a 0-d array",
            is_invalid(f::rfftn(&zero_d, None, None, bk)),
        ),
        (
            "ifftn of a 0-d array",
            is_invalid(f::ifftn(&zero_d, None, None, bk)),
        ),
        (
            "fft of an empty axis",
            empty
                .as_ref()
                .is_some_and(|e| is_invalid(f::fft(e, None, 0, bk))),
        ),
        ("fft with n = 0", is_invalid(f::fft(&v, Some(0), 0, bk))),
        (
            "irfft of one point (n = 0)",
            is_invalid(f::irfft(&one, None, 0, bk)),
        ),
        ("hfft with n = 0", is_invalid(f::hfft(&v, Some(0), 0, bk))),
        ("fft axis 1 of 1-d", is_axis(f::fft(&v, None, 1, bk))),
        ("ihfft axis -2 of 1-d", is_axis(f::ihfft(&v, None, -2, bk))),
        (
            "fftn axes out of range",
            is_axis(f::fftn(&m, None, Some(&[0, 2]), bk)),
        ),
        (
            "fftn s and axes lengths differ",
            is_invalid(f::fftn(&m, Some(&[2]), Some(&[0, 1]), bk)),
        ),
        (
            "fftn s longer than ndim",
            is_invalid(f::fftn(&v, Some(&[2, 2]), None, bk)),
        ),
        (
            "rfftn with no axes",
            is_invalid(f::rfftn(&m, None, Some(&[]), bk)),
        ),
        (
            "irfftn with s = 0",
            is_invalid(f::irfftn(&m, Some(&[0]), Some(&[1]), bk)),
        ),
        (
            "fftshift axis out of range",
            is_axis(f::fftshift(&m, Some(&[2]))),
        ),
        (
            "fftfreq n = 0",
            matches!(
                f::fftfreq(0, 1.0, None, &dev),
                Err(Error::InvalidArgument { .. })
            ),
        ),
        (
            "fftfreq d = 0",
            matches!(
                f::fftfreq(4, 0.0, None, &dev),
                Err(Error::InvalidArgument { .. })
            ),
        ),
        (
            "rfftfreq int dtype",
            matches!(
                f::rfftfreq(4, 1.0, Some(DType::Int32), &dev),
                Err(Error::InvalidDType { .. })
            ),
        ),
    ];
    for (what, passed) in cases {
        ctx.fixed(
            "fft: errors",
            what,
            if passed {
                Ok(())
            } else {
                Err(format!("{what}: not the expected error"))
            },
        );
    }
    // Empty other axes are fine: shape (0, 5) transforms to (0, 5) and (0, 3).
    let outcome = (|| -> Result<(), String> {
        let e = xp::zeros([0, 5], DType::Float64, &dev).map_err(|e| e.to_string())?;
        let a = f::fft(&e, None, -1, bk).map_err(|e| e.to_string())?;
        let b = f::rfft(&e, None, -1, bk).map_err(|e| e.to_string())?;
        let c = f::fftn(&e, None, Some(&[1]), bk).map_err(|e| e.to_string())?;
        if a.shape() == [0, 5] && b.shape() == [0, 3] && c.shape() == [0, 5] {
            Ok(())
        } else {
            Err(format!(
                "shapes {:?} {:?} {:?}",
                a.shape(),
                b.shape(),
                c.shape()
            ))
        }
    })();
    ctx.fixed("fft: errors", "empty other axes", outcome);
}
