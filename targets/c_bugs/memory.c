/* Memory bugs: unbounded recursion, an unbounded allocation, a NULL dereference, an
 * invalid free, a heap overflow write. */
#include <stdlib.h>
#include <string.h>

#include "c_bugs.h"

#define NEST_UNBOUNDED 0xC0FFEE00u /* "no limit" sentinel that skips the clamp */
#define LABEL_FAST 0xF1A65EEDu     /* a formatting flag whose path forgets the NULL check */
#define FILL_LIMIT ((uint32_t)8 << 20)
#define HEX_WIDE 64                /* above this length a "compact" buffer size is used */

/* The volatile frame is read after the recursive call, so the call is not a tail call and
 * no optimization can turn the recursion into a loop. */
static uint64_t nest_level(uint32_t depth) {
  volatile uint8_t frame[32];
  frame[depth % 32] = (uint8_t)depth;
  if (depth == 0) return 1;
  uint64_t inner = nest_level(depth - 1);
  return inner * 3 + frame[depth % 32];
}

uint64_t bugs_nest(uint32_t depth) {
  /* BUG: the "unbounded" sentinel skips the clamp to 16: 3.2 billion levels overflow the stack. */
  if (depth != NEST_UNBOUNDED && depth > 16) depth = 16;
  return nest_level(depth);
}

int64_t bugs_fill(uint32_t mib) {
  /* BUG: the limit is checked on a 32-bit byte count that wraps: mib = 4096 gives 0 and
   * passes, then 4 GiB are allocated and touched. */
  uint32_t bytes32 = mib * (1u << 20);
  if (bytes32 > FILL_LIMIT) return -1;
  size_t bytes = (size_t)mib << 20;
  unsigned char *p = malloc(bytes);
  if (!p) return -1;
  memset(p, 0xA5, bytes);
  int64_t digest = 0;
  for (size_t i = 0; i < bytes; i += 4096) digest += p[i];
  free(p);
  return digest;
}

size_t bugs_label(const char *name, uint32_t flags) {
  if (flags == LABEL_FAST) {
    /* BUG: the fast path reads the first byte before any NULL check. */
    const volatile char *v = name;
    if (*v == '\0') return 0;
    return strlen(name);
  }
  if (!name) return 0;
  return strlen(name);
}

struct bugs_msg {
  char *base; /* the allocation */
  char *cur;  /* the first byte not consumed */
  size_t left;
};

struct bugs_msg *bugs_msg_new(const char *data, size_t len) {
  struct bugs_msg *m = malloc(sizeof *m);
  if (!m) return NULL;
  m->base = malloc(len + 1);
  if (!m->base) {
    free(m);
    return NULL;
  }
  memcpy(m->base, data, len);
  m->base[len] = '\0';
  m->cur = m->base;
  m->left = len;
  return m;
}

size_t bugs_msg_skip(struct bugs_msg *m, size_t n) {
  if (n > m->left) n = m->left;
  m->cur += n;
  m->left -= n;
  return m->left;
}

size_t bugs_msg_len(const struct bugs_msg *m) { return m->left; }

void bugs_msg_free(struct bugs_msg *m) {
  if (!m) return;
  /* BUG: frees the cursor, not the allocation: after a skip of n >= 1 bytes that is an
   * interior pointer. */
  free(m->cur);
  free(m);
}

char *bugs_hex(const uint8_t *p, size_t n) {
  static const char digits[] = "0123456789abcdef";
  /* BUG: the "compact" size for long inputs forgets the terminator: the NUL is written
   * one byte past the allocation. */
  size_t size = n > HEX_WIDE ? 2 * n : 2 * n + 1;
  char *s = malloc(size);
  if (!s) return NULL;
  for (size_t i = 0; i < n; ++i) {
    s[2 * i] = digits[p[i] >> 4];
    s[2 * i + 1] = digits[p[i] & 15];
  }
  s[2 * n] = '\0';
  return s;
}

void bugs_hex_free(char *s) { free(s); }
