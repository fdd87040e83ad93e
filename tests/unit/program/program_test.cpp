// program layer: the plan's decisions, the codec's totality and round trips, and that every
// generated or mutated program stays valid for its plan.
#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <set>

#include "api_builder.h"
#include "program/codec.h"
#include "program/generate.h"
#include "program/mutate.h"
#include "program/storage.h"
#include "program/text_form.h"
#include "model/error.h"
#include "program/values.h"

namespace ffifuzz::program {
namespace {

using model::TypeKind;

// A small API, built by hand: an opaque handle with constructor, user and releaser; a
// buffer with its length; a C string; an enum; a struct by value; a nullable pointer.
struct TestApi : test::ApiBuilder {
  model::Contracts contracts;

  TestApi() {
    model::Type v;
    v.kind = TypeKind::Void;
    v.name = "void";
    model::TypeId void_t = add(v);
    model::TypeId i32 = integer("int", 4, true);
    model::TypeId u8 = integer("unsigned char", 1, false);
    model::TypeId size_t_ = integer("unsigned long", 8, false);
    model::TypeId chr = integer("char", 1, true);
    model::Type cchr = api.types[chr];
    cchr.is_const = true;
    cchr.name = "const char";
    model::TypeId cstr = pointer_to(add(cchr));
    model::Type opaque;
    opaque.kind = TypeKind::Struct;
    opaque.name = "struct Box";
    model::TypeId box = pointer_to(add(opaque));
    model::Type color;
    color.kind = TypeKind::Enum;
    color.name = "enum Color";
    color.size = color.align = 4;
    color.underlying = i32;
    color.enumerators = {{"RED", 1}, {"GREEN", 7}, {"BLUE", 42}};
    model::TypeId color_t = add(color);
    model::Type point;
    point.kind = TypeKind::Struct;
    point.name = "struct Point";
    point.complete = true;
    point.size = 8;
    point.align = 4;
    point.fields = {{"x", i32, 0, 0}, {"y", i32, 32, 0}};
    model::TypeId point_t = add(point);

    function("box_new", box, {{"n", i32}});
    function("box_put", i32, {{"b", box}, {"data", pointer_to(u8)}, {"len", size_t_}});
    function("box_name", i32, {{"b", box}, {"name", cstr}, {"color", color_t}, {"at", point_t}});
    function("box_free", void_t, {{"b", box}});

    auto& put = contracts.functions["box_put"];
    put.params["data"].len = model::Decided<model::LenSpec>{{"len", model::LenUnit::Bytes}, {}};
    contracts.functions["box_new"].ret.owned_by = model::Decided<std::string>{"box_free", {}};
    contracts.functions["box_free"].params["b"].releases = model::Decided<bool>{true, {}};
    contracts.functions["box_free"].params["b"].nullable = model::Decided<bool>{true, {}};
  }
};

TEST(Plan, ReadsContractsIntoSlots) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  ASSERT_EQ(plan.functions.size(), 4u);
  const FunctionPlan* put = plan.find("box_put");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->params[0].kind, SlotKind::Handle);
  EXPECT_EQ(put->params[1].kind, SlotKind::Buffer);
  EXPECT_EQ(put->params[2].kind, SlotKind::Length);
  EXPECT_EQ(put->params[2].partner, 1);
  const FunctionPlan* name = plan.find("box_name");
  EXPECT_EQ(name->params[1].kind, SlotKind::CString);
  EXPECT_EQ(name->params[2].kind, SlotKind::Int);
  EXPECT_EQ(name->params[3].kind, SlotKind::Record);
  const FunctionPlan* ctor = plan.find("box_new");
  EXPECT_EQ(ctor->ret, ReturnKind::OwnedHandle);
  EXPECT_EQ(ctor->releaser, plan.index_of("box_free"));
  EXPECT_TRUE(plan.find("box_free")->params[0].releases);
  EXPECT_TRUE(plan.find("box_free")->is_releaser);
}

