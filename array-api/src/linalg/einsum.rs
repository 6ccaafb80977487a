//! NumPy's `einsum`: Einstein summation over labelled axes.
//!
//! The subscripts are parsed into labels ([`parse`]); repeated labels within an operand
//! become diagonal views, labels of one operand that appear nowhere else are summed
//! first, and the operands are then contracted two at a time in a greedy order (the pair
//! whose result is smallest relative to its inputs, pairs sharing a label first), each
//! pairwise contraction being one batched [`matmul`](super::matmul) of the operands
//! viewed as `(batch, M, K) x (batch, K, N)` (or a broadcast multiply when nothing is
//! summed).

mod parse;

use super::common::{cast_to, matmul_nd, reduce_last};
use super::kernels::{LinalgOps, VectorReduction};
use crate::array::same_device;
use crate::shape::fmt_shape;
use crate::{result_type, Array, Backend, DTypeOrScalar, Error, Layout, Result};
use parse::{name, Label};

const OP: &str = "einsum";

/// An operand during the contraction: an array and one distinct label per axis.
struct Term<B: Backend> {
    x: Array<B>,
    labels: Vec<Label>,
}

impl<B: Backend> Term<B> {
    fn size(&self) -> u128 {
        self.x.shape().iter().map(|&d| d as u128).product()
    }
}

