//! [`Layout`]: how an array's elements sit in its storage (shape, strides, offset).

use crate::shape::{broadcast_shapes_op, checked_size};
use crate::{Error, Result};

/// Shape, strides (in elements, signed) and offset (in elements) of an array view.
///
/// Element `[i0, i1, ...]` lives at `offset + Σ ik * strides[k]` of the storage. A zero
/// stride repeats an element (broadcasting); a negative stride walks backwards (flips).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Layout {
    shape: Vec<usize>,
    strides: Vec<isize>,
    offset: usize,
}

/// C-order (row-major) strides of a contiguous array of `shape`.
pub fn contiguous_strides(shape: &[usize]) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut acc: isize = 1;
    for i in (0..shape.len()).rev() {
        strides[i] = acc;
        acc = acc.saturating_mul(shape[i].max(1) as isize);
    }
    strides
}

impl Layout {
    /// A C-contiguous layout of `shape` at offset 0.
    pub fn contiguous(shape: &[usize]) -> Layout {
        Layout {
            shape: shape.to_vec(),
            strides: contiguous_strides(shape),
            offset: 0,
        }
    }

    /// A layout from its parts. The caller guarantees every reachable element lies inside
    /// the storage.
    pub fn new(shape: Vec<usize>, strides: Vec<isize>, offset: usize) -> Layout {
        debug_assert_eq!(shape.len(), strides.len());
        Layout {
            shape,
            strides,
            offset,
        }
    }

