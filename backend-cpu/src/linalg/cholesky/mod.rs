//! Lower Cholesky factorization `A = L L^T`, in place, row-major, for `f32` / `f64`.
//!
//! # Method
//!
//! Recursive: factor `A11`, `L21 = A21 L11^{-T}`, `A22 -= L21 L21^T` (lower triangle
//! only), factor `A22`. The TRSM runs on `Y = A21^T` in a scratch buffer
//! (`Y = L11^{-1} Y`, [`super::triangular::trsm_lower`]), which is copied back
//! transposed (8 x 8 register tiles); `Z = L21` and `Y` (contiguous copies) are the GEMM
//! operands of the symmetric update, so no GEMM operand shares rows with its output. The update is itself recursive (lower halves recurse,
//! the off-diagonal block is one GEMM); diagonal blocks of at most [`SYRK_BASE`] rows
//! are computed into a scratch square and subtracted on and below the diagonal only.
//! Blocks of at most [`CHOL_BASE`] rows are factored directly (left-looking, dot
//! products). Only the lower triangle (incl. the diagonal) is read or written.
//!
//! The off-diagonal solve runs as two column panels of `Y` in parallel, and the update
//! as `C11` in parallel with `C21`, `C22`, so both cores work outside the GEMMs too.
//!
//! # Performance
//!
//! n = 1000, minimum over 4 interleaved rounds of 15 runs (same machine and caveats as
//! in `super::lu`): `f64` 4.8 ms vs NumPy 5.7 ms, `f32` 2.8 ms vs 6.5 ms; another run's
//! quietest round had `f64` 6.6 vs 5.9 ms (noise), `f32` 3.7 vs 6.6 ms.

#[cfg(test)]
mod tests;

use super::gemm::{Acc, View};
use super::triangular::{dot, fast, mul_acc, split, transpose, trsm_lower, Dense, Diag};

/// Blocks of at most this many rows are factored without recursion.
pub(crate) const CHOL_BASE: usize = 32;
/// Multiply-adds of the off-diagonal solve above which it runs as two parallel halves.
const PAR_TRSM_WORK: usize = 64 * 64 * 64;
/// Symmetric updates of at most this many rows are one GEMM into a scratch square.
pub(crate) const SYRK_BASE: usize = 64;

/// Lower Cholesky factorization in place of the `n x n` row-major `a[i*lda + j]`.
///
/// Reads only the lower triangle (incl. the diagonal) and overwrites it with `L`; the
/// strict upper triangle is left as it was. Returns `Err(j)` when the leading minor of
/// order `j + 1` is not positive definite (pivot `<= 0` or NaN); `a` is then partly
/// overwritten.
///
/// # Panics
/// If `lda < n` or `a` is shorter than `(n-1)*lda + n`.
pub(crate) fn factor<T: Dense>(a: &mut [T], n: usize, lda: usize) -> Result<(), usize> {
    if n == 0 {
        return Ok(());
    }
    assert!(
        lda >= n && a.len() >= (n - 1) * lda + n,
        "cholesky::factor: slice too short for n = {n}, lda = {lda}"
    );
    let mut scratch = Vec::new();
    rec(a, lda, n, &mut scratch)
}

/// Recursive factorization of the `n x n` block at the start of `a`.
fn rec<T: Dense>(a: &mut [T], lda: usize, n: usize, scratch: &mut Vec<T>) -> Result<(), usize> {
    if n <= CHOL_BASE {
        return fast(
            #[inline(always)]
            || base(a, lda, n),
        );
    }
    let n1 = split(n);
    let r = n - n1;
    rec(a, lda, n1, scratch)?;
    // Y = A21^T (n1 x r) in two column panels (rows ..ra / ra.. of A21), then
    // Y = L11^{-1} Y (i.e. L21 = A21 L11^{-T}) on both panels at once; Z = L21 (r x n1).
    let ra = if rayon::current_num_threads() > 1 && n1 * n1 * r >= PAR_TRSM_WORK {
        split(r)
    } else {
        r
    };
    scratch.clear();
    scratch.resize(3 * n1 * r, T::ZERO);
    let (y, rest) = scratch.split_at_mut(n1 * r);
    let (z, yt) = rest.split_at_mut(n1 * r);
    let (ya, yb) = y.split_at_mut(n1 * ra);
    {
        let a: &[T] = a;
        let panel = |row0: usize, rows: usize, y: &mut [T]| {
            transpose_out(a, lda, row0, rows, n1, y);
            trsm_lower(Diag::NonUnit, n1, rows, a, lda, y, rows);
        };
        if ra < r {
            rayon::join(|| panel(n1, ra, ya), || panel(n1 + ra, r - ra, yb));
        } else {
            panel(n1, r, ya);
        }
    }
    let (za, zb) = z.split_at_mut(ra * n1);
    transpose_in(a, lda, n1, ra, n1, ya, za);
    transpose_in(a, lda, n1 + ra, r - ra, n1, yb, zb);
    // Yt = L21^T contiguous (k x r) for fast packing in the update.
    for p in 0..n1 {
        yt[p * r..p * r + ra].copy_from_slice(&ya[p * ra..(p + 1) * ra]);
        yt[p * r + ra..(p + 1) * r].copy_from_slice(&yb[p * (r - ra)..(p + 1) * (r - ra)]);
    }
    // A22 -= L21 L21^T = Z Yt (lower part).
    let c = &mut a[n1 * lda + n1..];
    syrk_lower(r, n1, z, yt, c, lda, &mut Vec::new());
    rec(&mut a[n1 * lda + n1..], lda, r, scratch).map_err(|j| j + n1)
}

