#include "header/parse_header.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "header/clang_util.h"
#include "header/declarations.h"
#include "header/doc_tags.h"
#include "header/neutralize.h"
#include "header/parse_errors.h"
#include "model/error.h"

#ifndef FFIFUZZ_HEADER_RESOURCE_DIR
#error "FFIFUZZ_HEADER_RESOURCE_DIR must name clang's resource dir (set by harness/header/CMakeLists.txt)"
#endif

namespace ffifuzz::header {
namespace {

namespace fs = std::filesystem;

// The file we hand clang as the main file: it includes each of the user's headers by
// absolute path, so that several headers parse as one unit and none of them counts as a
// system header.
constexpr const char* kUmbrella = "ffifuzz-umbrella.h";

std::string read_header(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw InputError(path + ": no such header; pass the library's public header with --header");
  if (fs::is_directory(path, ec)) throw InputError(path + ": is a directory, not a header; pass a .h file with --header");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the header (permissions?)");
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) throw InputError(path + ": cannot read the header (I/O error)");
  return s.str();
}

std::vector<std::string> clang_arguments(const ParseOptions& o) {
  std::vector<std::string> args;
  if (o.lang == "c") {
    args.insert(args.end(), {"-x", "c", "-std=gnu17"});
  } else if (o.lang == "c++") {
    args.insert(args.end(), {"-x", "c++", "-std=gnu++17"});
  } else {
    throw InputError("--lang " + o.lang + ": unknown language; use c or c++");
  }
  // The builtin headers (<stddef.h>, <stdarg.h>, <stdbool.h>) live in clang's resource dir.
  args.insert(args.end(), {"-resource-dir", FFIFUZZ_HEADER_RESOURCE_DIR});
  // cbindgen's comment styles vary; attach ordinary comments too so `ffifuzz:` tags are seen.
  args.push_back("-fparse-all-comments");
  args.push_back("-Wno-unknown-attributes");
  if (!o.target.empty()) args.push_back("--target=" + o.target);
  for (const std::string& d : o.include_dirs) args.push_back("-I" + d);
  for (const std::string& d : o.defines) args.push_back("-D" + d);
  for (const std::string& f : o.pre_includes) {
    args.push_back("-include");
    args.push_back(f);
  }
  return args;
}

// An error clang reported: where, and its message.
struct ClangError {
  std::string file;
  unsigned line = 0;
  std::string message;
};

std::vector<ClangError> clang_errors(CXTranslationUnit tu) {
  std::vector<ClangError> errors;
  unsigned n = clang_getNumDiagnostics(tu);
  for (unsigned i = 0; i < n; ++i) {
    CXDiagnostic d = clang_getDiagnostic(tu, i);
    if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
      CXFile file = nullptr;
      ClangError e;
      clang_getExpansionLocation(clang_getDiagnosticLocation(d), &file, &e.line, nullptr, nullptr);
      if (file) e.file = take(clang_getFileName(file));
      e.message = take(clang_getDiagnosticSpelling(d));
      errors.push_back(std::move(e));
    }
    clang_disposeDiagnostic(d);
  }
  return errors;
}

}  // namespace

ParsedHeader parse_header(const ParseOptions& options) {
  if (options.headers.empty()) throw InputError("no header given; pass the library's public header with --header");

  SourceTexts originals;
  std::vector<std::string> neutralized;
  std::string umbrella;
  std::vector<std::string> absolute;
  for (const std::string& h : options.headers) {
    std::string text = read_header(h);
    std::string path = fs::absolute(h).lexically_normal().string();
    absolute.push_back(path);
    neutralized.push_back(neutralize_for_clang(text));
    originals.emplace(path, std::move(text));
    umbrella += "#include \"" + path + "\"\n";
  }

  std::vector<CXUnsavedFile> unsaved;
  unsaved.push_back(CXUnsavedFile{kUmbrella, umbrella.c_str(), static_cast<unsigned long>(umbrella.size())});
  for (size_t i = 0; i < absolute.size(); ++i)
    unsaved.push_back(CXUnsavedFile{absolute[i].c_str(), neutralized[i].c_str(),
                                    static_cast<unsigned long>(neutralized[i].size())});

  std::vector<std::string> args = clang_arguments(options);
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());

  IndexOwner index;
  TranslationUnitOwner unit;
  CXErrorCode rc = clang_parseTranslationUnit2(
      index.index, kUmbrella, argv.data(), static_cast<int>(argv.size()), unsaved.data(),
      static_cast<unsigned>(unsaved.size()),
      // Attributed types carry _Nonnull/_Nullable; without this flag libclang strips them.
      CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_IncludeAttributedTypes, &unit.tu);
  if (rc != CXError_Success || !unit.tu)
    throw InputError(options.headers.front() + ": libclang could not parse it (error " +
                     std::to_string(static_cast<int>(rc)) + "); check the -I/-D/--target options");

  std::vector<UserHeader> users;
  for (size_t i = 0; i < absolute.size(); ++i) users.push_back({absolute[i], options.headers[i], neutralized[i]});
  const HeaderErrors errors = header_errors(unit.tu, kUmbrella, users);
  if (errors.count)  // one line: the first error in the user's headers (header/parse_errors.h)
    throw InputError(errors.first + "; the header does not parse as " + options.lang +
                     (errors.count > 1 ? " (" + std::to_string(errors.count - 1) + " more error" + (errors.count > 2 ? "s" : "") + ")" : "") +
                     ": fix it or pass -I/-D/--include");

  ParsedHeader out;
  out.model.headers = absolute;
  collect_declarations(unit.tu, options, originals, out);
  check_doc_tag_references(out.model, out.doc_comments);
  return out;
}

