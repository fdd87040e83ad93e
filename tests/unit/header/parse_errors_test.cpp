// A header that cannot be read or parsed is an InputError whose one line names the file;
// clang's diagnostics go to stderr first.
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

TEST(ParseErrors, SyntaxErrorNamesFileAndLine) {
  ParseOptions o;
  o.headers = {fixture("broken.h")};
  testing::internal::CaptureStderr();
  std::string e = error_of(o);
  std::string diagnostics = testing::internal::GetCapturedStderr();
  EXPECT_NE(e.find("broken.h"), std::string::npos) << e;
  EXPECT_NE(e.find("does not parse"), std::string::npos) << e;
  EXPECT_EQ(e.find('\n'), std::string::npos) << "one line: " << e;
  EXPECT_NE(diagnostics.find("broken.h:4:"), std::string::npos) << diagnostics;
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

}  // namespace
}  // namespace ffifuzz::header::test
