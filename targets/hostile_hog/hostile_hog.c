/* hostile_hog: an unbounded cache of 1 MiB blocks, reachable forever. */
#include "hostile_hog.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_BYTES ((size_t)1 << 20)

struct hog_block {
  struct hog_block *next;
  uint32_t tag;
  /* the rest of the MiB */
};

/* The global list keeps every block reachable: not a leak, just growth. */
static struct hog_block *kept;
static size_t kept_count;

static int saturated(size_t n) { return n > (size_t)INT_MAX ? INT_MAX : (int)n; }

int hog_keep(uint32_t tag) {
  struct hog_block *b = malloc(BLOCK_BYTES);
  if (!b) return -1;
  /* HOSTILE: writing the whole block makes it resident; it is never freed. */
  memset(b, 0xA5, BLOCK_BYTES);
  b->tag = tag;
  b->next = kept;
  kept = b;
  ++kept_count;
  return saturated(kept_count);
}

int hog_count(void) { return saturated(kept_count); }
