//! The WebGPU backend's integration tests, one test binary (one link of the backend
//! instead of six): each module is one test file. `accuracy_no_f64` stays a binary of its
//! own: it hides `f64` support through an environment variable read at device creation.

#[path = "../support/mod.rs"]
mod support;

mod accuracy;
mod device;
mod kernels;
mod linalg_conformance;
mod stats;
mod suite;
