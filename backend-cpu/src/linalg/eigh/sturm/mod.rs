//! Eigenvalues of a symmetric tridiagonal matrix (values only): xp's replacement for
//! the QR iteration (LAPACK `sterf`, faer's `tridiagonal_self_adjoint_evd` without
//! vectors) in `eigvalsh`.
//!
//! # Method
//!
//! Sturm counts with Laguerre steps, many eigenvalues at a time. With `q_0 = d_0 - x`,
//! `q_i = d_i - x - e_{i-1}^2 / q_{i-1}`, the number of negative `q_i` is the number of
//! eigenvalues below `x` (backward stable: the count is exact for a matrix within a few
//! ulps of `T`, elementwise), and `prod q_i = det(T - x I) = p(x)`, so the same pass
//! carries, by the chain rule on each `q_i`, `G = p'/p = sum q_i'/q_i` and
//! `H = -G' = sum (q_i'/q_i)^2 - q_i''/q_i`. Laguerre's step
//! `x - n / (G -+ sqrt((n-1)(n H - G^2)))` never passes the nearest root on its side
//! when all roots are real, and converges cubically to a simple root: from a point
//! with exactly `k` eigenvalues below it, the `+` step heads up for `λ_k` without
//! passing it; with `k + 1` below, the `-` step comes down to it.
//!
//! Each eigenvalue `λ_k` keeps a bracket `[lo, hi]` (at most `k` eigenvalues below
//! `lo`, more than `k` below `hi`). A pass at `x` narrows it, then takes the Laguerre
//! step if the count at `x` is `k` or `k + 1`, the step lands inside the bracket and the
//! steps shrink fast (at least 4x each), else bisects. A step ends the search when the
//! roots on its side dominate `G` (just past another root, every step is short) and
//! the steps converge cubically (each at most `1e-3` of the last: the error left is
//! about `|step| r^3` for the ratio `r` of the steps, and must be below
//! `16 eps ||T|| r`); a step below `16 eps ||T||` converging slower (a cluster ahead)
//! takes one more count just past the estimate to confirm it. A bracket a few ulps wide ends it too, and then
//! gives its value to every eigenvalue counted inside it (multiple eigenvalues, e.g.
//! exact zeros in `e` with repeated diagonal entries, are not found one by one). When
//! a bracket holds 4 or more eigenvalues (a cluster), every count of the batch narrows
//! every bracket and the lanes split theirs in proportion to their index in it, so the
//! lanes after one cluster multisect it (glued Wilkinson matrices: 2x faster).
//!
//! Counts on a grid of `n` points across the Gershgorin interval give every eigenvalue
//! its first bracket, and the first and last eigenvalue of a cell a Laguerre step from
//! its end as the first point. Then 3.6-3.8 passes per eigenvalue (random matrices and
//! the `(1, 2, 1)` Toeplitz matrix at `n = 1000`), each `n` steps long: `~5 n^2` steps
//! with one division, the grid included, against LAPACK `sterf`'s (Pal-Walker-Kahan
//! root-free QR) `~n^2` but as one sequential chain through two divisions per step.
//! Here the eigenvalues are independent: each pass advances 8 of them per AVX-512
//! vector (`f64` lanes, each at its own `x`), four vectors interleaved (one vector
//! alone would wait on the latency of the division and the multiply-add), lanes
//! refilled with the next eigenvalue as theirs converge, the eigenvalues split between
//! two threads (about 2.5 ns per step of 8 lanes on one core).
//! Exact zeros in `e` split `T` into blocks solved one by one (each scaled and toleranced
//! on its own); a `1 x 1` block is its diagonal entry, exactly, so a diagonal matrix
//! gives back its sorted diagonal bit for bit.
//! `f32` input is solved in `f64` to `f32`'s tolerances. `T` is scaled to entries of
//! about 1 first (exactly, by powers of two); pivots are kept above `2^-200` and
//! off-diagonals below `2^-200 ||T||` dropped, so nothing over- or underflows.
//!
//! # Performance
//!
//! 2-core AVX-512 KVM (Zen 4), ms, median of 9, min over 3 interleaved rounds, 08:54 UTC
//! with other jobs running (load 5): tridiagonals of a random symmetric matrix (from
//! xp's `tridiag`, scaled to entries below 1) and `(1, 2, 1)`, one thread, against
//! faer 0.24.4's QR iteration (`tridiagonal_self_adjoint_evd` without vectors) and
//! LAPACK `dsterf` / `ssterf` (OpenBLAS 0.3.31, NumPy's):
//!
//! | `n`, matrix         | `f64` here | faer | `dsterf` | `f32` here | faer | `ssterf` |
//! |---------------------|------------|------|----------|------------|------|----------|
//! | 1000, random        | 1.64       | 28.4 | 12.6     | 1.62       | 19.6 | 8.6      |
//! | 1000, `(1, 2, 1)`   | 1.63       | 26.2 | 11.8     | 1.59       | 18.5 | 8.2      |
//! | 300, random         | 0.19       | 2.8  | 1.27     | 0.18       | 2.0  | 0.89     |
//! | 300, `(1, 2, 1)`    | 0.19       | 2.5  | 1.15     | 0.18       | 1.8  | 0.83     |
//!
//! On two threads, 0.9 ms at `n = 1000` when the second core is free (under that load,
//! often not: then the first thread runs both halves, no slower than one thread).
//! Harder spectra at `n = 1000`, `f64`: glued Wilkinson `W_21^+` (clusters of 47 equal
//! eigenvalues) 4.5-6 ms, a diagonal of three repeated values 1.6 ms. Largest error
//! against the exact eigenvalues of `(1, 2, 1)`, `n = 300, 1000`: `4 eps` in `f64`
//! (faer's QR iteration: `76 eps`, `96 eps`), `1` and `5.5 eps` in `f32`. Without
//! AVX-512, the portable loops compiled for AVX2 (4 lanes per instruction): about 4 ms
//! at `(1, 2, 1)`, `n = 1000`.

