// binary/ on real objects: the C fixture's layouts against what this compiler says
// (sizeof, offsetof, _Alignof), symbols, functions, a stripped copy, a Rust cdylib, and
// every kind of bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <fstream>

#include "binary/read_binary.h"
#include "layouts.h"
#include "model/error.h"

namespace ffifuzz::binary {
namespace {

using model::BinaryFacts;
using model::BinaryFunction;
using model::BinaryRecord;

const BinaryFacts& c_fixture() {
  static const BinaryFacts facts = read_binary(FIXTURE_LAYOUTS);
  return facts;
}

const BinaryRecord* record(const BinaryFacts& f, const std::string& name) {
  for (const BinaryRecord& r : f.records)
    if (r.name == name) return &r;
  return nullptr;
}

const BinaryFunction* function(const BinaryFacts& f, const std::string& name) {
  for (const BinaryFunction& fn : f.functions)
    if (fn.name == name && fn.has_code) return &fn;
  return nullptr;
}

const model::BinaryMember* member(const BinaryRecord& r, const std::string& name) {
  for (const model::BinaryMember& m : r.members)
    if (m.name == name) return &m;
  return nullptr;
}

bool has_symbol(const std::vector<model::BinarySymbol>& symbols, const std::string& name) {
  return std::any_of(symbols.begin(), symbols.end(), [&](const model::BinarySymbol& s) { return s.name == name; });
}

TEST(ReadBinary, ExportsAreDefinedVisibleFunctions) {
  const BinaryFacts& f = c_fixture();
  EXPECT_TRUE(has_symbol(f.exports, "fx_make_point"));
  EXPECT_TRUE(has_symbol(f.exports, "fx_sum"));
  EXPECT_FALSE(has_symbol(f.exports, "fx_hidden"));
  EXPECT_FALSE(has_symbol(f.exports, "fx_hidden_visibility"));
  EXPECT_TRUE(f.has_symtab);
  EXPECT_TRUE(has_symbol(f.locals, "fx_hidden"));
  EXPECT_TRUE(has_symbol(f.locals, "fx_hidden_visibility"));
}

TEST(ReadBinary, CompileUnitLanguageIsC) {
  const BinaryFacts& f = c_fixture();
  ASSERT_TRUE(f.has_dwarf);
  ASSERT_FALSE(f.unit_languages.empty());
  EXPECT_EQ(f.unit_languages.front(), model::SourceLanguage::C);
}

TEST(ReadBinary, StructLayoutIsTheCompilers) {
  const BinaryRecord* r = record(c_fixture(), "point");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->kind, model::RecordKind::Struct);
  EXPECT_EQ(r->size, sizeof(struct point));
  EXPECT_EQ(r->align, alignof(struct point));
  ASSERT_EQ(r->members.size(), 3u);
  EXPECT_EQ(r->members[0].name, "x");
  EXPECT_EQ(member(*r, "x")->offset_bits, offsetof(struct point, x) * 8);
  EXPECT_EQ(member(*r, "y")->offset_bits, offsetof(struct point, y) * 8);
  EXPECT_EQ(member(*r, "tag")->offset_bits, offsetof(struct point, tag) * 8);
  EXPECT_EQ(member(*r, "y")->size, sizeof(int64_t));
  EXPECT_EQ(member(*r, "y")->type_name, "int64_t");
  EXPECT_NE(r->decl_file.find("layouts.h"), std::string::npos);
  EXPECT_GT(r->decl_line, 0u);
}

TEST(ReadBinary, AnonymousStructIsNamedByItsTypedef) {
  const BinaryRecord* r = record(c_fixture(), "anon_t");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->size, sizeof(anon_t));
  EXPECT_EQ(r->align, alignof(anon_t));
  EXPECT_EQ(member(*r, "b")->offset_bits, offsetof(anon_t, b) * 8);
}

