//! Reference reductions, arg-reductions, scans, sorts and binary search: plain loops over
//! the view's elements in C order, grouped by output position.
//!
//! - `Sum` of integers accumulates exactly in `i128` and wraps to the dtype; of floats and
//!   complex numbers, a compensated (Neumaier) sum in `f64` per component, rounded once:
//!   at least as accurate as any backend's pairwise sum.
//! - `Prod`, `Min`, `Max` and the scans fold sequentially in the dtype itself (so every
//!   backend, which must fold them in the same order, agrees bit for bit).
//! - Sorting is an insertion sort (stable by construction) with NumPy's order: NaNs last,
//!   `-0.0 == +0.0`.

use super::{check_storage, read_view, MultiIndex, RefStorage, Reference};
use array_api::{
    ArgReduceOp, Complex32, Complex64, DType, Element, Error, Layout, ReduceOp, ReduceOps, Result,
    ScanOp, SortOps,
};
use std::sync::Arc;

/// Element arithmetic for the reference (wrapping integers).
trait Num: Element {
    fn one() -> Self;
    fn add(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    /// The exact (integers) or compensated (floats) sum of `v`.
    fn exact_sum(v: &[Self]) -> Self;
}

macro_rules! num_int {
    ($($t:ty),*) => {$(
        impl Num for $t {
            fn one() -> Self { 1 }
            fn add(self, o: Self) -> Self { self.wrapping_add(o) }
            fn mul(self, o: Self) -> Self { self.wrapping_mul(o) }
            fn exact_sum(v: &[Self]) -> Self {
                let mut s: i128 = 0;
                for &x in v {
                    s = s.wrapping_add(x as i128);
                }
                s as $t
            }
        }
    )*};
}
num_int!(i8, i16, i32, i64, u8, u16, u32, u64);

/// Neumaier's compensated sum in `f64`.
fn neumaier(v: impl Iterator<Item = f64>) -> f64 {
    let mut s = 0.0f64;
    let mut c = 0.0f64;
    let mut nonfinite = 0.0f64;
    let mut any_nonfinite = false;
    for x in v {
        if !x.is_finite() {
            any_nonfinite = true;
            nonfinite += x;
            continue;
        }
        let t = s + x;
        if s.abs() >= x.abs() {
            c += (s - t) + x;
        } else {
            c += (x - t) + s;
        }
        s = t;
    }
    if any_nonfinite {
        return nonfinite + s;
    }
    if s.is_infinite() {
        // the running sum overflowed (the compensation is then meaningless)
        return s;
    }
    s + c
}

/// `Num` for the float and complex types: plain `+` and `*`, and an `exact_sum` given as
/// a closure of the slice.
macro_rules! num_float {
    ($($t:ty: $one:expr, $exact:expr;)*) => {$(
        impl Num for $t {
            fn one() -> Self {
                $one
            }
            fn add(self, o: Self) -> Self {
                self + o
            }
            fn mul(self, o: Self) -> Self {
                self * o
            }
            fn exact_sum(v: &[Self]) -> Self {
                let f: fn(&[Self]) -> Self = $exact;
                f(v)
            }
        }
    )*};
}
num_float! {
    f32: 1.0, |v| neumaier(v.iter().map(|&x| x as f64)) as f32;
    f64: 1.0, |v| neumaier(v.iter().copied());
    Complex32: Complex32::new(1.0, 0.0), |v| {
        Complex32::new(
            neumaier(v.iter().map(|x| x.re as f64)) as f32,
            neumaier(v.iter().map(|x| x.im as f64)) as f32,
        )
    };
    Complex64: Complex64::new(1.0, 0.0), |v| {
        Complex64::new(neumaier(v.iter().map(|x| x.re)), neumaier(v.iter().map(|x| x.im)))
    };
}

/// A real element: NaN test and order.
trait Real: Element + PartialOrd {
    #[allow(clippy::eq_op)]
    fn nan(self) -> bool {
        self != self
    }
}
impl Real for bool {}
impl Real for i8 {}
impl Real for i16 {}
impl Real for i32 {}
impl Real for i64 {}
impl Real for u8 {}
impl Real for u16 {}
impl Real for u32 {}
impl Real for u64 {}
impl Real for f32 {}
impl Real for f64 {}

/// NumPy's strict order: `a` before `b` (NaNs last).
fn before<T: Real>(a: T, b: T) -> bool {
    if a.nan() {
        false
    } else {
        b.nan() || a < b
    }
}

fn bad(reason: String) -> Error {
    super::backend_error(reason)
}

/// The view's elements grouped by output position of a reduction over `axes`.
fn groups<T: Element>(x: &RefStorage, layout: &Layout, axes: &[usize]) -> Result<Vec<Vec<T>>> {
    let data = T::slice(&x.0).ok_or_else(|| bad("storage dtype mismatch".into()))?;
    let vals = read_view(data, layout)?;
    let shape = layout.shape();
    if axes.iter().any(|&a| a >= shape.len()) {
        return Err(bad(format!("axes {axes:?} out of range for {shape:?}")));
    }
    let kept: Vec<usize> = (0..shape.len()).filter(|a| !axes.contains(a)).collect();
    let out_n: usize = kept.iter().map(|&a| shape[a]).product();
    let mut g: Vec<Vec<T>> = vec![Vec::new(); out_n];
    for (k, idx) in MultiIndex::new(shape).enumerate() {
        let mut o = 0;
        for &a in &kept {
            o = o * shape[a] + idx[a];
        }
        g[o].push(vals[k]);
    }
    Ok(g)
}

fn store<T: Element>(v: Vec<T>) -> RefStorage {
    RefStorage(Arc::new(T::into_host(v)))
}

fn sum_prod<T: Num>(x: &RefStorage, l: &Layout, axes: &[usize], prod: bool) -> Result<RefStorage> {
    let g = groups::<T>(x, l, axes)?;
    Ok(store(
        g.iter()
            .map(|v| {
                if prod {
                    v.iter().fold(T::one(), |a, &b| a.mul(b))
                } else {
                    T::exact_sum(v)
                }
            })
            .collect(),
    ))
}

fn min_max<T: Real>(x: &RefStorage, l: &Layout, axes: &[usize], max: bool) -> Result<RefStorage> {
    let g = groups::<T>(x, l, axes)?;
    let mut out = Vec::with_capacity(g.len());
    for v in g {
        let Some(&first) = v.first() else {
            return Err(bad("min/max of an empty set".into()));
        };
        let mut best = first;
        for &y in &v[1..] {
            if best.nan() {
                break;
            }
            if y.nan() || (max && y > best) || (!max && y < best) {
                best = y;
            }
        }
        out.push(best);
    }
    Ok(store(out))
}

macro_rules! real_types {
    ($dtype:expr, $f:ident, ($($arg:expr),*)) => {
        match $dtype {
            DType::Bool => $f::<bool>($($arg),*),
            DType::Int8 => $f::<i8>($($arg),*),
            DType::Int16 => $f::<i16>($($arg),*),
            DType::Int32 => $f::<i32>($($arg),*),
            DType::Int64 => $f::<i64>($($arg),*),
            DType::UInt8 => $f::<u8>($($arg),*),
            DType::UInt16 => $f::<u16>($($arg),*),
            DType::UInt32 => $f::<u32>($($arg),*),
            DType::UInt64 => $f::<u64>($($arg),*),
            DType::Float32 => $f::<f32>($($arg),*),
            DType::Float64 => $f::<f64>($($arg),*),
            d => Err(bad(format!("no order on {d}"))),
        }
    };
}

macro_rules! num_types {
    ($dtype:expr, $f:ident, ($($arg:expr),*)) => {
        match $dtype {
            DType::Int8 => $f::<i8>($($arg),*),
            DType::Int16 => $f::<i16>($($arg),*),
            DType::Int32 => $f::<i32>($($arg),*),
            DType::Int64 => $f::<i64>($($arg),*),
            DType::UInt8 => $f::<u8>($($arg),*),
            DType::UInt16 => $f::<u16>($($arg),*),
            DType::UInt32 => $f::<u32>($($arg),*),
            DType::UInt64 => $f::<u64>($($arg),*),
            DType::Float32 => $f::<f32>($($arg),*),
            DType::Float64 => $f::<f64>($($arg),*),
            DType::Complex64 => $f::<Complex32>($($arg),*),
            DType::Complex128 => $f::<Complex64>($($arg),*),
            d => Err(bad(format!("no arithmetic on {d}"))),
        }
    };
}

/// The elements of one lane along `axis` for every lane, in C order of the other axes.
fn lanes<T: Element>(x: &RefStorage, layout: &Layout, axis: usize) -> Result<Vec<Vec<T>>> {
    let mut others: Vec<usize> = (0..layout.ndim()).filter(|&a| a != axis).collect();
    others.push(axis);
    let p = layout.permute(&others);
    let data = T::slice(&x.0).ok_or_else(|| bad("storage dtype mismatch".into()))?;
    let vals = read_view(data, &p)?;
    let n = layout.shape()[axis];
    let count: usize = others[..others.len() - 1]
        .iter()
        .map(|&a| layout.shape()[a])
        .product();
    Ok((0..count)
        .map(|k| vals[k * n..(k + 1) * n].to_vec())
        .collect())
}

/// Writes per-lane results (each of the lane length) back in C order of the input shape.
fn unlanes<U: Element>(lanes: Vec<Vec<U>>, shape: &[usize], axis: usize) -> RefStorage {
    let mut others: Vec<usize> = (0..shape.len()).filter(|&a| a != axis).collect();
    others.push(axis);
    let pshape: Vec<usize> = others.iter().map(|&a| shape[a]).collect();
    let flat: Vec<U> = lanes.into_iter().flatten().collect();
    let total: usize = shape.iter().product();
    let mut out = vec![U::default(); total];
    // flat is in C order of the permuted shape; scatter to the original order
    for (k, idx) in MultiIndex::new(&pshape).enumerate() {
        let mut orig = vec![0usize; shape.len()];
        for (j, &a) in others.iter().enumerate() {
            orig[a] = idx[j];
        }
        let mut o = 0;
        for (a, &i) in orig.iter().enumerate() {
            o = o * shape[a] + i;
        }
        out[o] = flat[k];
    }
    store(out)
}

fn check_axis(layout: &Layout, axis: usize) -> Result<()> {
    if axis >= layout.ndim() {
        return Err(bad(format!(
            "axis {axis} out of range for {:?}",
            layout.shape()
        )));
    }
    Ok(())
}

fn arg<T: Real>(x: &RefStorage, l: &Layout, axis: usize, max: bool) -> Result<RefStorage> {
    check_axis(l, axis)?;
    let mut out = Vec::new();
    for v in lanes::<T>(x, l, axis)? {
        let mut bi = 0usize;
        for (i, &y) in v.iter().enumerate() {
            if v[bi].nan() {
                break;
            }
            if y.nan() || (max && y > v[bi]) || (!max && y < v[bi]) {
                bi = i;
            }
        }
        out.push(bi as i64);
    }
    Ok(store(out))
}

fn scan<T: Num>(x: &RefStorage, l: &Layout, axis: usize, prod: bool) -> Result<RefStorage> {
    check_axis(l, axis)?;
    let ls = lanes::<T>(x, l, axis)?;
    let out = ls
        .into_iter()
        .map(|v| {
            let mut acc: Option<T> = None;
            v.into_iter()
                .map(|y| {
                    let a = match acc {
                        None => y,
                        Some(a) if prod => a.mul(y),
                        Some(a) => a.add(y),
                    };
                    acc = Some(a);
                    a
                })
                .collect()
        })
        .collect();
    Ok(unlanes(out, l.shape(), axis))
}

/// Stable insertion sort of `(value, index)` pairs in NumPy's order.
fn insertion<T: Real>(v: &[T]) -> Vec<(T, i64)> {
    let mut out: Vec<(T, i64)> = Vec::with_capacity(v.len());
    for (i, &y) in v.iter().enumerate() {
        let mut pos = out.len();
        while pos > 0 && before(y, out[pos - 1].0) {
            pos -= 1;
        }
        out.insert(pos, (y, i as i64));
    }
    out
}

fn sort_t<T: Real>(x: &RefStorage, l: &Layout, axis: usize, idx: bool) -> Result<RefStorage> {
    check_axis(l, axis)?;
    let ls = lanes::<T>(x, l, axis)?;
    if idx {
        let out = ls
            .iter()
            .map(|v| insertion(v).into_iter().map(|p| p.1).collect())
            .collect();
        Ok(unlanes::<i64>(out, l.shape(), axis))
    } else {
        let out = ls
            .iter()
            .map(|v| insertion(v).into_iter().map(|p| p.0).collect())
            .collect();
        Ok(unlanes::<T>(out, l.shape(), axis))
    }
}

fn search<T: Real>(
    s: &RefStorage,
    sl: &Layout,
    v: &RefStorage,
    vl: &Layout,
    right: bool,
) -> Result<RefStorage> {
    let sd = T::slice(&s.0).ok_or_else(|| bad("storage dtype mismatch".into()))?;
    let vd = T::slice(&v.0).ok_or_else(|| bad("storage dtype mismatch".into()))?;
    let sorted = read_view(sd, sl)?;
    let vals = read_view(vd, vl)?;
    let out = vals
        .iter()
        .map(|&y| {
            // linear scan: the number of elements that go before y (left) or not after y
            // (right)
            sorted
                .iter()
                .filter(|&&e| if right { !before(y, e) } else { before(e, y) })
                .count() as i64
        })
        .collect();
    Ok(store(out))
}

impl ReduceOps for Reference {
    fn reduce(
        &self,
        op: ReduceOp,
        x: &RefStorage,
        layout: &Layout,
        dtype: DType,
        axes: &[usize],
    ) -> Result<RefStorage> {
        check_storage(x, dtype)?;
        match op {
            ReduceOp::Sum => num_types!(dtype, sum_prod, (x, layout, axes, false)),
            ReduceOp::Prod => num_types!(dtype, sum_prod, (x, layout, axes, true)),
            ReduceOp::Min => real_types!(dtype, min_max, (x, layout, axes, false)),
            ReduceOp::Max => real_types!(dtype, min_max, (x, layout, axes, true)),
            ReduceOp::All | ReduceOp::Any => {
                if dtype != DType::Bool {
                    return Err(bad(format!("all/any on {dtype}")));
                }
                let g = groups::<bool>(x, layout, axes)?;
                let all = op == ReduceOp::All;
                Ok(store(
                    g.iter()
                        .map(|v| {
                            if all {
                                v.iter().all(|&b| b)
                            } else {
                                v.iter().any(|&b| b)
                            }
                        })
                        .collect(),
                ))
            }
        }
    }

