#include "check/rust_library.h"

#include <algorithm>

namespace ffifuzz::check {

bool is_rust_mangled(const std::string& symbol) {
  // v0, or legacy (_ZN ... 17h<16 hex>E): demangling dropped a hash, so the names differ
  // by more than the Itanium rendering.
  return symbol.rfind("_R", 0) == 0 || (symbol.rfind("_ZN", 0) == 0 && symbol.size() > 20 &&
                                        symbol.compare(symbol.size() - 20, 3, "17h") == 0);
}

bool is_rust_library(const model::BinaryFacts& facts) {
  if (facts.built_by_rustc) return true;
  if (std::find(facts.unit_languages.begin(), facts.unit_languages.end(), model::SourceLanguage::Rust) !=
      facts.unit_languages.end())
    return true;
  for (const auto* symbols : {&facts.exports, &facts.locals})
    for (const model::BinarySymbol& s : *symbols)
      if (is_rust_mangled(s.name)) return true;
  return false;
}

}  // namespace ffifuzz::check
