use std::fs::File;
use std::mem;
use std::sync::Mutex;

pub fn to_c(v: Vec<u8>) -> *mut u8 {
    let mut v = v;
    let p = v.as_mut_ptr();
    // ruleid: rust-mem-forget
    mem::forget(v);
    p
}

pub fn keep_open(path: &str) -> std::io::Result<()> {
    let f = File::open(path)?;
    // ruleid: rust-mem-forget
    std::mem::forget(f);
    Ok(())
}

pub fn hold_lock(m: &Mutex<u32>) {
    let guard = m.lock().unwrap();
    // ruleid: rust-mem-forget
    mem::forget(guard);
}

pub fn to_c_safe(v: Vec<u8>) -> (*mut u8, usize) {
    let boxed = v.into_boxed_slice();
    let len = boxed.len();
    // ok: rust-mem-forget
    (Box::into_raw(boxed) as *mut u8, len)
}

pub fn close(f: File) {
    // ok: rust-mem-forget
    drop(f);
}

pub fn swap_out(slot: &mut Vec<u8>) -> Vec<u8> {
    // ok: rust-mem-forget
    mem::take(slot)
}
