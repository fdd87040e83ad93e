// Small file and text helpers every end-to-end test needs: a test's own fresh folder, a file's
// whole text, the end of a long output for a failure message, how often a line occurs.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace ffifuzz::test {

// $TMPDIR/ffifuzz-<suite>-<name>-<pid>, emptied and created: one per test, so that two test
// binaries running side by side (ctest -j) never share one.
std::filesystem::path fresh_dir(const std::string& suite, const std::string& name);

// The file's bytes; "" when it cannot be read (the test's expectation then says what is missing).
std::string read_file(const std::filesystem::path& path);

// The last `n` characters: the part of a run's output a failure message needs.
std::string tail(const std::string& text, size_t n = 6000);

// How many times `part` occurs in `text`, overlapping occurrences counted.
size_t count_of(const std::string& text, const std::string& part);

}  // namespace ffifuzz::test
