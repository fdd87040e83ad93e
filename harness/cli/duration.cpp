#include "cli/duration.h"

#include <cctype>

#include "model/error.h"

namespace ffifuzz::cli {

long parse_duration(const std::string& text, const std::string& what) {
  auto bad = [&]() {
    return InputError(what + " " + text + ": not a duration; write seconds (1800) or 90s, 30m, 1h, 1h30m");
  };
  if (text.empty()) throw bad();
  long total = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) throw bad();
    long n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      n = n * 10 + (text[i] - '0');
      if (n > 100L * 24 * 3600) throw bad();  // more than 100 days is a typo
      ++i;
    }
    long unit = 1;
    if (i < text.size()) {
      char u = text[i++];
      if (u == 'h') unit = 3600;
      else if (u == 'm') unit = 60;
      else if (u == 's') unit = 1;
      else throw bad();
    } else if (total > 0) {
      throw bad();  // "1h30": 30 what?
    }
    total += n * unit;
  }
  if (total <= 0) throw InputError(what + " " + text + ": the time budget must be more than 0 seconds");
  return total;
}

}  // namespace ffifuzz::cli
