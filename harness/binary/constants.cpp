#include "binary/constants.h"

#include <gelf.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "binary/elf_file.h"

namespace ffifuzz::binary {
namespace {

uint32_t imm32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

void scan(const uint8_t* code, size_t n, std::map<uint64_t, size_t>& found) {
  auto add = [&](uint64_t v) {
    int64_t s = static_cast<int64_t>(static_cast<int32_t>(v));
    if (s > -256 && s < 256) return;
    ++found[v & 0xffffffffu];
  };
  for (size_t i = 0; i + 6 <= n; ++i) {
    uint8_t op = code[i];
    // cmp/add/sub/xor eax, imm32
    if (op == 0x3D || op == 0x35) add(imm32(code + i + 1));
    if (op == 0x05 || op == 0x2D) add(-static_cast<int64_t>(static_cast<int32_t>(imm32(code + i + 1))));
    if (op == 0x81) {
      uint8_t modrm = code[i + 1];
      uint8_t mod = modrm >> 6, reg = (modrm >> 3) & 7, rm = modrm & 7;
      // Skip the ModRM operand: SIB byte, displacement; the imm32 follows.
      size_t imm_at = i + 2;
      if (mod != 3 && rm == 4) {
        if (imm_at >= n) continue;
        if (mod == 0 && (code[imm_at] & 7) == 5) imm_at += 4;  // SIB without base: disp32
        imm_at += 1;
      }
      if (mod == 0 && rm == 5) imm_at += 4;  // RIP-relative disp32
      if (mod == 1) imm_at += 1;
      if (mod == 2) imm_at += 4;
      if (imm_at + 4 > n) continue;
      uint32_t v = imm32(code + imm_at);
      if (reg == 7 || reg == 6) add(v);                                            // cmp, xor
      if (reg == 0 || reg == 5) add(-static_cast<int64_t>(static_cast<int32_t>(v)));  // add, sub
    }
    // movabs r64, imm64 (REX.W B8+r): 64-bit magics are materialized, then compared
    if ((op == 0x48 || op == 0x49) && i + 10 <= n && (code[i + 1] & 0xF8) == 0xB8) {
      uint64_t v;
      std::memcpy(&v, code + i + 2, 8);
      if (v > 0xffffffffu) ++found[v];
    }
  }
}

}  // namespace

std::vector<uint64_t> read_compare_constants(const std::string& path, size_t limit) {
  ElfFile file(path);
  std::map<uint64_t, size_t> found;
  GElf_Ehdr ehdr;
  if (!gelf_getehdr(file.elf(), &ehdr) || ehdr.e_machine != EM_X86_64) return {};
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(file.elf(), scn)) != nullptr) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_PROGBITS || !(shdr.sh_flags & SHF_EXECINSTR)) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (data && data->d_buf) scan(static_cast<const uint8_t*>(data->d_buf), data->d_size, found);
  }
  std::vector<std::pair<size_t, uint64_t>> ranked;
  for (const auto& [v, count] : found) ranked.push_back({count, v});
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<uint64_t> out;
  for (size_t i = 0; i < ranked.size() && out.size() < limit; ++i) out.push_back(ranked[i].second);
  return out;
}

}  // namespace ffifuzz::binary
