// A scanner for GNU attribute syntax in source text: `__attribute__((a, b(1, 2)))`.
// clang drops attributes it does not know (GCC's `access`, `malloc(dealloc)`), so we read
// them from the text ourselves. Pure text in, plain data out: testable without libclang.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ffifuzz::header {

struct AttributeText {
  std::string name;               // without surrounding underscores: "nonnull", "malloc"
  std::vector<std::string> args;  // trimmed argument texts; empty for a bare attribute
  size_t begin = 0;               // offset of the name in the scanned text
  size_t end = 0;                 // offset one past the closing parenthesis (or the name)
};

// Every attribute inside every `__attribute__((...))` / `__attribute((...))` in `text`.
std::vector<AttributeText> scan_attributes(std::string_view text);

}  // namespace ffifuzz::header
