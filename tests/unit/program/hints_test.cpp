// program/hints: which slots a comparison's operands point at, and what applying a hint does
// (the buffer behind a derived length resized in its units, an integer set with its sign,
// a struct field written where the operand sat).
#include <gtest/gtest.h>

#include <cstring>

#include "api_builder.h"
#include "program/hints.h"
#include "program/values.h"

namespace ffifuzz::program {
namespace {

using model::TypeKind;

// put(data, len, mode, at) with data/len a buffer and its byte length; sum(points, n) with
// points an array of n struct Point (8 bytes each).
struct HintsApi : test::ApiBuilder {
  model::Contracts contracts;
  ApiPlan plan;

  HintsApi() {
    model::TypeId i32 = integer("int", 4, true);
    model::TypeId u8 = integer("unsigned char", 1, false);
    model::TypeId size_t_ = integer("unsigned long", 8, false);
    model::Type point;
    point.kind = TypeKind::Struct;
    point.name = "struct Point";
    point.complete = true;
    point.size = 8;
    point.align = 4;
    point.fields = {{"x", i32, 0, 0}, {"y", i32, 32, 0}};
    model::TypeId point_t = add(point);
    function("put", i32, {{"data", pointer_to(u8)}, {"len", size_t_}, {"mode", i32}, {"at", point_t}});
    function("sum", i32, {{"points", pointer_to(point_t)}, {"n", size_t_}});
    contracts.functions["put"].params["data"].len = model::Decided<model::LenSpec>{{"len", model::LenUnit::Bytes}, {}};
    contracts.functions["sum"].params["points"].len =
        model::Decided<model::LenSpec>{{"n", model::LenUnit::Elements}, {}};
    plan = build_plan(api, contracts);
  }

