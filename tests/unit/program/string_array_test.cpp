// Arrays of C strings (char **argv, const char *const *names): planned as Strings slots —
// each string placed and NUL-ended, the array NULL after the last, its count the partner
// length — never as storage for one pointer or as bytes read as pointers (docs/contracts.md).
#include <gtest/gtest.h>

#include <cstring>

#include "api_builder.h"
#include "program/codec.h"
#include "program/hints.h"
#include "program/lowering.h"
#include "program/text_form.h"
#include "program/values.h"

namespace ffifuzz::program {
namespace {

using model::TypeKind;

struct StringsApi : test::ApiBuilder {
  model::Contracts contracts;

  StringsApi() {
    model::TypeId i32 = integer("int", 4, true);
    model::TypeId size_t_ = integer("unsigned long", 8, false);
    model::TypeId chr = integer("char", 1, true);
    model::Type cchr = api.types[chr];
    cchr.is_const = true;
    cchr.name = "const char";
    model::TypeId cstr = pointer_to(add(cchr));
    model::Type const_cstr = api.types[cstr];  // const char *const
    const_cstr.is_const = true;
    const_cstr.name = "const char *const";
    model::TypeId list = pointer_to(add(const_cstr));  // const char *const *
    model::TypeId argv = pointer_to(pointer_to(chr));  // char **

    function("take_list", i32, {{"list", list}});      // NULL-terminated: the pointers are const
    function("take_argv", i32, {{"argc", i32}, {"argv", argv}});
    function("take_counted", i32, {{"names", list}, {"n_names", size_t_}});
    function("give_string", i32, {{"out", argv}});     // char **out: the callee stores one
    function("count_only", i32, {{"names", argv}, {"count", size_t_}});
    // Where a function gives bytes back (c-ares' ares_mkquery): no strings, whatever naming paired.
    model::TypeId bytes_out = pointer_to(pointer_to(integer("unsigned char", 1, false)));
    function("give_bytes", i32, {{"buf", bytes_out}, {"buflen", pointer_to(i32)}});
    function("give_names", i32, {{"names", argv}, {"n", pointer_to(i32)}});

    contracts.functions["take_argv"].params["argv"].len =
        model::Decided<model::LenSpec>{{"argc", model::LenUnit::Elements}, {}};
    contracts.functions["take_counted"].params["names"].len =
        model::Decided<model::LenSpec>{{"n_names", model::LenUnit::Elements}, {}};
    // Stated on the integer's side only.
    contracts.functions["count_only"].params["count"].length_of = model::Decided<std::string>{"names", {}};
    contracts.functions["give_bytes"].params["buf"].len = model::Decided<model::LenSpec>{{"buflen", model::LenUnit::Elements}, {}};
    contracts.functions["give_names"].params["names"].len = model::Decided<model::LenSpec>{{"n", model::LenUnit::Elements}, {}};
  }
};

Arg strings_arg(std::initializer_list<const char*> strings) {
  Arg a;
  for (const char* s : strings) {
    a.bytes.insert(a.bytes.end(), s, s + std::strlen(s));
    a.bytes.push_back(0);
  }
  return a;
}

// A normalized program of one call of `name` with these arguments.
Program one_call(const ApiPlan& plan, const model::ApiModel& api, const char* name, std::vector<Arg> args) {
  Program p;
  p.calls.push_back(Call{static_cast<uint32_t>(plan.index_of(name)), std::move(args)});
  normalize(plan, api, p);
  return p;
}

TEST(StringArrays, PlannedAsStringsNotAsOnePointerOrBytes) {
  StringsApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  EXPECT_EQ(plan.find("take_list")->params[0].kind, SlotKind::Strings);
  EXPECT_EQ(plan.find("take_list")->params[0].partner, -1);
  const FunctionPlan* argv = plan.find("take_argv");
  EXPECT_EQ(argv->params[1].kind, SlotKind::Strings);
  EXPECT_EQ(argv->params[0].kind, SlotKind::Length);
  EXPECT_EQ(argv->params[0].partner, 1);
  EXPECT_EQ(plan.find("take_counted")->params[0].kind, SlotKind::Strings);
  EXPECT_EQ(plan.find("take_counted")->params[1].kind, SlotKind::Length);
  EXPECT_EQ(plan.find("count_only")->params[0].kind, SlotKind::Strings);
  EXPECT_EQ(plan.find("count_only")->params[1].kind, SlotKind::Length);
  // Bytes given back, or a count the callee writes: not strings the harness passes.
  EXPECT_NE(plan.find("give_bytes")->params[0].kind, SlotKind::Strings);
  EXPECT_NE(plan.find("give_names")->params[0].kind, SlotKind::Strings);
  // Without a count or const pointers, char ** stays storage the callee fills in.
  EXPECT_EQ(plan.find("give_string")->params[0].kind, SlotKind::Out);
  EXPECT_TRUE(plan.find("give_string")->params[0].out_pointer);
}

TEST(StringArrays, SplitEachStringAtItsNul) {
  using B = std::vector<uint8_t>;
  EXPECT_TRUE(split_strings({}).empty());
  EXPECT_EQ(split_strings({'a', 'b', 0, 'c', 0}), (std::vector<B>{{'a', 'b'}, {'c'}}));
  EXPECT_EQ(split_strings({'a', 0, 0}), (std::vector<B>{{'a'}, {}}));
  EXPECT_EQ(split_strings({0}), (std::vector<B>{{}}));
  EXPECT_EQ(split_strings({'a', 0, 'b'}), (std::vector<B>{{'a'}, {'b'}})) << "a missing last NUL is read as there";
}

TEST(StringArrays, CountIsTheNumberOfStringsAndTextFormRoundTrips) {
  StringsApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Program p = one_call(plan, t.api, "take_argv", {Arg{}, strings_arg({"prog", "", "-v"})});
  EXPECT_EQ(length_value(plan.functions[p.calls[0].fn], p.calls[0], 0), 3u);
  const std::string text = to_text(plan, t.api, p);
  EXPECT_NE(text.find("take_argv(3, strings(\"prog\", \"\", \"-v\"))"), std::string::npos) << text;
  EXPECT_EQ(from_text(plan, t.api, text, "t"), p);
  EXPECT_EQ(decode(plan, t.api, encode(plan, t.api, p)), p);
  // No strings at all: an empty list, count 0.
  p.calls[0].args[1] = Arg{};
  EXPECT_NE(to_text(plan, t.api, p).find("take_argv(0, strings())"), std::string::npos);
  EXPECT_EQ(from_text(plan, t.api, to_text(plan, t.api, p), "t"), p);
  EXPECT_THROW(from_text(plan, t.api, "take_argv(1, \"a\");\n", "t"), std::exception);
}

TEST(StringArrays, NormalizeEndsTheLastStringAndBoundsTheCount) {
  StringsApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Arg a;
  a.bytes = {'a', 'b'};
  Program p = one_call(plan, t.api, "take_list", {a});
  EXPECT_EQ(p.calls[0].args[0].bytes, (std::vector<uint8_t>{'a', 'b', 0}));
  p.calls[0].args[0].bytes.assign(kMaxStrings * 3, 0);  // 192 empty strings
  normalize(plan, t.api, p);
  EXPECT_EQ(split_strings(p.calls[0].args[0].bytes).size(), kMaxStrings);
}

TEST(StringArrays, CountHintSetsHowManyStrings) {
  StringsApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Program p = one_call(plan, t.api, "take_counted", {strings_arg({"x", "yz"}), Arg{}});
  std::vector<Comparison> compared = {{.call = 0, .size = 8, .a = 2, .b = 5}};  // if (n_names == 5)
  std::vector<Hint> hints = find_hints(plan, t.api, compared, p, 4096);
  ASSERT_EQ(hints.size(), 1u);
  EXPECT_EQ(hints[0].slot, 1u);
  apply_hint(plan, hints[0], p);
  EXPECT_EQ(split_strings(p.calls[0].args[0].bytes),
            (std::vector<std::vector<uint8_t>>{{'x'}, {'y', 'z'}, {'x'}, {'y', 'z'}, {'x'}}));
  // More strings than a list holds: no hint.
  compared = {{.call = 0, .size = 8, .a = 5, .b = kMaxStrings + 1}};
  EXPECT_TRUE(find_hints(plan, t.api, compared, p, 4096).empty());
}

// libgcrypt's gcry_sexp_alist(const gcry_sexp_t *array): const pointers to objects, a
// NULL-ended array the function reads. Never storage for one pointer (given one empty slot,
// libgcrypt aborted on its own "this is a bug" check, filed as its bug): skipped, said why.
TEST(StringArrays, ConstPointersToObjectsAreNoStorage) {
  test::ApiBuilder t;
  model::Type item;
  item.kind = TypeKind::Struct;
  item.name = "struct item";
  model::TypeId item_ptr = t.pointer_to(t.add(item));
  model::Type const_ptr = t.api.types[item_ptr];  // struct item *const
  const_ptr.is_const = true;
  const_ptr.name = "struct item *const";
  t.function("list_of", item_ptr, {{"array", t.pointer_to(t.add(const_ptr))}});
  t.function("fill_one", t.integer("int", 4, true), {{"out", t.pointer_to(item_ptr)}});
  ApiPlan plan = build_plan(t.api, {});
  EXPECT_EQ(plan.find("list_of"), nullptr);
  bool said = false;
  for (const SkippedFunction& s : plan.skipped)
    said |= s.name == "list_of" && s.reason.find("pointers the function reads") != std::string::npos;
  EXPECT_TRUE(said);
  ASSERT_NE(plan.find("fill_one"), nullptr);  // a non-const T ** stays storage the callee fills
  EXPECT_EQ(plan.find("fill_one")->params[0].kind, SlotKind::Out);
}

}  // namespace
}  // namespace ffifuzz::program
