// cli/passthrough: the arguments after the first "--" on the command line, which belong to
// libFuzzer. main() takes them off before option parsing (an option parser would try to
// read them, or let a list option swallow the "--"); the fuzz commands read them here.
#pragma once

#include <string>
#include <vector>

namespace ffifuzz::cli {

std::vector<std::string>& passthrough_args();

}  // namespace ffifuzz::cli
