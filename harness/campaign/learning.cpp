#include "campaign/learning.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "contract/toml_contract.h"
#include "model/error.h"
#include "report/write_file.h"

namespace ffifuzz::campaign {
namespace fs = std::filesystem;

namespace {

bool array_key(const std::string& key) { return key == "excludes" || key == "requires"; }

// ["a"] + ["b"] -> ["a", "b"] (TOML arrays of strings, as this file writes them).
std::string merged_array(const std::string& a, const std::string& b) {
  auto items = [](std::string s) {
    std::vector<std::string> out;
    s = s.substr(s.find('[') + 1);
    s = s.substr(0, s.rfind(']'));
    std::istringstream in(s);
    std::string item;
    while (std::getline(in, item, ',')) {
      size_t first = item.find_first_not_of(' '), last = item.find_last_not_of(' ');
      if (first != std::string::npos) out.push_back(item.substr(first, last - first + 1));
    }
    return out;
  };
  std::vector<std::string> all = items(a);
  for (const std::string& i : items(b))
    if (std::find(all.begin(), all.end(), i) == all.end()) all.push_back(i);
  std::string out = "[";
  for (size_t i = 0; i < all.size(); ++i) out += (i ? ", " : "") + all[i];
  return out + "]";
}

std::string one_line(std::string s, size_t max = 200) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  if (s.size() > max) s = s.substr(0, max) + "...";
  return s;
}

// A table path as a TOML header writes it: a segment that is no bare key (an unnamed
// parameter, #2) is quoted. Rules name tables unquoted ("functions.f.params.#2"); load()
// reads the header back to that form.
std::string toml_table_header(const std::string& table) {
  std::string out, segment;
  bool quoted = false;
  auto flush = [&] {
    const bool bare = !segment.empty() && segment.find_first_not_of(
                                              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-\"") ==
                                              std::string::npos;
    const bool already = segment.size() >= 2 && segment.front() == '"';
    out += (out.empty() ? "" : ".") + (bare || already ? segment : "\"" + segment + "\"");
    segment.clear();
  };
  for (char c : table) {
    if (c == '"') quoted = !quoted;
    if (c == '.' && !quoted) flush();
    else segment += c;
  }
  flush();
  return out;
}

// The header's path back in the form rules name it: "#2" unquoted.
std::string table_of_header(std::string header) {
  for (size_t q; (q = header.find("\"#")) != std::string::npos;) {
    const size_t end = header.find('"', q + 1);
    if (end == std::string::npos) break;
    header = header.substr(0, q) + header.substr(q + 1, end - q - 1) + header.substr(end + 1);
  }
  return header;
}

}  // namespace

std::string describe_entries(const std::vector<ContractEntry>& entries) {
  std::string out;
  for (const ContractEntry& e : entries) out += (out.empty() ? "" : "; ") + ("[" + e.table + "] " + e.key + " = " + e.value);
  return out;
}

Learner::Learner(fs::path file, ReplayTarget target, const Workspace& workspace)
    : file_(std::move(file)), target_(std::move(target)), workspace_(workspace) {
  target_.options.learned = file_.string();
  load();
}

void Learner::load() {
  std::ifstream in(file_);
  std::string line, table, why;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (line[0] == '[') {
      table = table_of_header(line.substr(1, line.rfind(']') - 1));
    } else if (line[0] == '#') {
      if (!table.empty()) why = line.substr(line.find_first_not_of("# "));
    } else if (size_t eq = line.find(" = "); eq != std::string::npos && !table.empty()) {
      kept_.push_back({{table, line.substr(0, eq), line.substr(eq + 3)}, why});
      why.clear();
    }
  }
}

std::vector<Learner::Kept> Learner::with(const RuleCandidate& candidate, const std::string& why) const {
  std::vector<Kept> out = kept_;
  for (const ContractEntry& e : candidate.entries) {
    bool merged = false;
    for (Kept& k : out)
      if (k.entry.table == e.table && k.entry.key == e.key) {
        // An array grows, and a value taught again gains evidence; another value replaces the
        // old, and its evidence with it (what taught the old value does not stand behind the new).
        const bool adds = array_key(e.key) || k.entry.value == e.value;
        k.entry.value = array_key(e.key) ? merged_array(k.entry.value, e.value) : e.value;
        k.why = adds && !k.why.empty() ? k.why + "; " + why : why;
        merged = true;
      }
    if (!merged) out.push_back({e, why});
  }
  return out;
}

