// Errors every layer may raise.
// InputError: the user's input is wrong (missing file, not ELF, header that does not parse,
// bad contract). The CLI prints its one-line message and exits 2. The message names the
// file and says what to do.
#pragma once

#include <stdexcept>
#include <string>

namespace ffifuzz {

struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace ffifuzz
