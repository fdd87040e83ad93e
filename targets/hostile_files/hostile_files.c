/* hostile_files: plain file I/O at caller-given paths. Every input is handled: the only
 * effects are on the file system. */
#include "hostile_files.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int files_save(const char *path, const uint8_t *data, size_t len) {
  if (!path || (!data && len > 0)) return -1;
  /* HOSTILE: creates or truncates whatever file path names. */
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  size_t written = len ? fwrite(data, 1, len, f) : 0;
  int closed = fclose(f);
  return written == len && closed == 0 ? 0 : -1;
}

int files_save_in(const char *dir, const char *name, const uint8_t *data, size_t len) {
  if (!dir || !name) return -1;
  char path[PATH_MAX];
  int n = snprintf(path, sizeof path, "%s/%s", dir, name);
  if (n < 0 || (size_t)n >= sizeof path) return -1;
  return files_save(path, data, len);
}

int files_save_home(const uint8_t *data, size_t len) {
  const char *home = getenv("HOME");
  if (!home) return -1;
  /* HOSTILE: a path no caller gave. */
  return files_save_in(home, ".hostile_files_state", data, len);
}

long files_size(const char *path) {
  struct stat st;
  if (!path || stat(path, &st) != 0) return -1;
  return (long)st.st_size;
}

int files_remove(const char *path) {
  if (!path) return -1;
  /* HOSTILE: deletes whatever file path names. */
  return unlink(path) == 0 ? 0 : -1;
}
