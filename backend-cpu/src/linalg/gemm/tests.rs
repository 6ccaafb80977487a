//! The GEMM against a naive triple loop (`f64` accumulation) over shapes around the
//! micro-kernel's and the blocks' edges, every operand layout (row-major, transposed,
//! padded with an offset, negative row stride, column stride 2), concurrent nested calls,
//! rejected views, every accumulation mode into a block of a bigger C, and the driver
//! with tiny blocking (many strips, depth blocks and tasks). Skipped on a CPU without AVX-512 (the functions return `false`).

use super::{Acc, Gemm, View};

/// [`Gemm::gemm`] with the views spelled out (slice, offset, row and column strides).
#[allow(clippy::too_many_arguments)]
fn gemm_t<T: Gemm>(
    m: usize,
    n: usize,
    k: usize,
    a: &[T],
    a_off: usize,
    a_rs: isize,
    a_cs: isize,
    b: &[T],
    b_off: usize,
    b_rs: isize,
    b_cs: isize,
    c: &mut [T],
) -> bool {
    let a = View {
        data: a,
        off: a_off,
        rs: a_rs,
        cs: a_cs,
    };
    let b = View {
        data: b,
        off: b_off,
        rs: b_rs,
        cs: b_cs,
    };
    T::gemm(m, n, k, a, b, c)
}

/// Whether the GEMM runs on this CPU.
fn runs() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        super::has_avx512()
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

fn rnd(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 11) as f64 / (1u64 << 53) as f64) - 0.5
        })
        .collect()
}

/// Builds a strided view of a random m x k matrix: layout 0 row-major, 1 col-major
/// (transposed), 2 padded rows with offset, 3 negative row stride, 4 col stride 2.
fn layout(m: usize, k: usize, lay: usize, seed: u64) -> (Vec<f64>, usize, isize, isize) {
    let (mm, kk) = (m.max(1), k.max(1));
    match lay {
        0 => (rnd(m * k, seed), 0, k as isize, 1),
        1 => (rnd(m * k, seed), 0, 1, m as isize),
        2 => (rnd(3 + mm * (kk + 5), seed), 3, (kk + 5) as isize, 1),
        3 => (rnd(mm * kk + 2, seed), 2 + (mm - 1) * kk, -(kk as isize), 1),
        _ => (rnd(mm * kk * 2 + 1, seed), 1, (2 * kk) as isize, 2),
    }
}

#[allow(clippy::too_many_arguments)]
fn naive(
    m: usize,
    n: usize,
    k: usize,
    a: &[f64],
    ao: usize,
    ars: isize,
    acs: isize,
    b: &[f64],
    bo: usize,
    brs: isize,
    bcs: isize,
) -> Vec<f64> {
    let mut c = vec![0.0; m * n];
    for i in 0..m {
        for j in 0..n {
            let mut s = 0.0;
            for p in 0..k {
                let x = a[(ao as isize + i as isize * ars + p as isize * acs) as usize];
                let y = b[(bo as isize + p as isize * brs + j as isize * bcs) as usize];
                s += x * y;
            }
            c[i * n + j] = s;
        }
    }
    c
}

fn check(m: usize, n: usize, k: usize, la: usize, lb: usize) {
    if !runs() {
        return;
    }
    let (a, ao, ars, acs) = layout(m, k, la, 1 + (m * 31 + k) as u64);
    let (b, bo, brs, bcs) = layout(k, n, lb, 7 + (n * 17 + k) as u64);
    let want = naive(m, n, k, &a, ao, ars, acs, &b, bo, brs, bcs);
    // f64
    let mut c = vec![f64::NAN; m * n];
    assert!(gemm_t::<f64>(
        m, n, k, &a, ao, ars, acs, &b, bo, brs, bcs, &mut c
    ));
    let tol = 4.0 * (k as f64 + 1.0) * f64::EPSILON;
    for (idx, (x, y)) in c.iter().zip(&want).enumerate() {
        assert!(
            (x - y).abs() <= tol,
            "f64 {m}x{n}x{k} la{la} lb{lb} at {idx}: {x} vs {y}"
        );
    }
    // f32
    let a32: Vec<f32> = a.iter().map(|&x| x as f32).collect();
    let b32: Vec<f32> = b.iter().map(|&x| x as f32).collect();
    let a64: Vec<f64> = a32.iter().map(|&x| x as f64).collect();
    let b64: Vec<f64> = b32.iter().map(|&x| x as f64).collect();
    let want = naive(m, n, k, &a64, ao, ars, acs, &b64, bo, brs, bcs);
    let mut c = vec![f32::NAN; m * n];
    assert!(gemm_t::<f32>(
        m, n, k, &a32, ao, ars, acs, &b32, bo, brs, bcs, &mut c
    ));
    let tol = 4.0 * (k as f64 + 1.0) * f32::EPSILON as f64;
    for (idx, (x, y)) in c.iter().zip(&want).enumerate() {
        assert!(
            (*x as f64 - y).abs() <= tol,
            "f32 {m}x{n}x{k} la{la} lb{lb} at {idx}: {x} vs {y}"
        );
    }
}