#[cfg(test)]
mod tests;

use super::EighElem;

/// `f64` lanes per vector.
const W: usize = 8;
/// Vectors interleaved per pass (lanes per batch: `W * MAXV`).
const MAXV: usize = 4;
/// Lanes per batch.
const LANES: usize = W * MAXV;
/// Passes after which an eigenvalue takes its bracket's midpoint (a safeguard: from a
/// grid bracket, bisection needs about 45, splits at 3:1 at worst about 110).
const MAXP: u32 = 400;
/// Brackets holding this many eigenvalues are split by multisection.
const CLUSTER: f64 = 4.0;
/// Matrices at least this large use both threads.
const PAR_MIN_N: usize = 96;

/// The eigenvalues of the symmetric tridiagonal matrix with diagonal `d[..n]` and
/// off-diagonal `e[..n-1]`, ascending, into `d[..n]` (`e` is left as it is).
/// `Err(())` if an entry is not finite or a slice is too short. With `par`, two threads
/// (the caller is on a rayon pool thread).
pub(super) fn eigenvalues<T: EighElem + faer::traits::RealField>(
    d: &mut [T],
    e: &mut [T],
    n: usize,
    par: bool,
) -> Result<(), ()> {
    if n == 0 {
        return Ok(());
    }
    if d.len() < n || e.len() < n - 1 {
        return Err(());
    }
    let (d, e) = (&mut d[..n], &e[..n - 1]);
    if !d.iter().chain(e).all(|x| x.is_finite()) {
        return Err(());
    }
    if n == 1 {
        return Ok(());
    }
    let dd: Vec<f64> = d.iter().map(|x| x.to_f64()).collect();
    let ee: Vec<f64> = e.iter().map(|x| x.to_f64()).collect();
    // Exact zeros in `e` split `T` into independent blocks: a 1 x 1 block is its own
    // eigenvalue, exactly (a diagonal matrix gives back its sorted diagonal).
    let mut w = Vec::with_capacity(n);
    let mut lo = 0;
    for hi in 1..=n {
        if hi < n && ee[hi - 1] != 0.0 {
            continue;
        }
        if hi - lo == 1 {
            w.push(dd[lo]);
        } else {
            w.extend(block(&dd[lo..hi], &ee[lo..hi - 1], T::EPS.to_f64(), par));
        }
        lo = hi;
    }
    w.sort_by(f64::total_cmp);
    for (x, &v) in d.iter_mut().zip(&w) {
        *x = T::from_f64(v);
    }
    Ok(())
}

