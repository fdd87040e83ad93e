#include "cli/export_source.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "cli/export_folder.h"
#include "model/error.h"
#include "report/write_file.h"

namespace ffifuzz::cli {
namespace {

namespace fs = std::filesystem;

// What build.sh builds the library from.
struct LibrarySources {
  std::string kind = "prebuilt";
  fs::path root;                          // the crate, or the folder every C source is under
  std::vector<std::string> c_sources;     // relative to root
  std::vector<std::string> c_includes;    // relative to root
};

bool is_c_source(const fs::path& p) { return p.extension() == ".c"; }

fs::path common_folder(const std::vector<fs::path>& paths) {
  fs::path common = paths.front().parent_path();
  for (const fs::path& p : paths) {
    while (!common.empty() && std::mismatch(common.begin(), common.end(), p.begin(), p.end()).first != common.end())
      common = common.parent_path();
  }
  return common;
}

bool inside(const fs::path& path, const fs::path& folder) {
  return std::mismatch(folder.begin(), folder.end(), path.begin(), path.end()).first == folder.end();
}

LibrarySources library_sources_of(const std::vector<std::string>& given, const std::vector<std::string>& headers) {
  LibrarySources s;
  if (given.empty()) return s;
  std::vector<fs::path> paths;
  for (const std::string& g : given) {
    std::error_code ec;
    fs::path p = fs::canonical(g, ec);
    if (ec) throw InputError("--library-source " + g + ": no such file or folder");
    paths.push_back(p);
  }
  if (paths.size() == 1 && fs::is_regular_file(paths[0] / "Cargo.toml")) {
    s.kind = "rust";
    s.root = paths[0];
    return s;
  }
  std::vector<fs::path> files;
  for (const fs::path& p : paths) {
    if (fs::is_directory(p)) {
      if (fs::is_regular_file(p / "Cargo.toml"))
        throw InputError("--library-source " + p.string() + ": a Rust crate is given alone, without other sources");
      std::vector<fs::path> found;
      for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file() && is_c_source(e.path())) found.push_back(e.path());
      if (found.empty()) throw InputError("--library-source " + p.string() + ": no .c file in this folder (nor a Cargo.toml)");
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (is_c_source(p)) {
      files.push_back(p);
    } else {
      throw InputError("--library-source " + p.string() +
                       ": give a Rust crate's folder, C files (.c) or folders of them");
    }
  }
  s.kind = "c";
  s.root = common_folder(files);
  std::set<std::string> includes;
  for (const std::string& header : headers) {
    const fs::path header_dir = fs::canonical(header).parent_path();
    if (inside(header_dir, s.root)) includes.insert(fs::relative(header_dir, s.root).string());
  }
  for (const fs::path& f : files) {
    s.c_sources.push_back(fs::relative(f, s.root).string());
    includes.insert(fs::relative(f.parent_path(), s.root).string());
  }
  s.c_includes.assign(includes.begin(), includes.end());
  return s;
}

// A word for a bash script: single-quoted.
std::string shell_word(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string shell_array(const std::vector<std::string>& items) {
  std::string out = "(";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? " " : "") + shell_word(items[i]);
  return out + ")";
}

std::string conf_text(const SourceExportRequest& r, const LibrarySources& s, const fs::path& folder) {
  std::string library_source = s.kind == "prebuilt" ? "." : fs::relative(s.root, folder).string();
  std::string t =
      "# Written by 'ffifuzz export' (docs/export.md); read by build.sh. Paths are relative to this folder.\n";
  t += "FFIFUZZ_NAME=" + shell_word(r.payload.name) + "\n";
  t += "FFIFUZZ_LIBRARY_FILE=" + shell_word(fs::path(r.library).filename().string()) + "\n";
  t += "FFIFUZZ_LIBRARY_KIND=" + s.kind + "  # rust: cargo; c: the sources below with $CC $CFLAGS; prebuilt: lib/\n";
  t += "FFIFUZZ_LIBRARY_SOURCE=" + shell_word(library_source) + "  # LIBRARY_SRC in the environment overrides it\n";
  t += "FFIFUZZ_C_SOURCES=" + shell_array(s.c_sources) + "  # relative to the library source\n";
  t += "FFIFUZZ_C_INCLUDES=" + shell_array(s.c_includes) + "\n";
  return t;
}

// The payload as a C++ source: a byte array, so that any compiler takes it whatever it holds.
std::string payload_source(const std::string& payload) {
  std::string t =
      "// The fuzz target's payload (docs/export.md): the API model and contracts 'ffifuzz export'\n"
      "// read, as JSON. Generated: export again instead of editing it.\n"
      "extern \"C\" const unsigned long ffifuzz_compiled_payload_size = " +
      std::to_string(payload.size()) + "UL;\nextern \"C\" const char ffifuzz_compiled_payload[] = {\n";
  char byte[8];
  for (size_t i = 0; i < payload.size(); ++i) {
    std::snprintf(byte, sizeof byte, "%d,", static_cast<signed char>(payload[i]));
    t += byte;
    if (i % 24 == 23) t += '\n';
  }
  return t + "0};\n";
}

std::string replace_all(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  }
  return text;
}

// Copies the tree `from` to `to` through a temporary folder beside it: the old tree is
// replaced whole. Returns the number of files.
size_t replace_tree(const fs::path& from, const fs::path& to) {
  const fs::path temp = to.parent_path() / ("." + to.filename().string() + ".tmp." + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove_all(temp, ec);
  fs::copy(from, temp, fs::copy_options::recursive, ec);
  if (ec) throw InputError(temp.string() + ": cannot copy " + from.string() + " here (" + ec.message() + ")");
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(temp))
    if (e.is_regular_file()) ++files;
  fs::remove_all(to, ec);
  fs::rename(temp, to, ec);
  if (ec) throw InputError(to.string() + ": cannot write (" + ec.message() + ")");
  return files;
}

void make_executable(const fs::path& p) {
  fs::permissions(p, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec, fs::perm_options::add);
}

}  // namespace

