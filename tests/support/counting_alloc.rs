//! A global allocator that counts the heap allocations (and reallocations) of each thread,
//! for the tests and benches that prove "allocates nothing". A binary includes it with
//! `#[path = ".../tests/support/counting_alloc.rs"] mod counting_alloc;`, which installs it
//! as that binary's global allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

/// Counts one allocation on this thread. `try_with`: the allocator also runs while
/// thread-locals are being torn down.
fn note_allocation() {
    let _ = COUNT.try_with(|count| count.set(count.get() + 1));
}

struct Counting;

// `GlobalAlloc` is an unsafe trait: counting allocations takes implementing it.
// SAFETY: every call is forwarded unchanged to `System`, which upholds `GlobalAlloc`'s
// contract; the counting touches only a const-initialised thread-local and never allocates.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// How many allocations and reallocations `run` makes on this thread (dropping what it
/// returns is not counted). Other threads, such as the test harness's, do not count.
pub fn allocations<T>(run: impl FnOnce() -> T) -> usize {
    let before = COUNT.with(Cell::get);
    let result = run();
    let after = COUNT.with(Cell::get);
    drop(result);
    after - before
}
