/* The baseline perf.sh measures ffifuzz against on zlib: the libFuzzer harness a user would
 * write by hand for it. The first input byte picks an operation, the rest is its data:
 * compress2 + uncompress round trip, uncompress of the data, or a streaming inflate of the
 * data with a small output window (the hot path of most zlib users). Same sanitizers as the
 * ffifuzz binary; the library is the coverage build perf.sh names at link time. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "zlib.h"

static void round_trip(const uint8_t *data, size_t size, int level) {
  uLong bound = compressBound(size);
  uint8_t *packed = malloc(bound);
  uLongf packed_len = bound;
  if (compress2(packed, &packed_len, data, size, level) == Z_OK) {
    uint8_t *back = malloc(size ? size : 1);
    uLongf back_len = size;
    if (uncompress(back, &back_len, packed, packed_len) != Z_OK || back_len != size ||
        memcmp(back, data, size) != 0)
      abort(); /* zlib lost data: a real finding */
    free(back);
  }
  free(packed);
}

static void inflate_stream(const uint8_t *data, size_t size, int window_bits) {
  z_stream s;
  memset(&s, 0, sizeof s);
  if (inflateInit2(&s, window_bits) != Z_OK) return;
  uint8_t out[512];
  s.next_in = (Bytef *)data;
  s.avail_in = (uInt)size;
  int rc;
  do {
    s.next_out = out;
    s.avail_out = sizeof out;
    rc = inflate(&s, Z_NO_FLUSH);
  } while (rc == Z_OK && s.avail_out == 0);
  inflateEnd(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  uint8_t op = data[0];
  data++, size--;
  switch (op % 4) {
    case 0: round_trip(data, size, op / 4 % 10); break;
    case 1: {
      uint8_t out[4096];
      uLongf out_len = sizeof out;
      uncompress(out, &out_len, data, size);
      break;
    }
    case 2: inflate_stream(data, size, 15 + 32); break; /* zlib or gzip header */
    case 3: inflate_stream(data, size, -15); break;     /* raw deflate */
  }
  return 0;
}
