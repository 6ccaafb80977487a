//! [`TestArray`]: backend-independent array inputs, and [`ViewRecipe`]: how to lay one out
//! as a truly strided view (permuted axes, negative or doubled steps, an offset, broadcast
//! axes) inside a bigger storage.

use super::values::host_data;
use super::{dtype_in, shape};
use crate::reference::MultiIndex;
use array_api::{
    with_host, Array, Backend, DType, Element, Error, HostData, Layout, Result, Scalar,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// How a logical array is embedded in its storage.
///
/// Storage axis `k` holds logical axis `perm[k]` (so a non-identity `perm` gives a
/// transposed layout); logical axis `a` advances by `steps[a]` (±1 or ±2) storage positions
/// of its padded axis (negative: the axis runs backwards); `broadcast[a]` gives axis `a` a
/// zero stride (its values repeat those at index 0); `offset` elements of filler come
/// before the first element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewRecipe {
    /// Storage axis order: storage axis `k` is logical axis `perm[k]`.
    pub perm: Vec<usize>,
    /// Per logical axis: ±1 or ±2.
    pub steps: Vec<isize>,
    /// Per logical axis: whether it is broadcast (zero stride).
    pub broadcast: Vec<bool>,
    /// Filler elements before the first element.
    pub offset: usize,
}

impl ViewRecipe {
    /// The plain C-contiguous layout of `ndim` dimensions.
    pub fn contiguous(ndim: usize) -> ViewRecipe {
        ViewRecipe {
            perm: (0..ndim).collect(),
            steps: vec![1; ndim],
            broadcast: vec![false; ndim],
            offset: 0,
        }
    }

    /// Whether this is the plain contiguous layout.
    pub fn is_contiguous(&self) -> bool {
        *self == ViewRecipe::contiguous(self.perm.len())
    }

    /// The same recipe without broadcast axes (a writable view).
    pub fn writable(mut self) -> ViewRecipe {
        self.broadcast.iter_mut().for_each(|b| *b = false);
        self
    }

    /// The layout of a logical array of `shape` and the length of the storage it needs.
    pub fn layout(&self, shape: &[usize]) -> (Layout, usize) {
        let n = shape.len();
        assert_eq!(self.perm.len(), n, "view recipe of the wrong rank");
        let ext: Vec<usize> = (0..n)
            .map(|a| {
                if self.broadcast[a] {
                    1
                } else {
                    shape[a] * self.steps[a].unsigned_abs()
                }
            })
            .collect();
        // C-order strides of the padded storage, in storage axis order
        let mut st = vec![0isize; n];
        let mut acc = 1isize;
        for k in (0..n).rev() {
            let a = self.perm[k];
            st[a] = acc;
            acc *= ext[a].max(1) as isize;
        }
        let mut offset = self.offset as isize;
        let mut strides = vec![0isize; n];
        for a in 0..n {
            if self.broadcast[a] {
                continue;
            }
            strides[a] = self.steps[a] * st[a];
            if self.steps[a] < 0 && shape[a] > 0 {
                offset += (shape[a] as isize - 1) * self.steps[a].abs() * st[a];
            }
        }
        let len = self.offset + ext.iter().product::<usize>() + 1;
        (Layout::new(shape.to_vec(), strides, offset as usize), len)
    }
}

/// A generated array input, independent of any backend.
#[derive(Clone, Debug, PartialEq)]
pub struct TestArray {
    /// The logical shape.
    pub shape: Vec<usize>,
    /// Values for every logical element in C order (before broadcast replication).
    pub data: HostData,
    /// How the array is laid out in its storage.
    pub view: ViewRecipe,
}

/// Copies the values of `data` at `idx` with broadcast axes set to 0.
fn source_index(idx: &[usize], broadcast: &[bool]) -> Vec<usize> {
    idx.iter()
        .zip(broadcast)
        .map(|(&i, &b)| if b { 0 } else { i })
        .collect()
}

impl TestArray {
    /// A contiguous test array.
    pub fn new(data: HostData, shape: Vec<usize>) -> TestArray {
        let view = ViewRecipe::contiguous(shape.len());
        TestArray { shape, data, view }
    }

    /// The dtype.
    pub fn dtype(&self) -> DType {
        self.data.dtype()
    }

    /// The logical values in C order (broadcast axes repeat their index-0 values).
    pub fn logical(&self) -> HostData {
        let c = Layout::contiguous(&self.shape);
        with_host!(&self.data, v, T => {
            let out: Vec<T> = MultiIndex::new(&self.shape)
                .map(|idx| v[c.index_of(&source_index(&idx, &self.view.broadcast))])
                .collect();
            T::into_host(out)
        })
    }

