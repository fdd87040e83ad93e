#include "header/declarations.h"

#include <algorithm>
#include <set>

#include "header/clang_util.h"
#include "header/doc_tags.h"
#include "header/header_attributes.h"
#include "header/type_translator.h"
#include "model/error.h"

namespace ffifuzz::header {
namespace {

using model::TypeId;
using model::TypeKind;

// Why the harness cannot pass or receive a value of this type by value; empty if it can.
std::string by_value_problem(const model::ApiModel& m, TypeId id, int depth = 0) {
  if (id == model::kNoType || depth > 32) return "";
  const model::Type& t = m.type(id);
  switch (t.kind) {
    case TypeKind::Unsupported: return t.unsupported_reason;
    case TypeKind::LongDouble: return "long double";
    case TypeKind::Array: return by_value_problem(m, t.element, depth + 1);
    case TypeKind::Struct:
    case TypeKind::Union:
      if (!t.complete) return "incomplete " + t.name;
      for (const model::Field& f : t.fields)
        if (std::string p = by_value_problem(m, f.type, depth + 1); !p.empty()) return p + " inside " + t.name;
      return "";
    default: return "";
  }
}

uint64_t pointer_bytes(CXTranslationUnit tu) {
  CXTargetInfo info = clang_getTranslationUnitTargetInfo(tu);
  int bits = clang_TargetInfo_getPointerWidth(info);
  clang_TargetInfo_dispose(info);
  return bits > 0 ? static_cast<uint64_t>(bits) / 8 : sizeof(void*);
}

class Collector {
 public:
  Collector(CXTranslationUnit tu, const ParseOptions& options, const SourceTexts& texts, ParsedHeader& out)
      : tu_(tu), options_(options), texts_(texts), out_(out), types_(out.model, pointer_bytes(tu)) {}

  void run() {
    visit(clang_getTranslationUnitCursor(tu_));
    types_.finish();
    if (!types_.layout_error().empty())
      throw InputError(options_.headers.front() + ": " + types_.layout_error() +
                       "; the header does not compile as " + options_.lang +
                       " (check -I/-D/--include/--target)");
  }

 private:
  bool in_user_header(CXCursor c) {
    CXSourceLocation loc = clang_getCursorLocation(c);
    if (clang_Location_isInSystemHeader(loc)) return false;
    std::string file = file_of(c);
    if (file.empty() || file == "ffifuzz-umbrella.h") return false;
    if (seen_files_.insert(file).second &&
        std::find(out_.model.headers.begin(), out_.model.headers.end(), file) == out_.model.headers.end())
      out_.model.headers.push_back(file);
    return true;
  }

  void visit(CXCursor parent) {
    clang_visitChildren(
        parent,
        [](CXCursor c, CXCursor, CXClientData data) {
          static_cast<Collector*>(data)->on_cursor(c);
          return CXChildVisit_Continue;
        },
        this);
  }

  void on_cursor(CXCursor c) {
    switch (clang_getCursorKind(c)) {
      case CXCursor_LinkageSpec:
      case CXCursor_UnexposedDecl:  // libclang 14 reports extern "C" { ... } as this
      case CXCursor_Namespace:
        visit(c);
        return;
      case CXCursor_FunctionDecl:
        if (in_user_header(c)) on_function(c);
        return;
      case CXCursor_StructDecl:
      case CXCursor_UnionDecl:
      case CXCursor_EnumDecl:
        // Named definitions and forward declarations (opaque handles) the header makes.
        if (in_user_header(c) && !clang_Cursor_isAnonymous(c)) types_.translate_decl(c);
        return;
      case CXCursor_TypedefDecl:
        if (in_user_header(c)) types_.translate(clang_getCursorType(c));
        return;
      default:
        return;
    }
  }

