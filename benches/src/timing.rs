//! The timing method of `xpbench`, mirrored line for line by `benches/numpy/bench.py` so that
//! both sides are measured the same way:
//!
//! 1. one untimed warm-up call (first touch of the output, caches, lazy initialisation);
//! 2. calibration: batches of 1, 2, 4, ... calls until a batch lasts `min_sample` (or one
//!    call does); `t1` is the last batch's time per call;
//! 3. `inner = ceil(min_sample / t1)` calls per sample, so that a sample lasts at least
//!    `min_sample` (timer resolution and call overhead vanish for small cases);
//! 4. `runs = clamp(budget / (inner * t1), min_runs, max_runs)` samples: many for small
//!    cases, a few for 10⁷ elements;
//! 5. the result is the median time per call over the samples (and the minimum).

use std::time::Instant;

/// How long to measure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Time to spend on the samples of one case, in seconds (approximately: at least
    /// `min_runs` samples are taken).
    pub budget: f64,
    /// Minimum duration of one sample, in seconds.
    pub min_sample: f64,
    /// Minimum number of samples.
    pub min_runs: usize,
    /// Maximum number of samples.
    pub max_runs: usize,
}

impl Settings {
    /// The settings of a full run: 0.25 s per case, samples of at least 1 ms, 5 to 200
    /// samples.
    pub const FULL: Settings = Settings {
        budget: 0.25,
        min_sample: 1e-3,
        min_runs: 5,
        max_runs: 200,
    };

    /// The settings of `--quick`: 0.1 s per case.
    pub const QUICK: Settings = Settings {
        budget: 0.1,
        min_sample: 1e-3,
        min_runs: 5,
        max_runs: 200,
    };

    /// Number of calls per sample and number of samples, given one call's time `t1` (s).
    pub fn plan(&self, t1: f64) -> (usize, usize) {
        let t1 = t1.max(1e-9);
        let inner = ((self.min_sample / t1).ceil() as usize).clamp(1, 1_000_000);
        let runs =
            ((self.budget / (inner as f64 * t1)) as usize).clamp(self.min_runs, self.max_runs);
        (inner, runs)
    }
}

/// The result of [`measure`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    /// Median time per call, in seconds.
    pub median: f64,
    /// Minimum time per call over the samples, in seconds.
    pub min: f64,
    /// Number of samples.
    pub runs: usize,
    /// Calls per sample.
    pub inner: usize,
}

/// Times `f` with the method described in the [module docs](self). The first error `f`
/// returns ends the measurement and is returned.
pub fn measure<E>(f: &mut dyn FnMut() -> Result<(), E>, s: &Settings) -> Result<Stats, E> {
    f()?;
    let mut batch = 1usize;
    let t1 = loop {
        let t = Instant::now();
        for _ in 0..batch {
            f()?;
        }
        let e = t.elapsed().as_secs_f64();
        if e >= s.min_sample || batch >= 1 << 20 {
            break e / batch as f64;
        }
        batch *= 2;
    };
    let (inner, runs) = s.plan(t1);
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        for _ in 0..inner {
            f()?;
        }
        samples.push(t.elapsed().as_secs_f64() / inner as f64);
    }
    Ok(Stats {
        median: median(&mut samples),
        min: samples[0],
        runs,
        inner,
    })
}

/// The median of `v` (the mean of the two middle values for an even count); sorts `v`.
/// NaN for an empty slice.
pub fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&mut []).is_nan());
    }

    #[test]
    fn plan_adapts_to_size() {
        let s = Settings::FULL;
        // 1 µs per call: 1000 calls per sample, capped at max_runs samples.
        let (inner, runs) = s.plan(1e-6);
        assert!(
            (1000..=1001).contains(&inner) && runs == 200,
            "{inner} {runs}"
        );
        // 50 ms per call: one call per sample, min_runs samples.
        assert_eq!(s.plan(0.05), (1, 5));
        // 10 ms per call: one call per sample, budget / t1 samples.
        assert_eq!(s.plan(0.01), (1, 25));
    }

    #[test]
    fn measure_counts_calls_and_stops_on_error() {
        let small = Settings {
            budget: 1e-4,
            min_sample: 1e-5,
            min_runs: 2,
            max_runs: 3,
        };
        let mut calls = 0usize;
        let st = measure::<()>(
            &mut || {
                calls += 1;
                Ok(())
            },
            &small,
        )
        .unwrap();
        // Warm-up, calibration batches 1 + 2 + 4 + ... (2^k - 1 calls in all), samples.
        let calibration = calls - 1 - st.runs * st.inner;
        assert!((calibration + 1).is_power_of_two(), "{calibration}");
        assert!(st.min <= st.median);
        let mut n = 0;
        let r = measure(
            &mut || {
                n += 1;
                if n == 3 {
                    Err("boom")
                } else {
                    Ok(())
                }
            },
            &small,
        );
        assert_eq!(r, Err("boom"));
    }
}
