#include "binary/elf_file.h"

#include <fcntl.h>
#include <gelf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "model/error.h"

namespace ffifuzz::binary {
namespace {

const char* machine_name(unsigned machine) {
  switch (machine) {
    case EM_386: return "i386";
    case EM_X86_64: return "x86-64";
    case EM_ARM: return "arm";
    case EM_AARCH64: return "aarch64";
    case EM_RISCV: return "riscv";
    case EM_PPC64: return "ppc64";
    case EM_S390: return "s390";
    case EM_MIPS: return "mips";
    default: return nullptr;
  }
}

// The architecture and class this ffifuzz was built for: only such libraries can be loaded.
#if defined(__x86_64__)
constexpr unsigned kHostMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr unsigned kHostMachine = EM_AARCH64;
#else
#error "ffifuzz: add this architecture's ELF machine number"
#endif
constexpr int kHostClass = sizeof(void*) == 8 ? ELFCLASS64 : ELFCLASS32;

std::string describe_machine(unsigned machine) {
  const char* name = machine_name(machine);
  return name ? name : "ELF machine " + std::to_string(machine);
}

}  // namespace

ElfFile::ElfFile(const std::string& path) : path_(path) {
  elf_version(EV_CURRENT);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw InputError(path + ": no such file: pass the path of the shared library (--lib)");
  if (!S_ISREG(st.st_mode))
    throw InputError(path + ": not a regular file: pass the path of the shared library (--lib)");
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0)
    throw InputError(path + ": cannot open (" + std::strerror(errno) + "): check its permissions");
  elf_ = elf_begin(fd_, ELF_C_READ_MMAP, nullptr);
  auto fail = [&](const std::string& message) {
    if (elf_) elf_end(elf_);
    elf_ = nullptr;
    ::close(fd_);
    fd_ = -1;
    throw InputError(message);
  };
  if (!elf_ || elf_kind(elf_) != ELF_K_ELF)
    fail(path + ": not an ELF file: pass a shared library (.so), not a linker script, archive or source file");
  GElf_Ehdr ehdr;
  if (!gelf_getehdr(elf_, &ehdr)) fail(path + ": corrupt ELF header: rebuild the library");
  const int klass = gelf_getclass(elf_);
  const std::string host = describe_machine(kHostMachine) + (kHostClass == ELFCLASS64 ? " 64-bit" : " 32-bit");
  if (ehdr.e_machine != kHostMachine || klass != kHostClass) {
    const std::string found =
        describe_machine(ehdr.e_machine) + (klass == ELFCLASS64 ? " 64-bit" : " 32-bit");
    fail(path + ": built for " + found + ", but ffifuzz runs on " + host +
         ": pass a library built for this machine");
  }
  if (ehdr.e_type != ET_DYN)
    fail(path + ": not a shared library (ELF type " +
         (ehdr.e_type == ET_REL ? std::string("relocatable object") :
          ehdr.e_type == ET_EXEC ? std::string("executable") : std::to_string(ehdr.e_type)) +
         "): link it with -shared (Rust: crate-type = [\"cdylib\"])");
}

std::unique_ptr<ElfFile> ElfFile::open_debug_file(const std::string& path) {
  std::unique_ptr<ElfFile> f(new ElfFile());
  f->path_ = path;
  f->fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (f->fd_ >= 0) {
    f->elf_ = elf_begin(f->fd_, ELF_C_READ_MMAP, nullptr);
    if (f->elf_ && elf_kind(f->elf_) != ELF_K_ELF) {
      elf_end(f->elf_);
      f->elf_ = nullptr;
    }
  }
  if (!f->elf_) return nullptr;
  return f;
}

ElfFile::~ElfFile() {
  if (elf_) elf_end(elf_);
  if (fd_ >= 0) ::close(fd_);
}

std::string build_id(Elf* elf) {
  static const char kHex[] = "0123456789abcdef";
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_NOTE) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data) continue;
    size_t offset = 0, name_offset = 0, desc_offset = 0;
    GElf_Nhdr nhdr;
    while ((offset = gelf_getnote(data, offset, &nhdr, &name_offset, &desc_offset)) > 0) {
      if (nhdr.n_type != NT_GNU_BUILD_ID || nhdr.n_namesz != 4 ||
          std::memcmp(static_cast<char*>(data->d_buf) + name_offset, "GNU", 4) != 0)
        continue;
      const auto* desc = static_cast<const unsigned char*>(data->d_buf) + desc_offset;
      std::string hex;
      for (size_t i = 0; i < nhdr.n_descsz; ++i) {
        hex += kHex[desc[i] >> 4];
        hex += kHex[desc[i] & 15];
      }
      return hex;
    }
  }
  return {};
}

std::vector<std::string> comment_strings(Elf* elf) {
  std::vector<std::string> out;
  size_t names = 0;
  if (elf_getshdrstrndx(elf, &names) != 0) return out;
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_PROGBITS) continue;
    const char* name = elf_strptr(elf, names, shdr.sh_name);
    if (!name || std::strcmp(name, ".comment") != 0) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data || !data->d_buf) return out;
    const char* text = static_cast<const char*>(data->d_buf);
    for (size_t at = 0; at < data->d_size;) {
      const size_t len = strnlen(text + at, data->d_size - at);
      if (len) out.emplace_back(text + at, len);
      at += len + 1;
    }
    return out;
  }
  return out;
}

}  // namespace ffifuzz::binary
