#include "program/call_trace.h"

#include <sstream>

namespace ffifuzz::program {
namespace {

constexpr const char* kPrefix = "ffifuzz: ";

// The part of a trace line after "ffifuzz: ", or "" when the line is not one.
std::string trace_body(const std::string& line) {
  size_t at = line.find(kPrefix);
  if (at == std::string::npos) return "";
  std::string body = line.substr(at + std::char_traits<char>::length(kPrefix));
  for (const char* word : {"call #", "result #", "skip #", "release ", "skip release "})
    if (body.rfind(word, 0) == 0) return body;
  return "";
}

// "K rest" -> K, rest. False when there is no index.
bool split_index(const std::string& s, size_t& index, std::string& rest) {
  size_t end = 0;
  while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
  if (end == 0 || end > 19) return false;
  index = std::stoull(s.substr(0, end));
  rest = end < s.size() ? s.substr(end + 1) : "";
  return true;
}

}  // namespace

std::string trace_call_line(size_t index, const std::string& name) {
  return kPrefix + std::string("call #") + std::to_string(index) + " " + name + "\n";
}
std::string trace_release_line(const std::string& name) { return kPrefix + std::string("release ") + name + "\n"; }
std::string trace_skip_line(size_t index, const std::string& name, const std::string& reason) {
  return kPrefix + std::string("skip #") + std::to_string(index) + " " + name + " (" + reason + ")\n";
}
std::string trace_skip_release_line(const std::string& name, const std::string& reason) {
  return kPrefix + std::string("skip release ") + name + " (" + reason + ")\n";
}
std::string trace_result_line(size_t index, const std::string& value, bool failed, bool no_object) {
  return kPrefix + std::string("result #") + std::to_string(index) + " " + value + (failed ? " (failed)" : "") +
         (no_object ? " (no object)" : "") + "\n";
}
std::string trace_signed_value(int64_t v) { return std::to_string(v); }
std::string trace_unsigned_value(uint64_t v) { return std::to_string(v); }

std::vector<std::string> trace_lines(const std::string& log) {
  std::vector<std::string> out;
  std::istringstream in(log);
  bool released = false;
  long last = -1;
  for (std::string line; std::getline(in, line);) {
    std::string body = trace_body(line);
    if (body.empty()) continue;
    const bool is_release = body.rfind("release ", 0) == 0 || body.rfind("skip release ", 0) == 0;
    // A second run of the program starts with a call or skip line after the releases of the
    // first, or with one whose index is not past the last.
    size_t k = 0;
    std::string rest;
    const bool starts_call = body.rfind("call #", 0) == 0 || body.rfind("skip #", 0) == 0;
    if (starts_call && split_index(body.substr(6), k, rest)) {
      if (released || static_cast<long>(k) <= last) break;
      last = static_cast<long>(k);
    }
    released = released || is_release;
    out.push_back(body);
  }
  return out;
}

std::vector<TracedCall> read_traced_calls(const std::string& log) {
  std::vector<TracedCall> calls;
  auto at = [&](size_t k) -> TracedCall& {
    if (calls.size() <= k) calls.resize(k + 1);
    return calls[k];
  };
  for (const std::string& body : trace_lines(log)) {
    size_t k = 0;
    std::string rest;
    if (body.rfind("call #", 0) == 0 && split_index(body.substr(6), k, rest)) {
      at(k).seen = at(k).made = true;
    } else if (body.rfind("skip #", 0) == 0 && split_index(body.substr(6), k, rest)) {
      TracedCall& c = at(k);
      c.seen = true;
      size_t open = rest.find(" (");
      if (open != std::string::npos && rest.size() > open + 3) c.skip_reason = rest.substr(open + 2, rest.size() - open - 3);
    } else if (body.rfind("result #", 0) == 0 && split_index(body.substr(8), k, rest)) {
      TracedCall& c = at(k);
      c.returned = true;
      c.null_result = rest.rfind("NULL", 0) == 0;
      c.failed = rest.find(" (failed)") != std::string::npos;
      c.no_object = rest.find(" (no object)") != std::string::npos;
      c.value = rest.substr(0, rest.find(" ("));
    }
  }
  return calls;
}

std::string last_traced_function(const std::string& log) {
  std::string name;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    std::string body = trace_body(line);
    size_t k = 0;
    std::string rest;
    if (body.rfind("call #", 0) == 0 && split_index(body.substr(6), k, rest)) {
      name = rest.substr(0, rest.find(' '));
    } else if (body.rfind("release ", 0) == 0) {
      std::string fn = body.substr(8);
      fn = fn.substr(0, fn.find(' '));
      if (fn != "free") name = fn;
    }
  }
  return name;
}

long last_traced_call(const std::string& log) {
  long index = -1;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    std::string body = trace_body(line);
    size_t k = 0;
    std::string rest;
    if (body.rfind("call #", 0) == 0 && split_index(body.substr(6), k, rest)) index = static_cast<long>(k);
    else if (body.rfind("release ", 0) == 0) index = -1;
  }
  return index;
}

}  // namespace ffifuzz::program
