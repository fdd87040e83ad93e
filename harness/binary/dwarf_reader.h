// DWARF -> the records (struct, union, enum) and functions of model::BinaryFacts.
#pragma once

#include <elfutils/libdw.h>

#include "model/binary_facts.h"

namespace ffifuzz::binary {

// Walks every compile unit of `dwarf`; fills facts.unit_languages, records, functions.
void read_dwarf(Dwarf* dwarf, model::BinaryFacts& facts);

}  // namespace ffifuzz::binary
