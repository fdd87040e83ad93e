#include "campaign/triage.h"

#include "program/call_trace.h"
#include "program/traced_objects.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "binary/read_binary.h"
#include "contract/name_words.h"
#include "contract/naming.h"
#include "model/error.h"

namespace ffifuzz::campaign {
namespace {

using model::ContractSource;
using program::FunctionPlan;
using program::SlotKind;

// A person or the header said it: learning never goes against it.
bool strong(const model::Origin& o) {
  return o.source == ContractSource::TomlFile || o.source == ContractSource::HeaderAttribute ||
         o.source == ContractSource::DocComment;
}

template <class T>
bool strongly_decided(const std::optional<model::Decided<T>>& d) {
  return d && strong(d->origin);
}

const model::ParamContract* param_contract(const model::Contracts& c, const std::string& fn, const std::string& p) {
  const model::FunctionContract* fc = c.find(fn);
  if (!fc) return nullptr;
  auto it = fc->params.find(p);
  return it == fc->params.end() ? nullptr : &it->second;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// "const struct lt_table" -> "struct lt_table": a type's name as a handle kind.
std::string unqualified(std::string name) {
  for (const char* q : {"const ", "volatile "})
    while (name.rfind(q, 0) == 0) name.erase(0, std::string(q).size());
  return name;
}

// The program call the trace saw last; -1 for the final releases or when there is no trace.
long last_call(const std::string& log) { return program::last_traced_call(log); }

// The index of the program call the finding happened in: the trace's last call, or, when the
// log has no trace at all (the worker's own report of an input that did not show the finding
// alone in a replay), the last call of the function the stack names.
long crashing_call(const TriageInput& in) {
  // (A leak is reported at exit, after the final releases: no call of the program to name.)
  if (in.log.find("ffifuzz: call #") != std::string::npos || in.log.find("ffifuzz: release ") != std::string::npos ||
      in.finding.finding_class == "leak")
    return last_call(in.log);
  const std::string& fn = in.finding.called.empty() ? in.finding.function : in.finding.called;
  const std::vector<program::FunctionPlan>& functions = in.session.plan.functions;
  for (size_t i = in.program.calls.size(); i-- > 0;) {
    const size_t f = in.program.calls[i].fn;
    if (!fn.empty() && f < functions.size() && functions[f].name == fn) return static_cast<long>(i);
  }
  return -1;
}

// Function names in the stack that follows `marker` (ASan's "freed by thread T0 here:").
std::vector<std::string> stack_functions(const std::string& log, const std::string& marker) {
  std::vector<std::string> out;
  size_t at = log.find(marker);
  if (at == std::string::npos) return out;
  std::istringstream in(log.substr(at + marker.size()));
  std::string line;
  std::getline(in, line);  // the rest of the marker's line
  static const std::regex frame(R"(^\s*#\d+ 0x[0-9a-f]+ in (\S+))");
  // Other lines may come before the first frame (the symbolizer's complaints): the stack is
  // the frames that follow, up to the first line that is none.
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, frame)) out.push_back(m[1]);
    else if (!out.empty() || line.empty()) break;
  }
  return out;
}

// The exported function the harness called, at the bottom of a stack (the outermost one).
std::string outer_exported(const std::vector<std::string>& frames, const program::ApiPlan& plan) {
  std::string out;
  for (const std::string& f : frames)
    if (plan.index_of(f) >= 0) out = f;
  return out;
}

// The report's own stack: the frames after the sanitizer's ERROR line, up to the first
// blank line.
std::vector<std::string> error_stack(const std::string& log) {
  size_t at = log.find("ERROR: ");
  return at == std::string::npos ? std::vector<std::string>() : stack_functions(log.substr(at), "ERROR: ");
}

// The handle kinds a function's parameters take.
std::set<std::string> handle_kinds(const FunctionPlan& f) {
  std::set<std::string> kinds;
  for (size_t i = 0; i < f.arity; ++i)
    if (f.params[i].kind == SlotKind::Handle) kinds.insert(f.params[i].handle_key);
  return kinds;
}

// The plan functions that release objects of `kind` (a Handle slot with releases).
// Functions that end objects of `kind`: they release their first parameter. One that releases
// a later one takes an item over (json_object_set_new(object, key, value) steals value): it
// is not what objects of the kind are released with.
std::vector<const FunctionPlan*> releasers_of(const program::ApiPlan& plan, const std::string& kind) {
  std::vector<const FunctionPlan*> out;
  for (const FunctionPlan& f : plan.functions)
    if (f.arity > 0 && f.params[0].kind == SlotKind::Handle && f.params[0].releases && f.params[0].handle_key == kind)
      out.push_back(&f);
  return out;
}

// Identifiers in a C expression ("parser->read_handler == NULL" -> parser, read_handler, NULL).
std::set<std::string> identifiers(const std::string& expr) {
  std::set<std::string> out;
  static const std::regex id(R"([A-Za-z_][A-Za-z0-9_]*)");
  for (auto it = std::sregex_iterator(expr.begin(), expr.end(), id); it != std::sregex_iterator(); ++it)
    out.insert((*it)[0]);
  return out;
}

// The words of an assert's expression, with a past participle's stem too ("opened" -> open,
// "write_handler" -> write, handler): what a setup function that satisfies it is named like.
std::set<std::string> expression_words(const std::string& expr) {
  std::set<std::string> out;
  for (const std::string& id : identifiers(expr))
    for (const std::string& w : contract::name_words(id)) {
      out.insert(w);
      if (w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0) out.insert(w.substr(0, w.size() - 2));
    }
  return out;
}

// (tag_directives_start, tag_directives_end), (first, last), (begin, end): two pointers of one
// type that bound one range; the harness places each in its own allocation.
bool range_pair(const std::string& a, const std::string& b) {
  static const std::pair<const char*, const char*> kEnds[] = {{"start", "end"}, {"begin", "end"}, {"first", "last"}};
  std::vector<std::string> wa = contract::name_words(a), wb = contract::name_words(b);
  if (wa.empty() || wb.empty() || wa.size() != wb.size()) return false;
  if (!std::equal(wa.begin(), wa.end() - 1, wb.begin())) return false;
  for (const auto& [s, e] : kEnds)
    if (wa.back() == s && wb.back() == e) return true;
  return false;
}

bool setup_name(const std::string& fn) {
  static const std::set<std::string> kSetup = {"set", "open", "start", "begin", "init", "initialize", "connect",
                                               "load", "attach", "enable", "reset", "prepare", "bind"};
  for (const std::string& w : contract::name_words(fn))
    if (kSetup.count(w)) return true;
  return false;
}

// What the comment above a declaration says its successful result is: "1 if the function
// succeeded, 0 on error" (libyaml) -> "1"; "0 on success" -> "0"; nothing that clear -> "".
// A guess from the words of the header is a rule only when a replay under it stops a finding.
// The words of a function's name that say what sort of object it is about: those after its
// handle type's own words at the start, less the words that say how, not what. "object", "add"
// for json_object_object_add; "object" for json_object_new_object; "array" for jansson's
// json_array (of json_t); "tag", "item" for libcbor's cbor_tag_set_item (of cbor_item_t).
std::set<std::string> sort_words(const std::string& name, const std::vector<std::string>& type_words) {
  static const std::set<std::string> how{"new", "create", "make", "alloc", "init", "copy", "dup", "clone",
                                         "deep", "get", "from", "parse", "ex", "ext", "with", "ref", "load",
                                         "read", "open", "build", "len", "set", "is", "put", "type"};
  const std::vector<std::string> words = contract::name_words(name);
  size_t k = 0;
  while (k < words.size() && k < type_words.size() && words[k] == type_words[k]) ++k;
  std::set<std::string> out;
  for (; k < words.size(); ++k) {
    if (words[k] == "to") break;  // json_object_to_json_string: what follows is the output's
    if (!how.count(words[k])) out.insert(words[k]);
  }
  return out;
}

// The words of a handle kind's type name ("struct json_object" -> json, object).
std::vector<std::string> type_words_of(const std::string& handle_key) {
  std::string type = unqualified(handle_key);
  for (const std::string tag : {"struct ", "union "})
    if (type.starts_with(tag)) type = type.substr(tag.size());
  return contract::name_words(type);
}

// The comment above a declaration (up to 40 lines, back to the previous declaration), as one line.
std::string comment_above(const model::SourceLoc& decl) {
  std::ifstream in(decl.file);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l) && lines.size() < decl.line;) lines.push_back(l);
  std::string comment;
  size_t i = lines.size() >= 1 ? lines.size() - 1 : 0;
  // A /* ... */ block right above: all of it, code examples in it included (json-c's @code).
  while (i > 0 && lines[i - 1].find_first_not_of(" \t") == std::string::npos) --i;
  if (i > 0 && lines[i - 1].find("*/") != std::string::npos) {
    for (size_t n = 0; i > 0 && n < 200; --i, ++n) {
      comment = lines[i - 1] + " " + comment;
      if (lines[i - 1].find("/*") != std::string::npos) return comment;
    }
    return comment;
  }
  for (; i > 0 && lines.size() - i <= 40; --i) {
    const std::string& l = lines[i - 1];
    if (l.find(';') != std::string::npos || l.find('}') != std::string::npos) break;
    comment = l + " " + comment;
  }
  return comment;
}

// The sort of object the comment says a parameter must be: "@param obj JSON Object instance
// (MUST be of type json_object)" -> json, object; none said -> {}.
std::set<std::string> documented_sort(const std::string& comment, const std::string& param) {
  const std::regex said("@param\\s+" + param + "\\b[^@]*?\\b(?:must|should)\\s+be\\s+(?:of\\s+type\\s+|an?\\s+)?(\\w+)",
                        std::regex::icase);
  std::smatch m;
  if (!std::regex_search(comment, m, said)) return {};
  const std::vector<std::string> words = contract::name_words(m[1]);
  return {words.begin(), words.end()};
}

// Whether a comment says parameter `param` stays the caller's after the call: libcbor's
// "@param value[incref]" and "[borrow]", "borrowed", "does not take ownership", "is copied".
// A steal or release learned against it would be learned against a stronger source.
bool documented_kept(const std::string& comment, const std::string& param) {
  const std::regex kept("@param\\s+" + param + "\\s*\\[(borrow|incref)\\]|@param\\s+" + param +
                            "\\b[^@]*?\\b(borrowed|(does\\s+)?not\\s+(take|taken|takes)\\s+(over|ownership)|is\\s+copied)\\b",
                        std::regex::icase);
  return std::regex_search(comment, kept);
}

// What a comment says a call does with an index past the end, when it says it checks:
// "@return The item, or `NULL` in case of boundary violation" (libcbor's cbor_array_get);
// "" when it says nothing of the kind.
std::string documented_bounds_check(const std::string& comment) {
  static const std::regex checked(
      R"([^.@]*\b(NULL|error|false|-1|0)\b[^.@]*\b(boundary violation|out of (bounds|range)|index is too (large|big)|beyond the end)[^.@]*)",
      std::regex::icase);
  std::smatch m;
  if (!std::regex_search(comment, m, checked)) return "";
  // One line of words: the comment's stars and line breaks out.
  std::string said;
  for (char c : m[0].str()) {
    if (c == '*' || c == '\n' || c == '\t') c = ' ';
    if (c != ' ' || (!said.empty() && said.back() != ' ')) said += c;
  }
  while (!said.empty() && (said.back() == ' ' || said.back() == '/')) said.pop_back();
  return said;
}

std::string documented_success(const model::SourceLoc& decl) {
  const std::string comment = comment_above(decl);
  // (A bool result's "true on success" is 1: libcbor's cbor_array_set.)
  static const std::regex one(
      R"(\b(1|true)\s+(if|when|on)\b[^.]*succe|\b(0|false)\s+(on|if|in case of)\s+(an\s+)?(\w+\s+)?(error|failure))",
      std::regex::icase);
  static const std::regex zero(R"(\b0\s+(on|if|when)\b[^.]*succe)", std::regex::icase);
  const bool says_one = std::regex_search(comment, one), says_zero = std::regex_search(comment, zero);
  if (says_one == says_zero) return "";
  return says_one ? "1" : "0";
}

// The success status the header defines for the function's library, when no comment says it:
// one `#define WORD_OK N` whose WORD is a word of the function's name (giflib's GIF_OK 1 for
// EGifSpew; GIF_ERROR 0 is the failure). Several or none: "".
std::string defined_success(const model::SourceLoc& decl, const std::string& function) {
  std::ifstream in(decl.file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  static const std::regex define(R"(#\s*define\s+([A-Za-z0-9]+)_OK\s+\(?\s*(-?\d+)\s*\)?)");
  const std::vector<std::string> words = contract::name_words(function);
  std::set<std::string> values;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), define); it != std::sregex_iterator(); ++it) {
    std::string word = (*it)[1].str();
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::find(words.begin(), words.end(), word) != words.end()) values.insert((*it)[2].str());
  }
  return values.size() == 1 ? *values.begin() : "";
}

class Triager {
 public:
  explicit Triager(const TriageInput& in) : in_(in), c_(in.finding), plan_(in.session.plan),
                                            contracts_(in.session.target.contracts), call_(crashing_call(in)) {}

  Triage run() {
    const std::string& k = c_.finding_class;
    if (k == "leak") leak();
    else if (k == "abort") assertion();
    // Arithmetic on NULL (UBSan's "applying zero offset to null pointer") is not a dereference,
    // but a NULL the harness passed is its cause just the same.
    else if (k == "null-deref" || (k == "undefined-behavior" && c_.message.find("null pointer") != std::string::npos))
      null_argument();
    else if (k == "use-after-free" || k == "double-free") ownership_transfer();
    if (out_.evidence.empty() && (k == "null-deref" || k == "wild-access" || k == "heap-overflow" ||
                                  k == "index-out-of-bounds" || k == "guard-page-overflow"))
      documented_bounds();
    if (k == "invalid-free") wrong_releaser();
    if ((k == "double-free" || k == "invalid-free") && out_.evidence.empty()) released_harness_memory();
    else if (k == "heap-overflow" || k == "guard-page-overflow") harness_buffer();
    else if (k == "layout-mismatch") larger_object();
    else if (k == "out-of-memory") oversized_request();
    else if (k == "timeout") work_asked_for();
    if (k == "out-of-memory" && out_.evidence.empty()) grown_by_itself();
    if (k == "abort" && out_.evidence.empty()) stated_precondition();
    if (k == "abort" && out_.evidence.empty()) abort_past_guessed_buffer();
    if (out_.evidence.empty() && k == "heap-overflow") emptied_object();
    // An overflow of the library's own stack or global arrays may still come from a length the
    // harness paired by naming: it indexes them with it.
    const bool library_array = k == "stack-buffer-overflow" || k == "global-buffer-overflow" || k == "index-out-of-bounds";
    if (out_.evidence.empty() && (k == "heap-overflow" || k == "guard-page-overflow" || k == "wild-access" ||
                                  library_array || k == "null-deref" || k == "stack-overflow" || k == "timeout" ||
                                  k == "out-of-memory"))
      length_named_for_a_buffer();
    if (out_.evidence.empty() && (k == "heap-overflow" || k == "wild-access")) count_of_an_empty_array();
    if (out_.evidence.empty() && k == "heap-overflow") amount_the_library_trusted();
    if (out_.evidence.empty() && (k == "heap-overflow" || k == "guard-page-overflow" || k == "wild-access"))
      unpaired_length_after_a_buffer();
    if (out_.evidence.empty() && (k == "heap-overflow" || k == "guard-page-overflow" || k == "wild-access")) {
      const program::Call* call = the_call();
      if (call && call->fn < plan_.functions.size()) made_up_struct_lengths(plan_.functions[call->fn], *call);
    }
    if (out_.evidence.empty() && (k == "heap-overflow" || k == "guard-page-overflow" || k == "wild-access") &&
        made_up_array_lengths()) {
      out_.unlearned_is_bug = true;
      out_.refuted = "a bad access that stays with the made-up arrays' lengths at 0: the library's own fault";
    }
    if (out_.evidence.empty() && (k == "null-deref" || k == "wild-access" || k == "heap-overflow" ||
                                  k == "undefined-behavior" || k == "use-after-free" || k == "stack-overflow"))
      object_of_another_kind();
    // Both weigh an earlier call on the object and count only if a rule stops the finding:
    // their candidates are tried together.
    const size_t before_taken = out_.candidates.size();
    const bool taken_over = out_.evidence.empty() && k == "null-deref" && taken_over_earlier();
    if (taken_over) {
      // Made-up arrays' lengths may crash the same call as well (zip_close writes the fragments
      // of a source zip_add took over): each taken-over rule is also tried with them at 0.
      const size_t taken_end = out_.candidates.size();
      if (made_up_array_lengths())
        for (size_t t = before_taken; t < taken_end; ++t)
          for (size_t a = taken_end, arrays_end = out_.candidates.size(); a < arrays_end; ++a) {
            std::vector<ContractEntry> both = out_.candidates[t].entries;
            both.insert(both.end(), out_.candidates[a].entries.begin(), out_.candidates[a].entries.end());
            candidate(both, out_.candidates[t].says + ", and " + out_.candidates[a].says);
          }
    }
    if ((out_.evidence.empty() || taken_over) && k != "leak" && k != "timeout" && k != "out-of-memory")
      made_by_a_failed_call();
    if (out_.evidence.empty() && k == "null-deref") never_set_up();
    if (out_.evidence.empty() && k == "null-deref") null_in_cursor_storage();
    if (out_.evidence.empty()) out_.evidence = "no sign of a rule the harness broke: the library's own fault";
    return out_;
  }

 private:
  void gap(const std::string& evidence) {
    out_.verdict = kVerdictContractGap;
    out_.evidence = evidence;
  }
  void bug(const std::string& evidence) {
    out_.verdict = kVerdictBug;
    out_.evidence = evidence;
    out_.candidates.clear();
    out_.unlearned_is_bug = false;
  }
  void candidate(std::vector<ContractEntry> entries, const std::string& says, bool may_disable = false) {
    for (const RuleCandidate& r : out_.candidates)
      if (r.entries == entries) return;
    // Never a steal or a release of what the header says stays the caller's.
    for (const ContractEntry& e : entries)
      if ((e.key == "steals" || e.key == "releases") && e.table.rfind("functions.", 0) == 0 && e.value.size() > 2 &&
          e.value.front() == '"') {
        const FunctionPlan* g = plan_.find(e.table.substr(std::string("functions.").size()));
        if (g && documented_kept(comment_of(*g), e.value.substr(1, e.value.size() - 2))) return;
      }
    out_.candidates.push_back({std::move(entries), says});
    out_.candidates.back().may_disable = may_disable;
  }

  // Per program call, per parameter: the call that made the object a handle slot was given
  // (program/traced_objects). Replayed once per finding: several checks ask.
  const std::vector<std::vector<int>>& given_objects() {
    if (!given_) given_ = program::traced_objects(plan_, in_.program, program::read_traced_calls(in_.log));
    return *given_;
  }

  // The comment above `g`'s declaration, read once per function (it reads the header file).
  const std::string& comment_of(const FunctionPlan& g) {
    auto it = comments_.find(&g);
    if (it == comments_.end())
      it = comments_.emplace(&g, comment_above(in_.session.target.api.functions[g.function].decl)).first;
    return it->second;
  }

  // The function the harness called when it happened (the trace's), else the stack's.
  std::string called() const { return c_.called.empty() ? c_.function : c_.called; }

  const program::Call* the_call() const {
    if (call_ < 0 || static_cast<size_t>(call_) >= in_.program.calls.size()) return nullptr;
    return &in_.program.calls[static_cast<size_t>(call_)];
  }

