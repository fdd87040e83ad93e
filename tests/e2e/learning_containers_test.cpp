// Learning on Debian's libraries whose objects hold other objects (json-c, libcbor, libzip), as
// Debian ships them, header and .so only: what their 10-minute precision runs filed as bugs
// (docs/findings.md, "Triage") is learned as a contract gap, and what is the library's own stays a
// bug. Most tests replay such a run's program (tests/e2e/fixtures) under the rules of its time.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/files.h"
#include "support/learning.h"
#include "support/real_libs.h"
#include "support/subprocess.h"
#include "support/zoo.h"

namespace ffifuzz::test {
namespace {
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) { return ffifuzz::test::fresh_dir("learning", name); }

// json-c as Debian ships it, header and .so only: every object is a struct json_object, of the
// sort its constructor made (json_object_new_array, json_object_new_double, ...). What the
// harness broke is learned, never a bug: json_object_array_shrink given a double (its name says
// array: made_by the array constructors), json_object_iter_begin given a number (its comment
// says "MUST be of type json_object"), json_object_array_length given a string (its assert
// names json_type_array), lh_kchar_table_new asked for 2^27 entries (a range), its assert(size >
// 0) (a lower bound), json_object_array_shrink's own "called with negative empty_slots" abort.
// array_list_get_idx(array_list *al, size_t i) takes one list json-c releases, not an array
// paired with i; an item added to a container of its own type is never its own descendant.
TEST(Learning, JsonCObjectsOfAnotherSortAreLearnedNotBugs) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libjson-c.so", header = "/usr/include/json-c/json.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libjson-c-dev is missing: run scripts/setup.sh";
  ProcessResult inspect = run_process({FFIFUZZ_BIN, "inspect", "--lib", lib, "--header", header});
  ASSERT_EQ(inspect.exit_code, 0) << tail(inspect.out + inspect.err);
  EXPECT_EQ(inspect.out.find("adjacent (al, i)"), std::string::npos) << "array_list_get_idx's list is no buffer";
  EXPECT_NE(inspect.out.find("json_object_array_add is named like adding val to obj"), std::string::npos)
      << tail(inspect.out);
  fs::path dir = fresh_dir("json-c");
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--function",
                                 "json_object_array_shrink", "--function", "json_object_iter_begin", "--function",
                                 "json_object_array_length", "--function", "lh_kchar_table_new", "--function",
                                 "array_list_get_idx", "--out", out.string(), "--seed", "1", "--runs", "40000",
                                 "--keep-going"});  // 40,000: since NULL callbacks' contexts made more of json-c
                                                    // callable, each function gets fewer calls per run
  const std::string all = r.out + r.err;
  const std::string learned = read_file(out / "learned.toml");
  EXPECT_TRUE(has_rule(learned, "functions.json_object_array_shrink.params.jso",
                       "made_by = [\"json_object_new_array\", \"json_object_new_array_ext\"]")) << learned;
  EXPECT_TRUE(has_rule(learned, "functions.json_object_array_length.params.obj",
                       "made_by = [\"json_object_new_array\", \"json_object_new_array_ext\"]")) << learned;
  // Only the constructor's objects: json_object_object_get_ex's *value is borrowed from its
  // container (no releaser takes it since json_object_iter_end is no longer taken for one).
  EXPECT_TRUE(has_rule(learned, "functions.json_object_iter_begin.params.obj",
                       "made_by = [\"json_object_new_object\"]")) << learned;
  // The oversized request's bound, or its assert's (size > 0), whichever came last; on
  // lh_kchar_table_new, or on lh_table_new, which it calls with its size and which the run
  // also drives (whichever met it first: the other's occurrence is then the same finding).
  bool bounded = false;
  for (const char* fn : {"lh_kchar_table_new", "lh_table_new"})
    for (const char* range : {"range = [0, 1048576]", "range = [1, 1048577]"})
      bounded |= has_rule(learned, std::string("functions.") + fn + ".params.size", range);
  EXPECT_TRUE(bounded) << learned;
  // Likewise json_object_array_shrink's empty_slots, or array_list_shrink's, which it calls with
  // them and which the run drives too (array_list_get_idx's list).
  EXPECT_TRUE(has_rule(learned, "functions.json_object_array_shrink.params.empty_slots", "range = [0, 1048576]") ||
              has_rule(learned, "functions.array_list_shrink.params.empty_slots", "range = [0, 1048576]"))
      << learned;
  // Whatever else the run found (json_tokener_new_ex(depth = 0) reads past the empty stack it
  // allocated: json-c's own), none of it is in these functions and filed as a bug.
  for (const auto& [folder, finding] : finding_folders(out)) {
    if (finding.value("verdict", "") != "bug") continue;
    for (const char* fn : {"json_object_array_shrink", "array_list_shrink", "json_object_iter_begin",
                           "json_object_array_length", "lh_table_new", "lh_kchar_table_new", "array_list_get_idx"})
      EXPECT_EQ(folder.find(fn), std::string::npos) << folder << ": " << finding.dump(1);
  }
  fs::remove_all(dir);
}

