// exec/post_call: checks on what a call returned, and how the harness itself reports a
// finding that no sanitizer would see.
// Job: a returned struct pointer whose allocation is not the header's sizeof is a
// layout-mismatch; the harness then reads every byte the header says the struct has, so
// that ASan also sees a struct smaller than the header's. A returned C string (a plain char *
// result, or returns.cstring) must be NUL-terminated inside its allocation; other bytes are
// not checked so (a decoder's output).
// May depend on: model, the sanitizer interface.
#pragma once

#include <string>

#include "model/api_model.h"

namespace ffifuzz::exec {

// `base`: the library's objects of this type begin with it and may be larger (a contract's
// [types.T] base = true), so only a smaller allocation is a mismatch.
void check_returned_pointer(const model::ApiModel& api, const std::string& function, model::TypeId pointee,
                            const void* result, bool owned, bool base = false, bool cstring = false);

// Prints "==ffifuzz== ERROR: <class>: <message>", the stack, and aborts: libFuzzer then
// saves the input like any other crash, and the report layer classifies it by that line.
[[noreturn]] void report_finding(const char* finding_class, const std::string& message);

}  // namespace ffifuzz::exec
