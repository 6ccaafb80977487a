//! `astype`: conversion between dtypes.

use crate::array::check_dtype;
use crate::{Array, Backend, DType, Result};

/// A copy of `x` converted to `dtype` (the standard's `astype(x, dtype, copy=True)`).
///
/// Every pair of numeric and bool dtypes is allowed. The results for conversions that
/// NumPy leaves to the platform are xp's documented choices:
///
/// - integer → narrower integer wraps (two's complement), as in NumPy;
/// - float → integer truncates toward zero and *saturates* at the integer's bounds; NaN
///   becomes 0 (NumPy's result here is platform-defined and warns);
/// - complex → real keeps the real part (NumPy warns and does the same);
/// - any → bool is `x != 0` (NaN is `true`); bool → number is 0 or 1.
///
/// Because arrays have value semantics, `astype` to the same dtype returns a cheap handle to
/// the same storage (the standard's `copy=False` is never needed).
///
/// ```
/// use xp::prelude::*;
/// let x = Array::from_vec(vec![-1.5f64, 2.7, f64::NAN, 1e20], [4], &Cpu)?;
/// let i = xp::astype(&x, DType::Int32)?;
/// assert_eq!(i.to_vec::<i32>()?, vec![-1, 2, 0, i32::MAX]);
/// # Ok::<(), xp::Error>(())
/// ```
pub fn astype<B: Backend>(x: &Array<B>, dtype: DType) -> Result<Array<B>> {
    check_dtype(&x.backend, x.dtype, "astype")?;
    check_dtype(&x.backend, dtype, "astype")?;
    if dtype == x.dtype {
        return Ok(x.clone());
    }
    let s = x.backend.cast(&x.storage, &x.layout, x.dtype, dtype)?;
    Ok(Array::contiguous_from(s, x.shape(), dtype, &x.backend))
}

impl<B: Backend> Array<B> {
    /// Method form of [`astype`].
    pub fn astype(&self, dtype: DType) -> Result<Array<B>> {
        astype(self, dtype)
    }
}
