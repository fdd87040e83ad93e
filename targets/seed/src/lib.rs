//! The example API every ffifuzz user starts from: an integer function, a `#[repr(C)]`
//! struct passed by pointer, and an owned string with its release function. Clean: every
//! function is correct for every input a correct caller can give.

// Exported functions take raw pointers from C by design: they are safe `extern "C"` fns
// that check for NULL, as the C ABI convention (and cbindgen) expects.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use std::ffi::CString;
use std::os::raw::{c_char, c_double};

/// Adds two integers (wrapping on overflow, never traps).
#[no_mangle]
pub extern "C" fn rust_add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

/// A 2D point with the C layout.
#[repr(C)]
pub struct Point {
    pub x: c_double,
    pub y: c_double,
}

/// Euclidean distance between two points. Returns NaN when either pointer is NULL.
#[no_mangle]
pub extern "C" fn point_distance(p1: *const Point, p2: *const Point) -> c_double {
    if p1.is_null() || p2.is_null() {
        return f64::NAN;
    }
    // SAFETY: both are non-null and, per the contract, point to readable Points.
    let (a, b) = unsafe { (&*p1, &*p2) };
    let dx = a.x - b.x;
    let dy = a.y - b.y;
    (dx * dx + dy * dy).sqrt()
}

/// Returns a newly allocated, NUL-terminated greeting. Release it with `free_greeting`.
#[no_mangle]
pub extern "C" fn get_greeting() -> *mut c_char {
    CString::new("Hello from Rust!")
        .expect("no interior NUL")
        .into_raw()
}

/// Releases a string returned by `get_greeting`. NULL is accepted and ignored.
#[no_mangle]
pub extern "C" fn free_greeting(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: s came from CString::into_raw in get_greeting and is released once.
    unsafe { drop(CString::from_raw(s)) };
}
