// Whether the library was built by rustc: the hints for a missing symbol, a missing debug
// info and a drifted signature name Rust's fix (#[no_mangle], `debug = true`, cbindgen)
// only then. docs/check.md, "Missing symbols".
#pragma once

#include <string>

#include "model/binary_facts.h"

namespace ffifuzz::check {

// A Rust legacy (`_ZN ... 17h<16 hex>E`) or v0 (`_R...`) symbol.
bool is_rust_mangled(const std::string& symbol);

// A Rust compile unit in the DWARF, rustc in `.comment`, or a Rust-mangled symbol (exported
// or local). Any one is enough: strip removes the DWARF and the local symbols, cargo's
// `strip = true` keeps `.comment`.
bool is_rust_library(const model::BinaryFacts& facts);

}  // namespace ffifuzz::check
