//! Reference indexing kernels: `gather`, `scatter`, `nonzero`.

use super::{
    backend_error, check_storage, read_host, read_view, MultiIndex, RefStorage, Reference,
};
use array_api::{
    with_host, DType, Element, Error, HostData, IndexArray, IndexingOps, Layout, Result,
};
use std::sync::Arc;

/// The advanced-index plan shared by gather and scatter: the result shape and, for each
/// result element in C order, the storage index of the source element it reads.
struct Plan {
    out_shape: Vec<usize>,
    sources: Vec<usize>,
}

/// Reads and validates the index arrays, then lists the source element of every result
/// element. Every index is checked before anything is read or written.
fn plan(
    op: &'static str,
    layout: &Layout,
    axis: usize,
    indices: &[IndexArray<'_, RefStorage>],
) -> Result<Plan> {
    let shape = layout.shape();
    let k = indices.len();
    if k == 0 || axis + k > shape.len() {
        return Err(backend_error(format!(
            "{op}: {k} index arrays from axis {axis} do not fit an array of {} dimensions",
            shape.len()
        )));
    }
    let index_shape = indices[0].layout.shape().to_vec();
    let mut normalised: Vec<Vec<usize>> = Vec::with_capacity(k);
    for (j, ix) in indices.iter().enumerate() {
        if ix.layout.shape() != index_shape.as_slice() {
            return Err(backend_error(format!(
                "{op}: index arrays of shapes {:?} and {:?} were not broadcast",
                index_shape,
                ix.layout.shape()
            )));
        }
        let HostData::Int64(raw) = read_host(ix.storage, ix.layout, DType::Int64)? else {
            return Err(backend_error(format!("{op}: indices must be int64")));
        };
        let len = shape[axis + j];
        let mut norm = Vec::with_capacity(raw.len());
        for &i in &raw {
            let n = len as i128;
            let i = i as i128;
            if i < -n || i >= n {
                return Err(Error::IndexOutOfBounds {
                    op,
                    index: i,
                    axis: axis + j,
                    size: len,
                });
            }
            norm.push(if i < 0 { (i + n) as usize } else { i as usize });
        }
        normalised.push(norm);
    }
    let mut out_shape = shape[..axis].to_vec();
    out_shape.extend_from_slice(&index_shape);
    out_shape.extend_from_slice(&shape[axis + k..]);
    let index_strides = array_api::layout::contiguous_strides(&index_shape);
    let ni = index_shape.len();
    let mut sources = Vec::new();
    for out_idx in MultiIndex::new(&out_shape) {
        // position inside the (contiguous, C-order) index arrays
        let mut pos = 0usize;
        for d in 0..ni {
            pos += out_idx[axis + d] * index_strides[d] as usize;
        }
        let mut src_idx = out_idx[..axis].to_vec();
        for norm in &normalised {
            src_idx.push(norm[pos]);
        }
        src_idx.extend_from_slice(&out_idx[axis + ni..]);
        sources.push(layout.index_of(&src_idx));
    }
    Ok(Plan { out_shape, sources })
}

impl IndexingOps for Reference {
    fn gather(
        &self,
        src: &RefStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        indices: &[IndexArray<'_, RefStorage>],
    ) -> Result<RefStorage> {
        check_storage(src, dtype)?;
        let p = plan("gather", layout, axis, indices)?;
        let out = with_host!(&*src.0, v, T => {
            let mut out: Vec<T> = Vec::with_capacity(p.sources.len());
            for &o in &p.sources {
                out.push(*v.get(o).ok_or_else(|| backend_error(format!("gather: element {o} is outside the storage")))?);
            }
            T::into_host(out)
        });
        debug_assert_eq!(out.len(), p.out_shape.iter().product::<usize>());
        Ok(RefStorage(Arc::new(out)))
    }

    fn scatter(
        &self,
        dst: &mut RefStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        indices: &[IndexArray<'_, RefStorage>],
        values: &RefStorage,
        values_layout: &Layout,
    ) -> Result<()> {
        check_storage(dst, dtype)?;
        let p = plan("scatter", layout, axis, indices)?;
        if values_layout.shape() != p.out_shape.as_slice() {
            return Err(backend_error(format!(
                "scatter: values of shape {:?} for a gather shape {:?}",
                values_layout.shape(),
                p.out_shape
            )));
        }
        // Read the values first: they may share the destination's buffer.
        let vals = read_host(values, values_layout, dtype)?;
        let buffer = Arc::make_mut(&mut dst.0);
        with_host!(buffer, d, T => {
            let v = T::slice(&vals).ok_or_else(|| backend_error("scatter: dtype mismatch"))?;
            let len = d.len();
            // in C order of the gather result, so the last write wins
            for (&o, &x) in p.sources.iter().zip(v) {
                *d.get_mut(o).ok_or_else(|| backend_error(format!("scatter: element {o} is outside a storage of {len}")))? = x;
            }
        });
        Ok(())
    }

    fn nonzero(
        &self,
        src: &RefStorage,
        layout: &Layout,
        dtype: DType,
    ) -> Result<(RefStorage, usize)> {
        check_storage(src, dtype)?;
        let ndim = layout.ndim();
        let mut coords: Vec<i64> = Vec::new();
        let mut count = 0usize;
        with_host!(&*src.0, v, T => {
            let elems = read_view::<T>(v, layout)?;
            for (idx, x) in MultiIndex::new(layout.shape()).zip(elems) {
                if x != T::default() {
                    count += 1;
                    coords.extend(idx.iter().map(|&i| i as i64));
                }
            }
        });
        debug_assert_eq!(coords.len(), count * ndim);
        Ok((RefStorage(Arc::new(HostData::Int64(coords))), count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use array_api::BackendCore;

    fn idx(r: &Reference, v: Vec<i64>) -> RefStorage {
        r.from_host(HostData::Int64(v)).unwrap()
    }

    #[test]
    fn gather_rows_and_negative_indices() {
        let r = Reference;
        let s = r.from_host(HostData::Int32((0..6).collect())).unwrap();
        let l = Layout::contiguous(&[2, 3]);
        let i = idx(&r, vec![-1, 0, 2]);
        let il = Layout::contiguous(&[3]);
        let g = r
            .gather(
                &s,
                &l,
                DType::Int32,
                1,
                &[IndexArray {
                    storage: &i,
                    layout: &il,
                }],
            )
            .unwrap();
        assert_eq!(*g.0, HostData::Int32(vec![2, 0, 2, 5, 3, 5]));
        let bad = idx(&r, vec![3]);
        let bl = Layout::contiguous(&[1]);
        let e = r
            .gather(
                &s,
                &l,
                DType::Int32,
                1,
                &[IndexArray {
                    storage: &bad,
                    layout: &bl,
                }],
            )
            .unwrap_err();
        assert!(
            matches!(
                e,
                Error::IndexOutOfBounds {
                    index: 3,
                    axis: 1,
                    size: 3,
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn scatter_last_write_wins() {
        let r = Reference;
        let mut s = r.from_host(HostData::Float32(vec![0.0; 4])).unwrap();
        let keep = s.clone();
        let i = idx(&r, vec![1, 1, -1]);
        let il = Layout::contiguous(&[3]);
        let v = r.from_host(HostData::Float32(vec![1.0, 2.0, 3.0])).unwrap();
        r.scatter(
            &mut s,
            &Layout::contiguous(&[4]),
            DType::Float32,
            0,
            &[IndexArray {
                storage: &i,
                layout: &il,
            }],
            &v,
            &il,
        )
        .unwrap();
        assert_eq!(*s.0, HostData::Float32(vec![0.0, 2.0, 0.0, 3.0]));
        assert_eq!(*keep.0, HostData::Float32(vec![0.0; 4]));
    }

    #[test]
    fn nonzero_layout() {
        let r = Reference;
        let s = r
            .from_host(HostData::Float64(vec![0.0, -0.0, f64::NAN, 1.0, 0.0, 2.0]))
            .unwrap();
        let (n, count) = r
            .nonzero(&s, &Layout::contiguous(&[2, 3]), DType::Float64)
            .unwrap();
        assert_eq!(count, 3);
        assert_eq!(*n.0, HostData::Int64(vec![0, 2, 1, 0, 1, 2]));
        let (n, count) = r
            .nonzero(&s, &Layout::new(vec![], vec![], 3), DType::Float64)
            .unwrap();
        assert_eq!((count, n.len()), (1, 0));
    }
}
