// report layer: finding classes from the sanitizers' own words, and finding identity (the
// dedup key) as ClusterFuzz keys a crash state: the fault, READ/WRITE, and the library's
// innermost frames, never line numbers. On real reports (fixtures/, see
// fixtures/sources/README.md for the few not recorded from a zoo target).
#include <gtest/gtest.h>

#include <regex>

#include "keyed_report.h"
#include "report/finding_classes.h"
#include "report/frames.h"

namespace ffifuzz::report {
namespace {

const std::set<std::string> kRwApi = {"rw_record", "rw_hex_digit"};

// Moves every line number of `file` in a report down by `lines`, as an edit above would.
std::string insert_lines_above(const std::string& text, const std::string& file, int lines) {
  std::regex line_re(file + R"(:(\d+))");
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), line_re);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    out += text.substr(last, it->position(0) - last);
    out += file + ":" + std::to_string(std::stoi((*it)[1]) + lines);
    last = it->position(0) + it->length(0);
  }
  return out + text.substr(last);
}

TEST(Classify, EachSanitizerReportIsItsOwnClass) {
  struct Case {
    const char* fixture;
    const char* library;
    const char* function;
    const char* finding_class;
    const char* access;
  } cases[] = {
      {"c_rw_overflow-rw_record-write", "libc_rw_overflow.so", "rw_record", "heap-overflow", "WRITE"},
      {"c_rw_overflow-rw_record-read", "libc_rw_overflow.so", "rw_record", "heap-overflow", "READ"},
      {"c_rw_overflow-rw_hex_digit-asan", "libc_rw_overflow.so", "rw_hex_digit", "global-buffer-overflow", "READ"},
      {"c_rw_overflow-rw_hex_digit-ubsan", "libc_rw_overflow.so", "rw_hex_digit", "index-out-of-bounds", ""},
      {"regions-stack_fill", "libregions.so", "stack_fill", "stack-buffer-overflow", "WRITE"},
      {"regions-stack_dangle", "libregions.so", "stack_dangle", "stack-use-after-return", "READ"},
      {"regions-null_store", "libregions.so", "null_store", "null-deref", "WRITE"},
      {"c_mixed-mix_deep_a", "libc_mixed.so", "mix_deep_a", "use-after-free", "WRITE"},
      {"c_bugs-bugs_msg_free", "libc_bugs.so", "bugs_msg_free", "invalid-free", ""},
      {"rust_double_free-session_destroy", "librust_double_free.so", "session_destroy", "double-free", ""},
      // Rust's empty Vec points at its alignment (0x1 for bytes), never at NULL: a fault in the
      // first page from Rust code is reading past the empty buffer, not a NULL dereference.
      {"rust_dangle-first_byte", "librust_dangle.so", "first_byte", "heap-overflow", "READ"},
  };
  for (const Case& c : cases) {
    Keyed k = keyed(fixture(c.fixture), c.library, {c.function});
    EXPECT_EQ(k.c.finding_class, c.finding_class) << c.fixture << ": " << k.c.message;
    EXPECT_EQ(k.c.function, c.function) << c.fixture;
    EXPECT_EQ(k.c.access, c.access) << c.fixture;
    EXPECT_NE(find_finding_class(k.c.finding_class), nullptr) << c.fixture;
  }
  EXPECT_EQ(keyed(fixture("c_rw_overflow-rw_record-write"), "libc_rw_overflow.so", kRwApi).c.access_size, 1u);
}

// The issue's case: UBSan's "index 16 out of bounds for type 'const char[16]'" in one run and
// ASan's global-buffer-overflow of the same read in another are one finding, so a ci
// baseline that accepted one accepts the other.
TEST(Identity, UbsanAndAsanReportsOfOneFaultAreOneKey) {
  Keyed ubsan = keyed(fixture("c_rw_overflow-rw_hex_digit-ubsan"), "libc_rw_overflow.so", kRwApi);
  Keyed asan = keyed(fixture("c_rw_overflow-rw_hex_digit-asan"), "libc_rw_overflow.so", kRwApi);
  EXPECT_NE(ubsan.c.finding_class, asan.c.finding_class);
  EXPECT_EQ(ubsan.key.hex, asan.key.hex) << ubsan.key.signature << " vs " << asan.key.signature;
  EXPECT_EQ(asan.key.signature, "out-of-bounds|rw_hex_digit");
}

