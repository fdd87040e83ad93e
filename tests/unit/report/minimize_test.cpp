// program/minimize (tested here with the findings it serves): with a stand-in for the
// replay, the minimizer drops the calls and bytes a finding does not need, makes values
// plain, never reports a candidate it did not check, and stops at its budget.
#include <gtest/gtest.h>

#include "program/minimize.h"

namespace ffifuzz::program {
namespace {

using model::TypeKind;

// int magic(int x); void noise(int y); int sum(const uint8_t *data, size_t len);
struct SmallApi {
  model::ApiModel api;
  model::Contracts contracts;
  ApiPlan plan;

  model::TypeId add(model::Type t) {
    api.types.push_back(std::move(t));
    return static_cast<model::TypeId>(api.types.size() - 1);
  }
  SmallApi() {
    model::TypeId void_t = add({.kind = TypeKind::Void, .name = "void"});
    model::TypeId i32 = add({.kind = TypeKind::Int, .name = "int", .size = 4, .align = 4, .is_signed = true});
    model::TypeId u8 = add({.kind = TypeKind::Int, .name = "const unsigned char", .size = 1, .align = 1, .is_const = true});
    model::TypeId size = add({.kind = TypeKind::Int, .name = "unsigned long", .size = 8, .align = 8});
    model::TypeId bytes = add({.kind = TypeKind::Pointer, .name = "const unsigned char *", .size = 8, .align = 8, .pointee = u8});
    api.functions.push_back({.name = "magic", .ret = i32, .params = {{"x", i32}}});
    api.functions.push_back({.name = "noise", .ret = void_t, .params = {{"y", i32}}});
    api.functions.push_back({.name = "sum", .ret = i32, .params = {{"data", bytes}, {"len", size}}});
    plan = build_plan(api, contracts);
  }
  uint32_t fn(const char* name) const { return static_cast<uint32_t>(plan.index_of(name)); }
  Call call(const char* name, uint64_t bits) const {
    Call c;
    c.fn = fn(name);
    c.args.resize(plan.functions[c.fn].params.size());
    c.args[0].bits = bits;
    return c;
  }
};

TEST(Minimize, KeepsOnlyWhatTheFindingNeeds) {
  SmallApi s;
  ASSERT_EQ(s.plan.functions.size(), 3u);
  Program p;
  for (int i = 0; i < 6; ++i) p.calls.push_back(s.call("noise", 1000 + i));
  p.calls.push_back(s.call("magic", 7));
  Call buffer = s.call("sum", 0);
  buffer.args[0].bytes = std::vector<uint8_t>(300, 0x41);
  p.calls.push_back(buffer);
  for (int i = 0; i < 6; ++i) p.calls.push_back(s.call("noise", 2000 + i));
  normalize(s.plan, s.api, p);

  // The "finding": magic(7) followed later by sum() of at least 100 bytes.
  auto reproduces = [&](const Program& q) {
    bool seen_magic = false;
    for (const Call& c : q.calls) {
      if (c.fn == s.fn("magic") && c.args[0].bits == 7) seen_magic = true;
      if (seen_magic && c.fn == s.fn("sum") && c.args[0].bytes.size() >= 100) return true;
    }
    return false;
  };
  int calls = 0;
  MinimizeStats stats;
  Program small = minimize(s.plan, s.api, p, [&](const Program& q) { ++calls; return reproduces(q); }, 200, stats);
  EXPECT_TRUE(reproduces(small));
  ASSERT_EQ(small.calls.size(), 2u);
  EXPECT_EQ(small.calls[0].fn, s.fn("magic"));
  EXPECT_EQ(small.calls[0].args[0].bits, 7u);  // not simplified away: it matters
  EXPECT_EQ(small.calls[1].args[0].bytes.size(), 100u);  // shrunk by bisection to the edge
  EXPECT_EQ(small.calls[1].args[0].bytes, std::vector<uint8_t>(100, 0));  // contents made plain
  EXPECT_EQ(stats.checks, calls);
  EXPECT_FALSE(stats.out_of_budget);
  EXPECT_LT(stats.checks, 80);
}

TEST(Minimize, ByteLevelWhereTheContentsMatterInPart) {
  SmallApi s;
  Program p;
  Call buffer = s.call("sum", 0);
  buffer.args[0].bytes = std::vector<uint8_t>(3357, 0x41);  // 3357 = 16 * 209 + 13
  buffer.args[0].bytes[0] = 0xAB;
  p.calls.push_back(buffer);
  normalize(s.plan, s.api, p);
  // The "finding" (like rust_oob's block_checksum): a length of 13 mod 16 and a magic first
  // byte. Halving a prefix cannot keep the length's residue, and zeroing it all loses the
  // magic: only the byte-level steps shrink it.
  auto reproduces = [&](const Program& q) {
    for (const Call& c : q.calls)
      if (c.fn == s.fn("sum") && c.args[0].bytes.size() % 16 == 13 && c.args[0].bytes[0] == 0xAB) return true;
    return false;
  };
  MinimizeStats stats;
  Program small = minimize(s.plan, s.api, p, reproduces, 200, stats);
  ASSERT_EQ(small.calls.size(), 1u);
  std::vector<uint8_t> expected(13, 0);
  expected[0] = 0xAB;
  EXPECT_EQ(small.calls[0].args[0].bytes, expected);
  EXPECT_FALSE(stats.out_of_budget);
}

TEST(Minimize, ValuesGoTowardZeroAndOne) {
  SmallApi s;
  Program p;
  p.calls.push_back(s.call("magic", 123456));
  normalize(s.plan, s.api, p);
  MinimizeStats stats;
  // Any magic() call with a nonzero value reproduces: 1 is the plainest such value.
  Program small = minimize(
      s.plan, s.api, p, [&](const Program& q) { return !q.calls.empty() && q.calls[0].args[0].bits != 0; }, 50, stats);
  ASSERT_EQ(small.calls.size(), 1u);
  EXPECT_EQ(small.calls[0].args[0].bits, 1u);
}

TEST(Minimize, StopsAtTheBudget) {
  SmallApi s;
  Program p;
  for (int i = 0; i < 20; ++i) p.calls.push_back(s.call("noise", 5 + i));
  normalize(s.plan, s.api, p);
  MinimizeStats stats;
  Program small = minimize(s.plan, s.api, p, [](const Program&) { return false; }, 10, stats);
  EXPECT_EQ(stats.checks, 10);
  EXPECT_TRUE(stats.out_of_budget);
  EXPECT_EQ(small, p);  // nothing reproduced: the input stands
}

}  // namespace
}  // namespace ffifuzz::program
