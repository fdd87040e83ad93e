#include "c_barrier.h"

#include <stdlib.h>
#include <string.h>

enum { ROW_BYTES = 64, MAX_COLUMNS = 8, MIN_ROWS = 64 };

int barrier_encode(const barrier_image *image, const uint8_t *pixels, size_t len) {
  if (image->channels == 0 || image->channels > 4) return -1;
  const size_t row = (size_t)image->width * image->channels;
  const size_t expected = row * image->height;
  if (len != expected || len == 0) return -1; /* the barrier */
  int sum = 0;
  if (image->height < MIN_ROWS) {
    for (size_t i = 0; i < len; i++) sum += pixels[i];
    return sum;
  }
  uint8_t *packed = malloc(ROW_BYTES);
  if (!packed) return -1;
  for (size_t y = 0; y < image->height; y++) {
    memcpy(packed, pixels + y * row, row); /* the bug: row may exceed ROW_BYTES */
    for (size_t i = 0; i < row && i < ROW_BYTES; i++) sum += packed[i];
  }
  free(packed);
  return sum;
}

int64_t barrier_columns(const barrier_grid *grid, const barrier_point *points, size_t n_points) {
  if (n_points != (size_t)grid->rows * grid->cols || n_points == 0) return -1; /* the barrier */
  if (grid->rows < MIN_ROWS) {
    int64_t total = 0;
    for (size_t i = 0; i < n_points; i++) total += points[i].x;
    return total;
  }
  int64_t *sums = calloc(MAX_COLUMNS, sizeof *sums);
  if (!sums) return -1;
  for (size_t r = 0; r < grid->rows; r++)
    for (size_t c = 0; c < grid->cols; c++) sums[c] += points[r * grid->cols + c].x; /* the bug: c may reach 8 */
  int64_t best = sums[0];
  for (size_t c = 1; c < MAX_COLUMNS; c++)
    if (sums[c] > best) best = sums[c];
  free(sums);
  return best;
}
