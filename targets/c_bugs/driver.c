/* Driver for c_bugs: `clean` calls every function correctly with typical and edge inputs
 * (and must stay silent); every other trigger fires one planted bug with its input. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_bugs.h"
#include "driver_support.h"

static volatile uint64_t sink;

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  __typeof__(&bugs_scale) scale = ZOO_SYM(lib, bugs_scale);
  ZOO_CHECK(scale(6, 7) == 42);
  ZOO_CHECK(scale(INT32_MAX, 2) == INT32_MAX && scale(INT32_MIN, 2) == INT32_MIN);
  ZOO_CHECK(scale(INT32_MIN, -1) == INT32_MAX);
  ZOO_CHECK(scale(1, 0x5CA1AB1E) == 0x5CA1AB1E); /* the fast factor is fine for |value| < 2 */

  __typeof__(&bugs_checksum) checksum = ZOO_SYM(lib, bugs_checksum);
  unsigned char *buf = zoo_guarded(37);
  for (int i = 0; i < 37; ++i) buf[i] = (unsigned char)(i * 7);
  for (uint32_t mode = 0; mode < 4; ++mode) sink = checksum(buf, 37, mode);
  sink = checksum(buf + 33, 4, 0x0DDBA115); /* word mode on short buffers is byte-wise */
  sink = checksum(buf, 0, 1);
  ZOO_CHECK(checksum(buf, 3, 0) == 0u + 7 + 14);

  __typeof__(&bugs_nest) nest = ZOO_SYM(lib, bugs_nest);
  sink = nest(0);
  sink = nest(10);
  sink = nest(UINT32_MAX); /* clamped to 16 */

  __typeof__(&bugs_bitcount) bitcount = ZOO_SYM(lib, bugs_bitcount);
  ZOO_CHECK(bitcount(0) == 0 && bitcount(0xFF) == 8 && bitcount(UINT32_MAX) == 32);
  ZOO_CHECK(bitcount(0x7E57AB1F) == 21);

  __typeof__(&bugs_status) status = ZOO_SYM(lib, bugs_status);
  ZOO_CHECK(status(0) == 0 && status(255) == 0 && status(256) == -1 && status(0xDEADB1A4u) == -1);

  __typeof__(&bugs_fill) fill = ZOO_SYM(lib, bugs_fill);
  ZOO_CHECK(fill(0) == 0);
  ZOO_CHECK(fill(2) == 512 * 0xA5);
  ZOO_CHECK(fill(9) == -1 && fill(UINT32_MAX) == -1);

  __typeof__(&bugs_label) label = ZOO_SYM(lib, bugs_label);
  ZOO_CHECK(label("name", 0) == 4 && label(NULL, 0) == 0 && label(NULL, 1) == 0);
  ZOO_CHECK(label("name", 0xF1A65EED) == 4 && label("", 0xF1A65EED) == 0);

  __typeof__(&bugs_msg_new) msg_new = ZOO_SYM(lib, bugs_msg_new);
  __typeof__(&bugs_msg_skip) msg_skip = ZOO_SYM(lib, bugs_msg_skip);
  __typeof__(&bugs_msg_len) msg_len = ZOO_SYM(lib, bugs_msg_len);
  __typeof__(&bugs_msg_free) msg_free = ZOO_SYM(lib, bugs_msg_free);
  unsigned char *text = zoo_guarded(5);
  memcpy(text, "hello", 5);
  struct bugs_msg *m = msg_new((const char *)text, 5);
  ZOO_CHECK(m && msg_len(m) == 5);
  ZOO_CHECK(msg_skip(m, 0) == 5);
  msg_free(m);
  m = msg_new((const char *)text, 0);
  ZOO_CHECK(m && msg_skip(m, 100) == 0 && msg_len(m) == 0);
  msg_free(m);
  msg_free(NULL);

  __typeof__(&bugs_hex) hex = ZOO_SYM(lib, bugs_hex);
  __typeof__(&bugs_hex_free) hex_free = ZOO_SYM(lib, bugs_hex_free);
  char *h = hex(buf, 3);
  ZOO_CHECK(h && strcmp(h, "00070e") == 0);
  hex_free(h);
  unsigned char *wide = zoo_guarded(64);
  memset(wide, 0xAB, 64);
  h = hex(wide, 64); /* the longest input that is handled correctly */
  ZOO_CHECK(h && strlen(h) == 128);
  hex_free(h);
  hex_free(NULL);
}

static void signed_overflow(void *lib, const char *flavour) {
  (void)flavour;
  sink = (uint64_t)ZOO_SYM(lib, bugs_scale)(2, 0x5CA1AB1E);
}

static void misaligned(void *lib, const char *flavour) {
  (void)flavour;
  unsigned char *buf = zoo_guarded(16);
  memset(buf, 1, 16);
  sink = ZOO_SYM(lib, bugs_checksum)(buf, 16, 0x0DDBA115);
}

static void recursion(void *lib, const char *flavour) {
  (void)flavour;
  sink = ZOO_SYM(lib, bugs_nest)(0xC0FFEE00u);
}

static void infinite_loop(void *lib, const char *flavour) {
  (void)flavour;
  zoo_deadline(2);
  sink = ZOO_SYM(lib, bugs_bitcount)(0x7E57AB1E);
}

static void on_exit_report(void) { fputs("ZOO-EXIT: the library called exit()\n", stderr); }

static void library_exit(void *lib, const char *flavour) {
  (void)flavour;
  atexit(on_exit_report);
  sink = (uint64_t)ZOO_SYM(lib, bugs_status)(0xDEADB1A5u);
}

static void huge_alloc(void *lib, const char *flavour) {
  (void)flavour;
  sink = (uint64_t)ZOO_SYM(lib, bugs_fill)(4096);
}

static void null_label(void *lib, const char *flavour) {
  (void)flavour;
  sink = ZOO_SYM(lib, bugs_label)(NULL, 0xF1A65EED);
}

static void interior_free(void *lib, const char *flavour) {
  (void)flavour;
  unsigned char *text = zoo_guarded(5);
  memcpy(text, "hello", 5);
  struct bugs_msg *m = ZOO_SYM(lib, bugs_msg_new)((const char *)text, 5);
  ZOO_CHECK(m);
  ZOO_SYM(lib, bugs_msg_skip)(m, 1);
  ZOO_SYM(lib, bugs_msg_free)(m);
}

static void hex_overflow(void *lib, const char *flavour) {
  (void)flavour;
  unsigned char *buf = zoo_guarded(65);
  memset(buf, 0x5A, 65);
  char *h = ZOO_SYM(lib, bugs_hex)(buf, 65);
  ZOO_SYM(lib, bugs_hex_free)(h);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"signed_overflow", signed_overflow},
    {"misaligned", misaligned},
    {"recursion", recursion},
    {"infinite_loop", infinite_loop},
    {"huge_alloc", huge_alloc},
    {"library_exit", library_exit},
    {"null_label", null_label},
    {"interior_free", interior_free},
    {"hex_overflow", hex_overflow},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
