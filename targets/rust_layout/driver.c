/* rust_layout: Packet is 24 bytes in the header and 16 in the library (no #[repr(C)]).
 * Two facts, each proven here: the field offsets differ (what `ffifuzz check` reports from
 * DWARF), and packet_new returns an allocation smaller than sizeof(Packet), so code that
 * touches the whole struct overflows the heap (what `ffifuzz fuzz` reports). A third: the
 * #[repr(C)] Settings reads its count from another offset than the stale header's. */
#include <sanitizer/allocator_interface.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "driver_support.h"
#include "rust_layout.h"

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  /* Correct use of every function through the header: wrong answers, but nothing a
   * sanitizer sees (the bug only shows when someone touches the fields by the header). */
  Packet *p = ZOO_SYM(lib, packet_new)(7, 1234, 1);
  if (ZOO_SYM(lib, packet_value)(p) != 1234) fprintf(stderr, "driver: packet_value wrong\n");
  (void)ZOO_SYM(lib, packet_tag)(p);
  (void)ZOO_SYM(lib, packet_value)(NULL);
  (void)ZOO_SYM(lib, packet_tag)(NULL);
  Packet byval = {7, 1234, 1};
  (void)ZOO_SYM(lib, packet_checksum)(byval);
  (void)ZOO_SYM(lib, packet_value)(&byval);
  ZOO_SYM(lib, packet_free)(p);
  ZOO_SYM(lib, packet_free)(NULL);
  Settings settings = {7, 0.5f};
  (void)ZOO_SYM(lib, settings_count)(&settings);
  (void)ZOO_SYM(lib, settings_count)(NULL);
}

/* Static fact: the library reads `value` from another offset than the header's. */
static void layout_offsets(void *lib, const char *flavour) {
  (void)flavour;
  union {
    Packet p;
    uint8_t raw[sizeof(Packet)];
  } u;
  for (size_t i = 0; i < sizeof u.raw; ++i) u.raw[i] = (uint8_t)i; /* byte i holds i */
  uint64_t v = ZOO_SYM(lib, packet_value)(&u.p);
  fprintf(stderr,
          "ZOO-FACT: packet_value reads value at offset %u, the header says offset %zu "
          "(sizeof(Packet) = %zu)\n",
          (unsigned)(v & 0xff), offsetof(Packet, value), sizeof(Packet));
}

/* Runtime fact: the constructor's allocation is smaller than the header's struct. */
static void layout_alloc(void *lib, const char *flavour) {
  (void)flavour;
  Packet *p = ZOO_SYM(lib, packet_new)(1, 2, 3);
  fprintf(stderr, "ZOO-FACT: packet_new returned a %zu-byte allocation, the header's sizeof(Packet) is %zu\n",
          __sanitizer_get_allocated_size(p), sizeof(Packet));
  /* Touch every byte the header says a Packet has. */
  volatile const uint8_t *bytes = (const uint8_t *)p;
  unsigned sum = 0;
  for (size_t i = 0; i < sizeof(Packet); ++i) sum += bytes[i];
  fprintf(stderr, "driver: sum %u\n", sum);
  ZOO_SYM(lib, packet_free)(p);
}

/* Static fact: the library's #[repr(C)] Settings has count (u32) at offset 4; the stale
 * header has it (uint64_t) at 0, so offset 4 holds count's high half. */
static void layout_stale(void *lib, const char *flavour) {
  (void)flavour;
  Settings settings = {7, 0.5f};
  uint32_t got = ZOO_SYM(lib, settings_count)(&settings);
  if (got == 7) {
    fprintf(stderr, "driver: settings_count read 7: the header is no longer stale\n");
    exit(1);
  }
  fprintf(stderr,
          "ZOO-FACT: settings_count read %u from a Settings whose count is 7: the library reads count at "
          "offset 4, the header puts it at %zu (sizeof(Settings) = %zu)\n",
          got, offsetof(Settings, count), sizeof(Settings));
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"layout_offsets", layout_offsets},
    {"layout_alloc", layout_alloc},
    {"layout_stale", layout_stale},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
