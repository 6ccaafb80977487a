//! [`Ctx`]: the state of one suite run: the device, its dtype split, the proptest
//! configuration and the [`Report`] being filled.

use crate::report::Report;
use array_api::{Backend, DType};
use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseResult, TestError, TestRng, TestRunner};
use std::fmt::Debug;

/// Generated cases per property when `XP_CONFORMANCE_CASES` is not set.
pub const DEFAULT_CASES: u32 = 64;

/// The state of a suite run on one device.
pub struct Ctx<'a, B: Backend> {
    /// The device under test.
    pub device: &'a B,
    /// The dtypes the device supports (in [`DType::ALL`] order).
    pub supported: Vec<DType>,
    /// The dtypes of [`DType::ALL`] it does not support.
    pub unsupported: Vec<DType>,
    /// The report being filled.
    pub report: Report,
    cases: u32,
    seed: u64,
}

/// FNV-1a, to derive one independent RNG seed per property from its name.
fn fnv(seed: u64, name: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in name.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl<'a, B: Backend> Ctx<'a, B> {
    /// A context for `device`, reporting as suite `name`. Reads `XP_CONFORMANCE_CASES`
    /// (cases per property, default 64) and `XP_CONFORMANCE_SEED` (default 0).
    pub fn new(device: &'a B, name: &str) -> Ctx<'a, B> {
        let info = device.info();
        let (supported, unsupported) = DType::ALL.iter().partition(|d| info.dtypes.contains(d));
        let env = |k: &str| {
            std::env::var(k)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        Ctx {
            device,
            supported,
            unsupported,
            report: Report::new(name, info.device),
            cases: env("XP_CONFORMANCE_CASES")
                .map_or(DEFAULT_CASES, |c| c.clamp(1, u32::MAX as u64) as u32),
            seed: env("XP_CONFORMANCE_SEED").unwrap_or(0),
        }
    }

    /// Cases per property.
    pub fn cases(&self) -> u32 {
        self.cases
    }

    /// `true` when the device supports `dtype`.
    pub fn supports(&self, dtype: DType) -> bool {
        self.supported.contains(&dtype)
    }

    /// The supported dtypes among `dtypes`.
    pub fn supported_of(&self, dtypes: &[DType]) -> Vec<DType> {
        dtypes
            .iter()
            .copied()
            .filter(|d| self.supports(*d))
            .collect()
    }

    /// Runs property `test` of function `name` on `strategy`'s values with a proptest
    /// runner (deterministic per name and seed, shrinking on failure) and records the
    /// outcome. A failing property does not stop the suite.
    pub fn property<S: Strategy>(
        &mut self,
        name: &str,
        strategy: S,
        test: impl Fn(S::Value) -> TestCaseResult,
    ) {
        let config = Config {
            cases: self.cases,
            failure_persistence: None,
            max_shrink_iters: 2048,
            ..Config::default()
        };
        let mut seed = [0u8; 32];
        let h = fnv(self.seed, name);
        for (i, chunk) in seed.chunks_mut(8).enumerate() {
            chunk.copy_from_slice(&fnv(h, &i.to_string()).to_le_bytes());
        }
        let mut runner =
            TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
        let valid_before = super::check::valid_count();
        match runner.run(&strategy, test) {
            Ok(()) => {
                self.report.pass(name, self.cases as u64);
                self.report
                    .valid(name, super::check::valid_count() - valid_before);
            }
            Err(TestError::Fail(reason, value)) => {
                self.report
                    .fail(name, reason.message().to_string(), format!("{value:?}"))
            }
            Err(TestError::Abort(reason)) => self.report.fail(
                name,
                format!("aborted: {}", reason.message()),
                String::new(),
            ),
        }
    }

    /// Records one fixed (non-generated) case of `name`: `Ok` passes, `Err(message)` fails
    /// with `input` as the failing input.
    pub fn fixed(&mut self, name: &str, input: impl Debug, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => {
                self.report.pass(name, 1);
                self.report.valid(name, 1);
            }
            Err(m) => self.report.fail(name, m, format!("{input:?}")),
        }
    }

    /// Records that `name` was not run for the device's unsupported dtypes.
    pub fn note_unsupported(&mut self, name: &str) {
        let u = self.unsupported.clone();
        self.report.unsupported(name, &u);
    }
}