TEST(Plan, OwnedResultWithoutCallableReleaserIsSkipped) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts, {{"box_free", "not exported"}});
  EXPECT_EQ(plan.index_of("box_new"), -1);
  bool said = false;
  for (const SkippedFunction& s : plan.skipped) said |= s.name == "box_new" && s.reason.find("box_free") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(Plan, FocusKeepsProducersReleasersAndUsers) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  std::vector<std::string> out = functions_outside_focus(plan, {"box_put"});
  EXPECT_TRUE(out.empty()) << "box_new produces, box_free releases, box_name uses the handle";
}

// Two kinds of handle: the focus takes an A; a_join, another user of A, takes a B too. The
// focus keeps A's producer, releaser and users, and what a_join needs to run (B's producer
// and releaser), but not the other users of B: the API does not come back whole.
TEST(Plan, FocusKeepsItsOwnHandlesUsersNotTheirUsersUsers) {
  test::ApiBuilder b;
  model::Type v;
  v.kind = TypeKind::Void;
  v.name = "void";
  model::TypeId void_t = b.add(v);
  model::TypeId i32 = b.integer("int", 4, true);
  model::Type a, bb;
  a.kind = bb.kind = TypeKind::Struct;
  a.name = "struct A";
  bb.name = "struct B";
  model::TypeId pa = b.pointer_to(b.add(a)), pb = b.pointer_to(b.add(bb));
  b.function("a_new", pa, {});
  b.function("a_free", void_t, {{"a", pa}});
  b.function("a_len", i32, {{"a", pa}});
  b.function("a_join", i32, {{"a", pa}, {"b", pb}});
  b.function("b_new", pb, {});
  b.function("b_free", void_t, {{"b", pb}});
  b.function("b_poke", i32, {{"b", pb}});
  b.function("b_setup", i32, {{"b", pb}});
  model::Contracts c;
  c.functions["a_new"].ret.owned_by = model::Decided<std::string>{"a_free", {}};
  c.functions["a_free"].params["a"].releases = model::Decided<bool>{true, {}};
  c.functions["b_new"].ret.owned_by = model::Decided<std::string>{"b_free", {}};
  c.functions["b_free"].params["b"].releases = model::Decided<bool>{true, {}};
  c.functions["a_join"].requires_calls = model::Decided<std::vector<std::string>>{{"b_setup"}, {}};
  ApiPlan plan = build_plan(b.api, c);
  EXPECT_EQ(functions_outside_focus(plan, {"a_len"}), std::vector<std::string>{"b_poke"})
      << "b_setup stays: a_join requires it";
  EXPECT_TRUE(functions_outside_focus(plan, {"a_len", "b_poke"}).empty());
}

TEST(Codec, AnyBytesDecodeToAValidProgram) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Random rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::vector<uint8_t> junk(rng.below(300));
    for (uint8_t& b : junk) b = static_cast<uint8_t>(rng.next());
    Program p = decode(plan, t.api, junk);
    Program again = p;
    normalize(plan, t.api, again);
    ASSERT_EQ(p, again) << "decode must yield a normalized program";
    ASSERT_LE(p.calls.size(), kMaxCalls);
    for (const Call& c : p.calls) ASSERT_EQ(c.args.size(), plan.functions[c.fn].params.size());
  }
}

TEST(Codec, EncodeDecodeRoundTrips) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Generator gen(plan, t.api);
  Random rng(11);
  for (int round = 0; round < 500; ++round) {
    Program p = gen.program(rng);
    std::vector<uint8_t> bytes = encode(plan, t.api, p);
    ASSERT_TRUE(has_current_version(bytes));
    EXPECT_EQ(decode(plan, t.api, bytes), p);
  }
}

TEST(Values, EnumsTakeDeclaredValuesAndIntsTheirWidth) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  const Slot& color = plan.find("box_name")->params[2];
  for (uint64_t raw : {0ull, 1ull, 7ull, 42ull, 43ull, 0xffffffffull})
    EXPECT_TRUE(std::set<uint64_t>({1, 7, 42}).count(normalize_int(t.api, color, raw))) << raw;
  EXPECT_EQ(normalize_int(t.api, color, 42), 42u);
  const Slot& n = plan.find("box_new")->params[0];
  EXPECT_EQ(normalize_int(t.api, n, 0x1'ffff'ffffull), ~uint64_t{0}) << "int is 32-bit, sign-extended";
}