  // The plan function a program call calls (none for no call, or one outside the plan).
  const FunctionPlan* function_of(const program::Call* call) const {
    return call && call->fn < plan_.functions.size() ? &plan_.functions[call->fn] : nullptr;
  }

  // Functions called before the crashing call (all of them, for a crash in the final releases).
  std::vector<const FunctionPlan*> called_before() const {
    std::vector<const FunctionPlan*> out;
    size_t end = call_ < 0 ? in_.program.calls.size() : static_cast<size_t>(call_);
    for (size_t i = 0; i < end && i < in_.program.calls.size(); ++i)
      if (in_.program.calls[i].fn < plan_.functions.size()) out.push_back(&plan_.functions[in_.program.calls[i].fn]);
    return out;
  }

  // A call named `set` given an object of the leaked kind after `maker` made one (libcbor's
  // cbor_bytestring_set_handle on what cbor_build_bytestring had filled, cbor_tag_set_item on a
  // tag cbor_build_tag had given an item): the setter replaced what the object held without
  // freeing it, being for objects made empty. The rule: made_by on the setter's object, the
  // constructors of its sort (a word of its name) but the one that made the object it was
  // given (when the replay cannot tell: but those the program had used before it).
  // Adds the candidates; the leak stays the library's if none stops it.
  void setters_that_replaced(const FunctionPlan& maker) {
    const std::vector<program::TracedCall> traced = program::read_traced_calls(in_.log);
    const std::vector<std::vector<int>>& given = given_objects();
    bool made = false;
    std::set<std::string> used;  // the functions the program called before the setter
    for (size_t i = 0; i < in_.program.calls.size(); ++i) {
      const program::Call& c = in_.program.calls[i];
      if (c.fn >= plan_.functions.size()) continue;
      const FunctionPlan& setter = plan_.functions[c.fn];
      const bool was_made = i < traced.size() && traced[i].made;
      const std::vector<std::string> words = contract::name_words(setter.name);
      if (made && was_made && std::find(words.begin(), words.end(), "set") != words.end())
        for (size_t k = 0; k < setter.arity; ++k) {
          const program::Slot& slot = setter.params[k];
          if (slot.kind != SlotKind::Handle) continue;
          // The first handle is the object set. Makers a run learned for it (an assert's sort)
          // are narrowed; makers a stronger source states are left alone.
          const model::ParamContract* pc = param_contract(contracts_, setter.name, slot.name);
          // Set twice (cbor_tag_set_item on one tag): the second replaced what the first set.
          const model::FunctionContract* sc = contracts_.find(setter.name);
          if (used.count(setter.name) && !slot.releases && !setter.once_per_object && !(sc && strongly_decided(sc->once))) {
            if (out_.evidence.empty())
              gap(setter.name + " was called again after " + maker.name + " had made an object of its kind, and "
                  "replaced what it held without freeing it: a setter called once per object, which no contract said");
            candidate({{"functions." + setter.name, "once", "true"}}, setter.name + " is called at most once per object");
          }
          const std::vector<int>* producers = plan_.producers_of(slot.handle_key);
          if (slot.releases || (pc && strongly_decided(pc->made_by)) || !producers || producers->size() < 2) break;
          const std::vector<std::string> type_words = type_words_of(slot.handle_key);
          const std::set<std::string> wanted = sort_words(setter.name, type_words);
          // The function that made the object this setter was given, when the replay says.
          const int object_call = i < given.size() && k < given[i].size() ? given[i][k] : -1;
          const std::string filled_by = object_call >= 0 && in_.program.calls[static_cast<size_t>(object_call)].fn < plan_.functions.size()
                                            ? plan_.functions[in_.program.calls[static_cast<size_t>(object_call)].fn].name
                                            : "";
          std::string list, names;
          for (int p : *producers) {
            const std::string& name = plan_.functions[static_cast<size_t>(p)].name;
            const std::set<std::string> w = sort_words(name, type_words);
            const bool sort = pc && pc->made_by ? std::find(pc->made_by->value.begin(), pc->made_by->value.end(), name) !=
                                                      pc->made_by->value.end()
                                                : std::any_of(w.begin(), w.end(), [&](const std::string& x) { return wanted.count(x) > 0; });
            if ((filled_by.empty() ? used.count(name) > 0 : name == filled_by) || !sort) continue;
            list += (list.empty() ? "" : ", ") + quoted(name);
            names += (names.empty() ? "" : ", ") + name;
          }
          if (list.empty()) break;
          if (out_.evidence.empty())
            gap(setter.name + " was given an object after " + maker.name + " had made one, and replaced what it held "
                "without freeing it: a setter for objects made empty, which no contract said");
          candidate({{"functions." + setter.name + ".params." + slot.name, "made_by", "[" + list + "]"}},
                    setter.name + " takes only objects made empty, by " + names);
          break;
        }
      made |= &setter == &maker && was_made;
      used.insert(setter.name);
    }
  }

  // A function given one of `made`'s objects that fills it in afresh (yaml_parser_parse's
  // event, yaml_parser_load's document): what the object held before is lost. It initializes
  // that parameter. Only a function named like a reader does (parse, load, scan, read, next,
  // ...): one that takes an object in (yaml_emitter_dump destroys its document) must not be
  // taken for one. Adds the candidates; says whether there were any.
  bool readers_that_refill(const FunctionPlan& made) {
    static const std::set<std::string> kReaders = {"parse", "load", "scan", "read", "next", "get", "fetch",
                                                   "receive", "recv", "pop", "take", "decode"};
    bool any = false;
    for (const program::Call& c : in_.program.calls) {
      if (c.fn >= plan_.functions.size()) continue;
      const FunctionPlan& g = plan_.functions[c.fn];
      // (A reader a run took for a taker of that object, yaml_parser_load stealing its
      // document, is still a reader; a releaser of its first parameter is none.)
      if (g.name == made.name || (g.arity > 0 && g.params[0].releases)) continue;
      bool reader = false;
      for (const std::string& w : contract::name_words(g.name)) reader |= kReaders.count(w) > 0;
      if (!reader) continue;
      for (size_t i = 1; i < g.arity; ++i) {
        const program::Slot& sl = g.params[i];
        if (sl.kind != SlotKind::Handle || sl.handle_key != made.produces) continue;
        const model::ParamContract* pc = param_contract(contracts_, g.name, sl.name);
        if (pc && (strongly_decided(pc->initializes) || strongly_decided(pc->handle))) continue;
        candidate({{"functions." + g.name, "initializes", quoted(sl.name)}},
                  g.name + " fills its " + sl.name + " in afresh: it takes storage, not an object");
        any = true;
      }
    }
    return any;
  }

  // A call named like a retainer of the object (libzip's zip_source_keep(src), exif_data_ref)
  // added a reference the harness never dropped: it released the object once. Only a releaser
  // that drops one reference ends it twice without freeing it twice, so the naming alone does
  // not say so (docs/contracts.md, retains); a rule that stops the leak does.
  bool retained_and_released_once() {
    const FunctionPlan* maker = plan_.find(c_.function);
    for (const program::Call& c : in_.program.calls) {
      if (c.fn >= plan_.functions.size()) continue;
      const FunctionPlan& g = plan_.functions[c.fn];
      if (contract::name_parts(g.name).role != contract::NameRole::Retainer || g.is_releaser) continue;
      for (size_t i = 0; i < g.arity; ++i) {
        const program::Slot& s = g.params[i];
        if (s.kind != SlotKind::Handle || s.retains || s.releases) continue;
        if (maker && maker->produces != s.handle_key && maker != &g) continue;
        const model::ParamContract* pc = param_contract(contracts_, g.name, s.name);
        if (pc && strongly_decided(pc->retains)) continue;
        if (out_.evidence.empty())
          gap("a leak of an object the program gave " + g.name + ", named like a retainer: it added a reference "
              "the harness never dropped, which no contract said");
        candidate({{"functions." + g.name, "retains", quoted(s.name)}},
                  g.name + " adds a reference to its " + s.name + ": one more release is owed");
      }
    }
    if (out_.evidence.empty()) return false;
    out_.unlearned_is_bug = true;
    out_.refuted = "a leak that stays when every reference the program added is dropped: the library's own fault";
    return true;
  }

  // A call that releases or steals one of its handles failed (returns.success), and the
  // harness took the handle for released all the same: a failed append that kept nothing
  // leaves the item its caller's, and nobody released it. Unless a stronger source says a
  // failed call releases too (jansson's *_new setters drop the reference whatever happens).
  bool failed_call_released_nothing() {
    const std::vector<program::TracedCall> traced = program::read_traced_calls(in_.log);
    const model::ApiModel& api = in_.session.target.api;
    for (size_t i = 0; i < traced.size() && i < in_.program.calls.size(); ++i) {
      if (!traced[i].returned || in_.program.calls[i].fn >= plan_.functions.size()) continue;
      const FunctionPlan& g = plan_.functions[in_.program.calls[i].fn];
      if (!g.is_releaser || !g.releases_on_failure) continue;
      const model::FunctionContract* gc = contracts_.find(g.name);
      if (gc && strongly_decided(gc->released_on_failure)) continue;
      // Failed by returns.success or returns.failure, or by what its comment says success is
      // (ad_bag_put: "Returns 0 on success, -1 when the bag is full: the item is then not
      // taken"), or, with nothing said, by the C convention of a negative result for a call
      // whose successes are many (zip_add returns the new entry's index or -1).
      std::string ok, failure;
      // A function that returns a new object and takes another over (zip_open_from_source(src,
      // ...)): a NULL result is its failure, `returns.failure = 0`.
      const bool returns_object = g.ret == program::ReturnKind::OwnedHandle;
      if (!traced[i].failed && returns_object) {
        if (g.has_success || g.has_failure || !traced[i].null_result) continue;
        failure = "0";
      } else if (!traced[i].failed) {
        if (g.has_success || g.has_failure || g.ret != program::ReturnKind::Value) continue;
        const model::Type& result = api.type(api.functions[g.function].ret);
        if (result.kind != model::TypeKind::Int && result.kind != model::TypeKind::Bool) continue;
        ok = documented_success(api.functions[g.function].decl);
        if (ok.empty()) ok = defined_success(api.functions[g.function].decl, g.name);
        if (ok.empty() && result.is_signed && traced[i].value.rfind('-', 0) == 0) failure = traced[i].value;
        if (failure.empty() && (ok.empty() || traced[i].value == ok)) continue;
      }
      // Only for a leak of such an object: made by a function producing the kind it took (the
      // leak's stack names it; a stripped library's may name a function inside the call that
      // made it, EGifOpenFileName's EGifOpenFileHandle, or none, and the leak is named after
      // the call it first shows after, this one: then a call before this one made it).
      std::string taken;
      bool made_there = false;
      const FunctionPlan* maker = plan_.find(c_.function);
      // (A stack's function that makes no object allocated inside one an earlier call made:
      // zlib's gzfread fills the buffers of a file gzopen opened, which a failed gzclose_w
      // then kept.)
      if (maker == &g || (maker && maker->produces.empty())) maker = nullptr;
      for (size_t k = 0; k < g.arity; ++k)
        if (g.params[k].releases) {
          taken += (taken.empty() ? "" : ", ") + g.params[k].name;
          made_there |= maker && maker->produces == g.params[k].handle_key;
          for (size_t j = 0; j < i && !maker; ++j)
            made_there |= in_.program.calls[j].fn < plan_.functions.size() &&
                          plan_.functions[in_.program.calls[j].fn].produces == g.params[k].handle_key;
        }
      if (!made_there) continue;
      gap("call #" + std::to_string(i) + " " + g.name + " failed (it returned " + traced[i].value +
          "), and the harness took its " + taken + " for released: a failed " + g.name +
          " may keep nothing and release nothing");
      // A reader the program gave a live object of the leaked kind lost it whatever the failed
      // call did (libyaml: a failed yaml_emitter_dump of one document, yaml_parser_load over
      // another): that explanation is tried first. A leak is seen only while no stale copy of
      // its pointer is left in memory, so a rule that shifts what the harness keeps can hide
      // it without explaining it.
      const size_t first_reader = out_.candidates.size();
      if (maker && readers_that_refill(*maker))
        out_.evidence = "a leak in a program that gave a reader an object it already had (" +
                        out_.candidates[first_reader].says + "), and in which " + out_.evidence;
      std::vector<ContractEntry> rule = {{"functions." + g.name, "released_on_failure", "false"}};
      if (!ok.empty()) rule.insert(rule.begin(), {"functions." + g.name + ".returns", "success", ok});
      if (!failure.empty()) rule.insert(rule.begin(), {"functions." + g.name + ".returns", "failure", failure});
      candidate(rule, "a failed " + g.name + " releases nothing: " + taken + " stay the caller's" +
                          (!ok.empty()        ? " (it succeeded when it returned " + ok + ")"
                           : !failure.empty() ? " (it failed when it returned " + (returns_object ? std::string("NULL") : failure) + ")"
                                              : ""));
      // A rule that does not stop the leak leaves it the library's.
      out_.unlearned_is_bug = true;
      out_.refuted = "a leak that stays whether or not the failed " + g.name + " kept its " + taken +
                     ": the library's own fault";
      return true;
    }
    return false;
  }

