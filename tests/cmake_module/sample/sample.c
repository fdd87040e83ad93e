/* The sample library. Built with -DSAMPLE_BUGGY it forgets to free the old storage when
 * the buffer grows past its first 16 bytes: a leak that only a longer append reaches. */
#include "sample.h"

#include <stdlib.h>
#include <string.h>

struct sample_buf {
  char *data;
  size_t len;
  size_t cap;
};

sample_buf *sample_buf_new(void) {
  sample_buf *b = calloc(1, sizeof *b);
  if (!b) return NULL;
  b->data = malloc(16);
  if (!b->data) {
    free(b);
    return NULL;
  }
  b->cap = 16;
  return b;
}

int sample_buf_append(sample_buf *buf, const char *data, size_t len) {
  if (!buf || !data) return -1;
  if (len > ((size_t)1 << 20) - buf->len) return -1;
  if (buf->len + len > buf->cap) {
    size_t cap = buf->cap;
    while (cap < buf->len + len) cap *= 2;
    char *bigger = malloc(cap);
    if (!bigger) return -1;
    memcpy(bigger, buf->data, buf->len);
#ifndef SAMPLE_BUGGY
    free(buf->data);
#endif
    buf->data = bigger;
    buf->cap = cap;
  }
  memcpy(buf->data + buf->len, data, len);
  buf->len += len;
  return 0;
}

size_t sample_buf_len(const sample_buf *buf) { return buf ? buf->len : 0; }

void sample_buf_free(sample_buf *buf) {
  if (!buf) return;
  free(buf->data);
  free(buf);
}

int sample_add(int a, int b) { return (int)((unsigned)a + (unsigned)b); }
