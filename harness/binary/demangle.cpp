// Demangling through LLVM's demangler (libLLVMDemangle.a). LLVM 14 has rustDemangle for
// Rust v0; Rust legacy symbols are Itanium-shaped, so itaniumDemangle reads them, leaving
// Rust's `$..$` escapes and the `::h<hash>` suffix for us.
#include "binary/demangle.h"

#include <llvm/Demangle/Demangle.h>

#include <cstdlib>
#include <cstring>

namespace ffifuzz::binary {
namespace {

// Takes ownership of a malloc'ed buffer from the demangler.
std::string adopt(char* text) {
  if (!text) return {};
  std::string out(text);
  std::free(text);
  return out;
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// Rust legacy mangling ends in a 17h<16 hex> path component: the crate's hash.
std::string strip_rust_hash(std::string s) {
  const size_t n = s.size();
  if (n >= 19 && s.compare(n - 19, 3, "::h") == 0) {
    bool hex = true;
    for (size_t i = n - 16; i < n; ++i) hex = hex && is_hex(s[i]);
    if (hex) s.resize(n - 19);
  }
  return s;
}

// Rust legacy escapes: `$LT$` for '<', `..` for "::" and the like.
std::string unescape_rust_legacy(const std::string& s) {
  static const struct {
    const char* from;
    const char* to;
  } kEscapes[] = {{"$SP$", "@"}, {"$BP$", "*"}, {"$RF$", "&"}, {"$LT$", "<"}, {"$GT$", ">"},
                  {"$LP$", "("}, {"$RP$", ")"}, {"$C$", ","},  {"$u7e$", "~"}, {"$u20$", " "},
                  {"$u27$", "'"}, {"$u5b$", "["}, {"$u5d$", "]"}, {"$u7b$", "{"}, {"$u7d$", "}"},
                  {"$u3b$", ";"}, {"$u2b$", "+"}, {"$u22$", "\""}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool replaced = false;
    // A path component cannot start with '$', so rustc writes "_$LT$...": drop the '_'.
    const bool component_start = i == 0 || (i >= 2 && s.compare(i - 2, 2, "::") == 0) ||
                                 (i >= 2 && s.compare(i - 2, 2, "..") == 0);
    if (component_start && s.compare(i, 2, "_$") == 0) {
      ++i;
      continue;
    }
    if (s[i] == '$') {
      for (const auto& e : kEscapes) {
        size_t len = std::strlen(e.from);
        if (s.compare(i, len, e.from) == 0) {
          out += e.to;
          i += len;
          replaced = true;
          break;
        }
      }
    } else if (s.compare(i, 2, "..") == 0) {
      out += "::";
      i += 2;
      replaced = true;
    }
    if (!replaced) out += s[i++];
  }
  return out;
}

}  // namespace

std::string demangle(const std::string& symbol) {
  int status = 0;
  if (symbol.rfind("_R", 0) == 0) {
    std::string out = adopt(llvm::rustDemangle(symbol.c_str(), nullptr, nullptr, &status));
    return status == 0 && !out.empty() ? out : symbol;
  }
  if (symbol.rfind("_Z", 0) == 0) {
    std::string out = adopt(llvm::itaniumDemangle(symbol.c_str(), nullptr, nullptr, &status));
    if (status != 0 || out.empty()) return symbol;
    // Rust legacy: _ZN ... 17h<16 hex> E. Only those carry `$` escapes and the hash.
    std::string stripped = strip_rust_hash(out);
    if (stripped.size() != out.size()) return unescape_rust_legacy(stripped);
    return out;
  }
  return symbol;
}

std::string last_component(const std::string& demangled) {
  // Cut a C++ parameter list, then any trailing generic arguments, at depth zero.
  std::string s = demangled;
  int depth = 0;
  size_t cut = s.size();
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '<') ++depth;
    else if (c == '>') --depth;
    else if (c == '(' && depth == 0 && i > 0) {
      cut = i;
      break;
    }
  }
  s.resize(cut);
  depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '<') ++depth;
    else if (c == '>') --depth;
    else if (depth == 0 && c == ':' && i + 1 < s.size() && s[i + 1] == ':') start = i + 2;
  }
  std::string last = s.substr(start);
  size_t lt = last.find('<');
  if (lt != std::string::npos && lt > 0) last.resize(lt);
  return last;
}

}  // namespace ffifuzz::binary
