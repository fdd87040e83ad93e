#include "report/dedup.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "report/frames.h"

namespace ffifuzz::report {
namespace {

constexpr size_t kKeyFrames = 3;

// Numbers in a message vary with the input ("the index is 17"): "N" keeps the words.
std::string mask_numbers(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool word_start = i == 0 || !(std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '_');
    if (word_start && std::isdigit(static_cast<unsigned char>(s[i]))) {
      size_t j = i + 1;
      if (s[i] == '0' && j < s.size() && (s[j] == 'x' || s[j] == 'X')) ++j;
      while (j < s.size() && std::isxdigit(static_cast<unsigned char>(s[j]))) ++j;
      out += 'N';
      i = j;
    } else {
      out += s[i++];
    }
  }
  return out;
}

// "/work/main/targets/c_bugs/arith.c:14:18" -> "c_bugs/arith.c:14:18": the same bug in a
// checkout elsewhere keeps its key.
std::string short_path(const std::string& location) {
  size_t last = location.rfind('/');
  if (last == std::string::npos || last == 0) return location;
  size_t before = location.rfind('/', last - 1);
  return before == std::string::npos ? location : location.substr(before + 1);
}

// "FILE:LINE:COL: message" -> short file, masked message.
std::string site_signature(const std::string& site) {
  size_t colon = site.find(": ");
  if (colon == std::string::npos) return mask_numbers(site);
  return short_path(site.substr(0, colon)) + ": " + mask_numbers(site.substr(colon + 2));
}

std::vector<std::string> library_frames(const Classification& c, const ClassifyContext& ctx) {
  std::vector<std::string> names, entries;
  for (const StackFrame& f : c.frames) {
    if (f.function.find("ffi_call") != std::string::npos || f.module.find("libffi") != std::string::npos) break;
    if (!in_library(f, ctx)) continue;
    std::string name = stable_name(f.function);
    bool exported = ctx.exported_functions.count(name) || ctx.exported_functions.count(short_name(f.function)) ||
                    name == c.function;
    (exported ? entries : names).push_back(name);
    if (names.size() == kKeyFrames) break;
  }
  if (names.empty() && !entries.empty()) names.push_back(entries.front());
  return names;
}

}  // namespace

std::string hash_hex(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char ch : s) {
    h ^= ch;
    h *= 0x100000001b3ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}


DedupKey leak_site_key(Classification c, const ClassifyContext& ctx) {
  if (c.finding_class == "leak" && c.function_from_trace) c.function.clear();
  return dedup_key(c, ctx);
}

DedupKey dedup_key(const Classification& c, const ClassifyContext& ctx) {
  DedupKey k;
  k.signature = c.finding_class;
  if (!c.site.empty()) {
    k.signature += "|" + site_signature(c.site);
  } else {
    std::vector<std::string> frames = library_frames(c, ctx);
    if (frames.empty()) frames.push_back(c.function.empty() ? "(unknown)" : c.function);
    for (const std::string& f : frames) k.signature += "|" + f;
  }
  k.hex = hash_hex(k.signature);
  return k;
}

DedupKey check_finding_key(const std::string& finding_class, const std::string& function, const std::string& subject) {
  DedupKey k;
  k.signature = finding_class + "|" + function + "|" + subject;
  k.hex = hash_hex(k.signature);
  return k;
}

}  // namespace ffifuzz::report
