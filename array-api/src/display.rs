//! NumPy-like formatting of arrays: `Display` prints what NumPy's `repr()` prints.
//!
//! A port of the parts of NumPy's `arrayprint` that its default options use: `precision=8`,
//! `floatmode='maxprec'`, `suppress=False`, `threshold=1000`, `edgeitems=3`,
//! `linewidth=75`, separator `", "`.

use crate::backend::Backend;
use crate::{Array, DType, HostData, Scalar};
use std::fmt;

const LINE_WIDTH: usize = 75;
const THRESHOLD: usize = 1000;
const EDGE_ITEMS: usize = 3;
const PRECISION: usize = 8;
const PREFIX: &str = "array(";

impl<B: Backend> fmt::Display for Array<B> {
    /// Formats like NumPy's `repr()`: `array([[1., 2.],\n       [3., 4.]])`,
    /// `array(5, dtype=int32)`, `array([], shape=(0, 3), dtype=float64)`; arrays of more
    /// than 1000 elements are summarised with `...`. Downloads the elements to the host.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_host() {
            Ok(h) => f.write_str(&format_host(&h, self.shape())),
            Err(e) => write!(
                f,
                "array(<unavailable: {e}>, shape={:?}, dtype={})",
                self.shape(),
                self.dtype()
            ),
        }
    }
}

/// NumPy's `repr()` of an array with elements `data` (C order) and `shape`.
///
/// `data.len()` should be the size of `shape`; missing elements print as `?`.
pub fn format_host(data: &HostData, shape: &[usize]) -> String {
    let dtype = data.dtype();
    let size: usize = shape.iter().product();
    let lst = if size == 0 {
        "[]".to_string()
    } else {
        let summarize = size > THRESHOLD;
        let strides = c_strides(shape);
        let sample = sample_indices(shape, &strides, summarize);
        let fmt = ElemFormat::new(data, &sample, shape.is_empty());
        let p = Printer {
            shape,
            strides: &strides,
            summarize,
            data,
            fmt: &fmt,
        };
        // Skip over "array(" and "["; leave room for the closing ")".
        let hanging = " ".repeat(PREFIX.len() + 1);
        p.recurse(0, 0, &hanging, LINE_WIDTH - 1)
    };
    let mut extras = Vec::new();
    if (size == 0 && shape != [0]) || size > THRESHOLD {
        extras.push(format!("shape={}", crate::shape::fmt_shape(shape)));
    }
    if !dtype_is_implied(dtype) || size == 0 {
        extras.push(format!("dtype={}", dtype.name()));
    }
    if extras.is_empty() {
        return format!("{PREFIX}{lst})");
    }
    let arr = format!("{PREFIX}{lst},");
    let extra = format!("{})", extras.join(", "));
    let last_line_len = arr.len() - arr.rfind('\n').map_or(0, |p| p + 1);
    let spacer = if last_line_len + extra.len() + 1 > LINE_WIDTH {
        format!("\n{}", " ".repeat(PREFIX.len()))
    } else {
        " ".to_string()
    };
    format!("{arr}{spacer}{extra}")
}

/// Whether NumPy's repr omits the dtype: float64, int64, complex128 and bool.
fn dtype_is_implied(d: DType) -> bool {
    matches!(
        d,
        DType::Float64 | DType::Int64 | DType::Complex128 | DType::Bool
    )
}

fn c_strides(shape: &[usize]) -> Vec<usize> {
    let mut s = vec![1usize; shape.len()];
    for k in (0..shape.len().saturating_sub(1)).rev() {
        s[k] = s[k + 1] * shape[k + 1];
    }
    s
}

/// The positions printed along an axis of length `len`: all, or the first and last
/// `EDGE_ITEMS` around a `None` (the `...`).
fn axis_items(len: usize, summarize: bool) -> Vec<Option<usize>> {
    if summarize && 2 * EDGE_ITEMS < len {
        (0..EDGE_ITEMS)
            .map(Some)
            .chain(std::iter::once(None))
            .chain((len - EDGE_ITEMS..len).map(Some))
            .collect()
    } else {
        (0..len).map(Some).collect()
    }
}

