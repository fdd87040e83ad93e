#include "header/parse_errors.h"

#include "header/clang_util.h"

namespace ffifuzz::header {
namespace {

struct Where {
  std::string file;
  unsigned line = 0, column = 0;
};

Where where_of(CXDiagnostic d) {
  Where w;
  CXFile file = nullptr;
  clang_getExpansionLocation(clang_getDiagnosticLocation(d), &file, &w.line, &w.column, nullptr);
  if (file) w.file = take(clang_getFileName(file));
  return w;
}

// Just past the last character that is not white space: where clang reports a declaration
// the file ended in the middle of.
Where end_of(const UserHeader& h) {
  Where w{h.shown, 1, 1};
  const size_t last = h.text.find_last_not_of(" \t\r\n\f\v");
  if (last == std::string::npos) return w;
  for (size_t i = 0; i <= last; ++i) {
    if (h.text[i] == '\n') ++w.line, w.column = 1;
    else ++w.column;
  }
  return w;
}

}  // namespace

HeaderErrors header_errors(CXTranslationUnit tu, const std::string& umbrella, const std::vector<UserHeader>& headers) {
  HeaderErrors out;
  std::string first_anywhere;
  const unsigned n = clang_getNumDiagnostics(tu);
  for (unsigned i = 0; i < n; ++i) {
    CXDiagnostic d = clang_getDiagnostic(tu, i);
    if (clang_getDiagnosticSeverity(d) < CXDiagnostic_Error) {
      clang_disposeDiagnostic(d);
      continue;
    }
    ++out.count;
    Where w = where_of(d);
    std::string message = take(clang_getDiagnosticSpelling(d));
    bool in_user_header = false;
    if (w.file == umbrella && w.line >= 1 && w.line <= headers.size()) {
      w = end_of(headers[w.line - 1]);
      in_user_header = true;
      // "to match this '('": the note says where the unfinished declaration began.
      CXDiagnosticSet notes = clang_getChildDiagnostics(d);
      for (unsigned k = 0; k < clang_getNumDiagnosticsInSet(notes); ++k) {
        CXDiagnostic note = clang_getDiagnosticInSet(notes, k);
        const Where at = where_of(note);
        message += " (" + take(clang_getDiagnosticSpelling(note)) + " at " + std::to_string(at.line) + ":" +
                   std::to_string(at.column) + ")";
        clang_disposeDiagnostic(note);
        break;
      }
    } else {
      for (const UserHeader& h : headers)
        if (w.file == h.absolute) w.file = h.shown, in_user_header = true;
    }
    const std::string line = (w.file.empty() ? "" : w.file + ":" + std::to_string(w.line) + ":" + std::to_string(w.column) + ": ") + message;
    if (first_anywhere.empty()) first_anywhere = line;
    if (in_user_header && out.first.empty()) out.first = line;
    clang_disposeDiagnostic(d);
  }
  if (out.first.empty()) out.first = first_anywhere;
  return out;
}

}  // namespace ffifuzz::header