std::string Learner::render(const std::vector<Kept>& rules) {
  std::string text = std::string(contract::kLearnedHeader) +
                     "\n# Rules a fuzz run learned from findings the harness caused (docs/contracts.md, \"Learning\").\n"
                     "# Each says which finding taught it. Review them; keep the right ones in your contract file.\n";
  std::vector<std::string> tables;
  for (const Kept& k : rules)
    if (std::find(tables.begin(), tables.end(), k.entry.table) == tables.end()) tables.push_back(k.entry.table);
  for (const std::string& t : tables) {
    text += "\n[" + toml_table_header(t) + "]\n";
    for (const Kept& k : rules)
      if (k.entry.table == t) text += "# " + one_line(k.why, 400) + "\n" + k.entry.key + " = " + k.entry.value + "\n";
  }
  return text;
}

// Whether every entry of the rule orders or limits calls (requires, once, excludes, success),
// forbids a value (nonnull, range) or places zeros after one (size: popt's option table, now
// ended, lets poptInit return a context nobody said who releases): none changes who releases
// what. (`skip` may: a skipped releaser leaves its objects unreleased.)
static bool only_orders_calls(const RuleCandidate& c) {
  static const char* const kOrderKeys[] = {"requires", "once", "excludes", "success", "failure", "nonnull", "range", "size"};
  for (const ContractEntry& e : c.entries)
    if (std::find(std::begin(kOrderKeys), std::end(kOrderKeys), e.key) == std::end(kOrderKeys)) return false;
  return !c.entries.empty();
}

// Whether every entry of the rule only fixes or bounds a value the harness makes up (a
// parameter's value or range, a struct field's value): the harness releases nothing less under
// it, so any other finding the program then shows is one it now gets far enough to show
// (libzip's fragments with their lengths at 0 reach a source another call took over), not a
// trade.
static bool only_fixes_values(const RuleCandidate& c) {
  for (const ContractEntry& e : c.entries) {
    const bool field_value = e.table.ends_with(".fields") && e.value.rfind("{ value", 0) == 0;
    if (!field_value && e.key != "value" && e.key != "range" && e.key != "nonnull") return false;
  }
  return !c.entries.empty();
}

// A `releases` rule on memory the harness makes up for the call (a buffer, a string, an object:
// expat's XML_MemRealloc(parser, ptr, size) reallocates ptr) only stops the harness freeing it
// again: the harness releases none of the library's objects less under it, so a leak it shows
// is of what the call gave back (the reallocated block), another gap, not a trade.
static bool gives_harness_memory_away(const RuleCandidate& c, const program::ApiPlan& plan) {
  for (const ContractEntry& e : c.entries) {
    if (e.key != "releases" || e.table.rfind("functions.", 0) != 0 || e.value.size() < 2) return false;
    const int fn = plan.index_of(e.table.substr(10));
    if (fn < 0) return false;
    const std::string param = e.value.substr(1, e.value.size() - 2);
    bool memory = false;
    for (const program::Slot& s : plan.functions[static_cast<size_t>(fn)].params)
      if (s.name == param)
        memory = s.kind == program::SlotKind::Buffer || s.kind == program::SlotKind::CString ||
                 s.kind == program::SlotKind::Object;
    if (!memory) return false;
  }
  return !c.entries.empty();
}

// A leak of what a function returned that the harness never owned (no owner known: jansson's
// json_object() with its owner not learned yet) cannot be what a rule about other objects
// traded the finding for: the program now gets far enough to show another gap.
static bool leak_of_what_nobody_owned(const program::ApiPlan& plan, const std::string& function) {
  const int fn = plan.index_of(function);
  if (fn < 0) return false;
  const program::FunctionPlan& f = plan.functions[static_cast<size_t>(fn)];
  return f.ret != program::ReturnKind::OwnedHandle && f.produced_by < 0 && !f.is_releaser;
}