void check_library_sources(const std::vector<std::string>& library_sources) { (void)library_sources_of(library_sources, {}); }

SourceExport write_source_export(const SourceExportRequest& r) {
  const fs::path dir = fs::absolute(r.folder);
  const fs::path src = r.runner_sources;
  if (!fs::is_regular_file(src / "sources.txt") || !fs::is_regular_file(src / "export" / "build.sh"))
    throw std::runtime_error(src.string() + " is missing or incomplete: build ffifuzz (its ffifuzz-runner-src target)");
  const LibrarySources lib = library_sources_of(r.library_sources, r.headers);
  const std::string stem = r.payload.name + "_fuzzer";
  std::error_code ec;
  for (const fs::path& d : {dir, dir / (stem + "_seed_corpus")}) {
    fs::create_directories(d, ec);
    if (ec) throw InputError(d.string() + ": cannot create the folder (" + ec.message() + "); choose another -o");
  }

  // The runner's sources, with the payload beside them: one folder, replaced whole.
  const fs::path staging = dir / ("." + stem + ".runner." + std::to_string(::getpid()));
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  auto copied = [&](const std::error_code& error) {
    if (error) throw InputError(staging.string() + ": cannot copy the runner's sources here (" + error.message() + ")");
  };
  for (const char* part : {"harness", "third_party"}) {
    fs::copy(src / part, staging / part, fs::copy_options::recursive, ec);
    copied(ec);
  }
  fs::copy_file(src / "sources.txt", staging / "sources.txt", ec);
  copied(ec);
  report::write_file_atomically((staging / "payload_data.cpp").string(), payload_source(payload::write_payload(r.payload)));
  SourceExport out;
  out.runner_files = replace_tree(staging, dir / "runner");
  fs::remove_all(staging, ec);

  // The library export read: what build.sh installs when it has no sources to build.
  if (lib.kind == "prebuilt") {
    fs::create_directories(dir / "lib", ec);
    const fs::path copy = dir / "lib" / fs::path(r.library).filename();
    const std::string temp = copy.string() + ".tmp." + std::to_string(::getpid());
    fs::copy_file(r.library, temp, fs::copy_options::overwrite_existing, ec);
    if (ec) throw InputError(temp + ": cannot copy " + r.library + " here (" + ec.message() + ")");
    fs::rename(temp, copy, ec);
  }

  fs::remove_all(dir / (stem + "_seed_corpus"), ec);
  fs::create_directories(dir / (stem + "_seed_corpus"), ec);
  for (const auto& [name, text] : r.seeds)
    report::write_file_atomically((dir / (stem + "_seed_corpus") / (name + ".txt")).string(), text);
  report::write_file_atomically((dir / (stem + ".dict")).string(), r.dictionary.text);
  report::write_file_atomically((dir / (stem + ".options")).string(), libfuzzer_options_text(stem + ".dict"));
  report::write_file_atomically((dir / "ffifuzz.conf").string(), conf_text(r, lib, dir));

  // build.sh and the project files, with this target's names filled in.
  const bool rust = lib.kind == "rust";
  std::string export_path = dir.filename().string();
  if (lib.kind != "prebuilt" && inside(dir, lib.root)) export_path = fs::relative(dir, lib.root).string();
  const std::string project = lib.kind == "prebuilt" ? r.payload.name : lib.root.filename().string();
  const std::map<std::string, std::string> values = {
      {"@NAME@", r.payload.name},
      {"@PROJECT@", project},
      {"@EXPORT_PATH@", export_path},
      {"@LANGUAGE@", rust ? "rust" : "c++"},
      {"@BASE_IMAGE@", rust ? "gcr.io/oss-fuzz-base/base-builder-rust" : "gcr.io/oss-fuzz-base/base-builder"},
  };
  const fs::path templates = src / "export";
  for (const auto& e : fs::recursive_directory_iterator(templates)) {
    if (!e.is_regular_file()) continue;
    const fs::path rel = fs::relative(e.path(), templates);
    const fs::path to = dir / rel;
    fs::create_directories(to.parent_path(), ec);
    report::write_file_atomically(to.string(), replace_all(report::read_whole_file(e.path().string()), values));
    if (to.extension() == ".sh") make_executable(to);
  }
  out.build_script = (dir / "build.sh").string();
  out.kind = lib.kind;
  out.library_root = lib.root.string();
  return out;
}

}  // namespace ffifuzz::cli
