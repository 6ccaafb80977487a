//! [`Reference`]: the oracle backend.
//!
//! Deliberately naive and obviously correct: storage is an `Arc<HostData>`, every kernel is
//! a plain loop over [`Layout::offsets`] or explicit multi-indices, with no fast paths and
//! no `unsafe`. It shares no code with any real backend; it uses only the `array-api`
//! contract (layouts, [`Element`] conversions). Writes are copy-on-write through
//! [`Arc::make_mut`].

mod copy;
mod creation;
pub mod elementwise;
mod fft;
mod indexing;
mod linalg;
mod multi_index;
mod scatter;
mod stats;

pub use multi_index::MultiIndex;

use array_api::{
    with_host, BackendCore, BackendInfo, DType, Element, Error, HostData, Layout, Result,
};
use std::sync::Arc;

/// The reference backend (a unit struct: it has one device, `"reference"`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Reference;

/// The reference backend's storage: a reference-counted host vector.
#[derive(Clone, Debug, PartialEq)]
pub struct RefStorage(pub Arc<HostData>);

impl RefStorage {
    /// The elements (the whole buffer, not a view of it).
    pub fn host(&self) -> &HostData {
        &self.0
    }

    /// Number of elements in the buffer.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `true` when the buffer holds no element.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The error a reference kernel returns for an internal inconsistency (a storage of the
/// wrong dtype, a layout reaching outside its storage).
pub(crate) fn backend_error(reason: impl Into<String>) -> Error {
    Error::Backend {
        backend: "reference".into(),
        reason: reason.into(),
    }
}

/// Checks that `storage` holds `dtype` elements.
pub(crate) fn check_storage(storage: &RefStorage, dtype: DType) -> Result<()> {
    if storage.0.dtype() == dtype {
        Ok(())
    } else {
        Err(backend_error(format!(
            "storage holds {} but the kernel was asked for {}",
            storage.0.dtype(),
            dtype
        )))
    }
}

/// Reads the elements of the view `layout` of `data` in C order, checking every storage
/// index against the buffer length.
pub(crate) fn read_view<T: Element>(data: &[T], layout: &Layout) -> Result<Vec<T>> {
    let mut out = Vec::with_capacity(layout.size());
    for o in layout.offsets() {
        match data.get(o) {
            Some(x) => out.push(*x),
            None => {
                return Err(backend_error(format!(
                    "layout {layout:?} reaches element {o} of a storage of {} elements",
                    data.len()
                )))
            }
        }
    }
    Ok(out)
}

/// Reads the view `layout` of `storage` as host data of `dtype`, in C order.
pub(crate) fn read_host(storage: &RefStorage, layout: &Layout, dtype: DType) -> Result<HostData> {
    check_storage(storage, dtype)?;
    with_host!(&*storage.0, v, T => Ok(T::into_host(read_view::<T>(v, layout)?)))
}

impl BackendCore for Reference {
    type Storage = RefStorage;

    fn info(&self) -> BackendInfo {
        BackendInfo {
            backend: "reference",
            device: "reference".into(),
            dtypes: DType::ALL.to_vec(),
            data_dependent_shapes: true,
            boolean_indexing: true,
            max_dimensions: None,
        }
    }

    fn from_host(&self, data: HostData) -> Result<RefStorage> {
        Ok(RefStorage(Arc::new(data)))
    }

    fn to_host(&self, storage: &RefStorage, layout: &Layout, dtype: DType) -> Result<HostData> {
        read_host(storage, layout, dtype)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_through_views() {
        let r = Reference;
        let s = r
            .from_host(HostData::Int32(vec![0, 1, 2, 3, 4, 5]))
            .unwrap();
        let l = Layout::contiguous(&[2, 3]).permute(&[1, 0]);
        assert_eq!(
            r.to_host(&s, &l, DType::Int32).unwrap(),
            HostData::Int32(vec![0, 3, 1, 4, 2, 5])
        );
        let f = Layout::contiguous(&[6]).flip_axis(0);
        assert_eq!(
            r.to_host(&s, &f, DType::Int32).unwrap(),
            HostData::Int32(vec![5, 4, 3, 2, 1, 0])
        );
        assert!(r.to_host(&s, &l, DType::Int64).is_err());
        let too_far = Layout::new(vec![3], vec![3], 0);
        assert!(r.to_host(&s, &too_far, DType::Int32).is_err());
    }

    #[test]
    fn info_lists_every_dtype() {
        let i = Reference.info();
        assert_eq!(i.backend, "reference");
        assert_eq!(i.device, "reference");
        assert_eq!(i.dtypes, DType::ALL.to_vec());
    }
}
