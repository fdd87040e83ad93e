// Symbols from .dynsym (what a caller can dlsym) and .symtab (everything, when not stripped).
#pragma once

#include <libelf.h>

#include "model/binary_facts.h"

namespace ffifuzz::binary {

// Fills facts.exports, facts.locals, facts.has_symtab, facts.imports and facts.needed.
void read_symbols(Elf* elf, model::BinaryFacts& facts);

}  // namespace ffifuzz::binary