    /// The shape.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }
    /// The strides, in elements.
    pub fn strides(&self) -> &[isize] {
        &self.strides
    }
    /// The offset of element `[0, 0, ...]`, in elements.
    pub fn offset(&self) -> usize {
        self.offset
    }
    /// Number of dimensions.
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }
    /// Number of elements.
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// `true` when the elements are C-contiguous (row-major, no gaps) from `offset`.
    pub fn is_contiguous(&self) -> bool {
        if self.size() == 0 {
            return true;
        }
        let mut expected: isize = 1;
        for i in (0..self.ndim()).rev() {
            if self.shape[i] != 1 {
                if self.strides[i] != expected {
                    return false;
                }
                expected *= self.shape[i] as isize;
            }
        }
        true
    }

    /// `true` when no two indices reach the same element (no zero stride on an axis of
    /// length > 1). Every layout xp builds, other than broadcasts, has this property.
    pub fn is_writable(&self) -> bool {
        self.shape
            .iter()
            .zip(&self.strides)
            .all(|(&d, &s)| d <= 1 || s != 0)
    }

    /// The range `[lo, hi)` of storage elements this view can touch (empty when size 0).
    pub fn extent(&self) -> (usize, usize) {
        if self.size() == 0 {
            return (self.offset, self.offset);
        }
        let mut lo = self.offset as isize;
        let mut hi = self.offset as isize;
        for (&d, &s) in self.shape.iter().zip(&self.strides) {
            let span = (d as isize - 1) * s;
            if span < 0 {
                lo += span;
            } else {
                hi += span;
            }
        }
        (lo as usize, hi as usize + 1)
    }

    /// Storage index of the element at `index` (one entry per axis, each in range).
    pub fn index_of(&self, index: &[usize]) -> usize {
        let mut o = self.offset as isize;
        for (i, s) in index.iter().zip(&self.strides) {
            o += *i as isize * s;
        }
        o as usize
    }

    /// The layout broadcast to `shape` (zero strides on new and stretched axes).
    pub fn broadcast_to(&self, shape: &[usize], op: &'static str) -> Result<Layout> {
        let err = || Error::ShapeMismatch {
            op,
            shapes: vec![self.shape.clone(), shape.to_vec()],
            reason: "cannot be broadcast together (second is the target)".into(),
        };
        if shape.len() < self.ndim() {
            return Err(err());
        }
        checked_size(shape, op)?;
        let pad = shape.len() - self.ndim();
        let mut strides = vec![0isize; shape.len()];
        for i in 0..self.ndim() {
            let (d, t) = (self.shape[i], shape[pad + i]);
            strides[pad + i] = if d == t {
                self.strides[i]
            } else if d == 1 {
                0
            } else {
                return Err(err());
            };
        }
        Ok(Layout {
            shape: shape.to_vec(),
            strides,
            offset: self.offset,
        })
    }

    /// The layout with its axes reordered: new axis `i` is old axis `axes[i]`. `axes` must
    /// be a permutation of `0..ndim` (checked by the caller).
    pub fn permute(&self, axes: &[usize]) -> Layout {
        Layout {
            shape: axes.iter().map(|&a| self.shape[a]).collect(),
            strides: axes.iter().map(|&a| self.strides[a]).collect(),
            offset: self.offset,
        }
    }

    /// A view with a new axis of length 1 inserted at `axis` (`0..=ndim`).
    pub fn insert_axis(&self, axis: usize) -> Layout {
        let mut l = self.clone();
        l.shape.insert(axis, 1);
        l.strides.insert(axis, 0);
        l
    }

    /// A view with the (length-1) axis `axis` removed.
    pub fn remove_axis(&self, axis: usize) -> Layout {
        let mut l = self.clone();
        l.shape.remove(axis);
        l.strides.remove(axis);
        l
    }

    /// A view of `axis` restricted to `start, start+step, ...` (`len` elements); `step` may
    /// be negative. The caller guarantees the elements are in range.
    pub fn slice_axis(&self, axis: usize, start: usize, step: isize, len: usize) -> Layout {
        let mut l = self.clone();
        if len > 0 {
            l.offset = (l.offset as isize + start as isize * l.strides[axis]) as usize;
        }
        l.shape[axis] = len;
        l.strides[axis] *= step;
        l
    }

    /// A view of `axis` at index `i` (the axis is removed).
    pub fn index_axis(&self, axis: usize, i: usize) -> Layout {
        let mut l = self.clone();
        l.offset = (l.offset as isize + i as isize * l.strides[axis]) as usize;
        l.shape.remove(axis);
        l.strides.remove(axis);
        l
    }

    /// A view reversed along `axis`.
    pub fn flip_axis(&self, axis: usize) -> Layout {
        let mut l = self.clone();
        let d = l.shape[axis];
        if d > 0 {
            l.offset = (l.offset as isize + (d as isize - 1) * l.strides[axis]) as usize;
        }
        l.strides[axis] = -l.strides[axis];
        l
    }

    /// The layout of the same elements with a new shape, without copying, when the strides
    /// allow it (NumPy's `_attempt_nocopy_reshape`); `None` when a copy is needed.
    pub fn reshaped(&self, new_shape: &[usize]) -> Option<Layout> {
        if self.size() != new_shape.iter().product::<usize>() {
            return None;
        }
        if self.size() == 0 || self.is_contiguous() {
            return Some(Layout {
                shape: new_shape.to_vec(),
                strides: contiguous_strides(new_shape),
                offset: self.offset,
            });
        }
        // Drop length-1 axes, then match groups of old axes to groups of new axes.
        let (old_s, old_st): (Vec<usize>, Vec<isize>) = self
            .shape
            .iter()
            .zip(&self.strides)
            .filter(|(&d, _)| d != 1)
            .map(|(&d, &s)| (d, s))
            .unzip();
        let mut new_strides = vec![0isize; new_shape.len()];
        let (mut oi, mut ni) = (0usize, 0usize);
        let (on, nn) = (old_s.len(), new_shape.len());
        while oi < on && ni < nn {
            // skip new length-1 axes
            if new_shape[ni] == 1 {
                new_strides[ni] = 0;
                ni += 1;
                continue;
            }
            let (mut op, mut np) = (old_s[oi], new_shape[ni]);
            let (oj0, nj0) = (oi, ni);
            let (mut oj, mut nj) = (oi + 1, ni + 1);
            while op != np {
                if np < op {
                    np *= new_shape[nj];
                    nj += 1;
                } else {
                    op *= old_s[oj];
                    oj += 1;
                }
            }
            // old axes oj0..oj must be mutually contiguous
            for k in oj0..oj - 1 {
                if old_st[k] != old_st[k + 1] * old_s[k + 1] as isize {
                    return None;
                }
            }
            // new strides for nj0..nj
            let mut st = old_st[oj - 1];
            for k in (nj0..nj).rev() {
                new_strides[k] = st;
                st *= new_shape[k] as isize;
            }
            oi = oj;
            ni = nj;
        }
        for s in new_strides.iter_mut().skip(ni) {
            *s = 0;
        }
        Some(Layout {
            shape: new_shape.to_vec(),
            strides: new_strides,
            offset: self.offset,
        })
    }

    /// Merges axes that are contiguous with each other and drops length-1 axes, so a kernel
    /// loops over as few, as long axes as possible. The element order (C order) is kept.
    /// Returns the collapsed shape and the strides of each of the `layouts` (all of this
    /// shape) in the collapsed shape.
    pub fn collapse(shape: &[usize], layouts: &[&Layout]) -> (Vec<usize>, Vec<Vec<isize>>) {
        let mut cs: Vec<usize> = Vec::new();
        let mut cst: Vec<Vec<isize>> = vec![Vec::new(); layouts.len()];
        for (ax, &d) in shape.iter().enumerate() {
            if d == 1 {
                continue;
            }
            let mergeable = !cs.is_empty()
                && layouts.iter().enumerate().all(|(k, l)| {
                    let prev = *cst[k].last().unwrap_or(&0);
                    prev == l.strides[ax] * d as isize
                });
            if mergeable {
                let last = cs.len() - 1;
                cs[last] *= d;
                for (k, l) in layouts.iter().enumerate() {
                    let n = cst[k].len() - 1;
                    cst[k][n] = l.strides[ax];
                }
            } else {
                cs.push(d);
                for (k, l) in layouts.iter().enumerate() {
                    cst[k].push(l.strides[ax]);
                }
            }
        }
        (cs, cst)
    }

    /// Storage indices of every element, in C order.
    pub fn offsets(&self) -> Offsets<'_> {
        Offsets {
            layout: self,
            index: vec![0; self.ndim()],
            current: self.offset as isize,
            remaining: self.size(),
        }
    }
}

