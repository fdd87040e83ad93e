// report layer: classification and dedup keys on real reports, captured from ffifuzz runs
// on the zoo (fixtures/<target>-<function>.txt: the report.txt of each finding folder, paths
// shortened). Two different panics are two keys; one leak reached through two exported
// functions is one key; keys do not depend on thread ids, addresses or the values in a
// message.
#include <gtest/gtest.h>

#include <regex>

#include "keyed_report.h"

namespace ffifuzz::report {
namespace {

const std::set<std::string> kLeaksApi = {"token_new", "token_free", "record_new", "record_name", "record_free",
                                         "blob_checksum", "blob_validate"};
const std::set<std::string> kPanicApi = {"lookup_get", "decode_mode"};
const std::set<std::string> kBugsApi = {"bugs_scale", "bugs_checksum", "bugs_nest", "bugs_fill", "bugs_label",
                                        "bugs_hex", "bugs_msg_new", "bugs_msg_skip", "bugs_msg_free"};

TEST(Dedup, TwoDifferentPanicsAreTwoKeys) {
  Keyed a = keyed(fixture("rust_panic-lookup_get"), "librust_panic.so", kPanicApi);
  Keyed b = keyed(fixture("rust_panic-decode_mode"), "librust_panic.so", kPanicApi);
  EXPECT_EQ(a.c.finding_class, "rust-panic");
  EXPECT_EQ(b.c.finding_class, "rust-panic");
  EXPECT_EQ(a.c.function, "lookup_get");
  EXPECT_EQ(b.c.function, "decode_mode");
  EXPECT_EQ(a.c.site, "src/lib.rs:21:5: index out of bounds: the len is 16 but the index is 16");
  EXPECT_NE(a.key.hex, b.key.hex);
  EXPECT_EQ(a.key.hex.size(), 16u);
  EXPECT_EQ(a.key.short_hex().size(), 8u);
  // The panic's file and message, not its line, thread, process or the numbers in it.
  EXPECT_EQ(a.key.signature, "rust-panic|src/lib.rs: index out of bounds: the len is N but the index is N");
}

TEST(Dedup, APanicKeepsItsKeyAcrossThreadsAndValues) {
  std::string text = fixture("rust_panic-lookup_get");
  Keyed a = keyed(text, "librust_panic.so", kPanicApi);
  std::string other = std::regex_replace(text, std::regex(R"(\(\d+\) panicked)"), "(4242) panicked");
  other = std::regex_replace(other, std::regex("the index is 16"), "the index is 99");
  other = std::regex_replace(other, std::regex("0x7f[0-9a-f]+"), "0x7f0000001000");
  Keyed b = keyed(other, "librust_panic.so", kPanicApi);
  EXPECT_EQ(a.key.hex, b.key.hex);
}

TEST(Dedup, OneLeakThroughTwoExportedFunctionsIsOneKey) {
  Keyed a = keyed(fixture("rust_leaks-blob_checksum"), "librust_leaks.so", kLeaksApi);
  Keyed b = keyed(fixture("rust_leaks-blob_validate"), "librust_leaks.so", kLeaksApi);
  EXPECT_EQ(a.c.finding_class, "leak");
  EXPECT_EQ(a.c.function, "blob_checksum");
  EXPECT_EQ(b.c.function, "blob_validate");
  EXPECT_EQ(a.key.hex, b.key.hex);
  EXPECT_EQ(a.key.signature, "leak|rust_leaks::decode_blob");
  // Another leak of the same library is another key.
  Keyed c = keyed(fixture("rust_leaks-record_new"), "librust_leaks.so", kLeaksApi);
  EXPECT_EQ(c.c.finding_class, "leak");
  EXPECT_NE(c.key.hex, a.key.hex);
}

TEST(Dedup, EachZooBugHasItsOwnKey) {
  struct Case {
    const char* fixture;
    const char* library;
    const char* finding_class;
    const char* function;
  } cases[] = {
      {"c_bugs-bugs_scale", "libc_bugs.so", "undefined-behavior", "bugs_scale"},
      {"c_bugs-bugs_label", "libc_bugs.so", "null-deref", "bugs_label"},
      {"c_bugs-bugs_nest", "libc_bugs.so", "stack-overflow", "bugs_nest"},
      {"c_bugs-bugs_hex", "libc_bugs.so", "heap-overflow", "bugs_hex"},
      {"c_bugs-bugs_fill", "libc_bugs.so", "out-of-memory", "bugs_fill"},
      {"c_drift-config_new", "libc_drift.so", "layout-mismatch", "config_new"},
      {"rust_double_free-session_destroy", "librust_double_free.so", "double-free", "session_destroy"},
      {"rust_oob-frame_seal", "librust_oob.so", "heap-overflow", "frame_seal"},
  };
  std::set<std::string> keys;
  for (const Case& c : cases) {
    std::set<std::string> api = kBugsApi;
    api.insert(c.function);
    Keyed k = keyed(fixture(c.fixture), c.library, api);
    EXPECT_EQ(k.c.finding_class, c.finding_class) << c.fixture;
    EXPECT_EQ(k.c.function, c.function) << c.fixture;
    EXPECT_TRUE(keys.insert(k.key.hex).second) << c.fixture << ": " << k.key.signature;
    // No harness, libFuzzer, libffi or sanitizer frame in a key.
    for (const char* machinery : {"ffifuzz::", "fuzzer::", "ffi_call", "__asan", "malloc", "__interceptor"})
      EXPECT_EQ(k.key.signature.find(machinery), std::string::npos) << c.fixture << ": " << k.key.signature;
  }
}

TEST(Dedup, SignaturesNameTheLibraryFrames) {
  Keyed nest = keyed(fixture("c_bugs-bugs_nest"), "libc_bugs.so", kBugsApi);
  EXPECT_EQ(nest.key.signature, "stack-overflow|nest_level|nest_level|nest_level");
  Keyed ub = keyed(fixture("c_bugs-bugs_scale"), "libc_bugs.so", kBugsApi);
  // UBSan printed no stack here: its check, its file (not the line) and the exported function
  // name the bug.
  EXPECT_EQ(ub.key.signature, "undefined-behavior|signed integer overflow: N * N cannot be represented in type "
                              "'int'|c_bugs/arith.c|bugs_scale");
  Keyed drift = keyed(fixture("c_drift-config_new"), "libc_drift.so", {"config_new"});
  EXPECT_EQ(drift.key.signature, "layout-mismatch|config_new");  // the harness's own check: no library frame
}

TEST(Classify, UbsanChecksOnNullPointersAreNullDeref) {
  Keyed k = keyed(fixture("ubsan-null-load"), "nul", {"get"});
  EXPECT_EQ(k.c.finding_class, "null-deref");
  EXPECT_EQ(k.c.access, "READ");
  EXPECT_NE(k.c.message.find("load of null pointer"), std::string::npos);
  // NULL + 0 dereferences nothing: arithmetic UB, not a NULL dereference.
  std::string zero_offset =
      "ffifuzz: call #0 parse\n/src/lib/parse.c:31:17: runtime error: applying zero offset to null pointer\n"
      "SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior /src/lib/parse.c:31:17 in \n";
  Keyed z = keyed(zero_offset, "libparse.so", {"parse"});
  EXPECT_EQ(z.c.finding_class, "undefined-behavior");
  EXPECT_EQ(z.c.function, "parse");
  EXPECT_EQ(z.key.signature, "undefined-behavior|applying zero offset to null pointer|lib/parse.c|parse");
  // Other UBSan checks stay undefined-behavior.
  Keyed ub = keyed("a.c:1:2: runtime error: shift exponent 40 is too large\n", "liba.so", {});
  EXPECT_EQ(ub.c.finding_class, "undefined-behavior");
}

TEST(Classify, FramesWithBuildIdsKeepTheStackGoing) {
  // ASan prints "(module+0x..) (BuildId: ...)" frames, libFuzzer's stack has libc frames
  // without a symbol: the stack goes on past them to the library's frame.
  Keyed k = keyed(fixture("rust_panic-decode_mode"), "librust_panic.so", kPanicApi);
  EXPECT_NE(k.c.first_library_frame.find("decode_mode at"), std::string::npos) << k.c.first_library_frame;
}

TEST(Classify, AllocatorOutOfMemoryIsOutOfMemory) {
  // ASan's words when an allocation under its maximum cannot be backed: no stack follows, so
  // the function is the call that was running.
  Keyed k = keyed(
      "ffifuzz: call #0 bugs_fill\n"
      "==30929==ERROR: AddressSanitizer: allocator is out of memory trying to allocate 0xe000000000 bytes\n"
      "SUMMARY: AddressSanitizer: out-of-memory (/x/ffifuzz+0x3dbcfe) in malloc\n==30929==ABORTING\n",
      "libc_bugs.so", {"bugs_fill"});
  EXPECT_EQ(k.c.finding_class, "out-of-memory");
  EXPECT_EQ(k.c.function, "bugs_fill");
}

TEST(Classify, EmittedProgramsOwnLines) {
  Keyed t = keyed("ffifuzz: call #0 spin\n==ffifuzz== ERROR: timeout: a call ran longer than 10 seconds\n", "l.so", {"spin"});
  EXPECT_EQ(t.c.finding_class, "timeout");
  EXPECT_EQ(t.c.function, "spin");
  Keyed a = keyed("ffifuzz: call #2 quit\n==ffifuzz== ERROR: exit: the process exited inside quit\n", "l.so", {"quit"});
  EXPECT_EQ(a.c.finding_class, "exit");
  EXPECT_EQ(a.c.function, "quit");
}

// An emitted reproducer's own frames (its exit guards, the harness's C checks it carries, its
// main) are in a .c file like the library's, yet never the library's: the first library
// frame and the key are those the harness's report gives (issue 14's repro.c comparison).
TEST(Classify, ReproducerFramesAreNotTheLibrarys) {
  Keyed exit_c = keyed(
      "ffifuzz: call #0 exit_quit\n"
      "==ffifuzz== ERROR: exit: the library called exit(0) inside exit_quit\n"
      "    #0 0x55d0 in __sanitizer_print_stack_trace (/tmp/repro+0x3c)\n"
      "    #1 0x55d1 in ffz_report_exit /tmp/f/repro.c:120:3\n"
      "    #2 0x55d2 in exit /tmp/f/repro.c:135:3\n"
      "    #3 0x7f01 in exit_quit /src/hostile_exit.c:13:26\n"
      "    #4 0x55d3 in main /tmp/f/repro.c:300:5\n",
      "/src/libhostile_exit.so", {"exit_quit"});
  EXPECT_EQ(exit_c.c.finding_class, "exit");
  EXPECT_EQ(exit_c.c.first_library_frame, "exit_quit at /src/hostile_exit.c:13:26");
  Keyed layout = keyed(
      "ffifuzz: call #0 packet_new\n"
      "==ffifuzz== ERROR: layout-mismatch: packet_new returned a struct Packet in a heap block of 16 bytes, but the "
      "header says sizeof(struct Packet) is 24: the library's definition of the struct is not the header's\n"
      "    #0 0x55d0 in __sanitizer_print_stack_trace (/tmp/repro+0x3c)\n"
      "    #1 0x55d1 in ffz_report_finding /tmp/f/repro.c:59:38\n"
      "    #2 0x55d2 in ffz_check_returned /tmp/f/repro.c:70:5\n"
      "    #3 0x55d3 in main /tmp/f/repro.c:300:5\n",
      "/src/librust_layout.so", {"packet_new"});
  EXPECT_EQ(layout.c.finding_class, "layout-mismatch");
  EXPECT_EQ(layout.c.first_library_frame, "");
}

// libcbor's cbor_array_get ends in `return cbor_incref(item)`: the tail call leaves no frame of
// the call the harness made, and the fault is named after that call (the trace's last), with
// cbor_incref still the first library frame. A leak keeps its allocation's function: the
// trace's last call there is a release at exit.
TEST(Classify, ATailCalledFunctionIsNotTheFindingsName) {
  const std::set<std::string> api = {"cbor_array_get", "cbor_incref", "cbor_new_definite_array"};
  Keyed crash = keyed(
      "ffifuzz: call #0 cbor_new_definite_array\n"
      "ffifuzz: call #1 cbor_array_get\n"
      "AddressSanitizer:DEADLYSIGNAL\n"
      "==7==ERROR: AddressSanitizer: SEGV on unknown address 0x602000010008 (pc 0x7f01 bp 0x1 sp 0x2 T0)\n"
      "==7==The signal is caused by a READ memory access.\n"
      "    #0 0x7f01 in cbor_incref (/usr/lib/x86_64-linux-gnu/libcbor.so.0.8+0x5a12)\n"
      "    #1 0x55d1 in ffi_call_unix64 (/x/ffifuzz+0x3c)\n"
      "    #2 0x55d2 in ffifuzz::exec::Executor::run (/x/ffifuzz+0x4c)\n",
      "/usr/lib/x86_64-linux-gnu/libcbor.so.0.8", api);
  EXPECT_EQ(crash.c.function, "cbor_array_get");
  EXPECT_EQ(crash.c.called, "cbor_array_get");
  EXPECT_EQ(crash.c.first_library_frame.rfind("cbor_incref", 0), 0u) << crash.c.first_library_frame;
  // The called function's own frame on the stack: the stack's outermost exported function.
  Keyed direct = keyed(
      "ffifuzz: call #0 cbor_incref\n"
      "AddressSanitizer:DEADLYSIGNAL\n"
      "==7==ERROR: AddressSanitizer: SEGV on unknown address 0x602000010008 (pc 0x7f01 bp 0x1 sp 0x2 T0)\n"
      "==7==The signal is caused by a READ memory access.\n"
      "    #0 0x7f01 in cbor_incref (/usr/lib/x86_64-linux-gnu/libcbor.so.0.8+0x5a12)\n"
      "    #1 0x55d1 in ffi_call_unix64 (/x/ffifuzz+0x3c)\n",
      "/usr/lib/x86_64-linux-gnu/libcbor.so.0.8", api);
  EXPECT_EQ(direct.c.function, "cbor_incref");
  Keyed leak = keyed(fixture("rust_leaks-record_new"), "librust_leaks.so", {"record_new", "record_name", "record_free"});
  EXPECT_EQ(leak.c.finding_class, "leak");
  EXPECT_EQ(leak.c.function, "record_new");
  EXPECT_EQ(leak.c.called, "record_free");
}

// The library's own assert: the assertion is the headline and keys it; glibc's assert and
// abort frames are no part of it, so two asserts in two functions are two findings.
TEST(Classify, AnAssertionIsItsOwnFinding) {
  auto report = [](const std::string& where, const std::string& fn, const std::string& expr) {
    return "ffifuzz: call #1 " + fn + "\nffifuzz: " + where + ": " + fn + ": Assertion `" + expr + "' failed.\n"
           "==41== ERROR: libFuzzer: deadly signal\n"
           "    #0 0x55d0 in __sanitizer_print_stack_trace (/x/ffifuzz+0x3c)\n"
           "    #1 0x7f00 in raise (/lib/libc.so.6+0x11)\n"
           "    #2 0x7f01 in abort (/lib/libc.so.6+0x12)\n"
           "    #3 0x7f02 in __assert_fail_base assert/./assert/assert.c:94:3\n"
           "    #4 0x7f03 in __assert_fail assert/./assert/assert.c:103:3\n"
           "    #5 0x7f04 in " + fn + " (/usr/lib/libyaml-0.so.2+0x1234)\n"
           "    #6 0x7f05 in ffi_call_unix64 (/lib/libffi.so.8+0x7052)\n";
  };
  Keyed a = keyed(report("writer.c:37", "yaml_emitter_flush", "emitter->write_handler"), "libyaml-0.so.2",
                  {"yaml_emitter_flush", "yaml_emitter_close"});
  Keyed b = keyed(report("api.c:510", "yaml_emitter_close", "emitter->opened"), "libyaml-0.so.2",
                  {"yaml_emitter_flush", "yaml_emitter_close"});
  EXPECT_EQ(a.c.finding_class, "abort");
  EXPECT_EQ(a.c.message, "writer.c:37: yaml_emitter_flush: Assertion `emitter->write_handler' failed.");
  EXPECT_EQ(a.c.function, "yaml_emitter_flush");
  EXPECT_EQ(a.c.first_library_frame.find("__assert"), std::string::npos) << a.c.first_library_frame;
  EXPECT_EQ(a.c.first_library_frame, "yaml_emitter_flush at (/usr/lib/libyaml-0.so.2+0x1234)");
  EXPECT_NE(a.key.hex, b.key.hex);
  // Its line is shown, not keyed; its expression is keyed.
  Keyed moved = keyed(report("writer.c:52", "yaml_emitter_flush", "emitter->write_handler"), "libyaml-0.so.2",
                      {"yaml_emitter_flush", "yaml_emitter_close"});
  Keyed other = keyed(report("writer.c:37", "yaml_emitter_flush", "emitter->opened"), "libyaml-0.so.2",
                      {"yaml_emitter_flush", "yaml_emitter_close"});
  EXPECT_EQ(a.key.hex, moved.key.hex) << a.key.signature << " vs " << moved.key.signature;
  EXPECT_NE(a.key.hex, other.key.hex);
}

// The exit guard's report (exec/process_guard.h): keyed on the library frame that called
// exit, so two exit sites are two keys, and libc's frames are no part of it.
TEST(Classify, ExitGuardIsKeyedOnTheExitSite) {
  auto report = [](const std::string& site) {
    return "ffifuzz: call #0 exit_quit\n"
           "==ffifuzz== ERROR: exit: the library called exit(0) during a call of exit_quit: the process would have ended\n"
           "    #0 0x55d0 in __sanitizer_print_stack_trace (/x/ffifuzz+0x3c)\n"
           "    #1 0x55d1 in exit (/x/ffifuzz+0x3d)\n"
           "    #2 0x7f00 in " + site + " /src/hostile_exit.c:12:5\n"
           "    #3 0x7f01 in exit_quit /src/hostile_exit.c:20:3\n"
           "    #4 0x7f02 in ffi_call_unix64 (/lib/libffi.so.8+0x7052)\n";
  };
  Keyed a = keyed(report("quit_now"), "/src/libhostile_exit.so", {"exit_quit"});
  Keyed b = keyed(report("quit_later"), "/src/libhostile_exit.so", {"exit_quit"});
  EXPECT_EQ(a.c.finding_class, "exit");
  EXPECT_EQ(a.c.function, "exit_quit");
  EXPECT_NE(a.key.hex, b.key.hex);
  EXPECT_EQ(a.key.signature.find("exit|quit_now"), 0u) << a.key.signature;
}

}  // namespace
}  // namespace ffifuzz::report
