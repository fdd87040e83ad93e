#include "campaign/set_aside.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "report/write_file.h"

namespace ffifuzz::campaign {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// The harness's own checks of returned values: they fire on every call of the function.
bool harness_check(const report::Finding& f) {
  return f.klass == "layout-mismatch" || f.klass == "contract-violation" ||
         (f.klass == "heap-overflow" && f.message.rfind("==ffifuzz== ERROR:", 0) == 0);
}

// "record_new at src/lib.rs:12:5" -> "record_new"
std::string frame_function(const std::string& frame) {
  size_t at = frame.find(" at ");
  return at == std::string::npos ? frame : frame.substr(0, at);
}

std::string why(const report::Finding& f) {
  return f.klass + " key " + f.key.substr(0, 8) + ", " + std::to_string(f.hits) + " hit" + (f.hits == 1 ? "" : "s");
}

// Skipping `f` leaves objects unreleased only when the harness's final releases use it: it is
// some producer's releaser. One that only takes objects over (libyaml's yaml_emitter_emit and
// its event) can be set aside: what it would have taken stays the harness's, released by its
// own releaser.
bool final_releases_use(const program::ApiPlan& plan, const program::FunctionPlan& f) {
  const int index = plan.index_of(f.name);
  if (index < 0) return true;  // unknown: the careful answer
  for (const program::FunctionPlan& g : plan.functions)
    if (g.releaser == index) return true;
  return false;
}

}  // namespace

SetAside::SetAside(std::filesystem::path list, std::filesystem::path leak_suppressions)
    : list_(std::move(list)), leaks_(std::move(leak_suppressions)) {}

std::string SetAside::consider(const report::Finding& finding, const program::ApiPlan& plan) {
  // What the harness called is what it can stop calling (the stack may name another function).
  report::Finding f = finding;
  // (Not for a leak: its `called` is the call running when it was reported, a final release;
  // its function is the call that made what leaked.)
  if (!f.called.empty() && plan.index_of(f.called) >= 0 && f.klass != "leak") f.function = f.called;
  if (f.function.empty()) return "";
  std::string line;
  if (harness_check(f)) {
    if (contains(unchecked_, f.function)) return "";
    unchecked_.push_back(f.function);
    lines_.push_back("unchecked " + f.function + "\t# " + why(f));
    line = f.function + ": what it returns is no longer checked (" + why(f) + ")";
  } else if (f.klass == "leak" && !finding.first_library_frame.empty()) {
    if (f.hits < 2) return "";
    // A frame of the leak's own stack, not the function the harness called: LeakSanitizer
    // matches suppressions against the stack (xmlMemMalloc's leak is allocated in xmlMallocLoc).
    std::string frame =
        frame_function(finding.first_library_frame.empty() ? finding.function : finding.first_library_frame);
    if (frame.empty() || contains(suppress_, frame)) return "";
    suppress_.push_back(frame);
    line = "leaks allocated under " + frame + " are no longer reported (" + why(f) + ")";
  } else {
    // (A leak whose stack names no function of the library, a stripped one's like Debian's
    // libzip, cannot be suppressed by name: the call that made it is skipped instead.)
    bool costly = f.klass == "timeout" || f.klass == "out-of-memory";
    if (f.hits < (costly ? 1 : 2) || contains(skip_, f.function)) return "";
    const program::FunctionPlan* fp = plan.find(f.function);
    if (fp && fp->is_releaser && final_releases_use(plan, *fp)) {
      if (contains(refused_, f.function)) return "";
      refused_.push_back(f.function);
      line = f.function + ": not set aside although its bug keeps firing (" + why(f) +
             "): it releases objects, and skipping it would leak them";
      said_.push_back(line);
      return line;
    }
    skip_.push_back(f.function);
    lines_.push_back("skip " + f.function + "\t# " + why(f));
    line = f.function + ": calls skipped for the rest of the run (" + why(f) + ")";
  }
  write();
  said_.push_back(line);
  return line;
}

bool SetAside::skips(const std::string& function) const { return contains(skip_, function); }

void SetAside::write() const {
  std::string text = "# ffifuzz: set aside for the rest of this run (campaign/set_aside.h)\n";
  for (const std::string& l : lines_) text += l + "\n";
  report::write_file_atomically(list_.string(), text);
  std::string supp = "# ffifuzz: leaks already reported in this run\n";
  for (const std::string& s : suppress_) supp += "leak:" + s + "\n";
  report::write_file_atomically(leaks_.string(), supp);
}

void write_set_aside_without(const std::string& list, const std::vector<std::string>& functions,
                             const std::string& into) {
  std::ifstream in(list);
  std::string kept, line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string what, name;
    const bool names_one = static_cast<bool>(words >> what >> name) && (what == "skip" || what == "unchecked");
    if (names_one && contains(functions, name)) continue;
    kept += line + "\n";
  }
  report::write_file_atomically(into, kept);
}

SetAsideNames read_set_aside(const std::string& list) {
  SetAsideNames out;
  std::ifstream in(list);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string what, name;
    if (!(words >> what >> name)) continue;
    if (what == "skip") out.skip.push_back(name);
    else if (what == "unchecked") out.unchecked.push_back(name);
  }
  return out;
}

}  // namespace ffifuzz::campaign
