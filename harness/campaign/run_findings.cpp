#include "campaign/run_findings.h"

#include <regex>

#include "campaign/finding_store.h"
#include "campaign/leak_origin.h"
#include "campaign/libfuzzer_output.h"
#include "campaign/minimize_input.h"
#include "campaign/stop_signals.h"
#include "model/error.h"
#include "report/dedup.h"

namespace ffifuzz::campaign {
namespace fs = std::filesystem;

namespace {

// How many times a saved input is run over in one process when once shows nothing.
constexpr unsigned kRepeatRuns = 1000;

// "bugs_msg_free at /src/memory.c:89:3" -> the file, line and column; false when the frame
// was not symbolized to a source line ("(libfoo.so+0x1234)").
bool source_of_frame(const std::string& frame, model::SourceLoc& loc, unsigned& column) {
  static const std::regex re(R"( at (.+?):(\d+)(?::(\d+))?$)");
  std::smatch m;
  if (!std::regex_search(frame, m, re)) return false;
  loc.file = m[1];
  loc.line = static_cast<unsigned>(std::stoul(m[2]));
  column = m[3].matched ? static_cast<unsigned>(std::stoul(m[3])) : 0;
  return loc.line > 0;
}

}  // namespace

report::Finding* RunFindings::find(const std::string& key) {
  for (report::Finding& f : findings_)
    if (f.key == key) return &f;
  return nullptr;
}

model::SourceLoc RunFindings::declaration_of(const std::string& function) const {
  for (const model::Function& f : replayer_.session().target.api.functions)
    if (f.name == function) return f.decl;
  return {};
}

long RunFindings::count_new() const {
  long n = 0;
  for (const report::Finding& f : findings_) n += f.state == report::kStateNew;
  return n;
}

RunFindings::Added RunFindings::add_saved_input(const fs::path& input, const std::string& source,
                                                const std::string& worker_log) {
  const FuzzSession& s = replayer_.session();
  FindingInput in;
  ReplayOutcome o;
  try {
    in = read_saved_input(s, input.string());
    o = replayer_.replay_file(fs::absolute(input).string());
    if (o.cut_short) return {.out_of_time = true};
    if (name_leaking_call(replayer_, in.program, o.finding)) o.key = report::dedup_key(o.finding, replayer_.context());
  } catch (const InputError& e) {
    unclassified_.push_back(input.string() + ": " + e.what());
    return {};
  }
  report::Classification c = o.finding;
  report::DedupKey key = o.key;
  std::string log = o.log;
  bool reproduces = true;
  unsigned repeat = 1;
  if (!o.reproduced() && worker_log.find("ERROR") != std::string::npos) {
    // The input alone shows nothing, but the worker that saved it reported something: it
    // depended on what earlier inputs did (memory grown over many executions, state left).
    report::ClassifyContext ctx = replayer_.context();
    report::read_worker_lines(worker_log, ctx);
    c = report::classify(worker_log, ctx);
    if (c.finding_class.empty()) return {};
    key = report::dedup_key(c, ctx);
    log = worker_log;
    reproduces = false;
    // Run many times over in one process, the input may show it by itself (a library that
    // keeps memory from one program to the next): then every replay repeats it so.
    ReplayOutcome again;
    try {
      again = replayer_.replay_file(fs::absolute(input).string(), kRepeatRuns);
    } catch (const InputError&) {
    }
    if (again.cut_short) return {.out_of_time = true};
    if (again.reproduced() && again.finding.finding_class == c.finding_class) {
      c = again.finding;
      key = again.key;
      log = again.log;
      reproduces = true;
      repeat = kRepeatRuns;
    }
  }
  if (c.finding_class.empty()) {
    // libFuzzer saved it as a finding, and it shows nothing now, on its own: flaky, or it
    // depended on earlier inputs whose report is gone (a -fork job's output is not kept).
    std::string kind = saved_input_kind(input.string());
    if (source == report::kFromFuzz && kind != "input" && kind != "minimized-from")
      unclassified_.push_back(input.string() + ": saved by a worker as " + kind +
                              ", but its replay shows nothing on its own (flaky, or it depended on earlier inputs)");
    return {};
  }

  report::Finding f;
  f.klass = c.finding_class;
  f.function = c.function;
  f.called = c.called;
  f.message = c.message;
  f.first_library_frame = c.first_library_frame;
  f.key = key.hex;
  f.signature = key.signature;
  f.source = source;
  f.reproduces = reproduces;
  f.repeat = repeat;
  f.state = baseline_.contains(f.key) ? report::kStateKnown : report::kStateNew;
  StoredFinding stored;
  try {
    stored = store_finding(out_, s, replayer_.target().functions, f, in, log);
  } catch (const InputError& e) {
    unclassified_.push_back(input.string() + ": " + e.what());
    return {};
  }
  Added added;
  if (report::Finding* known = find(f.key)) {
    known->hits = stored.hits;
    added.finding = known;
  } else {
    f.folder = fs::relative(stored.folder, out_).string();
    f.hits = stored.hits;
    if (!source_of_frame(f.first_library_frame, f.location, f.column)) f.location = declaration_of(f.function);
    findings_.push_back(f);
    inputs_.push_back(stored.folder / report::kInputFile);
    added.finding = &findings_.back();
    added.new_key = true;
  }
  if (set_aside_) {
    // This occurrence's call: the same bug may be reached through another function.
    report::Finding occurrence = *added.finding;
    occurrence.called = f.called;
    added.set_aside = set_aside_->consider(occurrence, s.plan);
  }
  return added;
}

void RunFindings::add_fixed(const report::FindingSummary& s, const fs::path& folder) {
  if (find(s.finding.key)) return;
  report::Finding f = s.finding;
  f.source = report::kFromKnown;
  f.state = report::kStateFixed;
  f.folder = folder.string();
  if (!source_of_frame(f.first_library_frame, f.location, f.column)) f.location = declaration_of(f.function);
  findings_.push_back(f);
  inputs_.emplace_back();
}

void RunFindings::add_check(const report::Finding& c) {
  report::DedupKey key = report::check_finding_key(c.klass, c.function, c.subject);
  if (find(key.hex)) return;
  report::Finding f = c;
  f.key = key.hex;
  f.signature = key.signature;
  f.source = report::kFromCheck;
  f.state = baseline_.contains(f.key) ? report::kStateKnown : report::kStateNew;
  findings_.push_back(f);
  inputs_.emplace_back();
}

int RunFindings::minimize_new(int budget, std::optional<Clock::time_point> deadline) {
  if (budget <= 0) return 0;
  int done = 0;
  replayer_.set_deadline(deadline);
  for (size_t i = 0; i < findings_.size(); ++i) {
    report::Finding& f = findings_[i];
    if (stop_requested() || (deadline && Clock::now() >= *deadline)) break;
    if (f.state != report::kStateNew || f.source == report::kFromCheck || inputs_[i].empty() || !f.reproduces)
      continue;
    const fs::path& input = inputs_[i];
    try {
      Minimized m = minimize_input(replayer_, input.string(), budget);
      if (!m.reproduced) continue;  // flaky: the folder keeps its original input
      fs::path text = input;
      text += ".min.txt";
      f.minimized = fs::relative(text, out_).string();
      std::fprintf(stderr, "ffifuzz:   %s in %s: %zu calls -> %zu calls (%d replays)\n", f.klass.c_str(),
                   f.function.c_str(), m.calls_before, m.program.calls.size(), m.stats.checks);
      ++done;
    } catch (const InputError& e) {
      std::fprintf(stderr, "ffifuzz:   %s in %s: not minimized: %s\n", f.klass.c_str(), f.function.c_str(), e.what());
    }
  }
  replayer_.set_deadline(std::nullopt);
  return done;
}

}  // namespace ffifuzz::campaign
