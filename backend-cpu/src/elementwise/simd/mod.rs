//! The vectorised transcendental kernels for `f32` and `f64`.
//!
//! [`Vec1`] and [`Vec2`] name a function ([`VOp1`], [`VOp2`]); their [`Kern1`] /
//! [`Kern2`] implementations pick the element function for `one` and the slice loop for
//! `run`.
//!
//! Every kernel is a scalar function of plain arithmetic, bit operations and selects,
//! inlined into a slice loop compiled per instruction set ([`simd`]), so LLVM vectorises
//! it (AVX-512: 8 `f64` / 16 `f32` lanes). One concept per module: [`explog`] (`exp`,
//! `log`), [`hyperbolic`] (`expm1`, `tanh`), [`logs`] (`log1p`, `log2`, `log10`),
//! [`trig`] (`sin`, `cos`, `tan`), [`atan`], [`atan2`], [`pow`], [`hypot`]. The `f32`
//! kernels of `exp`, `log`, `tanh`, `sin`, `cos`, `tan` and `atan2` run in `f32` lanes
//! (16 per AVX-512 vector); `pow` and the rest compute in `f64` and round once.
//!
//! `sin`, `cos`, `tan` (`|x| >= 2^30`, `f32`: `|x| >= 2^17`; infinities, NaN) and `pow`
//! (`f64`: zeros, infinities, NaN, negative bases with non-integer exponents; `f32`:
//! zeros, infinities, NaN) have a branch-free fast path that does not cover every
//! argument: the slice loops run it over a block, then scan the block for the arguments
//! it does not cover and recompute those with the C library (through `std`; `f32`
//! `sin`/`cos`/`tan` below `2^30` with the `f64`-lane kernel first), so special values
//! are the C library's, bit for bit.
//!
//! Accuracy, measured against the C library (glibc, itself within about 1 ulp of the
//! exact result in `f64`; tests/cpu/elementwise_ulp.rs, 1.1M samples per function and
//! dtype plus the hard points, `f32` against the `f64` function rounded; the `f32`
//! kernels were also checked over every `f32` input, or 5·10^8 pairs for `atan2` and
//! `pow`, while they were written): at most 1 ulp for `exp`, `log`, `expm1`, `log1p`,
//! `log2`, `sin`, `cos`, `tan`, `atan`, `pow` in `f64`; 2 ulp for `tanh` and `log10` in
//! `f64`, where glibc is the one off (at the worst points the kernels' results are the
//! correctly rounded ones); in `f32` at most 1 ulp (`exp`, `log`, `tanh`, `sin`, `cos`,
//! `tan`, `pow`, `atan2`) and 0 ulp for the rest. Special values (signed zeros,
//! infinities, NaN, `±1` results, subnormals) are exactly the C library's. `hypot`
//! ([`hypot`]) is within 1 ulp of the C library's (`f32`: of the `f64` one rounded), and
//! `atan2` ([`atan2`]) of the C library's in `f64`, with the special values exact;
//! `logaddexp` calls the C library per element.

pub mod atan;
pub mod atan2;
pub mod explog;
pub mod hyperbolic;
pub mod hypot;
pub mod logs;
pub mod pow;
pub mod trig;

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

