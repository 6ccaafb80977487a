//! [`MultiIndex`]: every multi-index of a shape in C order.

/// Iterator over the multi-indices of a shape in C (row-major) order: `[0, 0]`, `[0, 1]`,
/// ... A 0-d shape yields one empty index; a shape with a zero length yields none.
#[derive(Clone, Debug)]
pub struct MultiIndex {
    shape: Vec<usize>,
    next: Option<Vec<usize>>,
}

impl MultiIndex {
    /// The multi-indices of `shape`.
    pub fn new(shape: &[usize]) -> MultiIndex {
        let next = if shape.contains(&0) {
            None
        } else {
            Some(vec![0; shape.len()])
        };
        MultiIndex {
            shape: shape.to_vec(),
            next,
        }
    }
}

impl Iterator for MultiIndex {
    type Item = Vec<usize>;

    fn next(&mut self) -> Option<Vec<usize>> {
        let current = self.next.take()?;
        let mut following = current.clone();
        let mut ax = self.shape.len();
        loop {
            if ax == 0 {
                // wrapped around every axis: `current` was the last index
                break;
            }
            ax -= 1;
            following[ax] += 1;
            if following[ax] < self.shape[ax] {
                self.next = Some(following);
                break;
            }
            following[ax] = 0;
        }
        Some(current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_order() {
        let all: Vec<_> = MultiIndex::new(&[2, 3]).collect();
        assert_eq!(all.len(), 6);
        assert_eq!(all[0], vec![0, 0]);
        assert_eq!(all[1], vec![0, 1]);
        assert_eq!(all[3], vec![1, 0]);
        assert_eq!(all[5], vec![1, 2]);
        assert_eq!(
            MultiIndex::new(&[]).collect::<Vec<_>>(),
            vec![Vec::<usize>::new()]
        );
        assert_eq!(MultiIndex::new(&[3, 0]).count(), 0);
    }
}
