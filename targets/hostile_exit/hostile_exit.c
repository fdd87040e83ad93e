/* hostile_exit: two ways for a library to end its caller's process, both with status 0 so
 * that nothing looks wrong from outside. */
#include "hostile_exit.h"

#include <stdlib.h>
#include <unistd.h>

#define QUIT_CODE 0x0E817000u   /* "quit": a leftover from a command-line tool */
#define VANISH_CODE 0x5EE0FF00u /* "vanish": an error path that skips all cleanup */

int exit_quit(uint32_t code) {
  /* HOSTILE: exit() runs the process's atexit handlers and ends it with success. */
  if (code == QUIT_CODE) exit(0);
  return (int)(code & 0xffu);
}

int exit_vanish(uint32_t code) {
  /* HOSTILE: _exit() ends the process at once, without atexit handlers or stdio flushing. */
  if (code == VANISH_CODE) _exit(0);
  return (int)(code >> 24);
}

int exit_add(int a, int b) {
  /* Unsigned arithmetic: wraps instead of signed-overflow UB (UBSan stays silent). */
  return (int)((unsigned)a + (unsigned)b);
}
