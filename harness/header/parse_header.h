// header: libclang -> ApiModel.
// Job: parse the library's C header(s) the way a C compiler does and translate every
// declaration the user's headers make into the plain-data model, plus the raw contract
// facts found in the header (attributes, `ffifuzz:` doc-comment tags) for contract/ to merge.
// May depend on: model, libclang. No libclang type leaves this folder.
#pragma once

#include <string>
#include <vector>

#include "model/api_model.h"
#include "model/contract.h"

namespace ffifuzz::header {

struct ParseOptions {
  std::vector<std::string> headers;       // the library's own headers (the first is "the" header)
  std::string lang = "c";                 // "c" or "c++" (extern "C" declarations)
  std::vector<std::string> include_dirs;  // -I
  std::vector<std::string> defines;       // -D (NAME or NAME=VALUE)
  std::vector<std::string> pre_includes;  // -include
  std::string target;                     // --target triple; empty: the host
};

struct ParsedHeader {
  model::ApiModel model;
  // Contract facts stated in the header itself, each with its Origin
  // (HeaderAttribute or DocComment). contract/ merges them with the TOML file and naming.
  model::Contracts attributes;
  model::Contracts doc_comments;
};

// Throws InputError (one line: file, what is wrong, what to do) for a missing header or one
// that does not parse: the first error in the user's headers at file:line:col, in clang's
// words (header/parse_errors.h).
ParsedHeader parse_header(const ParseOptions& options);

// Evaluates C expressions in the context of the headers (a contract's `value = "ZLIB_VERSION"`,
// "sizeof(z_stream)", "YAML_UTF8_ENCODING"), the way the library's users' compiler would.
// Throws InputError naming the first expression that does not evaluate to an integer or a
// string literal, where it was written (`where[i]`, "c.toml:12", when given) and clang's reason.
std::vector<model::FixedValue> evaluate_expressions(const ParseOptions& options, const std::vector<std::string>& exprs,
                                                    const std::vector<std::string>& where = {});

}  // namespace ffifuzz::header
