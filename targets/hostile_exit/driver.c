/* Driver for hostile_exit: `clean` calls every function with non-magic values (they return);
 * `quit` and `vanish` prove that the magic value ends the process during the call.
 *
 * Both endings exit with status 0, so the exit status alone cannot tell "the library ended
 * the process" from "the call returned and the caller finished". Each proof therefore runs
 * the call in a forked child that reports a return through a pipe: the parent reads EOF
 * when the child ended before the call returned. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver_support.h"
#include "hostile_exit.h"

static volatile int sink;

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  __typeof__(&exit_quit) q = ZOO_SYM(lib, exit_quit);
  ZOO_CHECK(q(0) == 0 && q(0x1234u) == 0x34 && q(0x0E817001u) == 0x01);
  ZOO_CHECK(q(0x0E816FFFu) == 0xFF && q(UINT32_MAX) == 0xFF);
  __typeof__(&exit_vanish) v = ZOO_SYM(lib, exit_vanish);
  ZOO_CHECK(v(0) == 0 && v(0x5EE0FF01u) == 0x5E && v(UINT32_MAX) == 0xFF);
  __typeof__(&exit_add) add = ZOO_SYM(lib, exit_add);
  ZOO_CHECK(add(2, 3) == 5 && add(-7, 7) == 0);
  sink = add(INT32_MAX, 1); /* wraps, no UB */
}

/* Calls fn(code) in a child. If the child ended without the call returning, prints
 * "ZOO-EXIT: <name> ended the process (exit status N)" and ends the driver with that status,
 * as the call would have; if the call returned, says so and returns (the test then sees
 * ZOO-DONE and no ZOO-EXIT). */
static void prove_ends_process(const char *name, int (*fn)(uint32_t), uint32_t code) {
  int fds[2];
  ZOO_CHECK(pipe(fds) == 0);
  fflush(NULL); /* exit() in the child flushes stdio: nothing of ours may be buffered twice */
  pid_t pid = fork();
  ZOO_CHECK(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    sink = fn(code);
    fputs("ZOO-RETURNED\n", stderr);
    const char returned = 'R';
    ssize_t ignored = write(fds[1], &returned, 1);
    (void)ignored;
    _exit(0);
  }
  close(fds[1]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) ZOO_CHECK(errno == EINTR);
  char byte;
  ssize_t n = read(fds[0], &byte, 1); /* the child is gone: 1 byte or EOF, never blocks */
  close(fds[0]);
  if (n == 1) {
    fprintf(stderr, "driver: %s(0x%08x) returned\n", name, code);
    return;
  }
  if (!WIFEXITED(status)) {
    fprintf(stderr, "driver: %s(0x%08x) was killed by signal %d\n", name, code, WTERMSIG(status));
    exit(1);
  }
  fprintf(stderr, "ZOO-EXIT: %s ended the process (exit status %d)\n", name, WEXITSTATUS(status));
  exit(WEXITSTATUS(status));
}

static void quit(void *lib, const char *flavour) {
  (void)flavour;
  prove_ends_process("exit_quit", ZOO_SYM(lib, exit_quit), 0x0E817000u);
}

static void vanish(void *lib, const char *flavour) {
  (void)flavour;
  prove_ends_process("exit_vanish", ZOO_SYM(lib, exit_vanish), 0x5EE0FF00u);
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"quit", quit},
    {"vanish", vanish},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
