// cli/export_source: the source fuzz target `ffifuzz export` writes by default
// (docs/export.md, "The source target"): what OSS-Fuzz, ClusterFuzzLite and any other
// builder compile their own way, with their compiler, flags and engine.
//   build.sh                          builds the library and the target, installs into $OUT
//   ffifuzz.conf                      what build.sh needs to know (name, library kind, sources)
//   runner/                           the runner's sources, nlohmann-json's headers,
//                                     payload_data.cpp (the payload, compiled in)
//   <name>_fuzzer.options, .dict, _seed_corpus/
//   lib/<library file>                the library export read (built from no source: prebuilt kind)
//   oss-fuzz/                         Dockerfile, build.sh, project.yaml of an OSS-Fuzz project
//   clusterfuzzlite/                  .clusterfuzzlite/ and .github/workflows/ for a repository
//   README.md
// Nothing in it refers to ffifuzz's checkout or to this machine: it builds anywhere.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cli/libfuzzer_dict.h"
#include "payload/target_payload.h"

namespace ffifuzz::cli {

struct SourceExportRequest {
  std::string folder;
  std::string runner_sources;  // share/ffifuzz/runner-src, built beside ffifuzz
  std::string library;         // the library export read
  std::vector<std::string> headers;  // the library's headers: their folders are include folders of C sources
  // --library-source: one Rust crate folder, or C files and folders of C files; empty: the
  // target installs the library export read (`prebuilt` kind).
  std::vector<std::string> library_sources;
  payload::TargetPayload payload;
  Dictionary dictionary;
  std::vector<std::pair<std::string, std::string>> seeds;  // file stem, text-form program
};

struct SourceExport {
  std::string build_script;  // DIR/build.sh
  std::string kind;          // rust, c or prebuilt
  std::string library_root;  // the library's source folder (empty for prebuilt)
  size_t runner_files = 0;
};

// Throws InputError for --library-source paths that are missing, or neither one Rust
// crate nor C files and folders holding them. Cheap: run before the header is parsed.
void check_library_sources(const std::vector<std::string>& library_sources);

// Throws InputError for library sources that are neither a crate nor C, and naming a file
// that cannot be written.
SourceExport write_source_export(const SourceExportRequest& request);

}  // namespace ffifuzz::cli