/// A real type with vectorisable (branch-free, inlined) kernels of the [`VOp1`] and
/// [`VOp2`] functions. Those named `_fast` hold where the matching `_ok` does; elsewhere
/// the C library's function applies.
pub trait VecMath: Real {
    /// `e^x`, vectorisable.
    fn vexp(self) -> Self;
    /// `log x`, vectorisable.
    fn vlog(self) -> Self;
    /// `e^x - 1`, vectorisable.
    fn vexpm1(self) -> Self;
    /// `log(1 + x)`, vectorisable.
    fn vlog1p(self) -> Self;
    /// `log2 x`, vectorisable.
    fn vlog2(self) -> Self;
    /// `log10 x`, vectorisable.
    fn vlog10(self) -> Self;
    /// `tanh x`, vectorisable.
    fn vtanh(self) -> Self;
    /// `atan x`, vectorisable.
    fn vatan(self) -> Self;
    /// `sin x`, vectorisable, where [`VecMath::trig_ok`].
    fn vsin(self) -> Self;
    /// `cos x`, vectorisable, where [`VecMath::trig_ok`].
    fn vcos(self) -> Self;
    /// `tan x`, vectorisable, where [`VecMath::trig_ok`].
    fn vtan(self) -> Self;
    /// Whether the vectorised `sin`, `cos`, `tan` apply.
    fn trig_ok(self) -> bool;
    /// `sin x` where [`VecMath::trig_ok`] does not hold (the C library's, or for `f32`
    /// first the `f64`-lane kernel).
    fn sin_slow(self) -> Self;
    /// `cos x` where [`VecMath::trig_ok`] does not hold.
    fn cos_slow(self) -> Self;
    /// `tan x` where [`VecMath::trig_ok`] does not hold.
    fn tan_slow(self) -> Self;
    /// `self ** y`, vectorisable, where [`VecMath::pow_ok`].
    fn vpow(self, y: Self) -> Self;
    /// Whether the vectorised `pow` applies.
    fn pow_ok(self, y: Self) -> bool;
    /// `sqrt(self² + y²)`, vectorisable.
    fn vhypot(self, y: Self) -> Self;
    /// `atan2(self, x)`, vectorisable.
    fn vatan2(self, x: Self) -> Self;
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
    #[inline(always)]
    fn vexpm1(self) -> f64 {
        hyperbolic::expm1_f64(self)
    }
    #[inline(always)]
    fn vlog1p(self) -> f64 {
        logs::log1p_f64(self)
    }
    #[inline(always)]
    fn vlog2(self) -> f64 {
        logs::log2_f64(self)
    }
    #[inline(always)]
    fn vlog10(self) -> f64 {
        logs::log10_f64(self)
    }
    #[inline(always)]
    fn vtanh(self) -> f64 {
        hyperbolic::tanh_f64(self)
    }
    #[inline(always)]
    fn vatan(self) -> f64 {
        atan::atan_f64(self)
    }
    #[inline(always)]
    fn vsin(self) -> f64 {
        trig::sin_f64_fast(self)
    }
    #[inline(always)]
    fn vcos(self) -> f64 {
        trig::cos_f64_fast(self)
    }
    #[inline(always)]
    fn vtan(self) -> f64 {
        trig::tan_f64_fast(self)
    }
    #[inline(always)]
    fn trig_ok(self) -> bool {
        trig::trig_ok_f64(self)
    }
    fn sin_slow(self) -> f64 {
        self.sin()
    }
    fn cos_slow(self) -> f64 {
        self.cos()
    }
    fn tan_slow(self) -> f64 {
        self.tan()
    }
    #[inline(always)]
    fn vpow(self, y: f64) -> f64 {
        pow::pow_f64_fast(self, y)
    }
    #[inline(always)]
    fn pow_ok(self, y: f64) -> bool {
        pow::pow_ok_f64(self, y)
    }
    #[inline(always)]
    fn vhypot(self, y: f64) -> f64 {
        hypot::hypot_f64(self, y)
    }
    #[inline(always)]
    fn vatan2(self, x: f64) -> f64 {
        atan2::atan2_f64(self, x)
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
    #[inline(always)]
    fn vexpm1(self) -> f32 {
        hyperbolic::expm1_f32(self)
    }
    #[inline(always)]
    fn vlog1p(self) -> f32 {
        logs::log1p_f32(self)
    }
    #[inline(always)]
    fn vlog2(self) -> f32 {
        logs::log2_f32(self)
    }
    #[inline(always)]
    fn vlog10(self) -> f32 {
        logs::log10_f32(self)
    }
    #[inline(always)]
    fn vtanh(self) -> f32 {
        hyperbolic::tanh_f32(self)
    }
    #[inline(always)]
    fn vatan(self) -> f32 {
        atan::atan_f32(self)
    }
    #[inline(always)]
    fn vsin(self) -> f32 {
        trig::sin_f32_fast(self)
    }
    #[inline(always)]
    fn vcos(self) -> f32 {
        trig::cos_f32_fast(self)
    }
    #[inline(always)]
    fn vtan(self) -> f32 {
        trig::tan_f32_fast(self)
    }
    #[inline(always)]
    fn trig_ok(self) -> bool {
        trig::trig_ok_f32(self)
    }
    fn sin_slow(self) -> f32 {
        trig::sin_f32_slow(self)
    }
    fn cos_slow(self) -> f32 {
        trig::cos_f32_slow(self)
    }
    fn tan_slow(self) -> f32 {
        trig::tan_f32_slow(self)
    }
    #[inline(always)]
    fn vpow(self, y: f32) -> f32 {
        pow::pow_f32_fast(self, y)
    }
    #[inline(always)]
    fn pow_ok(self, y: f32) -> bool {
        pow::pow_ok_f32(self, y)
    }
    #[inline(always)]
    fn vhypot(self, y: f32) -> f32 {
        hypot::hypot_f32(self, y)
    }
    #[inline(always)]
    fn vatan2(self, x: f32) -> f32 {
        atan2::atan2_f32(self, x)
    }
}

/// The element function of `op`: the vectorisable kernel, or the C library's (through
/// `std`) outside the fast path of `sin`, `cos`, `tan`.
#[inline(always)]
fn elem1<F: VecMath>(op: VOp1, x: F) -> F {
    match op {
        VOp1::Exp => x.vexp(),
        VOp1::Expm1 => x.vexpm1(),
        VOp1::Log => x.vlog(),
        VOp1::Log1p => x.vlog1p(),
        VOp1::Log2 => x.vlog2(),
        VOp1::Log10 => x.vlog10(),
        VOp1::Sin => fix(x, x.trig_ok(), F::vsin, F::sin_slow),
        VOp1::Cos => fix(x, x.trig_ok(), F::vcos, F::cos_slow),
        VOp1::Tan => fix(x, x.trig_ok(), F::vtan, F::tan_slow),
        VOp1::Tanh => x.vtanh(),
        VOp1::Atan => x.vatan(),
    }
}

/// `fast(x)` where `ok`, else `slow(x)`.
#[inline(always)]
fn fix<F>(x: F, ok: bool, fast: impl Fn(F) -> F, slow: impl Fn(F) -> F) -> F {
    if ok {
        fast(x)
    } else {
        slow(x)
    }
}

/// Elements per block of [`vloop_fix`]: the fix-up scan rereads a block from L1.
const BLOCK: usize = 512;

/// `out[i] = fast(x[i])` where `ok(x[i])`, else `slow(x[i])`, compiled for the machine's
/// widest vectors: per block, `fast` over every element (branch-free, vectorised), then a
/// vectorised scan for elements that are not `ok` and a scalar fix-up of those.
#[inline(always)]
fn vloop_fix<F: Copy>(
    x: &[F],
    out: &mut [F],
    fast: impl Fn(F) -> F,
    ok: impl Fn(F) -> bool,
    slow: impl Fn(F) -> F,
) {
    simd(
        #[inline(always)]
        || {
            for (xb, ob) in x.chunks(BLOCK).zip(out.chunks_mut(BLOCK)) {
                for (o, &v) in ob.iter_mut().zip(xb) {
                    *o = fast(v);
                }
                if xb.iter().fold(false, |a, &v| a | !ok(v)) {
                    for (o, &v) in ob.iter_mut().zip(xb) {
                        if !ok(v) {
                            *o = slow(v);
                        }
                    }
                }
            }
        },
    )
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
        VOp1::Exp => vloop(
            x,
            out,
            #[inline(always)]
            |v: F| v.vexp(),
        ),
        VOp1::Expm1 => vloop(
            x,
            out,
            #[inline(always)]
            |v: F| v.vexpm1(),
        ),
        VOp1::Log => vloop(
            x,
            out,
            #[inline(always)]
            |v: F| v.vlog(),
        ),
        VOp1::Log1p => vloop(
            x,
            out,
            #[inline(always)]
            |v: F| v.vlog1p(),
        ),
        VOp1::Log2 => vloop(
            x,
            out,
            #[inline(always)]
            |v: F| v.vlog2(),
        ),
        VOp1::Log10 => vloop(
            x,
            out,
            #[inline(always)]
            |v: F| v.vlog10(),
        ),
        VOp1::Sin => vloop_fix(
            x,
            out,
            #[inline(always)]
            |v: F| v.vsin(),
            #[inline(always)]
            |v: F| v.trig_ok(),
            |v: F| v.sin_slow(),
        ),
        VOp1::Cos => vloop_fix(
            x,
            out,
            #[inline(always)]
            |v: F| v.vcos(),
            #[inline(always)]
            |v: F| v.trig_ok(),
            |v: F| v.cos_slow(),
        ),
        VOp1::Tan => vloop_fix(
            x,
            out,
            #[inline(always)]
            |v: F| v.vtan(),
            #[inline(always)]
            |v: F| v.trig_ok(),
            |v: F| v.tan_slow(),
        ),
        VOp1::Tanh => vloop(
            x,
            out,
            #[inline(always)]
            |v: F| v.vtanh(),
        ),
        VOp1::Atan => vloop(
            x,
            out,
            #[inline(always)]
            |v: F| v.vatan(),
        ),
    }
}

