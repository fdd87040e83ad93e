// campaign/input_file: an input file as a program — the binary codec or the text form.
// Job: read a file that repro, minimize, emit-c and regress were given and say in one line
// why it is not an input when it is not: missing, empty, shorter than the codec's header, a
// codec version this build does not read, a text program that does not parse against the
// library's API (unknown function, wrong argument type).
// May depend on: program, model.
#pragma once

#include <string>

#include "campaign/session.h"
#include "program/program.h"

namespace ffifuzz::campaign {

struct InputFile {
  std::string path;
  std::string bytes;  // the file as read
  bool text = false;  // the text form (program.txt or a hand-written program)
  program::Program program;
};

// Throws InputError naming the file.
InputFile read_input_file(const FuzzSession& session, const std::string& path);

// The file read as an exported fuzz target (and the fuzz worker) reads any input, for the
// crash files of engines that mutate bytes without ffifuzz's mutator (AFL++, honggfuzz):
// every byte string is a program (decoding is total, whatever the version byte), and a
// text-form header over text that does not parse runs nothing. Says on stderr when the
// file is not what this build writes. Throws InputError only for a missing or empty file.
InputFile read_input_as_target(const FuzzSession& session, const std::string& path);

}  // namespace ffifuzz::campaign
