// Translates libclang types into the model's type table, one entry per distinct type.
// Records and enums get one entry each (plus one per const-qualified use); the typedef
// names that alias them accumulate in their typedef_chain. Every other type is keyed by its
// structure and the typedef chain it was reached through, so `uint32_t` and `unsigned int`
// stay distinguishable for messages while sharing layout facts.
#pragma once

#include <clang-c/Index.h>

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/api_model.h"

namespace ffifuzz::header {

class TypeTranslator {
 public:
  // `pointer_bytes`: the target's pointer width, for pointers libclang never shows us (adjusted
  // parameters).
  TypeTranslator(model::ApiModel& model, uint64_t pointer_bytes) : model_(model), pointer_bytes_(pointer_bytes) {}

  model::TypeId translate(CXType type);
  // A parameter's type as the callee receives it: libclang reports the type as written, so
  // arrays and functions are adjusted to pointers here, as C does.
  model::TypeId translate_parameter(CXType type);
  // Registers a record or enum definition seen at top level, so that the model lists it even
  // when no function uses it.
  model::TypeId translate_decl(CXCursor decl);

  // Completes the const-qualified copies of records (their base may have been incomplete
  // while recursion was in progress). Call once after the last translate().
  void finish();

  // A record whose layout libclang could not compute although it is complete: the header did
  // not really parse. Empty when all layouts are sound.
  const std::string& layout_error() const { return layout_error_; }

 private:
  model::TypeId intern(const std::string& key, model::Type type);
  model::TypeId translate_record(CXType canonical, CXCursor decl, bool is_const);
  model::TypeId translate_enum(CXType canonical, CXCursor decl, bool is_const);
  void fill_record(model::TypeId id, CXType canonical, CXCursor decl);
  std::string record_name(CXType canonical, CXCursor decl) const;

  model::ApiModel& model_;
  uint64_t pointer_bytes_;
  std::unordered_map<std::string, model::TypeId> by_key_;
  std::vector<std::pair<model::TypeId, model::TypeId>> const_copies_;  // (copy, base)
  std::string layout_error_;
};

}  // namespace ffifuzz::header
