/* Driver for hostile_fork: `clean` uses both functions correctly, checks that the helper
 * process really exists (a child of the driver) and kills it, so that test runs leave no
 * sleeper behind; `fork_overread` proves the heap over-read in fork_checksum. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver_support.h"
#include "hostile_fork.h"

static volatile int sink;

/* The first child of this process found in /proc, or 0: the library does not say which pid
 * its helper has. */
static pid_t find_child(void) {
  DIR *proc = opendir("/proc");
  ZOO_CHECK(proc);
  pid_t found = 0;
  struct dirent *e;
  while (!found && (e = readdir(proc))) {
    char path[300], line[512];
    if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
    snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
    FILE *f = fopen(path, "r");
    if (!f) continue; /* ended meanwhile */
    char *ok = fgets(line, sizeof line, f);
    fclose(f);
    /* "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the
     * last ')'. */
    char *close_paren = ok ? strrchr(line, ')') : NULL;
    char state;
    int ppid;
    if (close_paren && sscanf(close_paren + 1, " %c %d", &state, &ppid) == 2 && ppid == getpid())
      found = (pid_t)atoi(e->d_name);
  }
  closedir(proc);
  return found;
}

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  __typeof__(&fork_helper_start) start = ZOO_SYM(lib, fork_helper_start);
  ZOO_CHECK(find_child() == 0);
  ZOO_CHECK(start(5) == 0);
  ZOO_CHECK(start(5) == 1 && start(0) == 1); /* one helper per process */
  pid_t helper = find_child();
  ZOO_CHECK(helper > 0);
  /* The helper sleeps 300 s; a still running child after a short while proves it waits. */
  usleep(200 * 1000);
  ZOO_CHECK(waitpid(helper, NULL, WNOHANG) == 0);
  ZOO_CHECK(kill(helper, SIGKILL) == 0);
  int status = 0;
  while (waitpid(helper, &status, 0) < 0) ZOO_CHECK(errno == EINTR);
  ZOO_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

  __typeof__(&fork_checksum) checksum = ZOO_SYM(lib, fork_checksum);
  unsigned char *buf = malloc(8);
  ZOO_CHECK(buf);
  memcpy(buf, "FORX\x01\x02\x03\x04", 8);
  ZOO_CHECK(checksum(buf, 8) == 'F' + 'O' + 'R' + 'X' + 1 + 2 + 3 + 4);
  memcpy(buf, "FORK", 4);
  ZOO_CHECK(checksum(buf, 3) == 'F' + 'O' + 'R'); /* too short for the record format */
  ZOO_CHECK(checksum(buf, 0) == 0 && checksum(NULL, 0) == 0 && checksum(NULL, 8) == 0);
  free(buf);
}

static void fork_overread(void *lib, const char *flavour) {
  (void)flavour;
  unsigned char *buf = malloc(6);
  ZOO_CHECK(buf);
  memcpy(buf, "FORK!!", 6);
  sink = ZOO_SYM(lib, fork_checksum)(buf, 6);
  free(buf);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"fork_overread", fork_overread},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
