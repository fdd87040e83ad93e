// A payload appended to a real executable: the executable still runs, the payload reads
// back byte for byte, and a file without one or with a damaged trailer is told apart.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "model/error.h"
#include "payload/embedded_payload.h"

namespace ffifuzz::payload {
namespace {

namespace fs = std::filesystem;

struct TempCopy {
  fs::path path;
  explicit TempCopy(const std::string& from)
      : path(fs::temp_directory_path() / ("ffifuzz-payload-" + std::to_string(getpid()) + "-" + fs::path(from).filename().string())) {
    fs::copy_file(from, path, fs::copy_options::overwrite_existing);
  }
  ~TempCopy() { fs::remove(path); }
};

std::string true_program() {
  for (const char* p : {"/usr/bin/true", "/bin/true"})
    if (fs::exists(p)) return p;
  return "";
}

TEST(EmbeddedPayload, AppendedToAnExecutableItRunsAndReadsBack) {
  const std::string program = true_program();
  if (program.empty()) GTEST_SKIP() << "no /usr/bin/true to append to";
  TempCopy exe(program);
  EXPECT_EQ(read_appended_payload(exe.path.string()), std::nullopt);
  std::string payload = "{\"x\":1}";
  payload += std::string("\0\xFF binary too", 13);
  append_payload(exe.path.string(), payload);
  EXPECT_EQ(read_appended_payload(exe.path.string()), payload);
  EXPECT_EQ(std::system(exe.path.c_str()), 0) << "the executable no longer runs with a payload appended";
}

TEST(EmbeddedPayload, ATruncatedFileIsAnInputError) {
  const std::string program = true_program();
  if (program.empty()) GTEST_SKIP() << "no /usr/bin/true to append to";
  TempCopy exe(program);
  const std::string payload(1000, 'p');
  append_payload(exe.path.string(), payload);
  // Cut the file so that the trailer claims more bytes than precede it.
  const auto size = fs::file_size(exe.path);
  std::string bytes(size, '\0');
  {
    std::ifstream in(exe.path, std::ios::binary);
    in.read(bytes.data(), static_cast<std::streamsize>(size));
  }
  {
    std::ofstream out(exe.path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data() + size - 24 - 10, 24 + 10);  // 10 payload bytes, then the trailer
  }
  EXPECT_THROW(read_appended_payload(exe.path.string()), InputError);
}

}  // namespace
}  // namespace ffifuzz::payload
