/* c_learn: see c_learn.h. One planted bug: lt_table_get on a sealed table reads one entry past
 * the end for a key that starts with "ovf" (a lookup that "continues" past the last slot). */
#include "c_learn.h"

/* The precondition assert is what this target is about: kept in every build type. */
#undef NDEBUG
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
  char *key;
  int value;
};

struct lt_table {
  struct entry *entries;
  unsigned count, capacity;
  int sealed;
};

lt_table *lt_table_make(unsigned capacity) {
  if (capacity == 0 || capacity > 4096) capacity = 16;
  lt_table *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->entries = calloc(capacity, sizeof *t->entries);
  if (!t->entries) {
    free(t);
    return NULL;
  }
  t->capacity = capacity;
  return t;
}

void lt_table_clear(lt_table *t) {
  for (unsigned i = 0; i < t->count; ++i) free(t->entries[i].key);
  t->count = 0;
}

void lt_table_retire(lt_table *t) {
  if (!t) return;
  lt_table_clear(t);
  free(t->entries);
  free(t);
}

int lt_table_put(lt_table *t, const char *key, int value) {
  if (t->sealed) return 0;
  for (unsigned i = 0; i < t->count; ++i)
    if (strcmp(t->entries[i].key, key) == 0) {
      t->entries[i].value = value;
      return 1;
    }
  if (t->count == t->capacity) return 0;
  char *copy = strdup(key);
  if (!copy) return 0;
  t->entries[t->count].key = copy;
  t->entries[t->count].value = value;
  t->count++;
  return 1;
}

void lt_table_seal(lt_table *t) { t->sealed = 1; }

int lt_table_get(lt_table *t, const char *key) {
  assert(t->sealed);
  unsigned i = 0;
  for (; i < t->count; ++i)
    if (strcmp(t->entries[i].key, key) == 0) return t->entries[i].value;
  /* The planted bug: an "ovf" key looks one slot further, past the last entry the table has
   * room for when it is full. */
  if (strncmp(key, "ovf", 3) == 0 && t->count == t->capacity) return t->entries[i].value;
  return -1;
}

char *lt_table_render(lt_table *t) {
  size_t size = 1;
  for (unsigned i = 0; i < t->count; ++i) size += strlen(t->entries[i].key) + 16;
  char *text = malloc(size);
  if (!text) return NULL;
  size_t at = 0;
  text[0] = '\0';
  for (unsigned i = 0; i < t->count; ++i)
    at += (size_t)snprintf(text + at, size - at, "%s=%d\n", t->entries[i].key, t->entries[i].value);
  return text;
}

void lt_text_drop(char *text) { free(text); }
