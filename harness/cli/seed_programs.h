// cli/seed_programs: the starting corpus for a library — one program per function calling it
// once with typical values, and one constructor-use-release chain per handle constructor —
// named for their files ("strbuf_append", "chain-strbuf_new").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "program/program.h"

namespace ffifuzz::cli {

std::vector<std::pair<std::string, program::Program>> seed_programs(const program::ApiPlan& plan,
                                                                    const model::ApiModel& api);

}  // namespace ffifuzz::cli
