// cli/libfuzzer_dict: a libFuzzer dictionary (-dict=FILE) for a library, written by
// `ffifuzz export` beside the fuzz target (OSS-Fuzz reads <target>.dict).
// Job: give libFuzzer's byte mutations the values the library's code compares against
// (binary/constants) and the header's enumerators, as the little-endian bytes they take in
// an encoded program (integers travel as raw bytes there), so that a mutation can drop a
// magic value straight into an argument.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/api_model.h"

namespace ffifuzz::cli {

struct Dictionary {
  std::string text;  // libFuzzer's dictionary syntax: one "\xNN..." entry a line
  size_t entries = 0;
};

// Enumerators come first (few, and meaningful), then at most `max_constants` constants,
// most frequent first as read_compare_constants returns them. Values below 256 are left
// out: libFuzzer's own mutations reach them quickly.
Dictionary libfuzzer_dictionary(const model::ApiModel& api, const std::vector<uint64_t>& constants,
                                size_t max_constants = 1024);

}  // namespace ffifuzz::cli
