#include "cli/passthrough.h"

namespace ffifuzz::cli {

std::vector<std::string>& passthrough_args() {
  static std::vector<std::string> args;
  return args;
}

}  // namespace ffifuzz::cli
