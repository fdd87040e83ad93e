#include "contract/name_words.h"

#include <array>
#include <cctype>
#include <string_view>

namespace ffifuzz::contract {
namespace {

// ("discard": libzip's zip_discard(zip_t *) closes an archive without writing it; "fini" and
// "deinit" undo an init: zip_error_fini(zip_error_t *).)
constexpr std::array<std::string_view, 12> kReleaserVerbs = {"free",  "destroy", "release", "delete",  "unref", "decref",
                                                             "close", "end",     "dispose", "discard", "fini",  "deinit"};
constexpr std::array<std::string_view, 7> kConstructorVerbs = {"new", "create", "open", "alloc",
                                                               "clone", "copy", "dup"};
constexpr std::array<std::string_view, 2> kInitializerVerbs = {"init", "initialize"};
// A reference added to an object the caller already holds (exif_data_ref, g_object_ref):
// one more release owed.
constexpr std::array<std::string_view, 6> kRetainerVerbs = {"ref", "retain", "incref", "addref", "reference", "keep"};
// Verbs that also end a word without a separator (gzopen, gzclose, xmlfree). Not "end",
// "new" or "init": append, renew and skinit are not roles.
constexpr std::array<std::string_view, 6> kGluedVerbs = {"close", "open", "free", "destroy", "release", "unref"};

template <size_t N>
bool among(const std::array<std::string_view, N>& set, std::string_view w) {
  for (std::string_view v : set)
    if (v == w) return true;
  return false;
}

NameRole role_of(std::string_view w) {
  if (among(kReleaserVerbs, w)) return NameRole::Releaser;
  if (among(kConstructorVerbs, w)) return NameRole::Constructor;
  if (among(kInitializerVerbs, w)) return NameRole::Initializer;
  if (among(kRetainerVerbs, w)) return NameRole::Retainer;
  return NameRole::None;
}

std::string strip_digits(const std::string& w) {
  size_t end = w.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(w[end - 1]))) --end;
  return end == 0 ? w : w.substr(0, end);
}

std::string join(const std::vector<std::string>& words, size_t skip, const std::string& replace_skipped) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w = i == skip ? replace_skipped : words[i];
    if (w.empty()) continue;
    if (!out.empty()) out += '_';
    out += w;
  }
  return out;
}

}  // namespace

std::vector<std::string> name_words(const std::string& name) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '_') {
      flush();
      continue;
    }
    bool upper = std::isupper(static_cast<unsigned char>(c));
    if (upper && !cur.empty()) {
      char prev = name[i - 1];
      bool prev_lower = std::islower(static_cast<unsigned char>(prev)) || std::isdigit(static_cast<unsigned char>(prev));
      bool next_lower = i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
      // "parserCreate" splits before C; "CCtx" splits before Ctx; "XML" stays one word.
      if (prev_lower || (std::isupper(static_cast<unsigned char>(prev)) && next_lower)) flush();
    }
    cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  flush();
  return words;
}

NameParts name_parts(const std::string& name) {
  std::vector<std::string> words = name_words(name);
  NameParts parts;
  parts.stem = join(words, words.size(), "");
  if (words.empty()) return parts;
  auto try_word = [&](size_t i) {
    std::string w = strip_digits(words[i]);
    NameRole r = role_of(w);
    if (r != NameRole::None && words.size() > 1) {
      parts = {r, w, join(words, i, "")};
      return true;
    }
    for (std::string_view v : kGluedVerbs)
      if (w.size() > v.size() && w.ends_with(v)) {
        parts = {role_of(v), std::string(v), join(words, i, w.substr(0, w.size() - v.size()))};
        return true;
      }
    return false;
  };
  if (try_word(words.size() - 1)) return parts;
  // Before a short suffix: XML_ParserCreateNS, XML_ParserCreate_MM, gzclose_r.
  if (words.size() > 2 && words.back().size() <= 3 && try_word(words.size() - 2)) return parts;
  // Else a verb right at the start, or right after a library prefix (free_greeting,
  // ZSTD_freeCCtx); deeper in, a verb is part of a noun (XML_SetEndElementHandler).
  for (size_t i = 0; i < 2 && i + 1 < words.size(); ++i)
    if (try_word(i)) return parts;
  return parts;
}

NameParts name_parts(const std::string& name, const std::vector<std::string>& object_words) {
  NameParts parts = name_parts(name);
  if (parts.role != NameRole::None || object_words.empty()) return parts;
  std::vector<std::string> words = name_words(name);
  for (size_t i = 2; i + 1 < words.size(); ++i) {
    const std::string w = strip_digits(words[i]);
    const NameRole r = role_of(w);
    if (r != NameRole::Constructor && r != NameRole::Releaser) continue;
    for (const std::string& o : object_words)
      if (o == words[i + 1]) return {r, w, join(words, i, "")};
  }
  return parts;
}

bool is_length_word_name(const std::string& name) {
  static constexpr std::array<std::string_view, 14> kLengthWords = {
      "len", "length", "size", "count", "n", "num", "cap", "capacity", "nbytes", "bytes", "nelem", "sz", "buflen", "bufsize"};
  std::vector<std::string> words = name_words(name);
  if (words.empty()) return false;
  // The last word decides: "dict_length", "sourceLen", "size"; not "size_hint_flags".
  if (among(kLengthWords, words.back())) return true;
  // A short prefix glued to "len" (c-ares' abuf/alen, qlen, inlen, outlen): a length too.
  const std::string& w = words.back();
  return w.size() > 3 && w.size() <= 6 && w.compare(w.size() - 3, 3, "len") == 0;
}

bool is_path_name(const std::string& name) {
  static const char* kPathWords[] = {"path", "pathname", "filepath", "file", "filename", "fname", "dir",
                                     "dirname", "directory", "folder", "logfile", "outfile", "infile"};
  std::vector<std::string> words = name_words(name);
  if (words.empty()) return false;
  for (const char* w : kPathWords)
    if (words.back() == w) return true;
  // Two words: GifFileName, file_name, PathName, dir_name (giflib's DGifOpenFileName).
  if (words.size() >= 2 && words.back() == "name") {
    const std::string& before = words[words.size() - 2];
    return before == "file" || before == "path" || before == "dir" || before == "folder";
  }
  return false;
}

bool is_file_descriptor_name(const std::string& name) {
  std::vector<std::string> words = name_words(name);
  if (words.empty()) return false;
  const std::string& last = words.back();
  if (last == "fd" || last == "fildes" || last == "filedes" || last == "descriptor") return true;
  // A function's name, for an unnamed parameter: fdopen(3)'s word (libzip's zip_fdopen(int, ...)).
  for (const std::string& w : words)
    if (w.ends_with("fdopen")) return true;
  // Glued: infd, sockfd, outfd (not "sfd"-less words that merely end in fd? none are common).
  if (last.size() > 2 && last.ends_with("fd") && last.size() <= 6) return true;
  // FileHandle, file_handle: giflib's DGifOpenFileHandle(int GifFileHandle, ...).
  return words.size() >= 2 && last == "handle" && words[words.size() - 2] == "file";
}

}  // namespace ffifuzz::contract
