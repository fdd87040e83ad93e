//! Out-of-bounds access past the end of a caller's (data, len) buffer, for some lengths:
//! - `block_checksum` reads len + 1 bytes when len % 16 == 13 (a 13-byte tail is read as
//!   14).
//! - `frame_seal` writes one byte past the end when len > 100 and the first byte is 0xAB
//!   (the start marker of a long frame).
//!
//! An uninstrumented build faults only when the byte past the end is unmapped (a guard
//! page); an ASan build reports a heap-buffer-overflow on a heap buffer.

// Exported functions take raw pointers from C by design: they are safe `extern "C"` fns
// that check for NULL, as the C ABI convention (and cbindgen) expects.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

/// The start marker of a frame.
const FRAME_START: u8 = 0xAB;
/// Frames longer than this carry a trailer.
const LONG_FRAME: usize = 100;

/// A checksum of `len` bytes at `data`, taken in 16-byte blocks. NULL data gives 0.
#[no_mangle]
pub extern "C" fn block_checksum(data: *const u8, len: usize) -> u32 {
    if data.is_null() {
        return 0;
    }
    let full = len / 16 * 16;
    let mut sum: u32 = 0;
    // SAFETY: the caller passes len readable bytes at data.
    let blocks = unsafe { std::slice::from_raw_parts(data, full) };
    for block in blocks.chunks_exact(16) {
        let word = block
            .iter()
            .fold(0u32, |a, &b| a.rotate_left(3) ^ u32::from(b));
        sum = sum.wrapping_mul(31).wrapping_add(word);
    }
    let tail = len % 16;
    // BUG: the 13-byte tail is read as 14 bytes ("rounded up to the next even length").
    let tail_len = if tail == 13 { 14 } else { tail };
    for i in 0..tail_len {
        // SAFETY: (wrongly) assumes full + i < len.
        let b = unsafe { std::ptr::read(data.add(full + i)) };
        sum = sum.rotate_left(5) ^ u32::from(b);
    }
    sum
}

/// Seals a frame of `len` bytes at `data` in place: every byte but the first is mixed with
/// its position, and frames that start with the start marker and are longer than 100
/// bytes get a zero trailer in their last byte. Returns the number of bytes changed
/// (0 for NULL data).
#[no_mangle]
pub extern "C" fn frame_seal(data: *mut u8, len: usize) -> usize {
    if data.is_null() || len == 0 {
        return 0;
    }
    // SAFETY: the caller passes len writable bytes at data.
    let frame = unsafe { std::slice::from_raw_parts_mut(data, len) };
    for (i, b) in frame.iter_mut().enumerate().skip(1) {
        *b ^= i as u8;
    }
    let mut changed = len - 1;
    if frame[0] == FRAME_START && len > LONG_FRAME {
        // BUG: the trailer goes at data[len], one past the end, instead of data[len - 1].
        unsafe { std::ptr::write(data.add(len), 0) };
        changed += 1;
    }
    changed
}