/// `out[i] = fast(a[i], b[i])` where `ok(a[i], b[i])`, else `slow(a[i], b[i])`, blocked
/// as in [`vloop_fix`].
#[inline(always)]
fn vloop2_fix<F: Copy>(
    a: &[F],
    b: &[F],
    out: &mut [F],
    fast: impl Fn(F, F) -> F,
    ok: impl Fn(F, F) -> bool,
    slow: impl Fn(F, F) -> F,
) {
    simd(
        #[inline(always)]
        || {
            for ((ab, bb), ob) in a
                .chunks(BLOCK)
                .zip(b.chunks(BLOCK))
                .zip(out.chunks_mut(BLOCK))
            {
                for ((o, &x), &y) in ob.iter_mut().zip(ab).zip(bb) {
                    *o = fast(x, y);
                }
                let bad = ab
                    .iter()
                    .zip(bb)
                    .fold(false, |acc, (&x, &y)| acc | !ok(x, y));
                if bad {
                    for ((o, &x), &y) in ob.iter_mut().zip(ab).zip(bb) {
                        if !ok(x, y) {
                            *o = slow(x, y);
                        }
                    }
                }
            }
        },
    )
}

/// The slice loop of `op`.
#[inline(always)]
fn run2<F: VecMath>(op: VOp2, a: &[F], b: &[F], out: &mut [F]) {
    match op {
        VOp2::Pow => vloop2_fix(
            a,
            b,
            out,
            #[inline(always)]
            |x: F, y: F| x.vpow(y),
            #[inline(always)]
            |x: F, y: F| x.pow_ok(y),
            |x: F, y: F| x.powf(y),
        ),
        VOp2::Hypot => simd(
            #[inline(always)]
            || {
                for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                    *o = x.vhypot(y);
                }
            },
        ),
        VOp2::Atan2 => simd(
            #[inline(always)]
            || {
                for ((o, &y), &x) in out.iter_mut().zip(a).zip(b) {
                    *o = y.vatan2(x);
                }
            },
        ),
        _ => {
            for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                *o = libm2(op, x, y);
            }
        }
    }
}

/// The element function of `op`: the vectorisable `pow` (the C library's outside its
/// fast path) and `hypot`, else the C library's function (through `std`).
#[inline(always)]
fn libm2<F: VecMath>(op: VOp2, x: F, y: F) -> F {
    match op {
        VOp2::Pow => {
            if x.pow_ok(y) {
                x.vpow(y)
            } else {
                x.powf(y)
            }
        }
        VOp2::Hypot => x.vhypot(y),
        VOp2::Atan2 => x.vatan2(y),
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
                run2(self.0, a, b, out)
            }
        }
    )*};
}
impl_real!(f32, f64);
