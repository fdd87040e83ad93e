#include "model/api_model.h"

namespace ffifuzz::model {

const Function* ApiModel::find_function(const std::string& name) const {
  for (const Function& f : functions)
    if (f.name == name) return &f;
  return nullptr;
}

std::optional<TypeId> ApiModel::find_type(const std::string& name) const {
  for (TypeId id = 0; id < types.size(); ++id) {
    const Type& t = types[id];
    if (t.kind != TypeKind::Struct && t.kind != TypeKind::Union && t.kind != TypeKind::Enum)
      continue;
    if (t.name == name) return id;
    for (const std::string& alias : t.typedef_chain)
      if (alias == name) return id;
  }
  // A bare tag ("ZSTD_outBuffer_s" for struct ZSTD_outBuffer_s), when no type or typedef has
  // that name: what a contract writer copies from the header's `typedef struct X {...} Y;`.
  for (const char* kind : {"struct ", "union ", "enum "})
    for (TypeId id = 0; id < types.size(); ++id)
      if (types[id].name == kind + name) return id;
  return std::nullopt;
}

TypeId ApiModel::strip_pointers(TypeId id) const {
  while (id != kNoType) {
    const Type& t = types.at(id);
    if (t.kind == TypeKind::Pointer) id = t.pointee;
    else if (t.kind == TypeKind::Array) id = t.element;
    else break;
  }
  return id;
}

std::string describe(const ApiModel& model, TypeId id) {
  if (id == kNoType) return "<none>";
  const Type& t = model.type(id);
  // The header's own vocabulary first: the outermost typedef name it used.
  if (!t.typedef_chain.empty()) return (t.is_const ? "const " : "") + t.typedef_chain.front();
  // Pointers and arrays spelled from their parts, so a pointee's typedef shows
  // ("const uint8_t *", not "const unsigned char *").
  if (t.kind == TypeKind::Pointer && t.pointee != kNoType &&
      model.type(t.pointee).kind != TypeKind::Function) {
    std::string inner = describe(model, t.pointee);
    return inner + (inner.ends_with("*") ? "*" : " *") + (t.is_const ? " const" : "");
  }
  if (t.kind == TypeKind::Array && t.element != kNoType)
    return describe(model, t.element) + "[" + std::to_string(t.count) + "]";
  return t.name;
}

}  // namespace ffifuzz::model

#include "model/contract.h"

namespace ffifuzz::model {

const char* to_string(ContractSource s) {
  switch (s) {
    case ContractSource::TomlFile: return "contract-file";
    case ContractSource::HeaderAttribute: return "attribute";
    case ContractSource::DocComment: return "doc-comment";
    case ContractSource::Naming: return "naming";
    case ContractSource::Learned: return "learned";
  }
  return "unknown";
}

}  // namespace ffifuzz::model
