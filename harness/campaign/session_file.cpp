#include "campaign/session_file.h"

#include <string>

#include "model/error.h"
#include "report/write_file.h"

namespace ffifuzz::campaign {

std::unique_ptr<FileSession> open_session_file(const std::string& path, const driver::SessionOptions& options) {
  const std::string text = report::read_whole_file(path);
  if (text.empty())
    throw InputError(path + ": the session file the supervisor wrote is gone (was its run's folder removed?)");
  auto s = std::make_unique<FileSession>();
  s->payload = payload::read_payload(text);
  s->prepare(s->payload.api, s->payload.contracts, s->payload.library, s->payload.unavailable, options);
  return s;
}

}  // namespace ffifuzz::campaign
