// exec/process_guard: what the library under test may not do to the process that runs it.
// Job: keep the process's ways of ending and its crash handling in the harness's hands —
//  - exit, _exit, _Exit and quick_exit called by the library during a call are a finding of
//    their own class, `exit`: a report "==ffifuzz== ERROR: exit: ..." with the stack (its
//    first library frame is the exit site, so two sites are two keys), then abort(), which
//    libFuzzer handles like any crash (the input is saved). A library that ended the process
//    quietly would otherwise look like a run that ended early and found nothing.
//  - sigaction and signal, called by the library (its constructors included) for a signal
//    the sanitizers or libFuzzer handle (SEGV, BUS, FPE, ILL, ABRT, ALRM, INT, TERM, USR1,
//    USR2, XFSZ): refused, said once per signal. The library's handler would otherwise hide
//    its crashes (one that _exits(0) makes a NULL dereference look like a clean run).
// How: this file defines those libc functions in the executable, which comes first in the
// global symbol scope, so the library's calls resolve here. A call whose return address is
// in the executable (libFuzzer's _Exit on a timeout, the harness's own handlers) or that is
// not the library's is forwarded to the C library, through the sanitizer's interceptor where
// there is one. check_handlers() also compares the handlers with a snapshot, for a library
// that set them without libc (a raw rt_sigaction system call).
// May depend on: nothing but libc (and the sanitizer runtime's interceptors, when linked).
#pragma once

#include <string>

namespace ffifuzz::exec {

// The library's own calls: `function` is the exported function being called (nullptr: none,
// e.g. between calls). Set by the executor around each call.
void set_library_call(const char* function);

// Around dlopen of the library: its ELF constructors run then.
class LibraryLoadScope {
 public:
  explicit LibraryLoadScope(const std::string& library);
  ~LibraryLoadScope();
  LibraryLoadScope(const LibraryLoadScope&) = delete;
  LibraryLoadScope& operator=(const LibraryLoadScope&) = delete;
};

// Restores any protected signal's handler that differs from the snapshot taken when the
// guard first ran (before the library was loaded), saying so once per signal. Returns the
// number restored.
int check_handlers(const char* when);

}  // namespace ffifuzz::exec
