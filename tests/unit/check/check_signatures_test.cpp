#include <gtest/gtest.h>

#include "check/check.h"
#include "model_builder.h"

namespace ffifuzz::check {
namespace {

using test::ApiBuilder;
using test::scalar;
using test::symbol;

model::BinaryFunction rust_fn(const std::string& name, model::BinaryType ret, std::vector<model::BinaryParam> params) {
  model::BinaryFunction f;
  f.name = f.demangled = name;
  f.language = model::SourceLanguage::Rust;
  f.has_code = true;
  f.returns_void = ret.kind == model::ValueKind::Void;
  f.ret = std::move(ret);
  f.params = std::move(params);
  return f;
}

TEST(CheckSignatures, StringReturnIsFfiUnsafe) {
  ApiBuilder b;
  auto c = b.integer("char", 1);
  b.function("greeting", b.pointer_to(c));
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("greeting")};
  model::BinaryType string = scalar("String", model::ValueKind::Aggregate, 24);
  string.qualified_name = "alloc::string::String";
  facts.functions.push_back(rust_fn("greeting", string, {}));
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].klass, "ffi-unsafe-type");
  EXPECT_NE(r.findings[0].message.find("alloc::string::String"), std::string::npos);
  EXPECT_NE(r.findings[0].hint.find("CString::into_raw"), std::string::npos);
}

// A Rust library's header comes from cbindgen: a drifted prototype is a stale header.
TEST(CheckSignatures, RustParameterDriftSaysRegenerateTheHeader) {
  ApiBuilder b;
  auto i32 = b.integer("int32_t", 4);
  b.function("scale", i32, {{"x", i32}});
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("scale")};
  facts.functions.push_back(
      rust_fn("scale", scalar("i32", model::ValueKind::Integer, 4), {{"x", scalar("i64", model::ValueKind::Integer, 8)}}));
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].hint,
            "declare the parameter with the definition's type in the header (or change the definition); in a Rust "
            "library, regenerate the header with cbindgen");
}

TEST(CheckSignatures, OptionOfReferenceIsANullablePointer) {
  ApiBuilder b;
  auto u8 = b.integer("uint8_t", 1);
  auto i32 = b.integer("int32_t", 4);
  b.function("peek", i32, {{"p", b.pointer_to(u8)}});
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("peek")};
  model::BinaryType opt = scalar("Option<&u8>", model::ValueKind::Aggregate, 8);
  opt.qualified_name = "core::option::Option<&u8>";
  opt.has_variant_part = true;
  opt.abi_kind = model::ValueKind::Pointer;
  facts.functions.push_back(rust_fn("peek", scalar("i32", model::ValueKind::Integer, 4), {{"p", opt}}));
  EXPECT_TRUE(run_checks(b.api, facts).findings.empty());
}

TEST(CheckSignatures, UnsafeRustParameters) {
  ApiBuilder b;
  auto u8 = b.integer("uint8_t", 1);
  b.function("take", b.void_type(), {{"s", b.pointer_to(u8)}, {"c", b.integer("uint32_t", 4)}});
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("take")};
  model::BinaryType str = scalar("&str", model::ValueKind::Aggregate, 16);
  model::BinaryType ch = scalar("char", model::ValueKind::Integer, 4);
  ch.is_utf_char = true;
  facts.functions.push_back(rust_fn("take", scalar("void", model::ValueKind::Void, 0), {{"s", str}, {"c", ch}}));
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_NE(r.findings[0].message.find("`&str`"), std::string::npos);
  EXPECT_NE(r.findings[1].message.find("`char`"), std::string::npos);
}

TEST(CheckSignatures, WidthAndCountDifferences) {
  ApiBuilder b;
  auto i32 = b.integer("int32_t", 4);
  b.function("set", b.void_type(), {{"flags", i32}});
  b.function("two", b.void_type(), {{"a", i32}});
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("set"), symbol("two")};
  model::BinaryFunction set;
  set.name = set.demangled = "set";
  set.language = model::SourceLanguage::C;
  set.has_code = true;
  set.ret = scalar("void", model::ValueKind::Void, 0);
  set.params = {{"flags", scalar("int64_t", model::ValueKind::Integer, 8)}};
  model::BinaryFunction two = set;
  two.name = two.demangled = "two";
  two.params = {{"a", scalar("int", model::ValueKind::Integer, 4)}, {"b", scalar("int", model::ValueKind::Integer, 4)}};
  facts.functions = {set, two};
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].klass, "signature-mismatch");
  EXPECT_NE(r.findings[0].message.find("int32_t (integer, 4 bytes) in the header, int64_t (integer, 8 bytes) in the library"),
            std::string::npos)
      << r.findings[0].message;
  EXPECT_NE(r.findings[1].message.find("declares 1 parameter(s), the library's definition takes 2"), std::string::npos);
}

}  // namespace
}  // namespace ffifuzz::check