  // A leak of a result nobody said who releases: the harness never released it.
  void leak() {
    if (failed_call_released_nothing()) return;
    if (retained_and_released_once()) return;
    if (copy_given_a_live_destination()) return;
    const FunctionPlan* f = plan_.find(c_.function);
    // The stack's function was not called by the program: another call made the object through
    // it (xmlRecoverDoc's document is allocated in xmlNewDoc; an uninstrumented library's
    // stack stops there). That call is the one whose result leaked: the last one returning
    // the same type. The stack's function may not even be one the run drives (--function).
    bool called_itself = false;
    for (const program::Call& c : in_.program.calls) called_itself |= f && c.fn < plan_.functions.size() && &plan_.functions[c.fn] == f;
    const FunctionPlan* on_stack = f;
    if (!called_itself) {
      const model::ApiModel& api = in_.session.target.api;
      // Only a pointer result names what was made: a status (libidn2's idn2_lookup_u8 returns
      // an int) says nothing about which call made the leaked block.
      if (f && api.functions[f->function].ret != model::kNoType &&
          api.type(api.functions[f->function].ret).kind == model::TypeKind::Pointer) {
        const model::TypeId want = api.functions[f->function].ret;
        for (const program::Call& c : in_.program.calls)
          if (c.fn < plan_.functions.size() && api.functions[plan_.functions[c.fn].function].ret == want)
            f = &plan_.functions[c.fn];
      }
      // No call returns its type. It came back through an out-parameter (libidn2's
      // idn2_to_ascii_4z(input, char **output, flags) stores what idn2_lookup_u8 allocates
      // inside it, and a stripped library's stack shows only that): the last call with an
      // out-pointer nobody said who releases is the one.
      if (f == on_stack)
        for (const program::Call& c : in_.program.calls)
          if (c.fn < plan_.functions.size() && has_unowned_out_pointer(plan_.functions[c.fn])) f = &plan_.functions[c.fn];
      // Or as another type (lz4's deprecated LZ4_create returns as void * what
      // LZ4_createStream allocates): the last call that returned a pointer nobody said who
      // releases, not to const (idn2_strerror's text is the library's).
      if (f == on_stack)
        for (const program::Call& c : in_.program.calls) {
          if (c.fn >= plan_.functions.size()) continue;
          const FunctionPlan& g = plan_.functions[c.fn];
          const model::Function& gf = api.functions[g.function];
          if (g.is_releaser || g.ret == program::ReturnKind::OwnedHandle || g.produced_by >= 0) continue;
          if (gf.ret == model::kNoType || api.type(gf.ret).kind != model::TypeKind::Pointer) continue;
          const model::TypeId pointee = api.type(gf.ret).pointee;
          if (pointee != model::kNoType && api.type(pointee).is_const) continue;
          f = &g;
        }
    }
    if (!f) return;
    // The leak is filed under the last call, a releaser only by its name (zstd's ZSTD_endStream
    // flushes a stream; "end" made it one): what leaked is the object an earlier call made and
    // gave it, which the harness then took for released.
    // (A function that frees memory it is given, not an object, is no releaser of this kind:
    // expat's XML_MemRealloc(parser, ptr, size) leaks what it returns, not the parser.)
    if (releases_an_object(*f) && f->ret != program::ReturnKind::OwnedHandle && f->produced_by < 0) {
      std::set<std::string> kinds;
      for (size_t i = 0; i < f->arity; ++i)
        if (f->params[i].kind == SlotKind::Handle) kinds.insert(f->params[i].handle_key);
      for (const program::Call& c : in_.program.calls)
        if (c.fn < plan_.functions.size() && plan_.functions[c.fn].ret == program::ReturnKind::OwnedHandle &&
            kinds.count(plan_.functions[c.fn].produces))
          f = &plan_.functions[c.fn];
    }
    const model::FunctionContract* fc = contracts_.find(f->name);
    const model::Function& fn = in_.session.target.api.functions[f->function];
    const model::Type& rt = in_.session.target.api.type(fn.ret);
    if (f->ret == program::ReturnKind::OwnedHandle || f->produced_by >= 0) {
      // Another call gave a pointer back through an out-parameter nobody said who releases
      // (libidn2's idn2_to_ascii_4i2 stores there what idn2_lookup_u8 allocates inside it; the
      // stripped library's one-frame stack names idn2_lookup_u8, which the program also
      // called, and released): that pointer is the likelier leak.
      const FunctionPlan* other = nullptr;
      for (const program::Call& c : in_.program.calls)
        if (c.fn < plan_.functions.size() && &plan_.functions[c.fn] != f && has_unowned_out_pointer(plan_.functions[c.fn]))
          other = &plan_.functions[c.fn];
      if (other && out_list(*other)) {
        // Only a guess against what the stack says: a rule that does not stop it leaves the leak
        // the library's (a stated owner released it).
        out_.unlearned_is_bug = true;
        out_.refuted = "a leak of " + f->name + "'s result that stays whoever releases " + other->name +
                       "'s out-pointer: the library's own fault";
        return;
      }
      // It has an owner, and the harness released it with that: the library still leaked,
      // unless the owner was only guessed and another releaser of the type is the one, or the
      // harness took a function named like a releaser for one (yaml_emitter_close) and never
      // called the real one.
      const model::ParamContract* out_param =
          f->produced_by >= 0 ? param_contract(contracts_, f->name, f->params[static_cast<size_t>(f->produced_by)].name)
                              : nullptr;
      if ((fc && strongly_decided(fc->ret.owned_by)) || (out_param && strongly_decided(out_param->out_owned_by))) {
        // Released by its stated owner, unless a setter replaced what the object held first.
        setters_that_replaced(*f);
        if (out_.candidates.empty()) return bug("its result's owner is stated, and it was released");
        out_.unlearned_is_bug = true;
        out_.refuted = "a leak of " + f->name + "'s result, released by its stated owner, whatever the setter was given: "
                       "the library's own fault";
        return;
      }
      std::vector<const FunctionPlan*> others = releasers_of(plan_, f->produces);
      const std::string current = f->releaser >= 0 ? plan_.functions[static_cast<size_t>(f->releaser)].name : "";
      std::set<std::string> called;
      for (const program::Call& c : in_.program.calls)
        if (c.fn < plan_.functions.size()) called.insert(plan_.functions[c.fn].name);
      for (const FunctionPlan* r : others) {
        if (r->name == current || !called.count(r->name)) continue;
        const model::FunctionContract* rc = contracts_.find(r->name);
        bool stated = false;
        for (size_t i = 0; rc && i < r->arity; ++i)
          if (const model::ParamContract* pc = param_contract(contracts_, r->name, r->params[i].name))
            stated |= strongly_decided(pc->releases);
        if (!stated)
          candidate({{"functions." + r->name, "releases_nothing", "true"}},
                    r->name + " releases nothing (its name said it did): " + current + " does");
      }
      readers_that_refill(*f);
      setters_that_replaced(*f);
      const std::string owner_table = f->produced_by >= 0
                                          ? "functions." + f->name + ".params." + f->params[static_cast<size_t>(f->produced_by)].name
                                          : "functions." + f->name + ".returns";
      for (const FunctionPlan* r : others)
        if (r->name != current)
          candidate({{owner_table, "owned_by", quoted(r->name)}}, f->name + "'s result is released with " + r->name);
      if (!out_.candidates.empty()) {
        if (out_.evidence.empty()) gap("a leak of " + f->name + "'s result, whose releaser only naming chose");
        out_.unlearned_is_bug = true;
        out_.refuted = "a leak of " + f->name + "'s result that stays whichever releaser of its type releases it";
      }
      return;
    }
    if (out_list(*f)) return;
    if (pointer_storage_paired_as_buffer(*f)) return;
    if (rt.kind != model::TypeKind::Pointer) return;  // the leak is inside the library
    if (fc && (strongly_decided(fc->ret.borrowed_from) || strongly_decided(fc->ret.is_static)))
      return bug("its result is stated to be borrowed or static");
    const model::ApiModel& api = in_.session.target.api;
    // A const result is the library's, by its header: what leaked is what an object it was given
    // held it in (zip_error_strerror's text lives in its zip_error_t), lost when a later call
    // initialized that object afresh. Never released by the harness: freeing the library's
    // static text ("No error") would be the harness's crash.
    if (rt.pointee != model::kNoType && api.type(rt.pointee).is_const) return reinitialized_holder(*f);
    // The harness never gave it back: whether or not a rule below stops it, nothing shows the
    // library at fault (a releaser nobody can guess by name, json_object_put, is still one).
    gap("a leak of what " + f->name + " returned, and nobody stated who releases it: the harness never did");
    const std::string type = unqualified(api.type(rt.pointee).name);
    // Functions of the library that could give it back, by their first parameter's type (this
    // type, or void *): those named like releasers first, then those that take nothing else
    // and return nothing (lt_table_retire), then those that take nothing else and return a
    // status (json_object_put). Each comes with its parameter marked as released, or the
    // harness would go on using what it gave back.
    std::vector<std::pair<int, const FunctionPlan*>> releasers;
    for (const FunctionPlan& r : plan_.functions) {
      if (r.arity < 1 || &r == f) continue;
      const model::Function& rf = api.functions[r.function];
      const model::Type& p0 = api.type(rf.params[0].type);
      if (p0.kind != model::TypeKind::Pointer || p0.pointee == model::kNoType) continue;
      const model::Type& pointee = api.type(p0.pointee);
      if (unqualified(pointee.name) != type && pointee.kind != model::TypeKind::Void) continue;
      // A retainer adds a reference (zip_source_keep): the opposite of giving one back.
      if (r.params[0].retains || contract::name_parts(r.name).role == contract::NameRole::Retainer) continue;
      const bool alone = r.arity == 1 && rf.ret != model::kNoType && api.type(rf.ret).kind == model::TypeKind::Void;
      const bool status = r.arity == 1 && rf.ret != model::kNoType && api.type(rf.ret).kind == model::TypeKind::Int;
      const int score = contract::is_releaser(api, rf) ? 3 : alone ? 2 : status ? 1 : 0;
      if (score > 0) releasers.push_back({-score, &r});
    }
    std::stable_sort(releasers.begin(), releasers.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    if (releasers.size() > 8) releasers.resize(8);
    // What the leak's own stack made has a releaser: the likeliest owner comes first.
    std::string stack_releaser;
    if (on_stack && on_stack != f && on_stack->releaser >= 0)
      stack_releaser = plan_.functions[static_cast<size_t>(on_stack->releaser)].name;
    const model::FunctionContract* sc = on_stack ? nullptr : contracts_.find(c_.function);
    if (sc && sc->ret.owned_by && sc->ret.owned_by->value != "free") stack_releaser = sc->ret.owned_by->value;
    if (!stack_releaser.empty())
      candidate({{"functions." + f->name + ".returns", "owned_by", quoted(stack_releaser)}},
                f->name + "'s result is made by " + c_.function + " (the leak's stack), released with " + stack_releaser);
    for (const auto& [score, r] : releasers) {
      const std::string param = r->params[0].name;
      candidate({{"functions." + f->name + ".returns", "owned_by", quoted(r->name)},
                 {"functions." + r->name, "releases", quoted(param)}},
                f->name + "'s result is released with " + r->name);
    }
    candidate({{"functions." + f->name + ".returns", "owned_by", quoted("free")}},
              f->name + "'s result is released with free()");
  }

  // The leak of what `f` returned as const: an object `f` was given held it, and a later call
  // named like an initializer (zip_error_init_with_code) was given that same live object and
  // filled it in afresh, losing it. The rule: that call initializes the parameter (it takes
  // storage, not an object). None: a gap that names what nobody stated, nothing learned.
  void reinitialized_holder(const FunctionPlan& f) {
    gap("a leak of what " + f.name + " returned as const (the library's, by its header): an object it was given "
        "kept it, and lost it to a call that nobody stated initializes that object afresh");
    const std::vector<std::vector<int>>& given = given_objects();
    std::set<int> holders;  // the objects f's calls were given, by the call that made them
    for (size_t i = 0; i < in_.program.calls.size() && i < given.size(); ++i) {
      const program::Call& c = in_.program.calls[i];
      if (c.fn < plan_.functions.size() && &plan_.functions[c.fn] == &f) {
        for (int made_at : given[i])
          if (made_at >= 0) holders.insert(made_at);
        continue;
      }
      if (c.fn >= plan_.functions.size() || holders.empty()) continue;
      const FunctionPlan& g = plan_.functions[c.fn];
      const std::vector<std::string> words = contract::name_words(g.name);
      if (contract::name_parts(g.name).role != contract::NameRole::Initializer &&
          std::find(words.begin(), words.end(), "init") == words.end())
        continue;
      for (size_t k = 0; k < g.arity && k < given[i].size(); ++k) {
        if (g.params[k].kind != SlotKind::Handle || !holders.count(given[i][k])) continue;
        const model::ParamContract* pc = param_contract(contracts_, g.name, g.params[k].name);
        if (pc && (strongly_decided(pc->handle) || strongly_decided(pc->initializes))) continue;
        candidate({{"functions." + g.name, "initializes", quoted(g.params[k].name)}},
                  g.name + " fills its " + g.params[k].name + " in afresh: it takes storage, not an object");
      }
    }
  }

  // A `T **` naming paired with a length (c-ares' ares_mkquery(..., unsigned char **buf, int
  // *buflen)): the function stored what it allocated there, and the harness, which took it for
  // a buffer of pointers, never released it. Unpaired, it is an out-parameter whose owner the
  // next finding teaches (out_list).
  bool pointer_storage_paired_as_buffer(const FunctionPlan& f) {
    const model::ApiModel& api = in_.session.target.api;
    bool any = false;
    for (size_t i = 0; i < f.arity; ++i) {
      const program::Slot& s = f.params[i];
      if (s.kind != SlotKind::Buffer || api.type(s.value_type).kind != model::TypeKind::Pointer) continue;
      const model::ParamContract* pc = param_contract(contracts_, f.name, s.name);
      if (pc && strongly_decided(pc->len)) continue;
      if (!any) gap("a leak of what " + f.name + " stored through " + s.name + ", a pointer to pointers naming paired with a length: it is where the function gives a pointer back");
      any = true;
      candidate({{"functions." + f.name + ".params." + s.name, "len", "false"}},
                s.name + " receives one pointer; it is no buffer with a length");
    }
    return any;
  }

  // A `T **out` the function filled with something it allocated (ares_get_servers' list): the
  // harness gave it storage and never released what came back. Its owner: a function named
  // like a releaser taking T * or void * (ares_free_data), else free.
  // An out-pointer nobody stated who releases; or a new object given back through one (`T **`)
  // that the harness releases with free() on a guess, while the plan has a releaser of its
  // type (json-c's json_c_shallow_copy_default(..., json_object **dst), learned as freed with
  // free() before json_object_put was known: free() leaves the object's insides).
  bool has_unowned_out_pointer(const FunctionPlan& f) const {
    const model::ApiModel& api = in_.session.target.api;
    for (size_t i = 0; i < f.arity; ++i) {
      const program::Slot& s = f.params[i];
      if (s.kind == SlotKind::OutHandle && static_cast<int>(i) == f.produced_by && f.releaser == program::kReleaseWithFree &&
          !releasers_of(plan_, f.produces).empty()) {
        const model::ParamContract* pc = param_contract(contracts_, f.name, s.name);
        if (!pc || !strongly_decided(pc->out_owned_by)) return true;
      }
      if (s.kind != SlotKind::Out || api.type(s.value_type).kind != model::TypeKind::Pointer) continue;
      const model::ParamContract* pc = param_contract(contracts_, f.name, s.name);
      if (!pc || !strongly_decided(pc->out_owned_by)) return true;
    }
    return false;
  }

  bool out_list(const FunctionPlan& f) {
    const model::ApiModel& api = in_.session.target.api;
    bool any = false;
    for (size_t i = 0; i < f.arity; ++i) {
      const program::Slot& s = f.params[i];
      if (s.kind != SlotKind::Out && !(s.kind == SlotKind::OutHandle && f.releaser == program::kReleaseWithFree)) continue;
      // (An OutHandle's value type is the object's; the pointer to it is the parameter's pointee.)
      const model::Type& pointee =
          api.type(s.kind == SlotKind::Out ? s.value_type : api.type(s.type).pointee);
      if (pointee.kind != model::TypeKind::Pointer || pointee.pointee == model::kNoType) continue;
      const model::ParamContract* pc = param_contract(contracts_, f.name, s.name);
      if (pc && strongly_decided(pc->out_owned_by)) continue;
      if (!any) gap("a leak of what " + f.name + " gave back through " + s.name + ", which nobody said who releases");
      any = true;
      const std::string type = unqualified(api.type(pointee.pointee).name);
      // The releasers of the type: by their names, or as the run has learned them (json-c's
      // json_object_put, whose name says nothing): tried before free(), and instead of a
      // free() learned before the type's releaser was known.
      for (const FunctionPlan& r : plan_.functions) {
        const bool learned_releaser = r.is_releaser && r.arity >= 1 && r.params[0].releases;
        if (r.arity < 1 || !(learned_releaser || contract::is_releaser(api, api.functions[r.function]))) continue;
        const model::Type& p0 = api.type(api.functions[r.function].params[0].type);
        if (p0.kind != model::TypeKind::Pointer || p0.pointee == model::kNoType) continue;
        const model::Type& target = api.type(p0.pointee);
        if (unqualified(target.name) != type && target.kind != model::TypeKind::Void) continue;
        candidate({{"functions." + f.name + ".params." + s.name, "owned_by", quoted(r.name)}},
                  "what " + f.name + " gives back through " + s.name + " is released with " + r.name);
      }
      candidate({{"functions." + f.name + ".params." + s.name, "owned_by", quoted("free")}},
                "what " + f.name + " gives back through " + s.name + " is released with free()");
    }
    return any;
  }

  // An assert expression about a reference count (`jso->_ref_count > 0`, `item->refcount`).
  static bool about_a_reference_count(const std::string& expr) {
    for (const std::string& id : identifiers(expr)) {
      std::string lower;
      for (char c : id) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower.find("ref") != std::string::npos &&
          (lower.find("count") != std::string::npos || lower.find("cnt") != std::string::npos))
        return true;
    }
    return false;
  }

  // Items of these kinds an earlier call added to a container (adopted_by), latest first: that
  // call took each over (`steals`), which nobody said. Tried by replay, one at a time.
  void items_taken_over(const std::set<std::string>& kinds) {
    const std::vector<const FunctionPlan*> before = called_before();
    std::set<std::string> offered;
    for (auto g = before.rbegin(); g != before.rend(); ++g)
      for (size_t i = 0; i < (*g)->arity; ++i) {
        const program::Slot& s = (*g)->params[i];
        if (s.kind != SlotKind::Handle || s.adopted_by < 0 || s.releases || !kinds.count(s.handle_key) ||
            !offered.insert((*g)->name + "." + s.name).second)
          continue;
        const model::ParamContract* pc = param_contract(contracts_, (*g)->name, s.name);
        if (pc && strongly_decided(pc->releases)) continue;
        candidate({{"functions." + (*g)->name, "steals", quoted(s.name)}},
                  (*g)->name + " takes its " + s.name + " over: the caller no longer releases it");
      }
  }

