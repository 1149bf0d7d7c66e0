use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Counter {
    value: UnsafeCell<usize>,
}

// ruleid: rust-unsafe-code
unsafe impl Sync for Counter {}

static mut GLOBAL_HITS: usize = 0;
static HITS: AtomicUsize = AtomicUsize::new(0);

// ruleid: rust-unsafe-code
pub unsafe fn read_at(ptr: *const u8, offset: usize) -> u8 {
    *ptr.add(offset)
}

pub fn record_hit() {
    // ruleid: rust-unsafe-code
    unsafe {
        GLOBAL_HITS += 1;
    }
}

pub fn first_byte(data: &[u8]) -> u8 {
    // ruleid: rust-unsafe-code
    let b = unsafe { *data.get_unchecked(0) };
    b
}

impl Counter {
    // ok: rust-unsafe-code
    pub fn new() -> Self {
        Counter { value: UnsafeCell::new(0) }
    }
}

// ok: rust-unsafe-code
pub fn record_hit_safe() -> usize {
    // ok: rust-unsafe-code
    HITS.fetch_add(1, Ordering::Relaxed) + 1
}

pub fn first_byte_safe(data: &[u8]) -> Option<u8> {
    // ok: rust-unsafe-code
    data.first().copied()
}

pub fn sum(values: &[u32]) -> u32 {
    // ok: rust-unsafe-code
    values.iter().sum()
}

#[test]
fn offsets() {
    assert_eq!(
        // ruleid: rust-unsafe-code
        unsafe { &(*(::std::ptr::null::<Counter>())).value as *const _ as usize },
        0usize
    );
    // ok: rust-unsafe-code
    assert_eq!(std::mem::size_of::<Counter>(), 8, "unsafe {{ layout }}");
}
