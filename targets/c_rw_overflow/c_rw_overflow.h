/* c_rw_overflow: two distinct overflows in one function, a write and a read of the same heap
 * block at different lines, and an index one past a global array. One function's two bugs
 * must be two findings (two keys), not one found twice; the index is caught by UBSan's
 * bounds check before ASan would see it, and must keep its key whichever sanitizer catches
 * it. Every bug needs the cov-asan flavour. */
#ifndef C_RW_OVERFLOW_H
#define C_RW_OVERFLOW_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A record of 16 bytes is filled from data[2..len) and rw_record returns the sum of its
 * first data[1] bytes (at most 16), or 0 when len < 2. data must not be NULL.
 * Bug (write): when data[0] == 'W' the payload is copied whole, past the record's 16 bytes
 * when len > 18.
 * Bug (read): when data[0] == 'R' the count data[1] is not capped, so data[1] > 16 reads past
 * the record. */
int rw_record(const uint8_t *_Nonnull data, size_t len);

/* The hex digit of value (0..15) as a character, or -1 when value > 16.
 * Bug: the check is off by one, so value == 16 reads one past the 16-character table. */
int rw_hex_digit(size_t value);

#ifdef __cplusplus
}
#endif

#endif
