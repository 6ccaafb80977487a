//! xp benchmarks.
