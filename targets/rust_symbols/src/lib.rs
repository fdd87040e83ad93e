//! Three ways a Rust library's exports drift from its hand-written header:
//! - `sym_hidden_sum` is `pub extern "C"` and declared in the header, but lacks
//!   `#[no_mangle]`: the .so has it only as a local, mangled symbol (in .symtab and DWARF),
//!   so a C caller cannot link or dlsym it.
//! - `sym_forgotten_product` lacks `#[no_mangle]` too and nothing calls it: the .so has no
//!   trace of it at all.
//! - `sym_version` is exported, but returns a Rust `String` (FFI-unsafe) where the header
//!   says `char *`: the String comes back through a hidden struct-return pointer.

// Exported functions take raw pointers from C by design: they are safe `extern "C"` fns
// that check for NULL, as the C ABI convention (and cbindgen) expects.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use std::ffi::CString;
use std::os::raw::c_char;

/// BUG: missing #[no_mangle]. Kept alive (and out of line) by sym_apply's function pointer.
#[inline(never)]
pub extern "C" fn sym_hidden_sum(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

/// BUG: missing #[no_mangle], and nothing in the library calls it: rustc leaves it out of
/// the cdylib altogether (no symbol, no debug info), so only the library being Rust says why.
pub extern "C" fn sym_forgotten_product(a: i32, b: i32) -> i32 {
    a.wrapping_mul(b)
}

type BinOp = extern "C" fn(i32, i32) -> i32;

/// op 0: a + b (through sym_hidden_sum); any other op: a * b. Both wrap.
#[no_mangle]
pub extern "C" fn sym_apply(op: u32, a: i32, b: i32) -> i32 {
    if op == 0 {
        let f: BinOp = std::hint::black_box(sym_hidden_sum as BinOp);
        f(a, b)
    } else {
        a.wrapping_mul(b)
    }
}

/// A newly allocated name for `code` (any value). Release it with `sym_string_free`.
#[no_mangle]
pub extern "C" fn sym_name(code: u32) -> *mut c_char {
    CString::new(format!("symbol-{code}"))
        .expect("no NUL")
        .into_raw()
}

/// BUG: returns a Rust String (FFI-unsafe: 24 bytes through a hidden sret pointer); the
/// header declares `char *sym_version(void)`.
#[allow(improper_ctypes_definitions)]
#[no_mangle]
pub extern "C" fn sym_version() -> String {
    format!("rust_symbols {}", env!("CARGO_PKG_VERSION"))
}

/// Releases a string from `sym_name`. NULL is accepted and ignored.
#[no_mangle]
pub extern "C" fn sym_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: from CString::into_raw in sym_name, released once.
    unsafe { drop(CString::from_raw(s)) };
}
