/* hostile_intern: a table of copies that only grows (see the header). */
#include "hostile_intern.h"

#include <stdlib.h>
#include <string.h>

struct kept {
  struct kept *next;
  char text[];
};

static struct kept *g_table; /* every copy, reachable for good */
static size_t g_count;

const char *intern_keep(const char *text) {
  if (!text) return NULL;
  size_t n = strnlen(text, 64);
  struct kept *k = malloc(sizeof *k + n + 1);
  if (!k) return NULL;
  memcpy(k->text, text, n);
  k->text[n] = '\0';
  k->next = g_table;
  g_table = k;
  ++g_count;
  return k->text;
}

size_t intern_count(void) { return g_count; }
