//! Reference copy kernels: `copy_into`, `contiguous`, `cast`, `tri`.

use super::{backend_error, check_storage, read_host, MultiIndex, RefStorage, Reference};
use array_api::{with_dtype, with_host, CopyOps, DType, Element, Layout, Result};
use std::sync::Arc;

/// Writes `values` (C order) into the view `layout` of `data`, checking every index.
pub(crate) fn write_view<T: Element>(data: &mut [T], layout: &Layout, values: &[T]) -> Result<()> {
    if values.len() != layout.size() {
        return Err(backend_error(format!(
            "{} values cannot fill a view of {} elements",
            values.len(),
            layout.size()
        )));
    }
    let len = data.len();
    for (o, x) in layout.offsets().zip(values) {
        match data.get_mut(o) {
            Some(slot) => *slot = *x,
            None => {
                return Err(backend_error(format!(
                    "layout {layout:?} reaches element {o} of a storage of {len} elements"
                )))
            }
        }
    }
    Ok(())
}

impl CopyOps for Reference {
    fn copy_into(
        &self,
        src: &RefStorage,
        src_layout: &Layout,
        dst: &mut RefStorage,
        dst_layout: &Layout,
        dtype: DType,
    ) -> Result<()> {
        check_storage(dst, dtype)?;
        if src_layout.shape() != dst_layout.shape() {
            return Err(backend_error(format!(
                "copy_into: source shape {:?} differs from destination shape {:?}",
                src_layout.shape(),
                dst_layout.shape()
            )));
        }
        if !dst_layout.is_writable() {
            return Err(backend_error(
                "copy_into: the destination layout repeats elements",
            ));
        }
        // Read everything first: `src` may share its buffer with `dst`.
        let values = read_host(src, src_layout, dtype)?;
        let buffer = Arc::make_mut(&mut dst.0);
        with_host!(buffer, d, T => {
            let v = T::slice(&values).ok_or_else(|| backend_error("copy_into: dtype mismatch"))?;
            write_view::<T>(d, dst_layout, v)
        })
    }

    fn contiguous(&self, src: &RefStorage, layout: &Layout, dtype: DType) -> Result<RefStorage> {
        Ok(RefStorage(Arc::new(read_host(src, layout, dtype)?)))
    }

    fn cast(
        &self,
        src: &RefStorage,
        layout: &Layout,
        from: DType,
        to: DType,
    ) -> Result<RefStorage> {
        let values = read_host(src, layout, from)?;
        let out = with_dtype!(to, U => {
            let v: Vec<U> = with_host!(&values, v, _T => v.iter().map(|x| U::from_scalar(x.to_scalar())).collect());
            U::into_host(v)
        }, else => return Err(array_api::Error::UnsupportedDType { op: "astype", dtype: to, backend: "reference".into() }));
        Ok(RefStorage(Arc::new(out)))
    }

    fn tri(
        &self,
        src: &RefStorage,
        layout: &Layout,
        dtype: DType,
        k: i64,
        upper: bool,
    ) -> Result<RefStorage> {
        check_storage(src, dtype)?;
        let n = layout.ndim();
        if n < 2 {
            return Err(backend_error(format!(
                "tri: needs at least 2 dimensions, got {n}"
            )));
        }
        let out = with_host!(&*src.0, v, T => {
            let mut out: Vec<T> = Vec::with_capacity(layout.size());
            for idx in MultiIndex::new(layout.shape()) {
                let (i, j) = (idx[n - 2] as i64, idx[n - 1] as i64);
                let keep = if upper { j - i >= k } else { j - i <= k };
                let o = layout.index_of(&idx);
                let x = *v.get(o).ok_or_else(|| backend_error(format!("tri: element {o} is outside the storage")))?;
                out.push(if keep { x } else { T::default() });
            }
            T::into_host(out)
        });
        Ok(RefStorage(Arc::new(out)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use array_api::{BackendCore, HostData};

    #[test]
    fn copy_into_is_copy_on_write() {
        let r = Reference;
        let src = r.from_host(HostData::Int16(vec![1, 2, 3])).unwrap();
        let mut dst = src.clone();
        let rev = Layout::contiguous(&[3]).flip_axis(0);
        r.copy_into(
            &src,
            &rev,
            &mut dst,
            &Layout::contiguous(&[3]),
            DType::Int16,
        )
        .unwrap();
        assert_eq!(*dst.0, HostData::Int16(vec![3, 2, 1]));
        assert_eq!(*src.0, HostData::Int16(vec![1, 2, 3]));
        // broadcast source
        let one = r.from_host(HostData::Int16(vec![9])).unwrap();
        let b = Layout::contiguous(&[1]).broadcast_to(&[3], "t").unwrap();
        r.copy_into(&one, &b, &mut dst, &Layout::contiguous(&[3]), DType::Int16)
            .unwrap();
        assert_eq!(*dst.0, HostData::Int16(vec![9, 9, 9]));
    }

    #[test]
    fn cast_saturates_and_wraps() {
        let r = Reference;
        let s = r
            .from_host(HostData::Float64(vec![f64::NAN, 1e10, -1e10, -1.7, 2.9]))
            .unwrap();
        let c = r
            .cast(&s, &Layout::contiguous(&[5]), DType::Float64, DType::Int8)
            .unwrap();
        assert_eq!(*c.0, HostData::Int8(vec![0, 127, -128, -1, 2]));
        let i = r.from_host(HostData::Int32(vec![300, -1])).unwrap();
        let c = r
            .cast(&i, &Layout::contiguous(&[2]), DType::Int32, DType::UInt8)
            .unwrap();
        assert_eq!(*c.0, HostData::UInt8(vec![44, 255]));
    }

    #[test]
    fn tri_bands() {
        let r = Reference;
        let s = r.from_host(HostData::Int32((1..=9).collect())).unwrap();
        let l = Layout::contiguous(&[3, 3]);
        let lo = r.tri(&s, &l, DType::Int32, 0, false).unwrap();
        assert_eq!(*lo.0, HostData::Int32(vec![1, 0, 0, 4, 5, 0, 7, 8, 9]));
        let up = r.tri(&s, &l, DType::Int32, 1, true).unwrap();
        assert_eq!(*up.0, HostData::Int32(vec![0, 2, 3, 0, 0, 6, 0, 0, 0]));
    }
}
