#include <stdlib.h>

#include "config_private.h"

struct config *config_new(void) { return calloc(1, sizeof(struct config)); }

int32_t config_get_flags(const struct config *c) { return (int32_t)c->flags; }

void config_set_flags(struct config *c, int32_t flags) { c->flags = flags; }

uint64_t config_get_size(const struct config *c) { return c->size; }

void config_set_size(struct config *c, uint64_t size) { c->size = size; }

void config_free(struct config *c) { free(c); }
