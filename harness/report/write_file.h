// Writing a result file so that no reader ever sees half of it: a temporary name in the
// same folder, then rename.
#pragma once

#include <string>

namespace ffifuzz::report {

// Throws InputError naming the file when it cannot be written.
void write_file_atomically(const std::string& path, const std::string& content);

// The whole file, as bytes; "" when it cannot be read (the caller says whether that matters).
std::string read_whole_file(const std::string& path);

}  // namespace ffifuzz::report
