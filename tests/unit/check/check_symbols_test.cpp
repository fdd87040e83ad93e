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
  EXPECT_EQ(f.message,
            "not exported: the library has it only as the Rust function `rust_symbols::make_thing` under the "
            "mangled local symbol _ZN12rust_symbols10make_thing17h0123456789abcdefE");
  EXPECT_EQ(f.hint,
            "`rust_symbols::make_thing` lacks #[no_mangle]: mark it `#[no_mangle] pub extern \"C\" fn make_thing` "
            "(`#[unsafe(no_mangle)]` in edition 2024) so that it is exported as `make_thing`");
}

TEST(CheckSymbols, RustFunctionExportedUnderItsMangledNameIsSaidSo) {
  ApiBuilder b;
  b.function("make_thing", b.void_type());
  model::BinaryFacts facts;
  facts.has_symtab = true;
  facts.exports.push_back(symbol("_RNvCs1234_12rust_symbols10make_thing", "rust_symbols::make_thing", "make_thing"));
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].message,
            "exported only under its Rust-mangled name _RNvCs1234_12rust_symbols10make_thing "
            "(`rust_symbols::make_thing`), which a C caller cannot link or dlsym as `make_thing`");
  EXPECT_NE(r.findings[0].hint.find("#[no_mangle] pub extern \"C\" fn make_thing"), std::string::npos)
      << r.findings[0].hint;
}

// rustc leaves a function without #[no_mangle] that nothing calls out of a cdylib: no
// symbol, no debug info. The library being Rust is what tells the hint.
TEST(CheckSymbols, FunctionGoneFromARustLibraryGetsTheNoMangleHint) {
  for (int signal = 0; signal < 3; ++signal) {
    SCOPED_TRACE(signal);
    ApiBuilder b;
    b.function("make_thing", b.void_type());
    model::BinaryFacts facts;
    facts.has_symtab = true;
    if (signal == 0) facts.unit_languages = {model::SourceLanguage::Rust};
    if (signal == 1) facts.locals.push_back(symbol("_ZN4core3fmt5write17h0123456789abcdefE", "core::fmt::write", "write"));
    if (signal == 2) facts.built_by_rustc = true, facts.has_symtab = false;  // stripped: only .comment says rustc
    CheckResult r = run_checks(b.api, facts);
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].hint,
              "if the Rust crate defines `make_thing`, mark it `#[no_mangle] pub extern \"C\" fn make_thing` "
              "(`#[unsafe(no_mangle)]` in edition 2024) so that it is exported as `make_thing` (without it rustc "
              "mangles it and leaves it out of a cdylib when nothing calls it); otherwise remove it from the header");
  }
}

TEST(CheckSymbols, FunctionGoneFromACLibraryHasNoRustHint) {
  ApiBuilder b;
  b.function("make_thing", b.void_type());
  model::BinaryFacts facts;
  facts.has_symtab = facts.has_dwarf = true;
  facts.unit_languages = {model::SourceLanguage::C};
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].hint, "implement and export it, or remove it from the header");
}

TEST(CheckSymbols, CFunctionOnlyInDebugInfoGetsNoRustHint) {
  ApiBuilder b;
  b.function("helper", b.void_type());
  model::BinaryFacts facts;
  facts.has_symtab = facts.has_dwarf = true;
  model::BinaryFunction f;
  f.name = f.demangled = "helper";
  f.language = model::SourceLanguage::C;
  facts.functions.push_back(f);
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].hint.find("no_mangle"), std::string::npos) << r.findings[0].hint;
  EXPECT_NE(r.findings[0].hint.find("drop `static` and `inline`"), std::string::npos) << r.findings[0].hint;
}

// jansson.h defines json_incref and others `static inline`: the library never exports them.
TEST(CheckSymbols, StaticInlineHeaderFunctionIsNotLookedFor) {
  ApiBuilder b;
  b.function("json_incref", b.void_type()).header_static = true;
  b.function("json_object", b.void_type());
  model::BinaryFacts facts;
  facts.has_symtab = true;
  facts.exports = {symbol("json_object")};
  CheckResult r = run_checks(b.api, facts);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.header_defined, std::vector<std::string>{"json_incref"});
  EXPECT_EQ(r.functions_declared, 1u);
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

// md4c-html.h includes md4c.h: md_parse is libmd4c's, which libmd4c-html imports.
TEST(CheckSymbols, FunctionTheLibraryImportsIsNotMissing) {
  ApiBuilder b;
  b.function("md_parse", b.void_type());
  b.function("md_html", b.void_type());
  model::BinaryFacts facts;
  facts.has_symtab = true;
  facts.exports = {symbol("md_html")};
  facts.imports = {"md_parse", "malloc"};
  CheckResult r = run_checks(b.api, facts);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.imported, std::vector<std::string>{"md_parse"});
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

TEST(CheckSymbols, RustLibraryWithoutDebugInfoGetsTheCargoFixOnly) {
  ApiBuilder b;
  b.function("a", b.void_type());
  model::BinaryFacts facts;
  facts.path = "liby.so";
  facts.built_by_rustc = true;
  facts.exports = {symbol("a")};
  CheckResult r = run_checks(b.api, facts);
  EXPECT_EQ(r.not_checked_reason,
            "liby.so has no debug info (DWARF), so struct layouts and signatures were not checked: build it with "
            "`debug = true` in the Cargo profile (and without `strip`)");
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
