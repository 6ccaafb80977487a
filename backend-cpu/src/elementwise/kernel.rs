//! The kernel traits the elementwise drivers run, and their closure adapters.
//!
//! A kernel is a pair: `one`, the function on one element (used for short strided runs),
//! and `run`, the same function over equal-length contiguous slices (the hot loop). For
//! the closure adapters [`K1`], [`K2`], [`K3`], `run` is the obvious loop compiled once
//! per instruction set (AVX-512, AVX2+FMA, baseline) and chosen at run time with
//! [`pulp::Arch::dispatch`], so LLVM vectorises it with the widest registers the machine
//! has. Hand-written kernels (the SIMD polynomial functions) implement the traits
//! directly.
//!
//! The drivers take kernels as trait objects, so the layout-walking code is compiled once
//! per element type rather than once per function; a virtual call per block of elements
//! costs nothing measurable.
//!
//! Each kernel also states its parallel threshold: outputs of at least that many elements
//! are split over rayon's threads. Cheap memory-bound functions pay for threads only on
//! large arrays; transcendental functions much earlier.

/// Outputs of at least this many elements are split over threads for cheap functions
/// (`+ - *`, comparisons, bitwise ops, copies of a sign...). Measured on the 2-core
/// development machine: a threaded `add` beats a serial one from about 2^17 elements.
pub const PAR_CHEAP: usize = 1 << 17;
/// Threshold for moderately expensive functions (division, `sqrt`, integer `//`, `%`,
/// rounding, complex multiplication).
pub const PAR_MEDIUM: usize = 1 << 14;
/// Threshold for transcendental functions (tens of cycles per element or more).
pub const PAR_HEAVY: usize = 1 << 12;

/// Runs `f` compiled for the best instruction set of this machine (AVX-512, AVX2+FMA or
/// the baseline), so that the loops inside vectorise with the widest registers.
///
/// `f` and everything it calls per element must be inlined into it (`#[inline(always)]`
/// on the element functions and on the closure) for the instruction set to apply. `f` is
/// called through `Inlined`, not as a plain `FnOnce`: pulp would call it through the
/// closure's `call_once` shim, which is not `#[inline(always)]`, so LLVM's cost model
/// decided whether the loop got the instruction set (long kernels ran scalar, with a
/// C-library `fma` call per multiply-add).
#[inline(always)]
pub fn simd<R>(f: impl FnMut() -> R) -> R {
    pulp::Arch::new().dispatch(Inlined(f))
}

/// A closure handed to pulp's dispatch, called through `FnMut` (its body directly) inside
/// the instruction-set specific function.
struct Inlined<F>(F);

impl<R, F: FnMut() -> R> pulp::WithSimd for Inlined<F> {
    type Output = R;
    #[inline(always)]
    fn with_simd<S: pulp::Simd>(mut self, _simd: S) -> R {
        (self.0)()
    }
}

/// A unary kernel: `out[i] = f(x[i])`.
pub trait Kern1<T, U>: Sync {
    /// Outputs of at least this many elements are split over threads.
    fn par_threshold(&self) -> usize;
    /// `f` of one element.
    fn one(&self, x: T) -> U;
    /// `f` over a contiguous slice (`x.len() == out.len()`).
    fn run(&self, x: &[T], out: &mut [U]);
}

/// A binary kernel: `out[i] = f(a[i], b[i])`.
pub trait Kern2<T: Copy, U>: Sync {
    /// Outputs of at least this many elements are split over threads.
    fn par_threshold(&self) -> usize;
    /// `f` of one pair.
    fn one(&self, a: T, b: T) -> U;
    /// `f` over contiguous slices of equal length.
    fn run(&self, a: &[T], b: &[T], out: &mut [U]);
}

/// A ternary kernel: `out[i] = f(a[i], b[i], c[i])` (operands of possibly different
/// types: `clip` and `where`).
pub trait Kern3<A, B, C, U>: Sync {
    /// Outputs of at least this many elements are split over threads.
    fn par_threshold(&self) -> usize;
    /// `f` of one triple.
    fn one(&self, a: A, b: B, c: C) -> U;
    /// `f` over contiguous slices of equal length.
    fn run(&self, a: &[A], b: &[B], c: &[C], out: &mut [U]);
}

/// A unary kernel from an element closure, vectorised by the compiler.
#[derive(Clone, Copy)]
pub struct K1<F>(pub F, pub usize);

impl<T: Copy, U, F: Fn(T) -> U + Sync> Kern1<T, U> for K1<F> {
    #[inline]
    fn par_threshold(&self) -> usize {
        self.1
    }
    #[inline(always)]
    fn one(&self, x: T) -> U {
        (self.0)(x)
    }
    #[inline]
    fn run(&self, x: &[T], out: &mut [U]) {
        let f = &self.0;
        simd(
            #[inline(always)]
            || {
                for (o, &v) in out.iter_mut().zip(x) {
                    *o = f(v);
                }
            },
        )
    }
}

/// A binary kernel from an element closure, vectorised by the compiler.
#[derive(Clone, Copy)]
pub struct K2<F>(pub F, pub usize);

impl<T: Copy, U, F: Fn(T, T) -> U + Sync> Kern2<T, U> for K2<F> {
    #[inline]
    fn par_threshold(&self) -> usize {
        self.1
    }
    #[inline(always)]
    fn one(&self, a: T, b: T) -> U {
        (self.0)(a, b)
    }
    #[inline]
    fn run(&self, a: &[T], b: &[T], out: &mut [U]) {
        let f = &self.0;
        simd(
            #[inline(always)]
            || {
                for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                    *o = f(x, y);
                }
            },
        )
    }
}

/// A ternary kernel from an element closure, vectorised by the compiler.
#[derive(Clone, Copy)]
pub struct K3<F>(pub F, pub usize);

impl<A: Copy, B: Copy, C: Copy, U, F: Fn(A, B, C) -> U + Sync> Kern3<A, B, C, U> for K3<F> {
    #[inline]
    fn par_threshold(&self) -> usize {
        self.1
    }
    #[inline(always)]
    fn one(&self, a: A, b: B, c: C) -> U {
        (self.0)(a, b, c)
    }
    #[inline]
    fn run(&self, a: &[A], b: &[B], c: &[C], out: &mut [U]) {
        let f = &self.0;
        simd(
            #[inline(always)]
            || {
                for (((o, &x), &y), &z) in out.iter_mut().zip(a).zip(b).zip(c) {
                    *o = f(x, y, z);
                }
            },
        )
    }
}
