// An open ELF file, checked to be a shared library this process could load: ELF, 64-bit,
// this machine's architecture. Owns the descriptor and the libelf handle.
#pragma once

#include <libelf.h>

#include <memory>
#include <string>
#include <vector>

namespace ffifuzz::binary {

class ElfFile {
 public:
  // Throws InputError with one line naming the file and the fix: missing, unreadable, not
  // ELF, wrong class or architecture.
  explicit ElfFile(const std::string& path);
  ~ElfFile();
  ElfFile(const ElfFile&) = delete;
  ElfFile& operator=(const ElfFile&) = delete;

  Elf* elf() const { return elf_; }
  const std::string& path() const { return path_; }

  // Opens a file that only has to be ELF (a separate debug-info file); nullptr when it
  // cannot be read.
  static std::unique_ptr<ElfFile> open_debug_file(const std::string& path);

 private:
  ElfFile() = default;
  std::string path_;
  int fd_ = -1;
  Elf* elf_ = nullptr;
};

// The build ID note (hex), or empty.
std::string build_id(Elf* elf);

// The `.comment` section's NUL-separated strings (the compilers and linkers that made the
// file: "rustc version 1.x", "GCC: (Debian ...)"), or none.
std::vector<std::string> comment_strings(Elf* elf);

}  // namespace ffifuzz::binary
