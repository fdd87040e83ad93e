#include "campaign/input_length.h"

#include <cstdlib>

#include "campaign/corpus_folders.h"

namespace ffifuzz::campaign {
namespace {

constexpr size_t kDefaultMaxLen = 16384;  // driver/libfuzzer_defaults.h

// The value of the last -max_len=N among the flags, or 0.
size_t user_max_len(const std::vector<std::string>& flags) {
  size_t value = 0;
  for (const std::string& f : flags)
    if (f.rfind("-max_len=", 0) == 0) value = std::strtoull(f.c_str() + 9, nullptr, 10);
  return value;
}

}  // namespace

std::vector<std::string> max_len_for_inputs(const std::vector<std::string>& user_flags,
                                            const std::vector<std::filesystem::path>& folders, std::FILE* out) {
  const size_t given = user_max_len(user_flags);
  const size_t limit = given ? given : kDefaultMaxLen;
  std::filesystem::path longest;
  size_t longest_size = 0, over = 0;
  for (const std::filesystem::path& folder : folders)
    for (const std::filesystem::path& f : input_files(folder)) {
      std::error_code ec;
      size_t size = std::filesystem::file_size(f, ec);
      if (ec) continue;
      if (size > limit) ++over;
      if (size > longest_size) longest_size = size, longest = f;
    }
  if (over == 0) return {};
  if (given || longest_size > kLongestRaisedMaxLen) {
    size_t cut_at = given ? given : kLongestRaisedMaxLen;
    std::fprintf(out,
                 "ffifuzz: warning: %zu starting input(s) longer than -max_len=%zu (the longest, %s, has %zu bytes): "
                 "libFuzzer reads only their first %zu bytes%s\n",
                 over, cut_at, longest.c_str(), longest_size, cut_at,
                 given ? "; pass a larger -max_len after --" : "");
    return given ? std::vector<std::string>{} : std::vector<std::string>{"-max_len=" + std::to_string(cut_at)};
  }
  std::fprintf(out, "ffifuzz: -max_len=%zu: the longest starting input (%s) is longer than the default %zu\n",
               longest_size, longest.c_str(), kDefaultMaxLen);
  return {"-max_len=" + std::to_string(longest_size)};
}

}  // namespace ffifuzz::campaign
