// The attribute text scanner and the malloc(dealloc) neutralizer, on plain strings.
#include <gtest/gtest.h>

#include "header/attribute_text.h"
#include "header/doc_tags.h"
#include "header/neutralize.h"
#include "model/error.h"

namespace ffifuzz::header {
namespace {

TEST(AttributeText, ListsAndArguments) {
  auto a = scan_attributes("void *f(int) __attribute__((__malloc__(my_free, 1), nonnull(1, 2), cold));");
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].name, "malloc");
  EXPECT_EQ(a[0].args, (std::vector<std::string>{"my_free", "1"}));
  EXPECT_EQ(a[1].name, "nonnull");
  EXPECT_EQ(a[1].args.size(), 2u);
  EXPECT_EQ(a[2].name, "cold");
  EXPECT_TRUE(a[2].args.empty());
}

TEST(AttributeText, IgnoresLookalikesAndUnbalancedText) {
  EXPECT_TRUE(scan_attributes("int my__attribute__x;").empty());
  EXPECT_TRUE(scan_attributes("__attribute__((nonnull(1)").empty());
  EXPECT_TRUE(scan_attributes("").empty());
}

TEST(Neutralize, BlanksOnlyTheDeallocatorKeepingOffsets) {
  std::string in = "void *f(void) __attribute__((malloc(my_free), nonnull));\nint g;";
  std::string out = neutralize_for_clang(in);
  EXPECT_EQ(out.size(), in.size());
  EXPECT_EQ(out.find("my_free"), std::string::npos);
  EXPECT_NE(out.find("malloc"), std::string::npos);
  EXPECT_NE(out.find("nonnull"), std::string::npos);
  EXPECT_EQ(out.find('\n'), in.find('\n'));
  EXPECT_EQ(neutralize_for_clang("__attribute__((malloc)) void *h(void);"), "__attribute__((malloc)) void *h(void);");
}

model::ApiModel one_function() {
  model::ApiModel m;
  m.types.push_back(model::Type{});
  model::Function f;
  f.name = "f";
  f.params = {{"buf", 0}, {"n", 0}};
  m.functions.push_back(f);
  return m;
}

TEST(DocTagSyntax, UnknownWordsNameFileAndLine) {
  model::ApiModel m = one_function();
  model::FunctionContract out;
  auto error = [&](const std::string& comment) -> std::string {
    try {
      parse_doc_tags(comment, {"lib.h", 10}, m.functions[0], out);
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_NE(error("/// ok\n/// ffifuzz: bogus x").find("lib.h:11"), std::string::npos);
  EXPECT_NE(error("/// ffifuzz: param buf lenn=n").find("'lenn=n'"), std::string::npos);
  EXPECT_NE(error("/// ffifuzz: param nope nonnull").find("no parameter 'nope'"), std::string::npos);
  EXPECT_NE(error("/// ffifuzz: param buf len=zzz").find("no parameter 'zzz'"), std::string::npos);
  EXPECT_NE(error("/// ffifuzz: param buf range=5..1").find("range"), std::string::npos);
  EXPECT_NE(error("/// ffifuzz: param buf bytes").find("must follow"), std::string::npos);
  EXPECT_EQ(error("/// ffifuzz: param buf len=n bytes nullable\n/// ffifuzz: returns static"), "");
  EXPECT_EQ(out.params["buf"].len->value.unit, model::LenUnit::Bytes);
  EXPECT_TRUE(out.params["buf"].nullable->value);
  EXPECT_TRUE(out.ret.is_static->value);
}

}  // namespace
}  // namespace ffifuzz::header
