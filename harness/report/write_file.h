// Writing a result file so that no reader ever sees half of it: a temporary name in the
// same folder, then rename.
#pragma once

#include <string>

namespace ffifuzz::report {

// Throws InputError naming the file when it cannot be written.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace ffifuzz::report
