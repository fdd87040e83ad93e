/* c_mixed: one shallow bug that every call of its function fires, and two deeper ones behind
 * a magic value and a prefix: a run that stops at its first finding only ever reports the
 * shallow one. Every bug is one ASan sees (it needs the cov-asan flavour). */
#ifndef C_MIXED_H
#define C_MIXED_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The sum of the len bytes at buf; buf must not be NULL. Bug: every call also reads buf[len],
 * one byte past them (a heap over-read under ASan, even for len 0). */
int mix_shallow(const uint8_t *_Nonnull buf, size_t len);

/* Returns value & 0xff. Bug: key == 0xC0DEFEED allocates 16 bytes, frees them and then
 * writes value into them (a heap use-after-free). */
int mix_deep_a(uint32_t key, uint32_t value);

/* Returns len (saturated at INT_MAX). Bug: when len >= 6 and buf starts with "DEEPB!", it
 * allocates 32 bytes and frees them twice (a double free). buf must not be NULL. */
int mix_deep_b(const uint8_t *_Nonnull buf, size_t len);

/* a + b, wrapping on overflow. Well-behaved. */
int mix_add(int a, int b);

#ifdef __cplusplus
}
#endif

#endif
