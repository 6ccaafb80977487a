//! Entering rayon's pool for a kernel with the other workers kept awake.
//!
//! The linear algebra kernels (GEMM, the factorizations, `eigh`) open dozens to
//! thousands of short parallel regions (`rayon::join`) per call. Between regions rayon's
//! idle workers spin only a few microseconds before they sleep on a futex, and on a
//! virtual machine a sleeping vCPU is halted: waking it costs the host's scheduling
//! latency, 0.5-3 ms measured on this project's 2-core KVM, more than a whole region.
//! On such a machine `matmul` 1024² `f64` on two threads ran in 22 ms, no faster than on
//! one (user time = real time: the second worker was asleep at every fork), and 11-12 ms
//! once something else kept the second vCPU busy. OpenBLAS (NumPy's BLAS) and OpenMP
//! runtimes avoid this by spinning idle threads for a while after each parallel region
//! (OpenMP's `KMP_BLOCKTIME` is 200 ms by default).
//!
//! [`enter`] does the same with rayon's public API: it runs the kernel on a pool thread
//! (in place when already on one) and starts one *heater* job per worker
//! (`rayon::spawn_broadcast`). A heater runs the pool's pending jobs as they appear
//! (`rayon::yield_now`: its own queue, then stealing, then injected jobs) and spins in
//! between, so the kernel's forks are taken at once. Heaters stop [`LINGER`] (5 ms) after
//! the last kernel ends, so a burst of calls keeps them warm as BLAS threads stay warm
//! between NumPy calls, and at once on a thread where a kernel runs below them on the
//! stack. A heater never blocks work: it only runs jobs or spins, and between spins it
//! yields its CPU to any other runnable thread (`sched_yield`). The cost is CPU time:
//! up to [`LINGER`] of spinning per worker after the last kernel of a burst. The
//! environment variable `XP_SPIN_MS` (whole milliseconds, read once) changes the time;
//! `XP_SPIN_MS=0` turns heaters off. With one thread in the pool [`enter`] just calls the
//! kernel.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// How long heaters keep spinning after the last kernel ends, unless the environment
/// variable `XP_SPIN_MS` says otherwise ([`linger`]).
pub(crate) const LINGER: Duration = Duration::from_millis(5);

/// [`LINGER`], or the whole milliseconds in the environment variable `XP_SPIN_MS` (read
/// once; `0` turns heaters off: [`enter`] then only enters the pool).
fn linger() -> Duration {
    static SPIN: OnceLock<Duration> = OnceLock::new();
    *SPIN.get_or_init(|| {
        std::env::var("XP_SPIN_MS")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map_or(LINGER, Duration::from_millis)
    })
}

/// Kernels running in [`enter`] now (all threads).
static ACTIVE: AtomicUsize = AtomicUsize::new(0);
/// Heaters alive (started and not yet returned).
static HEATERS: AtomicUsize = AtomicUsize::new(0);
/// When the last kernel ended, in nanoseconds since [`epoch`].
static LAST_END: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// Kernels of [`enter`] running on this thread (below any heater on its stack).
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// The process's time origin for [`LAST_END`].
fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// Nanoseconds since [`epoch`].
fn now_ns() -> u64 {
    epoch().elapsed().as_nanos() as u64
}

/// Runs `f` on a thread of the current rayon pool (in place if already on one) with the
/// pool's other workers kept awake until [`LINGER`] after it ends (see the module docs).
/// Nested calls are cheap (two atomic updates). A panic in `f` propagates.
pub(crate) fn enter<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    if rayon::current_num_threads() <= 1 {
        return f();
    }
    ACTIVE.fetch_add(1, Ordering::SeqCst);
    // Ends the kernel's activity even when `f` panics.
    struct Active;
    impl Drop for Active {
        fn drop(&mut self) {
            LAST_END.store(now_ns(), Ordering::SeqCst);
            ACTIVE.fetch_sub(1, Ordering::SeqCst);
        }
    }
    let _active = Active;
    if HEATERS.load(Ordering::SeqCst) == 0 && !linger().is_zero() {
        let n = rayon::current_num_threads();
        HEATERS.fetch_add(n, Ordering::SeqCst);
        rayon::spawn_broadcast(|_| heat());
    }
    rayon::scope(|_| {
        DEPTH.with(|d| d.set(d.get() + 1));
        // Restores this thread's depth even when `f` panics.
        struct Depth;
        impl Drop for Depth {
            fn drop(&mut self) {
                DEPTH.with(|d| d.set(d.get() - 1));
            }
        }
        let _depth = Depth;
        f()
    })
}

/// True while a kernel of [`enter`] runs on this thread (nested calls need not enter).
pub(crate) fn inside() -> bool {
    DEPTH.with(|d| d.get() > 0)
}

/// A heater (see the module docs): runs pending jobs, spins between them, returns when
/// no kernel has run for [`LINGER`] or when a kernel is running below it on this thread.
fn heat() {
    let linger = linger().as_nanos() as u64;
    loop {
        if inside() {
            break;
        }
        if let Some(rayon::Yield::Executed) = rayon::yield_now() {
            continue;
        }
        if ACTIVE.load(Ordering::SeqCst) == 0
            && now_ns().saturating_sub(LAST_END.load(Ordering::SeqCst)) > linger
        {
            break;
        }
        for _ in 0..64 {
            std::hint::spin_loop();
        }
        // Lets other runnable threads of the machine have this CPU (a busy machine
        // keeps its vCPUs awake anyway); returns at once on an idle one.
        std::thread::yield_now();
    }
    HEATERS.fetch_sub(1, Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn returns_the_value_nested_and_from_workers() {
        let direct = enter(|| 6 * 7);
        assert_eq!(direct, 42);
        let nested = enter(|| enter(|| rayon::join(|| 1, || 2)));
        assert_eq!(nested, (1, 2));
        // From inside pool jobs, concurrently, each with forks inside.
        let sums: Vec<u64> = (0..64u64)
            .into_par_iter()
            .map(|i| enter(|| (0..1000u64).into_par_iter().map(|x| x * i).sum()))
            .collect();
        for (i, s) in sums.iter().enumerate() {
            assert_eq!(*s, 499_500 * i as u64);
        }
    }

    #[test]
    fn a_panic_propagates_and_the_next_call_works() {
        let r = std::panic::catch_unwind(|| enter(|| panic!("kernel failed")));
        assert!(r.is_err());
        assert_eq!(DEPTH.with(|d| d.get()), 0);
        assert_eq!(enter(|| rayon::join(|| 3, || 4)), (3, 4));
    }

    #[test]
    fn heaters_stop_after_the_last_kernel() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        pool.install(|| enter(|| rayon::join(|| (), || ())));
        // Other tests may be running kernels; wait until none has run for a while.
        let start = Instant::now();
        while HEATERS.load(Ordering::SeqCst) > 0 {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "heaters still alive after 60 s"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}