// libcbor as Debian ships it: cbor_bytestring_set_handle on what cbor_build_bytestring had filled,
// and cbor_tag_set_item on a tag cbor_build_tag had given an item, replace what the object held
// without freeing it (libcbor's setters are for items made empty). The 10-minute precision run
// filed those leaks as libcbor's bugs; each is learned as the setter taking only objects the
// other constructors of its sort make, and a failed cbor_array_set ("true on success, false on
// allocation failure") as keeping nothing; a setter called twice on one item, as called once
// per object.
TEST(Learning, LibcborSetterOverAFilledItemIsAGap) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libcbor.so", header = "/usr/include/cbor.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libcbor-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("cbor-setters");
  const std::string contract =
      "[types.\"struct cbor_item_t\"]\nbase = true\n\n[functions.cbor_intermediate_decref]\nreleases = \"item\"\n\n"
         "[functions.cbor_bytestring_set_handle]\nreleases = \"data\"\nrequires = [\"cbor_bytestring_is_definite\"]\n\n"
         "[functions.cbor_build_bytestring.returns]\nowned_by = \"cbor_intermediate_decref\"\n"
         "[functions.cbor_new_definite_map.returns]\nowned_by = \"cbor_intermediate_decref\"\n"
         "[functions.cbor_new_undef.returns]\nowned_by = \"cbor_intermediate_decref\"\n"
         "[functions.cbor_build_tag.returns]\nowned_by = \"cbor_intermediate_decref\"\n"
         "[functions.cbor_new_definite_array.returns]\nowned_by = \"cbor_intermediate_decref\"\n"
         "[functions.cbor_new_indefinite_map.returns]\nowned_by = \"cbor_intermediate_decref\"\n"
         "[functions.cbor_new_tag.returns]\nowned_by = \"cbor_intermediate_decref\"\n"
         // What the run had learned, wrongly for a failed call: the array takes the value over.
         "[functions.cbor_array_set]\nsteals = \"value\"\n";
  const fs::path out = dir / "out";
  const std::string all = fuzz_fixture(lib, header, "libcbor_setters", out, contract);
  EXPECT_EQ(all.find("FINDING leak"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("cbor_bytestring_set_handle was given an object after cbor_build_bytestring had made one"),
            std::string::npos) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  EXPECT_NE(learned.find("[functions.cbor_bytestring_set_handle.params.item]\n# leak key"), std::string::npos) << learned;
  EXPECT_NE(learned.find("made_by = [\"cbor_new_definite_bytestring\", \"cbor_new_indefinite_bytestring\"]"),
            std::string::npos) << learned;
  EXPECT_NE(learned.find("[functions.cbor_tag_set_item.params.item]\n# leak key"), std::string::npos) << learned;
  EXPECT_NE(learned.find("made_by = [\"cbor_new_tag\"]"), std::string::npos) << learned;
  // Set twice on one tag cbor_new_tag made: the second set replaced the first item.
  EXPECT_NE(learned.find("[functions.cbor_tag_set_item]\n# leak key"), std::string::npos) << learned;
  EXPECT_NE(learned.find("once = true"), std::string::npos) << learned;
  EXPECT_NE(learned.find("[functions.cbor_array_set.returns]\n# leak key"), std::string::npos) << learned;
  EXPECT_NE(learned.find("success = 1"), std::string::npos) << learned;
  EXPECT_NE(learned.find("released_on_failure = false"), std::string::npos) << learned;
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// libcbor (Debian's), its owners stated. Three things a run met that were filed as bugs or
// learned wrongly:
// - cbor_copy of a tag cbor_new_tag made, whose item nobody set (cbor_tag_set_item): a NULL
//   inside the object. Learned as cbor_copy made_by every constructor of items but cbor_new_tag
//   (the sort of the object it was given, by replaying the run's lowering).
// - cbor_tag_set_item over the item cbor_build_tag had set, beside a tag cbor_new_tag made for
//   another object: the setter takes only what cbor_new_tag made, though the program used it.
// - cbor_array_get(array, 16) on an empty array: the header says it returns NULL "in case of
//   boundary violation", and it crashes: the library's bug, never learned away (it was learned
//   as cbor_array_set taking its value over).
TEST(Learning, LibcborIncompleteTagsAreGapsAndAnIndexTheHeaderSaysIsCheckedIsABug) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libcbor.so", header = "/usr/include/cbor.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libcbor-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("cbor-incomplete");
  std::ostringstream contract;
  contract << "[types.\"struct cbor_item_t\"]\nbase = true\n\n[functions.cbor_intermediate_decref]\nreleases = \"item\"\n";
  for (const char* maker : {"cbor_new_tag", "cbor_build_tag", "cbor_copy", "cbor_new_indefinite_array"})
    contract << "[functions." << maker << ".returns]\nowned_by = \"cbor_intermediate_decref\"\n";
  const fs::path out = dir / "out";
  const std::string all = fuzz_fixture(lib, header, "libcbor_incomplete", out, contract.str());
  EXPECT_EQ(all.find("FINDING leak"), std::string::npos) << tail(all);
  EXPECT_EQ(all.find("FINDING null-deref in cbor_copy"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("made by cbor_new_tag, which cbor_tag_set_item (named like setting what it reads) had not set up"),
            std::string::npos) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  const size_t copy = learned.find("[functions.cbor_copy.params.item]\n# null-deref key");
  ASSERT_NE(copy, std::string::npos) << learned;
  const std::string copy_rule = learned.substr(copy, learned.find('\n', learned.find("made_by", copy)) - copy);
  EXPECT_NE(copy_rule.find("\"cbor_build_tag\""), std::string::npos) << copy_rule;
  EXPECT_EQ(copy_rule.find("\"cbor_new_tag\""), std::string::npos) << copy_rule;
  EXPECT_NE(learned.find("[functions.cbor_tag_set_item.params.item]\n# leak key"), std::string::npos) << learned;
  EXPECT_NE(learned.find("made_by = [\"cbor_new_tag\"]"), std::string::npos) << learned;
  EXPECT_NE(all.find("FINDING null-deref in cbor_array_get"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("the header says cbor_array_get checks its index"), std::string::npos) << tail(all);
  EXPECT_EQ(learned.find("steals"), std::string::npos) << learned;
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// libcbor as Debian ships it, header and .so only: cbor_decref(cbor_item_t **item) releases the
// item its argument points at (the harness passes a live item by reference, never empty
// storage: a NULL dereference it would have made); cbor_tag_item(item) asserts it was given a
// tag (made_by cbor_new_tag is learned), and on a tag whose item cbor_tag_set_item never set
// follows a NULL (requires cbor_tag_set_item); cbor_incref owes one more release, and cbor_decref,
// like any unref, drops only one of the references. cbor_move drops a reference and frees nothing, for the argument of a
// call that takes one: the harness, which nests no calls, skips it and says why. No harness misuse is a bug. The one
// bugs a run may report are libcbor's own: 0.8.0's cbor_array_get indexes its array without the bounds check its header
// promises ("NULL in case of boundary violation"; cbor_array_replace beside it has the check), and an index past the
// allocation hands cbor_incref whatever pointer lies there (a tail call: the finding is named cbor_array_get, the call made);
// and cbor_load's out-of-memory on a declared array size (below).
TEST(Learning, LibcborItemsByReferenceTagsAndMovesAreNotBugs) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libcbor.so", header = "/usr/include/cbor.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libcbor-dev is missing: run scripts/setup.sh";
  ProcessResult move = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--function", "cbor_move",
                                    "--runs", "1"});
  EXPECT_EQ(move.exit_code, 2) << tail(move.out + move.err);
  EXPECT_NE(move.err.find("--function cbor_move: skipped:"), std::string::npos) << move.err;
  EXPECT_NE(move.err.find("hands a reference over to the call it is an argument of"), std::string::npos) << move.err;
  fs::path dir = fresh_dir("cbor");
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--function", "cbor_decref",
                                 "--function", "cbor_tag_item", "--function", "cbor_incref", "--out", out.string(),
                                 "--seed", "1", "--runs", "20000", "--keep-going"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(all.find("null-deref in cbor_decref"), std::string::npos) << tail(all);
  int bugs = 0;
  for (const auto& [folder, finding] : finding_folders(out)) {
    if (finding.value("verdict", "") != "bug") continue;
    ++bugs;
    // The call the library was in when it faulted: the trace's last call line before the report.
    const std::string report = read_file(out / "findings" / folder / "report.txt");
    const size_t at = report.rfind("ffifuzz: call #");
    const std::string line = at == std::string::npos ? "" : report.substr(at, report.find('\n', at) - at);
    // libcbor's other bug of its own: cbor_load of a few bytes that declare a huge definite
    // array allocates the declared size before reading any item (cbor_new_definite_array asks
    // for gigabytes). Runs reach cbor_load sooner now that short inputs are explored first.
    if (finding.value("class", "") == "out-of-memory" && finding.value("function", "") == "cbor_load" &&
        finding.value("first_library_frame", "").rfind("cbor_new_definite_array", 0) == 0)
      continue;
    EXPECT_NE(line.find(" cbor_array_get"), std::string::npos)
        << folder << " reported as a bug, not libcbor's cbor_array_get: " << finding.dump(1) << "\n" << report;
  }
  EXPECT_EQ(r.exit_code, bugs ? 1 : 0) << tail(all);
  if (!bugs) EXPECT_NE(all.find("ffifuzz: no bugs in "), std::string::npos) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  EXPECT_NE(learned.find("[functions.cbor_tag_item.params.item]"), std::string::npos) << learned;
  EXPECT_NE(learned.find("made_by = [\"cbor_new_tag\""), std::string::npos) << learned;
  // A tag cbor_new_tag made and cbor_tag_set_item never filled: cbor_tag_item follows its NULL
  // item. The setter named like the call is learned as its precondition, not a bug. (A short
  // run from that one program: longer ones reach cbor_load, whose leaked result the leak's
  // stack attributes to another constructor, a gap of the leak triage noted in the docs.)
  const fs::path seeds = dir / "seeds", out2 = dir / "out2";
  fs::create_directories(seeds);
  std::ofstream(seeds / "unset_tag.txt") << "# ffifuzz program v1\nr0 = cbor_new_tag(180);\ncbor_tag_item(r0);\n";
  ProcessResult unset = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--function", "cbor_tag_item",
                                     "--function", "cbor_tag_set_item", "--seed-corpus", seeds.string(), "--out",
                                     out2.string(), "--seed", "1", "--runs", "100"});
  const std::string unset_all = unset.out + unset.err;
  // Named after the call the harness made: cbor_tag_item tail-calls cbor_incref, the faulting frame.
  EXPECT_NE(unset_all.find("CONTRACT GAP null-deref in cbor_tag_item"), std::string::npos) << tail(unset_all);
  EXPECT_EQ(unset_all.find("ffifuzz: FINDING"), std::string::npos) << tail(unset_all);
  EXPECT_TRUE(has_rule(read_file(out2 / "learned.toml"), "functions.cbor_tag_item", "requires = [\"cbor_tag_set_item\"]"))
      << read_file(out2 / "learned.toml");
  fs::remove_all(dir);
}