    fn arg_reduce(
        &self,
        op: ArgReduceOp,
        x: &RefStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<RefStorage> {
        check_storage(x, dtype)?;
        real_types!(dtype, arg, (x, layout, axis, op == ArgReduceOp::ArgMax))
    }

    fn scan(
        &self,
        op: ScanOp,
        x: &RefStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<RefStorage> {
        check_storage(x, dtype)?;
        num_types!(dtype, scan, (x, layout, axis, op == ScanOp::Prod))
    }
}

impl SortOps for Reference {
    fn sort(
        &self,
        x: &RefStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<RefStorage> {
        check_storage(x, dtype)?;
        real_types!(dtype, sort_t, (x, layout, axis, false))
    }

    fn argsort(
        &self,
        x: &RefStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
    ) -> Result<RefStorage> {
        check_storage(x, dtype)?;
        real_types!(dtype, sort_t, (x, layout, axis, true))
    }

    /// The reference partition is the full stable sort (a valid partition at every k).
    fn partition(
        &self,
        x: &RefStorage,
        layout: &Layout,
        dtype: DType,
        axis: usize,
        kth: &[usize],
    ) -> Result<RefStorage> {
        check_storage(x, dtype)?;
        let n = layout.shape().get(axis).copied().unwrap_or(0);
        if kth.windows(2).any(|w| w[0] >= w[1]) || kth.last().is_some_and(|&k| k >= n) {
            return Err(bad(format!(
                "partition: kth {kth:?} must be sorted, distinct and below {n}"
            )));
        }
        real_types!(dtype, sort_t, (x, layout, axis, false))
    }

    fn searchsorted(
        &self,
        sorted: &RefStorage,
        sorted_layout: &Layout,
        values: &RefStorage,
        values_layout: &Layout,
        dtype: DType,
        right: bool,
    ) -> Result<RefStorage> {
        check_storage(sorted, dtype)?;
        check_storage(values, dtype)?;
        if sorted_layout.ndim() != 1 {
            return Err(bad("searchsorted: sorted must be 1-d".into()));
        }
        real_types!(
            dtype,
            search,
            (sorted, sorted_layout, values, values_layout, right)
        )
    }
}
