/* c_mixed: a shallow heap over-read and two deeper heap bugs. The freed pointers pass through
 * volatile variables: the compiler may otherwise delete a malloc whose only uses are free
 * calls, and the bug with it. */
#include "c_mixed.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define DEEP_A_KEY 0xC0DEFEEDu

int mix_shallow(const uint8_t *buf, size_t len) {
  unsigned sum = 0;
  /* BUG: `<=` where `<` was meant: buf[len] is read on every call. */
  for (size_t i = 0; i <= len; ++i) sum += buf[i];
  return (int)(sum & 0x7fffffffu);
}

int mix_deep_a(uint32_t key, uint32_t value) {
  if (key == DEEP_A_KEY) {
    uint32_t *volatile scratch = malloc(16);
    if (!scratch) return -1;
    free(scratch);
    /* BUG: the scratch record is filled in after it was released. */
    *scratch = value;
  }
  return (int)(value & 0xffu);
}

int mix_deep_b(const uint8_t *buf, size_t len) {
  if (len >= 6 && memcmp(buf, "DEEPB!", 6) == 0) {
    void *volatile block = malloc(32);
    free(block);
    /* BUG: an error path releases the block a second time. */
    free(block);
  }
  return len > (size_t)INT_MAX ? INT_MAX : (int)len;
}

int mix_add(int a, int b) { return (int)((unsigned)a + (unsigned)b); }
