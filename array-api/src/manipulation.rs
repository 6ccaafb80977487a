//! manipulation
