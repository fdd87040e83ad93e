/* Driver for c_strbuf: a clean target, so its only trigger is `clean`, which uses every
 * function correctly, including the edges a fuzzer will reach (empty and large appends
 * from buffers that end at a guard page, INT32_MIN/INT32_MAX rectangles), and must run
 * silent under ASan, UBSan and LSan. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_strbuf.h"
#include "driver_support.h"

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  __typeof__(&strbuf_new) sb_new = ZOO_SYM(lib, strbuf_new);
  __typeof__(&strbuf_append) sb_append = ZOO_SYM(lib, strbuf_append);
  __typeof__(&strbuf_view) sb_view = ZOO_SYM(lib, strbuf_view);
  __typeof__(&strbuf_len) sb_len = ZOO_SYM(lib, strbuf_len);
  __typeof__(&strbuf_free) sb_free = ZOO_SYM(lib, strbuf_free);
  __typeof__(&rect_area) r_area = ZOO_SYM(lib, rect_area);
  __typeof__(&rect_area_part) r_part = ZOO_SYM(lib, rect_area_part);
  __typeof__(&strbuf_append_all) sb_all = ZOO_SYM(lib, strbuf_append_all);
  __typeof__(&strbuf_append_argv) sb_argv = ZOO_SYM(lib, strbuf_append_argv);
  __typeof__(&strbuf_append_list) sb_list = ZOO_SYM(lib, strbuf_append_list);
  __typeof__(&rect_contains) r_contains = ZOO_SYM(lib, rect_contains);
  __typeof__(&rect_normalize) r_normalize = ZOO_SYM(lib, rect_normalize);

  struct strbuf *sb = sb_new();
  ZOO_CHECK(sb);
  ZOO_CHECK(sb_len(sb) == 0 && strcmp(sb_view(sb), "") == 0);
  ZOO_CHECK(sb_append(sb, NULL, 0) == 0);
  ZOO_CHECK(sb_append(sb, NULL, 5) == -1);
  /* Buffers that end at a guard page: one byte of over-read faults at once. */
  unsigned char *hello = zoo_guarded(5);
  memcpy(hello, "hello", 5);
  ZOO_CHECK(sb_append(sb, (const char *)hello, 5) == 0);
  ZOO_CHECK(sb_len(sb) == 5 && strcmp(sb_view(sb), "hello") == 0);
  const size_t big = 1u << 20;
  unsigned char *blob = zoo_guarded(big);
  memset(blob, 0, big); /* NUL bytes inside are data too */
  for (int i = 0; i < 4; ++i) ZOO_CHECK(sb_append(sb, (const char *)blob, big) == 0);
  ZOO_CHECK(sb_len(sb) == 5 + 4 * big);
  const char *v = sb_view(sb);
  ZOO_CHECK(memcmp(v, "hello", 5) == 0 && v[5] == 0 && v[sb_len(sb)] == 0);
  /* Lengths no real buffer has are refused before anything is read. */
  ZOO_CHECK(sb_append(sb, (const char *)blob, SIZE_MAX) == -1);
  ZOO_CHECK(sb_append(sb, (const char *)blob, STRBUF_MAX_LEN) == -1);
  ZOO_CHECK(sb_len(sb) == 5 + 4 * big);
  sb_free(sb);
  sb_free(NULL);
  /* Arrays of strings: counted, argc/argv, NULL-terminated. */
  sb = sb_new();
  ZOO_CHECK(sb);
  const char *const parts[] = {"a", "", "bc"};
  char arg0[] = "run", arg1[] = "-v";
  char *args[] = {arg0, arg1, NULL};
  const char *const list[] = {"x", "y", NULL};
  ZOO_CHECK(sb_all(sb, parts, 3) == 0 && sb_argv(sb, 2, args) == 0 && sb_list(sb, list) == 0);
  ZOO_CHECK(sb_len(sb) == 11 && strcmp(sb_view(sb), "abcrun -vxy") == 0);
  sb_free(sb);

  struct rect typical = {1, 2, 3, 4};
  ZOO_CHECK(r_area(typical) == 12);
  ZOO_CHECK(r_contains(typical, 1, 2) == 1 && r_contains(typical, 4, 2) == 0);
  struct rect extreme = {INT32_MIN, INT32_MAX, INT32_MIN, INT32_MIN};
  ZOO_CHECK(r_area(extreme) == (int64_t)1 << 62);
  ZOO_CHECK(r_part(typical, 0.5) == 6 && r_part(extreme, 1.0) == (int64_t)1 << 62 && r_part(typical, 0.0) == 0);
  const struct weighted items[] = {{"abc", 2}, {"", 9}, {"z", -4}};
  ZOO_CHECK(ZOO_SYM(lib, weighted_total)(items, 3) == 2);
  ZOO_CHECK(r_contains(extreme, INT32_MIN, 0) == 0);
  ZOO_CHECK(r_contains((struct rect){INT32_MAX, INT32_MAX, INT32_MAX, INT32_MAX}, INT32_MAX, INT32_MAX) == 1);
  struct rect n = {INT32_MIN, INT32_MIN, -1, INT32_MIN};
  ZOO_CHECK(r_normalize(&n) == 1);
  ZOO_CHECK(n.x == INT32_MIN && n.w == 0 && n.y == INT32_MIN && n.h == 0);
  n = (struct rect){INT32_MAX, INT32_MIN, INT32_MAX, INT32_MAX};
  ZOO_CHECK(r_normalize(&n) == 1);
  ZOO_CHECK(n.x == INT32_MAX && n.w == 0 && n.y == INT32_MIN && n.h == INT32_MAX);
  n = (struct rect){10, 10, -4, -6};
  ZOO_CHECK(r_normalize(&n) == 0);
  ZOO_CHECK(n.x == 6 && n.w == 4 && n.y == 4 && n.h == 6);
  ZOO_CHECK(r_area(n) == 24);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
