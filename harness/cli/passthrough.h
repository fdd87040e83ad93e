// cli/passthrough: the arguments after the first "--" on the command line, which belong to
// libFuzzer. main() takes them off before option parsing (an option parser would try to
// read them, or let a list option swallow the "--"); the fuzz commands read them here.
#pragma once

#include <string>
#include <vector>

namespace ffifuzz::cli {

std::vector<std::string>& passthrough_args();

// passthrough_args() as libFuzzer must see them: its time flags (-max_total_time, -timeout)
// written as durations ("1h", "90s") become seconds, as everywhere ffifuzz takes a time
// (cli/duration.h); libFuzzer itself would read "1h" as 1. Throws InputError for a time that
// is not a duration.
std::vector<std::string> libfuzzer_flags();

}  // namespace ffifuzz::cli
