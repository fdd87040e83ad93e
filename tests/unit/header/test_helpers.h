// Shared helpers for the header tests: parse a fixture, find things in the model.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "header/parse_header.h"
#include "model/error.h"

namespace ffifuzz::header::test {

inline std::string fixture(const std::string& name) { return std::string(HEADER_FIXTURES) + "/" + name; }

inline ParsedHeader parse_fixture(const std::string& name, std::string lang = "c") {
  ParseOptions o;
  o.headers = {fixture(name)};
  o.lang = std::move(lang);
  return parse_header(o);
}

inline const model::Function& function(const model::ApiModel& m, const std::string& name) {
  const model::Function* f = m.find_function(name);
  if (!f) throw std::runtime_error("no function " + name);
  return *f;
}

inline const model::Type& record(const model::ApiModel& m, const std::string& name) {
  auto id = m.find_type(name);
  if (!id) throw std::runtime_error("no type " + name);
  return m.type(*id);
}

inline const model::Field& field(const model::ApiModel& m, const model::Type& rec, const std::string& name) {
  for (const model::Field& f : rec.fields)
    if (f.name == name) return f;
  throw std::runtime_error("no field " + name + " in " + rec.name);
}

}  // namespace ffifuzz::header::test
