//! Comparing the backend under test with [`Reference`](crate::Reference): the [`both!`](crate::both)
//! macro runs one expression on each, [`agree`] compares the outcomes.

use crate::tolerance::{close_match, Tolerance};
use array_api::{Array, Backend, DType, Error, HostData};
use proptest::test_runner::{TestCaseError, TestCaseResult};

/// The observable result of an operation: arrays (shape + values in C order).
pub trait Outcome {
    /// Every output array's shape and values.
    fn snapshot(&self) -> array_api::Result<Vec<(Vec<usize>, HostData)>>;
}

impl<X: Backend> Outcome for Array<X> {
    fn snapshot(&self) -> array_api::Result<Vec<(Vec<usize>, HostData)>> {
        let h = self.to_host()?;
        if h.dtype() != self.dtype() || h.len() != self.size() {
            return Err(Error::Backend {
                backend: self.device().device_name(),
                reason: format!(
                    "to_host gave {} {} elements for a {} array of shape {:?}",
                    h.len(),
                    h.dtype(),
                    self.dtype(),
                    self.shape()
                ),
            });
        }
        Ok(vec![(self.shape().to_vec(), h)])
    }
}

impl<X: Backend> Outcome for Vec<Array<X>> {
    fn snapshot(&self) -> array_api::Result<Vec<(Vec<usize>, HostData)>> {
        let mut out = Vec::with_capacity(self.len());
        for a in self {
            out.extend(a.snapshot()?);
        }
        Ok(out)
    }
}

