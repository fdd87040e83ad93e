#include "cli/seed_programs.h"

#include "program/generate.h"

namespace ffifuzz::cli {

std::vector<std::pair<std::string, program::Program>> seed_programs(const program::ApiPlan& plan,
                                                                    const model::ApiModel& api) {
  program::Generator gen(plan, api);
  std::vector<std::pair<std::string, program::Program>> out;
  std::vector<program::Program> singles = gen.seeds();
  for (size_t i = 0; i < singles.size(); ++i) out.push_back({plan.functions[i].name, std::move(singles[i])});
  for (auto& [ctor, chain] : gen.chains()) out.push_back({"chain-" + ctor, std::move(chain)});
  return out;
}

}  // namespace ffifuzz::cli