/// The eigenvalues (unsorted) of one unreduced block of at least 2 rows.
fn block(d: &[f64], e: &[f64], eps: f64, par: bool) -> Vec<f64> {
    let n = d.len();
    let Some(p) = Prob::new(d, e, eps) else {
        // The block is zero.
        return vec![0.0; n];
    };
    let par = par && n >= PAR_MIN_N && rayon::current_num_threads() > 1;
    let mut w = p.solve(par);
    for v in &mut w {
        *v *= p.unscale[0] * p.unscale[1];
    }
    w
}

/// The scaled problem and its tolerances.
struct Prob {
    /// `[d_i, e_{i-1}^2]` (`e_{-1} = 0`), scaled to `max |entry|` in `[1/2, 1)`.
    m: Vec<[f64; 2]>,
    /// Order.
    n: usize,
    /// Smallest `|q_i|` (smaller ones are replaced by `-pivmin`).
    pivmin: f64,
    /// Gershgorin interval, widened: no eigenvalue below `gl` or above `gu`.
    gl: f64,
    /// Upper end of the Gershgorin interval.
    gu: f64,
    /// A Laguerre step at most this long is the last.
    tol_step: f64,
    /// A bracket at most this wide is done.
    tol_width: f64,
    /// Factors from the scaled eigenvalues back to the input's.
    unscale: [f64; 2],
    /// The AVX-512 kernel may run.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    wide: bool,
    /// Else, AVX2 and FMA are there.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    avx2: bool,
}

/// One eigenvalue being computed.
#[derive(Clone, Copy, Debug)]
struct Lane {
    /// Index (ascending order).
    k: usize,
    /// At most `k` eigenvalues below.
    lo: f64,
    /// More than `k` eigenvalues below.
    hi: f64,
    /// The number of eigenvalues below `lo` (as counted).
    clo: f64,
    /// The number below `hi`.
    chi: f64,
    /// Next point.
    x: f64,
    /// Passes so far.
    passes: u32,
    /// Length of the last Laguerre step (infinite after a bisection).
    prev: f64,
    /// An estimate of λ_k being checked (`verify != 0`).
    est: f64,
    /// `1` (`-1`): `x` is just above (below) `est`, which is being checked.
    verify: i8,
}

impl Lane {
    /// Narrows the bracket with the counts `c[i]` at `x[i]`, `i < m` (branch-free: the
    /// counts' places are taken as ordered as their points).
    #[inline]
    fn narrow_all(&mut self, x: &[f64; LANES], c: &[f64; LANES], m: usize) {
        let k = self.k as f64;
        let (mut lo, mut clo) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        let (mut hi, mut chi) = (f64::INFINITY, f64::INFINITY);
        for i in 0..LANES {
            let (x, c) = if i < m { (x[i], c[i]) } else { (x[0], c[0]) };
            let below = c <= k;
            let xl = if below { x } else { f64::NEG_INFINITY };
            let cl = if below { c } else { f64::NEG_INFINITY };
            let xh = if below { f64::INFINITY } else { x };
            let ch = if below { f64::INFINITY } else { c };
            lo = if xl > lo { xl } else { lo };
            clo = if cl > clo { cl } else { clo };
            hi = if xh < hi { xh } else { hi };
            chi = if ch < chi { ch } else { chi };
        }
        if lo > self.lo {
            self.lo = lo;
            self.clo = clo;
        }
        if hi < self.hi {
            self.hi = hi;
            self.chi = chi;
        }
    }

