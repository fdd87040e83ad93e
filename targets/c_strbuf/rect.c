#include "c_strbuf.h"

#include <string.h>

static int64_t abs64(int64_t v) { return v < 0 ? -v : v; }

int64_t rect_area(struct rect r) {
  /* |INT32_MIN| = 2^31 fits in int64, and 2^31 * 2^31 = 2^62 does too. */
  return abs64(r.w) * abs64(r.h);
}

int64_t rect_area_part(struct rect r, double fraction) {
  /* At most 2^62 * 1.0: within int64_t. No check on fraction: the header states its range. */
  return (int64_t)((double)rect_area(r) * fraction);
}

static int in_span(int32_t origin, int32_t extent, int32_t p) {
  int64_t a = origin, b = (int64_t)origin + extent;
  int64_t lo = a < b ? a : b, hi = a < b ? b : a;
  return p >= lo && p < hi;
}

int rect_contains(struct rect r, int32_t px, int32_t py) {
  return in_span(r.x, r.w, px) && in_span(r.y, r.h, py);
}

/* Normalizes one axis; returns 1 when the span had to be clamped. */
static int normalize_axis(int32_t *origin, int32_t *extent) {
  int64_t a = *origin, b = (int64_t)*origin + *extent;
  int64_t lo = a < b ? a : b, hi = a < b ? b : a;
  int clamped = 0;
  if (lo < INT32_MIN) {
    lo = INT32_MIN;
    clamped = 1;
  }
  if (hi > INT32_MAX) {
    hi = INT32_MAX;
    clamped = 1;
  }
  int64_t w = hi - lo; /* in [0, 2^32 - 1] */
  if (w > INT32_MAX) {
    w = INT32_MAX;
    clamped = 1;
  }
  *origin = (int32_t)lo;
  *extent = (int32_t)w;
  return clamped;
}

int rect_normalize(struct rect *r) {
  int cx = normalize_axis(&r->x, &r->w);
  int cy = normalize_axis(&r->y, &r->h);
  return cx | cy;
}

int64_t weighted_total(const struct weighted *items, size_t n_items) {
  int64_t total = 0;
  for (size_t i = 0; i < n_items; ++i) total += (int64_t)items[i].weight * (int64_t)strlen(items[i].label);
  return total;
}
