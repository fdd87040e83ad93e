#include "header/clang_util.h"

namespace ffifuzz::header {

std::string take(CXString s) {
  const char* c = clang_getCString(s);
  std::string out = c ? c : "";
  clang_disposeString(s);
  return out;
}

model::SourceLoc location_of(CXCursor c) {
  CXFile file = nullptr;
  unsigned line = 0, column = 0, offset = 0;
  clang_getExpansionLocation(clang_getCursorLocation(c), &file, &line, &column, &offset);
  model::SourceLoc loc;
  if (file) loc.file = take(clang_getFileName(file));
  loc.line = line;
  return loc;
}

std::string file_of(CXCursor c) { return location_of(c).file; }

void extent_offsets(CXCursor c, unsigned& begin, unsigned& end) {
  CXSourceRange r = clang_getCursorExtent(c);
  clang_getExpansionLocation(clang_getRangeStart(r), nullptr, nullptr, nullptr, &begin);
  clang_getExpansionLocation(clang_getRangeEnd(r), nullptr, nullptr, nullptr, &end);
}

}  // namespace ffifuzz::header
