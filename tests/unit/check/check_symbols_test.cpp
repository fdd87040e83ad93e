#include <gtest/gtest.h>

#include "check/check.h"
#include "model_builder.h"

namespace ffifuzz::check {
namespace {

using test::ApiBuilder;
using test::symbol;

TEST(CheckSymbols, ExportedFunctionIsClean) {
  ApiBuilder b;
  b.function("make_thing", b.void_type());
  model::BinaryFacts facts;
  facts.exports.push_back(symbol("make_thing"));
  CheckResult r = run_checks(b.api, facts);
  EXPECT_TRUE(r.findings.empty());
}

TEST(CheckSymbols, RustFunctionWithoutNoMangleGetsTheHint) {
  ApiBuilder b;
  b.function("make_thing", b.void_type());
  model::BinaryFacts facts;
  facts.has_symtab = true;
  facts.locals.push_back(symbol("_ZN12rust_symbols10make_thing17h0123456789abcdefE", "rust_symbols::make_thing",
                                "make_thing"));
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.klass, "missing-symbol");
  EXPECT_EQ(f.function, "make_thing");
  EXPECT_EQ(f.location.file, "lib.h");
  EXPECT_NE(f.hint.find("exported only as `rust_symbols::make_thing`"), std::string::npos) << f.hint;
  EXPECT_NE(f.hint.find("#[no_mangle]"), std::string::npos);
}

TEST(CheckSymbols, StrippedLibraryHasNoNoMangleHint) {
  ApiBuilder b;
  b.function("make_thing", b.void_type());
  model::BinaryFacts facts;  // no symtab, no DWARF
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].klass, "missing-symbol");
  EXPECT_EQ(r.findings[0].hint.find("no_mangle"), std::string::npos);
  EXPECT_NE(r.findings[0].hint.find("stripped"), std::string::npos);
}

TEST(CheckSymbols, StaticCFunctionIsDefinedButNotExported) {
  ApiBuilder b;
  b.function("helper", b.void_type());
  model::BinaryFacts facts;
  facts.has_symtab = true;
  facts.locals.push_back(symbol("helper"));
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].message.find("not exported"), std::string::npos);
  EXPECT_NE(r.findings[0].hint.find("static"), std::string::npos);
}

TEST(CheckSymbols, UndeclaredExportsAreInformation) {
  ApiBuilder b;
  b.function("a", b.void_type());
  model::BinaryFacts facts;
  facts.exports = {symbol("a"), symbol("b"), symbol("_init")};
  CheckResult r = run_checks(b.api, facts);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.undeclared_exports, std::vector<std::string>{"b"});
}

TEST(CheckSymbols, NoDebugInfoSaysLayoutsWereNotChecked) {
  ApiBuilder b;
  b.function("a", b.void_type());
  model::BinaryFacts facts;
  facts.path = "libx.so";
  facts.exports = {symbol("a")};
  CheckResult r = run_checks(b.api, facts);
  EXPECT_FALSE(r.layouts_checked);
  EXPECT_NE(r.not_checked_reason.find("no debug info"), std::string::npos);
  EXPECT_NE(r.not_checked_reason.find("debug = true"), std::string::npos);
  EXPECT_NE(r.not_checked_reason.find("-g"), std::string::npos);
}

}  // namespace
}  // namespace ffifuzz::check
