#include "header/neutralize.h"

#include "header/attribute_text.h"

namespace ffifuzz::header {

std::string neutralize_for_clang(const std::string& text) {
  std::string out = text;
  for (const AttributeText& a : scan_attributes(text)) {
    if (a.name != "malloc" || a.args.empty()) continue;
    // Keep the name, blank "(...)" that follows it; newlines stay so line numbers hold.
    size_t name_end = text.find_first_of("( \t\r\n", a.begin);
    for (size_t i = name_end; i < a.end; ++i)
      if (out[i] != '\n') out[i] = ' ';
  }
  return out;
}

}  // namespace ffifuzz::header
