// [types.T.fields] on a struct the harness builds and passes by pointer (zstd's
// ZSTD_outBuffer {dst, size, pos}): its pointer field becomes a buffer with its length field,
// written over the struct's image, as for handles (docs/contracts.md).
#include <gtest/gtest.h>

#include "api_builder.h"
#include "program/plan.h"

namespace ffifuzz::program {
namespace {

using model::TypeKind;

struct WindowApi : test::ApiBuilder {
  model::Contracts contracts;

  // struct Window { unsigned char *data; unsigned long size; unsigned long pos; };
  // int window_fill(struct Window *w);
  WindowApi() {
    model::TypeId i32 = integer("int", 4, true);
    model::TypeId u8 = integer("unsigned char", 1, false);
    model::TypeId ulong = integer("unsigned long", 8, false);
    model::Type window;
    window.kind = TypeKind::Struct;
    window.name = "struct Window";
    window.complete = true;
    window.size = 24;
    window.align = 8;
    window.fields = {{"data", pointer_to(u8), 0, 0}, {"size", ulong, 64, 0}, {"pos", ulong, 128, 0}};
    model::TypeId window_t = add(window);
    function("window_fill", i32, {{"w", pointer_to(window_t)}});
  }
};

TEST(ObjectFields, APointerFieldWithALengthFieldIsABufferWrittenIntoTheStruct) {
  WindowApi t;
  model::TypeContract& window = t.contracts.types["struct Window"];
  window.fields["data"].len = model::Decided<std::string>{"size", {}};
  window.fields["pos"].value = model::Decided<std::string>{"0", {}};
  window.fields["pos"].fixed = model::FixedValue{false, 0, ""};
  ApiPlan plan = build_plan(t.api, t.contracts);
  const FunctionPlan* fill = plan.find("window_fill");
  ASSERT_TRUE(fill) << (plan.skipped.empty() ? "" : plan.skipped[0].reason);
  ASSERT_EQ(fill->arity, 1u);
  ASSERT_EQ(fill->params[0].kind, SlotKind::Object);
  ASSERT_EQ(fill->params.size(), 4u) << "data, its length, and pos follow the parameter";
  const Slot* data = nullptr;
  const Slot* size = nullptr;
  const Slot* pos = nullptr;
  for (size_t i = fill->arity; i < fill->params.size(); ++i) {
    const Slot& s = fill->params[i];
    EXPECT_EQ(s.field_of, 0);
    if (s.name == "w->data") data = &s;
    if (s.name == "w->size") size = &s;
    if (s.name == "w->pos") pos = &s;
  }
  ASSERT_TRUE(data && size && pos);
  EXPECT_EQ(data->kind, SlotKind::Buffer);
  EXPECT_EQ(data->field_offset, 0u);
  EXPECT_EQ(size->kind, SlotKind::Length);
  EXPECT_EQ(size->field_offset, 8u);
  EXPECT_EQ(&fill->params[static_cast<size_t>(data->partner)], size);
  EXPECT_EQ(pos->kind, SlotKind::Fixed);
  EXPECT_EQ(pos->field_offset, 16u);
}

TEST(ObjectFields, WithoutAContractTheStructHasNoFieldSlots) {
  WindowApi t;
  ApiPlan plan = build_plan(t.api, t.contracts);
  const FunctionPlan* fill = plan.find("window_fill");
  ASSERT_TRUE(fill);
  EXPECT_EQ(fill->params.size(), fill->arity);
}

}  // namespace
}  // namespace ffifuzz::program
