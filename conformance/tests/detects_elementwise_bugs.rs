//! The elementwise suite must catch wrong kernels: a backend that is the reference except
//! for a few planted bugs fails exactly the properties and special cases that cover them.

use array_api::{
    BackendCore, BackendInfo, BinaryOp, Complex64, CopyOps, CreationOps, DType, ElementwiseOps,
    HostData, IndexArray, IndexingOps, Layout, Result, Scalar, UnaryOp,
};
use conformance::{RefStorage, Reference};
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
struct Buggy;

impl BackendCore for Buggy {
    type Storage = RefStorage;
    fn info(&self) -> BackendInfo {
        BackendInfo {
            backend: "buggy",
            device: "buggy".into(),
            ..Reference.info()
        }
    }
    fn from_host(&self, data: HostData) -> Result<RefStorage> {
        Reference.from_host(data)
    }
    fn to_host(&self, s: &RefStorage, l: &Layout, d: DType) -> Result<HostData> {
        Reference.to_host(s, l, d)
    }
}

impl CreationOps for Buggy {
    fn full(&self, len: usize, value: Scalar, dtype: DType) -> Result<RefStorage> {
        Reference.full(len, value, dtype)
    }
    fn arange(&self, len: usize, start: Scalar, step: Scalar, dtype: DType) -> Result<RefStorage> {
        Reference.arange(len, start, step, dtype)
    }
    fn linspace(&self, len: usize, a: Scalar, b: Scalar, e: bool, d: DType) -> Result<RefStorage> {
        Reference.linspace(len, a, b, e, d)
    }
}

impl CopyOps for Buggy {
    fn copy_into(
        &self,
        s: &RefStorage,
        sl: &Layout,
        d: &mut RefStorage,
        dl: &Layout,
        dt: DType,
    ) -> Result<()> {
        Reference.copy_into(s, sl, d, dl, dt)
    }
    fn contiguous(&self, s: &RefStorage, l: &Layout, d: DType) -> Result<RefStorage> {
        Reference.contiguous(s, l, d)
    }
    fn cast(&self, s: &RefStorage, l: &Layout, from: DType, to: DType) -> Result<RefStorage> {
        Reference.cast(s, l, from, to)
    }
    fn tri(&self, s: &RefStorage, l: &Layout, d: DType, k: i64, upper: bool) -> Result<RefStorage> {
        Reference.tri(s, l, d, k, upper)
    }
}

