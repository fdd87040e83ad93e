// The payload an exported fuzz target carries: what ffifuzz read from a header and its
// contract sources comes back from the JSON equal in every field (operator== over the whole
// model), for every zoo header and the header fixtures that exercise each construct.
#include <gtest/gtest.h>

#include <filesystem>

#include "contract/merge.h"
#include "contract/naming.h"
#include "contract/toml_contract.h"
#include "header/parse_header.h"
#include "model/error.h"
#include "payload/target_payload.h"

namespace ffifuzz::payload {
namespace {

namespace fs = std::filesystem;

// What `ffifuzz export` would embed for this header: the model, the contracts merged from
// every source, and export-time decisions.
TargetPayload payload_for(const std::string& header, const std::string& contract_file = "") {
  header::ParseOptions o;
  o.headers = {header};
  header::ParsedHeader parsed = header::parse_header(o);
  std::vector<model::Contracts> sources;
  if (!contract_file.empty()) sources.push_back(contract::read_contract_file(contract_file, parsed.model));
  sources.push_back(parsed.attributes);
  sources.push_back(parsed.doc_comments);
  sources.push_back(contract::infer_from_names(parsed.model));
  TargetPayload p;
  p.name = fs::path(header).stem().string();
  p.library = "lib/lib" + p.name + ".so";
  p.contracts = contract::merge_contracts(parsed.model, sources);
  p.api = std::move(parsed.model);
  if (!p.api.functions.empty()) {
    p.unavailable[p.api.functions.front().name] = "ffifuzz check: signature-mismatch: \"quoted\" \xC3\xA9";
    p.only_functions = {p.api.functions.back().name};
  }
  p.api_signal = true;
  p.heap_buffers = true;
  p.constants = {0, 256, 0xDEADBEEF, UINT64_MAX};
  return p;
}

std::vector<std::pair<std::string, std::string>> all_headers() {
  std::vector<std::pair<std::string, std::string>> headers;  // header, contract file
  for (const auto& dir : fs::directory_iterator(std::string(FFIFUZZ_SOURCE_DIR) + "/targets"))
    if (dir.is_directory())
      for (const auto& f : fs::directory_iterator(dir.path()))
        if (f.path().extension() == ".h") headers.emplace_back(f.path().string(), "");
  for (const char* h : {"constructs.h", "attributes.h", "doc_tags.h"})
    headers.emplace_back(std::string(HEADER_FIXTURES) + "/" + h, "");
  headers.emplace_back(std::string(CONTRACT_FIXTURES) + "/precedence.h", std::string(CONTRACT_FIXTURES) + "/precedence.toml");
  return headers;
}

TEST(PayloadRoundTrip, EveryHeaderModelAndContractsComeBackEqual) {
  // What the headers exercise, so that a field the JSON forgot cannot hide behind defaults.
  bool bitfield = false, enumerator = false, skipped = false, function_pointer = false, conflict = false, len = false,
       range = false;
  size_t headers = 0;
  for (const auto& [header, contract_file] : all_headers()) {
    SCOPED_TRACE(header);
    const TargetPayload p = payload_for(header, contract_file);
    const TargetPayload back = read_payload(write_payload(p));
    EXPECT_TRUE(back.api == p.api);
    EXPECT_TRUE(back.contracts == p.contracts);
    EXPECT_TRUE(back == p);
    ++headers;
    for (const model::Type& t : p.api.types) {
      for (const model::Field& f : t.fields) bitfield |= f.bit_width > 0;
      enumerator |= !t.enumerators.empty();
      function_pointer |= t.kind == model::TypeKind::Function;
    }
    for (const model::Function& f : p.api.functions) skipped |= f.skip_reason.has_value();
    conflict |= !p.contracts.conflicts.empty();
    for (const auto& [fn, c] : p.contracts.functions)
      for (const auto& [param, pc] : c.params) {
        len |= pc.len.has_value();
        range |= pc.range.has_value();
      }
  }
  EXPECT_GE(headers, 10u);
  EXPECT_TRUE(bitfield && enumerator && skipped && function_pointer && conflict && len && range)
      << bitfield << enumerator << skipped << function_pointer << conflict << len << range;
}

TEST(PayloadRoundTrip, AChangedFieldIsNotEqual) {
  // The equality the round trip relies on sees a field deep inside the model.
  TargetPayload p = payload_for(std::string(HEADER_FIXTURES) + "/constructs.h");
  TargetPayload q = read_payload(write_payload(p));
  ASSERT_TRUE(p == q);
  for (model::Type& t : q.api.types)
    if (!t.fields.empty()) {
      t.fields.back().offset_bits += 8;
      break;
    }
  EXPECT_FALSE(p == q);
}

TEST(PayloadRoundTrip, AnotherVersionOrDamagedTextIsAnInputError) {
  std::string text = write_payload(payload_for(std::string(HEADER_FIXTURES) + "/constructs.h"));
  std::string other = text;
  other.replace(other.find("\"ffifuzz_payload\":1"), 19, "\"ffifuzz_payload\":9");
  try {
    read_payload(other);
    FAIL() << "version 9 was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("version 9"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_payload(text.substr(0, text.size() / 2)), InputError);
  EXPECT_THROW(read_payload("{}"), InputError);
}

}  // namespace
}  // namespace ffifuzz::payload
