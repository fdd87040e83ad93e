// report/dedup: one key per bug, however many inputs and call paths reach it.
// Job: reduce a classified report to the part that names the bug — its class and where in
// the library it happens — and hash that to a short key. Two different panics are two keys;
// one leak allocated in an internal function and reached through two exported functions is
// one key (the innermost library frames name it, not the exported entry).
// May depend on: report/classify, report/frames.
#pragma once

#include <string>

#include "report/classify.h"

namespace ffifuzz::report {

struct DedupKey {
  std::string signature;  // what was hashed, readable: "leak|rust_leaks::decode_blob"
  std::string hex;        // 16 hex digits of the signature's hash
  std::string short_hex() const { return hex.substr(0, 8); }
};

// The key of a classified report, as ClusterFuzz keys a crash state: what kind of fault,
// and where in the library. The signature is:
//  - the class's fault (finding_classes.h: the overflows ASan, UBSan's bounds check and the
//    guard page report are all "out-of-bounds"), then "|WRITE" when the report says the
//    access wrote (a read and a write overflow in one function are two bugs; the access size
//    is shown, not keyed: a copy's size varies with the input);
//  - a Rust panic or an assertion: its file and message (numbers masked, path cut to its last
//    two components), abort's stack only showing the exported function;
//  - UBSan's other checks: the check's words (numbers masked), then the frames below;
//  - a timeout: the exported function that never returned;
//  - else up to three innermost frames inside the library, machinery stripped, the
//    exported function the call came through left out unless it is the only one (the frames
//    below it are the bug, the entry is only the path), a leak's allocation wrappers left out
//    (report/frames.h);
//  - with no library frame: the report's own file, if it names one, and the exported function.
// Line numbers are never part of it: they are shown, so a ci baseline survives edits above
// a fault.
DedupKey dedup_key(const Classification& c, const ClassifyContext& context);

// The key of what a leak's replays share, whichever call the trace last saw: a leak whose
// stack names no function is keyed by the guessed function (classify.h), which changes with
// the releases that end each program. Any other finding: dedup_key.
DedupKey leak_site_key(Classification c, const ClassifyContext& context);

// 16 hex digits of a 64-bit FNV-1a hash of `text`: how keys are made from signatures, and a
// stable name for anything else derived from content.
std::string hash_hex(const std::string& text);

// The key of a static check finding (ffifuzz check): "class|function|subject", hashed the
// same way, so a baseline can accept it like a runtime finding.
DedupKey check_finding_key(const std::string& finding_class, const std::string& function, const std::string& subject);

}  // namespace ffifuzz::report
