// program/storage: resizes and copies of programs that keep the memory of what they drop.
// Job: the fuzz loop decodes, copies, mutates and crosses over one or two programs per
// execution. Done with plain vector operations, every call or argument dropped frees its
// vectors and every one added allocates new ones; in the ASan-hosting worker each of those
// allocations records a stack trace (docs/ARCHITECTURE.md, "Speed"). Here a
// dropped call or argument goes to a small per-thread pool with its storage, and an added one
// comes from there, reset to the default value: the result is the same program, made
// without allocating once the pool has warmed up.
// May depend on: program/program.
#pragma once

#include <cstddef>
#include <vector>

#include "program/program.h"

namespace ffifuzz::program {

// Like calls.resize(n) / args.resize(n): added elements are default-valued.
void resize_calls(std::vector<Call>& calls, size_t n);
void resize_args(std::vector<Arg>& args, size_t n);
// Like calls.erase(calls.begin() + at).
void erase_call(std::vector<Call>& calls, size_t at);
// Like to = from, reusing `to`'s storage.
void copy_into(const Call& from, Call& to);
void copy_into(const Program& from, Program& to);

}  // namespace ffifuzz::program