/// Einstein summation over the operands' labelled axes, with NumPy's subscript syntax.
///
/// `subscripts` names each operand's axes with letters (`a-z`, `A-Z`), operands separated
/// by commas, optionally followed by `->` and the result's labels. A label shared by
/// several operands multiplies along that axis; a label absent from the result is summed;
/// a label repeated within one operand takes the diagonal. Without `->`, the result has
/// the labels that appear exactly once, in character order (upper case before lower
/// case). `...` stands for leading (or any contiguous run of) dimensions, which
/// broadcast across operands and come first in an implicit result. A dimension of length
/// 1 broadcasts against the same label's length in other operands.
///
/// Operands promote to one numeric dtype, which the result keeps (integers wrap); bool
/// operands are an error. With more than two operands the contraction order is chosen
/// greedily to keep intermediates small; each pairwise step is a batched matmul. With
/// one operand and nothing to sum the result is a view (`"ij->ji"`, `"ii->i"`).
///
/// ```
/// use xp::prelude::*;
/// let a = xp::reshape(&xp::arange(0.0, 6.0, 1.0, None, &Cpu)?, [2, 3], None)?;
/// let b = xp::ones([3, 2], DType::Float64, &Cpu)?;
/// // Matrix product, trace, transpose, sum over an axis.
/// assert_eq!(xp::einsum("ij,jk->ik", &[&a, &b])?.to_vec::<f64>()?, vec![3.0, 3.0, 12.0, 12.0]);
/// let sq = xp::reshape(&xp::arange(0.0, 4.0, 1.0, None, &Cpu)?, [2, 2], None)?;
/// assert_eq!(xp::einsum("ii", &[&sq])?.to_scalar::<f64>()?, 3.0);
/// assert_eq!(xp::einsum("ii->i", &[&sq])?.to_vec::<f64>()?, vec![0.0, 3.0]);
/// assert_eq!(xp::einsum("ji", &[&a])?.shape(), &[3, 2]);
/// assert_eq!(xp::einsum("ij->i", &[&a])?.to_vec::<f64>()?, vec![3.0, 12.0]);
/// // Batched products over `...`, an outer product, a chain of three operands.
/// let s = xp::ones([5, 2, 3], DType::Float64, &Cpu)?;
/// assert_eq!(xp::einsum("...ij,...jk", &[&s, &b])?.shape(), &[5, 2, 2]);
/// let v = xp::asarray([1.0, 2.0], None, &Cpu)?;
/// assert_eq!(xp::einsum("i,j", &[&v, &v])?.to_vec::<f64>()?, vec![1.0, 2.0, 2.0, 4.0]);
/// assert_eq!(xp::einsum("i,ij,j->", &[&v, &a.get(&xp::s![.., 0..2])?, &v])?.to_scalar::<f64>()?, 24.0);
/// // Errors name the problem.
/// let e = xp::einsum("ij,jk->ik", &[&a, &a]).unwrap_err();
/// assert!(e.to_string().contains("'j'"));
/// # Ok::<(), xp::Error>(())
/// ```
pub fn einsum<B: Backend + LinalgOps>(
    subscripts: &str,
    operands: &[&Array<B>],
) -> Result<Array<B>> {
    let Some(first) = operands.first() else {
        return Err(Error::invalid(OP, "needs at least one operand"));
    };
    for x in &operands[1..] {
        same_device(first, x, OP)?;
    }
    let ndims: Vec<usize> = operands.iter().map(|x| x.ndim()).collect();
    let spec = parse::parse(subscripts, &ndims)?;
    let dts: Vec<DTypeOrScalar> = operands
        .iter()
        .map(|x| DTypeOrScalar::DType(x.dtype))
        .collect();
    let d = result_type(&dts).map_err(|e| match e {
        Error::NoPromotion { a, b, .. } => Error::NoPromotion { op: OP, a, b },
        e => e,
    })?;
    if !d.is_numeric() {
        return Err(Error::InvalidDType {
            op: OP,
            dtype: d,
            expected: "numeric operands",
        });
    }
    // The length of every label: equal across operands, or 1 (which broadcasts).
    let mut len: Vec<(Label, usize)> = Vec::new();
    for (i, (x, labels)) in operands.iter().zip(&spec.inputs).enumerate() {
        for (ax, &l) in labels.iter().enumerate() {
            let n = x.shape()[ax];
            match len.iter_mut().find(|(k, _)| *k == l) {
                Some((_, m)) if *m == n || n == 1 => {}
                Some((_, m)) if *m == 1 => *m = n,
                Some((_, m)) => {
                    return Err(Error::invalid(
                        OP,
                        format!(
                            "subscript '{}' has length {m} in one operand and {n} in \
                             operand {i} (shape {}); lengths must agree or be 1",
                            name(l),
                            fmt_shape(x.shape())
                        ),
                    ))
                }
                None => len.push((l, n)),
            }
        }
    }
    let length = |l: Label| len.iter().find(|(k, _)| *k == l).map_or(1, |&(_, n)| n);
    let mut terms = Vec::with_capacity(operands.len());
    for (i, (x, labels)) in operands.iter().zip(&spec.inputs).enumerate() {
        let x = cast_to(x, d, OP)?;
        let t = diagonal_view(x, labels, i)?;
        // Broadcast length-1 axes to their label's length (stride 0, no copy).
        let shape: Vec<usize> = t.labels.iter().map(|&l| length(l)).collect();
        let strides: Vec<isize> =
            t.x.layout
                .strides()
                .iter()
                .zip(t.x.shape().iter().zip(&shape))
                .map(|(&s, (&have, &want))| if have == want { s } else { 0 })
                .collect();
        let l = Layout::new(shape, strides, t.x.layout.offset());
        terms.push(Term {
            x: t.x.with_layout(l),
            labels: t.labels,
        });
    }
    // Sum the labels each operand alone has.
    let keeps: Vec<Vec<Label>> = (0..terms.len())
        .map(|i| kept_labels(&terms, &[i], &spec.output))
        .collect();
    let mut terms = terms
        .into_iter()
        .zip(&keeps)
        .map(|(t, keep)| sum_private(t, keep))
        .collect::<Result<Vec<_>>>()?;
    while terms.len() > 1 {
        let (i, j) = pick_pair(&terms, &spec.output);
        let keep = kept_labels(&terms, &[i, j], &spec.output);
        let b = terms.remove(j);
        let a = terms.remove(i);
        terms.push(contract(a, b, &keep)?);
    }
    let t = terms.pop().expect("one term is left");
    let order: Vec<usize> = spec
        .output
        .iter()
        .map(|l| {
            t.labels
                .iter()
                .position(|k| k == l)
                .expect("output labels are kept")
        })
        .collect();
    Ok(t.x.with_layout(t.x.layout.permute(&order)))
}