  Program put_call(size_t data_bytes, int32_t mode, int32_t x) {
    Program p;
    Call c{static_cast<uint32_t>(plan.index_of("put")), std::vector<Arg>(plan.find("put")->params.size())};
    c.args[0].bytes.assign(data_bytes, 'a');
    c.args[2].bits = static_cast<uint64_t>(static_cast<int64_t>(mode));
    c.args[3].bytes.assign(8, 0);
    std::memcpy(c.args[3].bytes.data(), &x, sizeof x);
    p.calls.push_back(c);
    return p;
  }
};

TEST(Hints, DerivedLengthComparedWithAnotherValueResizesItsBuffer) {
  HintsApi t;
  ASSERT_EQ(t.plan.find("put")->params[1].kind, SlotKind::Length);
  Program p = t.put_call(3, 1, 7);
  // The library compared len (3) with 192 it computed: `if (len != expected)`.
  std::vector<Comparison> compared = {{.call = 0, .size = 8, .a = 3, .b = 192}};
  std::vector<Hint> hints = find_hints(t.plan, t.api, compared, p, 4096);
  ASSERT_EQ(hints.size(), 1u);
  EXPECT_EQ(hints[0].slot, 1u);
  EXPECT_EQ(hints[0].value, 192u);
  apply_hint(t.plan, hints[0], p);
  EXPECT_EQ(p.calls[0].args[0].bytes.size(), 192u);
  EXPECT_EQ(p.calls[0].args[0].bytes[191], 'a') << "grown with the buffer's own bytes";
  // Either operand order; a size beyond the bound offers nothing.
  compared = {{.call = 0, .size = 8, .a = 192, .b = 3}};
  EXPECT_EQ(find_hints(t.plan, t.api, compared, t.put_call(192, 1, 7), 4096).at(0).value, 3u);
  compared = {{.call = 0, .size = 8, .a = 3, .b = 5000}};
  EXPECT_TRUE(find_hints(t.plan, t.api, compared, t.put_call(3, 1, 7), 4096).empty());
}

TEST(Hints, ElementCountResizesInElements) {
  HintsApi t;
  const FunctionPlan& sum = *t.plan.find("sum");
  ASSERT_EQ(sum.params[1].kind, SlotKind::Length);
  ASSERT_EQ(sum.params[0].unit_size, 8u);
  Program p;
  p.calls.push_back({static_cast<uint32_t>(t.plan.index_of("sum")), std::vector<Arg>(sum.params.size())});
  p.calls[0].args[0].bytes.assign(16, 1);  // two points
  std::vector<Comparison> compared = {{.call = 0, .size = 8, .a = 2, .b = 9}};
  Random rng(1);
  ASSERT_TRUE(apply_random_hint(t.plan, t.api, rng, compared, p, 4096));
  EXPECT_EQ(p.calls[0].args[0].bytes.size(), 72u);
}

TEST(Hints, IntegerTakesTheOtherOperandSignExtended) {
  HintsApi t;
  Program p = t.put_call(4, 5, 0);
  // A 32-bit comparison of mode (5) with -1.
  std::vector<Comparison> compared = {{.call = 0, .size = 4, .a = 5, .b = 0xFFFFFFFFu}};
  std::vector<Hint> hints = find_hints(t.plan, t.api, compared, p, 4096);
  ASSERT_EQ(hints.size(), 1u);
  EXPECT_EQ(hints[0].slot, 2u);
  apply_hint(t.plan, hints[0], p);
  EXPECT_EQ(static_cast<int64_t>(p.calls[0].args[2].bits), -1);
  // A wider comparison of the same value matches too; one whose high bits the int cannot
  // hold does not.
  compared = {{.call = 0, .size = 8, .a = 5, .b = 77}};
  EXPECT_EQ(find_hints(t.plan, t.api, compared, t.put_call(4, 5, 0), 4096).size(), 1u);
  compared = {{.call = 0, .size = 8, .a = 0x100000005ull, .b = 77}};
  EXPECT_TRUE(find_hints(t.plan, t.api, compared, t.put_call(4, 5, 0), 4096).empty());
}

TEST(Hints, StructFieldHoldingTheOperandIsWritten) {
  HintsApi t;
  Program p = t.put_call(4, 1, 1234);
  std::vector<Comparison> compared = {{.call = 0, .size = 4, .a = 1234, .b = 4321}};
  std::vector<Hint> hints = find_hints(t.plan, t.api, compared, p, 4096);
  ASSERT_EQ(hints.size(), 1u);
  EXPECT_EQ(hints[0].slot, 3u);
  EXPECT_EQ(hints[0].offset, 0u);
  apply_hint(t.plan, hints[0], p);
  int32_t x = 0;
  std::memcpy(&x, p.calls[0].args[3].bytes.data(), sizeof x);
  EXPECT_EQ(x, 4321);
}

TEST(Hints, FinalReleasesAndLaterCallsReachEarlierCallsByDistinctiveValues) {
  // A destructor checks a flag its constructor stored: the comparison comes at the final
  // releases (call index == the program's length), the value is an earlier call's argument.
  HintsApi t;
  Program p = t.put_call(4, 0x1234, 1);
  p.calls.push_back(t.put_call(4, 5, 1).calls[0]);
  std::vector<Comparison> compared = {{.call = 2, .size = 4, .a = 0x1234, .b = 0x5E5510FF}};
  std::vector<Hint> hints = find_hints(t.plan, t.api, compared, p, 4096);
  ASSERT_EQ(hints.size(), 1u);
  EXPECT_EQ(hints[0].call, 0u);
  EXPECT_EQ(hints[0].slot, 2u);
  EXPECT_EQ(hints[0].value, 0x5E5510FFu);
  // Small values match only within the call that compared them: 5 is everywhere.
  compared = {{.call = 2, .size = 4, .a = 5, .b = 0x5E5510FF}};
  EXPECT_TRUE(find_hints(t.plan, t.api, compared, p, 4096).empty());
  compared = {{.call = 1, .size = 4, .a = 5, .b = 0x5E5510FF}};
  EXPECT_EQ(find_hints(t.plan, t.api, compared, p, 4096).size(), 1u);
  // Past the final releases: nothing.
  compared = {{.call = 3, .size = 4, .a = 0x1234, .b = 0x5E5510FF}};
  EXPECT_TRUE(find_hints(t.plan, t.api, compared, p, 4096).empty());
}

TEST(Hints, MagicNumberInABuffersHeadIsRewrittenWhereItSits) {
  HintsApi t;
  Program p = t.put_call(12, 1, 1);
  const uint32_t seen = 0x61616161;  // "aaaa", as the library read it from data
  std::vector<Comparison> compared = {{.call = 0, .size = 4, .a = seen, .b = 0xB10BE47E}};
  std::vector<Hint> hints = find_hints(t.plan, t.api, compared, p, 4096);
  ASSERT_EQ(hints.size(), 9u);  // every offset of 12 bytes of 'a' that holds four of them
  apply_hint(t.plan, hints[0], p);
  uint32_t head = 0;
  std::memcpy(&head, p.calls[0].args[0].bytes.data(), sizeof head);
  EXPECT_EQ(head, 0xB10BE47Eu);
  // One-byte comparisons would match everywhere: none.
  compared = {{.call = 0, .size = 1, .a = 'a', .b = 'z'}};
  EXPECT_TRUE(find_hints(t.plan, t.api, compared, t.put_call(12, 1, 1), 4096).empty());
}

TEST(Hints, ZeroFieldsAreFieldsToo) {
  // The struct's fields are known: a zero field compared with 55 takes it (an unset height
  // checked against its minimum), and only fields do, not any zero bytes.
  HintsApi t;
  Program p = t.put_call(4, 9, 0);
  std::vector<Comparison> compared = {{.call = 0, .size = 4, .a = 0, .b = 55}};
  std::vector<Hint> hints = find_hints(t.plan, t.api, compared, p, 4096);
  ASSERT_EQ(hints.size(), 2u);  // x and y
  EXPECT_EQ(hints[0].offset, 0u);
  EXPECT_EQ(hints[1].offset, 4u);
  EXPECT_EQ(hints[1].width, 4u);
}

TEST(Hints, NothingFromComparisonsThatHeldOrOfOtherCalls) {
  HintsApi t;
  Program p = t.put_call(4, 9, 1);
  std::vector<Comparison> compared = {
      {.call = 0, .size = 4, .a = 9, .b = 9},     // held already
      {.call = 0, .size = 4, .a = 77, .b = 55},   // nothing held 77 or 55
      {.call = 3, .size = 4, .a = 9, .b = 10},    // no call 3
      {.call = 0, .size = 16, .a = 9, .b = 10}};  // no such width
  EXPECT_TRUE(find_hints(t.plan, t.api, compared, p, 4096).empty());
  Random rng(3);
  Program before = p;
  EXPECT_FALSE(apply_random_hint(t.plan, t.api, rng, compared, p, 4096));
  EXPECT_EQ(p, before);
}

}  // namespace
}  // namespace ffifuzz::program
