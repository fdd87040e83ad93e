#include "report/ci_result.h"

namespace ffifuzz::report {

long CiResult::count(const std::string& state) const {
  long n = 0;
  for (const Finding& f : findings) n += f.state == state;
  return n;
}

}  // namespace ffifuzz::report
