//! The timing loop shared by the timing examples.

use std::time::Instant;

/// The least time of `reps` calls of `f` (after one warm-up call), in seconds.
pub fn best(reps: usize, mut f: impl FnMut()) -> f64 {
    f();
    (0..reps)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}
