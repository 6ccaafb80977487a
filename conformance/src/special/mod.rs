//! The standard's elementwise special cases as a machine-checkable table.
//!
//! `conformance/special/special_cases.json` is generated from the spec's bullets by
//! `conformance/special/make_special_cases.py` (run by hand; see its docstring for the
//! format). Each [`Rule`] says: for operands satisfying these [`Cond`]itions, the result
//! satisfies this [`Atom`]. [`values`] builds concrete operands for the conditions and
//! [`check`] decides whether a result satisfies an atom; the suite runs every rule on
//! float32 and float64 (complex64 and complex128 for complex rules; the integer dtypes too
//! where a rule applies to them).

pub mod check;
pub mod values;

use serde_json::Value;

const TABLE: &str = include_str!("../../special/special_cases.json");

/// A condition on one operand (or one component of a complex operand).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cond {
    /// Any NaN.
    Nan,
    /// A NaN with the sign bit clear.
    NanPos,
    /// A NaN with the sign bit set.
    NanNeg,
    /// `+0`.
    PosZero,
    /// `-0`.
    NegZero,
    /// `+0` or `-0`.
    Zero,
    /// `+infinity`.
    PosInf,
    /// `-infinity`.
    NegInf,
    /// Either infinity.
    Inf,
    /// Not infinite.
    NotInf,
    /// Finite.
    Finite,
    /// Finite and not zero.
    NonzeroFinite,
    /// Finite and greater than 0.
    PosFinite,
    /// Finite and less than 0.
    NegFinite,
    /// Neither zero nor NaN.
    Nonzero,
    /// Not NaN.
    NotNan,
    /// Anything.
    Any,
    /// Greater than the value.
    Gt(f64),
    /// Less than the value.
    Lt(f64),
    /// Equal to the value.
    Eq(f64),
    /// Not equal to the value (NaN included).
    Ne(f64),
    /// Magnitude greater than the value.
    AbsGt(f64),
    /// Magnitude less than the value.
    AbsLt(f64),
    /// Magnitude equal to the value.
    AbsEq(f64),
    /// A finite integer value.
    Int,
    /// Finite and not an integer value.
    NotInt,
    /// An odd integer value.
    OddInt,
    /// Not NaN and not an odd integer value.
    NotOddInt,
    /// Halfway between two integers.
    Half,
}

impl Cond {
    /// Parses a condition of the table.
    pub fn parse(s: &str) -> Result<Cond, String> {
        use Cond::*;
        let num = |t: &str| {
            t.parse::<f64>()
                .map_err(|_| format!("bad number in condition {s:?}"))
        };
        if let Some((op, v)) = s.split_once(':') {
            let v = num(v)?;
            return Ok(match op {
                "gt" => Gt(v),
                "lt" => Lt(v),
                "eq" => Eq(v),
                "ne" => Ne(v),
                "abs_gt" => AbsGt(v),
                "abs_lt" => AbsLt(v),
                "abs_eq" => AbsEq(v),
                _ => return Err(format!("unknown condition {s:?}")),
            });
        }
        Ok(match s {
            "nan" => Nan,
            "nan+" => NanPos,
            "nan-" => NanNeg,
            "+0" => PosZero,
            "-0" => NegZero,
            "0" => Zero,
            "+inf" => PosInf,
            "-inf" => NegInf,
            "inf" => Inf,
            "not_inf" => NotInf,
            "finite" => Finite,
            "nonzero_finite" => NonzeroFinite,
            "pos_finite" => PosFinite,
            "neg_finite" => NegFinite,
            "nonzero" => Nonzero,
            "not_nan" => NotNan,
            "any" => Any,
            "int" => Int,
            "not_int" => NotInt,
            "odd_int" => OddInt,
            "not_odd_int" => NotOddInt,
            "half" => Half,
            _ => return Err(format!("unknown condition {s:?}")),
        })
    }

