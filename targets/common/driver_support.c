#define _GNU_SOURCE
#include "driver_support.h"

#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

void *zoo_sym_optional(void *lib, const char *name) { return dlsym(lib, name); }

void *zoo_sym(void *lib, const char *name) {
  void *p = dlsym(lib, name);
  if (!p) {
    fprintf(stderr, "driver: symbol %s not exported: %s\n", name, dlerror());
    exit(3);
  }
  return p;
}

unsigned char *zoo_guarded(size_t n) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t data_pages = (n + page - 1) / page;
  if (data_pages == 0) data_pages = 1;
  unsigned char *base = mmap(NULL, (data_pages + 1) * page, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) {
    perror("driver: mmap");
    exit(3);
  }
  unsigned char *guard = base + data_pages * page;
  if (mprotect(guard, page, PROT_NONE) != 0) {
    perror("driver: mprotect");
    exit(3);
  }
  return guard - n;
}

static void on_alarm(int sig) {
  (void)sig;
  static const char msg[] = "ZOO-TIMEOUT: the call did not return in time\n";
  ssize_t ignored = write(2, msg, sizeof msg - 1);
  (void)ignored;
  _exit(124);
}

void zoo_deadline(unsigned seconds) {
  signal(SIGALRM, on_alarm);
  alarm(seconds);
}

int zoo_main(int argc, char **argv, const struct zoo_trigger *triggers) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s <lib.so> <trigger> <plain|cov|cov-asan>\n", argv[0]);
    return 2;
  }
  const int load_only = strcmp(argv[2], "load") == 0;
  const struct zoo_trigger *t = triggers;
  while (t->name && strcmp(t->name, argv[2]) != 0) ++t;
  if (!t->name && !load_only) {
    fprintf(stderr, "driver: unknown trigger '%s'\n", argv[2]);
    return 2;
  }
  if (t->name && load_only) {
    fprintf(stderr, "driver: the trigger 'load' is built in: remove it from the table\n");
    return 2;
  }
  /* dlopen runs the library's ELF constructors: one that never returns must not hang the
   * driver, so `load` arms its deadline first. */
  if (load_only) zoo_deadline(ZOO_LOAD_SECONDS);
  void *lib = dlopen(argv[1], RTLD_NOW);
  if (!lib) {
    fprintf(stderr, "driver: cannot load %s: %s\n", argv[1], dlerror());
    return 2;
  }
  if (load_only) {
    alarm(0);
    signal(SIGALRM, SIG_DFL);
    fprintf(stderr, "ZOO-LOADED %s\nZOO-DONE load\n", argv[1]);
    return 0;
  }
  t->run(lib, argv[3]);
  fprintf(stderr, "ZOO-DONE %s\n", t->name);
  /* The library stays loaded: LSan must still symbolize it at exit. */
  return 0;
}
