//! The reference `scatter_add`: one serial pass in the order of the indices, each bin
//! accumulated in the output dtype (NumPy's `bincount` order).

use super::{read_host, RefStorage, Reference};
use array_api::backend_stats::check_scatter_add;
use array_api::{DType, Error, HostData, Layout, Result, ScatterOps};
use std::sync::Arc;

/// `length` zeros, allocated fallibly.
fn zeros<T: Clone + Default>(length: usize) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(length).map_err(|_| {
        Error::invalid(
            "scatter_add",
            format!("cannot allocate an output of {length} bins"),
        )
    })?;
    v.resize(length, T::default());
    Ok(v)
}

impl ScatterOps for Reference {
    fn scatter_add(
        &self,
        indices: &RefStorage,
        index_layout: &Layout,
        index_dtype: DType,
        weights: Option<(&RefStorage, &Layout)>,
        dtype: DType,
        length: usize,
    ) -> Result<RefStorage> {
        check_scatter_add(index_layout, index_dtype, weights.map(|w| w.1), dtype)?;
        let idx: Vec<i64> = match read_host(indices, index_layout, index_dtype)? {
            HostData::Int32(v) => v.into_iter().map(i64::from).collect(),
            HostData::Int64(v) => v,
            _ => unreachable!("checked: int32 or int64"),
        };
        // the bin of each entry, `None` when it is skipped
        let bin = |b: i64| usize::try_from(b).ok().filter(|&b| b < length);
        let out = match weights {
            None => {
                let mut n = zeros::<i64>(length)?;
                for b in idx.into_iter().filter_map(bin) {
                    n[b] += 1;
                }
                HostData::Int64(n)
            }
            Some((w, wl)) => match read_host(w, wl, dtype)? {
                HostData::Float32(w) => {
                    let mut n = zeros::<f32>(length)?;
                    for (b, w) in idx.into_iter().zip(w) {
                        if let Some(b) = bin(b) {
                            n[b] += w;
                        }
                    }
                    HostData::Float32(n)
                }
                HostData::Float64(w) => {
                    let mut n = zeros::<f64>(length)?;
                    for (b, w) in idx.into_iter().zip(w) {
                        if let Some(b) = bin(b) {
                            n[b] += w;
                        }
                    }
                    HostData::Float64(n)
                }
                _ => unreachable!("checked: float32 or float64"),
            },
        };
        Ok(RefStorage(Arc::new(out)))
    }
}
