#include "campaign/finding_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>

#include "binary/elf_file.h"
#include "binary/instrumentation.h"
#include "campaign/folder_contracts.h"
#include "campaign/replay.h"
#include "campaign/version.h"
#include "model/error.h"
#include "program/codec.h"
#include "program/text_form.h"
#include "report/emit_c.h"
#include "report/finding_folder.h"
#include "report/write_file.h"

namespace ffifuzz::campaign {
namespace fs = std::filesystem;

namespace {

std::string library_build_id(const std::string& lib) {
  try {
    binary::ElfFile elf(lib);
    return binary::build_id(elf.elf());
  } catch (const InputError&) {
    return "";
  }
}

// Held while a folder is looked up, created or counted.
class FolderLock {
 public:
  explicit FolderLock(const fs::path& findings) {
    fd_ = open((findings / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ >= 0) flock(fd_, LOCK_EX);
  }
  ~FolderLock() {
    if (fd_ >= 0) close(fd_);  // releases the lock
  }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_ = -1;
};

// Another hit of a known key: count it, keep everything else (the first input above all).
StoredFinding count_hit(const fs::path& folder) {
  fs::path summary_path = folder / report::kSummaryFile;
  report::FindingSummary s = report::summary_from_json(report::read_whole_file(summary_path.string()), summary_path.string());
  ++s.finding.hits;
  s.last_seen = report::iso_time_now();
  report::write_file_atomically(summary_path.string(), report::summary_to_json(s));
  return {folder, false, s.finding.hits};
}

// The folder that holds `key`, if any: its name ends with the short key, its summary has the key.
std::optional<fs::path> folder_of_key(const fs::path& findings, const std::string& key) {
  std::string suffix = "-" + key.substr(0, 8);
  for (const fs::directory_entry& e : fs::directory_iterator(findings)) {
    std::string name = e.path().filename().string();
    if (name.empty() || name[0] == '.' || !name.ends_with(suffix)) continue;
    fs::path summary = e.path() / report::kSummaryFile;
    if (!fs::exists(summary)) continue;
    if (report::summary_from_json(report::read_whole_file(summary.string()), summary.string()).finding.key == key) return e.path();
  }
  return std::nullopt;
}

// How the folder's repro.c is written: the program placed as the run placed it.
report::EmitOptions repro_options(const FuzzSession& s, const report::Finding& finding) {
  report::EmitOptions emit;
  emit.headers = s.target.options.headers;
  emit.include_dirs = s.target.options.include_dirs;
  emit.library = s.target.options.lib;
  emit.heap_buffers = binary::read_instrumentation(s.target.options.lib).address_sanitizer;
  emit.title = finding.klass + " in " + finding.function + " (key " + finding.key + ")";
  emit.repeat = finding.repeat;
  return emit;
}

}  // namespace

FindingInput read_saved_input(const FuzzSession& s, const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(path + ": cannot read the saved input");
  FindingInput in;
  in.bytes.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  in.text = program::looks_like_text(in.bytes);
  if (in.text) {
    try {
      in.program = program::from_text(s.plan, s.target.api, in.bytes, path);
    } catch (const InputError&) {
      in.program.calls.clear();  // as the worker ran it: the empty program
    }
  } else {
    in.program = program::decode(s.plan, s.target.api,
                                 {reinterpret_cast<const uint8_t*>(in.bytes.data()), in.bytes.size()});
  }
  return in;
}

std::string rustc_version() {
  std::FILE* p = popen("rustc --version 2>/dev/null", "r");
  if (!p) return "unknown";
  char buf[256] = {0};
  std::string v = std::fgets(buf, sizeof buf, p) ? buf : "";
  pclose(p);
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
  return v.empty() ? "unknown" : v;
}

StoredFinding store_finding(const fs::path& out, const FuzzSession& s, const std::vector<std::string>& functions,
                            const report::Finding& finding, const FindingInput& input, const std::string& report_log) {
  fs::path findings = out / "findings";
  fs::create_directories(findings);
  FolderLock lock(findings);
  // One key, one folder: the same bug reached through another exported function is a hit of
  // the folder named after the function it was first seen in.
  if (std::optional<fs::path> known = folder_of_key(findings, finding.key)) return count_hit(*known);
  fs::path folder = findings / report::finding_folder_name(finding.klass, finding.function, finding.key);

  report::FindingSummary summary;
  summary.finding = finding;
  summary.finding.hits = 1;
  summary.library_build_id = library_build_id(s.target.options.lib);
  summary.ffifuzz_version = std::string(FFIFUZZ_VERSION) + " (git " + FFIFUZZ_GIT_REVISION + ")";
  summary.clang_version = FFIFUZZ_CLANG_VERSION;
  summary.rustc_version = rustc_version();
  summary.first_seen = summary.last_seen = report::iso_time_now();
  summary.target = to_finding_target({s.target.options, functions});

  // Assembled beside its final place, then renamed: one step from nothing to a whole folder.
  fs::path tmp = findings / ("." + folder.filename().string() + ".tmp-" + std::to_string(getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  // The contract files the program was planned with travel with it (folder_contracts.h): an
  // edited contract, or today's learned.toml, which may hold the rule this very finding
  // taught, would make the input another program, or a clean one.
  copy_contract_files(s.target.options, tmp, summary.target);
  std::string program_text = program::to_text(s.plan, s.target.api, input.program);
  // A note after the text form's first line (which says what the file is).
  std::string note;
  if (!finding.reproduces)
    note = "# This input alone does not show the finding: it depended on what earlier inputs did to the\n"
           "# process (see report.txt). It is the input that was running when it showed.\n";
  else if (finding.repeat > 1)
    note = "# Shows when run " + std::to_string(finding.repeat) +
           " times over in one process (every replay and repro.c repeat it so).\n";
  program_text.insert(program_text.find('\n') + 1, note);
  report::write_file_atomically((tmp / report::kInputFile).string(), input.bytes);
  report::write_file_atomically((tmp / report::kProgramFile).string(), program_text);
  report::write_file_atomically((tmp / report::kReportFile).string(), report::report_section(report_log));
  report::EmitOptions emit = repro_options(s, finding);
  emit.replay_log = report_log;  // the C program passes the objects this replay passed
  report::write_file_atomically((tmp / report::kReproFile).string(), report::emit_c(s.plan, s.target.api, input.program, emit));
  report::write_file_atomically((tmp / report::kSummaryFile).string(), report::summary_to_json(summary));
  std::error_code ec;
  fs::rename(tmp, folder, ec);
  if (ec) {
    fs::remove_all(tmp);
    throw InputError(folder.string() + ": cannot create the finding folder: " + ec.message());
  }
  return {folder, true, 1};
}

}  // namespace ffifuzz::campaign

namespace ffifuzz::campaign {

void write_minimized_repro(const fs::path& folder, const FuzzSession& s, const report::Finding& finding,
                           const program::Program& minimized, size_t calls_before, const std::string& replay_log) {
  report::EmitOptions emit = repro_options(s, finding);
  emit.replay_log = replay_log;
  emit.title += ", minimized: " + std::to_string(minimized.calls.size()) + " of " + std::to_string(calls_before) +
                " calls (" + report::kInputFile + std::string(".min.txt)");
  report::write_file_atomically((folder / report::kReproFile).string(), report::emit_c(s.plan, s.target.api, minimized, emit));
}

}  // namespace ffifuzz::campaign
