#include "exec/library.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include "exec/process_guard.h"
#include "model/error.h"

namespace ffifuzz::exec {

Library::Library(const std::string& path) : path_(path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0)
    throw InputError(path + ": no such library file (give the path of the .so with --lib)");
  // A bare file name would make dlopen search the system paths instead of the given file.
  std::string open_path = path.find('/') == std::string::npos ? "./" + path : path;
  {
    // Its ELF constructors run now: what they do to the process's signal handling is checked.
    LibraryLoadScope loading(path);
    handle_ = dlopen(open_path.c_str(), RTLD_NOW | RTLD_LOCAL);
  }
  if (!handle_) {
    const char* why = dlerror();
    throw InputError(path + ": cannot load the library: " + (why ? why : "unknown reason") +
                     " (check that it is a shared library for this machine and that its dependencies resolve)");
  }
}

void* Library::resolve(const std::string& name) const {
  dlerror();
  return dlsym(handle_, name.c_str());
}

}  // namespace ffifuzz::exec
