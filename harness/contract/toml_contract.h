// The TOML contract file (docs/contracts.md): the strongest contract source.
//
//   [functions.get_greeting.returns]
//   owned_by = "free_greeting"
//   [functions.buf_write.params.buf]
//   len = "n"
//   len_unit = "bytes"
#pragma once

#include <string>

#include "model/api_model.h"
#include "model/contract.h"

namespace ffifuzz::contract {

// Reads `[functions.*]` from a TOML file. `config_sections`: the file is an ffifuzz.toml
// config whose other top-level tables ([target], ...) are read elsewhere, so they are not
// unknown keys here. Throws InputError naming file:line and the key for a syntax error, an
// unknown key, a wrong type, or a function or parameter the header does not declare.
model::Contracts read_contract_file(const std::string& path, const model::ApiModel& api,
                                    bool config_sections = false);

// Same, from text already read (`path` is only used in messages).
model::Contracts read_contract_text(const std::string& text, const std::string& path,
                                    const model::ApiModel& api, bool config_sections = false);

// Top-level tables of ffifuzz.toml that are not contracts (docs/config.md).
bool is_config_section(const std::string& key);

// The first line of a contract file that a fuzz run learned (OUT/learned.toml): its decisions
// have the source `learned`, whoever reads it (fuzz, ci, inspect --contract).
inline constexpr const char* kLearnedHeader = "# ffifuzz: learned contract";

}  // namespace ffifuzz::contract
