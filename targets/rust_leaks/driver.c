/* rust_leaks: three leaks behind conditions, and correct use that leaks nothing. */
#include <sanitizer/lsan_interface.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver_support.h"
#include "rust_leaks.h"

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  for (uint32_t kind = 0; kind < 4; ++kind) {
    Token *t = ZOO_SYM(lib, token_new)(kind);
    if (ZOO_SYM(lib, token_kind)(t) != kind) fprintf(stderr, "driver: token_kind wrong\n");
    ZOO_SYM(lib, token_free)(t);
  }
  ZOO_SYM(lib, token_free)(NULL);
  const char *names[] = {"short", "exactly15bytes!", "", NULL};
  for (int i = 0; i < 4; ++i) {
    Record *r = ZOO_SYM(lib, record_new)(names[i], (uint32_t)i);
    const char *n = ZOO_SYM(lib, record_name)(r);
    if (strcmp(n, names[i] ? names[i] : "") != 0 || ZOO_SYM(lib, record_id)(r) != (uint32_t)i)
      fprintf(stderr, "driver: record wrong\n");
    ZOO_SYM(lib, record_free)(r);
  }
  ZOO_SYM(lib, record_free)(NULL);
  const uint8_t blob[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  (void)ZOO_SYM(lib, blob_checksum)(blob, sizeof blob);
  (void)ZOO_SYM(lib, blob_checksum)(NULL, 0);
  if (!ZOO_SYM(lib, blob_validate)(blob, sizeof blob)) fprintf(stderr, "driver: blob invalid\n");
}

/* A leak trigger makes its calls on a thread of its own and asks LSan to check once that
 * thread has ended: the report comes before ZOO-DONE (the process exits), and no stale copy
 * of a leaked pointer survives in a live stack or register to hide the leak. */
#define LEAK_TRIGGER(name, body)                                   \
  static void *name##_calls(void *lib) {                           \
    body;                                                          \
    return NULL;                                                   \
  }                                                                \
  static void name(void *lib, const char *flavour) {               \
    (void)flavour;                                                 \
    pthread_t th;                                                  \
    if (pthread_create(&th, NULL, name##_calls, lib) != 0) abort(); \
    pthread_join(th, NULL);                                        \
    __lsan_do_leak_check();                                        \
  }

LEAK_TRIGGER(token_leak, ZOO_SYM(lib, token_free)(ZOO_SYM(lib, token_new)(0x57A71C00u)))

LEAK_TRIGGER(record_leak,
             ZOO_SYM(lib, record_free)(ZOO_SYM(lib, record_new)("a name longer than fifteen bytes", 7)))

/* The extended magic 0xB10BE47E, little endian, then an extension table. */
static const uint8_t extended_blob[] = {0x7E, 0xE4, 0x0B, 0xB1, 'e', 'x', 't', '!', 1, 2, 3};

LEAK_TRIGGER(blob_leak, (void)ZOO_SYM(lib, blob_checksum)(extended_blob, sizeof extended_blob))

/* The same leak through the second call path: must dedup with blob_leak. */
LEAK_TRIGGER(blob_leak_via_validate,
             (void)ZOO_SYM(lib, blob_validate)(extended_blob, sizeof extended_blob))

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"token_leak", token_leak},
    {"record_leak", record_leak},
    {"blob_leak", blob_leak},
    {"blob_leak_via_validate", blob_leak_via_validate},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