const DIMS: [usize; 14] = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 49, 65];

#[test]
fn small_shapes_all_dims() {
    for &m in &DIMS {
        for &n in &DIMS {
            for &k in &[0usize, 1, 2, 3, 7, 8, 9, 17, 33] {
                check(m, n, k, 0, 0);
            }
        }
    }
}

#[test]
fn layouts() {
    for la in 0..5 {
        for lb in 0..5 {
            for &(m, n, k) in &[
                (17, 33, 9),
                (1, 50, 70),
                (50, 1, 70),
                (97, 113, 131),
                (13, 130, 300),
            ] {
                check(m, n, k, la, lb);
            }
        }
    }
}

#[test]
fn larger_blocks() {
    // Crosses the kc / mc / nc block boundaries and the parallel split.
    for &(m, n, k) in &[
        (300, 1000, 600),
        (1000, 49, 259),
        (100, 3000, 50),
        (513, 517, 520),
        (9, 2000, 300),
        (2000, 9, 300),
    ] {
        check(m, n, k, 0, 0);
        check(m, n, k, 1, 1);
    }
}

#[test]
fn rejects_out_of_bounds() {
    if !runs() {
        return;
    }
    let a = vec![1.0f64; 10];
    let b = vec![1.0f64; 10];
    let mut c = vec![5.0f64; 16];
    assert!(!gemm_t::<f64>(4, 4, 4, &a, 0, 4, 1, &b, 0, 4, 1, &mut c));
    assert!(c.iter().all(|&x| x == 5.0));
    assert!(!gemm_t::<f64>(2, 2, 2, &a, 0, -1, 1, &b, 0, 2, 1, &mut c));
    assert!(!gemm_t::<f64>(
        2,
        2,
        2,
        &a,
        0,
        isize::MAX,
        1,
        &b,
        0,
        2,
        1,
        &mut c
    ));
    let mut small = vec![0.0f64; 3];
    assert!(!gemm_t::<f64>(
        2, 2, 2, &a, 0, 2, 1, &b, 0, 2, 1, &mut small
    ));
    // k == 0: zeros
    assert!(gemm_t::<f64>(4, 4, 0, &a, 0, 0, 1, &b, 0, 4, 1, &mut c));
    assert!(c.iter().all(|&x| x == 0.0));
}

#[test]
fn concurrent_and_nested_calls() {
    use rayon::prelude::*;
    // Many GEMMs at once from rayon tasks (each may itself use the pool): buffers are
    // per thread and taken/returned, so nested use must stay correct.
    let shapes: Vec<(usize, usize, usize)> = (0..16)
        .map(|i| (97 + 13 * i, 130 + 7 * i, 111 + 5 * i))
        .collect();
    shapes
        .par_iter()
        .for_each(|&(m, n, k)| check(m, n, k, 0, 0));
}

