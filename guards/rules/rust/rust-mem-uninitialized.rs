use std::mem::{self, MaybeUninit};

#[derive(Default)]
pub struct Packet {
    pub header: [u8; 16],
    pub len: usize,
}

pub fn new_buffer() -> [u8; 4096] {
    // ruleid: rust-mem-uninitialized
    unsafe { MaybeUninit::uninit().assume_init() }
}

#[allow(deprecated)]
pub fn legacy_packet() -> Packet {
    // ruleid: rust-mem-uninitialized
    unsafe { mem::uninitialized() }
}

pub fn typed_packet() -> Packet {
    // ruleid: rust-mem-uninitialized
    unsafe { MaybeUninit::<Packet>::uninit().assume_init() }
}

pub fn new_buffer_safe() -> [u8; 4096] {
    // ok: rust-mem-uninitialized
    [0u8; 4096]
}

pub fn packet_written() -> Packet {
    let mut p = MaybeUninit::<Packet>::uninit();
    // ok: rust-mem-uninitialized
    unsafe {
        p.as_mut_ptr().write(Packet::default());
        p.assume_init()
    }
}

pub fn slots() -> [MaybeUninit<u64>; 8] {
    // ok: rust-mem-uninitialized
    unsafe { MaybeUninit::<[MaybeUninit<u64>; 8]>::uninit().assume_init() }
}
