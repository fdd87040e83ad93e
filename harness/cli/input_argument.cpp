#include "cli/input_argument.h"

#include <filesystem>

#include "model/error.h"
#include "report/finding_folder.h"

namespace ffifuzz::cli {

std::string input_argument(const std::string& arg, const std::string& command) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(arg, ec)) return arg;
  const fs::path input = fs::path(arg) / report::kInputFile;
  if (fs::is_regular_file(input, ec)) return input.string();
  throw InputError(arg + ": is a folder, not an input or a finding folder (no '" + report::kInputFile + "' in it); " +
                   command + " takes input files or finding folders" +
                   (command == "repro" ? "; to replay every input in a folder use 'ffifuzz regress " + arg + "'" : ""));
}

}  // namespace ffifuzz::cli
