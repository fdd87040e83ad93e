// exec: the executor on a real library (tests/unit/exec/fixtures), with the model read from
// its real header: what it hands the library is valid for the types the header declares,
// also in the calls it makes itself at the end of a program.
#include <gtest/gtest.h>

#include "contract/merge.h"
#include "contract/naming.h"
#include "exec/executor.h"
#include "exec/library.h"
#include "header/parse_header.h"
#include "program/text_form.h"

namespace ffifuzz::exec {
namespace {

struct Fixture {
  header::ParsedHeader parsed;
  model::Contracts contracts;
  program::ApiPlan plan;
  Library library{FFIFUZZ_EXEC_FIXTURE_LIB};
  FfiFrames frames;

  Fixture()
      : parsed(header::parse_header({.headers = {std::string(FFIFUZZ_SOURCE_DIR) +
                                                 "/tests/unit/exec/fixtures/release_by_value.h"}})),
        contracts(contract::merge_contracts(parsed.model, {contract::infer_from_names(parsed.model)})),
        plan(program::build_plan(parsed.model, contracts)),
        frames(parsed.model) {}

  Executor executor() {
    std::vector<void*> addresses;
    for (const program::FunctionPlan& f : plan.functions) addresses.push_back(library.resolve(f.name));
    return Executor(parsed.model, plan, frames, addresses, {});
  }
  int32_t last_release() {
    auto fn = reinterpret_cast<int32_t (*)()>(library.resolve("box_last_release"));
    return fn();
  }
};

TEST(Executor, ReleasesAtTheEndWithValidStructArguments) {
  Fixture f;
  const program::FunctionPlan* release = f.plan.find("box_free");
  ASSERT_TRUE(release);
  ASSERT_TRUE(release->is_releaser);
  ASSERT_EQ(release->params[1].kind, program::SlotKind::Record);
  ASSERT_EQ(f.plan.find("box_new")->ret, program::ReturnKind::OwnedHandle);
  // The program never releases the box: the executor does, passing the plainest struct.
  program::Program p = program::from_text(f.plan, f.parsed.model, "r0 = box_new(4);\n", "test");
  Executor e = f.executor();
  e.run(p);
  EXPECT_EQ(f.last_release(), 0) << "1: the enum was not a declared value; 2: the pointer field was NULL";
}

TEST(Executor, StructArgumentsFromProgramsKeepTheirValuesAndGetPointers) {
  Fixture f;
  program::Program p = program::from_text(f.plan, f.parsed.model,
                                          "r0 = box_new(4);\nbox_free(r0, (struct options){.mode = MODE_WIPE});\n", "test");
  Executor e = f.executor();
  e.run(p);
  EXPECT_EQ(f.last_release(), 0);
}

}  // namespace
}  // namespace ffifuzz::exec
