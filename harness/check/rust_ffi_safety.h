// Rust types that have no C layout, found in an exported function's DWARF types.
#pragma once

#include <optional>
#include <string>

#include "model/binary_facts.h"

namespace ffifuzz::check {

struct FfiUnsafety {
  std::string what;  // "String", "&str", "a slice", ... for the message
  std::string hint;  // the C-compatible replacement
};

// Set when a Rust parameter or return of this type cannot cross a C boundary: String,
// Vec, &str, slices, Option<T> without a pointer niche, Result, trait objects, tuples, char.
std::optional<FfiUnsafety> rust_ffi_unsafety(const model::BinaryType& type);

}  // namespace ffifuzz::check
