//! The vectorised transcendental kernels for `f32` and `f64`.
//!
//! [`Vec1`] and [`Vec2`] name a function ([`VOp1`], [`VOp2`]); their [`Kern1`] /
//! [`Kern2`] implementations pick the element function for `one` and the slice loop for
//! `run`.

pub mod explog;

use super::float::{logaddexp, Real};
use super::kernel::{simd, Kern1, Kern2, PAR_HEAVY};

/// A unary transcendental function with a vectorised kernel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VOp1 {
    /// `e^x`
    Exp,
    /// `e^x - 1`
    Expm1,
    /// natural logarithm
    Log,
    /// `log(1 + x)`
    Log1p,
    /// base-2 logarithm
    Log2,
    /// base-10 logarithm
    Log10,
    /// sine
    Sin,
    /// cosine
    Cos,
    /// tangent
    Tan,
    /// hyperbolic tangent
    Tanh,
    /// arctangent
    Atan,
}

/// The kernel of a [`VOp1`].
#[derive(Clone, Copy, Debug)]
pub struct Vec1(pub VOp1);

/// A binary transcendental function with a vectorised kernel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VOp2 {
    /// `x ** y`
    Pow,
    /// `sqrt(x² + y²)`
    Hypot,
    /// `atan2(y, x)`
    Atan2,
    /// `log(e^x + e^y)`
    Logaddexp,
}

/// The kernel of a [`VOp2`].
#[derive(Clone, Copy, Debug)]
pub struct Vec2(pub VOp2);

/// A real type with vectorisable kernels for some of the [`VOp1`] functions.
pub trait VecMath: Real {
    /// `e^x`, vectorisable.
    fn vexp(self) -> Self;
    /// `log(x)`, vectorisable.
    fn vlog(self) -> Self;
}

impl VecMath for f64 {
    #[inline(always)]
    fn vexp(self) -> f64 {
        explog::exp_f64(self)
    }
    #[inline(always)]
    fn vlog(self) -> f64 {
        explog::log_f64(self)
    }
}

impl VecMath for f32 {
    #[inline(always)]
    fn vexp(self) -> f32 {
        explog::exp_f32(self)
    }
    #[inline(always)]
    fn vlog(self) -> f32 {
        explog::log_f32(self)
    }
}

/// The element function of `op`: a vectorisable kernel where there is one, else the C
/// library's (through `std`).
#[inline(always)]
fn elem1<F: VecMath>(op: VOp1, x: F) -> F {
    match op {
        VOp1::Exp => x.vexp(),
        VOp1::Expm1 => x.exp_m1(),
        VOp1::Log => x.vlog(),
        VOp1::Log1p => x.ln_1p(),
        VOp1::Log2 => x.log2(),
        VOp1::Log10 => x.log10(),
        VOp1::Sin => x.sin(),
        VOp1::Cos => x.cos(),
        VOp1::Tan => x.tan(),
        VOp1::Tanh => x.tanh(),
        VOp1::Atan => x.atan(),
    }
}

/// `out[i] = f(x[i])`, compiled for the machine's widest vectors.
#[inline(always)]
fn vloop<F: Copy>(x: &[F], out: &mut [F], f: impl Fn(F) -> F) {
    simd(
        #[inline(always)]
        || {
            for (o, &v) in out.iter_mut().zip(x) {
                *o = f(v);
            }
        },
    )
}

/// The slice loop of `op`.
#[inline(always)]
fn run1<F: VecMath>(op: VOp1, x: &[F], out: &mut [F]) {
    match op {
        VOp1::Exp => vloop(x, out, |v: F| v.vexp()),
        VOp1::Log => vloop(x, out, |v: F| v.vlog()),
        _ => {
            for (o, &v) in out.iter_mut().zip(x) {
                *o = elem1(op, v);
            }
        }
    }
}

/// The C library's function (through `std`).
#[inline(always)]
fn libm2<F: Real>(op: VOp2, x: F, y: F) -> F {
    match op {
        VOp2::Pow => x.powf(y),
        VOp2::Hypot => x.hypot(y),
        VOp2::Atan2 => x.atan2(y),
        VOp2::Logaddexp => logaddexp(x, y),
    }
}

macro_rules! impl_real {
    ($($t:ty),*) => {$(
        impl Kern1<$t, $t> for Vec1 {
            fn par_threshold(&self) -> usize {
                PAR_HEAVY
            }
            fn one(&self, x: $t) -> $t {
                elem1(self.0, x)
            }
            fn run(&self, x: &[$t], out: &mut [$t]) {
                run1(self.0, x, out)
            }
        }

        impl Kern2<$t, $t> for Vec2 {
            fn par_threshold(&self) -> usize {
                PAR_HEAVY
            }
            fn one(&self, x: $t, y: $t) -> $t {
                libm2(self.0, x, y)
            }
            fn run(&self, a: &[$t], b: &[$t], out: &mut [$t]) {
                let op = self.0;
                for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                    *o = libm2(op, x, y);
                }
            }
        }
    )*};
}
impl_real!(f32, f64);
