//! A struct that crosses the boundary without `#[repr(C)]`. The hand-written header
//! (rust_layout.h) declares the C layout: tag at 0, value at 8, flags at 16, 24 bytes.
//! Rust is free to reorder the fields and does: value at 0, tag and flags after it, 16
//! bytes. Every function that touches a Packet disagrees with the header about where the
//! fields are, and `packet_new` hands out 16 bytes where C code may touch 24.
//!
//! And a struct that has `#[repr(C)]` behind a stale header: `Settings` was changed here
//! (ratio first, count narrowed to u32) and the header was not regenerated. Its layout is
//! C's, so the fix is the header, not the struct.

// Exported functions take raw pointers from C by design: they are safe `extern "C"` fns
// that check for NULL, as the C ABI convention (and cbindgen) expects.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

/// BUG: missing #[repr(C)].
pub struct Packet {
    pub tag: u8,
    pub value: u64,
    pub flags: u8,
}

/// Creates a packet. Release it with `packet_free`.
#[no_mangle]
pub extern "C" fn packet_new(tag: u8, value: u64, flags: u8) -> *mut Packet {
    Box::into_raw(Box::new(Packet { tag, value, flags }))
}

/// The packet's value; 0 for NULL.
#[no_mangle]
pub extern "C" fn packet_value(packet: *const Packet) -> u64 {
    if packet.is_null() {
        return 0;
    }
    // SAFETY: a readable Packet (in the library's layout, which is the bug).
    unsafe { (*packet).value }
}

/// The packet's tag; 0 for NULL.
#[no_mangle]
pub extern "C" fn packet_tag(packet: *const Packet) -> u8 {
    if packet.is_null() {
        return 0;
    }
    // SAFETY: as packet_value.
    unsafe { (*packet).tag }
}

/// A checksum of a packet passed by value.
#[allow(improper_ctypes_definitions)]
#[no_mangle]
pub extern "C" fn packet_checksum(packet: Packet) -> u64 {
    packet.value.rotate_left(8) ^ u64::from(packet.tag) ^ (u64::from(packet.flags) << 56)
}

/// Releases a packet from `packet_new`. NULL is accepted and ignored.
#[no_mangle]
pub extern "C" fn packet_free(packet: *mut Packet) {
    if packet.is_null() {
        return;
    }
    // SAFETY: from Box::into_raw in packet_new, released once.
    unsafe { drop(Box::from_raw(packet)) };
}

/// `#[repr(C)]`: ratio at 0, count at 4, 8 bytes. BUG: the header still declares the older
/// layout (count: uint64_t at 0, ratio at 8, 16 bytes).
#[repr(C)]
pub struct Settings {
    pub ratio: f32,
    pub count: u32,
}

/// The settings' count; 0 for NULL.
#[no_mangle]
pub extern "C" fn settings_count(settings: *const Settings) -> u32 {
    if settings.is_null() {
        return 0;
    }
    // SAFETY: a readable Settings (the library's layout; the header's is larger).
    unsafe { (*settings).count }
}
