/* rust_symbols.h: written by hand (not by cbindgen). It declares what the library's
 * authors meant to export. Two declarations do not match the library (src/lib.rs): that
 * drift is the planted bug.
 *   sym_hidden_sum: the Rust function lacks #[no_mangle], so no such symbol is exported.
 *   sym_forgotten_product: lacks #[no_mangle] and is never called, so rustc left it out.
 *   sym_version:    the Rust function returns a Rust String, not a char pointer. */
#ifndef RUST_SYMBOLS_H
#define RUST_SYMBOLS_H

#include <stdint.h>

/** a + b, wrapping. */
int32_t sym_hidden_sum(int32_t a, int32_t b);

/** a * b, wrapping. */
int32_t sym_forgotten_product(int32_t a, int32_t b);

/** op 0: a + b; any other op: a * b. Both wrap. */
int32_t sym_apply(uint32_t op, int32_t a, int32_t b);

/**
 * A newly allocated name for `code`. Release it with `sym_string_free`.
 * ffifuzz: returns owned_by=sym_string_free
 */
char *sym_name(uint32_t code);

/** The library's version string, newly allocated. */
char *sym_version(void);

/** Releases a string from `sym_name`. NULL is accepted and ignored. */
void sym_string_free(char *s);

#endif /* RUST_SYMBOLS_H */