TEST(ReadBinary, UnionEnumBitfieldsAndPacked) {
  const BinaryFacts& f = c_fixture();
  const BinaryRecord* u = record(f, "value");
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->kind, model::RecordKind::Union);
  EXPECT_EQ(u->size, sizeof(union value));
  EXPECT_EQ(u->align, alignof(union value));
  EXPECT_EQ(member(*u, "bytes")->size, sizeof(((union value*)nullptr)->bytes));

  const BinaryRecord* e = record(f, "color");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, model::RecordKind::Enum);
  EXPECT_EQ(e->size, sizeof(enum color));

  const BinaryRecord* b = record(f, "bits");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->size, sizeof(struct bits));
  EXPECT_EQ(member(*b, "a")->bit_size, 3u);
  EXPECT_EQ(member(*b, "b")->bit_size, 5u);
  EXPECT_EQ(member(*b, "b")->offset_bits, 3u);
  EXPECT_EQ(member(*b, "c")->offset_bits, offsetof(struct bits, c) * 8);

  const BinaryRecord* p = record(f, "packed_rec");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->size, sizeof(struct packed_rec));
  EXPECT_EQ(p->align, alignof(struct packed_rec));
  EXPECT_EQ(member(*p, "i")->offset_bits, offsetof(struct packed_rec, i) * 8);
}

TEST(ReadBinary, FunctionsHaveParametersAndReturnKinds) {
  const BinaryFunction* sum = function(c_fixture(), "fx_sum");
  ASSERT_NE(sum, nullptr);
  EXPECT_EQ(sum->language, model::SourceLanguage::C);
  EXPECT_TRUE(sum->variadic);
  EXPECT_EQ(sum->ret.kind, model::ValueKind::Float);
  EXPECT_EQ(sum->ret.size, sizeof(double));
  ASSERT_EQ(sum->params.size(), 5u);
  EXPECT_EQ(sum->params[0].name, "v");
  EXPECT_EQ(sum->params[0].type.kind, model::ValueKind::Pointer);
  EXPECT_EQ(sum->params[1].type.kind, model::ValueKind::Aggregate);
  EXPECT_EQ(sum->params[1].type.size, sizeof(anon_t));
  EXPECT_EQ(sum->params[2].type.kind, model::ValueKind::Integer);
  EXPECT_EQ(sum->params[2].type.size, sizeof(enum color));

  const BinaryFunction* make = function(c_fixture(), "fx_make_point");
  ASSERT_NE(make, nullptr);
  EXPECT_FALSE(make->returns_void);
  EXPECT_EQ(make->ret.kind, model::ValueKind::Aggregate);
  EXPECT_EQ(make->ret.size, sizeof(struct point));
  ASSERT_EQ(make->params.size(), 2u);
  EXPECT_EQ(make->params[1].type.name, "int64_t");
  EXPECT_EQ(make->params[1].type.size, sizeof(int64_t));
}

TEST(ReadBinary, ImportsAndNeededLibraries) {
  const BinaryFacts& f = c_fixture();
  EXPECT_NE(std::find(f.imports.begin(), f.imports.end(), "__cxa_finalize"), f.imports.end());
  EXPECT_NE(std::find(f.needed.begin(), f.needed.end(), "libc.so.6"), f.needed.end());
  EXPECT_FALSE(f.built_by_rustc);
}

TEST(ReadBinary, MembersCarryTheirTypesAlignment) {
  const BinaryRecord* r = record(c_fixture(), "point");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(member(*r, "x")->align, alignof(int32_t));
  EXPECT_EQ(member(*r, "y")->align, alignof(int64_t));
  EXPECT_EQ(member(*r, "tag")->align, alignof(char));
  const BinaryRecord* u = record(c_fixture(), "value");
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(member(*u, "bytes")->align, alignof(char));  // an array: its element's
}

TEST(ReadBinary, StrippedLibraryHasExportsOnly) {
  const BinaryFacts f = read_binary(FIXTURE_STRIPPED);
  EXPECT_TRUE(has_symbol(f.exports, "fx_sum"));
  EXPECT_FALSE(f.has_symtab);
  EXPECT_FALSE(f.has_dwarf);
  EXPECT_TRUE(f.records.empty());
}

