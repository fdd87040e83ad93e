#include "exec/working_folder.h"

#include <fcntl.h>
#include <unistd.h>

namespace ffifuzz::exec {

WorkingFolder::~WorkingFolder() {
  if (fd_ >= 0) close(fd_);
}

bool WorkingFolder::enter(const std::string& dir) {
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  if (fchdir(fd) != 0) {
    close(fd);
    return false;
  }
  fd_ = fd;
  remember();
  return true;
}

bool WorkingFolder::changed() const {
  if (fd_ < 0) return false;
  struct stat st {};
  // A folder that cannot be read any more (the library closed the descriptor): empty it to be safe.
  if (fstat(fd_, &st) != 0) return true;
  return st.st_mtim.tv_sec != mtime_.tv_sec || st.st_mtim.tv_nsec != mtime_.tv_nsec;
}

void WorkingFolder::remember() {
  struct stat st {};
  if (fd_ >= 0 && fstat(fd_, &st) == 0) mtime_ = st.st_mtim;
}

}  // namespace ffifuzz::exec
