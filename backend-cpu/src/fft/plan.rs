//! The plan cache: one global, thread-safe rustfft planner and one realfft planner per
//! precision. Each planner keeps every plan it made (keyed by length and direction), so a
//! plan is built once per process and shared (`Arc`) by every later call and thread.

use array_api::Element;
use num_complex::Complex;
use num_traits::Float;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use rustfft::{Fft, FftDirection, FftNum, FftPlanner};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// The planners of one precision.
pub(crate) struct PlanCache<T: FftNum> {
    c2c: Mutex<FftPlanner<T>>,
    real: Mutex<RealFftPlanner<T>>,
}

impl<T: FftNum> PlanCache<T> {
    fn new() -> Self {
        PlanCache {
            c2c: Mutex::new(FftPlanner::new()),
            real: Mutex::new(RealFftPlanner::new()),
        }
    }

    /// The complex plan of length `n` (`forward`: `exp(-2πi jk/n)`).
    pub(crate) fn c2c(&self, n: usize, forward: bool) -> Arc<dyn Fft<T>> {
        let dir = if forward {
            FftDirection::Forward
        } else {
            FftDirection::Inverse
        };
        // A panic while planning leaves the planner's cache consistent (it inserts whole
        // plans), so a poisoned lock is still usable.
        let mut p = self.c2c.lock().unwrap_or_else(PoisonError::into_inner);
        p.plan_fft(n, dir)
    }

    /// The real-to-complex plan of length `n`.
    pub(crate) fn r2c(&self, n: usize) -> Arc<dyn RealToComplex<T>> {
        let mut p = self.real.lock().unwrap_or_else(PoisonError::into_inner);
        p.plan_fft_forward(n)
    }

    /// The complex-to-real plan of length `n`.
    pub(crate) fn c2r(&self, n: usize) -> Arc<dyn ComplexToReal<T>> {
        let mut p = self.real.lock().unwrap_or_else(PoisonError::into_inner);
        p.plan_fft_inverse(n)
    }
}

/// A float the transforms run in (`f32`, `f64`), with its global plan cache.
pub(crate) trait FftFloat: FftNum + Float + Element
where
    Complex<Self>: Element,
{
    /// The plan cache of this precision.
    fn plans() -> &'static PlanCache<Self>;
}

impl FftFloat for f32 {
    fn plans() -> &'static PlanCache<f32> {
        static CACHE: OnceLock<PlanCache<f32>> = OnceLock::new();
        CACHE.get_or_init(PlanCache::new)
    }
}

impl FftFloat for f64 {
    fn plans() -> &'static PlanCache<f64> {
        static CACHE: OnceLock<PlanCache<f64>> = OnceLock::new();
        CACHE.get_or_init(PlanCache::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_are_shared_across_calls_and_threads() {
        let a = f64::plans().c2c(1009, true);
        let b = std::thread::spawn(|| f64::plans().c2c(1009, true))
            .join()
            .unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &f64::plans().c2c(1009, false)));
        let r = f32::plans().r2c(48);
        assert!(Arc::ptr_eq(&r, &f32::plans().r2c(48)));
        assert!(Arc::ptr_eq(&f32::plans().c2r(47), &f32::plans().c2r(47)));
    }
}
