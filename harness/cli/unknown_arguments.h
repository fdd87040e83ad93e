// cli/unknown_arguments: the one line for arguments a command does not take. Every command
// lets CLI11 collect what it does not recognize (allow_extras, read back with remaining())
// so that main() can say which argument is wrong and, for a misspelt option, which of the
// command's own options was meant.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace ffifuzz::cli {

// The candidate closest to `word` by edit distance (a swap of two neighbouring letters
// counts as one edit), or "" when none is close enough to be a likely typo.
std::string closest_name(const std::string& word, const std::vector<std::string>& candidates);

// "unknown option --hedaer; did you mean --header?" or "unexpected argument 'foo.h': ...",
// for the first unknown option in `extras` (they are the likelier mistake), else the first
// stray positional. `app` is the command that was given them; no "ffifuzz CMD:" prefix.
std::string unknown_argument_message(const CLI::App& app, const std::vector<std::string>& extras);

}  // namespace ffifuzz::cli