  // The library's own assert about a parameter: the precondition it states.
  void assertion() {
    static const std::regex re(R"(Assertion `(.*)' failed)");
    std::smatch m;
    if (!std::regex_search(c_.message, m, re)) return;
    const std::string expr = m[1];
    const std::string fname = called();
    const FunctionPlan* f = plan_.find(fname);
    if (!f) return;
    std::set<std::string> ids = identifiers(expr);
    std::vector<size_t> named;
    for (size_t i = 0; i < f->arity; ++i)
      if (ids.count(f->params[i].name)) named.push_back(i);
    if (named.empty()) {
      // About the state of what it was given (`json_object_get_type(jso) == json_type_array`
      // inside a helper, `event.type == YAML_STREAM_START_EVENT` after a mixed API): the
      // harness's order, or an object of the wrong sort that the header does not tell apart.
      // In a function given no object, the library's own invariant broke.
      if (handle_kinds(*f).empty())
        return bug("an assertion about the library's own state (`" + expr + "`) in " + fname +
                   ", which was given no object of the library's");
      gap("an assertion inside " + fname + " about the objects the harness gave it (`" + expr +
          "`): an order, or a sort of object, that nobody stated");
    } else {
      gap("the library's own precondition on " + f->params[named[0]].name + ": assert(" + expr + ") in " + fname);
    }
    const model::FunctionContract* fc = contracts_.find(fname);
    const program::Call* call = the_call();
    // A NULL the library asserts against.
    for (size_t i : named) {
      const program::Slot& s = f->params[i];
      const model::ParamContract* pc = param_contract(contracts_, fname, s.name);
      static const std::regex null_check(R"(^\s*!?\(?\s*(\w+)\s*(!=\s*(NULL|0|nullptr)\s*)?\)?\s*$)");
      std::smatch n;
      if (call && i < call->args.size() && call->args[i].is_null && std::regex_match(expr, n, null_check) &&
          n[1] == s.name && !(pc && strongly_decided(pc->nullable)))
        candidate({{"functions." + fname + ".params." + s.name, "nonnull", "true"}}, s.name + " must not be NULL");
      // A bound it asserts: assert(size > 0).
      static const std::regex lower_bound(R"(^\s*\(?\s*(\w+)\s*(>=?)\s*(-?\d+)\s*\)?\s*$)");
      if (s.kind == SlotKind::Int && std::regex_match(expr, n, lower_bound) && n[1] == s.name)
        lower_bound_rule(fname, s, std::stoll(n[3]) + (n[2] == ">" ? 1 : 0));
    }
    std::set<std::string> kinds = handle_kinds(*f);
    if (call_ < 0 && f->is_releaser) {
      // A reference count at zero (json-c's `jso->_ref_count > 0`): the object was released
      // already, inside the container an earlier call added it to (json_object_array_put_idx
      // takes its item over), the way a double free shows in a library ASan does not see into.
      if (about_a_reference_count(expr)) items_taken_over(kinds);
      // Its own release asserts: it is no releaser (a stream's close), or not of these objects.
      for (const std::string& kind : kinds) {
        std::vector<ContractEntry> entries = {{"functions." + fname, "releases_nothing", "true"}};
        for (const FunctionPlan* r : releasers_of(plan_, kind)) {
          if (r->name == fname) continue;
          if (const std::vector<int>* producers = plan_.producers_of(kind))
            for (int p : *producers) {
              const FunctionPlan& pf = plan_.functions[static_cast<size_t>(p)];
              if (pf.produced_by >= 0)
                entries.push_back({"functions." + pf.name + ".params." + pf.params[static_cast<size_t>(pf.produced_by)].name,
                                   "owned_by", quoted(r->name)});
              else
                entries.push_back({"functions." + pf.name + ".returns", "owned_by", quoted(r->name)});
            }
          candidate(entries, fname + " releases nothing; " + r->name + " releases what it was taken for");
          entries.resize(1);
        }
        candidate(entries, fname + " releases nothing (its name said it did)");
      }
      // Should nothing be learned, what to set aside is the last call that did something to
      // such an object (libcbor's cbor_move drops a reference and frees nothing, and the final
      // cbor_intermediate_decref then asserts refcount > 0), not the releaser, which the run
      // cannot skip without leaking.
      for (const FunctionPlan* g : called_before()) {
        if (g->is_releaser || g->ret == program::ReturnKind::OwnedHandle || g->produced_by >= 0) continue;
        for (const std::string& kind : handle_kinds(*g))
          if (kinds.count(kind)) out_.culprit = g->name;
      }
      return;
    }
    // An assert naming a sort of object (`json_object_get_type(jso) == json_type_array`,
    // `cbor_isa_array(item)`): the constructors of that sort made the only objects fit (tried
    // before any order). An enumerator in it names the sort; else its words.
    std::set<std::string> said = sort_in_expression(expr);
    if (said.empty()) said = expression_words(expr);
    sort_rules(*f, &said, false);
    const bool order_stated = fc && (strongly_decided(fc->once) || strongly_decided(fc->excludes) ||
                                     strongly_decided(fc->requires_calls));
    if (order_stated) return;
    std::vector<const FunctionPlan*> before = called_before();
    // What was called before on the same objects: once / excludes.
    auto not_again = [&] {
      std::set<std::string> seen;
      for (const FunctionPlan* g : before)
        if (g->name == fname && seen.insert("once").second)
          candidate({{"functions." + fname, "once", "true"}}, fname + " at most once per object");
      for (const FunctionPlan* g : before) {
        if (g->name == fname || !seen.insert(g->name).second) continue;
        bool shares = false;
        for (const std::string& kind : handle_kinds(*g)) shares |= kinds.count(kind) > 0;
        if (shares)
          candidate({{"functions." + fname, "excludes", "[" + quoted(g->name) + "]"}},
                    fname + " not on an object " + g->name + " was called with");
      }
    };
    // Setup functions on the same object not called before, those named like what the assert
    // checks first (`emitter->opened` -> yaml_emitter_open): requires.
    auto set_up_first = [&] {
      std::set<std::string> called;
      for (const FunctionPlan* g : before) called.insert(g->name);
      const std::set<std::string> said = expression_words(expr);
      std::vector<std::pair<int, const FunctionPlan*>> setups;
      for (const FunctionPlan& g : plan_.functions) {
        if (g.name == fname || called.count(g.name) || g.is_releaser) continue;
        bool shares = false;
        for (const std::string& kind : handle_kinds(g)) shares |= kinds.count(kind) > 0;
        if (!shares) continue;
        int score = setup_name(g.name) ? 1 : 0;
        for (const std::string& w : contract::name_words(g.name)) score += 2 * (said.count(w) > 0);
        if (score > 0) setups.push_back({-score, &g});
      }
      std::stable_sort(setups.begin(), setups.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      if (setups.size() > 6) setups.resize(6);
      for (const auto& [score, g] : setups)
        candidate({{"functions." + fname, "requires", "[" + quoted(g->name) + "]"}},
                  fname + " only after " + g->name + " on the same object");
    };
    // assert(!obj->opened): something done already must not be done again; assert(obj->x):
    // something must be done first.
    const bool negated = expr.find_first_not_of(" (") != std::string::npos && expr[expr.find_first_not_of(" (")] == '!';
    if (negated) {
      not_again();
      set_up_first();
    } else {
      set_up_first();
      not_again();
    }
  }

  // Past a block of one byte or none that the library allocated itself, in a call given objects
  // of the library's: the library grew its object's storage from nothing, so the object it was
  // given was all zeros — destroyed by an earlier call that took it over (yaml_emitter_dump
  // deletes its document), or never made. An initialized object does not look so. The rule
  // tried: the earlier call that took the object next to another one `steals` it.
  void emptied_object() {
    static const std::regex tiny(R"(located \d+ bytes to the right of [01]-byte region)");
    if (!std::regex_search(in_.log, tiny)) return;
    bool library_made = false;
    for (const std::string& fn : stack_functions(in_.log, "allocated by thread"))
      library_made |= fn.find("ffifuzz::") == std::string::npos && fn.find("malloc") == std::string::npos &&
                      fn.find("realloc") == std::string::npos && fn.find("calloc") == std::string::npos;
    const program::Call* call = the_call();
    const FunctionPlan* f = function_of(call);
    if (!library_made || !f) return;
    const std::set<std::string> kinds = handle_kinds(*f);
    if (kinds.empty()) return;
    gap(f->name + " grew a block of its object's from nothing: the object it was given was all zeros (taken over "
        "and destroyed by an earlier call, or never made), an order nobody stated");
    for (const FunctionPlan* g : called_before()) {
      if (g->name == f->name || g->is_releaser) continue;
      for (size_t i = 1; i < g->arity; ++i) {
        const program::Slot& s = g->params[i];
        if (s.kind != SlotKind::Handle || s.releases || !kinds.count(s.handle_key)) continue;
        const model::ParamContract* pc = param_contract(contracts_, g->name, s.name);
        if (pc && strongly_decided(pc->releases)) continue;
        candidate({{"functions." + g->name, "steals", quoted(s.name)}},
                  g->name + " takes " + s.name + " over: the caller no longer has it");
      }
    }
  }

  // A NULL met inside an object an earlier call had been given beside another object (libyaml's
  // yaml_emitter_dump(emitter, document) takes the document over and empties it; the
  // harness's yaml_document_get_node(document, 125) then walked its NULL node stack): that call
  // took it over, which nobody said. The rule (`steals`) counts only if it stops the finding.
  // True when it gave evidence.
  // zip_open_from_source and struct zip_source: the words after "from" name the kind.
  static bool named_as_made_from(const std::string& function, const std::string& kind) {
    const std::vector<std::string> words = contract::name_words(function);
    const auto from = std::find(words.begin(), words.end(), "from");
    if (from == words.end()) return false;
    const std::vector<std::string> kind_words = contract::name_words(unqualified(kind));
    for (auto w = from + 1; w != words.end(); ++w)
      if (std::find(kind_words.begin(), kind_words.end(), *w) != kind_words.end()) return true;
    return false;
  }

  bool taken_over_earlier() {
    const FunctionPlan* f = function_of(the_call());
    // In the final releases: the releaser that crashed (libzip's zip_source_free of a source
    // zip_open_from_source had taken over, and zip_close had freed with its archive).
    if (!f && call_ < 0) f = plan_.find(called());
    if (!f) return false;
    const std::set<std::string> kinds = handle_kinds(*f);
    for (const FunctionPlan* g : called_before()) {
      if (g->name == f->name || g->is_releaser) continue;
      // The first parameter is the object a call works on (the emitter of yaml_emitter_dump,
      // the archive zip_fopen opens a file of), unless the call is named as making an object
      // of another kind from it (libzip's zip_open_from_source(src, ...)), which owns it then.
      const bool wraps = g->ret == program::ReturnKind::OwnedHandle && g->arity > 0 &&
                         g->params[0].kind == SlotKind::Handle && g->params[0].handle_key != g->produces &&
                         named_as_made_from(g->name, g->params[0].handle_key);
      // Or the crash is in a release of a container an earlier call added another object to
      // (libzip's zip_add(archive, name, source)): the container took it over, and the harness
      // released it as well before the container used it.
      const bool into_container = call_ < 0 && f->is_releaser && g->arity > 0 &&
                                  g->params[0].kind == SlotKind::Handle && kinds.count(g->params[0].handle_key) > 0;
      for (size_t i = wraps ? 0 : 1; i < g->arity; ++i) {
        const program::Slot& s = g->params[i];
        if (s.kind != SlotKind::Handle || s.releases || s.retains) continue;
        const bool added = into_container && !kinds.count(s.handle_key);
        if (!kinds.count(s.handle_key) && !added) continue;
        const model::ParamContract* pc = param_contract(contracts_, g->name, s.name);
        if (pc && strongly_decided(pc->releases)) continue;
        if (out_.evidence.empty())
          gap(added ? f->name + " met a NULL inside its object, to which " + g->name + " had added " + s.name +
                          ", released by the harness as well: taken over by the container, which nobody stated"
                    : f->name + " met a NULL inside an object " + g->name + " had been given as " + s.name +
                          ": taken over and emptied by it, an order nobody stated");
        candidate({{"functions." + g->name, "steals", quoted(s.name)}},
                  g->name + " takes " + s.name + " over: the caller no longer has it");
      }
    }
    if (out_.evidence.empty()) return false;
    out_.unlearned_is_bug = true;
    out_.refuted = "no sign of a rule the harness broke (no earlier call's taking the object over stopped it): the "
                   "library's own fault";
    return true;
  }

  // The crashing call was given an object that an earlier call was to initialize and whose
  // result says whether it did (yaml_parser_load returns 0 on a parse error and leaves the
  // document unmade): the harness used it whatever that call returned. The rule: which result
  // means success (`returns.success`), tried both ways; only one that stops the finding makes
  // it a gap, otherwise it stays the library's.
  // Likewise an earlier call on an object of the kind that returned what its comment says is
  // an error (libyaml's emitter, used after a yaml_emitter_emit that returned 0: "the emitter
  // cannot be used after an error"): under `returns.success` a failed call leaves its object
  // fit only for its releaser.
  void made_by_a_failed_call() {
    const program::Call* call = the_call();
    const FunctionPlan* f = function_of(call);
    if (!f) return;
    const model::ApiModel& api = in_.session.target.api;
    std::set<std::string> kinds = handle_kinds(*f);
    const std::vector<program::TracedCall> traced = program::read_traced_calls(in_.log);
    // Whether a call of g before the crash returned something other than `ok`.
    auto failed_before = [&](const FunctionPlan* g, const std::string& ok) {
      for (size_t i = 0; i < traced.size() && i < in_.program.calls.size() && static_cast<int>(i) < call_; ++i)
        if (traced[i].returned && in_.program.calls[i].fn < plan_.functions.size() &&
            &plan_.functions[in_.program.calls[i].fn] == g && traced[i].value != ok)
          return true;
      return false;
    };
    // Calls that did return something else are tried (and named) first: only their rules can
    // change what the program did.
    // What each function's comment says success is: read once (it reads the header file).
    std::map<const FunctionPlan*, std::string> success_of;
    auto documented = [&](const FunctionPlan* g) -> const std::string& {
      auto it = success_of.find(g);
      if (it == success_of.end()) it = success_of.emplace(g, documented_success(api.functions[g->function].decl)).first;
      return it->second;
    };
    std::vector<const FunctionPlan*> before = called_before();
    std::stable_partition(before.begin(), before.end(), [&](const FunctionPlan* g) {
      return g->ret == program::ReturnKind::Value && !documented(g).empty() && failed_before(g, documented(g));
    });
    for (const FunctionPlan* g : before) {
      const bool makes = g->produced_by >= 0 && kinds.count(g->produces) > 0;
      const bool on_kind = std::any_of(g->params.begin(), g->params.begin() + static_cast<long>(g->arity),
                                       [&](const program::Slot& s) { return s.kind == SlotKind::Handle && kinds.count(s.handle_key) > 0; });
      if ((!makes && !on_kind) || g->has_success || g->has_failure ||
          g->ret != program::ReturnKind::Value)
        continue;
      if (const model::TypeKind k = api.type(api.functions[g->function].ret).kind; k != model::TypeKind::Int && k != model::TypeKind::Bool) continue;
      const model::FunctionContract* gc = contracts_.find(g->name);
      if (gc && (strongly_decided(gc->ret.success) || strongly_decided(gc->ret.failure))) continue;
      const std::string ok = documented(g);
      if (ok.empty() || (!makes && !failed_before(g, ok))) continue;
      if (out_.evidence.empty())
        gap(makes ? f->name + " was given an object " + g->name + " was to make, whatever " + g->name +
                        " returned (its comment says " + ok + " means it succeeded), which no contract stated"
                  : f->name + " was given an object after " + g->name + " failed on one of its kind (its comment says " +
                        ok + " means it succeeded), which no contract stated");
      candidate({{"functions." + g->name + ".returns", "success", ok}},
                makes ? g->name + " made its object only when it returned " + ok
                      : g->name + " failed unless it returned " + ok + ": its object is fit only for its releaser then");
    }
    if (out_.evidence.empty() || !out_.refuted.empty()) return;  // (taken_over_earlier's stands)
    out_.unlearned_is_bug = true;
    out_.refuted = "no sign of a rule the harness broke (the object was made whatever the result said): the library's own fault";
  }

  // A call given an object of its kind but not of the sort its name says: json-c's
  // json_object_array_shrink(jso, n) wants what json_object_new_array made, and crashes on what
  // json_object_new_double made (a json_object too, of another type inside). The sort is the
  // word the function's name has after the type's own words ("array"), found among some of the
  // constructors' names, not all. The rule: made_by those constructors. Only a rule that stops
  // the finding makes it a gap: a crash on an object of the right sort stays the library's.
  void object_of_another_kind() {
    const program::Call* call = the_call();
    const FunctionPlan* f = function_of(call);
    if (!f) return;
    if (!sort_rules(*f, nullptr, true)) {
      // The sort the header's comment says a parameter must be (json_object_iter_begin's obj).
      const std::string comment = comment_above(in_.session.target.api.functions[f->function].decl);
      bool added = false;
      for (size_t i = 0; i < f->arity && !added; ++i) {
        const std::set<std::string> said = documented_sort(comment, f->params[i].name);
        if (f->params[i].kind == SlotKind::Handle && !said.empty()) added = sort_rules(*f, &said, true, "comment");
      }
      if (!added) return;
    }
    out_.unlearned_is_bug = true;
    out_.refuted = "no sign of a rule the harness broke (objects of the sort its name says crash it too): the "
                   "library's own fault";
  }

  // The made_by candidates for `f`'s handles: the constructors of a handle's kind whose names
  // carry a word `said` has (an assert's words), or, without it, a word of `f`'s own name after
  // its type's words. Some constructors of the kind only, not all. With `other_made`, only when
  // an object another constructor made was there to be given. True when one was added.
  bool sort_rules(const FunctionPlan& f, const std::set<std::string>* said, bool other_made,
                  const std::string& who_says = "name") {
    const std::vector<const FunctionPlan*> before = called_before();
    bool added = false;
    for (size_t i = 0; i < f.arity; ++i) {
      const program::Slot& s = f.params[i];
      if (s.kind != SlotKind::Handle || !s.made_by.empty()) continue;
      const model::ParamContract* pc = param_contract(contracts_, f.name, s.name);
      if (pc && pc->made_by) continue;
      const std::vector<int>* producers = plan_.producers_of(s.handle_key);
      if (!producers || producers->size() < 2) continue;
      const std::vector<std::string> type_words = type_words_of(s.handle_key);
      const std::set<std::string> wanted = said ? *said : sort_words(f.name, type_words);
      std::vector<std::string> makers;
      for (int p : *producers) {
        const std::string& name = plan_.functions[static_cast<size_t>(p)].name;
        const std::set<std::string> words = sort_words(name, type_words);
        if (std::any_of(words.begin(), words.end(), [&](const std::string& w) { return wanted.count(w) > 0; }))
          makers.push_back(name);
      }
      if (makers.empty() || makers.size() == producers->size()) continue;
      const FunctionPlan* other = nullptr;
      for (const FunctionPlan* g : before)
        if (g->produces == s.handle_key && std::find(makers.begin(), makers.end(), g->name) == makers.end()) other = g;
      if (other_made && !other) continue;
      std::string list;
      for (const std::string& m : makers) list += (list.empty() ? "" : ", ") + quoted(m);
      if (out_.evidence.empty() && other)
        gap(f.name + "'s " + who_says + " says its " + s.name + " is what " + makers.front() +
            " makes; the harness may have given it what " + other->name + " made, a rule nobody stated");
      candidate({{"functions." + f.name + ".params." + s.name, "made_by", "[" + list + "]"}},
                f.name + "'s " + s.name + " is an object " + makers.front() +
                    (makers.size() > 1 ? " (or another of its sort)" : "") + " made");
      added = true;
    }
    return added;
  }

  // The sort an assert names: the words an enumerator in it has beyond those all of its enum's
  // enumerators share (`json_object_get_type(jso) == json_type_array` -> array); none without one.
  std::set<std::string> sort_in_expression(const std::string& expr) const {
    std::set<std::string> out;
    const std::set<std::string> ids = identifiers(expr);
    for (const model::Type& t : in_.session.target.api.types) {
      if (t.kind != model::TypeKind::Enum || t.enumerators.size() < 2) continue;
      std::vector<std::string> common = contract::name_words(t.enumerators[0].name);
      for (const model::Enumerator& e : t.enumerators) {
        const std::vector<std::string> w = contract::name_words(e.name);
        size_t k = 0;
        while (k < common.size() && k < w.size() && common[k] == w[k]) ++k;
        common.resize(k);
      }
      for (const model::Enumerator& e : t.enumerators) {
        if (!ids.count(e.name)) continue;
        const std::vector<std::string> w = contract::name_words(e.name);
        out.insert(w.begin() + static_cast<long>(std::min(common.size(), w.size())), w.end());
      }
    }
    return out;
  }

  // An integer the library requires to be at least `min` (and, the harness's calls staying
  // small, at most 1 MiB above it).
  void lower_bound_rule(const std::string& fname, const program::Slot& s, long long min) {
    const model::ParamContract* pc = param_contract(contracts_, fname, s.name);
    if (pc && (strongly_decided(pc->range) || strongly_decided(pc->value))) return;
    candidate({{"functions." + fname + ".params." + s.name, "range",
                "[" + std::to_string(min) + ", " + std::to_string(min + 1048576) + "]"}},
              s.name + " is at least " + std::to_string(min));
  }

  // An abort the library announced, naming a parameter of the call (json-c's "json-c aborts
  // with error: json_object_array_shrink called with negative empty_slots"): its own
  // precondition, stated at run time. The rule: a negative one's range from 0.
  void stated_precondition() {
    if (c_.message.find("Assertion `") != std::string::npos) return;
    const size_t at = in_.log.find("ERROR: libFuzzer: deadly signal");
    if (at == std::string::npos) return;
    // The library's last line before it: not ffifuzz's, not a sanitizer's.
    std::string said;
    for (size_t end = in_.log.rfind('\n', at); end != std::string::npos && end > 0;) {
      const size_t begin = in_.log.rfind('\n', end - 1);
      const std::string line = in_.log.substr(begin == std::string::npos ? 0 : begin + 1,
                                              end - (begin == std::string::npos ? 0 : begin + 1));
      if (!line.empty() && !line.starts_with("ffifuzz:") && !line.starts_with("==")) {
        said = line;
        break;
      }
      if (begin == std::string::npos) break;
      end = begin;
    }
    const std::string fname = called();
    const FunctionPlan* f = plan_.find(fname);
    if (said.empty() || !f) return;
    // (A sentence, not a name: name_words splits only identifiers, and "called with negative
    // empty_slots" held no word "negative" for it, so the rule was never proposed.)
    static const std::regex negative(R"(\bnegative\b)", std::regex::icase);
    const bool says_negative = std::regex_search(said, negative);
    for (size_t i = 0; i < f->arity; ++i) {
      const program::Slot& s = f->params[i];
      if (s.name.empty() || said.find(s.name) == std::string::npos) continue;
      const std::regex whole("\\b" + s.name + "\\b");
      if (!std::regex_search(said, whole)) continue;
      if (out_.evidence.empty()) gap("the library's own precondition on " + s.name + ", stated as it aborted: \"" + said + "\"");
      if (s.kind == SlotKind::Int && says_negative) lower_bound_rule(fname, s, 0);
    }
    if (out_.evidence.empty() && announced_stop(said))
      gap("the library stopped the process on purpose, saying \"" + said +
          "\": a precondition the harness broke that nobody stated");
  }

  // A line a library prints as it ends the process on input it refuses: libgcrypt's "Fatal
  // error: divide by zero" (gcry_mpi_mod by a zero modulus), "Ohhhh jeeee: invalid flag value",
  // "Fatal: wrong context type 1 request for context ... of type 2". Not the C runtime's own
  // words for memory the library corrupted (glibc's "free(): invalid pointer", fortify's
  // "*** buffer overflow detected ***", "stack smashing detected") nor an exception escaping
  // C++ code ("terminate called after throwing"): those are the library's bugs.
  static bool announced_stop(const std::string& said) {
    static const std::regex runtime(R"(terminate called|buffer overflow detected|stack smashing|corrupted|double free|)"
                                    R"(^(free|malloc|realloc|calloc)\(\)|munmap_chunk|\*\*\*)",
                                    std::regex::icase);
    static const std::regex refusal(R"(\bfatal\b|ohhhh jeeee|\binvalid\b|not (yet )?implemented|not supported|)"
                                    R"(\bwrong\b|\bmisuse\b|\bprecondition\b)",
                                    std::regex::icase);
    return !std::regex_search(said, runtime) && std::regex_search(said, refusal);
  }

  // A bad access in a call given an index, whose header says it checks the index (libcbor's
  // cbor_array_get: "@return The item, or NULL in case of boundary violation"): the library
  // broke what it states, a bug whatever else the harness did. No rule is learned against it.
  void documented_bounds() {
    const FunctionPlan* f = function_of(the_call());
    if (!f) return;
    bool index = false;
    for (size_t i = 0; i < f->arity; ++i) {
      const std::vector<std::string> words = contract::name_words(f->params[i].name);
      index |= f->params[i].kind == SlotKind::Int &&
               std::any_of(words.begin(), words.end(), [](const std::string& w) { return w == "index" || w == "idx" || w == "pos"; });
    }
    if (!index) return;
    const std::string said = documented_bounds_check(comment_of(*f));
    if (said.empty()) return;
    bug("the header says " + f->name + " checks its index (\"" + said + "\"), and it crashed on one: the library's own fault");
  }

  // A NULL the library followed inside an object nobody had set the part a call reads: libcbor's
  // cbor_tag_item(tag) on a new tag whose item cbor_tag_set_item never set. A setter named like
  // the call, with set (its words, less how-words, hold all of the call's), not called before:
  // the rule is `requires` it. A call for objects of every sort (cbor_copy) is judged by the
  // sort of the constructor that made the object it was given (cbor_new_tag, whose item is
  // NULL until cbor_tag_set_item): the rule is made_by the kind's other constructors. Only a
  // rule that stops the finding makes it a gap.
  void never_set_up() {
    const program::Call* call = the_call();
    const FunctionPlan* f = function_of(call);
    if (!f) return;
    const model::FunctionContract* fc = contracts_.find(f->name);
    std::set<std::string> called;
    for (const FunctionPlan* g : called_before()) called.insert(g->name);
    for (size_t i = 0; i < f->arity; ++i) {
      const program::Slot& s = f->params[i];
      if (s.kind != SlotKind::Handle) continue;
      const std::vector<std::string> type_words = type_words_of(s.handle_key);
      std::set<std::string> wanted = sort_words(f->name, type_words);
      const FunctionPlan* maker = nullptr;
      if (wanted.empty()) {
        const std::vector<std::vector<int>>& given = given_objects();
        const size_t at = static_cast<size_t>(call_);
        const int made_at = at < given.size() && i < given[at].size() ? given[at][i] : -1;
        maker = made_at >= 0 ? function_of(&in_.program.calls[static_cast<size_t>(made_at)]) : nullptr;
        if (!maker) continue;
        wanted = sort_words(maker->name, type_words);
      } else if (fc && strongly_decided(fc->requires_calls)) {
        continue;
      }
      if (wanted.empty()) continue;
      for (const FunctionPlan& g : plan_.functions) {
        if (&g == f || called.count(g.name) || g.is_releaser || g.arity < 2) continue;
        const std::vector<std::string> words = contract::name_words(g.name);
        if (std::find(words.begin(), words.end(), "set") == words.end()) continue;
        if (g.params[0].kind != SlotKind::Handle || g.params[0].handle_key != s.handle_key) continue;
        const std::set<std::string> has = sort_words(g.name, type_words);
        if (!std::includes(has.begin(), has.end(), wanted.begin(), wanted.end())) continue;
        if (out_.evidence.empty())
          gap("a NULL inside the object " + f->name + " was given" + (maker ? ", made by " + maker->name + "," : "") +
              " which " + g.name + " (named like setting what it reads) had not set up: an order nobody stated");
        if (!maker) {
          candidate({{"functions." + f->name, "requires", "[" + quoted(g.name) + "]"}},
                    f->name + " only after " + g.name + " on the same object");
          continue;
        }
        if (std::string list = other_makers(*f, s, maker->name); !list.empty())
          candidate({{"functions." + f->name + ".params." + s.name, "made_by", "[" + list + "]"}},
                    f->name + " takes no object " + maker->name + " made, whose part " + g.name + " sets is unset");
        break;
      }
    }
    if (out_.evidence.empty()) return;
    out_.unlearned_is_bug = true;
    out_.refuted = "no sign of a rule the harness broke (the call crashes after its setter too): the library's own fault";
  }

  // The constructors of slot `s`'s kind but `maker`, quoted and comma-separated, as a made_by
  // list: narrowed from what an earlier run learned; "" when a stronger source states made_by.
  std::string other_makers(const FunctionPlan& f, const program::Slot& s, const std::string& maker) const {
    const model::ParamContract* pc = param_contract(contracts_, f.name, s.name);
    if (pc && pc->made_by && strongly_decided(pc->made_by)) return "";
    const std::vector<int>* producers = plan_.producers_of(s.handle_key);
    if (!producers) return "";
    std::string list;
    for (int p : *producers) {
      const std::string& name = plan_.functions[static_cast<size_t>(p)].name;
      if (name == maker) continue;
      if (pc && pc->made_by && std::find(pc->made_by->value.begin(), pc->made_by->value.end(), name) == pc->made_by->value.end())
        continue;
      list += (list.empty() ? "" : ", ") + quoted(name);
    }
    return list;
  }

  // An abort with no assertion, in a call given a buffer of a guessed size: the library may
  // have stopped itself on failing to write there (libsodium's randombytes_buf aborts when the
  // kernel will not fill a buffer running into the harness's guard page). Only a size that
  // stops it makes it a gap: otherwise the abort is the library's own.
  void abort_past_guessed_buffer() {
    if (c_.message.find("Assertion `") != std::string::npos) return;
    const program::Call* call = the_call();
    const FunctionPlan* f = function_of(call);
    if (!f) return;
    guessed_buffer(*f);
    if (out_.evidence.empty()) return;
    out_.evidence = "an abort in " + f->name + ", given a buffer whose size the harness guessed: " + out_.evidence;
    out_.unlearned_is_bug = true;
    out_.refuted = "no sign of a rule the harness broke (no larger buffer stopped the abort): the library's own fault";
  }

  // A returned struct in a heap block larger than the header's struct: the header may show only
  // the public beginning of the library's own (zlib's gzFile_s inside its gz_state) — a
  // design, stated as the type's `base` — or the library's struct grew (header drift, a bug).
  // The library's debug info tells them apart: its own struct of that name the header's size
  // is a design; another size is drift. Without debug info nothing tells: a gap that names
  // how to tell, with no rule learned. Smaller is a mismatch whatever the design.
  void larger_object() {
    static const std::regex re(R"(returned an? (.+) in a heap block of (\d+) bytes, but the header says sizeof\(.+\) is (\d+))");
    std::smatch m;
    if (!std::regex_search(c_.message, m, re) || std::stoull(m[2]) <= std::stoull(m[3])) return;
    const std::string type = m[1];
    if (auto t = contracts_.types.find(type); t != contracts_.types.end() && strongly_decided(t->second.base)) return;
    std::string bare = type;
    for (const char* kw : {"struct ", "union "})
      if (bare.rfind(kw, 0) == 0) bare = bare.substr(std::string(kw).size());
    std::optional<uint64_t> dwarf_size;
    try {
      const model::BinaryFacts facts = binary::read_binary(in_.session.target.options.lib);
      for (const model::BinaryRecord& r : facts.records)
        if (r.name == bare && r.size > 0) dwarf_size = r.size;
    } catch (const InputError&) {
    }
    if (dwarf_size && *dwarf_size != std::stoull(m[3]))
      return bug("the library's debug info says sizeof(" + type + ") is " + std::to_string(*dwarf_size) +
                 ", the header " + std::string(m[3]) + ": the header drifted from the library");
    if (!dwarf_size) {
      gap("the library's " + type + " is larger than the header's (" + std::string(m[2]) + " bytes, not " +
          std::string(m[3]) + "): a public beginning of a larger object, or a header that drifted; the library has "
          "no debug info to tell (run 'ffifuzz check' on a build with -g), and nobody stated [types.\"" + type +
          "\"] base = true");
      return;
    }
    gap("the library's " + type + " is larger than the header's (" + std::string(m[2]) + " bytes, not " +
        std::string(m[3]) + "): the header may show only its public beginning, which nobody stated");
    candidate({{"types.\"" + type + "\"", "base", "true"}},
              "the header's " + type + " is the beginning of larger objects of the library's");
  }

  // An allocation too large to make, of about the size of a huge integer the harness gave the
  // call (XML_MemMalloc's size, json-c's lh_table_new(size) of 40-byte entries): the harness
  // asked for it. Also calloc's count that overflows (json_tokener_new_ex(depth = -1)), and the
  // process's memory over its limit while a call given such an integer ran (the library
  // touched what it was asked to allocate). The rule: a range nobody stated. A size the library
  // computed from a small one (a count of MiB it forgot to bound) stays its.
  void oversized_request() {
    // ASan's, libFuzzer's -malloc_limit_mb, and ASan's when the machine cannot back it.
    static const std::regex size_re(
        R"((?:requested allocation size |out-of-memory \(malloc\(|trying to allocate )(0x[0-9a-f]+|\d+))");
    static const std::regex calloc_re(R"(calloc parameters overflow: count \* size \((-?\d+) \* \d+\))");
    static const std::regex rss_re(R"(out-of-memory \(used: \d+Mb)");
    std::smatch m;
    enum class Seen { Size, CallocCount, Rss } seen = Seen::Rss;
    uint64_t requested = 0;
    if (std::regex_search(c_.message, m, size_re)) {
      seen = Seen::Size;
      requested = std::stoull(m[1], nullptr, 0);
    } else if (std::regex_search(c_.message, m, calloc_re) || std::regex_search(in_.log, m, calloc_re)) {
      // (the headline is ASan's SUMMARY line, "calloc-overflow"; the count is in the report)
      seen = Seen::CallocCount;
      requested = static_cast<uint64_t>(std::stoll(m[1]));
    } else if (std::regex_search(c_.message, m, rss_re)) {
      seen = Seen::Rss;
    } else {
      return;
    }
    const model::ApiModel& api = in_.session.target.api;
    auto asked_for = [&](const program::Call& call) {
      for (const size_t i : fuzzed_integers(call)) {
        const FunctionPlan* f = &plan_.functions[call.fn];
        const program::Slot& s = f->params[i];
        const uint64_t width = api.type(s.value_type).size;
        const uint64_t v = unsigned_value(call.args[i], width);
        // Above the range the rule would state (1 MiB), or negative as a size: the allocation is
        // that times an element of at most 64 bytes (checked below), beyond the limit.
        if (width < 4 || v <= (uint64_t{1} << 20)) continue;
        if (seen == Seen::Rss && v < (uint64_t{1} << 24)) continue;  // no size to compare: a clearly huge one
        // The argument zero- or sign-extended to size_t (giflib's GifAddExtensionBlock stores an
        // unsigned Len in an int and mallocs that: 0xb50000e4 asks for 0xffffffffb50000e4).
        const uint64_t sign_extended =
            width >= 8 || !(v >> (8 * width - 1)) ? v : v | ~((uint64_t{1} << (8 * width)) - 1);
        if (seen == Seen::Size) {
          // Not what it asked for: at most 64 bytes an element (x + 4096 saturates: SIZE_MAX
          // asked for is SIZE_MAX requested).
          auto about = [&](uint64_t x) {
            return requested >= x && requested / 64 <= (x > UINT64_MAX - 4096 ? UINT64_MAX : x + 4096);
          };
          if (!about(v) && !about(sign_extended)) continue;
        } else if (seen == Seen::CallocCount) {
          if (requested != v && requested != sign_extended) continue;
        }
        gap(f->name + " was given " + s.name + " = " + std::to_string(v) +
            " by the harness, and tried to allocate about that much: no range was stated for it");
        candidate({{"functions." + f->name + ".params." + s.name, "range", "[0, 1048576]"}},
                  s.name + " is at most 1 MiB in the harness's calls");
      }
    };
    if (const program::Call* call = the_call()) asked_for(*call);
    // A size an earlier call stored, allocated later (zlib's gzbuffer(file, size), whose buffers
    // gzclose's first write allocates, twice the size; in the final releases, every call).
    // Only a call that could have stored it: one taking an object of the library's, of a kind
    // the allocating call takes (gzbuffer and gzclose share the gzFile). Without that, zoo
    // c_bugs' own bugs_fill(4096) allocating 4 GiB was filed as a gap for an earlier, unrelated
    // bugs_nest(depth = 4279828479).
    if (!out_.evidence.empty() || seen != Seen::Size) return;
    for (const program::Call* earlier : earlier_calls_on_its_objects()) asked_for(*earlier);
  }

  // An integer argument's value as its `width`-byte type holds it, unsigned.
  static uint64_t unsigned_value(const program::Arg& a, uint64_t width) {
    return width >= 8 ? a.bits : a.bits & ((uint64_t{1} << (8 * width)) - 1);
  }

  // The integer arguments of `call` the harness chose freely: no stronger source than naming
  // gave them a range or a value (their indexes).
  std::vector<size_t> fuzzed_integers(const program::Call& call) const {
    std::vector<size_t> out;
    if (call.fn >= plan_.functions.size()) return out;
    const FunctionPlan& f = plan_.functions[call.fn];
    for (size_t i = 0; i < f.arity && i < call.args.size(); ++i) {
      if (f.params[i].kind != SlotKind::Int) continue;
      const model::ParamContract* pc = param_contract(contracts_, f.name, f.params[i].name);
      if (pc && (strongly_decided(pc->range) || strongly_decided(pc->value))) continue;
      out.push_back(i);
    }
    return out;
  }

  // The calls before the crashing one that took an object of a kind it takes (in the final
  // releases, every call that took an object): those that could have stored a value the
  // crashing call then used.
  std::vector<const program::Call*> earlier_calls_on_its_objects() const {
    std::vector<const program::Call*> out;
    const FunctionPlan* now = function_of(the_call());
    const std::set<std::string> now_kinds = now ? handle_kinds(*now) : std::set<std::string>{};
    const size_t end = call_ < 0 ? in_.program.calls.size() : static_cast<size_t>(call_);
    for (size_t i = 0; i < end && i < in_.program.calls.size(); ++i) {
      const program::Call& earlier = in_.program.calls[i];
      if (earlier.fn >= plan_.functions.size()) continue;
      const std::set<std::string> kinds = handle_kinds(plan_.functions[earlier.fn]);
      bool shares = !kinds.empty() && !now;
      for (const std::string& k : kinds) shares |= now_kinds.count(k) > 0;
      if (shares) out.push_back(&earlier);
    }
    return out;
  }

  // A timeout in a call on an object a call (that one or an earlier one) gave a huge positive
  // length or offset: the library did the work it was asked for (zlib's gzseek(file, 2^47, 0)
  // on a file being written, whose gzclose then compresses 2^47 zero bytes). The rule: a range
  // nobody stated. A negative one is not asked-for work: a loop that never ends on it stays
  // the library's (crc32_combine's negative len2).
  void work_asked_for() {
    const model::ApiModel& api = in_.session.target.api;
    auto asked_for = [&](const program::Call& call) {
      for (const size_t i : fuzzed_integers(call)) {
        const FunctionPlan* f = &plan_.functions[call.fn];
        const program::Slot& s = f->params[i];
        if (!amount_of(s, api)) continue;
        const uint64_t width = api.type(s.value_type).size;
        if (width < 4) continue;
        const uint64_t bits = call.args[i].bits;
        const int64_t v = width >= 8 ? static_cast<int64_t>(bits) : static_cast<int32_t>(static_cast<uint32_t>(bits));
        if (v < (int64_t{1} << 24)) continue;
        if (out_.evidence.empty())
          gap(f->name + " was given " + s.name + " = " + std::to_string(v) +
              " by the harness, and the library worked on that much until the time ran out: no range was stated for it");
        candidate({{"functions." + f->name + ".params." + s.name, "range", "[0, 1048576]"}},
                  s.name + " is at most 1 MiB in the harness's calls");
      }
    };
    if (const program::Call* call = the_call()) asked_for(*call);
    for (const program::Call* earlier : earlier_calls_on_its_objects()) asked_for(*earlier);
    if (out_.evidence.empty()) grown_by_itself();
  }

  // A function the program gave one object as two of its handles, again and again (jansson's
  // json_array_extend(array, array): each call doubles the array; 23 calls made 8 million
  // elements, whose json_dumps ran out the time). Work the harness asked for, exponentially:
  // the rule is `once` on that function (a second call on the object is not made).
  void grown_by_itself() {
    constexpr int kDoublings = 8;
    const std::vector<std::vector<int>>& given = given_objects();
    std::map<std::pair<uint32_t, int>, int> calls;  // (function, object) -> calls given it twice
    for (size_t i = 0; i < in_.program.calls.size() && i < given.size(); ++i) {
      const program::Call& c = in_.program.calls[i];
      for (size_t a = 0; a < given[i].size(); ++a)
        for (size_t b = a + 1; b < given[i].size(); ++b)
          if (given[i][a] >= 0 && given[i][a] == given[i][b]) ++calls[{c.fn, given[i][a]}];
    }
    for (const auto& [key, n] : calls) {
      if (n < kDoublings || key.first >= plan_.functions.size()) continue;
      const FunctionPlan& g = plan_.functions[key.first];
      const model::FunctionContract* gc = contracts_.find(g.name);
      if (g.once_per_object || (gc && strongly_decided(gc->once))) continue;
      if (out_.evidence.empty())
        gap(g.name + " was given one object as two of its arguments " + std::to_string(n) +
            " times: each call may double it, and the library worked on what the harness grew until the time ran out");
      candidate({{"functions." + g.name, "once", "true"}}, g.name + " is called at most once per object");
      out_.unlearned_is_bug = true;
      out_.refuted = "a finding that stays with " + g.name + " called once per object: the library's own fault";
    }
  }

  // An access of N bytes past a block, N an amount the harness chose freely for the
  // crashing call or an earlier one on its objects (expat's XML_ParseBuffer(parser, len,
  // isFinal): len counts the bytes written into the buffer XML_GetBuffer gave; given
  // 678390892, the next XML_GetBuffer copied that many, or that many and the 16 bytes it
  // still held). The library did what the caller's number said, and nothing told the harness
  // what bounds it. Small sizes are left alone: a coincidence there is too likely.
  void amount_the_library_trusted() {
    static const std::regex access(R"((READ|WRITE) of size (\d+))");
    std::smatch m;
    if (!std::regex_search(in_.log, m, access)) return;
    const uint64_t n = std::stoull(m[2].str());
    if (n < 4096) return;
    const model::ApiModel& api = in_.session.target.api;
    auto trusted = [&](const program::Call& call) {
      for (const size_t i : fuzzed_integers(call)) {
        const FunctionPlan& f = plan_.functions[call.fn];
        const program::Slot& s = f.params[i];
        if (!amount_of(s, api)) continue;
        const uint64_t width = api.type(s.value_type).size;
        const uint64_t v = unsigned_value(call.args[i], width);
        // That many, or that many on top of what the library already held (up to 64 KiB).
        if (n < v || n - v > 65536) continue;
        if (out_.evidence.empty())
          gap(f.name + " was given " + s.name + " = " + std::to_string(v) + " by the harness, and the library " +
              (m[1] == "READ" ? "read" : "wrote") + " that many bytes past a block: nothing said what bounds it");
        candidate({{"functions." + f.name + ".params." + s.name, "range", "[0, 4096]"}},
                  s.name + " is at most 4 KiB in the harness's calls");
        candidate({{"functions." + f.name + ".params." + s.name, "range", "[0, 16]"}},
                  s.name + " is at most 16 in the harness's calls");
      }
    };
    if (const program::Call* call = the_call()) trusted(*call);
    for (const program::Call* earlier : earlier_calls_on_its_objects()) trusted(*earlier);
  }

  // Past a string or buffer the harness made for the crashing call, whose next parameter is an
  // integer nothing paired with it (libzip's zip_set_archive_comment(zip_t *, const char *,
  // zip_uint16_t): the comment and its length, unnamed and too narrow to be taken for one):
  // the library read as many bytes as that integer said. The rule: it is the buffer's length.
  void unpaired_length_after_a_buffer() {
    const program::Call* call = the_call();
    const FunctionPlan* f = function_of(call);
    if (!f) return;
    for (size_t i = 0; i + 1 < f->arity; ++i) {
      const program::Slot& buffer = f->params[i];
      const program::Slot& next = f->params[i + 1];
      if ((buffer.kind != SlotKind::CString && buffer.kind != SlotKind::Buffer) || buffer.partner >= 0) continue;
      if (next.kind != SlotKind::Int || buffer.path) continue;
      const model::ParamContract* pc = param_contract(contracts_, f->name, buffer.name);
      if (pc && (strongly_decided(pc->len) || strongly_decided(pc->cstring))) continue;
      if (out_.evidence.empty())
        gap("past " + buffer.name + " of " + f->name + ", which the harness made up, and " + next.name +
            ", the integer after it, was fuzzed apart from it: nothing paired them");
      candidate({{"functions." + f->name + ".params." + buffer.name, "len", quoted(next.name)}},
                next.name + " is the length of " + buffer.name);
    }
  }

  // A parameter for an amount of data or a place in it, by its name (a length, size or count,
  // contract/name_words.h; an offset or position) or, unnamed (zlib's gzseek(gzFile, z_off_t,
  // int)), by its type's: size_t, off_t, z_off_t.
  static bool amount_of(const program::Slot& s, const model::ApiModel& api) {
    static const std::set<std::string> kPlaces = {"offset", "off", "pos", "position", "skip"};
    auto says = [&](const std::string& name) {
      if (contract::is_length_word_name(name)) return true;
      std::vector<std::string> words = contract::name_words(name);
      if (!words.empty() && words.back() == "t") words.pop_back();  // size_t, off_t
      return !words.empty() && (kPlaces.count(words.back()) > 0 || contract::is_length_word_name(words.back()));
    };
    if (says(s.name)) return true;
    const model::Type& t = api.type(s.value_type);
    for (const std::string& name : t.typedef_chain)
      if (says(name)) return true;
    return says(t.name);
  }

  // A NULL the harness passed on naming alone.
  void null_argument() {
    const program::Call* call = the_call();
    const FunctionPlan* f = function_of(call);
    if (!f) return;
    for (size_t i = 0; i < f->arity && i < call->args.size(); ++i) {
      if (!call->args[i].is_null) continue;
      const model::ParamContract* pc = param_contract(contracts_, f->name, f->params[i].name);
      if (pc && strongly_decided(pc->nullable)) continue;  // stated nullable: the library's fault
      gap("the harness passed NULL for " + f->params[i].name + ", which no stronger source than " +
          (pc && pc->nullable ? std::string(model::to_string(pc->nullable->origin.source)) : std::string("a guess")) +
          " said may be NULL");
      candidate({{"functions." + f->name + ".params." + f->params[i].name, "nonnull", "true"}},
                f->params[i].name + " must not be NULL");
    }
    if (out_.evidence.empty()) made_up_struct_lengths(*f, *call);
    if (out_.evidence.empty()) made_up_struct_pointers(*f, *call);
  }

  // A [types.T.fields] entry for `field` of `type`, whichever name (tag, typedef) the contract
  // wrote the type under.
  bool field_stated(model::TypeId type, const std::string& field) const {
    for (const auto& [name, tc] : contracts_.types)
      if (in_.session.target.api.find_type(name) == std::optional<model::TypeId>(type) && tc.fields.count(field))
        return true;
    return false;
  }

  // An array of structs an earlier call was given, each with a pointer field and a length-named
  // integer field beside it (libzip's zip_buffer_fragment_t {data, length}, kept by
  // zip_source_buffer_fragment_create and read later, by zip_open_from_source or zip_close):
  // the harness points each element's pointer at a small block of its own and fuzzes the
  // length apart from it. The rule: that length at 0 in the structs the harness makes (a
  // length pairing reaches no array element). Adds the candidates; true when there were any.
  bool made_up_array_lengths() {
    const model::ApiModel& api = in_.session.target.api;
    const size_t end = call_ < 0 ? in_.program.calls.size() : static_cast<size_t>(call_) + 1;
    bool any = false;
    for (size_t c = 0; c < end && c < in_.program.calls.size(); ++c) {
      const program::Call& call = in_.program.calls[c];
      if (call.fn >= plan_.functions.size()) continue;
      const FunctionPlan& g = plan_.functions[call.fn];
      for (size_t i = 0; i < g.arity && i < call.args.size(); ++i) {
        const program::Slot& s = g.params[i];
        if (s.kind != SlotKind::Buffer || s.image < 0 || call.args[i].is_null) continue;
        const model::Type& t = api.type(s.value_type);
        std::string pointer, length;
        for (const model::Field& field : t.fields) {
          const model::Type& ft = api.type(field.type);
          if (ft.kind == model::TypeKind::Pointer && pointer.empty() && !field.name.empty()) pointer = field.name;
          if (ft.kind == model::TypeKind::Int && length.empty() && contract::is_length_word_name(field.name)) length = field.name;
        }
        if (pointer.empty() || length.empty() || field_stated(s.value_type, length)) continue;
        const std::string type = !t.typedef_chain.empty() ? t.typedef_chain.front() : "\"" + t.name + "\"";
        if (out_.evidence.empty())
          gap("a bad access after " + g.name + " was given an array of " + t.name + " the harness made up: each one's " +
              length + " was fuzzed apart from the block its " + pointer + " points at");
        candidate({{"types." + type + ".fields", length, "{ value = 0 }"}},
                  "the " + t.name + " the harness makes hold nothing: " + length + " = 0");
        any = true;
      }
    }
    return any;
  }

  // A struct the harness made up with a pointer field and a length-named integer field
  // beside it (zstd's ZSTD_outBuffer {dst, size, pos}): the length and the position were
  // fuzzed apart from the buffer. The rule pairs them, as [types.T.fields] does for z_stream,
  // with the struct's position-like fields (pos, offset, ...) at 0.
  void made_up_struct_lengths(const FunctionPlan& f, const program::Call& call) {
    static const std::set<std::string> kPosition = {"pos", "position", "offset", "off", "cursor", "index", "idx", "used"};
    const model::ApiModel& api = in_.session.target.api;
    for (size_t i = 0; i < f.arity && i < call.args.size(); ++i) {
      const program::Slot& s = f.params[i];
      if (s.kind != SlotKind::Object || call.args[i].is_null) continue;
      const model::Type& t = api.type(s.value_type);
      std::string pointer, length;
      std::vector<std::string> positions;
      for (const model::Field& field : t.fields) {
        const model::Type& ft = api.type(field.type);
        if (ft.kind == model::TypeKind::Pointer && pointer.empty() && !field.name.empty()) pointer = field.name;
        if (ft.kind != model::TypeKind::Int || field.name.empty()) continue;
        if (length.empty() && contract::is_length_word_name(field.name)) length = field.name;
        else if (kPosition.count(field.name)) positions.push_back(field.name);
      }
      if (pointer.empty() || length.empty()) continue;
      if (field_stated(s.value_type, pointer)) continue;
      const std::string type = !t.typedef_chain.empty() ? t.typedef_chain.front() : "\"" + t.name + "\"";
      gap("a bad access inside " + f.name + ", given a " + t.name + " the harness made up: its " + length +
          " was fuzzed apart from the buffer its " + pointer + " points at");
      std::vector<ContractEntry> entries = {{"types." + type + ".fields", pointer, "{ len = " + quoted(length) + " }"}};
      for (const std::string& p : positions) entries.push_back({"types." + type + ".fields", p, "{ value = 0 }"});
      candidate(entries, "the " + pointer + " of a " + t.name + " the harness makes has " + length + " bytes" +
                             (positions.empty() ? "" : ", at position 0"));
    }
  }

  // A struct the harness made up for an argument, its pointer fields pointing at zeros: the
  // library followed one into a made-up object (a filter chain of NULL options). The rule
  // leaves such a field NULL (the "none" most APIs accept), one field at a time.
  void made_up_struct_pointers(const FunctionPlan& f, const program::Call& call) {
    const model::ApiModel& api = in_.session.target.api;
    for (size_t i = 0; i < f.arity && i < call.args.size(); ++i) {
      const program::Slot& s = f.params[i];
      if ((s.kind != SlotKind::Object && s.kind != SlotKind::Record) || call.args[i].is_null) continue;
      const model::Type& t = api.type(s.value_type);
      // The name a contract's [types.T] finds it by: its typedef, else "struct T".
      const std::string type = !t.typedef_chain.empty() ? t.typedef_chain.front() : "\"" + t.name + "\"";
      std::vector<std::string> fields;
      for (const model::Field& field : t.fields) {
        if (api.type(field.type).kind != model::TypeKind::Pointer || field.name.empty()) continue;
        // A field the contract (or learning) already placed: its rule stands.
        if (!field_stated(s.value_type, field.name)) fields.push_back(field.name);
      }
      if (fields.empty()) continue;
      std::string list;
      for (const std::string& n : fields) list += (list.empty() ? "" : ", ") + n;
      gap("a NULL dereference inside " + f.name + ", given a " + t.name + " the harness made up: its pointer fields (" +
          list + ") point at objects of zeros nobody said are valid");
      for (const std::string& n : fields)
        candidate({{"types." + type + ".fields", n, "{ value = 0 }"}},
                  "the " + n + " of a " + t.name + " the harness makes is NULL");
    }
  }

  // An object freed by a function that was not known to take it, then used (or freed again)
  // while another object was released: that one had adopted it.
  void ownership_transfer() {
    // Memory the harness made up for a call, freed twice (expat's XML_MemRealloc(parser, ptr,
    // size) reallocated the harness's ptr): no object changed hands; released_harness_memory
    // names the call that freed it.
    if (c_.finding_class == "double-free" && harness_allocated()) return;
    const std::string freer = outer_exported(stack_functions(in_.log, "freed by thread"), plan_);
    std::string used_in = outer_exported(error_stack(in_.log), plan_);
    const FunctionPlan* user = plan_.find(used_in.empty() ? called() : used_in);
    const FunctionPlan* f = plan_.find(freer);
    if (f && f->is_releaser && c_.finding_class == "use-after-free") made_from_released(*f);
    if (!out_.evidence.empty()) return;
    if (c_.finding_class == "double-free") one_object_taken_over_twice();
    if (!out_.evidence.empty()) return;
    if (f && !f->is_releaser && user && freer != user->name) freed_what_it_was_given(*f, *user);
    if (!out_.evidence.empty()) return;
    // The releaser that freed it is the one that met it freed (the harness's final release),
    // and the first free's stack stops inside the library (no frame pointers: Debian's libgif):
    // some other call may have run the releaser. A stack that reaches the harness shows the
    // harness called it, and a double free within that one call is the library's (zoo
    // rust_double_free's session_destroy). Two releasers are the adoption case below.
    bool harness_freed = false;
    for (const std::string& frame : stack_functions(in_.log, "freed by thread"))
      harness_freed |= frame.starts_with("ffi_call") || frame.find("ffifuzz::") != std::string::npos;
    if (f && f->is_releaser && user && freer == user->name && !harness_freed) released_inside_another_call(*f);
    if (!out_.evidence.empty()) return;
    // A library without symbols or frame pointers (Debian's libgcrypt): the first free's stack
    // stops inside the library, naming no function; the second is the harness's release. A call
    // given the object may have released it (gcry_mpi_snatch(w, u) releases u; given one object
    // as both, the harness released it again): each call that took it is a candidate the replay
    // checks. When none stops it, the releaser freed it twice itself: the library's.
    if (!f && freer.empty() && user && user->is_releaser && c_.finding_class == "double-free") {
      released_inside_another_call(*user);
      if (!out_.evidence.empty()) {
        out_.unlearned_is_bug = true;
        out_.refuted = "no call given the object turned out to release it: " + user->name +
                       " freed it twice itself, the library's own fault";
      }
    }
    if (!out_.evidence.empty()) return;
    // One releaser freed what the other had freed already: two kinds of object, one of which
    // had taken the other over. Either may have come first (the harness released the item,
    // then the container its copy; or the container the item, then the harness its own). Or
    // one releaser twice, in the harness's final releases: the item, then the container
    // holding it (jansson's json_array_append_new(array, value) took value over; json_delete
    // of value, then json_delete of array).
    const bool same_twice = f && user && freer == user->name && harness_freed && call_ < 0;
    if (!f || !user || !user->is_releaser || (freer == user->name && !same_twice)) return;
    const std::set<std::string> kinds_a = handle_kinds(*user), kinds_b = handle_kinds(*f);
    // Every call of the program: the release may be the harness's final one, after them all.
    std::vector<const FunctionPlan*> calls;
    for (const program::Call& c : in_.program.calls)
      if (c.fn < plan_.functions.size()) calls.push_back(&plan_.functions[c.fn]);
    for (const FunctionPlan* a : calls) {
      // A call taking one of each: the container comes first (emit(emitter, event),
      // append(array, value)), the item it adopts after it.
      int first = -1;
      std::string item_param;
      for (size_t i = 0; i < a->arity; ++i) {
        const program::Slot& s = a->params[i];
        if (s.kind != SlotKind::Handle || s.releases) continue;
        const bool in_a = kinds_a.count(s.handle_key) > 0, in_b = kinds_b.count(s.handle_key) > 0;
        if (!in_a && !in_b) continue;
        if (first < 0) first = in_a ? 0 : 1;
        else if ((first == 0 && in_b) || (first == 1 && in_a)) {
          item_param = s.name;
          break;
        }
      }
      if (item_param.empty()) continue;
      const model::FunctionContract* fc = contracts_.find(a->name);
      const model::ParamContract* pc = param_contract(contracts_, a->name, item_param);
      if ((pc && strongly_decided(pc->releases)) || (fc && strongly_decided(fc->skip))) continue;
      gap((same_twice ? freer + " freed one object twice, the second time inside another"
                      : freer + " and " + user->name + " both freed one object") +
          ": " + a->name + " had taken its " + item_param + " over, which no contract said");
      candidate({{"functions." + a->name, "steals", quoted(item_param)}},
                a->name + " takes " + item_param + " over: the caller no longer releases it");
    }
  }

  // Which of f's parameters another one is added to (adopted_by): containers, never what f
  // releases.
  static std::vector<bool> containers_of(const FunctionPlan& f) {
    std::vector<bool> out(f.arity, false);
    for (size_t i = 0; i < f.arity; ++i)
      if (f.params[i].adopted_by >= 0 && static_cast<size_t>(f.params[i].adopted_by) < f.arity)
        out[static_cast<size_t>(f.params[i].adopted_by)] = true;
    return out;
  }

  // A double free in a call named for taking objects over (libgcrypt's
  // gcry_mpi_point_snatch_set(point, x, y, z) frees what it snatches) that the harness gave one
  // object in several handle slots: the call took it over once per slot. The rule: it steals
  // each of those slots, together, so the harness never gives one object to two of them. A
  // call not named so, given one object twice, freeing it twice is the library's.
  void one_object_taken_over_twice() {
    const program::Call* call = the_call();
    const FunctionPlan* f = function_of(call);
    if (!f || call_ < 0) return;
    bool takes_over = false;
    for (const std::string& w : contract::name_words(f->name))
      for (const char* verb : {"snatch", "steal", "take", "move", "adopt", "consume", "give", "transfer"})
        takes_over |= w == verb;
    const std::vector<std::vector<int>>& given = given_objects();
    if (!takes_over || static_cast<size_t>(call_) >= given.size()) return;
    const std::vector<int>& objects = given[static_cast<size_t>(call_)];
    std::string names, slots;
    for (size_t i = 0; i < f->arity && i < objects.size(); ++i) {
      if (f->params[i].kind != SlotKind::Handle || objects[i] < 0) continue;
      bool shared = false;
      for (size_t j = 0; j < f->arity && j < objects.size(); ++j)
        shared |= j != i && objects[j] == objects[i] && f->params[j].kind == SlotKind::Handle;
      const model::ParamContract* pc = param_contract(contracts_, f->name, f->params[i].name);
      if (!shared || (pc && strongly_decided(pc->releases))) continue;
      names += (names.empty() ? "" : ", ") + quoted(f->params[i].name);
      slots += (slots.empty() ? "" : ", ") + f->params[i].name;
    }
    if (slots.find(',') == std::string::npos) return;  // one slot: not this case
    gap(f->name + " freed one object twice, given it as " + slots + ": named for taking objects over, it took it " +
        "once per slot, which no contract said");
    candidate({{"functions." + f->name, "steals", "[" + names + "]"}},
              f->name + " takes its " + slots + " over: never one object in two of them");
  }

  // An object freed by a call of the program no name or contract calls a releaser (zlib's
  // gzclose_r(file): the harness's final gzclose then used it): that call releases it. The
  // rule: `releases` on its parameter of the kind the later call took.
  void freed_what_it_was_given(const FunctionPlan& freer, const FunctionPlan& user) {
    bool called = false;
    for (const FunctionPlan* g : called_before()) called |= g == &freer;
    if (!called) return;
    const std::set<std::string> used = handle_kinds(user);
    // A call named like adding an item to a container of its kind (jansson's
    // json_array_append_new(array, value), which frees value when it cannot add it): the item
    // is taken over, first; the container is never what it releases. Tried as `releases`
    // instead, the container's rule stopped the finding by leaving the container unusable.
    const std::vector<bool> container = containers_of(freer);
    for (const bool items : {true, false})
      for (size_t i = 0; i < freer.arity; ++i) {
        const program::Slot& s = freer.params[i];
        if (s.kind != SlotKind::Handle || !used.count(s.handle_key) || container[i]) continue;
        if ((s.adopted_by >= 0) != items) continue;
        const model::ParamContract* pc = param_contract(contracts_, freer.name, s.name);
        if (pc && strongly_decided(pc->releases)) continue;
        if (out_.evidence.empty())
          gap(freer.name + " freed the " + s.handle_key + " it was given, which " + user.name +
              " then used: nobody said " + freer.name + (items ? " takes it over" : " releases it"));
        if (items)
          candidate({{"functions." + freer.name, "steals", quoted(s.name)}},
                    freer.name + " takes its " + s.name + " over, and frees it when it cannot keep it");
        candidate({{"functions." + freer.name, "releases", quoted(s.name)}}, freer.name + " releases its " + s.name);
      }
  }

  // A releaser freed the object, yet no program call before this one was that releaser: a call
  // that took the object released it through it (giflib's EGifSpew(GifFile) writes the file
  // and ends with EGifCloseFile), and the harness, told nothing, released it again. The rule:
  // that call releases its parameter; the latest such call first.
  void released_inside_another_call(const FunctionPlan& releaser) {
    const std::vector<const FunctionPlan*> before = called_before();
    for (const FunctionPlan* g : before)
      if (g == &releaser) return;  // called itself: not this case
    const std::set<std::string> kinds = handle_kinds(releaser);
    std::set<std::string> offered;
    for (auto g = before.rbegin(); g != before.rend(); ++g) {
      if ((*g)->is_releaser) continue;
      // A container an item is added to is not what the call releases (jansson's
      // json_object_setn_new_nocheck(object, key, value) frees value when it cannot add it):
      // the item is, taken over first.
      const std::vector<bool> container = containers_of(**g);
      for (size_t i = 0; i < (*g)->arity; ++i) {
        const program::Slot& s = (*g)->params[i];
        if (s.kind != SlotKind::Handle || !kinds.count(s.handle_key) || container[i] ||
            !offered.insert((*g)->name + "." + s.name).second)
          continue;
        const model::ParamContract* pc = param_contract(contracts_, (*g)->name, s.name);
        if (pc && strongly_decided(pc->releases)) continue;
        if (out_.evidence.empty())
          gap(releaser.name + " freed the " + s.handle_key + " inside another call, which the harness then released "
              "again: a call that took it (" + (*g)->name + ") releases it, which nobody said");
        if (s.adopted_by >= 0)
          candidate({{"functions." + (*g)->name, "steals", quoted(s.name)}}, (*g)->name + " takes its " + s.name + " over");
        candidate({{"functions." + (*g)->name, "releases", quoted(s.name)}}, (*g)->name + " releases its " + s.name);
      }
    }
  }

  // Memory a releaser freed, used later, in a program where one object was made from another
  // of that kind (XML_ExternalEntityParserCreate(parser, ...)): the one made from it may need
  // it alive (release the child first), an order nobody stated. No rule in the contract syntax
  // says it yet: the gap names it.
  void made_from_released(const FunctionPlan& freer) {
    const std::set<std::string> kinds = handle_kinds(freer);
    for (const program::Call& c : in_.program.calls) {
      if (c.fn >= plan_.functions.size()) continue;
      const FunctionPlan& g = plan_.functions[c.fn];
      if (g.produces.empty() || !kinds.count(g.produces)) continue;
      for (size_t i = 0; i < g.arity; ++i)
        if (g.params[i].kind == SlotKind::Handle && !g.params[i].releases && g.params[i].handle_key == g.produces) {
          gap("used after " + freer.name + " freed it, in a program where " + g.name + " made an object from its " +
              g.params[i].name + ": the object made may need the one it was made from alive (release it first), "
              "which nobody stated; say it in a contract or skip " + g.name);
          out_.culprit = g.name;
          return;
        }
    }
  }

  // The harness released an object with the releaser only naming or learning chose, and it
  // was the wrong one: c-ares' ares_get_servers list given to ares_free_string (a void *
  // releaser) frees 8 bytes into ares_malloc_data's block. Another releaser is the owner.
  void wrong_releaser() {
    const std::string& freer = c_.function;
    for (const program::Call& c : in_.program.calls) {
      if (c.fn >= plan_.functions.size()) continue;
      const FunctionPlan& g = plan_.functions[c.fn];
      const model::FunctionContract* gc = contracts_.find(g.name);
      if (!gc) continue;
      std::string table;
      if (gc->ret.owned_by && gc->ret.owned_by->value == freer && !strongly_decided(gc->ret.owned_by))
        table = "functions." + g.name + ".returns";
      for (const auto& [pname, pc] : gc->params)
        if (pc.out_owned_by && pc.out_owned_by->value == freer && !strongly_decided(pc.out_owned_by))
          table = "functions." + g.name + ".params." + pname;
      if (table.empty()) continue;
      // Only a releaser that is not of the object's own type (a void * one, ares_free_string):
      // bugs_msg_free(struct bugs_msg *) freeing badly what bugs_msg_new made is the library's.
      const FunctionPlan* r = plan_.find(freer);
      const model::ApiModel& api = in_.session.target.api;
      if (r && r->arity >= 1) {
        const model::Type& p0 = api.type(api.functions[r->function].params[0].type);
        if (p0.kind == model::TypeKind::Pointer && p0.pointee != model::kNoType &&
            api.type(p0.pointee).kind != model::TypeKind::Void)
          continue;
      }
      gap("an invalid free in " + freer + ", the releaser that only naming or learning chose for what " + g.name +
          " gives back: another releaser is its owner");
      for (const FunctionPlan& r : plan_.functions)
        if (r.name != freer && r.arity >= 1 && contract::is_releaser(api, api.functions[r.function]))
          candidate({{table, "owned_by", quoted(r.name)}}, "what " + g.name + " gives back is released with " + r.name);
      if (freer != "free") candidate({{table, "owned_by", quoted("free")}}, "what " + g.name + " gives back is released with free()");
      return;
    }
  }

  // Some parameter of `f` releases an object of the library's (a handle), not only memory.
  static bool releases_an_object(const FunctionPlan& f) {
    for (size_t i = 0; i < f.arity; ++i)
      if (f.params[i].releases && f.params[i].kind == SlotKind::Handle) return true;
    return false;
  }

  // The memory a double free met was allocated by the harness's executor (a buffer, string or
  // object it placed for a call), not by the library.
  bool harness_allocated() const {
    for (const std::string& fn : stack_functions(in_.log, "previously allocated by thread"))
      if (fn.find("ffifuzz::exec::") != std::string::npos) return true;
    return false;
  }

  // The library freed memory the harness placed for an argument (a string, a buffer, a struct
  // it made up): the function releases what it is given, which nobody said.
  void released_harness_memory() {
    bool harness_memory = false;
    std::string freer;
    if (c_.finding_class == "double-free") {
      harness_memory = harness_allocated();
      freer = outer_exported(stack_functions(in_.log, "freed by thread"), plan_);
    } else {
      // free() of an address in the harness's arena ("ffifuzz: arena 0xA-0xB").
      static const std::regex arena(R"(ffifuzz: arena 0x([0-9a-f]+)-0x([0-9a-f]+))");
      static const std::regex addr(R"(not malloc\(\)-ed: 0x([0-9a-f]+))");
      std::smatch a, b;
      if (std::regex_search(in_.log, a, arena) && std::regex_search(in_.log, b, addr)) {
        const uint64_t lo = std::stoull(a[1], nullptr, 16), hi = std::stoull(a[2], nullptr, 16);
        const uint64_t at = std::stoull(b[1], nullptr, 16);
        harness_memory = at >= lo && at < hi;
      }
      freer = outer_exported(error_stack(in_.log), plan_);
    }
    if (freer.empty()) freer = called();  // an uninstrumented library's free() is a tail call: no frame
    const FunctionPlan* f = plan_.find(freer);
    if (!harness_memory || !f) return;
    const model::FunctionContract* fc = contracts_.find(f->name);
    // A releaser given an object the harness initialized in its own memory (xmlInitParserCtxt's
    // ctxt) frees the object itself: it is for objects the library allocated, and the
    // initializer is not one of this type's constructors.
    for (size_t i = 0; i < f->arity && f->is_releaser; ++i) {
      const program::Slot& s = f->params[i];
      if (s.kind != SlotKind::Handle || !s.releases) continue;
      for (const FunctionPlan& g : plan_.functions) {
        if (g.produced_by < 0 || g.produces != s.handle_key) continue;
        const program::Slot& init = g.params[static_cast<size_t>(g.produced_by)];
        if (init.kind != SlotKind::Init) continue;
        const model::ParamContract* pc = param_contract(contracts_, g.name, init.name);
        if (pc && strongly_decided(pc->initializes)) continue;
        gap(f->name + " freed an object the harness had initialized in its own memory with " + g.name +
            ": it releases what the library allocated, which no contract said");
        candidate({{"functions." + g.name + ".params." + init.name, "initializes", "false"}},
                  g.name + " prepares an object the library allocated, not the caller's memory");
      }
    }
    if (!out_.evidence.empty()) return;
    for (size_t i = 0; i < f->arity; ++i) {
      const program::Slot& s = f->params[i];
      // Memory the harness makes up for one call: a string, a buffer, an object, storage.
      if (s.kind != SlotKind::CString && s.kind != SlotKind::Buffer && s.kind != SlotKind::Object &&
          s.kind != SlotKind::Out && s.kind != SlotKind::Strings)
        continue;
      const model::ParamContract* pc = param_contract(contracts_, f->name, s.name);
      if ((pc && strongly_decided(pc->releases)) || (fc && strongly_decided(fc->skip))) continue;
      out_.culprit = f->name;
      gap(f->name + " freed the memory the harness made up for " + s.name +
          ": it releases what it is given, which no contract said");
      RuleCandidate r{{{"functions." + f->name, "releases", quoted(s.name)}},
                      f->name + " releases its " + s.name + ": only what the library made may be given to it"};
      r.may_disable = true;
      for (const RuleCandidate& c : out_.candidates)
        if (c.entries == r.entries) return;
      out_.candidates.push_back(r);
      return;
    }
    if (kept_by_an_earlier_call(*f)) return;
    released_made_up_field(f->name);
  }

  // Memory the harness gave an earlier call on an object that `freer` releases: that call kept
  // it, and the object's releaser freed it with the object (libcbor's
  // cbor_bytestring_set_handle(item, data, length): from then on the item owns data).
  bool kept_by_an_earlier_call(const FunctionPlan& freer) {
    if (!freer.is_releaser) return false;
    std::set<std::string> released;  // the kinds of object freer releases
    for (size_t i = 0; i < freer.arity; ++i)
      if (freer.params[i].kind == SlotKind::Handle && freer.params[i].releases) released.insert(freer.params[i].handle_key);
    // Constructors are tried before calls on a made object: a constructor's memory is what its
    // object is made of (libzip's zip_source_buffer_fragment_create(fragments, ...) keeps the
    // fragments' data), while a call on an object keeps what it is given only sometimes
    // (zip_add copies its name). Whichever is tried first and stops the finding is learned.
    // Then constructors of other objects, which may have joined a released one (zip_add put a
    // source in the archive zip_close frees).
    std::vector<RuleCandidate> made_elsewhere, on_objects;
    std::pair<std::string, std::string> first_elsewhere;  // its call, and why
    for (const FunctionPlan* g : called_before()) {
      if (g == &freer) continue;
      // On such an object, or making one from the memory (libzip's zip_source_buffer_create(data,
      // len, freep, error): with freep, the source frees data when it is freed).
      const bool constructor = g->ret == program::ReturnKind::OwnedHandle || g->produced_by >= 0;
      const bool made_one = constructor && released.count(g->produces) > 0;
      bool on_released = made_one;
      for (size_t i = 0; i < g->arity; ++i)
        on_released |= g->params[i].kind == SlotKind::Handle && released.count(g->params[i].handle_key) > 0;
      const bool elsewhere = !on_released && constructor;
      if (!on_released && !elsewhere) continue;
      const model::FunctionContract* gc = contracts_.find(g->name);
      if (gc && strongly_decided(gc->skip)) continue;
      const bool on_object = !made_one && !elsewhere;
      std::vector<RuleCandidate>* later = elsewhere ? &made_elsewhere : on_object ? &on_objects : nullptr;
      for (size_t i = 0; i < g->arity; ++i) {
        const program::Slot& s = g->params[i];
        // (A constructor's string is a name it copies: zip_source_file_create's file name.)
        if (s.kind != SlotKind::Buffer && !(s.kind == SlotKind::CString && on_object)) continue;
        const model::ParamContract* pc = param_contract(contracts_, g->name, s.name);
        if (pc && strongly_decided(pc->releases)) continue;
        // The first such call is named (one on or making a released object before any other);
        // every one is a candidate.
        const std::string why = freer.name + " freed memory the harness made up for " + s.name + " of " + g->name +
                                ": " + g->name + " keeps it in its object, which no contract said";
        if (elsewhere && first_elsewhere.first.empty()) first_elsewhere = {g->name, why};
        if (!elsewhere && out_.evidence.empty()) {
          out_.culprit = g->name;
          gap(why);
        }
        // A constructor that takes its memory over when a flag says so (zip_source_buffer_create(
        // data, len, freep, error)): the flag at 0 keeps the memory the caller's and the
        // constructor callable, tried before taking the memory from the harness altogether.
        for (size_t k = 0; k < g->arity && !on_object; ++k) {
          const program::Slot& flag = g->params[k];
          if (flag.kind != SlotKind::Int || flag.type == model::kNoType ||
              in_.session.target.api.type(flag.type).kind != model::TypeKind::Int)
            continue;
          const model::ParamContract* fpc = param_contract(contracts_, g->name, flag.name);
          if (fpc && (strongly_decided(fpc->value) || strongly_decided(fpc->range))) continue;
          RuleCandidate flag_off{{{"functions." + g->name + ".params." + flag.name, "value", "0"}},
                                 g->name + " keeps its " + s.name + " only when " + flag.name + " says so: " +
                                     flag.name + " = 0 leaves it the caller's"};
          if (later) later->push_back(flag_off);
          else candidate(flag_off.entries, flag_off.says);
        }
        RuleCandidate r{{{"functions." + g->name, "releases", quoted(s.name)}},
                        g->name + " takes over its " + s.name + ": only what the library made may be given to it", true};
        if (later) later->push_back(r);
        else candidate(r.entries, r.says, true);
      }
    }
    if (out_.evidence.empty() && !first_elsewhere.first.empty()) {
      out_.culprit = first_elsewhere.first;
      gap(first_elsewhere.second);
    }
    for (const RuleCandidate& r : made_elsewhere) candidate(r.entries, r.says, r.may_disable);
    for (const RuleCandidate& r : on_objects) candidate(r.entries, r.says, r.may_disable);
    return !out_.evidence.empty();
  }

  // The library read through the NULL the harness left in storage for a pointer to const data
  // (brotli's BrotliDecoderDecompressStream(state, size_t *available_in, const uint8_t **next_in,
  // ...)): a `const T **` there is a cursor into input the caller provides, which the library
  // reads and advances, not a place for a result. Nothing says how to make that input: named.
  void null_in_cursor_storage() {
    const program::Call* call = the_call();
    const FunctionPlan* f = function_of(call);
    if (!f) return;
    const model::ApiModel& api = in_.session.target.api;
    for (size_t i = 0; i < f->arity; ++i) {
      const program::Slot& s = f->params[i];
      if (s.kind != SlotKind::Out || !s.out_pointer || s.type == model::kNoType) continue;
      const model::Type& t = api.type(s.type);
      if (t.kind != model::TypeKind::Pointer || t.pointee == model::kNoType) continue;
      const model::Type& inner = api.type(t.pointee);
      if (inner.kind != model::TypeKind::Pointer || inner.pointee == model::kNoType || !api.type(inner.pointee).is_const)
        continue;
      gap(f->name + " read through the NULL the harness left in " + s.name + ", a pointer to const data: a cursor into "
                    "input the caller provides, which no contract says how to make");
      return;
    }
  }

  // Memory the harness made up behind a pointer field of a struct it built for a call
  // (libcbor's cbor_map_add(map, struct cbor_pair): its key and value point at made-up items),
  // kept by that call as an object of the library's and freed with the object that holds it.
  // The field may hold only objects the library made: a rule no contract key states yet, so
  // the gap is named and nothing is learned.
  void released_made_up_field(const std::string& freer) {
    const model::ApiModel& api = in_.session.target.api;
    for (const FunctionPlan* g : called_before())
      for (size_t i = 0; i < g->arity; ++i) {
        const program::Slot& s = g->params[i];
        if ((s.kind != SlotKind::Record && s.kind != SlotKind::Object) || s.image < 0) continue;
        if (plan_.images[static_cast<size_t>(s.image)].pointers.empty()) continue;
        out_.culprit = g->name;
        gap(freer + " freed memory the harness made up behind a pointer field of the " + api.type(s.value_type).name +
            " " + g->name + " was given (" + s.name + "): " + g->name +
            " keeps it as an object of the library's, so that field may hold only objects the library made, "
            "which no contract key can say yet");
        return;
      }
  }

  // A read or write past memory the harness placed: a length paired by naming alone.
  void harness_buffer() {
    bool harness_memory = c_.finding_class == "guard-page-overflow";
    for (const std::string& fn : stack_functions(in_.log, "allocated by thread"))
      harness_memory |= fn.find("ffifuzz::exec::") != std::string::npos;
    if (!harness_memory) return;
    const program::Call* call = the_call();
    const FunctionPlan* f = function_of(call);
    if (!f) return;
    // Two pointers bounding one range, each given its own allocation: the library walks from
    // one to the other through memory between them. The empty range (both NULL) is the rule.
    for (size_t i = 0; i < f->arity; ++i)
      for (size_t j = 0; j < f->arity; ++j) {
        const program::Slot& a = f->params[i];
        const program::Slot& b = f->params[j];
        if (i == j || a.kind == SlotKind::Int || b.kind == SlotKind::Int || !range_pair(a.name, b.name)) continue;
        const model::ParamContract* pa = param_contract(contracts_, f->name, a.name);
        const model::ParamContract* pb = param_contract(contracts_, f->name, b.name);
        if ((pa && strongly_decided(pa->value)) || (pb && strongly_decided(pb->value))) continue;
        gap("a walk from " + a.name + " to " + b.name + ", one range the harness gave as two unrelated allocations");
        candidate({{"functions." + f->name + ".params." + a.name, "value", "0"},
                   {"functions." + f->name + ".params." + b.name, "value", "0"}},
                  a.name + " and " + b.name + " bound one range: the empty one (both NULL)");
      }
    // A buffer whose length parameter names it (src <-> srcSize) but was paired otherwise.
    for (size_t i = 0; i < f->arity; ++i) {
      const program::Slot& s = f->params[i];
      if (s.kind != SlotKind::CString && s.kind != SlotKind::Buffer) continue;
      for (size_t j = 0; j < f->arity; ++j) {
        const program::Slot& n = f->params[j];
        if ((n.kind != SlotKind::Int && n.kind != SlotKind::Length) || n.partner == static_cast<int>(i)) continue;
        std::vector<std::string> words = contract::name_words(n.name), own = contract::name_words(s.name);
        if (words.size() < 2 || own.empty() || !contract::is_length_word_name(n.name) ||
            !std::equal(own.begin(), own.end(), words.begin(), words.begin() + std::min(own.size(), words.size() - 1)))
          continue;
        const model::ParamContract* pc = param_contract(contracts_, f->name, s.name);
        if (pc && strongly_decided(pc->len)) continue;
        std::vector<ContractEntry> entries = {{"functions." + f->name + ".params." + s.name, "len", quoted(n.name)}};
        if (n.partner >= 0) {  // the buffer naming gave it to loses it
          const program::Slot& other = f->params[static_cast<size_t>(n.partner)];
          entries.push_back({"functions." + f->name + ".params." + other.name, "len", "false"});
        }
        gap("a read past " + s.name + ", whose length " + n.name + " names it but naming " +
            (n.partner >= 0 ? "paired with another buffer" : "did not pair with it"));
        // The length naming gave s goes to the one other buffer with none (lz4's
        // LZ4_decompress_safe(src, dst, compressedSize, dstCapacity): naming paired dst with
        // compressedSize, which is src's): both fixed at once, or the replay still overruns.
        if (std::optional<std::pair<std::string, std::string>> moved = length_left_over(*f, i, j)) {
          std::vector<ContractEntry> both = entries;
          both.push_back({"functions." + f->name + ".params." + moved->first, "len", quoted(moved->second)});
          candidate(both, s.name + " has " + n.name + " bytes, and " + moved->first + " has " + moved->second);
        }
        candidate(entries, s.name + " has " + n.name + " bytes");
      }
    }
    // A `T **` paired with a length by naming (ares_mkquery's `unsigned char **buf, int
    // *buflen`): storage for the pointer the function gives back, not a buffer of pointers.
    if (out_.evidence.empty()) {
      const model::ApiModel& api = in_.session.target.api;
      for (size_t i = 0; i < f->arity; ++i) {
        const program::Slot& s = f->params[i];
        if (s.kind != SlotKind::Buffer || api.type(s.value_type).kind != model::TypeKind::Pointer) continue;
        const model::ParamContract* pc = param_contract(contracts_, f->name, s.name);
        if (pc && strongly_decided(pc->len)) continue;
        gap("past " + s.name + " of " + f->name + ", a pointer to pointers naming paired with a length: it is where the "
            "function gives a pointer back");
        candidate({{"functions." + f->name + ".params." + s.name, "len", "false"}},
                  s.name + " receives one pointer; it is no buffer with a length");
      }
    }
    if (out_.evidence.empty()) element_count_beside_size(*f);
    if (out_.evidence.empty()) zero_length_read_as_default(*f, *call);
    if (out_.evidence.empty()) output_capacity_by_naming(*f);
    if (out_.evidence.empty()) guessed_buffer(*f);
  }

  // An array the function grows in place, given as a pointer to its count and storage for the
  // pointer to it (giflib's GifAddExtensionBlock(int *ExtensionBlockCount, ExtensionBlock
  // **ExtensionBlocks, ...) appends at index *count): the harness gives the storage empty and
  // made the count up. The rule: the count of an empty array, 0.
  void count_of_an_empty_array() {
    const program::Call* call = the_call();
    const FunctionPlan* f = function_of(call);
    if (!f) return;
    const model::ApiModel& api = in_.session.target.api;
    for (size_t i = 0; i < f->arity && i < call->args.size(); ++i) {
      const program::Slot& n = f->params[i];
      if (n.kind != SlotKind::Object || call->args[i].is_null || !contract::is_length_word_name(n.name) ||
          api.type(n.value_type).kind != model::TypeKind::Int)
        continue;
      bool storage = false;
      for (size_t j : {i + 1, i - 1})
        storage |= j < f->arity && ((f->params[j].kind == SlotKind::Out && f->params[j].out_pointer) ||
                                    f->params[j].kind == SlotKind::OutHandle);
      const model::ParamContract* pc = param_contract(contracts_, f->name, n.name);
      if (!storage || (pc && strongly_decided(pc->range))) continue;
      gap(n.name + " counts what the storage beside it points at, which the harness gave empty: it made the count up");
      candidate({{"functions." + f->name + ".params." + n.name, "range", "[0, 0]"}},
                n.name + " points at 0, the count of an empty array");
    }
  }

  // Past a buffer naming paired with a size when a count of elements sits beside it: zlib's
  // gzfwrite(buf, size, nitems, file), like fwrite, reads size * nitems bytes of buf. No key
  // states a product of two lengths; one element of `size` bytes is a length the harness can
  // keep: the count is 1.
  void element_count_beside_size(const FunctionPlan& f) {
    static const std::set<std::string> kCountWords = {"nitems", "nmemb", "count", "n", "num", "items",
                                                      "nelem", "nelems", "elements", "nelements"};
    for (size_t i = 0; i < f.arity; ++i) {
      const program::Slot& buf = f.params[i];
      if (buf.kind != SlotKind::Buffer || buf.partner < 0) continue;
      const program::Slot& size = f.params[static_cast<size_t>(buf.partner)];
      const model::ParamContract* pc = param_contract(contracts_, f.name, buf.name);
      if (size.kind != SlotKind::Length || (pc && strongly_decided(pc->len))) continue;
      for (size_t j = 0; j < f.arity; ++j) {
        const program::Slot& count = f.params[j];
        const std::vector<std::string> words = contract::name_words(count.name);
        if (count.kind != SlotKind::Int || words.empty() || !kCountWords.count(words.back())) continue;
        const model::ParamContract* cc = param_contract(contracts_, f.name, count.name);
        if (cc && strongly_decided(cc->value)) continue;
        gap("a read past " + buf.name + ", whose length naming took from " + size.name + " alone: " + count.name +
            " beside it counts elements of " + size.name + " bytes");
        candidate({{"functions." + f.name + ".params." + count.name, "value", "1"}},
                  buf.name + " holds one element of " + size.name + " bytes");
        return;
      }
    }
  }

  // Past an empty buffer whose length, paired by naming, was 0: the library took 0 for a size
  // of its own (giflib's EGifPutLine(GifFile, Line, LineLen) writes a whole image, width times
  // height, when LineLen is 0). The rule: the length is at least 1.
  void zero_length_read_as_default(const FunctionPlan& f, const program::Call& call) {
    for (size_t i = 0; i < f.arity && i < call.args.size(); ++i) {
      const program::Slot& s = f.params[i];
      if (s.kind != SlotKind::Buffer || s.partner < 0 || call.args[i].is_null || !call.args[i].bytes.empty()) continue;
      const program::Slot& n = f.params[static_cast<size_t>(s.partner)];
      const model::ParamContract* pc = param_contract(contracts_, f.name, n.name);
      const model::ParamContract* bc = param_contract(contracts_, f.name, s.name);
      if ((pc && strongly_decided(pc->range)) || (bc && strongly_decided(bc->len))) continue;
      gap("past " + s.name + ", empty, whose length " + n.name + " (paired by naming) was 0: the library took 0 for a "
          "size of its own");
      candidate({{"functions." + f.name + ".params." + n.name, "range", "[1, 1048576]"}}, n.name + " is at least 1");
    }
  }

  // Past a buffer whose capacity the harness passed through a length pointer that naming
  // paired with it (libtasn1's asn1_octet_der(str, str_len, unsigned char *der, int *der_len)):
  // such a pointer may only receive the length written, the buffer being as large as the
  // caller knows the output will be. The rule: the buffer unpaired, of a size that stops it.
  void output_capacity_by_naming(const FunctionPlan& f) {
    for (size_t i = 0; i < f.arity; ++i) {
      const program::Slot& s = f.params[i];
      if (s.kind != SlotKind::Buffer || s.partner < 0) continue;
      const program::Slot& n = f.params[static_cast<size_t>(s.partner)];
      if (n.kind != SlotKind::Length || !n.by_pointer) continue;
      const model::ParamContract* pc = param_contract(contracts_, f.name, s.name);
      if (pc && strongly_decided(pc->len)) continue;
      gap("past " + s.name + " of " + f.name + ", whose capacity the harness passed in *" + n.name +
          " on naming alone: *" + n.name + " may only receive the length written");
      for (const char* size : {"256", "4096", "65600"})
        candidate({{"functions." + f.name + ".params." + s.name, "len", "false"},
                   {"functions." + f.name + ".params." + s.name, "size", size}},
                  s.name + " has at least " + std::string(size) + " bytes, and " + n.name +
                      " receives the length written");
    }
  }

  // When buffer `b` takes length `n` instead of the one naming gave it: that one, for the
  // only other buffer of `f` with no length of its own.
  // With no length of its own before, the one length-named integer nobody has (lz4's
  // compressedSize, which naming could not pair: it is not beside src).
  std::optional<std::pair<std::string, std::string>> length_left_over(const FunctionPlan& f, size_t b, size_t n) const {
    int freed = -1;
    for (size_t k = 0; k < f.arity; ++k)
      if (k != n && f.params[k].kind == SlotKind::Length && f.params[k].partner == static_cast<int>(b)) freed = static_cast<int>(k);
    if (freed < 0) freed = unpaired_length(f, {n});
    if (freed < 0) return std::nullopt;
    int other = -1;
    for (size_t k = 0; k < f.arity; ++k) {
      if (k == b || (f.params[k].kind != SlotKind::Buffer && f.params[k].kind != SlotKind::CString)) continue;
      bool has_length = false;
      for (size_t m = 0; m < f.arity; ++m)
        has_length |= f.params[m].kind == SlotKind::Length && f.params[m].partner == static_cast<int>(k);
      if (has_length) continue;
      if (other >= 0) return std::nullopt;  // more than one: which is not for naming to say
      other = static_cast<int>(k);
    }
    if (other < 0) return std::nullopt;
    return std::make_pair(f.params[static_cast<size_t>(other)].name, f.params[static_cast<size_t>(freed)].name);
  }

  // An integer named for a buffer's length (srcSize beside src) that naming did not pair, because
  // it is not next to it (lz4's LZ4_decompress_safe_partial(src, dst, srcSize, ...)): the harness
  // gave it any value (INT_MIN), and the library took it for src's length.
  void length_named_for_a_buffer() {
    const program::Call* call = the_call();
    const FunctionPlan* f = function_of(call);
    if (!f) return;
    for (size_t j = 0; j < f->arity; ++j) {
      const program::Slot& n = f->params[j];
      if (n.kind != SlotKind::Int || !contract::is_length_word_name(n.name)) continue;
      const std::vector<std::string> words = contract::name_words(n.name);
      for (size_t i = 0; i < f->arity; ++i) {
        const program::Slot& b = f->params[i];
        if (b.kind != SlotKind::Buffer && b.kind != SlotKind::CString) continue;
        bool has_length = false;
        for (size_t m = 0; m < f->arity; ++m)
          has_length |= f->params[m].kind == SlotKind::Length && f->params[m].partner == static_cast<int>(i);
        const std::vector<std::string> own = contract::name_words(b.name);
        if (has_length || own.empty() || words.size() <= own.size() ||
            !std::equal(own.begin(), own.end(), words.begin()))
          continue;
        const model::ParamContract* pc = param_contract(contracts_, f->name, b.name);
        if (pc && (strongly_decided(pc->len) || strongly_decided(pc->cstring))) continue;
        gap(n.name + ", named as " + b.name + "'s length, was fuzzed apart from it (naming pairs only neighbours)");
        candidate({{"functions." + f->name + ".params." + b.name, "len", quoted(n.name)}}, b.name + " has " + n.name + " bytes");
      }
    }
  }

  // The one integer parameter named like a length (size, len, capacity, ...) that is no
  // buffer's length, other than those in `taken`; -1 when none or several.
  static int unpaired_length(const FunctionPlan& f, const std::set<size_t>& taken) {
    int found = -1;
    for (size_t k = 0; k < f.arity; ++k) {
      if (taken.count(k) || f.params[k].kind != SlotKind::Int || !contract::is_length_word_name(f.params[k].name)) continue;
      if (found >= 0) return -1;
      found = static_cast<int>(k);
    }
    return found;
  }

  // Past a buffer whose size the harness guessed: bytes (unsigned char *, uint8_t *) or a
  // non-const char * (where the library writes), given as a short NUL-terminated string with no
  // length beside it. The library reads or writes a size it knows and the header does not say
  // (a 12-byte stream header, a 32-byte key). The rule: the smallest of a few sizes under
  // which the finding goes away.
  void guessed_buffer(const FunctionPlan& f) {
    const model::ApiModel& api = in_.session.target.api;
    std::string guessed;
    std::vector<std::string> names;
    bool source_data = false;  // a codec's input (below): its size may be none the harness can give
    for (size_t i = 0; i < f.arity; ++i) {
      const program::Slot& s = f.params[i];
      if (s.kind != SlotKind::CString) continue;
      const model::ParamContract* pc = param_contract(contracts_, f.name, s.name);
      if (pc && (strongly_decided(pc->cstring) || strongly_decided(pc->size))) continue;
      const model::Type& pointee = api.type(s.value_type);
      const bool plain_char = pointee.typedef_chain.empty() && (pointee.name == "char" || pointee.name == "const char");
      // Text: a read past its NUL is the library's. Unless it is a transform's input by its
      // name, with an output beside it (lz4's LZ4_uncompress(const char *source, char *dest,
      // int outputSize)): compressed bytes that C spells const char *, read as far as their
      // own encoding says.
      if (plain_char && pointee.is_const) {
        if (!transform_input(f, s.name)) continue;
        source_data = true;
      }
      guessed += (guessed.empty() ? "" : ", ") + s.name;
      names.push_back(s.name);
    }
    // One value the library read past: a scalar (libidn2's idn2_to_ascii_4z(const uint32_t
    // *input, ...): a zero-terminated array) or a struct (popt's poptGetContext(..., const
    // struct poptOption *options, ...): a table ended by an all-zero entry): an array whose
    // size nothing states. A `size` gives the object zeros after it, up to that size: for a
    // struct, whole zero entries after the one the harness built.
    std::string scalars;
    std::vector<std::pair<std::string, uint64_t>> values;  // name, the size of one element
    // Pointer fields of those structs the harness pointed at one zeroed object each, with no
    // rule saying how large the library takes them to be (giflib's SavedImage.RasterBits,
    // indexed by the image's width and height and the call's coordinates).
    std::string pointer_fields;
    for (size_t i = 0; i < f.arity; ++i) {
      const program::Slot& s = f.params[i];
      if (s.kind != SlotKind::Object) continue;
      const model::Type& pointee = api.type(s.value_type);
      const bool record = pointee.kind == model::TypeKind::Struct && pointee.complete && pointee.size > 0;
      if (pointee.kind != model::TypeKind::Int && !record) continue;
      const model::ParamContract* pc = param_contract(contracts_, f.name, s.name);
      if (pc && strongly_decided(pc->size)) continue;
      scalars += (scalars.empty() ? "" : ", ") + s.name;
      values.push_back({s.name, record ? pointee.size : 0});
      for (const model::Field& field : record ? pointee.fields : std::vector<model::Field>{}) {
        const model::Type& ft = api.type(field.type);
        if (ft.kind != model::TypeKind::Pointer || field.name.empty() || field_stated(s.value_type, field.name)) continue;
        if (ft.pointee != model::kNoType && api.type(ft.pointee).kind == model::TypeKind::Function) continue;
        pointer_fields += (pointer_fields.empty() ? "" : ", ") + s.name + "->" + field.name;
      }
    }
    if (guessed.empty() && scalars.empty()) return;
    if (guessed.empty()) {
      gap("past " + scalars + " of " + f.name + ", which the harness gave as one " +
          "value: an array (a terminated one, or of a size the library knows) that nothing states");
      // A struct is given to many functions that overrun something else (md4c's md_parse reads
      // past its text, not its MD_PARSER): only a size that stops it makes it a gap.
      // Unless its pointer fields point at what the harness made up: the library may have
      // followed one past its one object, as the struct's other fields and the call told it to,
      // and only a contract can say how large it is ([types.T.fields]).
      for (const auto& [n, element] : values)
        if (element && pointer_fields.empty()) {
          out_.unlearned_is_bug = true;
          out_.refuted = "no sign of a rule the harness broke (no array size stopped it): the library's own fault";
        }
      if (!pointer_fields.empty())
        out_.evidence += "; or past what " + pointer_fields + " point at, one zeroed object each, sized by nothing: " +
                         "a contract says how large ([types.T.fields] FIELD = { len = ... })";
      // A count beside it that nothing pairs, before or after it (giflib's GifMakeMapObject(int
      // ColorCount, const GifColorType *ColorMap)): an array of that many entries, likelier than
      // any fixed size (the count can exceed them all).
      if (const int count = unpaired_length(f, {}); count >= 0)
        for (const auto& [n, element] : values)
          candidate({{"functions." + f.name + ".params." + n, "len", quoted(f.params[static_cast<size_t>(count)].name)}},
                    n + " is an array of " + f.params[static_cast<size_t>(count)].name + " entries");
      for (size_t k = 0; k < 4; ++k)
        for (const auto& [n, element] : values) {
          static constexpr uint64_t kScalarBytes[] = {16, 64, 256, 4096};
          static constexpr uint64_t kEntries[] = {2, 4, 16, 64};
          const uint64_t size = element ? element * kEntries[k] : kScalarBytes[k];
          if (size > (1u << 20)) continue;
          candidate({{"functions." + f.name + ".params." + n, "size", std::to_string(size)}},
                    element ? n + " is an array of " + std::to_string(kEntries[k]) + " entries, zero entries after the first"
                            : n + " is an array of at least " + std::to_string(size) + " bytes, zeros after the value");
        }
      return;
    }
    for (const auto& [n, element] : values)
      if (!element) names.push_back(n);  // scalars only: a struct beside a guessed string is not the likelier array
    gap("past " + guessed + " of " + f.name + ", which the harness gave as a short NUL-terminated string: " +
        "nothing says its size (bytes or a place to write, with no length beside it)");
    if (!source_data)
      for (const char* size : {"16", "64", "256", "4096"})
        for (const std::string& n : names)
          candidate({{"functions." + f.name + ".params." + n, "size", size}},
                    n + " has at least " + std::string(size) + " bytes (a size the library knows)");
    // Several guessed at once (libsodium's crypto_box_keypair(pk, sk) writes 32 bytes to each):
    // one larger buffer leaves the other too small, so they are also tried together.
    if (!source_data && names.size() > 1)
      for (const char* size : {"16", "64", "256", "4096"}) {
        std::vector<ContractEntry> all;
        std::string list;
        for (const std::string& n : names) {
          all.push_back({"functions." + f.name + ".params." + n, "size", size});
          list += (list.empty() ? "" : ", ") + n;
        }
        candidate(all, list + " each have at least " + std::string(size) + " bytes");
      }
    if (!source_data) return;
    // A codec input with a length-named integer no buffer has (compressedSize): its length.
    if (names.size() == 1) {
      const int n = unpaired_length(f, {});
      if (n >= 0)
        candidate({{"functions." + f.name + ".params." + names[0], "len", quoted(f.params[static_cast<size_t>(n)].name)}},
                  names[0] + " has " + f.params[static_cast<size_t>(n)].name + " bytes");
    }
    // Input read as far as its content says, with no size anyone states (lz4's "unsafe"
    // decoders): no buffer the harness can size is safe; the function is not fuzzable as declared.
    RuleCandidate r{{{"functions." + f.name, "skip",
                      quoted("reads " + guessed + " as far as its content says, and nothing states its size")}},
                    f.name + " reads its input past any size the harness can give: skipped"};
    r.may_disable = true;
    out_.candidates.push_back(r);
  }

  // A leak in a program that called a copy function, (dest, source) of one kind of object
  // (zlib's inflateCopy(dest, source)), with an object the harness already had for dest: a
  // copy makes dest afresh, so whatever dest held was lost (inflateCopy(r2, r2) leaked r2's
  // state). The rule: dest is storage the copy initializes (`initializes`), as zlib's own
  // contract says. Counts only if it stops the leak.
  bool copy_given_a_live_destination() {
    static const std::set<std::string> kDest = {"dst", "dest", "destination", "to", "target"};
    static const std::set<std::string> kSource = {"src", "source", "from", "orig", "original"};
    auto named = [](const std::string& name, const std::set<std::string>& words) {
      for (const std::string& w : contract::name_words(name))
        if (words.count(w)) return true;
      return false;
    };
    // What leaked is an object of that kind: its constructor's allocation is on the stack, or
    // the copy's own (a second copy onto one destination lost the first one's state).
    const FunctionPlan* made = plan_.find(c_.function);
    if (!made) return false;
    for (const FunctionPlan* g : called_before()) {
      for (size_t d = 0; d < g->arity; ++d) {
        const program::Slot& dest = g->params[d];
        if (dest.kind != SlotKind::Handle || dest.releases || !named(dest.name, kDest)) continue;
        if (dest.handle_key != made->produces && made != g) continue;
        bool from_same_kind = false;
        for (size_t k = 0; k < g->arity; ++k)
          from_same_kind |= k != d && g->params[k].kind == SlotKind::Handle &&
                            g->params[k].handle_key == dest.handle_key && named(g->params[k].name, kSource);
        if (!from_same_kind) continue;
        const model::ParamContract* pc = param_contract(contracts_, g->name, dest.name);
        if (pc && strongly_decided(pc->initializes)) continue;
        if (out_.evidence.empty())
          gap("a leak in a program that gave " + g->name + " an object it already had for " + dest.name +
              ": a copy makes its destination afresh, and nobody said " + dest.name + " is storage for it");
        candidate({{"functions." + g->name, "initializes", quoted(dest.name)}},
                  g->name + " makes " + dest.name + " afresh: the harness gives it new storage");
      }
    }
    return !out_.evidence.empty();
  }

  // `name` is the input of a transform: named like data (src, source, input, compressed, ...)
  // in a function that also takes an output pointer (dst, dest, out, output).
  static bool transform_input(const FunctionPlan& f, const std::string& name) {
    static const std::set<std::string> kInput = {"src", "source", "in", "input", "compressed", "encoded", "packed"};
    static const std::set<std::string> kOutput = {"dst", "dest", "destination", "out", "output", "target"};
    bool input = false, output = false;
    for (const std::string& w : contract::name_words(name)) input |= kInput.count(w) > 0;
    for (size_t i = 0; i < f.arity; ++i) {
      const program::Slot& o = f.params[i];
      if (o.name == name || (o.kind != SlotKind::Buffer && o.kind != SlotKind::CString)) continue;
      for (const std::string& w : contract::name_words(o.name)) output |= kOutput.count(w) > 0;
    }
    return input && output;
  }

  const TriageInput& in_;
  const report::Classification& c_;
  const program::ApiPlan& plan_;
  const model::Contracts& contracts_;
  long call_;
  Triage out_;
  std::map<const FunctionPlan*, std::string> comments_;  // comment_of's
  std::optional<std::vector<std::vector<int>>> given_;  // given_objects' replay
};

}  // namespace

Triage triage(const TriageInput& input) { return Triager(input).run(); }

}  // namespace ffifuzz::campaign