// A range on a float or double parameter: every value normalize lets through is inside it
// (NaN and the infinities included), values inside are kept bit for bit.
TEST(Values, FloatRangeHoldsEveryValueInside) {
  test::ApiBuilder b;
  model::Type dbl;
  dbl.kind = TypeKind::Float;
  dbl.name = "double";
  dbl.size = dbl.align = 8;
  model::Type flt = dbl;
  flt.name = "float";
  flt.size = flt.align = 4;
  Slot d, f;
  d.kind = f.kind = SlotKind::Float;
  d.value_type = b.add(dbl);
  f.value_type = b.add(flt);
  d.real_range = f.real_range = model::RealRange{0.0, 0.1};
  const double specials[] = {0.05, -0.0, 0.1, 0.1000001, -3.0, 1e308, -1e308, 7.77,
                             std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::denorm_min()};
  for (double v : specials) {
    double out_d;
    const uint64_t bd = normalize_float(b.api, d, float_bits(v, false));
    std::memcpy(&out_d, &bd, 8);
    EXPECT_TRUE(out_d >= 0.0 && out_d <= 0.1) << v << " -> " << out_d;
    float out_f;
    const uint32_t bf = static_cast<uint32_t>(normalize_float(b.api, f, float_bits(v, true)));
    std::memcpy(&out_f, &bf, 4);
    EXPECT_TRUE(out_f >= 0.0 && out_f <= 0.1) << v << " -> " << out_f << " (float)";
  }
  EXPECT_EQ(normalize_float(b.api, d, float_bits(0.05, false)), float_bits(0.05, false));
  // Without a range, any bits are a value.
  d.real_range.reset();
  EXPECT_EQ(normalize_float(b.api, d, float_bits(1e308, false)), float_bits(1e308, false));
}

// A range on a length bounds its buffer: longer data is cut, shorter is zero-filled, and
// whatever the mutator does the buffer stays in the range.
TEST(Values, LengthRangeBoundsItsBuffer) {
  TestApi t;
  t.contracts.functions["box_put"].params["len"].range = model::Decided<model::IntRange>{{2, 100}, {}};
  ApiPlan plan = build_plan(t.api, t.contracts);
  const FunctionPlan* put = plan.find("box_put");
  ASSERT_EQ(put->params[1].partner, 2);
  ASSERT_TRUE(put->params[2].range);
  EXPECT_EQ(put->params[2].range->max, 100);
  Program p;
  p.calls.push_back({static_cast<uint32_t>(plan.index_of("box_put")), {{}, {}, {}}});
  p.calls[0].args[1].bytes.assign(3000, 'x');
  normalize(plan, t.api, p);
  EXPECT_EQ(p.calls[0].args[1].bytes, std::vector<uint8_t>(100, 'x'));
  p.calls[0].args[1].bytes = {'y'};
  normalize(plan, t.api, p);
  EXPECT_EQ(p.calls[0].args[1].bytes, std::vector<uint8_t>({'y', 0}));
  Mutator mutator(plan, t.api, nullptr);
  Random rng(5);
  int checked = 0;
  for (int round = 0; round < 2000; ++round) {
    mutator.mutate(rng, p);
    for (const Call& c : p.calls)
      if (c.fn == static_cast<uint32_t>(plan.index_of("box_put"))) {
        ASSERT_LE(c.args[1].bytes.size(), 100u);
        ASSERT_GE(c.args[1].bytes.size(), 2u);
        ++checked;
      }
  }
  EXPECT_GT(checked, 1000) << "the mutated programs must keep calling box_put for the bound to be tested";
}