    /// Whether `x` satisfies the condition.
    pub fn holds(self, x: f64) -> bool {
        use Cond::*;
        let odd = x.is_finite() && x.trunc() == x && (x % 2.0).abs() == 1.0;
        match self {
            Nan => x.is_nan(),
            NanPos => x.is_nan() && x.is_sign_positive(),
            NanNeg => x.is_nan() && x.is_sign_negative(),
            PosZero => x == 0.0 && x.is_sign_positive(),
            NegZero => x == 0.0 && x.is_sign_negative(),
            Zero => x == 0.0,
            PosInf => x == f64::INFINITY,
            NegInf => x == f64::NEG_INFINITY,
            Inf => x.is_infinite(),
            NotInf => !x.is_infinite(),
            Finite => x.is_finite(),
            NonzeroFinite => x.is_finite() && x != 0.0,
            PosFinite => x.is_finite() && x > 0.0,
            NegFinite => x.is_finite() && x < 0.0,
            Nonzero => !x.is_nan() && x != 0.0,
            NotNan => !x.is_nan(),
            Any => true,
            Gt(v) => x > v,
            Lt(v) => x < v,
            Eq(v) => x == v,
            Ne(v) => x != v,
            AbsGt(v) => x.abs() > v,
            AbsLt(v) => x.abs() < v,
            AbsEq(v) => x.abs() == v,
            Int => x.is_finite() && x.trunc() == x,
            NotInt => x.is_finite() && x.trunc() != x,
            OddInt => odd,
            NotOddInt => !x.is_nan() && !odd,
            Half => x.is_finite() && (x - x.trunc()).abs() == 0.5,
        }
    }
}

/// Trigonometric factor of a `S * cis(A)` result component.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trig {
    /// `cos`.
    Cos,
    /// `sin`.
    Sin,
}

/// What a result (or result component) must be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Atom {
    /// Any NaN.
    Nan,
    /// A NaN with the sign bit clear.
    NanPos,
    /// A NaN with the sign bit set.
    NanNeg,
    /// `+0`.
    PosZero,
    /// `-0`.
    NegZero,
    /// A zero of either sign.
    AnyZero,
    /// `+infinity`.
    PosInf,
    /// `-infinity`.
    NegInf,
    /// An infinity of either sign.
    AnyInf,
    /// Exactly this value.
    Exact(f64),
    /// This value within the transcendental ulp bound.
    Approx(f64),
    /// A magnitude within the transcendental ulp bound of this value.
    AbsApprox(f64),
    /// Operand (or component) `i` unchanged.
    Input(usize),
    /// Operand `i` negated.
    NegInput(usize),
    /// The magnitude of operand `i`.
    AbsInput(usize),
    /// Minus the magnitude of operand `i`.
    NegAbsInput(usize),
    /// A non-NaN value with the sign bit clear.
    Pos,
    /// A non-NaN value with the sign bit set.
    Neg,
    /// NaN, or a value with the sign bit clear.
    PosOrNan,
    /// NaN, or a value with the sign bit set.
    NegOrNan,
    /// An infinity whose sign is the product of the operands' signs.
    InfProductSign,
    /// Operand `i` rounded to the nearest integer, halves to even.
    RoundEven(usize),
    /// Python's `x1 % x2`.
    PyMod,
    /// `true`.
    True,
    /// `false`.
    False,
    /// `[-](S with the sign of trig(component arg)) [- 1]`, `S` infinity or zero.
    Cis {
        /// `S` is infinity (else zero).
        infinite: bool,
        /// The factor.
        trig: Trig,
        /// The input component: 0 for `a`, 1 for `b`.
        arg: usize,
        /// Negated.
        negate: bool,
        /// Minus one.
        minus_one: bool,
    },
}