// libzip as Debian ships it (never used before), header and .so only. Its header names no
// parameter: types and function names are all there is. Rules about unnamed parameters are
// written as #N and read back (before, the learner named them arg0 and every rule it tried
// was refused, so each leak stopped the run); the buffers the header gives no length for are
// paired with the size-wide integer after them (zip_fread is driven), and zip_fdopen's unnamed
// int is a file descriptor (skipped, as named ones are); zip_source_close undoes
// zip_source_open and zip_delete deletes an entry, neither releases; zip_discard does. A short
// run learns that zip_source_keep adds a reference, that zip_source_buffer_create keeps its
// data (freed with the source) when its third argument says so (learned as that flag at 0: the
// constructor stays callable), that zip_set_archive_comment's comment is as long as the
// integer after it, that zip_add takes its source over (the archive frees it), and that a
// zip_add returning -1 (a name already there) kept nothing: the source stays the caller's (no
// contract key could say that -1 means failure, and the leak was filed as libzip's bug), each
// from a program of tests/e2e/fixtures/libzip that meets it, and reports no bug.
TEST(Learning, LibzipWithNoParameterNamesLearnsInTheContractsOwnNames) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libzip.so", header = "/usr/include/zip.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libzip-dev is missing: run scripts/setup.sh";
  ProcessResult inspect = run_process({FFIFUZZ_BIN, "inspect", "--lib", lib, "--header", header});
  ASSERT_EQ(inspect.exit_code, 0) << tail(inspect.out + inspect.err);
  EXPECT_EQ(inspect.out.find("skipping zip_fread"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("skipped functions (2)"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("zip_fdopen: contract: takes a file descriptor (#1)"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("zip_discard is named like a releaser"), std::string::npos) << inspect.out;
  EXPECT_EQ(inspect.out.find("zip_source_close is named like a releaser"), std::string::npos) << inspect.out;
  EXPECT_EQ(inspect.out.find("zip_delete is named like a releaser"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("zip_error_fini releases what zip_error_init initializes"), std::string::npos) << inspect.out;
  fs::path dir = fresh_dir("libzip");
  const fs::path out = dir / "out";
  expect_no_bug_in(lib, header, out, "300", std::string(FFIFUZZ_SOURCE_DIR) + "/tests/e2e/fixtures/libzip");
  const std::string learned = read_file(out / "learned.toml");
  for (const char* rule : {"[functions.zip_source_keep]\n# leak key", "retains = \"#1\"",
                           "[functions.zip_source_buffer_create.params.\"#3\"]\n# invalid-free key", "value = 0",
                           "[functions.zip_set_archive_comment.params.\"#2\"]", "len = \"#3\"",
                           "[functions.zip_add]\n# null-deref key", "steals = \"#3\"",
                           "[functions.zip_add.returns]\n# leak key", "failure = -1", "released_on_failure = false"})
    EXPECT_NE(learned.find(rule), std::string::npos) << rule << " not learned:\n" << learned;
  // What it learned is a contract ffifuzz reads.
  ProcessResult again = run_process({FFIFUZZ_BIN, "inspect", "--lib", lib, "--header", header, "--contract",
                                     (out / "learned.toml").string()});
  EXPECT_EQ(again.exit_code, 0) << tail(again.out + again.err);
  EXPECT_NE(again.out.find("retains = true   [learned"), std::string::npos) << again.out;
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// json-c as Debian ships it: a run had learned that what json_c_shallow_copy_default gives back
// through its unnamed `json_object **dst` is released with free() (the only candidate while
// json_object_put was not yet known to release), and free() leaves the copy's insides: the
// array list inside a copied array leaked, filed as json-c's bug. With json_object_put known as
// the type's releaser, the guess is replaced by it.
TEST(Learning, JsonCopyGuessedFreedWithFreeIsReleasedWithTheTypesReleaser) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libjson-c.so", header = "/usr/include/json-c/json.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libjson-c-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("jsonc-copy");
  fs::create_directories(dir / "seeds");
  fs::create_directories(dir / "out");
  fs::copy_file(std::string(FFIFUZZ_SOURCE_DIR) + "/tests/e2e/fixtures/jsonc_shallow_copy_freed_with_free.txt",
                dir / "seeds" / "copy.txt");
  std::ofstream(dir / "contract.toml") << "[functions.json_object_put]\nreleases = \"obj\"\n\n"
                                          "[functions.json_object_new_array_ext.returns]\nowned_by = \"json_object_put\"\n";
  // What the earlier run learned (a learned rule, so a weaker source than the contract).
  std::ofstream(dir / "out" / "learned.toml") << "[functions.json_c_shallow_copy_default.params.\"#5\"]\n"
                                                 "owned_by = \"free\"\n";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--contract",
                                 (dir / "contract.toml").string(), "--seed-corpus", (dir / "seeds").string(), "--out",
                                 (dir / "out").string(), "--seed", "1", "--runs", "20", "--keep-going"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(all.find("FINDING leak"), std::string::npos) << tail(all);
  const std::string learned = read_file(dir / "out" / "learned.toml");
  EXPECT_NE(learned.find("[functions.json_c_shallow_copy_default.params.\"#5\"]\n# leak key"), std::string::npos)
      << learned;
  EXPECT_NE(learned.find("owned_by = \"json_object_put\""), std::string::npos) << learned;
  EXPECT_EQ(learned.find("owned_by = \"free\""), std::string::npos) << learned;
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// json-c as Debian ships it: json_object_array_put_idx(array, idx, val) takes val over, which
// nothing said; the harness released val at the end after the array had, and json-c, which ASan
// does not see into, asserted `jso->_ref_count > 0` instead of a double free showing. Its
// release asserting about a reference count teaches that the call that added the item to a
// container took it over; before, nothing was learned and the 10-minute run stopped early,
// meeting the assertion through every culprit.
TEST(Learning, JsonReferenceCountAtZeroTeachesThatTheContainerTookTheItemOver) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libjson-c.so", header = "/usr/include/json-c/json.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libjson-c-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("jsonc-put-idx");
  fs::create_directories(dir / "seeds");
  fs::copy_file(std::string(FFIFUZZ_SOURCE_DIR) + "/tests/e2e/fixtures/jsonc_put_idx_item_released_twice.txt",
                dir / "seeds" / "put_idx.txt");
  std::ofstream(dir / "contract.toml") << "[functions.json_object_put]\nreleases = \"obj\"\n\n"
                                          "[functions.json_object_new_array_ext.returns]\nowned_by = \"json_object_put\"\n\n"
                                          "[functions.json_object_new_int.returns]\nowned_by = \"json_object_put\"\n";
  const fs::path out = dir / "out";
  ProcessResult r = run_process({FFIFUZZ_BIN, "fuzz", "--lib", lib, "--header", header, "--contract",
                                 (dir / "contract.toml").string(), "--seed-corpus", (dir / "seeds").string(), "--out",
                                 out.string(), "--seed", "1", "--runs", "20", "--keep-going"});
  const std::string all = r.out + r.err;
  EXPECT_EQ(r.exit_code, 0) << tail(all);
  EXPECT_EQ(all.find("ffifuzz: FINDING"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("CONTRACT GAP abort in json_object_put"), std::string::npos) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  EXPECT_NE(learned.find("[functions.json_object_array_put_idx]\n# abort key"), std::string::npos) << learned;
  EXPECT_NE(learned.find("steals = \"val\""), std::string::npos) << learned;
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// libzip as Debian ships it: zip_source_buffer_fragment_create(fragments, n, freep, error) keeps
// an array of zip_buffer_fragment_t {data, length}; the harness points each data at a small
// block of its own and fuzzed each length apart from it, and what read the fragments later
// (zip_open_from_source, zip_close of an archive a fragment source was added to) crashed: both
// were filed as libzip's bugs in the 10-minute precision run. The harness's made-up fragments
// are learned to hold nothing (length = 0), alone, and together with zip_add taking its source
// over when both are needed.
TEST(Learning, LibzipMadeUpFragmentsHoldNothing) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libzip.so", header = "/usr/include/zip.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libzip-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("libzip-fragments");
  const fs::path out = dir / "out";
  const std::string all = fuzz_fixture(lib, header, "libzip_fragments", out,
                                       "[functions.zip_source_buffer_fragment_create.params.\"#3\"]\nvalue = 0\n", "20");
  EXPECT_EQ(all.find("ffifuzz: FINDING"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("an array of const struct zip_buffer_fragment the harness made up"), std::string::npos) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  EXPECT_NE(learned.find("[types.zip_buffer_fragment_t.fields]\n# "), std::string::npos) << learned;
  EXPECT_NE(learned.find("length = { value = 0 }"), std::string::npos) << learned;
  EXPECT_NE(learned.find("steals = \"#3\""), std::string::npos) << learned;
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

// libzip (Debian's), header and .so only, three things a 10-minute run filed as bugs:
// - zip_error_strerror's `const char *` text is the library's (its static "No error", or text
//   its zip_error_t keeps): learned as owned by free, the harness freed static text. What leaked
//   was the text zip_error_init_with_code lost by initializing the live error afresh: learned
//   as `initializes`, and no owner for the const result.
// - zip_open_from_source, learned to take its source over, returned NULL: it kept nothing, and
//   the source leaked. Learned as `returns.failure = 0` (NULL) with `released_on_failure = false`.
// And one real bug: zip_file_set_encryption called twice on an entry leaks the first password
// (libzip 1.7.3 overwrites it without freeing it): still a bug.
TEST(Learning, LibzipErrorTextAndAFailedOpenAreGapsAndAPasswordSetTwiceIsABug) {
  const std::string lib = "/usr/lib/x86_64-linux-gnu/libzip.so", header = "/usr/include/zip.h";
  ASSERT_TRUE(fs::exists(lib) && fs::exists(header)) << "libzip-dev is missing: run scripts/setup.sh";
  fs::path dir = fresh_dir("libzip-error-text");
  const fs::path out = dir / "out";
  const std::string all = fuzz_fixture(lib, header, "libzip_error_text_and_failed_open", out,
                                       "[functions.zip_open_from_source]\nsteals = \"#1\"\n\n"
                                       "[functions.zip_open.returns]\nowned_by = \"zip_discard\"\n",
                                       "20");
  EXPECT_EQ(all.find("FINDING wild-access"), std::string::npos) << tail(all);
  EXPECT_EQ(all.find("FINDING leak in zip_error_strerror"), std::string::npos) << tail(all);
  EXPECT_EQ(all.find("FINDING leak in zip_open_from_source"), std::string::npos) << tail(all);
  EXPECT_NE(all.find("FINDING leak in zip_file_set_encryption"), std::string::npos) << tail(all);
  const std::string learned = read_file(out / "learned.toml");
  EXPECT_EQ(learned.find("[functions.zip_error_strerror.returns]"), std::string::npos) << learned;
  EXPECT_NE(learned.find("[functions.zip_error_init_with_code]\n# leak key"), std::string::npos) << learned;
  EXPECT_NE(learned.find("initializes = \"#1\""), std::string::npos) << learned;
  EXPECT_NE(learned.find("[functions.zip_open_from_source.returns]\n# leak key"), std::string::npos) << learned;
  EXPECT_NE(learned.find("failure = 0"), std::string::npos) << learned;
  EXPECT_NE(learned.find("released_on_failure = false"), std::string::npos) << learned;
  if (!testing::Test::HasFailure()) fs::remove_all(dir);
}

}  // namespace
}  // namespace ffifuzz::test
