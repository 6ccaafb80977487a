//! The CPU backend's integration tests, one test binary (one link of the backend and
//! one set of monomorphised suites instead of twelve): each module is one test file.

mod common;

mod cast;
mod copies;
mod creation;
mod elementwise_complex;
mod elementwise_drive;
mod elementwise_float;
mod elementwise_int;
mod elementwise_ulp;
mod fft_conformance;
mod indexing;
mod linalg_conformance;
mod suite;
