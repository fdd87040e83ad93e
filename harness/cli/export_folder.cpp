#include "cli/export_folder.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "campaign/worker_process.h"
#include "driver/libfuzzer_defaults.h"
#include "model/error.h"
#include "payload/embedded_payload.h"
#include "report/write_file.h"

namespace ffifuzz::cli {
namespace {

namespace fs = std::filesystem;

std::string temp_name(const fs::path& path) {
  return (path.parent_path() / ("." + path.filename().string() + ".tmp." + std::to_string(::getpid()))).string();
}

void copy_to_temp(const std::string& from, const std::string& temp) {
  std::error_code ec;
  fs::copy_file(from, temp, fs::copy_options::overwrite_existing, ec);
  if (ec) throw InputError(temp + ": cannot copy " + from + " here (" + ec.message() + ")");
}

void rename_into_place(const std::string& temp, const fs::path& path) {
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw InputError(path.string() + ": cannot write (" + ec.message() + ")");
  }
}

// The runner with the payload appended, read back before it takes its name: a target that
// exists is one that loads.
void write_target(const ExportRequest& r, const fs::path& path) {
  const std::string temp = temp_name(path);
  copy_to_temp(r.runner, temp);
  const std::string text = payload::write_payload(r.payload);
  payload::append_payload(temp, text);
  std::optional<std::string> back = payload::read_appended_payload(temp);
  if (!back || payload::read_payload(*back) != r.payload) {
    fs::remove(temp);
    throw std::runtime_error(temp + ": the payload written does not read back the same");
  }
  fs::permissions(temp, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
  rename_into_place(temp, path);
}

}  // namespace

std::string libfuzzer_options_text(const std::string& dict_file) {
  std::string text = "[libfuzzer]\n";
  std::vector<std::string> flags = driver::libfuzzer_limit_flags();
  for (const std::string& f : driver::libfuzzer_search_flags()) flags.push_back(f);
  for (const std::string& f : flags) {
    size_t eq = f.find('=');
    text += f.substr(1, eq - 1) + " = " + f.substr(eq + 1) + "\n";
  }
  return text + "dict = " + dict_file + "\n";
}

namespace {

std::string find_in_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    fs::path candidate = fs::path(dirs.substr(start, end - start)) / program;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    start = end + 1;
  }
  return "";
}

// OSS-Fuzz unpacks <target>_seed_corpus.zip into the target's corpus; flat, no folders.
std::string write_seed_zip(const fs::path& folder, const fs::path& zip_path) {
  const std::string zip = find_in_path("zip");
  if (zip.empty()) return "";
  const std::string temp = temp_name(zip_path) + ".zip";  // zip appends .zip to a name without it
  std::vector<std::string> argv = {zip, "-q", "-j", "-X", temp};
  for (const fs::directory_entry& e : fs::directory_iterator(folder)) argv.push_back(e.path().string());
  std::string output;
  campaign::WorkerEnd exit = campaign::run_worker({.argv = argv}, [&](std::string_view line) { output.append(line).push_back('\n'); });
  if (exit.exit_code != 0) {
    std::error_code ec;
    fs::remove(temp, ec);
    throw InputError(zip_path.string() + ": zip failed: " + output);
  }
  rename_into_place(temp, zip_path);
  return zip_path.string();
}

}  // namespace

ExportedFiles write_export_folder(const ExportRequest& r) {
  const fs::path dir = fs::absolute(r.folder);
  const std::string stem = r.payload.name + "_fuzzer";
  const fs::path lib = dir / r.payload.library;
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw InputError(dir.string() + ": exists and is not a folder; choose another -o");
  // The seed folder is this target's own: seeds of an earlier export must not linger.
  fs::remove_all(dir / (stem + "_seed_corpus"), ec);
  for (const fs::path& d : {dir, lib.parent_path(), dir / (stem + "_seed_corpus")}) {
    fs::create_directories(d, ec);
    if (ec) throw InputError(d.string() + ": cannot create the folder (" + ec.message() + "); choose another -o");
  }
  // The library first: a target that exists finds its library.
  const std::string lib_temp = temp_name(lib);
  copy_to_temp(r.library, lib_temp);
  rename_into_place(lib_temp, lib);

  ExportedFiles out;
  out.seed_folder = (dir / (stem + "_seed_corpus")).string();
  for (const auto& [name, text] : r.seeds) report::write_file_atomically((fs::path(out.seed_folder) / (name + ".txt")).string(), text);
  out.seed_zip = write_seed_zip(out.seed_folder, dir / (stem + "_seed_corpus.zip"));
  report::write_file_atomically((dir / (stem + ".dict")).string(), r.dictionary.text);
  report::write_file_atomically((dir / (stem + ".options")).string(), libfuzzer_options_text(stem + ".dict"));
  out.target = (dir / stem).string();
  write_target(r, out.target);
  return out;
}

}  // namespace ffifuzz::cli
