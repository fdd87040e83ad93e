// Merging contract sources: for every decision the strongest source that states it wins;
// a weaker source that states something different is recorded as a Conflict.
#pragma once

#include <vector>

#include "model/api_model.h"
#include "model/contract.h"

namespace ffifuzz::contract {

// `sources` strongest first (TOML file(s), attributes, doc comments, naming). Handle type
// names are normalised to the model's spelling ("Builder" -> "struct Builder") before
// comparing, and conflicts from within the sources are kept.
model::Contracts merge_contracts(const model::ApiModel& api, const std::vector<model::Contracts>& sources);

}  // namespace ffifuzz::contract
