// payload/model_json: the ApiModel and the merged Contracts as JSON, and back.
// Job: let a fuzz target carry what ffifuzz read from the header and the contract sources,
// so that it runs where neither the header nor libclang exists (ffifuzz export). Every
// field is written, and reading gives back a model equal (operator==) to the one written.
// Enums are written by name, so a payload stays readable in a text editor.
// May depend on: model, nlohmann-json.
#pragma once

#include <nlohmann/json.hpp>

#include "model/api_model.h"
#include "model/contract.h"

namespace ffifuzz::payload {

nlohmann::json api_to_json(const model::ApiModel& api);
// Throws nlohmann::json::exception or InputError when `j` is not an ApiModel.
model::ApiModel api_from_json(const nlohmann::json& j);

nlohmann::json contracts_to_json(const model::Contracts& contracts);
model::Contracts contracts_from_json(const nlohmann::json& j);

}  // namespace ffifuzz::payload
