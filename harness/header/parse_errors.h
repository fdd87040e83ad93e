// header/parse_errors: clang's errors for headers that do not parse, as the one line a person
// can act on: the first error in their own headers, at its file:line:col, in clang's words.
// clang parses a generated umbrella file that includes the user's headers (parse_header.cpp);
// an error clang places in it (a header ending inside a declaration: "expected ')'") is moved
// to the end of the header that the umbrella's line includes, where clang would have put it
// had the header been the file it was given.
#pragma once

#include <clang-c/Index.h>

#include <string>
#include <vector>

namespace ffifuzz::header {

struct UserHeader {
  std::string absolute;  // the path clang knows it by
  std::string shown;     // the path as the user gave it
  std::string text;      // its contents (same lines and columns as what clang read)
};

struct HeaderErrors {
  std::string first;  // "foo.h:3:26: expected ')' (to match this '(' at 3:12)"; empty: none
  size_t count = 0;   // errors in all
};

// `umbrella`: the name of the generated main file; its line N includes headers[N - 1].
HeaderErrors header_errors(CXTranslationUnit tu, const std::string& umbrella, const std::vector<UserHeader>& headers);

}  // namespace ffifuzz::header
