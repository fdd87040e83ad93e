// ApiModel: the library's C interface as plain data.
// Job: describe types (with their C layout), functions and where each was declared.
// May depend on: the C++ standard library only. No libclang, libdw or libffi type appears
// here; the folders that read those sources translate into this model.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ffifuzz::model {

// Types live in one table (ApiModel::types) and refer to each other by index, so that
// recursive structs (a list node pointing to itself) need no ownership cycles.
using TypeId = uint32_t;
inline constexpr TypeId kNoType = UINT32_MAX;

enum class TypeKind {
  Void,
  Bool,
  Int,           // char, short, int, long, long long, size_t ... (width + signedness)
  Float,         // float, double (size says which)
  LongDouble,    // kept so that functions using it by value can be skipped with a reason
  Enum,
  Pointer,
  Struct,
  Union,
  Array,         // fixed-size array (a field or a typedef; parameters decay to pointers)
  Function,      // the pointee of a function pointer
  Unsupported,   // anything the model does not represent (va_list, vectors, _Complex...)
};

struct SourceLoc {
  std::string file;
  unsigned line = 0;

  bool operator==(const SourceLoc&) const = default;
};

struct Field {
  std::string name;
  TypeId type = kNoType;
  uint64_t offset_bits = 0;  // from the start of the record
  uint32_t bit_width = 0;    // 0 unless a bitfield

  bool operator==(const Field&) const = default;
};

struct Enumerator {
  std::string name;
  int64_t value = 0;

  bool operator==(const Enumerator&) const = default;
};

struct Type {
  TypeKind kind = TypeKind::Unsupported;
  // The canonical C spelling without typedefs, e.g. "struct Point", "unsigned int",
  // "const char *". Records and enums are looked up by this name.
  std::string name;
  // Typedef names through which this type was reached, outermost first
  // ("uint32_t" then "__uint32_t"): the header's own vocabulary for diagnostics.
  std::vector<std::string> typedef_chain;
  uint64_t size = 0;   // bytes; 0 for void, incomplete records and functions
  uint64_t align = 0;  // bytes
  bool is_signed = false;  // Int, Enum (of its underlying type)
  bool is_const = false;   // this type is const-qualified (a pointee's constness)

  TypeId pointee = kNoType;  // Pointer
  TypeId element = kNoType;  // Array
  uint64_t count = 0;        // Array element count

  // Struct / Union. An incomplete record (declared, never defined) is an opaque handle type.
  bool complete = false;
  bool packed = false;
  std::vector<Field> fields;

  // Enum.
  TypeId underlying = kNoType;
  std::vector<Enumerator> enumerators;

  // Function (pointee of a function pointer).
  TypeId ret = kNoType;
  std::vector<TypeId> params;
  bool variadic = false;

  SourceLoc decl;       // records, enums: where defined (or declared, if incomplete)
  std::string unsupported_reason;  // Unsupported / LongDouble: what it is

  bool operator==(const Type&) const = default;
};

struct Param {
  std::string name;  // may be empty in a prototype without names
  TypeId type = kNoType;

  bool operator==(const Param&) const = default;
};

struct Function {
  std::string name;
  TypeId ret = kNoType;
  std::vector<Param> params;
  bool variadic = false;
  SourceLoc decl;
  // Set when the harness cannot call this function at all (a va_list parameter, long double
  // by value, ...). The function stays in the model so that `inspect` can say why.
  std::optional<std::string> skip_reason;
  // `static` (or `static inline`) in the header: the header defines it, so the library is
  // not expected to export it (check does not look for it; fuzz skips it, skip_reason says so).
  bool header_static = false;

  bool operator==(const Function&) const = default;
};

struct ApiModel {
  std::vector<Type> types;
  std::vector<Function> functions;
  // The headers the model was read from (the user's, not the system's).
  std::vector<std::string> headers;

  const Type& type(TypeId id) const { return types.at(id); }
  const Function* find_function(const std::string& name) const;
  // Records and enums by their C name ("struct Point", "Point" via typedef, "enum Color"), or
  // by a bare tag no type or typedef is named ("point_s" for struct point_s).
  std::optional<TypeId> find_type(const std::string& name) const;
  // Follows Pointer/Array links: the type that `id` ultimately points to or contains.
  TypeId strip_pointers(TypeId id) const;

  bool operator==(const ApiModel&) const = default;
};

// Short human form of a type for messages: "const char *", "struct Point", "int32_t".
std::string describe(const ApiModel& model, TypeId id);

}  // namespace ffifuzz::model
