/* c_barrier: two planted overflows, each behind a barrier only an exact length opens. The
 * library computes what the caller's length must be from a header it was given and refuses
 * anything else (`if (len != expected) return -1`), as image and table codecs do. The length
 * is the size of a buffer: no value the fuzzer mutates is that length, so value-profile
 * feedback on the comparison cannot steer it; comparison hints, which put the other operand
 * into the slot compared (the buffer resized), can. Both bugs need the cov-asan flavour. */
#ifndef C_BARRIER_H
#define C_BARRIER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An image: width x height pixels of `channels` bytes each (1 to 4). */
typedef struct barrier_image {
  uint16_t width;
  uint16_t height;
  uint8_t channels;
} barrier_image;

/* Packs the image's rows, one row at a time through a 64-byte row buffer. `pixels` holds
 * len bytes; len must be width * height * channels, else -1 is returned and nothing read.
 * Images of fewer than 64 rows are summed directly. Returns a checksum.
 * Bug (length barrier): from 64 rows on, a row is width * channels bytes, copied whole into
 * the 64-byte row buffer: a heap overflow once width * channels > 64 (len >= 4160). */
int barrier_encode(const barrier_image *_Nonnull image, const uint8_t *_Nonnull pixels, size_t len);

/* A point of a grid. */
typedef struct barrier_point {
  int32_t x;
  int32_t y;
} barrier_point;

/* The layout of a grid of points, row by row. */
typedef struct barrier_grid {
  uint16_t rows;
  uint16_t cols;
} barrier_grid;

/* Sums each column's x values. `points` holds n_points points; n_points must be
 * rows * cols, else -1 is returned and nothing read. Grids of fewer than 64 rows are summed
 * whole. Returns the largest column sum.
 * Bug (count barrier): from 64 rows on, the column sums live in an array of 8, indexed by
 * column: a heap overflow once cols > 8 (n_points >= 576). */
int64_t barrier_columns(const barrier_grid *_Nonnull grid, const barrier_point *_Nonnull points, size_t n_points);

#ifdef __cplusplus
}
#endif

#endif