/// Flat indices of the elements that are printed (NumPy's `_leading_trailing`): the
/// formatter sizes its columns from these.
fn sample_indices(shape: &[usize], strides: &[usize], summarize: bool) -> Vec<usize> {
    let mut out = vec![0usize];
    for (k, &len) in shape.iter().enumerate() {
        let items: Vec<usize> = axis_items(len, summarize).into_iter().flatten().collect();
        out = out
            .iter()
            .flat_map(|&base| items.iter().map(move |&i| base + i * strides[k]))
            .collect();
    }
    out
}

/// One real float, decomposed as NumPy's Dragon4 prints it.
#[derive(Clone, Copy)]
struct Real {
    x: f64,
    single: bool,
}

impl Real {
    fn shortest(self) -> String {
        if self.single {
            format!("{}", self.x as f32)
        } else {
            format!("{}", self.x)
        }
    }
    fn fixed(self, prec: usize) -> String {
        if self.single {
            format!("{:.*}", prec, self.x as f32)
        } else {
            format!("{:.*}", prec, self.x)
        }
    }
    fn shortest_exp(self) -> String {
        if self.single {
            format!("{:e}", self.x as f32)
        } else {
            format!("{:e}", self.x)
        }
    }
    fn fixed_exp(self, prec: usize) -> String {
        if self.single {
            format!("{:.*e}", prec, self.x as f32)
        } else {
            format!("{:.*e}", prec, self.x)
        }
    }

    /// Number of significant digits of the shortest round-trip representation.
    fn shortest_digits(self) -> usize {
        let s = self.shortest_exp();
        let m = s.split('e').next().unwrap_or("");
        m.bytes().filter(u8::is_ascii_digit).count().max(1)
    }

    /// Positional digits as NumPy's Dragon4 prints them in `unique` mode with a cutoff of
    /// `prec` fractional digits: the shortest round-trip digits (ties between two shortest
    /// candidates go to the even digit, as Dragon4 rounds), or the value rounded to `prec`
    /// fractional digits when the shortest needs more; trailing zeros trimmed. Returns
    /// (sign and integer part, fraction).
    fn positional(self, prec: usize, plus: bool) -> (String, String) {
        let s = self.shortest();
        let frac = s.split_once('.').map_or(0, |(_, f)| f.len());
        // Exact decimal rounding (half to even) at the shortest length or the cutoff.
        let r = self.fixed(frac.min(prec));
        let (i, f) = r.split_once('.').unwrap_or((&r, ""));
        let mut ip = i.to_string();
        if plus && !ip.starts_with('-') {
            ip.insert(0, '+');
        }
        (ip, f.trim_end_matches('0').to_string())
    }

    /// Scientific digits: (sign and leading digit, fraction, exponent) with exactly
    /// `frac` fractional digits of the exactly rounded value.
    fn scientific_fixed(self, frac: usize, plus: bool) -> (String, String, i32) {
        let s = self.fixed_exp(frac);
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let (i, f) = m.split_once('.').unwrap_or((m, ""));
        let mut ip = i.to_string();
        if plus && !ip.starts_with('-') {
            ip.insert(0, '+');
        }
        (ip, f.to_string(), e.parse().unwrap_or(0))
    }

    /// Scientific digits as Dragon4 prints them in `unique` mode with at most `prec`
    /// fractional digits; trailing zeros trimmed.
    fn scientific(self, prec: usize, plus: bool) -> (String, String, i32) {
        let frac = (self.shortest_digits() - 1).min(prec);
        let (ip, fp, e) = self.scientific_fixed(frac, plus);
        (ip, fp.trim_end_matches('0').to_string(), e)
    }
}

/// NumPy's `FloatingFormat` (maxprec mode) for one set of reals.
struct FloatFormat {
    single: bool,
    plus: bool,
    exp_format: bool,
    /// Fraction digits in scientific mode (all elements get exactly this many).
    precision: usize,
    pad_left: usize,
    pad_right: usize,
    exp_size: usize,
}