impl Atom {
    /// Parses a result atom of the table.
    pub fn parse(s: &str) -> Result<Atom, String> {
        use Atom::*;
        let num = |t: &str| {
            t.parse::<f64>()
                .map_err(|_| format!("bad number in result {s:?}"))
        };
        let operand = |t: &str| -> Option<usize> {
            match t {
                "x" | "x1" | "a" => Some(0),
                "x2" | "b" => Some(1),
                _ => None,
            }
        };
        if let Some(v) = s.strip_prefix("±~") {
            return Ok(AbsApprox(num(v)?));
        }
        if let Some(v) = s.strip_prefix('~') {
            return Ok(Approx(num(v)?));
        }
        if let Some(v) = s.strip_prefix('=') {
            return Ok(Exact(num(v)?));
        }
        if let Some(i) = operand(s) {
            return Ok(Input(i));
        }
        if let Some(i) = s.strip_prefix('-').and_then(operand) {
            return Ok(NegInput(i));
        }
        if let Some(i) = s
            .strip_prefix("-|")
            .and_then(|t| t.strip_suffix('|'))
            .and_then(operand)
        {
            return Ok(NegAbsInput(i));
        }
        if let Some(i) = s
            .strip_prefix('|')
            .and_then(|t| t.strip_suffix('|'))
            .and_then(operand)
        {
            return Ok(AbsInput(i));
        }
        if let Some(i) = s
            .strip_prefix("round_even(")
            .and_then(|t| t.strip_suffix(')'))
            .and_then(operand)
        {
            return Ok(RoundEven(i));
        }
        if s.contains("*cos(") || s.contains("*sin(") {
            return parse_cis(s).ok_or_else(|| format!("bad cis result {s:?}"));
        }
        Ok(match s {
            "nan" => Nan,
            "nan+" => NanPos,
            "nan-" => NanNeg,
            "+0" => PosZero,
            "-0" => NegZero,
            "±0" => AnyZero,
            "+inf" => PosInf,
            "-inf" => NegInf,
            "±inf" => AnyInf,
            "pos" => Pos,
            "neg" => Neg,
            "pos|nan" => PosOrNan,
            "neg|nan" => NegOrNan,
            "inf*sign" => InfProductSign,
            "round_even" => RoundEven(0),
            "py_mod" => PyMod,
            "true" => True,
            "false" => False,
            _ => return Err(format!("unknown result {s:?}")),
        })
    }
}

/// Parses `[-]S*trig(A)[-1]`.
fn parse_cis(s: &str) -> Option<Atom> {
    let (negate, s) = match s.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, s),
    };
    let (minus_one, s) = match s.strip_suffix("-1") {
        Some(t) => (true, t),
        None => (false, s),
    };
    let (scale, rest) = s.split_once('*')?;
    let infinite = match scale {
        "inf" => true,
        "0" => false,
        _ => return None,
    };
    let (trig, arg) = rest.strip_suffix(')')?.split_once('(')?;
    let trig = match trig {
        "cos" => Trig::Cos,
        "sin" => Trig::Sin,
        _ => return None,
    };
    let arg = match arg {
        "a" => 0,
        "b" => 1,
        _ => return None,
    };
    Some(Atom::Cis {
        infinite,
        trig,
        arg,
        negate,
        minus_one,
    })
}

/// A result: alternatives (any one may hold), or `None` (not checked).
pub type Expect = Option<Vec<Atom>>;

/// The expected result of a rule.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// A real (or boolean) result.
    Value(Vec<Atom>),
    /// A complex result, per component.
    Complex {
        /// The real component.
        re: Expect,
        /// The imaginary component.
        im: Expect,
    },
    /// A symmetry of the function (`odd`, `even`, `conj`).
    Identity(Identity),
}

/// A symmetry the standard requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Identity {
    /// `f(-x) == -f(x)`.
    Odd,
    /// `f(-x) == f(x)`.
    Even,
    /// `f(conj(x)) == conj(f(x))` (complex only).
    Conj,
}

/// How the two operands of a binary rule relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// `x2 = -x1`.
    Negated,
    /// `x2 = x1`.
    Equal,
    /// `x2 != x1`.
    Different,
    /// Same sign bits (neither NaN).
    SameSign,
    /// Different sign bits (neither NaN).
    DiffSign,
}

/// One rule of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// `"<function>.<n>"`.
    pub id: String,
    /// The xp function.
    pub function: String,
    /// Whether the operands are complex.
    pub complex: bool,
    /// The spec text the rule comes from.
    pub text: String,
    /// Conditions per operand (complex: per component `a, b[, c, d]`).
    pub inputs: Vec<Vec<Cond>>,
    /// A relation between the two operands.
    pub relation: Option<Relation>,
    /// The expected result.
    pub outcome: Outcome,
    /// Whether the rule also applies to integer dtypes.
    pub ints: bool,
}

fn atoms(v: &Value) -> Result<Vec<Atom>, String> {
    match v {
        Value::String(s) => Ok(vec![Atom::parse(s)?]),
        Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().ok_or("bad alternative").map(Atom::parse)?)
            .collect(),
        v => Err(format!("bad result {v}")),
    }
}

fn expect(v: &Value) -> Result<Expect, String> {
    if v.is_null() {
        Ok(None)
    } else {
        atoms(v).map(Some)
    }
}

