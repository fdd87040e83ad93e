// cli/duration: a time budget as people write it: "90s", "30m", "1h", "1h30m" or plain seconds.
#pragma once

#include <string>

namespace ffifuzz::cli {

// Seconds; throws InputError naming `what` (the option) for anything else, or for 0.
long parse_duration(const std::string& text, const std::string& what);

}  // namespace ffifuzz::cli
