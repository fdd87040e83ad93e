#include "report/dedup.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "report/finding_classes.h"
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

// "FILE:LINE:COL" -> "dir/FILE": where a report places a fault, without the line and column
// (an edit above it moves them; it is the same bug).
std::string file_of(const std::string& location) {
  std::string file = location;
  for (int part = 0; part < 2; ++part) {
    size_t colon = file.rfind(':');
    if (colon == std::string::npos || colon + 1 == file.size() ||
        file.find_first_not_of("0123456789", colon + 1) != std::string::npos)
      break;
    file.resize(colon);
  }
  return short_path(file);
}

// "FILE:LINE:COL: message" -> "dir/FILE: masked message".
std::string site_signature(const std::string& site) {
  size_t colon = site.find(": ");
  if (colon == std::string::npos) return mask_numbers(site);
  return file_of(site.substr(0, colon)) + ": " + mask_numbers(site.substr(colon + 2));
}

// UBSan's check, without where or the values: "signed integer overflow: N * N cannot be
// represented in type 'int'".
std::string ubsan_check(const std::string& site) {
  const std::string tag = "runtime error: ";
  size_t at = site.find(tag);
  return at == std::string::npos ? "" : mask_numbers(site.substr(at + tag.size()));
}

// A leak's stack passes through the library's allocation wrapper from every site: the
// frames that name the leak are the wrapper's callers (one wrapper frame is kept when
// nothing else is left).
size_t wrapper_frames(const Classification& c, const ClassifyContext& ctx) {
  if (c.finding_class != "leak") return 0;
  size_t skip = 0;
  for (const StackFrame& f : c.frames) {
    if (!in_library(f, ctx)) continue;
    if (!is_allocator_wrapper(f.function)) break;
    ++skip;
  }
  return skip;
}

std::vector<std::string> library_frames(const Classification& c, const ClassifyContext& ctx) {
  std::vector<std::string> names, entries, wrappers;
  size_t skip = wrapper_frames(c, ctx);
  for (const StackFrame& f : c.frames) {
    if (f.function.find("ffi_call") != std::string::npos || f.module.find("libffi") != std::string::npos) break;
    if (!in_library(f, ctx)) continue;
    std::string name = stable_name(f.function);
    if (skip > 0) {
      --skip;
      wrappers.push_back(name);
      continue;
    }
    bool exported = ctx.exported_functions.count(name) || ctx.exported_functions.count(short_name(f.function)) ||
                    name == c.function;
    (exported ? entries : names).push_back(name);
    if (names.size() == kKeyFrames) break;
  }
  if (names.empty() && !entries.empty()) names.push_back(entries.front());
  if (names.empty() && !wrappers.empty()) names.push_back(wrappers.front());
  return names;
}

// Where the fault is: the innermost library frames; for a hang, the exported function that
// never returned (where a hang is interrupted varies from run to run); with no library frame
// (a report with no stack) the report's own file and the exported function.
std::vector<std::string> fault_frames(const Classification& c, const ClassifyContext& ctx) {
  if (c.finding_class == "timeout" && !c.function.empty()) return {c.function};
  std::vector<std::string> frames = library_frames(c, ctx);
  if (!frames.empty()) return frames;
  if (!c.site.empty()) frames.push_back(file_of(c.site.substr(0, c.site.find(": "))));
  frames.push_back(c.function.empty() ? "(unknown)" : c.function);
  return frames;
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
  k.signature = std::string(fault_of(c.finding_class));
  // A write past a buffer and a read past it are two bugs; a read and an access the report
  // does not qualify (UBSan's index check) are keyed alike, so UBSan's report of a read
  // and ASan's of the same read are one finding.
  if (c.access == "WRITE") k.signature += "|WRITE";
  if (c.finding_class == "rust-panic" || (c.finding_class == "abort" && !c.site.empty())) {
    // The panic's message or the assertion is the bug (abort's stack only shows the exported
    // function); its file and message, not its line.
    k.signature += "|" + site_signature(c.site);
  } else {
    if (c.finding_class == "undefined-behavior" && !c.site.empty()) k.signature += "|" + ubsan_check(c.site);
    for (const std::string& f : fault_frames(c, ctx)) k.signature += "|" + f;
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