fn rule(v: &Value) -> Result<Rule, String> {
    let s = |k: &str| {
        v[k].as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("rule without {k}: {v}"))
    };
    let id = s("id")?;
    let kind = s("kind")?;
    let inputs = v["inputs"]
        .as_array()
        .ok_or("rule without inputs")?
        .iter()
        .map(|op| {
            op.as_array()
                .ok_or_else(|| format!("{id}: bad operand"))?
                .iter()
                .map(|c| Cond::parse(c.as_str().unwrap_or("?")))
                .collect::<Result<Vec<Cond>, String>>()
        })
        .collect::<Result<Vec<_>, String>>()?;
    let relation = match v["relation"].as_str() {
        None => None,
        Some("x2=-x1") => Some(Relation::Negated),
        Some("x2=x1") => Some(Relation::Equal),
        Some("x2!=x1") => Some(Relation::Different),
        Some("same_sign") => Some(Relation::SameSign),
        Some("diff_sign") => Some(Relation::DiffSign),
        Some(r) => return Err(format!("{id}: unknown relation {r}")),
    };
    let r = &v["result"];
    let outcome = match kind.as_str() {
        "identity" => Outcome::Identity(match r.as_str() {
            Some("odd") => Identity::Odd,
            Some("even") => Identity::Even,
            Some("conj") => Identity::Conj,
            _ => return Err(format!("{id}: unknown identity {r}")),
        }),
        "complex" if r.get("value").is_some() => Outcome::Value(atoms(&r["value"])?),
        "complex" => Outcome::Complex {
            re: expect(&r["re"])?,
            im: expect(&r["im"])?,
        },
        "real" => Outcome::Value(atoms(r)?),
        k => return Err(format!("{id}: unknown kind {k}")),
    };
    Ok(Rule {
        function: s("function")?,
        complex: kind == "complex",
        text: s("text")?,
        inputs,
        relation,
        outcome,
        ints: v["ints"].as_bool().unwrap_or(false),
        id,
    })
}

/// Every rule of the embedded table.
pub fn rules() -> Result<Vec<Rule>, String> {
    let t: Value = serde_json::from_str(TABLE).map_err(|e| format!("special_cases.json: {e}"))?;
    t["rules"]
        .as_array()
        .ok_or("special_cases.json: no rules")?
        .iter()
        .map(rule)
        .collect()
}

/// The bullets the table does not turn into rules, as `(id, reason)`.
pub fn skipped() -> Vec<(String, String)> {
    let t: Value = serde_json::from_str(TABLE).unwrap_or(Value::Null);
    t["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            (
                s["id"].as_str().unwrap_or("?").to_string(),
                s["reason"].as_str().unwrap_or("?").to_string(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses() {
        let r = rules().unwrap();
        assert!(r.len() >= 600, "{} rules", r.len());
        assert!(r.iter().any(|x| x.id == "pow.14"));
        let p = r.iter().find(|x| x.id == "pow.14").unwrap();
        assert_eq!(p.inputs[1], vec![Cond::Gt(0.0), Cond::OddInt]);
        assert_eq!(p.outcome, Outcome::Value(vec![Atom::NegInf]));
        assert!(skipped().iter().any(|(id, _)| id == "add.17"));
    }

    #[test]
    fn conditions_and_atoms() {
        assert!(Cond::OddInt.holds(-3.0) && !Cond::OddInt.holds(2.0) && !Cond::OddInt.holds(1e300));
        assert!(Cond::NotOddInt.holds(f64::INFINITY) && !Cond::NotOddInt.holds(f64::NAN));
        assert!(Cond::Half.holds(-2.5) && !Cond::Half.holds(2.25));
        assert!(Cond::Ne(1.0).holds(f64::NAN));
        assert_eq!(
            Atom::parse("-inf*cos(a)").unwrap(),
            Atom::Cis {
                infinite: true,
                trig: Trig::Cos,
                arg: 0,
                negate: true,
                minus_one: false
            }
        );
        assert_eq!(Atom::parse("-|x1|").unwrap(), Atom::NegAbsInput(0));
        assert_eq!(Atom::parse("-x2").unwrap(), Atom::NegInput(1));
        assert!(Atom::parse("bogus").is_err());
    }
}
