// A hand-built ApiModel for the program layer's unit tests: types and functions added one by
// one, the way the header layer would have read them.
#pragma once

#include <utility>
#include <vector>

#include "model/api_model.h"

namespace ffifuzz::program::test {

struct ApiBuilder {
  model::ApiModel api;

  model::TypeId add(model::Type t) {
    api.types.push_back(std::move(t));
    return static_cast<model::TypeId>(api.types.size() - 1);
  }
  model::TypeId integer(const char* name, uint64_t size, bool is_signed) {
    model::Type t;
    t.kind = model::TypeKind::Int;
    t.name = name;
    t.size = t.align = size;
    t.is_signed = is_signed;
    return add(t);
  }
  model::TypeId pointer_to(model::TypeId pointee) {
    model::Type t;
    t.kind = model::TypeKind::Pointer;
    t.name = api.types[pointee].name + " *";
    t.size = t.align = 8;
    t.pointee = pointee;
    return add(t);
  }
  void function(const char* name, model::TypeId ret, std::vector<model::Param> params) {
    model::Function f;
    f.name = name;
    f.ret = ret;
    f.params = std::move(params);
    api.functions.push_back(f);
  }
};

}  // namespace ffifuzz::program::test
