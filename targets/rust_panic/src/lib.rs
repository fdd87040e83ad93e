//! Panics that reach the C boundary on some argument values only. A panic cannot unwind
//! out of an `extern "C"` function: since Rust 1.81 the process aborts ("panic in a
//! function that cannot unwind") after printing the panic message ("panicked at").
//! - `lookup_get`: an off-by-one range check lets index 16 through to a 16-entry table
//!   (index out of bounds).
//! - `decode_mode`: an explicit `panic!` on the reserved mode 0x0BADC0DE.

// Exported functions take raw pointers from C by design: they are safe `extern "C"` fns
// that check for NULL, as the C ABI convention (and cbindgen) expects.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

static TABLE: [i32; 16] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3];

/// The table entry at `index` (0..15); -1 for any index out of range.
#[no_mangle]
pub extern "C" fn lookup_get(index: u32) -> i32 {
    // BUG: off by one: should be `index >= 16`.
    if index > 16 {
        return -1;
    }
    TABLE[index as usize]
}

const MODE_RESERVED: u32 = 0x0BAD_C0DE;

/// The number of channels of a decoder mode (0..7); -1 for unknown modes.
#[no_mangle]
pub extern "C" fn decode_mode(mode: u32) -> i32 {
    match mode {
        0..=7 => (mode as i32 + 1) * 2,
        // BUG: a reserved mode panics instead of returning -1.
        MODE_RESERVED => panic!("decode_mode: reserved mode {mode:#x}"),
        _ => -1,
    }
}
