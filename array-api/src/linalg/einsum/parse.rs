//! Parsing NumPy's einsum subscripts into per-operand label lists.
//!
//! Labels are the letters `a-z`, `A-Z` (their character codes) and the broadcast
//! dimensions covered by `...`: those get the labels `ELLIPSIS + j`, `j` counting the
//! broadcast dimensions from the left, with operands that cover fewer dimensions aligned
//! to the right (NumPy's broadcasting).

use crate::{Error, Result};

const OP: &str = "einsum";

/// A dimension label: a letter's character code, or `ELLIPSIS + j` for the `j`-th
/// broadcast dimension of `...`.
pub(crate) type Label = u16;

/// The first label of the dimensions covered by `...`.
pub(crate) const ELLIPSIS: Label = 256;

/// Parsed subscripts: the labels of every operand's axes, and of the output's.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Spec {
    /// One label per axis of each operand (repeated letters kept).
    pub inputs: Vec<Vec<Label>>,
    /// One label per axis of the result.
    pub output: Vec<Label>,
}

/// The label's name in messages: the letter, or `...`.
pub(crate) fn name(l: Label) -> String {
    if l >= ELLIPSIS {
        "...".into()
    } else {
        char::from(l as u8).to_string()
    }
}

/// One term (`"ij"`, `"...k"`): its letters and the position of `...` among them.
struct Term {
    letters: Vec<Label>,
    ellipsis: Option<usize>,
}

fn term(t: &str, which: &str) -> Result<Term> {
    let b = t.as_bytes();
    let mut letters = Vec::new();
    let mut ellipsis = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphabetic() {
            letters.push(c as Label);
            i += 1;
        } else if c == b'.' {
            if !t[i..].starts_with("...") {
                return Err(Error::invalid(
                    OP,
                    format!("{which} subscripts {t:?}: a '.' that is not part of '...'"),
                ));
            }
            if ellipsis.is_some() {
                return Err(Error::invalid(
                    OP,
                    format!("{which} subscripts {t:?} contain '...' more than once"),
                ));
            }
            ellipsis = Some(letters.len());
            i += 3;
        } else {
            return Err(Error::invalid(
                OP,
                format!(
                    "{which} subscripts {t:?}: invalid character {:?} (labels are letters a-z, A-Z)",
                    t[i..].chars().next().unwrap_or('?')
                ),
            ));
        }
    }
    Ok(Term { letters, ellipsis })
}

