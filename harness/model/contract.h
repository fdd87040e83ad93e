// Contracts: what correct use of each function is. Plain data.
// Job: hold every contract decision together with the source it came from, so that
// `inspect` can show it and the harness can obey it.
// May depend on: model/api_model.h and the C++ standard library.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/api_model.h"

namespace ffifuzz::model {

// Strongest first: a stronger source overrides a weaker one, and the disagreement is
// recorded as a Conflict.
enum class ContractSource { TomlFile, HeaderAttribute, DocComment, Naming };

const char* to_string(ContractSource s);

// Where one decision came from: the source, and a human-readable detail
// ("ffifuzz.toml:12", "__attribute__((nonnull(1)))", "free_* pairs with get_* returning char*").
struct Origin {
  ContractSource source = ContractSource::Naming;
  std::string detail;

  bool operator==(const Origin&) const = default;
};

template <class T>
struct Decided {
  T value{};
  Origin origin;

  bool operator==(const Decided&) const = default;
};

enum class Direction { In, Out, InOut };
enum class LenUnit { Elements, Bytes };

struct LenSpec {
  std::string param;  // the parameter holding the length
  LenUnit unit = LenUnit::Elements;

  bool operator==(const LenSpec&) const = default;
};

struct IntRange {
  int64_t min = 0;
  int64_t max = 0;

  bool operator==(const IntRange&) const = default;
};

struct ParamContract {
  std::optional<Decided<bool>> nullable;        // true: may be NULL; false: must not be
  std::optional<Decided<LenSpec>> len;          // this pointer is a buffer of `len` units
  std::optional<Decided<bool>> cstring;         // NUL-terminated string
  std::optional<Decided<Direction>> direction;  // out / inout pointers are written by the callee
  std::optional<Decided<std::string>> handle;   // a handle of this type (e.g. "struct Builder")
  std::optional<Decided<IntRange>> range;       // integer values that are valid
  std::optional<Decided<bool>> releases;        // the function releases this handle
  std::optional<Decided<std::string>> length_of;  // this integer is the length of that buffer

  bool operator==(const ParamContract&) const = default;
};

struct ReturnContract {
  std::optional<Decided<std::string>> owned_by;       // the caller must release it with this function
  std::optional<Decided<std::string>> borrowed_from;  // lives as long as this parameter's handle
  std::optional<Decided<bool>> is_static;             // never released
  std::optional<Decided<bool>> nullable;              // may return NULL
  std::optional<Decided<std::string>> handle;         // returns a handle of this type

  bool operator==(const ReturnContract&) const = default;
};

struct FunctionContract {
  std::map<std::string, ParamContract> params;  // by parameter name
  ReturnContract ret;
  std::optional<Decided<std::vector<std::string>>> requires_calls;  // call these first
  std::optional<Decided<std::string>> skip;                         // do not call; why

  bool operator==(const FunctionContract&) const = default;
};

struct Conflict {
  std::string function;
  std::string param;  // empty for the return value / the function itself
  std::string what;   // "nullable", "owned_by", ...
  Origin winner;
  Origin loser;
  std::string message;

  bool operator==(const Conflict&) const = default;
};

struct Contracts {
  std::map<std::string, FunctionContract> functions;  // by function name
  std::vector<Conflict> conflicts;

  const FunctionContract* find(const std::string& function) const {
    auto it = functions.find(function);
    return it == functions.end() ? nullptr : &it->second;
  }

  bool operator==(const Contracts&) const = default;
};

}  // namespace ffifuzz::model
