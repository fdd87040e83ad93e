/* Driver for hostile_files (a clean target): `clean` saves, measures and removes files in a
 * fresh mkdtemp folder, checks every error path, and removes the folder. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver_support.h"
#include "hostile_files.h"

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  __typeof__(&files_save) save = ZOO_SYM(lib, files_save);
  __typeof__(&files_save_in) save_in = ZOO_SYM(lib, files_save_in);
  __typeof__(&files_size) size = ZOO_SYM(lib, files_size);
  __typeof__(&files_remove) remove_fn = ZOO_SYM(lib, files_remove);

  char dir[] = "/tmp/zoo-hostile-files-XXXXXX";
  ZOO_CHECK(mkdtemp(dir) != NULL);
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/a.bin", dir);
  static const uint8_t data[] = {1, 2, 3, 4, 5};

  ZOO_CHECK(save(path, data, sizeof data) == 0 && size(path) == 5);
  ZOO_CHECK(save(path, data, 2) == 0 && size(path) == 2); /* truncates */
  ZOO_CHECK(save(path, NULL, 0) == 0 && size(path) == 0);
  ZOO_CHECK(remove_fn(path) == 0 && size(path) == -1 && remove_fn(path) == -1);

  ZOO_CHECK(save_in(dir, "b.bin", data, 3) == 0);
  snprintf(path, sizeof path, "%s/b.bin", dir);
  ZOO_CHECK(size(path) == 3 && remove_fn(path) == 0);

  /* Errors: NULLs, a folder that does not exist, a path too long for PATH_MAX. */
  ZOO_CHECK(save(NULL, data, 1) == -1 && save(path, NULL, 1) == -1);
  ZOO_CHECK(save_in(NULL, "x", data, 1) == -1 && save_in(dir, NULL, data, 1) == -1);
  ZOO_CHECK(save_in(dir, "no/such/folder", data, 1) == -1);
  static char long_name[PATH_MAX + 16];
  memset(long_name, 'n', sizeof long_name - 1);
  ZOO_CHECK(save_in(dir, long_name, data, 1) == -1);
  ZOO_CHECK(size(NULL) == -1 && remove_fn(NULL) == -1 && remove_fn(dir) == -1 /* a folder */);

  /* The library's own choice of file: in $HOME, pointed at the driver's folder here. */
  __typeof__(&files_save_home) save_home = ZOO_SYM(lib, files_save_home);
  const char *home = getenv("HOME");
  char *saved_home = home ? strdup(home) : NULL;
  setenv("HOME", dir, 1);
  ZOO_CHECK(save_home(data, 4) == 0);
  snprintf(path, sizeof path, "%s/.hostile_files_state", dir);
  ZOO_CHECK(size(path) == 4 && remove_fn(path) == 0);
  unsetenv("HOME");
  ZOO_CHECK(save_home(data, 4) == -1);
  if (saved_home) setenv("HOME", saved_home, 1);
  free(saved_home);

  ZOO_CHECK(rmdir(dir) == 0); /* empty again: every file the driver made is gone */
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
