/* Driver for c_rw_overflow: `clean` calls both functions correctly (modes other than 'W' and
 * 'R', values 0..15); one trigger per bug proves it. */
#include <stdint.h>
#include <string.h>

#include "c_rw_overflow.h"
#include "driver_support.h"

static volatile int sink;

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  __typeof__(&rw_record) record = ZOO_SYM(lib, rw_record);
  uint8_t data[40];
  memset(data, 1, sizeof data);
  data[0] = 'C';
  data[1] = 200; /* capped at 16 */
  ZOO_CHECK(record(data, sizeof data) == 16);
  data[0] = 'W';
  ZOO_CHECK(record(data, 18) == 16); /* 16 payload bytes fit */
  data[0] = 'R';
  data[1] = 16;
  ZOO_CHECK(record(data, sizeof data) == 16);
  ZOO_CHECK(record(data, 1) == 0);

  __typeof__(&rw_hex_digit) digit = ZOO_SYM(lib, rw_hex_digit);
  ZOO_CHECK(digit(0) == '0' && digit(15) == 'f' && digit(17) == -1);
}

static void write_overflow(void *lib, const char *flavour) {
  (void)flavour;
  uint8_t data[24];
  memset(data, 7, sizeof data);
  data[0] = 'W';
  sink = ZOO_SYM(lib, rw_record)(data, sizeof data);
}

static void read_overflow(void *lib, const char *flavour) {
  (void)flavour;
  uint8_t data[4] = {'R', 17, 0, 0};
  sink = ZOO_SYM(lib, rw_record)(data, sizeof data);
}

static void index_overflow(void *lib, const char *flavour) {
  (void)flavour;
  sink = ZOO_SYM(lib, rw_hex_digit)(16);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"write_overflow", write_overflow},
    {"read_overflow", read_overflow},
    {"index_overflow", index_overflow},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
