#include "c_rw_overflow.h"

#include <stdlib.h>

enum { RECORD_SIZE = 16 };

static size_t min_size(size_t a, size_t b) { return a < b ? a : b; }

int rw_record(const uint8_t *data, size_t len) {
  if (len < 2) return 0;
  uint8_t *record = calloc(RECORD_SIZE, 1);
  if (!record) return -1;
  const uint8_t mode = data[0];
  const size_t payload = len - 2;
  /* The write overflow: mode 'W' forgets to cap the copy. */
  const size_t copied = mode == 'W' ? payload : min_size(payload, RECORD_SIZE);
  for (size_t i = 0; i < copied; i++) record[i] = data[2 + i];
  /* The read overflow: mode 'R' forgets to cap the count. */
  const size_t count = mode == 'R' ? data[1] : min_size(data[1], RECORD_SIZE);
  int sum = 0;
  for (size_t i = 0; i < count; i++) sum += record[i];
  free(record);
  return sum;
}

static const char hex_digits[16] = {'0', '1', '2', '3', '4', '5', '6', '7',
                                    '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

int rw_hex_digit(size_t value) {
  if (value > 16) return -1; /* off by one: 16 passes */
  return hex_digits[value];
}
