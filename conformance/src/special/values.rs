//! Concrete operands for the special-case conditions: a pool of representative values per
//! precision (signed zeros, subnormals, the smallest normal, values around 1, halves, odd
//! and even integers, the largest finite value, infinities, NaNs of both signs), filtered
//! by each operand's conditions; for several operands the product of the filtered pools,
//! thinned evenly when it would exceed [`MAX_CASES`].

use super::{Cond, Relation, Rule};
use array_api::DType;

/// The most operand tuples one rule is checked on, per dtype.
pub const MAX_CASES: usize = 2048;

/// The positive finite values of the pool, for float32 (`single`) or float64; all exactly
/// representable in that precision.
fn positives(single: bool) -> Vec<f64> {
    let (tiny, min, eps, max, p) = if single {
        (
            f32::from_bits(1) as f64,
            f32::MIN_POSITIVE as f64,
            f32::EPSILON as f64,
            f32::MAX as f64,
            24,
        )
    } else {
        (
            f64::from_bits(1),
            f64::MIN_POSITIVE,
            f64::EPSILON,
            f64::MAX,
            53,
        )
    };
    let two = |k: i32| 2f64.powi(k);
    vec![
        tiny,
        min / 4.0,
        min,
        0.25,
        0.5,
        1.0 - eps / 2.0,
        1.0,
        1.0 + eps,
        1.5,
        2.0,
        2.5,
        3.0,
        7.0,
        10.0,
        1e10,
        two(p - 1) - 0.5,
        two(p) - 1.0,
        two(p + 5),
        max,
    ]
}

/// The floating-point pool of a precision: the representative positive values, their
/// negatives, both zeros, both infinities and NaNs of both signs.
pub fn float_pool(single: bool) -> Vec<f64> {
    let pos = positives(single);
    let mut v = vec![
        f64::NAN,
        -f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -0.0,
    ];
    v.extend(pos.iter().copied());
    v.extend(pos.iter().map(|x| -x));
    v
}

/// The integer pool of an integer dtype: small values and the bounds.
pub fn int_pool(dtype: DType) -> Vec<i128> {
    let info = match array_api::iinfo(dtype) {
        Ok(i) => i,
        Err(_) => return Vec::new(),
    };
    let mut out: Vec<i128> = Vec::new();
    for v in [0, 1, 2, 7, -1, -2, -7, info.min, info.max, info.min + 1] {
        if (info.min..=info.max).contains(&v) && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Whether the pool values of `dtype` are single precision.
pub fn is_single(dtype: DType) -> bool {
    matches!(dtype, DType::Float32 | DType::Complex64)
}

/// The values of `pool` satisfying every condition.
fn filtered(pool: &[f64], conds: &[Cond]) -> Vec<f64> {
    pool.iter()
        .copied()
        .filter(|&x| conds.iter().all(|c| c.holds(x)))
        .collect()
}

/// Keeps about `n` evenly spaced elements of `v` (all when `v` is shorter).
fn thin(v: &[f64], n: usize) -> Vec<f64> {
    if v.len() <= n {
        return v.to_vec();
    }
    (0..n).map(|i| v[i * v.len() / n]).collect()
}

/// The operand tuples of `rule` from `pool`: per operand (or complex component) the pool
/// values satisfying its conditions, combined, with the rule's relation applied. Empty
/// when no value satisfies some operand's conditions.
pub fn cases(rule: &Rule, pool: &[f64]) -> Vec<Vec<f64>> {
    let mut sets: Vec<Vec<f64>> = rule.inputs.iter().map(|c| filtered(pool, c)).collect();
    if let Some(Relation::Negated | Relation::Equal) = rule.relation {
        // x2 is determined by x1
        let neg = rule.relation == Some(Relation::Negated);
        return sets[0]
            .iter()
            .map(|&x| vec![x, if neg { -x } else { x }])
            .filter(|t| rule.inputs[1].iter().all(|c| c.holds(t[1])))
            .collect();
    }
    // thin the largest sets until the product fits
    loop {
        let total: usize = sets.iter().map(Vec::len).product();
        if total <= MAX_CASES {
            break;
        }
        let (i, _) = sets
            .iter()
            .enumerate()
            .max_by_key(|(_, s)| s.len())
            .expect("a rule has operands");
        let n = sets[i].len();
        sets[i] = thin(&sets[i], (n * 3 / 4).max(1));
    }
    let mut out: Vec<Vec<f64>> = vec![Vec::new()];
    for s in &sets {
        out = out
            .into_iter()
            .flat_map(|t| {
                s.iter().map(move |&x| {
                    let mut t = t.clone();
                    t.push(x);
                    t
                })
            })
            .collect();
    }
    let sign = |x: f64| x.is_sign_negative();
    out.retain(|t| match rule.relation {
        Some(Relation::SameSign) => !t[0].is_nan() && !t[1].is_nan() && sign(t[0]) == sign(t[1]),
        Some(Relation::DiffSign) => !t[0].is_nan() && !t[1].is_nan() && sign(t[0]) != sign(t[1]),
        Some(Relation::Different) => t[0] != t[1],
        _ => true,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::special::{rules, Outcome};

    #[test]
    fn pools_are_exact_in_their_precision() {
        for x in float_pool(true) {
            assert!(x.is_nan() || (x as f32) as f64 == x, "{x}");
        }
        assert_eq!(float_pool(false).len(), 44);
        assert_eq!(int_pool(DType::UInt8), vec![0, 1, 2, 7, 255]);
        assert_eq!(int_pool(DType::Int8).len(), 10);
    }

    #[test]
    fn every_float_rule_has_cases() {
        for single in [true, false] {
            let pool = float_pool(single);
            for r in rules().unwrap() {
                if matches!(r.outcome, Outcome::Identity(_)) {
                    continue;
                }
                let c = cases(&r, &pool);
                assert!(!c.is_empty(), "{} has no operands", r.id);
                assert!(c.len() <= MAX_CASES, "{}: {}", r.id, c.len());
            }
        }
    }

    #[test]
    fn relations() {
        let r = rules().unwrap();
        let add16 = r.iter().find(|x| x.id == "add.16").unwrap();
        for t in cases(add16, &float_pool(false)) {
            assert_eq!(t[1], -t[0]);
        }
        let div20 = r.iter().find(|x| x.id == "divide.20").unwrap();
        let c = cases(div20, &float_pool(false));
        assert!(c.len() > 100 && c.iter().all(|t| (t[0] < 0.0) == (t[1] < 0.0)));
    }
}
