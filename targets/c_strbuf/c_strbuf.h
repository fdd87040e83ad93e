/* c_strbuf: a clean handle-based string builder, plus a plain struct passed by value and
 * by pointer. A zoo target with no planted bug: every function is defined for every input
 * a caller that follows this header can give, so ffifuzz must report nothing here. */
#ifndef C_STRBUF_H
#define C_STRBUF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An opaque, growable byte string. Always NUL-terminated internally. */
struct strbuf;

/* The most bytes a builder holds; appends beyond it fail with -1 and change nothing. */
#define STRBUF_MAX_LEN ((size_t)64 << 20)

/* A new, empty builder, or NULL when memory is exhausted. Release with strbuf_free. */
struct strbuf *_Nullable strbuf_new(void);

/* Appends `len` bytes from `data` (any bytes, NUL included). `data` may be NULL only when
 * `len` is 0; NULL with len > 0 returns -1. Returns 0 on success, -1 when the result would
 * exceed STRBUF_MAX_LEN or memory is exhausted (the builder is then unchanged). */
int strbuf_append(struct strbuf *_Nonnull sb, const char *_Nullable data, size_t len);

/* A borrowed view of the contents: strbuf_len(sb) bytes followed by a NUL. Owned by the
 * builder, valid until the next strbuf_append or strbuf_free on it. Never NULL. */
const char *_Nonnull strbuf_view(const struct strbuf *_Nonnull sb);

/* The number of bytes appended so far. */
size_t strbuf_len(const struct strbuf *_Nonnull sb);

/* Releases the builder. NULL is a no-op. */
void strbuf_free(struct strbuf *_Nullable sb);

/* Arrays of strings, the three ways C APIs pass them (a harness that filled them with
 * fuzzed bytes as pointers, or passed one NULL pointer for the callee to fill, would crash
 * these clean functions). Each returns 0, or -1 as strbuf_append does (appends before the
 * failing one stay). */

/* Appends the n_parts strings of parts in order. */
int strbuf_append_all(struct strbuf *_Nonnull sb, const char *_Nonnull const *_Nonnull parts, size_t n_parts);

/* Appends argv[0] .. argv[argc - 1], a space between two, as a shell shows a command line. */
int strbuf_append_argv(struct strbuf *_Nonnull sb, int argc, char *_Nonnull *_Nonnull argv);

/* Appends the strings of a NULL-terminated list in order. */
int strbuf_append_list(struct strbuf *_Nonnull sb, const char *_Nullable const *_Nonnull list);

/* A plain struct passed by value and by pointer. w and h may be negative (the rectangle
 * then extends left of x / above y). */
struct rect {
  int32_t x;
  int32_t y;
  int32_t w;
  int32_t h;
};

/* |w| * |h|, exact for every input (computed in 64 bits; at most 2^62). */
int64_t rect_area(struct rect r);

/* rect_area(r) * fraction, rounded toward zero. fraction must lie in [0, 1]: outside it (or
 * NaN) the product's conversion to int64_t is undefined. The tag below says so for ffifuzz,
 * whose harness then passes only doubles in that range.
 * ffifuzz: param fraction range=0..1 */
int64_t rect_area_part(struct rect r, double fraction);

/* A label and its weight. */
struct weighted {
  const char *_Nonnull label;
  int32_t weight;
};

/* The sum of weight * strlen(label) over the n_items items of an array, in 64 bits. Every
 * label must point at a string (a harness filling the array with fuzzed bytes would hand it
 * wild pointers). */
int64_t weighted_total(const struct weighted *_Nonnull items, size_t n_items);

/* 1 when (px, py) lies in the half-open span [min(x, x+w), max(x, x+w)) on both axes,
 * else 0. Exact for every input. */
int rect_contains(struct rect r, int32_t px, int32_t py);

/* Rewrites *r so that w >= 0 and h >= 0 while covering the same span. When the span does
 * not fit in int32_t (e.g. x = INT32_MIN, w = -1) it is clamped to the representable range
 * and the function returns 1; otherwise it returns 0. */
int rect_normalize(struct rect *_Nonnull r);

#ifdef __cplusplus
}
#endif

#endif
