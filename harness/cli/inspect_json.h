// The JSON form of `ffifuzz inspect` (docs/inspect-json.md). The text form is rendered from
// the same JSON document, so the two never disagree.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "campaign/skipped_functions.h"
#include "cli/target_options.h"

namespace ffifuzz::cli {

// Version of the document's shape; bumped on any incompatible change.
inline constexpr int kInspectJsonVersion = 1;

// `exports`: the library's exported symbol names, or nullopt when no library was given.
// `would_skip`: what a fuzz run of the target skips (campaign/skipped_functions.h).
nlohmann::json inspect_json(const LoadedTarget& target, const std::optional<std::set<std::string>>& exports,
                            const std::vector<campaign::SkippedFunction>& would_skip);

std::string inspect_text(const nlohmann::json& doc);

}  // namespace ffifuzz::cli
