#include "payload/target_payload.h"

#include "model/error.h"
#include "payload/model_json.h"

namespace ffifuzz::payload {

using nlohmann::json;

std::string write_payload(const TargetPayload& p) {
  json j = {{"ffifuzz_payload", kPayloadVersion},
            {"name", p.name},
            {"library", p.library},
            {"api", api_to_json(p.api)},
            {"contracts", contracts_to_json(p.contracts)},
            {"unavailable", p.unavailable},
            {"only_functions", p.only_functions},
            {"api_signal", p.api_signal},
            {"heap_buffers", p.heap_buffers},
            {"constants", p.constants}};
  // A header's comments may hold bytes that are not UTF-8 (origin details quote them):
  // replaced rather than failing the export.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

TargetPayload read_payload(std::string_view text) {
  try {
    json j = json::parse(text);
    int version = j.at("ffifuzz_payload").get<int>();
    if (version != kPayloadVersion)
      throw InputError("the embedded target is payload version " + std::to_string(version) + ", this runner reads version " +
                       std::to_string(kPayloadVersion) + ": export it again with the matching ffifuzz");
    TargetPayload p;
    p.name = j.at("name").get<std::string>();
    p.library = j.at("library").get<std::string>();
    p.api = api_from_json(j.at("api"));
    p.contracts = contracts_from_json(j.at("contracts"));
    p.unavailable = j.at("unavailable").get<std::map<std::string, std::string>>();
    p.only_functions = j.at("only_functions").get<std::vector<std::string>>();
    p.api_signal = j.at("api_signal").get<bool>();
    p.heap_buffers = j.at("heap_buffers").get<bool>();
    p.constants = j.at("constants").get<std::vector<uint64_t>>();
    return p;
  } catch (const json::exception& e) {
    throw InputError(std::string("the embedded target description is damaged (") + e.what() + "): export it again");
  }
}

}  // namespace ffifuzz::payload
