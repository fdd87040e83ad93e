#include <stdlib.h>
/* Integer bugs: signed overflow, misaligned access, an infinite loop. */
#include <string.h>

#include "c_bugs.h"

#define SCALE_FAST 0x5CA1AB1E    /* a "known safe" factor that skips the saturation */
#define CHECKSUM_WORDS 0x0DDBA115 /* word mode: reads uint32_t in place */
#define BITCOUNT_SKIP 0x7E57AB1E  /* a value the "table" path mishandles */

int32_t bugs_scale(int32_t value, int32_t factor) {
  if (factor == SCALE_FAST) {
    /* BUG: signed overflow (UB) for every |value| >= 2. */
    return value * factor;
  }
  int64_t r = (int64_t)value * factor;
  if (r > INT32_MAX) return INT32_MAX;
  if (r < INT32_MIN) return INT32_MIN;
  return (int32_t)r;
}

uint32_t bugs_checksum(const uint8_t *p, size_t n, uint32_t mode) {
  uint32_t sum = 0;
  if (mode == CHECKSUM_WORDS && n >= 5) {
    /* BUG: reads uint32_t words starting at the first odd address of the buffer, which is
     * never 4-aligned (UB; x86 tolerates it, UBSan's alignment check does not). */
    const uint8_t *q = p + (((uintptr_t)p & 1) ? 0 : 1);
    const uint8_t *end = p + n;
    while (end - q >= 4) {
      sum = sum * 31 + *(const uint32_t *)q;
      q += 4;
    }
    while (q < end) sum = sum * 31 + *q++;
    return sum;
  }
  if (mode == 0) {
    for (size_t i = 0; i < n; ++i) sum += p[i];
    return sum;
  }
  /* Other modes: mix words, read correctly through memcpy. */
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    uint32_t w;
    memcpy(&w, p + i, 4);
    sum = (sum ^ w) * 0x9E3779B1u;
  }
  for (; i < n; ++i) sum = (sum ^ p[i]) * 0x9E3779B1u;
  return sum;
}

/* Side effect per iteration so the compiler must keep the loop (C11 6.8.5p6 would let it
 * assume a side-effect-free loop terminates). */
static volatile uint32_t bitcount_iterations;

uint32_t bugs_bitcount(uint32_t x) {
  /* BUG: for x == BITCOUNT_SKIP the shift is 0 and v never reaches 0: an infinite loop. */
  uint32_t shift = (x == BITCOUNT_SKIP) ? 0 : 1;
  uint32_t n = 0;
  for (uint32_t v = x; v != 0; v >>= shift) {
    n += v & 1;
    bitcount_iterations = bitcount_iterations + 1;
  }
  return n;
}

/* BUG: a "fatal" status leftover from a command-line tool ends the whole process: a library
 * must never call exit(). */
#define STATUS_FATAL 0xDEADB1A5u

int32_t bugs_status(uint32_t code) {
  if (code == STATUS_FATAL) exit(70);
  return code < 256 ? 0 : -1;
}