TEST(Identity, AReadAndAWriteOverflowInOneFunctionAreTwoKeys) {
  Keyed write = keyed(fixture("c_rw_overflow-rw_record-write"), "libc_rw_overflow.so", kRwApi);
  Keyed read = keyed(fixture("c_rw_overflow-rw_record-read"), "libc_rw_overflow.so", kRwApi);
  EXPECT_EQ(write.c.finding_class, read.c.finding_class);
  EXPECT_EQ(write.c.function, read.c.function);
  EXPECT_NE(write.key.hex, read.key.hex);
  EXPECT_EQ(write.key.signature, "out-of-bounds|WRITE|rw_record");
  EXPECT_EQ(read.key.signature, "out-of-bounds|rw_record");
}

TEST(Identity, OneFaultSeenByTheGuardPageOrAsanIsOneKey) {
  // Without ASan the same write is caught by the guard page behind the harness's buffer.
  Keyed asan = keyed(fixture("rust_oob-frame_seal"), "librust_oob.so", {"frame_seal"});
  EXPECT_EQ(fault_of(asan.c.finding_class), fault_of("guard-page-overflow"));
  EXPECT_EQ(fault_of("stack-buffer-overflow"), "out-of-bounds");
  EXPECT_EQ(fault_of("index-out-of-bounds"), "out-of-bounds");
  EXPECT_EQ(fault_of("use-after-free"), "use-after-free");
}

TEST(Identity, KeysSurviveLinesInsertedAboveTheFault) {
  struct Case {
    const char* fixture;
    const char* library;
    const char* file;
    std::set<std::string> api;
  } cases[] = {
      {"c_rw_overflow-rw_record-write", "libc_rw_overflow.so", "c_rw_overflow.c", kRwApi},
      {"c_rw_overflow-rw_hex_digit-ubsan", "libc_rw_overflow.so", "c_rw_overflow.c", kRwApi},
      {"c_bugs-bugs_scale", "libc_bugs.so", "arith.c", {"bugs_scale"}},  // UBSan with no stack
      {"rust_panic-lookup_get", "librust_panic.so", "lib.rs", {"lookup_get", "decode_mode"}},
      {"rust_leaks-blob_checksum", "librust_leaks.so", "lib.rs", {"blob_checksum", "blob_validate"}},
  };
  for (const Case& c : cases) {
    const std::string text = fixture(c.fixture);
    const std::string edited = insert_lines_above(text, c.file, 7);
    ASSERT_NE(text, edited) << c.fixture << ": no line of " << c.file;
    Keyed before = keyed(text, c.library, c.api);
    Keyed after = keyed(edited, c.library, c.api);
    EXPECT_EQ(before.key.hex, after.key.hex) << c.fixture << ": " << before.key.signature << " vs "
                                             << after.key.signature;
    EXPECT_NE(before.c.site + before.c.first_library_frame, after.c.site + after.c.first_library_frame)
        << c.fixture << ": lines are shown";
  }
}

// A libFuzzer timeout in a stripped library: its frames symbolize as the nearest symbol left,
// _init, which names nothing. The hang is keyed on the exported call that never returned,
// wherever the alarm interrupted it.
TEST(Identity, TimeoutsKeyOnTheCallThatHung) {
  auto report = [](const std::string& fn, const std::string& offset) {
    return "ffifuzz: call #0 " + fn + "\n==9== ERROR: libFuzzer: timeout after 10 seconds\n"
           "    #0 0x55d0 in __sanitizer_print_stack_trace (/x/ffifuzz+0x3c)\n"
           "    #1 0x55d1 in fuzzer::Fuzzer::AlarmCallback() (/x/ffifuzz+0x4c)\n"
           "    #2 0x7f00 in _init (/usr/lib/libz.so.1+" + offset + ")\n"
           "    #3 0x7f01 in " + fn + " (/usr/lib/libz.so.1+0x2000)\n"
           "    #4 0x7f05 in ffi_call_unix64 (/lib/libffi.so.8+0x7052)\n";
  };
  const std::set<std::string> api = {"inflate", "deflate"};
  Keyed a = keyed(report("inflate", "0x1234"), "libz.so.1", api);
  Keyed a_elsewhere = keyed(report("inflate", "0x1890"), "libz.so.1", api);
  Keyed b = keyed(report("deflate", "0x1234"), "libz.so.1", api);
  EXPECT_EQ(a.c.finding_class, "timeout");
  EXPECT_EQ(a.key.signature, "timeout|inflate");
  EXPECT_EQ(a.key.hex, a_elsewhere.key.hex);
  EXPECT_NE(a.key.hex, b.key.hex);
  EXPECT_EQ(a.c.first_library_frame.find("_init"), std::string::npos) << a.c.first_library_frame;
}

