// campaign/session_file: the session the supervisor opened, handed to its workers as a file.
// Job: a worker (and every replay) used to parse the header with libclang and read the
// library's ELF/DWARF again at its start, for the same plan the supervisor had already made:
// time on every replay, and about 60 MB of libclang/LLVM pages touched in every worker for
// the whole run. The supervisor writes what the plan is made from (model, merged contracts,
// the functions `check` rules out: payload/target_payload.h, the exported target's format)
// into the workspace, with what the library's ELF says (its instrumentation, its compare
// constants); the worker plans from it and reads no ELF itself. So the worker links neither
// libclang nor libelf, nor what they load: libelf loads the system's libz, whose exported
// functions would take the place of a zlib under test's calls to its own (the global scope
// comes first). The file is the supervisor's own and lives
// as long as the Replayer that wrote it (replay.h).
// May depend on: session, payload, driver.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "campaign/session.h"
#include "driver/run_session.h"
#include "payload/target_payload.h"

namespace ffifuzz::campaign {

// Writes `session`'s payload into `dir` under a name of its own (atomically: a worker never
// reads half of it) and returns its path.
std::string write_session_file(const FuzzSession& session, const std::vector<std::string>& only_functions,
                               const std::filesystem::path& dir);

// A session planned from a session file: it owns the model and contracts its plan points at.
struct FileSession : driver::RunSession {
  payload::TargetPayload payload;
};

// Reads the file and prepares the session against the library it names (dlopen, plan,
// executor), as FuzzSession::open would from the same target. Throws InputError when the file
// is missing or not a session of this ffifuzz.
std::unique_ptr<FileSession> open_session_file(const std::string& path, const driver::SessionOptions& options);

}  // namespace ffifuzz::campaign
