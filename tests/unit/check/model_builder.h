// Builds small ApiModels and BinaryFacts by hand for the check/ unit tests.
#pragma once

#include "model/api_model.h"
#include "model/binary_facts.h"

namespace ffifuzz::check::test {

struct ApiBuilder {
  model::ApiModel api;

  // Declarations below are in "lib.h", the user's header (others count as system headers).
  ApiBuilder() { api.headers = {"lib.h"}; }

  model::TypeId add(model::Type t) {
    api.types.push_back(std::move(t));
    return static_cast<model::TypeId>(api.types.size() - 1);
  }
  model::TypeId integer(const std::string& name, uint64_t size) {
    model::Type t;
    t.kind = model::TypeKind::Int;
    t.name = name;
    t.typedef_chain = {name};
    t.size = t.align = size;
    return add(t);
  }
  model::TypeId pointer_to(model::TypeId pointee) {
    model::Type t;
    t.kind = model::TypeKind::Pointer;
    t.name = api.type(pointee).name + " *";
    t.size = t.align = 8;
    t.pointee = pointee;
    return add(t);
  }
  model::TypeId void_type() {
    model::Type t;
    t.kind = model::TypeKind::Void;
    t.name = "void";
    return add(t);
  }
  // Fields: (name, type); offsets and size laid out the C way.
  model::TypeId record(const std::string& name, std::vector<std::pair<std::string, model::TypeId>> fields) {
    model::Type t;
    t.kind = model::TypeKind::Struct;
    t.name = "struct " + name;
    t.complete = true;
    t.decl = {"lib.h", 10};
    uint64_t offset = 0, align = 1;
    for (auto& [fname, ftype] : fields) {
      const model::Type& ft = api.type(ftype);
      offset = (offset + ft.align - 1) / ft.align * ft.align;
      t.fields.push_back({fname, ftype, offset * 8, 0});
      offset += ft.size;
      align = std::max(align, ft.align);
    }
    t.size = (offset + align - 1) / align * align;
    t.align = align;
    return add(t);
  }
  model::Function& function(const std::string& name, model::TypeId ret,
                            std::vector<std::pair<std::string, model::TypeId>> params = {}) {
    model::Function f;
    f.name = name;
    f.ret = ret;
    f.decl = {"lib.h", static_cast<unsigned>(20 + api.functions.size())};
    for (auto& [pname, ptype] : params) f.params.push_back({pname, ptype});
    api.functions.push_back(f);
    return api.functions.back();
  }
};

inline model::BinarySymbol symbol(const std::string& name, const std::string& demangled = "",
                                  const std::string& short_name = "") {
  model::BinarySymbol s;
  s.name = name;
  s.demangled = demangled.empty() ? name : demangled;
  s.short_name = short_name.empty() ? name : short_name;
  s.is_function = true;
  return s;
}

inline model::BinaryType scalar(const std::string& name, model::ValueKind kind, uint64_t size) {
  model::BinaryType t;
  t.name = t.qualified_name = name;
  t.kind = t.abi_kind = kind;
  t.size = size;
  t.size_known = true;
  t.shape = kind == model::ValueKind::Pointer ? model::TypeShape::Pointer : model::TypeShape::Base;
  return t;
}

}  // namespace ffifuzz::check::test
