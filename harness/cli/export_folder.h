// cli/export_folder: the files of an exported fuzz target (docs/export.md), as OSS-Fuzz,
// ClusterFuzz and ClusterFuzzLite find them in $OUT:
//   <name>_fuzzer                      the runner with the payload appended
//   <name>_fuzzer.options              [libfuzzer] ffifuzz's flag defaults, dict = ...
//   <name>_fuzzer.dict                 enumerators and compare constants
//   <name>_fuzzer_seed_corpus/         the seed programs in text form
//   <name>_fuzzer_seed_corpus.zip      the same, when `zip` is installed
//   lib/<library file>                 the library under test
// Each file appears whole or not at all (a temporary name, then rename); files already in
// the folder that are not these are left alone ($OUT holds other targets too).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cli/libfuzzer_dict.h"
#include "payload/target_payload.h"

namespace ffifuzz::cli {

struct ExportRequest {
  std::string folder;
  std::string runner;        // the bare ffifuzz-runner executable
  std::string library;       // the library to copy; payload.library names its place in the folder
  payload::TargetPayload payload;
  Dictionary dictionary;
  std::vector<std::pair<std::string, std::string>> seeds;  // file stem, text-form program
};

struct ExportedFiles {
  std::string target;       // the fuzz target executable
  std::string seed_zip;     // empty when `zip` is not installed
  std::string seed_folder;
};

// Throws InputError naming the file that cannot be written.
ExportedFiles write_export_folder(const ExportRequest& request);

// The <name>_fuzzer.options file OSS-Fuzz and ClusterFuzz read: [libfuzzer] with ffifuzz's
// flag defaults ("-timeout=10" -> "timeout = 10") and `dict = dict_file`.
std::string libfuzzer_options_text(const std::string& dict_file);

}  // namespace ffifuzz::cli
