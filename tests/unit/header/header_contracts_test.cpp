// Contract facts the header states: attributes (fixtures/attributes.h) and `ffifuzz:` doc
// tags (fixtures/doc_tags.h), each with its source.
#include "test_helpers.h"

namespace ffifuzz::header::test {
namespace {

using model::ContractSource;

const model::ParamContract& param(const model::Contracts& c, const std::string& fn, const std::string& p) {
  const model::FunctionContract* f = c.find(fn);
  if (!f) throw std::runtime_error("no contract for " + fn);
  auto it = f->params.find(p);
  if (it == f->params.end()) throw std::runtime_error("no contract for " + fn + "(" + p + ")");
  return it->second;
}

class Attributes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { parsed_ = new ParsedHeader(parse_fixture("attributes.h")); }
  static void TearDownTestSuite() { delete parsed_; }
  const model::Contracts& c() const { return parsed_->attributes; }
  static ParsedHeader* parsed_;
};
ParsedHeader* Attributes::parsed_ = nullptr;

TEST_F(Attributes, MallocWithDeallocatorParsesAndNamesTheOwner) {
  // clang rejects malloc(fn); the header must still parse and the owner be read.
  const model::FunctionContract* f = c().find("attr_alloc");
  ASSERT_NE(f, nullptr);
  ASSERT_TRUE(f->ret.owned_by);
  EXPECT_EQ(f->ret.owned_by->value, "attr_release");
  EXPECT_EQ(f->ret.owned_by->origin.source, ContractSource::HeaderAttribute);
  EXPECT_NE(f->ret.owned_by->origin.detail.find("malloc(attr_release)"), std::string::npos);
}

TEST_F(Attributes, ReturnsNonnull) {
  const model::FunctionContract* f = c().find("attr_alloc_plain");
  ASSERT_NE(f, nullptr);
  ASSERT_TRUE(f->ret.nullable);
  EXPECT_FALSE(f->ret.nullable->value);
  EXPECT_FALSE(f->ret.owned_by);
}

TEST_F(Attributes, AccessGivesDirectionAndLength) {
  const model::ParamContract& buf = param(c(), "attr_read", "buf");
  ASSERT_TRUE(buf.direction);
  EXPECT_EQ(buf.direction->value, model::Direction::In);
  ASSERT_TRUE(buf.len);
  EXPECT_EQ(buf.len->value.param, "n");
  EXPECT_EQ(buf.len->value.unit, model::LenUnit::Bytes);
  const model::ParamContract& out = param(c(), "attr_read", "out");
  EXPECT_EQ(out.direction->value, model::Direction::Out);
  EXPECT_EQ(out.len->value.param, "cap");
  EXPECT_EQ(param(c(), "attr_read", "cap").length_of->value, "out");
}

TEST_F(Attributes, NonnullWithoutIndicesCoversEveryPointer) {
  EXPECT_FALSE(param(c(), "attr_nonnull_all", "a").nullable->value);
  EXPECT_FALSE(param(c(), "attr_nonnull_all", "b").nullable->value);
  EXPECT_EQ(c().find("attr_nonnull_all")->params.count("c"), 0u);
}

TEST_F(Attributes, NonnullThroughAMacro) {
  EXPECT_EQ(c().find("attr_nonnull_macro")->params.count("a"), 0u);
  const model::ParamContract& b = param(c(), "attr_nonnull_macro", "b");
  ASSERT_TRUE(b.nullable);
  EXPECT_FALSE(b.nullable->value);
  EXPECT_NE(b.nullable->origin.detail.find("nonnull(2)"), std::string::npos);
}

TEST_F(Attributes, NullabilityQualifiers) {
  EXPECT_FALSE(param(c(), "attr_nullability", "a").nullable->value);
  EXPECT_EQ(param(c(), "attr_nullability", "a").nullable->origin.detail, "_Nonnull");
  EXPECT_TRUE(param(c(), "attr_nullability", "b").nullable->value);
  EXPECT_TRUE(c().find("attr_nullability")->ret.nullable->value);
}

class DocTags : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { parsed_ = new ParsedHeader(parse_fixture("doc_tags.h")); }
  static void TearDownTestSuite() { delete parsed_; }
  const model::Contracts& c() const { return parsed_->doc_comments; }
  static ParsedHeader* parsed_;
};
ParsedHeader* DocTags::parsed_ = nullptr;

TEST_F(DocTags, ReturnsAndRequires) {
  const model::FunctionContract* f = c().find("ctx_make");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->ret.owned_by->value, "ctx_release");
  EXPECT_EQ(f->ret.owned_by->origin.source, ContractSource::DocComment);
  EXPECT_NE(f->ret.owned_by->origin.detail.find("doc_tags.h:9"), std::string::npos) << f->ret.owned_by->origin.detail;
  ASSERT_TRUE(f->requires_calls);
  EXPECT_EQ(f->requires_calls->value, std::vector<std::string>{"lib_init"});
}

TEST_F(DocTags, ParamItems) {
  const model::ParamContract& buf = param(c(), "ctx_write", "buf");
  EXPECT_EQ(buf.len->value.param, "n");
  EXPECT_EQ(buf.len->value.unit, model::LenUnit::Bytes);
  EXPECT_FALSE(buf.nullable->value);
  const model::ParamContract& mode = param(c(), "ctx_write", "mode");
  EXPECT_EQ(mode.range->value.min, 0);
  EXPECT_EQ(mode.range->value.max, 3);
  EXPECT_EQ(param(c(), "ctx_name", "out").direction->value, model::Direction::Out);
  EXPECT_EQ(c().find("ctx_name")->ret.borrowed_from->value, "ctx");
  EXPECT_TRUE(param(c(), "ctx_release", "ctx").releases->value);
}

TEST_F(DocTags, SkipInAPlainBlockComment) {
  ASSERT_TRUE(c().find("ctx_abort"));
  EXPECT_EQ(c().find("ctx_abort")->skip->value, "aborts the process by design");
}

// Prose saying the function is not for callers (json-c's json_object_double_to_json_string, a
// serializer callback reading its object's user data as a printf format) skips it, quoting it.
TEST_F(DocTags, ProseSayingNotToCallItDirectlySkipsIt) {
  const model::FunctionContract* f = c().find("ctx_print_callback");
  ASSERT_TRUE(f && f->skip);
  EXPECT_NE(f->skip->value.find("\"isn't meant to be called directly\""), std::string::npos) << f->skip->value;
  EXPECT_EQ(f->skip->origin.source, model::ContractSource::DocComment);
  EXPECT_EQ(c().find("ctx_print"), nullptr);
}

TEST_F(DocTags, ProseMentionIsNotATag) { EXPECT_EQ(c().find("lib_init"), nullptr); }

}  // namespace
}  // namespace ffifuzz::header::test
