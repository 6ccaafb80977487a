//! The suite must catch a wrong kernel: a backend that is the reference except for one
//! off-by-one in `tri` (upper triangles) fails `triu` and nothing else.

use array_api::{
    BackendCore, BackendInfo, BinaryOp, CopyOps, CreationOps, DType, ElementwiseOps, HostData,
    IndexArray, IndexingOps, Layout, Result, Scalar, UnaryOp,
};
use conformance::{RefStorage, Reference};

#[derive(Clone, Debug, PartialEq)]
struct Faulty;

impl BackendCore for Faulty {
    type Storage = RefStorage;
    fn info(&self) -> BackendInfo {
        BackendInfo {
            backend: "faulty",
            device: "faulty".into(),
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

impl CreationOps for Faulty {
    fn full(&self, len: usize, value: Scalar, dtype: DType) -> Result<RefStorage> {
        Reference.full(len, value, dtype)
    }
    fn arange(&self, len: usize, start: Scalar, step: Scalar, dtype: DType) -> Result<RefStorage> {
        Reference.arange(len, start, step, dtype)
    }
    fn linspace(
        &self,
        len: usize,
        a: Scalar,
        b: Scalar,
        endpoint: bool,
        dtype: DType,
    ) -> Result<RefStorage> {
        Reference.linspace(len, a, b, endpoint, dtype)
    }
}

impl CopyOps for Faulty {
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
        // the bug: triu keeps one diagonal too many
        Reference.tri(s, l, d, if upper { k - 1 } else { k }, upper)
    }
}

impl IndexingOps for Faulty {
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

impl ElementwiseOps for Faulty {
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
        Reference.unary(op, x, xl, d, out, ol, od)
    }
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
        Reference.binary(op, a, al, b, bl, d, out, ol, od)
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
        Reference.binary_assign(op, a, al, b, bl, d)
    }
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
fn an_off_by_one_in_triu_is_caught() {
    std::env::set_var(
        "XP_CONFORMANCE_DIR",
        std::env::temp_dir().join("xp-conformance-faulty"),
    );
    let report = conformance::run_suite(&Faulty, "faulty");
    let failed = report.failures();
    assert!(failed.contains(&"triu"), "{}", report.to_markdown());
    assert!(failed.contains(&"numpy: triu"), "{}", report.to_markdown());
    assert!(!failed.contains(&"tril"), "{}", report.to_markdown());
    let f = report.get("triu").unwrap();
    match &f.status {
        conformance::Status::Fail { message, input } => {
            assert!(message.contains("element"), "{message}");
            assert!(input.contains("TestArray"), "{input}");
        }
        s => panic!("triu: {s:?}"),
    }
}