/// The labels that must survive a step on the terms `used`: those of the output and of
/// every other term.
fn kept_labels<B: Backend>(terms: &[Term<B>], used: &[usize], output: &[Label]) -> Vec<Label> {
    let mut keep = output.to_vec();
    for (i, t) in terms.iter().enumerate() {
        if !used.contains(&i) {
            keep.extend(&t.labels);
        }
    }
    keep
}

/// The view of operand `i` with one axis per distinct label: a repeated label takes the
/// diagonal (the axes merge into one whose stride is the sum of theirs).
fn diagonal_view<B: Backend>(x: Array<B>, labels: &[Label], i: usize) -> Result<Term<B>> {
    let mut out: Vec<Label> = Vec::new();
    let mut shape: Vec<usize> = Vec::new();
    let mut strides: Vec<isize> = Vec::new();
    for (ax, &l) in labels.iter().enumerate() {
        let (n, s) = (x.shape()[ax], x.layout.strides()[ax]);
        match out.iter().position(|&k| k == l) {
            Some(p) => {
                if shape[p] != n {
                    return Err(Error::invalid(
                        OP,
                        format!(
                            "subscript '{}' is repeated in operand {i} (shape {}) over axes \
                             of different lengths ({} and {n})",
                            name(l),
                            fmt_shape(x.shape()),
                            shape[p]
                        ),
                    ));
                }
                strides[p] += s;
            }
            None => {
                out.push(l);
                shape.push(n);
                strides.push(s);
            }
        }
    }
    let l = Layout::new(shape, strides, x.layout.offset());
    Ok(Term {
        x: x.with_layout(l),
        labels: out,
    })
}

/// Sums the axes of `t` whose labels are not in `keep`.
fn sum_private<B: Backend + LinalgOps>(t: Term<B>, keep: &[Label]) -> Result<Term<B>> {
    let (kept, summed): (Vec<usize>, Vec<usize>) =
        (0..t.labels.len()).partition(|&a| keep.contains(&t.labels[a]));
    if summed.is_empty() {
        return Ok(t);
    }
    let order: Vec<usize> = kept.iter().chain(&summed).copied().collect();
    let x = t.x.with_layout(t.x.layout.permute(&order));
    let shape: Vec<isize> = kept
        .iter()
        .map(|&a| t.x.shape()[a] as isize)
        .chain([summed.iter().map(|&a| t.x.shape()[a] as isize).product()])
        .collect();
    let x = crate::reshape(&x, shape, None)?;
    Ok(Term {
        x: reduce_last(VectorReduction::Sum, &x)?,
        labels: kept.iter().map(|&a| t.labels[a]).collect(),
    })
}

/// The next pair to contract: among pairs sharing a label (any pair when none do), the
/// one whose result is smallest relative to its inputs (NumPy's greedy rule: least
/// `size(result) - size(a) - size(b)`), then the smallest result.
fn pick_pair<B: Backend>(terms: &[Term<B>], output: &[Label]) -> (usize, usize) {
    let mut best: Option<(bool, i128, u128, usize, usize)> = None;
    for i in 0..terms.len() {
        for j in i + 1..terms.len() {
            let (a, b) = (&terms[i], &terms[j]);
            let keep = kept_labels(terms, &[i, j], output);
            let shares = a.labels.iter().any(|l| b.labels.contains(l));
            let mut size: u128 = 1;
            let mut seen: Vec<Label> = Vec::new();
            for (t, l) in a
                .labels
                .iter()
                .map(|l| (a, l))
                .chain(b.labels.iter().map(|l| (b, l)))
            {
                if keep.contains(l) && !seen.contains(l) {
                    seen.push(*l);
                    let ax = t.labels.iter().position(|k| k == l).expect("own label");
                    size = size.saturating_mul(t.x.shape()[ax] as u128);
                }
            }
            let gain = size as i128 - a.size() as i128 - b.size() as i128;
            let key = (!shares, gain, size, i, j);
            if best.is_none_or(|k| key < k) {
                best = Some(key);
            }
        }
    }
    let (_, _, _, i, j) = best.expect("at least two terms");
    (i, j)
}

