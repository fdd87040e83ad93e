/* Support for the hand-written libFuzzer harnesses in bench/fuzz: the baseline that
 * `ffifuzz fuzz` is measured against. Each harness is what a user would write by hand for
 * one library: dlopen it once (as ffifuzz does, so the same flavour runs the same way),
 * then read the input bytes as a sequence of operations: which function to call next and
 * with which values.
 *
 * The library comes from $HAND_LIB (default: the cov-asan flavour this build made).
 * $HAND_FUNCTION=<exported function> restricts the operations to those around that function
 * (the function, and the constructors, users and releasers of its handles), like
 * `ffifuzz fuzz --function`. */
#ifndef HAND_HARNESS_H
#define HAND_HARNESS_H

#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Input reader: past the end it yields zeros. */
typedef struct {
  const uint8_t *p;
  size_t n;
} HandInput;

static inline int hand_more(const HandInput *in) { return in->n > 0; }

static inline uint8_t hand_u8(HandInput *in) {
  if (!in->n) return 0;
  uint8_t v = *in->p++;
  in->n--;
  return v;
}

static inline uint32_t hand_u32(HandInput *in) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= (uint32_t)hand_u8(in) << (8 * i);
  return v;
}

static inline uint64_t hand_u64(HandInput *in) {
  uint64_t lo = hand_u32(in);
  return lo | ((uint64_t)hand_u32(in) << 32);
}

static inline double hand_f64(HandInput *in) {
  uint64_t b = hand_u64(in);
  double d;
  memcpy(&d, &b, sizeof d);
  return d;
}

/* A heap copy of the next `len` input bytes (fewer at the end), exactly sized so that ASan
 * sees an overflow past it; `*got` is its length. Free it with free(). */
static inline uint8_t *hand_bytes(HandInput *in, size_t len, size_t *got) {
  if (len > in->n) len = in->n;
  uint8_t *b = (uint8_t *)malloc(len ? len : 1);
  if (len) memcpy(b, in->p, len);
  in->p += len;
  in->n -= len;
  *got = len;
  return b;
}

/* A NUL-terminated heap copy of up to `max` next input bytes (length from the input). */
static inline char *hand_string(HandInput *in, size_t max) {
  size_t want = hand_u8(in) % (max + 1), got;
  uint8_t *b = hand_bytes(in, want, &got);
  char *s = (char *)realloc(b, got + 1);
  s[got] = 0;
  return s;
}

static void *hand_lib;

static inline void hand_open(const char *default_path) {
  const char *path = getenv("HAND_LIB");
  if (!path || !*path) path = default_path;
  hand_lib = dlopen(path, RTLD_NOW);
  if (!hand_lib) {
    fprintf(stderr, "hand harness: cannot load %s: %s\n", path, dlerror());
    exit(2);
  }
}

static inline void *hand_sym(const char *name) {
  void *f = dlsym(hand_lib, name);
  if (!f) {
    fprintf(stderr, "hand harness: %s is not exported\n", name);
    exit(2);
  }
  return f;
}

/* One operation of a harness: `group` names the functions it belongs with (space
 * separated), so that $HAND_FUNCTION keeps the operations whose group mentions it. */
typedef struct {
  const char *group;
  int id;
} HandOp;

static int hand_enabled[64];
static size_t hand_enabled_count;

static inline void hand_select(const HandOp *ops, size_t n) {
  const char *only = getenv("HAND_FUNCTION");
  hand_enabled_count = 0;
  for (size_t i = 0; i < n; ++i) {
    int keep = 1;
    if (only && *only) {
      keep = 0;
      size_t len = strlen(only);
      for (const char *g = ops[i].group; (g = strstr(g, only)) != NULL; g += len)
        if ((g == ops[i].group || g[-1] == ' ') && (g[len] == ' ' || g[len] == 0)) keep = 1;
    }
    if (keep) hand_enabled[hand_enabled_count++] = ops[i].id;
  }
  if (!hand_enabled_count) {
    fprintf(stderr, "hand harness: no operation uses %s\n", only);
    exit(2);
  }
}

/* The next operation the input asks for. */
static inline int hand_next_op(HandInput *in) { return hand_enabled[hand_u8(in) % hand_enabled_count]; }

/* As many operations per input as an ffifuzz program has calls at most. */
#define HAND_MAX_OPS 24

#endif
