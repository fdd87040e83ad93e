// Precedence (TOML file > attributes > doc comments > naming) and recorded conflicts, on
// fixtures/precedence.h + precedence.toml where sources disagree on purpose.
#include <gtest/gtest.h>

#include "contract/merge.h"
#include "contract/naming.h"
#include "contract/toml_contract.h"
#include "header/parse_header.h"

namespace ffifuzz::contract {
namespace {

using model::ContractSource;

class Precedence : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    header::ParseOptions o;
    o.headers = {std::string(CONTRACT_FIXTURES) + "/precedence.h"};
    header::ParsedHeader p = header::parse_header(o);
    api_ = new model::ApiModel(p.model);
    model::Contracts toml = read_contract_file(std::string(CONTRACT_FIXTURES) + "/precedence.toml", *api_);
    merged_ = new model::Contracts(
        merge_contracts(*api_, {toml, p.attributes, p.doc_comments, infer_from_names(*api_)}));
  }
  static void TearDownTestSuite() {
    delete api_;
    delete merged_;
  }
  static const model::FunctionContract& fn(const std::string& n) { return merged_->functions.at(n); }
  static std::vector<model::Conflict> conflicts(const std::string& function, const std::string& what) {
    std::vector<model::Conflict> out;
    for (const model::Conflict& c : merged_->conflicts)
      if (c.function == function && c.what == what) out.push_back(c);
    return out;
  }
  static model::ApiModel* api_;
  static model::Contracts* merged_;
};
model::ApiModel* Precedence::api_ = nullptr;
model::Contracts* Precedence::merged_ = nullptr;

TEST_F(Precedence, TomlBeatsDocCommentAndNaming) {
  // TOML: thing_free; doc comment: thing_dispose; naming: thing_free (thing_dispose is not
  // named like a releaser). The doc comment loses and is reported; naming agrees with TOML.
  const auto& owned = fn("thing_new").ret.owned_by;
  ASSERT_TRUE(owned);
  EXPECT_EQ(owned->value, "thing_free");
  EXPECT_EQ(owned->origin.source, ContractSource::TomlFile);
  auto c = conflicts("thing_new", "ownership");
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(c[0].winner.source, ContractSource::TomlFile);
  EXPECT_EQ(c[0].loser.source, ContractSource::DocComment);
  EXPECT_NE(c[0].message.find("thing_dispose"), std::string::npos) << c[0].message;
}

TEST_F(Precedence, AttributeBeatsDocComment) {
  const auto& name = fn("thing_new").params.at("name");
  EXPECT_FALSE(name.nullable->value);
  EXPECT_EQ(name.nullable->origin.source, ContractSource::HeaderAttribute);
  auto c = conflicts("thing_new", "nullable");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].param, "name");
  EXPECT_EQ(c[0].loser.source, ContractSource::DocComment);
  // Naming agrees that it is a C string: no conflict, the decision stays naming's.
  EXPECT_EQ(name.cstring->origin.source, ContractSource::Naming);
}

TEST_F(Precedence, AttributeLengthBeatsDocCommentAndNaming) {
  const auto& buf = fn("thing_read").params.at("buf");
  EXPECT_EQ(buf.len->value.param, "n");
  EXPECT_EQ(buf.len->value.unit, model::LenUnit::Bytes);  // access(): char elements are bytes
  EXPECT_EQ(buf.len->origin.source, ContractSource::HeaderAttribute);
  // The doc comment says elements: a conflict with the attribute's bytes.
  auto c = conflicts("thing_read", "len");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].loser.source, ContractSource::DocComment);
  // TOML adds what nobody else said.
  EXPECT_TRUE(buf.nullable->value);
  EXPECT_EQ(buf.nullable->origin.source, ContractSource::TomlFile);
  EXPECT_EQ(buf.direction->value, model::Direction::Out);
}

TEST_F(Precedence, DocCommentBeatsNaming) {
  // Naming pairs get_title with free_title; the doc comment says the string is static.
  EXPECT_TRUE(fn("get_title").ret.is_static->value);
  EXPECT_FALSE(fn("get_title").ret.owned_by);
  auto c = conflicts("get_title", "ownership");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].winner.source, ContractSource::DocComment);
  EXPECT_EQ(c[0].loser.source, ContractSource::Naming);
}

TEST_F(Precedence, AgreementIsNotAConflict) {
  EXPECT_EQ(fn("thing_open").ret.owned_by->value, "thing_free");
  EXPECT_EQ(fn("thing_open").ret.owned_by->origin.source, ContractSource::DocComment);
  EXPECT_TRUE(conflicts("thing_open", "ownership").empty());
}

TEST_F(Precedence, HandleNamesAreNormalised) {
  model::Contracts toml;
  toml.functions["thing_free"].params["t"].handle =
      model::Decided<std::string>{"Thing", {ContractSource::TomlFile, "x.toml:1"}};
  model::Contracts merged = merge_contracts(*api_, {toml, infer_from_names(*api_)});
  EXPECT_EQ(merged.functions.at("thing_free").params.at("t").handle->value, "struct Thing");
  EXPECT_TRUE(merged.conflicts.empty());
}

}  // namespace
}  // namespace ffifuzz::contract