impl IndexingOps for Buggy {
    fn gather(
        &self,
        s: &RefStorage,
        l: &Layout,
        d: DType,
        axis: usize,
        ix: &[IndexArray<'_, RefStorage>],
    ) -> Result<RefStorage> {
        Reference.gather(s, l, d, axis, ix)
    }
    #[allow(clippy::too_many_arguments)]
    fn scatter(
        &self,
        dst: &mut RefStorage,
        l: &Layout,
        d: DType,
        axis: usize,
        ix: &[IndexArray<'_, RefStorage>],
        v: &RefStorage,
        vl: &Layout,
    ) -> Result<()> {
        Reference.scatter(dst, l, d, axis, ix, v, vl)
    }
    fn nonzero(&self, s: &RefStorage, l: &Layout, d: DType) -> Result<(RefStorage, usize)> {
        Reference.nonzero(s, l, d)
    }
}

/// Applies `f` to every element of the storage (the planted bug).
fn corrupt<T: array_api::Element>(out: &mut RefStorage, f: impl Fn(T) -> T) {
    if let Some(v) = T::slice_mut(Arc::make_mut(&mut out.0)) {
        for x in v {
            *x = f(*x);
        }
    }
}

impl ElementwiseOps for Buggy {
    #[allow(clippy::too_many_arguments)]
    fn unary(
        &self,
        op: UnaryOp,
        x: &RefStorage,
        xl: &Layout,
        d: DType,
        out: &mut RefStorage,
        ol: &Layout,
        od: DType,
    ) -> Result<()> {
        Reference.unary(op, x, xl, d, out, ol, od)?;
        match (op, d) {
            // 3 ulp off beyond |x| > 1
            (UnaryOp::Sin, DType::Float64) => corrupt::<f64>(out, |v| {
                if v.is_finite() && v.abs() > 0.5 {
                    f64::from_bits(v.to_bits() + 3)
                } else {
                    v
                }
            }),
            // exp(+inf + 0j) = inf + NaN j, against the standard's inf + 0j
            (UnaryOp::Exp, DType::Complex128) => corrupt::<Complex64>(out, |z| {
                if z.re == f64::INFINITY && z.im == 0.0 {
                    Complex64::new(z.re, f64::NAN)
                } else {
                    z
                }
            }),
            _ => {}
        }
        Ok(())
    }
    #[allow(clippy::too_many_arguments)]
    fn binary(
        &self,
        op: BinaryOp,
        a: &RefStorage,
        al: &Layout,
        b: &RefStorage,
        bl: &Layout,
        d: DType,
        out: &mut RefStorage,
        ol: &Layout,
        od: DType,
    ) -> Result<()> {
        match (op, d) {
            // Rust's f64::max: NaN ignored
            (BinaryOp::Maximum, DType::Float64) => {
                let x = Reference
                    .to_host(a, al, d)?
                    .to_vec::<f64>()
                    .unwrap_or_default();
                let y = Reference
                    .to_host(b, bl, d)?
                    .to_vec::<f64>()
                    .unwrap_or_default();
                let m: Vec<f64> = x.iter().zip(&y).map(|(p, q)| p.max(*q)).collect();
                let host = Reference.from_host(HostData::Float64(m))?;
                Reference.copy_into(&host, &Layout::contiguous(ol.shape()), out, ol, od)
            }
            // float32 division through the reciprocal (not correctly rounded)
            (BinaryOp::Divide, DType::Float32) => {
                Reference.binary(op, a, al, b, bl, d, out, ol, od)?;
                let x = Reference.to_host(a, al, d)?;
                let y = Reference.to_host(b, bl, d)?;
                let (x, y) = (
                    x.to_vec::<f32>().unwrap_or_default(),
                    y.to_vec::<f32>().unwrap_or_default(),
                );
                let q: Vec<f32> = x.iter().zip(&y).map(|(p, q)| p * (1.0 / q)).collect();
                let host = Reference.from_host(HostData::Float32(q))?;
                Reference.copy_into(&host, &Layout::contiguous(ol.shape()), out, ol, od)
            }
            _ => Reference.binary(op, a, al, b, bl, d, out, ol, od),
        }
    }
    fn binary_assign(
        &self,
        op: BinaryOp,
        a: &mut RefStorage,
        al: &Layout,
        b: &RefStorage,
        bl: &Layout,
        d: DType,
    ) -> Result<()> {
        if op == BinaryOp::Subtract && d.is_integer() {
            // b - a instead of a - b
            let mut tmp = Reference.contiguous(a, al, d)?;
            let cl = Layout::contiguous(al.shape());
            Reference.binary(op, b, bl, a, al, d, &mut tmp, &cl, d)?;
            return Reference.copy_into(&tmp, &cl, a, al, d);
        }
        Reference.binary_assign(op, a, al, b, bl, d)
    }
    #[allow(clippy::too_many_arguments)]
    fn clip(
        &self,
        x: &RefStorage,
        xl: &Layout,
        lo: Option<(&RefStorage, &Layout)>,
        hi: Option<(&RefStorage, &Layout)>,
        d: DType,
        out: &mut RefStorage,
        ol: &Layout,
    ) -> Result<()> {
        Reference.clip(x, xl, lo, hi, d, out, ol)
    }
    #[allow(clippy::too_many_arguments)]
    fn select(
        &self,
        c: &RefStorage,
        cl: &Layout,
        a: &RefStorage,
        al: &Layout,
        b: &RefStorage,
        bl: &Layout,
        d: DType,
        out: &mut RefStorage,
        ol: &Layout,
    ) -> Result<()> {
        Reference.select(c, cl, a, al, b, bl, d, out, ol)
    }
}

#[test]
fn planted_elementwise_bugs_are_caught() {
    std::env::set_var(
        "XP_CONFORMANCE_DIR",
        std::env::temp_dir().join("xp-conformance-buggy"),
    );
    let report = conformance::run_suite(&Buggy, "buggy");
    let failed = report.failures();
    let md = report.to_markdown();
    for f in [
        "sin",
        "sin (hard points)",
        "maximum",
        "special cases: maximum",
        "divide",
        "special cases: exp",
        "operator sub_assign",
    ] {
        assert!(failed.contains(&f), "{f} not caught:\n{md}");
    }
    for f in [
        "cos",
        "minimum",
        "subtract",
        "multiply",
        "special cases: sin",
        "operator add_assign",
        "tril",
    ] {
        assert!(!failed.contains(&f), "{f} failed:\n{md}");
    }
    assert!(failed.len() <= 14, "too many failures: {failed:?}");
}
