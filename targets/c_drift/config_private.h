/* The library's own definition of struct config. It drifted from the public c_drift.h:
 * `flags` widened to int64_t, which moves `size` from offset 8 to 16 and grows the struct
 * from 16 to 24 bytes. The library never includes c_drift.h, so the compiler cannot see
 * the difference; the DWARF in the .so records this layout. */
#ifndef C_DRIFT_CONFIG_PRIVATE_H
#define C_DRIFT_CONFIG_PRIVATE_H

#include <stdint.h>

struct config {
  int32_t id;
  int64_t flags;
  uint64_t size;
};

struct config *config_new(void);
int32_t config_get_flags(const struct config *c);
void config_set_flags(struct config *c, int32_t flags);
uint64_t config_get_size(const struct config *c);
void config_set_size(struct config *c, uint64_t size);
void config_free(struct config *c);

#endif
