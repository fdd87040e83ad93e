/* rust_symbols: the header declares sym_hidden_sum and sym_forgotten_product (never
 * exported: no #[no_mangle]) and `char *sym_version(void)` (really a Rust String returned
 * through a hidden sret pointer).
 * Each trigger proves one fact and prints it as ZOO-FACT. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver_support.h"
#include "rust_symbols.h"

static void clean(void *lib, const char *flavour) {
  (void)flavour;
  if (ZOO_SYM(lib, sym_apply)(0, 2, 3) != 5 || ZOO_SYM(lib, sym_apply)(1, 2, 3) != 6)
    fprintf(stderr, "driver: sym_apply wrong\n");
  (void)ZOO_SYM(lib, sym_apply)(0, INT32_MAX, 1);
  char *n = ZOO_SYM(lib, sym_name)(42);
  if (strcmp(n, "symbol-42") != 0) fprintf(stderr, "driver: sym_name wrong\n");
  ZOO_SYM(lib, sym_string_free)(n);
  ZOO_SYM(lib, sym_string_free)(NULL);
  /* sym_hidden_sum cannot be called (not exported) and sym_version cannot be called
   * through its header declaration: see the two triggers below. */
}

static void missing_symbol(void *lib, const char *flavour) {
  (void)flavour;
  void *f = zoo_sym_optional(lib, "sym_hidden_sum");
  if (f) {
    fprintf(stderr, "driver: sym_hidden_sum IS exported: the planted bug is gone\n");
    exit(1);
  }
  fprintf(stderr,
          "ZOO-FACT: sym_hidden_sum is declared in the header but not exported (dlsym fails); "
          "the code exists: sym_apply(0, 2, 3) = %d calls it through a pointer\n",
          ZOO_SYM(lib, sym_apply)(0, 2, 3));
}

static void forgotten_symbol(void *lib, const char *flavour) {
  (void)flavour;
  if (zoo_sym_optional(lib, "sym_forgotten_product")) {
    fprintf(stderr, "driver: sym_forgotten_product IS exported: the planted bug is gone\n");
    exit(1);
  }
  fprintf(stderr, "ZOO-FACT: sym_forgotten_product is declared in the header but not exported (dlsym fails)\n");
}

static void sret_return(void *lib, const char *flavour) {
  (void)flavour;
  void *sym = zoo_sym(lib, "sym_version");
  /* The real ABI of `extern "C" fn() -> String`: the caller passes a pointer to 24 bytes
   * of return space in the first argument register; rax comes back equal to it. */
  unsigned char out[64];
  memset(out, 0xCC, sizeof out);
  void *(*real)(void *) = (void *(*)(void *))sym;
  void *ret = real(out);
  size_t written = 0;
  for (size_t i = 0; i < sizeof out; ++i)
    if (out[i] != 0xCC) written = i + 1;
  uint64_t w[3];
  memcpy(w, out, sizeof w);
  /* A String is {capacity, pointer, length} in some order: the pointer is the word that
   * is not a small number. */
  int p = -1;
  for (int i = 0; i < 3; ++i)
    if (w[i] > 4096) p = i;
  if (p < 0 || written != 24 || ret != (void *)out) {
    fprintf(stderr, "driver: sym_version did not return a String through sret (wrote %zu)\n", written);
    exit(1);
  }
  uint64_t len = w[(p + 1) % 3] < w[(p + 2) % 3] ? w[(p + 1) % 3] : w[(p + 2) % 3];
  char *text = (char *)(uintptr_t)w[p];
  fprintf(stderr,
          "ZOO-FACT: sym_version is exported and returns through a hidden sret pointer: it wrote "
          "%zu bytes (a Rust String) into the caller's buffer, text \"%.*s\", and returned the "
          "buffer's address, not a char pointer\n",
          written, (int)len, text);
  free(text); /* Rust's System allocator is malloc: this process's (ASan's) malloc */
}

static const struct zoo_trigger triggers[] = {
    {"clean", clean},
    {"missing_symbol", missing_symbol},
    {"forgotten_symbol", forgotten_symbol},
    {"sret_return", sret_return},
    {NULL, NULL},
};

int main(int argc, char **argv) { return zoo_main(argc, argv, triggers); }
