//! Owned returns that their release functions do not (fully) release. Three planted leaks,
//! each behind a condition a fuzzer has to find:
//! - `token_free` skips tokens whose kind equals the built-in static kind, although
//!   `token_new` heap-allocates those too (kind == 0x57A71C00).
//! - `record_free` frees the record but not its name when the name is longer than 15
//!   bytes (short names live inline, long ones on the heap).
//! - `blob_checksum` and `blob_validate` both decode through one internal helper that
//!   returns an owned extension buffer for blobs with the extended magic; neither caller
//!   frees it (first 4 bytes, little endian, == 0xB10BE47E). One bug, two call paths.

// Exported functions take raw pointers from C by design: they are safe `extern "C"` fns
// that check for NULL, as the C ABI convention (and cbindgen) expects.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::ptr;

/// The kind of the library's built-in static token: never freed by `token_free`.
const TOKEN_KIND_STATIC: u32 = 0x57A7_1C00;

/// A token: an opaque handle.
pub struct Token {
    kind: u32,
    payload: [u8; 40],
}

/// Creates a token of the given kind (any value). Release it with `token_free`.
#[no_mangle]
pub extern "C" fn token_new(kind: u32) -> *mut Token {
    let mut payload = [0u8; 40];
    for (i, b) in payload.iter_mut().enumerate() {
        *b = (kind as u8).wrapping_add(i as u8);
    }
    Box::into_raw(Box::new(Token { kind, payload }))
}

/// The token's kind; 0 for NULL.
#[no_mangle]
pub extern "C" fn token_kind(token: *const Token) -> u32 {
    if token.is_null() {
        return 0;
    }
    // SAFETY: non-null tokens come from token_new and are live.
    let t = unsafe { &*token };
    debug_assert_eq!(t.payload[0], t.kind as u8);
    t.kind
}

/// Releases a token from `token_new`. NULL is accepted and ignored.
#[no_mangle]
pub extern "C" fn token_free(token: *mut Token) {
    if token.is_null() {
        return;
    }
    // SAFETY: non-null tokens come from token_new and are live.
    if unsafe { (*token).kind } == TOKEN_KIND_STATIC {
        // BUG: the static token is never heap-allocated, but token_new makes heap tokens of
        // that kind too; those leak.
        return;
    }
    // SAFETY: from Box::into_raw in token_new, released once.
    unsafe { drop(Box::from_raw(token)) };
}

/// Names up to this many bytes are stored inline.
const INLINE_NAME: usize = 15;

/// A named record: an opaque handle.
pub struct Record {
    id: u32,
    inline_name: [u8; INLINE_NAME + 1],
    heap_name: *mut c_char,
}

/// Creates a record holding a copy of `name` (NULL means the empty name). Release it with
/// `record_free`.
#[no_mangle]
pub extern "C" fn record_new(name: *const c_char, id: u32) -> *mut Record {
    let bytes: &[u8] = if name.is_null() {
        b""
    } else {
        // SAFETY: non-null names are NUL-terminated strings.
        unsafe { CStr::from_ptr(name) }.to_bytes()
    };
    let mut rec = Record {
        id,
        inline_name: [0; INLINE_NAME + 1],
        heap_name: ptr::null_mut(),
    };
    if bytes.len() <= INLINE_NAME {
        rec.inline_name[..bytes.len()].copy_from_slice(bytes);
    } else {
        rec.heap_name = CString::new(bytes)
            .expect("from a C string: no NUL")
            .into_raw();
    }
    Box::into_raw(Box::new(rec))
}

/// The record's name, borrowed from the record (valid until `record_free`). NULL for NULL.
#[no_mangle]
pub extern "C" fn record_name(record: *const Record) -> *const c_char {
    if record.is_null() {
        return ptr::null();
    }
    // SAFETY: non-null records come from record_new and are live.
    let r = unsafe { &*record };
    if r.heap_name.is_null() {
        r.inline_name.as_ptr() as *const c_char
    } else {
        r.heap_name
    }
}

/// The record's id; 0 for NULL.
#[no_mangle]
pub extern "C" fn record_id(record: *const Record) -> u32 {
    if record.is_null() {
        return 0;
    }
    // SAFETY: non-null records come from record_new and are live.
    unsafe { (*record).id }
}

/// Releases a record from `record_new`. NULL is accepted and ignored.
#[no_mangle]
pub extern "C" fn record_free(record: *mut Record) {
    if record.is_null() {
        return;
    }
    // SAFETY: from Box::into_raw in record_new, released once.
    // BUG: Record has no Drop: a heap name (longer than 15 bytes) is never released.
    unsafe { drop(Box::from_raw(record)) };
}

/// Blobs starting with this little-endian word carry an extension table.
const BLOB_MAGIC_EXTENDED: u32 = 0xB10B_E47E;

struct Decoded {
    sum: u32,
    ext: *mut u8,
    ext_len: usize,
}

/// The one decoder behind blob_checksum and blob_validate. For extended blobs it copies
/// the extension table to the heap and hands ownership to the caller.
#[inline(never)]
fn decode_blob(bytes: &[u8]) -> Decoded {
    let mut sum: u32 = 0x811C_9DC5;
    for &b in bytes {
        sum = (sum ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    let mut d = Decoded {
        sum,
        ext: ptr::null_mut(),
        ext_len: 0,
    };
    if bytes.len() >= 8 {
        let magic = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        if magic == BLOB_MAGIC_EXTENDED {
            let table: Box<[u8]> = bytes[4..].to_vec().into_boxed_slice();
            d.ext_len = table.len();
            d.ext = std::hint::black_box(Box::into_raw(table) as *mut u8);
        }
    }
    d
}

fn as_slice<'a>(data: *const u8, len: usize) -> &'a [u8] {
    if data.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: the caller passes `len` readable bytes at `data`.
        unsafe { std::slice::from_raw_parts(data, len) }
    }
}

/// A checksum of `len` bytes at `data` (NULL with 0 is the empty blob).
#[no_mangle]
pub extern "C" fn blob_checksum(data: *const u8, len: usize) -> u32 {
    let d = decode_blob(as_slice(data, len));
    // BUG: d.ext is owned and never released.
    let mut sum = d.sum;
    if !d.ext.is_null() {
        // SAFETY: ext points to ext_len initialized bytes from decode_blob.
        let ext = unsafe { std::slice::from_raw_parts(d.ext, d.ext_len) };
        sum = sum.rotate_left(5) ^ ext.iter().fold(0u32, |a, &b| a.wrapping_add(u32::from(b)));
    }
    sum
}

/// Whether `len` bytes at `data` form a well-formed blob (NULL with 0 is the empty blob).
#[no_mangle]
pub extern "C" fn blob_validate(data: *const u8, len: usize) -> bool {
    let d = decode_blob(as_slice(data, len));
    // BUG: d.ext is owned and never released (the same leak as blob_checksum).
    d.ext.is_null() || d.ext_len + 4 == len
}
