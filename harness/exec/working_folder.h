// exec/working_folder: the process's working folder, made the scratch folder and watched.
// Job: a library that opens files by names of its own, or by names the harness gave it as
// plain strings (zlib's gzopen(const char *, const char *) declares no parameter names, so
// nothing says its first one is a path), writes them relative to the working folder. There
// they outlived the program: the next input found the file an earlier one wrote, and a
// finding it showed did not reproduce alone. The worker works in its scratch folder instead,
// which the executor empties after each program that changed it; whether one did costs one
// fstat (a folder's mtime moves when an entry is added or removed).
// May depend on: the standard library and POSIX.
#pragma once

#include <sys/stat.h>

#include <string>

namespace ffifuzz::exec {

class WorkingFolder {
 public:
  WorkingFolder() = default;
  WorkingFolder(const WorkingFolder&) = delete;
  WorkingFolder& operator=(const WorkingFolder&) = delete;
  ~WorkingFolder();

  // chdir into `dir` (an existing folder) and remember its entries' state. False when it
  // cannot (the process keeps its working folder).
  bool enter(const std::string& dir);
  bool entered() const { return fd_ >= 0; }
  // Whether an entry was added or removed since enter() or the last remember().
  bool changed() const;
  // The folder's present state is the one to compare with (after emptying it).
  void remember();

 private:
  int fd_ = -1;
  struct timespec mtime_ {};
};

}  // namespace ffifuzz::exec