/// Iterator over the storage indices of a layout's elements in C order
/// (see [`Layout::offsets`]).
pub struct Offsets<'a> {
    layout: &'a Layout,
    index: Vec<usize>,
    current: isize,
    remaining: usize,
}

impl Iterator for Offsets<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let out = self.current as usize;
        if self.remaining > 0 {
            let l = self.layout;
            for ax in (0..l.ndim()).rev() {
                self.index[ax] += 1;
                self.current += l.strides[ax];
                if self.index[ax] < l.shape[ax] {
                    break;
                }
                self.current -= l.strides[ax] * l.shape[ax] as isize;
                self.index[ax] = 0;
            }
        }
        Some(out)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Offsets<'_> {}

/// Checks that `layout` broadcasts against `shape` and returns it, for use in op front ends.
pub fn broadcast_layouts(
    layouts: &[&Layout],
    op: &'static str,
) -> Result<(Vec<usize>, Vec<Layout>)> {
    let shapes: Vec<&[usize]> = layouts.iter().map(|l| l.shape()).collect();
    let shape = broadcast_shapes_op(&shapes, op)?;
    let out = layouts
        .iter()
        .map(|l| l.broadcast_to(&shape, op))
        .collect::<Result<Vec<_>>>()?;
    Ok((shape, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_c_order() {
        let l = Layout::contiguous(&[2, 3]).permute(&[1, 0]);
        assert_eq!(l.offsets().collect::<Vec<_>>(), vec![0, 3, 1, 4, 2, 5]);
        let f = Layout::contiguous(&[4]).flip_axis(0);
        assert_eq!(f.offsets().collect::<Vec<_>>(), vec![3, 2, 1, 0]);
        let z = Layout::contiguous(&[0, 3]);
        assert_eq!(z.offsets().count(), 0);
        let s = Layout::contiguous(&[]);
        assert_eq!(s.offsets().collect::<Vec<_>>(), vec![0]);
    }

    #[test]
    fn reshape_views() {
        let l = Layout::contiguous(&[2, 3, 4]);
        assert!(l.reshaped(&[6, 4]).unwrap().is_contiguous());
        let t = l.permute(&[0, 2, 1]); // (2,4,3)
        assert!(t.reshaped(&[8, 3]).is_none());
        let r = t.reshaped(&[2, 4, 3, 1]).unwrap();
        assert_eq!(
            r.offsets().collect::<Vec<_>>(),
            t.offsets().collect::<Vec<_>>()
        );
        // a strided slice: every other row of a (4, 3) array, reshaped to (2, 1, 3)
        let s = Layout::contiguous(&[4, 3]).slice_axis(0, 0, 2, 2);
        let r = s.reshaped(&[2, 1, 3]).unwrap();
        assert_eq!(r.offsets().collect::<Vec<_>>(), vec![0, 1, 2, 6, 7, 8]);
        assert!(s.reshaped(&[6]).is_none());
    }

    #[test]
    fn collapse_merges_contiguous_axes() {
        let a = Layout::contiguous(&[2, 3, 4]);
        let (s, st) = Layout::collapse(a.shape(), &[&a]);
        assert_eq!(s, vec![24]);
        assert_eq!(st, vec![vec![1]]);
        let b = Layout::contiguous(&[4])
            .broadcast_to(&[2, 3, 4], "t")
            .unwrap();
        let (s, st) = Layout::collapse(a.shape(), &[&a, &b]);
        assert_eq!(s, vec![6, 4]);
        assert_eq!(st, vec![vec![4, 1], vec![0, 1]]);
    }

    #[test]
    fn extent_and_broadcast() {
        let l = Layout::contiguous(&[3, 4]).flip_axis(1);
        assert_eq!(l.extent(), (0, 12));
        assert!(Layout::contiguous(&[3]).broadcast_to(&[2, 4], "t").is_err());
        assert!(!Layout::contiguous(&[3])
            .broadcast_to(&[2, 3], "t")
            .unwrap()
            .is_writable());
    }
}