// While length control holds inputs short, no buffer a mutation makes is longer than the
// bound; a buffer already longer keeps its length (it is not cut, nor grown).
TEST(Mutator, BoundedBuffersNeverGrowPastTheBound) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  ASSERT_GT(plan.max_buffer_bytes, 600u);
  Mutator mutator(plan, t.api, [](uint8_t* d, size_t n, size_t max) {
    // A byte mutator that grows as far as it is allowed: the bound must come from the caller.
    std::memset(d + n, 'g', max - n);
    return max;
  });
  mutator.generator().bound_buffers(64);
  EXPECT_EQ(mutator.generator().max_buffer_bytes(), 64u);
  const uint32_t put = static_cast<uint32_t>(plan.index_of("box_put"));
  Random rng(11);
  size_t longest = 0, put_calls = 0;
  for (int round = 0; round < 3000; ++round) {
    Program p = mutator.generator().program(rng);
    mutator.mutate(rng, p);
    for (const Call& c : p.calls)
      if (c.fn == put) ++put_calls, longest = std::max(longest, c.args[1].bytes.size());
  }
  EXPECT_LE(longest, 64u);
  EXPECT_GT(longest, 32u) << "buffers must still reach the bound";
  EXPECT_GT(put_calls, 1000u);

  // A buffer already longer than the bound is not grown, and not cut to it either.
  size_t kept_long = 0, longest_from_long = 0;
  for (int round = 0; round < 3000; ++round) {
    Program p;
    p.calls.push_back({put, {{}, {}, {}}});
    p.calls[0].args[1].bytes.assign(500, 'L');
    normalize(plan, t.api, p);
    mutator.mutate(rng, p);
    for (const Call& c : p.calls)
      if (c.fn == put && !c.args[1].bytes.empty() && c.args[1].bytes[0] == 'L') {
        longest_from_long = std::max(longest_from_long, c.args[1].bytes.size());
        kept_long += c.args[1].bytes.size() == 500;
      }
  }
  EXPECT_EQ(longest_from_long, 500u);
  EXPECT_GT(kept_long, 1000u);
  mutator.generator().bound_buffers(SIZE_MAX);
  EXPECT_EQ(mutator.generator().max_buffer_bytes(), plan.max_buffer_bytes);
}

// The call bound holds for every program the generator makes and every mutation and
// crossover grows (driver/length_control.h keeps programs short first); a program already
// longer is neither grown nor cut to it.
TEST(Mutator, BoundedProgramsNeverGrowPastTheCallBound) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Mutator mutator(plan, t.api, [](uint8_t*, size_t n, size_t) { return n; });
  mutator.generator().bound_calls(3);
  EXPECT_EQ(mutator.generator().max_calls(), 3u);
  Random rng(5);
  size_t longest = 0, longest_crossed = 0;
  for (int round = 0; round < 3000; ++round) {
    Program p = mutator.generator().program(rng);
    longest = std::max(longest, p.calls.size());
    for (int m = 0; m < 4; ++m) {
      mutator.mutate(rng, p);
      longest = std::max(longest, p.calls.size());
    }
    Program q = mutator.generator().program(rng);
    Program child;
    mutator.crossover_into(rng, p, q, child);
    longest_crossed = std::max(longest_crossed, child.calls.size());
  }
  EXPECT_EQ(longest, 3u) << "programs must still reach the bound";
  EXPECT_LE(longest_crossed, 3u);

  Program many;
  mutator.generator().bound_calls(SIZE_MAX);
  while (many.calls.size() < 10) mutator.generator().append_call(rng, many, 0);
  normalize(plan, t.api, many);
  ASSERT_GE(many.calls.size(), 10u);
  mutator.generator().bound_calls(3);
  size_t grown = 0, cut = 0;
  for (int round = 0; round < 1000; ++round) {
    Program p = many;
    mutator.mutate(rng, p);
    grown += p.calls.size() > many.calls.size();
    cut += p.calls.size() < many.calls.size() - 3;  // at most three removals in one mutation
  }
  EXPECT_EQ(grown, 0u);
  EXPECT_EQ(cut, 0u);
  mutator.generator().bound_calls(SIZE_MAX);
  EXPECT_EQ(mutator.generator().max_calls(), kMaxCalls);
}

// A range that allows no length leaves the function out, with the reason.
TEST(Plan, LengthRangeBelowZeroIsUnplannable) {
  TestApi t;
  t.contracts.functions["box_put"].params["len"].range = model::Decided<model::IntRange>{{-5, -1}, {}};
  ApiPlan plan = build_plan(t.api, t.contracts);
  EXPECT_EQ(plan.index_of("box_put"), -1);
  bool said = false;
  for (const SkippedFunction& s : plan.skipped) said |= s.name == "box_put" && s.reason.find("allows no length") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(Mutator, MutatedProgramsStayValidAndChange) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Mutator mutator(plan, t.api, nullptr);
  Generator gen(plan, t.api);
  Random rng(3);
  int changed = 0;
  for (int round = 0; round < 1000; ++round) {
    Program p = gen.program(rng), before = p;
    mutator.mutate(rng, p);
    Program again = p;
    normalize(plan, t.api, again);
    ASSERT_EQ(p, again);
    changed += !(p == before);
  }
  EXPECT_GT(changed, 900);
}