    /// Narrows the bracket with the count `c` at `x`.
    #[inline]
    fn narrow(&mut self, x: f64, c: f64) {
        if c <= self.k as f64 {
            if x > self.lo {
                self.lo = x;
                self.clo = c;
            }
        } else if x < self.hi {
            self.hi = x;
            self.chi = c;
        }
    }
}

impl Prob {
    /// Scales `(d, e)` (finite, `n >= 2`) and sets the bounds and tolerances for output
    /// precision `eps`; `None` if `T = 0`.
    fn new(d: &[f64], e: &[f64], eps: f64) -> Option<Self> {
        let n = d.len();
        let amax = d.iter().chain(e).fold(0.0f64, |m, x| m.max(x.abs()));
        if amax == 0.0 {
            return None;
        }
        // 2^s * amax in [1/2, 1): exact (two powers of two: amax may be subnormal).
        let s = -(amax.log2().floor() as i32) - 1;
        let (s1, s2) = (s / 2, s - s / 2);
        let sc = |x: f64| x * pow2(s1) * pow2(s2);
        // Off-diagonals below 2^-200 (relative) move no eigenvalue by more than that:
        // zero keeps their squares out of the subnormals.
        let flush = pow2(-200);
        let mut m = Vec::with_capacity(n);
        let (mut gl, mut gu) = (f64::INFINITY, f64::NEG_INFINITY);
        for i in 0..n {
            let di = sc(d[i]);
            let a = if i > 0 { sc(e[i - 1]).abs() } else { 0.0 };
            let b = if i + 1 < n { sc(e[i]).abs() } else { 0.0 };
            gl = gl.min(di - a - b);
            gu = gu.max(di + a + b);
            let a = if a < flush { 0.0 } else { a };
            m.push([di, a * a]);
        }
        let tnorm = gl.abs().max(gu.abs());
        // A pivot this small perturbs d_i by far less than an ulp of T; it keeps
        // 1/q_i and the derivatives (up to 1/q^3) finite.
        let pivmin = pow2(-200);
        let fudge = 2.0 * f64::EPSILON * tnorm * n as f64 + 2.0 * pivmin;
        Some(Prob {
            m,
            n,
            pivmin,
            gl: gl - fudge,
            gu: gu + fudge,
            tol_step: 16.0 * eps * tnorm,
            tol_width: 4.0 * eps * tnorm,
            unscale: [pow2(-s1), pow2(-s2)],
            wide: wide(),
            avx2: avx2(),
        })
    }