impl FloatFormat {
    fn new(vals: &[f64], single: bool, plus: bool) -> FloatFormat {
        let finite: Vec<f64> = vals.iter().copied().filter(|x| x.is_finite()).collect();
        let nonzero: Vec<f64> = finite
            .iter()
            .map(|x| x.abs())
            .filter(|&x| x != 0.0)
            .collect();
        let mut exp_format = false;
        if !nonzero.is_empty() {
            let max = nonzero.iter().copied().fold(f64::MIN, f64::max);
            let min = nonzero.iter().copied().fold(f64::MAX, f64::min);
            // 10 ** min(8, finfo(dtype).precision): 1e8 for float64, 1e6 for float32; the
            // tests run in the dtype's precision (NEP 50: Python floats are weak).
            exp_format = if single {
                let (max, min) = (max as f32, min as f32);
                max >= 1e6 || min < 1e-4 || max / min > 1000.0
            } else {
                max >= 1e8 || min < 1e-4 || max / min > 1000.0
            };
        }
        let mut f = FloatFormat {
            single,
            plus,
            exp_format,
            precision: PRECISION,
            pad_left: 0,
            pad_right: 0,
            exp_size: 0,
        };
        if !finite.is_empty() {
            if exp_format {
                let parts: Vec<_> = finite
                    .iter()
                    .map(|&x| Real { x, single }.scientific(PRECISION, plus))
                    .collect();
                f.exp_size = parts
                    .iter()
                    .map(|p| p.2.unsigned_abs().to_string().len().max(2))
                    .max()
                    .unwrap_or(2);
                f.precision = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
                f.pad_left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
                f.pad_right = f.exp_size + 2 + f.precision;
            } else {
                let parts: Vec<_> = finite
                    .iter()
                    .map(|&x| Real { x, single }.positional(PRECISION, plus))
                    .collect();
                f.pad_left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
                f.pad_right = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
            }
        }
        if finite.len() != vals.len() {
            let neginf = plus || vals.contains(&f64::NEG_INFINITY);
            let offset = f.pad_right + 1;
            f.pad_left = f
                .pad_left
                .max(3usize.saturating_sub(offset))
                .max((3 + neginf as usize).saturating_sub(offset));
        }
        f
    }

    fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let ret = if x.is_nan() {
                if self.plus {
                    "+nan"
                } else {
                    "nan"
                }
            } else if x < 0.0 {
                "-inf"
            } else if self.plus {
                "+inf"
            } else {
                "inf"
            };
            return format!("{ret:>w$}", w = self.pad_left + self.pad_right + 1);
        }
        let r = Real {
            x,
            single: self.single,
        };
        if self.exp_format {
            // Dragon4 with min_digits: every element gets exactly `precision` digits.
            let (ip, fp, e) = r.scientific_fixed(self.precision, self.plus);
            format!(
                "{ip:>pl$}.{fp:0<p$}e{}{:0>es$}",
                if e < 0 { '-' } else { '+' },
                e.unsigned_abs(),
                pl = self.pad_left,
                p = self.precision,
                es = self.exp_size
            )
        } else {
            let (ip, fp) = r.positional(PRECISION, self.plus);
            format!(
                "{ip:>pl$}.{fp:<pr$}",
                pl = self.pad_left,
                pr = self.pad_right
            )
        }
    }
}

/// The element formatter of one array (NumPy's `_get_format_function`).
enum ElemFormat {
    Bool { zero_d: bool },
    Int { width: usize },
    Float(FloatFormat),
    Complex(FloatFormat, FloatFormat),
}

impl ElemFormat {
    fn new(data: &HostData, sample: &[usize], zero_d: bool) -> ElemFormat {
        let dtype = data.dtype();
        let get = |i: usize| data.get(i).unwrap_or(Scalar::Int(0));
        if dtype.is_bool() {
            ElemFormat::Bool { zero_d }
        } else if dtype.is_integer() {
            let width = sample
                .iter()
                .map(|&i| get(i).to_string().len())
                .max()
                .unwrap_or(0);
            ElemFormat::Int { width }
        } else if dtype.is_complex() {
            let single = dtype == DType::Complex64;
            let (re, im): (Vec<f64>, Vec<f64>) = sample
                .iter()
                .map(|&i| {
                    let c = get(i).to_complex();
                    (c.re, c.im)
                })
                .unzip();
            ElemFormat::Complex(
                FloatFormat::new(&re, single, false),
                FloatFormat::new(&im, single, true),
            )
        } else {
            let vals: Vec<f64> = sample.iter().map(|&i| get(i).to_f64()).collect();
            ElemFormat::Float(FloatFormat::new(&vals, dtype == DType::Float32, false))
        }
    }

