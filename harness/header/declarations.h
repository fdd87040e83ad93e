// Walks a parsed translation unit and records what the user's headers declare: functions
// (with skip reasons for what the harness cannot call), records, enums and typedefs, plus
// the contract facts stated by attributes and `ffifuzz:` doc tags.
#pragma once

#include <clang-c/Index.h>

#include <map>
#include <string>

#include "header/parse_header.h"

namespace ffifuzz::header {

// Original texts of the user's headers by absolute path (before neutralize_for_clang).
using SourceTexts = std::map<std::string, std::string>;

void collect_declarations(CXTranslationUnit tu, const ParseOptions& options, const SourceTexts& texts,
                          ParsedHeader& out);

}  // namespace ffifuzz::header
