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

// The key of a classified report. The signature is, after the class:
//  1. the report's own site when it has one (Classification::site: a Rust panic's
//     FILE:LINE:COL and message, UBSan's location and check), with numbers in the message
//     masked and the file reduced to its last two path components;
//  2. else up to three innermost frames inside the library, machinery stripped, the
//     exported function the call came through left out unless it is the only one (the
//     frames below it are the bug, the entry is only the path);
//  3. else (a finding of the harness's own checks, a stack with no library frame) the
//     exported function.
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