// Leaks allocated through the library's own malloc wrapper: the wrapper is on every leak's
// stack, so its callers name the leak.
TEST(Identity, LeaksThroughAnAllocatorWrapperKeyOnItsCallers) {
  auto report = [](const std::string& caller) {
    return "ffifuzz: call #0 ares_set_sortlist\n==7==ERROR: LeakSanitizer: detected memory leaks\n\n"
           "Direct leak of 32 byte(s) in 1 object(s) allocated from:\n"
           "    #0 0x55d0 in malloc (/x/ffifuzz+0x3c)\n"
           "    #1 0x7f00 in ares_malloc /src/c-ares/ares_library_init.c:50:10\n"
           "    #2 0x7f01 in " + caller + " /src/c-ares/ares_sortlist.c:120:3\n"
           "    #3 0x7f02 in ares_set_sortlist /src/c-ares/ares_sortlist.c:200:3\n"
           "    #4 0x7f05 in ffi_call_unix64 (/lib/libffi.so.8+0x7052)\n";
  };
  const std::set<std::string> api = {"ares_set_sortlist"};
  Keyed a = keyed(report("sortlist_alloc_entry"), "libcares.so.2", api);
  Keyed b = keyed(report("parse_sortlist"), "libcares.so.2", api);
  EXPECT_EQ(a.c.finding_class, "leak");
  EXPECT_EQ(a.key.signature, "leak|sortlist_alloc_entry");
  EXPECT_NE(a.key.hex, b.key.hex);
  EXPECT_TRUE(is_allocator_wrapper("ares_malloc"));
  EXPECT_TRUE(is_allocator_wrapper("pool_alloc"));
  EXPECT_FALSE(is_allocator_wrapper("sortlist_alloc_entry"));
}

TEST(ReportRules, EveryRuleGivesAClassOfTheTableAndEveryKindHasARule) {
  for (const ReportRule& r : report_rules())
    EXPECT_NE(find_finding_class(r.finding_class), nullptr) << r.needle << " -> " << r.finding_class;
  for (const FindingClass& fc : finding_classes()) {
    // A fault is the class's own name, or one several classes share.
    size_t sharing = 0;
    for (const FindingClass& other : finding_classes()) sharing += std::string_view(other.fault) == fc.fault;
    EXPECT_TRUE(std::string_view(fc.fault) == fc.name || sharing > 1) << fc.name << "'s fault " << fc.fault;
    for (std::string_view kind : fc.asan_kinds) {
      bool ruled = false;
      for (const ReportRule& r : report_rules())
        ruled |= r.needle == "AddressSanitizer: " + std::string(kind) && r.finding_class == fc.name;
      EXPECT_TRUE(ruled) << kind;
    }
  }
}

TEST(Classify, ArithmeticOnNullIsNotANullDereference) {
  Keyed zero = keyed("ffifuzz: call #0 f\nx.c:3:9: runtime error: applying zero offset to null pointer\n", "l.so", {"f"});
  EXPECT_EQ(zero.c.finding_class, "undefined-behavior");
  Keyed store = keyed("ffifuzz: call #0 f\nx.c:3:9: runtime error: store to null pointer of type 'int'\n", "l.so", {"f"});
  EXPECT_EQ(store.c.finding_class, "null-deref");
  EXPECT_EQ(store.c.access, "WRITE");
}

}  // namespace
}  // namespace ffifuzz::report
