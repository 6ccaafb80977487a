//! xp conformance suite.