/// Parses `subscripts` for operands of `ndims` dimensions.
pub(crate) fn parse(subscripts: &str, ndims: &[usize]) -> Result<Spec> {
    let s: String = subscripts.chars().filter(|c| !c.is_whitespace()).collect();
    let (lhs, rhs) = match s.split_once("->") {
        Some((l, r)) => {
            if r.contains("->") {
                return Err(Error::invalid(
                    OP,
                    format!("subscripts {subscripts:?} contain '->' more than once"),
                ));
            }
            (l, Some(r))
        }
        None => (s.as_str(), None),
    };
    let terms: Vec<&str> = lhs.split(',').collect();
    if terms.len() != ndims.len() {
        return Err(Error::invalid(
            OP,
            format!(
                "subscripts {subscripts:?} name {} operand(s), but {} were given",
                terms.len(),
                ndims.len()
            ),
        ));
    }
    let parsed: Vec<Term> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| term(t, &format!("operand {i}'s")))
        .collect::<Result<_>>()?;
    // Broadcast dimensions covered by each operand's `...`.
    let mut covered = Vec::with_capacity(ndims.len());
    for (i, (t, &nd)) in parsed.iter().zip(ndims).enumerate() {
        let n = t.letters.len();
        let fits = if t.ellipsis.is_some() {
            nd >= n
        } else {
            nd == n
        };
        if !fits {
            return Err(Error::invalid(
                OP,
                format!(
                    "operand {i} has {nd} dimension(s), but its subscripts {:?} name {n}",
                    terms[i]
                ),
            ));
        }
        covered.push(if t.ellipsis.is_some() { nd - n } else { 0 });
    }
    let nell = covered.iter().copied().max().unwrap_or(0);
    let inputs: Vec<Vec<Label>> = parsed
        .iter()
        .zip(&covered)
        .map(|(t, &k)| {
            let mut v = t.letters.clone();
            if let Some(p) = t.ellipsis {
                let ell = (0..k).map(|j| ELLIPSIS + (nell - k + j) as Label);
                v.splice(p..p, ell);
            }
            v
        })
        .collect();
    let count = |l: Label| inputs.iter().flatten().filter(|&&x| x == l).count();
    let output = match rhs {
        Some(r) => {
            let t = term(r, "the output's")?;
            for (i, &l) in t.letters.iter().enumerate() {
                if t.letters[..i].contains(&l) {
                    return Err(Error::invalid(
                        OP,
                        format!("output subscript '{}' appears more than once", name(l)),
                    ));
                }
                if count(l) == 0 {
                    return Err(Error::invalid(
                        OP,
                        format!(
                            "output subscript '{}' does not appear in the operands' subscripts",
                            name(l)
                        ),
                    ));
                }
            }
            if t.ellipsis.is_none() && nell > 0 {
                return Err(Error::invalid(
                    OP,
                    format!(
                        "the operands' '...' covers {nell} dimension(s), but the output \
                         subscripts {r:?} have no '...' to keep them"
                    ),
                ));
            }
            let mut v = t.letters;
            if let Some(p) = t.ellipsis {
                v.splice(p..p, (0..nell).map(|j| ELLIPSIS + j as Label));
            }
            v
        }
        None => {
            // Implicit output: the broadcast dimensions, then the letters that appear
            // exactly once, in character order (upper case first).
            let mut letters: Vec<Label> = inputs
                .iter()
                .flatten()
                .copied()
                .filter(|&l| l < ELLIPSIS && count(l) == 1)
                .collect();
            letters.sort_unstable();
            (0..nell)
                .map(|j| ELLIPSIS + j as Label)
                .chain(letters)
                .collect()
        }
    };
    Ok(Spec { inputs, output })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: &str) -> Vec<Label> {
        s.bytes().map(Label::from).collect()
    }

    #[test]
    fn explicit_and_implicit() {
        let s = parse("ij,jk->ik", &[2, 2]).unwrap();
        assert_eq!(s.inputs, vec![l("ij"), l("jk")]);
        assert_eq!(s.output, l("ik"));
        // Implicit: once-appearing letters in character order, upper case first.
        assert_eq!(parse("ba", &[2]).unwrap().output, l("ab"));
        assert_eq!(parse("bA", &[2]).unwrap().output, l("Ab"));
        assert_eq!(parse("ij,jk", &[2, 2]).unwrap().output, l("ik"));
        assert_eq!(parse("ii", &[2]).unwrap().output, Vec::<Label>::new());
        assert_eq!(parse(" i j , j ", &[2, 1]).unwrap().output, l("i"));
    }

    #[test]
    fn ellipsis_aligns_right() {
        let s = parse("...ij,...jk->...ik", &[4, 3]).unwrap();
        let e = |j: Label| ELLIPSIS + j;
        assert_eq!(s.inputs[0], vec![e(0), e(1), 105, 106]);
        assert_eq!(s.inputs[1], vec![e(1), 106, 107]);
        assert_eq!(s.output, vec![e(0), e(1), 105, 107]);
        // Implicit output puts the broadcast dimensions first.
        assert_eq!(parse("i...", &[3]).unwrap().output, vec![e(0), e(1), 105]);
        // `...` covering nothing.
        assert_eq!(parse("...i->i", &[1]).unwrap().output, l("i"));
    }

    #[test]
    fn errors_name_the_problem() {
        let msg = |s: &str, nd: &[usize]| parse(s, nd).unwrap_err().to_string();
        assert!(msg("ij,jk", &[2]).contains("2 operand"));
        assert!(msg("ij->i->j", &[2]).contains("'->' more than once"));
        assert!(msg("i1", &[2]).contains("'1'"));
        assert!(msg("i..j", &[2]).contains("'...'"));
        assert!(msg("......", &[2]).contains("more than once"));
        assert!(msg("ijk", &[2]).contains("operand 0 has 2 dimension(s)"));
        assert!(msg("...ijk", &[2]).contains("name 3"));
        assert!(msg("i->ii", &[1]).contains("'i' appears more than once"));
        assert!(msg("i->j", &[1]).contains("'j' does not appear"));
        assert!(msg("...i->i", &[2]).contains("no '...'"));
    }
}