    fn format(&self, s: Scalar) -> String {
        match self {
            ElemFormat::Bool { zero_d } => match s {
                Scalar::Bool(true) if *zero_d => "True".into(),
                Scalar::Bool(true) => " True".into(),
                _ => "False".into(),
            },
            ElemFormat::Int { width } => format!("{:>width$}", s.to_string()),
            ElemFormat::Float(f) => f.format(s.to_f64()),
            ElemFormat::Complex(rf, imf) => {
                let c = s.to_complex();
                let r = rf.format(c.re);
                let i = imf.format(c.im);
                let body = i.trim_end();
                format!("{r}{body}j{}", &i[body.len()..])
            }
        }
    }
}

/// NumPy's `_formatArray`.
struct Printer<'a> {
    shape: &'a [usize],
    strides: &'a [usize],
    summarize: bool,
    data: &'a HostData,
    fmt: &'a ElemFormat,
}

fn extend_line(s: &mut String, line: &mut String, word: &str, width: usize, prefix: &str) {
    // Don't wrap when it would not help (the line holds only the indent).
    let needs_wrap = line.len() + word.len() > width && line.len() > prefix.len();
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        line.clear();
        line.push_str(prefix);
    }
    line.push_str(word);
}

impl Printer<'_> {
    fn recurse(&self, axis: usize, offset: usize, hanging: &str, width: usize) -> String {
        let ndim = self.shape.len();
        if axis == ndim {
            return match self.data.get(offset) {
                Some(v) => self.fmt.format(v),
                None => "?".into(),
            };
        }
        let axes_left = ndim - axis;
        let next_hanging = format!("{hanging} ");
        let next_width = width.saturating_sub(1);
        let items = axis_items(self.shape[axis], self.summarize);
        let last = items.len() - 1;
        let stride = self.strides[axis];
        let word = |item: Option<usize>| match item {
            Some(i) => self.recurse(axis + 1, offset + i * stride, &next_hanging, next_width),
            None => "...".to_string(),
        };
        let mut s = String::new();
        if axes_left == 1 {
            // Leave room for the "," or "]" after each element.
            let elem_width = width.saturating_sub(1);
            let mut line = hanging.to_string();
            for (k, &item) in items.iter().enumerate() {
                extend_line(&mut s, &mut line, &word(item), elem_width, hanging);
                if k != last {
                    line.push_str(", ");
                }
            }
            s.push_str(&line);
        } else {
            let line_sep = format!(",{}", "\n".repeat(axes_left - 1));
            for (k, &item) in items.iter().enumerate() {
                s.push_str(hanging);
                s.push_str(&word(item));
                if k != last {
                    s.push_str(&line_sep);
                }
            }
        }
        format!("[{}]", &s[hanging.len()..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Complex32, Complex64};

    fn f64s(v: &[f64], shape: &[usize]) -> String {
        format_host(&HostData::Float64(v.to_vec()), shape)
    }

    #[test]
    fn floats() {
        assert_eq!(f64s(&[1.0, 2.0, 3.0], &[3]), "array([1., 2., 3.])");
        assert_eq!(f64s(&[1.0, 2.5], &[2]), "array([1. , 2.5])");
        assert_eq!(f64s(&[5.0], &[]), "array(5.)");
        assert_eq!(
            f64s(&[0.1, -0.25, 3.0], &[3]),
            "array([ 0.1 , -0.25,  3.  ])"
        );
        assert_eq!(
            f64s(&[1.0 / 3.0, 2.0 / 3.0], &[2]),
            "array([0.33333333, 0.66666667])"
        );
        assert_eq!(
            f64s(&[0.001953125, 1.0], &[2]),
            "array([0.00195312, 1.        ])"
        );
        assert_eq!(f64s(&[-0.0], &[1]), "array([-0.])");
        assert_eq!(f64s(&[1e10], &[]), "array(1.e+10)");
        assert_eq!(f64s(&[1.2345e-5], &[1]), "array([1.2345e-05])");
        assert_eq!(f64s(&[1e-5, 1.5e-5], &[2]), "array([1.0e-05, 1.5e-05])");
        assert_eq!(f64s(&[1e-300, 1e5], &[2]), "array([1.e-300, 1.e+005])");
        assert_eq!(f64s(&[1234567885.0], &[1]), "array([1.23456788e+09])");
        assert_eq!(f64s(&[1234567895.0], &[1]), "array([1.2345679e+09])");
        assert_eq!(f64s(&[1.0, 1001.0], &[2]), "array([1.000e+00, 1.001e+03])");
        assert_eq!(f64s(&[1.0, 1000.0], &[2]), "array([   1., 1000.])");
        assert_eq!(f64s(&[12345678.5], &[1]), "array([12345678.5])");
        assert_eq!(f64s(&[1e8], &[1]), "array([1.e+08])");
    }

    #[test]
    fn non_finite() {
        let (nan, inf) = (f64::NAN, f64::INFINITY);
        assert_eq!(f64s(&[1.5, nan, -inf], &[3]), "array([ 1.5,  nan, -inf])");
        assert_eq!(f64s(&[nan, -inf], &[2]), "array([ nan, -inf])");
        assert_eq!(f64s(&[nan, inf], &[2]), "array([nan, inf])");
        assert_eq!(f64s(&[nan], &[]), "array(nan)");
        assert_eq!(f64s(&[1e-5, nan], &[2]), "array([1.e-05,    nan])");
    }

    #[test]
    fn float32() {
        let a = HostData::Float32(vec![1e7, 1.5]);
        assert_eq!(
            format_host(&a, &[2]),
            "array([1.0e+07, 1.5e+00], dtype=float32)"
        );
        let a = HostData::Float32(vec![123456.7]);
        assert_eq!(format_host(&a, &[1]), "array([123456.7], dtype=float32)");
        let a = HostData::Float32(vec![0.1, 0.2]);
        assert_eq!(format_host(&a, &[2]), "array([0.1, 0.2], dtype=float32)");
    }

    #[test]
    fn ints_bools_complex() {
        assert_eq!(
            format_host(&HostData::Int64(vec![1, 2, 3, 4]), &[2, 2]),
            "array([[1, 2],\n       [3, 4]])"
        );
        assert_eq!(
            format_host(&HostData::Int32(vec![5]), &[]),
            "array(5, dtype=int32)"
        );
        assert_eq!(
            format_host(&HostData::Int8(vec![-100, 5]), &[2]),
            "array([-100,    5], dtype=int8)"
        );
        assert_eq!(
            format_host(&HostData::UInt64(vec![u64::MAX]), &[1]),
            "array([18446744073709551615], dtype=uint64)"
        );
        assert_eq!(
            format_host(&HostData::Bool(vec![true, false]), &[1, 2]),
            "array([[ True, False]])"
        );
        assert_eq!(format_host(&HostData::Bool(vec![true]), &[]), "array(True)");
        let c = HostData::Complex128(vec![
            Complex64::new(1.0, 2.0),
            Complex64::new(f64::NAN, -1.0),
        ]);
        assert_eq!(format_host(&c, &[2]), "array([ 1.+2.j, nan-1.j])");
        let c = HostData::Complex64(vec![Complex32::new(0.5, -0.25)]);
        assert_eq!(format_host(&c, &[]), "array(0.5-0.25j, dtype=complex64)");
    }

    #[test]
    fn numpy_rounding_and_edge_cases() {
        // Shortest-digit ties go to the even digit, as in Dragon4.
        let a = HostData::Float32(vec![-(60834.0 + 5.0 / 16.0)]);
        assert_eq!(format_host(&a, &[1]), "array([-60834.312], dtype=float32)");
        // Scientific mode prints the exact digits of every element, subnormals too.
        assert_eq!(
            f64s(&[f64::MAX, f64::MIN_POSITIVE, 5e-324], &[3]),
            "array([1.79769313e+308, 2.22507386e-308, 4.94065646e-324])"
        );
        // float32 thresholds compare in float32: f32 1e-4 is not below 1e-4.
        let a = HostData::Float32(vec![1e-4, 5e-4]);
        assert_eq!(
            format_host(&a, &[2]),
            "array([0.0001, 0.0005], dtype=float32)"
        );
        let c = HostData::Complex128(vec![
            Complex64::new(1.0, 2.0),
            Complex64::new(f64::INFINITY, f64::NAN),
            Complex64::new(f64::NEG_INFINITY, f64::NEG_INFINITY),
        ]);
        assert_eq!(
            format_host(&c, &[3]),
            "array([  1. +2.j,  inf+nanj, -inf-infj])"
        );
        let c = HostData::Complex128(vec![Complex64::new(1e-6, 1.0), Complex64::new(2.5, -1e5)]);
        assert_eq!(
            format_host(&c, &[2]),
            "array([1.0e-06+1.e+00j, 2.5e+00-1.e+05j])"
        );
        let a = HostData::Int64(vec![1 << 62, -(1 << 62), 7]);
        assert_eq!(
            format_host(&a, &[3, 1]),
            "array([[ 4611686018427387904],\n       [-4611686018427387904],\n       [                   7]])"
        );
    }

    #[test]
    fn empty() {
        assert_eq!(
            format_host(&HostData::Float32(vec![]), &[0]),
            "array([], dtype=float32)"
        );
        assert_eq!(
            format_host(&HostData::Float64(vec![]), &[0]),
            "array([], dtype=float64)"
        );
        assert_eq!(
            format_host(&HostData::Int64(vec![]), &[0, 3]),
            "array([], shape=(0, 3), dtype=int64)"
        );
    }

    #[test]
    fn nesting_and_summary() {
        let a = HostData::Int64((0..24).collect());
        assert_eq!(
            format_host(&a, &[2, 3, 4]),
            "array([[[ 0,  1,  2,  3],\n        [ 4,  5,  6,  7],\n        [ 8,  9, 10, 11]],\n\n       [[12, 13, 14, 15],\n        [16, 17, 18, 19],\n        [20, 21, 22, 23]]])"
        );
        let a = HostData::Int64((0..1001).collect());
        assert_eq!(
            format_host(&a, &[1001]),
            "array([   0,    1,    2, ...,  998,  999, 1000], shape=(1001,))"
        );
        let a = HostData::Int64((0..2000).collect());
        assert_eq!(
            format_host(&a, &[1000, 2]),
            "array([[   0,    1],\n       [   2,    3],\n       [   4,    5],\n       ...,\n       [1994, 1995],\n       [1996, 1997],\n       [1998, 1999]], shape=(1000, 2))"
        );
    }

    #[test]
    fn wrapping() {
        let row = "1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5,\n        \
                   1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5,\n        \
                   1.5, 1.5, 1.5, 1.5";
        assert_eq!(
            f64s(&[1.5; 60], &[2, 30]),
            format!("array([[{row}],\n       [{row}]])")
        );
        let a = HostData::Float64((0..20).map(|i| i as f64 * 1.5).collect());
        assert_eq!(
            format_host(&a, &[20]),
            "array([ 0. ,  1.5,  3. ,  4.5,  6. ,  7.5,  9. , 10.5, 12. , 13.5, 15. ,\n       16.5, 18. , 19.5, 21. , 22.5, 24. , 25.5, 27. , 28.5])"
        );
        let a = HostData::Float32((0..20).map(|i| i as f32 / 7.0).collect());
        assert_eq!(
            format_host(&a, &[20]),
            "array([0.        , 0.14285715, 0.2857143 , 0.42857143, 0.5714286 ,\n       0.71428573, 0.85714287, 1.        , 1.1428572 , 1.2857143 ,\n       1.4285715 , 1.5714285 , 1.7142857 , 1.8571428 , 2.        ,\n       2.142857  , 2.2857144 , 2.4285715 , 2.5714285 , 2.7142856 ],\n      dtype=float32)"
        );
    }
}
