#include "campaign/corpus_folders.h"

#include <fcntl.h>
#include <stdio.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "model/error.h"

namespace ffifuzz::campaign {
namespace fs = std::filesystem;

namespace {

fs::path beside(const fs::path& corpus, const char* suffix) {
  fs::path p = corpus;
  p += suffix;
  return p;
}

void make_folder(const fs::path& p) {
  std::error_code ec;
  fs::create_directories(p, ec);
  if (ec || !fs::is_directory(p)) throw InputError(p.string() + ": cannot create the folder: " + ec.message());
}

}  // namespace

CorpusFolders::CorpusFolders(const fs::path& c)
    : corpus(fs::absolute(c).lexically_normal()),
      incoming(beside(corpus, ".incoming")),
      merging(beside(corpus, ".merging")),
      old(beside(corpus, ".old")) {
  // (lexically_normal keeps a trailing '/' as an empty last component: drop it.)
  if (corpus.filename().empty()) *this = CorpusFolders(corpus.parent_path());
}

void CorpusFolders::recover() const {
  std::error_code ec;
  // Two-rename swap interrupted between its renames: the old corpus is the whole one.
  if (!fs::exists(corpus) && fs::is_directory(old)) fs::rename(old, corpus);
  // ... or after them: CORPUS is the merged one, the old one is left over.
  if (fs::exists(old)) fs::remove_all(old, ec);
  // A merge's output (never swapped in), or the old corpus after an exchange: CORPUS is whole.
  if (fs::exists(merging)) fs::remove_all(merging, ec);
  make_folder(corpus);
  make_folder(incoming);
}

void CorpusFolders::start_merge() const {
  std::error_code ec;
  fs::remove_all(merging, ec);
  make_folder(merging);
}

void CorpusFolders::install_merge(const std::vector<fs::path>& merged_incoming) const {
  if (renameat2(AT_FDCWD, merging.c_str(), AT_FDCWD, corpus.c_str(), RENAME_EXCHANGE) != 0) {
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
      throw InputError(corpus.string() + ": cannot swap in the merged corpus: " + std::strerror(errno));
    // No exchange on this filesystem: recover() handles a kill between these two renames.
    fs::rename(corpus, old);
    fs::rename(merging, corpus);
    fs::rename(old, merging);
  }
  std::error_code ec;
  fs::remove_all(merging, ec);  // now the old corpus
  for (const fs::path& p : merged_incoming) fs::remove(p, ec);
}

std::vector<fs::path> input_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->path().filename().string().rfind('.', 0) == 0) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

size_t remove_empty_inputs(const fs::path& dir) {
  size_t n = 0;
  std::error_code ec;
  for (const fs::path& f : input_files(dir))
    if (fs::file_size(f, ec) == 0 && !ec && fs::remove(f, ec)) ++n;
  return n;
}

}  // namespace ffifuzz::campaign
