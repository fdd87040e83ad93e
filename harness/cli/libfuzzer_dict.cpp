#include "cli/libfuzzer_dict.h"

#include <cstdio>
#include <set>

namespace ffifuzz::cli {
namespace {

// `value`'s low `width` bytes, least significant first, in dictionary escapes.
std::string entry(uint64_t value, size_t width) {
  std::string s = "\"";
  char hex[5];
  for (size_t i = 0; i < width; ++i) {
    std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned>((value >> (8 * i)) & 0xFF));
    s += hex;
  }
  return s + "\"";
}

// The narrowest integer width that holds `value`: the codec writes each argument in its
// type's width, so a 16-bit magic in a 32-bit parameter is its low two bytes.
size_t width_of(uint64_t value) { return value <= 0xFFFF ? 2 : value <= 0xFFFFFFFF ? 4 : 8; }

bool small(int64_t v) { return v > -256 && v < 256; }

}  // namespace

Dictionary libfuzzer_dictionary(const model::ApiModel& api, const std::vector<uint64_t>& constants,
                                size_t max_constants) {
  Dictionary d;
  d.text = "# libFuzzer dictionary written by ffifuzz export: the header's enumerators and the\n"
           "# constants the library compares against, as little-endian bytes.\n";
  std::set<std::string> seen;
  auto add = [&](const std::string& e) {
    if (seen.insert(e).second) {
      d.text += e + "\n";
      ++d.entries;
    }
  };
  for (const model::Type& t : api.types) {
    if (t.kind != model::TypeKind::Enum || t.size == 0 || t.size > 8) continue;
    for (const model::Enumerator& e : t.enumerators)
      if (!small(e.value)) add(entry(static_cast<uint64_t>(e.value), t.size));
  }
  size_t taken = 0;
  for (uint64_t c : constants) {
    if (taken == max_constants) break;
    if (small(static_cast<int64_t>(c))) continue;
    add(entry(c, width_of(c)));
    ++taken;
  }
  return d;
}

}  // namespace ffifuzz::cli
