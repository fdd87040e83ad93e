#include "campaign/seed_programs.h"

#include "program/generate.h"
#include "program/text_form.h"
#include "report/write_file.h"

namespace ffifuzz::campaign {

std::vector<std::pair<std::string, program::Program>> seed_programs(const program::ApiPlan& plan,
                                                                    const model::ApiModel& api) {
  program::Generator gen(plan, api);
  std::vector<std::pair<std::string, program::Program>> out;
  std::vector<program::Program> singles = gen.seeds();
  for (size_t i = 0; i < singles.size(); ++i) out.push_back({plan.functions[i].name, std::move(singles[i])});
  for (auto& [ctor, chain] : gen.chains()) out.push_back({"chain-" + ctor, std::move(chain)});
  return out;
}

void write_seed_corpus(const program::ApiPlan& plan, const model::ApiModel& api, const std::filesystem::path& corpus) {
  for (const auto& [name, p] : seed_programs(plan, api))
    report::write_file_atomically((corpus / (name + ".txt")).string(), program::to_text(plan, api, p));
}

}  // namespace ffifuzz::campaign