thread_local! {
    static VALID: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Number of [`agree`] calls on this thread so far whose reference result was `Ok` (the
/// suite reports how many generated cases were valid inputs rather than error cases).
pub fn valid_count() -> u64 {
    VALID.with(|v| v.get())
}

/// Counts one valid (non-error) case for the running property, for properties that do not
/// go through [`agree`].
pub fn note_valid() {
    VALID.with(|v| v.set(v.get() + 1));
}

/// The variant name of an error (`"AxisOutOfBounds"`, ...).
pub fn error_kind(e: &Error) -> String {
    format!("{e:?}")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// `Ok` when two snapshots are equal: same number of arrays, shapes, dtypes and values
/// (exactly; see [`exact_match`](crate::compare::exact_match)).
pub fn same_snapshot(
    got: &[(Vec<usize>, HostData)],
    want: &[(Vec<usize>, HostData)],
) -> Result<(), String> {
    close_snapshot(got, want, Tolerance::Exact)
}

/// `Ok` when two snapshots have the same number of arrays, shapes and dtypes, and values
/// equal within `tol` (see [`close_match`]).
pub fn close_snapshot(
    got: &[(Vec<usize>, HostData)],
    want: &[(Vec<usize>, HostData)],
    tol: Tolerance,
) -> Result<(), String> {
    if got.len() != want.len() {
        return Err(format!(
            "{} output arrays, expected {}",
            got.len(),
            want.len()
        ));
    }
    for (i, ((gs, gh), (ws, wh))) in got.iter().zip(want).enumerate() {
        let which = if got.len() > 1 {
            format!("output {i}: ")
        } else {
            String::new()
        };
        if gs != ws {
            return Err(format!("{which}shape {gs:?}, expected {ws:?}"));
        }
        if gh.dtype() != wh.dtype() {
            return Err(format!(
                "{which}dtype {}, expected {}",
                gh.dtype(),
                wh.dtype()
            ));
        }
        close_match(gh, wh, tol).map_err(|m| format!("{which}{m}"))?;
    }
    Ok(())
}

/// Compares the outcome on the device under test (`got`) with the reference's (`want`).
///
/// Both `Ok`: the outputs must be equal (shapes, dtypes, values). Both `Err`: the same
/// error kind. `got` may also be `Err(UnsupportedDType)` for a dtype the device does not
/// support (`supported`), where the reference succeeds. Anything else fails.
pub fn agree<T: Outcome, U: Outcome>(
    got: array_api::Result<T>,
    want: array_api::Result<U>,
    supported: &[DType],
) -> TestCaseResult {
    agree_within(got, want, supported, Tolerance::Exact)
}

/// [`agree`], with output values compared within `tol`.
pub fn agree_within<T: Outcome, U: Outcome>(
    got: array_api::Result<T>,
    want: array_api::Result<U>,
    supported: &[DType],
    tol: Tolerance,
) -> TestCaseResult {
    let fail = |m: String| Err(TestCaseError::fail(m));
    if want.is_ok() {
        VALID.with(|v| v.set(v.get() + 1));
    }
    match (got, want) {
        (Ok(g), Ok(w)) => {
            let g = match g.snapshot() {
                Ok(g) => g,
                Err(e) => return fail(format!("reading the result back failed: {e}")),
            };
            let w = w
                .snapshot()
                .map_err(|e| TestCaseError::fail(format!("reference read-back failed: {e}")))?;
            close_snapshot(&g, &w, tol).or_else(fail)
        }
        (Err(Error::UnsupportedDType { dtype, .. }), _) if !supported.contains(&dtype) => Ok(()),
        (Err(g), Err(w)) => {
            if error_kind(&g) == error_kind(&w) {
                Ok(())
            } else {
                fail(format!(
                    "error {}: {g}; the reference gives {}: {w}",
                    error_kind(&g),
                    error_kind(&w)
                ))
            }
        }
        (Err(g), Ok(_)) => fail(format!(
            "error {}: {g}; the reference succeeds",
            error_kind(&g)
        )),
        (Ok(_), Err(w)) => fail(format!(
            "succeeds; the reference gives {}: {w}",
            error_kind(&w)
        )),
    }
}

/// Runs `$body` twice, with `$d` bound to the device under test (`$dev`, a `&B`) and to
/// `&Reference`, and compares the two `Result`s with [`agree`]. The body is generic code
/// over the device: it builds inputs with `$d` and returns `array_api::Result<_>` of an
/// array or a `Vec` of arrays.
///
/// `both!(dev, tol, |d| body)` compares values within the
/// [`Tolerance`](crate::tolerance::Tolerance) `tol`.
#[macro_export]
macro_rules! both {
    ($dev:expr, $tol:expr, |$d:ident| $body:expr) => {{
        let dev = $dev;
        #[allow(clippy::redundant_closure_call)]
        let got = (|| -> ::array_api::Result<_> {
            let $d = dev;
            $body
        })();
        #[allow(clippy::redundant_closure_call)]
        let want = (|| -> ::array_api::Result<_> {
            let $d = &$crate::Reference;
            $body
        })();
        $crate::suite::check::agree_within(
            got,
            want,
            &::array_api::BackendCore::info(dev).dtypes,
            $tol,
        )
    }};
    ($dev:expr, |$d:ident| $body:expr) => {{
        let dev = $dev;
        #[allow(clippy::redundant_closure_call)]
        let got = (|| -> ::array_api::Result<_> {
            let $d = dev;
            $body
        })();
        #[allow(clippy::redundant_closure_call)]
        let want = (|| -> ::array_api::Result<_> {
            let $d = &$crate::Reference;
            $body
        })();
        $crate::suite::check::agree(got, want, &::array_api::BackendCore::info(dev).dtypes)
    }};
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Reference;

    #[test]
    fn agreement_rules() {
        let a = Array::from_vec(vec![1i32, 2], [2], &Reference).unwrap();
        let b = Array::from_vec(vec![1i32, 3], [2], &Reference).unwrap();
        assert!(agree(Ok(a.clone()), Ok(a.clone()), &DType::ALL).is_ok());
        assert!(agree(Ok(a.clone()), Ok(b), &DType::ALL).is_err());
        let e1: array_api::Result<Array<Reference>> = Err(Error::AxisOutOfBounds {
            op: "x",
            axis: 3,
            ndim: 1,
        });
        let e2: array_api::Result<Array<Reference>> = Err(Error::AxisOutOfBounds {
            op: "y",
            axis: 2,
            ndim: 1,
        });
        assert!(agree(e1.clone(), e2, &DType::ALL).is_ok());
        assert!(agree(e1, Ok(a.clone()), &DType::ALL).is_err());
        let u: array_api::Result<Array<Reference>> = Err(Error::UnsupportedDType {
            op: "x",
            dtype: DType::Float64,
            backend: "t".into(),
        });
        assert!(agree(u.clone(), Ok(a.clone()), &[DType::Int32]).is_ok());
        assert!(agree(u, Ok(a), &DType::ALL).is_err());
        assert_eq!(error_kind(&Error::invalid("x", "y")), "InvalidArgument");
    }

    #[test]
    fn both_runs_on_both_devices() {
        let r = both!(&Reference, |d| array_api::zeros([2, 3], DType::Int8, d));
        assert!(r.is_ok());
    }
}
