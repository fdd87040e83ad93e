#include "campaign/containment.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ffifuzz::campaign {
namespace {

std::string fallback(const std::string& why) {
  return "not contained (" + why +
         "): path and FILE * parameters point into the scratch folder, but files the library opens on its own and "
         "its network use are not confined";
}

bool write_file(const char* path, const std::string& text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return ok;
}

// Namespaces of our own: as root directly; otherwise in a user namespace where we are who
// we were (uid and gid mapped to themselves) with the privilege to mount.
bool enter_namespaces(std::string& why) {
  if (unshare(CLONE_NEWNS | CLONE_NEWNET) == 0) return true;
  int first = errno;
  uid_t uid = getuid();
  gid_t gid = getgid();
  if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET) != 0) {
    why = std::string("unshare: ") + std::strerror(first);
    return false;
  }
  if (!write_file("/proc/self/setgroups", "deny") ||
      !write_file("/proc/self/uid_map", std::to_string(uid) + " " + std::to_string(uid) + " 1") ||
      !write_file("/proc/self/gid_map", std::to_string(gid) + " " + std::to_string(gid) + " 1")) {
    why = "cannot map the user namespace's ids";
    return false;
  }
  return true;
}

// /proc/self/mountinfo escapes spaces and the like as \ooo.
std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 3), nullptr, 8));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string> mount_points() {
  std::vector<std::string> out;
  std::ifstream in("/proc/self/mountinfo");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string id, parent, dev, root, point;
    if (fields >> id >> parent >> dev >> root >> point) out.push_back(unescape(point));
  }
  return out;
}

bool under(const std::string& path, const std::string& dir) {
  if (dir == "/") return true;
  return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/');
}

bool make_read_only(const std::string& point) {
#ifdef SYS_mount_setattr
  struct mount_attr attr {};
  attr.attr_set = MOUNT_ATTR_RDONLY;
  if (syscall(SYS_mount_setattr, AT_FDCWD, point.c_str(), 0, &attr, sizeof attr) == 0) return true;
  if (errno != ENOSYS) return false;
#endif
  return mount(nullptr, point.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0;
}

}  // namespace

bool scratch_in_memory(const std::string& dir) {
  char real[PATH_MAX];
  if (dir.empty() || !realpath(dir.c_str(), real)) return false;
  // As large as the largest file a worker may write (kWorkerMaxFileBytes), and a little more.
  const std::string options = "size=" + std::to_string((kWorkerMaxFileBytes >> 20) + 16) + "m,mode=0700";
  return mount("ffifuzz-scratch", real, "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0;
}

void limit_worker_file_size() {
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit r{};
  if (getrlimit(RLIMIT_FSIZE, &r) != 0) return;
  if (r.rlim_max != RLIM_INFINITY && r.rlim_max < kWorkerMaxFileBytes) return;  // already lower
  r.rlim_cur = kWorkerMaxFileBytes;
  setrlimit(RLIMIT_FSIZE, &r);
}

ContainResult contain_worker(const std::vector<std::string>& writable) {
  if (const char* off = std::getenv("FFIFUZZ_NO_CONTAIN"); off && *off && std::strcmp(off, "0") != 0)
    return {false, fallback("FFIFUZZ_NO_CONTAIN is set")};
  if (std::getenv("FFIFUZZ_CONTAINED")) return {true, "contained (inherited from the parent worker)"};
  std::string why;
  if (!enter_namespaces(why)) return {false, fallback(why)};
  // Nothing done here may reach the mounts of the rest of the machine.
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
    return {false, fallback(std::string("mount --make-rprivate /: ") + std::strerror(errno))};
  std::vector<std::string> keep;
  for (const std::string& w : writable) {
    char real[PATH_MAX];
    if (!realpath(w.c_str(), real)) continue;
    // A mount of its own, so that making its parent read-only leaves it writable.
    if (mount(real, real, nullptr, MS_BIND | MS_REC, nullptr) != 0)
      return {false, fallback(std::string("bind ") + real + ": " + std::strerror(errno))};
    keep.push_back(real);
  }
  int failed = 0;
  std::string first_failure;
  for (const std::string& point : mount_points()) {
    // The kernel's file systems: /dev/null and friends must stay usable; /proc and /sys are
    // what the sanitizers read.
    if (under(point, "/proc") || under(point, "/sys") || under(point, "/dev")) continue;
    bool kept = false;
    for (const std::string& k : keep) kept |= under(point, k);
    if (kept) continue;
    if (!make_read_only(point)) {
      if (!failed++) first_failure = point + ": " + std::strerror(errno);
    }
  }
  if (failed) return {false, fallback("cannot make " + first_failure + " read-only")};
  // The working folder was entered before the mounts changed: enter it again by its path, so
  // that it is the writable mount when it is one of the kept folders.
  char cwd[PATH_MAX];
  if (getcwd(cwd, sizeof cwd) && chdir(cwd) != 0) return {false, fallback(std::string("chdir: ") + std::strerror(errno))};
  setenv("FFIFUZZ_CONTAINED", "1", 1);
  std::string how = "contained: no network, every file system read-only but";
  // Said once, at the start: a folder inside another kept one adds nothing to the sentence.
  std::vector<std::string> said;
  for (const std::string& k : keep) {
    bool nested = false;
    for (const std::string& other : keep) nested |= other != k && under(k, other);
    if (!nested) said.push_back(k);
  }
  for (size_t i = 0; i < said.size(); ++i) how += (i ? ", " : " ") + said[i];
  if (said.empty()) how += " nothing";
  return {true, how};
}

}  // namespace ffifuzz::campaign
