//! A cache that promises to copy what it is given, but keeps a pointer into large buffers.
//! The planted use-after-free needs a call sequence: `cache_attach` of a buffer longer than
//! 64 bytes, then `buffer_free` of that buffer, then `cache_sum` reads the freed bytes.
//! Only an ASan-instrumented build sees the read (the freed memory stays mapped).

// Exported functions take raw pointers from C by design: they are safe `extern "C"` fns
// that check for NULL, as the C ABI convention (and cbindgen) expects.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

/// Buffers longer than this are attached without a copy.
const ZERO_COPY_MIN: usize = 65;

/// A byte buffer: an opaque handle.
pub struct Buffer {
    bytes: Vec<u8>,
}

/// Creates a buffer holding a copy of `len` bytes at `data` (NULL with 0: empty). Release
/// it with `buffer_free`.
#[no_mangle]
pub extern "C" fn buffer_new(data: *const u8, len: usize) -> *mut Buffer {
    let bytes = if data.is_null() || len == 0 {
        Vec::new()
    } else {
        // SAFETY: the caller passes len readable bytes at data.
        unsafe { std::slice::from_raw_parts(data, len) }.to_vec()
    };
    Box::into_raw(Box::new(Buffer { bytes }))
}

/// The buffer's length; 0 for NULL.
#[no_mangle]
pub extern "C" fn buffer_len(buffer: *const Buffer) -> usize {
    if buffer.is_null() {
        return 0;
    }
    // SAFETY: a live buffer from buffer_new.
    unsafe { (*buffer).bytes.len() }
}

/// Releases a buffer from `buffer_new`. NULL is accepted and ignored. Buffers attached to a
/// cache may be released at any time: the cache keeps its own copy.
#[no_mangle]
pub extern "C" fn buffer_free(buffer: *mut Buffer) {
    if buffer.is_null() {
        return;
    }
    // SAFETY: from Box::into_raw in buffer_new, released once.
    unsafe { drop(Box::from_raw(buffer)) };
}

enum Entry {
    Copied(Vec<u8>),
    Borrowed(*const u8, usize),
}

/// A cache of byte strings: an opaque handle.
pub struct Cache {
    entries: Vec<Entry>,
}

/// Creates an empty cache. Release it with `cache_free`.
#[no_mangle]
pub extern "C" fn cache_new() -> *mut Cache {
    Box::into_raw(Box::new(Cache {
        entries: Vec::new(),
    }))
}

/// Adds a copy of the buffer's bytes to the cache; returns the number of entries, or -1
/// when either handle is NULL. The buffer may be released right after.
#[no_mangle]
pub extern "C" fn cache_attach(cache: *mut Cache, buffer: *const Buffer) -> i64 {
    if cache.is_null() || buffer.is_null() {
        return -1;
    }
    // SAFETY: live handles from cache_new and buffer_new.
    let (c, b) = unsafe { (&mut *cache, &*buffer) };
    if b.bytes.len() >= ZERO_COPY_MIN {
        // BUG: "zero-copy for large buffers" keeps a pointer that buffer_free invalidates.
        c.entries
            .push(Entry::Borrowed(b.bytes.as_ptr(), b.bytes.len()));
    } else {
        c.entries.push(Entry::Copied(b.bytes.clone()));
    }
    c.entries.len() as i64
}

/// The sum of every byte of every entry; 0 for NULL.
#[no_mangle]
pub extern "C" fn cache_sum(cache: *const Cache) -> u64 {
    if cache.is_null() {
        return 0;
    }
    // SAFETY: a live cache from cache_new.
    let c = unsafe { &*cache };
    let mut sum = 0u64;
    for e in &c.entries {
        let bytes: &[u8] = match e {
            Entry::Copied(v) => v,
            // SAFETY: (wrongly) assumes the attached buffer is still alive.
            Entry::Borrowed(p, n) => unsafe { std::slice::from_raw_parts(*p, *n) },
        };
        sum = bytes.iter().fold(sum, |s, &b| s.wrapping_add(u64::from(b)));
    }
    sum
}

/// Removes every entry. NULL is accepted and ignored.
#[no_mangle]
pub extern "C" fn cache_reset(cache: *mut Cache) {
    if cache.is_null() {
        return;
    }
    // SAFETY: a live cache from cache_new.
    unsafe { (*cache).entries.clear() };
}

/// Releases a cache from `cache_new`. NULL is accepted and ignored.
#[no_mangle]
pub extern "C" fn cache_free(cache: *mut Cache) {
    if cache.is_null() {
        return;
    }
    // SAFETY: from Box::into_raw in cache_new, released once.
    unsafe { drop(Box::from_raw(cache)) };
}
