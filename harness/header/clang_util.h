// Small owners and helpers around libclang's C API, so that every CXString, index and
// translation unit is disposed exactly once (the tool runs under LSan).
#pragma once

#include <clang-c/Index.h>

#include <string>

#include "model/api_model.h"

namespace ffifuzz::header {

// Copies a CXString into a std::string and disposes it.
std::string take(CXString s);

struct IndexOwner {
  CXIndex index = nullptr;
  IndexOwner() : index(clang_createIndex(/*excludeDeclarationsFromPCH=*/0, /*displayDiagnostics=*/0)) {}
  ~IndexOwner() { clang_disposeIndex(index); }
  IndexOwner(const IndexOwner&) = delete;
  IndexOwner& operator=(const IndexOwner&) = delete;
};

struct TranslationUnitOwner {
  CXTranslationUnit tu = nullptr;
  TranslationUnitOwner() = default;
  ~TranslationUnitOwner() {
    if (tu) clang_disposeTranslationUnit(tu);
  }
  TranslationUnitOwner(const TranslationUnitOwner&) = delete;
  TranslationUnitOwner& operator=(const TranslationUnitOwner&) = delete;
};

// Where a cursor is, as the user sees it (macro expansions resolved to the expansion site).
model::SourceLoc location_of(CXCursor c);
// The file a cursor is in ("" for builtins).
std::string file_of(CXCursor c);
// Byte offsets [begin, end) of a cursor's extent within its file.
void extent_offsets(CXCursor c, unsigned& begin, unsigned& end);

}  // namespace ffifuzz::header
