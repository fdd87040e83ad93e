// The TOML contract file: every key, and every kind of bad input naming file, line and key.
#include <gtest/gtest.h>

#include "contract/toml_contract.h"
#include "header/parse_header.h"
#include "model/error.h"

namespace ffifuzz::contract {
namespace {

const model::ApiModel& api() {
  static const model::ApiModel m = [] {
    header::ParseOptions o;
    o.headers = {std::string(CONTRACT_FIXTURES) + "/api.h"};
    return header::parse_header(o).model;
  }();
  return m;
}

std::string error_of(const std::string& text) {
  try {
    read_contract_text(text, "c.toml", api());
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(TomlContract, EveryKey) {
  model::Contracts c = read_contract_file(std::string(CONTRACT_FIXTURES) + "/good.toml", api());
  const model::FunctionContract& nw = c.functions.at("builder_new");
  EXPECT_EQ(nw.ret.owned_by->value, "builder_free");
  EXPECT_EQ(nw.ret.owned_by->origin.source, model::ContractSource::TomlFile);
  EXPECT_NE(nw.ret.owned_by->origin.detail.find("good.toml:4"), std::string::npos) << nw.ret.owned_by->origin.detail;
  EXPECT_EQ(nw.requires_calls->value, std::vector<std::string>{"builder_create"});
  EXPECT_FALSE(nw.params.at("name").nullable->value);
  EXPECT_TRUE(nw.params.at("name").cstring->value);

  const model::ParamContract& data = c.functions.at("builder_write").params.at("data");
  EXPECT_EQ(data.len->value.param, "len");
  EXPECT_EQ(data.len->value.unit, model::LenUnit::Bytes);
  EXPECT_FALSE(data.nullable->value);
  EXPECT_EQ(data.direction->value, model::Direction::In);
  EXPECT_EQ(c.functions.at("builder_count").params.at("items").len->value.unit, model::LenUnit::Elements);
  EXPECT_EQ(c.functions.at("builder_set_level").params.at("level").range->value.max, 9);
  EXPECT_EQ(c.functions.at("builder_name").ret.borrowed_from->value, "b");
  EXPECT_FALSE(c.functions.at("builder_name").ret.nullable->value);
  EXPECT_TRUE(c.functions.at("get_static_text").ret.is_static->value);
  EXPECT_TRUE(c.functions.at("builder_free").params.at("b").releases->value);
  EXPECT_FALSE(c.functions.at("builder_free").released_on_failure->value);
  EXPECT_EQ(c.functions.at("builder_free").params.at("b").handle->value, "Builder");
  EXPECT_EQ(c.functions.at("get_label").params.at("b").direction->value, model::Direction::InOut);
  EXPECT_EQ(c.functions.at("get_label").params.at("b").made_by->value, std::vector<std::string>{"builder_new"});
  EXPECT_EQ(c.functions.at("callback_len").skip->value, "calls back into the harness");
}

TEST(TomlContract, FractionalRangeIsForFloatingParametersOnly) {
  model::Contracts c = read_contract_text("[functions.builder_scale.params.factor]\nrange = [0.5, 2]\n", "c.toml", api());
  const model::ParamContract& factor = c.functions.at("builder_scale").params.at("factor");
  ASSERT_TRUE(factor.real_range);
  EXPECT_EQ(factor.real_range->value.min, 0.5);
  EXPECT_EQ(factor.real_range->value.max, 2.0);
  EXPECT_FALSE(factor.range);
  EXPECT_NE(error_of("[functions.builder_set_level.params.level]\nrange = [0.5, 9]\n")
                .find("c.toml:2: 'functions.builder_set_level.params.level.range' has a fractional bound"),
            std::string::npos)
      << error_of("[functions.builder_set_level.params.level]\nrange = [0.5, 9]\n");
  EXPECT_NE(error_of("[functions.builder_scale.params.factor]\nrange = [2.5, 0.5]\n").find("min is greater than max"),
            std::string::npos);
}

// returns.failure: the one result that means the call failed, for functions whose successes
// are many (libzip's zip_add returns the new entry's index, or -1).
TEST(TomlContract, ReturnsFailureIsTheResultOfAFailedCall) {
  model::Contracts c = read_contract_text("[functions.builder_count.returns]\nfailure = -1\n", "c.toml", api());
  const model::ReturnContract& r = c.functions.at("builder_count").ret;
  ASSERT_TRUE(r.failure);
  EXPECT_EQ(r.failure->value, -1);
  EXPECT_FALSE(r.success);
  const std::string e = error_of("[functions.builder_count.returns]\nfailure = \"-1\"\n");
  EXPECT_NE(e.find("c.toml:2: 'functions.builder_count.returns.failure' must be an integer"), std::string::npos) << e;
}

// releases_nothing denies the parameters its name made releases, not one its own table says
// it releases (yajl_free_error(hand, str) frees str, not the handle), in either order: TOML
// tables are read sorted by key, so `releases` comes first.
TEST(TomlContract, ReleasesNothingKeepsAParameterTheSameTableReleases) {
  for (const char* text : {"[functions.builder_write]\nreleases = \"data\"\nreleases_nothing = true\n",
                           "[functions.builder_write]\nreleases_nothing = true\nreleases = \"data\"\n"}) {
    model::Contracts c = read_contract_text(text, "c.toml", api());
    const model::FunctionContract& w = c.functions.at("builder_write");
    ASSERT_TRUE(w.params.at("data").releases) << text;
    EXPECT_TRUE(w.params.at("data").releases->value) << text;
    ASSERT_TRUE(w.params.at("b").releases) << text;
    EXPECT_FALSE(w.params.at("b").releases->value) << text;
  }
}

// steals takes one parameter name or an array of them (gcry_mpi_point_snatch_set takes x, y and
// z over); adopted_by = "return" says the call's new object may keep the parameter.
TEST(TomlContract, StealsSeveralAndAdoptedByTheResult) {
  model::Contracts c = read_contract_text(
      "[functions.builder_write]\nsteals = [\"b\", \"data\"]\n\n"
      "[functions.builder_build_tagged.params.inner]\nadopted_by = \"return\"\n",
      "c.toml", api());
  const model::FunctionContract& w = c.functions.at("builder_write");
  EXPECT_TRUE(w.params.at("b").releases && w.params.at("b").releases->value);
  EXPECT_TRUE(w.params.at("data").releases && w.params.at("data").releases->value);
  EXPECT_EQ(c.functions.at("builder_build_tagged").params.at("inner").adopted_by->value, "return");
  EXPECT_NE(error_of("[functions.builder_write]\nsteals = [\"b\", \"nope\"]\n").find("nope"), std::string::npos);
  EXPECT_NE(error_of("[functions.builder_write]\nsteals = 3\n").find("a parameter name or an array of them"),
            std::string::npos);
}

TEST(TomlContract, UnknownKeyNamesFileLineAndKey) {
  std::string e = error_of("[functions.builder_new.params.name]\nnonull = true\n");
  EXPECT_NE(e.find("c.toml:2"), std::string::npos) << e;
  EXPECT_NE(e.find("functions.builder_new.params.name.nonull"), std::string::npos) << e;
  EXPECT_NE(error_of("[functions.builder_new]\nowned_by = \"x\"\n").find("c.toml:2"), std::string::npos);
  EXPECT_NE(error_of("[target2]\nx = 1\n").find("unknown key 'target2'"), std::string::npos);
  EXPECT_NE(error_of("[functions.builder_new.returns]\nowner = \"x\"\n").find("returns.owner"), std::string::npos);
}

TEST(TomlContract, WrongTypeNamesFileLineAndKey) {
  std::string e = error_of("[functions.builder_new.params.name]\n\nnonnull = \"yes\"\n");
  EXPECT_NE(e.find("c.toml:3"), std::string::npos) << e;
  EXPECT_NE(e.find("nonnull"), std::string::npos) << e;
  EXPECT_NE(e.find("true or false"), std::string::npos) << e;
  EXPECT_NE(error_of("[functions.builder_set_level.params.level]\nrange = [1]\n").find("[min, max]"),
            std::string::npos);
  EXPECT_NE(error_of("[functions.builder_new]\nrequires = \"x\"\n").find("array"), std::string::npos);
  EXPECT_NE(error_of("[functions.builder_write.params.data]\nlen = \"len\"\nlen_unit = \"octets\"\n").find("c.toml:3"),
            std::string::npos);
}

TEST(TomlContract, NonexistentParameterOrFunction) {
  std::string e = error_of("[functions.builder_write.params.buffer]\nnonnull = true\n");
  EXPECT_NE(e.find("c.toml:1"), std::string::npos) << e;
  EXPECT_NE(e.find("no parameter 'buffer'"), std::string::npos) << e;
  EXPECT_NE(e.find("b, data, len"), std::string::npos) << e;
  e = error_of("[functions.builder_write.params.data]\nlen = \"length\"\n");
  EXPECT_NE(e.find("c.toml:2"), std::string::npos) << e;
  EXPECT_NE(e.find("no parameter 'length'"), std::string::npos) << e;
  e = error_of("\n[functions.no_such_fn]\nskip = \"x\"\n");
  EXPECT_NE(e.find("c.toml:2"), std::string::npos) << e;
  EXPECT_NE(e.find("'no_such_fn' is not declared"), std::string::npos) << e;
  EXPECT_NE(error_of("[functions.builder_free]\nreleases = \"q\"\n").find("no parameter 'q'"), std::string::npos);
}

// Every error of a file at once, one a line in file order, each naming its line: a person
// fixes the file in one go instead of one run per mistake.
TEST(TomlContract, EveryErrorOfTheFileAtOnce) {
  const std::string e = error_of(
      "[functions.builder_write.params.data]\n"
      "nonull = true\n"                        // 2: unknown key
      "[functions.no_such_fn]\n"               // 3: no such function
      "skip = \"x\"\n"
      "[functions.builder_new]\n"
      "requires = [\"builder_create\", \"builder_make\"]\n"  // 6: no such function (second)
      "[functions.builder_set_level.params.level]\n"
      "range = [9]\n");                        // 8: wrong shape
  EXPECT_EQ(e,
            "c.toml:2: unknown key 'functions.builder_write.params.data.nonull'; expected nonnull, nullable, len, "
            "len_unit, cstring, size, path, in, out, inout, handle, range, value, initializes, owned_by, adopted_by or "
            "made_by (see docs/contracts.md)\n"
            "c.toml:3: function 'no_such_fn' is not declared in the header (see docs/contracts.md)\n"
            "c.toml:6: 'functions.builder_new.requires': function 'builder_make' is not declared in the header (see "
            "docs/contracts.md)\n"
            "c.toml:8: 'functions.builder_set_level.params.level.range' must be [min, max] with two numbers (see "
            "docs/contracts.md)");
}

// A key naming a function names one the header declares: before, a misspelt releaser was
// taken as written and the function it was about silently skipped ("cannot be called").
TEST(TomlContract, EveryFunctionReferenceIsChecked) {
  EXPECT_EQ(error_of("[functions.builder_new.returns]\nowned_by = \"builder_fre\"\n"),
            "c.toml:2: 'functions.builder_new.returns.owned_by': function 'builder_fre' is not declared in the header "
            "(nor is it \"free\", the C library's) (see docs/contracts.md)");
  EXPECT_NE(error_of("[functions.builder_write.params.b]\nowned_by = \"nope\"\n").find("c.toml:2: 'functions.builder_write.params.b.owned_by': function 'nope'"),
            std::string::npos);
  EXPECT_NE(error_of("[params.b]\nowned_by = \"nope\"\n").find("c.toml:2: 'params.b.owned_by': function 'nope'"),
            std::string::npos);
  EXPECT_NE(error_of("[functions.builder_new]\n\nexcludes = [\"builder_gone\"]\n").find("c.toml:3: 'functions.builder_new.excludes': function 'builder_gone'"),
            std::string::npos);
  EXPECT_NE(error_of("[types.\"struct config\"]\nrefcount = \"level\"\ndestroy = \"config_free\"\n").find("c.toml:3: 'types.struct config.destroy': function 'config_free'"),
            std::string::npos);
  // free() is the C library's, not the header's, and may own a result.
  model::Contracts c = read_contract_text(
      "[functions.get_label.returns]\nowned_by = \"free\"\n[functions.builder_new]\nrequires = [\"builder_create\"]\n",
      "c.toml", api());
  EXPECT_EQ(c.functions.at("get_label").ret.owned_by->value, "free");
  EXPECT_EQ(c.functions.at("builder_new").requires_calls->value, std::vector<std::string>{"builder_create"});
  // requires and excludes never name free.
  EXPECT_NE(error_of("[functions.builder_new]\nrequires = [\"free\"]\n").find("function 'free' is not declared"),
            std::string::npos);
}

TEST(TomlContract, SyntaxErrorAndMissingFile) {
  std::string e = error_of("[functions.builder_new\n");
  EXPECT_NE(e.find("c.toml:1"), std::string::npos) << e;
  EXPECT_NE(e.find("not valid TOML"), std::string::npos) << e;
  try {
    read_contract_file("/nonexistent/contract.toml", api());
    FAIL();
  } catch (const InputError& err) {
    EXPECT_NE(std::string(err.what()).find("/nonexistent/contract.toml"), std::string::npos);
  }
}

TEST(TomlContract, ConfigSectionsAreOnlyAllowedInAConfig) {
  const std::string text = "[target]\nlib = \"x.so\"\n[functions.builder_new.returns]\nowned_by = \"builder_free\"\n";
  EXPECT_NE(error_of(text).find("unknown key 'target'"), std::string::npos);
  model::Contracts c = read_contract_text(text, "ffifuzz.toml", api(), /*config_sections=*/true);
  EXPECT_EQ(c.functions.at("builder_new").ret.owned_by->value, "builder_free");
}

}  // namespace
}  // namespace ffifuzz::contract
