/* Driver for c_barrier: `clean` passes both barriers with shapes inside the limits and fails
 * them with wrong lengths; one trigger per bug proves it. */
#include <stdint.h>
#include <string.h>

#include "c_barrier.h"
#include "driver_support.h"

static volatile int64_t sink;

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  __typeof__(&barrier_encode) encode = ZOO_SYM(lib, barrier_encode);
  static uint8_t pixels[64 * 64];
  memset(pixels, 1, sizeof pixels);
  barrier_image image = {16, 64, 4}; /* 64 rows of 64 bytes: they fit the row buffer */
  ZOO_CHECK(encode(&image, pixels, sizeof pixels) == 64 * 64);
  ZOO_CHECK(encode(&image, pixels, sizeof pixels - 1) == -1);
  image = (barrier_image){100, 2, 1}; /* long rows, but fewer than 64 */
  ZOO_CHECK(encode(&image, pixels, 200) == 200);
  image.channels = 0;
  ZOO_CHECK(encode(&image, pixels, 0) == -1);

  __typeof__(&barrier_columns) columns = ZOO_SYM(lib, barrier_columns);
  static barrier_point points[64 * 8];
  for (int i = 0; i < 64 * 8; i++) points[i] = (barrier_point){i % 8, 0};
  barrier_grid grid = {64, 8};
  ZOO_CHECK(columns(&grid, points, 64 * 8) == 7 * 64);
  ZOO_CHECK(columns(&grid, points, 64 * 8 - 1) == -1);
  grid = (barrier_grid){2, 16}; /* wide, but fewer than 64 rows */
  ZOO_CHECK(columns(&grid, points, 32) == 112);
}

static void row_overflow(void *lib, const char *flavour) {
  (void)flavour;
  static uint8_t pixels[65 * 64];
  memset(pixels, 2, sizeof pixels);
  barrier_image image = {65, 64, 1};
  sink = ZOO_SYM(lib, barrier_encode)(&image, pixels, sizeof pixels);
}

static void column_overflow(void *lib, const char *flavour) {
  (void)flavour;
  static barrier_point points[64 * 9];
  barrier_grid grid = {64, 9};
  sink = ZOO_SYM(lib, barrier_columns)(&grid, points, 64 * 9);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"row_overflow", row_overflow},
    {"column_overflow", column_overflow},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
