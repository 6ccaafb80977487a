//! xp's CPU backend.
