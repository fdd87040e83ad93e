//! Releases that release twice. Two planted double frees, each behind a condition:
//! - `session_destroy` releases the session buffer a second time for detached sessions
//!   (flags == 0x5E5510FF).
//! - `shared_clone` does not count clones of frozen values (value == 0x46524F5A), so the
//!   sequence new, clone, free, free releases the object twice: the first free drops the
//!   last counted reference, the second finds no count and treats the caller as sole owner.

// Exported functions take raw pointers from C by design: they are safe `extern "C"` fns
// that check for NULL, as the C ABI convention (and cbindgen) expects.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use std::sync::Mutex;

/// Sessions created with these flags are "detached".
const SESSION_DETACHED: u32 = 0x5E55_10FF;
const SESSION_CAPACITY: usize = 64;

/// A write session: an opaque handle.
pub struct Session {
    flags: u32,
    buf: *mut u8,
    cap: usize,
    len: usize,
}

#[inline(never)]
fn release_buffer(buf: *mut u8, cap: usize) {
    // SAFETY: buf/cap come from Box<[u8]>::into_raw in session_new.
    unsafe { drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(buf, cap))) };
}

/// Creates a session with the given flags (any value). Release it with `session_destroy`.
#[no_mangle]
pub extern "C" fn session_new(flags: u32) -> *mut Session {
    let buf = Box::into_raw(vec![0u8; SESSION_CAPACITY].into_boxed_slice()) as *mut u8;
    Box::into_raw(Box::new(Session {
        flags,
        buf,
        cap: SESSION_CAPACITY,
        len: 0,
    }))
}

/// Appends up to `len` bytes from `data` to the session buffer (64 bytes in all); returns
/// how many were taken. NULL session or NULL data take nothing.
#[no_mangle]
pub extern "C" fn session_write(session: *mut Session, data: *const u8, len: usize) -> usize {
    if session.is_null() || data.is_null() {
        return 0;
    }
    // SAFETY: a live session from session_new; data has len readable bytes.
    let s = unsafe { &mut *session };
    let n = len.min(s.cap - s.len);
    unsafe { std::ptr::copy_nonoverlapping(data, s.buf.add(s.len), n) };
    s.len += n;
    n
}

/// Bytes written to the session so far; 0 for NULL.
#[no_mangle]
pub extern "C" fn session_len(session: *const Session) -> usize {
    if session.is_null() {
        return 0;
    }
    // SAFETY: a live session from session_new.
    unsafe { (*session).len }
}

/// Releases a session from `session_new`. NULL is accepted and ignored.
#[no_mangle]
pub extern "C" fn session_destroy(session: *mut Session) {
    if session.is_null() {
        return;
    }
    // SAFETY: from Box::into_raw in session_new, released once by the caller.
    let s = unsafe { Box::from_raw(session) };
    release_buffer(s.buf, s.cap);
    if s.flags == SESSION_DETACHED {
        // BUG: "detached sessions hand their buffer back" -- it was released just above.
        release_buffer(s.buf, s.cap);
    }
}

/// Values equal to this are "frozen": shared_clone does not count their clones.
const SHARED_FROZEN: i32 = 0x4652_4F5A;

/// A reference-counted value: an opaque handle. `shared_clone` returns the same handle
/// with one more reference; every reference is released with `shared_free`.
pub struct Shared {
    value: i32,
    label: [u8; 28],
}

/// Reference counts by object address.
static REFS: Mutex<Vec<(usize, u32)>> = Mutex::new(Vec::new());

/// Creates a shared value with one reference. Release it with `shared_free`.
#[no_mangle]
pub extern "C" fn shared_new(value: i32) -> *mut Shared {
    let mut label = [0u8; 28];
    label[..4].copy_from_slice(&value.to_le_bytes());
    let p = Box::into_raw(Box::new(Shared { value, label }));
    REFS.lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((p as usize, 1));
    p
}

/// Adds a reference and returns `shared` itself (NULL for NULL).
#[no_mangle]
pub extern "C" fn shared_clone(shared: *mut Shared) -> *mut Shared {
    if shared.is_null() {
        return shared;
    }
    // SAFETY: a live object from shared_new.
    if unsafe { (*shared).value } == SHARED_FROZEN {
        // BUG: "frozen values never change, so clones need no count" -- but shared_free
        // still releases one reference per call.
        return shared;
    }
    let mut refs = REFS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(entry) = refs.iter_mut().find(|e| e.0 == shared as usize) {
        entry.1 += 1;
    }
    shared
}

/// The shared value; 0 for NULL.
#[no_mangle]
pub extern "C" fn shared_value(shared: *const Shared) -> i32 {
    if shared.is_null() {
        return 0;
    }
    // SAFETY: a live object from shared_new.
    let s = unsafe { &*shared };
    debug_assert_eq!(s.label[..4], s.value.to_le_bytes());
    s.value
}

/// Releases one reference; the object goes with the last one. NULL is accepted and ignored.
#[no_mangle]
pub extern "C" fn shared_free(shared: *mut Shared) {
    if shared.is_null() {
        return;
    }
    let last = {
        let mut refs = REFS.lock().unwrap_or_else(|e| e.into_inner());
        match refs.iter().position(|e| e.0 == shared as usize) {
            Some(i) => {
                refs[i].1 -= 1;
                if refs[i].1 == 0 {
                    refs.swap_remove(i);
                    true
                } else {
                    false
                }
            }
            // An object without a count has a single owner: the caller.
            None => true,
        }
    };
    if last {
        // SAFETY: from Box::into_raw in shared_new.
        unsafe { drop(Box::from_raw(shared)) };
    }
    // Keeps this frame out of a tail call to free, so reports name shared_free.
    std::hint::black_box(last);
}
