#include "program/storage.h"

#include <algorithm>
#include <utility>

namespace ffifuzz::program {
namespace {

// Bounds on the pool: a few programs' worth. An argument holding a large buffer is not kept,
// so the pool never holds much more memory than the programs it came from.
constexpr size_t kMaxSpareCalls = 4 * kMaxCalls;
constexpr size_t kMaxSpareArgs = 64 * kMaxCalls;
constexpr size_t kMaxSpareArgBytes = 4096;

struct Spares {
  std::vector<Call> calls;  // each with no arguments (theirs went to `args`)
  std::vector<Arg> args;
};

Spares& spares() {
  thread_local Spares s;
  return s;
}

void keep_arg(Arg&& a) {
  Spares& s = spares();
  if (s.args.size() < kMaxSpareArgs && a.bytes.capacity() <= kMaxSpareArgBytes) s.args.push_back(std::move(a));
}

Arg take_arg() {
  Spares& s = spares();
  if (s.args.empty()) return Arg{};
  Arg a = std::move(s.args.back());
  s.args.pop_back();
  a.is_null = false;
  a.bits = 0;
  a.bytes.clear();
  return a;
}

void keep_call(Call&& c) {
  resize_args(c.args, 0);
  Spares& s = spares();
  if (s.calls.size() < kMaxSpareCalls) s.calls.push_back(std::move(c));
}

Call take_call() {
  Spares& s = spares();
  if (s.calls.empty()) return Call{};
  Call c = std::move(s.calls.back());
  s.calls.pop_back();
  c.fn = 0;
  return c;
}

}  // namespace

void resize_calls(std::vector<Call>& calls, size_t n) {
  while (calls.size() > n) {
    keep_call(std::move(calls.back()));
    calls.pop_back();
  }
  if (calls.size() < n) calls.reserve(std::max(n, std::min(calls.capacity() * 2, kMaxCalls)));
  while (calls.size() < n) calls.push_back(take_call());
}

void resize_args(std::vector<Arg>& args, size_t n) {
  while (args.size() > n) {
    keep_arg(std::move(args.back()));
    args.pop_back();
  }
  if (args.size() < n) args.reserve(n);
  while (args.size() < n) args.push_back(take_arg());
}

void erase_call(std::vector<Call>& calls, size_t at) {
  if (at >= calls.size()) return;
  std::rotate(calls.begin() + static_cast<long>(at), calls.begin() + static_cast<long>(at) + 1, calls.end());
  keep_call(std::move(calls.back()));
  calls.pop_back();
}

void copy_into(const Call& from, Call& to) {
  if (&from == &to) return;
  to.fn = from.fn;
  resize_args(to.args, from.args.size());
  for (size_t i = 0; i < from.args.size(); ++i) {
    const Arg& a = from.args[i];
    Arg& b = to.args[i];
    b.is_null = a.is_null;
    b.bits = a.bits;
    b.bytes.assign(a.bytes.begin(), a.bytes.end());
  }
}

void copy_into(const Program& from, Program& to) {
  if (&from == &to) return;
  resize_calls(to.calls, from.calls.size());
  for (size_t i = 0; i < from.calls.size(); ++i) copy_into(from.calls[i], to.calls[i]);
}

}  // namespace ffifuzz::program
