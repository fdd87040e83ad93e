#include "cli/passthrough.h"


#include "cli/duration.h"

namespace ffifuzz::cli {

std::vector<std::string>& passthrough_args() {
  static std::vector<std::string> args;
  return args;
}

std::vector<std::string> libfuzzer_flags() {
  std::vector<std::string> flags = passthrough_args();
  for (std::string& f : flags)
    for (const std::string flag : {"-max_total_time=", "-timeout="}) {
      if (f.rfind(flag, 0) != 0) continue;
      const std::string value = f.substr(flag.size());
      // Plain seconds (0 included: "no limit" to libFuzzer) pass as written.
      if (!value.empty() && value.find_first_not_of("0123456789") == std::string::npos) continue;
      f = flag + std::to_string(parse_duration(value, "-- " + flag.substr(0, flag.size() - 1)));
    }
  return flags;
}

}  // namespace ffifuzz::cli
