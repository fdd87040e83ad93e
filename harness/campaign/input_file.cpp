#include "campaign/input_file.h"

#include <cstdio>
#include <fstream>
#include <iterator>

#include "model/error.h"
#include "program/codec.h"
#include "program/text_form.h"

namespace ffifuzz::campaign {
namespace {

// The file's bytes; missing and empty files are no input, however they are read.
InputFile read_bytes(const std::string& path) {
  InputFile in;
  in.path = path;
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(path + ": cannot read the input file (does it exist?)");
  in.bytes.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  if (in.bytes.empty()) throw InputError(path + ": empty file: not an ffifuzz input (a crash input or a program.txt)");
  return in;
}

}  // namespace

InputFile read_input_file(const FuzzSession& s, const std::string& path) {
  InputFile in = read_bytes(path);
  if (program::looks_like_text(in.bytes)) {
    in.text = true;
    in.program = program::from_text(s.plan, s.target.api, in.bytes, path);
    return in;
  }
  std::span<const uint8_t> data(reinterpret_cast<const uint8_t*>(in.bytes.data()), in.bytes.size());
  if (!program::has_current_version(data)) {
    char found[8];
    std::snprintf(found, sizeof found, "0x%02x", static_cast<unsigned char>(in.bytes[0]));
    throw InputError(path + ": not an ffifuzz input of this version (first byte " + found + ", this build reads " +
                     std::to_string(program::kCodecVersion) + "): replay it with the ffifuzz that wrote it, use its program.txt, "
                     "or, for a crash file of another engine (AFL++), give --as-target");
  }
  if (in.bytes.size() < 2)
    throw InputError(path + ": truncated: " + std::to_string(in.bytes.size()) +
                     " byte, shorter than an input's header (version, call count)");
  in.program = program::decode(s.plan, s.target.api, data);
  // Decoding is total (missing bytes read as zeros, which is how the fuzzer ran it too), but
  // a file that ends before its program does may be a partial copy: say so.
  size_t needed = program::encode(s.plan, s.target.api, in.program).size();
  if (needed > in.bytes.size())
    std::fprintf(stderr, "ffifuzz: note: %s ends %zu bytes before its program does; the missing bytes read as zeros\n",
                 path.c_str(), needed - in.bytes.size());
  return in;
}

InputFile read_input_as_target(const FuzzSession& s, const std::string& path) {
  InputFile in = read_bytes(path);
  if (program::looks_like_text(in.bytes)) {
    in.text = true;
    try {
      in.program = program::from_text(s.plan, s.target.api, in.bytes, path);
    } catch (const InputError& e) {
      std::fprintf(stderr, "ffifuzz: note: %s; the fuzz target runs it as the empty program\n", e.what());
    }
    return in;
  }
  std::span<const uint8_t> data(reinterpret_cast<const uint8_t*>(in.bytes.data()), in.bytes.size());
  if (!program::has_current_version(data))
    std::fprintf(stderr,
                 "ffifuzz: note: %s: first byte 0x%02x is not this build's codec version (%d): read as the fuzz target "
                 "reads any bytes\n",
                 path.c_str(), static_cast<unsigned char>(in.bytes[0]), program::kCodecVersion);
  in.program = program::decode(s.plan, s.target.api, data);
  return in;
}

}  // namespace ffifuzz::campaign
