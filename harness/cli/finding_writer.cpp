#include "cli/finding_writer.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>

#include "binary/elf_file.h"
#include "binary/instrumentation.h"
#include "cli/input_file.h"
#include "cli/replay.h"
#include "cli/version.h"
#include "model/error.h"
#include "program/text_form.h"
#include "report/emit_c.h"
#include "report/finding_folder.h"
#include "report/write_file.h"

namespace ffifuzz::cli {
namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string library_build_id(const std::string& lib) {
  try {
    binary::ElfFile elf(lib);
    return binary::build_id(elf.elf());
  } catch (const InputError&) {
    return "";
  }
}

// Another hit of a known key: count it, keep everything else (the first input above all).
WrittenFinding count_hit(const fs::path& folder, const report::DedupKey& key) {
  fs::path summary_path = folder / report::kSummaryFile;
  report::FindingSummary s = report::summary_from_json(read_all(summary_path), summary_path.string());
  ++s.hit_count;
  s.last_seen = report::iso_time_now();
  report::write_file_atomically(summary_path.string(), report::summary_to_json(s));
  return {folder, key, false, s.hit_count};
}

// The folder that holds `key`, if any: its name ends with the short key, its summary has the key.
std::optional<fs::path> folder_of_key(const fs::path& findings, const report::DedupKey& key) {
  std::string suffix = "-" + key.short_hex();
  for (const fs::directory_entry& e : fs::directory_iterator(findings)) {
    std::string name = e.path().filename().string();
    if (name.empty() || name[0] == '.' || !name.ends_with(suffix)) continue;
    fs::path summary = e.path() / report::kSummaryFile;
    if (!fs::exists(summary)) continue;
    if (report::summary_from_json(read_all(summary), summary.string()).key == key.hex) return e.path();
  }
  return std::nullopt;
}

}  // namespace

std::string rustc_version() {
  std::FILE* p = popen("rustc --version 2>/dev/null", "r");
  if (!p) return "unknown";
  char buf[256] = {0};
  std::string v = std::fgets(buf, sizeof buf, p) ? buf : "";
  pclose(p);
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
  return v.empty() ? "unknown" : v;
}

WrittenFinding write_finding(const NewFinding& n) {
  const FuzzSession& s = *n.session;
  report::DedupKey key = finding_key(s, n.finding);
  fs::path findings = n.out / "findings";
  fs::create_directories(findings);
  // One key, one folder: the same bug reached through another exported function is a hit of
  // the folder named after the function it was first seen in.
  if (std::optional<fs::path> known = folder_of_key(findings, key)) return count_hit(*known, key);
  fs::path folder = findings / report::finding_folder_name(n.finding.finding_class, n.finding.function, key.hex);

  InputFile input = read_input_file(s, n.input);
  ReplayTarget target{s.target.options, n.functions};
  report::FindingSummary summary;
  summary.finding_class = n.finding.finding_class;
  summary.function = n.finding.function;
  summary.key = key.hex;
  summary.signature = key.signature;
  summary.message = n.finding.message;
  summary.first_library_frame = n.finding.first_library_frame;
  summary.library_build_id = library_build_id(s.target.options.lib);
  summary.ffifuzz_version = std::string(FFIFUZZ_VERSION) + " (git " + FFIFUZZ_GIT_REVISION + ")";
  summary.clang_version = FFIFUZZ_CLANG_VERSION;
  summary.rustc_version = rustc_version();
  summary.first_seen = summary.last_seen = report::iso_time_now();
  summary.target = to_finding_target(target);

  report::EmitOptions emit;
  emit.headers = s.target.options.headers;
  emit.library = s.target.options.lib;
  emit.heap_buffers = binary::read_instrumentation(s.target.options.lib).address_sanitizer;
  emit.title = n.finding.finding_class + " in " + n.finding.function + " (key " + key.hex + ")";

  // Assembled beside its final place, then renamed: one step from nothing to a whole folder.
  fs::path tmp = findings / ("." + folder.filename().string() + ".tmp-" + std::to_string(getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  report::write_file_atomically((tmp / report::kInputFile).string(), input.bytes);
  report::write_file_atomically((tmp / report::kProgramFile).string(),
                                program::to_text(s.plan, s.target.api, input.program));
  report::write_file_atomically((tmp / report::kReportFile).string(), report::report_section(n.report_log));
  report::write_file_atomically((tmp / report::kReproFile).string(),
                                report::emit_c(s.plan, s.target.api, input.program, emit));
  report::write_file_atomically((tmp / report::kSummaryFile).string(), report::summary_to_json(summary));
  std::error_code ec;
  fs::rename(tmp, folder, ec);
  if (ec) {
    // Another process wrote this key's folder first: this is one more hit of it.
    fs::remove_all(tmp);
    if (std::optional<fs::path> known = folder_of_key(findings, key)) return count_hit(*known, key);
    throw InputError(folder.string() + ": cannot create the finding folder: " + ec.message());
  }
  return {folder, key, true, 1};
}

}  // namespace ffifuzz::cli
