use std::ptr;
use std::slice;

pub fn payload(buf: &[u8]) -> &[u8] {
    let len = u32::from_be_bytes([buf[0], buf[1], buf[2], buf[3]]) as usize;
    // ruleid: rust-raw-parts-unchecked
    unsafe { slice::from_raw_parts(buf.as_ptr().add(4), len) }
}

pub fn read_into(src: &[u8], n: usize) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(n);
    unsafe {
        // ruleid: rust-raw-parts-unchecked
        ptr::copy_nonoverlapping(src.as_ptr(), out.as_mut_ptr(), n);
        // ruleid: rust-raw-parts-unchecked
        out.set_len(n);
    }
    out
}

pub fn byte_at(data: &[u8], i: usize) -> u8 {
    // ruleid: rust-raw-parts-unchecked
    unsafe { *data.get_unchecked(i) }
}

pub fn payload_safe(buf: &[u8]) -> Option<&[u8]> {
    let len = u32::from_be_bytes(buf.get(..4)?.try_into().ok()?) as usize;
    // ok: rust-raw-parts-unchecked
    buf.get(4..4usize.checked_add(len)?)
}

pub fn read_into_safe(src: &[u8], n: usize) -> Vec<u8> {
    // ok: rust-raw-parts-unchecked
    src[..n.min(src.len())].to_vec()
}

pub fn byte_at_safe(data: &[u8], i: usize) -> Option<u8> {
    // ok: rust-raw-parts-unchecked
    data.get(i).copied()
}
