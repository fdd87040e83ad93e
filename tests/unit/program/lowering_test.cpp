// program/lowering: the decisions the executor, emit-c and the text form share (which object a
// handle slot gets, which calls are not made and why, what is released at the end), and the
// trace lines that carry a run's results to emit-c (program/call_trace).
#include <gtest/gtest.h>

#include "api_builder.h"
#include "program/call_trace.h"
#include "program/lowering.h"
#include "program/plan.h"
#include "program/text_form.h"

namespace ffifuzz::program {
namespace {

using model::TypeKind;

// box_new / box_ref (adds a reference) / box_use / box_free, with box_use requiring box_open.
struct RefApi : test::ApiBuilder {
  model::Contracts contracts;
  RefApi() {
    model::Type v;
    v.kind = TypeKind::Void;
    v.name = "void";
    model::TypeId void_t = add(v);
    model::TypeId i32 = integer("int", 4, true);
    model::Type opaque;
    opaque.kind = TypeKind::Struct;
    opaque.name = "struct Box";
    model::TypeId box = pointer_to(add(opaque));
    function("box_new", box, {});
    function("box_ref", void_t, {{"b", box}});
    function("box_open", i32, {{"b", box}});
    function("box_use", i32, {{"b", box}});
    function("box_free", void_t, {{"b", box}});
    function("box_destroy", void_t, {{"b", box}});
    function("box_give", i32, {{"b", box}});  // steals b; 0 is success
    function("box_put", i32, {{"b", box}, {"item", box}});  // steals item, not b
    contracts.functions["box_put"].params["item"].releases = model::Decided<bool>{true, {}};
    function("box_new_round", box, {});
    function("box_round_roll", i32, {{"b", box}});  // takes only what box_new_round made
    contracts.functions["box_new_round"].ret.owned_by = model::Decided<std::string>{"box_free", {}};
    function("box_attach", i32, {{"parent", box}, {"child", box}});  // parent adopts child
    contracts.functions["box_attach"].params["child"].adopted_by = model::Decided<std::string>{"parent", {}};
    function("box_wrap", box, {{"inner", box}});  // the new box keeps inner
    contracts.functions["box_wrap"].params["inner"].adopted_by = model::Decided<std::string>{"return", {}};
    contracts.functions["box_wrap"].ret.owned_by = model::Decided<std::string>{"box_free", {}};
    function("box_unref_at", void_t, {{"b", pointer_to(box)}});  // releases *b and NULLs it
    contracts.functions["box_unref_at"].params["b"].releases = model::Decided<bool>{true, {}};
    contracts.functions["box_destroy"].params["b"].releases = model::Decided<bool>{true, {}};
    contracts.functions["box_new"].ret.owned_by = model::Decided<std::string>{"box_free", {}};
    contracts.functions["box_free"].params["b"].releases = model::Decided<bool>{true, {}};
    contracts.functions["box_ref"].params["b"].retains = model::Decided<bool>{true, {}};
    contracts.functions["box_use"].requires_calls = model::Decided<std::vector<std::string>>{{"box_open"}, {}};
    contracts.functions["box_give"].params["b"].releases = model::Decided<bool>{true, {}};
    contracts.functions["box_give"].ret.success = model::Decided<int64_t>{0, {}};
  }
};

Call call(const ApiPlan& plan, const char* name, uint64_t selector = 0) {
  Call c;
  c.fn = static_cast<uint32_t>(plan.index_of(name));
  c.args.assign(plan.functions[c.fn].params.size(), Arg{});
  for (Arg& a : c.args) a.bits = selector;
  return c;
}

int some_object;

// Runs `calls` through a lowering the way the executor does, every constructor giving an
// object unless `null_results` names its index; returns the lowered calls and the releases.
struct Lowered {
  std::vector<LoweredCall> calls, releases;
};
Lowered lower_all(const ApiPlan& plan, const std::vector<Call>& calls, std::set<size_t> null_results = {},
                  std::set<size_t> failed = {}) {
  Lowering lowering(plan);
  Lowered out;
  for (size_t i = 0; i < calls.size(); ++i) {
    LoweredCall l;
    lowering.lower(calls[i], i, l);
    out.calls.push_back(l);
    if (!l.made()) continue;
    CallOutcome o;
    if (plan.functions[l.fn].ret == ReturnKind::OwnedHandle && !null_results.count(i)) o.result = &some_object;
    o.failed = failed.count(i) > 0;
    lowering.record(l, o);
  }
  LoweredCall r;
  while (lowering.next_release(r)) {
    out.releases.push_back(r);
    if (r.made()) lowering.record(r, {});
  }
  return out;
}

TEST(Lowering, ARetainerOwesOneMoreRelease) {
  RefApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  ASSERT_TRUE(plan.find("box_ref")->params[0].retains);
  Lowered r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_ref")});
  ASSERT_TRUE(r.calls[1].made());
  ASSERT_EQ(r.releases.size(), 2u);  // box_free twice, on the same object
  for (const LoweredCall& rel : r.releases) {
    EXPECT_TRUE(rel.made());
    EXPECT_EQ(plan.functions[rel.fn].name, "box_free");
  }
}

// A reference a retainer added is the same object: attaching the object to that reference
// (cbor_array_push(cbor_incref(a), a)) makes it its own descendant, a cycle no release frees.
TEST(Lowering, AnObjectIsNeverAttachedToAReferenceOfItself) {
  RefApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Call attach = call(plan, "box_attach");
  attach.args[0].bits = 1;  // the reference box_ref added
  attach.args[1].bits = 0;  // the object box_new made
  Lowered r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_ref"), attach});
  ASSERT_TRUE(r.calls[1].made());
  EXPECT_EQ(r.calls[2].skip, Skip::Cycle);
  // Two objects: attaching one to the other is made.
  Lowered two = lower_all(plan, {call(plan, "box_new"), call(plan, "box_new"), attach});
  EXPECT_TRUE(two.calls[2].made());
}

// A new object that keeps the one it was made from (cbor_build_tag(value, item)) is that
// one's parent: attaching it below what it keeps is a cycle; attaching the kept one to it is not.
TEST(Lowering, AnObjectIsNeverAttachedBelowWhatItKeeps) {
  RefApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  ASSERT_EQ(plan.find("box_wrap")->params[0].adopted_by, kAdoptedByResult);
  Call attach = call(plan, "box_attach");
  attach.args[0].bits = 0;  // the inner box
  attach.args[1].bits = 1;  // the wrapper
  Lowered r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_wrap"), attach});
  ASSERT_TRUE(r.calls[1].made());
  EXPECT_EQ(r.calls[2].skip, Skip::Cycle);
  Lowered two = lower_all(plan, {call(plan, "box_new"), call(plan, "box_new"), attach});
  EXPECT_TRUE(two.calls[2].made());
}

// Another releasing function (a destroy beside the unref) ends the object and every reference
// added to it: nothing is left to release or to pass.
TEST(Lowering, ADestroyEndsEveryReference) {
  RefApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Lowered r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_ref"), call(plan, "box_destroy"), call(plan, "box_open")});
  EXPECT_TRUE(r.calls[2].made());
  EXPECT_EQ(r.calls[3].skip, Skip::NoLiveHandle);
  EXPECT_TRUE(r.releases.empty());
}

TEST(Lowering, ANullResultMakesNoObjectAndLaterCallsSayWhy) {
  RefApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Lowered r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_open")}, {0});
  EXPECT_EQ(r.calls[1].skip, Skip::NoLiveHandle);
  EXPECT_EQ(skip_reason(plan, r.calls[1]), "no live struct Box for 'b'");
  EXPECT_TRUE(r.releases.empty());
}

TEST(Lowering, RequiresIsJudgedOnTheObjectAndNamedInTheReason) {
  RefApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Lowered r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_use"), call(plan, "box_open"), call(plan, "box_use")});
  EXPECT_EQ(r.calls[1].skip, Skip::Requires);
  EXPECT_EQ(skip_reason(plan, r.calls[1]), "requires box_open first");
  EXPECT_TRUE(r.calls[3].made());
}

// The text form names handles and marks calls not made by the same lowering.
TEST(Lowering, TextFormMarksCallsNotMadeWithTheirReason) {
  RefApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Program p;
  p.calls = {call(plan, "box_new"), call(plan, "box_use"), call(plan, "box_ref")};
  std::string text = to_text(plan, t.api, p);
  EXPECT_NE(text.find("box_use(r0);  // not made: requires box_open first"), std::string::npos) << text;
  EXPECT_NE(text.find("box_ref(r0);\n"), std::string::npos) << text;
  EXPECT_EQ(from_text(plan, t.api, text, "t.txt"), p);
}

TEST(CallTrace, LinesReadBackAndStopAtTheSecondRun) {
  std::string log = "noise\n" + trace_call_line(0, "box_new") + trace_result_line(0, "NULL", false, false) +
                    trace_skip_line(1, "box_open", "no live struct Box for 'b'") + trace_call_line(2, "box_init") +
                    trace_result_line(2, "-1", true, true) + trace_release_line("box_free") +
                    trace_call_line(0, "box_new") + trace_result_line(0, "non-NULL", false, false);
  std::vector<TracedCall> calls = read_traced_calls(log);
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_TRUE(calls[0].made && calls[0].null_result);  // the first run's, not the second's
  EXPECT_FALSE(calls[1].made);
  EXPECT_EQ(calls[1].skip_reason, "no live struct Box for 'b'");
  EXPECT_TRUE(calls[2].failed && calls[2].no_object);
  EXPECT_EQ(trace_lines(log).size(), 6u);
  EXPECT_EQ(last_traced_function(log), "box_new");
  EXPECT_EQ(last_traced_call(log + trace_release_line("box_free")), -1);
  EXPECT_EQ(last_traced_function(log + trace_release_line("free")), "box_new");  // free is not the library's
}

// A stealing call that failed: by default it released all the same (jansson's *_new
// setters); with released_on_failure = false it kept nothing and released nothing, and the
// object is the caller's to release at the end.
TEST(Lowering, AFailedStealReleasesOnlyWhenTheContractSaysSo) {
  RefApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Lowered r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_give")}, {}, {1});
  ASSERT_TRUE(r.calls[1].made());
  EXPECT_TRUE(r.releases.empty());
  t.contracts.functions["box_give"].released_on_failure = model::Decided<bool>{false, {}};
  plan = build_plan(t.api, t.contracts);
  r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_give")}, {}, {1});
  ASSERT_EQ(r.releases.size(), 1u);
  EXPECT_EQ(plan.functions[r.releases[0].fn].name, "box_free");
  // A call that succeeded took it, whatever the key says.
  r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_give")});
  EXPECT_TRUE(r.releases.empty());
  // Having done nothing, the failed call leaves its object fit for any later call.
  r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_give"), call(plan, "box_open")}, {}, {1});
  EXPECT_TRUE(r.calls[2].made()) << skip_reason(plan, r.calls[2]);
}

// After a failed call on an object (returns.success said so), the object is fit only for its
// releaser: a call that takes another object over (yaml_emitter_emit steals its event, not its
// emitter) is not made on it; the object's own releaser is.
TEST(Lowering, AfterAFailureOnlyWhatReleasesTheObjectItselfIsMade) {
  RefApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  Call put = call(plan, "box_put");
  put.args[0].bits = 0;  // b: the first box
  put.args[1].bits = 1;  // item: the second
  Lowered r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_new"), call(plan, "box_open"), put,
                               call(plan, "box_destroy")},
                        {}, {2});
  ASSERT_TRUE(r.calls[2].made());
  EXPECT_EQ(r.calls[3].skip, Skip::AfterFailure) << skip_reason(plan, r.calls[3]);
  EXPECT_TRUE(r.calls[4].made()) << skip_reason(plan, r.calls[4]);
  // Without the failure, the same call is made.
  r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_new"), call(plan, "box_open"), put});
  EXPECT_TRUE(r.calls[3].made()) << skip_reason(plan, r.calls[3]);
}

