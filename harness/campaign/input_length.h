// campaign/input_length: libFuzzer's -max_len against the inputs a run starts from.
// Job: libFuzzer reads only the first -max_len bytes of a corpus file, so a long starting
// input (a text program with 30,000 nested brackets) would run cut, as another program or as
// none. Without a -max_len of the user's, the run's is raised to the longest starting input;
// with one, the inputs it cuts are named. Generated buffers grow up to the same -max_len
// (driver/libfuzzer_glue.h, WorkerOptions::max_len).
// May depend on: campaign/corpus_folders.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace ffifuzz::campaign {

// The most -max_len is raised to for a long starting input.
inline constexpr size_t kLongestRaisedMaxLen = 1 << 20;

// The flags to add to `user_flags` (none, or one -max_len=N) for the inputs in `folders`,
// after printing to `out` the line that says what was raised or what will be cut.
std::vector<std::string> max_len_for_inputs(const std::vector<std::string>& user_flags,
                                            const std::vector<std::filesystem::path>& folders, std::FILE* out);

}  // namespace ffifuzz::campaign
