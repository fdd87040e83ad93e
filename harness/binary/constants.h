// binary/constants: the constants a library compares against, read from its machine code.
// Job: give the fuzzer the magic values an uninstrumented library checks for. With
// SanitizerCoverage, trace-cmp tells libFuzzer these values at run time; a shipped .so has
// no such feedback, so ffifuzz reads the immediates of x86-64 compare (and add/sub/xor with
// an immediate, how compilers often test equality) instructions in the executable sections.
// The scan is byte-pattern based, not a disassembler: a few stray values are harmless,
// they only become candidate argument values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ffifuzz::binary {

// Distinct constants (at least 256 in magnitude), at most `limit` of them, most frequent
// first. 32-bit immediates are returned zero-extended; their negation is included for
// add/sub forms. Returns nothing for other architectures.
std::vector<uint64_t> read_compare_constants(const std::string& path, size_t limit = 4096);

}  // namespace ffifuzz::binary
