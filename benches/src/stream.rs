//! A STREAM-like measurement of the machine's memory bandwidth: `copy` (`c = a`, 16 bytes
//! per element) and `triad` (`a = b + s * c`, 24 bytes per element) over f64 arrays of 2²⁵
//! elements (256 MiB each, beyond the caches), on one thread and on every core (std
//! threads, one contiguous chunk each). As in STREAM, the best of several repetitions
//! counts, and bytes are the useful traffic (write-allocate not counted).
//!
//! Bandwidth-bound cases are reported as a fraction of [`Bandwidth::machine`], the best
//! triad (one thread or all): what the machine sustains on a read-read-write stream, the
//! pattern of a binary elementwise op.

use serde_json::{json, Value};
use std::hint::black_box;
use std::time::Instant;

/// Elements per array of the full measurement (2²⁵ f64 = 256 MiB).
pub const N: usize = 1 << 25;

/// Measured bandwidths, in GB/s (10⁹ bytes per second).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bandwidth {
    /// Elements per array.
    pub n: usize,
    /// Threads of the multi-threaded measurements.
    pub threads: usize,
    /// `copy` on one thread.
    pub copy_1t: f64,
    /// `triad` on one thread.
    pub triad_1t: f64,
    /// `copy` on `threads` threads.
    pub copy_mt: f64,
    /// `triad` on `threads` threads.
    pub triad_mt: f64,
}

impl Bandwidth {
    /// The machine's bandwidth used as the reference for bandwidth-bound cases: the best
    /// triad, on one thread or on all (on a busy or small machine, more threads need not
    /// be faster).
    pub fn machine(&self) -> f64 {
        self.triad_mt.max(self.triad_1t)
    }

    /// As JSON: `{"n", "threads", "copy_1t", "triad_1t", "copy_mt", "triad_mt", "machine"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "n": self.n,
            "threads": self.threads,
            "copy_1t": self.copy_1t,
            "triad_1t": self.triad_1t,
            "copy_mt": self.copy_mt,
            "triad_mt": self.triad_mt,
            "machine": self.machine(),
        })
    }
}

/// A kernel over matching chunks `(dst, x, y)`.
type Kernel = dyn Fn(&mut [f64], &[f64], &[f64]) + Sync;

/// Runs `f` on matching chunks of `(dst, x, y)`, one chunk per thread (the caller's thread
/// when `threads == 1`).
fn on_chunks(threads: usize, dst: &mut [f64], x: &[f64], y: &[f64], f: &Kernel) {
    if threads <= 1 {
        return f(dst, x, y);
    }
    let chunk = dst.len().div_ceil(threads);
    std::thread::scope(|s| {
        for ((d, x), y) in dst
            .chunks_mut(chunk)
            .zip(x.chunks(chunk))
            .zip(y.chunks(chunk))
        {
            s.spawn(move || f(d, x, y));
        }
    });
}

fn copy_kernel(d: &mut [f64], x: &[f64], _: &[f64]) {
    d.copy_from_slice(x);
}

fn triad_kernel(d: &mut [f64], x: &[f64], y: &[f64]) {
    let s = black_box(3.0);
    for ((d, &x), &y) in d.iter_mut().zip(x).zip(y) {
        *d = x + s * y;
    }
}

/// Best time of `reps` runs of `f` on chunks, in seconds.
fn best(
    reps: usize,
    threads: usize,
    dst: &mut [f64],
    x: &[f64],
    y: &[f64],
    f: fn(&mut [f64], &[f64], &[f64]),
) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..reps {
        let t = Instant::now();
        on_chunks(threads, dst, x, y, &f);
        best = best.min(t.elapsed().as_secs_f64());
        black_box(&mut *dst);
    }
    best
}

/// Measures copy and triad over arrays of `n` f64, best of `reps` (≥ 1) each, on one
/// thread and on `threads` threads (every core when `None`).
pub fn measure(n: usize, reps: usize, threads: Option<usize>) -> Bandwidth {
    let threads =
        threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |p| p.get()));
    let reps = reps.max(1);
    // Touch every page first, in parallel (first touch places pages, as STREAM does).
    let mut a = vec![0.0f64; n];
    let mut b = vec![0.0f64; n];
    let mut c = vec![0.0f64; n];
    fill_chunks(threads, &mut a, 1.0);
    fill_chunks(threads, &mut b, 2.0);
    fill_chunks(threads, &mut c, 0.0);
    let gb = |bytes_per: usize, t: f64| (bytes_per * n) as f64 / t / 1e9;
    let copy_1t = gb(16, best(reps, 1, &mut c, &a, &b, copy_kernel));
    let triad_1t = gb(24, best(reps, 1, &mut a, &b, &c, triad_kernel));
    let copy_mt = gb(16, best(reps, threads, &mut c, &a, &b, copy_kernel));
    let triad_mt = gb(24, best(reps, threads, &mut a, &b, &c, triad_kernel));
    Bandwidth {
        n,
        threads,
        copy_1t,
        triad_1t,
        copy_mt,
        triad_mt,
    }
}

/// Fills `v` with `x`, one chunk per thread.
fn fill_chunks(threads: usize, v: &mut [f64], x: f64) {
    let chunk = v.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        for d in v.chunks_mut(chunk) {
            s.spawn(move || d.fill(x));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_measurement_is_positive() {
        let b = measure(1 << 12, 2, Some(2));
        assert_eq!((b.n, b.threads), (1 << 12, 2));
        for v in [b.copy_1t, b.triad_1t, b.copy_mt, b.triad_mt] {
            assert!(v.is_finite() && v > 0.0);
        }
        assert_eq!(b.to_json()["machine"], b.triad_mt.max(b.triad_1t));
    }

    #[test]
    fn chunks_cover_everything() {
        let x: Vec<f64> = (0..1001).map(f64::from).collect();
        let y = vec![1.0; 1001];
        let mut d = vec![0.0; 1001];
        on_chunks(3, &mut d, &x, &y, &triad_kernel);
        assert!(d.iter().zip(&x).all(|(&d, &x)| d == x + 3.0));
    }
}
