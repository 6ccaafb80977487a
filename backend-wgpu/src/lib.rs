//! xp WebGPU backend.
