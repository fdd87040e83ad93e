// campaign/seed_programs: the starting corpus for a library — one program per function calling it
// once with typical values, and one constructor-use-release chain per handle constructor —
// named for their files ("strbuf_append", "chain-strbuf_new").
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "program/program.h"

namespace ffifuzz::campaign {

std::vector<std::pair<std::string, program::Program>> seed_programs(const program::ApiPlan& plan,
                                                                    const model::ApiModel& api);

// libFuzzer needs a first input that reaches the library (an empty one calls nothing): the
// seed programs, in text form, written into `corpus` (each file atomically).
void write_seed_corpus(const program::ApiPlan& plan, const model::ApiModel& api, const std::filesystem::path& corpus);

// A text-form seed in `dirs` that does not parse under this plan (written for another header or
// contract: inflatePrime's struct fields as parameters) runs as the empty program: each is said
// in one line, so that a user does not take a seed that tested nothing for one that did.
// Returns how many.
size_t note_unreadable_seeds(const program::ApiPlan& plan, const model::ApiModel& api,
                             const std::vector<std::string>& dirs);

}  // namespace ffifuzz::campaign
