//! Whether a result satisfies a special-case [`Atom`].

use super::{Atom, Trig};
use crate::reference::elementwise::narrow;
use crate::tolerance::{ulp_distance_f32, ulp_distance_f64, TRANSCENDENTAL_ULP};

/// One element: an operand or a result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Val {
    /// A float (float32 values widened exactly).
    F(f64),
    /// An integer.
    I(i128),
    /// A boolean.
    B(bool),
}

impl Val {
    /// The value as a float (integers converted, booleans 0/1).
    pub fn as_f64(self) -> f64 {
        match self {
            Val::F(x) => x,
            Val::I(i) => i as f64,
            Val::B(b) => b as u8 as f64,
        }
    }
}

/// Bitwise equality of floats, NaNs all equal.
fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

/// The value rounded to the result's precision.
fn round_to(x: f64, single: bool) -> f64 {
    if single {
        narrow(x) as f64
    } else {
        x
    }
}

/// Python's float `x1 % x2` (the sign of the divisor).
pub fn py_mod(x1: f64, x2: f64) -> f64 {
    let mut m = x1 % x2;
    if m != 0.0 {
        if (x2 < 0.0) != (m < 0.0) {
            m += x2;
        }
    } else {
        m = 0f64.copysign(x2);
    }
    m
}

fn approx(got: f64, want: f64, single: bool) -> bool {
    let d = if single {
        ulp_distance_f32(got as f32, want as f32)
    } else {
        ulp_distance_f64(got, want)
    };
    d <= TRANSCENDENTAL_ULP
}

/// Whether float `got` satisfies `atom` for float `inputs` (a result of `single`
/// precision: float32 or complex64).
fn float_holds(atom: Atom, got: f64, inputs: &[f64], single: bool) -> bool {
    use Atom::*;
    let input = |i: usize| inputs.get(i).copied().unwrap_or(f64::NAN);
    match atom {
        Nan => got.is_nan(),
        NanPos => got.is_nan() && got.is_sign_positive(),
        NanNeg => got.is_nan() && got.is_sign_negative(),
        PosZero => same(got, 0.0),
        NegZero => same(got, -0.0),
        AnyZero => got == 0.0,
        PosInf => got == f64::INFINITY,
        NegInf => got == f64::NEG_INFINITY,
        AnyInf => got.is_infinite(),
        Exact(v) => same(got, v),
        Approx(v) => approx(got, round_to(v, single), single),
        AbsApprox(v) => approx(got.abs(), round_to(v, single), single),
        Input(i) => same(got, input(i)),
        NegInput(i) => same(got, -input(i)),
        AbsInput(i) => same(got, input(i).abs()),
        NegAbsInput(i) => same(got, -input(i).abs()),
        Pos => !got.is_nan() && got.is_sign_positive(),
        Neg => !got.is_nan() && got.is_sign_negative(),
        PosOrNan => got.is_nan() || got.is_sign_positive(),
        NegOrNan => got.is_nan() || got.is_sign_negative(),
        InfProductSign => {
            got.is_infinite()
                && got.is_sign_negative()
                    == (input(0).is_sign_negative() != input(1).is_sign_negative())
        }
        RoundEven(i) => same(got, input(i).round_ties_even()),
        PyMod => same(got, round_to(py_mod(input(0), input(1)), single)),
        True | False => false,
        Cis {
            infinite,
            trig,
            arg,
            negate,
            minus_one,
        } => {
            let y = input(arg);
            let t = match trig {
                Trig::Cos => y.cos(),
                Trig::Sin => y.sin(),
            };
            let s = if infinite { f64::INFINITY } else { 0.0 };
            let mut want = s.copysign(t);
            if negate {
                want = -want;
            }
            if minus_one {
                want -= 1.0;
            }
            same(got, want)
        }
    }
}

/// Whether `got` satisfies `atom` for `inputs` (operands, or complex components in the
/// order `a, b[, c, d]`); `single` for float32 / complex64 results.
pub fn holds(atom: Atom, got: Val, inputs: &[Val], single: bool) -> bool {
    match got {
        Val::B(b) => match atom {
            Atom::True => b,
            Atom::False => !b,
            _ => false,
        },
        Val::I(g) => {
            let input = |i: usize| match inputs.get(i) {
                Some(Val::I(x)) => Some(*x),
                _ => None,
            };
            match atom {
                Atom::PosZero | Atom::NegZero | Atom::AnyZero => g == 0,
                Atom::Exact(v) => v.fract() == 0.0 && g == v as i128,
                Atom::Input(i) | Atom::RoundEven(i) => input(i) == Some(g),
                Atom::NegInput(i) => input(i).map(|x| -x) == Some(g),
                Atom::AbsInput(i) => input(i).map(i128::abs) == Some(g),
                Atom::Pos => g > 0,
                Atom::Neg => g < 0,
                _ => false,
            }
        }
        Val::F(g) => {
            let fs: Vec<f64> = inputs.iter().map(|v| v.as_f64()).collect();
            float_holds(atom, g, &fs, single)
        }
    }
}

/// Whether `got` satisfies any of the alternatives `atoms`.
pub fn any_holds(atoms: &[Atom], got: Val, inputs: &[Val], single: bool) -> bool {
    atoms.iter().any(|&a| holds(a, got, inputs, single))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms_on_floats() {
        let i = [Val::F(-3.0), Val::F(f64::INFINITY)];
        assert!(holds(Atom::Input(1), Val::F(f64::INFINITY), &i, false));
        assert!(holds(Atom::NegAbsInput(0), Val::F(-3.0), &i, false));
        assert!(holds(
            Atom::InfProductSign,
            Val::F(f64::NEG_INFINITY),
            &i,
            false
        ));
        assert!(!holds(
            Atom::InfProductSign,
            Val::F(f64::INFINITY),
            &i,
            false
        ));
        assert!(holds(Atom::PyMod, Val::F(f64::INFINITY), &i, false));
        assert!(holds(
            Atom::Approx(std::f64::consts::FRAC_PI_2),
            Val::F(1.5707964f32 as f64),
            &i,
            true
        ));
        assert!(!holds(Atom::PosZero, Val::F(-0.0), &i, false));
        let cis = Atom::Cis {
            infinite: false,
            trig: Trig::Cos,
            arg: 1,
            negate: false,
            minus_one: true,
        };
        assert!(holds(cis, Val::F(-1.0), &[Val::F(0.0), Val::F(2.0)], false));
        assert!(holds(
            Atom::RoundEven(0),
            Val::F(2.0),
            &[Val::F(2.5)],
            false
        ));
        assert_eq!(py_mod(-1.0, 3.0), 2.0);
        assert!(py_mod(0.0, -3.0).is_sign_negative());
    }

    #[test]
    fn atoms_on_integers_and_bools() {
        let i = [Val::I(-7)];
        assert!(holds(Atom::Exact(-1.0), Val::I(-1), &i, false));
        assert!(holds(Atom::Input(0), Val::I(-7), &i, false));
        assert!(holds(Atom::AnyZero, Val::I(0), &i, false));
        assert!(holds(Atom::True, Val::B(true), &i, false));
        assert!(!holds(Atom::Nan, Val::I(0), &i, false));
    }
}