// program/storage: the fuzz loop's copies and resizes reuse kept storage; the programs they
// make must be exactly those of plain vector operations, whatever the storage held before.
TEST(Storage, CopiesResizesAndErasesMakeThePlainOperationsPrograms) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Generator gen(plan, t.api);
  Random rng(11);
  Program dirty = gen.program(rng);
  for (int round = 0; round < 500; ++round) {
    Program a = gen.program(rng);
    copy_into(a, dirty);
    ASSERT_EQ(dirty, a);
    // Grown elements are default-valued even when they come from storage that held values.
    Program grown = a;
    const size_t n = a.calls.size();
    resize_calls(dirty.calls, n + 2);
    grown.calls.resize(n + 2);
    ASSERT_EQ(dirty, grown);
    if (n == 0) continue;
    resize_args(dirty.calls[0].args, a.calls[0].args.size() + 3);
    grown.calls[0].args.resize(a.calls[0].args.size() + 3);
    ASSERT_EQ(dirty, grown);
    const size_t at = rng.below(n);
    erase_call(dirty.calls, at);
    grown.calls.erase(grown.calls.begin() + static_cast<long>(at));
    ASSERT_EQ(dirty, grown);
  }
}

TEST(Storage, MutationAndCrossoverDoNotDependOnWhatTheStorageHeld) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Mutator mutator(plan, t.api, nullptr);
  Generator gen(plan, t.api);
  Random rng(5);
  Program reused = gen.program(rng), child_reused = gen.program(rng);
  for (int round = 0; round < 500; ++round) {
    Program a = gen.program(rng), b = gen.program(rng);
    const uint64_t seed = rng.next();
    Program fresh = a;
    Random r1(seed), r2(seed);
    mutator.mutate(r1, fresh);
    copy_into(a, reused);
    mutator.mutate(r2, reused);
    ASSERT_EQ(reused, fresh) << "round " << round;
    Program child;
    Random r3(seed), r4(seed);
    mutator.crossover_into(r3, a, b, child);
    mutator.crossover_into(r4, a, b, child_reused);
    ASSERT_EQ(child_reused, child) << "round " << round;
  }
}

TEST(Storage, AKeptCallComesBackWithItsStorage) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Generator gen(plan, t.api);
  Random rng(2);
  Program a;
  while (a.calls.empty() || a.calls.back().args.empty()) a = gen.program(rng);
  Program b;
  copy_into(a, b);
  const Arg* storage = b.calls.back().args.data();
  resize_calls(b.calls, b.calls.size() - 1);  // the last call goes to the pool, storage and all
  copy_into(a, b);
  EXPECT_EQ(b.calls.back().args.data(), storage);
  EXPECT_EQ(b, a);
}

TEST(Generator, SeedsCallEveryFunctionAfterItsProducers) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  std::vector<Program> seeds = Generator(plan, t.api).seeds();
  ASSERT_EQ(seeds.size(), plan.functions.size());
  for (size_t i = 0; i < seeds.size(); ++i) {
    ASSERT_FALSE(seeds[i].calls.empty());
    EXPECT_EQ(seeds[i].calls.back().fn, i);
    if (plan.functions[i].name == "box_put") EXPECT_EQ(plan.functions[seeds[i].calls.front().fn].name, "box_new");
  }
}

TEST(TextForm, PrintedProgramsReadBackToTheSameText) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Generator gen(plan, t.api);
  Random rng(5);
  for (int round = 0; round < 500; ++round) {
    Program p = gen.program(rng);
    std::string text = to_text(plan, t.api, p);
    Program back = from_text(plan, t.api, text, "round.txt");
    ASSERT_EQ(to_text(plan, t.api, back), text);
    ASSERT_EQ(back.calls.size(), p.calls.size());
    for (size_t i = 0; i < p.calls.size(); ++i)
      for (size_t k = 0; k < p.calls[i].args.size(); ++k)
        if (plan.functions[p.calls[i].fn].params[k].kind != SlotKind::Handle)
          ASSERT_EQ(back.calls[i].args[k], p.calls[i].args[k]) << text;
  }
}

