// Contract facts a header states with attributes: nonnull(...), returns_nonnull, _Nonnull /
// _Nullable, malloc(deallocator), access(mode, ptr_index[, size_index]).
#pragma once

#include <clang-c/Index.h>

#include <string_view>

#include "model/api_model.h"
#include "model/contract.h"

namespace ffifuzz::header {

// `source_text` is the original (un-neutralized) text of the declaration's extent, which
// carries the attributes clang drops; the pretty-printed declaration carries the ones clang
// kept, with macros expanded. Nullability comes from the parameter types.
void read_header_attributes(CXCursor function_decl, std::string_view source_text,
                            const model::ApiModel& model, const model::Function& fn,
                            model::FunctionContract& out);

}  // namespace ffifuzz::header
