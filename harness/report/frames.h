// report/frames: which frames of a symbolized stack belong to the library under test.
// Job: tell the library's own frames from the machinery around them (the harness, libFuzzer,
// libffi, the sanitizers' interceptors, libc's abort, Rust's panic and allocation code and
// its standard library inlined into the library), and give a frame's function a short,
// build-independent name. Classification and dedup keys both read stacks through this.
// May depend on: report/classify (StackFrame).
#pragma once

#include <string>

#include "report/classify.h"

namespace ffifuzz::report {

// True for frames that are never the library's own code.
bool is_machinery(const StackFrame& frame);

// True when the frame is in the library under test (by module, path or source file).
bool in_library(const StackFrame& frame, const ClassifyContext& context);

// True for a library's own allocation function (xmalloc, ares_malloc, g_strdup, pool_alloc):
// a leak's stack passes through it from every allocation site, so it names none of them.
bool is_allocator_wrapper(const std::string& function);

// "crate::module::name::h0123456789abcdef" -> "name"; "f(int, char)" -> "f".
std::string short_name(std::string function);

// "crate::module::name::h0123456789abcdef" -> "crate::module::name": the symbol without
// the Rust hash (which changes with every build) or C++ parameter list.
std::string stable_name(std::string function);

}  // namespace ffifuzz::report