    /// All eigenvalues (unsorted, scaled), the indices split between two threads with
    /// `par`.
    fn solve(&self, par: bool) -> Vec<f64> {
        let n = self.n;
        // Grid of counts: g[j] eigenvalues below x_j = gl + j h, j = 0..=ng.
        let ng = n.max(LANES);
        let h = (self.gu - self.gl) / ng as f64;
        let xs: Vec<f64> = (0..=ng).map(|j| self.gl + j as f64 * h).collect();
        let mut g = vec![0usize; ng + 1];
        let mut gh = vec![[0.0; 2]; ng + 1];
        if par {
            let mid = ng.div_ceil(2);
            let (g0, g1) = g.split_at_mut(mid);
            let (gh0, gh1) = gh.split_at_mut(mid);
            rayon::join(
                || self.counts(&xs[..mid], g0, gh0),
                || self.counts(&xs[mid..], g1, gh1),
            );
        } else {
            self.counts(&xs, &mut g, &mut gh);
        }
        g[0] = 0;
        g[ng] = n;
        for j in 1..=ng {
            g[j] = g[j].clamp(g[j - 1], n);
        }
        // Brackets from the grid, and the first points: the Laguerre step from the
        // cell's end for its first and last eigenvalues, else the midpoint.
        let mut br = vec![[0.0; 6]; n];
        for j in 0..ng {
            let (lo, hi) = (xs[j], if j + 1 == ng { self.gu } else { xs[j + 1] });
            for (k, b) in (g[j]..).zip(&mut br[g[j]..g[j + 1]]) {
                let (x, step) = if k == g[j] {
                    (lo, self.laguerre(gh[j], true))
                } else if k + 1 == g[j + 1] {
                    (hi, self.laguerre(gh[j + 1], false))
                } else {
                    (lo, f64::NAN)
                };
                let xn = x + step;
                *b = if xn > lo && xn < hi {
                    [lo, hi, g[j] as f64, g[j + 1] as f64, xn, step.abs()]
                } else {
                    let mid = 0.5 * (lo + hi);
                    [lo, hi, g[j] as f64, g[j + 1] as f64, mid, f64::INFINITY]
                };
            }
        }
        let mut w = vec![0.0; n];
        if par {
            let mid = n / 2;
            let (w0, w1) = w.split_at_mut(mid);
            rayon::join(
                || self.run(0, &br[..mid], w0),
                || self.run(mid, &br[mid..], w1),
            );
        } else {
            self.run(0, &br, &mut w);
        }
        w
    }

    /// `g[j]` = the number of eigenvalues below `xs[j]` (as counted), `gh[j]` = `G`, `H`
    /// there.
    fn counts(&self, xs: &[f64], g: &mut [usize], gh: &mut [[f64; 2]]) {
        let (mut c, mut gg, mut hh) = ([0.0; LANES], [0.0; LANES], [0.0; LANES]);
        for ((x, g), gh) in xs
            .chunks(LANES)
            .zip(g.chunks_mut(LANES))
            .zip(gh.chunks_mut(LANES))
        {
            let mut xb = [x[0]; LANES];
            xb[..x.len()].copy_from_slice(x);
            self.pass(x.len().div_ceil(W), true, &xb, &mut c, &mut gg, &mut hh);
            for (i, (g, gh)) in g.iter_mut().zip(gh).enumerate() {
                *g = c[i] as usize;
                *gh = [gg[i], hh[i]];
            }
        }
    }

    /// Laguerre's step from a point with `G`, `H` = `gh`, up (`+`) or down.
    fn laguerre(&self, [g, h]: [f64; 2], up: bool) -> f64 {
        let nf = self.n as f64;
        let s = ((nf - 1.0) * (nf * h - g * g)).max(0.0).sqrt();
        -nf / if up { g - s } else { g + s }
    }