Learner::Trial Learner::stops(const RuleCandidate& candidate, const std::string& program_text, const std::string& site,
                    const std::string& finding_class, std::string function) {
  if (candidate.may_disable) function.clear();
  const fs::path trial = workspace_.root() / "learned-candidate.toml";
  report::write_file_atomically(trial.string(), render(with(candidate, "candidate")));
  ReplayTarget t = target_;
  t.options.learned = trial.string();
  std::unique_ptr<Replayer> r;
  try {
    r = std::make_unique<Replayer>(t, &workspace_, /*probe=*/false);
    r->set_aside_file(set_aside_file_);
    r->set_deadline(deadline_);
  } catch (const InputError&) {
    return Trial::Refused;  // the rule does not fit the header (or leaves nothing to call)
  }
  // A rule that makes the function uncallable would stop every finding of it: no evidence.
  if (!function.empty() && r->session().plan.index_of(function) < 0) return Trial::Refused;
  // A rule a stronger source contradicts is no rule.
  for (const model::Conflict& c : r->session().target.contracts.conflicts)
    if (c.loser.source == model::ContractSource::Learned) return Trial::Refused;
  const fs::path program = workspace_.tmp() / "learned-program.txt";
  report::write_file_atomically(program.string(), program_text);
  InputFile input;
  try {
    input = r->read(program.string());
  } catch (const InputError&) {
    return Trial::Stops;  // the program can no longer be written: the harness will not make it again
  }
  ReplayOutcome o = r->replay(input);
  if (o.cut_short) {  // the deadline, not the rule, ended it: no evidence either way
    out_of_time_ = true;
    return Trial::Refused;
  }
  // Clean, or the same kind of finding elsewhere (a second leak the rule says nothing about).
  // A rule that trades the finding for another kind (a double free for a leak: the harness no
  // longer releases what it should) is no rule. But a rule that only orders calls or forbids a
  // value cannot make the harness release less (the program's objects are released at its end
  // whatever was skipped): a leak under it is another gap the program now gets far enough to
  // show (lt_table_get's assert stopped the program before lt_table_render's unowned result
  // could leak), not a trade.
  if (!o.reproduced() || (o.site.hex != site && o.finding.finding_class == finding_class)) return Trial::Stops;
  if (o.site.hex != site && only_fixes_values(candidate)) return Trial::Stops;
  // A layout mismatch is the harness's own check of a result it now owns (jansson's json_array
  // returns a json_t inside a larger block; owned by json_delete, its block is measured): it
  // says nothing of the leak, which the run meets again under both rules if it stays.
  if (o.finding.finding_class == "layout-mismatch" && finding_class == "leak") return Trial::Stops;
  if (o.finding.finding_class == "leak" && finding_class != "leak" &&
      (only_orders_calls(candidate) || gives_harness_memory_away(candidate, r->session().plan) ||
       leak_of_what_nobody_owned(r->session().plan, o.finding.function)))
    return Trial::Stops;
  return Trial::Stays;
}

std::string Learner::snapshot() {
  changed_ = false;
  if (kept_.empty()) return "";
  const fs::path copy = workspace_.root() / ("learned-" + std::to_string(++snapshots_) + ".toml");
  report::write_file_atomically(copy.string(), render(kept_));
  return copy.string();
}

std::optional<RuleCandidate> Learner::learn(const Triage& triage, const std::string& program_text,
                                            const std::string& site, const report::Finding& finding) {
  const std::string function = finding.called.empty() ? finding.function : finding.called;
  tried_ = 0;
  out_of_time_ = false;
  for (const RuleCandidate& c : triage.candidates) {
    if (deadline_ && Clock::now() >= *deadline_) {
      out_of_time_ = true;
      return std::nullopt;
    }
    const Trial trial = stops(c, program_text, site, finding.klass, function);
    if (trial != Trial::Refused) ++tried_;
    if (trial != Trial::Stops) continue;
    const std::string why = finding.klass + " key " + finding.key.substr(0, 8) + ": " + one_line(finding.message);
    kept_ = with(c, why);
    report::write_file_atomically(file_.string(), render(kept_));
    changed_ = true;
    said_.push_back(c.says + ": " + describe_entries(c.entries) + " (from " + finding.klass + " key " +
                    finding.key.substr(0, 8) + ")");
    return c;
  }
  return std::nullopt;
}

}  // namespace ffifuzz::campaign