// A released T **: the object is *b, passed by reference (libcbor's cbor_decref(&item)), and
// it is released like any other.
TEST(Lowering, AReleasedPointerToAHandleIsTheHandleByReference) {
  RefApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  const Slot& b = plan.find("box_unref_at")->params[0];
  EXPECT_EQ(b.kind, SlotKind::Handle);
  EXPECT_TRUE(b.by_reference);
  EXPECT_EQ(b.handle_key, "struct Box");
  Lowered r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_unref_at")});
  ASSERT_TRUE(r.calls[1].made()) << skip_reason(plan, r.calls[1]);
  EXPECT_TRUE(r.releases.empty());
}

// made_by: a slot takes only the objects those functions made, in the executor's lowering and
// the text form alike; with none of them live the call is not made.
TEST(Lowering, MadeByPicksOnlyTheNamedConstructorsObjects) {
  RefApi t;
  t.contracts.functions["box_round_roll"].params["b"].made_by =
      model::Decided<std::vector<std::string>>{{"box_new_round"}, {}};
  ApiPlan plan = build_plan(t.api, t.contracts);
  Lowered r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_round_roll")});
  EXPECT_EQ(r.calls[1].skip, Skip::NoLiveHandle);
  for (uint64_t selector : {0, 1, 2, 7}) {
    r = lower_all(plan, {call(plan, "box_new"), call(plan, "box_new_round"), call(plan, "box_new"),
                         call(plan, "box_round_roll", selector)});
    ASSERT_TRUE(r.calls[3].made()) << selector;
    EXPECT_EQ(r.calls[3].entries[0], 1) << selector;  // the ledger's second entry: call 1's object
  }
  Program p;
  p.calls = {call(plan, "box_new"), call(plan, "box_new_round"), call(plan, "box_round_roll")};
  const std::string text = to_text(plan, t.api, p);
  EXPECT_NE(text.find("box_round_roll(r1);"), std::string::npos) << text;
  EXPECT_EQ(from_text(plan, t.api, text, "t.txt"), p);
  std::string wrong = text;
  wrong.replace(wrong.find("box_round_roll(r1)"), 18, "box_round_roll(r0)");
  EXPECT_THROW(from_text(plan, t.api, wrong, "t.txt"), std::exception);
}

}  // namespace
}  // namespace ffifuzz::program
