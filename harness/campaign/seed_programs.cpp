#include "campaign/seed_programs.h"

#include <cstdio>
#include <fstream>
#include <iterator>

#include "campaign/corpus_folders.h"
#include "model/error.h"
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

size_t note_unreadable_seeds(const program::ApiPlan& plan, const model::ApiModel& api,
                             const std::vector<std::string>& dirs) {
  size_t unreadable = 0;
  for (const std::string& dir : dirs)
    for (const std::filesystem::path& file : input_files(dir)) {
      std::ifstream in(file, std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (!program::looks_like_text(text)) continue;
      try {
        program::from_text(plan, api, text, file.string());
      } catch (const InputError& e) {
        // The first few in full; a folder of stale seeds is one line more, not hundreds.
        if (unreadable++ < 5) std::fprintf(stderr, "ffifuzz: note: seed %s; it runs as the empty program\n", e.what());
      }
    }
  if (unreadable > 5) std::fprintf(stderr, "ffifuzz: note: %zu seeds in all do not parse and run as the empty program\n", unreadable);
  return unreadable;
}

}  // namespace ffifuzz::campaign
