#include "header/attribute_text.h"

#include <cctype>

namespace ffifuzz::header {
namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string strip_underscores(std::string n) {
  if (n.size() > 4 && n.starts_with("__") && n.ends_with("__")) return n.substr(2, n.size() - 4);
  return n;
}

void skip_space(std::string_view t, size_t& i) {
  while (i < t.size() && std::isspace(static_cast<unsigned char>(t[i]))) ++i;
}

// Index one past the parenthesis matching the one at `open`, or npos.
size_t match_paren(std::string_view t, size_t open) {
  int depth = 0;
  for (size_t i = open; i < t.size(); ++i) {
    if (t[i] == '(') ++depth;
    else if (t[i] == ')' && --depth == 0) return i + 1;
  }
  return std::string_view::npos;
}

// Splits "a, f(b, c), d" at top-level commas.
std::vector<std::string> split_top(std::string_view s) {
  std::vector<std::string> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || (s[i] == ',' && depth == 0)) {
      std::string part = trim(s.substr(start, i - start));
      if (!part.empty()) out.push_back(part);
      start = i + 1;
    } else if (s[i] == '(') {
      ++depth;
    } else if (s[i] == ')') {
      --depth;
    }
  }
  return out;
}

}  // namespace

std::vector<AttributeText> scan_attributes(std::string_view t) {
  std::vector<AttributeText> out;
  for (size_t pos = 0; (pos = t.find("__attribute", pos)) != std::string_view::npos;) {
    if (pos > 0 && ident_char(t[pos - 1])) { pos += 11; continue; }
    size_t i = pos + 11;
    if (t.substr(i, 2) == "__") i += 2;
    skip_space(t, i);
    if (i >= t.size() || t[i] != '(') { pos = i; continue; }
    size_t outer_end = match_paren(t, i);
    if (outer_end == std::string_view::npos) break;
    size_t j = i + 1;
    skip_space(t, j);
    if (j >= t.size() || t[j] != '(') { pos = outer_end; continue; }
    size_t inner_end = match_paren(t, j);
    if (inner_end == std::string_view::npos) break;
    // Walk the list inside the double parentheses: name [ "(" args ")" ] { "," ... }.
    size_t k = j + 1;
    while (k < inner_end - 1) {
      skip_space(t, k);
      size_t name_begin = k;
      while (k < inner_end && ident_char(t[k])) ++k;
      if (k == name_begin) { ++k; continue; }
      AttributeText a;
      a.name = strip_underscores(std::string(t.substr(name_begin, k - name_begin)));
      a.begin = name_begin;
      size_t m = k;
      skip_space(t, m);
      if (m < inner_end && t[m] == '(') {
        size_t close = match_paren(t, m);
        if (close == std::string_view::npos || close > inner_end) break;
        a.args = split_top(t.substr(m + 1, close - m - 2));
        k = close;
      }
      a.end = k;
      out.push_back(std::move(a));
      skip_space(t, k);
      if (k < inner_end && t[k] == ',') ++k;
    }
    pos = outer_end;
  }
  return out;
}

}  // namespace ffifuzz::header
