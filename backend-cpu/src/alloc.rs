//! New buffers for kernel outputs: zeroed without a pass over the memory, and large ones
//! backed by transparent huge pages.
//!
//! A zeroed buffer comes from the allocator's zeroed allocation (`calloc`): a large one is
//! a fresh mapping whose pages the OS zeroes on first touch, so the zeroing and the page
//! faults happen in the (threaded) kernel that first writes the buffer, not serially here.
//! On Linux, buffers of at least [`HUGE`] bytes are advised to use transparent huge pages
//! (`madvise(MADV_HUGEPAGE)`, as NumPy does for its data buffers): one fault per 2 MiB
//! instead of one per 4 KiB. On a machine whose THP setting is `madvise` (common), a
//! 10⁷-element `f64` output costs 20,000 faults without the advice and 40 with it.

use array_api::Element;

/// Buffers of at least this many bytes get the huge-page advice (NumPy's threshold).
pub const HUGE: usize = 1 << 22;

/// A vector of `len` zeros (`T::default()`, all bits zero).
pub fn zeroed<T: Element>(len: usize) -> Vec<T> {
    let layout = match std::alloc::Layout::array::<T>(len) {
        Ok(l) if l.size() > 0 => l,
        // Zero-sized (or impossibly large: let `vec!` report the capacity overflow).
        _ => return vec![T::default(); len],
    };
    // SAFETY: `layout` has a non-zero size. Every `Element` type (bool, the integers,
    // f32/f64 and their complex pairs: the closed set of `HostData` variants) is valid
    // with all bits zero, and that value is its `Default`. The pointer comes from the
    // global allocator with `Layout::array::<T>(len)`, which is what `Vec` deallocates
    // with for capacity `len`, and all `len` elements are initialised (zeroed).
    let v = unsafe {
        let p = std::alloc::alloc_zeroed(layout) as *mut T;
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        Vec::from_raw_parts(p, len, len)
    };
    advise_huge(&v);
    v
}

/// A vector of `len` elements for a kernel output that the kernel overwrites entirely
/// before anything reads it (`CreationOps::output`).
///
/// Below [`HUGE`] bytes the elements are left as the allocator returns them: the zeroing
/// pass of [`zeroed`] would cost a third of a cheap kernel's time at 10⁵ `f64` (a
/// `memset` of 800 KB, ~18 µs here, for memory the allocator recycles). Larger buffers
/// come from [`zeroed`], whose fresh pages are zeroed by the OS on first touch anyway.
/// In debug builds the elements are filled with the byte `0xA5` (`true` for `bool`), so
/// a kernel that reads its output before writing it fails the test suites.
pub fn for_output<T: Element>(len: usize) -> Vec<T> {
    let bytes = len.saturating_mul(std::mem::size_of::<T>());
    if bytes == 0 || bytes >= HUGE {
        return zeroed(len);
    }
    let mut v: Vec<T> = Vec::with_capacity(len);
    if cfg!(debug_assertions) {
        let pattern = if T::DTYPE == array_api::DType::Bool {
            1
        } else {
            0xA5
        };
        // SAFETY: the allocation holds `bytes` bytes (capacity `len`), written here as
        // plain bytes; `0xA5` repeated is a valid value of every non-bool `Element`
        // (integers and floats accept any bits) and `1` is `true`.
        unsafe { std::ptr::write_bytes(v.as_mut_ptr().cast::<u8>(), pattern, bytes) };
    }
    // SAFETY: the capacity is `len`. The elements are not initialised in release builds:
    // the only caller, `CreationOps::output`, hands the buffer to the front end's
    // elementwise kernels, which write every element of their contiguous output (through
    // `&mut [T]` stores only) before the array is readable; `Element` types have no
    // drop glue, so dropping the buffer on an error reads nothing.
    unsafe { v.set_len(len) };
    v
}

/// A vector of `len` copies of `value`; zero values go through [`zeroed`], large
/// non-zero fills are written over threads after the huge-page advice.
pub fn filled<T: Element>(len: usize, value: T) -> Vec<T> {
    if is_zero_bits(&value) {
        return zeroed(len);
    }
    if len * std::mem::size_of::<T>() < HUGE {
        return vec![value; len];
    }
    use rayon::prelude::*;
    let mut v: Vec<T> = Vec::with_capacity(len);
    advise_huge_raw(v.as_ptr() as usize, len * std::mem::size_of::<T>());
    v.spare_capacity_mut()[..len]
        .par_chunks_mut(1 << 16)
        .for_each(|c| c.fill(std::mem::MaybeUninit::new(value)));
    // SAFETY: the capacity is at least `len` and the loop above initialised elements
    // `0..len`.
    unsafe { v.set_len(len) };
    v
}

/// An empty vector with capacity for `len` elements of any type (scratch buffers of
/// `MaybeUninit` elements, e.g. the radix sort's), advised to use huge pages when it is
/// at least [`HUGE`] bytes, like [`zeroed`]: a 10⁷-element `f64` scratch buffer then
/// takes 40 page faults on first touch instead of 20,000.
pub fn with_capacity<E>(len: usize) -> Vec<E> {
    let v: Vec<E> = Vec::with_capacity(len);
    advise_huge_raw(
        v.as_ptr() as usize,
        len.saturating_mul(std::mem::size_of::<E>()),
    );
    v
}

/// Whether every byte of `v` is zero (then `v` equals the zeroed allocation's value).
fn is_zero_bits<T: Element>(v: &T) -> bool {
    let n = std::mem::size_of::<T>();
    // SAFETY: `v` points to `n` initialised bytes: `Element` types (bool, integers,
    // floats, pairs of floats) have no padding.
    let bytes = unsafe { std::slice::from_raw_parts(v as *const T as *const u8, n) };
    bytes.iter().all(|&b| b == 0)
}

/// Advises huge pages for the buffer of `v` when it is at least [`HUGE`] bytes.
fn advise_huge<T>(v: &[T]) {
    advise_huge_raw(v.as_ptr() as usize, std::mem::size_of_val(v));
}

/// Advises huge pages for the whole pages inside `[addr, addr + bytes)`, when `bytes` is
/// at least [`HUGE`] (Linux; elsewhere nothing). The advice is a hint: failure is
/// harmless and ignored.
#[allow(unused_variables)]
fn advise_huge_raw(addr: usize, bytes: usize) {
    #[cfg(target_os = "linux")]
    if bytes >= HUGE {
        const PAGE: usize = 4096;
        let start = addr.next_multiple_of(PAGE);
        let end = (addr + bytes) / PAGE * PAGE;
        if end > start {
            // SAFETY: `[start, end)` lies inside one live allocation owned by the caller;
            // MADV_HUGEPAGE changes only how the kernel backs those pages, never their
            // contents.
            unsafe {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
            }
        }
    }
}
