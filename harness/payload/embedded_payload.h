// payload/embedded_payload: a payload carried at the end of an executable file.
// Job: make one file the whole fuzz target. The payload is appended after the ELF image,
// followed by its size and a magic trailer; the loader maps only what the ELF headers
// name, so the executable runs unchanged and reads the payload back from /proc/self/exe.
// Appending needs no tool (objcopy) at export time and survives copying, archiving and
// OSS-Fuzz's handling of $OUT; `strip` drops it (the runner then says so).
// May depend on: model (InputError).
#pragma once

#include <optional>
#include <string>

namespace ffifuzz::payload {

// Appends `payload` and the trailer to the file at `path`. Throws InputError naming the
// file when it cannot be written.
void append_payload(const std::string& path, const std::string& payload);

// The payload at the end of the file at `path`; nullopt when the file ends without the
// trailer (no payload). Throws InputError when the file cannot be read or the trailer
// is inconsistent (a truncated file).
std::optional<std::string> read_appended_payload(const std::string& path);

}  // namespace ffifuzz::payload
