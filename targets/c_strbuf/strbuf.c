#include <stdlib.h>
#include <string.h>

#include "c_strbuf.h"

struct strbuf {
  char *data; /* cap bytes, data[len] == '\0' */
  size_t len;
  size_t cap;
};

struct strbuf *strbuf_new(void) {
  struct strbuf *sb = malloc(sizeof *sb);
  if (!sb) return NULL;
  sb->cap = 16;
  sb->len = 0;
  sb->data = malloc(sb->cap);
  if (!sb->data) {
    free(sb);
    return NULL;
  }
  sb->data[0] = '\0';
  return sb;
}

static int strbuf_reserve(struct strbuf *sb, size_t need) {
  if (need <= sb->cap) return 0;
  size_t cap = sb->cap;
  while (cap < need) cap *= 2; /* need <= STRBUF_MAX_LEN + 1, so no overflow */
  char *p = realloc(sb->data, cap);
  if (!p) return -1;
  sb->data = p;
  sb->cap = cap;
  return 0;
}

int strbuf_append(struct strbuf *sb, const char *data, size_t len) {
  if (len == 0) return 0;
  if (!data) return -1;
  /* Written so that no addition can wrap: len may be anything up to SIZE_MAX. */
  if (len > STRBUF_MAX_LEN || sb->len > STRBUF_MAX_LEN - len) return -1;
  if (strbuf_reserve(sb, sb->len + len + 1) != 0) return -1;
  memcpy(sb->data + sb->len, data, len);
  sb->len += len;
  sb->data[sb->len] = '\0';
  return 0;
}

const char *strbuf_view(const struct strbuf *sb) { return sb->data; }

size_t strbuf_len(const struct strbuf *sb) { return sb->len; }

void strbuf_free(struct strbuf *sb) {
  if (!sb) return;
  free(sb->data);
  free(sb);
}

int strbuf_append_all(struct strbuf *sb, const char *const *parts, size_t n_parts) {
  for (size_t i = 0; i < n_parts; ++i)
    if (strbuf_append(sb, parts[i], strlen(parts[i])) != 0) return -1;
  return 0;
}

int strbuf_append_argv(struct strbuf *sb, int argc, char **argv) {
  for (int i = 0; i < argc; ++i) {
    if (i > 0 && strbuf_append(sb, " ", 1) != 0) return -1;
    if (strbuf_append(sb, argv[i], strlen(argv[i])) != 0) return -1;
  }
  return 0;
}

int strbuf_append_list(struct strbuf *sb, const char *const *list) {
  for (; *list; ++list)
    if (strbuf_append(sb, *list, strlen(*list)) != 0) return -1;
  return 0;
}
