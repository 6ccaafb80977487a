//! DType strategies and the supported/unsupported split of a backend's dtype list.

use array_api::{BackendCore, DType};
use proptest::prelude::*;
use proptest::sample::select;

/// One of `dtypes` (which must not be empty).
pub fn dtype_in(dtypes: &[DType]) -> BoxedStrategy<DType> {
    select(dtypes.to_vec()).boxed()
}

/// Splits `candidates` into the dtypes `device` supports and those it does not, in order.
pub fn split_supported<B: BackendCore>(
    device: &B,
    candidates: &[DType],
) -> (Vec<DType>, Vec<DType>) {
    let declared = device.info().dtypes;
    candidates.iter().partition(|d| declared.contains(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Reference;

    #[test]
    fn reference_supports_everything() {
        let (yes, no) = split_supported(&Reference, &DType::ALL);
        assert_eq!(yes, DType::ALL.to_vec());
        assert!(no.is_empty());
        let (yes, no) = split_supported(&Reference, &[DType::Int8, DType::String]);
        assert_eq!((yes, no), (vec![DType::Int8], vec![DType::String]));
    }
}