/// `y[p*r + i] = a[(row0 + i)*lda + p]` for `p < k`, `i < r`.
fn transpose_out<T: Dense>(a: &[T], lda: usize, row0: usize, r: usize, k: usize, y: &mut [T]) {
    if r > 0 && k > 0 {
        transpose(&a[row0 * lda..], lda, r, k, y, r);
    }
}

/// Inverse of [`transpose_out`] through `z`: `z[i*k + p] = y[p*r + i]`, then rows of `z`
/// are copied to `a[(row0 + i)*lda + p]`.
fn transpose_in<T: Dense>(
    a: &mut [T],
    lda: usize,
    row0: usize,
    r: usize,
    k: usize,
    y: &[T],
    z: &mut [T],
) {
    if r == 0 || k == 0 {
        return;
    }
    transpose(y, r, k, r, z, k);
    for i in 0..r {
        a[(row0 + i) * lda..(row0 + i) * lda + k].copy_from_slice(&z[i * k..(i + 1) * k]);
    }
}

/// `C -= Z Z^T` on the lower triangle (incl. diagonal) of the `r x r` block `c` (row
/// stride `ldc`); `Z` is `r x k` and `yt = Z^T` (`k x r`), both contiguous. `tmp` is
/// scratch.
fn syrk_lower<T: Dense>(
    r: usize,
    k: usize,
    z: &[T],
    yt: &[T],
    c: &mut [T],
    ldc: usize,
    tmp: &mut Vec<T>,
) {
    syrk_rec(r, k, z, yt, 0, c, ldc, tmp);
}

/// [`syrk_lower`] on rows / columns `i0..i0 + r` of `Z Z^T` (`c` starts at that diagonal
/// block).
#[allow(clippy::too_many_arguments)]
fn syrk_rec<T: Dense>(
    r: usize,
    k: usize,
    z: &[T],
    yt: &[T],
    i0: usize,
    c: &mut [T],
    ldc: usize,
    tmp: &mut Vec<T>,
) {
    if r == 0 || k == 0 {
        return;
    }
    let zv = |row: usize| View {
        data: z,
        off: row * k,
        rs: k as isize,
        cs: 1,
    };
    let ry = yt.len() / k;
    let ztv = |col: usize| View {
        data: yt,
        off: col,
        rs: ry as isize,
        cs: 1,
    };
    if r <= SYRK_BASE {
        tmp.clear();
        tmp.resize(r * r, T::ZERO);
        mul_acc(r, r, k, zv(i0), ztv(i0), tmp, r, Acc::Set);
        for i in 0..r {
            let row = &mut c[i * ldc..i * ldc + i + 1];
            for (x, &t) in row.iter_mut().zip(&tmp[i * r..]) {
                *x -= t;
            }
        }
        return;
    }
    let r1 = split(r);
    if rayon::current_num_threads() > 1 && r1 * r1 * k >= PAR_TRSM_WORK {
        // C11 (top rows) and C21, C22 (bottom rows) are disjoint: update them at once.
        let (top, bot) = c.split_at_mut(r1 * ldc);
        rayon::join(
            || syrk_rec(r1, k, z, yt, i0, top, ldc, &mut Vec::new()),
            || {
                mul_acc(r - r1, r1, k, zv(i0 + r1), ztv(i0), bot, ldc, Acc::Sub);
                syrk_rec(r - r1, k, z, yt, i0 + r1, &mut bot[r1..], ldc, tmp);
            },
        );
        return;
    }
    syrk_rec(r1, k, z, yt, i0, c, ldc, tmp);
    mul_acc(
        r - r1,
        r1,
        k,
        zv(i0 + r1),
        ztv(i0),
        &mut c[r1 * ldc..],
        ldc,
        Acc::Sub,
    );
    syrk_rec(r - r1, k, z, yt, i0 + r1, &mut c[r1 * ldc + r1..], ldc, tmp);
}

/// Left-looking Cholesky of a small `n x n` block: `L[j,j] = sqrt(A[j,j] - |L[j,..j]|^2)`,
/// `L[i,j] = (A[i,j] - L[i,..j] . L[j,..j]) / L[j,j]`.
#[inline(always)]
fn base<T: Dense>(a: &mut [T], lda: usize, n: usize) -> Result<(), usize> {
    for j in 0..n {
        let rowj = &mut a[j * lda..j * lda + j + 1];
        let d = rowj[j] - dot(&rowj[..j], &rowj[..j]);
        // Not `d > 0` (also catches NaN).
        if d.partial_cmp(&T::ZERO) != Some(std::cmp::Ordering::Greater) {
            return Err(j);
        }
        let d = d.sqrt();
        rowj[j] = d;
        if j + 1 == n {
            break;
        }
        let (head, rest) = a.split_at_mut((j + 1) * lda);
        let lj = &head[j * lda..j * lda + j];
        for i in 0..n - j - 1 {
            let row = &mut rest[i * lda..i * lda + j + 1];
            let v = row[j] - dot(&row[..j], lj);
            row[j] = v / d;
        }
    }
    Ok(())
}
