// contract/name_words: what a function's name says its role is.
// Job: split a C function name into lowercase words (at '_' and camelCase boundaries:
// "XML_ParserCreate" -> xml parser create, "ZSTD_createCCtx" -> zstd create c ctx), find
// the verb that gives its role (the last word if it is one, else the first that is) and the
// stem left without it, which pairs constructors, initializers and releasers of one family
// (builder_new / builder_free, XML_ParserCreate / XML_ParserFree, gzopen / gzclose).
// May depend on: the standard library.
#pragma once

#include <string>
#include <vector>

namespace ffifuzz::contract {

enum class NameRole { None, Constructor, Releaser, Initializer, Retainer };

struct NameParts {
  NameRole role = NameRole::None;
  std::string verb;  // the word that gave the role ("free", "create", "init")
  std::string stem;  // the other words joined with '_' ("xml_parser"); the name's words when no role
};

std::vector<std::string> name_words(const std::string& name);
NameParts name_parts(const std::string& name);

// With `object_words`, the words of the types the function makes or takes (GifFileType: gif
// file type): when the name alone gives no role, a constructor or releaser verb deeper in the
// name is its role if the word after it names that type. DGifCloseFile closes a GifFileType and
// DGifOpenFileName opens one; XML_SetEndElementHandler(XML_Parser) keeps "end" a noun.
NameParts name_parts(const std::string& name, const std::vector<std::string>& object_words);

// Words that name a count of elements or bytes: len, length, size, count, n, cap, ...
bool is_length_word_name(const std::string& name);

// A parameter name that says it is a file or folder: its last word is path, file, filename,
// dir, directory, folder, ... ("path", "out_file", "logFile", "dirname"; not "profile",
// "file_contents"); also "file name" in two words (GifFileName, file_name, dir_name).
bool is_path_name(const std::string& name);

// An integer parameter name that says it is a file descriptor: fd, sockfd, infd, fildes,
// descriptor, FileHandle.
bool is_file_descriptor_name(const std::string& name);

}  // namespace ffifuzz::contract
