/* c_bugs: one exported function (or small handle API) per classic C bug. Each bug hides
 * behind a condition a fuzzer has to find (a magic value, a length, a call order); every
 * other input is handled correctly. The comments below describe the documented contract,
 * not the bugs: expect.toml says where they are. */
#ifndef C_BUGS_H
#define C_BUGS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* value * factor, saturated to [INT32_MIN, INT32_MAX]. */
int32_t bugs_scale(int32_t value, int32_t factor);

/* A 32-bit checksum of n bytes at p. `mode` picks the algorithm: 0 sums bytes, anything
 * else mixes words; every mode reads exactly the n bytes. */
uint32_t bugs_checksum(const uint8_t *_Nonnull p, size_t n, uint32_t mode);

/* Folds a nested structure `depth` levels deep; depths above 16 are clamped to 16. */
uint64_t bugs_nest(uint32_t depth);

/* The number of 1 bits in x. */
uint32_t bugs_bitcount(uint32_t x);

/* Validates a status code; returns 0 for the codes below 256, -1 for the others. */
int32_t bugs_status(uint32_t code);

/* Allocates a scratch area of `mib` MiB, fills it and returns a digest of it; requests
 * over 8 MiB are refused with -1. */
int64_t bugs_fill(uint32_t mib);

/* The display length of a label: strlen(name), or 0 when name is NULL. `flags` selects
 * formatting options and may be any value. */
size_t bugs_label(const char *_Nullable name, uint32_t flags);

/* A message: a private copy of len bytes that can be consumed from the front. */
struct bugs_msg;

/* Copies len bytes from data; NULL when memory is exhausted. Release with bugs_msg_free. */
struct bugs_msg *_Nullable bugs_msg_new(const char *_Nonnull data, size_t len);

/* Consumes up to n bytes from the front; returns how many bytes remain. */
size_t bugs_msg_skip(struct bugs_msg *_Nonnull m, size_t n);

/* The bytes not consumed yet. */
size_t bugs_msg_len(const struct bugs_msg *_Nonnull m);

/* Releases the message. NULL is a no-op. */
void bugs_msg_free(struct bugs_msg *_Nullable m);

/* Lower-case hex of n bytes at p, NUL-terminated (2n characters); NULL when memory is
 * exhausted. Release with bugs_hex_free. */
char *_Nullable bugs_hex(const uint8_t *_Nonnull p, size_t n);

/* Releases a string from bugs_hex. NULL is a no-op. */
void bugs_hex_free(char *_Nullable s);

#ifdef __cplusplus
}
#endif

#endif
