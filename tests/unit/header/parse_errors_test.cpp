// A header that cannot be read or parsed is an InputError whose one line names the file
// (and, for a syntax error, the line and column of the first error in the user's headers).
#include "test_helpers.h"

namespace ffifuzz::header::test {
namespace {

std::string error_of(const ParseOptions& o) {
  try {
    parse_header(o);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(ParseErrors, MissingHeader) {
  ParseOptions o;
  o.headers = {fixture("does_not_exist.h")};
  std::string e = error_of(o);
  EXPECT_NE(e.find("does_not_exist.h"), std::string::npos) << e;
  EXPECT_NE(e.find("no such header"), std::string::npos) << e;
}

TEST(ParseErrors, DirectoryInsteadOfHeader) {
  ParseOptions o;
  o.headers = {fixture("include")};
  EXPECT_NE(error_of(o).find("directory"), std::string::npos);
}

TEST(ParseErrors, NoHeader) { EXPECT_NE(error_of(ParseOptions{}).find("no header"), std::string::npos); }

// One line, at the first error in the user's header, in clang's words; nothing else printed
// (issue 15: clang's diagnostics went to stderr first, 3-4 lines in all).
TEST(ParseErrors, SyntaxErrorNamesFileLineAndColumn) {
  ParseOptions o;
  o.headers = {fixture("broken.h")};
  testing::internal::CaptureStderr();
  std::string e = error_of(o);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(e, fixture("broken.h") + ":4:18: expected ')'; the header does not parse as c: fix it or pass -I/-D/--include");
}

// A header that ends inside a declaration: clang reports it in the generated umbrella file
// ("ffifuzz-umbrella.h:1:31"); the user is told the end of their own header instead, and
// where the unfinished declaration began.
TEST(ParseErrors, HeaderEndingInsideADeclarationIsReportedAtItsEnd) {
  ParseOptions o;
  o.headers = {fixture("constructs.h"), fixture("unfinished.h")};  // the second header: the umbrella's line 2
  const std::string e = error_of(o);
  EXPECT_EQ(e.find("umbrella"), std::string::npos) << e;
  EXPECT_EQ(e.rfind(fixture("unfinished.h") + ":3:28: expected ')' (to match this '(' at 3:15); the header does not "
                                               "parse as c",
                    0),
            0u)
      << e;
}

TEST(ParseErrors, UnknownLanguage) {
  ParseOptions o;
  o.headers = {fixture("broken.h")};
  o.lang = "rust";
  EXPECT_NE(error_of(o).find("unknown language"), std::string::npos);
}

TEST(ParseErrors, BadDocTagNamesFileLineAndWord) {
  ParseOptions o;
  o.headers = {fixture("bad_doc_tag.h")};
  std::string e = error_of(o);
  EXPECT_NE(e.find("bad_doc_tag.h:1"), std::string::npos) << e;
  EXPECT_NE(e.find("'missing'"), std::string::npos) << e;
}

// A tag naming a function the header does not declare is an error at the tag, as in a
// contract file; before, the misspelt releaser was taken as written and widget_new skipped.
TEST(ParseErrors, DocTagNamingAnUndeclaredFunction) {
  ParseOptions o;
  o.headers = {fixture("bad_doc_ref.h")};
  EXPECT_EQ(error_of(o), fixture("bad_doc_ref.h") +
                             ":1: ffifuzz doc tag: function 'widget_fre' is not declared in the header (see docs/contracts.md)");
}

}  // namespace
}  // namespace ffifuzz::header::test
