// campaign/corpus_folders: the corpus a nightly job keeps from run to run, safe against being killed.
// Job: three folders side by side —
//   CORPUS           the corpus; only ever replaced whole, by one rename
//   CORPUS.incoming  what fuzzing found (libFuzzer writes new inputs here, never into CORPUS);
//                    emptied only after a merge that saw it has been swapped in
//   CORPUS.merging   the merge's output; swapped with CORPUS in one step (renameat2
//                    RENAME_EXCHANGE; where the filesystem lacks it, two renames with CORPUS.old,
//                    which the next run's recover() undoes or finishes)
// A run killed at any point leaves CORPUS whole and every new input in CORPUS.incoming.
// May depend on: nothing.
#pragma once

#include <filesystem>
#include <vector>

namespace ffifuzz::campaign {

struct CorpusFolders {
  std::filesystem::path corpus, incoming, merging, old;
  explicit CorpusFolders(const std::filesystem::path& corpus);

  // After a killed run: a swap half done is finished or undone, a merge's output discarded.
  // Creates CORPUS and CORPUS.incoming. Throws InputError when a folder cannot be made.
  void recover() const;
  // A fresh, empty CORPUS.merging.
  void start_merge() const;
  // Swaps CORPUS.merging in as CORPUS, then removes the old corpus and the given inputs
  // (those of CORPUS.incoming that the merge was offered).
  void install_merge(const std::vector<std::filesystem::path>& merged_incoming) const;
};

// The regular, non-hidden files under `dir` (recursively), sorted.
std::vector<std::filesystem::path> input_files(const std::filesystem::path& dir);

// Removes the empty files libFuzzer left in `dir` when a worker was killed between creating
// an input's file and writing it (an empty input means nothing). Returns how many.
size_t remove_empty_inputs(const std::filesystem::path& dir);

}  // namespace ffifuzz::campaign