/// Contracts two terms (their private labels already summed) over the labels they share
/// that are not in `keep`: `(batch, M, K) x (batch, K, N)` as one batched matmul, or a
/// broadcast multiply when nothing is summed.
fn contract<B: Backend + LinalgOps>(a: Term<B>, b: Term<B>, keep: &[Label]) -> Result<Term<B>> {
    let in_b = |l: &Label| b.labels.contains(l);
    let in_a = |l: &Label| a.labels.contains(l);
    let batch: Vec<Label> = a
        .labels
        .iter()
        .copied()
        .filter(|l| in_b(l) && keep.contains(l))
        .collect();
    let summed: Vec<Label> = a
        .labels
        .iter()
        .copied()
        .filter(|l| in_b(l) && !keep.contains(l))
        .collect();
    let m: Vec<Label> = a.labels.iter().copied().filter(|l| !in_b(l)).collect();
    let n: Vec<Label> = b.labels.iter().copied().filter(|l| !in_a(l)).collect();
    let ax = |t: &Term<B>, ls: &[Label]| -> Vec<usize> {
        ls.iter()
            .map(|l| t.labels.iter().position(|k| k == l).expect("own label"))
            .collect()
    };
    let dims = |t: &Term<B>, ls: &[Label]| -> Vec<usize> {
        ax(t, ls).iter().map(|&i| t.x.shape()[i]).collect()
    };
    let (bd, md, kd, nd) = (
        dims(&a, &batch),
        dims(&a, &m),
        dims(&a, &summed),
        dims(&b, &n),
    );
    let labels: Vec<Label> = batch.iter().chain(&m).chain(&n).copied().collect();
    let out_shape: Vec<usize> = bd.iter().chain(&md).chain(&nd).copied().collect();
    if summed.is_empty() {
        // An outer product over m and n, elementwise over the batch.
        let oa: Vec<usize> = ax(&a, &batch).into_iter().chain(ax(&a, &m)).collect();
        let mut la = a.x.layout.permute(&oa);
        for _ in 0..n.len() {
            la = la.insert_axis(la.ndim());
        }
        let ob: Vec<usize> = ax(&b, &batch).into_iter().chain(ax(&b, &n)).collect();
        let mut lb = b.x.layout.permute(&ob);
        for _ in 0..m.len() {
            lb = lb.insert_axis(batch.len());
        }
        let x = crate::multiply(&a.x.with_layout(la), &b.x.with_layout(lb))?;
        return Ok(Term { x, labels });
    }
    let prod = |v: &[usize]| v.iter().product::<usize>() as isize;
    let oa: Vec<usize> = [ax(&a, &batch), ax(&a, &m), ax(&a, &summed)].concat();
    let ob: Vec<usize> = [ax(&b, &batch), ax(&b, &summed), ax(&b, &n)].concat();
    let xa = a.x.with_layout(a.x.layout.permute(&oa));
    let xb = b.x.with_layout(b.x.layout.permute(&ob));
    let xa = crate::reshape(&xa, [prod(&bd), prod(&md), prod(&kd)], None)?;
    let xb = crate::reshape(&xb, [prod(&bd), prod(&kd), prod(&nd)], None)?;
    let r = matmul_nd(&xa, &xb, OP)?;
    Ok(Term {
        x: r.with_layout(Layout::contiguous(&out_shape)),
        labels,
    })
}
