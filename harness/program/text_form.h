// program/text_form: programs as people read and write them.
// Job: print a program as C-like calls with concrete values, and read that text back (for
// hand-written seeds and for repro of a program.txt). Handles are named after the call that
// returned them:
//     # ffifuzz program v1
//     r0 = token_new(7);
//     token_kind(r0);
//     blob_checksum("\x01\x02abc", 5);      (a length that goes with a buffer is derived)
//     point_distance(&(struct Point){.x = 1.5, .y = -2}, NULL);
// Reading is strict: an unknown function, a wrong number of arguments, a value of the wrong
// kind or a syntax error is an InputError naming the line and column and saying what was
// expected there ("seed.txt:3:16: expected ')' to end the call to f (it takes 1 argument),
// found ';'").
// May depend on: model, program.
#pragma once

#include <string>

#include "program/program.h"

namespace ffifuzz::program {

std::string to_text(const ApiPlan& plan, const model::ApiModel& api, const Program& program);

// `source` names the text in error messages ("seed.txt"). Throws InputError.
Program from_text(const ApiPlan& plan, const model::ApiModel& api, const std::string& text, const std::string& source);

// True when the bytes look like the text form rather than the binary codec.
bool looks_like_text(const std::string& bytes);

}  // namespace ffifuzz::program
