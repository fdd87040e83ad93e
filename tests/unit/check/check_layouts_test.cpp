#include <gtest/gtest.h>

#include "check/check.h"
#include "model_builder.h"

namespace ffifuzz::check {
namespace {

using test::ApiBuilder;
using test::symbol;

model::BinaryRecord library_record(const std::string& name, model::SourceLanguage lang, uint64_t size, uint64_t align,
                                   std::vector<model::BinaryMember> members) {
  model::BinaryRecord r;
  r.name = name;
  r.qualified_name = lang == model::SourceLanguage::Rust ? "mycrate::" + name : name;
  r.language = lang;
  r.size = size;
  r.align = align;
  r.align_from_dwarf = lang == model::SourceLanguage::Rust;
  r.members = std::move(members);
  return r;
}

struct ConfigApi {
  ApiBuilder b;
  model::TypeId config;
  ConfigApi() {
    auto i32 = b.integer("int32_t", 4);
    auto u64 = b.integer("uint64_t", 8);
    config = b.record("config", {{"id", i32}, {"flags", i32}, {"size", u64}});
    b.function("config_free", b.void_type(), {{"c", b.pointer_to(config)}});
  }
};

TEST(CheckLayouts, SameLayoutIsClean) {
  ConfigApi a;
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("config_free")};
  facts.records.push_back(library_record("config", model::SourceLanguage::C, 16, 8,
                                         {{"id", "int32_t", 0, 4, 0}, {"flags", "int32_t", 32, 4, 0},
                                          {"size", "uint64_t", 64, 8, 0}}));
  CheckResult r = run_checks(a.b.api, facts);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.records_compared, 1u);
}

TEST(CheckLayouts, WidenedFieldNamesBothTypesSizesAndOffsets) {
  ConfigApi a;
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("config_free")};
  facts.records.push_back(library_record("config", model::SourceLanguage::C, 24, 8,
                                         {{"id", "int32_t", 0, 4, 0}, {"flags", "int64_t", 64, 8, 0},
                                          {"size", "uint64_t", 128, 8, 0}}));
  CheckResult r = run_checks(a.b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.klass, "layout-mismatch");
  EXPECT_EQ(f.subject, "struct config");
  EXPECT_EQ(f.function, "config_free");
  EXPECT_NE(f.message.find("size 16 bytes in the header, 24 bytes in the library"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("field `flags` is int32_t (4 bytes) in the header, int64_t (8 bytes) in the library"),
            std::string::npos)
      << f.message;
  EXPECT_NE(f.message.find("moved from offset 4 (header) to 8 (library)"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("field `size` moved from offset 8 (header) to 16 (library)"), std::string::npos);
  EXPECT_EQ(f.hint.find("repr(C)"), std::string::npos);
}

TEST(CheckLayouts, ReorderedRustStructGetsReprCHint) {
  ApiBuilder b;
  auto u8 = b.integer("uint8_t", 1);
  auto u32 = b.integer("uint32_t", 4);
  auto packet = b.record("Packet", {{"kind", u8}, {"len", u32}, {"flags", u8}});
  b.function("packet_new", b.pointer_to(packet));
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("packet_new")};
  facts.records.push_back(library_record("Packet", model::SourceLanguage::Rust, 8, 4,
                                         {{"kind", "u8", 32, 1, 0}, {"len", "u32", 0, 4, 0}, {"flags", "u8", 40, 1, 0}}));
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].message.find("size 12 bytes in the header, 8 bytes in the library"), std::string::npos);
  EXPECT_NE(r.findings[0].message.find("field `kind` moved from offset 0 (header) to 4 (library)"), std::string::npos);
  EXPECT_NE(r.findings[0].hint.find("add #[repr(C)] to the Rust struct `mycrate::Packet`"), std::string::npos)
      << r.findings[0].hint;
}

TEST(CheckLayouts, StdTypeOfTheSameNameIsNotTheCrates) {
  ApiBuilder b;
  auto u32 = b.integer("uint32_t", 4);
  auto layout = b.record("Layout", {{"size", u32}});
  b.function("f", b.pointer_to(layout));
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("f")};
  auto std_layout = library_record("Layout", model::SourceLanguage::Rust, 16, 8, {{"size", "usize", 0, 8, 0}});
  std_layout.qualified_name = "core::alloc::layout::Layout";
  facts.records.push_back(std_layout);
  facts.records.push_back(library_record("Layout", model::SourceLanguage::Rust, 4, 4, {{"size", "u32", 0, 4, 0}}));
  EXPECT_TRUE(run_checks(b.api, facts).findings.empty());
}

}  // namespace
}  // namespace ffifuzz::check