    /// Eigenvalues `k0 + i` from the brackets `br[i]` (`[lo, hi, count(lo), count(hi)]`,
    /// first point, length of the Laguerre step to it or infinity) into `w[i]`.
    fn run(&self, k0: usize, br: &[[f64; 6]], w: &mut [f64]) {
        let mut lanes: Vec<Lane> = Vec::with_capacity(LANES);
        // Eigenvalues found (some by another lane: a cluster narrowed to a few ulps).
        let mut done = vec![false; br.len()];
        let mut next = 0;
        let mut xb = [0.0; LANES];
        let (mut c, mut g, mut h) = ([0.0; LANES], [0.0; LANES], [0.0; LANES]);
        loop {
            while lanes.len() < LANES && next < br.len() {
                if !done[next] {
                    let [lo, hi, clo, chi, x, prev] = br[next];
                    lanes.push(Lane {
                        k: k0 + next,
                        lo,
                        hi,
                        clo,
                        chi,
                        x,
                        passes: 0,
                        prev,
                        est: 0.0,
                        verify: 0,
                    });
                }
                next += 1;
            }
            if lanes.is_empty() {
                return;
            }
            let lanes_len = lanes.len();
            xb.fill(lanes[0].x);
            for (x, l) in xb.iter_mut().zip(&lanes) {
                *x = l.x;
            }
            self.pass(lanes.len().div_ceil(W), true, &xb, &mut c, &mut g, &mut h);
            // Every count narrows every lane's bracket (lanes in one bracket, a cluster,
            // split it at different points: multisection).
            if lanes.iter().any(|l| l.chi - l.clo >= CLUSTER) {
                for l in lanes.iter_mut() {
                    l.narrow_all(&xb, &c, lanes_len);
                }
            }
            let mut i = 0;
            lanes.retain_mut(|l| {
                let (ci, gi, hi) = (c[i], g[i], h[i]);
                i += 1;
                if done[l.k - k0] {
                    return false;
                }
                let Some((v, a, b)) = self.update(l, ci, gi, hi) else {
                    return true;
                };
                // Eigenvalues a..b are all within a few ulps of v (k at least, whatever
                // the counts' rounding).
                let (a, b) = (a.min(l.k), b.max(l.k + 1));
                for j in a.max(k0)..b.min(k0 + br.len()) {
                    if !done[j - k0] {
                        done[j - k0] = true;
                        w[j - k0] = v;
                    }
                }
                false
            });
        }
    }

    /// Takes the pass at `l.x` (count `c`, `G`, `H`) into lane `l`: if done, the
    /// eigenvalue and the indices `a..b` it stands for (`k` alone, or all of a cluster
    /// in a bracket a few ulps wide), else `None` and the next point in `l.x`.
    fn update(&self, l: &mut Lane, c: f64, g: f64, h: f64) -> Option<(f64, usize, usize)> {
        let (k, x) = (l.k as f64, l.x);
        l.passes += 1;
        l.narrow(x, c);
        let all = |v: f64| Some((v, l.clo as usize, l.chi as usize));
        let one = |v: f64| Some((v, l.k, l.k + 1));
        let (lo, hi) = (l.lo, l.hi);
        // A check just past an estimate: confirmed if λ_k is now between the two points.
        let verify = core::mem::replace(&mut l.verify, 0);
        if (verify > 0 && c > k) || (verify < 0 && c <= k) {
            return all(l.est.clamp(lo, hi));
        }
        let mid = 0.5 * (lo + hi);
        if hi - lo <= self.tol_width || mid <= lo || mid >= hi {
            return all(mid);
        }
        if l.passes >= MAXP {
            return one(mid);
        }
        if c == k || c == k + 1.0 {
            // Towards λ_k: up from x if k eigenvalues are below x, else down.
            let up = c == k;
            let step = self.laguerre([g, h], up);
            let xn = x + step;
            // The step ends the search only if the roots on its side dominate G (next
            // to a root on the other side every step is short) and the steps converge
            // cubically, each at most 1e-3 of the last (towards a cluster they shrink
            // slowly): then the error left after it is about |step| r^3 (r = the ratio
            // of the steps), here below tol_step r.
            let toward = if up { g < 0.0 } else { g > 0.0 };
            let r = step.abs() / l.prev;
            if step.is_finite()
                && toward
                && l.prev.is_finite()
                && r <= 1e-3
                && step.abs() * r * r <= self.tol_step
            {
                return one(xn.clamp(lo, hi));
            }
            // Short but not converging so: check just past it.
            if step.is_finite() && step.abs() <= self.tol_step && toward {
                let past = if up { self.tol_width } else { -self.tol_width };
                if xn + past > lo && xn + past < hi {
                    l.est = xn;
                    l.verify = if up { 1 } else { -1 };
                    l.prev = f64::INFINITY;
                    l.x = xn + past;
                    return None;
                }
            }
            // Not converging fast (a cluster beyond, or a root close behind): bisect.
            if step.is_finite() && xn > lo && xn < hi && step.abs() <= 0.25 * l.prev {
                l.prev = step.abs();
                l.x = xn;
                return None;
            }
        }
        // Bisection, or with m eigenvalues counted in the bracket, the point splitting
        // it in proportion to k's place among them (at most 3:1): lanes after the
        // eigenvalues of one cluster spread across it.
        let m = l.chi - l.clo;
        let f = if m >= CLUSTER {
            ((k - l.clo + 1.0) / (m + 1.0)).clamp(0.25, 0.75)
        } else {
            0.5
        };
        let xs = lo + f * (hi - lo);
        l.prev = f64::INFINITY;
        l.x = if xs > lo && xs < hi { xs } else { mid };
        None
    }

