// Questions about the header's types that several checks ask.
#pragma once

#include <string>
#include <vector>

#include "model/api_model.h"
#include "model/binary_facts.h"

namespace ffifuzz::check {

// How a value of this header type travels in the C calling convention.
model::ValueKind value_kind(const model::ApiModel& api, model::TypeId id);

// The names a record or enum may carry in the library's debug info: its tag name without
// "struct "/"union "/"enum ", and its typedef names.
std::vector<std::string> record_names(const model::Type& type);

// The first function, in header order, that takes or returns this type (through pointers,
// arrays or typedefs): layout findings name the function the bad layout travels through.
std::string first_function_using(const model::ApiModel& api, model::TypeId id);

// "struct config", "enum color": the record as the header names it; an anonymous record
// under its typedef name ("fd_set").
std::string record_label(const model::ApiModel& api, model::TypeId id);

}  // namespace ffifuzz::check
