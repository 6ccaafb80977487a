//! `einsum` against a direct host evaluation of the Einstein sum: random subscripts over
//! up to three operands (repeated labels, summed labels, explicit and implicit output,
//! `...` broadcasting, length-0 and length-1 axes, transposed operands), every numeric
//! dtype, compared with the sum over every assignment of the labels.

use super::Ctx;
use array_api::{self as xp, Array, Backend, Complex64 as C, DType, HostData, LinalgOps};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// A generated einsum: label lengths, operand terms (indices into the labels), the
/// explicit output (or implicit), the dtype, a leading `...` of this many broadcast
/// dimensions on every operand, a value seed and whether operands are transposed views.
#[derive(Clone, Debug)]
pub struct Gen {
    lens: Vec<usize>,
    terms: Vec<Vec<usize>>,
    output: Option<Vec<usize>>,
    dtype: DType,
    ellipsis: Vec<usize>,
    seed: u64,
    transposed: bool,
}

const LETTERS: &[u8] = b"abcdE";

fn gen(dtypes: Vec<DType>) -> BoxedStrategy<Gen> {
    let lens = proptest::collection::vec(
        prop_oneof![1 => Just(0usize), 1 => Just(1usize), 6 => 2usize..5],
        5,
    );
    let term = proptest::collection::vec(0usize..5, 0..4);
    (
        lens,
        proptest::collection::vec(term, 1..4),
        any::<Option<Vec<usize>>>()
            .prop_map(|o| o.map(|v| v.into_iter().map(|i| i % 5).collect::<Vec<usize>>())),
        proptest::sample::select(dtypes),
        prop_oneof![3 => Just(vec![]), 1 => proptest::collection::vec(1usize..3, 1..3)],
        any::<u64>(),
        any::<bool>(),
    )
        .prop_map(|(lens, terms, output, dtype, ellipsis, seed, transposed)| {
            // An explicit output: distinct labels that appear in the terms.
            let output = output.map(|o| {
                let mut v: Vec<usize> = Vec::new();
                for l in o {
                    if terms.iter().flatten().any(|&t| t == l) && !v.contains(&l) {
                        v.push(l);
                    }
                }
                v
            });
            Gen {
                lens,
                terms,
                output,
                dtype,
                ellipsis,
                seed,
                transposed,
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

fn fail(m: impl Into<String>) -> TestCaseError {
    TestCaseError::fail(m.into())
}

impl Gen {
    fn subscripts(&self) -> String {
        let ell = if self.ellipsis.is_empty() { "" } else { "..." };
        let term = |t: &[usize]| -> String { t.iter().map(|&i| LETTERS[i] as char).collect() };
        let ins: Vec<String> = self
            .terms
            .iter()
            .map(|t| format!("{ell}{}", term(t)))
            .collect();
        match &self.output {
            Some(o) => format!("{}->{ell}{}", ins.join(","), term(o)),
            None => ins.join(","),
        }
    }

    /// The output labels: explicit, or the once-appearing ones in letter order.
    fn out_labels(&self) -> Vec<usize> {
        match &self.output {
            Some(o) => o.clone(),
            None => {
                let mut v: Vec<usize> = (0..5)
                    .filter(|&l| self.terms.iter().flatten().filter(|&&t| t == l).count() == 1)
                    .collect();
                v.sort_by_key(|&l| LETTERS[l]);
                v
            }
        }
    }

    fn shape(&self, t: &[usize]) -> Vec<usize> {
        self.ellipsis
            .iter()
            .copied()
            .chain(t.iter().map(|&l| self.lens[l]))
            .collect()
    }

    /// Operand values (small integers for integer dtypes, so that sums are exact).
    fn values(&self, k: usize) -> Vec<C> {
        let mut st = self.seed.wrapping_add(k as u64 * 977) | 1;
        let n: usize = self.shape(&self.terms[k]).iter().product();
        (0..n)
            .map(|_| {
                if self.dtype.is_integer() {
                    C::new((lcg(&mut st) * 3.0).round(), 0.0)
                } else if self.dtype.is_complex() {
                    C::new(lcg(&mut st), lcg(&mut st))
                } else {
                    C::new(lcg(&mut st), 0.0)
                }
            })
            .collect()
    }

    /// The Einstein sum evaluated directly: every assignment of the broadcast dimensions
    /// and labels, the product of the operands' entries added to the output entry.
    fn expected(&self, vals: &[Vec<C>]) -> (Vec<usize>, Vec<C>) {
        let out = self.out_labels();
        let ne = self.ellipsis.len();
        let mut out_shape = self.ellipsis.clone();
        out_shape.extend(out.iter().map(|&l| self.lens[l]));
        let mut res = vec![C::new(0.0, 0.0); out_shape.iter().product()];
        // Odometer over (ellipsis dims, 5 labels).
        // Labels no term uses take one value (they do not multiply the sum).
        let mut dims = self.ellipsis.clone();
        dims.extend((0..self.lens.len()).map(|l| {
            if self.terms.iter().flatten().any(|&t| t == l) {
                self.lens[l]
            } else {
                1
            }
        }));
        if dims.contains(&0) {
            return (out_shape, res);
        }
        let mut idx = vec![0usize; dims.len()];
        loop {
            let flat = |labels: &[usize], shape: &[usize]| -> usize {
                let mut f = 0;
                for (p, &s) in shape.iter().enumerate() {
                    let i = if p < ne {
                        idx[p]
                    } else {
                        idx[ne + labels[p - ne]]
                    };
                    f = f * s + i;
                }
                f
            };
            let mut prod = C::new(1.0, 0.0);
            for (k, t) in self.terms.iter().enumerate() {
                prod *= vals[k][flat(t, &self.shape(t))];
            }
            res[flat(&out, &out_shape)] += prod;
            let mut p = dims.len();
            loop {
                if p == 0 {
                    return (out_shape, res);
                }
                p -= 1;
                idx[p] += 1;
                if idx[p] < dims[p] {
                    break;
                }
                idx[p] = 0;
            }
        }
    }
}

fn operand<B: Backend>(g: &Gen, k: usize, vals: &[C], dev: &B) -> array_api::Result<Array<B>> {
    let shape = g.shape(&g.terms[k]);
    let a = Array::from_host(HostData::Complex128(vals.to_vec()), &shape, dev)?;
    let a = xp::astype(&a, g.dtype)?;
    if g.transposed && shape.len() >= 2 {
        // The same values through a transposed view of a transposed copy.
        let t = xp::matrix_transpose(&a)?.copy()?;
        xp::matrix_transpose(&t)
    } else {
        Ok(a)
    }
}

/// Runs the einsum properties.
pub(crate) fn run<B: Backend + LinalgOps>(ctx: &mut Ctx<'_, B>) {
    let dev = ctx.device.clone();
    let dtypes = ctx.supported_of(&[
        DType::Int32,
        DType::Int64,
        DType::Float32,
        DType::Float64,
        DType::Complex64,
        DType::Complex128,
    ]);
    ctx.property("einsum", gen(dtypes), move |g| {
        let subs = g.subscripts();
        let vals: Vec<Vec<C>> = (0..g.terms.len()).map(|k| g.values(k)).collect();
        let ops: Vec<Array<B>> = (0..g.terms.len())
            .map(|k| operand(&g, k, &vals[k], &dev))
            .collect::<array_api::Result<_>>()
            .map_err(|e| fail(format!("operands: {e}")))?;
        let refs: Vec<&Array<B>> = ops.iter().collect();
        let got = xp::einsum(&subs, &refs).map_err(|e| fail(format!("{subs}: {e}")))?;
        let (shape, want) = g.expected(&vals);
        if got.shape() != shape.as_slice() || got.dtype() != g.dtype {
            return Err(fail(format!(
                "{subs}: shape {:?} {} , expected {shape:?} {}",
                got.shape(),
                got.dtype(),
                g.dtype
            )));
        }
        let host = xp::astype(&got, DType::Complex128)
            .and_then(|c| c.to_vec::<C>())
            .map_err(|e| fail(format!("reading: {e}")))?;
        let eps = if g.dtype.real_dtype() == DType::Float32 {
            f32::EPSILON as f64
        } else {
            f64::EPSILON
        };
        let terms: usize = g.lens.iter().product::<usize>().max(1);
        let scale = 1.0 + want.iter().map(|z| z.norm()).fold(0.0, f64::max);
        let tol = if g.dtype.is_integer() {
            0.0
        } else {
            8.0 * terms as f64 * eps * scale
        };
        for (i, (a, b)) in host.iter().zip(&want).enumerate() {
            if (a - b).norm() > tol {
                return Err(fail(format!(
                    "{subs}: element {i}: {a} vs {b} (tol {tol:e})"
                )));
            }
        }
        Ok(())
    });
    // Errors name the problem rather than panicking.
    let d = ctx.device.clone();
    ctx.fixed("einsum errors", "bad subscripts", {
        let a = xp::ones([2, 3], DType::Float64, &d).map_err(|e| e.to_string());
        a.and_then(|a| {
            let bad = [
                ("ij,jk->ik", "'j'"),
                ("ij->iij", "more than once"),
                ("ij->k", "'k'"),
                ("ii", "'i'"),
                ("i", "dimension"),
                ("i$j", "'$'"),
                ("...->", "'...'"),
            ];
            for (s, needle) in bad {
                let ops: Vec<&Array<B>> = if s.starts_with("ij,") {
                    vec![&a, &a]
                } else {
                    vec![&a]
                };
                match xp::einsum(s, &ops) {
                    Ok(r) => return Err(format!("{s}: no error, got shape {:?}", r.shape())),
                    Err(e) if e.to_string().contains(needle) => {}
                    Err(e) => return Err(format!("{s}: error {e} does not mention {needle}")),
                }
            }
            Ok(())
        })
    });
}