std::string input_error(const std::string& path) {
  try {
    read_binary(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ReadBinary, BadInputIsOneLineNamingTheFile) {
  const std::string missing = std::string(FFIFUZZ_BINARY_DIR) + "/no/such/lib.so";
  EXPECT_NE(input_error(missing).find("no such file"), std::string::npos);

  const std::string text = std::string(FFIFUZZ_BINARY_DIR) + "/binary_test_not_elf.txt";
  std::ofstream(text) << "GROUP ( libc.so.6 )\n";
  const std::string not_elf = input_error(text);
  EXPECT_NE(not_elf.find(text), std::string::npos);
  EXPECT_NE(not_elf.find("not an ELF file"), std::string::npos);

  const std::string arm = input_error(FIXTURE_AARCH64);
  EXPECT_NE(arm.find("aarch64"), std::string::npos) << arm;
  const std::string i386 = input_error(FIXTURE_I386);
  EXPECT_NE(i386.find("32-bit"), std::string::npos) << i386;
  for (const std::string& m : {not_elf, arm, i386}) EXPECT_EQ(m.find('\n'), std::string::npos);
}

// Rust: built by rustc in this build when it is installed.
class RustFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(FIXTURE_RUST).empty()) GTEST_SKIP() << "rustc not found at configure time";
  }
  static const BinaryFacts& facts() {
    static const BinaryFacts f = read_binary(FIXTURE_RUST);
    return f;
  }
};

// Line tables only (-Cdebuginfo=1, as OSS-Fuzz builds Rust): the functions are there, but
// nothing about their parameters is, so check must not compare them (they would all "take
// 0 parameters").
TEST_F(RustFixture, LineTablesOnlyFunctionsHaveNoKnownTypes) {
  const BinaryFacts lines = read_binary(FIXTURE_RUST_LINES);
  EXPECT_TRUE(lines.has_dwarf);
  const BinaryFunction* ordered = function(lines, "rf_ordered");
  ASSERT_NE(ordered, nullptr);
  EXPECT_FALSE(ordered->types_known);
  EXPECT_TRUE(ordered->params.empty());
  const BinaryFunction* full = function(facts(), "rf_ordered");
  ASSERT_NE(full, nullptr);
  EXPECT_TRUE(full->types_known);
  EXPECT_EQ(full->params.size(), 1u);
}

TEST_F(RustFixture, UnitsAreRustAndFieldsAreReordered) {
  const BinaryFacts& f = facts();
  EXPECT_NE(std::find(f.unit_languages.begin(), f.unit_languages.end(), model::SourceLanguage::Rust),
            f.unit_languages.end());
  const BinaryRecord* r = record(f, "Reordered");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->qualified_name, "rust_fixture::Reordered");
  EXPECT_EQ(r->language, model::SourceLanguage::Rust);
  EXPECT_TRUE(r->align_from_dwarf);
  // Declared a, b, c, d; rustc puts the u64 first: offsets do not increase in declaration order.
  EXPECT_GT(member(*r, "a")->offset_bits, member(*r, "d")->offset_bits);
  const BinaryRecord* o = record(f, "Ordered");
  ASSERT_NE(o, nullptr);
  EXPECT_LT(member(*o, "a")->offset_bits, member(*o, "b")->offset_bits);
}

TEST_F(RustFixture, ComesFromRustcAndMembersHaveTheirAlignment) {
  EXPECT_TRUE(facts().built_by_rustc);  // .comment: "rustc version ..."
  const BinaryRecord* r = record(facts(), "Reordered");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(member(*r, "a")->align, 1u);
  EXPECT_EQ(member(*r, "b")->align, 4u);
  EXPECT_EQ(member(*r, "d")->align, 8u);
}

TEST_F(RustFixture, RustTypesAreNamedWithTheirPath) {
  const BinaryFunction* name = function(facts(), "rf_name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->ret.qualified_name, "alloc::string::String");
  EXPECT_EQ(name->ret.kind, model::ValueKind::Aggregate);
  const BinaryFunction* opt = function(facts(), "rf_opt");
  ASSERT_NE(opt, nullptr);
  ASSERT_EQ(opt->params.size(), 2u);
  EXPECT_TRUE(opt->params[0].type.has_variant_part);
  EXPECT_EQ(opt->params[0].type.abi_kind, model::ValueKind::Pointer);  // None is NULL
  EXPECT_EQ(opt->params[1].type.kind, model::ValueKind::Pointer);
}

TEST_F(RustFixture, UnexportedFunctionDemanglesToItsPath) {
  const BinaryFacts& f = facts();
  EXPECT_FALSE(has_symbol(f.exports, "rf_unexported"));
  const auto it = std::find_if(f.locals.begin(), f.locals.end(),
                               [](const model::BinarySymbol& s) { return s.short_name == "rf_unexported"; });
  ASSERT_NE(it, f.locals.end());
  EXPECT_EQ(it->demangled, "rust_fixture::rf_unexported");
  EXPECT_NE(it->name, it->demangled);
}

}  // namespace
}  // namespace ffifuzz::binary