    /// The storage buffer and layout of this array's view.
    pub fn storage(&self) -> (HostData, Layout) {
        let (layout, len) = self.view.layout(&self.shape);
        let c = Layout::contiguous(&self.shape);
        let host = with_host!(&self.data, v, T => {
            // filler that differs from element to element, so a kernel reading the wrong
            // storage element is likely to be caught
            let mut buf: Vec<T> = (0..len).map(|k| T::from_scalar(Scalar::Int(100 + (k % 23) as i128))).collect();
            for idx in MultiIndex::new(&self.shape) {
                buf[layout.index_of(&idx)] = v[c.index_of(&source_index(&idx, &self.view.broadcast))];
            }
            T::into_host(buf)
        });
        (host, layout)
    }

    /// The array on `device`, laid out as the recipe says (a view into a bigger storage).
    /// `Err(UnsupportedDType)` when the device does not support the dtype.
    pub fn materialise<B: Backend>(&self, device: &B) -> Result<Array<B>> {
        let dtype = self.dtype();
        if !device.supports(dtype) {
            return Err(Error::UnsupportedDType {
                op: "materialise",
                dtype,
                backend: device.device_name(),
            });
        }
        let (host, layout) = self.storage();
        let storage = device.from_host(host)?;
        Ok(Array::from_parts(storage, layout, dtype, device.clone()))
    }
}

/// A view recipe for `ndim` dimensions: contiguous about a quarter of the time, else a
/// random permutation, steps, offset and (when `allow_broadcast`) broadcast axes.
pub fn view_recipe(ndim: usize, allow_broadcast: bool) -> BoxedStrategy<ViewRecipe> {
    let p_broadcast = if allow_broadcast { 0.2 } else { 0.0 };
    let strided = (
        Just((0..ndim).collect::<Vec<usize>>()).prop_shuffle(),
        vec(select(vec![1isize, -1, 2, -2]), ndim),
        vec(proptest::bool::weighted(p_broadcast), ndim),
        0usize..3,
    )
        .prop_map(|(perm, steps, broadcast, offset)| ViewRecipe {
            perm,
            steps,
            broadcast,
            offset,
        });
    prop_oneof![1 => Just(ViewRecipe::contiguous(ndim)), 3 => strided].boxed()
}

/// A test array of `dtype` and `shape` with any view (broadcast views only when
/// `allow_broadcast`).
pub fn test_array(
    dtype: DType,
    shape: Vec<usize>,
    allow_broadcast: bool,
) -> BoxedStrategy<TestArray> {
    let n: usize = shape.iter().product();
    let ndim = shape.len();
    (host_data(dtype, n), view_recipe(ndim, allow_broadcast))
        .prop_map(move |(data, view)| TestArray {
            shape: shape.clone(),
            data,
            view,
        })
        .boxed()
}

/// A test array of one of `dtypes`, any generated shape and any view.
pub fn test_array_in(dtypes: &[DType], allow_broadcast: bool) -> BoxedStrategy<TestArray> {
    (dtype_in(dtypes), shape())
        .prop_flat_map(move |(d, s)| test_array(d, s, allow_broadcast))
        .boxed()
}

/// Element type check used by the unit tests.
#[cfg(test)]
fn as_vec<T: Element>(h: &HostData) -> Vec<T> {
    h.to_vec::<T>().expect("dtype")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Reference;
    use proptest::test_runner::TestRunner;

    #[test]
    fn materialised_views_hold_the_logical_values() {
        let mut r = TestRunner::deterministic();
        let mut strided = 0;
        for _ in 0..300 {
            let t = test_array_in(&DType::ALL, true)
                .new_tree(&mut r)
                .unwrap()
                .current();
            let a = t.materialise(&Reference).unwrap();
            assert_eq!(a.shape(), t.shape.as_slice());
            crate::compare::exact_match(&a.to_host().unwrap(), &t.logical()).unwrap();
            let (lo, hi) = a.layout().extent();
            assert!(a.size() == 0 || hi <= a.storage().len(), "{t:?} {lo} {hi}");
            if !a.layout().is_contiguous() {
                strided += 1;
            }
        }
        assert!(strided > 100, "only {strided} strided views");
    }

    #[test]
    fn transposed_flipped_view() {
        let t = TestArray {
            shape: vec![2, 3],
            data: HostData::Int32((0..6).collect()),
            view: ViewRecipe {
                perm: vec![1, 0],
                steps: vec![1, -2],
                broadcast: vec![false, false],
                offset: 1,
            },
        };
        let a = t.materialise(&Reference).unwrap();
        assert_eq!(
            as_vec::<i32>(&a.to_host().unwrap()),
            (0..6).collect::<Vec<_>>()
        );
        assert!(!a.layout().is_contiguous());
        let b = TestArray {
            view: ViewRecipe {
                broadcast: vec![true, false],
                ..ViewRecipe::contiguous(2)
            },
            ..t
        };
        assert_eq!(as_vec::<i32>(&b.logical()), vec![0, 1, 2, 0, 1, 2]);
        assert_eq!(
            b.materialise(&Reference).unwrap().to_host().unwrap(),
            b.logical()
        );
    }
}
