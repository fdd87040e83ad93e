#include "header/header_attributes.h"

#include <charconv>
#include <string>

#include "header/attribute_text.h"
#include "header/clang_util.h"

namespace ffifuzz::header {
namespace {

using model::Decided;
using model::Origin;

Origin attribute_origin(const std::string& text) {
  return Origin{model::ContractSource::HeaderAttribute, text};
}

std::string spell(const AttributeText& a) {
  std::string s = "__attribute__((" + a.name;
  if (!a.args.empty()) {
    s += "(";
    for (size_t i = 0; i < a.args.size(); ++i) s += (i ? ", " : "") + a.args[i];
    s += ")";
  }
  return s + "))";
}

// A 1-based parameter index from attribute text, or 0.
size_t param_index(const std::string& s, size_t count) {
  size_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v == 0 || v > count) return 0;
  return v;
}

bool is_pointer(const model::ApiModel& m, model::TypeId t) {
  return t != model::kNoType && m.type(t).kind == model::TypeKind::Pointer;
}

// Bytes when the pointee has no size of its own (void) or is a single byte.
model::LenUnit unit_for(const model::ApiModel& m, model::TypeId ptr) {
  model::TypeId pointee = m.type(ptr).pointee;
  if (pointee == model::kNoType) return model::LenUnit::Bytes;
  const model::Type& t = m.type(pointee);
  return (t.kind == model::TypeKind::Void || t.size == 1) ? model::LenUnit::Bytes : model::LenUnit::Elements;
}

void apply(const AttributeText& a, const model::ApiModel& m, const model::Function& fn,
           model::FunctionContract& out) {
  const Origin origin = attribute_origin(spell(a));
  const size_t n = fn.params.size();
  auto param_name = [&](size_t one_based) -> std::string {
    const std::string& name = fn.params[one_based - 1].name;
    return name.empty() ? "#" + std::to_string(one_based) : name;
  };
  if (a.name == "noreturn") {
    // Its job is to end the process (sodium_misuse aborts): every call of it would be a finding.
    out.skip = Decided<std::string>{"never returns (noreturn): calling it ends the process", origin};
  } else if (a.name == "nonnull") {
    if (a.args.empty()) {
      for (size_t i = 1; i <= n; ++i)
        if (is_pointer(m, fn.params[i - 1].type)) out.params[param_name(i)].nullable = Decided<bool>{false, origin};
    }
    for (const std::string& arg : a.args)
      if (size_t i = param_index(arg, n)) out.params[param_name(i)].nullable = Decided<bool>{false, origin};
  } else if (a.name == "returns_nonnull") {
    out.ret.nullable = Decided<bool>{false, origin};
  } else if (a.name == "malloc" && !a.args.empty()) {
    out.ret.owned_by = Decided<std::string>{a.args[0], origin};
  } else if (a.name == "access" && a.args.size() >= 2) {
    size_t ptr = param_index(a.args[1], n);
    if (!ptr) return;
    model::ParamContract& p = out.params[param_name(ptr)];
    const std::string& mode = a.args[0];
    if (mode == "read_only") p.direction = Decided<model::Direction>{model::Direction::In, origin};
    else if (mode == "write_only") p.direction = Decided<model::Direction>{model::Direction::Out, origin};
    else if (mode == "read_write") p.direction = Decided<model::Direction>{model::Direction::InOut, origin};
    if (a.args.size() >= 3) {
      if (size_t len = param_index(a.args[2], n)) {
        p.len = Decided<model::LenSpec>{{param_name(len), unit_for(m, fn.params[ptr - 1].type)}, origin};
        out.params[param_name(len)].length_of = Decided<std::string>{param_name(ptr), origin};
      }
    }
  }
}

// `unsigned char k[32]` as a parameter: a pointer to (at least) 32 elements. The header states
// the size the library reads or writes, where no length parameter does.
void read_array_sizes(CXCursor decl, const model::Function& fn, model::FunctionContract& out) {
  int count = clang_Cursor_getNumArguments(decl);
  for (int i = 0; i < count && static_cast<size_t>(i) < fn.params.size(); ++i) {
    CXType t = clang_getCanonicalType(clang_getCursorType(clang_Cursor_getArgument(decl, static_cast<unsigned>(i))));
    if (t.kind != CXType_ConstantArray) continue;
    long long n = clang_getArraySize(t), unit = clang_Type_getSizeOf(clang_getArrayElementType(t));
    if (n <= 0 || unit <= 0) continue;
    const std::string& name = fn.params[static_cast<size_t>(i)].name;
    out.params[name.empty() ? "#" + std::to_string(i + 1) : name].size =
        Decided<uint64_t>{static_cast<uint64_t>(n * unit), attribute_origin("declared as an array of " + std::to_string(n))};
  }
}

void read_nullability(CXCursor decl, const model::Function& fn, model::FunctionContract& out) {
  int count = clang_Cursor_getNumArguments(decl);
  for (int i = 0; i < count && static_cast<size_t>(i) < fn.params.size(); ++i) {
    CXType t = clang_getCursorType(clang_Cursor_getArgument(decl, static_cast<unsigned>(i)));
    CXTypeNullabilityKind k = clang_Type_getNullability(t);
    const std::string& name = fn.params[static_cast<size_t>(i)].name;
    const std::string key = name.empty() ? "#" + std::to_string(i + 1) : name;
    if (k == CXTypeNullability_NonNull) out.params[key].nullable = Decided<bool>{false, attribute_origin("_Nonnull")};
    else if (k == CXTypeNullability_Nullable)
      out.params[key].nullable = Decided<bool>{true, attribute_origin("_Nullable")};
  }
  CXTypeNullabilityKind rk = clang_Type_getNullability(clang_getCursorResultType(decl));
  if (rk == CXTypeNullability_NonNull) out.ret.nullable = Decided<bool>{false, attribute_origin("_Nonnull")};
  else if (rk == CXTypeNullability_Nullable) out.ret.nullable = Decided<bool>{true, attribute_origin("_Nullable")};
}

}  // namespace

void read_header_attributes(CXCursor decl, std::string_view source_text, const model::ApiModel& m,
                            const model::Function& fn, model::FunctionContract& out) {
  read_nullability(decl, fn, out);
  read_array_sizes(decl, fn, out);
  // What clang understood (macros expanded) first, then what only the raw text shows.
  const std::string pretty = take(clang_getCursorPrettyPrinted(decl, nullptr));
  for (const AttributeText& a : scan_attributes(pretty)) apply(a, m, fn, out);
  if (source_text.find("_Noreturn") != std::string_view::npos || source_text.find("[[noreturn]]") != std::string_view::npos)
    apply(AttributeText{"noreturn", {}}, m, fn, out);
  for (const AttributeText& a : scan_attributes(source_text)) {
    // noreturn is part of the function's type: clang's pretty printer leaves it out.
    if (a.name == "malloc" || a.name == "access" || a.name == "noreturn") apply(a, m, fn, out);
  }
}

}  // namespace ffifuzz::header
