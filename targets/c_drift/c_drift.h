/* c_drift: a small configuration object. This is the header users get; the library was
 * compiled against a different definition of struct config (see expect.toml), which is
 * the planted bug. Hand-written: the drift is the point. */
#ifndef C_DRIFT_H
#define C_DRIFT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct config {
  int32_t id;
  int32_t flags;
  uint64_t size;
};

/* A zeroed config, or NULL when memory is exhausted. Release with config_free. */
struct config *_Nullable config_new(void);

int32_t config_get_flags(const struct config *_Nonnull c);
void config_set_flags(struct config *_Nonnull c, int32_t flags);
uint64_t config_get_size(const struct config *_Nonnull c);
void config_set_size(struct config *_Nonnull c, uint64_t size);

/* Releases the config. NULL is a no-op. */
void config_free(struct config *_Nullable c);

#ifdef __cplusplus
}
#endif

#endif