    /// One pass at the points `x[..8 nv]`: `c` = the count, `g` = `G`, `h` = `H`.
    fn pass(
        &self,
        nv: usize,
        deriv: bool,
        x: &[f64; LANES],
        c: &mut [f64; LANES],
        g: &mut [f64; LANES],
        h: &mut [f64; LANES],
    ) {
        #[cfg(target_arch = "x86_64")]
        if self.wide {
            // SAFETY: AVX-512F/VL/DQ and FMA were detected (`wide`); the kernels read and
            // write the first `W * nv <= LANES` elements of the arrays.
            unsafe {
                match nv {
                    1 if deriv => avx::pass::<1, true>(&self.m, self.pivmin, x, c, g, h),
                    2 if deriv => avx::pass::<2, true>(&self.m, self.pivmin, x, c, g, h),
                    3 if deriv => avx::pass::<3, true>(&self.m, self.pivmin, x, c, g, h),
                    _ if deriv => avx::pass::<4, true>(&self.m, self.pivmin, x, c, g, h),
                    1 => avx::pass::<1, false>(&self.m, self.pivmin, x, c, g, h),
                    2 => avx::pass::<2, false>(&self.m, self.pivmin, x, c, g, h),
                    3 => avx::pass::<3, false>(&self.m, self.pivmin, x, c, g, h),
                    _ => avx::pass::<4, false>(&self.m, self.pivmin, x, c, g, h),
                }
            }
            return;
        }
        let _ = (nv, deriv);
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: AVX2 and FMA were detected.
            unsafe { pass_avx2(&self.m, self.pivmin, x, c, g, h) };
            return;
        }
        pass_loops(&self.m, self.pivmin, x, c, g, h);
    }
}

/// `2^k` for `|k| <= 1000`.
fn pow2(k: i32) -> f64 {
    f64::from_bits(((1023 + k) as u64) << 52)
}

/// True if the AVX-512 kernel may run.
fn wide() -> bool {
    super::wide()
}

/// True if the CPU has AVX2 and FMA.
fn avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::arch::is_x86_feature_detected!("avx2")
        && std::arch::is_x86_feature_detected!("fma");
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// Portable [`Prob::pass`] on all lanes (branch-free: vectorized by the compiler).
#[inline(always)]
fn pass_loops(
    m: &[[f64; 2]],
    pivmin: f64,
    x: &[f64; LANES],
    c: &mut [f64; LANES],
    g: &mut [f64; LANES],
    h: &mut [f64; LANES],
) {
    let (mut r, mut u, mut v) = ([0.0f64; LANES], [0.0f64; LANES], [0.0f64; LANES]);
    c.fill(0.0);
    g.fill(0.0);
    h.fill(0.0);
    for &[di, e2] in m {
        for l in 0..LANES {
            let t = e2 * r[l];
            let q = (di - x[l]) - t;
            let q = if q.abs() < pivmin { -pivmin } else { q };
            c[l] += if q < 0.0 { 1.0 } else { 0.0 };
            let rn = 1.0 / q;
            let qp = t * u[l] - 1.0;
            let qpp = t * (v[l] - 2.0 * u[l] * u[l]);
            u[l] = qp * rn;
            v[l] = qpp * rn;
            r[l] = rn;
            g[l] += u[l];
            h[l] += u[l] * u[l] - v[l];
        }
    }
}

