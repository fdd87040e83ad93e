#include "program/text_form.h"

#include "program/lowering.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <sstream>

#include "model/error.h"
#include "program/image.h"
#include "program/values.h"

namespace ffifuzz::program {
namespace {

using model::TypeKind;

constexpr const char* kHeaderLine = "# ffifuzz program v1";
constexpr uint64_t kCanonicalNan = 0x7ff8000000000000ull;
constexpr uint32_t kCanonicalNanF = 0x7fc00000u;

// Which earlier result a handle argument denotes, simulated the way the executor picks it:
// the `bits`-th live object of the slot's kind, in creation order.
// What a call the text form reads or writes made, as the executor is assumed to see it: every
// call its rules allow succeeds and makes its object (program/lowering.h).
CallOutcome assumed_outcome(const FunctionPlan& f, const Call& c) {
  CallOutcome o;
  if (f.ret == ReturnKind::OwnedHandle) o.result = kSomeObject;
  if (f.produced_by >= 0 && !c.args[static_cast<size_t>(f.produced_by)].is_null) o.produced = kSomeObject;
  return o;
}

// The live entry call `call` made of `kind`, or -1.
int live_entry_of(const Ledger& ledger, int kind, size_t call) {
  for (size_t e = 0; e < ledger.entries().size(); ++e) {
    const Ledger::Entry& entry = ledger.entries()[e];
    if (entry.live && entry.kind == kind && entry.call == call) return static_cast<int>(e);
  }
  return -1;
}

bool printable_record(const model::ApiModel& api, model::TypeId id) {
  const model::Type& t = api.type(id);
  if (t.kind == TypeKind::Union) return false;
  if (t.kind == TypeKind::Array) return printable_record(api, t.element);
  if (t.kind != TypeKind::Struct) return t.kind != TypeKind::LongDouble && t.kind != TypeKind::Unsupported;
  for (const model::Field& f : t.fields)
    if (f.name.empty() || !printable_record(api, f.type)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------
// Printing

std::string bytes_literal(const uint8_t* data, size_t n) {
  std::string s = "\"";
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = data[i];
    if (c == '"' || c == '\\') s += '\\', s += static_cast<char>(c);
    else if (c == '\n') s += "\\n";
    else if (c == '\t') s += "\\t";
    else if (c >= 0x20 && c < 0x7f) s += static_cast<char>(c);
    else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      s += buf;
    }
  }
  return s + "\"";
}

std::string float_text(uint64_t bits, bool is_float) {
  double d;
  if (is_float) {
    float f;
    uint32_t u = static_cast<uint32_t>(bits);
    std::memcpy(&f, &u, 4);
    if (std::isnan(f)) return u == kCanonicalNanF ? "NAN" : "NAN(0x" + (std::ostringstream() << std::hex << u).str() + ")";
    d = f;
  } else {
    std::memcpy(&d, &bits, 8);
    if (std::isnan(d)) return bits == kCanonicalNan ? "NAN" : "NAN(0x" + (std::ostringstream() << std::hex << bits).str() + ")";
  }
  if (std::isinf(d)) return d > 0 ? "INFINITY" : "-INFINITY";
  char buf[64];
  std::snprintf(buf, sizeof buf, is_float ? "%.9g" : "%.17g", d);
  std::string s = buf;
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  if (is_float) s += "f";
  return s;
}

std::string int_text(const model::ApiModel& api, model::TypeId id, uint64_t bits) {
  const model::Type& t = api.type(id);
  if (t.kind == TypeKind::Bool) return bits & 1 ? "true" : "false";
  if (t.kind == TypeKind::Enum)
    for (const model::Enumerator& e : t.enumerators)
      if (static_cast<uint64_t>(e.value) == bits || (t.size < 8 && static_cast<uint64_t>(e.value) == (bits & ((uint64_t{1} << (t.size * 8)) - 1))))
        return e.name;
  if (t.is_signed) return std::to_string(static_cast<int64_t>(bits));
  if (bits < 0x10000) return std::to_string(bits);
  return (std::ostringstream() << "0x" << std::hex << bits).str();
}

std::string scalar_text(const model::ApiModel& api, model::TypeId id, uint64_t bits) {
  const model::Type& t = api.type(id);
  if (t.kind == TypeKind::Float) return float_text(bits, t.size == 4);
  return int_text(api, id, bits);
}

std::string image_text(const model::ApiModel& api, model::TypeId id, const uint8_t* image);

std::string value_at(const model::ApiModel& api, model::TypeId id, const uint8_t* at) {
  const model::Type& t = api.type(id);
  if (t.kind == TypeKind::Struct || t.kind == TypeKind::Array) return image_text(api, id, at);
  uint64_t v = 0;
  std::memcpy(&v, at, std::min<size_t>(t.size, 8));
  if (t.is_signed && t.size < 8 && (v >> (t.size * 8 - 1)) & 1) v |= ~uint64_t{0} << (t.size * 8);
  return scalar_text(api, id, v);
}

// "{.x = 1, .y = 2}" or, for arrays, "{1, 2, 3}". Pointer fields are left out: the executor
// points them at zeroed memory of its own.
std::string image_text(const model::ApiModel& api, model::TypeId id, const uint8_t* image) {
  const model::Type& t = api.type(id);
  std::string s = "{";
  bool first = true;
  auto sep = [&] {
    if (!first) s += ", ";
    first = false;
  };
  if (t.kind == TypeKind::Array) {
    const model::Type& e = api.type(t.element);
    for (uint64_t i = 0; i < t.count; ++i) sep(), s += value_at(api, t.element, image + i * e.size);
    return s + "}";
  }
  for (const model::Field& f : t.fields) {
    const model::Type& ft = api.type(f.type);
    if (ft.kind == TypeKind::Pointer) continue;
    sep();
    s += "." + f.name + " = ";
    if (f.bit_width) s += scalar_text(api, f.type, read_field(api, f, image));
    else s += value_at(api, f.type, image + f.offset_bits / 8);
  }
  return s + "}";
}

std::string record_text(const model::ApiModel& api, model::TypeId id, const std::vector<uint8_t>& bytes) {
  std::string cast = "(" + describe(api, id) + ")";
  if (!printable_record(api, id)) return cast + bytes_literal(bytes.data(), bytes.size());
  const model::Type& t = api.type(id);
  if (t.kind != TypeKind::Struct && t.kind != TypeKind::Array) {  // a scalar object: &(int){5}
    return cast + "{" + value_at(api, id, bytes.data()) + "}";
  }
  return cast + image_text(api, id, bytes.data());
}

// ---------------------------------------------------------------------------------------
// Reading

class Reader {
 public:
  Reader(const std::string& text, const std::string& source, size_t line) : s_(text), source_(source), line_(line) {}

