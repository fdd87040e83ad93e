// binary: ELF symbols, DWARF layouts and functions, demangling -> model::BinaryFacts.
// Job: read what the compiled library says about its interface, so that check/ can hold it
// against the header. Public entry point of the folder.
// May depend on: model, libelf, libdw, LLVM's demangler. No libelf/libdw type leaves here.
#pragma once

#include <string>

#include "model/binary_facts.h"

namespace ffifuzz::binary {

// Reads the library at `path`. Debug info comes from the library itself or, when it was
// split off (Debian's -dbgsym packages), from /usr/lib/debug/.build-id/xx/yyyy.debug.
// Throws InputError (one line: the file, what is wrong, the fix) for a missing file, a file
// that is not ELF, or an ELF of another architecture or class.
model::BinaryFacts read_binary(const std::string& path);

}  // namespace ffifuzz::binary