/// C (`m x n` block at offset `c0`, row stride `ldc`, inside `init`) after the product
/// with `acc`, as computed by `f`, checked against `naive` in f64: the block must hold
/// the product (plus / minus the initial values), everything around it is untouched.
#[allow(clippy::too_many_arguments)]
fn check_block<T: Gemm + Into<f64>>(
    m: usize,
    n: usize,
    k: usize,
    acc: Acc,
    want: &[f64],
    init: &[T],
    c0: usize,
    ldc: usize,
    eps: f64,
    f: impl FnOnce(&mut [T]) -> bool,
) {
    let mut c = init.to_vec();
    assert!(f(&mut c[c0..]));
    let tol = 4.0 * (k as f64 + 2.0) * eps;
    for (idx, (&x, &x0)) in c.iter().zip(init).enumerate() {
        let (x, x0): (f64, f64) = (x.into(), x0.into());
        let (i, j) = (idx.wrapping_sub(c0) / ldc, idx.wrapping_sub(c0) % ldc);
        if idx < c0 || i >= m || j >= n {
            assert!(
                x.to_bits() == x0.to_bits(),
                "{acc:?} {m}x{n}x{k}: wrote {idx}"
            );
            continue;
        }
        let y = match acc {
            Acc::Set => want[i * n + j],
            Acc::Add => x0 + want[i * n + j],
            Acc::Sub => x0 - want[i * n + j],
        };
        assert!(
            (x - y).abs() <= tol,
            "{acc:?} {m}x{n}x{k} at ({i},{j}): {x} vs {y}"
        );
    }
}

/// `gemm_acc` (every `Acc`) on a block of a bigger C, both types, layouts 0 and 1; with
/// `tiny`, the driver itself with tiny blocking on 1 to 3 threads.
fn check_acc(m: usize, n: usize, k: usize, tiny: bool) {
    if !runs() {
        return;
    }
    for lay in [0, 1] {
        let (a, ao, ars, acs) = layout(m, k, lay, 3 + (m * 7 + k) as u64);
        let (b, bo, brs, bcs) = layout(k, n, lay, 5 + (n * 11 + k) as u64);
        let (ldc, c0) = (n + 3, 2);
        let init = rnd(c0 + m * ldc + 1, 9);
        macro_rules! go {
            ($t:ty, $kern:ty, $eps:expr) => {{
                let a: Vec<$t> = a.iter().map(|&x| x as $t).collect();
                let b: Vec<$t> = b.iter().map(|&x| x as $t).collect();
                let a64: Vec<f64> = a.iter().map(|&x| x as f64).collect();
                let b64: Vec<f64> = b.iter().map(|&x| x as f64).collect();
                let want = naive(m, n, k, &a64, ao, ars, acs, &b64, bo, brs, bcs);
                let init: Vec<$t> = init.iter().map(|&x| x as $t).collect();
                let av = || View {
                    data: &a,
                    off: ao,
                    rs: ars,
                    cs: acs,
                };
                let bv = || View {
                    data: &b,
                    off: bo,
                    rs: brs,
                    cs: bcs,
                };
                for acc in [Acc::Set, Acc::Add, Acc::Sub] {
                    if tiny {
                        for threads in 1..=3 {
                            let bl = super::Blocking {
                                kc: 5,
                                mc: 7,
                                nc: 1,
                            };
                            check_block(m, n, k, acc, &want, &init, c0, ldc, $eps, |c| {
                                // SAFETY: `runs()` checked the CPU features.
                                unsafe {
                                    super::driver::<$kern>(
                                        m,
                                        n,
                                        k,
                                        av(),
                                        bv(),
                                        c,
                                        ldc,
                                        acc,
                                        bl,
                                        threads,
                                    )
                                }
                            });
                        }
                    } else {
                        check_block(m, n, k, acc, &want, &init, c0, ldc, $eps, |c| {
                            <$t>::gemm_acc(m, n, k, av(), bv(), c, ldc, acc)
                        });
                    }
                }
            }};
        }
        go!(f64, super::F64Kernel, f64::EPSILON);
        go!(f32, super::F32Kernel, f32::EPSILON as f64);
    }
}

#[test]
fn accumulate_modes() {
    for &(m, n, k) in &[
        (7, 9, 5),
        (200, 150, 300),
        (130, 1100, 270),
        (1100, 70, 1030),
        (61, 700, 1030),
    ] {
        check_acc(m, n, k, false);
    }
}

#[test]
fn tiny_blocking() {
    // Strips of 12 rows, depth blocks of <= 5, one micro-panel per B panel: many
    // strips, depth blocks, column tasks and (for narrow C) row tasks.
    // Narrow C splits rows against a shared B block, wide C (from 8 or 12 micro-panels
    // on 2 or 3 threads) splits columns.
    for &(m, n, k) in &[
        (1, 1, 1),
        (40, 200, 23),
        (97, 30, 12),
        (13, 130, 9),
        (100, 100, 100),
        (23, 600, 11),
        (61, 1100, 7),
    ] {
        check_acc(m, n, k, true);
    }
}