namespace {

struct EvalState {
  std::vector<model::FixedValue>* values;
  std::vector<bool>* seen;
};

CXChildVisitResult visit_value(CXCursor c, CXCursor, CXClientData data) {
  auto* state = static_cast<EvalState*>(data);
  if (clang_getCursorKind(c) != CXCursor_VarDecl) return CXChildVisit_Continue;
  std::string name = take(clang_getCursorSpelling(c));
  const std::string prefix = "ffifuzz_value_";
  if (name.rfind(prefix, 0) != 0) return CXChildVisit_Continue;
  size_t i = std::stoul(name.substr(prefix.size()));
  if (i >= state->values->size()) return CXChildVisit_Continue;
  CXEvalResult r = clang_Cursor_Evaluate(c);
  if (!r) return CXChildVisit_Continue;
  model::FixedValue& v = (*state->values)[i];
  switch (clang_EvalResult_getKind(r)) {
    case CXEval_Int:
      v.integer = clang_EvalResult_isUnsignedInt(r) ? static_cast<int64_t>(clang_EvalResult_getAsUnsigned(r))
                                                    : clang_EvalResult_getAsLongLong(r);
      (*state->seen)[i] = true;
      break;
    case CXEval_StrLiteral:
      v.is_string = true;
      v.text = clang_EvalResult_getAsStr(r);
      (*state->seen)[i] = true;
      break;
    default:
      break;
  }
  clang_EvalResult_dispose(r);
  return CXChildVisit_Continue;
}

}  // namespace

std::vector<model::FixedValue> evaluate_expressions(const ParseOptions& options, const std::vector<std::string>& exprs,
                                                    const std::vector<std::string>& where) {
  std::vector<model::FixedValue> values(exprs.size());
  if (exprs.empty()) return values;
  std::string text;
  for (const std::string& h : options.headers) text += "#include \"" + fs::absolute(h).lexically_normal().string() + "\"\n";
  // One variable per expression: an array initializer keeps a string literal a literal.
  for (size_t i = 0; i < exprs.size(); ++i)
    text += "static const __auto_type ffifuzz_value_" + std::to_string(i) + " = " + exprs[i] + ";\n";
  CXUnsavedFile file{kUmbrella, text.c_str(), static_cast<unsigned long>(text.size())};
  std::vector<std::string> args = clang_arguments(options);
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  IndexOwner index;
  TranslationUnitOwner unit;
  CXErrorCode rc = clang_parseTranslationUnit2(index.index, kUmbrella, argv.data(), static_cast<int>(argv.size()), &file,
                                               1, CXTranslationUnit_SkipFunctionBodies, &unit.tu);
  if (rc != CXError_Success || !unit.tu) throw InputError("contract values: libclang could not parse the header");
  std::vector<bool> seen(exprs.size(), false);
  EvalState state{&values, &seen};
  clang_visitChildren(clang_getTranslationUnitCursor(unit.tu), visit_value, &state);
  const std::vector<ClangError> errors = clang_errors(unit.tu);
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (seen[i]) continue;
    // clang's word on the expression's own line of the generated file (its message alone: the
    // file is ffifuzz's, not the user's), else its first error anywhere.
    const unsigned line = static_cast<unsigned>(options.headers.size() + 1 + i);
    std::string why;
    for (const ClangError& e : errors)
      if (why.empty() && e.file == kUmbrella && e.line == line) why = e.message;
    if (why.empty() && !errors.empty())
      why = (errors.front().file == kUmbrella ? "" : errors.front().file + ":" + std::to_string(errors.front().line) + ": ") +
            errors.front().message;
    throw InputError((i < where.size() && !where[i].empty() ? where[i] + ": " : std::string()) + "contract value '" +
                     exprs[i] + "' is not a constant integer or string in the header's context" +
                     (why.empty() ? std::string() : " (" + why + ")"));
  }
  return values;
}

}  // namespace ffifuzz::header
