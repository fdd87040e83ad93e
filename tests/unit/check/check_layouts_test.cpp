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
  facts.records.push_back(library_record(
      "Packet", model::SourceLanguage::Rust, 8, 4,
      {{"kind", "u8", 32, 1, 0, 1}, {"len", "u32", 0, 4, 0, 4}, {"flags", "u8", 40, 1, 0, 1}}));
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].message.find("size 12 bytes in the header, 8 bytes in the library"), std::string::npos);
  EXPECT_NE(r.findings[0].message.find("field `kind` moved from offset 0 (header) to 4 (library)"), std::string::npos);
  EXPECT_EQ(r.findings[0].hint,
            "add #[repr(C)] to the Rust struct `mycrate::Packet`: without it rustc reorders fields (in the library: "
            "len, kind, flags), so the C header's layout does not hold");
}

// The library's struct is #[repr(C)] (its own fields sit where C puts them), the header
// lists them in an older order: the header is stale, #[repr(C)] is not what is missing.
TEST(CheckLayouts, ReprCRustStructBehindAStaleHeaderSaysRegenerateTheHeader) {
  ApiBuilder b;
  auto u32 = b.integer("uint32_t", 4);
  auto f32 = b.integer("float", 4);
  auto settings = b.record("Settings", {{"count", u32}, {"ratio", f32}});
  b.function("settings_count", u32, {{"s", b.pointer_to(settings)}});
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("settings_count")};
  facts.records.push_back(library_record("Settings", model::SourceLanguage::Rust, 8, 4,
                                         {{"ratio", "f32", 0, 4, 0, 4}, {"count", "u32", 32, 4, 0, 4}}));
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].hint,
            "`mycrate::Settings` already has the C layout in the library (it is #[repr(C)]), so the header is "
            "stale: regenerate it with cbindgen, or declare the fields in the library's order: ratio, count");
}

TEST(CheckLayouts, ReprCRustStructWithAWiderFieldNamesTheField) {
  ApiBuilder b;
  auto u32 = b.integer("uint32_t", 4);
  auto settings = b.record("Settings", {{"count", u32}, {"limit", u32}});
  b.function("settings_count", u32, {{"s", b.pointer_to(settings)}});
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("settings_count")};
  facts.records.push_back(library_record("Settings", model::SourceLanguage::Rust, 16, 8,
                                         {{"count", "u32", 0, 4, 0, 4}, {"limit", "u64", 64, 8, 0, 8}}));
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].hint.find("is #[repr(C)]), so the header is stale"), std::string::npos) << r.findings[0].hint;
  EXPECT_NE(r.findings[0].hint.find("give field `limit` the library's type, u64"), std::string::npos)
      << r.findings[0].hint;
}

TEST(CheckLayouts, PackedRustStructIsSaidToBePacked) {
  ApiBuilder b;
  auto u8 = b.integer("uint8_t", 1);
  auto u32 = b.integer("uint32_t", 4);
  auto wire = b.record("Wire", {{"kind", u8}, {"len", u32}});
  b.function("wire_len", u32, {{"w", b.pointer_to(wire)}});
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("wire_len")};
  facts.records.push_back(library_record("Wire", model::SourceLanguage::Rust, 5, 1,
                                         {{"kind", "u8", 0, 1, 0, 1}, {"len", "u32", 8, 4, 0, 4}}));
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].hint.find("`mycrate::Wire` is packed in the library (field `len` at offset 1 is not aligned "
                                    "to its 4 bytes)"),
            std::string::npos)
      << r.findings[0].hint;
  EXPECT_EQ(r.findings[0].hint.find("stale"), std::string::npos) << r.findings[0].hint;
}

// glibc's fd_set: `__fds_bits` or `fds_bits` depending on feature-test macros, one layout.
model::TypeId fd_set_type(ApiBuilder& b, const std::string& field) {
  auto mask = b.integer("__fd_mask", 8);
  model::Type array;
  array.kind = model::TypeKind::Array;
  array.name = "__fd_mask[16]";
  array.element = mask;
  array.count = 16;
  array.size = 128;
  array.align = 8;
  auto bits = b.add(array);
  model::Type t;
  t.kind = model::TypeKind::Struct;
  t.name = "struct (anonymous at select.h:59)";
  t.typedef_chain = {"fd_set"};
  t.complete = true;
  t.decl = {"/usr/include/x86_64-linux-gnu/sys/select.h", 59};
  t.size = 128;
  t.align = 8;
  t.fields.push_back({field, bits, 0, 0});
  return b.add(t);
}

TEST(CheckLayouts, ReservedSpellingOfAFieldNameIsTheSameField) {
  ApiBuilder b;
  auto fds = fd_set_type(b, "__fds_bits");
  b.function("ares_fds", b.integer("int", 4), {{"read_fds", b.pointer_to(fds)}});
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("ares_fds")};
  facts.records.push_back(
      library_record("fd_set", model::SourceLanguage::C, 128, 8, {{"fds_bits", "__fd_mask[16]", 0, 128, 0, 8}}));
  CheckResult r = run_checks(b.api, facts);
  EXPECT_TRUE(r.findings.empty()) << r.findings[0].message;
  EXPECT_EQ(r.records_compared, 1u);
}

TEST(CheckLayouts, ReservedSpellingWithAnotherLayoutIsStillReportedWithTheMacroHint) {
  ApiBuilder b;
  auto fds = fd_set_type(b, "__fds_bits");
  b.function("ares_fds", b.integer("int", 4), {{"read_fds", b.pointer_to(fds)}});
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("ares_fds")};
  facts.records.push_back(
      library_record("fd_set", model::SourceLanguage::C, 256, 8, {{"fds_bits", "__fd_mask[32]", 0, 256, 0, 8}}));
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].subject, "fd_set");
  EXPECT_EQ(r.findings[0].message,
            "differs from the library's `fd_set` (C): size 128 bytes in the header, 256 bytes in the library; field "
            "`__fds_bits` is __fd_mask[16] (128 bytes) in the header, __fd_mask[32] (256 bytes) in the library");
  EXPECT_EQ(r.findings[0].hint,
            "fd_set comes from a system header (/usr/include/x86_64-linux-gnu/sys/select.h:59), whose definition "
            "depends on the macros it is read with: read the header with the -D options the library was built with "
            "(e.g. -D_GNU_SOURCE, -D_FILE_OFFSET_BITS=64)");
}

TEST(CheckLayouts, RenamedFieldIsStillReported) {
  ApiBuilder b;
  auto fds = fd_set_type(b, "fds_words");
  b.function("ares_fds", b.integer("int", 4), {{"read_fds", b.pointer_to(fds)}});
  model::BinaryFacts facts;
  facts.has_dwarf = true;
  facts.exports = {symbol("ares_fds")};
  facts.records.push_back(
      library_record("fd_set", model::SourceLanguage::C, 128, 8, {{"fds_bits", "__fd_mask[16]", 0, 128, 0, 8}}));
  CheckResult r = run_checks(b.api, facts);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].message.find("field `fds_words` (__fd_mask[16] at offset 0) is not in the library's "
                                       "definition; field `fds_bits` (__fd_mask[16] at offset 0) is in the library "
                                       "but not in the header"),
            std::string::npos)
      << r.findings[0].message;
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
