use std::mem::{self, transmute};

#[derive(Clone, Copy, Debug)]
#[repr(u8)]
pub enum Level {
    Low = 0,
    High = 1,
}

pub fn to_level(raw: u8) -> Level {
    // ruleid: rust-mem-transmute
    unsafe { mem::transmute::<u8, Level>(raw) }
}

pub fn float_bits(f: f32) -> u32 {
    // ruleid: rust-mem-transmute
    unsafe { transmute(f) }
}

pub fn forever<'a>(s: &'a str) -> &'static str {
    // ruleid: rust-mem-transmute
    unsafe { std::mem::transmute::<&'a str, &'static str>(s) }
}

pub fn copy_header(bytes: &[u8; 8]) -> u64 {
    // ruleid: rust-mem-transmute
    unsafe { mem::transmute_copy(bytes) }
}

pub fn to_level_safe(raw: u8) -> Option<Level> {
    // ok: rust-mem-transmute
    match raw {
        0 => Some(Level::Low),
        1 => Some(Level::High),
        _ => None,
    }
}

pub fn float_bits_safe(f: f32) -> u32 {
    // ok: rust-mem-transmute
    f.to_bits()
}

pub fn header_safe(bytes: [u8; 8]) -> u64 {
    // ok: rust-mem-transmute
    u64::from_le_bytes(bytes)
}

pub fn size() -> usize {
    // ok: rust-mem-transmute
    mem::size_of::<Level>()
}
