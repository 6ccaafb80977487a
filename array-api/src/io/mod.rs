//! Reading and writing NumPy `.npy` / `.npz` files.
