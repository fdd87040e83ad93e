// clang rejects GCC's `malloc(deallocator)` attribute with a hard error ("takes no
// arguments"), so a header that is valid for GCC would not parse. Before parsing, we blank
// the argument list of such attributes in the user's headers, byte for byte with spaces, so
// that every line and offset stays where it was; the original text is kept for reading the
// attribute afterwards.
#pragma once

#include <string>

namespace ffifuzz::header {

std::string neutralize_for_clang(const std::string& text);

}  // namespace ffifuzz::header