/// [`pass_loops`] compiled for AVX2 (CPUs without AVX-512: 4 lanes per instruction).
///
/// # Safety
/// The CPU must have AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn pass_avx2(
    m: &[[f64; 2]],
    pivmin: f64,
    x: &[f64; LANES],
    c: &mut [f64; LANES],
    g: &mut [f64; LANES],
    h: &mut [f64; LANES],
) {
    pass_loops(m, pivmin, x, c, g, h);
}

/// The AVX-512 kernel.
#[cfg(target_arch = "x86_64")]
mod avx {
    use super::{LANES, W};
    use std::arch::x86_64::*;

    /// [`super::pass_loops`] on the first `8 V` lanes, `V` vectors interleaved.
    ///
    /// # Safety
    /// The CPU must have AVX-512F/VL/DQ and FMA; `V <= 4`.
    #[target_feature(enable = "avx512f,avx512vl,avx512dq,fma")]
    pub(super) unsafe fn pass<const V: usize, const DERIV: bool>(
        m: &[[f64; 2]],
        pivmin: f64,
        x: &[f64; LANES],
        c: &mut [f64; LANES],
        g: &mut [f64; LANES],
        h: &mut [f64; LANES],
    ) {
        debug_assert!(V * W <= LANES);
        // SAFETY (all loads and stores): lane j*8..j*8+8 of a LANES-array, V*8 <= LANES.
        let xv: [__m512d; V] =
            core::array::from_fn(|j| unsafe { _mm512_loadu_pd(x.as_ptr().add(j * W)) });
        let zero = _mm512_setzero_pd();
        let one = _mm512_set1_pd(1.0);
        let mone = _mm512_set1_pd(-1.0);
        let pm = _mm512_set1_pd(pivmin);
        let npm = _mm512_set1_pd(-pivmin);
        let (mut r, mut u, mut v) = ([zero; V], [zero; V], [zero; V]);
        let (mut cc, mut gg, mut hh) = ([zero; V], [zero; V], [zero; V]);
        for &[di, e2] in m {
            let dv = _mm512_set1_pd(di);
            let ev = _mm512_set1_pd(e2);
            for j in 0..V {
                let t = _mm512_mul_pd(ev, r[j]);
                let q = _mm512_sub_pd(_mm512_sub_pd(dv, xv[j]), t);
                let small = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(_mm512_abs_pd(q), pm);
                let q = _mm512_mask_mov_pd(q, small, npm);
                let neg = _mm512_cmp_pd_mask::<_CMP_LT_OQ>(q, zero);
                cc[j] = _mm512_mask_add_pd(cc[j], neg, cc[j], one);
                let rn = _mm512_div_pd(one, q);
                r[j] = rn;
                if !DERIV {
                    continue;
                }
                let qp = _mm512_fmadd_pd(t, u[j], mone);
                let w = _mm512_fnmadd_pd(_mm512_add_pd(u[j], u[j]), u[j], v[j]);
                let qpp = _mm512_mul_pd(t, w);
                u[j] = _mm512_mul_pd(qp, rn);
                v[j] = _mm512_mul_pd(qpp, rn);
                gg[j] = _mm512_add_pd(gg[j], u[j]);
                hh[j] = _mm512_sub_pd(_mm512_fmadd_pd(u[j], u[j], hh[j]), v[j]);
            }
        }
        for j in 0..V {
            // SAFETY: as above.
            unsafe {
                _mm512_storeu_pd(c.as_mut_ptr().add(j * W), cc[j]);
                _mm512_storeu_pd(g.as_mut_ptr().add(j * W), gg[j]);
                _mm512_storeu_pd(h.as_mut_ptr().add(j * W), hh[j]);
            }
        }
    }
}
