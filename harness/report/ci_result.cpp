#include "report/ci_result.h"

namespace ffifuzz::report {

long CiResult::count(const std::string& state) const {
  long n = 0;
  for (const Finding& f : findings) n += f.state == state && !f.is_contract_gap();
  return n;
}

long CiResult::count_gaps() const {
  long n = 0;
  for (const Finding& f : findings) n += f.is_contract_gap();
  return n;
}

}  // namespace ffifuzz::report
