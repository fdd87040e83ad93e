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
// recorded as a Conflict. Learned (what a fuzz run learned from a finding the harness caused:
// a run's learned.toml) ranks above naming and below everything a person or the header
// stated; it is last in this list only so that stored payloads keep their numbers.
enum class ContractSource { TomlFile, HeaderAttribute, DocComment, Naming, Learned };

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

// The value of a contract's `value` expression.
struct FixedValue {
  bool is_string = false;
  int64_t integer = 0;
  std::string text;  // is_string
  bool operator==(const FixedValue&) const = default;
};

struct IntRange {
  int64_t min = 0;
  int64_t max = 0;

  bool operator==(const IntRange&) const = default;
};

// The valid values of a float or double parameter (`range = [0.0, 1.0]`), ends included.
struct RealRange {
  double min = 0;
  double max = 0;

  bool operator==(const RealRange&) const = default;
};

struct ParamContract {
  std::optional<Decided<bool>> nullable;        // true: may be NULL; false: must not be
  // This pointer is a buffer of `len` units. An empty `param` says it is not (`len = false`:
  // a contract undoing a pairing that naming made).
  std::optional<Decided<LenSpec>> len;
  std::optional<Decided<bool>> cstring;         // NUL-terminated string
  // At least this many bytes behind the pointer, whatever the bytes given: a size the library
  // knows and no parameter says (a 32-byte key, a 12-byte stream header; `T p[N]` in the header).
  std::optional<Decided<uint64_t>> size;
  std::optional<Decided<Direction>> direction;  // out / inout pointers are written by the callee
  std::optional<Decided<std::string>> handle;   // a handle of this type (e.g. "struct Builder")
  std::optional<Decided<IntRange>> range;       // integer values that are valid
  // A range written with a fractional bound: for a float or double parameter only (an integer
  // `range` applies to one too).
  std::optional<Decided<RealRange>> real_range;
  std::optional<Decided<bool>> releases;        // the function releases this handle
  // The function adds a reference to this handle (exif_data_ref): each successful call owes one
  // more release of the object, made at the end of the program like the first.
  std::optional<Decided<bool>> retains;
  std::optional<Decided<std::string>> length_of;  // this integer is the length of that buffer
  // A C expression (evaluated against the header: "ZLIB_VERSION", "sizeof(z_stream)", "0")
  // the argument always has; the fuzzer never varies it. `fixed` holds its value once known.
  std::optional<Decided<std::string>> value;
  std::optional<model::FixedValue> fixed;
  // The function initializes the caller-allocated object this pointer points to: the harness
  // passes zeroed storage of the pointee's size, which is a live handle from then on.
  std::optional<Decided<bool>> initializes;
  // T **: the callee stores a new object the caller owns here, released with this function
  // ("" until inferred: the releaser of T).
  std::optional<Decided<std::string>> out_owned_by;
  // The callee adds this handle to the object of that parameter (a container keeps it): the
  // harness never makes an object its own descendant, which would be a cycle it created.
  std::optional<Decided<std::string>> adopted_by;
  // A C string that names a file or folder: the harness passes a path inside its scratch
  // folder (never one of the user's), its name taken from the fuzzed bytes.
  std::optional<Decided<bool>> path;
  // A handle made only by these functions (json-c's json_object_array_shrink takes what
  // json_object_new_array made, not any json_object): the harness passes no other.
  std::optional<Decided<std::vector<std::string>>> made_by;

  bool operator==(const ParamContract&) const = default;
};

struct ReturnContract {
  std::optional<Decided<std::string>> owned_by;       // the caller must release it with this function
  std::optional<Decided<std::string>> borrowed_from;  // lives as long as this parameter's handle
  std::optional<Decided<bool>> is_static;             // never released
  std::optional<Decided<bool>> nullable;              // may return NULL
  std::optional<Decided<std::string>> handle;         // returns a handle of this type
  // The call succeeded when it returned this; any other result leaves the object it was
  // about (its first handle) fit only for its releaser (libyaml's parser after an error).
  std::optional<Decided<int64_t>> success;
  // The call failed when it returned this (libzip's zip_add: the new index, or -1): for
  // functions whose successes are many values and whose failure is one.
  std::optional<Decided<int64_t>> failure;
  // A char * result is a NUL-terminated string (checked so); false: bytes (a decoder's output).
  std::optional<Decided<bool>> cstring;

  bool operator==(const ReturnContract&) const = default;
};

struct FunctionContract {
  std::map<std::string, ParamContract> params;  // by parameter name
  ReturnContract ret;
  std::optional<Decided<std::vector<std::string>>> requires_calls;  // call these first
  std::optional<Decided<std::string>> skip;                         // do not call; why
  // Call once, before any program, and never again (a library's global init). Parameters
  // take their `value` (or the plainest value of their type).
  std::optional<Decided<bool>> init_once;
  // At most once per object (its first handle argument): yaml_parser_set_input_string.
  std::optional<Decided<bool>> once;
  // Not on an object any of these functions was called with (yaml_parser_scan excludes
  // yaml_parser_parse: "do not mix" them on one parser).
  std::optional<Decided<std::vector<std::string>>> excludes;
  // Whether what the function releases or steals is released when the call fails (its result
  // is not returns.success). Unset: yes (jansson's *_new setters drop the value's reference
  // even when they fail); false: a failed call kept nothing and released nothing, the
  // objects stay the caller's (an append that fails leaves the item to its caller).
  std::optional<Decided<bool>> released_on_failure;
  bool operator==(const FunctionContract&) const = default;
};

// A field of a struct type the harness fills in before each call that takes an object of the
// type (z_stream's next_in / avail_in): a buffer and its length, like a parameter.
struct FieldContract {
  std::optional<Decided<std::string>> len;  // this pointer field holds `len` elements / bytes
  std::optional<Decided<LenUnit>> len_unit;
  std::optional<Decided<Direction>> direction;  // out: the callee writes the buffer
  std::optional<Decided<std::string>> value;    // fixed, as for parameters
  std::optional<model::FixedValue> fixed;
  bool operator==(const FieldContract&) const = default;
};

struct TypeContract {
  std::map<std::string, FieldContract> fields;  // by field name
  // Reference counting: the harness drops its reference by decrementing this field and calls
  // `destroy` when the count reaches zero (for libraries whose decref is a header inline).
  std::optional<Decided<std::string>> refcount_field;
  std::optional<Decided<std::string>> destroy;
  // The library's objects of this type begin with it and are larger (jansson's json_array_t
  // starts with a json_t): a returned heap block larger than sizeof is not a layout mismatch.
  std::optional<Decided<bool>> base;

  bool operator==(const TypeContract&) const = default;
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
  // Parameter contracts by parameter name, for every function with such a parameter
  // ([params.version] value = "ZLIB_VERSION"); a function's own entry is stronger.
  std::map<std::string, ParamContract> params_by_name;
  std::map<std::string, TypeContract> types;  // by the type's name as written in the header
  std::vector<Conflict> conflicts;

  const FunctionContract* find(const std::string& function) const {
    auto it = functions.find(function);
    return it == functions.end() ? nullptr : &it->second;
  }

  bool operator==(const Contracts&) const = default;
};

}  // namespace ffifuzz::model
