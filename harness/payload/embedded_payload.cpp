#include "payload/embedded_payload.h"

#include <cstdint>
#include <cstring>
#include <fstream>

#include "model/error.h"

namespace ffifuzz::payload {
namespace {

// 16 bytes that end every file with a payload; an ELF file never ends this way by chance.
constexpr char kMagic[] = "FFIFUZZ-PAYLOAD1";
constexpr size_t kMagicSize = sizeof(kMagic) - 1;
constexpr size_t kTrailerSize = 8 + kMagicSize;  // little-endian payload size, then the magic

}  // namespace

void append_payload(const std::string& path, const std::string& payload) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  if (!out) throw InputError(path + ": cannot open for writing");
  out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
  uint64_t size = payload.size();
  unsigned char le[8];
  for (int i = 0; i < 8; ++i) le[i] = static_cast<unsigned char>(size >> (8 * i));
  out.write(reinterpret_cast<const char*>(le), 8);
  out.write(kMagic, kMagicSize);
  out.flush();
  if (!out) throw InputError(path + ": cannot write (disk full?)");
}

std::optional<std::string> read_appended_payload(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw InputError(path + ": cannot open for reading");
  const auto file_size = static_cast<uint64_t>(in.tellg());
  if (file_size < kTrailerSize) return std::nullopt;
  char trailer[kTrailerSize];
  in.seekg(static_cast<std::streamoff>(file_size - kTrailerSize));
  if (!in.read(trailer, kTrailerSize)) throw InputError(path + ": cannot read");
  if (std::memcmp(trailer + 8, kMagic, kMagicSize) != 0) return std::nullopt;
  uint64_t size = 0;
  for (int i = 0; i < 8; ++i) size |= static_cast<uint64_t>(static_cast<unsigned char>(trailer[i])) << (8 * i);
  if (size > file_size - kTrailerSize) throw InputError(path + ": the embedded target description is truncated");
  std::string payload(size, '\0');
  in.seekg(static_cast<std::streamoff>(file_size - kTrailerSize - size));
  if (!in.read(payload.data(), static_cast<std::streamsize>(size))) throw InputError(path + ": cannot read");
  return payload;
}

}  // namespace ffifuzz::payload
