#include "header/doc_tags.h"

#include <charconv>
#include <regex>
#include <sstream>
#include <vector>

#include "model/error.h"

namespace ffifuzz::header {
namespace {

using model::ContractSource;
using model::Decided;
using model::Origin;

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool parse_int(const std::string& s, int64_t& v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

struct TagContext {
  std::string where;  // "file:line"
  const model::Function& fn;
  Origin origin;

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(where + ": ffifuzz doc tag: " + what + " (see docs/contracts.md)");
  }
  void check_param(const std::string& name) const {
    for (const model::Param& p : fn.params)
      if (p.name == name) return;
    fail("function '" + fn.name + "' has no parameter '" + name + "'");
  }
  template <class T>
  Decided<T> decide(T v) const {
    return Decided<T>{std::move(v), origin};
  }
};

void split_key(const std::string& w, std::string& key, std::string& value, bool& has_value) {
  size_t eq = w.find('=');
  has_value = eq != std::string::npos;
  key = has_value ? w.substr(0, eq) : w;
  value = has_value ? w.substr(eq + 1) : "";
}

void parse_returns(const TagContext& ctx, const std::vector<std::string>& ws, model::ReturnContract& r) {
  if (ws.size() < 2) ctx.fail("'returns' needs at least one item, e.g. 'returns owned_by=free_x'");
  for (size_t i = 1; i < ws.size(); ++i) {
    std::string key, value;
    bool has_value = false;
    split_key(ws[i], key, value, has_value);
    if (key == "owned_by" && has_value) r.owned_by = ctx.decide(value);
    else if (key == "borrowed_from" && has_value) { ctx.check_param(value); r.borrowed_from = ctx.decide(value); }
    else if (key == "static" && !has_value) r.is_static = ctx.decide(true);
    else if (key == "nullable" && !has_value) r.nullable = ctx.decide(true);
    else if (key == "nonnull" && !has_value) r.nullable = ctx.decide(false);
    else ctx.fail("unknown 'returns' item '" + ws[i] + "'");
  }
}

void parse_param(const TagContext& ctx, const std::vector<std::string>& ws, model::FunctionContract& fc) {
  if (ws.size() < 3) ctx.fail("'param' needs a name and at least one item, e.g. 'param buf len=n bytes'");
  const std::string& name = ws[1];
  ctx.check_param(name);
  model::ParamContract& p = fc.params[name];
  for (size_t i = 2; i < ws.size(); ++i) {
    std::string key, value;
    bool has_value = false;
    split_key(ws[i], key, value, has_value);
    if (key == "len" && has_value) {
      ctx.check_param(value);
      p.len = ctx.decide(model::LenSpec{value, model::LenUnit::Elements});
    } else if ((key == "bytes" || key == "elements") && !has_value) {
      if (!p.len || p.len->origin.detail != ctx.origin.detail) ctx.fail("'" + key + "' must follow 'len=PARAM'");
      p.len->value.unit = key == "bytes" ? model::LenUnit::Bytes : model::LenUnit::Elements;
    } else if (key == "nonnull" && !has_value) p.nullable = ctx.decide(false);
    else if (key == "nullable" && !has_value) p.nullable = ctx.decide(true);
    else if (key == "cstring" && !has_value) p.cstring = ctx.decide(true);
    else if (key == "path" && !has_value) p.path = ctx.decide(true);
    else if (key == "in" && !has_value) p.direction = ctx.decide(model::Direction::In);
    else if (key == "out" && !has_value) p.direction = ctx.decide(model::Direction::Out);
    else if (key == "inout" && !has_value) p.direction = ctx.decide(model::Direction::InOut);
    else if (key == "handle" && has_value) p.handle = ctx.decide(value);
    else if (key == "releases" && !has_value) p.releases = ctx.decide(true);
    else if (key == "range" && has_value) {
      size_t dots = value.find("..");
      model::IntRange r;
      if (dots == std::string::npos || !parse_int(value.substr(0, dots), r.min) ||
          !parse_int(value.substr(dots + 2), r.max) || r.min > r.max)
        ctx.fail("range must be MIN..MAX with MIN <= MAX, got '" + value + "'");
      p.range = ctx.decide(r);
    } else {
      ctx.fail("unknown 'param' item '" + ws[i] + "'");
    }
  }
}

}  // namespace

int parse_doc_tags(const std::string& comment, const model::SourceLoc& comment_loc,
                   const model::Function& fn, model::FunctionContract& out) {
  int tags = 0;
  std::istringstream lines(comment);
  unsigned line_no = comment_loc.line;
  for (std::string line; std::getline(lines, line); ++line_no) {
    // A tag starts its comment line (after the comment markers), so prose that mentions
    // "ffifuzz:" in passing is not read as a tag.
    size_t tag = line.find_first_not_of(" \t/*!");
    if (tag == std::string::npos || line.compare(tag, 8, "ffifuzz:") != 0) continue;
    std::string body = line.substr(tag + 8);
    if (size_t close = body.find("*/"); close != std::string::npos) body.resize(close);
    std::vector<std::string> ws = words(body);
    const std::string where = comment_loc.file + ":" + std::to_string(line_no);
    TagContext ctx{where, fn, Origin{model::ContractSource::DocComment, where + " ffifuzz:" + body}};
    // Trim the detail's trailing spaces so that it reads like the tag the author wrote.
    while (!ctx.origin.detail.empty() && ctx.origin.detail.back() == ' ') ctx.origin.detail.pop_back();
    if (ws.empty()) ctx.fail("empty tag");
    ++tags;
    const std::string& verb = ws[0];
    if (verb == "returns") {
      parse_returns(ctx, ws, out.ret);
    } else if (verb == "param") {
      parse_param(ctx, ws, out);
    } else if (verb == "releases") {
      if (ws.size() != 2) ctx.fail("'releases' takes one parameter name");
      ctx.check_param(ws[1]);
      out.params[ws[1]].releases = ctx.decide(true);
    } else if (verb == "requires") {
      if (ws.size() < 2) ctx.fail("'requires' needs function names");
      out.requires_calls = ctx.decide(std::vector<std::string>(ws.begin() + 1, ws.end()));
    } else if (verb == "skip") {
      std::string reason;
      for (size_t i = 1; i < ws.size(); ++i) reason += (i > 1 ? " " : "") + ws[i];
      if (reason.empty()) ctx.fail("'skip' needs a reason");
      out.skip = ctx.decide(reason);
    } else {
      ctx.fail("unknown tag '" + verb + "' (expected returns, param, releases, requires or skip)");
    }
  }
  return tags;
}

std::optional<std::string> not_for_direct_calls(const std::string& comment) {
  static const std::regex says(R"((isn't|is not|not|never|should not|shouldn't|must not|do not|don't)\s+(meant|intended|supposed)?\s*(to\s+)?(be\s+)?call(ed)?\s+(this\s+|it\s+)?directly)",
                               std::regex::icase);
  std::smatch m;
  if (!std::regex_search(comment, m, says)) return std::nullopt;
  return "the header says it is not for callers (\"" + m.str(0) + "\"); skipped";
}

void check_doc_tag_references(const model::ApiModel& api, const model::Contracts& doc_comments) {
  auto check = [&](const std::string& name, const Origin& origin, bool free_allowed) {
    if (api.find_function(name) || (free_allowed && name == "free")) return;
    // origin.detail is "file:line ffifuzz: the tag".
    throw InputError(origin.detail.substr(0, origin.detail.find(' ')) + ": ffifuzz doc tag: function '" + name +
                     "' is not declared in the header (see docs/contracts.md)");
  };
  for (const auto& [fn, c] : doc_comments.functions) {
    if (c.ret.owned_by) check(c.ret.owned_by->value, c.ret.owned_by->origin, true);
    if (c.requires_calls)
      for (const std::string& r : c.requires_calls->value) check(r, c.requires_calls->origin, false);
  }
}

}  // namespace ffifuzz::header
