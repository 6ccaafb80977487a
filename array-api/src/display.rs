//! NumPy-like formatting of arrays (`Display`).