  // "seed.txt:3:17: argument 1 ('n') of f: what": at the token being read when it went wrong.
  [[noreturn]] void fail(const std::string& what) const { fail_at(token_, what); }
  [[noreturn]] void fail_at(size_t token, const std::string& what) const {
    throw InputError(source_ + ":" + std::to_string(line_) + ":" + std::to_string(token + 1) + ": " + context_ + what);
  }
  size_t token_start() const { return token_; }
  // What is at the current token, for "expected X, found Y".
  std::string found() const {
    if (token_ >= s_.size()) return "the end of the line";
    size_t end = token_;
    while (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_')) ++end;
    if (end == token_) end = token_ + 1;
    return "'" + s_.substr(token_, end - token_) + "'";
  }
  // Said before every message while reading one argument ("argument 2 ('len') of f: ").
  void set_context(const std::string& context) { context_ = context; }
  // Spaces, and /* comments */ (which name the field slots: "/*strm->next_in*/ \"abc\"").
  void skip_space() {
    for (;;) {
      while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
      token_ = pos_;
      if (s_.compare(pos_, 2, "/*") != 0) return;
      size_t end = s_.find("*/", pos_ + 2);
      if (end == std::string::npos) fail("unterminated /* comment");
      pos_ = end + 2;
    }
  }
  bool at_end() {
    skip_space();
    return pos_ >= s_.size();
  }
  bool peek(char c) {
    skip_space();
    return pos_ < s_.size() && s_[pos_] == c;
  }
  bool accept(char c) {
    if (!peek(c)) return false;
    ++pos_;
    return true;
  }
  void expect(char c, const std::string& what) {
    if (!accept(c)) fail(std::string("expected '") + c + "' " + what + ", found " + found());
  }
  std::string identifier() {
    skip_space();
    size_t b = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
    return s_.substr(b, pos_ - b);
  }
  // A number token as written (digits, sign, hex, exponent, suffixes).
  std::string number_token() {
    skip_space();
    size_t b = pos_;
    if (pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+')) ++pos_;
    // A number starts with a digit or a dot (after its sign); anything else is a name.
    if (pos_ >= s_.size() || !(std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.'))
      return s_.substr(b, pos_ - b);
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.' ||
                                ((s_[pos_] == '-' || s_[pos_] == '+') && (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E'))))
      ++pos_;
    return s_.substr(b, pos_ - b);
  }
  std::vector<uint8_t> string_literal() {
    skip_space();
    if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a string literal, found " + found());
    ++pos_;
    std::vector<uint8_t> out;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      char c = s_[pos_++];
      if (c != '\\') {
        out.push_back(static_cast<uint8_t>(c));
        continue;
      }
      if (pos_ >= s_.size()) fail("unfinished escape in a string");
      char e = s_[pos_++];
      if (e == 'n') out.push_back('\n');
      else if (e == 't') out.push_back('\t');
      else if (e == '0') out.push_back(0);
      else if (e == 'x') {
        if (pos_ + 2 > s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[pos_])) ||
            !std::isxdigit(static_cast<unsigned char>(s_[pos_ + 1])))
          fail("\\x takes two hex digits");
        out.push_back(static_cast<uint8_t>(std::stoul(s_.substr(pos_, 2), nullptr, 16)));
        pos_ += 2;
      } else out.push_back(static_cast<uint8_t>(e));
    }
    if (pos_ >= s_.size()) fail("unterminated string literal");
    // Said, not cut: a program that silently lost its tail would test something else.
    if (out.size() > kMaxBytes)
      fail("a string of " + std::to_string(out.size()) + " bytes; a program's buffer or string holds at most " +
           std::to_string(kMaxBytes));
    ++pos_;
    return out;
  }
  // Skips a parenthesized type name "(struct Point)"; returns false when there is none.
  bool cast() {
    if (!peek('(')) return false;
    size_t close = s_.find(')', pos_);
    if (close == std::string::npos) fail("unbalanced '('");
    pos_ = close + 1;
    return true;
  }
  size_t line() const { return line_; }
  size_t mark() const { return pos_; }
  void reset(size_t mark) { pos_ = token_ = mark; }

 private:
  const std::string& s_;
  const std::string& source_;
  size_t line_;
  size_t pos_ = 0;
  size_t token_ = 0;  // where the token being read starts (0-based column)
  std::string context_;
};

uint64_t parse_int(Reader& r, const model::ApiModel& api, model::TypeId id) {
  const model::Type& t = api.type(id);
  std::string tok = r.number_token();
  if (tok.empty() || tok == "-" || tok == "+") {
    if (!tok.empty()) r.fail("expected an integer after '" + tok + "'");
    std::string name = r.identifier();
    if (name == "true") return 1;
    if (name == "false") return 0;
    for (const model::Enumerator& e : t.enumerators)
      if (e.name == name) return static_cast<uint64_t>(e.value);
    if (name.empty()) r.fail("expected an integer, found " + r.found());
    r.fail("'" + name + "' is not a value of " + describe(api, id));
  }
  try {
    size_t used = 0;
    uint64_t v = tok[0] == '-' ? static_cast<uint64_t>(std::stoll(tok, &used, 0)) : std::stoull(tok, &used, 0);
    while (used < tok.size() && std::strchr("uUlL", tok[used])) ++used;
    if (used != tok.size()) r.fail("'" + tok + "' is not an integer");
    return v;
  } catch (const std::logic_error&) {
    r.fail("'" + tok + "' is not an integer");
  }
}

uint64_t parse_float(Reader& r, const model::ApiModel& api, model::TypeId id) {
  bool is_float = api.type(id).size == 4;
  std::string tok = r.number_token();
  bool negative = false;
  if (tok == "-" || tok.empty()) {
    negative = tok == "-";
    std::string name = r.identifier();
    if (name == "INFINITY") tok = negative ? "-inf" : "inf";
    else if (name == "NAN") {
      if (r.accept('(')) {
        uint64_t bits = parse_int(r, api, id);
        r.expect(')', "after NAN(bits");
        return bits;
      }
      return is_float ? kCanonicalNanF : kCanonicalNan;
    } else r.fail("expected a floating-point number, found " + r.found());
  }
  if (!tok.empty() && (tok.back() == 'f' || tok.back() == 'F') && tok.find('x') == std::string::npos) tok.pop_back();
  char* end = nullptr;
  double d = std::strtod(tok.c_str(), &end);
  if (!end || *end) r.fail("'" + tok + "' is not a floating-point number");
  return float_bits(d, is_float);
}

void parse_image(Reader& r, const model::ApiModel& api, model::TypeId id, uint8_t* image);

void parse_value_at(Reader& r, const model::ApiModel& api, model::TypeId id, uint8_t* at) {
  const model::Type& t = api.type(id);
  if (t.kind == TypeKind::Struct || t.kind == TypeKind::Array) return parse_image(r, api, id, at);
  uint64_t v = t.kind == TypeKind::Float ? parse_float(r, api, id) : parse_int(r, api, id);
  std::memcpy(at, &v, std::min<size_t>(t.size, 8));
}

void parse_image(Reader& r, const model::ApiModel& api, model::TypeId id, uint8_t* image) {
  const model::Type& t = api.type(id);
  r.expect('{', "to start " + describe(api, id));
  if (t.kind == TypeKind::Array) {
    const model::Type& e = api.type(t.element);
    for (uint64_t i = 0; !r.peek('}'); ++i) {
      if (i >= t.count) r.fail("too many elements for " + describe(api, id));
      parse_value_at(r, api, t.element, image + i * e.size);
      if (!r.accept(',')) break;
    }
  } else if (t.kind != TypeKind::Struct) {
    parse_value_at(r, api, id, image);
  } else {
    while (!r.peek('}')) {
      r.expect('.', "before a field name");
      std::string name = r.identifier();
      const model::Field* field = nullptr;
      for (const model::Field& f : t.fields)
        if (f.name == name) field = &f;
      if (!field) r.fail(describe(api, id) + " has no field '" + name + "'");
      r.expect('=', "after ." + name);
      if (field->bit_width) write_field(api, *field, image, parse_int(r, api, field->type));
      else parse_value_at(r, api, field->type, image + field->offset_bits / 8);
      if (!r.accept(',')) break;
    }
  }
  r.expect('}', "to end " + describe(api, id));
}

std::vector<uint8_t> parse_record(Reader& r, const model::ApiModel& api, model::TypeId id) {
  std::vector<uint8_t> image(api.type(id).size, 0);
  r.cast();
  if (r.peek('"')) {
    std::vector<uint8_t> raw = r.string_literal();
    if (raw.size() != image.size())
      r.fail(describe(api, id) + " takes " + std::to_string(image.size()) + " raw bytes, the literal has " +
             std::to_string(raw.size()));
    return raw;
  }
  parse_image(r, api, id, image.data());
  return image;
}

// Where a "//" comment starts, outside string literals (npos when none).
size_t comment_start(const std::string& line) {
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    if (in_string) {
      if (line[i] == '\\') ++i;
      else if (line[i] == '"') in_string = false;
    } else if (line[i] == '"') {
      in_string = true;
    } else if (line[i] == '/' && i + 1 < line.size() && line[i + 1] == '/') {
      return i;
    }
  }
  return std::string::npos;
}

}  // namespace

std::string to_text(const ApiPlan& plan, const model::ApiModel& api, const Program& program) {
  std::ostringstream out;
  out << kHeaderLine << "\n";
  Lowering lowering(plan);
  LoweredCall lowered;
  for (size_t i = 0; i < program.calls.size(); ++i) {
    const Call& c = program.calls[i];
    const FunctionPlan& f = plan.functions[c.fn];
    std::vector<std::string> args;
    lowering.lower(c, i, lowered);
    const bool runs = lowered.made();
    for (size_t k = 0; k < f.params.size(); ++k) {
      const Slot& s = f.params[k];
      const Arg& a = c.args[k];
      if (a.is_null) {
        args.push_back("NULL");
        continue;
      }
      switch (s.kind) {
        case SlotKind::Int:
        case SlotKind::Float: args.push_back(scalar_text(api, s.value_type, a.bits)); break;
        case SlotKind::Length: {
          args.push_back(std::to_string(length_value(f, c, k)));
          break;
        }
        case SlotKind::Record: args.push_back(record_text(api, s.value_type, a.bytes)); break;
        case SlotKind::Object:
          args.push_back(a.bytes.empty() ? "NULL" : "&" + record_text(api, s.value_type, a.bytes));
          break;
        case SlotKind::CString:
        case SlotKind::Buffer: args.push_back(bytes_literal(a.bytes.data(), a.bytes.size())); break;
        case SlotKind::Strings: {  // strings("a", "b"): an array of these strings, NULL after the last
          std::string list;
          for (const std::vector<uint8_t>& one : split_strings(a.bytes))
            list += (list.empty() ? "" : ", ") + bytes_literal(one.data(), one.size());
          args.push_back("strings(" + list + ")");
          break;
        }
        // A FILE *: a file holding these bytes.
        case SlotKind::File: args.push_back("file(" + bytes_literal(a.bytes.data(), a.bytes.size()) + ")"); break;
        case SlotKind::Out: args.push_back("out"); break;
        case SlotKind::Init:
        case SlotKind::OutHandle: args.push_back("new"); break;
        case SlotKind::Callback: args.push_back("callback"); break;
        case SlotKind::Fixed:
          args.push_back(s.fixed.is_string ? bytes_literal(reinterpret_cast<const uint8_t*>(s.fixed.text.data()), s.fixed.text.size())
                                           : std::to_string(s.fixed.integer));
          break;
        case SlotKind::Handle: {
          // The object the lowering picked; none when it had none (or stopped before this slot).
          int entry = lowered.entries[k];
          if (entry < 0) {
            const int live = lowering.ledger().pick(lowering.slot_kind(c.fn, k), a.bits, f.params[k].made_by);
            entry = live;
          }
          args.push_back(entry < 0 ? "none" : "r" + std::to_string(lowering.ledger().at(entry).call));
          break;
        }
      }
    }
    if (runs && !f.produces.empty()) out << "r" << i << " = ";
    out << f.name << "(";
    for (size_t k = 0; k < args.size(); ++k)
      out << (k ? ", " : "") << (f.params[k].is_field() ? "/*" + f.params[k].name + "*/ " : "") << args[k];
    out << ");";
    if (!runs) out << "  // not made: " << skip_reason(plan, lowered);
    out << "\n";
    if (runs) lowering.record(lowered, assumed_outcome(f, c));
  }
  return out.str();
}

Program from_text(const ApiPlan& plan, const model::ApiModel& api, const std::string& text, const std::string& source) {
  Program p;
  Lowering lowering(plan);
  LoweredCall lowered;
  std::istringstream in(text);
  std::string raw;
  size_t line_no = 0;
  while (std::getline(in, raw)) {
    ++line_no;
    std::string line = raw.substr(0, comment_start(raw));
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    Reader r(line, source, line_no);
    std::string name = r.identifier();
    size_t name_at = r.token_start();
    if (r.accept('=')) {
      if (name.empty() || name[0] != 'r') r.fail_at(name_at, "expected 'rN = call(...)'");
      name = r.identifier();
      name_at = r.token_start();
    }
    if (name.empty()) r.fail("expected a call, NAME(ARGS); or rN = NAME(ARGS);, found " + r.found());
    int fn = plan.index_of(name);
    if (fn < 0) {
      for (const SkippedFunction& s : plan.skipped)
        if (s.name == name) r.fail_at(name_at, "'" + name + "' cannot be called: " + s.reason);
      r.fail_at(name_at, "no function '" + name + "' in the library's API");
    }
    const FunctionPlan& f = plan.functions[static_cast<size_t>(fn)];
    r.expect('(', "after " + name);
    const std::string arity = std::to_string(f.params.size()) + " argument" + (f.params.size() == 1 ? "" : "s");
    Call c;
    c.fn = static_cast<uint32_t>(fn);
    for (size_t k = 0; k < f.params.size(); ++k) {
      if (k) {
        if (r.peek(')')) r.fail(name + " takes " + arity + ", found " + std::to_string(k));
        r.expect(',', "between arguments of " + name + " (it takes " + arity + ")");
      }
      const Slot& s = f.params[k];
      Arg a;
      r.set_context("argument " + std::to_string(k + 1) + " ('" + s.name + "') of " + name + ": ");
      size_t save = r.mark();
      std::string word = r.identifier();
      if (word == "NULL") {
        if (!s.nullable) r.fail("NULL is not allowed by the contract");
        r.set_context("");
        a.is_null = true;
        c.args.push_back(a);
        continue;
      }
      r.reset(save);
      {
        switch (s.kind) {
          case SlotKind::Int: a.bits = parse_int(r, api, s.value_type); break;
          case SlotKind::Float: a.bits = parse_float(r, api, s.value_type); break;
          case SlotKind::Length: parse_int(r, api, s.value_type); break;  // derived from its buffer
          case SlotKind::Record: a.bytes = parse_record(r, api, s.value_type); break;
          case SlotKind::Object:
            r.expect('&', "before a pointed-to value");
            a.bytes = parse_record(r, api, s.value_type);
            break;
          case SlotKind::CString:
          case SlotKind::Buffer: a.bytes = r.string_literal(); break;
          case SlotKind::Strings:
            if (r.identifier() != "strings") r.fail("expected strings(\"...\", ...) (an array of C strings)");
            r.expect('(', "after strings");
            a.bytes.clear();
            while (!r.accept(')')) {
              if (!a.bytes.empty()) r.expect(',', "between strings");
              std::vector<uint8_t> one = r.string_literal();
              if (std::find(one.begin(), one.end(), 0) != one.end()) r.fail("a string of strings(...) cannot hold \\0");
              a.bytes.insert(a.bytes.end(), one.begin(), one.end());
              a.bytes.push_back(0);
            }
            break;
          case SlotKind::File:
            if (r.identifier() != "file") r.fail("expected file(\"...\") (a FILE * on a file holding those bytes)");
            r.expect('(', "after file");
            a.bytes = r.string_literal();
            r.expect(')', "after the file's contents");
            break;
          case SlotKind::Out:
            if (r.identifier() != "out") r.fail("expected 'out' (storage the function fills in)");
            break;
          case SlotKind::Init:
          case SlotKind::OutHandle:
            if (r.identifier() != "new") r.fail("expected 'new' (the object this call makes)");
            break;
          case SlotKind::Callback:
            if (r.identifier() != "callback") r.fail("expected 'callback' (ffifuzz's do-nothing callback)");
            break;
          case SlotKind::Fixed:  // the contract's value, whatever is written
            if (r.peek('"')) r.string_literal();
            else if (r.number_token().empty()) r.fail("expected the contract's value");
            break;
          case SlotKind::Handle: {
            std::string h = r.identifier();
            if (h == "none") break;  // no live object: the call is not made
            if (h.size() < 2 || h[0] != 'r' || !std::isdigit(static_cast<unsigned char>(h[1])))
              r.fail("expected a handle rN (the result of call N)");
            size_t call = std::stoul(h.substr(1));
            int entry = live_entry_of(lowering.ledger(), lowering.slot_kind(c.fn, k), call);
            if (entry < 0) r.fail(h + " is not a live " + s.handle_key + " at this point");
            const int selector = lowering.ledger().selector_of(entry, s.made_by);
            if (selector < 0) r.fail(h + " was not made by a function its made_by names");
            a.bits = static_cast<uint64_t>(selector);
            break;
          }
        }
      }
      r.set_context("");
      c.args.push_back(a);
    }
    if (!r.accept(')'))
      r.fail("expected ')' to end the call to " + name + " (it takes " + arity + "), found " + r.found());
    r.accept(';');
    if (!r.at_end()) r.fail("expected the end of the line after the call, found " + r.found());
    size_t index = p.calls.size();
    lowering.lower(c, index, lowered);
    if (lowered.made()) lowering.record(lowered, assumed_outcome(f, c));
    p.calls.push_back(std::move(c));
    if (p.calls.size() > kMaxCalls) throw InputError(source + ": more than " + std::to_string(kMaxCalls) + " calls");
  }
  normalize(plan, api, p);
  return p;
}

bool looks_like_text(const std::string& bytes) { return bytes.rfind(kHeaderLine, 0) == 0; }

}  // namespace ffifuzz::program
