// `ffifuzz:` tags in documentation comments. cbindgen copies a Rust item's `///` comments
// into the generated header, so a Rust author annotates the Rust source and the contract
// reaches the C header unchanged. Syntax (docs/contracts.md), one tag per line:
//
//   ffifuzz: returns owned_by=free_greeting      (also: borrowed_from=P, static, nullable, nonnull)
//   ffifuzz: param buf len=n bytes               (also: elements, nonnull, nullable, cstring,
//                                                 in, out, inout, handle=T, range=MIN..MAX, releases)
//   ffifuzz: releases handle                     (this function releases parameter `handle`)
//   ffifuzz: requires lib_init other_init
//   ffifuzz: skip free-text reason
//
// Pure text in, contract out: no libclang here.
#pragma once

#include <optional>
#include <string>

#include "model/api_model.h"
#include "model/contract.h"

namespace ffifuzz::header {

// Reads every `ffifuzz:` line of `comment` (the raw comment text attached to `fn`, starting
// at `comment_loc`) into `out` with source DocComment. Throws InputError naming file:line and
// the offending word for an unknown tag, unknown key or a parameter `fn` does not have.
// Returns how many tags it read.
int parse_doc_tags(const std::string& comment, const model::SourceLoc& comment_loc,
                    const model::Function& fn, model::FunctionContract& out);

// A documentation comment in prose saying the function is not for callers (json-c's
// json_object_double_to_json_string: "This function isn't meant to be called directly"; it
// is a serializer callback that reads its object's user data as a printf format): the skip
// reason, quoting the sentence; nullopt otherwise.
std::optional<std::string> not_for_direct_calls(const std::string& comment);

// Once every declaration is read: each function a tag names (returns owned_by=F, requires F G)
// is one the header declares (owned_by may also be the C library's free), as in a contract
// file. Throws InputError naming the tag's file:line and the function.
void check_doc_tag_references(const model::ApiModel& api, const model::Contracts& doc_comments);

}  // namespace ffifuzz::header
