//! xp CUDA backend.
