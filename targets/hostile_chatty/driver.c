/* Driver for hostile_chatty: `clean` uses both functions correctly (and lets chatty_log
 * flood stdout, which the test ignores); `chat_overread` proves the heap over-read in
 * chatty_parse. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "driver_support.h"
#include "hostile_chatty.h"

static volatile int sink;

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  __typeof__(&chatty_log) log_fn = ZOO_SYM(lib, chatty_log);
  ZOO_CHECK(log_fn(0) == 0 && log_fn(13) == 5 && log_fn(UINT32_MAX) == 7);
  __typeof__(&chatty_wait) wait = ZOO_SYM(lib, chatty_wait);
  ZOO_CHECK(wait(0) == 0 && wait(2) == 2 && wait(0x102) == 2);

  __typeof__(&chatty_parse) parse = ZOO_SYM(lib, chatty_parse);
  unsigned char *buf = malloc(8);
  ZOO_CHECK(buf);
  memcpy(buf, "CHAX\x01\x01\x01\x01", 8);
  ZOO_CHECK(parse(buf, 8) == 'C' + 'H' + 'A' + 'X' + 4);
  memcpy(buf, "CHAT", 4);
  ZOO_CHECK(parse(buf, 7) == 'C' + 'H' + 'A' + 'T' + 3); /* too short for the record format */
  ZOO_CHECK(parse(buf, 0) == 0 && parse(NULL, 0) == 0 && parse(NULL, 8) == 0);
  free(buf);
}

static void chat_overread(void *lib, const char *flavour) {
  (void)flavour;
  unsigned char *buf = malloc(8);
  ZOO_CHECK(buf);
  memcpy(buf, "CHAT1234", 8);
  sink = ZOO_SYM(lib, chatty_parse)(buf, 8);
  free(buf);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"chat_overread", chat_overread},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
