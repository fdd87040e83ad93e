// Every construct of fixtures/constructs.h lands in the model with the right kind, sign,
// width, constness, typedef chain and skip reason. Layout numbers are the probe test's job.
#include "test_helpers.h"

namespace ffifuzz::header::test {
namespace {

using model::TypeKind;

class Constructs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { parsed_ = new ParsedHeader(parse_fixture("constructs.h")); }
  static void TearDownTestSuite() { delete parsed_; }
  const model::ApiModel& m() const { return parsed_->model; }
  const model::Type& param_type(const std::string& fn, size_t i) const {
    return m().type(function(m(), fn).params.at(i).type);
  }
  static ParsedHeader* parsed_;
};
ParsedHeader* Constructs::parsed_ = nullptr;

TEST_F(Constructs, IntegersHaveWidthAndSign) {
  const char* names[] = {"int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t"};
  for (size_t i = 0; i < 8; ++i) {
    const model::Type& t = param_type("f_i8", i);
    EXPECT_EQ(t.kind, TypeKind::Int) << names[i];
    EXPECT_EQ(t.size, size_t{1} << (i / 2)) << names[i];
    EXPECT_EQ(t.is_signed, i % 2 == 0) << names[i];
    ASSERT_FALSE(t.typedef_chain.empty());
    EXPECT_EQ(t.typedef_chain.front(), names[i]);
  }
}

TEST_F(Constructs, BoolFloatDouble) {
  EXPECT_EQ(param_type("f_bool", 0).kind, TypeKind::Bool);
  EXPECT_EQ(param_type("f_float", 0).kind, TypeKind::Float);
  EXPECT_EQ(param_type("f_float", 0).size, sizeof(float));
  EXPECT_EQ(param_type("f_float", 1).size, sizeof(double));
}

TEST_F(Constructs, EnumsKeepValuesAndUnderlyingType) {
  const model::Type& color = record(m(), "enum color");
  EXPECT_EQ(color.kind, TypeKind::Enum);
  ASSERT_EQ(color.enumerators.size(), 3u);
  EXPECT_EQ(color.enumerators[1].name, "COLOR_GREEN");
  EXPECT_EQ(color.enumerators[1].value, 5);
  EXPECT_EQ(color.enumerators[2].value, 6);
  EXPECT_EQ(m().type(color.underlying).kind, TypeKind::Int);

  const model::Type& neg = record(m(), "enum negative");
  EXPECT_TRUE(neg.is_signed);
  EXPECT_EQ(neg.enumerators[0].value, -3);

  const model::Type& wide = record(m(), "enum wide");
  EXPECT_EQ(m().type(wide.underlying).size, 8u);
  EXPECT_EQ(wide.enumerators[0].value, int64_t{0x100000000});

  // An anonymous enum is found through its typedef.
  const model::Type& mode = record(m(), "mode_t_alias");
  EXPECT_EQ(mode.enumerators.size(), 2u);
  EXPECT_EQ(param_type("f_enum", 1).name, mode.name);
}

TEST_F(Constructs, PointersKeepConstness) {
  const model::Type& s = param_type("f_const_ptr", 0);  // const char *
  ASSERT_EQ(s.kind, TypeKind::Pointer);
  EXPECT_FALSE(s.is_const);
  EXPECT_TRUE(m().type(s.pointee).is_const);
  const model::Type& p = param_type("f_const_ptr", 1);  // char *const
  EXPECT_TRUE(p.is_const);
  EXPECT_FALSE(m().type(p.pointee).is_const);
  const model::Type& pp = param_type("f_const_ptr", 2);  // const int *const *
  const model::Type& inner = m().type(pp.pointee);
  EXPECT_TRUE(inner.is_const);
  EXPECT_EQ(inner.kind, TypeKind::Pointer);
  EXPECT_TRUE(m().type(inner.pointee).is_const);
  EXPECT_EQ(model::describe(m(), function(m(), "f_const_ptr").ret), "const char *");
}

TEST_F(Constructs, IncompleteStructIsAnOpaqueHandle) {
  const model::Type& h = record(m(), "struct opaque_handle");
  EXPECT_FALSE(h.complete);
  EXPECT_EQ(h.size, 0u);
  EXPECT_EQ(h.kind, TypeKind::Struct);
  // Reached through the typedef and through the struct tag: the same record.
  EXPECT_EQ(m().type(param_type("f_handle", 0).pointee).name, "struct opaque_handle");
  EXPECT_EQ(*m().find_type("opaque_handle"), *m().find_type("struct opaque_handle"));
}

// A contract's [types.mixed] means struct mixed: the bare tag, as a header's `typedef struct X
// {...} Y;` shows it (zstd's ZSTD_outBuffer_s).
TEST_F(Constructs, ARecordIsFoundByItsBareTag) {
  ASSERT_TRUE(m().find_type("mixed"));
  EXPECT_EQ(*m().find_type("mixed"), *m().find_type("struct mixed"));
  EXPECT_FALSE(m().find_type("no_such_record"));
}

TEST_F(Constructs, StructsUnionsBitfieldsPacked) {
  const model::Type& mixed = record(m(), "struct mixed");
  EXPECT_TRUE(mixed.complete);
  EXPECT_EQ(mixed.fields.size(), 12u);
  EXPECT_EQ(m().type(field(m(), mixed, "bytes").type).kind, TypeKind::Array);
  EXPECT_EQ(m().type(field(m(), mixed, "bytes").type).count, 3u);
  EXPECT_EQ(m().type(field(m(), mixed, "origin").type).name, "struct point");

  const model::Type& bits = record(m(), "struct bits");
  EXPECT_EQ(field(m(), bits, "a").bit_width, 3u);
  EXPECT_EQ(field(m(), bits, "e").bit_width, 40u);

  EXPECT_TRUE(record(m(), "struct packed_rec").packed);
  EXPECT_TRUE(record(m(), "struct pragma_packed").packed);
  EXPECT_FALSE(record(m(), "struct point").packed);

  EXPECT_EQ(record(m(), "union number").kind, TypeKind::Union);
}

TEST_F(Constructs, AnonymousMembersAndSelfReference) {
  const model::Type& wa = record(m(), "struct with_anonymous");
  ASSERT_EQ(wa.fields.size(), 3u);
  EXPECT_EQ(wa.fields[1].name, "");
  EXPECT_EQ(m().type(wa.fields[1].type).kind, TypeKind::Union);
  const model::Type& node = record(m(), "struct node");
  const model::Type& next = m().type(field(m(), node, "next").type);
  EXPECT_EQ(m().type(next.pointee).name, "struct node");
}

TEST_F(Constructs, FixedAndFlexibleArrays) {
  const model::Type& flex = record(m(), "struct flexible");
  const model::Type& data = m().type(field(m(), flex, "data").type);
  EXPECT_EQ(data.kind, TypeKind::Array);
  EXPECT_EQ(data.count, 0u);
  // An array parameter decays to a pointer.
  EXPECT_EQ(param_type("f_array_param", 0).kind, TypeKind::Pointer);
}

TEST_F(Constructs, TypedefChains) {
  const model::Type& t = param_type("f_typedef", 0);
  ASSERT_GE(t.typedef_chain.size(), 2u);
  EXPECT_EQ(t.typedef_chain[0], "item_id");
  EXPECT_EQ(t.typedef_chain[1], "uint32_t");
  const model::Type& r = m().type(function(m(), "f_typedef").ret);
  EXPECT_EQ(r.typedef_chain[0], "item_id_alias");
  EXPECT_EQ(r.typedef_chain[1], "item_id");
  EXPECT_EQ(model::describe(m(), function(m(), "f_typedef").ret), "item_id_alias");
}

TEST_F(Constructs, FunctionPointers) {
  const model::Type& cb = param_type("f_callback", 0);
  ASSERT_EQ(cb.kind, TypeKind::Pointer);
  EXPECT_EQ(cb.typedef_chain.front(), "visit_fn");
  const model::Type& fn = m().type(cb.pointee);
  EXPECT_EQ(fn.kind, TypeKind::Function);
  EXPECT_EQ(m().type(fn.ret).kind, TypeKind::Void);
  EXPECT_EQ(fn.params.size(), 2u);
  const model::Type& cmp = m().type(field(m(), record(m(), "struct callbacks"), "compare").type);
  EXPECT_EQ(m().type(cmp.pointee).kind, TypeKind::Function);
}

TEST_F(Constructs, FunctionsWithDeclarationSite) {
  const model::Function& f = function(m(), "f_variadic");
  EXPECT_TRUE(f.variadic);
  EXPECT_NE(f.decl.file.find("constructs.h"), std::string::npos);
  EXPECT_GT(f.decl.line, 100u);
  EXPECT_EQ(f.params.size(), 1u);
  EXPECT_EQ(f.params[0].name, "fmt");
  EXPECT_FALSE(f.skip_reason);
  EXPECT_TRUE(function(m(), "f_no_params").params.empty());
  EXPECT_FALSE(function(m(), "f_by_value").skip_reason);
}

TEST_F(Constructs, OnlyTheUsersDeclarations) {
  EXPECT_EQ(m().find_function("printf"), nullptr);
  EXPECT_EQ(m().find_function("fopen"), nullptr);
  ASSERT_NE(m().find_function("f_file"), nullptr);
  for (const model::Function& f : m().functions) EXPECT_NE(f.decl.file.find("constructs.h"), std::string::npos) << f.name;
  ASSERT_EQ(m().headers.size(), 1u);
}

TEST_F(Constructs, UnsupportedConstructsSkipTheFunctionWithAReason) {
  ASSERT_TRUE(function(m(), "f_valist").skip_reason);
  EXPECT_NE(function(m(), "f_valist").skip_reason->find("va_list"), std::string::npos);
  ASSERT_TRUE(function(m(), "f_long_double").skip_reason);
  EXPECT_NE(function(m(), "f_long_double").skip_reason->find("long double"), std::string::npos);
  ASSERT_TRUE(function(m(), "f_ld_struct").skip_reason);
  EXPECT_NE(function(m(), "f_ld_struct").skip_reason->find("struct with_ld"), std::string::npos);
  ASSERT_TRUE(function(m(), "f_static_inline").skip_reason);
}

TEST(ParseOptions, IncludeDirsDefinesAndPreIncludes) {
  ParseOptions o;
  o.headers = {fixture("needs_options.h")};
  EXPECT_THROW(parse_header(o), InputError);
  o.include_dirs = {fixture("include")};
  o.defines = {"NEEDS_OPTIONS_OK=1"};
  o.pre_includes = {fixture("include/prelude.h")};
  ParsedHeader p = parse_header(o);
  const model::Function& f = function(p.model, "from_prelude");
  EXPECT_EQ(p.model.type(f.ret).typedef_chain.front(), "prelude_int");
  // A header found through -I is the user's own: its declarations count.
  EXPECT_NE(p.model.find_function("sub_function"), nullptr);
  EXPECT_TRUE(record(p.model, "sub_type").complete);
}

TEST(ParseOptions, TargetTripleChangesLayout) {
  ParseOptions o;
  o.headers = {fixture("constructs.h")};
  o.target = "i386-linux-gnu";
  // Builtin headers must still be found for another target; stdio.h may be missing for it,
  // so only require that the failure, if any, is an InputError and not a crash.
  try {
    ParsedHeader p = parse_header(o);
    EXPECT_EQ(p.model.type(p.model.find_function("f_const_ptr")->ret).size, 4u);
  } catch (const InputError&) {
  }
}

TEST(ParseOptions, CplusplusExternC) {
  ParsedHeader p = parse_fixture("extern_c.hpp", "c++");
  const model::Function& f = function(p.model, "cpp_point_new");
  EXPECT_FALSE(f.skip_reason);
  EXPECT_EQ(p.model.type(p.model.type(f.ret).pointee).name, "struct cpp_point");
  EXPECT_TRUE(record(p.model, "struct cpp_point").complete);
  const model::Function& not_c = function(p.model, "not_c");
  ASSERT_TRUE(not_c.skip_reason);
  EXPECT_NE(not_c.skip_reason->find("C++ linkage"), std::string::npos);
}

TEST(ParseOptions, SeveralHeadersParseAsOneUnit) {
  ParseOptions o;
  o.headers = {fixture("attributes.h"), fixture("doc_tags.h")};
  ParsedHeader p = parse_header(o);
  EXPECT_NE(p.model.find_function("attr_alloc"), nullptr);
  EXPECT_NE(p.model.find_function("ctx_make"), nullptr);
  EXPECT_EQ(p.model.headers.size(), 2u);
}

}  // namespace
}  // namespace ffifuzz::header::test
