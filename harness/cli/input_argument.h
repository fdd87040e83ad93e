// cli/input_argument: the FILE argument of repro, minimize and emit-c. A finding folder
// (report/finding_folder.h: it holds an `input`) stands for its input, so the folder a run
// printed can be passed as it is; any other folder is one line saying what the command takes.
#pragma once

#include <string>

namespace ffifuzz::cli {

// `arg` itself, or FOLDER/input for a finding folder. Throws InputError for another folder.
std::string input_argument(const std::string& arg, const std::string& command);

}  // namespace ffifuzz::cli