  void on_function(CXCursor c) {
    std::string name = take(clang_getCursorSpelling(c));
    if (!function_names_.insert(name).second) return;  // a redeclaration: the first one counts

    model::Function fn;
    fn.name = name;
    fn.decl = location_of(c);
    fn.ret = types_.translate(clang_getCursorResultType(c));
    int n = clang_Cursor_getNumArguments(c);
    for (int i = 0; i < n; ++i) {
      CXCursor arg = clang_Cursor_getArgument(c, static_cast<unsigned>(i));
      model::Param p;
      p.name = take(clang_getCursorSpelling(arg));
      p.type = types_.translate_parameter(clang_getCursorType(arg));
      fn.params.push_back(std::move(p));
    }
    fn.variadic = clang_Cursor_isVariadic(c);
    fn.header_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
    fn.skip_reason = skip_reason(c, fn);

    model::FunctionContract attrs;
    read_header_attributes(c, extent_text(c), out_.model, fn, attrs);
    if (!attrs.params.empty() || attrs.ret.owned_by || attrs.ret.nullable || attrs.skip) out_.attributes.functions[name] = attrs;

    std::string comment = take(clang_Cursor_getRawCommentText(c));
    if (comment.find("ffifuzz:") != std::string::npos) {
      CXSourceRange r = clang_Cursor_getCommentRange(c);
      CXFile file = nullptr;
      unsigned line = 0;
      clang_getExpansionLocation(clang_getRangeStart(r), &file, &line, nullptr, nullptr);
      model::SourceLoc where{file ? take(clang_getFileName(file)) : fn.decl.file, line};
      model::FunctionContract tags;
      if (parse_doc_tags(comment, where, fn, tags) > 0) out_.doc_comments.functions[name] = std::move(tags);
    }
    if (std::optional<std::string> why = not_for_direct_calls(comment)) {
      model::FunctionContract& dc = out_.doc_comments.functions[name];
      if (!dc.skip)
        dc.skip = model::Decided<std::string>{
            *why, {model::ContractSource::DocComment, fn.decl.file + ":" + std::to_string(fn.decl.line)}};
    }
    out_.model.functions.push_back(std::move(fn));
  }

  std::optional<std::string> skip_reason(CXCursor c, const model::Function& fn) {
    if (fn.header_static) return "static in the header: not exported by the library";
    if (options_.lang == "c++") {
      std::string mangled = take(clang_Cursor_getMangling(c));
      if (!mangled.empty() && mangled != fn.name)
        return "C++ linkage (exported as " + mangled + "); declare it inside extern \"C\"";
    }
    if (fn.ret != model::kNoType && out_.model.type(fn.ret).kind != TypeKind::Void) {
      if (std::string p = by_value_problem(out_.model, fn.ret); !p.empty()) return "returns " + p + " by value";
    }
    for (size_t i = 0; i < fn.params.size(); ++i) {
      const model::Param& p = fn.params[i];
      std::string problem = by_value_problem(out_.model, p.type);
      if (problem.empty()) continue;
      std::string who = p.name.empty() ? "parameter " + std::to_string(i + 1) : "parameter '" + p.name + "'";
      if (problem == "va_list") return who + " is a va_list, which the harness cannot build";
      return who + " passes " + problem + " by value, which the harness cannot pass";
    }
    return std::nullopt;
  }

  // The original text of a declaration (attributes clang dropped are still in it).
  std::string extent_text(CXCursor c) {
    unsigned begin = 0, end = 0;
    extent_offsets(c, begin, end);
    std::string file = file_of(c);
    std::string_view text;
    if (auto it = texts_.find(file); it != texts_.end()) {
      text = it->second;
    } else {
      CXFile f = clang_getFile(tu_, file.c_str());
      size_t size = 0;
      const char* data = f ? clang_getFileContents(tu_, f, &size) : nullptr;
      if (data) text = std::string_view(data, size);
    }
    if (begin >= end || end > text.size()) return "";
    return std::string(text.substr(begin, end - begin));
  }

 private:
  CXTranslationUnit tu_;
  const ParseOptions& options_;
  const SourceTexts& texts_;
  ParsedHeader& out_;
  TypeTranslator types_;
  std::set<std::string> function_names_;
  std::set<std::string> seen_files_;
};

}  // namespace

void collect_declarations(CXTranslationUnit tu, const ParseOptions& options, const SourceTexts& texts,
                          ParsedHeader& out) {
  Collector(tu, options, texts, out).run();
}

}  // namespace ffifuzz::header
