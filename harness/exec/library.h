// exec/library: the library under test, loaded once.
// Job: dlopen with RTLD_NOW before fuzzing starts (unresolved symbols fail here, not in the
// middle of a run) and never dlclose (libFuzzer counts coverage modules at start; LSan must
// still symbolize the library at exit). Resolve exported functions by name.
// May depend on: model (InputError).
#pragma once

#include <string>

namespace ffifuzz::exec {

class Library {
 public:
  // Throws InputError when the file is missing or cannot be loaded (with dlerror's reason).
  explicit Library(const std::string& path);
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  // The function's address, or nullptr when the library does not export it.
  void* resolve(const std::string& name) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  void* handle_ = nullptr;
};

}  // namespace ffifuzz::exec