TEST(TextForm, HandWrittenProgram) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Program p = from_text(plan, t.api,
                        "# ffifuzz program v1\n"
                        "r0 = box_new(3);\n"
                        "box_put(r0, \"ab\\x00c\", 99);   // the length is derived: 4\n"
                        "box_name(r0, \"hi\", BLUE, (struct Point){.x = -1, .y = 0x10});\n"
                        "box_free(r0);\n",
                        "hand.txt");
  ASSERT_EQ(p.calls.size(), 4u);
  EXPECT_EQ(p.calls[1].args[1].bytes, (std::vector<uint8_t>{'a', 'b', 0, 'c'}));
  EXPECT_EQ(p.calls[2].args[2].bits, 42u);
  EXPECT_EQ(p.calls[2].args[3].bytes, (std::vector<uint8_t>{0xff, 0xff, 0xff, 0xff, 0x10, 0, 0, 0}));
  EXPECT_NE(to_text(plan, t.api, p).find("box_put(r0, \"ab\\x00c\", 4);"), std::string::npos);
}

TEST(TextForm, ErrorsNameTheLine) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  auto error_of = [&](const std::string& text) {
    try {
      from_text(plan, t.api, text, "bad.txt");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_of("r0 = box_new(1);\nbox_nope(r0);\n"), "bad.txt:2:1: no function 'box_nope' in the library's API");
  EXPECT_EQ(error_of("box_new(1, 2);"),
            "bad.txt:1:10: expected ')' to end the call to box_new (it takes 1 argument), found ','");
  EXPECT_NE(error_of("box_new(\"x\");").find("argument 1 ('n') of box_new: expected an integer"), std::string::npos);
  EXPECT_NE(error_of("box_name(r5, \"a\", RED, (struct Point){});").find("r5 is not a live struct Box"), std::string::npos);
  EXPECT_NE(error_of("r0 = box_new(1);\nbox_name(r0, \"a\", PURPLE, (struct Point){});").find("'PURPLE' is not a value of"),
            std::string::npos);
  EXPECT_NE(error_of("r0 = box_new(1);\nbox_put(r0, NULL, 0);").find("NULL is not allowed"), std::string::npos);
}

// A syntax error is reported where it is, with what was expected there and what was found
// (it used to read "box_new takes 1 arguments" whatever the mistake).
TEST(TextForm, SyntaxErrorsNameLineColumnAndWhatWasExpected) {
  TestApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  auto error_of = [&](const std::string& text) {
    try {
      from_text(plan, t.api, text, "bad.txt");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_of("# ffifuzz program v1\nr0 = box_new(1;\n"),
            "bad.txt:2:15: expected ')' to end the call to box_new (it takes 1 argument), found ';'");
  EXPECT_EQ(error_of("r0 = box_new;\n"), "bad.txt:1:13: expected '(' after box_new, found ';'");
  EXPECT_EQ(error_of("r0 = box_new(1);\nbox_put(r0 \"ab\", 2);\n"),
            "bad.txt:2:12: expected ',' between arguments of box_put (it takes 3 arguments), found '\"'");
  EXPECT_EQ(error_of("r0 = box_new(1);\nbox_put(r0, \"ab\");\n"), "bad.txt:2:17: box_put takes 3 arguments, found 2");
  EXPECT_EQ(error_of("r0 = box_new(1) box_free(r0);\n"),
            "bad.txt:1:17: expected the end of the line after the call, found 'box_free'");
  EXPECT_EQ(error_of("r0 = (1);\n"), "bad.txt:1:6: expected a call, NAME(ARGS); or rN = NAME(ARGS);, found '('");
  EXPECT_EQ(error_of("box_new(\"x\");"), "bad.txt:1:9: argument 1 ('n') of box_new: expected an integer, found '\"'");
}

}  // namespace
}  // namespace ffifuzz::program
